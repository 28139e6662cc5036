"""Pronoun resolution, appositive speakers and roles, on sentences written for the tests."""

from __future__ import annotations

import pytest
from _quotes import RunNlp, quotes_of

from pipeline.validate.models import Quote


def said(q: Quote) -> tuple[str | None, str | None, str | None]:
    """(speaker name, role, kind) of a quote."""
    if q.speaker is None:
        return None, None, q.kind
    return q.speaker.name, q.speaker.role, q.kind


def mention(text: str, q: Quote) -> str:
    assert q.speaker is not None and q.speaker.start is not None and q.speaker.end is not None
    return text[q.speaker.start : q.speaker.end]


def test_pronoun_takes_subject_of_previous_speech_sentence(run_nlp: RunNlp) -> None:
    """An unknown-gender name nearby beats an earlier speaker: unknown fits any pronoun."""
    text = (
        "\u201cThe tunnel is finally dry,\u201d said Marisol Quintero, the chief engineer. "
        "She said the pumps had run for six weeks.\n\n"
        "Tomasz Wielgus, a taxi driver, said the detour had cost him a fortune. "
        "\u201cI lost two fares a day,\u201d Wielgus said.\n\n"
        "Transit board member Anjali Raghavan told reporters on Friday that the council "
        "would audit the builder. \u201cSomebody has to answer for the delay,\u201d she said."
    )
    quotes = quotes_of(run_nlp, text)
    last = quotes[-1]
    assert last.text == "Somebody has to answer for the delay,"
    assert said(last)[0] == "Anjali Raghavan"
    assert mention(text, last) == "she"


@pytest.mark.parametrize("man", ["Mr. Oskar Lindqvist", "Trustee Bram Lindqvist"])
def test_female_pronoun_takes_same_sentence_subject(run_nlp: RunNlp, man: str) -> None:
    """The last speaker (known male, or of unknown gender) does not take 'she' from the
    woman named as the subject of her own sentence."""
    text = (
        f"{man} argued that the hospital should delay the new wing. "
        "\u201cThe money is not there,\u201d Lindqvist said. "
        "The hospital's chief surgeon, Ngozi Adeyemi, objected: she said the old theatres "
        "could not pass another inspection."
    )
    quotes = quotes_of(run_nlp, text)
    (last,) = [q for q in quotes if "theatres" in q.text]
    assert last.kind == "indirect"
    assert said(last)[0] == "Ngozi Adeyemi"
    assert mention(text, last) == "she"


def test_gender_learned_from_a_pronoun_rules_out_the_other(run_nlp: RunNlp) -> None:
    """'he' used for a name makes that name male: a later 'she' goes past it."""
    text = (
        "Dana Whitlock opened the hearing on Monday. Inspector Kai Moreno answered first. "
        "\u201cWe will wait for the audit,\u201d he said. "
        "\u201cThe budget is tight this year,\u201d she said."
    )
    first, second = quotes_of(run_nlp, text)
    assert said(first)[0] is not None and said(first)[0].endswith("Kai Moreno")  # type: ignore[union-attr]
    assert said(second)[0] == "Dana Whitlock"


@pytest.mark.parametrize(
    ("subject", "role"),
    [
        ("Their coach, Ivo Marsden,", "coach"),
        ("A spokesman for the port authority, Ivo Marsden,", "spokesman for the port authority"),
    ],
)
def test_common_noun_subject_with_appositive_name(run_nlp: RunNlp, subject: str, role: str) -> None:
    """The person in apposition speaks; the common noun phrase is the role."""
    text = f"{subject} said the team had trained through the whole winter."
    (q,) = quotes_of(run_nlp, text)
    assert said(q) == ("Ivo Marsden", role, "indirect")
    assert mention(text, q) == "Ivo Marsden"


def test_appositive_name_before_direct_quote_keeps_noun_phrase_as_role(run_nlp: RunNlp) -> None:
    text = (
        "The county's water engineer, Beatrix Holm, said: \u201cThe reservoir is half empty.\u201d"
    )
    (q,) = quotes_of(run_nlp, text)
    assert said(q) == ("Beatrix Holm", "The county's water engineer", "direct")


def test_no_indirect_quote_from_gapped_relative_clause(run_nlp: RunNlp) -> None:
    """'a project its critics say will double the debt': no statement with its own subject,
    and a common-noun speaker never takes a neighbouring noun as its role."""
    text = "The mayor announced a new tram line, a project its critics say will double the debt."
    assert quotes_of(run_nlp, text) == []


def test_common_noun_speaker_gets_no_role_from_neighbours(run_nlp: RunNlp) -> None:
    text = "In the latest survey most tenants said the heating had failed twice this winter."
    (q,) = quotes_of(run_nlp, text)
    assert said(q) == ("most tenants", None, "indirect")


def test_roles_kept_as_written(run_nlp: RunNlp) -> None:
    text = (
        "Museum curator Felix Andrade said the east gallery would close for repairs. "
        "\u201cWe counted every painting twice,\u201d said deputy mayor Lotte Brandt."
    )
    first, second = quotes_of(run_nlp, text)
    assert said(first) == ("Felix Andrade", "Museum curator", "indirect")
    assert said(second) == ("Lotte Brandt", "deputy mayor", "direct")


def test_continued_quote_keeps_speaker_and_role_of_its_mention(run_nlp: RunNlp) -> None:
    """A quote that goes on without a cue shares the speaker mention, so its role too."""
    text = (
        "\u201cThe ferry will run all night,\u201d said deputy mayor Elin Sandvik. "
        "\u201cNobody will be stranded again.\u201d"
    )
    first, second = quotes_of(run_nlp, text)
    assert said(first) == ("Elin Sandvik", "deputy mayor", "direct")
    assert first.speaker is not None and second.speaker is not None
    same = ("name", "entity_id", "start", "end", "role")
    assert {k: getattr(second.speaker, k) for k in same} == {
        k: getattr(first.speaker, k) for k in same
    }
    assert (first.speaker.via, second.speaker.via) == ("name", "previous_turn")


def test_pronoun_after_colon_clause_takes_its_subject(run_nlp: RunNlp) -> None:
    """'X rebuked him: “…,” she said.': X's clause is fronted, X still its sentence's subject."""
    text = (
        "\u201cWe will appeal the ruling,\u201d said Corin Aldana, the company's lawyer. "
        "Senator Wren Halloway rebuked the company: "
        "\u201cYou ignored every warning in the report,\u201d she said."
    )
    first, second = quotes_of(run_nlp, text)
    assert said(first) == ("Corin Aldana", "the company's lawyer", "direct")
    assert said(second)[0] == "Wren Halloway"
    assert mention(text, second) == "she"
