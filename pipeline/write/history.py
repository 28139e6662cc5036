"""Earlier versions of an output, kept so that facts can be compared across versions.

OUT/.history/<document id>/<UTC time the version was written>.json, newest last by name;
only the last N are kept. The folder is hidden so that nothing takes it for an output.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path, PurePosixPath

from pipeline.write.atomic import write_atomic
from pipeline.write.paths import HISTORY_DIR, confined

__all__ = ["DEFAULT_KEEP", "HISTORY_DIR", "folder", "keep", "prune", "versions"]
DEFAULT_KEEP = 5
_STAMP = "%Y%m%dT%H%M%S.%fZ"


def folder(out: Path, doc_id: str) -> Path:
    """OUT/.history/<doc_id>; UnsafePathError when that would not be inside OUT/.history."""
    where = confined(out, f"{HISTORY_DIR}/{PurePosixPath(doc_id).as_posix()}")
    confined(out / HISTORY_DIR, PurePosixPath(doc_id).as_posix())
    return where


def versions(out: Path, doc_id: str) -> list[Path]:
    """The kept versions of a document, oldest first."""
    where = folder(out, doc_id)
    if not where.is_dir():
        return []
    return sorted(
        p
        for p in where.iterdir()
        if p.suffix == ".json" and not p.name.startswith(".") and _is_plain_file(p)
    )


def _is_plain_file(path: Path) -> bool:
    """A kept version is a regular file; a folder there holds the versions of another document
    (`a/x.json.txt` has its versions in `.history/a/x.json/`), and a link is nobody's version."""
    return not path.is_symlink() and path.is_file()


def written(path: Path) -> dt.datetime | None:
    """When a kept version was written, read from its name; None for a name not ours."""
    try:
        return dt.datetime.strptime(path.stem, _STAMP).replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def keep(out: Path, doc_id: str, data: bytes, written: dt.datetime, limit: int) -> Path | None:
    """Store `data` as the version written at `written`; drop all but the newest `limit`."""
    if limit <= 0:
        prune(out, doc_id, 0)
        return None
    where = folder(out, doc_id)
    when = written.astimezone(dt.UTC)
    path = where / f"{when.strftime(_STAMP)}.json"
    while path.exists():
        if path.read_bytes() == data:
            break
        when += dt.timedelta(microseconds=1)
        path = where / f"{when.strftime(_STAMP)}.json"
    else:
        write_atomic(path, data)
    prune(out, doc_id, limit)
    return path


def prune(out: Path, doc_id: str, limit: int) -> None:
    kept = versions(out, doc_id)
    for old in kept[: max(len(kept) - limit, 0)]:
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
    where = folder(out, doc_id)
    with contextlib.suppress(OSError):  # only succeeds when empty
        where.rmdir()
