"""Throughput of a full `pipeline run` on real articles: sources/s and words/s, per stage.

Writes the PolNeAR dev texts (as .txt) and the article-benchmark pages (as .html) into a temporary
folder, then times the clean stage alone and a whole run through the library's Runner.

    .venv/bin/python bench/throughput.py [--limit N] [--jobs N]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import tempfile
import time
from pathlib import Path

from pipeline.clean import clean_source, detect_format
from pipeline.run import Options, Runner, Settings
from pipeline.sources import discover

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=200, help="sources of each kind")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        raw.mkdir()
        stage_corpus(raw, args.limit)
        sources = discover([raw])

        start = time.perf_counter()
        words = 0
        for source in sources:
            with contextlib.suppress(Exception):  # failures are counted by the full run below
                clean = clean_source(source.path.read_bytes(), detect_format(source.path))
                words += len(clean.text.split())
        clean_s = time.perf_counter() - start

        runner = Runner(out, Settings(), Options(jobs=args.jobs))
        start = time.perf_counter()
        if args.jobs == 1:
            runner.nlp  # noqa: B018 - load the model outside the timed run
        load_s = time.perf_counter() - start
        start = time.perf_counter()
        results = runner.run(sources).results
        run_s = time.perf_counter() - start

    failed = sum(r.status == "failed" for r in results)
    print(f"sources: {len(sources)} ({failed} failed), words in clean text: {words:,}")
    print(f"jobs: {args.jobs} (with more than one, model loading is inside the full run)")
    print(f"model load:            {load_s:6.2f} s")
    print(f"clean stage alone:     {clean_s:6.2f} s  ({len(sources) / clean_s:7.1f} sources/s)")
    print(
        f"full run (all stages): {run_s:6.2f} s  ({len(sources) / run_s:7.1f} sources/s, "
        f"{words / run_s:,.0f} words/s)"
    )
    print(f"100k articles at this rate: {100_000 / (len(sources) / run_s) / 3600:.1f} h at --jobs")


if __name__ == "__main__":
    main()
