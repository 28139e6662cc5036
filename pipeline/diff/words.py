"""A word-level diff of two texts, the way `git diff --word-diff` shows a reworded sentence.

Words and punctuation are separate tokens, so "there" -> "there," shows as one comma added, not
as a word replaced; the spacing of the text is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher
from typing import Literal

Op = Literal["=", "-", "+"]
Piece = tuple[Op, str]
"""A run of tokens kept (=), removed (-) or added (+), with the space before it."""

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_MARKS = {"=": ("", ""), "-": ("[-", "-]"), "+": ("{+", "+}")}


def word_diff(old: str, new: str) -> list[Piece]:
    """Runs of tokens kept, removed and added, in reading order."""
    a, b = _tokens(old), _tokens(new)
    pieces: list[Piece] = []
    matcher = SequenceMatcher(None, [t for t, _ in a], [t for t, _ in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("=", _join(b[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(("-", _join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("+", _join(b[j1:j2])))
    if pieces:
        pieces[0] = (pieces[0][0], pieces[0][1].lstrip())
    return pieces


def show(pieces: list[Piece], mark: Callable[[Op, str], str]) -> str:
    """The pieces as one text, each run passed through `mark`; an addition right after a removal
    is glued to it ([-are-]{+were+})."""
    shown = ""
    previous: Op | None = None
    for op, text in pieces:
        core = text.lstrip()
        lead = "" if op == "+" and previous == "-" else text[: len(text) - len(core)]
        shown += lead + mark(op, core)
        previous = op
    return shown


def plain(pieces: list[Piece]) -> str:
    """[-removed-]{+added+}, readable without colour."""
    return show(pieces, lambda op, text: f"{_MARKS[op][0]}{text}{_MARKS[op][1]}")


def _tokens(text: str) -> list[tuple[str, bool]]:
    """(token, whether a space comes before it)."""
    return [
        (m.group(), m.start() > 0 and text[m.start() - 1].isspace()) for m in _TOKEN.finditer(text)
    ]


def _join(tokens: list[tuple[str, bool]]) -> str:
    return "".join((" " if space else "") + token for token, space in tokens)
