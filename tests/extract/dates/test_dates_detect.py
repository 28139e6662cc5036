"""Detection rules, one small real sentence each, through the full pipeline."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

Run = Callable[..., Doc]
FRIDAY = dt.date(2013, 3, 22)


def found(run_nlp: Run, text: str, published: dt.date | None = FRIDAY) -> dict[str, str | None]:
    doc = run_nlp(text, published)
    for f in doc._.dates:
        assert text[f.start : f.end] == f.text
    return {f.text: f.value for f in doc._.dates}


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The 1953 team reached the summit.", "1953", "1953"),  # "the" is not the year's
        ("In mid-2007, the troops left the city.", "mid-2007", "2007"),
        ("By Christmas 1914 the front had frozen.", "Christmas 1914", "1914-12-25"),
        ("In those days nobody owned a phone.", "those days", "PAST_REF"),
        ("The past is another country.", "The past", "PAST_REF"),
        ("The bill passed in the summer of 1915.", "the summer of 1915", "1915-SU"),
        ("The attack began at 11 a.m. on 4 July 1918.", "4 July 1918", "1918-07-04"),
        ("Prices rose sharply in the 1990s.", "the 1990s", "199"),
        ("The war ended in 238 BC after a long siege.", "238 BC", "BC0238"),
        ("He has worked there for the past five years.", "the past five years", "P5Y"),
        ("The board read a 2019 safety review that year.", "that year", "2019"),
    ],
)
def test_span_and_value(run_nlp: Run, text: str, span: str, value: str) -> None:
    assert found(run_nlp, text).get(span, "<missing>") == value


@pytest.mark.parametrize(
    ("text", "not_a_date"),
    [
        ("Adding a second language to the kernel is hard.", "second"),
        ("Clocks change at the start of British Summer Time.", "Summer"),
        ("Around 2000 people marched through the city.", "2000"),
        ("The fund paid $1995 to each family.", "1995"),
    ],
)
def test_not_dates(run_nlp: Run, text: str, not_a_date: str) -> None:
    assert all(not_a_date not in span for span in found(run_nlp, text))


def test_from_now_is_two_expressions(run_nlp: Run) -> None:
    got = found(run_nlp, "He will be 40 eight years from now.")
    assert got.get("eight years") == "P8Y"
    assert got.get("now") == "PRESENT_REF"


def test_until_points_forward(run_nlp: Run) -> None:
    got = found(run_nlp, "The match has been postponed until Saturday because of snow.")
    assert got["Saturday"] == "2013-03-23"


def test_a_plan_points_forward(run_nlp: Run) -> None:
    got = found(run_nlp, "A memoir is due to be published in May.")
    assert got["May"] == "2013-05"


def test_past_month_is_the_last_one(run_nlp: Run) -> None:
    got = found(run_nlp, "BP agreed to sell its stake to Rosneft in October.")
    assert got["October"] == "2012-10"


def test_history_keeps_its_own_year(run_nlp: Run) -> None:
    text = (
        "In 1914 the armies met on the Marne. The 1915 campaign failed at Gallipoli. "
        "In 1916 the battle of Verdun began. The 1917 offensives stalled.\n\n"
        "In 1918 the Allies attacked at Amiens.\n\n"
        "On 8 August the line broke. By mid-September the front had moved east."
    )
    got = found(run_nlp, text, dt.date(2009, 12, 19))
    assert got["8 August"] == "1918-08-08"
    assert got["mid-September"] == "1918-09"


def test_numeric_dates_in_text(run_nlp: Run) -> None:
    got = found(run_nlp, "The law took effect on 20.09.2021 and was amended on 2022-03-01.")
    assert got.get("20.09.2021") == "2021-09-20"
    assert got.get("2022-03-01") == "2022-03-01"


def test_amount_and_frequency(run_nlp: Run) -> None:
    got = found(run_nlp, "Its employees work 40 hours a week.")
    assert got.get("40 hours") == "PT40H"
    assert got.get("a week") == "P1W"


def test_weekend_told_on_a_weekday(run_nlp: Run) -> None:
    got = found(run_nlp, "Protesters marched over the weekend.")
    assert got["the weekend"] == "2013-W11-WE"


def test_this_month_in_the_present(run_nlp: Run) -> None:
    text = "The fight began in January. We will finish by the end of the month, she said."
    got = found(run_nlp, text)
    assert got["the end of the month"] == "2013-03"


def test_clock_time_is_on_the_publication_day(run_nlp: Run) -> None:
    got = found(run_nlp, "Sales rose a year earlier, the company said at 4:30 p.m.")
    assert got["4:30 p.m."] == "2013-03-22T16:30"


@pytest.mark.parametrize(
    ("text", "not_a_date"),
    [
        ("The galaxy is 230 million light-years wide.", "years"),
        ("He feared the political fall-out of the deal.", "fall"),
        ("Exports fell to $9.1 billion, down from $19.5 billion the previous year.", "billion"),
    ],
)
def test_measures_and_amounts_are_left_out(run_nlp: Run, text: str, not_a_date: str) -> None:
    assert all(not_a_date not in span for span in found(run_nlp, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fighting lasted from 1915-17 in the south.", {"1915": "1915", "17": "1917"}),
        ("The battle was fought on 6-7 January 1916.", {"6": "1916-01-06"}),
        ("They recalled the War of 1812 with pride.", {"1812": "1812"}),
    ],
)
def test_range_halves_and_old_years(run_nlp: Run, text: str, expected: dict[str, str]) -> None:
    got = found(run_nlp, text)
    for span, value in expected.items():
        assert got.get(span) == value


def test_year_glued_to_a_word(run_nlp: Run) -> None:
    got = found(run_nlp, "For example, at the.2021 Kernel Maintainers Summit he spoke.")
    assert got.get("2021") == "2021"


class _Everything:
    def __contains__(self, item: object) -> bool:
        return True


def test_core_word_filter_changes_no_answer(
    run_nlp: Callable[[str], Doc], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one-lookup filter in _is_core rejects only tokens the full rules reject."""
    d = importlib.import_module("pipeline.extract.dates.detect")  # the package exports detect()

    doc = run_nlp(
        "Last Tuesday, two weeks ago, at 5 p.m. in the 1990s, every morning this spring, "
        "Mondays and Christmas: now the past quarter ended. Today at noon the first quarter "
        "of 2024 began; tomorrow, the 9th, late-2020 and 10:30am. That time, a day, 300 BC. "
        "In May-28 the period, at the time, the future was recently bright for 40 hours a week."
    )
    filtered = [d._is_core(t) for t in doc]
    monkeypatch.setattr(d, "_CORE_WORDS", _Everything())
    assert filtered == [d._is_core(t) for t in doc]
    assert sum(filtered) >= 10


def test_seed_candidates_from_arrays_hold_every_core_token(run_nlp: Run) -> None:
    """_seeds asks _is_core only of the tokens read from the arrays: no core token is missed,
    whatever its case, trailing dot or digits."""
    from pipeline.extract.dates.detect import _core_candidates, _is_core

    doc = run_nlp(
        "On MONDAY, May 3, 2021 at 9:30 A.M. the council met; it meets on Mondays and at noon "
        "each Sept. until the 1990s ended, said Ms. Day, aged 42, of Route 66."
    )
    every = [t.i for t in doc if _is_core(t)]
    candidates = _core_candidates(doc)
    assert {doc[i].text for i in every} >= {"MONDAY", "May", "2021", "9:30", "Mondays", "1990s"}
    assert [i for i in candidates if _is_core(doc[i])] == every
    assert len(candidates) < len(doc) / 2  # most tokens are never asked
    assert _core_candidates(run_nlp("")) == []
