"""Invariants on real news text (PolNeAR dev): offsets, order, one label, unique ids."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from conftest import shared_eval
from spacy.language import Language

from pipeline.clean.document import CleanDoc
from pipeline.extract.entities.labels import ENTITY_LABELS
from pipeline.extract.nlp import make_doc

DOCS = 6


@pytest.fixture(scope="module")
def texts() -> list[str]:
    path = shared_eval("quotes/polnear-dev.jsonl")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for _, line in zip(range(DOCS), f, strict=False)]


def test_every_output_keeps_the_invariants(nlp: Language, texts: list[str]) -> None:
    for text in texts:
        doc = make_doc(nlp, CleanDoc(text, "text"), None)
        for name, proc in nlp.pipeline:
            doc = proc(doc)
            if name == "ner":
                before = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            if name == "facts_entities":
                break
        entities = doc._.entities
        assert entities, "a news story names something"
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == before
        assert len({e.id for e in entities}) == len(entities)
        firsts = [e.mentions[0].start for e in entities if e.mentions]
        assert firsts == sorted(firsts)
        spans = []
        for e in entities:
            assert e.label in ENTITY_LABELS and e.name.strip() == e.name and e.name
            assert 0.0 <= e.salience <= 1.0
            assert [m.start for m in e.mentions] == sorted(m.start for m in e.mentions)
            for m in e.mentions:
                assert text[m.start : m.end] == m.text and m.text.strip() == m.text
                spans.append((m.start, m.end))
        spans.sort()
        assert all(a[1] <= b[0] for a, b in pairwise(spans)), "mentions of two entities overlap"
        assert max(e.salience for e in entities) > 0
