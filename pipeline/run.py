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
import pickle
import re
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

from pipeline import __version__
from pipeline.cachekey import Config, cache_key, current_config
from pipeline.errors import (
    DuplicateOutputError,
    InternalError,
    ModelNotFoundError,
    OutputError,
    PipelineError,
    SourceError,
    SourceTimeoutError,
    WorkerCrashError,
    WorkerError,
)
from pipeline.records import Record, is_container
from pipeline.records.plan import Containers, chunked, with_bodies
from pipeline.sources import SourceFile
from pipeline.write import history
from pipeline.write.atomic import write_atomic
from pipeline.write.lock import locked
from pipeline.write.manifest import Entry, Fingerprint, Manifest, RootKind, Verdict, fingerprint
from pipeline.write.paths import UnsafePathError, confined, is_output_name

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from pipeline.clean.document import CleanDoc
    from pipeline.validate.models import Document, PipelineInfo

Status = Literal["written", "unchanged", "failed"]
BATCH_SIZE = 32
PIPE_SIZE = 4
"""Sources per nlp.pipe call inside a batch: each is reported as soon as its group is done, so
progress moves per document, not per batch. Measured on 32 real articles, CPU seconds of the
whole process (3 runs): groups of 32 6.4-8.0, of 8 6.6-7.5, of 4 6.2-7.0: no cost."""
DEFAULT_TIMEOUT = 120.0
ERRORS_LOG = ".pipeline-errors.log"
"""OUT/.pipeline-errors.log: the traceback of each internal error, never shown on screen."""
STAGES = ("read", "clean", "extract", "validate")
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
    """Worker processes for cleaning and extraction."""
    timeout: float = DEFAULT_TIMEOUT
    """Seconds one source may take to clean, extract and validate; 0: no budget (in-process)."""


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
    rechecked: bool = False
    """Extracted again (status "unchanged"), but the new output's bytes equal the old ones."""


