"""The anchor rule, as tables of (published, sentence, expression, expected TIMEX3 value).

A day or month without a year is placed against the publication date on the side the verb's
tense points to; the story's earlier dates count only for anaphoric expressions, for a time
set in the same sentence, and in a history told far from its publication.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from _dates import value_of, values
from spacy.tokens import Doc

Run = Callable[..., Doc]
D = dt.date.fromisoformat


ANCHOR = [
    # an earlier year of the story does not capture a later month without a year
    (
        "1990-08-15",
        "The company was founded in 1988. Iraq invaded Kuwait on Aug. 2.",
        "Aug. 2",
        "1990-08-02",
    ),
    (
        "1990-08-16",
        "Sales fell in 1989. The board will meet again in September.",
        "September",
        "1990-09",
    ),
    ("2019-11-19", "Profits peaked in 2017. The plant closed in March.", "March", "2019-03"),
    ("2019-11-19", "Profits peaked in 2017. The plant will reopen in March.", "March", "2020-03"),
    # the same sentence sets the time explicitly
    ("2019-11-19", "In 2016, the plant closed in March.", "March", "2016-03"),
    # anaphoric expressions follow the story
    ("2019-11-19", "The plant opened in 2015. That March, it closed.", "That March", "2015-03"),
    # an adjective or an end point leaves the tense open: the nearest date
    (
        "1989-10-27",
        "Directors authorized a 3-for-2 split, payable Dec. 7 to stock of record Nov. 22.",
        "Nov. 22",
        "1989-11-22",
    ),
    (
        "1989-11-02",
        "Dow Jones said it extended its offer until 5 p.m. EST Nov. 9.",
        "5 p.m. EST Nov. 9",
        "1989-11-09T17:00",
    ),
    # a day just ahead of publication in a past-tense report is a deadline, not last year's
    (
        "1989-11-02",
        "The offer had been set to expire Nov. 6.",
        "Nov. 6",
        "1989-11-06",
    ),
    ("1989-11-02", "The company said profit fell Oct. 6.", "Oct. 6", "1989-10-06"),
    # "the year ended March 31": a period already over, its end gone by
    (
        "1989-10-31",
        "The operations had a profit of 50 million pounds in the year ended March 31.",
        "March 31",
        "1989-03-31",
    ),
    # an explicit year is never overridden
    (
        "2021-09-20",
        "The September 11, 2001 attacks changed air travel.",
        "September 11, 2001",
        "2001-09-11",
    ),
]


@pytest.mark.parametrize(("published", "text", "expr", "expected"), ANCHOR)
def test_anchor(run_nlp: Run, published: str, text: str, expr: str, expected: str) -> None:
    assert value_of(run_nlp, published, text, expr) == expected


WEEKDAYS_AND_TIMES = [
    # Thursday 1989-10-26: a past weekday is the last one, a future one the next
    ("1989-10-26", "The company said Tuesday that profit fell.", "Tuesday", "1989-10-24"),
    ("1989-10-26", "The board will vote on Tuesday.", "Tuesday", "1989-10-31"),
    # a participle with a plan and no tense of its own looks ahead (Sunday 1998-03-22)
    (
        "1998-03-22",
        "The bomb was meant to undermine the peace process, set to resume Monday in Belfast.",
        "Monday",
        "1998-03-23",
    ),
    ("1998-01-20", "Rebels attacked the town last night.", "last night", "1998-01-19TNI"),
    (
        "1989-10-30",
        "The bid had been due to expire Friday evening.",
        "Friday evening",
        "1989-10-27TEV",
    ),
]


@pytest.mark.parametrize(("published", "text", "expr", "expected"), WEEKDAYS_AND_TIMES)
def test_weekdays_and_times(
    run_nlp: Run, published: str, text: str, expr: str, expected: str
) -> None:
    assert value_of(run_nlp, published, text, expr) == expected


QUARTERS = [
    ("1989-11-02", "Third-quarter profit rose 12%.", "Third-quarter", "1989-Q3"),
    ("1989-11-02", "Net income in the latest quarter rose 5%.", "the latest quarter", "1989-Q3"),
    (
        "1989-11-02",
        "Net fell to $5 million from $7 million in the year-ago quarter.",
        "the year-ago quarter",
        "1988-Q3",
    ),
    (
        "1989-10-26",
        "Third-quarter net rose to $5 million from $4 million a year ago.",
        "a year ago",
        "1988-Q3",
    ),
    ("1989-10-30", "Sales were flat in fiscal 1990.", "fiscal 1990", "1990"),
    # "last year's quarter" is the year-ago quarter, not the quarter before this one
    (
        "1989-11-01",
        "Third-quarter revenue climbed 8%. Revenue in last year's quarter was $5 million.",
        "last year's quarter",
        "1988-Q3",
    ),
    # "the 1989 period" in quarterly results is that year's reported quarter; after "the
    # first nine months" it is the stretch's year; outside results, a year
    (
        "1989-11-01",
        "Third-quarter net rose 20%. In the 1989 period also, interest expense was lower.",
        "1989 period",
        "1989-Q3",
    ),
    (
        "1989-11-02",
        "In the first nine months, net was $306 million, compared with a loss in the 1988 period.",
        "1988 period",
        "1988",
    ),
    ("1989-11-02", "Wages rose quickly in the 1920 period.", "1920 period", "1920"),
    (
        "1989-11-02",
        "The results included a charge in the 1988 second quarter.",
        "1988 second quarter",
        "1988-Q2",
    ),
    # the reported quarter is the one the story names first; a forecast for the running
    # quarter or a look back at an earlier one does not replace it
    (
        "1989-11-02",
        "Third-quarter net rose 11%. The storm will cost a fourth-quarter charge. "
        "Earnings fell 59% in the latest quarter.",
        "the latest quarter",
        "1989-Q3",
    ),
    (
        "1989-11-01",
        "Third-quarter net rose 20%. After a flat second quarter, sales rose. "
        "Charges were taken in the year-earlier period.",
        "the year-earlier period",
        "1988-Q3",
    ),
    # a fiscal fourth quarter can end in September: named first, it is the one reported
    (
        "1989-11-02",
        "Ralston reported a 47% decline in fourth-quarter earnings. "
        "It earned $45 million, compared with $85 million a year earlier.",
        "a year earlier",
        "1988-Q4",
    ),
    # "expects to report" a quarter already over: still the one reported
    (
        "1989-11-02",
        "Hadson expects to report a third-quarter loss. A year earlier, net was $2 million.",
        "A year earlier",
        "1988-Q3",
    ),
    # after "for the nine months" the sentence compares that stretch: the year before
    (
        "1989-10-26",
        "Third-quarter net rose 45%. For the nine months, the airline earned $18.9 million, "
        "compared with a loss of $9.7 million a year earlier.",
        "a year earlier",
        "1988",
    ),
]


@pytest.mark.parametrize(("published", "text", "expr", "expected"), QUARTERS)
def test_quarters(run_nlp: Run, published: str, text: str, expr: str, expected: str) -> None:
    assert value_of(run_nlp, published, text, expr) == expected


VAGUE_AND_NUMBERS = [
    ("1998-03-08", "Fighting has intensified in recent days.", "recent days", "PAST_REF"),
    ("1998-02-06", "The economy will slow in coming months.", "coming months", "FUTURE_REF"),
    ("1998-02-06", "Prices are now falling.", "now", "PRESENT_REF"),
    ("1998-02-27", "The talks lasted 2 1/2 years.", "2 1/2 years", "P2Y6M"),
    ("1998-01-14", "The launch took a minute and a half.", "a minute and a half", "PT1M30S"),
    ("1998-01-14", "He served five-and-a-half years.", "five-and-a-half years", "P5Y6M"),
    ("1998-02-27", "In nineteen ninety-four a bomb exploded.", "nineteen ninety-four", "1994"),
    (
        "1998-02-27",
        "It happened in January nineteen ninety-seven.",
        "January nineteen ninety-seven",
        "1997-01",
    ),
    ("1998-03-03", "By the year two thousand, it will be done.", "the year two thousand", "2000"),
]


@pytest.mark.parametrize(("published", "text", "expr", "expected"), VAGUE_AND_NUMBERS)
def test_vague_references_and_numbers(
    run_nlp: Run, published: str, text: str, expr: str, expected: str
) -> None:
    assert value_of(run_nlp, published, text, expr) == expected


def test_a_name_is_not_today(run_nlp: Run) -> None:
    doc = run_nlp("The governor told USA TODAY that he would run.", D("2020-01-10"))
    assert [f.text for f in doc._.dates] == []


def test_the_period_and_its_end_are_two_dates(run_nlp: Run) -> None:
    text = "Net income rose 5% in the quarter ended Sept. 30."
    got = values(run_nlp, text, "1989-10-26")
    assert got == {"the quarter": "1989-Q3", "Sept. 30": "1989-09-30"}


HISTORY = (
    "In 1919 the war began. In 1920 the army advanced on the capital. "
    "Documents found in 2004 describe the campaign. "
    "The front moved west in 1920. On 12 October the armistice was signed. "
    'The general wrote: "We attack tomorrow." The treaty of 1921 ended the war, and by 1922 '
    "peace held."
)


def test_a_history_keeps_its_own_timeline(run_nlp: Run) -> None:
    # published long after the story: its own years are the timeline, and an aside
    # ("documents found in 2004") or a quoted "tomorrow" does not make it news
    assert value_of(run_nlp, "2009-12-19", HISTORY, "12 October") == "1920-10-12"
    assert value_of(run_nlp, "2009-12-19", HISTORY, "tomorrow") == "1920-10-13"


def test_centuries_before_christ(run_nlp: Run) -> None:
    text = "Carthage was founded in the 9th century BC by settlers from Tyre."
    assert value_of(run_nlp, "2009-12-19", text, "the 9th century BC") == "BC08"


SETS = [
    ("1998-02-13", "News bulletins at 12:45 and 17:45 weekdays.", "12:45", "XXXX-XX-XXT12:45"),
    ("1998-02-13", "News bulletins at 12:45 and 17:45 weekdays.", "17:45", "XXXX-XX-XXT17:45"),
    ("1998-02-13", "The show airs Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI"),
    ("1998-02-13", "The club meets on Mondays.", "Mondays", "XXXX-WXX-1"),
]


@pytest.mark.parametrize(("published", "text", "expr", "expected"), SETS)
def test_schedules_are_sets(
    run_nlp: Run, published: str, text: str, expr: str, expected: str
) -> None:
    doc = run_nlp(text, D(published))
    got = {f.text: f for f in doc._.dates}
    assert got[expr].type == "SET" and got[expr].value == expected


def test_a_conjunction_is_not_part_of_the_date(run_nlp: Run) -> None:
    doc = run_nlp("He said Monday that the night was long.", D("1998-02-13"))
    assert "Monday" in {f.text for f in doc._.dates}


def test_a_range_glued_by_a_hyphen_is_two_dates(run_nlp: Run) -> None:
    text = "The fleets fought on 27 May-28 May 1905 in the straits."
    got = values(run_nlp, text, "2009-12-19")
    assert got == {"27 May": "1905-05-27", "28 May 1905": "1905-05-28"}


def test_a_part_of_a_named_day(run_nlp: Run) -> None:
    text = "The operation was complete by the morning of December 28, 1979."
    expr = "the morning of December 28, 1979"
    assert value_of(run_nlp, "2009-12-19", text, expr) == "1979-12-28TMO"
