"""Read a temporal expression into its meaning, without any calendar context.

`parse("early 2021")` -> a `Parsed` saying: an absolute year, 2021, mod START. Relative and
anaphoric expressions ("last June", "that March", "two weeks ago") are parsed into what they
are relative to and by how much; `resolve` turns them into TIMEX3 values with the story's dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
    """Read the calendar fields written in the expression, then try each rule in order: the
    first that recognizes the expression gives its meaning."""
    words = set(tokens)
    mod = _mod(tokens)
    fields = _scan(tokens, words, mod)
    if isinstance(fields, Parsed):
        return fields
    expr = _Expr.of(tokens, words, mod, fields)
    for rule in _RULES:
        parsed = rule(expr)
        if parsed is not None:
            return parsed
    return None


# --- calendar fields written in the expression -----------------------------------------------


@dataclass
class _Fields:
    """The calendar fields an expression writes, read token by token."""

    year: int | None = None
    bc: bool = False
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    quarter: int | None = None
    half: int | None = None
    decade: int | None = None
    century: int | None = None
    hour: int | None = None
    minute: int | None = None
    season: str | None = None
    part: str | None = None
    weekend: bool = False
    unit: str | None = None
    unit_at: int = -1
    recurring: bool = False  # a plural day or part of the day: "Mondays", "Tuesday nights"

    def point(self) -> Point:
        return Point(
            year=self.year, month=self.month, day=self.day, quarter=self.quarter,
            half=self.half, season=self.season, weekday=self.weekday, weekend=self.weekend,
            part=self.part, hour=self.hour, minute=self.minute, decade=self.decade,
            century=self.century, bc=self.bc,
        )  # fmt: skip


@dataclass(frozen=True)
class _At:
    """One token of the expression, with its neighbours."""

    tokens: list[str]
    words: set[str]
    i: int
    prev: str | None
    nxt: str | None

    @property
    def tok(self) -> str:
        return self.tokens[self.i]


def _scan(tokens: list[str], words: set[str], mod: str | None) -> _Fields | Parsed:
    """The fields each token writes; an elapsed time ends the reading with its duration."""
    fields = _Fields()
    n = len(tokens)
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < n else None
        elapsed = _elapsed_time(tok, nxt, mod)
        if elapsed is not None:
            return elapsed
        at = _At(tokens, words, i, tokens[i - 1] if i > 0 else None, nxt)
        if not (_read_numeric(fields, at) or _read_named(fields, at)):
            _read_counted(fields, at)
    if (fields.century is not None or fields.quarter is not None or fields.half is not None) and (
        fields.unit in {"century", "quarter"} or (fields.half is not None and fields.unit == "year")
    ):
        fields.unit = None
    return fields


def _elapsed_time(tok: str, nxt: str | None, mod: str | None) -> Parsed | None:
    """h:mm:ss without am/pm is an elapsed time (a race, a recording)."""
    m = re.fullmatch(r"(\d{1,2}):(\d{2}):(\d{2})", tok)
    if not m or (nxt and nxt.replace(".", "") in {"am", "pm"}):
        return None
    h, mi, sec = (int(g) for g in m.groups())
    parts = "".join(f"{v}{c}" for v, c in ((h, "H"), (mi, "M"), (sec, "S")) if v)
    return Parsed("DURATION", "fixed", value=f"PT{parts or '0S'}", mod=mod)


def _read_numeric(f: _Fields, at: _At) -> bool:
    """Dates and times in digits, decades, years."""
    tok, nxt, prev, tokens, i = at.tok, at.nxt, at.prev, at.tokens, at.i
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", tok):
        f.year, f.month, f.day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif (numeric := numeric_date(tok)) is not None:
        f.year, f.month, f.day = numeric.year, numeric.month, numeric.day
    elif m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", tok):
        f.month, f.day, yy = int(m.group(1)), int(m.group(2)), int(m.group(3))
        f.year = yy if yy > 99 else (1900 + yy if yy > 30 else 2000 + yy)
    elif (clock := _clock(tokens, i)) is not None:
        f.hour, f.minute = clock
    elif re.fullmatch(r"\d{3}0s|'\d0s", tok):
        digits = tok.strip("'s")
        f.decade = int(digits[:3]) if len(digits) == 4 else 190 + int(digits[0])
        if len(digits) == 2 and int(digits) <= 20:
            f.decade = 200 + int(digits[0])
    elif (yr := _year_of(tok, nxt)) is not None and not (
        nxt in lx.UNITS
        and prev not in lx.MONTHS
        and nxt not in {"quarter", "half"}
        and tokens[i + 2 : i + 3] not in (["quarter"], ["half"])
    ):  # "1988 years" is a count, "the 1988 quarter" a year
        f.year, f.bc = yr
    else:
        return False
    return True


def _read_named(f: _Fields, at: _At) -> bool:
    """Months, holidays, weekdays, seasons, parts of the day, by name."""
    tok, nxt = at.tok, at.nxt
    if tok in lx.MONTHS:
        f.month = lx.MONTHS[tok]
    elif tok in lx.HOLIDAYS:
        f.month, f.day = lx.HOLIDAYS[tok]
        if nxt == "eve":
            f.day -= 1
    elif tok in lx.WEEKDAYS and (tok in lx.FULL_WEEKDAYS or len(at.tokens) > 1):
        f.weekday = lx.WEEKDAYS[tok]
    elif tok in lx.SEASONS:
        f.season = lx.SEASONS[tok]
    elif tok in lx.PLURAL_SEASONS:
        f.season, f.recurring = lx.PLURAL_SEASONS[tok], True  # "the past three summers"
    elif tok in lx.PARTS_OF_DAY:
        f.part = lx.PARTS_OF_DAY[tok]
    elif tok.endswith("s") and tok[:-1] in lx.FULL_WEEKDAYS:
        f.weekday, f.recurring = lx.WEEKDAYS[tok[:-1]], True  # "Mondays"
    elif tok.endswith("s") and tok[:-1] in lx.PARTS_OF_DAY and tok != "overnights":
        f.part, f.recurring = lx.PARTS_OF_DAY[tok[:-1]], True  # "Tuesday nights"
    else:
        return False
    return True


def _read_counted(f: _Fields, at: _At) -> None:
    """Centuries, quarters, halves, units, and days counted by number or ordinal."""
    tok, nxt, prev, tokens, i, n = at.tok, at.nxt, at.prev, at.tokens, at.i, len(at.tokens)
    if tok in {"century", "centuries"} and i > 0 and _ordinal(tokens[i - 1]):
        ordn = _ordinal(tokens[i - 1]) or 0
        f.century = ordn - 1 if ordn > 0 else None
        f.bc = f.bc or bool(at.words & {"bc", "b.c.", "bce"})  # "the 4th century BC"
        f.unit = None
    elif tok == "quarter" and (o := _ordinal(_before_hyphen(tokens, i))):
        f.quarter = 4 if o == -1 else o  # "the third quarter", "third-quarter"
        if f.unit == "second":
            f.unit = None
    elif re.fullmatch(r"q[1-4]", tok):
        f.quarter = int(tok[1])
    elif (
        tok == "half"
        and i > 0
        and ((o := _ordinal(tokens[i - 1])) in {1, 2, -1} or tokens[i - 1] == "latter")
    ):
        f.half = 1 if o == 1 and tokens[i - 1] != "latter" else 2
    elif tok in lx.UNITS:
        if tok in {"weekend", "weekends"}:
            f.weekend = True
        f.unit, f.unit_at = lx.UNITS[tok], i
    elif re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", tok) and (
        (nxt in lx.MONTHS or prev in lx.MONTHS or (nxt == "of" and i + 2 < n))
        and 1 <= int(re.sub(r"\D", "", tok)) <= 31
    ):
        if f.day is None:
            f.day = int(re.sub(r"\D", "", tok))
    elif _ordinal(tok) and nxt == "of" and i + 2 < n and tokens[i + 2] in lx.MONTHS:
        f.day = _ordinal(tok)
    elif prev in lx.MONTHS and tok in lx.ORDINALS and tok != "last" and f.day is None:
        f.day = lx.ORDINALS[tok]  # "March eighth"


@dataclass(frozen=True)
class _Expr:
    """An expression with its fields read: what the rules below look at."""

    tokens: list[str]
    words: set[str]
    mod: str | None
    fields: _Fields
    point: Point
    det_deictic: int | None  # "last", "next", "this": relative to the reference date
    det_anaphoric: int | None  # "that", "the following": relative to the story's last date
    has_the: bool
    ttype: TimexType

    @classmethod
    def of(cls, tokens: list[str], words: set[str], mod: str | None, fields: _Fields) -> _Expr:
        point = fields.point()
        return cls(
            tokens,
            words,
            mod,
            fields,
            point,
            next((lx.DEICTIC_OFFSET[t] for t in tokens if t in lx.DEICTIC_OFFSET), None),
            next((lx.ANAPHORIC_OFFSET[t] for t in tokens if t in lx.ANAPHORIC_OFFSET), None),
            "the" in words,
            "TIME" if point.has_time else "DATE",
        )


# --- frequencies: every week, each Monday, daily ---------------------------------------------


def _frequency(e: _Expr) -> Parsed | None:
    tokens, words, f = e.tokens, e.words, e.fields
    unit, unit_at = f.unit, f.unit_at
    set_det = words & {"every", "each", "per"} or (
        "a" in words
        and unit is not None
        and unit_at > 0
        and tokens[unit_at - 1] == "a"
        and _after_count(tokens, unit_at)
    )
    set_word = next((t for t in tokens if t in lx.SET_WORDS), None)
    if set_word and len(tokens) <= 2:
        return Parsed("SET", "fixed", value=lx.SET_WORDS[set_word], mod=e.mod)
    if (
        (set_det and (unit or f.weekday or f.part or f.season or f.month))
        or (f.recurring and not words & {"the", "those", "these", "that", "this"})
        or (
            f.recurring
            and f.season is not None
            and f.year is None
            and not words & {"those", "these"}
        )
    ):  # seasons are named with "the" ("the past three summers"): the recurrence stays
        value = _set_value(tokens, unit, unit_at, e.point)
        return Parsed("SET", "fixed", value=value, mod=e.mod)
    return None


# --- absolute: the expression carries its own year -------------------------------------------


def _reporting_year(e: _Expr) -> Parsed | None:
    f, n = e.fields, len(e.tokens)
    if f.year is not None and f.unit == "quarter" and f.quarter is None and f.unit_at == n - 1:
        # "the 1988 quarter": the reporting quarter of that year
        return Parsed("DATE", "anaphoric", point=e.point, unit=f.unit, reporting=True)
    if f.year is not None and e.tokens[-1] == "period" and n <= 3:
        # "the 1988 period": in a story reporting a quarter, that quarter of 1988
        return Parsed("DATE", "anaphoric", point=e.point, unit="period", reporting=True)
    if e.tokens[-1] == "period" and "latest" in e.words and n <= 3:
        # "the latest period" of a results story: the quarter it reports, like "the latest
        # quarter" (none named: the last one completed before publication)
        return Parsed("DATE", "anaphoric", unit="quarter", reporting=True)
    return None


def _stretch_of_year(e: _Expr) -> Parsed | None:
    """'the first nine months of 1997', '... of the year': a stretch of that year; "the first
    two quarters of 1990" is its first half (TIMEX3 names halves: 1990-H1)."""
    tokens = e.tokens
    stretch = next(
        (
            i
            for i in range(1, len(tokens) - 1)
            if tokens[i] in lx.PLURAL_UNITS and tokens[i + 1] == "of" and i >= 2
        ),
        None,
    )
    if (
        stretch is not None
        and e.words & {"first", "last", "final"}
        and lx.UNITS[tokens[stretch]] in {"day", "week", "month", "quarter", "year"}
        and (count := _number(tokens, stretch)) is not None
        and count[0] is not None
    ):
        if (
            lx.UNITS[tokens[stretch]] == "quarter"
            and count[0] == 2
            and e.fields.year is not None
            and e.words & {"first", "last"}
        ):
            half = 1 if "first" in e.words else 2
            return Parsed("DATE", "absolute", point=Point(year=e.fields.year, half=half))
        return Parsed(
            "DURATION", "fixed", value=duration_value(count[0], lx.UNITS[tokens[stretch]])
        )
    return None


