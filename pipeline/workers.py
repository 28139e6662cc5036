"""Worker processes with a time budget per task: a task over budget is stopped, not waited for.

A pool of processes that each take one batch of tasks at a time over a pipe and send each
task's result back as soon as it is done. When no result comes within the budget the worker is
killed and replaced; the tasks of its batch still waiting are then retried one task at a time, so
only a task that is itself over budget fails. A worker that dies
(crash, out of memory) is treated the same way. Workers exit when the parent dies, even a kill -9:
the kernel signals them (Linux), a thread watches the parent's pid, and the pipe reaches EOF.

On Linux workers are forked from a parent that has already loaded the model, so the model is
loaded once per run, whatever the number of workers and replacements; elsewhere each worker
loads it once at start.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from pipeline.errors import WorkerError

T = TypeVar("T")
R = TypeVar("R")

Init = Callable[..., Callable[[list[Any]], Iterable[Any]]]
"""A module-level function run once in each worker; returns the function doing one batch: it
gives one result per task, in order (a generator streams them as they are done)."""

PARENT_POLL_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1


def start_method() -> str:
    """fork where it exists (the model is shared, loaded once), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return "fork" if "fork" in methods and sys.platform == "linux" else "spawn"


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    batch: deque[Any] | None = None
    """The tasks sent to this worker whose results have not come back yet."""
    deadline: float = 0.0
    ready: bool = False


class Pool(Generic[T, R]):
    """Run batches of tasks in `jobs` worker processes, each result within `timeout` seconds."""

    def __init__(
        self,
        jobs: int,
        timeout: float | None,
        init: Init,
        init_args: tuple[Any, ...],
        over_budget: Callable[[T], R],
        crashed: Callable[[T, str], R],
    ) -> None:
        self.jobs = max(1, jobs)
        self.timeout = timeout if timeout and timeout > 0 else None
        self.init, self.init_args = init, init_args
        self.over_budget, self.crashed = over_budget, crashed
        self.context: Any = multiprocessing.get_context(start_method())
        self._forks = start_method() == "fork"
        self.workers: list[_Worker] = []
        self._lost_idle = 0

    def __enter__(self) -> Pool[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in self.workers:
            worker.process.join(timeout=1.0 if worker.batch is None else 0)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers = []

    def map(self, batches: Iterable[list[T]]) -> Iterator[tuple[T, R]]:
        """(task, result) for every task of every batch, as they finish.

        Batches are taken from `batches` only as workers are free for them."""
        queue: deque[list[T]] = deque()
        pending = iter(batches)
        while True:
            self._assign(queue, pending)
            if not queue and not any(w.batch is not None for w in self.workers):
                return
            busy = [w for w in self.workers if w.batch is not None]
            if not busy:
                continue
            now = time.monotonic()
            wait_for = None if self.timeout is None else max(min(w.deadline for w in busy) - now, 0)
            ready = set(wait([w.conn for w in busy], wait_for))
            for worker in busy:
                if worker.conn in ready or worker.conn.poll(0):
                    yield from self._receive(worker, queue)
                elif self.timeout is not None and time.monotonic() >= worker.deadline:
                    yield from self._expire(worker, queue)

    def _assign(self, queue: deque[list[T]], pending: Iterator[list[T]]) -> None:
        while True:
            if not queue:
                batch = next(pending, None)
                if batch is None:
                    return
                queue.append(batch)
            idle = [w for w in self.workers if w.batch is None]
            if not idle:
                if len(self.workers) >= self.jobs:
                    return
                idle = [self._start()]
            worker, batch = idle[0], queue.popleft()
            try:
                worker.conn.send(batch)
            except OSError:  # died while idle (e.g. killed for memory): replace it
                queue.appendleft(batch)
                self._discard(worker)
                self._lost_idle += 1
                if self._lost_idle > 3 * self.jobs:
                    raise WorkerError("worker processes keep dying before any work") from None
                continue
            worker.batch = deque(batch)
            worker.deadline = time.monotonic() + (self.timeout or 0)

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        # A forked worker inherits the parent's ends of every pipe, its own included: it closes
        # them so that each pipe reaches EOF when the parent is gone.
        others = [parent, *(w.conn for w in self.workers)] if self._forks else []
        process = self.context.Process(
            target=_serve,
            args=(child, self.init, self.init_args, os.getpid(), others),
            daemon=True,
        )
        if self._forks:  # the child's collector then leaves the shared model's pages alone
            gc.freeze()
        try:
            process.start()
        finally:
            if self._forks:
                gc.unfreeze()
        child.close()
        worker = _Worker(process, parent)
        try:  # wait until the model is loaded: loading is not part of any task's budget
            message = parent.recv()
        except (EOFError, OSError):
            message = ("failed", f"exit code {process.exitcode}")
        if message[0] != "ready":
            process.join(timeout=1.0)
            parent.close()
            raise WorkerError(f"a worker process could not start: {message[1]}")
        worker.ready = True
        self.workers.append(worker)
        return worker

    def _receive(self, worker: _Worker, queue: deque[list[T]]) -> Iterator[tuple[T, R]]:
        """The results the worker has sent so far; each one restarts its budget."""
        batch = worker.batch
        assert batch is not None
        while batch:
            try:
                result: R = worker.conn.recv()
            except (EOFError, OSError):
                yield from self._lost(worker, queue, _exit_reason(worker.process))
                return
            task = batch.popleft()
            if not batch:
                worker.batch = None
            worker.deadline = time.monotonic() + (self.timeout or 0)
            yield task, result
            if not batch or not worker.conn.poll(0):
                return

    def _expire(self, worker: _Worker, queue: deque[list[T]]) -> Iterator[tuple[T, R]]:
        batch = list(worker.batch or ())
        self._discard(worker)
        if len(batch) > 1:  # find which one: each alone, with its own budget
            queue.extendleft([task] for task in reversed(batch))
            return
        for task in batch:
            yield task, self.over_budget(task)

    def _lost(self, worker: _Worker, queue: deque[list[T]], why: str) -> Iterator[tuple[T, R]]:
        batch = list(worker.batch or ())
        self._discard(worker)
        if len(batch) > 1:
            queue.extendleft([task] for task in reversed(batch))
            return
        for task in batch:
            yield task, self.crashed(task, why)

    def _discard(self, worker: _Worker) -> None:
        worker.batch = None
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self.workers.remove(worker)


def _exit_reason(process: BaseProcess) -> str:
    process.join(timeout=5.0)
    code = process.exitcode
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}"


def _serve(
    conn: Connection, init: Init, init_args: tuple[Any, ...], parent: int, others: list[Connection]
) -> None:
    """A worker's life: load, then take batches until told to stop or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent to handle
    for other in others:
        other.close()
    _die_with_parent(parent)
    try:
        work = init(*init_args)
    except BaseException as exc:
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        if batch is None:
            return
        for result in work(batch):
            conn.send(result)


def _die_with_parent(parent: int) -> None:
    """Exit as soon as the parent process is gone, however it ended."""
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # died before the signal was set up
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
