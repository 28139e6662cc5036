"""One entity per real-world thing: names, short forms, acronyms, variants, the byline."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.clean.document import CleanDoc, CleanMetadata
from pipeline.extract.entities.recall import name_pattern
from pipeline.extract.nlp import make_doc
from pipeline.validate.models import Entity

Run = Callable[..., Doc]


@pytest.fixture(scope="module")
def run_entities(nlp: Language) -> Run:
    """The model and facts_entities only, so these tests do not depend on later components."""

    def _run(text: str, author: str | None = None, title: str | None = None) -> Doc:
        clean = CleanDoc(text, "text", CleanMetadata(author=author, title=title))
        doc = make_doc(nlp, clean, None)
        for name, proc in nlp.pipeline:
            doc = proc(doc)
            if name == "facts_entities":
                break
        return doc

    return _run


def check_offsets(doc: Doc) -> None:
    for e in doc._.entities:
        assert 0.0 <= e.salience <= 1.0
        assert [m.start for m in e.mentions] == sorted(m.start for m in e.mentions)
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.text


def by_name(doc: Doc, name: str) -> Entity:
    check_offsets(doc)
    found = [e for e in doc._.entities if e.name == name]
    assert len(found) == 1, [(e.name, e.label) for e in doc._.entities]
    return found[0]


def test_surname_references_join_the_full_name(run_entities: Run) -> None:
    doc = run_entities(
        "Margaret Hollis founded the laboratory in 1990. Hollis said the work was hard, "
        "and Hollis added that funding was scarce."
    )
    e = by_name(doc, "Margaret Hollis")
    assert e.label == "PERSON"
    assert [m.text for m in e.mentions] == ["Margaret Hollis", "Hollis", "Hollis"]
    assert not [x for x in doc._.entities if x.name == "Hollis"]


def test_hyphenated_surname_joins_the_full_name(run_entities: Run) -> None:
    doc = run_entities(
        "Engineer Dana Whitfield-Okafor told reporters the bridge was safe. "
        "Whitfield-Okafor added that repairs would start soon."
    )
    e = by_name(doc, "Dana Whitfield-Okafor")
    assert e.label == "PERSON" and len(e.mentions) == 2


def test_multi_word_surname_and_person_acronym_join_the_full_name(run_entities: Run) -> None:
    doc = run_entities("Jean-Claude Van Damme (JCVD) said. JCVD said Van Damme said.")
    e = by_name(doc, "Jean-Claude Van Damme")
    assert e.label == "PERSON"
    assert [m.text for m in e.mentions] == ["Jean-Claude Van Damme", "JCVD", "JCVD", "Van Damme"]


def test_people_sharing_a_surname_stay_apart(run_entities: Run) -> None:
    doc = run_entities(
        "Hillary Clinton met Chelsea Clinton in New York. Clinton said the meeting went well."
    )
    hillary = by_name(doc, "Hillary Clinton")
    chelsea = by_name(doc, "Chelsea Clinton")
    assert len(chelsea.mentions) == 1
    # The bare surname goes to the person named in full most often, then to the first named.
    assert [m.text for m in hillary.mentions] == ["Hillary Clinton", "Clinton"]


def test_acronym_in_parentheses_joins_its_expansion(run_entities: Run) -> None:
    doc = run_entities(
        "The National Transportation Safety Board (NTSB) opened an inquiry on Monday. "
        "The NTSB said it would report in May."
    )
    e = by_name(doc, "National Transportation Safety Board")
    assert e.label == "ORG"
    assert [m.text for m in e.mentions] == ["National Transportation Safety Board", "NTSB", "NTSB"]


def test_expansion_is_widened_to_match_the_acronym(run_entities: Run) -> None:
    # The model tags only part of the expansion; the initials give the whole name.
    doc = run_entities(
        "Funding came from the Internet Security Research Group (ISRG) last year, "
        "and ISRG staff reviewed the code."
    )
    e = by_name(doc, "Internet Security Research Group")
    assert [m.text for m in e.mentions] == ["Internet Security Research Group", "ISRG", "ISRG"]


def test_company_named_without_its_suffix_is_one_entity(run_entities: Run) -> None:
    doc = run_entities(
        "Shares of Brackwater Energy fell on Monday. Brackwater said it would cut jobs, "
        "and Brackwater expects losses."
    )
    e = by_name(doc, "Brackwater Energy")
    assert e.label == "ORG"
    assert [m.text for m in e.mentions] == ["Brackwater Energy", "Brackwater", "Brackwater"]


def test_nationality_is_not_a_company_short_form(run_entities: Run) -> None:
    doc = run_entities("American Airlines cut fares. American officials said the economy was fine.")
    assert len(by_name(doc, "American Airlines").mentions) == 1


def test_case_and_apostrophe_variants_are_one_entity(run_entities: Run) -> None:
    doc = run_entities(
        "Officials in TOKYO met on Monday. Tokyo later said the talks went well in Tokyo."
    )
    tokyo = [e for e in doc._.entities if e.name.lower() == "tokyo"]
    assert len(tokyo) == 1 and len(tokyo[0].mentions) == 3


def test_author_not_in_the_text_is_an_entity_without_mentions(run_entities: Run) -> None:
    doc = run_entities("The council met on Monday in Leeds.", author="By Priya Raman")
    e = by_name(doc, "Priya Raman")
    assert e.label == "PERSON" and e.mentions == []
    assert doc._.entities[-1] is e  # entities without mentions come last


def test_author_named_in_the_text_gets_the_mentions(run_entities: Run) -> None:
    doc = run_entities("As Raman wrote last week, the council met in Leeds.", author="Priya Raman")
    e = by_name(doc, "Priya Raman")
    assert [m.text for m in e.mentions] == ["Raman"]


def test_untagged_occurrences_of_a_name_are_added(run_entities: Run) -> None:
    doc = run_entities(
        "Mr. Okonkwo told the committee that the budget was short. Okonkwo later resigned."
    )
    e = by_name(doc, "Okonkwo")
    assert e.label == "PERSON" and len(e.mentions) == 2


def test_transcript_capitals_join_the_person(run_entities: Run) -> None:
    doc = run_entities(
        "Governor Mike Pence joined the show on Sunday.\n\n"
        "PENCE: Well, look, the debate will be fine.\n\nPENCE: We are ready."
    )
    e = by_name(doc, "Mike Pence")
    assert [m.text for m in e.mentions] == ["Mike Pence", "PENCE", "PENCE"]


def test_name_glued_to_a_closing_quote_is_found(run_entities: Run) -> None:
    doc = run_entities(
        "Hillary Clinton spoke in Reno. “We reject the prejudice and paranoia,”Clinton said."
    )
    e = by_name(doc, "Hillary Clinton")
    assert [m.text for m in e.mentions] == ["Hillary Clinton", "Clinton"]


def test_added_occurrences_respect_token_boundaries(run_entities: Run) -> None:
    doc = run_entities(
        "Apple said sales rose. Applesauce makers and pineapple growers were not surprised, "
        "Apple’s shares rose."
    )
    e = by_name(doc, "Apple")
    assert [m.text for m in e.mentions] == ["Apple"] * len(e.mentions)
    starts = [m.start for m in e.mentions]
    assert doc.text.index("Applesauce") not in starts
    assert doc.text.index("Apple’s") in starts


def test_name_pattern_matches_whole_words_only() -> None:
    pattern = name_pattern("O’Neil Group")
    text = "O'Neil Group, O’Neil  Group’s, XO’Neil Group, O’Neil Groups, O’Neil Group-wide"
    assert [m.group(0) for m in pattern.finditer(text)] == ["O'Neil Group", "O’Neil  Group"]


def test_doc_ents_are_left_untouched(nlp: Language, run_entities: Run) -> None:
    text = "Alex Moreno said on Monday that Zephyr Labs (ZL) hired 40 people."
    plain = nlp(text)
    doc = run_entities(text)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
        (e.start_char, e.end_char, e.label_) for e in plain.ents
    ]
    assert all(e.label not in {"DATE", "CARDINAL"} for e in doc._.entities)
    check_offsets(doc)


def test_ids_are_stable_and_unique(run_entities: Run) -> None:
    text = "Margaret Hollis met Ana Lind in Paris. Hollis said Paris was busy."
    first = [e.id for e in run_entities(text)._.entities]
    again = [e.id for e in run_entities(text)._.entities]
    assert first == again and len(set(first)) == len(first)
