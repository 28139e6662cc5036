"""Find the sources to process and where each one's output goes."""

from __future__ import annotations

import os
import posixpath
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.formats import FORMAT_BY_SUFFIX
from pipeline.records import is_container

SUPPORTED_SUFFIXES = frozenset(FORMAT_BY_SUFFIX)
BUILD_FOLDERS = frozenset({"build", "dist", "venv", "node_modules", "__pycache__"})
"""Folders of build and packaging output, never entered by a folder scan (with `*.egg-info` and
hidden ones such as .git and .venv): their `.txt` files are licences and metadata, not articles."""


class InputPathError(PipelineError):
    hint = "pass existing files or folders, e.g. `pipeline run raw/`"


@dataclass(frozen=True)
class SourceFile:
    path: Path
    rel: str
    """Path relative to the input root, POSIX style: the source's identity in outputs."""

    @property
    def doc_id(self) -> str:
        """The path without its extension: `news/a.md` -> `news/a` (`...txt` stays `...txt`)."""
        return posixpath.splitext(self.rel)[0]

    @property
    def output_name(self) -> str:
        """The output's path relative to OUT (POSIX), also its name in the manifest."""
        return self.doc_id + ".json"

    def output_path(self, out: Path) -> Path:
        return out / self.output_name

    @property
    def label(self) -> str:
        """How messages name the source: its path (a record adds where it is in its file)."""
        return str(self.path)

    @property
    def source_name(self) -> str:
        """The source as an output's `source.path` names it: `rel` (a record adds `#key`)."""
        return self.rel


def _is_document(path: Path) -> bool:
    """Folder scans skip hidden files and the folder's own README, which describe, not report."""
    return _is_document_name(path.name)


def _is_document_name(name: str) -> bool:
    return (
        (os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES or is_container(name))
        and not name.startswith((".", "_"))
        and not name.upper().startswith("README.")
    )


@dataclass
class Discovery:
    """What a scan of the input paths found, and what it could not look at."""

    sources: list[SourceFile] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Why files were left out (links leading outside their folder, links that loop)."""
    unlisted: list[tuple[Path, str, str]] = field(default_factory=list)
    """(input root, POSIX subfolder relative to it or '', reason): folders that could not be
    listed. Their sources are unknown, so their outputs are never taken for orphans."""
    ignored: Counter[str] = field(default_factory=Counter)
    """Extensions of the files a folder scan left out for their type: `{".pdf": 3}`."""


def discover(paths: Iterable[Path], *, follow_symlinks: bool = False) -> list[SourceFile]:
    """Files as given, folders recursively; sorted and without duplicates."""
    return scan(paths, follow_symlinks=follow_symlinks).sources


def scan(paths: Iterable[Path], *, follow_symlinks: bool = False) -> Discovery:
    """As `discover`, also saying what was skipped and which folders could not be listed.

    A symlinked file whose target is outside its input folder is skipped (a link to
    /etc/passwd is not an article) unless `follow_symlinks`; symlinked folders are never
    entered, so a link loop cannot trap the scan.
    """
    found: dict[str, SourceFile] = {}
    result = Discovery()
    for given in paths:
        if given.is_file():
            found.setdefault(os.path.realpath(given), SourceFile(given, given.name))
        elif given.is_dir():
            before, unlisted = result.ignored.copy(), len(result.unlisted)
            documents = _scan(given, follow_symlinks, result)
            for path, rel, real in documents:
                found.setdefault(real, SourceFile(Path(path), rel))
            if not documents and len(result.unlisted) == unlisted:
                result.skipped.append(_nothing_found(given, result.ignored - before))
        elif given.is_symlink():
            raise InputPathError(f"{given}: a symbolic link that leads nowhere (or loops)")
        else:
            raise InputPathError(f"{given}: no such file or folder")
    result.sources = sorted(found.values(), key=lambda s: (s.rel, str(s.path)))
    return result


def _scan(root: Path, follow_symlinks: bool, result: Discovery) -> list[tuple[str, str, str]]:
    """(path, POSIX path relative to root, real path) of the documents under `root`.

    One scandir per folder: hidden folders are not entered and symlinked folders not followed
    (as Path.rglob), and the real path, which deduplicates, is built from the folder's without
    a realpath() per file unless the file is itself a link. Fast on tens of thousands of files.
    """
    found = []
    top = os.path.realpath(root)
    stack = [("", str(root), top)]
    while stack:
        rel_folder, folder, real_folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            result.unlisted.append((root, rel_folder.rstrip("/"), exc.strerror or str(exc)))
            continue
        for entry in entries:
            rel = rel_folder + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not _is_skipped_folder(entry.name):
                        real = os.path.join(real_folder, entry.name)
                        stack.append((rel + "/", entry.path, real))
                    continue
                if not _is_document_name(entry.name):
                    suffix = os.path.splitext(entry.name)[1].lower()
                    if suffix not in SUPPORTED_SUFFIXES and not entry.name.startswith("."):
                        result.ignored[suffix or "(no extension)"] += 1
                    continue
                if not entry.is_symlink():
                    if entry.is_file():
                        found.append((entry.path, rel, os.path.join(real_folder, entry.name)))
                    continue
                real = os.path.realpath(entry.path)
                if not os.path.isfile(real):
                    result.skipped.append(f"{entry.path}: a link that leads to no file (or loops)")
                elif follow_symlinks or real.startswith(top.rstrip(os.sep) + os.sep):
                    found.append((entry.path, rel, real))
                else:
                    result.skipped.append(
                        f"{entry.path}: a link to {real}, outside {root} "
                        "(skipped; --follow-symlinks reads it)"
                    )
            except OSError as exc:
                result.skipped.append(f"{entry.path}: {exc.strerror or exc}")
    found.sort(key=lambda item: item[1].split("/"))
    return found


def _is_skipped_folder(name: str) -> bool:
    """Hidden folders and build or packaging output (see BUILD_FOLDERS) are not scanned."""
    return name.startswith(".") or name in BUILD_FOLDERS or name.endswith(".egg-info")


def _nothing_found(folder: Path, ignored: Counter[str]) -> str:
    """The warning for a folder without a single supported file, naming what it holds."""
    supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
    if not ignored:
        return f"{folder}: no supported files ({supported}) in this folder"
    kinds = ", ".join(f"{count} {suffix}" for suffix, count in sorted(ignored.items()))
    return f"{folder}: no supported files ({supported}); skipped {kinds}"
