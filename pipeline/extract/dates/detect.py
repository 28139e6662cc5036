"""Find temporal expressions: spaCy's DATE/TIME entities, corrected and completed.

The model's entities are the seeds; rules add what it misses (years inside event names,
"now", bare weekdays and months, "that day", "every week"), trim what TimeML leaves out
(prepositions), grow what it cuts short ("That March", "two weeks ago"), split ranges
("2009-2010" is two dates) and drop numbers that are not dates ("25 thousand").
"""

from __future__ import annotations

import re
from bisect import bisect_right

import numpy as np
from spacy.attrs import IDX, LOWER, ORTH, SENT_START
from spacy.tokens import Doc, Token

from pipeline.extract.columns import tokens_where
from pipeline.extract.dates import lexicon as lx
from pipeline.extract.dates.absolute import NUMERIC_DATE
from pipeline.extract.dates.normalize import SPELLED_YEAR, Parsed, parse
from pipeline.extract.extensions import text_of
from pipeline.lexicons import load

_TRIM_LEFT = load("dates_trim_left")
# Left words kept as part of the expression (TimeML includes determiners and modifiers,
# not prepositions or approximators, which become `mod`).
_KEEP_LEFT = load("dates_keep_left")
_OF_HEADS = load("dates_of_heads")
# Time zones (and "hrs") written after a clock time: part of the TIME expression.
_ZONES = load("dates_time_zones")
_RIGHT = frozenset({"ago", "later", "earlier", "hence", "afterwards", "afterward"})
_RANGE = frozenset({"-", "\u2013", "\u2014", "to", "through", "and", "until", "till", "or"})
_FRACTION = re.compile(r"\d/\d{1,2}")
_PERIOD_END = frozenset({"ended", "ending", "ends", "ende"})
_NOT_YEAR_NEXT = frozenset({"%", "percent", "per"})
_PARTS = frozenset(lx.PARTS_OF_DAY) | {"noon", "midnight", "midday"}
_REF_ADVERBS = frozenset({"now", "currently", "nowadays", "recently", "presently", "lately"})
_YEAR = re.compile(r"\d{4}")
_SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion", "percent", "%"})
_AFTER_AMOUNT = frozenset({"the", "that", "this", "last", "next", "per", "a", "an", "each"})
_FULL_NUMERIC = re.compile(
    rf"{NUMERIC_DATE.pattern}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}"
)
_NAME_ENTS = frozenset(
    {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC", "GPE", "LOC", "NORP", "LAW"}
)
_QUARTER_OPENERS = frozenset(
    {"first", "second", "third", "fourth", "last", "this", "next", "past", "previous",
     "coming", "same", "current", "final", "1st", "2nd", "3rd", "4th"}
)  # fmt: skip
_PREFIXED_YEAR = re.compile(r"(?:mid|early|late)-\d{4}s?")
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}(?:[ap]\.?m\.?)")


_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "its", "their", "his", "her", "our"})


def sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """Token range of the sentence holding token i; the whole doc when it has no sentences.

    The sentence starts are indexed once per doc: `doc[i].sent` walks its whole sentence, which
    made a text with one endless sentence quadratic in the number of date candidates."""
    if not doc.has_annotation("SENT_START"):
        return 0, len(doc)
    starts = _sentence_starts(doc)
    k = bisect_right(starts, i) - 1
    return starts[k], starts[k + 1] if k + 1 < len(starts) else len(doc)


def _sentence_starts(doc: Doc) -> list[int]:
    key = "facts_dates.sentence_starts"
    cached = doc.user_data.get(key)
    if cached is None or len(cached) > len(doc):
        flags = doc.to_array([SENT_START]).tolist()
        cached = [0] + [i for i, flag in enumerate(flags) if flag == 1 and i > 0]
        doc.user_data[key] = cached
    return cached


def _word(tok: Token) -> str:
    return tok.lower_.rstrip(".")


def _is_year(tok: Token) -> bool:
    if not _YEAR.fullmatch(tok.text):
        return False
    value = int(tok.text)
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if nxt is not None and (nxt.lower_ in _NOT_YEAR_NEXT or nxt.lower_ in lx.UNITS):
        after = doc[tok.i + 2].lower_ if tok.i + 2 < len(doc) else ""
        if not (nxt.lower_ == "second" and after in {"quarter", "half"}):
            return False  # "1988 seconds" is a count, "the 1988 second quarter" a year
    if prev is not None and prev.text in {"$", "\u20ac", "\u00a3", "#", "No", "no."}:
        return False
    if tok.ent_type_ in {"MONEY", "PERCENT", "QUANTITY", "ORDINAL"}:
        return False
    if tok.ent_type_ == "CARDINAL" and not (
        (nxt is not None and nxt.tag_ in {"NNP", "NNPS"})
        or (prev is not None and prev.lower_ in {"in", "since", "of", "until", "during"})
        or (
            prev is not None
            and prev.lower_ in _DETERMINERS
            and nxt is not None
            and nxt.tag_ == "NN"
        )
    ):  # a count unless it names an event ("the 2020 Linux Plumbers meeting") or a singular
        return False  # thing ("a 2023 audit": a count would need a plural noun)
    if (
        nxt is not None
        and nxt.tag_ == "NNS"
        and nxt.lower_ not in lx.UNITS
        and (
            prev is None
            or prev.lower_ not in {"the", "its", "their", "his", "her", "in", "fiscal", "calendar"}
        )
    ):
        return False  # "2000 people", but "the 1917 offensives", "fiscal 1989 sales"
    if 1900 <= value <= 2099 or tok.ent_type_ == "DATE":
        return True
    # an older year needs a preposition: "the War of 1812", "in 1776"
    return prev is not None and prev.lower_ in {
        "of",
        "in",
        "since",
        "until",
        "by",
        "from",
        "during",
    }


