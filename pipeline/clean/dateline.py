"""Datelines ("TOKYO —", "LONDON, March 3 (Reuters) -") at the start of the body.

The dateline says where the story was filed; left in the text it glues a place name onto the
first sentence ("TOKYO — At the ..."), which confuses sentence splitting and entity spans.
It is cut from the text and the place goes to `metadata.dateline` as written ("SAN
FRANCISCO", "Hong Kong"). The region ("Calif."), the date and the agency credit ("(AP)",
"(Reuters)") are cut too but not kept: the agency is a credit, not a fact of the story, and
the date is the publication date's job. A bare credit ("(Reuters) — ...") is cut as well.

Shapes, strongest first: an upper-case place and a dash, looked for in the first few
paragraphs (a headline or summary may come first); then, in the first body paragraph only,
a title-case place with an agency credit ("Hong Kong (CNN)") or a US-style state code
("New York, NY –"). Applies to every format, HTML included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pipeline.clean.document import CleanLink
from pipeline.clean.spans import rewrite

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WORD = r"[^\W\d_][\w.'’-]*"
_PLACE = rf"(?P<place>{_WORD}(?:[^\S\n]+{_WORD}){{0,3}})"
_REGION = r"(?:,\s+(?P<region>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}))??"
_DATE = rf"(?:,?\s+{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
_AGENCY = r"\((?P<agency>[A-Z][^()\d\n]{0,29})\)"
_DASH = r"(?:—|–|--|-)"
# Upper-case place, optional region/date/credit, then a dash.
_UPPER_RE = re.compile(rf"{_PLACE}{_REGION}{_DATE}(?:\s*{_AGENCY})?\s*{_DASH}\s+(?=\S)")
# Title-case place with a credit, then a dash or the text straight away ("Paris (CNN)The").
_CREDITED_RE = re.compile(rf"{_PLACE}{_REGION}\s+{_AGENCY}(?:\s*{_DASH}\s+|(?=[^\s,.;:]))")
# Title-case place with a US state code: "New York, NY – ".
_STATE_RE = re.compile(rf"{_PLACE},\s+(?P<region>[A-Z]{{2}}|[A-Z]\.[A-Z]\.)\s+{_DASH}\s+(?=\S)")
# A credit whose place was lost upstream: "(Reuters) — ".
_CREDIT_ONLY_RE = re.compile(rf"{_AGENCY}\s*{_DASH}\s+(?=\S)")

# Upper-case labels that are not places.
_NOT_PLACES = frozenset(
    "UPDATE UPDATED BREAKING EXCLUSIVE ANALYSIS OPINION EDITORIAL WATCH LIVE NOTE CORRECTION "
    "PHOTOS VIDEO REVIEW INTERVIEW NEWS".split()
)
MIN_BODY_WORDS = 12
MAX_LEADING_PARAGRAPHS = 3


def strip_dateline(
    text: str, links: Sequence[CleanLink]
) -> tuple[str, list[CleanLink], str | None]:
    """Remove a dateline from the start of the body; returns its place (None if none)."""
    found = find_dateline(text)
    if found is None:
        return text, list(links), None
    start, end, place = found
    new_text, moved = rewrite(text, links, [(start, end, "")])
    return new_text, moved, place


def find_dateline(text: str) -> tuple[int, int, str | None] | None:
    """`(start, end, place)` of the dateline to cut, or None."""
    paragraphs = list(_leading_paragraphs(text))
    for start, _ in paragraphs:
        m = _UPPER_RE.match(text, start)
        if m and _upper_place(m.group("place")):
            return start, m.end(), " ".join(m.group("place").split())
    body = next((start for start, words in paragraphs if words >= MIN_BODY_WORDS), None)
    if body is None:
        return None
    for pattern in (_CREDITED_RE, _STATE_RE):
        m = pattern.match(text, body)
        if m and _title_place(m.group("place")):
            return body, m.end(), " ".join(m.group("place").split())
    m = _CREDIT_ONLY_RE.match(text, body)
    return (body, m.end(), None) if m else None


def _leading_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Offsets and word counts of the first paragraphs."""
    offset = 0
    for paragraph in text.split("\n\n")[:MAX_LEADING_PARAGRAPHS]:
        yield offset, len(paragraph.split())
        offset += len(paragraph) + 2


def _upper_place(place: str) -> bool:
    letters = sum(c.isalpha() for c in place)
    words = place.replace(".", " ").split()
    return letters >= 2 and place.isupper() and not any(w in _NOT_PLACES for w in words)


def _title_place(place: str) -> bool:
    return all(word[0].isupper() for word in place.split())
