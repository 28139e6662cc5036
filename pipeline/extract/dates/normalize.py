"""Read a temporal expression into its meaning, without any calendar context.

`parse("early 2021")` -> a `Parsed` saying: an absolute year, 2021, mod START. Relative and
anaphoric expressions ("last June", "that March", "two weeks ago") are parsed into what they
are relative to and by how much; `resolve` turns them into TIMEX3 values with the story's dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from pipeline.extract.dates import lexicon as lx
from pipeline.extract.dates.absolute import numeric_date

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Kind = Literal["absolute", "bare", "deictic", "anaphoric", "fixed"]

_TOKEN = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}"  # ISO date
    r"|\d{1,2}[.-]\d{1,2}[.-]\d{4}|\d{4}[./]\d{1,2}[./]\d{1,2}"  # 20.09.2021, 2021/09/20
    r"|\d{1,2}/\d{1,2}/\d{2,4}"  # US numeric date
    r"|\d/\d{1,2}\b"  # a fraction: "2 1/2 years"
    r"|\d{1,2}:\d{2}(?::\d{2})?"  # clock time
    r"|\d+(?=[ap]\.?m\b)"  # "8pm" -> "8", "pm"
    r"|\d+s\b|'\d{2}s?\b"  # decades, abbreviated years
    r"|\d+(?:st|nd|rd|th)\b"  # ordinal day
    r"|\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"  # 15,000 or 13.8
    r"|[a-z]\.(?:[a-z]\.)+"  # a.m., b.c.
    r"|q[1-4]\b"  # quarters
    r"|[a-z]+"
    r"|\S"
)


@dataclass(frozen=True)
class Point:
    """A calendar point; unset fields are unknown or finer than the expression."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    week: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    weekday: int | None = None
    weekend: bool = False
    part: str | None = None  # MO AF EV NI DT
    hour: int | None = None
    minute: int | None = None
    decade: int | None = None  # 199 for the 1990s
    century: int | None = None  # 19 for the 20th century
    bc: bool = False
    unknown_day: bool = False  # names a day whose date is unknown: XXXX-XX-XX

    @property
    def has_time(self) -> bool:
        return self.hour is not None or self.part is not None


@dataclass(frozen=True)
class Parsed:
    """What an expression means before it is placed on a timeline.

    kind: absolute (has its own year), bare (month/weekday/time without a year: context
    decides), deictic (relative to the reference date: unit/point + offset), anaphoric
    (relative to the story's last date), fixed (value known: durations, sets, *_REF).
    """

    type: TimexType
    kind: Kind
    point: Point = field(default_factory=Point)
    unit: str | None = None
    offset: float | None = 0  # None: vague amount ("several years ago")
    value: str | None = None
    mod: str | None = None
    definite: bool = False  # anaphoric only through "the" ("the month"), not "that"/"same"
    reporting: bool = False  # a fiscal quarter counted from the story's reporting quarter
    counted: bool = False  # an amount before or after a time: "a year ago", "two days later"


_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TENS = "ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TEENS = "eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
SPELLED_YEAR = re.compile(
    rf"\b(?P<century>seventeen|eighteen|nineteen|twenty)[ -](?P<tens>{_TENS}|{_TEENS})"
    rf"(?:[ -](?P<ones>{_ONES}))?\b"
    rf"|\b(?<=year )two thousand(?:(?: and)? (?P<ones2>{_ONES}|ten|{_TEENS}))?\b",
    re.IGNORECASE,
)


def _spelled_year(m: re.Match[str]) -> str:
    n = lx.NUMBER_WORDS
    if m.group("century"):
        year = int(n[m.group("century").lower()]) * 100 + int(n[m.group("tens").lower()])
        return str(year + int(n[(m.group("ones") or "zero").lower()]))
    return str(2000 + int(n[(m.group("ones2") or "zero").lower()]))


def spelled_years(text: str) -> str:
    """'nineteen ninety-four' -> '1994', 'the year two thousand' -> 'the year 2000' (radio
    transcripts spell years out)."""
    return SPELLED_YEAR.sub(_spelled_year, text)