def _is_month(tok: Token) -> bool:
    w = _word(tok)
    if w not in lx.MONTHS or not tok.text[:1].isupper():
        return False
    doc = tok.doc
    if tok.ent_type_ in _NAME_ENTS and not any(
        doc[j].like_num for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)
    ):
        return False  # "the Long March", "March Madness"
    if w in lx.AMBIGUOUS_MONTHS or len(w) <= 4:
        doc = tok.doc
        near = [doc[j] for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)]
        if w == "may" and tok.tag_ == "MD":
            return False
        if not any(t.like_num for t in near) and tok.tag_ != "NNP":
            return False
        if w == "may" and not any(
            t.like_num or t.lower_ in lx.LEFT_MODIFIERS | {"in", "since", "until", "of", "by"}
            for t in near
        ):
            return False
    return True


# Every word _is_core can accept without a digit: any other token is rejected by one lookup.
_CORE_WORDS = (
    frozenset(lx.MONTHS)
    | lx.FULL_WEEKDAYS
    | frozenset(lx.HOLIDAYS)
    | frozenset(lx.DAY_WORDS)
    | _REF_ADVERBS
    | frozenset(lx.SET_WORDS)
    | frozenset(lx.SEASONS)
    | frozenset(lx.PLURAL_SEASONS)
    | _PARTS
    | frozenset(lx.UNITS)
    | {"quarter", "quarters", "past", "future", "time", "period"}
    | {"a.m", "p.m", "am", "pm", "bc", "b.c", "bce", "ad", "a.d"}
)
_HAS_DIGIT = re.compile(r"\d")
_DECADE = re.compile(r"\d{3}0s|'?\d0s")


def _is_core(tok: Token) -> bool:
    """A token that makes a span temporal on its own."""
    w = _word(tok)
    if not (_time_word(w) or _HAS_DIGIT.search(tok.text)):
        return False  # most tokens: no digit, no time word
    if _is_year(tok) or _is_month(tok) or _FULL_NUMERIC.fullmatch(tok.text):
        return True
    if (m := _GLUED_RANGE.fullmatch(tok.text)) and m.group(1).lower().rstrip(".") in lx.MONTHS:
        return tok.text[:1].isupper()  # "May-28" in "27 May-28 May 1905"
    if (w in lx.FULL_WEEKDAYS or w[:-1] in lx.FULL_WEEKDAYS) and tok.text[:1].isupper():
        return tok.ent_type_ not in _NAME_ENTS  # not "Black Friday", "Super Tuesday"
    if _DECADE.fullmatch(tok.text) or _PREFIXED_YEAR.fullmatch(w):
        return True
    if w in lx.HOLIDAYS and tok.text[:1].isupper():
        return True
    if _CLOCK.fullmatch(tok.lower_):
        return True
    if w in {"a.m", "p.m", "am", "pm"} and tok.i > 0 and tok.doc[tok.i - 1].like_num:
        return tok.text.lower() != "am" or tok.doc[tok.i - 1].text.isdigit()
    if w in lx.DAY_WORDS:  # not "told USA TODAY": a name
        left = tok.doc[tok.i - 1] if tok.i > 0 else None
        return not (
            tok.text[:1].isupper()
            and not tok.is_sent_start
            and left is not None
            and left.is_alpha
            and left.text[:1].isupper()
        )
    if w in _REF_ADVERBS and tok.pos_ == "ADV":
        return True
    if w in lx.SET_WORDS and tok.pos_ == "ADV":
        return True
    if tok.pos_ in {"NOUN", "PROPN"} and (w in lx.SEASONS or w in _PARTS or w in lx.PLURAL_SEASONS):
        hyphen = tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "-"  # "fall-out"
        return not hyphen and not _in_name(tok) and not _season_of_thing(tok)
    if w in {"quarter", "quarters"}:  # "the first quarter", not "winter quarters"
        return tok.i > 0 and (
            tok.doc[tok.i - 1].lower_ in _QUARTER_OPENERS or _after_year_back(tok)
        )
    if w in lx.UNITS and tok.i >= 2 and tok.doc[tok.i - 2].lower_ == "light":
        return False  # "light-years" measure distance
    if w in lx.UNITS and tok.pos_ in {"NOUN", "PROPN", "ADJ"}:
        if w in {"second", "minute"} and (tok.pos_ == "ADJ" or tok.text[:1].isupper()):
            return False  # "a second language", "minute details", "a Second Front"
        if len(tok.text) > 1 and tok.text.isupper() and not (tok.i and _numberish(tok.nbor(-1))):
            return False  # "a recent SEC filing": an acronym, not seconds
        return w in lx.PLURAL_UNITS or _counted(tok)
    if w in {"past", "future"} and tok.pos_ == "NOUN" and tok.i > 0:
        return tok.doc[tok.i - 1].lower_ == "the"
    if w in {"time", "period"} and tok.i > 0:
        prev = tok.doc[tok.i - 1].lower_
        before = tok.doc[tok.i - 2].lower_ if tok.i > 1 else ""
        if w == "period" and before == "the" and _is_year(tok.doc[tok.i - 1]):
            return True  # "the 1988 period": the reported period of that year
        if w == "period" and _after_year_back(tok):
            return True  # "the year-ago period"
        if w == "period" and prev == "latest":
            return True  # "the latest period": the one a results story reports
        # "that time", "the same time", "at the time"; not "this time" (an occasion)
        return prev in {"that", "same"} or (prev in {"the", "this"} and before == "at")
    return (
        w in {"bc", "b.c", "bce", "ad", "a.d"}
        and tok.i > 0
        and (tok.doc[tok.i - 1].like_num or _word(tok.doc[tok.i - 1]) in {"century", "centuries"})
    )


