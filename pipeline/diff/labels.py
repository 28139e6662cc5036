"""How `pipeline diff` names one fact of each kind to a reader (see pipeline.kinds)."""

from __future__ import annotations

from typing import Any

WIDTH = 70


def entity(fact: dict[str, Any]) -> str:
    return f"{fact.get('name')} ({fact.get('label')})"


def date(fact: dict[str, Any]) -> str:
    return f"{quoted(fact.get('text'))} = {fact.get('value') or '?'}"


def quote(fact: dict[str, Any]) -> str:
    speaker = fact.get("speaker")
    who = f" — {speaker_name(speaker)}" if isinstance(speaker, dict) else ""
    return f"{quoted(fact.get('text'))}{who}"


def link(fact: dict[str, Any]) -> str:
    return str(fact.get("url"))


def speaker_name(speaker: dict[str, Any]) -> str:
    """'Ann Moe (pronoun, 0.85)': the name, and how it was found when the output says."""
    name = str(speaker.get("name"))
    how = [str(speaker["via"])] if speaker.get("via") else []
    if isinstance(speaker.get("confidence"), int | float):
        how.append(f"{speaker['confidence']:.2f}")
    return f"{name} ({', '.join(how)})" if how else name


def quoted(text: Any) -> str:
    text = str(text)
    return f"“{text if len(text) <= WIDTH else text[: WIDTH - 1] + '…'}”"
