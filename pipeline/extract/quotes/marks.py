"""Pair quotation marks in plain text: a pure function, no model.

News text mixes curly, straight, doubled-apostrophe (''...''), low (\u201e) and guillemet
marks, and uses the same characters as apostrophes (don\u2019t, Plumbers\u2019, \u201990s,
rock \u2019n\u2019 roll). Each candidate mark is classified from its neighbours (opener,
closer, either, or apostrophe), then paired with a stack per paragraph. Unbalanced marks are
recovered where the text makes it clear, and nothing here raises on odd input.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Literal

Family = Literal["double", "single"]
Role = Literal["open", "close", "either"]

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")

# Elisions that start with an apostrophe and must never open a quote.
_ELISIONS = re.compile(
    r"(?:n|em|til|cause|tis|twas|bout|round|nuff)(?![A-Za-z])|\d0s\b|\d\ds\b",
    re.IGNORECASE,
)
_OPEN_BEFORE = set("([{\u2014\u2013-/\u201c\u2018\"'\u00ab\u2039\u201e")
_CLOSE_AFTER = set(".,;:!?)]}\u2014\u2013-/\u201d\u2019\"'\u00bb\u203a")


@dataclass(frozen=True)
class Mark:
    """One quotation mark found in the text (one or two characters)."""

    start: int
    end: int
    family: Family
    role: Role


@dataclass(frozen=True)
class QuoteMarks:
    """A quoted stretch: `start`/`end` cover the words, `outer_start`/`outer_end` the marks.

    `opened`/`closed` say whether the mark was really present; a recovered side has the
    outer offset equal to the inner one. `depth` is 0 for top-level quotes.
    """

    outer_start: int
    start: int
    end: int
    outer_end: int
    family: Family
    depth: int
    opened: bool = True
    closed: bool = True
    continues: bool = False  # continues the quote of the previous paragraph


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _classify(text: str, i: int) -> Mark | None:
    """Classify the mark at text[i], or None when it is an apostrophe or not a mark."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    before_space = prev.isspace() or prev in _OPEN_BEFORE
    after_space = nxt.isspace() or nxt in _CLOSE_AFTER
    if ch in "\u201c\u201e\u00ab":  # “ „ «
        if not before_space and after_space and ch == "\u201c":
            return Mark(i, i + 1, "double", "close")  # typo: “ used as a closer
        return Mark(i, i + 1, "double", "open")
    if ch in "\u201d\u00bb":  # ” »
        if before_space and not after_space and _is_word(nxt):
            return Mark(i, i + 1, "double", "open")  # typo: ” used as an opener
        return Mark(i, i + 1, "double", "close")
    if ch == '"':
        return Mark(i, i + 1, "double", _straight_role(before_space, after_space))
    if ch == "`" and nxt == "`":
        return Mark(i, i + 2, "double", "open")
    if ch == "'" and nxt == "'":
        nxt2 = text[i + 2] if i + 2 < len(text) else " "
        after2 = nxt2.isspace() or nxt2 in _CLOSE_AFTER
        return Mark(i, i + 2, "double", _straight_role(before_space, after2))
    if ch == "\u2018" and nxt == "\u2018":  # AP wire style: ‘‘…’’ is a double quote
        return Mark(i, i + 2, "double", "open")
    if ch == "\u2019" and nxt == "\u2019":
        nxt2 = text[i + 2] if i + 2 < len(text) else " "
        if before_space and _is_word(nxt2):
            return Mark(i, i + 2, "double", "open")
        return Mark(i, i + 2, "double", "close")
    if ch == "\u2039":  # ‹
        return Mark(i, i + 1, "single", "open")
    if ch == "\u203a":  # ›
        return Mark(i, i + 1, "single", "close")
    if ch in "\u2018\u2019'":
        return _single(text, i, ch, prev, nxt, before_space, after_space)
    return None


