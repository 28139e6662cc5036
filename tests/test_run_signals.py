"""A real `pipeline run` in a subprocess, interrupted (SIGINT) or killed (SIGKILL) mid-run.

The child patches the clean stage so that sources marked SLOW hang, which pins the moment of
the signal; each child loads spaCy (a few seconds).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from test_incremental import make_sources, outputs

from pipeline.workers import start_method

pytestmark = pytest.mark.skipif(
    start_method() != "fork" or not Path("/proc").is_dir(),
    reason="the hang is injected into forked workers; children are found in /proc",
)

# The child takes Ctrl-C as a terminal's user gives it: a test run started in the background of a
# script inherits SIGINT ignored, and Python then installs no KeyboardInterrupt handler.
CHILD = """
import signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)
import pipeline.clean
real = pipeline.clean.clean_source
def clean_source(data, fmt):
    if b"SLOW" in data:
        time.sleep(600)
    return real(data, fmt)
pipeline.clean.clean_source = clean_source
from pipeline.cli import app
app(sys.argv[1:])
"""


def start(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, seconds: float = 90) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def project(tmp_path: Path) -> tuple[Path, Path]:
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(
        raw,
        {
            "a.txt": "The council met on Monday in Springfield.\n",
            "b.txt": "SLOW: the harbor reopened on Tuesday.\n",
            "c.txt": "SLOW: the library dropped late fees.\n",
        },
    )
    return raw, out


def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    raw, out = project(tmp_path)
    child = start("run", raw, "--out", out, "--jobs", "2")
    try:
        assert wait_until(lambda: len(children(child.pid)) >= 2), child.stderr
        workers = children(child.pid)
        assert wait_until(lambda: "a.json" in outputs(out) if out.exists() else False)
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate()
    assert wait_until(lambda: not any(alive(w) for w in workers), 10), "workers outlived parent"


def test_sigint_says_what_was_saved_and_exits_130(tmp_path: Path) -> None:
    raw, out = project(tmp_path)
    child = start("run", raw, "--out", out, "--jobs", "2")
    assert wait_until(lambda: "a.json" in outputs(out) if out.exists() else False)
    workers = children(child.pid)
    time.sleep(0.5)  # a.json is written: let the run count it
    child.send_signal(signal.SIGINT)
    stdout, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, (stdout, stderr)
    assert "interrupted: 1 output written by this run is saved" in stderr
    assert "Traceback" not in stderr
    assert not any(alive(w) for w in workers)
    # The next run knows a.json is done and redoes nothing else by mistake.
    status = subprocess.run(
        [sys.executable, "-m", "pipeline", "status", raw, "--out", out],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert "3 sources: 2 to run, 1 unchanged" in status.stdout, status.stdout
    assert os.path.exists(out / ".pipeline-manifest.json")
