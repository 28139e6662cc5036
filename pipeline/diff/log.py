"""An article's fact history: its kept versions oldest first, then the current output.

What NewsDiffs and diffengine show for a page a publisher edits after release, in facts: at each
version, which quotes were reworded, which speakers or dates corrected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.diff.corpus import fact_counts
from pipeline.diff.facts import Change, DiffInputError, diff_documents, load_version
from pipeline.diff.versions import doc_id
from pipeline.write import history
from pipeline.write.manifest import Manifest


@dataclass
class Step:
    """One version and what changed since the one before (None for the oldest)."""

    path: Path
    written: str | None
    """When `pipeline run` wrote it (ISO 8601, UTC), when known."""
    current: bool
    facts: dict[str, int]
    changes: list[Change] | None
    error: str | None = None
    """Why this version could not be read; the next one is compared with the one before it."""

    def to_json(self) -> dict[str, Any]:
        found = {
            "version": "current" if self.current else self.path.stem,
            "path": str(self.path),
            "written": self.written,
            "facts": self.facts,
            "changes": None if self.changes is None else [c.to_json() for c in self.changes],
        }
        return found | ({"error": self.error} if self.error else {})


def article_log(target: str, out: Path, moves: bool = False) -> tuple[str, list[Step]]:
    """(document id, its versions oldest first with the changes at each step).

    A version that cannot be read is a step with its `error`; the others are still compared.
    """
    doc = doc_id(target, out)
    paths = [(p, _stamp(p), False) for p in history.versions(out, doc)]
    current = out / f"{doc}.json"
    if current.is_file():
        paths.append((current, _written(out, f"{doc}.json"), True))
    if not paths:
        raise DiffInputError(
            f"{target}: no output {current} and no earlier version in {history.folder(out, doc)}"
        )
    steps: list[Step] = []
    previous: dict[str, Any] | None = None
    for path, written, is_current in paths:
        try:
            data = load_version(path)
            changes = None if previous is None else diff_documents(previous, data, moves)
        except DiffInputError as exc:
            steps.append(Step(path, written, is_current, {}, None, str(exc)))
            continue
        except RecursionError:
            steps.append(Step(path, written, is_current, {}, None, f"{path}: nested too deeply"))
            continue
        steps.append(Step(path, written, is_current, fact_counts(data), changes))
        previous = data
    return doc, steps


def _stamp(path: Path) -> str | None:
    """The time a kept version was written, from its file name."""
    when = history.written(path)
    return None if when is None else when.isoformat().replace("+00:00", "Z")


def _written(out: Path, output: str) -> str | None:
    entry = Manifest.load(out).entries.get(output)
    if entry is None:
        return None
    try:
        return dt.datetime.fromisoformat(entry.written).isoformat().replace("+00:00", "Z")
    except ValueError:
        return None