def tokenize(text: str) -> list[str]:
    """Lower-case word, number and symbol tokens; full stops of abbreviations dropped."""
    text = text.lower().replace("\u2019", "'").replace("\u2013", "-")
    return [t for t in _TOKEN.findall(text) if t != "."]


def _number(tokens: list[str], end: int) -> tuple[float | None, int] | None:
    """The count that ends just before tokens[end] (skipping fillers): (value, start)."""
    i = end - 1
    while i >= 0 and tokens[i] in lx.NUMBER_FILLERS | {"-"}:
        i -= 1
    if i < 0:
        return None
    if i > 0 and tokens[i].isalpha() and tokens[i] not in lx.NUMBER_WORDS.keys() | lx.VAGUE_NUMBERS:
        before = tokens[i - 1]
        if before.isdigit() or (before in lx.NUMBER_WORDS and before not in {"a", "an"}):
            i -= 1  # one adjective between count and unit: "two bloody weeks"
    tok = tokens[i]
    if tok in lx.VAGUE_NUMBERS:
        return None, i
    if m := re.fullmatch(r"(\d)/(\d{1,2})", tok):  # "2 1/2", "1/2"
        frac = int(m.group(1)) / int(m.group(2))
        if i > 0 and tokens[i - 1].isdigit():
            return int(tokens[i - 1]) + frac, i - 1
        return frac, i
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", tok):
        return float(tok.replace(",", "")), i
    if tok in _SCALES:
        j = i - 1
        while j >= 0 and tokens[j] == "-":
            j -= 1
        base = tokens[j] if j >= 0 else ""
        if re.fullmatch(r"\d+(?:\.\d+)?", base):  # "13.8-billion-year"
            return float(base) * _SCALES[tok], j
        return _SCALES[tok], i
    if tok in lx.NUMBER_WORDS:
        total = lx.NUMBER_WORDS[tok]
        j = i - 1
        # "twenty - five", "two hundred", "two and a half", "a couple of", "a few"
        while j >= 0 and (tokens[j] in lx.NUMBER_WORDS or tokens[j] in {"-", "and"}):
            prev = tokens[j]
            if prev in lx.NUMBER_WORDS:
                val = lx.NUMBER_WORDS[prev]
                if tok in {"hundred", "thousand", "dozen"}:
                    total = val * total
                elif prev in {"a", "an"}:
                    pass
                elif tok in {"a", "an"} and prev == "half":
                    total = 0.5
                elif tokens[j + 1] == "and" or (val >= 20 and total < 10) or total < 1 <= val:
                    total = val + total
                else:
                    break
                tok = prev
            j -= 1
        return total, j + 1
    return None


_VAGUE_BACK = frozenset({"day", "year", "decade"})
_SCALES = {"million": 1e6, "billion": 1e9, "trillion": 1e12}


