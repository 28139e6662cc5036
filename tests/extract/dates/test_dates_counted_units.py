"""The nth or the final unit of an event ("the first year of the war", "the last month of World
War II") names no calendar point we can compute: it spans one unit. As tables of (published,
sentence, expression, expected TIMEX3 value)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from _dates import values
from spacy.tokens import Doc

Run = Callable[..., Doc]

COUNTED = [
    (
        "2009-12-19",
        "Through the first year of the conflict, the party kept quiet.",
        "the first year",
        "P1Y",
    ),
    (
        "2009-12-19",
        "In the second week alone, aircraft made 4,000 flights.",
        "the second week",
        "P1W",
    ),
    (
        "2009-12-19",
        "In the last month of the siege, the garrison ran out of food.",
        "the last month",
        "P1M",
    ),
    # "last month" and "the last month" alone still count back from publication
    ("1989-10-27", "Sales fell last month.", "last month", "1989-09"),
    ("1989-10-27", "Sales fell sharply in the last month.", "the last month", "1989-09"),
]


@pytest.mark.parametrize(("published", "text", "expr", "expected"), COUNTED)
def test_counted_units(run_nlp: Run, published: str, text: str, expr: str, expected: str) -> None:
    got = values(run_nlp, text, published)
    assert got.get(expr) == expected, got
