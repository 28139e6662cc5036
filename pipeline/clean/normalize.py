"""Character and whitespace normalisation of clean text, carrying link spans along.

Extraction works on code-point offsets, so odd spaces, invisible characters and
decomposed accents must be settled once, here, for every input format: otherwise the same
name written two ways becomes two entities, and a soft hyphen splits a word in two.
Curly quotes and dashes are left as written: quote attribution depends on them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from pipeline.clean.document import CleanLink
from pipeline.clean.spans import Edit, regex_edits, rewrite

# Spaces that are not U+0020 (no-break, thin, ideographic, ...) and other whitespace controls.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_SPACES += "\u202f\u205f\u3000\t\r\f\v\x85"
# Characters with no visible width that only break words apart: soft hyphen, zero-width
# space, word joiner, BOM. ZWJ/ZWNJ are kept: they change how emoji and some scripts read.
_INVISIBLE = "\u00ad\u200b\u2060\ufeff"
_CONTROLS = "\x00-\x08\x0e-\x1f\x7f"
_CHAR_RE = re.compile(f"[{_SPACES}{_INVISIBLE}{_CONTROLS}\u2028\u2029]")
_WORD_RE = re.compile(r"\S+")
# A run of whitespace, except a lone space between words (most runs: it stays as it is).
_SPACE_RUN_RE = re.compile(r"\s{2,}|[^\S ]|\A | \Z")


def normalize(
    text: str, links: Sequence[CleanLink] = (), paragraphs: bool = True
) -> tuple[str, list[CleanLink]]:
    """NFC, plain spaces, no invisible characters, paragraphs split by exactly one blank line.

    Inside a paragraph any run of whitespace (single newlines included) becomes one space;
    two or more newlines make a paragraph break, or a space when `paragraphs` is False
    (text known to be one block). Idempotent.
    """
    text, moved = rewrite(text, links, regex_edits(text, _CHAR_RE, _char_replacement))
    text, moved = rewrite(text, moved, _nfc_edits(text))
    return rewrite(text, moved, _whitespace_edits(text, paragraphs))


def normalize_paragraph(text: str) -> str:
    """A single paragraph's readable form."""
    return normalize(text, paragraphs=False)[0]


def _char_replacement(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch == "\u2029":
        return "\n\n"
    if ch == "\u2028":
        return "\n"
    return " " if ch in _SPACES else ""


def _nfc_edits(text: str) -> list[Edit]:
    # Composition never crosses whitespace, so word by word keeps the edits small.
    if unicodedata.is_normalized("NFC", text):
        return []
    return regex_edits(text, _WORD_RE, lambda m: unicodedata.normalize("NFC", m.group(0)))


def _whitespace_edits(text: str, paragraphs: bool) -> list[Edit]:
    end = len(text)

    def collapse(m: re.Match[str]) -> str:
        if m.start() == 0 or m.end() == end:
            return ""
        return "\n\n" if paragraphs and m.group(0).count("\n") >= 2 else " "

    return regex_edits(text, _SPACE_RUN_RE, collapse)