def _fmt_amount(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(amount: float | None, unit: str) -> str:
    """ISO 8601 duration for an amount of a unit; amount None gives the vague X form."""
    code, factor = lx.DURATION_CODE[unit]
    prefix = "PT" if unit in lx.TIME_UNITS else "P"
    if amount is None:
        if unit == "decade":
            return "PXDE"
        if unit == "century":
            return "PXCE"
        return f"{prefix}X{code}"
    total = amount * factor
    finer = {"Y": ("M", 12), "D": ("H", 24), "H": ("M", 60), "M": ("S", 60)}
    if (
        total > 1
        and not float(total).is_integer()
        and code in finer
        and (code != "M" or unit in lx.TIME_UNITS)
    ):  # 2.5 years -> P2Y6M, 1.5 minutes -> PT1M30S
        sc, mult = finer[code]
        rest = (total - int(total)) * mult
        if float(rest).is_integer():
            return f"{prefix}{int(total)}{code}{int(rest)}{sc}"
    if total < 1 and code in {"Y", "D", "W", "M", "H"}:
        # half a day -> PT12H, half an hour -> PT30M, half a year -> P6M
        smaller = {"Y": ("M", 12, "P"), "D": ("H", 24, "PT"), "H": ("M", 60, "PT")}
        if code in smaller and (unit not in lx.TIME_UNITS or code == "H"):
            sc, mult, sp = smaller[code]
            if float(total * mult).is_integer():
                return f"{sp}{_fmt_amount(total * mult)}{sc}"
    return f"{prefix}{_fmt_amount(total)}{code}"


def _year_of(tok: str, nxt: str | None) -> tuple[int, bool] | None:
    """(year, bc) when tok reads as a year; nxt is the following token."""
    bc = nxt in {"bc", "b.c.", "bce", "b.c.e."}
    if re.fullmatch(r"\d{1,4}", tok):
        n = int(tok)
        if bc or nxt in {"ad", "a.d.", "ce"}:
            return n, bc
        if len(tok) == 4 and 1000 <= n <= 2100:
            return n, False
    if re.fullmatch(r"'\d{2}", tok):
        n = int(tok[1:])
        return (1900 + n if n > 30 else 2000 + n), False
    return None


def _clock(tokens: list[str], i: int) -> tuple[int, int | None] | None:
    """(hour, minute) when tokens[i] starts a clock time: 8:30, 8 pm, 15:00, noon."""
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    ampm = nxt.replace(".", "") in {"am", "pm"}
    m = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?", tok)
    if m:
        hour, minute = int(m.group(1)), int(m.group(2))
    elif re.fullmatch(r"\d{1,2}", tok) and ampm:
        hour, minute = int(tok), None
    elif tok == "noon" or tok == "midday":
        return 12, 0
    elif tok == "midnight":
        return 24, 0
    else:
        return None
    if hour > 24 or (minute is not None and minute > 59):
        return None
    if ampm and nxt.startswith("p") and hour < 12:
        hour += 12
    if ampm and nxt.startswith("a") and hour == 12:
        hour = 0
    return hour, minute


def _mod(tokens: list[str]) -> str | None:
    joined = " ".join(tokens)
    for phrase, mod in (
        ("more than", "MORE_THAN"),
        ("over", "MORE_THAN"),
        ("less than", "LESS_THAN"),
        ("fewer than", "LESS_THAN"),
        ("under", "LESS_THAN"),
        ("at least", "EQUAL_OR_MORE"),
        ("at most", "EQUAL_OR_LESS"),
        ("up to", "EQUAL_OR_LESS"),
        ("no more than", "EQUAL_OR_LESS"),
    ):
        if re.search(rf"(^| ){phrase} ", joined):
            return mod
    for tok in tokens:
        if tok in lx.MODS and tok not in {"over", "under", "later", "earlier", "some"}:
            return lx.MODS[tok]
    if tokens and tokens[0] == "some":
        return "APPROX"
    return None


def _ordinal(tok: str) -> int | None:
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", tok)
    if m:
        return int(m.group(1))
    return lx.ORDINALS.get(tok)


def parse(text: str) -> Parsed | None:
    """The meaning of one temporal expression, or None when it is not one."""
    tokens = tokenize(spelled_years(text))
    if not tokens:
        return None
    return _parse_tokens(tokens)


def _parse_tokens(tokens: list[str]) -> Parsed | None:
    words = set(tokens)
    mod = _mod(tokens)
    n = len(tokens)

    # --- calendar fields written in the expression ---------------------------------------
    year: int | None = None
    bc = False
    month = day = weekday = quarter = half = decade = century = hour = minute = None
    season = part = None
    weekend = False
    unit: str | None = None
    unit_at = -1
    recurring = False  # a plural day or part of the day: "Mondays", "Tuesday nights"
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < n else None
        if (m := re.fullmatch(r"(\d{1,2}):(\d{2}):(\d{2})", tok)) and not (
            nxt and nxt.replace(".", "") in {"am", "pm"}
        ):  # h:mm:ss without am/pm is an elapsed time (a race, a recording)
            h, mi, sec = (int(g) for g in m.groups())
            parts = "".join(f"{v}{c}" for v, c in ((h, "H"), (mi, "M"), (sec, "S")) if v)
            return Parsed("DURATION", "fixed", value=f"PT{parts or '0S'}", mod=mod)
        prev = tokens[i - 1] if i > 0 else None
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", tok):
            year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif (numeric := numeric_date(tok)) is not None:
            year, month, day = numeric.year, numeric.month, numeric.day
        elif m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", tok):
            month, day, yy = int(m.group(1)), int(m.group(2)), int(m.group(3))
            year = yy if yy > 99 else (1900 + yy if yy > 30 else 2000 + yy)
        elif (clock := _clock(tokens, i)) is not None:
            hour, minute = clock
        elif re.fullmatch(r"\d{3}0s|'\d0s", tok):
            digits = tok.strip("'s")
            decade = int(digits[:3]) if len(digits) == 4 else 190 + int(digits[0])
            if len(digits) == 2 and int(digits) <= 20:
                decade = 200 + int(digits[0])
        elif (yr := _year_of(tok, nxt)) is not None and not (
            nxt in lx.UNITS
            and prev not in lx.MONTHS
            and nxt not in {"quarter", "half"}
            and tokens[i + 2 : i + 3] not in (["quarter"], ["half"])
        ):  # "1988 years" is a count, "the 1988 quarter" a year
            year, bc = yr
        elif tok in lx.MONTHS:
            month = lx.MONTHS[tok]
        elif tok in lx.HOLIDAYS:
            month, day = lx.HOLIDAYS[tok]
            if nxt == "eve":
                day -= 1
        elif tok in lx.WEEKDAYS and (tok in lx.FULL_WEEKDAYS or n > 1):
            weekday = lx.WEEKDAYS[tok]
        elif tok in lx.SEASONS:
            season = lx.SEASONS[tok]
        elif tok in lx.PARTS_OF_DAY:
            part = lx.PARTS_OF_DAY[tok]
        elif tok.endswith("s") and tok[:-1] in lx.FULL_WEEKDAYS:
            weekday, recurring = lx.WEEKDAYS[tok[:-1]], True  # "Mondays"
        elif tok.endswith("s") and tok[:-1] in lx.PARTS_OF_DAY and tok != "overnights":
            part, recurring = lx.PARTS_OF_DAY[tok[:-1]], True  # "Tuesday nights"
        elif tok in {"century", "centuries"} and i > 0 and _ordinal(tokens[i - 1]):
            ordn = _ordinal(tokens[i - 1]) or 0
            century = ordn - 1 if ordn > 0 else None
            bc = bc or bool(words & {"bc", "b.c.", "bce"})  # "the 4th century BC"
            unit = None
        elif tok == "quarter" and (o := _ordinal(_before_hyphen(tokens, i))):
            quarter = 4 if o == -1 else o  # "the third quarter", "third-quarter"
            if unit == "second":
                unit = None
        elif re.fullmatch(r"q[1-4]", tok):
            quarter = int(tok[1])
        elif (
            tok == "half"
            and i > 0
            and ((o := _ordinal(tokens[i - 1])) in {1, 2, -1} or tokens[i - 1] == "latter")
        ):
            half = 1 if o == 1 and tokens[i - 1] != "latter" else 2
        elif tok in lx.UNITS:
            if tok in {"weekend", "weekends"}:
                weekend = True
            unit, unit_at = lx.UNITS[tok], i
        elif re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", tok) and (
            (nxt in lx.MONTHS or prev in lx.MONTHS or (nxt == "of" and i + 2 < n))
            and 1 <= int(re.sub(r"\D", "", tok)) <= 31
        ):
            if day is None:
                day = int(re.sub(r"\D", "", tok))
        elif _ordinal(tok) and nxt == "of" and i + 2 < n and tokens[i + 2] in lx.MONTHS:
            day = _ordinal(tok)
        elif prev in lx.MONTHS and tok in lx.ORDINALS and tok != "last" and day is None:
            day = lx.ORDINALS[tok]  # "March eighth"
    if (century is not None or quarter is not None or half is not None) and (
        unit in {"century", "quarter"} or (half is not None and unit == "year")
    ):
        unit = None

    det_deictic = next((lx.DEICTIC_OFFSET[t] for t in tokens if t in lx.DEICTIC_OFFSET), None)
    det_anaphoric = next((lx.ANAPHORIC_OFFSET[t] for t in tokens if t in lx.ANAPHORIC_OFFSET), None)
    has_the = "the" in words
    point = Point(
        year=year, month=month, day=day, quarter=quarter, half=half, season=season,
        weekday=weekday, weekend=weekend, part=part, hour=hour, minute=minute,
        decade=decade, century=century, bc=bc,
    )  # fmt: skip
    is_time = point.has_time
    ttype: TimexType = "TIME" if is_time else "DATE"

    # --- frequencies: every week, each Monday, daily -------------------------------------
    set_det = words & {"every", "each", "per"} or (
        "a" in words
        and unit is not None
        and unit_at > 0
        and tokens[unit_at - 1] == "a"
        and _after_count(tokens, unit_at)
    )
    set_word = next((t for t in tokens if t in lx.SET_WORDS), None)
    if set_word and len(tokens) <= 2:
        return Parsed("SET", "fixed", value=lx.SET_WORDS[set_word], mod=mod)
    if (set_det and (unit or weekday or part or season or month)) or (
        recurring and not words & {"the", "those", "these", "that", "this"}
    ):
        value = _set_value(tokens, unit, unit_at, point)
        return Parsed("SET", "fixed", value=value, mod=mod)

    # --- absolute: the expression carries its own year ------------------------------------
    if year is not None and unit == "quarter" and quarter is None and unit_at == n - 1:
        # "the 1988 quarter": the reporting quarter of that year
        return Parsed("DATE", "anaphoric", point=point, unit=unit, reporting=True)
    if year is not None and tokens[-1] == "period" and n <= 3:
        # "the 1988 period": in a story reporting a quarter, that quarter of 1988
        return Parsed("DATE", "anaphoric", point=point, unit="period", reporting=True)
    stretch = next(
        (
            i
            for i in range(1, n - 1)
            if tokens[i] in lx.PLURAL_UNITS and tokens[i + 1] == "of" and i >= 2
        ),
        None,
    )
    if (
        stretch is not None
        and words & {"first", "last", "final"}
        and lx.UNITS[tokens[stretch]] in {"day", "week", "month", "quarter", "year"}
        and (count := _number(tokens, stretch)) is not None
        and count[0] is not None
    ):  # "the first nine months of 1997", "... of the year": a stretch of that year
        return Parsed(
            "DURATION", "fixed", value=duration_value(count[0], lx.UNITS[tokens[stretch]])
        )
    if year is not None or decade is not None or century is not None:
        if decade is not None and year is None:
            point = replace(point, decade=decade)
        return Parsed(ttype, "absolute", point=point, mod=mod)

    # --- amounts of a unit: durations and offsets ("five years", "two weeks ago") ---------
    if unit is not None:
        count = _number(tokens, unit_at) if unit_at >= 0 else None
        assert unit is not None
        plural = tokens[unit_at] in lx.PLURAL_UNITS
        if plural and words & {"this", "next"} and _number(tokens, unit_at) is None:
            plural = False  # "this years' edition": a possessive, not an amount
        amount: float | None
        if count is not None:
            amount = count[0]
        elif plural:
            amount = None
        else:
            amount = 1
        has_count = count is not None or plural
        after = tokens[unit_at + 1 :]
        if after[:1] == ["-"]:
            after = after[1:]  # "the year-earlier period"
        if after[:3] == ["and", "a", "half"] and amount is not None:
            amount, after = amount + 0.5, after[3:]  # "a minute and a half"
            if after[:1] in (["later"], ["earlier"], ["ago"]):
                return Parsed("DURATION", "fixed", value=duration_value(amount, unit), mod=None)
        if (
            plural
            and count is None
            and not has_the
            and not after
            and (
                words & {"coming", "upcoming"}
                or (words & {"recent", "past"} and unit in _VAGUE_BACK)
            )
        ):  # "in coming months", "in recent years": the future, the past (TimeML); "recent
            # weeks" stays a stretch (PXW), as annotators mostly read it
            ref = "PAST_REF" if words & {"recent", "past"} else "FUTURE_REF"
            return Parsed("DATE", "fixed", value=ref, mod=None)
        if plural and count is None and words & {"those", "these"} and not after:
            # "in those days", "these days": a time, not an amount
            ref = "PRESENT_REF" if "these" in words else "PAST_REF"
            return Parsed("DATE", "fixed", value=ref, mod=mod)
        if "ago" in after:
            if amount is None:
                return Parsed("DATE", "fixed", value="PAST_REF", mod=mod)
            return Parsed("DATE", "deictic", unit=unit, offset=-amount, mod=mod, counted=True)
        if ("from" in after and "now" in after) or "hence" in after:
            if amount is None:
                return Parsed("DATE", "fixed", value="FUTURE_REF", mod=mod)
            return Parsed("DATE", "deictic", unit=unit, offset=amount, mod=mod)
        if after and after[0] in {"later", "after", "afterwards", "on", "following"}:
            if amount is None:
                return Parsed("DATE", "fixed", value="FUTURE_REF", mod=mod)
            return Parsed(
                ttype, "anaphoric", unit=unit, offset=amount, mod=mod, point=point, counted=True
            )
        if after and after[0] in {"earlier", "before", "previously", "prior"}:
            if amount is None:
                return Parsed("DATE", "fixed", value="PAST_REF", mod=mod)
            return Parsed(
                ttype, "anaphoric", unit=unit, offset=-amount, mod=mod, point=point, counted=True
            )
        singular = (not plural and count is None) or (
            count is not None and count[0] == 1 and tokens[count[1]] in {"a", "an"} and False
        )
        if (
            after[:1] == ["of"]
            and words & {"first", "last", "final", "opening", "closing"}
            and (has_count or len(after) > 1)
        ):  # "the last week of August", "the first ten months of 1915": a stretch
            return Parsed("DURATION", "fixed", value=duration_value(amount, unit), mod=None)
        if unit == "decade" and has_the and words & {"next", "following", "past", "last"}:
            return Parsed("DURATION", "fixed", value=duration_value(1, unit), mod=None)
        ordinal = _ordinal(tokens[unit_at - 1]) if unit_at > 0 else None
        if unit == "day" and ordinal and ordinal > 0 and not after:
            # "the 99th day": a day counted from an unnamed start
            return Parsed("DATE", "fixed", value="XXXX-XX-XX", mod=mod)
        if unit == "quarter" and singular and not has_count and det_anaphoric is None:
            # financial news: "the quarter", "the latest quarter" are the quarter being
            # reported (the story's, else the last one completed); "the year-ago quarter"
            # is that quarter a year before
            if _year_ago(tokens):
                return Parsed("DATE", "anaphoric", unit=unit, offset=-4, mod=mod, reporting=True)
            if words & {"latest", "recent", "reporting"} or (has_the and det_deictic is None):
                return Parsed("DATE", "anaphoric", unit=unit, offset=0, mod=mod, reporting=True)
        if singular and not has_count:
            if unit == "weekend":  # "the weekend" of a news story is the one around it
                offset = det_deictic if det_deictic is not None else 0
                kind: Kind = "deictic" if det_anaphoric is None else "anaphoric"
                return Parsed(
                    "DATE",
                    kind,
                    unit="week",
                    offset=offset,
                    mod=mod,
                    point=replace(point, weekend=True),
                )
            if "next" in words and has_the and det_anaphoric is None:
                return Parsed(ttype, "anaphoric", unit=unit, offset=1, mod=mod, point=point)
            if det_anaphoric is not None and not (
                "last" in words and has_the and det_anaphoric == 0
            ):
                return Parsed(
                    ttype, "anaphoric", unit=unit, offset=det_anaphoric, mod=mod, point=point
                )
            if det_deictic is not None:
                return Parsed(ttype, "deictic", unit=unit, offset=det_deictic, mod=mod, point=point)
            if has_the or words & {"end", "beginning", "middle", "rest"}:
                return Parsed(
                    ttype, "anaphoric", unit=unit, offset=0, mod=mod, point=point, definite=True
                )
            if unit == "day" and part is not None:
                return Parsed("TIME", "bare", point=point, mod=mod)
            return Parsed("DURATION", "fixed", value=duration_value(1, unit), mod=mod)
        dmod = (
            mod
            if mod in {"MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS", "APPROX"}
            else None
        )
        return Parsed("DURATION", "fixed", value=duration_value(amount, unit), mod=dmod)

    # --- named days, months, seasons, times without a year -------------------------------
    day_word = next((t for t in tokens if t in lx.DAY_WORDS), None)
    if day_word is not None:
        if day_word == "tonight":
            point = replace(point, part=point.part or "NI")
        typ: TimexType = "TIME" if point.has_time else "DATE"
        return Parsed(
            typ, "deictic", unit="day", offset=lx.DAY_WORDS[day_word], point=point, mod=mod
        )
    named = (
        month is not None
        or weekday is not None
        or season is not None
        or quarter is not None
        or half is not None
        or point.has_time
    )
    if named:
        if det_anaphoric is not None:
            return Parsed(ttype, "anaphoric", point=point, offset=det_anaphoric, mod=mod)
        if det_deictic is not None and not (det_deictic in {-1, 1} and has_the):
            return Parsed(ttype, "deictic", point=point, offset=det_deictic, mod=mod)
        if det_deictic in {-1, 1} and has_the:  # "the next spring", "the last morning"
            return Parsed(ttype, "anaphoric", point=point, offset=det_deictic, mod=mod)
        # "the morning", "mid afternoon": a part of the story's day, not any morning
        day_part = point.part is not None and (has_the or mod in {"START", "MID", "END"})
        return Parsed(ttype, "bare", point=point, mod=mod, definite=day_part)

    # --- references to now, the past, the future -----------------------------------------
    if "period" in words:
        return Parsed("DATE", "fixed", value=None, mod=mod)  # its extent is the story's
    if "time" in words or "moment" in words or "date" in words:
        if words & {"this", "present", "current"} or "now" in words:
            return Parsed("DATE", "fixed", value="PRESENT_REF", mod=mod)
        if tokens[:3] == ["at", "the", "time"] or tokens == ["the", "time"]:
            return Parsed("DATE", "fixed", value="PAST_REF", mod=mod)
        if words & {"that", "same", "the"}:
            return Parsed("DATE", "anaphoric", unit="time", offset=0, mod=mod)
        return None
    if words & lx.PRESENT_WORDS:
        return Parsed("DATE", "fixed", value="PRESENT_REF", mod=mod)
    if words & lx.FUTURE_WORDS:
        return Parsed("DATE", "fixed", value="FUTURE_REF", mod=mod)
    if words & lx.PAST_WORDS:
        return Parsed("DATE", "fixed", value="PAST_REF", mod=mod)
    return None


