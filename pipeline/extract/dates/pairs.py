"""Dates written side by side: a pair shares its year, an apposition names the same day.

Dates paired in a list or a range share the year written on the last one.

"August and September 1914", "between March and April 1918", "the spring and early summer of
1943", "26 June - 4 August 1952": the first month is named without a year, but the writer
gives the year once for both. A range that runs over New Year ("from November to February
1989") starts in the year before.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.extract.dates.normalize import Parsed, Point

_GAP = re.compile(r"\s*(?P<word>and|or|to|through|until|till|-|\u2013|\u2014)\s*", re.IGNORECASE)
_RANGE_OPENERS = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.IGNORECASE)
_LIST_WORDS = frozenset({"and", "or"})
# "On 21 July, the fifth day of the rebellion", "Today is the eighth day of the operation"
_SAME_DAY_GAP = re.compile(r",\s*|\s+(?:is|was)\s+", re.IGNORECASE)
_FULL_DAY = re.compile(r"(?:BC)?\d{4}-\d{2}-\d{2}")


def _month_or_season(p: Point) -> bool:
    return p.month is not None or p.season is not None


_ENDED = re.compile(r"\s+(?:that\s+)?(?:ended|ending)\s+(?:on\s+)?", re.IGNORECASE)


def quarter_ended(found: list[tuple[int, int, Parsed]], i: int, text: str) -> Parsed | None:
    """ "The quarter ended July 31": a company's quarter dated by its last day is the three
    months to that day, placed on the calendar quarter holding most of them (the one of the
    month before the end: May-July is mostly 1989-Q2). None when found[i] is no unnumbered
    reported quarter followed by "ended <month> <day>"."""
    _, end, parsed = found[i]
    if (
        not parsed.reporting
        or parsed.unit != "quarter"
        or parsed.offset
        or parsed.point.quarter is not None
        or parsed.point.year is not None
        or i + 1 >= len(found)
    ):
        return None
    next_start, _, other = found[i + 1]
    month = other.point.month
    if _ENDED.fullmatch(text[end:next_start]) is None or month is None or other.point.day is None:
        return None
    if other.kind not in {"absolute", "bare"} or other.point.bc:
        return None
    middle = 12 if month == 1 else month - 1
    year = other.point.year
    if year is not None and month == 1:
        year -= 1
    quarter = (middle - 1) // 3 + 1
    point = Point(year=year, quarter=quarter)
    if year is None:
        return Parsed("DATE", "bare", point=point, mod=parsed.mod)
    return Parsed("DATE", "absolute", point=point, mod=parsed.mod)


_WEEKDAY_SET = re.compile(r"XXXX-WXX-\d(?P<part>T(?:MO|AF|EV|NI|DT))?")
_LIST_GAP = re.compile(r"\s+(?:and|or)\s+", re.IGNORECASE)


def with_shared_plural(found: list[tuple[int, int, Parsed]], i: int, text: str) -> Parsed:
    """found[i], recurring like the weekday it is listed with: in "Monday and Tuesday nights"
    the plural noun is shared, so Monday is every Monday night too (a SET), not one day."""
    _, end, parsed = found[i]
    p = parsed.point
    if parsed.kind != "bare" or p.weekday is None or p.month is not None or i + 1 >= len(found):
        return parsed
    next_start, _, other = found[i + 1]
    m = _WEEKDAY_SET.fullmatch(other.value or "") if other.type == "SET" else None
    if m is None or _LIST_GAP.fullmatch(text[end:next_start]) is None:
        return parsed
    if p.part is not None and m.group("part") != f"T{p.part}":
        return parsed
    value = f"XXXX-WXX-{p.weekday}{m.group('part') or ''}"
    return Parsed("SET", "fixed", value=value, mod=parsed.mod)


def with_shared_year(found: list[tuple[int, int, Parsed]], i: int, text: str) -> Parsed:
    """found[i], given the year of the date it is paired with when it has none of its own."""
    start, end, parsed = found[i]
    if parsed.kind != "bare" or not _month_or_season(parsed.point) or i + 1 >= len(found):
        return parsed
    next_start, _, other = found[i + 1]
    gap = _GAP.fullmatch(text[end:next_start])
    if gap is None or other.kind != "absolute" or other.point.year is None:
        return parsed
    if not _month_or_season(other.point) or other.point.hour is not None:
        return parsed
    year = other.point.year
    word = gap.group("word").lower()
    is_range = word not in _LIST_WORDS or _RANGE_OPENERS.search(text[:start]) is not None
    first, last = parsed.point.month, other.point.month
    if is_range and first is not None and last is not None and first > last:
        year = year + 1 if other.point.bc else year - 1  # "from November to February 1989"
    return replace(
        parsed, kind="absolute", point=replace(parsed.point, year=year, bc=other.point.bc)
    )


def same_day_beside(text: str, prev: tuple[int, str | None] | None, start: int) -> str | None:
    """The value of a dated day that a counted day ("the fifth day of the rebellion") stands in
    apposition to, or is said to be ("today is the eighth day"): prev is (end, value) of the
    date before it. None when there is no such day: the counted day stays unknown."""
    if prev is None or prev[1] is None or not _FULL_DAY.fullmatch(prev[1]):
        return None
    return prev[1] if _SAME_DAY_GAP.fullmatch(text[prev[0] : start]) else None
