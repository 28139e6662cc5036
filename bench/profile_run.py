"""Where a full run's time goes: cProfile over one forced run of the throughput corpus.

Prints the functions with the most cumulative time, then one line per area (model pipes, fact
components, cleaning, assembly/validation, serialization, writing) so the cost of everything
outside the model is visible.

    .venv/bin/python bench/profile_run.py [--limit N] [--top N] [--save FILE.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
from pathlib import Path

from throughput import stage_corpus, time_run

from pipeline.run import Runner, Settings
from pipeline.sources import discover


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=84, help="sources of each kind")
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--save", type=Path, help="also write the raw profile here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        raw.mkdir()
        stage_corpus(raw, args.limit)
        sources = discover([raw])
        Runner(out, Settings()).nlp  # noqa: B018 - load outside the profile
        time_run(sources[:4], out, 1, timeout=0)
        profile = cProfile.Profile()
        profile.enable()
        took, failed = time_run(sources, out, 1, timeout=0)  # in this process, where it is seen
        profile.disable()
    print(
        f"{len(sources)} sources, {failed} failed, {took.wall:.2f} s "
        f"({took.cpu:.2f} s CPU) under the profiler"
    )
    if args.save:
        profile.dump_stats(args.save)
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
