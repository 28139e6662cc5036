"""Run the stages over many sources: clean -> extract -> validate -> write.

Only what changed is redone: each source's cache key (pipeline.cachekey) is compared with the
output folder's manifest first, and an up-to-date source is skipped without importing the clean
stage, spaCy or pydantic. One broken source never stops the others: its error is in its Result.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

from pipeline import __version__
from pipeline.cachekey import Config, cache_key, current_config
from pipeline.errors import (
    DuplicateOutputError,
    ExtractionError,
    ModelNotFoundError,
    PipelineError,
    SourceError,
    WorkerError,
)
from pipeline.sources import SourceFile
from pipeline.write import history
from pipeline.write.atomic import write_atomic
from pipeline.write.lock import locked
from pipeline.write.manifest import Entry, Fingerprint, Manifest, RootKind, Verdict, fingerprint

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from pipeline.clean.document import CleanDoc
    from pipeline.validate.models import Document, PipelineInfo

Status = Literal["written", "unchanged", "failed"]
BATCH_SIZE = 32
SAVE_SECONDS = 2.0
"""Save the manifest at most this often during a run: a killed run loses ~2 s of work, and a
long run spends little time rewriting a large manifest."""
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp$")
"""Names write_atomic gives its temporary files."""


@dataclass(frozen=True)
class Settings:
    """What a run's output depends on, besides the source bytes and the code."""

    model: str | None = None
    published: dt.date | None = None

    @property
    def model_name(self) -> str:
        if self.model:
            return self.model
        from pipeline.extract.nlp import default_model

        return default_model()

    def recorded(self) -> dict[str, str | None]:
        """The settings written into each output."""
        return {"published": self.published.isoformat() if self.published else None}

    def by_stage(self) -> dict[str, dict[str, str | None]]:
        """The settings each stage reads: part of the cache key."""
        return {
            "clean": {},
            "extract": {"model": self.model_name, **self.recorded()},
            "validate": {},
            "write": {},
        }


@dataclass(frozen=True)
class Options:
    """How a run treats what is already in the output folder."""

    force: bool = False
    """Redo every source, up to date or not."""
    keep_orphans: bool = False
    """Keep outputs whose source is gone (by default they are removed)."""
    history: int = history.DEFAULT_KEEP
    """How many earlier versions of each output to keep in OUT/.history/."""
    wait: float = 60.0
    """Seconds to wait for another run on the same output folder."""
    jobs: int = 1
    """Worker processes for cleaning and extraction (each loads its own model)."""


@dataclass
class Result:
    source: SourceFile
    status: Status
    output: Path | None = None
    """The file this run wrote (None when skipped or failed)."""
    error: PipelineError | None = None
    document: Document | None = field(default=None, repr=False)
    reasons: tuple[str, ...] = ()
    """Why the source was (re)made; empty when it was up to date."""
    previous: bytes | None = field(default=None, repr=False)
    """The output this run replaced, when it differed from the new one."""
    created: bool = False
    """Whether this run wrote an output where there was none."""


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    """Outputs (relative to OUT) removed because their source is gone."""
    orphans: list[str] = field(default_factory=list)
    """Outputs whose source is gone, removed or (with keep_orphans) kept."""


@dataclass
class Planned:
    """One source and what the manifest says about its output."""

    source: SourceFile
    output: str
    """Output path relative to OUT (POSIX): its name in the manifest."""
    root: str
    root_kind: RootKind
    sha256: str = ""
    source_stat: list[int] | None = None
    output_stat: list[int] | None = None
    verdict: Verdict = field(default_factory=Verdict)
    error: SourceError | None = None


@dataclass
class Plan:
    items: list[Planned]
    orphans: list[str]
    config: Config
    manifest: Manifest


@dataclass
class _Prepared:
    planned: Planned
    data: bytes
    clean: CleanDoc


