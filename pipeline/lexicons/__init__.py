"""Word lists as data: one file per vocabulary in this folder, loaded once.

Each vocabulary is a UTF-8 text file `<name>.txt`: one entry per line, `#` starts a comment,
blank lines are ignored. Entries keep their case and inner spaces (multi-word entries such as
"according to" are one line). Rules never keep their own inline copies of a list: they call
`load("name")`. The files are package data, so non-editable installs and worker processes get
them, and their bytes are part of the extract stage's cache key (`lexicon_digest`).
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

__all__ = ["LexiconNotFound", "lexicon_digest", "load", "load_map", "names"]

_SUFFIX = ".txt"


class LexiconNotFound(LookupError):
    """A rule asked for a vocabulary that has no file in `pipeline/lexicons/`."""


def _path(name: str) -> resources.abc.Traversable:
    path = resources.files(__package__).joinpath(name + _SUFFIX)
    if not path.is_file():
        raise LexiconNotFound(f"no lexicon {name!r} (expected pipeline/lexicons/{name}{_SUFFIX})")
    return path


def _lines(name: str) -> list[str]:
    out: list[str] = []
    for raw in _path(name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


@cache
def load(name: str, *, lower: bool = False) -> frozenset[str]:
    """The entries of vocabulary `name` as a set (lower-cased when `lower`)."""
    lines = _lines(name)
    return frozenset(line.lower() for line in lines) if lower else frozenset(lines)


@cache
def load_map(name: str) -> dict[str, str]:
    """A two-column vocabulary (`key<TAB or spaces>value` per line) as a dict."""
    out: dict[str, str] = {}
    for line in _lines(name):
        key, value = line.split("\t", 1) if "\t" in line else line.rsplit(None, 1)
        out[key.strip()] = value.strip()
    return out


def names() -> list[str]:
    """Every vocabulary shipped with the package, sorted."""
    root = resources.files(__package__)
    return sorted(p.name[: -len(_SUFFIX)] for p in root.iterdir() if p.name.endswith(_SUFFIX))


def lexicon_digest() -> str:
    """SHA-256 over every vocabulary's name and bytes: changes whenever any word list changes."""
    digest = hashlib.sha256()
    for name in names():
        digest.update(name.encode() + b"\0" + _path(name).read_bytes() + b"\0")
    return digest.hexdigest()