@dataclass
class Outcome:
    """What processing one source gave: its Document or why it failed (made in a worker)."""

    sha256: str
    document: Document | None = field(default=None, repr=False)
    error: PipelineError | None = None
    traceback: str | None = field(default=None, repr=False)
    """For an internal error: the traceback, for OUT/.pipeline-errors.log."""


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Run-level trouble that did not stop the run (an unsaved manifest, an orphan kept)."""
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
    error: PipelineError | None = None
    record: Record | None = field(default=None, repr=False)
    """For a record of a container (see pipeline.records): its bytes, kept only while it is
    still to be processed, and the metadata its container gives."""


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
        self.saved = 0
        """Outputs this run has written so far (what an interrupted run can say it saved)."""
        self._on_phase: Callable[[str], None] | None = None

    @property
    def nlp(self) -> Language:
        """Loaded on first use: a run with nothing to extract never pays for spaCy."""
        if self._nlp is None:
            from pipeline.extract.nlp import load_nlp

            self._nlp = load_nlp(self.settings.model_name)
        return self._nlp

    def _phase(self, name: str) -> None:
        if self._on_phase is not None:
            self._on_phase(name)

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
        unlisted: Sequence[tuple[Path, str]] = (),
        on_start: Callable[[Plan], None] | None = None,
        on_wait: Callable[[str], None] | None = None,
        on_takeover: Callable[[str], None] | None = None,
        on_phase: Callable[[str], None] | None = None,
    ) -> Report:
        """Bring OUT up to date with `sources`, found under the input paths `roots`.

        Holds OUT's lock throughout. Outputs whose source is gone from one of `roots` that is a
        folder are removed (unless keep_orphans), except under the `unlisted` (root, subfolder)
        pairs that could not be listed; each replaced or removed output is kept in
        OUT/.history/ first. Failures of one source are in its Result; failures to remove an
        orphan or save the manifest are in Report.problems. `on_phase` is told when the model
        starts loading and when extraction starts.
        """
        report = Report()
        self._on_phase = on_phase

        def takeover(who: str) -> None:
            self._remove_temporaries()
            if on_takeover is not None:
                on_takeover(who)

        with locked(self.out, self.options.wait, on_wait, takeover):
            plan = make_plan(
                self.out, sources, roots, self.settings, self.options.force, unlisted=unlisted
            )
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
                        problem = self._remove(name)
                        if problem is None:
                            report.removed.append(name)
                        else:
                            report.problems.append(f"{name}: not removed: {problem}")
            finally:
                try:
                    plan.manifest.save()
                except OSError as exc:
                    report.problems.append(
                        f"cannot save the manifest {plan.manifest.path}: {exc.strerror or exc}"
                        "; the next run redoes this run's work"
                    )
        return report

    def _results(self, plan: Plan) -> Iterator[Result]:
        manifest = plan.manifest
        todo: list[Planned] = []
        for item in plan.items:
            if item.error is not None:
                if item.output and not isinstance(
                    item.error, DuplicateOutputError | UnsafePathError
                ):
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
            todo.append(item)
        if not todo:
            return
        if self.options.jobs <= 1 and self.options.timeout <= 0:  # no budget: in this process
            self._phase("loading the model")
            self.pipeline_info()
            self._phase("extracting")
            for batch in chunked(with_bodies(todo), BATCH_SIZE):
                for item, outcome in zip(batch, self.process(batch), strict=True):
                    yield self._finish(item, outcome)
            return
        yield from self._results_in_workers(todo)

    def _results_in_workers(self, items: list[Planned]) -> Iterator[Result]:
        """Clean, extract and validate in worker processes; writing and the manifest stay here.

        The workers are forked from this process once the model is loaded (where fork exists),
        so a worker replaced after a source over budget starts at once.
        """
        from pipeline.workers import Pool, start_method

        self._phase("loading the model")
        if start_method() == "fork":
            self.pipeline_info()  # load the model here: the workers inherit it
        else:
            from spacy.util import is_package

            name = self.settings.model_name
            if not is_package(name) and not Path(name).exists():
                from pipeline.extract.nlp import missing_model

                raise missing_model(name)
        jobs = min(self.options.jobs, len(items))
        # Results stream back per PIPE_SIZE group, so with several workers small batches cost
        # nothing and keep them all busy to the end (a few sources: one at a time, so that
        # every worker gets some); one worker takes the largest.
        size = min(PIPE_SIZE, -(-len(items) // (jobs * 4))) if jobs > 1 else BATCH_SIZE
        # Records' bytes are read back from their files a few batches ahead of the workers, so
        # a large crawl is never held in memory whole; plain files are read by the workers.
        ahead = len(items) if all(i.record is None for i in items) else size * jobs * 8
        timeout = self.options.timeout

        def over_budget(item: Planned) -> Outcome:
            error = SourceTimeoutError(
                f"took longer than the {timeout:g} s budget for one source; stopped"
            )
            return Outcome(item.sha256, error=error)

        def crashed(item: Planned, why: str) -> Outcome:
            error = WorkerCrashError(f"the worker process died on this source ({why})")
            return Outcome(item.sha256, error=error)

        pool: Pool[Planned, Outcome] = Pool(
            jobs, timeout, _worker_init, (self.settings,), over_budget, crashed
        )
        self._phase("extracting")
        with pool:
            for chunk in chunked(with_bodies(items), ahead):
                batches = [chunk[i : i + size] for i in range(0, len(chunk), size)]
                for item, outcome in pool.map(batches):
                    yield self._finish(item, outcome)

    def process(self, items: list[Planned]) -> Iterator[Outcome]:
        """Clean, extract and validate a batch: one Outcome per source, in order, as each is done.

        Never raises for a source's trouble: it is in that source's Outcome.

        This is the boundary that keeps one source's trouble its own: an expected failure
        (SourceError) keeps its reason and hint; anything else becomes an InternalError naming
        the stage, with the traceback kept for the errors log.
        """
        for start in range(0, len(items), PIPE_SIZE):
            yield from self._process_group(items[start : start + PIPE_SIZE])

    def _process_group(self, items: list[Planned]) -> list[Outcome]:
        """`process` for a few sources sharing one nlp.pipe call."""
        outcomes: list[Outcome | None] = [None] * len(items)
        prepared: list[tuple[int, _Prepared]] = []
        for i, item in enumerate(items):
            try:
                prepared.append((i, self._prepare(item)))
            except Exception as exc:
                outcomes[i] = _failure(item, "clean", exc)
        docs = self._pipe([p for _, p in prepared])
        for (i, p), doc in zip(prepared, docs, strict=True):
            if isinstance(doc, Outcome):
                outcomes[i] = doc
                continue
            try:
                outcomes[i] = Outcome(p.planned.sha256, document=self._document(p, doc))
            except Exception as exc:
                outcomes[i] = _failure(p.planned, "validate", exc)
        return [
            o if o is not None else _failure(items[i], "run", None) for i, o in enumerate(outcomes)
        ]

    def _pipe(self, batch: list[_Prepared]) -> list[Doc | Outcome]:
        """The processed Doc of each source (in one nlp.pipe), or the failure of that source."""
        if not batch:
            return []
        from pipeline.extract.nlp import annotate, make_doc

        nlp = self.nlp

        def fresh(p: _Prepared) -> Doc:
            return make_doc(nlp, p.clean, reference_date(p.clean, self.settings.published))

        try:
            return list(annotate(nlp, [fresh(p) for p in batch], batch_size=len(batch)))
        except Exception:  # one bad document must not fail the batch: redo one by one
            pass
        docs: list[Doc | Outcome] = []
        for p in batch:
            try:
                docs.append(annotate(nlp, [fresh(p)])[0])
            except Exception as exc:
                docs.append(_failure(p.planned, "extract", exc))
        return docs

    def _prepare(self, item: Planned) -> _Prepared:
        from pipeline.clean import clean_source, detect_format

        if item.error is not None:  # found when its bytes were read back (see with_bodies)
            raise item.error
        if item.record is not None:  # an article from a container: its bytes came with it
            from pipeline.records import fill_metadata

            record = item.record
            clean = clean_source(record.body, record.format)
            fill_metadata(clean.metadata, record.metadata)
            return _Prepared(item, record.body, clean)

        fmt = detect_format(item.source.path)
        try:
            data = item.source.path.read_bytes()
        except OSError as exc:
            raise SourceError(f"cannot read: {exc.strerror or exc}") from exc
        digest = hashlib.sha256(data).hexdigest()
        if digest != item.sha256:  # changed since planned: hash the bytes actually used
            item.sha256, item.source_stat = digest, None
        return _Prepared(item, data, clean_source(data, fmt))

    def _document(self, prepared: _Prepared, doc: Doc) -> Document:
        from pipeline.validate.assemble import to_document
        from pipeline.validate.models import Source

        item = prepared.planned
        record = Source(
            path=item.source.source_name, sha256=item.sha256, format=prepared.clean.format
        )
        return to_document(doc, prepared.clean, item.source.doc_id, record, self.pipeline_info())

    def _finish(self, item: Planned, outcome: Outcome) -> Result:
        """Write one source's outcome (in this process): its output, or its failure."""
        if outcome.sha256 != item.sha256:
            item.sha256, item.source_stat = outcome.sha256, None
        reasons = item.verdict.reasons
        if outcome.traceback is not None:
            self._log_error(item, outcome)
        if outcome.error is not None or outcome.document is None:
            self._remove(item.output)
            error = outcome.error or InternalError("internal error in run: no document")
            return Result(item.source, "failed", error=error, reasons=reasons)
        try:
            return self._store(item, outcome.document)
        except Exception as exc:  # a bug in writing: this source's failure, not the run's
            failed = _failure(item, "write", exc)
            self._log_error(item, failed)
            return Result(item.source, "failed", error=failed.error, reasons=reasons)

    def _store(self, item: Planned, document: Document) -> Result:
        from pipeline.write.serialize import dump_document

        source = item.source
        reasons = item.verdict.reasons
        try:
            target = confined(self.out, item.output)
            data = dump_document(document)
            previous = self._previous(item.output)
            if previous != data:
                if previous is not None:
                    try:
                        self._keep(item.output, _doc_id(item.output), previous)
                    except OSError as exc:
                        raise OutputError(
                            f"cannot keep the previous output in {history.HISTORY_DIR}/ "
                            f"({exc.strerror or exc}); the previous output is left in place",
                            hint="make OUT/.history writable, or run with --history 0",
                        ) from exc
                write_atomic(target, data)
                self.saved += 1
        except PipelineError as exc:
            return Result(source, "failed", error=exc, reasons=reasons)
        except OSError as exc:
            error = OutputError(
                f"cannot write output: {exc.strerror or exc}",
                hint="check that the output folder is writable and the disk is not full",
            )
            return Result(source, "failed", error=error, reasons=reasons)
        self._record_entry(item, hashlib.sha256(data).hexdigest(), _now())
        if previous == data:
            return Result(source, "unchanged", reasons=reasons, rechecked=True)
        return Result(
            source,
            "written",
            target,
            document=document,
            reasons=reasons,
            previous=previous,
            created=previous is None,
        )

    def _previous(self, output: str) -> bytes | None:
        try:
            return confined(self.out, output).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None

    def _log_error(self, item: Planned, outcome: Outcome) -> None:
        """Append an internal error's traceback to OUT/.pipeline-errors.log (best effort)."""
        text = (
            f"--- {_now()} {item.source.label}\n{outcome.error}\n{outcome.traceback or ''}\n"
        ).encode("utf-8", "backslashreplace")
        try:
            path = confined(self.out, ERRORS_LOG)
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except (OSError, PipelineError):
            return
        try:
            os.write(fd, text)
        except OSError:
            pass
        finally:
            os.close(fd)

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
            record=getattr(item.source, "key", None) or None,
        )
        self._manifest.record(item.output, entry, self._config)
        now = time.monotonic()
        if now - self._saved_at >= SAVE_SECONDS:
            with contextlib.suppress(OSError):  # tried again (and reported) at the end
                self._manifest.save()
            self._saved_at = now

    def _keep(self, output: str, doc_id: str, data: bytes) -> None:
        """Put an output about to be replaced or removed into OUT/.history/."""
        assert self._manifest is not None
        entry = self._manifest.entries.get(output)
        written: dt.datetime | None = None
        if entry is not None and entry.output_sha256 == hashlib.sha256(data).hexdigest():
            with contextlib.suppress(ValueError):
                written = dt.datetime.fromisoformat(entry.written)
        if written is None:  # edited or untracked: the file's own time is all we know
            stamp = confined(self.out, output).stat().st_mtime
            try:
                written = dt.datetime.fromtimestamp(stamp, dt.UTC)
            except (OverflowError, ValueError, OSError):  # a time set far out of range
                written = dt.datetime.now(dt.UTC)
        history.keep(self.out, doc_id, data, written, self.options.history)

    def _remove(self, output: str) -> str | None:
        """Remove a stale output (its source is gone or failed), keeping it in history first.

        Returns why it could not be removed (then it is left in place), None when done.
        """
        assert self._manifest is not None
        try:
            target = confined(self.out, output)
            previous = self._previous(output)
            if previous is not None:
                self._keep(output, _doc_id(output), previous)
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                _remove_empty_folders(target.parent, self.out)
        except PipelineError as exc:
            return str(exc)
        except OSError as exc:
            return f"{exc.strerror or exc}"
        self._manifest.drop(output)
        return None

    def _remove_temporaries(self) -> None:
        """Temporary files a killed run left behind (only called while holding the lock)."""
        for folder, _dirs, files in os.walk(self.out):
            for name in files:
                if _TEMPORARY.match(name):
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(folder, name))


