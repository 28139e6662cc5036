"""How long `pipeline diff OLD_DIR NEW_DIR` takes on two 10,000-document folders, 10 changed.

Builds both folders in a temporary directory from copies of the real outputs in `extracted/`
(each copy with its own id, path and title, so no two documents have the same bytes), then
edits 10 documents of the new folder the way a publisher would (a quote reworded, a date
corrected), adds one and removes one. Times the command end to end as a subprocess (Python
start-up and imports included) and checks what it found. The bar: <= 10 s.

    .venv/bin/python bench/corpus_diff.py [--docs 10000] [--changed 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BAR_SECONDS = 10.0


def templates() -> list[dict[str, Any]]:
    found = [json.loads(p.read_bytes()) for p in sorted((ROOT / "extracted").glob("*.json"))]
    if not found:
        sys.exit("no outputs in extracted/: run `pipeline run` first")
    return found


def dump(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def copy_of(template: dict[str, Any], i: int) -> tuple[str, dict[str, Any]]:
    doc_id = f"batch{i // 1000:02}/story{i:05}"
    document = copy.deepcopy(template)
    document["id"] = doc_id
    document["metadata"]["title"] = f"{document['metadata'].get('title')} (part {i})"
    return doc_id, document


def edited(document: dict[str, Any]) -> dict[str, Any]:
    """A quote reworded and a date corrected, ids made anew as a re-extraction would."""
    new = copy.deepcopy(document)
    if new["quotes"]:
        quote = new["quotes"][0]
        words = quote["text"].split()
        words.insert(len(words) // 2, "really")
        quote["text"] = " ".join(words)
        quote["end"] = quote["start"] + len(quote["text"])
        quote["id"] = quote["id"][:-4] + "beef"
    if new["dates"]:
        date = new["dates"][0]
        date["value"] = "1999-01-01"
        date["id"] = date["id"][:-4] + "f00d"
    return new


def build(work: Path, docs: int, changed: int) -> tuple[Path, Path]:
    old, new = work / "old", work / "new"
    sources = templates()
    step = max(docs // changed, 1)
    for i in range(docs):
        doc_id, document = copy_of(sources[i % len(sources)], i)
        dump(old / f"{doc_id}.json", document)
        if i == docs - 1:
            continue  # removed from the new folder
        dump(new / f"{doc_id}.json", edited(document) if i % step == 0 else document)
    doc_id, document = copy_of(sources[0], docs)
    dump(new / f"{doc_id}.json", document)  # added
    return old, new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="corpus-diff-"))
    try:
        started = time.perf_counter()
        old, new = build(work, args.docs, args.changed)
        print(f"built 2 x {args.docs} documents in {time.perf_counter() - started:.1f} s")
        command = [sys.executable, "-m", "pipeline", "diff", str(old), str(new), "--stat"]
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            times.append(time.perf_counter() - started)
        if done.returncode != 1:
            sys.exit(f"unexpected exit {done.returncode}: {done.stderr}")
        total = done.stdout.splitlines()[-1]
        print(total)
        wanted = f"{args.changed} changed"
        if wanted not in total or "1 added, 1 removed" not in total:
            sys.exit(f"expected {wanted}, 1 added, 1 removed")
        best, median = min(times), statistics.median(times)
        verdict = "ok" if median <= BAR_SECONDS else "OVER THE BAR"
        print(
            f"pipeline diff --stat, {args.docs} documents, {args.changed} changed: "
            f"median {median:.2f} s, best {best:.2f} s over {args.repeat} runs "
            f"(bar {BAR_SECONDS:.0f} s: {verdict})"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