def _absolute(e: _Expr) -> Parsed | None:
    f = e.fields
    if f.year is None and f.decade is None and f.century is None:
        return None
    point = e.point
    if f.decade is not None and f.year is None:
        point = replace(point, decade=f.decade)
    return Parsed(e.ttype, "absolute", point=point, mod=e.mod)


# --- amounts of a unit: durations and offsets ("five years", "two weeks ago") ----------------


@dataclass(frozen=True)
class _Amount:
    """How much of its unit an expression counts, and the words after the unit."""

    unit: str
    unit_at: int
    count: tuple[float | None, int] | None  # (amount, index of its first token)
    plural: bool
    amount: float | None  # None: a vague amount ("years")
    after: list[str]
    halved: bool  # "a minute and a half"

    @property
    def has_count(self) -> bool:
        return self.count is not None or self.plural

    @classmethod
    def of(cls, e: _Expr, unit: str) -> _Amount:
        tokens, unit_at = e.tokens, e.fields.unit_at
        count = _number(tokens, unit_at) if unit_at >= 0 else None
        plural = tokens[unit_at] in lx.PLURAL_UNITS
        if plural and e.words & {"this", "next"} and _number(tokens, unit_at) is None:
            plural = False  # "this years' edition": a possessive, not an amount
        amount: float | None
        if count is not None:
            amount = count[0]
        elif plural:
            amount = None
        else:
            amount = 1
        after = tokens[unit_at + 1 :]
        if after[:1] == ["-"]:
            after = after[1:]  # "the year-earlier period"
        halved = after[:3] == ["and", "a", "half"] and amount is not None
        if halved:
            assert amount is not None
            amount, after = amount + 0.5, after[3:]
        return cls(unit, unit_at, count, plural, amount, after, halved)


