"""The driver of a run: plan under OUT's lock, hand the work to an executor, store what returns.

Only what changed is redone: each source's cache key (pipeline.cachekey) is compared with the
output folder's manifest first, and an up-to-date source is skipped without importing the clean
stage, spaCy or pydantic. One broken source never stops the others: its error is in its Result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import DuplicateOutputError
from pipeline.records.plan import chunked, with_bodies
from pipeline.run.executors import Executor, executor_for
from pipeline.run.items import Plan, Planned, Report, Result
from pipeline.run.plan import make_plan
from pipeline.run.process import worker_for
from pipeline.run.settings import Options, Settings
from pipeline.run.store import Store, remove_temporaries
from pipeline.sources import SourceFile
from pipeline.write.lock import locked
from pipeline.write.paths import UnsafePathError

if TYPE_CHECKING:
    from spacy.language import Language

    from pipeline.validate.models import PipelineInfo


class Runner:
    def __init__(self, out: Path, settings: Settings, options: Options | None = None) -> None:
        self.out = out
        self.settings = settings
        self.options = options or Options()
        self._store: Store | None = None
        self._on_phase: Callable[[str], None] | None = None

    @property
    def saved(self) -> int:
        """Outputs this run has written so far (what an interrupted run can say it saved)."""
        return self._store.saved if self._store is not None else 0

    @property
    def nlp(self) -> Language:
        """This process's model for the run's settings (loaded once, on first use)."""
        return worker_for(self.settings).nlp

    def pipeline_info(self) -> PipelineInfo:
        return worker_for(self.settings).pipeline_info()

    def _phase(self, name: str) -> None:
        if self._on_phase is not None:
            self._on_phase(name)

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
        starts loading and when extraction starts. An executor that cannot start (a Dask
        cluster with other versions) stops the run before anything is written.
        """
        self._on_phase = on_phase

        def takeover(who: str) -> None:
            remove_temporaries(self.out)
            if on_takeover is not None:
                on_takeover(who)

        with locked(self.out, self.options.wait, on_wait, takeover):
            plan = make_plan(
                self.out, sources, roots, self.settings, self.options.force, unlisted=unlisted
            )
            self._store = Store(self.out, plan.manifest, plan.config, self.options.history)
            if on_start is not None:
                on_start(plan)
            todo = sum(1 for i in plan.items if i.error is None and not i.verdict.fresh)
            # Nothing to do: no executor (a no-op run never imports Dask nor loads spaCy).
            executor = None
            if todo:
                executor = executor_for(self.settings, self.options, todo, self._phase)
            with executor if executor is not None else _nothing():
                return self._run_plan(plan, executor, on_result)

    def _run_plan(
        self, plan: Plan, executor: Executor | None, on_result: Callable[[Result], None] | None
    ) -> Report:
        """Store every source's result and remove the orphans; the manifest saved at the end."""
        assert self._store is not None
        store, report = self._store, Report()
        try:
            for result in self._results(plan, executor):
                report.results.append(result)
                if on_result is not None:
                    on_result(result)
            order = {id(item.source): i for i, item in enumerate(plan.items)}
            report.results.sort(key=lambda r: order.get(id(r.source), len(order)))
            report.orphans = plan.orphans
            if not self.options.keep_orphans:
                for name in plan.orphans:
                    problem = store.remove(name)
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

    def _results(self, plan: Plan, executor: Executor | None) -> Iterator[Result]:
        """Each source's Result: the failed and fresh first, then the rest as each is done."""
        assert self._store is not None
        store, manifest = self._store, plan.manifest
        todo: list[Planned] = []
        for item in plan.items:
            if item.error is not None:
                if item.output and not isinstance(
                    item.error, DuplicateOutputError | UnsafePathError
                ):
                    store.remove(item.output)
                yield Result(item.source, "failed", error=item.error)
                continue
            if item.verdict.fresh:
                entry = manifest.entries[item.output]
                recorded = (entry.root, entry.root_kind, entry.source_stat, entry.output_stat)
                if recorded != (item.root, item.root_kind, item.source_stat, item.output_stat):
                    store.record_entry(
                        item, entry.output_sha256, entry.written, output_stat=item.output_stat
                    )
                yield Result(item.source, "unchanged")
                continue
            todo.append(item)
        if todo:
            assert executor is not None
            chunks = chunked(with_bodies(todo), executor.chunk_size)
            for item, outcome in executor.map(chunks):
                yield store.finish(item, outcome)


class _nothing:
    """A context manager that does nothing: no executor is started for a no-op run."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
