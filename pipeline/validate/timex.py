"""Granularity of a TIMEX3 value: what the value pins down, read off its shape."""

from __future__ import annotations

import re
from typing import Literal

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
