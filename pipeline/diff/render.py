"""Show a list of changes: a coloured summary by kind, counts only, JSON or JSON Lines."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from rich.console import Console

from pipeline import kinds
from pipeline.diff.corpus import CorpusDiff, DocumentDiff
from pipeline.diff.facts import Change, kinds_shown
from pipeline.diff.labels import quoted as _quote
from pipeline.diff.labels import speaker_name as _speaker
from pipeline.diff.log import Step
from pipeline.diff.words import Op, plain, show, word_diff
from pipeline.display import shown as escape

_MARK = {
    "added": "[green]+[/green]",
    "removed": "[red]-[/red]",
    "changed": "[yellow]~[/yellow]",
    "moved": "[blue]>[/blue]",
}
_OPS = ("added", "removed", "changed", "moved")


def to_json(changes: Sequence[Change]) -> str:
    data = [c.to_json() for c in changes]
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def to_jsonl(changes: Sequence[Change], doc: str) -> str:
    """One change a line, each naming its document: ready for a queue or a database."""
    return "".join(
        json.dumps({"doc": doc, **c.to_json()}, ensure_ascii=False, allow_nan=False) + "\n"
        for c in changes
    )


def render_stat(changes: Sequence[Change], console: Console) -> None:
    for kind in kinds_shown():
        line = _counts([c for c in changes if c.kind == kind])
        if line:
            console.print(f"{kind}: {line}", highlight=False)
    total = sum(c.counts for c in changes)
    console.print(f"{total} fact{'' if total == 1 else 's'} changed", highlight=False)


def render_text(changes: Sequence[Change], console: Console, indent: str = "") -> None:
    """Grouped by kind: a count line, then one line per change."""
    for kind in kinds_shown():
        mine = [c for c in changes if c.kind == kind]
        if not mine:
            continue
        console.print(f"{indent}[bold]{kind}[/bold]: {_counts(mine)}", highlight=False)
        for change in mine:
            fact = change.new if change.new is not None else change.old
            line = f"{indent}  {_MARK[change.op]} {escape(label(kind, change.id, fact))}"
            if change.op == "changed" and kind == "metadata":
                line += escape(f": {_show(change.old)} -> {_show(change.new)}")
            elif change.op == "changed":
                line += ": " + "; ".join(_field(name, a, b) for name, a, b in change.fields)
            elif change.op == "moved":
                line += escape(f": at {_where(change.old)} -> {_where(change.new)}")
            console.print(line, highlight=False, soft_wrap=True)


def label(kind: str, fact_id: str, fact: Any) -> str:
    """How a fact is named to a reader (its kind's label in pipeline.kinds)."""
    if kind == "metadata" or not isinstance(fact, dict):
        return fact_id
    fact_kind = kinds.by_name(kind)
    if fact_kind is None or fact_kind.label is None:
        return fact_id
    return str(kinds.resolve(fact_kind.label)(fact))


def _field(name: str, old: Any, new: Any) -> str:
    """A changed field as markup: wording by words (a reworded quote), else old -> new."""
    if isinstance(old, str) and isinstance(new, str) and len(old.split() + new.split()) > 2:
        colours = {"=": "", "-": "red", "+": "green"}

        def mark(op: Op, text: str) -> str:
            piece = escape(plain([(op, text)]))
            return f"[{colours[op]}]{piece}[/{colours[op]}]" if colours[op] else piece

        return f"{escape(name)} “{show(word_diff(old, new), mark)}”"
    return escape(f"{name} {_show(old)} -> {_show(new)}")


def _counts(changes: Sequence[Change]) -> str:
    counted: Counter[str] = Counter(c.op for c in changes)
    return ", ".join(f"{counted[op]} {op}" for op in _OPS if counted[op])


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, dict) and "name" in value:  # a speaker
        return _speaker_quoted(value)
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        shown = ", ".join(_quote(v) for v in value[:3]) + (", …" if len(value) > 3 else "")
        return f"{len(value)} [{shown}]"
    if isinstance(value, str):
        return _quote(value)
    return str(value)


def _speaker_quoted(speaker: dict[str, Any]) -> str:
    shown = _speaker(speaker)
    name = str(speaker.get("name"))
    return _quote(name) + shown[len(name) :]


def _where(fact: Any) -> str:
    if isinstance(fact, dict) and "start" in fact:
        return f"{fact.get('start')}:{fact.get('end')}"
    if isinstance(fact, dict) and isinstance(fact.get("mentions"), list):
        return ",".join(str(m.get("start")) for m in fact["mentions"] if isinstance(m, dict))
    return "?"


