"""Names in lines written in capitals: headlines, datelines, captions ("SHEARER NAMED AS
ENGLAND CAPTAIN", "LONDON 1996-08-30").

The small model reads case as evidence, so in capitals it misses names and mislabels the
rest. Such lines are re-cased (a word of four letters or more becomes "Word"; shorter ones,
often acronyms such as "NFL" or "UK", stay) and parsed again by the model, alone; the text is
never changed: re-casing keeps every offset, so the spans found map back one to one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.tokens import Doc

from pipeline.extract.entities.labels import ENTITY_LABELS
from pipeline.extract.entities.mentions import RawMention, doc_text, is_name_text, repair

Parser = Callable[[str], Doc]

_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LOWER = re.compile(r"[a-z]")
_SEPARATOR = "\n\n"


def capital_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line with letters and no lower-case letter at all."""
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if not _ASCII_LOWER.search(line):  # most lines: a lower-case letter, found in C
            letters = [c for c in line if c.isalpha()]
            if len(letters) >= 3 and not any(c.islower() for c in letters):
                out.append((start, end))
        start = end + 1
    return out


def recase(line: str) -> str:
    """ "SHEARER NAMED AS UK CAPTAIN" -> "Shearer Named As UK Captain", same length."""

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        return w if len(w) < 4 else w[0] + w[1:].lower()

    out = _WORD.sub(word, line)
    return out if len(out) == len(line) else line


def capital_mentions(doc: Doc, parse: Parser, lines: Iterable[tuple[int, int]]) -> list[RawMention]:
    """Mentions the model finds in the re-cased `lines` of `doc`, at their offsets in `doc`."""
    text = doc_text(doc)
    pieces: list[str] = []
    offsets: list[tuple[int, int, int]] = []  # (start in the joined text, end, start in doc)
    pos = 0
    for start, end in lines:
        if pieces:
            pieces.append(_SEPARATOR)
            pos += len(_SEPARATOR)
        pieces.append(recase(text[start:end]))
        offsets.append((pos, pos + end - start, start))
        pos += end - start
    if not pieces:
        return []
    recased = parse("".join(pieces))
    out: list[RawMention] = []
    for ent in recased.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        bounds = repair(ent)
        if bounds is None:
            continue
        line = next((o for o in offsets if o[0] <= bounds[0] and bounds[1] <= o[1]), None)
        if line is None:
            continue
        start = bounds[0] - line[0] + line[2]
        end = bounds[1] - line[0] + line[2]
        mention_text = text[start:end]
        if any(c.isalpha() for c in mention_text) and is_name_text(mention_text):
            out.append(RawMention(start, end, mention_text, ent.label_))
    return out
