"""The output folder's manifest: which source and settings each output was made from.

OUT/.pipeline-manifest.json maps each output (path relative to OUT) to its source, the input
root the source was found under, the cache key and its parts, the output's SHA-256 and when it
was written. It is written atomically and last (after the outputs it describes), so a run killed
at any moment leaves a manifest that only vouches for complete outputs: anything else is redone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from pipeline.cachekey import Config, differences
from pipeline.write.atomic import write_atomic
from pipeline.write.paths import is_output_name

MANIFEST_NAME = ".pipeline-manifest.json"
FORMAT = 1

RootKind = Literal["folder", "file"]


@dataclass(frozen=True)
class Entry:
    source: str
    """Source path relative to its input root (POSIX)."""
    root: str
    """The input root the source was found under, relative to OUT when possible."""
    root_kind: RootKind
    source_sha256: str
    config: str
    """Id of the Config (in Manifest.configs) the output was made with."""
    key: str
    output_sha256: str
    written: str
    """ISO 8601 UTC time the output was written."""
    source_stat: list[int] | None = None
    """Stat signature of the source when hashed (see `fingerprint`); None: hash it again."""
    output_stat: list[int] | None = None
    record: str | None = None
    """For an article inside a container file (JSON Lines, WARC; `source` is the file): the
    record's key there. None for a plain file (and then not written)."""


@dataclass(frozen=True)
class Fingerprint:
    """A file's SHA-256 and, when safe to rely on, its stat signature at hashing time."""

    sha256: str
    stat: list[int] | None = None


@dataclass(frozen=True)
class Verdict:
    """Why an output must be (re)made; no reasons means it is up to date."""

    reasons: tuple[str, ...] = ()
    details: tuple[str, ...] = ()
    output: Fingerprint | None = None
    """The output as found, when it was looked at."""

    @property
    def fresh(self) -> bool:
        return not self.reasons