def corpus_json(result: CorpusDiff) -> str:
    """A folder diff as one JSON object: documents added, removed, and changed with changes."""
    data = {
        "added": [d.doc for d in result.documents if d.status == "added"],
        "removed": [d.doc for d in result.documents if d.status == "removed"],
        "changed": {
            d.doc: [c.to_json() for c in d.changes]
            for d in result.documents
            if d.status == "changed"
        },
        "unchanged": result.unchanged,
        "errors": {doc: str(exc) for doc, exc in result.errors},
    }
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def corpus_jsonl(result: CorpusDiff) -> str:
    """One record a line: a document added or removed, or one fact change in a document."""
    lines = []
    for document in result.documents:
        if document.status == "changed":
            lines.append(to_jsonl(document.changes, document.doc))
        else:
            record = {"doc": document.doc, **document.to_json()}
            lines.append(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
    return "".join(lines)


def render_corpus_text(result: CorpusDiff, console: Console, total: bool = True) -> None:
    """Per document: added or removed with its fact counts, or changed with its changes."""
    for document in result.documents:
        name = escape(document.doc)
        if document.status == "changed":
            console.print(f"[bold]~ {name}[/bold]", highlight=False)
            render_text(document.changes, console, "  ")
        else:
            console.print(
                f"[bold]{_MARK[document.status]} {name}[/bold] ({escape(_whole(document))})",
                highlight=False,
            )
    if total:
        console.print(corpus_total(result), highlight=False)


def render_corpus_stat(result: CorpusDiff, console: Console) -> None:
    """One line per document (like `git diff --stat`), then the total."""
    width = max((len(d.doc) for d in result.documents), default=0)
    for document in result.documents:
        if document.status == "changed":
            what = _counts([c for c in document.changes if c.counts]) or "moved only"
        else:
            what = _whole(document)
        console.print(f"{escape(document.doc):<{width}} | {escape(what)}", highlight=False)
    console.print(corpus_total(result), highlight=False)


def _whole(document: DocumentDiff) -> str:
    """A document added or removed, with its fact counts when they are known."""
    if not document.facts:
        return document.status
    return f"{document.status}: {facts_line(document.facts)}"


def corpus_total(result: CorpusDiff) -> str:
    changed = sum(
        any(c.counts for c in d.changes) for d in result.documents if d.status == "changed"
    )
    facts = sum(c.counts for d in result.documents for c in d.changes)
    total = len(result.documents) - result.count("changed") + changed + result.unchanged
    errors = f", {len(result.errors)} unreadable" if result.errors else ""
    return (
        f"{total} document{'' if total == 1 else 's'}: {changed} changed "
        f"({facts} fact{'' if facts == 1 else 's'}), {result.count('added')} added, "
        f"{result.count('removed')} removed, {result.unchanged} unchanged{errors}"
    )


def facts_line(counts: dict[str, int]) -> str:
    """ "3 entities, 2 dates, 1 quote, 0 links"."""
    singular = {kind.name: kind.singular for kind in kinds.FACT_KINDS}
    return ", ".join(f"{n} {singular.get(k, k) if n == 1 else k}" for k, n in counts.items())


def log_json(doc: str, steps: Sequence[Step]) -> str:
    data = {"id": doc, "versions": [step.to_json() for step in steps]}
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def render_log_text(doc: str, steps: Sequence[Step], console: Console) -> None:
    """Each version, oldest first: when, how many facts, and the changes since the one before."""
    noun = "version" if len(steps) == 1 else "versions"
    console.print(f"[bold]{escape(doc)}[/bold]: {len(steps)} {noun}", highlight=False)
    for step in steps:
        name = "current" if step.current else "kept"
        when = f" {step.written}" if step.written else ""
        if step.error is not None:
            console.print(
                f"[bold]{name}{escape(when)}[/bold] [red]unreadable:[/red] {escape(step.error)}",
                highlight=False,
            )
            continue
        console.print(
            f"[bold]{name}{escape(when)}[/bold] ({escape(facts_line(step.facts))})",
            highlight=False,
        )
        if step.changes is None:
            continue
        if step.changes:
            render_text(step.changes, console, "  ")
        else:
            console.print("  no fact changed", highlight=False)
    if not any(step.current for step in steps):
        console.print("[bold]no current output[/bold] (removed)", highlight=False)