def _straight_role(before_space: bool, after_space: bool) -> Role:
    if before_space and not after_space:
        return "open"
    if after_space and not before_space:
        return "close"
    return "either"


def _single(
    text: str, i: int, ch: str, prev: str, nxt: str, before_space: bool, after_space: bool
) -> Mark | None:
    if _is_word(prev) and _is_word(nxt):
        return None  # don’t, T’so, O'Brien
    if (before_space or ch == "\u2018") and _ELISIONS.match(text, i + 1):
        return None  # ’90s, ’n’, 'em
    if ch == "\u2018":
        if before_space or not _is_word(prev):
            return Mark(i, i + 1, "single", "open" if not after_space else "either")
        return Mark(i, i + 1, "single", "close")
    if ch == "\u2019":
        if before_space and _is_word(nxt):
            return None  # elision written with a right quote
        return Mark(i, i + 1, "single", "close")
    # straight '
    if before_space and not after_space:
        return Mark(i, i + 1, "single", "open")
    if not before_space:
        return Mark(i, i + 1, "single", "close")
    return None


def find_marks(text: str) -> list[Mark]:
    """Every candidate quotation mark, in order, apostrophes left out."""
    out: list[Mark] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u2018\u2019\"'`":
            mark = _classify(text, i)
            if mark is not None:
                out.append(mark)
                i = mark.end
                continue
        i += 1
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph.

    Blank lines always separate paragraphs; a single newline does too unless it only wraps a
    line (a lower-case word or a comma before it and a lower-case letter after it).
    """
    spans = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        if m.group().count("\n") == 1:
            before = text[m.start() - 1] if m.start() > 0 else "."
            after = text[m.end()] if m.end() < len(text) else "A"
            if (before.isalnum() or before in ",;-") and (after.islower() or after.isdigit()):
                continue
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if e > s]


_LINE_BREAK = re.compile(r"(?<![ \t\u00a0])[ \t\u00a0]*\n\s*")  # from a run's start only: linear


@dataclass
class _Open:
    mark: Mark
    depth: int


def _pair_paragraph(text: str, start: int, end: int, marks: list[Mark]) -> list[QuoteMarks]:
    found: list[QuoteMarks] = []
    stack: list[_Open] = []
    # Stack positions of the open marks of each family, so that pairing is linear in marks.
    where: dict[Family, list[int]] = {"double": [], "single": []}
    orphans: list[Mark] = []
    for mark in marks:
        single_close = mark.family == "single" and mark.role == "close"
        if single_close and not where["single"]:
            continue  # a possessive or a stray right quote
        same = where[mark.family]
        idx = same[-1] if same else None
        if idx is not None and mark.role != "open":
            opener = stack[idx]
            del stack[idx:]
            for family in ("double", "single"):
                positions = where[family]
                while positions and positions[-1] >= idx:
                    positions.pop()
            found.append(
                QuoteMarks(
                    opener.mark.start,
                    opener.mark.end,
                    mark.start,
                    mark.end,
                    mark.family,
                    opener.depth,
                )
            )
        elif mark.role != "close":
            where[mark.family].append(len(stack))
            stack.append(_Open(mark, len(where["double"]) - (mark.family == "double")))
        elif mark.family == "double":
            orphans.append(mark)
    # Openers left open run to the end of the paragraph (double marks only).
    for opener in stack:
        if opener.mark.family != "double":
            continue
        content_end = _trim_end(text, opener.mark.end, end)
        if content_end > opener.mark.end:
            found.append(
                QuoteMarks(
                    opener.mark.start,
                    opener.mark.end,
                    content_end,
                    content_end,
                    "double",
                    opener.depth,
                    closed=False,
                )
            )
    recover = _Recovery(text, start, end, found)
    recovered_end = start  # the quotes recovered so far count as found
    for orphan in orphans:
        q_start = recover.start(orphan.start, recovered_end)
        if q_start < orphan.start:
            found.append(
                QuoteMarks(q_start, q_start, orphan.start, orphan.end, "double", 0, opened=False)
            )
            recovered_end = orphan.end
    return _settle_depths(found)


def _trim_end(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


_BOUNDARY = re.compile(r"(?:[\u2014\u2013:]|--)\s+|[.!?]\s+(?=[A-Z\u201c\"])")


class _Recovery:
    """Where a quote whose opening mark is missing starts: after the last clause break
    before its closing mark, and after any quote already found there. The breaks and the
    quotes' ends are indexed once per paragraph, so each orphan costs a binary search."""

    def __init__(self, text: str, start: int, end: int, found: list[QuoteMarks]) -> None:
        self.text = text
        self.para_start = start
        self.ends = sorted(q.outer_end for q in found)
        self.breaks = [m.end() for m in _BOUNDARY.finditer(text, start, end)]
        self.break_starts = [m.start() for m in _BOUNDARY.finditer(text, start, end)]

    def start(self, close: int, floor: int) -> int:
        """`floor`: the end of the last quote recovered before this one."""
        i = bisect_right(self.ends, close)
        lo = max(self.para_start, floor, self.ends[i - 1] if i else floor)
        # the last break lying inside [lo, close) and ending before `close`
        j = bisect_left(self.breaks, close) - 1
        start = lo
        if j >= 0 and self.break_starts[j] >= lo:
            start = self.breaks[j]
        while start < close and self.text[start].isspace():
            start += 1
        return start


