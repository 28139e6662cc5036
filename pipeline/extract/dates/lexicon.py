"""Words of English temporal expressions: calendar names, units, numbers, modifiers.

Shared by detection (which tokens can start or grow a date span) and normalization
(what they mean), so the two never disagree about the vocabulary.
"""

from __future__ import annotations

from pipeline.lexicons import load_map

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

# Abbreviations that are also ordinary words; they count as months only when written
# with a capital and next to a day or year ("Mar. 3", "Dec 2020").
AMBIGUOUS_MONTHS = frozenset({"mar", "may", "jun", "jan", "dec", "sep", "oct", "nov", "march"})

WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5,
    "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}  # fmt: skip
FULL_WEEKDAYS = frozenset(w for w in WEEKDAYS if w.endswith("day"))

# Fixed-date holidays -> (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "halloween": (10, 31),
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip

# Parts of the day (TIMEX3 codes); "tonight" is handled as a deictic day plus NI.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "daytime": "DT", "nighttime": "NI", "overnight": "NI",
}  # fmt: skip

# Unit words -> canonical unit.
UNITS: dict[str, str] = {
    "second": "second", "seconds": "second", "sec": "second", "secs": "second",
    "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour",
    "day": "day", "days": "day", "week": "week", "weeks": "week",
    "weekend": "weekend", "weekends": "weekend", "fortnight": "fortnight",
    "fortnights": "fortnight", "month": "month", "months": "month",
    "quarter": "quarter", "quarters": "quarter", "year": "year", "years": "year",
    "yr": "year", "yrs": "year", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century", "millennium": "millennium",
    "millennia": "millennium",
}  # fmt: skip
PLURAL_UNITS = frozenset(
    w for w in UNITS if w.endswith("s") and w not in {"sec", "mins", "hrs", "yrs"}
) | frozenset({"centuries", "millennia", "mins", "hrs", "yrs", "secs"})

# Units whose duration code is inside the time part (PT...).
TIME_UNITS = frozenset({"second", "minute", "hour"})
DURATION_CODE: dict[str, tuple[str, float]] = {
    "second": ("S", 1), "minute": ("M", 1), "hour": ("H", 1), "day": ("D", 1),
    "week": ("W", 1), "weekend": ("D", 2), "fortnight": ("W", 2), "month": ("M", 1),
    "quarter": ("M", 3), "year": ("Y", 1), "decade": ("Y", 10), "century": ("Y", 100),
    "millennium": ("Y", 1000),
}  # fmt: skip

NUMBER_WORDS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "a": 1, "an": 1, "single": 1, "dozen": 12,
    "half": 0.5, "couple": 2, "both": 2,
}  # fmt: skip
VAGUE_NUMBERS = frozenset({"several", "few", "many", "some", "numerous", "multiple", "various"})
# Words that may stand between a number and its unit ("a few", "a mere 24 hours").
NUMBER_FILLERS = frozenset({"of", "and", "mere", "full", "additional", "more", "other", "long"})

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "thirtieth": 30, "last": -1,
}  # fmt: skip

# Modifier words -> TIMEX3 mod.
MODS: dict[str, str] = {
    "early": "START", "earlier": "START", "beginning": "START", "start": "START",
    "dawn": "START", "mid": "MID", "middle": "MID", "late": "END", "later": "END",
    "end": "END", "close": "END", "latter": "END", "about": "APPROX",
    "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "under": "LESS_THAN", "over": "MORE_THAN",
}  # fmt: skip

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
ANAPHORIC_OFFSET: dict[str, int] = {
    "that": 0, "same": 0, "previous": -1, "preceding": -1, "prior": -1,
    "following": 1, "subsequent": 1, "succeeding": 1, "ensuing": 1,
}  # fmt: skip

# Left modifiers that may open a date span ("That March", "early 2021", "the past five years").
LEFT_MODIFIERS = (
    frozenset({"the", "that", "this", "these", "those", "same", "last", "next", "past",
               "coming", "previous", "preceding", "following", "subsequent", "prior",
               "early", "mid", "late", "about", "around", "approximately", "roughly",
               "nearly", "almost", "only", "just", "more", "less", "than", "over", "under",
               "at", "least", "most", "every", "each", "recent", "current", "upcoming",
               "final", "first", "entire", "whole", "full", "mere", "ensuing", "later",
               "earlier", "some", "a", "an", "several", "few", "many", "couple", "of",
               "fiscal", "calendar"})
)  # fmt: skip
