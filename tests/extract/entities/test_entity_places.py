"""Places from general knowledge: a gazetteer votes for a place, a non-place is not one."""

from __future__ import annotations

import pytest
from _helpers import Run, run_fixture  # noqa: F401 (pytest fixture `run`)
from spacy.language import Language

from pipeline.extract.entities.cues import DEFAULT_WEIGHTS, analyse
from pipeline.extract.entities.mentions import RawMention


def _mention(nlp: Language, text: str, name: str, label: str | None) -> RawMention:
    doc = nlp(text)
    start = text.index(name)
    mention = RawMention(start, start + len(name), name, label)
    analyse(doc, mention)
    return mention


@pytest.mark.parametrize("name", ["Belarus", "Tajikistan", "BUCHAREST", "New Zealand"])
def test_known_place_votes_for_a_place(nlp: Language, name: str) -> None:
    m = _mention(nlp, f"Officials from {name} met on Monday.", name, "ORG")
    assert m.known_place and m.votes["GPE"] == DEFAULT_WEIGHTS.gazetteer
    assert m.votes["GPE"] > m.votes["ORG"]  # the gazetteer outvotes a bare model label


@pytest.mark.parametrize("name", ["Iraqi", "Iraqis", "French"])
def test_nationality_words_vote_norp(nlp: Language, name: str) -> None:
    m = _mention(nlp, f"The {name} delegation left early.", name, "ORG")
    assert m.votes["NORP"] == DEFAULT_WEIGHTS.gazetteer and not m.known_place


def test_unknown_name_gets_no_place_vote(nlp: Language) -> None:
    m = _mention(nlp, "Officials from Zorblax met on Monday.", "Zorblax", "GPE")
    assert not m.known_place and m.votes["GPE"] == 1.0


def test_locative_use_is_noted(nlp: Language) -> None:
    assert _mention(nlp, "She grew up in Kenosha.", "Kenosha", "GPE").locative
    assert _mention(nlp, "He moved to Kenosha, Wisconsin, in May.", "Kenosha", "GPE").locative
    assert not _mention(nlp, "She watched her Netflix special.", "Netflix", "GPE").locative


def test_owned_brand_is_not_a_place_but_a_known_place_stays_one(run: Run) -> None:
    found = {e.name: e.label for e in run("She said she would block her Netflix special.")}
    assert found["Netflix"] == "ORG"
    found = {e.name: e.label for e in run("He spent the summer at his Texas ranch.")}
    assert found.get("Texas") == "GPE"


def test_known_places_the_model_missed_are_found_as_whole_names(nlp: Language) -> None:
    from pipeline.extract.entities.recall import gazetteer_mentions

    text = "Talks in Belarus ended. The French Open starts as French officials fly to BUCHAREST."
    found = {m.text for m in gazetteer_mentions(nlp(text), [])}
    assert {"Belarus", "BUCHAREST"} <= found and "French" in found
    starts = {m.start for m in gazetteer_mentions(nlp(text), [])}
    assert text.index("French Open") not in starts  # a word of a longer name is not a place
    assert not gazetteer_mentions(nlp(text), [(0, len(text))])  # taken spans are kept


def test_a_city_that_beats_another_is_a_team_a_country_stays_a_place(run: Run) -> None:
    found = {e.name: e.label for e in run("Milwaukee beat Seattle 5-3 on Sunday.")}
    assert found.get("Milwaukee") == "ORG"
    found = {e.name: e.label for e in run("Italy beat Germany 2-0 in Rome on Sunday.")}
    assert found.get("Italy") == "GPE" and found.get("Rome") == "GPE"


def test_a_dateline_is_a_place(nlp: Language) -> None:
    m = _mention(nlp, "Intro.\nBELGRADE 1996-08-30\nTalks resumed.", "BELGRADE", "GPE")
    assert m.locative


def test_two_nationality_words_side_by_side_are_one_group(run: Run) -> None:
    found = {e.name: e.label for e in run("Iraqi Kurdish leaders met Bosnian Serb officials.")}
    assert found.get("Iraqi Kurdish") == "NORP" and found.get("Bosnian Serb") == "NORP"
    assert "Iraqi" not in found and "Kurdish" not in found


def test_no_place_from_a_given_name_or_a_short_word_in_capitals(nlp: Language) -> None:
    from pipeline.extract.entities.recall import gazetteer_mentions

    text = "LET US GO HOME\nChristian said the US team flew to Belarus."
    found = [(m.start, m.text) for m in gazetteer_mentions(nlp(text), [])]
    assert (text.index("US "), "US") not in found  # "LET US" in a line in capitals
    assert (text.index("US team"), "US") in found
    assert not any(t == "Christian" for _, t in found)
