"""Planning a container: one planned item per record, and which of its old outputs are orphans.

A record's output is judged by its own SHA-256, so an edited line re-runs that article alone.
An output recorded for a container whose record is gone is an orphan, like the output of a
deleted file, but only when the whole container was read: after a truncated or unreadable
part the records are unknown, so their outputs are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from pipeline.records import Record, RecordError, RecordFailure, read_records
from pipeline.records.source import RecordSource
from pipeline.sources import SourceFile
from pipeline.write.manifest import Entry, Manifest, RootKind

if TYPE_CHECKING:
    from pipeline.run import Planned


@dataclass
class Containers:
    """The containers a plan read: (root, source) pairs as the manifest records them."""

    complete: set[tuple[str, str]] = field(default_factory=set)
    incomplete: set[tuple[str, str]] = field(default_factory=set)

    def protects(self, entry: Entry) -> bool:
        """Whether an output's record may still be in the unread part of its container."""
        return entry.record is not None and (entry.root, entry.source) in self.incomplete

    def orphans(self, manifest: Manifest, claimed: Iterable[str]) -> list[str]:
        """Outputs of records no longer in their (completely read) container."""
        if not self.complete:
            return []
        taken = set(claimed)
        return [
            name
            for name, e in manifest.entries.items()
            if e.record is not None and (e.root, e.source) in self.complete and name not in taken
        ]


def plan_records(
    source: SourceFile, root: str, kind: RootKind, containers: Containers
) -> Iterator[Planned]:
    """One Planned per record of the container `source` (its failures included), streamed."""
    from pipeline.run import Planned

    complete = True
    for found in read_records(source.path):
        if isinstance(found, RecordFailure):
            failed = RecordSource(source.path, source.rel, where=found.where)
            complete = complete and not found.fatal
            yield Planned(failed, "", root, kind, error=found.error)
            continue
        record_source = RecordSource(source.path, source.rel, key=found.key, where=found.where)
        yield Planned(record_source, record_source.output_name, root, kind, record=found)
    (containers.complete if complete else containers.incomplete).add((root, source.rel))


T = TypeVar("T")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to `size` items, taken from `items` only as they are asked for."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def with_bodies(items: Iterable[Planned]) -> Iterator[Planned]:
    """The items, each record's bytes read back from its file just before it is needed.

    Items of one container come in file order (as planned), so each container is read once
    more, front to back. A record no longer in its file (changed since planned) gets an error;
    one whose bytes changed is processed as it is now (its SHA-256 follows).
    """
    path: object = None
    reader: Iterator[Record | RecordFailure] = iter(())
    for item in items:
        wanted = item.record
        if wanted is None or wanted.body:
            yield item
            continue
        if item.source.path != path:
            path, reader = item.source.path, read_records(item.source.path)
        for found in reader:
            if isinstance(found, Record) and found.key == wanted.key:
                item.record, item.sha256 = found, found.sha256
                break
        else:
            item.error = RecordError(
                "the record is no longer in its file (changed during the run)",
                hint="run again",
            )
        yield item