def _amount(e: _Expr) -> Parsed | None:
    """An expression with a unit: always read here, by the first rule that fits."""
    if e.fields.unit is None:
        return None
    a = _Amount.of(e, e.fields.unit)
    for rule in _AMOUNT_RULES:
        parsed = rule(e, a)
        if parsed is not None:
            return parsed
    dmod = (
        e.mod
        if e.mod in {"MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS", "APPROX"}
        else None
    )
    return Parsed("DURATION", "fixed", value=duration_value(a.amount, a.unit), mod=dmod)


def _half_before_after(e: _Expr, a: _Amount) -> Parsed | None:
    if a.halved and a.after[:1] in (["later"], ["earlier"], ["ago"]):
        assert a.amount is not None
        return Parsed("DURATION", "fixed", value=duration_value(a.amount, a.unit), mod=None)
    return None


def _ordinal_quarters(e: _Expr, a: _Amount) -> Parsed | None:
    """'(the second and) fourth quarters': an ordinal before a plural quarter names that
    quarter of every year, a recurring period (TimeML SET XXXX-Q4), not an amount."""
    if a.unit != "quarter" or not a.plural or a.count is not None or a.unit_at < 1:
        return None
    ordinal = _ordinal(_before_hyphen(e.tokens, a.unit_at))
    if ordinal is None or not 1 <= ordinal <= 4:
        return None
    return Parsed("SET", "fixed", value=f"XXXX-Q{ordinal}", mod=e.mod)


