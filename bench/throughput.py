"""Throughput of a full `pipeline run` on real articles: sources/s and words/s, per stage.

Writes the PolNeAR dev texts (as .txt) and the article-benchmark pages (as .html) into a temporary
folder, then times the clean stage alone and a whole run through the library's Runner (cleaning,
extraction, validation, serialization and writing: everything but loading the model).

With --compare-bare, a bare `nlp.pipe` of the same spaCy model (all its own pipes, none of the fact
components) runs on the same clean texts in the same process, alternating with the pipeline runs so
that both sides share the machine's load; the ratio of their words/s is what cleaning, the rules,
validation and writing cost. Wall-clock and CPU seconds (of this process and the run's worker
processes) are both printed: on a loaded machine the CPU ratio is the steadier one. With
--jobs N > 1, a run in N worker processes follows each one-process run and the speed-up (wall
clock) is printed.

With --executor dask, a local Dask cluster of N (--jobs) worker processes is started once (its
start-up, the model loaded on each worker included, is printed apart), an empty task's round trip
is timed (the per-task overhead), and a run on that cluster follows each `--jobs N` run, with the
ratio of their sources/s. `--limit 84` gives the 168 sources of the README's figures.

    .venv/bin/python bench/throughput.py [--limit N] [--jobs N] [--compare-bare] [--repeat N]
    .venv/bin/python bench/throughput.py --limit 84 --jobs 2 --executor dask --repeat 1
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import shutil
import statistics
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
    """CPU seconds of this process: what the code costs, whatever the machine's load (but not
    the time spent waiting for the disk, nor worker processes)."""
    all_cpu: float = 0.0
    """CPU seconds of this process and its workers (set by time_run)."""


@contextlib.contextmanager
def timing() -> Iterator[Timing]:
    result = Timing(0.0, 0.0)
    wall, cpu = time.perf_counter(), time.process_time()
    yield result
    result.wall, result.cpu = time.perf_counter() - wall, time.process_time() - cpu


def time_run(
    sources: Sequence[SourceFile],
    out: Path,
    jobs: int,
    timeout: float | None = None,
    address: str | None = None,
) -> tuple[Timing, int]:
    """Time of a forced full run into an empty folder, and how many sources failed.

    `timeout=0` runs in this process (no worker to enforce a budget): what a profiler sees.
    With `address`, the run goes to the Dask scheduler there."""
    shutil.rmtree(out, ignore_errors=True)
    options = Options(jobs=jobs, force=True)
    if timeout is not None:
        options = Options(jobs=jobs, force=True, timeout=timeout)
    if address is not None:
        options = Options(jobs=jobs, force=True, executor="dask", address=address)
    runner = Runner(out, Settings(), options)
    if jobs == 1:
        runner.nlp  # noqa: B018 - the model is loaded (and cached) outside the timed run
    before = children_cpu() + (_workers_cpu(address) if address else 0.0)
    with timing() as took:
        results = runner.run(sources).results
    after = children_cpu() + (_workers_cpu(address) if address else 0.0)
    took.all_cpu = took.cpu + after - before
    return took, sum(r.status == "failed" for r in results)


def children_cpu() -> float:
    """CPU seconds of this process's ended children (the worker processes of a local run)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _workers_cpu(address: str) -> float:
    """CPU seconds the Dask workers at `address` have used so far, all together."""
    from distributed import Client

    with Client(address) as client:
        return sum(client.run(time.process_time).values())


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


def time_driver(sources: Sequence[SourceFile], done: Path, out: Path) -> tuple[float, int]:
    """Seconds per source of the driver's own share of a Dask run, and how many sources: each
    source read into its Task (pickled as for sending), and the Document bytes that came back
    (the outputs in `done`) stored into an empty `out`, manifest saved."""
    import pickle

    from pipeline.run.items import Outcome
    from pipeline.run.plan import make_plan
    from pipeline.run.process import task_of
    from pipeline.run.store import Store

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    plan = make_plan(out, sources, [], Settings())
    store = Store(out, plan.manifest, plan.config, keep=3)
    made = {
        item.output: (done / item.output).read_bytes()
        for item in plan.items
        if (done / item.output).exists()
    }
    with timing() as took:
        for item in plan.items:
            if item.output in made:
                task = task_of(item)
                pickle.dumps(task)
                store.finish(item, Outcome(task.sha256, data=made[item.output]))
        plan.manifest.save()
    return took.wall / max(1, len(made)), len(made)