def _after_year_back(tok: Token) -> bool:
    """'year-ago', 'year-earlier' just before the token: the same period a year before."""
    doc, i = tok.doc, tok.i
    return (
        i >= 3
        and doc[i - 1].lower_ in {"ago", "earlier"}
        and doc[i - 2].text == "-"
        and doc[i - 3].lower_ == "year"
    )


# "the quarter a year ago", "the corresponding period last year": the reported period, a year
# before (the words between "the" and the period's noun; the year-back phrases after it).
_COMPARED_WORDS = frozenset({"corresponding", "comparable", "same", "like", "year", "-", "ago"})
_YEAR_BACK = (("a", "year", "ago"), ("a", "year", "earlier"), ("last", "year"))


def _compared_period(doc: Doc, s: int, e: int) -> int | None:
    """The start of "the (same) quarter|period" just before a year-back phrase doc[s:e], which
    with it names one period (TimeML annotates "the quarter a year ago" as one expression)."""
    if tuple(t.lower_ for t in doc[s:e]) not in _YEAR_BACK or s < 2:
        return None
    if _word(doc[s - 1]) not in {"quarter", "period"}:
        return None
    sent_start = sentence_bounds(doc, s)[0]
    k = s - 2
    while k > sent_start and doc[k].lower_ in _COMPARED_WORDS:
        k -= 1
    return k if k >= sent_start and doc[k].lower_ in {"the", "its", "their"} else None


def _in_name(tok: Token) -> bool:
    """Title-case word inside a longer name ('British Summer Time'), not beside a year."""
    if not tok.text[:1].isupper() or tok.is_sent_start:
        return False
    doc = tok.doc
    near = [doc[j] for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)]
    if any(_YEAR.fullmatch(t.text) for t in near):
        return False
    return any(t.text[:1].isupper() and t.is_alpha and not t.is_sent_start for t in near)


def _season_of_thing(tok: Token) -> bool:
    """'the fall of Paris': a season word followed by 'of' and no year is something else."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "of":
        return False
    after = doc[tok.i + 2]
    return not (
        after.like_num
        or after.lower_ in {"that", "this", "the", "last", "next"}
        or _is_month(after)  # "the morning of December 28, 1979"
        or _word(after) in lx.FULL_WEEKDAYS
    )


def _counted(tok: Token) -> bool:
    """A singular unit with a count or determiner before it: 'a day', 'that week'."""
    if tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    w = _word(prev)
    if prev.text == "-" and tok.i >= 2:
        return _numberish(tok.doc[tok.i - 2])
    if _word(tok) in {"second", "minute", "hour"}:
        return _numberish(prev) or w in {"an", "a", "each", "every", "per", "that", "this"}
    return _numberish(prev) or w in _KEEP_LEFT or w in lx.DAY_WORDS or w in lx.FULL_WEEKDAYS


def _numberish(tok: Token) -> bool:
    w = tok.lower_
    return (
        tok.like_num
        or w in lx.NUMBER_WORDS
        or w in lx.VAGUE_NUMBERS
        or bool(re.fullmatch(r"\d+(?:st|nd|rd|th)", w))
        or w in lx.ORDINALS
    )


def _joins_not_modifies(doc: Doc, start: int, sent_start: int) -> bool:
    """The word before the span is a conjunction or a preposition, not a determiner of it:
    "said Monday that the night was long", "said that last week", "past the Nov. 1
    deadline", "the week following last month's crash" (between two dates)."""
    w, first = _word(doc[start - 1]), _word(doc[start])
    if w in {"that", "this", "past"} and first in {"the", "a", "an", "last", "next"}:
        return True
    return w in {"following", "preceding"} and start - 2 >= sent_start and _is_core(doc[start - 2])


def _amount_filler(doc: Doc, start: int, sent_start: int) -> bool:
    """'more' between an amount and its unit ("20 more years"): the span grows over both."""
    return (
        _word(doc[start - 1]) in {"more", "additional", "other"}
        and start - 2 >= sent_start
        and _numberish(doc[start - 2])
        and _word(doc[start]) in lx.UNITS
    )


