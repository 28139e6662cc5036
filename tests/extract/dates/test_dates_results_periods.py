"""Periods of financial results, as tables of (published, sentence, expression, expected).

A results story reports one quarter; the phrases that compare with it or restate it name a
quarter too: "the quarter a year ago", "the corresponding period last year", "the latest
period", "the quarter ended July 31". A month dated by a noun under a past verb is placed by
nearness, not by the verb's tense.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from _dates import values
from spacy.tokens import Doc

Run = Callable[..., Doc]

RESULTS = [
    # the compared period and its year-back phrase are one expression
    (
        "1989-10-26",
        "Columbia reported a loss for the third quarter. For the quarter a year ago, Columbia "
        "reported net income of $5 million.",
        "the quarter a year ago",
        "1988-Q3",
    ),
    (
        "1989-11-01",
        "The company reported a net loss for the third quarter ended Sept. 30. These results "
        "compare with net income of $1.8 million for the corresponding period last year.",
        "the corresponding period last year",
        "1988-Q3",
    ),
    (
        "1989-10-27",
        "Net rose in the third quarter. In the comparable year-ago quarter, the company had a "
        "loss of $12.5 million.",
        "the comparable year-ago quarter",
        "1988-Q3",
    ),
    # "the latest period" is the reported quarter, else the last one completed
    (
        "1989-11-02",
        "Net income rose in the fourth quarter. Sales in the latest period were $1.76 billion.",
        "the latest period",
        "1989-Q4",
    ),
    (
        "1989-11-02",
        "Sales in the latest period were $1.76 billion.",
        "the latest period",
        "1989-Q3",
    ),
    # a quarter dated by its last day: the calendar quarter holding most of its months
    (
        "1989-10-30",
        "In the quarter ended July 31, Jayark had 5.6 million shares outstanding.",
        "the quarter",
        "1989-Q2",
    ),
    (
        "1989-11-01",
        "Profit rose in the quarter ended Sept. 30.",
        "the quarter",
        "1989-Q3",
    ),
    # halves and recurring quarters
    (
        "1989-10-26",
        "Analysts expect the trend to continue through at least the first two quarters of 1990.",
        "the first two quarters of 1990",
        "1990-H1",
    ),
    (
        "1989-10-26",
        "Such business is usually conducted in the second and fourth quarters.",
        "fourth quarters",
        "XXXX-Q4",
    ),
    # the month of a thing told of in the past is the nearest one, the verb dates the telling
    (
        "1990-08-16",
        "Saudi Arabia told oil companies of a 15-20 percent cutback in its oil supply in "
        "September.",
        "September",
        "1990-09",
    ),
    # the verb's tense still decides when the date hangs on it
    ("1990-08-16", "Saudi Arabia cut its oil supply in September.", "September", "1989-09"),
    (
        "1998-03-04",
        "Eileen Collins will be named commander for a mission in December.",
        "December",
        "1998-12",
    ),
]


def test_year_back_phrase_alone_stays_apart(run_nlp: Run) -> None:
    """Without a period noun before it, "a year ago" is its own expression."""
    text = "Profit fell in the third quarter. Sales rose from a year ago."
    doc = run_nlp(text, dt.date(1989, 10, 27))
    assert [f.text for f in doc._.dates] == ["the third quarter", "a year ago"]


NEWS_READINGS = [
    # a temporal clause takes the main verb's future (its own tense is backshifted)
    (
        "1989-11-01",
        "He said the company would sell the unit when the market opened Monday.",
        "Monday",
        "1989-11-06",
    ),
    (
        "1989-11-01",
        "The company said it sold the unit when the market opened Monday.",
        "Monday",
        "1989-10-30",
    ),
    # an amount and a weekday side by side are two expressions
    (
        "1998-02-27",
        "Netanyahu took the stand for more than four hours Friday in a Tel Aviv court.",
        "Friday",
        "1998-02-27",
    ),
    (
        "1998-03-06",
        "A U.N. inspection team resumed work in Iraq Friday, nearly two months after it left.",
        "nearly two months",
        "P2M",
    ),
    # a year after "fiscal" before a plural noun is a year
    ("1989-11-02", "Sales were slightly above fiscal 1989 sales of $155 million.", "1989", "1989"),
    # listed with a plural, a weekday or an ordinal shares its noun: a recurring time
    (
        "1998-02-13",
        "Two new flights would leave Bombay on Monday and Tuesday nights from March 30.",
        "Monday",
        "XXXX-WXX-1TNI",
    ),
    ("1998-02-13", "Talks were held Monday, and Tuesday nights are busy.", "Monday", "1998-02-09"),
    (
        "1989-10-26",
        "Such business is usually conducted in the second and fourth quarters.",
        "second",
        "XXXX-Q2",
    ),
    # plural seasons recur; with a year they are that year's
    (
        "1998-03-22",
        "Clashes have provoked violence in Northern Ireland for the past three summers.",
        "the past three summers",
        "XXXX-SU",
    ),
    ("1998-03-22", "The winters of 1941 and 1942 were cold.", "The winters of 1941", "1941-WI"),
    # vague amounts joined by "or" are one estimate; "between" opens two bounds
    (
        "1998-02-19",
        "He said that he probably died within weeks or months of his capture.",
        "weeks or months",
        "PXW",
    ),
    (
        "2013-03-22",
        "The share buyback programme could take between 12 and 18 months to complete.",
        "12",
        "P12M",
    ),
    (
        "2013-03-22",
        "The share buyback programme could take between 12 and 18 months to complete.",
        "18 months",
        "P18M",
    ),
    # "today" before the subject of a present "is" stating how things are: nowadays
    (
        "1998-03-05",
        "And today, the right to work is equal to the right to survival.",
        "today",
        "PRESENT_REF",
    ),
    ("1998-03-05", "The vote is today.", "today", "1998-03-05"),
    # fixed phrases of the time to come
    ("1989-10-30", "The unit will be sold in the near future.", "the near future", "FUTURE_REF"),
    ("1989-10-30", "It may offer equity at a later date.", "a later date", "FUTURE_REF"),
    (
        "1989-10-30",
        "It will sell the unit as soon as possible.",
        "as soon as possible",
        "FUTURE_REF",
    ),
]


def test_same_time_in_news_names_no_time(run_nlp: Run) -> None:
    text = "Sales rose in the third quarter. At the same time, costs climbed."
    doc = run_nlp(text, dt.date(1989, 10, 30))
    assert [f.text for f in doc._.dates] == ["the third quarter"]


def test_hyphenated_near_term_is_an_adjective(run_nlp: Run) -> None:
    text = "Holders expect near-term savings from the merger."
    doc = run_nlp(text, dt.date(1989, 10, 30))
    assert [f.text for f in doc._.dates] == []


@pytest.mark.parametrize(("published", "text", "expr", "expected"), RESULTS + NEWS_READINGS)
def test_results_periods(run_nlp: Run, published: str, text: str, expr: str, expected: str) -> None:
    got = values(run_nlp, text, published)
    assert expr in got, f"{expr!r} not found in {got}"
    assert got[expr] == expected
