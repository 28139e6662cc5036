"""Tokenizing any text in linear time: long texts in parts, punctuation runs as pieces."""

from __future__ import annotations

import itertools

import pytest
from spacy.language import Language

from pipeline.clean.document import CleanDoc
from pipeline.extract.nlp import make_doc
from pipeline.extract.tokens import MAX_PUNCT_RUN, PUNCT_PIECE, segments, tokenize

ARTICLE = (
    "The council met on Tuesday. “We will vote,” said Ann Lee, the mayor (a Democrat).\n\n"
    "Bob Smith, of Acme Corp., disagreed -- strongly... He left at 5 p.m.\n\n"
)


def test_normal_text_is_one_make_doc(nlp: Language) -> None:
    doc = tokenize(nlp, ARTICLE)
    assert [t.text for t in doc] == [t.text for t in nlp.make_doc(ARTICLE)]
    assert segments(ARTICLE) == [(0, len(ARTICLE), False)]


@pytest.mark.parametrize(
    "text",
    [
        "Story. " + "(" * 5000,
        "Story " + "[" * 300 + " end",
        "a" + "([{!?" * 100 + "b " + "-" * 70 + " " + "_" * 80 + "\n\n" + "." * 65,
        ARTICLE + "“" * 1000 + ARTICLE,
    ],
)
def test_punctuation_runs_become_pieces_offsets_unchanged(nlp: Language, text: str) -> None:
    doc = tokenize(nlp, text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
    assert max(len(t.text) for t in doc) <= max(PUNCT_PIECE, 30)
    assert not any(t.is_sent_start for t in doc[1:])  # parts are not sentences


def test_short_runs_are_left_to_the_tokenizer(nlp: Language) -> None:
    text = "Wait" + "!" * MAX_PUNCT_RUN + " what"
    assert segments(text) == [(0, len(text), False)]


def test_long_text_in_paragraph_aligned_parts(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = ARTICLE * 40
    parts = segments(text, part_chars=1000)
    assert len(parts) > 5 and parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(parts))
    assert all(text[e - 2 : e] == "\n\n" for _, e, _ in parts[:-1])
    whole = [t.text for t in nlp.make_doc(text)]
    monkeypatch.setattr(nlp, "max_length", 1000)
    joined = tokenize(nlp, text)
    assert [t.text for t in joined] == whole


def test_paragraph_longer_than_a_part_is_cut_after_a_space() -> None:
    text = "word " * 500
    parts = segments(text, part_chars=333)
    assert all(text[e - 1] == " " for _, e, _ in parts[:-1])


def test_text_over_max_length_runs_through_the_pipeline(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """spaCy refuses texts over nlp.max_length (E088); parts of it are fine."""
    text = ARTICLE * 30
    monkeypatch.setattr(nlp, "max_length", 1000)
    doc = nlp(make_doc(nlp, CleanDoc(text=text, format="text"), None))
    assert doc.text == text
    assert {"Ann Lee", "Bob Smith"} <= {e.name for e in doc._.entities}
    assert len(doc._.quotes) == 30
    for quote in doc._.quotes:
        assert text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize("run", ["a-" * 600, "aa." * 400, "x" * 1500])
def test_long_words_become_pieces(nlp: Language, run: str) -> None:
    """A whitespace-free run longer than MAX_WORD is no word: 16-character tokens, not one
    token per character for the model to read."""
    text = f"Before {run} after."
    doc = tokenize(nlp, text)
    assert doc.text == text
    assert len(doc) <= 2 + len(run) // PUNCT_PIECE + 1 + 2
    assert [t.text for t in doc][:1] == ["Before"] and doc[-2].text == "after"


def test_long_text_annotated_part_by_part_then_facts_whole(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model's components run on each part, the fact components on the joined Doc: the
    same text and offsets, parses within each part, facts from every part."""
    from pipeline.extract import tokens
    from pipeline.extract.nlp import annotate

    text = ARTICLE * 30
    monkeypatch.setattr(tokens, "PART_CHARS", 1000)
    made = make_doc(nlp, CleanDoc(text=text, format="text"), None)
    parts = tokens.model_parts(made)
    assert len(parts) >= len(text) // 1000
    assert parts[0][0] == 0 and parts[-1][1] == len(made)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(parts))
    seen: list[int] = []
    pipe = nlp.pipe
    monkeypatch.setattr(nlp, "pipe", lambda docs, **kw: pipe(d for d in docs if not seen.append(1)))
    [doc] = annotate(nlp, [made])
    assert len(seen) == len(parts)  # the model ran once per part
    assert doc.text == text and doc._.clean is made._.clean
    assert all(doc[start].is_sent_start for start, _ in parts)
    assert {"Ann Lee", "Bob Smith"} <= {e.name for e in doc._.entities}
    assert len(doc._.quotes) == 30
    for quote in doc._.quotes:
        assert text[quote.start : quote.end] == quote.text
