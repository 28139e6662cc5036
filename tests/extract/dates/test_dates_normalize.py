"""The normalizer and resolver as pure functions: text (+ context) -> TIMEX3 value."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.dates.normalize import Point, duration_value, parse
from pipeline.extract.dates.resolve import Context, format_point, point_of, resolve

REF = dt.date(2013, 3, 22)  # a Friday


def value(text: str, ref: dt.date | None = REF, **ctx: object) -> str | None:
    parsed = parse(text)
    assert parsed is not None, text
    return resolve(parsed, Context(ref=ref, **ctx))[0]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sept. 20, 2021", "2021-09-20"),
        ("20 September 2021", "2021-09-20"),
        ("the 19th of October 1950", "1950-10-19"),
        ("Saturday, June 24, 1950", "1950-06-24"),
        ("April 2025", "2025-04"),
        ("2021-09-20", "2021-09-20"),
        ("9/20/2021", "2021-09-20"),
        ("2021", "2021"),
        ("the 1990s", "199"),
        ("the '90s", "199"),
        ("the 20th century", "19"),
        ("the summer of 1915", "1915-SU"),
        ("the first quarter of 2021", "2021-Q1"),
        ("Q3 2020", "2020-Q3"),
        ("the latter half of 2008", "2008-H2"),
        ("238 BC", "BC0238"),
        ("late autumn of 481 BC", "BC0481-FA"),
    ],
)
def test_absolute_dates(text: str, expected: str) -> None:
    assert value(text) == expected
    assert value(text, ref=None) == expected  # absolute: the reference does not matter


@pytest.mark.parametrize(
    ("text", "expected", "mod"),
    [
        ("early 2021", "2021", "START"),
        ("mid-February 1944", "1944-02", "MID"),
        ("late 1911", "1911", "END"),
        ("the end of 1917", "1917", "END"),
        ("the beginning of 2020", "2020", "START"),
    ],
)
def test_modifiers_keep_the_value_and_set_mod(text: str, expected: str, mod: str) -> None:
    parsed = parse(text)
    assert parsed is not None
    assert parsed.mod == mod
    assert value(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("five years", "P5Y"),
        ("two decades", "P20Y"),
        ("18 months", "P18M"),
        ("3 hours", "PT3H"),
        ("90 minutes", "PT90M"),
        ("a week", "P1W"),
        ("four-week", "P4W"),
        ("twenty-five years", "P25Y"),
        ("two and a half years", "P2Y6M"),
        ("half an hour", "PT30M"),
        ("several days", "PXD"),
        ("years", "PXY"),
        ("the past five years", "P5Y"),
        ("the next few months", "PXM"),
        ("recent weeks", "PXW"),
        ("a mere 24 hours", "PT24H"),
        ("3:07:35", "PT3H7M35S"),
    ],
)
def test_durations(text: str, expected: str) -> None:
    parsed = parse(text)
    assert parsed is not None and parsed.type == "DURATION"
    assert parsed.value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("every week", "P1W"),
        ("each day", "P1D"),
        ("every Monday", "XXXX-WXX-1"),
        ("every morning", "XXXX-XX-XXTMO"),
        ("weekly", "XXXX-WXX"),  # TempEval-3: the calendar pattern
        ("annually", "XXXX"),
    ],
)
def test_sets(text: str, expected: str) -> None:
    parsed = parse(text)
    assert parsed is not None and parsed.type == "SET"
    assert parsed.value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", "2013-03-21"),
        ("today", "2013-03-22"),
        ("tomorrow", "2013-03-23"),
        ("last week", "2013-W11"),
        ("this week", "2013-W12"),
        ("the last week", "2013-W11"),
        ("next year", "2014"),
        ("last year", "2012"),
        ("this month", "2013-03"),
        ("Last month", "2013-02"),
        ("last June", "2012-06"),
        ("next June", "2013-06"),
        ("last summer", "2012-SU"),
        ("last Friday", "2013-03-15"),
        ("next Friday", "2013-03-29"),
        ("two weeks ago", "2013-W10"),
        ("four years ago", "2009"),
        ("three days ago", "2013-03-19"),
        ("tonight", "2013-03-22TNI"),
        ("yesterday morning", "2013-03-21TMO"),
    ],
)
def test_deictic_from_reference(text: str, expected: str) -> None:
    assert value(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "last week", "next year", "two weeks ago"])
def test_deictic_without_reference_is_null(text: str) -> None:
    assert value(text, ref=None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("That March", "2021-03"),
        ("the same year", "2021"),
        ("the following month", "2021-04"),
        ("that day", "2021-03-10"),
        ("the next day", "2021-03-11"),
        ("the previous year", "2020"),
        ("two days later", "2021-03-12"),
        ("August of that year", "2021-08"),
    ],
)
def test_anaphoric_from_the_story(text: str, expected: str) -> None:
    anchor = Point(year=2021, month=3, day=10)
    assert value(text, ref=None, anchor=anchor) == expected
    assert value(text, ref=REF, anchor=anchor) == expected


def test_bare_weekday_is_the_last_one_unless_future() -> None:
    assert value("Friday", tense="past") == "2013-03-22"  # the publication day itself
    assert value("Thursday", tense="past") == "2013-03-21"
    assert value("Thursday") == "2013-03-21"
    assert value("Thursday", tense="future") == "2013-03-28"
    # wire copy names the day rather than "today" (AP style): "will meet Friday" told on a
    # Friday is that day
    assert value("Friday", tense="future") == "2013-03-22"


def test_bare_month_follows_tense_or_nearest_side() -> None:
    assert value("August", tense="past") == "2012-08"
    assert value("June", tense="future") == "2013-06"
    assert value("October", tense="past") == "2012-10"
    assert value("May") == "2013-05"  # nearest occurrence when the tense says nothing
    assert value("April 7", tense="future") == "2013-04-07"


def test_bare_month_follows_a_story_year_only_when_the_sentence_sets_it() -> None:
    anchor = Point(year=2009)
    assert value("August", anchor=anchor, tense="past", same_sentence=True) == "2009-08"
    assert value("August", anchor=anchor, tense="past") == "2012-08"  # news: publication
    assert value("August", anchor=anchor, tense="future", same_sentence=True) == "2013-08"
    assert value("August", anchor=anchor, narrative=True, tense="present") == "2009-08"


def test_references() -> None:
    assert value("now") == "PRESENT_REF"
    assert value("currently") == "PRESENT_REF"
    assert value("the past") == "PAST_REF"
    assert value("the future") == "FUTURE_REF"
    assert value("several years ago") == "PAST_REF"


@pytest.mark.parametrize("text", ["25 thousand", "34 million", "300bps", "the kernel", ""])
def test_non_dates_do_not_parse(text: str) -> None:
    assert parse(text) is None


def test_duration_value_units() -> None:
    assert duration_value(5, "year") == "P5Y"
    assert duration_value(None, "hour") == "PTXH"
    assert duration_value(0.5, "day") == "PT12H"
    assert duration_value(2, "decade") == "P20Y"


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_iso_dates_round_trip(date: dt.date) -> None:
    iso = date.isoformat()
    assert value(iso) == iso
    assert format_point(point_of(date)) == iso


@given(st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2100, 12, 24)))
def test_deictic_days_match_calendar_arithmetic(ref: dt.date) -> None:
    assert value("yesterday", ref=ref) == (ref - dt.timedelta(days=1)).isoformat()
    assert value("tomorrow", ref=ref) == (ref + dt.timedelta(days=1)).isoformat()
    iso = ref.isocalendar()
    assert value("this week", ref=ref) == f"{iso[0]}-W{iso[1]:02d}"
    friday = value("Friday", ref=ref, tense="past")
    assert friday is not None
    day = dt.date.fromisoformat(friday)
    assert day.isoweekday() == 5 and 0 <= (ref - day).days < 7


@given(st.integers(min_value=1, max_value=99), st.sampled_from(["years", "months", "days"]))
def test_counted_durations(n: int, unit: str) -> None:
    parsed = parse(f"{n} {unit}")
    assert parsed is not None and parsed.value == f"P{n}{unit[0].upper()}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("20.09.2021", "2021-09-20"), ("2021/09/20", "2021-09-20"), ("20-09-2021", "2021-09-20")],
)
def test_numeric_day_first_dates(text: str, expected: str) -> None:
    assert value(text, ref=None) == expected


def test_numeric_dates_never_fill_from_the_clock() -> None:
    assert parse("31.02.2021") is None  # no such day: nothing, not a guess


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15,000 years", "P15000Y"),
        ("five-and-a-half years", "P5Y6M"),
        ("a million years", "P1000000Y"),
        ("two bloody weeks", "P2W"),
    ],
)
def test_amounts(text: str, expected: str) -> None:
    parsed = parse(text)
    assert parsed is not None and parsed.value == expected


def test_weekday_picks_the_year_of_a_month_day() -> None:
    # Dec. 6 was a Friday in 2019, not in 2018: the weekday settles the year
    assert value("Friday, Dec. 6", ref=dt.date(2019, 6, 14)) == "2019-12-06"


def test_bc_years_count_down() -> None:
    anchor = Point(year=490, bc=True)
    assert value("a decade earlier", ref=None, anchor=anchor) == "BC0500"
    assert value("the following year", ref=None, anchor=anchor) == "BC0489"
