"""Span repair: each mention names just the thing, on token boundaries."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from pipeline.extract.entities.mentions import (
    extend_name,
    is_sentence_initial,
    model_mentions,
    repair,
)
from pipeline.extract.entities.names import given_name_mentions, speaker_mentions


def _repaired(nlp: Language, text: str, start: int, end: int, label: str) -> str:
    doc = nlp(text)
    span = doc.char_span(start, end, label=label)
    assert span is not None
    bounds = repair(Span(doc, span.start, span.end, label=label))
    return doc.text[bounds[0] : bounds[1]] if bounds else ""


def test_leading_article_and_trailing_possessive_are_trimmed(nlp: Language) -> None:
    text = "We met the Harbour Trust’s lawyers."
    assert _repaired(nlp, text, 7, len("We met the Harbour Trust’s"), "ORG") == "Harbour Trust"


def test_straight_possessive_is_trimmed(nlp: Language) -> None:
    text = "Mary O'Brien's team won."
    assert _repaired(nlp, text, 0, len("Mary O'Brien's"), "PERSON") == "Mary O'Brien"


def test_markdown_debris_is_cut_off(nlp: Language) -> None:
    text = "Read more from Jane Roe](https://example.org/jane"
    start = text.index("Jane")
    assert _repaired(nlp, text, start, len(text), "PERSON") == "Jane Roe"


def test_honorific_is_not_part_of_a_person_name(nlp: Language) -> None:
    text = "Dr. Amara Lind spoke."
    assert _repaired(nlp, text, 0, len("Dr. Amara Lind"), "PERSON") == "Amara Lind"


def test_person_span_is_repaired_with_its_surname(nlp: Language) -> None:
    text = "Developer Ana D’Souza observed it."
    assert _repaired(nlp, text, 10, len("Developer Ana"), "PERSON") == "Ana D’Souza"


def test_person_span_extends_over_an_apostrophe_joined_surname(nlp: Language) -> None:
    doc = nlp.make_doc("Engineer Ana D’Souza observed it.")
    end = doc.text.index(" D’Souza")
    assert doc.text[9 : extend_name(doc, end)] == "Ana D’Souza"


def test_person_span_extends_over_a_hyphen_joined_name(nlp: Language) -> None:
    doc = nlp.make_doc("Minister Jean-Claude Morel spoke.")
    end = doc.text.index("-Claude")
    assert doc.text[9 : extend_name(doc, end)] == "Jean-Claude"


def test_a_possessive_is_not_taken_for_a_surname(nlp: Language) -> None:
    doc = nlp.make_doc("We read Ana Lind’s report.")
    end = doc.text.index(" Lind’s") + len(" Lind")
    assert extend_name(doc, end) == end
    doc = nlp.make_doc("We read Ana Lind's report.")
    end = doc.text.index("Lind") + 4
    assert extend_name(doc, end) == end


def test_sentence_initial_after_an_opening_quote(nlp: Language) -> None:
    doc = nlp("He said, “Kernel maintainers are busy.” The kernel grows.")
    assert is_sentence_initial(doc, doc.text.index("Kernel"))
    assert not is_sentence_initial(doc, doc.text.index("maintainers"))


def test_epithet_before_a_given_name_is_cut(nlp: Language) -> None:
    text = "Former Miss Universe Alicia Machado spoke."
    start = text.index("Universe")
    assert _repaired(nlp, text, start, text.index(" spoke"), "PERSON") == "Alicia Machado"


def test_given_name_rule_finds_people_the_model_missed(nlp: Language) -> None:
    doc = nlp("Ana Lind met the board of the Grace Hale Foundation and Maria Lopez Garcia.")
    doc.ents = []  # as if the model had tagged nothing
    found = [m.text for m in given_name_mentions(doc)]
    assert found == ["Ana Lind", "Maria Lopez Garcia"]  # "Foundation" ends an organisation
    doc = nlp.make_doc("They met in Mark Street.")
    assert given_name_mentions(doc) == []  # no tagger: no PROPN, no guess


def test_untagged_subject_of_a_reporting_verb_is_a_mention(nlp: Language) -> None:
    doc = nlp("In a statement, Peabody said the plan was destined to fail.")
    doc.ents = []
    assert [m.text for m in speaker_mentions(doc)] == ["Peabody"]


def test_transcript_speaker_label_is_cut_at_the_colon(nlp: Language) -> None:
    text = "WALLACE: Let’s start with breaking news."
    assert _repaired(nlp, text, 0, len(text) - 1, "WORK_OF_ART") == "WALLACE"


def test_name_cut_after_a_given_name_is_completed(nlp: Language) -> None:
    doc = nlp("Police shot Marcus Odell Pruitt on Tuesday.")
    doc.ents = [Span(doc, 2, 4, label="ORG")]  # the model's "Marcus Odell"
    bounds = repair(doc.ents[0])
    assert bounds is not None and doc.text[bounds[0] : bounds[1]] == "Marcus Odell Pruitt"


def test_two_person_spans_side_by_side_are_one_name(nlp: Language) -> None:
    doc = nlp("In the clip, Keith Lamont Scott's wife pleads.")
    doc.ents = [Span(doc, 4, 5, label="PERSON"), Span(doc, 5, 8, label="PERSON")]
    assert [m.text for m in model_mentions(doc)] == ["Keith Lamont Scott"]


def test_a_clause_is_cut_from_a_span(nlp: Language) -> None:
    text = 'Bemoaning the "phony system," Harlan accused Holt of being a Democrat.'
    start = text.index("Harlan")
    assert _repaired(nlp, text, start, text.index(" Democrat"), "WORK_OF_ART") == "Harlan"


def test_owner_and_thing_are_split_at_an_inner_possessive(nlp: Language) -> None:
    text = "He invoked Pagliano's Fifth Amendment right."
    start = text.index("Pagliano")
    end = text.index(" right")
    assert _repaired(nlp, text, start, end, "LAW") == "Fifth Amendment"
    assert _repaired(nlp, text, start, end, "PERSON") == "Pagliano"