def _doc_id(output: str) -> str:
    """The document id of an output name: the name without `.json`."""
    return output[: -len(".json")] if output.endswith(".json") else output


def _failure(item: Planned, stage: str, exc: BaseException | None) -> Outcome:
    """The Outcome of a source whose processing raised `exc` in `stage`."""
    if isinstance(exc, PipelineError) and not isinstance(exc, ModelNotFoundError | WorkerError):
        return Outcome(item.sha256, error=_picklable(exc))
    if isinstance(exc, ModelNotFoundError | WorkerError):
        raise exc
    name = type(exc).__name__ if exc is not None else "no result"
    message = _one_line(str(exc)) if exc is not None else ""
    error = InternalError(f"internal error in {stage}: {name}" + (f": {message}" * bool(message)))
    trace = "".join(traceback.format_exception(exc)) if exc is not None else None
    return Outcome(item.sha256, error=error, traceback=trace)


def _picklable(exc: PipelineError) -> PipelineError:
    """The error itself when it survives the trip back from a worker, else its text and hint."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return SourceError(str(exc), exc.hint)
    return exc


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _worker_init(settings: Settings) -> Callable[[list[Planned]], Iterator[Outcome]]:
    """In a worker: the model (inherited when forked, else loaded once) and the batch function."""
    runner = Runner(Path("."), settings)
    runner.pipeline_info()
    return runner.process


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