def _vague_plural(e: _Expr, a: _Amount) -> Parsed | None:
    words = e.words
    if a.plural and a.count is None and not a.after:
        if not e.has_the and (
            words & {"coming", "upcoming"} or (words & {"recent", "past"} and a.unit in _VAGUE_BACK)
        ):  # "in coming months", "in recent years": the future, the past (TimeML); "recent
            # weeks" stays a stretch (PXW), as annotators mostly read it
            ref = "PAST_REF" if words & {"recent", "past"} else "FUTURE_REF"
            return Parsed("DATE", "fixed", value=ref, mod=None)
        if words & {"those", "these"}:
            # "in those days", "these days": a time, not an amount
            ref = "PRESENT_REF" if "these" in words else "PAST_REF"
            return Parsed("DATE", "fixed", value=ref, mod=e.mod)
    return None


def _counted_from_now(e: _Expr, a: _Amount) -> Parsed | None:
    """'two weeks ago', 'a year from now'."""
    after, amount, mod = a.after, a.amount, e.mod
    if "ago" in after:
        if amount is None:
            return Parsed("DATE", "fixed", value="PAST_REF", mod=mod)
        return Parsed("DATE", "deictic", unit=a.unit, offset=-amount, mod=mod, counted=True)
    if ("from" in after and "now" in after) or "hence" in after:
        if amount is None:
            return Parsed("DATE", "fixed", value="FUTURE_REF", mod=mod)
        return Parsed("DATE", "deictic", unit=a.unit, offset=amount, mod=mod)
    return None


