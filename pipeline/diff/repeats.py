"""Match the occurrences of a repeated fact by place, not by their ordinal id suffix.

A fact that occurs several times (a link to the same page, "Friday" twice) gets the ids `x`,
`x-2`, `x-3` in reading order (extract.ids.disambiguate). One occurrence added near the top
renumbers all those below it, so matching by id would pair each with its neighbour and leave the
last one over as "added", far from the real edit. Here the occurrences of each repeated fact are
paired with the new occurrence nearest their (shifted) place instead.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from pipeline.diff.match import Shift, spans

_ORDINAL = re.compile(r"^(.+)-(\d+)$")
MAX_PAIRS = 250_000
"""Beyond this many (old, new) occurrence pairs of one fact, occurrences are paired in order."""
FAR = 1 << 40
"""The distance given to an occurrence without a place: paired only when nothing else is left."""


def base(fact_id: str) -> str:
    """The content id without its occurrence number."""
    found = _ORDINAL.match(fact_id)
    return found.group(1) if found else fact_id


def repeated(old: dict[str, Any], new: dict[str, Any]) -> set[str]:
    """The base ids occurring more than once in either version."""
    counts: dict[str, int] = defaultdict(int)
    for facts in (old, new):
        seen: dict[str, int] = defaultdict(int)
        for fact_id in facts:
            seen[base(fact_id)] += 1
        for key, n in seen.items():
            counts[key] = max(counts[key], n)
    return {key for key, n in counts.items() if n > 1}


def align(old: dict[str, Any], new: dict[str, Any], shift: Shift) -> dict[str, Any]:
    """`old` keyed for matching: each occurrence of a repeated fact under the id of the new
    occurrence nearest its place; occurrences left over under an id `new` does not have."""
    several = repeated(old, new)
    if not several:
        return old
    groups_old: dict[str, list[str]] = defaultdict(list)
    groups_new: dict[str, list[str]] = defaultdict(list)
    for fact_id in old:
        groups_old[base(fact_id)].append(fact_id)
    for fact_id in new:
        groups_new[base(fact_id)].append(fact_id)
    keyed: dict[str, Any] = {}
    for key, ids in groups_old.items():
        if key not in several:
            keyed.update((i, old[i]) for i in ids)
            continue
        pairs = _nearest(ids, groups_new.get(key, []), old, new, shift)
        for old_id in ids:
            match = pairs.get(old_id)
            keyed[match if match is not None else _leftover(old_id, new)] = old[old_id]
    return keyed


def _nearest(
    olds: list[str], news: list[str], old: dict[str, Any], new: dict[str, Any], shift: Shift
) -> dict[str, str]:
    """old id -> new id, closest places first."""
    if len(olds) * len(news) > MAX_PAIRS:
        return dict(zip(olds, news, strict=False))  # by order: the ids as given
    candidates = sorted(
        (_distance(old[o], new[n], shift), k, m, o, n)
        for k, o in enumerate(olds)
        for m, n in enumerate(news)
    )
    pairs: dict[str, str] = {}
    taken: set[str] = set()
    for _, _, _, o, n in candidates:
        if o not in pairs and n not in taken:
            pairs[o] = n
            taken.add(n)
    return pairs


def _distance(before: Any, after: Any, shift: Shift) -> int:
    a, b = spans(before), spans(after)
    if not a or not b:
        return FAR
    return abs(shift(min(a)[0]) - min(b)[0])


def _leftover(old_id: str, new: dict[str, Any]) -> str:
    key = old_id
    while key in new:
        key += "~"
    return key
