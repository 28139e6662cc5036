"""speaker.via and speaker.confidence, and the precision-first rules behind them (issue 12)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from pipeline.validate.models import Quote, Speaker

RunNlp = Callable[..., Doc]


def speakers(run_nlp: RunNlp, text: str) -> list[Speaker | None]:
    quotes: list[Quote] = run_nlp(text)._.quotes
    return [q.speaker for q in quotes]


def only(run_nlp: RunNlp, text: str) -> Speaker:
    found = speakers(run_nlp, text)
    assert len(found) == 1 and found[0] is not None, found
    return found[0]


def test_a_description_is_the_speaker_not_the_nearest_name(run_nlp: RunNlp) -> None:
    spk = only(
        run_nlp,
        "Mark Esper met the press. \u201cThe talks are over,\u201d a Pentagon spokesman said.",
    )
    assert (spk.name, spk.entity_id, spk.via) == ("a Pentagon spokesman", None, "description")


def test_a_possessive_head_is_not_its_possessor(run_nlp: RunNlp) -> None:
    spk = only(run_nlp, "Tim Morrison testified. \u201cNo comment,\u201d Morrison's lawyer said.")
    assert (spk.name, spk.entity_id, spk.via) == ("Morrison's lawyer", None, "description")


def test_the_role_resolves_only_to_a_person_given_that_role(run_nlp: RunNlp) -> None:
    given = only(
        run_nlp,
        "Senator Ann Moe voted no on Friday. \u201cWe will try again,\u201d the senator said.",
    )
    assert (given.name, given.via) == ("Ann Moe", "title")
    not_given = only(
        run_nlp,
        "Ann Moe voted no on Friday. \u201cWe will try again,\u201d the doctor said.",
    )
    assert (not_given.name, not_given.entity_id, not_given.via) == (
        "the doctor",
        None,
        "description",
    )


def test_a_closer_description_blocks_a_pronoun(run_nlp: RunNlp) -> None:
    text = (
        "Maria Lopez was hurt in the clashes. A doctor told reporters he had tried to help. "
        "\u201cIt is a shame,\u201d he said."
    )
    spk = next(q.speaker for q in run_nlp(text)._.quotes if q.kind == "direct")
    assert spk is not None and spk.entity_id is None and spk.via == "pronoun"


def test_an_organisation_speaks_and_stays_an_organisation(run_nlp: RunNlp) -> None:
    spk = only(
        run_nlp,
        "Taylor Swift sued. \u201cWe never blocked her,\u201d Big Machine Records said in a "
        "statement.",
    )
    assert spk.name.startswith("Big Machine") and spk.via == "name"


def test_an_appositive_name_speaks(run_nlp: RunNlp) -> None:
    spk = only(
        run_nlp,
        "\u201cThe case is closed,\u201d the deputy director of public prosecutions, "
        "Eva-Marie Persson, said.",
    )
    assert (spk.name, spk.via) == ("Eva-Marie Persson", "appositive")


def test_every_speaker_says_how_it_was_found(run_nlp: RunNlp) -> None:
    text = (
        "\u201cThe ferry will run all night,\u201d said deputy mayor Elin Sandvik. "
        "\u201cNobody will be stranded again.\u201d\n\n"
        "Lotte Brandt spoke next. \u201cI agree,\u201d she said."
    )
    found = speakers(run_nlp, text)
    assert [s.via if s else None for s in found] == ["name", "previous_turn", "pronoun"]
    for spk in found:
        assert spk is not None and spk.confidence is not None and 0 < spk.confidence <= 1
    third = found[2]
    assert third is not None and third.name == "Lotte Brandt"


def test_quoted_handles_and_subheadings_are_not_quotes(run_nlp: RunNlp) -> None:
    text = (
        "Highlights of the hearing\n\n"
        "\u201cMy fears have been realized\u201d\n\n"
        "Ann Moe told the committee, \u201cMy fears have been realized.\u201d "
        "She tagged \u201c@committee\u201d in a post."
    )
    quoted = [q.text for q in run_nlp(text)._.quotes]
    assert quoted == ["My fears have been realized."]


def test_a_quote_running_over_paragraphs_keeps_every_paragraph(run_nlp: RunNlp) -> None:
    """The newspaper convention: a paragraph left open, the next one opening with a mark; the
    cue at the very end names the speaker of both paragraphs."""
    text = (
        "The mayor spoke on Monday.\n\n"
        "\u201cWe will rebuild the bridge. It will take two years and we will not cut corners.\n\n"
        "\u201cThe money is there. The plans are ready,\u201d Mayor Ann Moe said."
    )
    quotes: list[Quote] = run_nlp(text)._.quotes
    assert [q.text for q in quotes] == [
        "We will rebuild the bridge. It will take two years and we will not cut corners.",
        "The money is there. The plans are ready,",
    ]
    assert [q.speaker.name if q.speaker else None for q in quotes] == ["Ann Moe", "Ann Moe"]
