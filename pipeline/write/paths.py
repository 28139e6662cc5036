"""Keep every path the run writes or deletes inside the output folder.

Names come from source file names and from the manifest, which anyone can edit: a name is
trusted only when it is a plain relative POSIX path (no empty, `.` or `..` segment, no NUL,
encodable as UTF-8) and, once symbolic links are resolved, stays inside OUT.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.errors import OutputError

RESERVED_PREFIX = ".pipeline"
"""OUT/.pipeline-manifest.json, OUT/.pipeline.lock, OUT/.pipeline-errors.log: never outputs."""
HISTORY_DIR = ".history"


class UnsafePathError(OutputError):
    """A name that would put a file outside its place."""

    hint = "rename the source; names from the manifest are checked and distrusted when unsafe"


def is_safe_name(name: str) -> bool:
    """A relative POSIX path without empty, `.` or `..` segments (syntax only, no file access)."""
    if type(name) is not str or not name or "\0" in name or "\\" in name:
        return False
    padded = f"/{name}/"
    if "//" in padded or "/./" in padded or "/../" in padded:
        return False
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return False
    return True


def is_output_name(name: str) -> bool:
    """A name the run may write an output under: safe, `.json`, not one of the run's own files."""
    return (
        is_safe_name(name)
        and name.endswith(".json")
        and name != ".json"
        and not name.startswith((RESERVED_PREFIX, HISTORY_DIR + "/"))
    )


def confined(out: Path, name: str) -> Path:
    """OUT/name, after checking that it stays inside OUT once links are resolved."""
    if not is_safe_name(name):
        raise UnsafePathError(f"{name!r} is not a plain relative path")
    path = Path(out) / name
    top = os.path.realpath(out)
    real = os.path.realpath(path)
    if not real.startswith(top.rstrip(os.sep) + os.sep):
        raise UnsafePathError(f"{name!r} resolves outside the output folder {out}")
    return path
