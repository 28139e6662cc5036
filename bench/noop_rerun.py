"""How long a re-run takes when nothing changed (it must not load spaCy or the clean stage).

Generates N small text sources in a temporary folder, runs `pipeline run` once for real, then
times the no-op runs that follow as subprocesses and compares them with Python's start-up and the
CLI's import. Also checks, with `python -X importtime`, that the no-op imports no heavy module.

The first re-run after a run that wrote the outputs is printed apart: an output's stat signature
is only trusted once the file is older than the racy window (pipeline.write.manifest.RACY_NS), so
that re-run hashes every output once, records their signatures and saves the manifest. The no-op
figure is the median of the runs after it, which read only stat signatures.

    .venv/bin/python bench/noop_rerun.py [--sizes 2000 10000] [--repeat 3] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("spacy", "trafilatura", "dateparser", "pipeline.clean", "rich.progress")
RACY_SECONDS = 2.5
"""Longer than the manifest's racy window (2 s)."""
TOPICS = ("council", "harbor", "library", "school board", "transit agency", "hospital")


def make_sources(raw: Path, count: int) -> None:
    for i in range(count):
        folder = raw / f"batch{i // 1000:02}"
        folder.mkdir(parents=True, exist_ok=True)
        topic = TOPICS[i % len(TOPICS)]
        (folder / f"story{i:05}.txt").write_text(
            f"Story {i}. The {topic} met on Monday, March {i % 28 + 1}, 2024.\n\n"
            f"Its chair said the budget would grow by {i % 17 + 2} percent next year.\n",
            encoding="utf-8",
        )


def timed(command: list[str], repeat: int) -> tuple[list[float], list[float], str]:
    """Wall and CPU (user + sys) times of `command` over `repeat` runs, and the last stdout.

    CPU time is the steadier figure on a busy machine.
    """
    walls, cpus, output = [], [], ""
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        output = done.stdout
    return walls, cpus, output


def heavy_imports(command: list[str]) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *command[1:]], capture_output=True, text=True
    )
    names = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    return sorted(n for n in names if n.split(".")[0] in HEAVY or n in HEAVY)


def bench(count: int, repeat: int, workdir: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = workdir / str(count) if workdir else Path(tmp)
        raw, out = base / "raw", base / "out"
        if not raw.is_dir():
            make_sources(raw, count)
        command = [sys.executable, "-m", "pipeline", "run", str(raw), "--out", str(out)]
        reused = out.is_dir()
        started = time.perf_counter()
        first = subprocess.run(command, capture_output=True, text=True, check=True)
        first_time = time.perf_counter() - started
        time.sleep(RACY_SECONDS)  # as a user's next run: outputs older than the racy window
        settle_walls, settle_cpus, _ = timed(command, 1)
        walls, cpus, output = timed(command, repeat)
        empty = Path(tmp) / "empty"
        empty.mkdir()
        fixed = [sys.executable, "-m", "pipeline", "run", str(empty), "--out", str(empty / "o")]
        base_walls, base_cpus, _ = timed(fixed, repeat)
        python_walls, python_cpus, _ = timed([sys.executable, "-c", "pass"], repeat)
        heavy = heavy_imports(command)
    noop, noop_cpu = statistics.median(walls), statistics.median(cpus)
    base, base_cpu = statistics.median(base_walls), statistics.median(base_cpus)
    python, python_cpu = statistics.median(python_walls), statistics.median(python_cpus)
    each = ", ".join(f"{t:.2f}" for t in walls)
    label = "first run (reused):" if reused else "first run:"
    print(f"{count} sources                    wall      cpu")
    print(f"  {label:<22}{first_time:8.2f} s            {first.stdout.strip()}")
    print(
        f"  first re-run:         {settle_walls[0]:7.3f} s {settle_cpus[0]:7.3f} s"
        "  (hashes each output once, records its stat signature)"
    )
    print(f"  no-op re-run:         {noop:7.3f} s {noop_cpu:7.3f} s  {output.strip()} ({each})")
    print(f"  run on an empty dir:  {base:7.3f} s {base_cpu:7.3f} s  (the command's fixed cost)")
    print(f"  python -c pass:       {python:7.3f} s {python_cpu:7.3f} s")
    print(
        f"  no-op beyond python start-up: {noop - python:.3f} s wall, {noop_cpu - python_cpu:.3f} s"
        f" cpu; beyond the empty run: {noop - base:.3f} s wall, {noop_cpu - base_cpu:.3f} s cpu"
        f" ({(noop_cpu - base_cpu) / count * 1e6:.0f} µs cpu per source)"
    )
    print(f"  heavy modules imported by the no-op: {', '.join(heavy) or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--workdir", type=Path, help="keep sources and outputs here (a later first run is quick)"
    )
    args = parser.parse_args()
    for count in args.sizes:
        bench(count, args.repeat, args.workdir)


if __name__ == "__main__":
    main()
