"""Read the documents of an output folder (OUT) as plain JSON dicts, for view and export.

Plain dicts, not the Pydantic models: a reader must accept outputs written by a newer minor
schema (fields it does not know yet, like `speaker.via`), and a corpus of thousands loads fast.
Only the shape that view and export rely on is checked; one bad file is reported and skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pipeline import kinds
from pipeline.errors import PipelineError

JsonDict = dict[str, Any]
FACT_LISTS = kinds.names()
"""The built-in fact lists; checks read the table in pipeline.kinds when they run."""


class OutputFolderError(PipelineError):
    """OUT is missing or is not a folder of outputs."""

    hint = "give the folder `pipeline run` wrote (default: extracted/)"


class OutputFileError(PipelineError):
    """One output file cannot be read or is not a document; the others go on."""

    hint = "regenerate it with `pipeline run --force`, or check it with `pipeline validate`"


class MissingExtraError(PipelineError):
    """An optional dependency of a command is not installed."""


@dataclass(frozen=True)
class Output:
    """One output file: its document, where it is, and the SHA-256 of its bytes."""

    path: Path
    rel: str
    """Path relative to OUT (POSIX)."""
    sha256: str
    doc: JsonDict

    @property
    def id(self) -> str:
        return str(self.doc["id"])


def require(module: str, extra: str, command: str) -> None:
    """Fail with a one-line hint when an optional dependency of `command` is missing."""
    import importlib.util

    try:
        found = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a module set to None in sys.modules, a broken install
        found = False
    if not found:
        raise MissingExtraError(
            f"`pipeline {command}` needs {module}, which is not installed",
            hint=f"pip install 'news-facts-pipeline[{extra}]'",
        )


def output_files(out: Path) -> list[Path]:
    """The JSON outputs under `out`, sorted; hidden files and folders (.history/) are not."""
    if not out.exists():
        raise OutputFolderError(f"{out}: no such folder")
    if not out.is_dir():
        raise OutputFolderError(f"{out}: not a folder")
    found: list[Path] = []
    for folder, dirs, files in os.walk(out):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(folder, f) for f in files if f.endswith(".json") and not f.startswith(".")]
    return sorted(found, key=lambda p: p.relative_to(out).as_posix())


def read_output(path: Path, out: Path, data: bytes | None = None) -> Output:
    """One output file, checked for the fields view and export use."""
    if data is None:
        data = read_bytes(path)
    try:
        doc = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OutputFileError(f"not JSON: {exc}") from exc
    _check(doc)
    rel = path.relative_to(out).as_posix()
    return Output(path, rel, hashlib.sha256(data).hexdigest(), doc)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise OutputFileError(f"cannot read: {exc.strerror or exc}") from exc


def read_outputs(
    out: Path,
    errors: list[tuple[Path, PipelineError]],
    known: Mapping[str, tuple[str, str]] | None = None,
    unchanged: list[str] | None = None,
) -> Iterator[Output]:
    """Every readable output under `out`; the unreadable ones are appended to `errors`.

    With `known` ({path relative to OUT: (document id, SHA-256)}), a file whose bytes still have
    that hash is not parsed: its id is appended to `unchanged` instead of being yielded.
    """
    seen: dict[str, Path] = {}
    for path in output_files(out):
        try:
            data = read_bytes(path)
            if known is not None and unchanged is not None:
                doc_id, sha = known.get(path.relative_to(out).as_posix(), ("", ""))
                if sha and hashlib.sha256(data).hexdigest() == sha and doc_id not in seen:
                    seen[doc_id] = path
                    unchanged.append(doc_id)
                    continue
            output = read_output(path, out, data)
            if output.id in seen:
                raise OutputFileError(f"same document id {output.id!r} as {seen[output.id]}")
        except OutputFileError as exc:
            errors.append((path, exc))
            continue
        seen[output.id] = path
        yield output


def _check(doc: object) -> None:
    if not isinstance(doc, dict):
        raise OutputFileError("not a document: the JSON is not an object")
    doc_id, text = doc.get("id"), doc.get("text")
    if not isinstance(doc_id, str) or not doc_id or not isinstance(text, str):
        raise OutputFileError("not a document: no string `id` and `text`")
    posix = PurePosixPath(doc_id)
    if posix.is_absolute() or ".." in posix.parts or "\\" in doc_id:
        raise OutputFileError(f"not a document id: {doc_id!r}")
    for name in (*kinds.names(), "removed"):
        items = doc.get(name, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise OutputFileError(f"`{name}` is not a list of objects")
    for key in ("metadata", "source", "pipeline"):
        if not isinstance(doc.get(key) or {}, dict):
            raise OutputFileError(f"`{key}` is not an object")
    for span in spans(doc):
        start, end = span.get("start"), span.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end:
            raise OutputFileError(f"bad offsets {start!r}:{end!r}")
        if text[start:end] != span.get("text"):
            raise OutputFileError(
                f"span {start}:{end} is {text[start:end]!r} in text, not {span.get('text')!r}"
            )


def spans(doc: JsonDict) -> Iterator[JsonDict]:
    """Every fact that has a place in the text: dates, quotes, links and entity mentions (each
    kind of pipeline.kinds: its facts, or their mentions)."""
    for kind in kinds.FACT_KINDS:
        if kind.mentions is None:
            yield from doc.get(kind.name, [])
    for kind in kinds.FACT_KINDS:
        if kind.mentions is None:
            continue
        for fact in doc.get(kind.name, []):
            mentions = fact.get(kind.mentions, [])
            if not isinstance(mentions, list) or not all(isinstance(m, dict) for m in mentions):
                raise OutputFileError(
                    f"{kind.singular} {fact.get('id')!r}: `{kind.mentions}` is not a list"
                )
            yield from mentions


def metadata(doc: JsonDict) -> JsonDict:
    meta = doc.get("metadata")
    return meta if isinstance(meta, dict) else {}
