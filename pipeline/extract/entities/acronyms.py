"""Acronyms and their expansions: "Amazon Web Services (AWS)" names one thing twice."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.entities.labels import NAME_CONNECTORS
from pipeline.extract.entities.mentions import RawMention

_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&]{1,9})\)")
_WORD = re.compile(r"[A-Za-z][\w&’'.-]*|&")


@dataclass(frozen=True)
class AcronymPair:
    long_start: int
    long_end: int
    short_start: int
    short_end: int


def initials(words: list[str]) -> str:
    """Upper-case initials of the content words: "Bank of America" -> "BA"."""
    return "".join(w[0].upper() for w in words if w.lower() not in NAME_CONNECTORS and w[:1])


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 10 and sum(c.isupper() for c in letters) >= 2 and " " not in text


def find_pairs(text: str) -> list[AcronymPair]:
    """Every "Long Proper Name (LPN)" in the text whose capitalised words spell the acronym."""
    pairs: list[AcronymPair] = []
    for match in _PAREN_ACRONYM.finditer(text):
        acronym = match.group(1)
        letters = [c for c in acronym if c.isupper() or c.isdigit()]
        if len(letters) < 2:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()]
        if before and not before[-1].isspace():
            continue
        words = [
            (m.start() + line_start, m.end() + line_start) for m in re.finditer(r"\S+", before)
        ]
        long_span = _match_initials(text, words, letters)
        if long_span is not None:
            pairs.append(AcronymPair(*long_span, match.start(1), match.end(1)))
    return pairs


def _match_initials(
    text: str, words: list[tuple[int, int]], letters: list[str]
) -> tuple[int, int] | None:
    i = len(letters) - 1
    j = len(words) - 1
    last_end: int | None = None
    first_start: int | None = None
    while i >= 0 and j >= 0:
        start, end = words[j]
        word = text[start:end]
        if not _WORD.fullmatch(word):
            return None
        if last_end is None:
            last_end = end
        if word.lower() in NAME_CONNECTORS:
            if word[0].isupper() and word[0] == letters[i]:
                i -= 1  # "Van" in "Jean-Claude Van Damme (JCVD)"
                first_start = start
            j -= 1
            continue
        if not word[0].isupper():
            return None
        parts = [p[0] for p in word.split("-") if p[:1].isupper()]
        if len(parts) > 1 and letters[max(i - len(parts) + 1, 0) : i + 1] == parts:
            i -= len(parts)  # "Jean-Claude" gives J and C
        elif word[0] == letters[i]:
            i -= 1
        else:
            return None
        first_start = start
        j -= 1
    if i >= 0 or first_start is None or last_end is None:
        return None
    return first_start, last_end


def apply_pairs(
    text: str, mentions: list[RawMention], pairs: list[AcronymPair]
) -> tuple[list[RawMention], list[tuple[RawMention, RawMention]]]:
    """Replace model mentions inside each expansion by the whole expansion; link the two.

    A pair is used only when the model saw a named thing in it (one of its mentions lies
    inside the expansion or on the acronym), so "application programming interface (API)"
    stays a common noun.
    """
    links: list[tuple[RawMention, RawMention]] = []
    for pair in pairs:
        inside = [m for m in mentions if pair.long_start <= m.start and m.end <= pair.long_end]
        crossing = [
            m
            for m in mentions
            if m.start < pair.long_end and pair.long_start < m.end and m not in inside
        ]
        on_short = [m for m in mentions if m.start < pair.short_end and pair.short_start < m.end]
        if crossing or not (inside or on_short):
            continue
        label = (inside or on_short)[0].model_label
        long_m = RawMention(
            pair.long_start,
            pair.long_end,
            text[pair.long_start : pair.long_end],
            label,
            source="model" if inside else "acronym",
        )
        short_m = on_short[0] if on_short else None
        if short_m is None or (short_m.start, short_m.end) != (pair.short_start, pair.short_end):
            short_m = RawMention(
                pair.short_start,
                pair.short_end,
                text[pair.short_start : pair.short_end],
                on_short[0].model_label if on_short else None,
                source="acronym",
            )
        mentions = [m for m in mentions if m not in inside and m not in on_short]
        mentions += [long_m, short_m]
        links.append((long_m, short_m))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions, links
