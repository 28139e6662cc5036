"""Stable fact ids: derived from content, never from offsets or list positions."""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable


def normalize_key(text: str) -> str:
    """Case-, width- and apostrophe-insensitive form used for ids and merging."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.casefold().split())


def content_id(prefix: str, *parts: str | None) -> str:
    digest = hashlib.sha1("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:12]}"


def disambiguate(ids: Iterable[str]) -> list[str]:
    """Make repeated ids unique by occurrence order: the second `x` becomes `x-2`."""
    seen: Counter[str] = Counter()
    out = []
    for i in ids:
        seen[i] += 1
        out.append(i if seen[i] == 1 else f"{i}-{seen[i]}")
    return out