@dataclass
class Manifest:
    out: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    configs: dict[str, Config] = field(default_factory=dict)
    damaged: str | None = None
    """Why an existing manifest was not trusted (then every output is redone)."""
    distrusted: list[str] = field(default_factory=list)
    """Output names in the manifest that are not safe paths inside OUT (ignored)."""
    dirty: bool = False
    """Changed since loaded or saved."""

    @property
    def path(self) -> Path:
        return self.out / MANIFEST_NAME

    @classmethod
    def load(cls, out: Path) -> Manifest:
        """The manifest in OUT; an empty, `damaged` one when it cannot be trusted as a whole.

        Anyone can edit the file, so it is checked like any input: every field's type, the
        times, and each output name (a plain relative path to a `.json` file inside OUT). An
        entry with an unsafe name is dropped and named in `distrusted`; anything else wrong
        makes the whole manifest distrusted (then every output is redone), never a crash.
        """
        manifest = cls(out)
        try:
            raw = manifest.path.read_bytes()
            data = json.loads(raw)
        except FileNotFoundError:
            return manifest
        except (OSError, ValueError, RecursionError) as exc:
            manifest.damaged = f"cannot read {manifest.path}: {_short(exc)}"
            return manifest
        try:
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                found = data.get("format") if isinstance(data, dict) else type(data).__name__
                raise ValueError(f"format {_short(found)}, expected {FORMAT}")
            configs, outputs = data["configs"], data["outputs"]
            if not isinstance(configs, dict) or not isinstance(outputs, dict):
                raise TypeError("configs and outputs must be objects")
            manifest.configs = {cid: _config(cid, parts) for cid, parts in configs.items()}
            check_text = _SURROGATE_ESCAPE.search(raw) is not None
            for name, fields in outputs.items():
                entry = _entry(name, fields, check_text)
                if is_output_name(name):
                    manifest.entries[name] = entry
                else:
                    manifest.distrusted.append(name.encode("utf-8", "backslashreplace").decode())
        except (AttributeError, KeyError, TypeError, ValueError, OverflowError) as exc:
            problem = _short(exc)
            manifest.damaged = f"{manifest.path} is not a manifest this version reads: {problem}"
            manifest.entries, manifest.configs, manifest.distrusted = {}, {}, []
        if manifest.distrusted:
            manifest.dirty = True  # the next save drops them
        return manifest

    def save(self) -> None:
        """Write the manifest atomically (only when something changed)."""
        if not self.dirty and not self.damaged:
            return
        used = {e.config for e in self.entries.values()}
        configs = {cid: cfg.components() for cid, cfg in self.configs.items() if cid in used}
        # One output per line: compact (quick to load for 10,000s of outputs), still greppable.
        lines = [
            f'{{"format": {FORMAT},',
            f'"configs": {_dumps(configs, indent=1)},',
            '"outputs": {',
            ",\n".join(
                f"{_dumps(name)}: {_dumps(_fields(e))}" for name, e in sorted(self.entries.items())
            ),
            "}}\n",
        ]
        write_atomic(self.path, "\n".join(lines).encode("utf-8"))
        self.dirty, self.damaged = False, None

    def record(self, output: str, entry: Entry, config: Config) -> None:
        self.configs.setdefault(entry.config, config)
        self.entries[output] = entry
        self.dirty = True

    def drop(self, output: str) -> None:
        if self.entries.pop(output, None) is not None:
            self.dirty = True

    def judge(self, output: str, source_sha256: str, config: Config) -> Verdict:
        """Compare what is recorded for `output` with the current source and config."""
        entry = self.entries.get(output)
        target = os.path.join(self.out, output)  # str: cheaper than a Path, per source
        if entry is None:
            return Verdict(("untracked output",) if os.path.exists(target) else ("new",))
        reasons: list[str] = []
        details: list[str] = []
        if entry.source_sha256 != source_sha256:
            reasons.append("changed source")
        if entry.config != config.id:
            old = self.configs.get(entry.config)
            if old is None:
                reasons.append("changed versions")
                details.append("unknown earlier settings")
            else:
                settings, versions = differences(old, config)
                if settings:
                    reasons.append("changed settings")
                    details += settings
                if versions:
                    reasons.append("changed versions")
                    details += versions
        if reasons:
            return Verdict(tuple(reasons), tuple(details))
        try:
            found = fingerprint(target, Fingerprint(entry.output_sha256, entry.output_stat))
        except FileNotFoundError:
            return Verdict(("output missing",))
        except OSError as exc:
            return Verdict(("output unreadable",), (str(exc),))
        if found.sha256 != entry.output_sha256:
            return Verdict(("output edited",), output=found)
        return Verdict(output=found)

    def orphans(self, folder_roots: Iterable[str], claimed: Iterable[str]) -> list[str]:
        """Outputs recorded under one of these input folders whose source is gone from it."""
        roots, taken = set(folder_roots), set(claimed)
        return sorted(
            name
            for name, e in self.entries.items()
            if e.root_kind == "folder" and e.root in roots and name not in taken
        )


def _fields(entry: Entry) -> dict[str, Any]:
    """An entry as saved: `record` only for records, so plain files' lines stay as they were."""
    fields = asdict(entry)
    if fields["record"] is None:
        del fields["record"]
    return fields


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what}: expected a string, found {type(value).__name__}")
    value.encode("utf-8")  # UnicodeEncodeError on lone surrogates
    return value


_TEXTS = ("source", "root", "source_sha256", "config", "key", "output_sha256", "written")
_FIELDS = frozenset({*_TEXTS, "root_kind", "source_stat", "output_stat", "record"})
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
"""JSON text can only hold a lone surrogate as an escape: without one, no string is checked."""


