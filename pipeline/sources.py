"""Find the sources to process and where each one's output goes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipeline.errors import PipelineError

SUPPORTED_SUFFIXES = frozenset({".html", ".htm", ".md", ".markdown", ".txt"})


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
    name = path.name
    return (
        path.suffix.lower() in SUPPORTED_SUFFIXES
        and not name.startswith((".", "_"))
        and not name.upper().startswith("README.")
    )


def discover(paths: Iterable[Path]) -> list[SourceFile]:
    """Files as given, folders recursively; sorted and without duplicates."""
    found: dict[Path, SourceFile] = {}
    for given in paths:
        if given.is_file():
            found.setdefault(given.resolve(), SourceFile(given, given.name))
        elif given.is_dir():
            for path in sorted(given.rglob("*")):
                hidden = any(part.startswith(".") for part in path.relative_to(given).parts[:-1])
                if path.is_file() and not hidden and _is_document(path):
                    rel = path.relative_to(given).as_posix()
                    found.setdefault(path.resolve(), SourceFile(path, rel))
        else:
            raise InputPathError(f"{given}: no such file or folder")
    return sorted(found.values(), key=lambda s: (s.rel, str(s.path)))
