"""The dates of a doc, normalized and resolved on the story's own timeline (facts_dates).

Reads doc.ents (DATE/TIME) and doc._.reference_date; gives a list[DateFact] sorted by start.
doc.ents is left as it is: other components read it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import cast, get_args

from spacy.tokens import Doc, Span, Token

from pipeline.extract.dates import lexicon as lx
from pipeline.extract.dates.detect import detect, sentence_bounds
from pipeline.extract.dates.normalize import Parsed, Point, duration_value
from pipeline.extract.dates.pairs import (
    quarter_ended,
    same_day_beside,
    with_shared_plural,
    with_shared_year,
)
from pipeline.extract.dates.resolve import Context, is_calendar, resolve
from pipeline.extract.dates.tense import governing_verb, tense_of
from pipeline.extract.extensions import text_of
from pipeline.extract.ids import content_id, disambiguate, normalize_key
from pipeline.validate.models import DateFact
from pipeline.validate.timex import TimexMod, is_timex_value

_MODS = frozenset(get_args(TimexMod))

__all__ = ["ASIDE_YEARS", "extract_dates"]

# Words before an amount that bound it ("about six years", "nearly a week"): the amount mods of
# the dates lexicon, and "than"/"least" (their mod depends on the word before: "more than").
_APPROX_BEFORE = {
    **{word: mod for word, mod in lx.MODS.items() if mod in {"APPROX", "LESS_THAN", "MORE_THAN"}},
    "than": "",
    "least": "EQUAL_OR_MORE",
}


_DETERMINERS = frozenset({"the", "that", "this", "those", "these"})
_ROMAN = re.compile(r"[IVXL]+\.?")
ASIDE_YEARS = 25
"""In a history, a year further than this from the story's median year is an aside, not the
timeline (facts_dates config `aside_years`)."""
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


def extract_dates(doc: Doc, aside_years: int = ASIDE_YEARS) -> list[DateFact]:
    """The doc's dates in text order, each resolved against the publication date and the
    story's timeline so far (the last calendar date it mentioned)."""
    ref = doc._.reference_date
    line = _Timeline()
    text = text_of(doc)
    facts: list[_Found] = []
    found = detect(doc)
    narrative = _is_narrative(ref, found, text)
    years = sorted(p.point.year for _, _, p in found if p.kind == "absolute" and p.point.year)
    median = years[len(years) // 2] if years else None
    for i, (start, end, _) in enumerate(found):
        if not narrative and _SAME_TIME.search(text, max(0, start - 8), end) is not None:
            continue  # news: "at the same time" ties two events, it names no time (TimeML)
        parsed = with_shared_plural(found, i, text)
        parsed = with_shared_year(found, i, text) if parsed is found[i][2] else parsed
        if line.quarter is None:  # once the story names its quarter, "ended" restates it
            parsed = quarter_ended(found, i, text) or parsed
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
        # in a history, "two years ago" in a quotation counts from the speaker's day; the
        # speaker's "next summer" does not move the story
        quoted = narrative and parsed.kind == "deictic" and bool(parsed.offset)
        quoted = quoted and _in_quote(text, start)
        parsed = _read_in_context(replace(parsed, kind="anaphoric") if quoted else parsed, span)
        if tense == "future" and _some_day(span, verb):
            parsed = Parsed("DATE", "fixed", value="FUTURE_REF")  # "Islam will one day be"
        if _reported_this_quarter(parsed, span, tense, line.quarter, ref):
            parsed = replace(parsed, kind="anaphoric", reporting=True)
        if _nowadays(span):
            parsed = Parsed("DATE", "fixed", value="PRESENT_REF")
        value, point = _resolved(parsed, ctx)
        if value == "XXXX-XX-XX" and facts:  # "On 21 July, the fifth day of the rebellion"
            value = same_day_beside(text, (facts[-1][1], facts[-1][3]), start) or value
        if value == "XXXX-XX-XX" and ref is not None and not narrative and _is_today(span):
            value = ref.isoformat()  # "It's the second day of the offensive"
        if _reports(point, parsed, line.quarter, ref, tense == "future"):
            line.quarter = point
        if (
            point is not None
            and not quoted
            and not (narrative and tense == "future")  # a plan is not where the story stands
            and not (narrative and _end_point(span))  # "lasted until ... February 1945"
            and _moves_timeline(point, parsed, value, narrative, line, median, aside_years)
        ):
            line.anchor, line.anchor_end = point, end
            line.anchor_setting = verb_i if parsed.kind == "absolute" else None
        facts.append((start, end, parsed, value, _date_mod(doc, start, parsed)))
    return _date_facts(text, facts)


def _reported_this_quarter(
    parsed: Parsed, span: Span | None, tense: str | None, quarter: Point | None, ref: dt.date | None
) -> bool:
    """ "This quarter's loss" in a story reporting the quarter just ended: the results of the
    reported quarter, not of the one under way (which has no results yet). Not said of the
    future ("this quarter's sales will fall")."""
    if (
        span is None
        or ref is None
        or quarter is None
        or quarter.year is None
        or quarter.quarter is None
        or parsed.kind != "deictic"
        or parsed.unit != "quarter"
        or parsed.offset != 0
        or tense == "future"
        or span.end >= len(span.doc)
        or span.doc[span.end].lower_ not in {"'s", "'"}
    ):
        return False
    current = ref.year * 4 + (ref.month - 1) // 3
    return quarter.year * 4 + quarter.quarter - 1 == current - 1


_SAME_TIME = re.compile(r"\b(?:at|about|around)\s+the\s+same\s+time\Z", re.IGNORECASE)


def _nowadays(span: Span | None) -> bool:
    """'And today, the right to work is equal to the right to survival': "today" set before
    the subject of a present-tense "is" that states how things are means "nowadays"
    (PRESENT_REF), not the day of publication ("The vote is today" keeps the day)."""
    if span is None or len(span) != 1 or span[0].lower_ != "today":
        return False
    verb = span.root.head
    if span.root.dep_ not in {"npadvmod", "advmod"} or verb.lemma_ != "be":
        return False
    if verb.tag_ not in {"VBZ", "VBP"} or any(c.dep_ == "aux" for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "expl"}]
    predicate = [c for c in verb.children if c.dep_ in {"acomp", "attr"}]
    return bool(subjects) and bool(predicate) and span.end <= subjects[0].i