def _before_hyphen(tokens: list[str], i: int) -> str:
    """The word before tokens[i], across a hyphen ('third-quarter')."""
    j = i - 2 if i >= 2 and tokens[i - 1] == "-" else i - 1
    return tokens[j] if j >= 0 else ""


def _year_ago(tokens: list[str]) -> bool:
    """'the year-ago quarter', 'the year-earlier period', 'last year's quarter'."""
    joined = " ".join(tokens)
    return bool(re.search(r"\byear - (?:ago|earlier)\b|\blast year 's\b|\bprior-year\b", joined))


def _after_count(tokens: list[str], unit_at: int) -> bool:
    """True for '... a week' after an amount ('twice a week', '$5 a day')."""
    return unit_at >= 2 and tokens[unit_at - 2] not in {"for", "in", "within", "of", "than"}


def _set_value(tokens: list[str], unit: str | None, unit_at: int, point: Point) -> str:
    if point.weekday is not None:
        return f"XXXX-WXX-{point.weekday}" + (f"T{point.part}" if point.part else "")
    if point.month is not None:
        return f"XXXX-{point.month:02d}"
    if point.season is not None:
        return f"XXXX-{point.season}"
    if point.part is not None and unit in {None, "day"}:
        return f"XXXX-XX-XXT{point.part}"
    assert unit is not None
    count = _number(tokens, unit_at)
    amount = count[0] if count is not None and tokens[count[1]] not in {"a", "an"} else 1
    return duration_value(amount or 1, unit)
