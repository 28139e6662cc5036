"""How long `pipeline view` and `pipeline export` take on a corpus of 500 documents.

Makes the corpus in a temporary folder from real outputs (default: extracted/): document i joins
1-5 of them into one longer story (facts shifted to their new place, so every offset stays
right), with its own id, title and date. Then times, as subprocesses of the real CLI: a first
SQLite export, a re-export with nothing changed, a re-export after one document changed, JSON
Lines, CSV of the quotes, and the HTML site. Bars: export < 10 s, view < 20 s for 500 documents.

    .venv/bin/python bench/view_export.py [--docs 500] [--source extracted] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

Json = dict[str, Any]
ROOT = Path(__file__).resolve().parent.parent


def shifted(item: Json, offset: int, part: int) -> Json:
    """A fact moved by `offset` code points, its id made unique within the joined document."""
    moved = dict(item)
    for key in ("start", "end"):
        if isinstance(moved.get(key), int):
            moved[key] += offset
    if "id" in moved and part:
        moved["id"] = f"{moved['id']}-p{part + 1}"
    if isinstance(moved.get("speaker"), dict):
        moved["speaker"] = shifted(moved["speaker"], offset, 0)
        if moved["speaker"].get("entity_id") and part:
            moved["speaker"]["entity_id"] += f"-p{part + 1}"
    if "mentions" in moved:
        moved["mentions"] = [shifted(m, offset, 0) for m in moved["mentions"]]
    return moved


def joined(parts: list[Json], i: int) -> Json:
    doc = json.loads(json.dumps(parts[0]))
    texts: list[str] = []
    for name in ("entities", "dates", "quotes", "links", "removed"):
        doc[name] = []
    offset = 0
    for n, part in enumerate(parts):
        for name in ("entities", "dates", "quotes", "links"):
            doc[name] += [shifted(f, offset, n) for f in part[name]]
        doc["removed"] += part["removed"]
        texts.append(part["text"])
        offset += len(part["text"]) + 2
    doc["text"] = "\n\n".join(texts)
    doc["id"] = f"bench/{i // 100:02}/story{i:04}"
    doc["source"] = dict(doc["source"], path=f"{doc['id']}.md")
    published = dt.date(2025, 1, 1) + dt.timedelta(days=i % 365)
    doc["metadata"] = dict(
        doc["metadata"], title=f"{doc['metadata'].get('title')} ({i})", published=str(published)
    )
    return doc


def make_corpus(source: Path, out: Path, count: int) -> int:
    originals = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(source.glob("*.json"))]
    if not originals:
        raise SystemExit(f"no outputs in {source}")
    facts = 0
    for i in range(count):
        parts = [originals[(i + k) % len(originals)] for k in range(1 + i % 5)]
        doc = joined(parts, i)
        facts += sum(len(doc[n]) for n in ("entities", "dates", "quotes", "links"))
        path = out / f"{doc['id']}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return facts


def timed(*args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, check=False
    )
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"pipeline {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    last = (done.stdout.strip().splitlines() or [""])[-1] if "-o" in args or "--to" in args else ""
    print(f"  {took:6.2f} s  pipeline {' '.join(a for a in args if '/' not in a)}  {last}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--source", type=Path, default=ROOT / "extracted")
    parser.add_argument("--keep", type=Path, help="make the corpus here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        out, db, site = work / "out", work / "facts.db", work / "site"
        facts = make_corpus(args.source, out, args.docs)
        size = sum(p.stat().st_size for p in out.rglob("*.json")) / 1e6
        print(f"{args.docs} documents, {facts} facts, {size:.1f} MB of JSON in {out}")
        export = timed("export", str(out), "--to", str(db))
        timed("export", str(out), "--to", str(db))
        one = next(iter(sorted(out.rglob("*.json"))))
        doc = json.loads(one.read_text(encoding="utf-8"))
        doc["metadata"]["title"] += " (updated)"
        one.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
        timed("export", str(out), "--to", str(db))
        timed("export", str(out), "--format", "jsonl", "-o", str(work / "docs.jsonl"))
        timed("export", str(out), "--format", "csv", "--facts", "quotes", "-o", str(work / "q.csv"))
        view = timed("view", str(out), "--html", str(site))
        pages = list(site.rglob("*.html"))
        print(f"site: {len(pages)} pages, {sum(p.stat().st_size for p in pages) / 1e6:.1f} MB")
        print(
            f"export {export:.2f} s (bar 10 s): {'ok' if export < 10 else 'OVER'}; "
            f"view {view:.2f} s (bar 20 s): {'ok' if view < 20 else 'OVER'}"
        )


if __name__ == "__main__":
    main()