def _grow(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Extend a token span over the modifiers and parts TimeML counts in the expression."""
    sent_start, sent_end = sentence_bounds(doc, start)
    if end - start == 1 and (
        _word(doc[start]) in _REF_ADVERBS or _word(doc[start]) in lx.SET_WORDS
    ):
        if start > sent_start and doc[start - 1].lower_ in {"right", "just"}:
            start -= 1
        return start, end
    start = _grow_left(doc, start, sent_start)
    return start, _grow_right(doc, start, end, sent_end)


def _grow_left(doc: Doc, start: int, sent_start: int) -> int:
    """The new start: over numbers, modifiers and "of"/"," joins before the span, within its
    sentence."""
    while start > sent_start:
        tok = doc[start - 1]
        w = _word(tok)
        first = doc[start]
        if _numberish(tok) and _numberish(first) and (tok.is_digit or first.is_digit):
            break  # "40, eight years from now": two numbers, two things
        if w in lx.DAY_WORDS or w in _REF_ADVERBS or w in lx.SET_WORDS:
            break  # "today 13.8 billion years": two expressions
        if _joins_not_modifies(doc, start, sent_start):
            break
        if _is_core(tok) or _numberish(tok) or w in _KEEP_LEFT:
            if w in {"second", "first", "third", "fourth"} and first.lower_ not in (
                lx.UNITS.keys() | {"quarter", "half", "of"}
            ):
                break
            start -= 1
            continue
        if _amount_filler(doc, start, sent_start):
            start -= 1  # "20 more years": the amount is counted
            continue
        if tok.text in {"-", "\u2013"} and start - 2 >= sent_start:
            left = doc[start - 2]
            if _word(left) in {"mid", "early", "late"} or (
                _numberish(left) and (_word(first) in lx.UNITS or _numberish(first))
            ):
                start -= 1
                continue
        if (
            w == "-"
            and start - 4 >= sent_start
            and [t.lower_ for t in doc[start - 3 : start]] == ["-", "and", "-"]
            and _numberish(doc[start - 4])
        ):  # "five-and-a-half years"
            start -= 4
            continue
        if w == "of" and start - 2 >= sent_start and _word(doc[start - 2]) in _OF_HEADS:
            start -= 1
            continue
        if w == "," and start - 2 >= sent_start and _word(doc[start - 2]) in lx.FULL_WEEKDAYS:
            start -= 1
            continue
        break
    return start


def _grow_right(doc: Doc, start: int, end: int, sent_end: int) -> int:
    """The new end: over the parts after the span (units, "after", a year after a comma),
    within its sentence."""
    while end < sent_end:
        tok = doc[end]
        w = _word(tok)
        nxt0 = doc[end + 1] if end + 1 < len(doc) else None
        if w in _RIGHT and not (nxt0 is not None and nxt0.lower_ == "than"):
            end += 1
            continue
        if (
            w in {"after", "following"}
            and end - start == 2
            and doc[start].lower_ == "the"
            and _word(doc[end - 1]) in {"day", "night", "week", "month", "year"}
            and not (nxt0 is not None and (_is_core(nxt0) or nxt0.like_num))
        ):  # "the day after the battle", "the day following": the story's next day ("the
            # day before" stays "the day": news annotation reads "before" as a preposition)
            end += 1
            continue
        if _is_core(tok) and w not in _REF_ADVERBS:
            end += 1
            continue
        nxt1 = doc[end + 1] if end + 1 < sent_end else None
        if (
            w == "or"
            and nxt1 is not None
            and end - start == 1
            and _word(doc[end - 1]) in lx.PLURAL_UNITS
            and _word(nxt1) in lx.PLURAL_UNITS
        ):  # "within weeks or months": one vague estimate, not two times
            end += 2
            continue
        if w[:-1] in lx.PARTS_OF_DAY and _word(doc[end - 1]) in lx.FULL_WEEKDAYS:
            end += 1  # "Tuesday nights"
            continue
        nxt = doc[end + 1] if end + 1 < len(doc) else None
        if (
            nxt is not None
            and w in {",", "of"}
            and (
                _is_year(nxt)
                or (
                    w == "of"
                    and nxt.lower_ in {"that", "this", "the", "last"}
                    and end + 2 < len(doc)
                    and _word(doc[end + 2]) == "year"
                )
            )
        ):
            end += 3 if not _is_year(nxt) else 2
            continue
        if (
            nxt is not None
            and w == ","
            and _is_month(nxt)
            and (_word(doc[end - 1]) in lx.FULL_WEEKDAYS or _word(doc[end - 1]) in lx.CLOCK_ENDS)
        ):
            end += 1
            continue
        if tok.like_num and _word(doc[end - 1]) in lx.MONTHS and len(tok.text) <= 2:
            end += 1
            continue
        break
    return end


def _may_open(tok: Token) -> bool:
    """Can a temporal expression start with this token?"""
    w = _word(tok)
    return (
        _is_core(tok)
        or _numberish(tok)
        or w in _KEEP_LEFT
        or w in lx.MODS
        or w in _TRIM_LEFT
        or w in lx.WEEKDAYS
        or w in lx.MONTHS
        or w in lx.SET_WORDS
        or w in lx.HOLIDAYS
        or bool(_PREFIXED_YEAR.fullmatch(w))
        or w in {"'", "end", "beginning", "start", "middle", "rest"}
        or tok.is_punct
    )


def _may_close(tok: Token) -> bool:
    """Can a temporal expression end with this token?"""
    w = _word(tok)
    if w in {"a", "an", "the"}:
        return False
    if w in {"after", "following"}:  # "the day after"
        return tok.i > 0 and _word(tok.doc[tok.i - 1]) in lx.UNITS
    return (
        _is_core(tok)
        or _numberish(tok)
        or w in _RIGHT
        or w in lx.UNITS
        or w in lx.MONTHS
        or w in lx.WEEKDAYS
        or w in lx.SEASONS
        or w in lx.PLURAL_SEASONS
        or w in lx.HOLIDAYS
        or w in _PARTS
        or (w[:-1] in _PARTS and w.endswith("s"))
        or w in lx.PRESENT_WORDS | lx.PAST_WORDS | lx.FUTURE_WORDS
        or w in {"time", "period", "moment", "date", "eve", "bc", "ad", "b.c", "a.d", "."}
        or w in {"a.m", "p.m", "am", "pm", "noon", "midnight", "gmt"}
        or w in _ZONES
        or bool(re.fullmatch(r"\d+\w*", tok.text))
    )


def _names_a_day(tok: Token) -> bool:
    """A month, weekday or holiday name: its determiner is not part of the date."""
    w = _word(tok)
    return (w in lx.MONTHS and tok.text[:1].isupper()) or w in lx.HOLIDAYS


def _adjectival_duration(doc: Doc, start: int, end: int) -> bool:
    """'a four-week course': the article belongs to the noun after the duration."""
    words = [t.text for t in doc[start:end]]
    return (
        len(words) == 3
        and words[1] == "-"
        and _numberish(doc[start])
        and _word(doc[end - 1]) in lx.UNITS
        and end < len(doc)
        and doc[end].pos_ in {"NOUN", "PROPN", "ADJ"}
    )


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and not _may_open(doc[start]):
        start += 1  # "Children ages 6 months": the model's span starts too early
    j = start
    while j < end and (doc[j].like_num or doc[j].lower_ in _SCALES):
        j += 1
    if start < j < end and _word(doc[j]) in _AFTER_AMOUNT:
        start = j  # "$19.5 billion the previous year", "1.4 billion per month"
    while start < end and (doc[start].is_punct or _word(doc[start]) in _TRIM_LEFT):
        tok = doc[start]
        w = _word(tok)
        if w in {"late", "early", "past", "some"}:
            break  # "late July", "the past" are kept
        start += 1
    while start + 1 < end and (
        (doc[start].lower_ == "the" and _YEAR.fullmatch(doc[start + 1].text))
        or (doc[start].lower_ in {"the", "a", "an"} and _names_a_day(doc[start + 1]))
        or (_numberish(doc[start]) and doc[start + 1].lower_ in {"a", "an", "per"})
        or (doc[start].lower_ in {"a", "an", "the"} and _adjectival_duration(doc, start + 1, end))
        or (
            doc[start].is_digit
            and _numberish(doc[start + 1])
            and not _is_year(doc[start])
            and not _FRACTION.fullmatch(doc[start + 1].text)
        )
        or (doc[start].like_num and not _is_year(doc[start]) and doc[start + 1].text == ",")
    ):
        start += 1
        while start < end and doc[start].is_punct:
            start += 1
    if (
        end - start > 1
        and _word(doc[end - 1]) in _RIGHT
        and end < len(doc)
        and doc[end].lower_ == "than"
    ):
        end -= 1
    while end > start and (
        (doc[end - 1].is_punct and doc[end - 1].text not in {"."})
        or doc[end - 1].lower_ in {"'s", "and", "or", "to"}
        or not _may_close(doc[end - 1])
        or (
            end - start > 1
            and doc[end - 1].like_num
            and _word(doc[end - 2]) in lx.UNITS
            and not (_is_year(doc[end - 1]) and _word(doc[end - 2]) in {"year", "years"})
        )  # but "the year 1950" names it
    ):
        end -= 1  # "This year alone", "June 4 Rome", "one year 10"
    while end > start and doc[end - 1].text == "." and end - 1 > start:
        end -= 1
    return start, end


def _modifier_year(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """'the subsequent 2020 Linux Plumbers meeting': a year naming an event is the year alone."""
    last = doc[end - 1]
    if (
        end < len(doc)
        and _YEAR.fullmatch(last.text)
        and doc[end].pos_ in {"PROPN", "NOUN"}
        and _word(doc[end]) not in lx.UNITS
    ):
        while start < end - 1 and not (_is_core(doc[start]) or doc[start].like_num):
            start += 1
    return start, end


def _is_age(doc: Doc, start: int, end: int) -> bool:
    """'ages 6 months', '22-year-old': TimeML leaves ages out."""
    before = doc[start - 1].lower_ if start > 0 else ""
    after = [t.lower_ for t in doc[end : end + 2]]
    first = doc[start].lower_
    return (
        any(t.lower_ == "old" for t in doc[start:end])
        or first in {"age", "ages", "aged"}
        or before in {"age", "ages", "aged"}
        or after[:1] == ["old"]
        or after == ["-", "old"]
    )


def _split_ranges(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """'2009-2010', 'between 1939 and 1945' -> one span per date; 'X from now' -> X, now."""
    if _FULL_NUMERIC.fullmatch(doc[start:end].text):
        return [(start, end)]
    if end - start > 1 and _amount_then_day(doc, end - 1, end):
        return [(start, end - 1), (end - 1, end)]
    if (bounds := _between_amounts(doc, start, end)) is not None:
        return [(start, bounds), (bounds + 1, end)]
    for i in range(start + 1, end - 1):
        if doc[i].lower_ == "from" and doc[i + 1].lower_ == "now":
            return [(start, i), (i + 1, end)]
        if doc[i].lower_ in _PERIOD_END and any(_is_core(t) for t in doc[i + 1 : end]):
            # "the quarter ended Sept. 30": a period and the date it ends, two expressions
            return [(start, i), *_split_ranges(doc, *_trim(doc, i + 1, end))]
        if (
            doc[i].lower_ in {"a", "an", "per"}
            and _word(doc[i - 1]) in lx.UNITS
            and _word(doc[i + 1]) in lx.UNITS
        ):  # "40 hours a week": an amount and a frequency
            return [(start, i), (i, end)]
        if _amount_then_day(doc, i, end):
            # "for four hours Friday": how long, then the day it happened: two expressions
            return [(start, i), *_split_ranges(doc, i, end)]
        if _day_then_amount(doc, start, i):
            # "Friday, nearly two months after": the day, then an amount counted from another
            return [(start, i), *_split_ranges(doc, *_trim(doc, i + 1, end))]
        if _word(doc[i]) in _RANGE and not _inside_spelled_year(doc, i):
            left = [t for t in doc[start:i] if _is_core(t) or t.like_num]
            right = [t for t in doc[i + 1 : end] if _is_core(t) or t.like_num]
            if (
                left and right
                and any(_is_year(t) or _is_month(t) or _word(t) in lx.FULL_WEEKDAYS
                        or _CLOCK.fullmatch(t.lower_) for t in left + right)
                and (
                    not any(_word(t) in lx.UNITS for t in left)
                    or (_is_year(doc[i - 1]) and _is_year(doc[i + 1]))  # "the years 1751-1777"
                )
            ):  # fmt: skip
                return _split_ranges(doc, *_trim(doc, start, i)) + _split_ranges(
                    doc, *_trim(doc, i + 1, end)
                )
    return [(start, end)]


def _between_amounts(doc: Doc, start: int, end: int) -> int | None:
    """'between 12 and 18 months': two bounds, each an amount of the unit (TimeML annotates
    both ends of a range that "between" opens); the index of the joining word, else None."""
    if start == 0 or doc[start - 1].lower_ != "between" or _word(doc[end - 1]) not in lx.UNITS:
        return None
    i = start
    while i < end and _numberish(doc[i]) and doc[i].lower_ not in {"a", "an"}:
        i += 1
    if i == start or i >= end - 2 or doc[i].lower_ not in {"and", "to"}:
        return None
    rest = doc[i + 1 : end - 1]
    return i if all(_numberish(t) for t in rest) and len(rest) > 0 else None


def _amount_then_day(doc: Doc, i: int, end: int) -> bool:
    """doc[i] is a weekday right after a counted unit ("four hours Friday")."""
    return (
        _word(doc[i]) in lx.FULL_WEEKDAYS
        and doc[i].text[:1].isupper()
        and _word(doc[i - 1]) in lx.PLURAL_UNITS
        and not (i + 1 < end and doc[i + 1].lower_ in {"'s", "'"})
    )


def _day_then_amount(doc: Doc, start: int, i: int) -> bool:
    """doc[i] is a comma between a weekday and an amount of a unit ("Friday, nearly two
    months"), not a date written after the weekday ("Friday, Nov. 9")."""
    if doc[i].text != "," or i + 1 >= len(doc) or _word(doc[i - 1]) not in lx.FULL_WEEKDAYS:
        return False
    j = i + 1
    while j < len(doc) and (_word(doc[j]) in lx.MODS or _numberish(doc[j])):
        j += 1
    return j > i + 1 and j < len(doc) and _word(doc[j]) in lx.UNITS


def _inside_spelled_year(doc: Doc, i: int) -> bool:
    """'ninety-seven' in 'nineteen ninety-seven': the hyphen is not a range."""
    last = doc[min(len(doc), i + 2) - 1]
    lo = doc[max(0, i - 3)].idx
    idx = doc[i].idx
    near = doc[max(0, i - 3) : last.i + 1].text  # the text of these tokens, not the whole doc
    return any(m.start() + lo <= idx < m.end() + lo for m in SPELLED_YEAR.finditer(near))


def _complete_range(
    doc: Doc, left: tuple[int, int], right: tuple[int, int]
) -> dict[tuple[int, int], str]:
    """Texts to read range halves with: '1915-17' -> 1917, '6-7 January 1916' -> 6 January 1916,
    'May 4 and 5' -> May 5: each half borrows the parts it leaves to the other."""
    lt, rt = doc[left[0] : left[1]], doc[right[0] : right[1]]
    lw = [t for t in lt if t.lower_ != "the"]
    out: dict[tuple[int, int], str] = {}
    if all(_numberish(t) for t in lt) and _word(rt[-1]) in lx.UNITS:
        out[left] = f"{lt.text} {rt[-1].text}"  # "between 12 and 18 months": 12 months
        return out
    if len(rt) == 1 and re.fullmatch(r"\d{1,2}", rt[0].text):
        years = [t.text for t in lt if _YEAR.fullmatch(t.text)]
        months = [t.text for t in lt if _word(t) in lx.MONTHS]
        if years and not months:
            out[right] = years[0][: 4 - len(rt[0].text)] + rt[0].text
        elif months:
            out[right] = " ".join([months[0], rt[0].text, *years])
    if len(lw) == 1 and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", lw[0].text):
        rest = [t.text for t in rt if _word(t) in lx.MONTHS or _YEAR.fullmatch(t.text)]
        if any(_word(t) in lx.MONTHS for t in rt):
            out[left] = " ".join([lw[0].text, *rest])
    return out


def _time_word(word: str) -> bool:
    """A time word, or a weekday's plural ("Mondays"); `word` as `_word` gives it."""
    return word in _CORE_WORDS or word[:-1] in lx.FULL_WEEKDAYS


def _core_candidates(doc: Doc) -> list[int]:
    """Indices of the tokens that pass `_is_core`'s first test (a time word, or a digit in the
    text), read from the doc's arrays, each distinct word tested once: a Token object per token
    cost more than the rules."""
    words = tokens_where(doc, LOWER, lambda lower: _time_word(lower.rstrip(".")))
    digits = tokens_where(doc, ORTH, _HAS_DIGIT.search)
    return np.flatnonzero(words | digits).tolist()


def _seeds(doc: Doc, text: str) -> list[tuple[int, int]]:
    spans = [(e.start, e.end) for e in doc.ents if e.label_ in {"DATE", "TIME"}]
    for m in _FULL_NUMERIC.finditer(text):  # "2022-03-01" is five tokens
        numeric = doc.char_span(m.start(), m.end())
        if numeric is not None:
            spans.append((numeric.start, numeric.end))
    for m in SPELLED_YEAR.finditer(text):  # "in nineteen ninety-six"
        spelled = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if spelled is not None:
            spans.append((spelled.start, spelled.end))
    covered = {i for s, e in spans for i in range(s, e)}
    for i in _core_candidates(doc):
        if i not in covered and _is_core(doc[i]):
            spans.append((i, i + 1))
    return spans


def detect(doc: Doc) -> list[tuple[int, int, Parsed]]:
    """Character spans of temporal expressions with their parsed meaning, by start."""
    token_spans: list[tuple[int, int]] = []
    completed: dict[tuple[int, int], str] = {}  # range halves read with the other half
    full = text_of(doc)
    for s, e in _seeds(doc, full):
        s, e = _trim(doc, s, e)
        if s >= e:
            continue
        s, e = _grow(doc, s, e)
        s, e = _modifier_year(doc, *_trim(doc, s, e))
        parts = _split_ranges(doc, s, e)
        if len(parts) == 2:
            completed.update(_complete_range(doc, parts[0], parts[1]))
        token_spans.extend(parts)
    merged: list[tuple[int, int]] = []
    for s, e in sorted(set(token_spans)):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    merged, compared = _join_compared(doc, merged)
    out: list[tuple[int, int, Parsed]] = []
    for s, e in merged:
        if s >= e:
            continue
        span = doc[s:e]
        if (s, e) in compared:
            # read as "a year earlier": in a results story, the reported quarter a year before
            out.append((span.start_char, span.end_char, _A_YEAR_EARLIER))
            continue
        if _is_age(doc, s, e):
            continue
        if e - s == 1 and _YEAR.fullmatch(doc[s].text) and not _is_year(doc[s]):
            continue  # "2000 people", "$1995"
        if (glued := _glued_range(doc, s, e)) is not None:
            out.extend(glued)
            continue
        text = completed.get((s, e), span.text)
        if e - s == 3 and doc[s + 1].lower_ == "or" and _word(doc[s]) in lx.PLURAL_UNITS:
            text = doc[s].text  # "weeks or months": at least the first (TimeML: PXW)
        if (
            doc[s].lower_ in {"a", "an"}
            and s > 0
            and _word(doc[e - 1]) not in _RIGHT  # "$5 a year ago" is a time, not a rate
            and (
                _word(doc[s - 1]) in lx.UNITS
                or _numberish(doc[s - 1])
                or doc[s - 1].text == "times"
            )
        ):  # "40 hours a week", "twice a day": a frequency
            text = "per" + text[len(doc[s].text) :]
        parsed = parse(text)
        if parsed is None:
            continue
        if (
            e < len(doc)
            and doc[e].lower_ in _PERIOD_END
            and _word(doc[e - 1]) == "year"
            and parsed.kind == "anaphoric"
        ):  # "the fiscal year ended June 30": a year's span, dated by its end
            parsed = Parsed("DURATION", "fixed", value="P1Y")
        if parsed.type == "TIME" and parsed.point.hour is not None and _schedule(doc, e):
            # "at 12:45 and 17:45 weekdays": a time of every (week)day, not of one day
            parsed = Parsed(
                "SET",
                "fixed",
                value=f"XXXX-XX-XXT{parsed.point.hour:02d}:{parsed.point.minute or 0:02d}",
            )
        out.append((span.start_char, span.end_char, parsed))
        out.extend(_listed_ordinal(doc, s, parsed))
    out += _glued_years(doc, full)
    return sorted(out + _future_phrases(full, out), key=lambda x: x[0])


_FUTURE_PHRASES = re.compile(
    r"\b(?:"
    + "|".join(r"\s+".join(map(re.escape, p.split())) for p in load("dates_future_phrases"))
    + r")\b(?!-)",
    re.IGNORECASE,
)
_FUTURE_REF = Parsed("DATE", "fixed", value="FUTURE_REF")


def _future_phrases(
    text: str, found: list[tuple[int, int, Parsed]]
) -> list[tuple[int, int, Parsed]]:
    """'in the near future', 'at a later date', 'as soon as possible': the time to come
    (FUTURE_REF), where no other expression was found."""
    matches = list(_FUTURE_PHRASES.finditer(text))
    if not matches:
        return []
    covered = bytearray(len(text))  # marked once: a check per phrase, not a pass over `found`
    for s, e, _ in found:
        covered[s:e] = b"\x01" * (e - s)
    return [
        (m.start(), m.end(), _FUTURE_REF) for m in matches if not any(covered[m.start() : m.end()])
    ]


def _listed_ordinal(doc: Doc, s: int, parsed: Parsed) -> list[tuple[int, int, Parsed]]:
    """'the second and fourth quarters': the ordinal listed before shares the plural noun, so
    it names a recurring quarter too (XXXX-Q2 beside XXXX-Q4)."""
    if parsed.type != "SET" or not re.fullmatch(r"XXXX-Q\d", parsed.value or "") or s < 2:
        return []
    conj, first = doc[s - 1], doc[s - 2]
    if conj.lower_ not in {"and", "or"} or _word(first) not in lx.ORDINALS:
        return []
    listed = parse(f"{first.lower_} quarters")
    if listed is None or listed.type != "SET":
        return []
    return [(first.idx, first.idx + len(first.text), listed)]


_A_YEAR_EARLIER = parse("a year earlier") or Parsed("DATE", "fixed")


def _join_compared(
    doc: Doc, spans: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """Spans with "the quarter" + "a year ago" joined into one; the joined ones apart."""
    out: list[tuple[int, int]] = []
    joined: set[tuple[int, int]] = set()
    for s, e in spans:
        start = _compared_period(doc, s, e)
        if start is None:
            out.append((s, e))
            continue
        while out and out[-1][0] >= start:
            out.pop()  # "the quarter" found on its own
        if out and out[-1][1] > start:
            out.append((s, e))  # an expression overlaps the period's words: leave both
            continue
        out.append((start, e))
        joined.add((start, e))
    return out, joined


_SCHEDULE_WORDS = frozenset({"weekdays", "weeknights", "daily", "nightly", "weekends"})


def _schedule(doc: Doc, end: int) -> bool:
    """True when a clock time is followed by a frequency ('12:45 and 17:45 weekdays')."""
    for tok in doc[end : min(len(doc), end + 6)]:
        w = _word(tok)
        if w in _SCHEDULE_WORDS:
            return True
        if not (_CLOCK.fullmatch(tok.lower_) or w in {"and", ",", "a.m", "p.m", "am", "pm"}):
            return False
    return False


_GLUED_RANGE = re.compile(r"([A-Za-z]+\.?)[-\u2013](\d{1,2})")


def _glued_range(doc: Doc, s: int, e: int) -> list[tuple[int, int, Parsed]] | None:
    """'27 May-28 May 1905', '17 August-2 September': a range whose hyphen the tokenizer left
    inside one token ('May-28'). Two dates, split inside that token; the first half borrows
    the year of the second."""
    for tok in doc[s:e]:
        m = _GLUED_RANGE.fullmatch(tok.text)
        if m is None or _word(tok)[: len(m.group(1))].rstrip(".") not in lx.MONTHS:
            continue
        cut = tok.idx + m.end(1)
        start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        left, right = text_of(doc)[start:cut], text_of(doc)[cut + 1 : end]
        years = _YEAR.findall(right)
        left_parsed = parse(f"{left} {years[-1]}" if years and not _YEAR.search(left) else left)
        right_parsed = parse(right)
        if left_parsed is None or right_parsed is None:
            return None
        return [(start, cut, left_parsed), (cut + 1, end, right_parsed)]
    return None


_GLUED_YEAR = re.compile(r"[A-Za-z]+[.,;:]((?:19|20)\d\d)")


def _glued_years(doc: Doc, text: str) -> list[tuple[int, int, Parsed]]:
    """A year glued to a word by a typo ("at the.2021 summit"): the year alone."""
    out = []
    starts: list[int] | None = None
    seen: set[int] = set()
    # One scan of the text; the token holding each candidate year must be the whole form.
    for found in _GLUED_YEAR.finditer(text):
        if starts is None:
            starts = doc.to_array(IDX).tolist()
        i = bisect_right(starts, found.start(1)) - 1
        if i in seen:
            continue
        seen.add(i)
        tok = doc[i]
        m = _GLUED_YEAR.fullmatch(tok.text)
        if m and (parsed := parse(m.group(1))) is not None:
            out.append((tok.idx + m.start(1), tok.idx + m.end(1), parsed))
    return out
