"""JSON Lines: one article per line, `{"id": ..., "html"|"markdown"|"text": ..., ...}`.

Fields: `id` (string or number; else the key comes from `url`, else `line-N`), exactly one of
`html`, `markdown`, `text` (the article), and optional `url`, `title`, `author`, `published`,
`site`, `language` (strings). Other fields are ignored. Blank lines are skipped. A record's
SHA-256 is its line's, so editing one line re-runs that article alone.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

from pipeline.formats import Format
from pipeline.records import Record, RecordError, RecordFailure
from pipeline.records.ids import slug, url_slug

BODY_FIELDS: tuple[Format, ...] = ("html", "markdown", "text")
METADATA_FIELDS = ("url", "title", "author", "published", "site", "language")

Found = tuple[Record, bool] | RecordFailure
"""A record and whether its key is the user's own id, or a failure."""


def read_jsonl(path: Path, *, compressed: bool) -> Iterator[Found]:
    """Each line's record, read one line at a time; a damaged gzip stops at the damage."""
    number = 0
    try:
        with _open(path, compressed) as handle:
            for number, line in enumerate(handle, start=1):
                text = line.strip()
                if text:
                    yield _record(text, number)
    except (OSError, EOFError, zlib.error) as exc:
        where = f"line {number + 1}"
        why = (
            "the file ends in the middle of its compressed data"
            if isinstance(exc, EOFError)
            else (exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc))
        )
        after = f"after line {number}" if number else "at its start"
        yield RecordFailure(
            where,
            RecordError(
                f"cannot read on ({why}); the records {after} were read",
                hint="the file is truncated or damaged; the records after this point are "
                "unknown, so their earlier outputs are kept",
            ),
            fatal=True,
        )


def _open(path: Path, compressed: bool) -> BinaryIO:
    if compressed:
        return cast(BinaryIO, gzip.GzipFile(path, "rb"))
    return open(path, "rb")


def _record(line: bytes, number: int) -> Found:
    where = f"line {number}"
    try:
        data: Any = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return _bad(where, f"not valid JSON ({_short(exc)})")
    if not isinstance(data, dict):
        return _bad(where, f"expected a JSON object, found {type(data).__name__}")
    bodies = [name for name in BODY_FIELDS if data.get(name) is not None]
    if len(bodies) != 1:
        found = ", ".join(bodies) if bodies else "none"
        return _bad(where, f"needs exactly one of html, markdown, text (found {found})")
    fmt = bodies[0]
    body = data[fmt]
    if not isinstance(body, str):
        return _bad(where, f"{fmt} must be a string, found {type(body).__name__}")
    metadata: dict[str, str] = {}
    for name in METADATA_FIELDS:
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            return _bad(where, f"{name} must be a string, found {type(value).__name__}")
        if value.strip():
            metadata[name] = value.strip()
    given = data.get("id")
    if given is not None and (not isinstance(given, str | int) or isinstance(given, bool)):
        return _bad(where, f"id must be a string or a number, found {type(given).__name__}")
    key = slug(str(given)) if given is not None else None
    if given is not None and key is None:
        return _bad(where, f"id {str(given)!r} has no letter or digit to name a file with")
    chosen = key is not None
    if key is None:
        key = (url_slug(metadata["url"]) if "url" in metadata else None) or f"line-{number}"
    try:
        encoded = body.encode("utf-8")
    except UnicodeEncodeError:
        return _bad(where, f"{fmt} holds an unpaired surrogate escape (not text)")
    record = Record(key, where, fmt, encoded, metadata, hashlib.sha256(line).hexdigest())
    return record, chosen


def _bad(where: str, why: str) -> RecordFailure:
    return RecordFailure(where, RecordError(why))


def _short(exc: BaseException, limit: int = 120) -> str:
    text = str(exc)
    return text if len(text) <= limit else text[: limit - 1] + "…"
