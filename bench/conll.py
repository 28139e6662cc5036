"""CoNLL-2003 dev as documents for the entities bench: text rebuilt from tokens, gold spans.

The file has IOB2 token lines, sentences separated by blank lines and no `-DOCSTART-` lines.
A story starts at the headline right before its dateline ("LONDON 1996-08-30"), so the
216 Reuters stories come back as documents. Each sentence is its own paragraph in the text
(tokens joined by one space), so every gold span keeps exact code-point offsets.

A sentence counts as prose unless it reads like a results table or a list of scores: fewer
than three lower-case words, or as many numbers as words ("Leicestershire 22 points ,
Somerset 4 ."). This rule is the bench's, to report a prose-only figure; the product has no
table rule.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

# Our labels -> CoNLL's four (the mapping in ../shared/eval/README.md); others are not scored.
LABEL_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
CONLL_LABELS = ("PER", "ORG", "LOC", "MISC")
_DATELINE = re.compile(r"\d{4}-\d\d-\d\d")
_NUMBER = re.compile(r"[\d.,:/-]*\d[\d.,:/-]*")


@dataclass
class Document:
    text: str
    gold: list[tuple[int, int, str]]  # (start, end, CoNLL label)
    prose: list[tuple[int, int]] = field(default_factory=list)  # char ranges of prose sentences

    def in_prose(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.prose)


def read_sentences(path: Path) -> list[list[tuple[str, str]]]:
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        token, tag = line.rsplit(" ", 1)
        current.append((token, tag))
    if current:
        sentences.append(current)
    return sentences


def is_prose(tokens: list[str]) -> bool:
    lower = sum(1 for t in tokens if t[:1].islower() and t.isalpha())
    numbers = sum(1 for t in tokens if _NUMBER.fullmatch(t))
    words = sum(1 for t in tokens if any(c.isalpha() for c in t))
    return lower >= 3 and numbers < words


def split_documents(sentences: list[list[tuple[str, str]]]) -> list[list[list[tuple[str, str]]]]:
    """Stories: a new one starts at the sentence before each dateline."""
    starts = {0}
    for i, sent in enumerate(sentences):
        if i > 0 and len(sent) <= 8 and _DATELINE.fullmatch(sent[-1][0]):
            starts.add(i - 1)
    bounds = [*sorted(starts), len(sentences)]
    return [sentences[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def build(sentences: list[list[tuple[str, str]]]) -> Document:
    parts: list[str] = []
    gold: list[tuple[int, int, str]] = []
    prose: list[tuple[int, int]] = []
    pos = 0
    for sent in sentences:
        if parts:
            parts.append("\n\n")
            pos += 2
        sent_start = pos
        open_: tuple[int, str] | None = None
        last_end = pos
        for k, (token, tag) in enumerate(sent):
            if k:
                parts.append(" ")
                pos += 1
            start, end = pos, pos + len(token)
            if open_ is not None and not tag.startswith("I-"):
                gold.append((open_[0], last_end, open_[1]))
                open_ = None
            if tag.startswith("B-") or (tag.startswith("I-") and open_ is None):
                open_ = (start, tag[2:])
            parts.append(token)
            pos = last_end = end
        if open_ is not None:
            gold.append((open_[0], last_end, open_[1]))
        if is_prose([t for t, _ in sent]):
            prose.append((sent_start, pos))
    return Document("".join(parts), gold, prose)


def load_documents(path: Path) -> list[Document]:
    return [build(doc) for doc in split_documents(read_sentences(path))]
