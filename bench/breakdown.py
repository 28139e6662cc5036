"""Seconds per stage and per pipe of one pass over the throughput corpus, without a profiler.

Runs the same steps as the runner, one stage at a time over all sources: clean, tokenize
(make_doc), each of the model's pipes, each fact component, assembly/validation, serialization
and the atomic write. The profiler inflates Python code next to the model's numpy kernels; these
are wall-clock and CPU seconds of this process (on a shared machine, trust the CPU column).

    .venv/bin/python bench/breakdown.py [--limit N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from throughput import stage_corpus

from pipeline.clean import clean_source, detect_format
from pipeline.extract.nlp import load_nlp, make_doc
from pipeline.run import BATCH_SIZE, Runner, Settings, reference_date
from pipeline.sources import discover
from pipeline.validate.assemble import to_document
from pipeline.validate.models import Source
from pipeline.write.atomic import write_atomic
from pipeline.write.serialize import dump_document

T = TypeVar("T")


def timed(label: str, rows: list[tuple[str, float, float]], step: Callable[[], T]) -> T:
    wall, cpu = time.perf_counter(), time.process_time()
    value = step()
    rows.append((label, time.perf_counter() - wall, time.process_time() - cpu))
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=84, help="sources of each kind")
    args = parser.parse_args()
    nlp = load_nlp()
    info = Runner(Path("."), Settings()).pipeline_info()
    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        raw.mkdir()
        out.mkdir()
        stage_corpus(raw, args.limit)
        sources = discover([raw])
        datas = [s.path.read_bytes() for s in sources]
        cleans = timed(
            "clean",
            rows,
            lambda: [
                clean_source(d, detect_format(s.path)) for s, d in zip(sources, datas, strict=True)
            ],
        )
        docs = timed(
            "make_doc (tokenizer)",
            rows,
            lambda: [make_doc(nlp, c, reference_date(c, None)) for c in cleans],
        )
        for name, proc in nlp.pipeline:
            if hasattr(proc, "pipe"):
                step = lambda p=proc, ds=docs: list(p.pipe(ds, batch_size=BATCH_SIZE))  # noqa: E731
            else:
                step = lambda p=proc, ds=docs: [p(d) for d in ds]  # noqa: E731
            docs = timed(f"pipe {name}", rows, step)
        records = [
            Source(path=s.rel, sha256="0" * 64, format=c.format)
            for s, c in zip(sources, cleans, strict=True)
        ]
        documents = timed(
            "assemble + validate",
            rows,
            lambda: [
                to_document(d, c, s.doc_id, r, info)
                for d, c, s, r in zip(docs, cleans, sources, records, strict=True)
            ],
        )
        blobs = timed("serialize", rows, lambda: [dump_document(d) for d in documents])
        timed(
            "write_atomic",
            rows,
            lambda: [write_atomic(out / f"{i}.json", b) for i, b in enumerate(blobs)],
        )
    total = sum(r[1] for r in rows)
    cpu = sum(r[2] for r in rows)
    model = sum(r[2] for r in rows if r[0].startswith("pipe ") and "facts_" not in r[0])
    words = sum(len(c.text.split()) for c in cleans)
    print(f"{'stage':28} {'wall':>9}  {'CPU':>9}  CPU share")
    for name, wall_s, cpu_s in rows:
        print(f"{name:28} {wall_s:7.2f} s  {cpu_s:7.2f} s  {100 * cpu_s / cpu:5.1f} %")
    print(f"{'total':28} {total:7.2f} s  {cpu:7.2f} s   ({words:,} words, {len(sources)} sources)")
    print(f"model's own pipes (no tokenizer), CPU: {model:.2f} s; the rest {cpu - model:.2f} s")


if __name__ == "__main__":
    main()
