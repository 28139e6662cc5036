"""WARC crawls: one article per HTML `response` record (Common Crawl's CC-NEWS and the like).

Read with warcio, one record at a time. `WARC-Target-URI` becomes the document's url and its
key; `WARC-Date` (when the page was fetched) is the published date only where the page gives
none. Request, metadata, warcinfo and revisit records are not articles and are passed over in
silence; a response that is not a successful HTML page is that record's error.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.records import Record, RecordError, RecordFailure
from pipeline.records.ids import slug, url_slug

Found = tuple[Record, bool] | RecordFailure

HTML_TYPES = ("text/html", "application/xhtml+xml")
TRUNCATED_HINT = (
    "the file is truncated or damaged; the records after this point are unknown, so their "
    "earlier outputs are kept"
)


def read_warc(path: Path) -> Iterator[Found]:
    """Each HTML response's record; a truncated or damaged file stops at the damage."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    offset = 0
    try:
        with open(path, "rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                offset = records.offset  # get_record_offset() would read the record away
                if record.rec_type != "response":
                    continue
                found = _record(record, offset)
                yield found
                if isinstance(found, RecordFailure) and found.fatal:
                    return
            offset = records.offset
            if offset < os.fstat(handle.fileno()).st_size:  # warcio stops quietly at a cut
                raise EOFError("the file ends in the middle of a record")
    except (OSError, EOFError, zlib.error, ArchiveLoadFailed, ValueError) as exc:
        where = f"offset {offset}"
        why = _short(exc) or type(exc).__name__
        yield RecordFailure(
            where,
            RecordError(
                f"cannot read on ({why}); the records before were read",
                hint=TRUNCATED_HINT,
            ),
            fatal=True,
        )


def _record(record: Any, offset: int) -> Found:
    where = f"offset {offset}"
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip()
    shown = f"{where}, {url}" if url else where
    http = record.http_headers
    status = http.get_statuscode() if http is not None else None
    if status is not None and not str(status).startswith("2"):
        return _bad(shown, f"HTTP status {status}: not an article")
    kind = (http.get_header("Content-Type") or "") if http is not None else ""
    media = kind.split(";", 1)[0].strip().lower()
    if media not in HTML_TYPES:
        return _bad(shown, f"not an HTML page ({media or 'no Content-Type'})")
    body = record.content_stream().read()
    if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than its Content-Length
        return RecordFailure(
            shown,
            RecordError(
                "the file ends in the middle of this record; the records before were read",
                hint=TRUNCATED_HINT,
            ),
            fatal=True,
        )
    metadata = {"url": url} if url else {}
    fetched = (record.rec_headers.get_header("WARC-Date") or "").strip()
    if fetched:
        metadata["published"] = fetched
    record_id = record.rec_headers.get_header("WARC-Record-ID") or ""
    key = (url_slug(url) if url else None) or slug(record_id.strip("<>")) or f"offset-{offset}"
    header = json.dumps(metadata, sort_keys=True).encode("utf-8")
    sha256 = hashlib.sha256(header + b"\0" + body).hexdigest()
    return Record(key, shown, "html", body, metadata, sha256), False


def _bad(where: str, why: str) -> RecordFailure:
    return RecordFailure(where, RecordError(why))


def _short(exc: BaseException, limit: int = 120) -> str:
    text = str(exc)
    return text if len(text) <= limit else text[: limit - 1] + "…"
