"""facts_dates: typed TIMEX3 dates, normalized and resolved on the story's own timeline.

Reads doc.ents (DATE/TIME) and doc._.reference_date; writes doc._.dates (list[DateFact],
sorted by start). doc.ents is left as it is: other components read it.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract import extensions
from pipeline.extract.dates.detect import detect, sentence_bounds
from pipeline.extract.dates.normalize import Parsed, Point
from pipeline.extract.dates.resolve import Context, is_calendar, resolve
from pipeline.extract.dates.tense import tense_of
from pipeline.extract.ids import content_id, disambiguate, normalize_key
from pipeline.validate.models import DateFact

__all__ = ["DatesComponent", "extract_dates"]

_APPROX_BEFORE = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "over": "MORE_THAN",
    "under": "LESS_THAN", "than": "", "least": "EQUAL_OR_MORE",
}  # fmt: skip


_DETERMINERS = frozenset({"the", "that", "this", "those", "these"})


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


def _is_narrative(ref: dt.date | None, parsed: list[Parsed]) -> bool:
    """True when the story tells of another time than its publication (a history): five or
    more explicit years, mostly far from the reference year, and under one deictic date
    ("Friday", "last week") per eight of them. Then a month named without a year belongs
    to the story's last year, whatever the tense or paragraph."""
    if ref is None:
        return True
    years = [p.point.year for p in parsed if p.kind == "absolute" and p.point.year]
    deictic = sum(
        p.kind == "deictic" or (p.kind == "bare" and p.point.weekday is not None) for p in parsed
    )
    if len(years) < 5 or 8 * deictic > len(years):
        return False
    near = sum(abs(y - ref.year) <= 1 for y in years)
    return near / len(years) < 0.5


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


def extract_dates(doc: Doc) -> list[DateFact]:
    """The doc's dates in text order, each resolved against the publication date and the
    story's timeline so far (the last calendar date it mentioned)."""
    ref = doc._.reference_date
    anchor: Point | None = None
    anchor_end = 0
    text = doc.text
    facts: list[tuple[int, int, Parsed, str | None, str | None]] = []
    found = detect(doc)
    narrative = _is_narrative(ref, [p for _, _, p in found])
    for start, end, parsed in found:
        span = doc.char_span(start, end, alignment_mode="expand")
        tense = tense_of(span) if span is not None else None
        near = "\n" not in text[anchor_end:start]
        story_anchor = anchor
        if parsed.definite and not narrative and ref is not None and tense in {"present", "future"}:
            story_anchor = None  # "by the end of the month," said in the present: this month
        sentence_start = doc[sentence_bounds(doc, span.start)[0]].idx if span is not None else start
        ctx = Context(
            ref=ref,
            anchor=story_anchor,
            tense=tense,
            anchor_near=near,
            narrative=narrative,
            same_sentence=anchor is not None and anchor_end > sentence_start,
        )
        value, point = _resolved(parsed, ctx)
        if (
            point is not None
            and point.year is not None
            and parsed.type in {"DATE", "TIME"}
            and is_calendar(value)
            and not (narrative and parsed.kind == "deictic")
        ):
            anchor, anchor_end = point, end
        mod = parsed.mod or _outer_mod(doc, start, parsed.type == "DURATION")
        if mod in {"START", "MID", "END"} and (parsed.type == "DURATION" or parsed.kind == "fixed"):
            mod = None  # "those early days" is the past, not its start
        facts.append((start, end, parsed, value, mod))
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
            mod=mod,
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
