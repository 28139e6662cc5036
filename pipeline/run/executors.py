"""Where the work runs: in this process, in forked worker processes, or on a Dask cluster.

Every executor runs the same work function (process.process) on Tasks the driver made (the
source's bytes read here), and hands back (item, Outcome) pairs in the order they finish; the
driver writes each as it arrives. Executors take the chunks lazily, so a large run never holds
more than a few chunks of source bytes in memory.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Protocol, TypeVar

from pipeline.errors import MissingExtraError, SourceTimeoutError, WorkerCrashError
from pipeline.run.items import Outcome, Planned
from pipeline.run.process import Task, process, tasks_of, warm_up_worker, worker_for
from pipeline.run.settings import Options, Settings

BATCH_SIZE = 32
"""Sources per chunk in one process (each streams per group, see process.PIPE_SIZE)."""

SHARES = 4
"""With several workers, each batch is at most this fraction (1/(jobs * SHARES)) of the
sources left (see `guided`)."""


T = TypeVar("T")


class Executor(Protocol):
    """Runs the work function on chunks of planned sources."""

    chunk_size: int
    """Sources per chunk (the driver reads this many sources' bytes at a time)."""

    def __enter__(self) -> Executor: ...

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def map(self, chunks: Iterable[list[Planned]]) -> Iterator[tuple[Planned, Outcome]]:
        """(item, outcome) for every item of every chunk, as each is done."""
        ...


Phase = Callable[[str], None]


def executor_for(settings: Settings, options: Options, total: int, phase: Phase) -> Executor:
    """The executor the options ask for, for `total` sources to do (Dask imported only then)."""
    if options.executor == "dask":
        return _dask(settings, options, total, phase)
    if options.jobs <= 1 and options.timeout <= 0:  # no budget: in this process
        return SerialExecutor(settings, phase)
    return PoolExecutor(settings, options, total, phase)


def _dask(settings: Settings, options: Options, total: int, phase: Phase) -> Executor:
    try:
        from pipeline.run.cluster import DaskExecutor
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] not in ("dask", "distributed"):
            raise
        raise MissingExtraError(
            "--executor dask needs Dask (dask[distributed]), which is not installed",
            hint="pip install 'news-facts-pipeline[dask]'",
        ) from None
    return DaskExecutor(settings, options, total, phase)


class SerialExecutor:
    """In this process, without a time budget: what a profiler or debugger sees."""

    def __init__(self, settings: Settings, phase: Phase) -> None:
        self.settings, self.phase = settings, phase
        self.chunk_size = BATCH_SIZE

    def __enter__(self) -> SerialExecutor:
        self.phase("loading the model")
        worker_for(self.settings).pipeline_info()
        self.phase("extracting")
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def map(self, chunks: Iterable[list[Planned]]) -> Iterator[tuple[Planned, Outcome]]:
        for chunk in chunks:
            tasks, failed = tasks_of(chunk)
            yield from failed
            items = [item for item, _ in tasks]
            outcomes = process([task for _, task in tasks], self.settings)
            yield from zip(items, outcomes, strict=True)


class PoolExecutor:
    """In `jobs` worker processes, each source within the time budget (pipeline.workers).

    Where fork exists the workers are forked from this process once the model is loaded, so a
    worker replaced after a source over budget starts at once.
    """

    def __init__(self, settings: Settings, options: Options, total: int, phase: Phase) -> None:
        from pipeline.workers import Pool

        self.settings, self.phase = settings, phase
        self.jobs = jobs = max(1, min(options.jobs, total))
        self.total = total
        self.chunk_size = BATCH_SIZE
        timeout = options.timeout
        self.pool: Pool[Task, Outcome] = Pool(
            jobs,
            timeout,
            _pool_init,
            (settings,),
            functools.partial(_over_budget, timeout),
            _crashed,
        )

    def __enter__(self) -> PoolExecutor:
        from pipeline.workers import start_method

        self.phase("loading the model")
        if start_method() == "fork":  # load and warm the model here: workers inherit it
            warm_up_worker(self.settings)
        else:
            _check_model(self.settings.model_name)
        self.phase("extracting")
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.close()

    def map(self, chunks: Iterable[list[Planned]]) -> Iterator[tuple[Planned, Outcome]]:
        waiting: dict[int, Planned] = {}

        def batches() -> Iterator[list[Task]]:
            for chunk in chunks:
                tasks, failed = tasks_of(chunk)
                early.extend(failed)
                for item, task in tasks:
                    waiting[id(task)] = item
                if tasks:
                    yield [task for _, task in tasks]

        early: list[tuple[Planned, Outcome]] = []
        shares = guided(batches(), self.total, self.jobs) if self.jobs > 1 else batches()
        for task, outcome in self.pool.map(shares):
            yield from _drain(early)
            yield waiting.pop(id(task)), outcome
        yield from _drain(early)


def guided(batches: Iterable[list[T]], total: int, jobs: int) -> Iterator[list[T]]:
    """The same items in order, re-cut into batches that shrink as the run nears its end, each
    a (jobs * SHARES)th of the `total` items not yet handed out, at most BATCH_SIZE, at least 1.

    A worker's model groups are as large as its batch (process.PIPE_SIZE): large batches early
    keep the model fast, small ones at the end keep every worker busy until the last source
    ("guided" scheduling). Batches are cut as the pool asks for them."""
    buffer: list[T] = []
    left = total

    def size() -> int:
        return max(1, min(BATCH_SIZE, -(-left // (jobs * SHARES))))

    for batch in batches:
        buffer.extend(batch)
        while len(buffer) >= size():
            n = size()
            yield buffer[:n]
            del buffer[:n]
            left -= n
    while buffer:
        n = size()
        yield buffer[:n]
        del buffer[:n]
        left -= n


def _drain(pairs: list[tuple[Planned, Outcome]]) -> Iterator[tuple[Planned, Outcome]]:
    while pairs:
        yield pairs.pop(0)


def _check_model(name: str) -> None:
    """Fail before starting workers that could not load the model."""
    from spacy.util import is_package

    if not is_package(name) and not Path(name).exists():
        from pipeline.extract.nlp import missing_model

        raise missing_model(name)


def _pool_init(settings: Settings) -> Callable[[list[Task]], Iterator[Outcome]]:
    """In a worker: the model (inherited when forked, else loaded once) and the batch function."""
    worker_for(settings).pipeline_info()
    return functools.partial(process, settings=settings)


def _over_budget(timeout: float, task: Task) -> Outcome:
    error = SourceTimeoutError(f"took longer than the {timeout:g} s budget for one source; stopped")
    return Outcome(task.sha256, error=error)


def _crashed(task: Task, why: str) -> Outcome:
    error = WorkerCrashError(f"the worker process died on this source ({why})")
    return Outcome(task.sha256, error=error)
