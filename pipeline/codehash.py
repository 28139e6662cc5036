"""A digest of the package's own rule code and word lists: part of every output's cache key.

A changed rule in the clean, extract or validate stages (or a changed lexicon) re-runs the
sources on the next run without anyone bumping a number in pipeline.versions. The CLI, the
writer and the diff tools are left out: changing them cannot change an output.

Cheap on purpose (it is on the no-op path): a few dozen small files read once per process.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

CODE_FOLDERS = ("clean", "extract", "validate")
"""Packages under pipeline/ whose Python files (recursively) make an output."""
LEXICON_FOLDER = "lexicons"
"""pipeline/lexicons/*.txt: the word lists the rules read."""

_ROOT = Path(__file__).resolve().parent


@cache
def code_digest() -> str:
    """SHA-256 over the relative name and bytes of every file that makes an output."""
    return digest_of(_ROOT)


def digest_of(root: Path) -> str:
    """`code_digest` of a package folder laid out like pipeline/ (uncached)."""
    digest = hashlib.sha256()
    for rel, path in _files(str(root)):
        with open(path, "rb") as handle:
            digest.update(rel.encode("utf-8") + b"\0" + handle.read() + b"\0")
    return digest.hexdigest()


def _files(root: str) -> list[tuple[str, str]]:
    """(POSIX path relative to pipeline/, path) of the hashed files, sorted by name."""
    found: list[tuple[str, str]] = []
    for folder in CODE_FOLDERS:
        top = os.path.join(root, folder)
        for current, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d != "__pycache__" and not d.startswith(".")]
            rel_folder = os.path.relpath(current, root).replace(os.sep, "/")
            found += [
                (f"{rel_folder}/{name}", os.path.join(current, name))
                for name in files
                if name.endswith(".py")
            ]
    lexicons = os.path.join(root, LEXICON_FOLDER)
    with os.scandir(lexicons) as listing:
        found += [
            (f"{LEXICON_FOLDER}/{entry.name}", entry.path)
            for entry in listing
            if entry.name.endswith(".txt") and entry.is_file()
        ]
    return sorted(found)
