"""Score the dates extractor on TimeML corpora (TempEval-3 platinum, WikiWars).

    .venv/bin/python bench/dates_eval.py [--corpus te3-platinum|wikiwars|all] [--errors N]

Extraction P/R/F1 strict (exact span) and relaxed (any overlap, one-to-one), per type and
overall; value and type accuracy over relaxed matches; words per second of spaCy + facts_dates.
Each text is run with reference_date = its document creation time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract import extensions  # noqa: E402
from pipeline.extract.nlp import default_model  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "dates"
CORPORA = ("te3-platinum", "wikiwars")
TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None


def _value(v: str | None) -> str | None:
    return None if v in {None, "", "null", "None"} else v


def load_pipeline(full: bool) -> Language:
    if full:
        from pipeline.extract.nlp import load_nlp

        return load_nlp()
    nlp = spacy.load(default_model())
    extensions.register()
    import pipeline.extract.dates  # noqa: F401  (registers facts_dates)

    nlp.add_pipe("facts_dates")
    return nlp


def match(gold: list[Timex], pred: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping spans, largest overlap first."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = min(g.end, p.end) - max(g.start, p.start)
            if ov > 0:
                cands.append((-ov, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(cands):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(nlp: Language, name: str, errors: int) -> dict[str, float]:
    docs = [json.loads(line) for line in (EVAL / f"{name}.jsonl").open(encoding="utf-8")]
    c: Counter[str] = Counter()
    words = 0
    elapsed = 0.0
    in_dates = 0.0
    mistakes: list[str] = []
    for d in docs:
        text = d["text"]
        ref = dt.date.fromisoformat(d["dct"][:10])
        gold = [
            Timex(t["start"], t["end"], t["text"], t["type"], _value(t["value"]), t["mod"])
            for t in d["timexes"]
        ]
        t0 = time.perf_counter()
        doc = nlp.make_doc(text)
        doc._.reference_date = ref
        for pipe_name, proc in nlp.pipeline:
            t1 = time.perf_counter()
            doc = proc(doc)
            if pipe_name == "facts_dates":
                in_dates += time.perf_counter() - t1
        elapsed += time.perf_counter() - t0
        words += len(text.split())
        pred = [Timex(f.start, f.end, f.text, f.type, f.value, f.mod) for f in doc._.dates]
        for f in pred:
            assert text[f.start : f.end] == f.text
        c["gold"] += len(gold)
        c["pred"] += len(pred)
        for ty in TYPES:
            c[f"gold_{ty}"] += sum(g.type == ty for g in gold)
            c[f"pred_{ty}"] += sum(p.type == ty for p in pred)
        gold_spans = {(g.start, g.end): g for g in gold}
        for p in pred:
            g0 = gold_spans.get((p.start, p.end))
            if g0 is not None:
                c["strict"] += 1
                c[f"strict_{g0.type}"] += 1 if p.type == g0.type else 0
        pairs = match(gold, pred)
        c["relaxed"] += len(pairs)
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
        for g, p in pairs:
            c[f"relaxed_{g.type}"] += g.type == p.type
            c["value_ok"] += g.value == p.value
            c["type_ok"] += g.type == p.type
            if g.value != p.value:
                mistakes.append(
                    f"VALUE {d['id']} dct={d['dct'][:10]} gold {g.text!r} {g.type} {g.value}"
                    f" | pred {p.text!r} {p.type} {p.value}"
                )
        for g in gold:
            if g not in matched_g:
                ctx = text[max(0, g.start - 40) : g.end + 20].replace("\n", " ")
                mistakes.append(f"MISS  {d['id']} {g.text!r} {g.type} {g.value} | {ctx!r}")
        for p in pred:
            if p not in matched_p:
                ctx = text[max(0, p.start - 40) : p.end + 20].replace("\n", " ")
                mistakes.append(f"EXTRA {d['id']} {p.text!r} {p.type} {p.value} | {ctx!r}")
    for m in mistakes[:errors]:
        print(m)
    sp, sr, sf = prf(c["strict"], c["pred"], c["gold"])
    rp, rr, rf = prf(c["relaxed"], c["pred"], c["gold"])
    n = c["relaxed"] or 1
    print(f"\n== {name}: {len(docs)} docs, {c['gold']} gold timexes, {c['pred']} predicted")
    print(f"strict   P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}")
    print(f"relaxed  P {rp:.3f}  R {rr:.3f}  F1 {rf:.3f}")
    print(f"value accuracy (over relaxed matches) {c['value_ok'] / n:.3f}")
    print(f"type accuracy  (over relaxed matches) {c['type_ok'] / n:.3f}")
    print("per type (typed match: span and type agree)   strict P/R/F1 | relaxed P/R/F1")
    for ty in TYPES:
        if not c[f"gold_{ty}"] and not c[f"pred_{ty}"]:
            continue
        s = prf(c[f"strict_{ty}"], c[f"pred_{ty}"], c[f"gold_{ty}"])
        r = prf(c[f"relaxed_{ty}"], c[f"pred_{ty}"], c[f"gold_{ty}"])
        print(
            f"  {ty:<9} gold {c[f'gold_{ty}']:>5} pred {c[f'pred_{ty}']:>5}   "
            f"{s[0]:.3f}/{s[1]:.3f}/{s[2]:.3f} | {r[0]:.3f}/{r[1]:.3f}/{r[2]:.3f}"
        )
    print(
        f"speed {words / elapsed:,.0f} words/s for the whole pipeline ({words} words, "
        f"{elapsed:.1f}s); facts_dates alone {words / max(in_dates, 1e-9):,.0f} words/s"
    )
    return {"relaxed_f1": rf, "value_acc": c["value_ok"] / n}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", default="all", choices=(*CORPORA, "all"))
    ap.add_argument("--errors", type=int, default=0, help="print up to N mistakes")
    ap.add_argument("--full", action="store_true", help="use the full load_nlp() pipeline")
    args = ap.parse_args()
    if not EVAL.exists():
        sys.exit(f"eval data not found at {EVAL}")
    nlp = load_pipeline(args.full)
    nlp("warm up")
    for name in CORPORA if args.corpus == "all" else (args.corpus,):
        evaluate(nlp, name, args.errors)


if __name__ == "__main__":
    main()
