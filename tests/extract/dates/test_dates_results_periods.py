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


@pytest.mark.parametrize(("published", "text", "expr", "expected"), RESULTS)
def test_results_periods(run_nlp: Run, published: str, text: str, expr: str, expected: str) -> None:
    doc = run_nlp(text, dt.date.fromisoformat(published))
    got = {f.text: f.value for f in doc._.dates}
    for f in doc._.dates:
        assert text[f.start : f.end] == f.text
    assert expr in got, f"{expr!r} not found in {got}"
    assert got[expr] == expected


def test_year_back_phrase_alone_stays_apart(run_nlp: Run) -> None:
    """Without a period noun before it, "a year ago" is its own expression."""
    text = "Profit fell in the third quarter. Sales rose from a year ago."
    doc = run_nlp(text, dt.date(1989, 10, 27))
    assert [f.text for f in doc._.dates] == ["the third quarter", "a year ago"]
