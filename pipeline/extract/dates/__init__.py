"""facts_dates: typed TIMEX3 dates, normalized and resolved on the story's own timeline.

Reads doc.ents (DATE/TIME) and doc._.reference_date; writes doc._.dates (list[DateFact],
sorted by start). doc.ents is left as it is: other components read it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import cast, get_args

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract import extensions
from pipeline.extract.dates import lexicon as lx
from pipeline.extract.dates.detect import detect, sentence_bounds
from pipeline.extract.dates.normalize import Parsed, Point
from pipeline.extract.dates.resolve import Context, is_calendar, resolve
from pipeline.extract.dates.tense import governing_verb, tense_of
from pipeline.extract.ids import content_id, disambiguate, normalize_key
from pipeline.validate.models import DateFact
from pipeline.validate.timex import TimexMod, is_timex_value

_MODS = frozenset(get_args(TimexMod))

__all__ = ["DatesComponent", "extract_dates"]

# Words before an amount that bound it ("about six years", "nearly a week"): the amount mods of
# the dates lexicon, and "than"/"least" (their mod depends on the word before: "more than").
_APPROX_BEFORE = {
    **{word: mod for word, mod in lx.MODS.items() if mod in {"APPROX", "LESS_THAN", "MORE_THAN"}},
    "than": "",
    "least": "EQUAL_OR_MORE",
}


_DETERMINERS = frozenset({"the", "that", "this", "those", "these"})
_ASIDE_YEARS = 25
# a period of several months or a year ("the first nine months", "the year"), not a quarter
_STRETCH = re.compile(r"P(?:[4-9]|1[0-2])M|P1Y")


def _outer_mod(doc: Doc, start_char: int, amount: bool) -> str | None:
    """Mod written just before the span ('about six years ago', 'more than a week')."""
    span = doc.char_span(start_char, start_char, alignment_mode="expand")
    i = span.start if span is not None else 0
    if i == 0:
        return None
    prev = doc[i - 1].lower_
    if prev in {"over", "under"} and (not amount or doc[i].lower_ in _DETERMINERS):
        return None  # "over the weekend", "over the past two years": a preposition
    mod = _APPROX_BEFORE.get(prev)
    if mod == "" and i >= 2:
        return {"more": "MORE_THAN", "less": "LESS_THAN", "fewer": "LESS_THAN"}.get(
            doc[i - 2].lower_
        )
    return mod or None


def _in_quote(text: str, start: int) -> bool:
    """True when position start is inside a quotation opened in its paragraph."""
    para = text[text.rfind("\n", 0, start) + 1 : start]
    straight = para.count('"') + para.count("``") - para.count("''")
    return straight % 2 == 1 or para.count("\u201c") > para.count("\u201d")


def _is_narrative(ref: dt.date | None, found: list[tuple[int, int, Parsed]], text: str) -> bool:
    """True when the story tells of another time than its publication (a history): five or
    more explicit years, mostly far from the reference year, and under one deictic date
    ("Friday", "last week") per eight of them, those quoted aside (a quoted "tomorrow" is the
    speaker's). Then a month named without a year belongs to the story's last year, whatever
    the tense or paragraph."""
    if ref is None:
        return True
    parsed = [p for _, _, p in found]
    years = [p.point.year for p in parsed if p.kind == "absolute" and p.point.year]
    deictic = sum(
        (p.kind == "deictic" or (p.kind == "bare" and p.point.weekday is not None))
        and not _in_quote(text, s)
        for s, _, p in found
    )
    if len(years) < 5 or 8 * deictic > len(years):
        return False
    near = sum(abs(y - ref.year) <= 1 for y in years)
    return near / len(years) < 0.5


def _reports(
    point: Point | None, parsed: Parsed, current: Point | None, ref: dt.date | None, future: bool
) -> bool:
    """True when a named quarter becomes the one the story reports on: the first one it names
    (a fiscal fourth quarter may end in September), then only a later one that has ended by
    publication. "The year-ago quarter" compares, "will take a fourth-quarter charge"
    forecasts, "after a flat second quarter" looks back: none is the period reported."""
    if point is None or point.quarter is None or point.year is None or (parsed.offset or 0) < 0:
        return False
    ended = ref is None or (point.year, point.quarter) <= (ref.year, (ref.month - 1) // 3)
    if current is None:
        return ended or not future
    if not ended:
        return False
    return (point.year, point.quarter) >= (current.year or 0, current.quarter or 0)


def _resolved(parsed: Parsed, ctx: Context) -> tuple[str | None, Point | None]:
    """`resolve`, left unresolved when the answer falls outside the calendar's years 1-9999
    ("last year" said in year 1, "next decade" in 9999): no value beats a wrong one."""
    try:
        value, point = resolve(parsed, ctx)
    except (OverflowError, ValueError):  # date arithmetic past year 1 or 9999
        return None, None
    if point is not None and not _in_calendar(point):
        return None, None
    return value, point


def _in_calendar(point: Point) -> bool:
    """Years 1-9999, decades 0-999, centuries 0-99: what a TIMEX3 value can write."""
    return (
        (point.year is None or 1 <= point.year <= 9999)
        and (point.decade is None or 0 <= point.decade <= 999)
        and (point.century is None or 0 <= point.century <= 99)
    )


_Found = tuple[int, int, Parsed, str | None, str | None]
"""(start, end, parsed, value, mod) of one date."""


@dataclass
class _Timeline:
    """Where the story stands so far: the date it last moved to, and the quarter it reports."""

    anchor: Point | None = None
    anchor_end: int = 0
    anchor_setting: int | None = None  # verb an explicit date of the anchor's sentence sits on
    quarter: Point | None = None  # the last quarter the story named: the one it reports on


def extract_dates(doc: Doc) -> list[DateFact]:
    """The doc's dates in text order, each resolved against the publication date and the
    story's timeline so far (the last calendar date it mentioned)."""
    ref = doc._.reference_date
    line = _Timeline()
    text = extensions.text_of(doc)
    facts: list[_Found] = []
    found = detect(doc)
    narrative = _is_narrative(ref, found, text)
    years = sorted(p.point.year for _, _, p in found if p.kind == "absolute" and p.point.year)
    median = years[len(years) // 2] if years else None
    for start, end, parsed in found:
        span = doc.char_span(start, end, alignment_mode="expand")
        tense = tense_of(span) if span is not None else None
        verb = governing_verb(span) if span is not None else None
        verb_i = verb.i if verb is not None else -1
        sentence_start = doc[sentence_bounds(doc, span.start)[0]].idx if span is not None else start
        ctx = Context(
            ref=ref,
            anchor=_story_anchor(parsed, narrative, ref, tense, line.anchor),
            tense=tense,
            narrative=narrative,
            # the time is set explicitly for this expression: a written year on the same verb
            # ("In 1988, sales peaked in March"), not in another clause of the sentence
            quarter=line.quarter,
            stretch=any(
                s >= sentence_start and v is not None and _STRETCH.match(v) is not None
                for s, _, _, v, _ in facts[-3:]
            ),
            same_sentence=line.anchor is not None
            and line.anchor_end > sentence_start
            and line.anchor_setting == verb_i,
        )
        value, point = _resolved(parsed, ctx)
        if _reports(point, parsed, line.quarter, ref, tense == "future"):
            line.quarter = point
        if point is not None and _moves_timeline(point, parsed, value, narrative, line, median):
            line.anchor, line.anchor_end = point, end
            line.anchor_setting = verb_i if parsed.kind == "absolute" else None
        facts.append((start, end, parsed, value, _date_mod(doc, start, parsed)))
    return _date_facts(text, facts)


def _story_anchor(
    parsed: Parsed, narrative: bool, ref: dt.date | None, tense: str | None, anchor: Point | None
) -> Point | None:
    """The date a definite expression is read against: the story's last one, except "by the end
    of the month," said in the present (this month), or "the full year" after a forecast for
    1992 (the year of publication)."""
    if (
        parsed.definite
        and not narrative
        and ref is not None
        and (
            tense in {"present", "future"}
            or (anchor is not None and anchor.year is not None and anchor.year > ref.year)
        )
    ):
        return None
    return anchor


def _moves_timeline(
    point: Point,
    parsed: Parsed,
    value: str | None,
    narrative: bool,
    line: _Timeline,
    median: int | None,
) -> bool:
    """In news, "a year earlier" compares with the story's time; it does not move it; in a
    history, a year far from the story's own ("documents found in 2004") is an aside, not the
    timeline."""
    return (
        point.year is not None
        and parsed.type in {"DATE", "TIME"}
        and is_calendar(value)
        and not (narrative and parsed.kind == "deictic")
        and not (
            not narrative
            and (parsed.kind == "anaphoric" or parsed.counted)
            and (parsed.offset or 0) < 0
        )
        and not (
            narrative
            and line.anchor is not None
            and median is not None
            and abs(point.year - median) > _ASIDE_YEARS
        )
    )


def _date_mod(doc: Doc, start: int, parsed: Parsed) -> str | None:
    mod = parsed.mod or _outer_mod(doc, start, parsed.type == "DURATION")
    if mod in {"START", "MID", "END"} and (parsed.type == "DURATION" or parsed.kind == "fixed"):
        return None  # "those early days" is the past, not its start
    return mod


def _date_facts(text: str, facts: list[_Found]) -> list[DateFact]:
    """The contract admits only TIMEX3 values and mods: a value of any other shape is unknown."""
    facts = [
        (s, e, p, value if value is None or is_timex_value(value) else None, mod)
        for s, e, p, value, mod in facts
    ]
    ids = disambiguate(
        content_id("d", value, normalize_key(text[s:e])) for s, e, _, value, _ in facts
    )
    return [
        DateFact(
            id=fid,
            start=s,
            end=e,
            text=text[s:e],
            type=p.type,
            value=value,
            mod=cast(TimexMod, mod) if mod in _MODS else None,
            granularity=None,  # derived from the value by the model
        )
        for fid, (s, e, p, value, mod) in zip(ids, facts, strict=True)
    ]


class DatesComponent:
    """spaCy component: sets doc._.dates."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        extensions.register()

    def __call__(self, doc: Doc) -> Doc:
        doc._.dates = extract_dates(doc)
        return doc


@Language.factory("facts_dates")
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent(nlp, name)