def _entry(name: Any, fields: Any, check_text: bool) -> Entry:
    """An Entry from its JSON fields, every type checked (fast: tens of thousands per run)."""
    if type(name) is not str or type(fields) is not dict:
        raise TypeError(f"{_short(name)}: expected an object under a string name")
    values = [fields[key] for key in _TEXTS]
    if not _all_text(values) or not fields.keys() <= _FIELDS:
        for key in _TEXTS:
            _text(fields[key], f"{_short(name)}.{key}")
        unknown = sorted(map(_short, fields.keys() - _FIELDS))
        raise TypeError(f"{_short(name)}: unexpected fields {unknown}")
    if check_text:
        for value in (name, *values):
            _text(value, _short(name))
    root_kind = fields["root_kind"]
    if root_kind != "folder" and root_kind != "file":
        raise ValueError(f"{_short(name)}.root_kind: {_short(root_kind)}")
    written = dt.datetime.fromisoformat(values[-1])
    if written.tzinfo is None:
        raise ValueError(f"{_short(name)}.written: no time zone")
    written.astimezone(dt.UTC)  # OverflowError at the ends of the calendar
    source, root, source_sha256, config, key, output_sha256, when = values
    return Entry(
        source=source,
        root=root,
        root_kind=root_kind,
        source_sha256=source_sha256,
        config=config,
        key=key,
        output_sha256=output_sha256,
        written=when,
        source_stat=_stat(fields.get("source_stat"), name, "source_stat"),
        output_stat=_stat(fields.get("output_stat"), name, "output_stat"),
        record=_record(fields.get("record"), name),
    )


def _record(value: Any, name: str) -> str | None:
    return None if value is None else _text(value, f"{_short(name)}.record")


_INT = frozenset({int})


def _all_text(values: list[Any]) -> bool:
    try:
        "".join(values)  # fast: TypeError at the first non-string
    except TypeError:
        return False
    return True


def _stat(value: Any, name: str, key: str) -> list[int] | None:
    if value is None:
        return None
    if type(value) is not list or not set(map(type, value)) <= _INT:
        raise TypeError(f"{_short(name)}.{key}: expected a list of integers")
    return value


def _config(cid: Any, parts: Any) -> Config:
    _text(cid, "config id")
    if not isinstance(parts, dict):
        raise TypeError(f"config {_short(cid)}: expected an object")
    stages, settings = parts.get("stages", {}), parts.get("settings", {})
    versions = parts.get("versions", {})
    if not isinstance(stages, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in stages.values()
    ):
        raise TypeError(f"config {_short(cid)}: stages must map names to numbers")
    if not isinstance(settings, dict) or not all(
        isinstance(v, dict) and all(x is None or isinstance(x, str) for x in v.values())
        for v in settings.values()
    ):
        raise TypeError(f"config {_short(cid)}: settings must map stages to settings")
    if not isinstance(versions, dict) or not all(isinstance(v, str) for v in versions.values()):
        raise TypeError(f"config {_short(cid)}: versions must map names to versions")
    for key in [*stages, *settings, *versions, *(k for v in settings.values() for k in v)]:
        _text(key, f"config {_short(cid)} key")
    for value in [*versions.values(), *(x for v in settings.values() for x in v.values() if x)]:
        _text(value, f"config {_short(cid)} value")
    return Config.from_components(parts)


def _short(value: Any, limit: int = 80) -> str:
    """A printable, bounded rendering of a value read from a damaged file."""
    text = str(value).encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _dumps(data: Any, indent: int | None = None) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=indent)


def sha256_file(path: str | Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


RACY_NS = 2_000_000_000
"""A file changed this recently (ns) may change again within the same timestamp tick."""


def fingerprint(path: str | Path, known: Fingerprint | None = None) -> Fingerprint:
    """The file's SHA-256; taken from `known` without reading when its stat signature matches.

    Like git's index and DVC's state: size, mtime, ctime and inode. ctime cannot be set back
    by tools that restore mtimes (tar, rsync -t, cp -p), so an in-place rewrite is seen. A
    signature is only recorded for a file unchanged for RACY_NS before it was read; a younger
    one is hashed again next time.
    """
    if known is not None and known.stat is not None and signature(os.stat(path)) == known.stat:
        return known
    with open(path, "rb") as handle:
        status = os.fstat(handle.fileno())
        digest = hashlib.sha256(handle.read()).hexdigest()
    settled = max(status.st_mtime_ns, status.st_ctime_ns) < time.time_ns() - RACY_NS
    return Fingerprint(digest, signature(status) if settled else None)


def signature(status: os.stat_result) -> list[int]:
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]
