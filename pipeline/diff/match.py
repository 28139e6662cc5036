"""Pair a removed and an added fact that are one fact edited: same kind, same place, similar text.

Fact ids come from content, so a reworded quote or a retyped date gets a new id and would show as
one fact removed and another added. An editor would call it one fact changed when it sits where
the old one sat (after allowing for text inserted or deleted before it) and reads much the same.
Positions are compared through `Shift`, learnt from the facts both versions share, so a fact
pushed down by a new paragraph still lines up with its old self.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from pipeline import kinds

Span = tuple[int, int]

# Per kind (pipeline.kinds): the field whose wording is compared (`text_field`), and how alike
# two facts in the same place must read (`overlap_similarity`).
NEARBY = 200
"""Code points between two facts (after the shift) that still count as the same place...
...for facts with one span. An entity is where its mentions are: its mentions must overlap."""
NEARBY_SIMILARITY = 0.7
"""...when their texts are this alike: a quote whose sentence was rewritten around it."""
_WORD = re.compile(r"\w+(?:['’]\w+)*")
SHORT = 3
"""Texts of fewer words are compared by characters ("Friday", "Thursday"), longer ones by words."""


@dataclass(frozen=True)
class Shift:
    """Where an offset of the old text lands in the new one, from facts found in both."""

    starts: tuple[int, ...] = ()
    deltas: tuple[int, ...] = ()

    @classmethod
    def learn(cls, pairs: Sequence[tuple[Any, Any]]) -> Shift:
        """From (old fact, new fact) pairs of the same fact: the offset change at each place."""
        found: dict[int, int] = {}
        for old, new in pairs:
            before, after = spans(old), spans(new)
            if len(before) == len(after):
                for (a, _), (b, _) in zip(sorted(before), sorted(after), strict=True):
                    found.setdefault(a, b - a)
        ordered = sorted(found.items())
        return cls(tuple(s for s, _ in ordered), tuple(d for _, d in ordered))

    def __call__(self, offset: int) -> int:
        if not self.starts:
            return offset
        i = bisect.bisect_right(self.starts, offset)
        return offset + self.deltas[max(i - 1, 0)]


def pair(
    kind: str, removed: Sequence[Any], added: Sequence[Any], shift: Shift
) -> list[tuple[int, int]]:
    """(index in removed, index in added) of the facts that are one fact edited; best first.

    The added facts' spans are sorted once, so each removed fact looks only at the facts near
    it: a document with thousands of facts changed costs no more than a few per fact.
    """
    fact_kind = kinds.by_name(kind)
    if fact_kind is None or not removed or not added:
        return []
    field_name = fact_kind.text_field
    entries = sorted((s, e, j) for j, fact in enumerate(added) for s, e in spans(fact))
    if not entries:
        return []
    starts = [s for s, _, _ in entries]
    longest = max(e - s for s, e, _ in entries)
    reach = NEARBY if fact_kind.mentions is None else 0
    candidates: list[tuple[int, float, int, int, int]] = []
    for i, old in enumerate(removed):
        near: dict[int, tuple[bool, int]] = {}
        for start, end in spans(old):
            a, b = shift(start), shift(start) + end - start
            low = bisect.bisect_left(starts, a - reach - longest)
            for s, e, j in entries[low : bisect.bisect_right(starts, b + reach)]:
                overlap = a < e and s < b
                if overlap or (reach and max(a - e, s - b) <= reach):
                    was_overlap, offset = near.get(j, (False, abs(a - s)))
                    near[j] = (was_overlap or overlap, min(offset, abs(a - s)))
        for j, (overlap, offset) in near.items():
            score = similarity(_text(old, field_name), _text(added[j], field_name))
            if score >= (fact_kind.overlap_similarity if overlap else NEARBY_SIMILARITY):
                candidates.append((-overlap, -score, offset, i, j))
    candidates.sort()  # in the same place first, then the most alike, then the closest
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    pairs = []
    for _, _, _, i, j in candidates:
        if i not in taken_old and j not in taken_new:
            taken_old.add(i)
            taken_new.add(j)
            pairs.append((i, j))
    return pairs


def similarity(a: str, b: str) -> float:
    """0..1: how alike two texts read, by their words (case, spacing and punctuation aside)."""
    words_a, words_b = _WORD.findall(a.casefold()), _WORD.findall(b.casefold())
    if words_a == words_b:
        return 1.0
    if len(words_a) < SHORT or len(words_b) < SHORT:
        return SequenceMatcher(None, " ".join(words_a), " ".join(words_b), autojunk=False).ratio()
    return SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


def spans(fact: Any) -> list[Span]:
    """Where a fact is in the text: its own span, or an entity's mentions."""
    if not isinstance(fact, Mapping):
        return []
    own = _span(fact)
    if own is not None:
        return [own]
    mentions = fact.get("mentions")
    if isinstance(mentions, list):
        return [s for s in (_span(m) for m in mentions if isinstance(m, Mapping)) if s is not None]
    return []


def _span(value: Mapping[str, Any]) -> Span | None:
    start, end = value.get("start"), value.get("end")
    if type(start) is int and type(end) is int and start <= end:
        return start, end
    return None


def _text(fact: Any, field_name: str) -> str:
    value = fact.get(field_name) if isinstance(fact, Mapping) else None
    return value if isinstance(value, str) else ""
