"""The Rust-in-Linux sample: every real quote, the right named speaker, no scare quotes."""

from __future__ import annotations

import pytest
from conftest import shared_sample
from spacy.language import Language

from pipeline.clean import clean_source
from pipeline.extract.nlp import make_doc
from pipeline.validate.models import Quote

# (start of the quoted words, speaker name, kind)
EXPECTED = [
    ("The consensus among the assembled developers", "Jonathan Corbet", "direct"),
    ("There was zero pushback.", "Steven Rosted", "direct"),
    ("I think we\u2019ve reached a stage", "Linus Torvalds", "direct"),
    ("proposing a rewrite of the Linux kernel", "Nelson Elhage", "partial"),
    ("I\u2019m interested in the project", "Linus Torvalds", "direct"),
    ("Personally,", "Linus Torvalds", "direct"),
    ("in no way \u201cpushing\u201d for Rust", "Linus Torvalds", "partial"),
    ("The kernel is a huge project", "Miguel Ojeda", "direct"),
    ("stop everything and learn Rust", "Laurent Pinchart", "partial"),
    ("Kernel maintainers tend to be very conservative.", "Dan Williams", "direct"),
    ("don\u2019t know how to review this", "Dan Williams", "partial"),
    ("code maintenance burden.", "Ted T\u2019so", "partial"),
]


@pytest.fixture(scope="module")
def quotes(nlp: Language) -> tuple[str, list[Quote]]:
    clean = clean_source(shared_sample("rust-in-linux-kernel.md").read_bytes(), "markdown")
    doc = nlp(make_doc(nlp, clean, None))
    return doc.text, doc._.quotes


def test_every_real_quote_has_its_named_speaker(quotes: tuple[str, list[Quote]]) -> None:
    _, found = quotes
    for start, name, kind in EXPECTED:
        match = [q for q in found if q.text.startswith(start)]
        assert len(match) == 1, start
        q = match[0]
        assert q.speaker is not None and q.speaker.name == name, (start, q.speaker)
        assert q.kind == kind, start


def test_no_scare_quote_nested_quote_or_stray_speaker(quotes: tuple[str, list[Quote]]) -> None:
    _, found = quotes
    texts = [q.text for q in found if q.kind != "indirect"]
    for scare in ("leaf", "experimental", "pushing", "main"):
        assert scare not in texts
    expected_starts = [e[0] for e in EXPECTED]
    extra = [t for t in texts if not any(t.startswith(s) for s in expected_starts)]
    # the only other quoted words are Torvalds' 'wait and see', which is his
    assert all(t == "wait and see" for t in extra), extra
    names = {q.speaker.name for q in found if q.speaker and q.kind != "indirect"}
    assert names <= {e[1] for e in EXPECTED}


def test_indirect_speech_with_said_that(quotes: tuple[str, list[Quote]]) -> None:
    _, found = quotes
    indirect = [q for q in found if q.kind == "indirect"]
    (q,) = [q for q in indirect if q.cue == "said"]
    assert q.text.startswith("that about two-thirds of Linux kernel vulnerabilities")
    assert q.speaker is not None and q.speaker.name == "Alex Gaynor"
    for q in indirect:  # never inside or across a quotation
        assert not any(ch in q.text for ch in "\u201c\u201d")


def test_roles_from_the_text(quotes: tuple[str, list[Quote]]) -> None:
    _, found = quotes
    roles = {q.speaker.name: q.speaker.role for q in found if q.speaker}
    assert roles["Jonathan Corbet"] == "Linux kernel developer"
    assert roles["Steven Rosted"] == "Linux kernel maintainer"
    assert roles["Dan Williams"] == (
        "senior principal engineer on Intel\u2019s Linux core kernel architecture team"
    )
    assert roles["Ted T\u2019so"] == "senior Linux kernel developer"


def test_offsets_point_into_the_text(quotes: tuple[str, list[Quote]]) -> None:
    text, found = quotes
    for q in found:
        assert text[q.start : q.end] == q.text
        sp = q.speaker
        if sp is not None and sp.start is not None and sp.end is not None:
            assert sp.name.split()[-1] in text[sp.start : sp.end] or text[
                sp.start : sp.end
            ].lower() in {"he", "she"}
