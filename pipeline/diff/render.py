"""Show a list of changes: a coloured summary by kind, counts only, or JSON."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape

from pipeline.diff.facts import KINDS, Change

_MARK = {
    "added": "[green]+[/green]",
    "removed": "[red]-[/red]",
    "changed": "[yellow]~[/yellow]",
    "moved": "[blue]>[/blue]",
}
_OPS = ("added", "removed", "changed", "moved")
WIDTH = 70


def to_json(changes: Sequence[Change]) -> str:
    return json.dumps([c.to_json() for c in changes], ensure_ascii=False, indent=2) + "\n"


def render_stat(changes: Sequence[Change], console: Console) -> None:
    for kind in KINDS:
        line = _counts([c for c in changes if c.kind == kind])
        if line:
            console.print(f"{kind}: {line}", highlight=False)
    total = sum(c.counts for c in changes)
    console.print(f"{total} fact{'' if total == 1 else 's'} changed", highlight=False)


def render_text(changes: Sequence[Change], console: Console) -> None:
    """Grouped by kind: a count line, then one line per change."""
    for kind in KINDS:
        mine = [c for c in changes if c.kind == kind]
        if not mine:
            continue
        console.print(f"[bold]{kind}[/bold]: {_counts(mine)}", highlight=False)
        for change in mine:
            fact = change.new if change.new is not None else change.old
            line = f"  {_MARK[change.op]} {escape(label(kind, change.id, fact))}"
            if change.op == "changed" and kind == "metadata":
                line += escape(f": {_show(change.old)} -> {_show(change.new)}")
            elif change.op == "changed":
                line += ": " + "; ".join(
                    escape(f"{name} {_show(a)} -> {_show(b)}") for name, a, b in change.fields
                )
            elif change.op == "moved":
                line += escape(f": at {_where(change.old)} -> {_where(change.new)}")
            console.print(line, highlight=False, soft_wrap=True)


def label(kind: str, fact_id: str, fact: Any) -> str:
    """How a fact is named to a reader."""
    if kind == "metadata":
        return fact_id
    if not isinstance(fact, dict):
        return fact_id
    if kind == "entities":
        return f"{fact.get('name')} ({fact.get('label')})"
    if kind == "dates":
        return f"{_quote(fact.get('text'))} = {fact.get('value') or '?'}"
    if kind == "quotes":
        speaker = fact.get("speaker")
        who = f" — {_speaker(speaker)}" if isinstance(speaker, dict) else ""
        return f"{_quote(fact.get('text'))}{who}"
    if kind == "links":
        return str(fact.get("url"))
    return fact_id


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


def _speaker(speaker: dict[str, Any]) -> str:
    """'Ann Moe (pronoun, 0.85)': the name, and how it was found when the output says."""
    name = str(speaker.get("name"))
    how = [str(speaker["via"])] if speaker.get("via") else []
    if isinstance(speaker.get("confidence"), int | float):
        how.append(f"{speaker['confidence']:.2f}")
    return f"{name} ({', '.join(how)})" if how else name


def _speaker_quoted(speaker: dict[str, Any]) -> str:
    shown = _speaker(speaker)
    name = str(speaker.get("name"))
    return _quote(name) + shown[len(name) :]


def _quote(text: Any) -> str:
    text = str(text)
    return f"“{text if len(text) <= WIDTH else text[: WIDTH - 1] + '…'}”"


def _where(fact: Any) -> str:
    if isinstance(fact, dict) and "start" in fact:
        return f"{fact.get('start')}:{fact.get('end')}"
    if isinstance(fact, dict) and isinstance(fact.get("mentions"), list):
        return ",".join(str(m.get("start")) for m in fact["mentions"] if isinstance(m, dict))
    return "?"
