"""What `pipeline run --diff` shows: each output changed, created or removed by the run."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from pipeline.diff.corpus import DocumentDiff, fact_counts
from pipeline.diff.facts import DiffInputError, diff_documents, load_version
from pipeline.write import history


def output_diff(name: str, previous: bytes | None, document: dict[str, Any]) -> DocumentDiff | None:
    """A new output (no `previous`) or a replaced one with its fact changes; None if no change.

    An earlier output that is not a readable document (edited by hand) has nothing to compare.
    """
    if previous is None:
        return DocumentDiff(name, "added", facts=fact_counts(document))
    try:
        before = json.loads(previous)
        if not isinstance(before, dict):
            return None
        changes = diff_documents(before, document)
    except (ValueError, RecursionError, DiffInputError):
        return None
    return DocumentDiff(name, "changed", changes) if changes else None


def removed_outputs(out: Path, names: Iterable[str]) -> list[DocumentDiff]:
    """Outputs the run removed, with the facts of the version it kept in OUT/.history/."""
    found = []
    for name in names:
        kept = history.versions(out, PurePosixPath(name).with_suffix("").as_posix())
        facts: dict[str, int] = {}
        if kept:
            try:
                facts = fact_counts(load_version(kept[-1]))
            except (DiffInputError, RecursionError):
                facts = {}
        found.append(DocumentDiff(name, "removed", facts=facts))
    return found