def _counted_from_then(e: _Expr, a: _Amount) -> Parsed | None:
    """'two days later', 'a week earlier': from the story's last date."""
    after, amount, mod = a.after, a.amount, e.mod
    if after and after[0] in {"later", "after", "afterwards", "on", "following"}:
        if amount is None:
            return Parsed("DATE", "fixed", value="FUTURE_REF", mod=mod)
        return Parsed(
            e.ttype, "anaphoric", unit=a.unit, offset=amount, mod=mod, point=e.point, counted=True
        )
    if after and after[0] in {"earlier", "before", "previously", "prior"}:
        if amount is None:
            return Parsed("DATE", "fixed", value="PAST_REF", mod=mod)
        return Parsed(
            e.ttype, "anaphoric", unit=a.unit, offset=-amount, mod=mod, point=e.point, counted=True
        )
    return None


def _stretch(e: _Expr, a: _Amount) -> Parsed | None:
    words = e.words
    if (
        a.after[:1] == ["of"]
        and words & {"first", "last", "final", "opening", "closing"}
        and (a.has_count or len(a.after) > 1)
    ):  # "the last week of August", "the first ten months of 1915": a stretch
        return Parsed("DURATION", "fixed", value=duration_value(a.amount, a.unit), mod=None)
    if a.unit == "decade" and e.has_the and words & {"next", "following", "past", "last"}:
        return Parsed("DURATION", "fixed", value=duration_value(1, a.unit), mod=None)
    return None


def _counted_day(e: _Expr, a: _Amount) -> Parsed | None:
    """'the 99th day': a day counted from an unnamed start."""
    ordinal = _ordinal(e.tokens[a.unit_at - 1]) if a.unit_at > 0 else None
    if a.unit == "day" and ordinal and ordinal > 0 and not a.after:
        return Parsed("DATE", "fixed", value="XXXX-XX-XX", mod=e.mod)
    return None


def _counted_unit(e: _Expr, a: _Amount) -> Parsed | None:
    """'the first year', 'the second week' (of a war, of an offensive): the nth unit from an
    unnamed start is no calendar point we can name; it spans one unit (TimeML)."""
    ordinal = _ordinal(e.tokens[a.unit_at - 1]) if a.unit_at > 0 else None
    if a.unit in {"week", "month", "year"} and ordinal and ordinal > 0 and not a.after:
        return Parsed("DURATION", "fixed", value=duration_value(1, a.unit), mod=None)
    return None


def _singular(e: _Expr, a: _Amount) -> bool:
    count, tokens = a.count, e.tokens
    return (not a.plural and count is None) or (
        count is not None and count[0] == 1 and tokens[count[1]] in {"a", "an"} and False
    )


def _reporting_quarter(e: _Expr, a: _Amount) -> Parsed | None:
    """Financial news: "the quarter", "the latest quarter" are the quarter being reported (the
    story's, else the last one completed); "the year-ago quarter" is that quarter a year
    before."""
    if a.unit != "quarter" or not _singular(e, a) or a.has_count or e.det_anaphoric is not None:
        return None
    if _year_ago(e.tokens):
        return Parsed("DATE", "anaphoric", unit=a.unit, offset=-4, mod=e.mod, reporting=True)
    if e.words & {"latest", "recent", "reporting"} or (e.has_the and e.det_deictic is None):
        return Parsed("DATE", "anaphoric", unit=a.unit, offset=0, mod=e.mod, reporting=True)
    return None


