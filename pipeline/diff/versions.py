"""Find the two versions `pipeline diff SOURCE_OR_ID` compares: the kept one before the current."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path, PurePosixPath
from typing import Any

from pipeline.diff.facts import DiffInputError
from pipeline.sources import SUPPORTED_SUFFIXES
from pipeline.write import history
from pipeline.write.manifest import Manifest


def resolve(target: str, out: Path) -> tuple[Path, Path]:
    """(previous, current) output files of a source path or document id under `out`."""
    doc = doc_id(target, out)
    current = out / f"{doc}.json"
    if not current.is_file():
        raise DiffInputError(
            f"{target}: no output {current} (a source or id is looked up in the output "
            f"folder {out}/)",
            hint=f"pass the folder that holds its output: pipeline diff {target} --out DIR",
        )
    kept = history.versions(out, doc)
    if not kept:
        raise DiffInputError(
            f"{target}: no earlier version in {history.folder(out, doc)}",
            hint="earlier versions are kept when `pipeline run` replaces an output (--history N)",
        )
    return kept[-1], current


def doc_id(target: str, out: Path) -> str:
    """The id of a source (looked up in the manifest), an output path or an id."""
    given = os.path.abspath(target)
    for name, entry in Manifest.load(out).entries.items():
        root = os.path.normpath(os.path.join(os.path.abspath(out), entry.root))
        source = root if entry.root_kind == "file" else os.path.join(root, entry.source)
        if os.path.normpath(source) == given:
            doc = PurePosixPath(name).with_suffix("").as_posix()
            if entry.record is not None:  # a container holds many documents
                raise DiffInputError(
                    f"{target}: holds many documents; name one by its id",
                    hint=f"e.g. `pipeline diff {doc}` (ids are `<file stem>/<record key>`)",
                )
            return doc
    path = Path(target)
    if path.is_absolute() or path.exists():
        with contextlib.suppress(ValueError):
            path = Path(given).relative_to(os.path.abspath(out))
    posix = PurePosixPath(path.as_posix())
    if posix.suffix.lower() in {*SUPPORTED_SUFFIXES, ".json"}:
        posix = posix.with_suffix("")
    return posix.as_posix()


def document_id(document: dict[str, Any], path: Path) -> str:
    """The id a single document's changes are filed under: its `id` field, else its file name."""
    value = document.get("id")
    return value if isinstance(value, str) and value else path.stem
