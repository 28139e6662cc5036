"""CPU seconds of the clean stage, and a byte-for-byte check that a speed change kept its outputs.

Corpora: the article-extraction-benchmark pages (`aeb`, 181 HTML), the throughput corpus
(`throughput`: the first 84 PolNeAR dev texts as .txt and the first 84 AEB pages, as
bench/throughput.py --limit 84 stages them), `../shared/samples` and the project's `raw/`; or
any folder of pages given by its path (--corpus PATH).

    .venv/bin/python bench/clean_speed.py dump OUT.json     # every output (text, links, metadata,
    .venv/bin/python bench/clean_speed.py compare OUT.json  # removed, or the error) / check them
    .venv/bin/python bench/clean_speed.py time [--repeat 3] [--corpus aeb throughput]

Timing is `time.process_time` around each `clean_source` call (reading the files is outside),
summed over the sources, each one's fastest of the repeats: run it under `nice -n 19` on a
shared machine.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from pipeline.clean import clean_source, detect_format
from pipeline.formats import Format

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
SUFFIXES = {".html", ".htm", ".md", ".markdown", ".txt"}


def _files(folder: Path) -> Iterator[tuple[str, bytes, Format]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in SUFFIXES:
            key = f"{folder.name}/{path.relative_to(folder)}"
            yield key, path.read_bytes(), detect_format(path)


def corpus(name: str) -> list[tuple[str, bytes, Format]]:
    if name == "aeb":
        return list(_files(EVAL / "articles" / "html"))
    if name == "samples":
        return list(_files(SHARED / "samples"))
    if name == "raw":
        return list(_files(ROOT / "raw"))
    if name == "throughput":
        items: list[tuple[str, bytes, Format]] = []
        with (EVAL / "quotes" / "polnear-dev.jsonl").open(encoding="utf-8") as lines:
            for i, line in enumerate(lines):
                if i >= 84:
                    break
                text = json.loads(line)["text"].encode("utf-8")
                items.append((f"polnear-{i:03}.txt", text, "text"))
        pages = sorted((EVAL / "articles" / "html").glob("*.html"))[:84]
        items += [(page.name, page.read_bytes(), "html") for page in pages]
        return items
    if Path(name).is_dir():  # any folder of pages (e.g. trafilatura's tests/eval, not copied)
        return list(_files(Path(name)))
    raise SystemExit(f"unknown corpus {name!r}: aeb, samples, raw, throughput or a folder")


def outputs(names: list[str]) -> dict[str, object]:
    result: dict[str, object] = {}
    for name in names:
        for key, data, fmt in corpus(name):
            try:
                result[key] = asdict(clean_source(data, fmt))
            except Exception as err:  # the error is an output too
                result[key] = {"error": f"{type(err).__name__}: {err}"}
    return result


def seconds(items: list[tuple[str, bytes, Format]], repeat: int) -> float:
    """Sum over the sources of each one's fastest run: a busy moment spoils one source's run,
    not the total."""
    best = [float("inf")] * len(items)
    for _ in range(repeat):
        for i, (_key, data, fmt) in enumerate(items):
            start = time.process_time()
            with contextlib.suppress(Exception):  # errors cost time like outputs
                clean_source(data, fmt)
            best[i] = min(best[i], time.process_time() - start)
    return sum(best)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["dump", "compare", "time"])
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--corpus", nargs="+", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.mode == "time":
        clean_source(b"<html><body><p>Warm up the imports.</p></body></html>", "html")
        for name in args.corpus or ["aeb", "throughput"]:
            items = corpus(name)
            best = seconds(items, args.repeat)
            fastest = f"each source's fastest of {args.repeat}"
            print(f"{name}: {len(items)} sources, {best:.2f} CPU s ({fastest})")
        return
    if args.file is None:
        parser.error("dump and compare need a file")
    names = args.corpus or ["aeb", "samples", "raw", "throughput"]
    current = outputs(names)
    if args.mode == "dump":
        args.file.write_text(json.dumps(current, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{len(current)} outputs written to {args.file}")
        return
    before = json.loads(args.file.read_text(encoding="utf-8"))
    now = json.loads(json.dumps(current, ensure_ascii=False))
    changed = sorted(key for key in before.keys() | now.keys() if before.get(key) != now.get(key))
    for key in changed:
        print(f"CHANGED {key}")
    print(f"{len(now)} outputs, {len(changed)} changed")
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
