"""A word-level diff of two texts, the way `git diff --word-diff` shows a reworded sentence."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Literal

Piece = tuple[Literal["=", "-", "+"], str]


def word_diff(old: str, new: str) -> list[Piece]:
    """Runs of words kept (=), removed (-) and added (+), in reading order."""
    a, b = old.split(), new.split()
    pieces: list[Piece] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("+", " ".join(b[j1:j2])))
    return pieces


def plain(pieces: list[Piece]) -> str:
    """[-removed-]{+added+}, readable without colour."""
    marks = {"=": ("", ""), "-": ("[-", "-]"), "+": ("{+", "+}")}
    return " ".join(f"{marks[op][0]}{text}{marks[op][1]}" for op, text in pieces)
