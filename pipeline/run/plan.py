"""Planning a run: what to do with each source, and which outputs lost their source.

Imports nothing heavy: `pipeline status` and a no-op run never load spaCy.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path, PurePosixPath

from pipeline.cachekey import Config, current_config
from pipeline.errors import DuplicateOutputError, SourceError
from pipeline.records import is_container
from pipeline.records.plan import Containers
from pipeline.run.items import Plan, Planned
from pipeline.run.settings import Settings
from pipeline.sources import SourceFile
from pipeline.write.manifest import Entry, Fingerprint, Manifest, RootKind, Verdict, fingerprint
from pipeline.write.paths import UnsafePathError, is_output_name


def make_plan(
    out: Path,
    sources: Sequence[SourceFile],
    roots: Sequence[Path],
    settings: Settings,
    force: bool = False,
    *,
    unlisted: Sequence[tuple[Path, str]] = (),
) -> Plan:
    """What a run would do with each source, and which outputs lost their source.

    Hashes each source and, when the manifest vouches for the rest, its output: files whose
    stat signature matches the manifest's are not even read (see manifest.fingerprint).
    Imports nothing heavy: `pipeline status` and a no-op run never load spaCy.
    """
    manifest = Manifest.load(out)
    config = current_config(settings.by_stage(), settings.model_name)
    folders = {_root_name(out, Path(p)) for p in roots if Path(p).is_dir()}
    items: list[Planned] = []
    owners: dict[str, SourceFile] = {}
    containers = Containers()
    for source in sources:
        root, kind = _root_of(out, source, folders)
        if is_container(source.rel):
            from pipeline.records.plan import plan_records

            for item in plan_records(source, root, kind, containers):
                items.append(item)
                if item.error is None and _claim(item, owners):
                    _judge_record(item, manifest, config, force)
            continue
        output = source.output_name
        item = Planned(source, output, root, kind)
        items.append(item)
        if not _claim(item, owners):
            continue
        entry = manifest.entries.get(output)
        known = Fingerprint(entry.source_sha256, entry.source_stat) if entry else None
        try:
            found = fingerprint(source.path, known)
        except OSError as exc:
            item.error = SourceError(f"cannot read: {exc.strerror or exc}")
            continue
        item.sha256, item.source_stat = found.sha256, found.stat
        verdict = manifest.judge(output, item.sha256, config)
        item.output_stat = verdict.output.stat if verdict.output else None
        if verdict.fresh and entry is not None and entry.source != source.rel:
            verdict = Verdict(("renamed source",), (f"was {entry.source}",))
        if force:
            verdict = Verdict(("forced", *verdict.reasons), verdict.details)
        item.verdict = verdict
    protected = {(_root_name(out, root), folder) for root, folder in unlisted}
    orphans = [
        name
        for name in manifest.orphans(folders, owners)
        if not _under_unlisted(manifest.entries[name], protected)
        and not containers.protects(manifest.entries[name])
    ]
    orphans = sorted({*orphans, *containers.orphans(manifest, owners)})
    return Plan(items, orphans, config, manifest)


def _claim(item: Planned, owners: dict[str, SourceFile]) -> bool:
    """Take the item's output name for it; False (and its error) when unsafe or taken."""
    source, output = item.source, item.output
    if not is_output_name(output):
        item.error = UnsafePathError(_unsafe_reason(source.rel, output), hint="rename it")
        return False
    if output in owners:
        item.error = DuplicateOutputError(
            f"{source.rel}: same output {PurePosixPath(output).name} as {owners[output].rel}"
        )
        return False
    owners[output] = source
    return True


def _judge_record(item: Planned, manifest: Manifest, config: Config, force: bool) -> None:
    """A record's verdict from its own SHA-256; a fresh one lets go of its bytes."""
    assert item.record is not None
    item.sha256 = item.record.sha256
    verdict = manifest.judge(item.output, item.sha256, config)
    item.output_stat = verdict.output.stat if verdict.output else None
    entry = manifest.entries.get(item.output)
    if verdict.fresh and entry is not None and entry.source != item.source.rel:
        verdict = Verdict(("renamed source",), (f"was {entry.source}",))
    if force:
        verdict = Verdict(("forced", *verdict.reasons), verdict.details)
    item.verdict = verdict
    # Let go of the bytes: an up-to-date record needs none, one to process is read back from
    # its file a few batches before its turn (with_bodies), so a plan holds no article text.
    item.record = None if verdict.fresh else replace(item.record, body=b"")


def _unsafe_reason(rel: str, output: str) -> str:
    shown = rel.encode("utf-8", "backslashreplace").decode("utf-8")
    if shown != rel:
        return f"{shown}: the file name is not valid UTF-8"
    if output.split("/", 1)[0].startswith(".pipeline"):
        return f"{rel}: its output {output} would replace the run's own file"
    return f"{rel}: its output name {output!r} is not a plain name inside the output folder"


def _under_unlisted(entry: Entry, unlisted: set[tuple[str, str]]) -> bool:
    """Whether the entry's source is in a folder that could not be listed (so not known gone)."""
    return any(
        entry.root == root and (not folder or entry.source.startswith(folder.rstrip("/") + "/"))
        for root, folder in unlisted
    )


def _root_name(out: Path, path: Path) -> str:
    """An input root as the manifest records it: relative to OUT, so the pair can move."""
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, os.path.abspath(out))).as_posix()
    except ValueError:  # another drive
        return Path(absolute).as_posix()


def _root_of(out: Path, source: SourceFile, folders: set[str]) -> tuple[str, RootKind]:
    """The folder a source was found under (recorded for orphans), or the file itself."""
    path = str(source.path)
    rel = source.rel.replace("/", os.sep)
    if path.endswith(rel):
        folder = _root_name_cached(out, path[: len(path) - len(rel)] or ".")
        if folder in folders:
            return folder, "folder"
    return _root_name(out, source.path), "file"


@lru_cache(maxsize=1024)
def _root_name_cached(out: Path, folder: str) -> str:
    return _root_name(out, Path(folder))
