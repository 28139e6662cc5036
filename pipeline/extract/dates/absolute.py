"""Numeric calendar dates written day-first or with dots ("20.09.2021", "20-09-2021").

dateparser reads them; it is asked only for strings that hold a day, a month and a year
(STRICT_PARSING), so it never fills a missing part from today's clock, and its
RELATIVE_BASE is pinned so nothing it returns depends on when the pipeline runs.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

NUMERIC_DATE = re.compile(r"\d{1,2}[.-]\d{1,2}[.-]\d{4}|\d{4}[./]\d{1,2}[./]\d{1,2}")

_SETTINGS: dict[str, Any] = {
    "STRICT_PARSING": True,  # day, month and year must all be written
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RELATIVE_BASE": dt.datetime(2000, 1, 1),  # never the clock
    "DATE_ORDER": "DMY",  # dots and dashes: day first, as written outside the US
    "PREFER_DATES_FROM": "past",
}


@lru_cache(maxsize=1024)
def numeric_date(text: str) -> dt.date | None:
    """The date a numeric string names, or None when it is not a full date."""
    if not NUMERIC_DATE.fullmatch(text):
        return None
    import dateparser  # slow to import; only needed for these rare forms

    parsed = dateparser.parse(text, languages=["en"], settings=_SETTINGS)
    return parsed.date() if parsed is not None else None
