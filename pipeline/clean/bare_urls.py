"""Bare URLs in running text: found, and replaced by their host name with a link.

The clean text carries no addresses (they are noise to every extractor and break sentences),
but the link is not lost: the host name stays as a readable anchor ("example.org") and the
address as written goes to the link's raw_url. The Markdown and text cleaners use this while
writing blocks; post-processing applies it to every format so the contract holds for HTML too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from pipeline.clean.addresses import followable
from pipeline.clean.document import CleanLink
from pipeline.clean.spans import apply_edits, remap_links

# A bare address in running text: with a scheme, `www.`, or a host name followed by a path
# ("example.com/live"; a host alone is a name and stays text). `]` and quotes end it;
# trailing punctuation is trimmed. Host labels are bounded as DNS bounds them (63 characters,
# and at most 10 labels here): unbounded, `a-a-a-…` or `aa.aa.…` made the search quadratic.
_URL_RE = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.|\b(?:[a-z0-9-]{1,63}\.){1,10}[a-z]{2,63}/)"
    r"[^\s<>\"'“”‘’\[\]`]*",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?*_"


def find_urls(text: str) -> list[tuple[int, int]]:
    """Spans of bare URLs, without the sentence punctuation that follows them."""
    spans: list[tuple[int, int]] = []
    for m in _URL_RE.finditer(text):
        end = _trimmed_end(text, m.start(), m.end())
        url = text[m.start() : end]
        if not followable(url if "://" in url else "http://" + url):
            continue  # `http://` before a broken IPv6 literal: not an address, left as text
        spans.append((m.start(), end))
    return spans


def _trimmed_end(text: str, start: int, end: int) -> int:
    """`end` without the sentence punctuation after the URL, and without a `)` it does not
    open (counted once, not per character trimmed)."""
    opens, closes = text.count("(", start, end), text.count(")", start, end)
    while end > start:
        last = text[end - 1]
        if last == ")" and opens < closes:
            closes -= 1
        elif last not in _TRAILING:
            break
        end -= 1
    return end


def is_url(text: str) -> bool:
    spans = find_urls(text.strip())
    return len(spans) == 1 and spans[0] == (0, len(text.strip()))


def url_label(url: str) -> str:
    """The readable stand-in for a URL in clean text: its host name without `www.`."""
    candidate = url if "://" in url else "http://" + url
    try:
        host = urlsplit(candidate).hostname or ""
    except ValueError:
        host = ""
    host = host.removeprefix("www.")
    return host or "link"


def replace_bare_urls(text: str, links: Sequence[CleanLink]) -> tuple[str, list[CleanLink]]:
    """Replace every bare URL by its host name; one outside a link becomes a link itself."""
    spans = find_urls(text)
    if not spans:
        return text, list(links)
    edits = [(start, end, url_label(text[start:end])) for start, end in spans]
    new_text, offsets = apply_edits(text, edits)
    moved = remap_links(links, offsets, new_text)
    for start, end in spans:
        if any(ln.start < end and start < ln.end for ln in links):
            continue  # the URL was (part of) an anchor: its link already exists
        new_start, new_end = offsets.start(start), offsets.end(end)
        anchor = new_text[new_start:new_end]
        moved.append(CleanLink(new_start, new_end, anchor, text[start:end]))
    return new_text, sorted(moved, key=lambda ln: ln.start)
