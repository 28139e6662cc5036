"""Words of English temporal expressions: calendar names, units, numbers, modifiers.

Shared by detection (which tokens can start or grow a date span) and normalization
(what they mean), so the two never disagree about the vocabulary. The longer lists are data:
pipeline/lexicons/dates_*.txt.
"""

from __future__ import annotations

from typing import Any

from pipeline.lexicons import load, load_map


def _numbers(name: str) -> dict[str, Any]:
    """A two-column vocabulary whose values are numbers: ints, or floats where written so."""
    return {
        word: float(value) if "." in value else int(value) for word, value in load_map(name).items()
    }


MONTHS: dict[str, int] = _numbers("dates_months")

# Abbreviations that are also ordinary words; they count as months only when written
# with a capital and next to a day or year ("Mar. 3", "Dec 2020").
AMBIGUOUS_MONTHS = load("dates_ambiguous_months")

WEEKDAYS: dict[str, int] = _numbers("dates_weekdays")
FULL_WEEKDAYS = frozenset(w for w in WEEKDAYS if w.endswith("day"))

# Fixed-date holidays -> (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "halloween": (10, 31),
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip
# Plural seasons that are only seasons ("falls" and "springs" are other things): recurring.
PLURAL_SEASONS: dict[str, str] = {"summers": "SU", "winters": "WI", "autumns": "FA"}

# Parts of the day (TIMEX3 codes); "tonight" is handled as a deictic day plus NI.
PARTS_OF_DAY: dict[str, str] = load_map("dates_parts_of_day")

# Unit words -> canonical unit.
UNITS: dict[str, str] = load_map("dates_units")
PLURAL_UNITS = frozenset(
    w for w in UNITS if w.endswith("s") and w not in {"sec", "mins", "hrs", "yrs"}
) | frozenset({"centuries", "millennia", "mins", "hrs", "yrs", "secs"})

# Words that end a clock time: a date after a comma is that time's ("5 p.m. EST, Nov. 6").
CLOCK_ENDS = load("dates_clock_ends")

# Units whose duration code is inside the time part (PT...).
TIME_UNITS = frozenset({"second", "minute", "hour"})
DURATION_CODE: dict[str, tuple[str, float]] = {
    "second": ("S", 1), "minute": ("M", 1), "hour": ("H", 1), "day": ("D", 1),
    "week": ("W", 1), "weekend": ("D", 2), "fortnight": ("W", 2), "month": ("M", 1),
    "quarter": ("M", 3), "year": ("Y", 1), "decade": ("Y", 10), "century": ("Y", 100),
    "millennium": ("Y", 1000),
}  # fmt: skip

NUMBER_WORDS: dict[str, float] = _numbers("dates_number_words")
VAGUE_NUMBERS = load("dates_vague_numbers")
# Words that may stand between a number and its unit ("a few", "a mere 24 hours").
NUMBER_FILLERS = load("dates_number_fillers")

ORDINALS: dict[str, int] = _numbers("dates_ordinals")

# Modifier words -> TIMEX3 mod.
MODS: dict[str, str] = load_map("dates_mods")

# Words that refer to a time point relative to "now" or the story's time.
PRESENT_WORDS = frozenset({"now", "currently", "nowadays", "presently", "current", "present"})
PAST_WORDS = frozenset({"past", "recently", "formerly", "previously", "recent", "lately"})
FUTURE_WORDS = frozenset({"future"})

# Deictic day words.
DAY_WORDS: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}

# Adverbs of frequency -> TIMEX3 SET value (pipeline/lexicons/dates_set_words.txt).
SET_WORDS: dict[str, str] = load_map("dates_set_words")

# Relative determiners: offset from the reference (deictic) or the story's timeline.
DEICTIC_OFFSET: dict[str, int] = {
    "this": 0, "last": -1, "past": -1, "next": 1, "coming": 1, "current": 0,
}  # fmt: skip
ANAPHORIC_OFFSET: dict[str, int] = _numbers("dates_anaphoric_offsets")

# Left modifiers that may open a date span ("That March", "early 2021", "the past five years").
LEFT_MODIFIERS = load("dates_left_modifiers")
