"""Offset mapping: every rewrite of the clean text moves link spans through one helper.

Normalisation, dateline removal and paragraph dropping all change the text after the link
spans were recorded. Each of them is expressed as a list of edits (old range -> replacement);
`apply_edits` returns the new text and an `OffsetMap` that moves span boundaries, so that
`text[start:end] == anchor` stays true without searching for anchors afterwards.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pipeline.clean.document import CleanLink

Edit = tuple[int, int, str]


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in the old text to the new one.

    A span start that falls strictly inside an edited range moves to the end of its
    replacement, a span end to its start: a span never takes in part of a rewrite.
    """

    old_starts: tuple[int, ...]
    old_ends: tuple[int, ...]
    new_starts: tuple[int, ...]
    new_ends: tuple[int, ...]

    def start(self, pos: int) -> int:
        return self._map(pos, inside_to_end=True)

    def end(self, pos: int) -> int:
        return self._map(pos, inside_to_end=False)

    def _map(self, pos: int, inside_to_end: bool) -> int:
        i = bisect_left(self.old_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self.old_ends[i]:
            return self.new_ends[i] if inside_to_end else self.new_starts[i]
        return pos - self.old_ends[i] + self.new_ends[i]


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """Apply sorted, non-overlapping edits `(start, end, replacement)` to `text`."""
    parts: list[str] = []
    old_s: list[int] = []
    old_e: list[int] = []
    new_s: list[int] = []
    new_e: list[int] = []
    last = 0
    length = 0
    for start, end, repl in edits:
        if start < last or end < start:
            raise ValueError(f"edits overlap or are unsorted at {start}:{end}")
        parts.append(text[last:start])
        length += start - last
        old_s.append(start)
        old_e.append(end)
        new_s.append(length)
        parts.append(repl)
        length += len(repl)
        new_e.append(length)
        last = end
    parts.append(text[last:])
    offsets = OffsetMap(tuple(old_s), tuple(old_e), tuple(new_s), tuple(new_e))
    return "".join(parts), offsets


def regex_edits(
    text: str, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]
) -> list[Edit]:
    """Edits for every match of `pattern` whose replacement differs from the match."""
    edits: list[Edit] = []
    for m in pattern.finditer(text):
        new = repl(m)
        if new != m.group(0):
            edits.append((m.start(), m.end(), new))
    return edits


def remap_links(links: Sequence[CleanLink], offsets: OffsetMap, text: str) -> list[CleanLink]:
    """Move links through `offsets`; anchors are re-read from `text`, emptied links dropped."""
    moved: list[CleanLink] = []
    for link in links:
        span = trim_span(text, offsets.start(link.start), offsets.end(link.end))
        if span is not None:
            moved.append(CleanLink(span[0], span[1], text[span[0] : span[1]], link.raw_url))
    return moved


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink `start:end` to exclude surrounding whitespace; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def rewrite(
    text: str, links: Sequence[CleanLink], edits: Iterable[Edit]
) -> tuple[str, list[CleanLink]]:
    """Apply `edits` to `text` and carry `links` along."""
    new_text, offsets = apply_edits(text, edits)
    return new_text, remap_links(links, offsets, new_text)