@contextlib.contextmanager
def dask_cluster(jobs: int) -> Iterator[tuple[str, float, float]]:
    """A local cluster as `run --executor dask --jobs N` starts it: (address, start-up seconds
    with the model loaded on every worker, seconds per empty task round trip)."""
    import dask
    from distributed import Client, LocalCluster, wait

    from pipeline.run.cluster import LOCAL_CONFIG, ModelPlugin

    start = time.perf_counter()
    with (
        dask.config.set(LOCAL_CONFIG),
        LocalCluster(
            n_workers=jobs, threads_per_worker=1, dashboard_address=":0", silence_logs=40
        ) as cluster,
        Client(cluster) as client,
    ):
        client.register_plugin(ModelPlugin(Settings()))
        startup = time.perf_counter() - start
        count = 200
        start = time.perf_counter()
        wait([client.submit(len, [i], pure=False) for i in range(count)])
        per_task = (time.perf_counter() - start) / count * jobs  # tasks run `jobs` at a time
        yield cluster.scheduler_address, startup, per_task


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
    parser.add_argument(
        "--executor", choices=["local", "dask"], default="local", help="also time a Dask run"
    )
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory())
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
        address = None
        if args.executor == "dask":
            address, startup, per_task = stack.enter_context(dask_cluster(args.jobs))
            print(
                f"dask start-up ({args.jobs} local workers, model loaded on each):"
                f" {startup:.2f} s; per-task overhead: {per_task * 1000:.1f} ms",
                flush=True,
            )
        ratios: list[tuple[float, float]] = []  # (wall, CPU) pipeline / bare, per round
        for round_no in range(1, args.repeat + 1):
            run, failed = time_run(sources, out, 1)
            print(
                f"round {round_no}: pipeline run  {run.wall:6.2f} s"
                f" {words / run.wall:6,.0f} words/s {len(sources) / run.wall:5.2f} sources/s"
                f" | CPU, worker included {run.all_cpu:6.2f} s {words / run.all_cpu:6,.0f} words/s"
                f"  ({len(sources)} sources, {failed} failed)",
                flush=True,
            )
            if args.compare_bare:
                bare = time_bare(texts)
                ratios.append((bare.wall / run.wall, bare.cpu / run.all_cpu))
                print(
                    f"         bare nlp.pipe {bare.wall:6.2f} s {words / bare.wall:6,.0f} words/s"
                    f" | CPU {bare.cpu:6.2f} s {words / bare.cpu:6,.0f} words/s"
                    f" | ratio pipeline/bare: wall {bare.wall / run.wall:.2f},"
                    f" CPU {bare.cpu / run.all_cpu:.2f}",
                    flush=True,
                )
            if args.jobs > 1:
                jobs, _ = time_run(sources, out, args.jobs)
                print(
                    f"         --jobs {args.jobs}     {jobs.wall:6.2f} s {words / jobs.wall:6,.0f}"
                    f" words/s {len(sources) / jobs.wall:5.2f} sources/s"
                    f" (worker model loading included)"
                    f" | speed-up vs one process: {run.wall / jobs.wall:.2f}x"
                    f" | CPU, workers included: {jobs.all_cpu:6.1f} s"
                    f" ({jobs.all_cpu / len(sources) * 1000:.0f} ms/source)",
                    flush=True,
                )
            if address is not None:
                on_dask, failed = time_run(sources, out, args.jobs, address=address)
                print(
                    f"         dask ({args.jobs} w)  {on_dask.wall:6.2f} s"
                    f" {words / on_dask.wall:6,.0f} words/s"
                    f" {len(sources) / on_dask.wall:5.2f} sources/s (start-up apart)"
                    f" | ratio dask / --jobs {args.jobs}: {jobs.wall / on_dask.wall:.2f}x"
                    f"  ({failed} failed)"
                    f" | CPU, workers included: {on_dask.all_cpu:6.1f} s"
                    f" ({on_dask.all_cpu / len(sources) * 1000:.0f} ms/source;"
                    f" ratio of sources per CPU-second {jobs.all_cpu / on_dask.all_cpu:.2f}x)",
                    flush=True,
                )
                driver, count = time_driver(sources, out, Path(tmp) / "driver")
                print(
                    f"         driver's share (read + send + write + manifest):"
                    f" {driver * 1000:.1f} ms per source ({count} sources)",
                    flush=True,
                )
        if ratios:  # one round is noise on a shared machine: the median of the rounds is the figure
            wall_ratio = statistics.median(w for w, _ in ratios)
            cpu_ratio = statistics.median(c for _, c in ratios)
            print(
                f"pipeline / bare over {len(ratios)} rounds, median: wall {wall_ratio:.2f},"
                f" CPU {cpu_ratio:.2f} (rounds, CPU: {', '.join(f'{c:.2f}' for _, c in ratios)})"
            )
        rate = len(sources) / run.wall
        print(f"100k articles at the last one-process rate: {100_000 / rate / 3600:.1f} h")


if __name__ == "__main__":
    main()
