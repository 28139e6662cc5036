"""The Rust-in-Linux sample: every person is one PERSON entity under the full name."""

from __future__ import annotations

from itertools import pairwise

import pytest
from conftest import shared_sample
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.clean import clean_source
from pipeline.extract.nlp import make_doc

PEOPLE = {
    "Jonathan Corbet",
    "Steven Rosted",
    "Linus Torvalds",
    "Alex Gaynor",
    "Geoffrey Thomas",
    "Nelson Elhage",
    "Miguel Ojeda",
    "Sylvestre Ledru",
    "Laurent Pinchart",
    "Dan Williams",
    "Ted T’so",
    "Steven J. Vaughan-Nichols",  # the byline, from the bio the clean stage removed
}


@pytest.fixture(scope="module")
def sample_doc(nlp: Language) -> Doc:
    clean = clean_source(shared_sample("rust-in-linux-kernel.md").read_bytes(), "markdown")
    doc = make_doc(nlp, clean, None)
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "facts_entities":
            break
    return doc


def test_every_person_is_one_person_entity_with_the_full_name(sample_doc: Doc) -> None:
    people = [e.name for e in sample_doc._.entities if e.label == "PERSON"]
    assert sorted(people) == sorted(PEOPLE)


def test_no_product_language_or_project_is_a_person(sample_doc: Doc) -> None:
    labels = {e.name: e.label for e in sample_doc._.entities}
    for name in ("Linux", "Rust"):
        assert labels[name] != "PERSON"
    assert labels.get("Kernel") != "PERSON"
    for e in sample_doc._.entities:
        if e.label == "PERSON":
            assert not {"linux", "rust", "kernel"} & set(e.name.lower().split())


def test_short_references_join_the_person(sample_doc: Doc) -> None:
    by_name = {e.name: e for e in sample_doc._.entities}
    assert {m.text for m in by_name["Linus Torvalds"].mentions} == {"Linus Torvalds", "Torvalds"}
    assert len(by_name["Linus Torvalds"].mentions) == 3
    assert [m.text for m in by_name["Miguel Ojeda"].mentions] == ["Miguel Ojeda", "Ojeda", "Ojeda"]


def test_acronyms_join_their_expansions(sample_doc: Doc) -> None:
    texts = {e.name: {m.text for m in e.mentions} for e in sample_doc._.entities}
    assert texts["Amazon Web Services"] == {"Amazon Web Services", "AWS"}
    assert texts["Internet Security Research Group"] == {"Internet Security Research Group", "ISRG"}


def test_offsets_and_order(sample_doc: Doc) -> None:
    entities = sample_doc._.entities
    firsts = [e.mentions[0].start for e in entities if e.mentions]
    assert firsts == sorted(firsts)
    assert all(not e.mentions for e in entities[len(firsts) :])
    for e in entities:
        assert 0.0 <= e.salience <= 1.0
        for m in e.mentions:
            assert sample_doc.text[m.start : m.end] == m.text
    spans = sorted((m.start, m.end) for e in entities for m in e.mentions)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))  # no overlaps
