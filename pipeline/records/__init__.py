"""Records: the articles inside one input file.

A plain file (.html, .md, .txt) is one article. A container holds many: a JSON Lines file
(`.jsonl`, `.jsonl.gz`) one per line, a WARC crawl (`.warc`, `.warc.gz`) one per HTML response.
`read_records` streams a container's records one at a time, so a crawl of thousands of pages is
never held in memory whole; each record carries its own bytes, SHA-256 (its cache key's source
part) and a key unique in its file that names its output: `OUT/<file stem>/<key>.json`.

Kept light: finding sources and planning a no-op run import this package, never warcio (which
is imported only when a WARC file is read).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import SourceError
from pipeline.formats import Format

if TYPE_CHECKING:
    from pipeline.clean.document import CleanMetadata

CONTAINER_SUFFIXES = (".jsonl.gz", ".warc.gz", ".jsonl", ".warc")
"""File name endings of the formats that hold many articles (longest first)."""


class RecordError(SourceError):
    """One record of a container cannot be read; the container's other records go on."""

    hint = "fix or remove that record; the file's other records are processed"


@dataclass(frozen=True)
class Record:
    """One article read from a container."""

    key: str
    """Unique in its file, safe as a file name: the last part of the document id."""
    where: str
    """Where it is in the file, for messages: `line 12`, `offset 40960`."""
    format: Format
    body: bytes = field(repr=False)
    metadata: dict[str, str]
    """Metadata the container gives (url, title, published...): used where the article's own
    text gives none."""
    sha256: str


@dataclass(frozen=True)
class RecordFailure:
    """A record that could not be read, or the point where reading the file stopped."""

    where: str
    error: RecordError
    fatal: bool = False
    """Reading stopped here (a truncated or unreadable file): later records are unknown."""


def container_suffix(name: str) -> str | None:
    """The container ending of a file name (`.jsonl.gz`, ...), None for a plain file."""
    lower = name.lower()
    for suffix in CONTAINER_SUFFIXES:
        if lower.endswith(suffix) and len(lower) > len(suffix):
            return suffix
    return None


def is_container(name: str) -> bool:
    return container_suffix(name) is not None


def container_stem(rel: str) -> str:
    """The container's path without its ending: `crawls/cc.warc.gz` -> `crawls/cc`."""
    suffix = container_suffix(posixpath.basename(rel))
    return rel[: -len(suffix)] if suffix else posixpath.splitext(rel)[0]


def read_records(path: Path) -> Iterator[Record | RecordFailure]:
    """The records of a container, in file order, each key unique in the file.

    A key derived from a URL or position that is already taken gets `-2`, `-3`...; an `id`
    given twice in a JSON Lines file is the second record's error (ids are the user's own).
    """
    suffix = container_suffix(path.name)
    if suffix in (".jsonl", ".jsonl.gz"):
        from pipeline.records.jsonl import read_jsonl

        found = read_jsonl(path, compressed=suffix.endswith(".gz"))
    elif suffix in (".warc", ".warc.gz"):
        from pipeline.records.warc import read_warc

        found = read_warc(path)
    else:
        raise ValueError(f"{path.name}: not a container")
    taken: set[str] = set()
    for item in found:
        if isinstance(item, RecordFailure):
            yield item
            continue
        record, chosen = item
        key = record.key
        if key in taken:
            if chosen:
                yield RecordFailure(
                    record.where,
                    RecordError(f"id {key!r} is already used by an earlier record"),
                )
                continue
            n = 2
            while f"{key}-{n}" in taken:
                n += 1
            key = f"{key}-{n}"
            record = Record(
                key, record.where, record.format, record.body, record.metadata, record.sha256
            )
        taken.add(key)
        yield record


METADATA_NAMES = ("url", "title", "author", "published", "site", "language")


def fill_metadata(metadata: CleanMetadata, given: dict[str, str]) -> None:
    """Fill what the article itself did not say with what its record says.

    The article's own metadata wins (a page's canonical URL and byline are closer to the story
    than a crawler's or dataset's fields); the record's fills the gaps, so a crawl's fetch date
    is the published date only for a page that states none.
    """
    for name in METADATA_NAMES:
        value = given.get(name)
        if value and not getattr(metadata, name):
            setattr(metadata, name, value)
