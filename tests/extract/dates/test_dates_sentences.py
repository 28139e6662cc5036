"""Sentence bounds for date rules: indexed once per doc, the same as spaCy's own `token.sent`."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from pipeline.extract.dates.detect import sentence_bounds


def test_sentence_bounds_match_spacys_sentences(run_nlp: Callable[..., Doc]) -> None:
    doc = run_nlp(
        "The council met on Tuesday. It voted 5-2 in March 2024!\n\n"
        "“We will return next year,” the mayor said. Then nothing happened for a decade."
    )
    assert len(list(doc.sents)) > 2
    for token in doc:
        assert sentence_bounds(doc, token.i) == (token.sent.start, token.sent.end), token.text
