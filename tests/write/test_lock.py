"""The output folder's lock: one run at a time, waits, timeouts, and a dead holder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.write.lock import LOCK_NAME, LockTimeoutError, holder, locked


def test_a_second_holder_times_out_with_the_first_ones_pid(tmp_path: Path) -> None:
    with locked(tmp_path, wait=0):
        assert f"pid {os.getpid()}" in holder(tmp_path)
        with (
            pytest.raises(LockTimeoutError, match=f"pid {os.getpid()}"),
            locked(tmp_path, wait=0.2),
        ):
            pass
    assert holder(tmp_path) == ""  # emptied on a clean exit
    with locked(tmp_path, wait=0):  # and free again
        pass


def test_a_waiting_holder_gets_the_lock_when_it_is_released(tmp_path: Path) -> None:
    messages: list[str] = []
    first = locked(tmp_path, wait=0)
    first.__enter__()
    threading.Timer(0.3, first.__exit__, (None, None, None)).start()
    started = time.monotonic()
    with locked(tmp_path, wait=10, on_wait=messages.append):
        waited = time.monotonic() - started
    assert 0.2 < waited < 5
    assert len(messages) == 1 and "waiting" in messages[0]


def test_the_lock_of_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    code = (
        "import sys, time; from pathlib import Path; from pipeline.write.lock import locked\n"
        "with locked(Path(sys.argv[1]), wait=0):\n"
        "    print('locked', flush=True); time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        with pytest.raises(LockTimeoutError), locked(tmp_path, wait=0):  # held while it lives
            pass
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    left: list[str] = []
    with locked(tmp_path, wait=0, on_takeover=left.append):
        pass
    assert len(left) == 1 and f"pid {child.pid}" in left[0]
    assert (tmp_path / LOCK_NAME).exists()


def test_deleting_the_lock_file_does_not_let_a_second_run_in(tmp_path: Path) -> None:
    with locked(tmp_path, wait=0):
        (tmp_path / LOCK_NAME).unlink()
        with pytest.raises(LockTimeoutError), locked(tmp_path, wait=0.2):
            pass
        (tmp_path / LOCK_NAME).write_text("")  # re-created empty by someone else: still held
        with pytest.raises(LockTimeoutError), locked(tmp_path, wait=0):
            pass
    with locked(tmp_path, wait=0):
        pass


def test_a_lock_file_replaced_by_a_link_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_NAME).symlink_to(outside)
    with locked(out, wait=0):
        pass
    assert outside.read_text() == "precious"
