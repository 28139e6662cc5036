"""Per-token string tests answered from the arrays agree with asking each token."""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.language import Language

from pipeline.extract.columns import tokens_where


def test_tokens_where_answers_as_each_token_would(nlp: Language) -> None:
    doc = nlp("Officials SAID on Monday that 3 bridges said to be safe were closed in 2024.")
    assert tokens_where(doc, LOWER, "said".__eq__).tolist() == [t.lower_ == "said" for t in doc]
    assert tokens_where(doc, LEMMA, "say".__eq__).tolist() == [t.lemma_ == "say" for t in doc]
    digits = tokens_where(doc, ORTH, lambda text: any(c.isdigit() for c in text))
    assert [t.text for t, hit in zip(doc, digits, strict=True) if hit] == ["3", "2024"]
    assert tokens_where(nlp.make_doc(""), ORTH, bool).tolist() == []
