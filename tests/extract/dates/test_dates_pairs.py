"""Dates paired in a list or a range share the year written once on the last of them:
(published, sentence, expression, expected TIMEX3 value)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from _dates import values
from spacy.tokens import Doc

Run = Callable[..., Doc]

PAIRS = [
    (
        "2009-12-19",
        "The army retreated through the marshes in August and September 1914.",
        "August",
        "1914-08",
    ),
    (
        "2009-12-19",
        "Losses between March and April 1918 were heavy on both sides.",
        "March",
        "1918-03",
    ),
    (
        "2009-12-19",
        "Both armies used the spring and early summer of 1943 to rearm.",
        "the spring",
        "1943-SP",
    ),
    (
        "2009-12-19",
        "The hill battle (26 June - 4 August 1952) was bloody.",
        "26 June",
        "1952-06-26",
    ),
    ("2009-12-19", "The spring decrees (February-March 1794) came next.", "February", "1794-02"),
    # a range over New Year starts in the year before
    (
        "2009-12-19",
        "The last troops pulled out from November 15 to February 15, 1989.",
        "November 15",
        "1988-11-15",
    ),
    # a list does not run over New Year: both months of the written year
    ("2009-12-19", "Elections were held in November and February 1989.", "November", "1989-11"),
]


@pytest.mark.parametrize(("published", "text", "expr", "expected"), PAIRS)
def test_a_pair_shares_its_year(
    run_nlp: Run, published: str, text: str, expr: str, expected: str
) -> None:
    got = values(run_nlp, text, published)
    assert got.get(expr) == expected, got


def test_a_month_alone_is_not_paired(run_nlp: Run) -> None:
    # "in May" and "1990" are not a pair: the month follows the publication date
    got = values(run_nlp, "Sales fell in May, and 1990 looks worse.", "1989-10-30")
    assert got.get("May") == "1989-05", got


SAME_DAY = [
    # a counted day in apposition to a dated one, or said to be today, is that day
    (
        "2009-12-19",
        "On 21 July, the fifth day of the revolt, the rebels seized the port.",
        "the fifth day",
        "2009-07-21",
    ),
    (
        "1990-08-15",
        "At the border, today is the eighth day of the blockade.",
        "the eighth day",
        "1990-08-15",
    ),
    # "it is the second day": the day the story is told on
    (
        "1998-03-06",
        "It is the second day of a police sweep through the hills.",
        "the second day",
        "1998-03-06",
    ),
    ("1998-03-06", "It was the second day of the strike.", "the second day", "XXXX-XX-XX"),
    # without a dated day beside it, the day stays unknown
    (
        "1998-03-06",
        "Troops attacked villages on the second day of the offensive.",
        "the second day",
        "XXXX-XX-XX",
    ),
]


@pytest.mark.parametrize(("published", "text", "expr", "expected"), SAME_DAY)
def test_a_counted_day_beside_a_dated_one(
    run_nlp: Run, published: str, text: str, expr: str, expected: str
) -> None:
    got = values(run_nlp, text, published)
    assert got.get(expr) == expected, got
