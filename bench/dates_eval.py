"""Score the dates extractor on TimeML corpora (TempEval-3 platinum, TimeBank, WikiWars).

    .venv/bin/python bench/dates_eval.py [--corpus te3-platinum|timebank|wikiwars|all]
        [--errors N] [--classes N] [--no-cache]

Extraction P/R/F1 strict (exact span) and relaxed (any overlap, one-to-one), per type and
overall; value and type accuracy over relaxed matches; the largest error classes (gold type x
kind of error: wrong year, wrong day, missing time of day, quarter, *_REF, ...) so the next gap
is visible without reading documents. Each text is run with reference_date = its document
creation time. The model's parses are cached on disk (a DocBin per corpus, keyed by the
corpus file, the model and spaCy's version), since the bench is re-run after every rule change:
only facts_dates runs again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract import extensions  # noqa: E402
from pipeline.extract.nlp import default_model  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "dates"
CORPORA = ("te3-platinum", "timebank", "wikiwars")
CACHE = Path.home() / ".cache" / "news-facts-bench"
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
    import pipeline.extract.components  # noqa: F401  (registers facts_dates)

    nlp.add_pipe("facts_dates")
    return nlp


def parsed_docs(nlp: Language, name: str, texts: list[str], use_cache: bool) -> list[Doc]:
    """The model's parses of the texts (every pipe before facts_dates), cached on disk."""
    before = [(n, p) for n, p in nlp.pipeline if n != "facts_dates"]
    corpus = (EVAL / f"{name}.jsonl").read_bytes()
    key = hashlib.sha256(
        corpus
        + nlp.meta.get("name", "").encode()
        + nlp.meta.get("version", "").encode()
        + spacy.__version__.encode()
        + ",".join(n for n, _ in before).encode()
    ).hexdigest()[:16]
    path = CACHE / f"{name}-{key}.spacy"
    if use_cache and path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = []
    for text in texts:
        doc = nlp.make_doc(text)
        for _, proc in before:
            doc = proc(doc)
        docs.append(doc)
    if use_cache:
        CACHE.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def _shape(v: str) -> str:
    return re.sub(r"\d", "9", v)


def error_kind(gold: str | None, pred: str | None) -> str:
    """What kind of value mistake this is, in words a rule writer can act on."""
    if pred is None:
        return "no value"
    if gold is None:
        return "value where gold has none"
    refs = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
    if gold in refs or pred in refs:
        g = gold if gold in refs else "other"
        return f"REF gold {g} pred {pred if pred in refs else 'other'}"
    if gold.startswith("P") or pred.startswith("P"):
        if gold.startswith("P") and pred.startswith("P"):
            return "duration amount"
        return "duration vs point"
    if "Q" in gold or "Q" in pred:
        return "quarter"
    g_time, p_time = "T" in gold, "T" in pred
    if g_time != p_time:
        return "time of day missing" if g_time else "time of day extra"
    if gold[:4] != pred[:4] and gold[4:] == pred[4:]:
        return "wrong year"
    if gold.startswith("XXXX") or pred.startswith("XXXX"):
        return "XXXX year"
    if "W" in gold or "W" in pred:
        return "week"
    if _shape(gold) == _shape(pred) and gold[:7] == pred[:7]:
        return "wrong day"
    if _shape(gold) == _shape(pred) and gold[:4] == pred[:4]:
        return "wrong month"
    if _shape(gold) == _shape(pred):
        return "wrong year and month/day"
    if gold.startswith(pred) or pred.startswith(gold):
        return "granularity"
    return "other"


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


def evaluate(
    nlp: Language, name: str, errors: int, classes: int, use_cache: bool
) -> dict[str, float]:
    docs = [json.loads(line) for line in (EVAL / f"{name}.jsonl").open(encoding="utf-8")]
    c: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    words = 0
    in_dates = 0.0
    mistakes: list[str] = []
    t0 = time.perf_counter()
    parses = parsed_docs(nlp, name, [d["text"] for d in docs], use_cache)
    parse_time = time.perf_counter() - t0
    dates_pipe = nlp.get_pipe("facts_dates")
    for d, doc in zip(docs, parses, strict=True):
        text = d["text"]
        ref = dt.date.fromisoformat(d["dct"][:10])
        gold = [
            Timex(t["start"], t["end"], t["text"], t["type"], _value(t["value"]), t["mod"])
            for t in d["timexes"]
        ]
        doc._.reference_date = ref
        t1 = time.perf_counter()
        doc = dates_pipe(doc)
        in_dates += time.perf_counter() - t1
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
                kinds[f"{g.type} {error_kind(g.value, p.value)}"] += 1
                mistakes.append(
                    f"VALUE {d['id']} dct={d['dct'][:10]} gold {g.text!r} {g.type} {g.value}"
                    f" | pred {p.text!r} {p.type} {p.value}"
                )
        for g in gold:
            if g not in matched_g:
                kinds[f"{g.type} missed"] += 1
                ctx = text[max(0, g.start - 40) : g.end + 20].replace("\n", " ")
                mistakes.append(f"MISS  {d['id']} {g.text!r} {g.type} {g.value} | {ctx!r}")
        for p in pred:
            if p not in matched_p:
                kinds[f"{p.type} spurious"] += 1
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
    if classes:
        print("largest error classes (gold type, kind; missed/spurious are spans):")
        for kind, count in kinds.most_common(classes):
            print(f"  {count:>4}  {kind}")
    print(
        f"speed: facts_dates {words / max(in_dates, 1e-9):,.0f} words/s ({words} words); "
        f"model parses {parse_time:.1f}s{' (cache on)' if use_cache else ''}"
    )
    return {"relaxed_f1": rf, "strict_f1": sf, "value_acc": c["value_ok"] / n}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", default="all", choices=(*CORPORA, "all"))
    ap.add_argument("--errors", type=int, default=0, help="print up to N mistakes")
    ap.add_argument("--classes", type=int, default=8, help="print the N largest error classes")
    ap.add_argument("--full", action="store_true", help="use the full load_nlp() pipeline")
    ap.add_argument("--no-cache", action="store_true", help="parse again, do not read the cache")
    args = ap.parse_args()
    if not EVAL.exists():
        sys.exit(f"eval data not found at {EVAL}")
    nlp = load_pipeline(args.full)
    names = CORPORA if args.corpus == "all" else (args.corpus,)
    results = {
        name: evaluate(nlp, name, args.errors, args.classes, not args.no_cache) for name in names
    }
    print("\n== summary          relaxed F1  strict F1  value acc")
    for name, r in results.items():
        print(
            f"   {name:<16} {r['relaxed_f1']:>9.3f}  {r['strict_f1']:>9.3f}  {r['value_acc']:>9.3f}"
        )


if __name__ == "__main__":
    main()
