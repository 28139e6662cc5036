"""Place parsed expressions on the calendar: TIMEX3 values from the story's own dates.

Deictic expressions ("yesterday", "last week", "two years ago") count from the reference
date (the story's publication date) and stay unknown without one: never from today's clock.
Anaphoric ones ("that March", "the same year", "the next day") count from the story's
timeline: the last date it mentioned (the reference date until it mentions one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from pipeline.extract.dates.normalize import Parsed, Point

Tense = Literal["past", "present", "future"]

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_DEADLINE_DAYS = 14


@dataclass(frozen=True)
class Context:
    """What an expression is resolved against."""

    ref: dt.date | None = None  # publication date
    anchor: Point | None = None  # the story's last mentioned date (None: the ref date)
    tense: Tense | None = None  # tense of the clause the expression sits in
    narrative: bool = False  # the story tells of another time: its timeline rules
    same_sentence: bool = False  # the anchor is in the expression's sentence
    quarter: Point | None = None  # the last fiscal quarter the story named (its reporting one)
    stretch: bool = False  # the sentence already named a longer period ("the nine months")


def point_of(date: dt.date) -> Point:
    return Point(year=date.year, month=date.month, day=date.day)


def format_point(p: Point) -> str | None:
    """TIMEX3 value of a calendar point; None when it has no calendar content."""
    if p.year is None and p.decade is not None:
        return f"{'BC' if p.bc else ''}{p.decade:03d}"
    if p.year is None and p.century is not None:
        return f"{'BC' if p.bc else ''}{p.century:02d}"
    out = f"{p.year:04d}" if p.year is not None else "XXXX"
    if p.bc:
        out = "BC" + out
    has_day_part = p.has_time
    if p.week is not None:
        out += f"-W{p.week:02d}"
        if p.weekend:
            out += "-WE"
        elif p.weekday is not None and p.day is None:
            out += f"-{p.weekday}"
    elif p.quarter is not None:
        out += f"-Q{p.quarter}"
    elif p.half is not None:
        out += f"-H{p.half}"
    elif p.month is not None:
        out += f"-{p.month:02d}"
        if p.day is not None:
            out += f"-{p.day:02d}"
        elif has_day_part or p.unknown_day:
            out += "-XX"
    elif p.season is not None:
        out += f"-{p.season}"
    elif p.weekday is not None:
        out += f"-WXX-{p.weekday}"
    elif p.weekend:
        out += "-WXX-WE"
    elif has_day_part or p.unknown_day:
        out += "-XX-XX"
    elif p.year is None:
        return None
    if p.hour is not None:
        out += f"T{p.hour:02d}:{p.minute or 0:02d}"
    elif p.part is not None:
        out += f"T{p.part}"
    return out


def resolve(parsed: Parsed, ctx: Context) -> tuple[str | None, Point | None]:
    """(TIMEX3 value, calendar point it names or None) of a parsed expression."""
    if parsed.kind == "fixed":
        return parsed.value, None
    point: Point | None
    if parsed.unit == "period" and (ctx.quarter is None or ctx.stretch):
        # "the 1988 period" outside quarterly results, or after "for the nine months": the year
        return format_point(parsed.point), parsed.point
    if parsed.reporting or _year_from_quarter(parsed, ctx):
        point = _reporting_quarter(parsed, ctx)
        return (format_point(point), point) if point is not None else (None, None)
    if parsed.kind == "absolute":
        point = parsed.point
        if point.day is not None and point.month is not None:
            point = replace(point, weekday=None)
    elif parsed.kind == "bare":
        point = _resolve_bare(parsed.point, ctx, parsed.definite)
        if _winter_to_come(point, ctx) and point.year is not None:
            # a winter told after an autumn or December date is the one to come, named by the
            # year it ends in: after "December 1777", "over the winter" is 1778-WI; the story
            # stays in its year (its next dates are not a year on)
            ahead = replace(point, year=point.year - 1 if point.bc else point.year + 1)
            return format_point(ahead), point
    elif (
        ctx.narrative and ctx.ref is not None and parsed.kind == "deictic" and parsed.unit == "day"
    ):
        # "tomorrow" in a history is a day of the story, not of its publication
        day = _date(ctx.anchor) if ctx.anchor is not None else None
        if day is None:
            point = _with_time(Point(unknown_day=True), parsed.point)
        else:
            point = _with_time(
                point_of(day + dt.timedelta(days=int(parsed.offset or 0))), parsed.point
            )
    elif parsed.kind == "deictic" and not (
        ctx.narrative and (parsed.offset == 0 or (parsed.unit is None and ctx.anchor is not None))
    ):  # in a history "next summer" is the story's next summer
        if ctx.ref is None:
            return None, None
        point = _shift(parsed, point_of(ctx.ref), ctx, deictic=True)
    else:
        base = ctx.anchor or (point_of(ctx.ref) if ctx.ref else None)
        if base is None:
            return None, None
        if parsed.unit == "time":
            return format_point(base), base
        point = _shift(parsed, base, ctx, deictic=False)
    if point is None:
        return None, None
    return format_point(point), point


def _winter_to_come(point: Point, ctx: Context) -> bool:
    anchor = ctx.anchor
    return (
        point.season == "WI"
        and anchor is not None
        and (anchor.month or 0) >= 9
        and point.year == anchor.year
        and follows_story(ctx)
    )


def _year_from_quarter(parsed: Parsed, ctx: Context) -> bool:
    """'a year ago', 'a year earlier' in a story reporting a quarter: that quarter a year
    before (results are compared period with period); after 'for the nine months' in the same
    sentence the period compared is that stretch: the year before."""
    return (
        not ctx.stretch
        and parsed.kind in {"deictic", "anaphoric"}
        and parsed.unit == "year"
        and parsed.offset == -1
        and parsed.counted
        and not ctx.narrative
        and ctx.quarter is not None
        and parsed.point == Point()
    )


def _reporting_quarter(parsed: Parsed, ctx: Context) -> Point | None:
    """The quarter a financial story reports on (its last quarter mentioned, else the last
    one completed before publication), moved by the expression's offset in quarters."""
    anchor = ctx.quarter
    if parsed.point.year is not None and anchor is not None and anchor.quarter is not None:
        year, quarter = parsed.point.year, anchor.quarter  # "the 1988 quarter"
    elif parsed.point.year is not None and ctx.ref is not None:
        year, quarter = parsed.point.year, max(1, (ctx.ref.month - 1) // 3)
    elif anchor is not None and anchor.quarter is not None and anchor.year is not None:
        year, quarter = anchor.year, anchor.quarter
    elif ctx.ref is not None:
        year, quarter = ctx.ref.year, (ctx.ref.month - 1) // 3  # the one before this one
        if quarter == 0:
            year, quarter = year - 1, 4
    else:
        return None
    step = -4 if parsed.unit == "year" else int(parsed.offset or 0)
    y, q = divmod(year * 4 + quarter - 1 + step, 4)
    return Point(year=y, quarter=q + 1)


def _date(p: Point) -> dt.date | None:
    if p.year is None or p.month is None or p.day is None or p.bc:
        return None
    try:
        return dt.date(p.year, p.month, p.day)
    except ValueError:
        return None


def _with_time(target: Point, source: Point) -> Point:
    return replace(target, part=source.part, hour=source.hour, minute=source.minute)


def follows_story(ctx: Context) -> bool:
    """The one rule for what a day, month or weekday without a year is placed against.

    News convention (TimeML, HeidelTime's news mode): the publication date, on the side the
    verb's tense points to. The story's own timeline (its last explicit date) only when there
    is no publication date, when the story is a history told far from its publication (then
    its dates are its timeline), or when the same sentence sets the time explicitly ("In 1988,
    sales peaked in March") and does not speak of the future. Anaphoric expressions ("that
    March", "the same day") do not come here: they always follow the story.
    """
    anchor = ctx.anchor
    if anchor is None or anchor.year is None:
        return False
    if ctx.ref is None or ctx.narrative:
        return True
    return ctx.same_sentence and ctx.tense in {None, "past"}


def _year_for_month(month: int, day: int | None, ctx: Context) -> tuple[int, bool] | None:
    """(year, bc) of a month named without a year.

    The story's year when it is narrating one nearby (same paragraph, not future);
    otherwise the reference's side the tense points to, or the nearest one.
    """
    anchor = ctx.anchor
    ref = ctx.ref
    if anchor is not None and anchor.year is not None and follows_story(ctx):
        if ctx.narrative and not ctx.same_sentence and anchor.month == 12 and month == 1:
            # a history moves on: after "December 16, 1944", "by January" is January 1945
            return (anchor.year - 1 if anchor.bc else anchor.year + 1), anchor.bc
        return anchor.year, anchor.bc
    if ref is None:
        return None
    key = (month, day or 0)
    now = (ref.month, ref.day if day is not None else 0)
    if ctx.tense == "future":
        return (ref.year if key >= now else ref.year + 1), False
    if ctx.tense == "past":
        ahead = _days_ahead(ref, month, day) if day is not None else None
        if ahead is not None and 0 < ahead <= _DEADLINE_DAYS:
            # a day just ahead in a past-tense report is a deadline or a plan ("the offer
            # had been set to expire Nov. 6"): a day a year back would carry its year
            return ref.year, False
        return (ref.year if key <= now else ref.year - 1), False

    def distance(year: int) -> int:
        return abs((year * 12 + month) - (ref.year * 12 + ref.month))

    return min((ref.year - 1, ref.year, ref.year + 1), key=distance), False


def _days_ahead(ref: dt.date, month: int, day: int) -> int | None:
    """Days from the reference to that month and day of its year (negative: before)."""
    try:
        return (dt.date(ref.year, month, day) - ref).days
    except ValueError:
        return None


def _resolve_bare(p: Point, ctx: Context, definite: bool = False) -> Point:
    anchor = ctx.anchor
    if p.month is not None or p.season is not None or p.quarter is not None or p.half:
        if p.month is not None:
            month = p.month
        elif p.season is not None:
            month = _SEASON_MONTHS[p.season][0]
        else:  # first month of the quarter or half
            month = ((p.quarter or 1) - 1) * 3 + 1 if p.quarter else ((p.half or 1) - 1) * 6 + 1
        found = _year_for_month(month, p.day, ctx)
        if found is None:
            return p
        if (p.quarter or p.half) and ctx.ref is not None and not follows_story(ctx):
            months = 3 if p.quarter else 6
            if month <= ctx.ref.month < month + months + 3:
                # the quarter we are in, or the one just ended (its results are news,
                # "will report third-quarter earnings"): this year's
                found = (ctx.ref.year, False)
        if p.weekday is not None and p.day is not None and p.month is not None:
            found = _year_of_weekday(p.month, p.day, p.weekday, found)
        return replace(p, year=found[0], bc=found[1], weekday=None)
    if p.weekday is not None:
        return _weekday(p, ctx)
    if p.hour is None and p.part is not None:
        # "at night": any night; "the morning": the story's day, in news the publication day
        # unless the story has just named a day
        story_day = anchor if anchor is not None and _date(anchor) is not None else None
        if not definite or (story_day is None and (ctx.narrative or ctx.ref is None)):
            return p
    # a clock time alone: the story's current day, else the publication day
    base = anchor if anchor is not None and _date(anchor) is not None else None
    if base is None:
        base = point_of(ctx.ref) if ctx.ref else anchor
    if base is None:
        return p
    return _with_time(replace(base, weekday=None), p)


def _year_of_weekday(
    month: int, day: int, weekday: int, guess: tuple[int, bool]
) -> tuple[int, bool]:
    """'Friday, Dec. 6': the year near the guess in which that day is that weekday."""
    if guess[1]:
        return guess
    for year in (guess[0], guess[0] + 1, guess[0] - 1):
        try:
            if dt.date(year, month, day).isoweekday() == weekday:
                return year, False
        except ValueError:
            continue
    return guess


def _weekday(p: Point, ctx: Context) -> Point:
    assert p.weekday is not None
    anchor_day = _date(ctx.anchor) if ctx.anchor is not None else None
    ref = ctx.ref
    far = ref is None or (ref - anchor_day).days > 14 if anchor_day is not None else False
    if anchor_day is not None and far and (ref is None or ctx.narrative):
        delta = (p.weekday - anchor_day.isoweekday()) % 7  # on or after the story's day
        found = anchor_day + dt.timedelta(days=delta)
    elif ref is not None:
        if ctx.tense == "future":
            delta = (p.weekday - ref.isoweekday()) % 7  # "will vote Friday" told on a Friday: today
            found = ref + dt.timedelta(days=delta)
        else:
            found = ref - dt.timedelta(days=(ref.isoweekday() - p.weekday) % 7)
    else:
        return p
    return _with_time(point_of(found), p)


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + n
    return total // 12, total % 12 + 1


def _shift(parsed: Parsed, base: Point, ctx: Context, deictic: bool) -> Point | None:
    """The point `parsed` names counting from `base`."""
    offset = parsed.offset
    if offset is None or base.year is None:
        return None
    unit = parsed.unit
    p = parsed.point
    if unit is None:
        return _named_relative(p, base, int(offset))
    step = int(offset)
    if not float(offset).is_integer():
        return None
    base_date = _date(base)
    if unit == "day":
        if base_date is None:
            # a day of the story we cannot date: its year, the rest unknown (TIMEX3 X's)
            unknown = Point(year=base.year, bc=base.bc, unknown_day=True)
            return None if deictic else _with_time(unknown, p)
        return _with_time(point_of(base_date + dt.timedelta(days=step)), p)
    if unit in {"week", "weekend", "fortnight"}:
        if base_date is None:
            return None
        days = 7 * step * (2 if unit == "fortnight" else 1)
        if p.weekend and step == 0 and ctx.tense == "past" and base_date.isoweekday() < 6:
            days = -7  # "over the weekend", told on a weekday: the one just gone
        iso = (base_date + dt.timedelta(days=days)).isocalendar()
        return Point(year=iso[0], week=iso[1], weekend=p.weekend)
    if unit == "month":
        if base.month is None:
            return None
        y, m = _add_months(base.year, base.month, step)
        return Point(year=y, month=m, day=p.day, bc=base.bc)  # "the 28th of that month"
    if unit == "quarter":
        if base.month is None and base.quarter is None:
            return None
        q = base.quarter or ((base.month or 1) - 1) // 3 + 1
        y, qq = divmod((base.year * 4 + q - 1) + step, 4)
        return Point(year=y, quarter=qq + 1)
    if unit == "year" or (unit == "decade" and step and not deictic):
        years = step * (10 if unit == "decade" else 1)  # "a decade earlier": a year
        # BC years count down: the year after 490 BC is 489 BC
        return replace(p, year=base.year - years if base.bc else base.year + years, bc=base.bc)
    if base.bc:  # BC counts down: the century after the 5th century BC is the 4th
        step = -step
    if unit == "decade":
        return Point(decade=(base.year // 10) + step, bc=base.bc)
    if unit == "century":
        return Point(century=(base.year // 100) + step, bc=base.bc)
    if unit == "season":
        return Point(year=base.year)
    return None


def _named_relative(p: Point, base: Point, offset: int) -> Point | None:
    """'last June', 'next Friday', 'that March', 'this summer' from a base point."""
    assert base.year is not None
    base_month = base.month or 0
    if p.month is not None:
        if offset < 0:
            year = base.year if p.month < base_month else base.year - 1
        elif offset > 0:
            year = base.year if base_month and p.month > base_month else base.year + 1
        else:
            year = base.year
        return replace(p, year=year, bc=base.bc)
    if p.season is not None:
        first = _SEASON_MONTHS[p.season][0]
        if offset < 0:
            year = base.year if base_month and first < base_month else base.year - 1
        elif offset > 0:
            year = base.year if base_month and first > base_month else base.year + 1
        else:
            year = base.year
        return replace(p, year=year, bc=base.bc)
    if p.weekday is not None:
        day = _date(base)
        if day is None:
            return None
        if offset < 0:
            found = day - dt.timedelta(days=(day.isoweekday() - p.weekday) % 7 or 7)
        elif offset > 0:
            found = day + dt.timedelta(days=(p.weekday - day.isoweekday()) % 7 or 7)
        else:
            found = day + dt.timedelta(days=p.weekday - day.isoweekday())
        return _with_time(point_of(found), p)
    if p.quarter is not None or p.half is not None:
        return replace(p, year=base.year + offset)
    if p.has_time:  # "last night" is the night before, "next morning" the one after
        day = _date(base)
        if day is None or offset == 0:
            return _with_time(replace(base, weekday=None), p)
        return _with_time(point_of(day + dt.timedelta(days=offset)), p)
    return None


def is_calendar(value: str | None) -> bool:
    """True for values naming a calendar point (they extend the story's timeline)."""
    return bool(value) and value not in _REFS and not value.startswith(("P", "X"))  # type: ignore[union-attr]
