"""One label per entity: votes from the model and from context cues."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.clean.document import CleanDoc
from pipeline.extract.entities.cues import analyse
from pipeline.extract.entities.mentions import RawMention
from pipeline.extract.nlp import make_doc
from pipeline.validate.models import Entity

Run = Callable[[str], Doc]


@pytest.fixture(scope="module")
def run_entities(nlp: Language) -> Run:
    def _run(text: str) -> Doc:
        doc = make_doc(nlp, CleanDoc(text, "text"), None)
        for name, proc in nlp.pipeline:
            doc = proc(doc)
            if name == "facts_entities":
                break
        return doc

    return _run


def entity(doc: Doc, name: str) -> Entity:
    for e in doc._.entities:
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.text
    found = [e for e in doc._.entities if e.name == name]
    assert len(found) == 1, [(e.name, e.label) for e in doc._.entities]
    return found[0]


def model_labels(doc: Doc, e: Entity) -> set[str]:
    return {
        ent.label_
        for m in e.mentions
        for ent in doc.ents
        if ent.start_char < m.end and m.start < ent.end_char
    }


def test_reporting_verbs_outvote_a_wrong_model_label(run_entities: Run) -> None:
    # The model calls the name an ORG; a one-word reference to it that says and adds things
    # (and a "he") decides PERSON, and every mention follows the entity's label.
    text = (
        "Brannock Hale decided to fund the plan. Hale had said that it was ready, "
        "and Hale added that he was open to it."
    )
    doc = run_entities(text)
    e = entity(doc, "Brannock Hale")
    assert e.label == "PERSON" and len(e.mentions) == 3
    assert model_labels(doc, e) == {"ORG"}  # the model said ORG on every tagged mention


def _cued(nlp: Language, text: str, name: str, model_label: str = "ORG") -> RawMention:
    doc = nlp(text)
    start = text.index(name)
    mention = RawMention(start, start + len(name), name, model_label)
    analyse(doc, mention)
    return mention


def test_role_noun_before_a_name_outvotes_the_model(nlp: Language) -> None:
    m = _cued(
        nlp,
        "At the meeting, Video maintainer Oren Pachalski said he had no time.",
        "Oren Pachalski",
    )
    assert m.person_cue and m.votes["PERSON"] > m.votes["ORG"]


def test_honorific_outvotes_the_model(nlp: Language) -> None:
    m = _cued(nlp, "The bill was drafted by Sen. Arlo Penhallow last year.", "Arlo Penhallow")
    assert m.person_cue and m.votes["PERSON"] > m.votes["ORG"]


def test_role_apposition_outvotes_the_model(nlp: Language) -> None:
    text = "Idris Okparo, a senior engineer at the firm, left in May."
    m = _cued(nlp, text, "Idris Okparo")
    assert m.person_cue and m.votes["PERSON"] > m.votes["ORG"]


def test_organisation_suffix_and_usage_cues(nlp: Language) -> None:
    m = _cued(nlp, "The Fenwick Foundation paid for it.", "Fenwick Foundation", "PERSON")
    assert m.votes["ORG"] > m.votes["PERSON"]
    m = _cued(nlp, "Many Ubuntu Linux users run servers.", "Ubuntu Linux", "PERSON")
    assert m.modifier and not m.person_cue


def test_house_is_not_taken_for_a_surname(run_entities: Run) -> None:
    doc = run_entities(
        "The White House said on Monday that the House would vote. The House passed the bill."
    )
    assert entity(doc, "White House").label != "PERSON"
    assert len(entity(doc, "House").mentions) == 2


def test_capitalised_event_noun_makes_an_event(run_entities: Run) -> None:
    doc = run_entities(
        "Delegates gathered at the 2023 Pacific Energy Summit in Honolulu. "
        "The Pacific Energy Summit ended on Friday."
    )
    e = entity(doc, "Pacific Energy Summit")
    assert e.label == "EVENT" and len(e.mentions) == 2


def test_year_and_meeting_around_a_name_make_an_event(run_entities: Run) -> None:
    doc = run_entities("At the 2021 Harbor Tech meeting, vendors showed robots.")
    assert entity(doc, "Harbor Tech").label == "EVENT"


def test_language_cues_make_a_language(run_entities: Run) -> None:
    doc = run_entities(
        "Developers ported the tools to Zephyr. Most new code is written in Zephyr, "
        "and the Zephyr language is small."
    )
    assert entity(doc, "Zephyr").label == "LANGUAGE"


def test_a_modifier_never_used_like_a_person_is_not_a_person(run_entities: Run) -> None:
    doc = run_entities(
        "Ubuntu Linux ships with Python. Many Ubuntu Linux users also run Linux servers, "
        "and Linux powers phones."
    )
    ubuntu = entity(doc, "Ubuntu Linux")
    assert "PERSON" in model_labels(doc, ubuntu)
    assert ubuntu.label != "PERSON"
    linux = entity(doc, "Linux")  # not folded into "Ubuntu Linux" as if it were a surname
    assert linux.label != "PERSON"


def test_a_platform_one_posts_on_is_not_a_person(run_entities: Run) -> None:
    doc = run_entities("He posted the video on Twitter late on Friday. Twitter later removed it.")
    e = entity(doc, "Twitter")
    assert "PERSON" in model_labels(doc, e)
    assert e.label != "PERSON" and len(e.mentions) == 2


def test_sentence_initial_common_word_is_not_an_entity(run_entities: Run) -> None:
    doc = run_entities(
        "He said, “Kernel maintainers tend to be very conservative.” The kernel is old."
    )
    assert not [e for e in doc._.entities if e.name == "Kernel"]


def test_values_are_not_entities(run_entities: Run) -> None:
    doc = run_entities("On March 3, 2024, about 40 percent of 1,200 workers earned $5 an hour.")
    labels = {e.label for e in doc._.entities}
    assert not labels & {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