def _settle_depths(found: list[QuoteMarks]) -> list[QuoteMarks]:
    """Recompute depth from containment so that nested quotes are never top-level.

    In start order (longest first), a quote's depth is the number of those before it that
    end at or after its end: counted with a Fenwick tree over the ends, n log n in quotes."""
    found.sort(key=lambda q: (q.outer_start, -q.outer_end))
    ends = sorted({q.outer_end for q in found})
    rank = {e: i for i, e in enumerate(ends)}
    tree = [0] * (len(ends) + 1)
    out: list[QuoteMarks] = []
    for seen, q in enumerate(found):
        r = rank[q.outer_end]
        below = 0  # earlier quotes ending before q ends
        i = r
        while i > 0:
            below += tree[i]
            i -= i & -i
        depth = seen - below
        i = r + 1
        while i <= len(ends):
            tree[i] += 1
            i += i & -i
        out.append(
            QuoteMarks(
                q.outer_start,
                q.start,
                q.end,
                q.outer_end,
                q.family,
                depth,
                q.opened,
                q.closed,
                q.continues,
            )
        )
    return out


def pair_quotes(text: str) -> list[QuoteMarks]:
    """Every quoted stretch of `text`, nested ones included (depth > 0), sorted by start.

    Spans are inside the text, never overlap partially, and never start or end on an
    apostrophe. A paragraph whose quote is left open and whose successor opens with a mark
    follows the continuing-paragraph convention: the next quote gets `continues=True`.
    """
    marks = find_marks(text)
    out: list[QuoteMarks] = []
    mi = 0
    prev_open_at_end = False
    for p_start, p_end in paragraphs(text):
        para_marks = []
        while mi < len(marks) and marks[mi].start < p_end:
            if marks[mi].start >= p_start:
                para_marks.append(marks[mi])
            mi += 1
        quotes = _pair_paragraph(text, p_start, p_end, para_marks)
        if prev_open_at_end and quotes and quotes[0].outer_start == p_start and quotes[0].opened:
            first = quotes[0]
            quotes[0] = QuoteMarks(
                first.outer_start,
                first.start,
                first.end,
                first.outer_end,
                first.family,
                first.depth,
                first.opened,
                first.closed,
                continues=True,
            )
        out.extend(q for q in quotes if q.start < q.end)
        prev_open_at_end = any(not q.closed and q.depth == 0 for q in quotes)
    out.sort(key=lambda q: (q.start, -q.end))
    return out
