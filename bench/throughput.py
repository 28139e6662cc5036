"""Throughput of a full `pipeline run` on real articles: sources/s and words/s, per stage.

Writes the PolNeAR dev texts (as .txt) and the article-benchmark pages (as .html) into a temporary
folder, then times the clean stage alone and a whole run through the library's Runner (cleaning,
extraction, validation, serialization and writing: everything but loading the model).

With --compare-bare, a bare `nlp.pipe` of the same spaCy model (all its own pipes, none of the fact
components) runs on the same clean texts in the same process, alternating with the pipeline runs so
that both sides share the machine's load; the ratio of their words/s is what cleaning, the rules,
validation and writing cost. Wall-clock and CPU seconds (of this process and of the run's worker
process, which the run waits for) are both printed: on a loaded machine the CPU ratio is the
steadier one. With --jobs N > 1, a run in N worker processes
follows each one-process run and the speed-up (wall clock) is printed.

    .venv/bin/python bench/throughput.py [--limit N] [--jobs N] [--compare-bare] [--repeat N]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.clean import clean_source, detect_format
from pipeline.run import Options, Runner, Settings
from pipeline.sources import SourceFile, discover

if TYPE_CHECKING:
    from spacy.language import Language

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def stage_corpus(folder: Path, limit: int) -> None:
    with (EVAL / "quotes" / "polnear-dev.jsonl").open(encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            if i >= limit:
                break
            record = json.loads(line)
            (folder / f"polnear-{i:03}.txt").write_text(record["text"], encoding="utf-8")
    for i, page in enumerate(sorted((EVAL / "articles" / "html").glob("*.html"))[:limit]):
        shutil.copy(page, folder / f"page-{i:03}.html")


def clean_texts(sources: Sequence[SourceFile]) -> list[str]:
    texts = []
    for source in sources:
        with contextlib.suppress(Exception):  # failures are counted by the full run below
            clean = clean_source(source.path.read_bytes(), detect_format(source.path))
            texts.append(clean.text)
    return texts


@dataclass
class Timing:
    wall: float
    """Seconds on the clock."""
    cpu: float
    """CPU seconds of this process and of the worker processes it ran (and waited for): what
    the code costs, whatever the machine's load (but not the time spent waiting for the disk)."""


def cpu_seconds() -> float:
    """User and system CPU of this process and of its finished children (a run's workers)."""
    now = os.times()
    return now.user + now.system + now.children_user + now.children_system


@contextlib.contextmanager
def timing() -> Iterator[Timing]:
    result = Timing(0.0, 0.0)
    wall, cpu = time.perf_counter(), cpu_seconds()
    yield result
    result.wall, result.cpu = time.perf_counter() - wall, cpu_seconds() - cpu


def time_run(
    sources: Sequence[SourceFile], out: Path, jobs: int, timeout: float | None = None
) -> tuple[Timing, int]:
    """Time of a forced full run into an empty folder, and how many sources failed.

    `timeout=0` runs in this process (no worker to enforce a budget): what a profiler sees."""
    shutil.rmtree(out, ignore_errors=True)
    options = Options(jobs=jobs, force=True)
    if timeout is not None:
        options = Options(jobs=jobs, force=True, timeout=timeout)
    runner = Runner(out, Settings(), options)
    if jobs == 1:
        runner.nlp  # noqa: B018 - the model is loaded (and cached) outside the timed run
    with timing() as took:
        results = runner.run(sources).results
    return took, sum(r.status == "failed" for r in results)


def time_bare(texts: Sequence[str]) -> Timing:
    """Time of the model's own pipes alone on the clean texts (same batch size as the run).

    The model is loaded afresh (outside the timing) for each call: its caches (the tokenizer's,
    the lemmatizer's) start empty, as in the pipeline's run, whose worker is forked from a
    process that has not run the model yet; a reused model would meet every text a second time."""
    from pipeline.extract.nlp import default_model
    from pipeline.run import BATCH_SIZE

    nlp = _bare(default_model())
    with timing() as took:
        for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
    return took


def _bare(name: str) -> Language:
    """The model as spacy.load gives it: all its pipes, no fact components."""
    import spacy

    return spacy.load(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=200, help="sources of each kind")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument(
        "--compare-bare", action="store_true", help="also time a bare nlp.pipe of the same model"
    )
    parser.add_argument("--repeat", type=int, default=2, help="alternating rounds to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        raw.mkdir()
        stage_corpus(raw, args.limit)
        sources = discover([raw])

        start = time.perf_counter()
        texts = clean_texts(sources)
        clean_s = time.perf_counter() - start
        words = sum(len(t.split()) for t in texts)

        start = time.perf_counter()
        runner = Runner(out, Settings())
        runner.nlp  # noqa: B018 - cached by load_nlp: the timed one-process runs reuse it
        load_s = time.perf_counter() - start
        if args.compare_bare:
            time_bare(texts[:8])  # warm both up alike
        time_run(sources[:8], out, 1)

        print(f"sources: {len(sources)}, words in clean text: {words:,}")
        print(f"model load: {load_s:.2f} s; clean stage alone: {clean_s:.2f} s")
        for round_no in range(1, args.repeat + 1):
            run, failed = time_run(sources, out, 1)
            print(
                f"round {round_no}: pipeline run  {run.wall:6.2f} s"
                f" {words / run.wall:6,.0f} words/s"
                f" | CPU {run.cpu:6.2f} s {words / run.cpu:6,.0f} words/s"
                f"  ({len(sources)} sources, {failed} failed)",
                flush=True,
            )
            if args.compare_bare:
                bare = time_bare(texts)
                print(
                    f"         bare nlp.pipe {bare.wall:6.2f} s {words / bare.wall:6,.0f} words/s"
                    f" | CPU {bare.cpu:6.2f} s {words / bare.cpu:6,.0f} words/s"
                    f" | ratio pipeline/bare: wall {bare.wall / run.wall:.2f},"
                    f" CPU {bare.cpu / run.cpu:.2f}",
                    flush=True,
                )
            if args.jobs > 1:
                jobs, _ = time_run(sources, out, args.jobs)
                print(
                    f"         --jobs {args.jobs}     {jobs.wall:6.2f} s {words / jobs.wall:6,.0f}"
                    f" words/s (worker model loading included)"
                    f" | speed-up vs one process: {run.wall / jobs.wall:.2f}x",
                    flush=True,
                )
        rate = len(sources) / run.wall
        print(f"100k articles at the last one-process rate: {100_000 / rate / 3600:.1f} h")


if __name__ == "__main__":
    main()