def _one_unit(e: _Expr, a: _Amount) -> Parsed | None:
    """One unit without an amount: 'the weekend', 'next week', 'that year', 'the day'."""
    if not _singular(e, a) or a.has_count:
        return None
    unit, mod, point, ttype, words = a.unit, e.mod, e.point, e.ttype, e.words
    det_deictic, det_anaphoric = e.det_deictic, e.det_anaphoric
    if unit == "weekend":  # "the weekend" of a news story is the one around it
        offset = det_deictic if det_deictic is not None else 0
        kind: Kind = "deictic" if det_anaphoric is None else "anaphoric"
        return Parsed(
            "DATE", kind, unit="week", offset=offset, mod=mod, point=replace(point, weekend=True)
        )
    if "next" in words and e.has_the and det_anaphoric is None:
        return Parsed(ttype, "anaphoric", unit=unit, offset=1, mod=mod, point=point)
    if det_anaphoric is not None and not ("last" in words and e.has_the and det_anaphoric == 0):
        return Parsed(ttype, "anaphoric", unit=unit, offset=det_anaphoric, mod=mod, point=point)
    if det_deictic is not None:
        return Parsed(ttype, "deictic", unit=unit, offset=det_deictic, mod=mod, point=point)
    if e.has_the or words & {"end", "beginning", "middle", "rest"}:
        return Parsed(ttype, "anaphoric", unit=unit, offset=0, mod=mod, point=point, definite=True)
    if unit == "day" and e.fields.part is not None:
        return Parsed("TIME", "bare", point=point, mod=mod)
    return Parsed("DURATION", "fixed", value=duration_value(1, unit), mod=mod)


_AMOUNT_RULES: tuple[Callable[[_Expr, _Amount], Parsed | None], ...] = (
    _half_before_after,
    _ordinal_quarters,
    _vague_plural,
    _counted_from_now,
    _counted_from_then,
    _stretch,
    _counted_day,
    _counted_unit,
    _reporting_quarter,
    _one_unit,
)
"""Tried in order; when none fits, the expression is an amount of its unit (a duration)."""


# --- named days, months, seasons, times without a year ---------------------------------------


def _day_word(e: _Expr) -> Parsed | None:
    """'today', 'tonight', 'yesterday', 'tomorrow'."""
    day_word = next((t for t in e.tokens if t in lx.DAY_WORDS), None)
    if day_word is None:
        return None
    point = e.point
    if day_word == "tonight":
        point = replace(point, part=point.part or "NI")
    typ: TimexType = "TIME" if point.has_time else "DATE"
    return Parsed(typ, "deictic", unit="day", offset=lx.DAY_WORDS[day_word], point=point, mod=e.mod)


def _named(e: _Expr) -> Parsed | None:
    """A month, weekday, season, quarter, half or time of day, placed by its determiner."""
    f, point, ttype, mod = e.fields, e.point, e.ttype, e.mod
    named = (
        f.month is not None
        or f.weekday is not None
        or f.season is not None
        or f.quarter is not None
        or f.half is not None
        or point.has_time
    )
    if not named:
        return None
    det_deictic, det_anaphoric, has_the = e.det_deictic, e.det_anaphoric, e.has_the
    if det_anaphoric is not None:
        return Parsed(ttype, "anaphoric", point=point, offset=det_anaphoric, mod=mod)
    if det_deictic is not None and not (det_deictic in {-1, 1} and has_the):
        return Parsed(ttype, "deictic", point=point, offset=det_deictic, mod=mod)
    if det_deictic in {-1, 1} and has_the:  # "the next spring", "the last morning"
        return Parsed(ttype, "anaphoric", point=point, offset=det_deictic, mod=mod)
    # "the morning", "mid afternoon": a part of the story's day, not any morning
    day_part = point.part is not None and (has_the or mod in {"START", "MID", "END"})
    return Parsed(ttype, "bare", point=point, mod=mod, definite=day_part)


# --- references to now, the past, the future -------------------------------------------------


def _reference(e: _Expr) -> Parsed | None:
    words, tokens, mod = e.words, e.tokens, e.mod
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


_RULES: tuple[Callable[[_Expr], Parsed | None], ...] = (
    _frequency,
    _reporting_year,
    _stretch_of_year,
    _absolute,
    _amount,
    _day_word,
    _named,
    _reference,  # last: its None is the answer (not a temporal expression)
)
"""The readings of an expression, tried in order after its fields are read."""


def _before_hyphen(tokens: list[str], i: int) -> str:
    """The word before tokens[i], across a hyphen ('third-quarter')."""
    j = i - 2 if i >= 2 and tokens[i - 1] == "-" else i - 1
    return tokens[j] if j >= 0 else ""


def _year_ago(tokens: list[str]) -> bool:
    """'the year-ago quarter', 'the year-earlier period', 'last year's quarter'."""
    joined = " ".join(tokens)
    return bool(re.search(r"\byear - (?:ago|earlier)\b|\blast year ' ?s\b|\bprior-year\b", joined))


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
