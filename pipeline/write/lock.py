"""One run at a time per output folder: an exclusive advisory lock on the folder OUT itself.

flock(2) locks belong to the open file, so the kernel releases them when the holder exits,
however it exits (kill -9 included): a lock is never stale. The lock is taken on the folder,
not on a file in it, because a file can be deleted under a live run and re-created by the next
one, which would then lock a different file. (Where folders cannot be locked, OUT/.pipeline.lock
is locked instead.) OUT/.pipeline.lock holds the holder's PID, host and start time, for the
message a waiting run prints, and is emptied on a clean exit, so a non-empty file found free
means the previous run died (its work is redone by this one).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import socket
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import OutputError

LOCK_NAME = ".pipeline.lock"
POLL_SECONDS = 0.1
NAME_SECONDS = 1.0


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
        fd = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise OutputError(f"cannot use output folder {out}: {exc.strerror or exc}") from exc
    info: int | None = None
    try:
        try:
            _acquire(fd, out, wait, on_wait)
        except _CannotLock:  # e.g. NFS, where flock needs a file open for writing
            os.close(fd)
            opened = _open_info(out, required=True)
            assert opened is not None
            fd = opened
            _acquire(fd, out, wait, on_wait)
        info = _open_info(out, required=False)
        if info is not None:
            left = os.pread(info, 4096, 0).decode("utf-8", "replace").strip()
            if left and on_takeover is not None:
                on_takeover(left)
            started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            line = f"pid {os.getpid()} on {socket.gethostname()} since {started}\n"
            with contextlib.suppress(OSError):
                os.ftruncate(info, 0)
                os.pwrite(info, line.encode(), 0)
        try:
            yield
        finally:
            if info is not None:
                with contextlib.suppress(OSError):
                    os.ftruncate(info, 0)
    finally:
        if info is not None and info != fd:
            os.close(info)
        os.close(fd)  # releases the lock


class _CannotLock(Exception):
    pass


def _open_info(out: Path, required: bool) -> int | None:
    """OUT/.pipeline.lock, opened for the holder's details (best effort unless required)."""
    try:
        return os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        if required:
            raise OutputError(f"cannot use output folder {out}: {exc.strerror or exc}") from exc
        return None


def _acquire(fd: int, out: Path, wait: float, on_wait: Callable[[str], None] | None) -> None:
    started = time.monotonic()
    deadline = started + max(wait, 0.0)
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError as exc:  # e.g. a file system without locks
            if stat.S_ISDIR(os.fstat(fd).st_mode):
                raise _CannotLock from exc
            raise OutputError(
                f"cannot lock {out / LOCK_NAME}: {exc.strerror or exc}",
                hint="use an output folder on a local file system",
            ) from exc
        known = holder(out)
        who = known or "another run"
        now = time.monotonic()
        if now >= deadline:
            raise LockTimeoutError(f"{out} is in use by {who}")
        # The holder writes its name just after locking: give it a moment to be named.
        if not told and on_wait is not None and (known or now >= started + NAME_SECONDS):
            on_wait(f"{out} is in use by {who}; waiting up to {wait:g} s")
            told = True
        time.sleep(POLL_SECONDS)
