"""A record as a source: the container file it is in, and its own name in outputs."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.records import container_stem
from pipeline.sources import SourceFile


@dataclass(frozen=True)
class RecordSource(SourceFile):
    """One record of the container at `path` (`rel` is the container's, as for a file)."""

    key: str = ""
    """The record's key in its file; empty for a record that could not be read."""
    where: str = ""
    """`line 12`, `offset 40960`: for messages."""

    @property
    def doc_id(self) -> str:
        """`<file stem>/<key>`: `news.jsonl.gz` line with id 42 -> `news/42`."""
        return f"{container_stem(self.rel)}/{self.key}"

    @property
    def label(self) -> str:
        return f"{self.path} ({self.where})" if self.where else str(self.path)

    @property
    def source_name(self) -> str:
        return f"{self.rel}#{self.key}"
