"""facts_dates on real sentences through the full pipeline (the session `run_nlp`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from spacy.tokens import Doc

from pipeline.extract.dates.timeline import extract_dates
from pipeline.validate.models import DateFact

Run = Callable[..., Doc]
FRIDAY = dt.date(2013, 3, 22)


def dates(run_nlp: Run, text: str, published: dt.date | None = FRIDAY) -> list[DateFact]:
    doc = run_nlp(text, published)
    facts: list[DateFact] = doc._.dates
    for f in facts:  # the offset invariant, on every output
        assert text[f.start : f.end] == f.text
    assert [f.start for f in facts] == sorted(f.start for f in facts)
    return facts


def by_text(facts: list[DateFact]) -> dict[str, DateFact]:
    return {f.text: f for f in facts}


def test_story_timeline_without_publication_date(run_nlp: Run) -> None:
    text = (
        "By early 2021, the team had shipped a prototype. "
        "That March, the board decided to fund it. "
        "On Sept. 20, 2021, the first release came out, and by April 2025 it ran everywhere. "
        "The change caps five years of debate."
    )
    got = by_text(dates(run_nlp, text, None))
    assert got["early 2021"].value == "2021" and got["early 2021"].mod in {"START", "EARLY"}
    assert got["That March"].value == "2021-03"
    assert got["Sept. 20, 2021"].value == "2021-09-20"
    assert got["April 2025"].value == "2025-04"
    assert got["five years"].type == "DURATION" and got["five years"].value == "P5Y"


def test_deictic_dates_need_the_publication_date(run_nlp: Run) -> None:
    text = "The minister resigned yesterday. Talks collapsed last week."
    with_ref = by_text(dates(run_nlp, text))
    assert with_ref["yesterday"].value == "2013-03-21"
    assert with_ref["last week"].value == "2013-W11"
    without = by_text(dates(run_nlp, text, None))
    assert without["yesterday"].value is None and without["last week"].value is None


def test_bare_weekday_follows_the_tense(run_nlp: Run) -> None:
    past = by_text(dates(run_nlp, "The company said on Wednesday that profits fell."))
    assert past["Wednesday"].value == "2013-03-20"
    future = by_text(dates(run_nlp, "The committee will meet again on Wednesday."))
    assert future["Wednesday"].value == "2013-03-27"


def test_year_inside_an_event_name_is_a_date(run_nlp: Run) -> None:
    text = "She spoke at the 2019 Linux Security Summit and again at Linux Plumbers 2024."
    got = by_text(dates(run_nlp, text))
    assert got["2019"].value == "2019"
    assert got["2024"].value == "2024"


def test_counts_are_not_dates(run_nlp: Run) -> None:
    text = "The kernel has about 34 million lines of C and 25 thousand lines of Rust over 300bps."
    assert dates(run_nlp, text) == []


def test_ages_are_not_dates(run_nlp: Run) -> None:
    text = "Children ages 6 months and older should get the shot, his 22-year-old son said."
    assert all("6 months" not in f.text and "22" not in f.text for f in dates(run_nlp, text))


def test_comparative_earlier_is_not_part_of_the_span(run_nlp: Run) -> None:
    got = by_text(dates(run_nlp, "The season started about a month earlier than usual."))
    assert got["a month"].type == "DURATION" and got["a month"].value == "P1M"
    assert got["a month"].mod == "APPROX"


def test_ranges_are_split(run_nlp: Run) -> None:
    got = by_text(dates(run_nlp, "The pandemic of 2009-2010 killed hundreds of children."))
    assert got["2009"].value == "2009" and got["2010"].value == "2010"


def test_now_sets_and_times(run_nlp: Run) -> None:
    text = "Prices are now falling. The paper is printed every week. The polls close at 8 p.m."
    got = by_text(dates(run_nlp, text))
    assert got["now"].value == "PRESENT_REF"
    assert got["every week"].type == "SET" and got["every week"].value == "P1W"
    assert got["8 p.m."].type == "TIME" and got["8 p.m."].value == "2013-03-22T20:00"


def test_relative_to_the_publication_date(run_nlp: Run) -> None:
    text = "The agency was founded two years ago and will expand next year, as it did last June."
    got = by_text(dates(run_nlp, text))
    assert got["two years ago"].value == "2011"
    assert got["next year"].value == "2014"
    assert got["last June"].value == "2012-06"


def test_anaphora_uses_the_last_date_mentioned(run_nlp: Run) -> None:
    text = (
        "The rebels entered the city on 12 May 1920. The following month, the army withdrew. "
        "The same year, a treaty was signed."
    )
    got = by_text(dates(run_nlp, text))
    assert got["12 May 1920"].value == "1920-05-12"
    assert got["The following month"].value == "1920-06"
    assert got["The same year"].value == "1920"


def test_ids_are_stable_and_unique(run_nlp: Run) -> None:
    text = "It rained on Friday. It rained again on Friday."
    first = dates(run_nlp, text)
    again = dates(run_nlp, text)
    assert [f.id for f in first] == [f.id for f in again]
    assert len({f.id for f in first}) == len(first) == 2
    assert first[1].id == first[0].id + "-2"


def test_doc_ents_are_left_alone(run_nlp: Run) -> None:
    doc = run_nlp("By early 2021, That March, the 2019 summit began 25 thousand years ago.")
    before = [(e.start, e.end, e.label_) for e in doc.ents]
    extract_dates(doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == before


def test_works_without_a_parser_or_ner() -> None:
    import spacy

    doc = spacy.blank("en")("The meeting was held on Friday, March 22, 2013, at 8 p.m.")
    doc._.reference_date = None
    got = {f.text: f.value for f in extract_dates(doc)}
    assert got.get("Friday, March 22, 2013") == "2013-03-22"
