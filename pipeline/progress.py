"""Progress of a run on stderr: a live bar on a terminal, a plain line every few seconds otherwise.

A run has phases (loading the model, then extracting); the count moves per document. Without a
terminal (a log file, CI, a pipe) a live bar would print nothing, so a plain line is written as
documents finish, at most every `interval` seconds, and nothing for a run shorter than that.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from rich.progress import Progress as Bar
    from rich.progress import TaskID

PLAIN_SECONDS = 5.0
"""Seconds between two plain progress lines when stderr is not a terminal."""


class Progress:
    """Documents done out of `total`, under the name of the current phase."""

    def __init__(
        self, console: Console, total: int, *, interval: float | None = None, live: bool = False
    ) -> None:
        self.console = console
        self.total = total
        self.done = 0
        self.phase_name = "extracting"
        self.interval = PLAIN_SECONDS if interval is None else interval
        self._start = time.monotonic()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._bar: Bar | None = None
        self._task: TaskID | None = None
        self._thread: threading.Thread | None = None
        if live:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            columns = (
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            )
            self._bar = Progress(*columns, console=console, transient=True)
            self._task = self._bar.add_task(self.phase_name, total=total)
            with _signals_to_main_thread():
                self._bar.start()
        self._printed = self._start

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def phase(self, name: str) -> None:
        with self._lock:
            self.phase_name = name
        self._plain()
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, description=name)

    def advance(self) -> None:
        with self._lock:
            self.done += 1
        self._plain()
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task)

    def line(self) -> str:
        """The plain progress line, e.g. `extracting: 12/168 documents, 8.1 s`."""
        with self._lock:
            name, done = self.phase_name, self.done
        noun = "document" if self.total == 1 else "documents"
        return f"{name}: {done}/{self.total} {noun}, {time.monotonic() - self._start:.1f} s"

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def _plain(self) -> None:
        """Without a bar: the line, when `interval` has passed since the last one.

        Printed from the run's own thread as documents finish (no timer thread: Ctrl-C must
        reach the main thread while it waits on the workers).
        """
        now = time.monotonic()
        if self._bar is None and now - self._printed >= self.interval:
            self._printed = now
            self.console.print(self.line(), highlight=False, markup=False, soft_wrap=True)


@contextmanager
def _signals_to_main_thread() -> Iterator[None]:
    """Threads started inside block SIGINT and SIGTERM (a new thread inherits the mask).

    Else the kernel may hand Ctrl-C to the progress thread: Python then only sets a flag, and a
    main thread blocked waiting for a worker's result would not see it until that wait ends.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