def _is_today(span: Span | None) -> bool:
    """'It is the second day of the offensive': a counted day said, in the present, to be
    the one the story is told on."""
    if span is None or span.root.dep_ != "attr":
        return False
    verb = span.root.head
    subjects = [c.lower_ for c in verb.children if c.dep_ == "nsubj"]
    return verb.lemma_ == "be" and verb.tag_ == "VBZ" and subjects in (["it"], ["today"])


def _end_point(span: Span | None) -> bool:
    """The date ends a stretch told from its start ("an assault that lasted until the fall of
    Budapest in February 1945"): a history goes on from the start, not from that end."""
    if span is None:
        return False
    for tok in span.root.ancestors:
        if tok.lower_ in {"until", "till"}:
            return True
        if tok.pos_ in {"VERB", "AUX"}:
            return False
    return False


def _read_in_context(parsed: Parsed, span: Span | None) -> Parsed:
    """What the words after the span change: "the Year III" of the French Republic is not on
    our calendar; "the last month of World War II" is the final one, not the one before."""
    if _year_of_an_era(span):
        return Parsed("DATE", "fixed", value=None)
    if _final_unit_of(span, parsed):
        return Parsed("DURATION", "fixed", value=duration_value(1, parsed.unit or "year"))
    return parsed


def _year_of_an_era(span: Span | None) -> bool:
    """'the Year III', 'Year VIII' of another calendar (a Roman numeral after "Year"): a year
    we cannot place on ours. Left without a value rather than the story's year."""
    if span is None or span.end >= len(span.doc) or span[-1].text != "Year":
        return False  # "the year I was born": a pronoun after a common noun
    return _ROMAN.fullmatch(span.doc[span.end].text) is not None


def _final_unit_of(span: Span | None, parsed: Parsed) -> bool:
    """'the last month of the war': "last" before "of" is the final one, not the one before
    this (that would be "last month"); a unit that spans, with no date we can name."""
    if span is None or parsed.kind != "deictic" or parsed.offset != -1 or span.end >= len(span.doc):
        return False
    words = [t.lower_ for t in span]
    return (
        words[:2] == ["the", "last"]
        and parsed.unit in {"week", "month", "year"}
        and span.doc[span.end].lower_ == "of"
    )


def _some_day(span: Span | None, verb: Token | None) -> bool:
    """'one day', 'some day' as an adverb before a future verb ("will one day be"), not an
    amount ("will take one day", "in one day"): an unnamed day to come."""
    if span is None or verb is None or span.text.lower() not in {"one day", "some day", "someday"}:
        return False
    return span.end <= verb.i and (span.start == 0 or span.doc[span.start - 1].pos_ != "ADP")


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
    aside_years: int = ASIDE_YEARS,
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
            (not narrative or parsed.counted)  # a history's "two decades earlier" looks back
            and (parsed.kind == "anaphoric" or parsed.counted)
            and (parsed.offset or 0) < 0
        )
        and not (
            narrative
            and line.anchor is not None
            and median is not None
            and abs(point.year - median) > aside_years
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
