"""One run at a time per output folder: an exclusive advisory lock on OUT/.pipeline.lock.

flock(2) locks belong to the open file, so the kernel releases them when the holder exits,
however it exits (kill -9 included): a lock is never stale. The file also holds the holder's
PID, host and start time, for the message a waiting run prints, and is emptied on a clean exit,
so a non-empty file found free means the previous run died (its work is redone by this one).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import OutputError

LOCK_NAME = ".pipeline.lock"
POLL_SECONDS = 0.1


class LockTimeoutError(OutputError):
    hint = "wait for the other run to finish, or give it longer with --wait SECONDS"


def holder(out: Path) -> str:
    """Who holds (or last held) the lock, as written in the lock file; '' when unknown."""
    try:
        return (out / LOCK_NAME).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


@contextmanager
def locked(
    out: Path,
    wait: float,
    on_wait: Callable[[str], None] | None = None,
    on_takeover: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the folder's lock inside the block; wait up to `wait` seconds for another run.

    Raises LockTimeoutError when the other run still holds it after `wait` seconds.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot use output folder {out}: {exc.strerror or exc}") from exc
    try:
        _acquire(fd, out, wait, on_wait)
        left = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip()
        if left and on_takeover is not None:
            on_takeover(left)
        started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()} since {started}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # releases the lock


def _acquire(fd: int, out: Path, wait: float, on_wait: Callable[[str], None] | None) -> None:
    deadline = time.monotonic() + max(wait, 0.0)
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError as exc:  # e.g. a file system without locks
            raise OutputError(
                f"cannot lock {out / LOCK_NAME}: {exc.strerror or exc}",
                hint="use an output folder on a local file system",
            ) from exc
        who = holder(out) or "another run"
        if time.monotonic() >= deadline:
            raise LockTimeoutError(f"{out} is in use by {who}")
        if not told and on_wait is not None:
            on_wait(f"{out} is in use by {who}; waiting up to {wait:g} s")
            told = True
        time.sleep(POLL_SECONDS)
