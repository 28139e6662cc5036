"""Where a date span stops, as tables of (published, sentence, expected {text: value})."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from _dates import values
from spacy.tokens import Doc

Run = Callable[..., Doc]

EDGES = [
    # "that" before "last week" is a conjunction: no demonstrative precedes a deictic date
    (
        "1989-10-27",
        "The chipmaker said that last week a buyer found a defect in its processor.",
        {"last week": "1989-W42"},
    ),
    # "following" between two dates is a preposition: "last month" does not grow over it
    (
        "1989-10-27",
        "Withdrawals doubled in the week following last month's default.",
        {"last month": "1989-09"},
    ),
    # "past the" is a preposition, not "the past"
    (
        "1989-10-27",
        "The lender said its campaign would go on past the Nov. 1 deadline.",
        {"Nov. 1": "1989-11-01"},
    ),
    # "more" between an amount and its unit belongs to the amount
    (
        "1998-02-27",
        "Russia wants to use the naval base for at least 20 more years.",
        {"20 more years": "P20Y"},
    ),
    # "the years 1955-1957" is a range of two years, each its own date; "the year 1950" names it
    (
        "2009-12-19",
        "Thousands of dissidents were jailed in the years 1955-1957 in the capital.",
        {"the years 1955": "1955", "1957": "1957"},
    ),
    ("2009-12-19", "The year 1950 began badly for France.", {"The year 1950": "1950"}),
    # a unit word in capitals without a number is an acronym: the SEC, not seconds
    (
        "1989-10-30",
        "The fund owns 9.8%, a recent SEC report shows.",
        {},
    ),
    ("1989-10-30", "The engine ran for 30 SEC before it stopped.", {"30 SEC": "PT30S"}),
    # a date after a clock time and a comma is that time's day
    (
        "1989-10-30",
        "The offer will expire at 5 p.m. EST, Nov. 6, the company said.",
        {"5 p.m. EST, Nov. 6": "1989-11-06T17:00"},
    ),
    (
        "2009-12-19",
        "The invasion began at 9:34 p.m., March 19, 2003.",
        {"9:34 p.m., March 19, 2003": "2003-03-19T21:34"},
    ),
]


@pytest.mark.parametrize(("published", "text", "expected"), EDGES)
def test_span_edges(run_nlp: Run, published: str, text: str, expected: dict[str, str]) -> None:
    got = values(run_nlp, text, published)
    for expr, value in expected.items():
        assert got.get(expr) == value, got
    if not expected:
        assert not any("SEC" in t for t in got), got
