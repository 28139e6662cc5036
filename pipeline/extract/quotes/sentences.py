"""Sentence and paragraph geometry of the text outside quotes, by rule (no model).

spaCy's small model splits sentences inside and around quotation marks unreliably; the
attribution search only needs to know where the clause around a quote starts and ends.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm st jr sr vs etc inc corp co
    ltd no jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k d.c a.m p.m
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo
    """.split()
)
_END = re.compile(r"[.!?](?:[\u201d\u2019\"')\]]*)(?=\s+[\"\u201c\u2018'(\[A-Z0-9])")


def sentence_boundaries(text: str) -> list[int]:
    """Offsets where a new sentence starts (after the space), abbreviations excluded."""
    out = []
    for m in _END.finditer(text):
        if text[m.start()] == ".":
            word = re.search(r"([A-Za-z.]+)$", text[max(0, m.start() - 12) : m.start()])
            if word:
                w = word.group(1).lower().strip(".")
                if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                    continue
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
        out.append(pos)
    return out


class Boundaries:
    def __init__(self, text: str, paragraphs: list[tuple[int, int]]) -> None:
        self.sents = sentence_boundaries(text)
        self.paras = paragraphs
        self._para_starts = [s for s, _ in paragraphs]

    def paragraph(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._para_starts, pos) - 1
        return self.paras[max(0, i)]

    def paragraph_index(self, pos: int) -> int:
        return max(0, bisect_right(self._para_starts, pos) - 1)

    def sentence_start(self, pos: int, lo: int) -> int:
        """Start of the sentence holding `pos`, not before `lo`."""
        i = bisect_right(self.sents, pos) - 1
        if i >= 0 and self.sents[i] > lo:
            return self.sents[i]
        return lo

    def sentence_end(self, pos: int, hi: int) -> int:
        """Start of the next sentence after `pos` (or `hi`)."""
        i = bisect_left(self.sents, pos + 1)
        if i < len(self.sents) and self.sents[i] < hi:
            return self.sents[i]
        return hi
