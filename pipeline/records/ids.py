"""Readable, stable keys for records: from the record's own id, else its URL.

Keys become file names (`OUT/<file stem>/<key>.json`), so they follow the rules of
pipeline/write/paths.py and a little more: one path segment of word characters, `.`, `-` and
`_`, never starting with a dot (no `.`/`..`, no hidden or reserved `.pipeline` names), bounded
in length (a long one keeps a hash of the whole, so two long ids stay apart).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from pipeline.write.paths import is_safe_name

MAX_KEY = 100
_UNSAFE = re.compile(r"[^\w.-]+")
_EDGES = "-._"


def slug(text: str) -> str | None:
    """`text` as a file-name-safe key, or None when nothing usable is left."""
    key = _UNSAFE.sub("-", text).strip(_EDGES)
    if len(key) > MAX_KEY:
        tag = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        key = key[:MAX_KEY].rstrip(_EDGES) + "-" + tag
    return key if key and is_safe_name(key) else None


def url_slug(url: str) -> str | None:
    """A key from a URL: host (without `www.`), path and query; scheme and fragment dropped.

    `https://www.example.com/news/2024/vote.html?p=2` -> `example.com-news-2024-vote.html-p-2`.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return slug(url)
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return slug(f"{host}{path}{query}") or slug(url)
