"""Granularity of a TIMEX3 value: what the value pins down, read off its shape."""

from __future__ import annotations

import re
from typing import Literal

TimexMod = Literal[
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
    "START",
    "MID",
    "END",
    "APPROX",
]
"""TIMEX3 `mod` values (TimeML 1.2.1)."""

_YEAR = r"(?:BC)?[\dX]{4}"
_TIME = (
    r"T(?:[\dX]{2}(?::[\dX]{2}(?::[\dX]{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?"
    r"|MO|MI|AF|EV|NI|DT|DAY)"
)
_POINT = (
    rf"(?:{_YEAR}(?:-(?:[\dX]{{2}}(?:-[\dX]{{2}})?|W[\dX]{{2}}(?:-(?:[\dX]|WE))?"
    rf"|Q[\dX]|H[\dX]|SP|SU|FA|WI))?|(?:BC)?\d{{3}}X?|(?:BC)?\d{{2}}(?:XX)?)(?:{_TIME})?"
)
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = (
    rf"P(?:(?:{_AMOUNT}(?:DE|CE|ML|Y|M|W|D|Q|H|L))+(?:T(?:{_AMOUNT}[HMS])+)?"
    rf"|T(?:{_AMOUNT}[HMS])+)"
)
TIMEX3_VALUE = rf"^(?:{_POINT}|{_DURATION}|PRESENT_REF|PAST_REF|FUTURE_REF|{_TIME})$"
"""A TIMEX3 value: a point (2021-09-20, 2021-W38, 2021-Q1, 199, 20, XXXX-XX-XXT12:45, with
an optional time or part of day), a duration (P5Y, P2Y6M, PT1M30S, PXY, P1DE) or a
reference (PRESENT_REF, PAST_REF, FUTURE_REF)."""

_VALUE = re.compile(TIMEX3_VALUE)


def is_timex_value(value: str) -> bool:
    return _VALUE.match(value) is not None


Granularity = Literal[
    "time", "day", "week", "month", "season", "quarter", "half", "year", "decade", "century"
]

_SHAPES: tuple[tuple[str, Granularity], ...] = (
    (r"[\dX]{4}-[\dX]{2}-[\dX]{2}T.+", "time"),
    (r"[\dX]{4}-W[\dX]{2}-WE", "day"),
    (r"[\dX]{4}-[\dX]{2}-[\dX]{2}", "day"),
    (r"[\dX]{4}-W[\dX]{2}", "week"),
    (r"[\dX]{4}-[\dX]{2}", "month"),
    (r"[\dX]{4}-(SP|SU|FA|WI)", "season"),
    (r"[\dX]{4}-Q[\dX]", "quarter"),
    (r"[\dX]{4}-H[\dX]", "half"),
    (r"\d{3}X?", "decade"),
    (r"\d{2}(XX)?", "century"),
    (r"[\dX]{4}", "year"),
)


def granularity_of(value: str | None) -> Granularity | None:
    """None for durations, sets' periods, PRESENT_REF and the like, and unknown values."""
    if not value:
        return None
    for pattern, granularity in _SHAPES:
        if re.fullmatch(pattern, value):
            return granularity
    return None