def reference_date(clean: CleanDoc, fallback: dt.date | None) -> dt.date | None:
    """The story's own publication date when it has one, else the --published setting."""
    published = clean.metadata.published
    if published:
        try:
            return dt.datetime.fromisoformat(published).date()
        except ValueError:
            try:
                return dt.date.fromisoformat(published[:10])
            except ValueError:
                pass
    return fallback


def make_plan(
    out: Path,
    sources: Sequence[SourceFile],
    roots: Sequence[Path],
    settings: Settings,
    force: bool = False,
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
    for source in sources:
        output = os.path.splitext(source.rel)[0] + ".json"  # as SourceFile.output_path
        root, kind = _root_of(out, source, folders)
        item = Planned(source, output, root, kind)
        items.append(item)
        if output in owners:
            item.error = DuplicateOutputError(
                f"{source.rel}: same output {PurePosixPath(output).name} as {owners[output].rel}"
            )
            continue
        owners[output] = source
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
    orphans = manifest.orphans(folders, owners)
    return Plan(items, orphans, config, manifest)


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


class Runner:
    def __init__(self, out: Path, settings: Settings, options: Options | None = None) -> None:
        self.out = out
        self.settings = settings
        self.options = options or Options()
        self._nlp: Language | None = None
        self._info: PipelineInfo | None = None
        self._manifest: Manifest | None = None
        self._config: Config | None = None
        self._saved_at = 0.0

    @property
    def nlp(self) -> Language:
        """Loaded on first use: a run with nothing to extract never pays for spaCy."""
        if self._nlp is None:
            from pipeline.extract.nlp import load_nlp

            self._nlp = load_nlp(self.settings.model_name)
        return self._nlp

    def pipeline_info(self) -> PipelineInfo:
        from pipeline.extract.nlp import model_info
        from pipeline.validate.models import PipelineInfo

        if self._info is None:
            model, version = model_info(self.nlp)
            self._info = PipelineInfo(
                version=__version__,
                model=model,
                model_version=version,
                settings=self.settings.recorded(),
            )
        return self._info

    def run(
        self,
        sources: Sequence[SourceFile],
        on_result: Callable[[Result], None] | None = None,
        *,
        roots: Sequence[Path] = (),
        on_start: Callable[[Plan], None] | None = None,
        on_wait: Callable[[str], None] | None = None,
        on_takeover: Callable[[str], None] | None = None,
    ) -> Report:
        """Bring OUT up to date with `sources`, found under the input paths `roots`.

        Holds OUT's lock throughout. Outputs whose source is gone from one of `roots` that is a
        folder are removed (unless keep_orphans); each replaced or removed output is kept in
        OUT/.history/ first.
        """
        report = Report()

        def takeover(who: str) -> None:
            self._remove_temporaries()
            if on_takeover is not None:
                on_takeover(who)

        with locked(self.out, self.options.wait, on_wait, takeover):
            plan = make_plan(self.out, sources, roots, self.settings, self.options.force)
            self._manifest, self._config = plan.manifest, plan.config
            self._saved_at = time.monotonic()
            if on_start is not None:
                on_start(plan)
            try:
                for result in self._results(plan):
                    report.results.append(result)
                    if on_result is not None:
                        on_result(result)
                report.orphans = plan.orphans
                if not self.options.keep_orphans:
                    for name in plan.orphans:
                        self._remove(name)
                        report.removed.append(name)
            finally:
                plan.manifest.save()
        return report

    def _results(self, plan: Plan) -> Iterator[Result]:
        manifest = plan.manifest
        batch: list[_Prepared] = []
        pending: list[Planned] = []
        for item in plan.items:
            if item.error is not None:
                if not isinstance(item.error, DuplicateOutputError):
                    self._remove(item.output)
                yield Result(item.source, "failed", error=item.error)
                continue
            if item.verdict.fresh:
                entry = manifest.entries[item.output]
                recorded = (entry.root, entry.root_kind, entry.source_stat, entry.output_stat)
                if recorded != (item.root, item.root_kind, item.source_stat, item.output_stat):
                    self._record_entry(
                        item, entry.output_sha256, entry.written, output_stat=item.output_stat
                    )
                yield Result(item.source, "unchanged")
                continue
            if self.options.jobs > 1:
                pending.append(item)
                continue
            try:
                batch.append(self._prepare(item))
            except SourceError as exc:
                self._remove(item.output)
                yield Result(item.source, "failed", error=exc, reasons=item.verdict.reasons)
                continue
            if len(batch) >= BATCH_SIZE:
                yield from self._extract(batch)
                batch = []
        yield from self._extract(batch)
        yield from self._extract_in_workers(pending)

    def _extract_in_workers(self, items: list[Planned]) -> Iterator[Result]:
        """Clean and extract in worker processes; writing and the manifest stay here."""
        if not items:
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        from spacy.util import is_package

        name = self.settings.model_name
        if not is_package(name) and not Path(name).exists():
            raise ModelNotFoundError(f"spaCy model {name!r} is not installed")
        context = multiprocessing.get_context("spawn")  # no fork of a loaded model
        workers = min(self.options.jobs, len(items))
        with ProcessPoolExecutor(workers, context, _init_worker, (self.settings,)) as pool:
            outcomes = pool.map(_work, items, chunksize=4)
            try:
                for item, (sha256, outcome) in zip(items, outcomes, strict=True):
                    if sha256 != item.sha256:
                        item.sha256, item.source_stat = sha256, None
                    if isinstance(outcome, PipelineError):
                        self._remove(item.output)
                        reasons = item.verdict.reasons
                        yield Result(item.source, "failed", error=outcome, reasons=reasons)
                    else:
                        yield self._store(item, outcome)
            except BrokenProcessPool as exc:
                raise WorkerError(
                    "a worker process died; what it had not finished is not written"
                ) from exc

    def _prepare(self, item: Planned) -> _Prepared:
        from pipeline.clean import clean_source, detect_format

        fmt = detect_format(item.source.path)
        try:
            data = item.source.path.read_bytes()
        except OSError as exc:
            raise SourceError(f"cannot read: {exc.strerror or exc}") from exc
        digest = hashlib.sha256(data).hexdigest()
        if digest != item.sha256:  # changed since planned: hash the bytes actually used
            item.sha256, item.source_stat = digest, None
        return _Prepared(item, data, clean_source(data, fmt))

    def _extract(self, batch: list[_Prepared]) -> Iterator[Result]:
        if not batch:
            return
        from pipeline.extract.nlp import make_doc

        nlp = self.nlp
        docs = [
            make_doc(nlp, p.clean, reference_date(p.clean, self.settings.published)) for p in batch
        ]
        try:
            processed = list(nlp.pipe(docs, batch_size=len(docs)))
        except Exception:  # one bad document must not fail the batch: redo one by one
            processed = []
        for i, prepared in enumerate(batch):
            try:
                doc = processed[i] if processed else nlp(docs[i])
            except Exception as exc:
                self._remove(prepared.planned.output)
                yield Result(
                    prepared.planned.source,
                    "failed",
                    error=ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}"),
                    reasons=prepared.planned.verdict.reasons,
                )
                continue
            yield self._write(prepared, doc)

    def _document(self, prepared: _Prepared, doc: Doc) -> Document:
        from pipeline.validate.assemble import to_document
        from pipeline.validate.models import Source

        item = prepared.planned
        record = Source(path=item.source.rel, sha256=item.sha256, format=prepared.clean.format)
        return to_document(doc, prepared.clean, item.source.doc_id, record, self.pipeline_info())

    def _write(self, prepared: _Prepared, doc: Doc) -> Result:
        try:
            document = self._document(prepared, doc)
        except PipelineError as exc:
            self._remove(prepared.planned.output)
            reasons = prepared.planned.verdict.reasons
            return Result(prepared.planned.source, "failed", error=exc, reasons=reasons)
        return self._store(prepared.planned, document)

    def _store(self, item: Planned, document: Document) -> Result:
        from pipeline.write.serialize import dump_document

        source = item.source
        reasons = item.verdict.reasons
        target = self.out / item.output
        try:
            data = dump_document(document)
            previous = self._previous(item.output)
            if previous != data:
                if previous is not None:
                    self._keep(item.output, source.doc_id, previous)
                write_atomic(target, data)
        except PipelineError as exc:
            self._remove(item.output)
            return Result(source, "failed", error=exc, reasons=reasons)
        except OSError as exc:
            error = SourceError(f"cannot write output: {exc}")
            return Result(source, "failed", error=error, reasons=reasons)
        self._record_entry(item, hashlib.sha256(data).hexdigest(), _now())
        changed = previous if previous is not None and previous != data else None
        return Result(
            source,
            "written",
            target,
            document=document,
            reasons=reasons,
            previous=changed,
            created=previous is None,
        )

    def _previous(self, output: str) -> bytes | None:
        try:
            return (self.out / output).read_bytes()
        except FileNotFoundError:
            return None

    def _record_entry(
        self, item: Planned, output_sha: str, written: str, output_stat: list[int] | None = None
    ) -> None:
        assert self._manifest is not None and self._config is not None
        entry = Entry(
            source=item.source.rel,
            root=item.root,
            root_kind=item.root_kind,
            source_sha256=item.sha256,
            config=self._config.id,
            key=cache_key(item.sha256, self._config),
            output_sha256=output_sha,
            written=written,
            source_stat=item.source_stat,
            output_stat=output_stat,
        )
        self._manifest.record(item.output, entry, self._config)
        now = time.monotonic()
        if now - self._saved_at >= SAVE_SECONDS:
            self._manifest.save()
            self._saved_at = now

    def _keep(self, output: str, doc_id: str, data: bytes) -> None:
        """Put an output about to be replaced or removed into OUT/.history/."""
        assert self._manifest is not None
        entry = self._manifest.entries.get(output)
        if entry is not None and entry.output_sha256 == hashlib.sha256(data).hexdigest():
            written = dt.datetime.fromisoformat(entry.written)
        else:  # edited or untracked: the file's own time is all we know
            stamp = (self.out / output).stat().st_mtime
            written = dt.datetime.fromtimestamp(stamp, dt.UTC)
        history.keep(self.out, doc_id, data, written, self.options.history)

    def _remove(self, output: str) -> None:
        """Remove a stale output (its source is gone or failed), keeping it in history."""
        assert self._manifest is not None
        target = self.out / output
        previous = self._previous(output)
        if previous is not None:
            self._keep(output, PurePosixPath(output).with_suffix("").as_posix(), previous)
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
            _remove_empty_folders(target.parent, self.out)
        self._manifest.drop(output)

    def _remove_temporaries(self) -> None:
        """Temporary files a killed run left behind (only called while holding the lock)."""
        for folder, _dirs, files in os.walk(self.out):
            for name in files:
                if _TEMPORARY.match(name):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(os.path.join(folder, name))


_worker: list[Runner] = []


def _init_worker(settings: Settings) -> None:
    """Load the model once per worker process."""
    runner = Runner(Path("."), settings)
    runner.pipeline_info()
    _worker.append(runner)


def _work(item: Planned) -> tuple[str, Document | PipelineError]:
    """One source in a worker: the bytes' hash and its Document, or why it failed."""
    runner = _worker[0]
    try:
        prepared = runner._prepare(item)
    except PipelineError as exc:
        return item.sha256, exc
    try:
        from pipeline.extract.nlp import make_doc

        clean = prepared.clean
        doc = runner.nlp(
            make_doc(runner.nlp, clean, reference_date(clean, runner.settings.published))
        )
    except Exception as exc:
        return item.sha256, ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}")
    try:
        return item.sha256, runner._document(prepared, doc)
    except PipelineError as exc:
        return item.sha256, exc


def _remove_empty_folders(folder: Path, top: Path) -> None:
    top = top.resolve()
    while folder.resolve() != top and top in folder.resolve().parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
