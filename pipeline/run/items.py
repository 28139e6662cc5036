"""What a run plans, what a worker gives back, and what the run reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pipeline.cachekey import Config
from pipeline.errors import PipelineError
from pipeline.records import Record
from pipeline.sources import SourceFile
from pipeline.write.manifest import Manifest, RootKind, Verdict

Status = Literal["written", "unchanged", "failed"]


@dataclass
class Planned:
    """One source and what the manifest says about its output."""

    source: SourceFile
    output: str
    """Output path relative to OUT (POSIX): its name in the manifest."""
    root: str
    root_kind: RootKind
    sha256: str = ""
    source_stat: list[int] | None = None
    output_stat: list[int] | None = None
    verdict: Verdict = field(default_factory=Verdict)
    error: PipelineError | None = None
    record: Record | None = field(default=None, repr=False)
    """For a record of a container (see pipeline.records): its bytes, kept only while it is
    still to be processed, and the metadata its container gives."""


@dataclass
class Plan:
    items: list[Planned]
    orphans: list[str]
    config: Config
    manifest: Manifest


@dataclass
class Outcome:
    """What processing one source gave: its output's bytes or why it failed (made in a worker)."""

    sha256: str
    data: bytes | None = field(default=None, repr=False)
    """The Document as JSON, byte for byte what is written."""
    error: PipelineError | None = None
    traceback: str | None = field(default=None, repr=False)
    """For an internal error: the traceback, for OUT/.pipeline-errors.log."""


@dataclass
class Result:
    source: SourceFile
    status: Status
    output: Path | None = None
    """The file this run wrote (None when skipped or failed)."""
    error: PipelineError | None = None
    data: bytes | None = field(default=None, repr=False)
    """The output this run wrote (the Document as JSON)."""
    reasons: tuple[str, ...] = ()
    """Why the source was (re)made; empty when it was up to date."""
    previous: bytes | None = field(default=None, repr=False)
    """The output this run replaced, when it differed from the new one."""
    created: bool = False
    """Whether this run wrote an output where there was none."""
    rechecked: bool = False
    """Extracted again (status "unchanged"), but the new output's bytes equal the old ones."""


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Run-level trouble that did not stop the run (an unsaved manifest, an orphan kept)."""
    removed: list[str] = field(default_factory=list)
    """Outputs (relative to OUT) removed because their source is gone."""
    orphans: list[str] = field(default_factory=list)
    """Outputs whose source is gone, removed or (with keep_orphans) kept."""
