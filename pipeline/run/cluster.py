"""The work on a Dask cluster: a local one (`--jobs N` workers) or one at `--address`.

The driver (this process) stays the only writer: it reads each source's bytes, sends them with
the task, receives the Document JSON bytes and writes them; workers never see OUT (remote ones
may not even see the sources). The model is loaded once per worker by a WorkerPlugin, never
shipped. Chunks of a few dozen sources keep per-task overhead small; at most two chunks per
worker are in flight, so a million-source run never holds a million futures. Every result says
which versions made it: a worker with other versions than this machine's cache key (a late
joiner too) stops the run before anything of its is written.

Imported only for `--executor dask`: Dask is an optional extra.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

import dask
from distributed import Client, Future, LocalCluster, WorkerPlugin, as_completed
from distributed.worker import Worker as DaskWorker

from pipeline.cachekey import current_config
from pipeline.errors import ClusterError, VersionSkewError, WorkerCrashError
from pipeline.run.items import Outcome, Planned
from pipeline.run.process import Done, Task, process, tasks_of, warm_up_worker
from pipeline.run.settings import Options, Settings

CHUNK_SIZE = 16
"""Sources per task: about 5 s of work, against a few ms of scheduling per task."""
TAIL_CHUNKS = 8
"""A run of fewer than this many full chunks per worker gets smaller ones."""
RECOUNT_SECONDS = 10.0
IN_FLIGHT = 2
"""Chunks submitted per worker: one running, one waiting, so no worker idles between tasks."""
LOCAL_CONFIG = {
    # Idle bookkeeping of a 2-worker local cluster measured 0.083 CPU-s per second with Dask's
    # defaults, 0.018 with the settings below: a run on a busy machine pays it all along.
    "distributed.worker.profile.enabled": False,  # the statistical profiler
    "distributed.worker.profile.interval": "1h",
    "distributed.worker.profile.cycle": "2h",
    "distributed.admin.tick.interval": "1s",  # event-loop health check, 20 ms by default
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing": False,  # tasks wait on the scheduler until a worker
    # is free (they have no dependencies), so there is nothing to steal
    "distributed.scheduler.allowed-failures": 1,  # a task whose worker died: retried once
    # glibc's own trimming, as in a local run: Dask's 64 KiB threshold cost spaCy workers about
    # 5% more CPU per source (measured 186 -> 172 ms)
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
WAIT_FOR_WORKERS = 60.0
"""Seconds to wait for a first worker on a scheduler that has none yet."""
Versions = dict[str, str]


def reported_versions(settings: Settings) -> Versions:
    """What a worker's outputs depend on besides the source: compared with the driver's."""
    return _versions(settings)


@functools.cache
def _versions(settings: Settings) -> Versions:
    config = current_config(settings.by_stage(), settings.model_name)
    stages = {f"{stage} stage": str(number) for stage, number in config.stages.items()}
    return {**config.versions, **stages}


def skew(expected: Versions, found: Versions, where: str) -> VersionSkewError | None:
    """The error naming what differs between the driver's versions and a worker's, if any."""
    names = sorted(n for n in {*expected, *found} if expected.get(n) != found.get(n))
    if not names:
        return None
    shown = ", ".join(
        f"{n} {expected.get(n, 'absent')} here, {found.get(n, 'absent')} there" for n in names
    )
    return VersionSkewError(f"the Dask worker {where} has other versions: {shown}")


class ModelPlugin(WorkerPlugin):
    """Loads the model once in each worker, late joiners included, and warms it up."""

    name = "news-facts-model"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: DaskWorker) -> None:
        warm_up(self.settings)


@functools.cache
def warm_up(settings: Settings) -> None:
    """Load the model and run WARM_UP through it, once per process (a plugin registered again
    by the next run on the same cluster costs nothing)."""
    with _ONE_AT_A_TIME:
        warm_up_worker(settings)


_ONE_AT_A_TIME = threading.Lock()
"""A spaCy pipeline is not meant to be shared by threads: a worker started with several
threads runs its chunks one after the other (one thread per worker process is the setup)."""


def _work(tasks: list[Task], settings: Settings) -> tuple[Versions, list[Outcome]]:
    """On a worker: the versions it ran with, and one Outcome per task."""
    with _ONE_AT_A_TIME:
        return reported_versions(settings), list(process(tasks, settings))


def _versions_on_worker(settings: Settings) -> Versions:
    return reported_versions(settings)


class DaskExecutor:
    """Chunks of tasks on a Dask cluster, written by the driver as each chunk returns."""

    def __init__(self, settings: Settings, options: Options, total: int, phase: Any) -> None:
        self.settings, self.options, self.total, self.phase = settings, options, total, phase
        self.expected = _versions(settings)
        self.chunk_size = CHUNK_SIZE
        self.workers = 1
        self._counted = 0.0
        self._stack = contextlib.ExitStack()
        self._client: Client | None = None

    def __enter__(self) -> DaskExecutor:
        try:
            self._start()
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def _start(self) -> None:
        self.phase("starting Dask")
        stack = self._stack
        if self.options.address:
            client = stack.enter_context(_connect(self.options.address))
        else:
            stack.enter_context(dask.config.set(LOCAL_CONFIG))
            cluster = LocalCluster(
                n_workers=max(1, min(self.options.jobs, self.total)),
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
            stack.enter_context(cluster)
            client = stack.enter_context(Client(cluster))
        self._client = client
        try:
            client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
        except TimeoutError:
            raise ClusterError(
                f"the Dask scheduler {self.options.address} has no workers",
                hint="start some with `dask worker ADDRESS`",
            ) from None
        found = client.run(_versions_on_worker, self.settings)
        for where, versions in sorted(found.items()):
            error = skew(self.expected, versions, where)
            if error is not None:
                raise error
        self.workers = len(found)
        self._counted = time.monotonic()
        # Small runs in smaller chunks: every worker gets some, and the last chunks (when some
        # workers already idle) are short.
        share = -(-self.total // (self.workers * TAIL_CHUNKS))
        self.chunk_size = max(1, min(CHUNK_SIZE, share))
        self.phase("loading the model")
        client.register_plugin(ModelPlugin(self.settings))
        self.phase("extracting")

    def _count_workers(self) -> None:
        """Follow workers joining or leaving: at most every RECOUNT_SECONDS (it asks the
        scheduler); one chunk in flight per thread is what fills a worker."""
        now = time.monotonic()
        if self._client is None or now - self._counted < RECOUNT_SECONDS:
            return
        self._counted = now
        with contextlib.suppress(Exception):  # keep the last count
            self.workers = max(1, sum(self._client.nthreads().values()))

    def map(self, chunks: Iterable[list[Planned]]) -> Iterator[Done]:
        assert self._client is not None
        client, pending = self._client, iter(chunks)
        running = as_completed()
        sent: dict[Any, list[tuple[Planned, Task]]] = {}
        early: list[Done] = []

        def submit(tasks: list[tuple[Planned, Task]]) -> None:
            future = client.submit(
                _work, [t for _, t in tasks], self.settings, retries=1, pure=False
            )
            sent[future.key] = tasks
            running.add(future)

        def refill() -> None:
            self._count_workers()
            while running.count() < IN_FLIGHT * self.workers:
                chunk = next(pending, None)
                if chunk is None:
                    return
                tasks, failed = tasks_of(chunk)
                early.extend(failed)
                if tasks:
                    submit(tasks)

        refill()
        yield from _drain(early)
        for future in running:
            tasks = sent.pop(future.key)
            try:
                versions, outcomes = future.result()
            except Exception as exc:
                if len(tasks) > 1:  # find the source that kills workers: each alone
                    for pair in tasks:
                        submit([pair])
                else:
                    yield tasks[0][0], _lost(tasks[0][1], exc)
            else:
                error = skew(self.expected, versions, _who(future))
                if error is not None:
                    raise error
                yield from zip([item for item, _ in tasks], outcomes, strict=True)
            future.release()
            refill()
            yield from _drain(early)


def _connect(address: str) -> Client:
    """A client of the scheduler at `address`; a PipelineError when it cannot be reached."""
    try:
        return Client(address, timeout="30s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address}: {exc}",
            hint="start one with `dask scheduler` and workers with `dask worker ADDRESS`",
        ) from None


def _lost(task: Task, exc: BaseException) -> Outcome:
    """The Outcome of a source whose task failed twice (its worker died, or the task raised)."""
    why = f"{type(exc).__name__}: {exc}".strip(": ")
    error = WorkerCrashError(f"the Dask worker died or failed on this source ({why})")
    return Outcome(task.sha256, error=error)


def _who(future: Future[Any]) -> str:
    """The worker that computed a future, for a message (best effort)."""
    try:
        found = future.client.who_has([future]).get(future.key)
    except Exception:
        found = None
    return ", ".join(found) if found else "(one of the cluster's)"


def _drain(pairs: list[Done]) -> Iterator[Done]:
    while pairs:
        yield pairs.pop(0)
