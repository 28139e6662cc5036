"""Find the sources to process and where each one's output goes."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipeline.errors import PipelineError
from pipeline.formats import FORMAT_BY_SUFFIX

SUPPORTED_SUFFIXES = frozenset(FORMAT_BY_SUFFIX)


class InputPathError(PipelineError):
    hint = "pass existing files or folders, e.g. `pipeline run raw/`"


@dataclass(frozen=True)
class SourceFile:
    path: Path
    rel: str
    """Path relative to the input root, POSIX style: the source's identity in outputs."""

    @property
    def doc_id(self) -> str:
        return str(PurePosixPath(self.rel).with_suffix(""))

    def output_path(self, out: Path) -> Path:
        return out / PurePosixPath(self.rel).with_suffix(".json")


def _is_document(path: Path) -> bool:
    """Folder scans skip hidden files and the folder's own README, which describe, not report."""
    return _is_document_name(path.name)


def _is_document_name(name: str) -> bool:
    return (
        os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES
        and not name.startswith((".", "_"))
        and not name.upper().startswith("README.")
    )


def discover(paths: Iterable[Path]) -> list[SourceFile]:
    """Files as given, folders recursively; sorted and without duplicates."""
    found: dict[str, SourceFile] = {}
    for given in paths:
        if given.is_file():
            found.setdefault(os.path.realpath(given), SourceFile(given, given.name))
        elif given.is_dir():
            for path, rel, real in _scan(given):
                found.setdefault(real, SourceFile(Path(path), rel))
        else:
            raise InputPathError(f"{given}: no such file or folder")
    return sorted(found.values(), key=lambda s: (s.rel, str(s.path)))


def _scan(root: Path) -> list[tuple[str, str, str]]:
    """(path, POSIX path relative to root, real path) of the documents under `root`.

    One scandir per folder: hidden folders are not entered and symlinked folders not followed
    (as Path.rglob), and the real path, which deduplicates, is built from the folder's without
    a realpath() per file unless the file is itself a link. Fast on tens of thousands of files.
    """
    found = []
    stack = [("", str(root), os.path.realpath(root))]
    while stack:
        rel_folder, folder, real_folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = list(scan)
        except PermissionError:
            continue
        for entry in entries:
            rel = rel_folder + entry.name
            if entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith("."):
                    real = os.path.join(real_folder, entry.name)
                    stack.append((rel + "/", entry.path, real))
            elif entry.is_file() and _is_document_name(entry.name):
                link = entry.is_symlink()
                real = (
                    os.path.realpath(entry.path) if link else os.path.join(real_folder, entry.name)
                )
                found.append((entry.path, rel, real))
    found.sort(key=lambda item: item[1].split("/"))
    return found
