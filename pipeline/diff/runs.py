"""What `pipeline run --diff` shows: each output the run changed, created or removed."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from rich.console import Console

from pipeline.diff.corpus import CorpusDiff, DocumentDiff, fact_counts
from pipeline.diff.facts import DiffInputError, diff_documents, load_version
from pipeline.diff.render import render_corpus_text
from pipeline.write import history

if TYPE_CHECKING:
    from pipeline.run import Plan, Result


class RunDiffs:
    """Collects, result by result, what each output of a run became; keeps no documents."""

    def __init__(self, out: Path, on_skip: Callable[[str], None] | None = None) -> None:
        self.out = out
        self.on_skip = on_skip
        self.documents: list[DocumentDiff] = []
        self._existed: set[str] = set()

    def start(self, plan: Plan) -> None:
        """Note the outputs present before the run that it may remove (a source now failing)."""
        self._existed = {
            item.output
            for item in plan.items
            if not item.verdict.fresh and (self.out / item.output).is_file()
        }

    def add(self, result: Result) -> None:
        if result.data is not None and (result.previous is not None or result.created):
            document = json.loads(result.data)
            try:
                found = output_diff(result.source.source_name, result.previous, document)
            except DiffInputError as exc:
                if self.on_skip is not None:
                    self.on_skip(
                        f"{result.source.label}: the previous output is not a document ({exc}); "
                        "its diff is skipped"
                    )
                return
            if found is not None:
                self.documents.append(found)
        elif result.status == "failed":
            output = result.source.output_name
            if output in self._existed and not (self.out / output).exists():
                self.documents += removed_outputs(self.out, [output])

    def show(self, console: Console, removed: Iterable[str]) -> None:
        """Outputs changed or created, then those removed, each with its facts."""
        documents = self.documents + removed_outputs(self.out, removed)
        render_corpus_text(CorpusDiff(documents=documents), console, total=False)


def output_diff(name: str, previous: bytes | None, document: dict[str, Any]) -> DocumentDiff | None:
    """A new output (no `previous`) or a replaced one with its fact changes; None if no change.

    An earlier output that is not a readable document (edited by hand) has nothing to compare:
    DiffInputError says why.
    """
    if previous is None:
        return DocumentDiff(name, "added", facts=fact_counts(document))

    def constant(value: str) -> float:
        raise ValueError(f"{value} is not a number JSON allows")

    try:
        before = json.loads(previous, parse_constant=constant)
        if not isinstance(before, dict):
            raise DiffInputError("not a JSON object")
        changes = diff_documents(before, document)
    except (ValueError, RecursionError, TypeError, AttributeError) as exc:
        raise DiffInputError(str(exc) or type(exc).__name__) from None
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
