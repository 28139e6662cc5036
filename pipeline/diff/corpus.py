"""Compare two output folders: documents matched by path, identical files skipped unread.

A document's id is its output's path relative to the folder, without `.json` (`news/a.json` ->
`news/a`): the name `pipeline run` gives it and the `id` field it writes, known without parsing
the file, so 10,000 identical documents cost a `stat` and a byte comparison each, never a JSON
parse. Hidden files and folders (`.history/`, the manifest, the lock) are not documents.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pipeline.diff.facts import (
    Change,
    DiffInputError,
    diff_documents,
    fact_lists,
    load_version,
)

Status = Literal["added", "removed", "changed"]


@dataclass
class DocumentDiff:
    doc: str
    status: Status
    changes: list[Change] = field(default_factory=list)
    """For `changed`: the fact changes (those that count, plus moves when asked for)."""
    facts: dict[str, int] = field(default_factory=dict)
    """For `added` and `removed`: how many facts of each kind the document holds."""

    def to_json(self) -> dict[str, Any]:
        """A whole document added or removed, as one change record of kind `document`."""
        counts = self.facts or None
        return {
            "op": self.status,
            "kind": "document",
            "id": self.doc,
            "old": counts if self.status == "removed" else None,
            "new": counts if self.status == "added" else None,
            "fields": [],
        }


@dataclass
class CorpusDiff:
    documents: list[DocumentDiff] = field(default_factory=list)
    """Added, removed and changed documents, by id."""
    unchanged: int = 0
    """Documents in both folders with the same facts (most of them with the same bytes)."""
    errors: list[tuple[str, DiffInputError]] = field(default_factory=list)
    """Documents that could not be compared (a broken file); the others still are."""

    @property
    def changed(self) -> bool:
        return any(
            d.status != "changed" or any(c.counts for c in d.changes) for d in self.documents
        )

    def count(self, status: Status) -> int:
        return sum(d.status == status for d in self.documents)


def outputs(folder: Path) -> dict[str, str]:
    """The documents' paths under `folder` by id; DiffInputError when it is not a folder.

    Plain strings, not Path objects: for 10,000 files pathlib alone would take longer than the
    byte comparisons.
    """
    if not folder.is_dir():
        raise DiffInputError(f"{folder}: not a folder")
    found: dict[str, str] = {}
    try:
        for rel, path in _walk(str(folder)):
            found[rel[: -len(".json")]] = path
    except OSError as exc:
        raise DiffInputError(f"{folder}: cannot list: {exc}") from exc
    return found


def diff_folders(old: Path, new: Path, moves: bool = False) -> CorpusDiff:
    """Every document added, removed or changed from folder `old` to folder `new`."""
    before, after = outputs(old), outputs(new)
    result = CorpusDiff()
    for doc in sorted(before.keys() | after.keys()):
        old_path, new_path = before.get(doc), after.get(doc)
        try:
            if new_path is None:
                assert old_path is not None
                result.documents.append(DocumentDiff(doc, "removed", facts=_facts(old_path)))
            elif old_path is None:
                result.documents.append(DocumentDiff(doc, "added", facts=_facts(new_path)))
            elif same_bytes(old_path, new_path):
                result.unchanged += 1
            else:
                before_doc, after_doc = load_version(Path(old_path)), load_version(Path(new_path))
                changes = diff_documents(before_doc, after_doc, moves)
                if changes:
                    result.documents.append(DocumentDiff(doc, "changed", changes))
                if not any(c.counts for c in changes):
                    result.unchanged += 1
        except DiffInputError as exc:
            result.errors.append((doc, exc))
        except RecursionError:
            result.errors.append((doc, DiffInputError("nested too deeply to compare")))
    return result


def same_bytes(a: str, b: str) -> bool:
    """Whether two files hold the same bytes: sizes first, then contents, no parsing."""
    try:
        if os.stat(a).st_size != os.stat(b).st_size:
            return False
        with open(a, "rb") as first, open(b, "rb") as second:
            return first.read() == second.read()
    except OSError as exc:
        raise DiffInputError(f"cannot read: {exc}") from exc


def fact_counts(document: dict[str, Any]) -> dict[str, int]:
    """How many facts of each kind a document holds."""
    return {
        kind: len(facts) if isinstance(facts := document.get(kind), list) else 0
        for kind in fact_lists()
    }


def _facts(path: str) -> dict[str, int]:
    return fact_counts(load_version(Path(path)))


def _walk(top: str) -> Iterator[tuple[str, str]]:
    """(POSIX path relative to `top`, path) of the visible `.json` files, in any depth.

    A stack, not recursion, so that no folder depth overflows; symbolic links to folders are
    not followed, so that no link loop runs forever.
    """
    stack = [(top, "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.name.endswith(".json") and entry.is_file():
                    yield f"{prefix}{entry.name}", entry.path
