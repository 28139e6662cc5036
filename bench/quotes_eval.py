"""Score facts_quotes on PolNeAR (../shared/eval/quotes/polnear-{dev,train}.jsonl).

    .venv/bin/python bench/quotes_eval.py [--split dev|train] [--limit N] [--errors] [--no-cache]
                                          [--calibrate] [--dump PATH]

The model's parses are cached on disk (.cache/quotes_eval/, keyed by model, version and the
corpus bytes) so that re-runs only run the fact components; --no-cache parses afresh.

Quote spans: gold and predicted spans are trimmed of quotation marks, punctuation and spaces;
a prediction matches a gold quote when their character Jaccard is >= 0.5 (one-to-one, best
overlap first). Quote+speaker: a matched quote whose speaker is right, where right means
  (a) the predicted speaker mention overlaps the gold speaker span, or
  (b) the surname (last word, honorifics dropped) of the predicted speaker's name appears in
      the gold speaker text ("Linus Torvalds" vs gold "Torvalds"), or
  (d) the gold speaker is the cue word itself and the predicted mention follows it ("said X":
      PolNeAR sometimes marks "said" as the source), or the gold speaker is a relative
      pronoun and the predicted mention ends right before it ("X, who said"),
  (c) the gold speaker is a pronoun or a "the <role>" phrase and resolving that gold mention
      with the component's own resolver (nearest compatible preceding PERSON) gives the
      predicted name. (c) is an approximation: PolNeAR has no coreference gold.
A gold quote without a speaker is right only when no speaker is predicted.
A predicted speaker is *named* when it links to a PERSON/ORG entity or its via is a name-giving
one (name, appositive, title, pronoun, according_to, previous_turn, byline) and its name is
not a description; the wrong-named-speaker rate is the share of matched quotes with a named
speaker whose speaker is not right (a confident wrong name: the worst error for a fact-checker).
Accuracy is also broken down by `speaker.via` and by `speaker.confidence` bucket.
--dump writes one JSON line per matched gold quote (speakers, via, confidence, right or not)
and per missed or false quote, to compare two versions of the rules quote by quote.
Prints P/R/F1 for both, how many speaker matches each rule gave, the share of predicted
quotes whose speaker name is a bare pronoun, and words/sec (spaCy + components, and the
quotes component alone).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import string
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pipeline.extract.components  # noqa: E402,F401  (registers facts_quotes)
from pipeline.extract import extensions  # noqa: E402
from pipeline.extract.nlp import default_model  # noqa: E402
from pipeline.extract.quotes.confidence import confidence_keys  # noqa: E402
from pipeline.extract.quotes.cues import SPEECH_VERBS  # noqa: E402
from pipeline.extract.quotes.extract import QuoteExtractor  # noqa: E402
from pipeline.extract.quotes.people import surname  # noqa: E402
from pipeline.extract.quotes.pronouns import PERSONAL_PRONOUNS, ROLE_NOUNS  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "quotes"
CACHE = ROOT / ".cache" / "quotes_eval"
TRIM = set(string.punctuation) | set(
    "\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u2014\u2013\u2026 \n\t\u00a0"
)
PRONOUNS = PERSONAL_PRONOUNS | {"i", "we", "they", "it", "you", "me"}


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def build_nlp() -> tuple[Language, list[str]]:
    nlp = spacy.load(default_model())
    extensions.register()
    added = []
    try:
        importlib.import_module("pipeline.extract.entities")
        nlp.add_pipe("facts_entities", last=True)
        added.append("facts_entities")
    except Exception as exc:  # report and go on without it
        print(f"(facts_entities not available: {type(exc).__name__}: {exc})")
    nlp.add_pipe("facts_quotes", last=True)
    added.append("facts_quotes")
    return nlp, added


def parse_all(nlp: Language, texts: list[str], split: str, use_cache: bool) -> list[Doc]:
    """The model's parses of `texts` (no fact components), from the disk cache when fresh."""
    meta = nlp.meta
    digest = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:16]
    key = f"{split}-{meta.get('name')}-{meta.get('version')}-{spacy.__version__}-{digest}"
    path = CACHE / f"{key}.spacy"
    if use_cache and path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    model_pipes = [n for n in nlp.pipe_names if not n.startswith("facts_")]
    with nlp.select_pipes(enable=model_pipes):
        docs = list(nlp.pipe(texts, batch_size=16))
    if use_cache:
        CACHE.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(path)
    return docs


def is_named(sp: Any) -> bool:
    """A speaker given as a name (not a description, a bare pronoun or nothing)."""
    if sp is None:
        return False
    via = getattr(sp, "via", None)
    if via is not None:
        return via != "description" and sp.name.casefold() not in PRONOUNS
    return sp.entity_id is not None


def bucket(conf: float | None) -> str:
    if conf is None:
        return "none"
    for lo in (0.9, 0.8, 0.7, 0.5):
        if conf >= lo:
            return f">={lo}"
    return "<0.5"


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def speaker_right(doc: Any, pred: Any, gold: dict[str, Any] | None, rules: Counter[str]) -> bool:
    sp = pred.speaker
    if gold is None:
        return sp is None
    if sp is None:
        return False
    start, end = sp.start, sp.end
    if start is not None and end is not None and start < gold["end"] and gold["start"] < end:
        rules["a_overlap"] += 1
        return True
    last = surname(sp.name)
    if last and last in gold["text"].casefold().replace("\u2019s", ""):
        rules["b_surname"] += 1
        return True
    if start is not None and end is not None:
        gtext = gold["text"].strip().casefold()
        span = doc.char_span(gold["start"], gold["end"], alignment_mode="expand")
        verb = span is not None and len(span) == 1 and span[0].lemma_.lower() in SPEECH_VERBS
        if verb and 0 <= start - gold["end"] <= 3:
            rules["d_cue_as_source"] += 1  # gold marks "said" in "said X": X is the source
            return True
        if gtext in ("who", "which", "that") and 0 <= gold["start"] - end <= 4:
            rules["e_relative"] += 1  # gold marks "who" in "X, who said": X is the source
            return True
    words = gold["text"].split()
    head = words[-1].casefold() if words else ""
    if head in PERSONAL_PRONOUNS or (head in ROLE_NOUNS and words[0].lower() == "the"):
        resolver = QuoteExtractor(doc).resolver
        person = resolver.resolve(head, gold["start"])
        if person is not None and person.name == sp.name:
            rules["c_resolved"] += 1
            return True
    return False


def score_indirect(text: str, preds: list[Any], attributions: list[dict[str, Any]]) -> Counter[str]:
    """Indirect quotes against PolNeAR attributions whose content has no quotation marks
    (content hull, trimmed; Jaccard >= 0.5, one-to-one). Recall is against every such
    attribution, whatever its cue (shows, found, wants, ...), so it is low by design."""
    golds = []
    for a in attributions:
        content = a.get("content") or []
        if not content:
            continue
        start, end = min(s for s, _ in content), max(e for _, e in content)
        if any(ch in text[start:end] for ch in '"\u201c\u201d') or "''" in text[start:end]:
            continue
        golds.append((trim(text, start, end), a.get("source") or []))
    out: Counter[str] = Counter(pred=len(preds), gold=len(golds))
    used: set[int] = set()
    for q in preds:
        span = trim(text, q.start, q.end)
        for j, (g, sources) in enumerate(golds):
            if j in used or jaccard(span, g) < 0.5:
                continue
            used.add(j)
            out["tp"] += 1
            sp = q.speaker
            start, end = (sp.start, sp.end) if sp is not None else (None, None)
            if start is not None and end is not None:
                out["tp_speaker"] += any(start < e and s < end for s, e in sources)
            break
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--errors", action="store_true", help="print misses and false alarms")
    ap.add_argument(
        "--calibrate",
        action="store_true",
        help="print speaker accuracy per confidence key (pipeline/extract/quotes/confidence.py)",
    )
    ap.add_argument("--no-cache", action="store_true", help="parse again, ignore the cache")
    ap.add_argument(
        "--dump", metavar="PATH", help="write one JSON line per gold quote (match, speakers)"
    )
    args = ap.parse_args()
    path = EVAL / f"polnear-{args.split}.jsonl"
    if not path.exists():
        sys.exit(f"{path} not found")
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    if args.limit:
        docs = docs[: args.limit]
    nlp, added = build_nlp()
    fact_pipes = [nlp.get_pipe(n) for n in added if n != "facts_quotes"]
    t0 = time.perf_counter()
    parsed = parse_all(nlp, [d["text"] for d in docs], args.split, not args.no_cache)
    t_parse = time.perf_counter() - t0
    named = named_wrong = 0
    by_via: Counter[str] = Counter()
    by_via_ok: Counter[str] = Counter()
    by_conf: Counter[str] = Counter()
    by_conf_ok: Counter[str] = Counter()
    calib: Counter[str] = Counter()
    calib_ok: Counter[str] = Counter()
    n_pred = n_gold = tp = tp_sp = words = pronoun_speakers = 0
    rules: Counter[str] = Counter()
    indirect: Counter[str] = Counter()
    t_all = t_quotes = 0.0
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None  # noqa: SIM115
    for d, doc in zip(docs, parsed, strict=True):
        text = d["text"]
        words += len(text.split())
        t0 = time.perf_counter()
        for pipe in fact_pipes:
            doc = pipe(doc)
        t1 = time.perf_counter()
        extractor = QuoteExtractor(doc)
        doc._.quotes = extractor.run()
        t2 = time.perf_counter()
        evidence = {(f.marks.start, f.marks.end): f for f in extractor.kept}
        t_all += t2 - t0
        t_quotes += t2 - t1
        every = doc._.quotes or []
        for q in every:
            assert text[q.start : q.end] == q.text
        preds = [q for q in every if q.kind != "indirect"]
        ind = score_indirect(text, [q for q in every if q.kind == "indirect"], d["attributions"])
        for key, value in ind.items():
            indirect[key] += value
        golds = d["quotes"]
        n_pred += len(preds)
        n_gold += len(golds)
        pspans = [trim(text, q.start, q.end) for q in preds]
        gspans = [trim(text, g["start"], g["end"]) for g in golds]
        pairs = sorted(
            (
                (jaccard(ps, gs), i, j)
                for i, ps in enumerate(pspans)
                for j, gs in enumerate(gspans)
                if ps[0] < gs[1] and gs[0] < ps[1]
            ),
            reverse=True,
        )
        used_p: set[int] = set()
        used_g: set[int] = set()
        for score, i, j in pairs:
            if score < 0.5 or i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            tp += 1
            ok = speaker_right(doc, preds[i], golds[j]["speaker"], rules)
            tp_sp += ok
            sp = preds[i].speaker
            if is_named(sp):
                named += 1
                named_wrong += not ok
            via = getattr(sp, "via", None) or ("-" if sp is None else "?")
            by_via[via] += 1
            by_via_ok[via] += ok
            if sp is not None and args.calibrate:
                f = evidence[(preds[i].start, preds[i].end)]
                keys = confidence_keys(
                    f.via or "name", f.evidence, f.attach, f.kind, sp.entity_id is not None
                )
                for key in keys:
                    calib[key] += 1
                    calib_ok[key] += ok
            if sp is not None:
                b = bucket(getattr(sp, "confidence", None))
                by_conf[b] += 1
                by_conf_ok[b] += ok
            if dump is not None:
                g = golds[j]["speaker"]
                record = {
                    "kind": "match",
                    "doc": d["id"],
                    "gold": [golds[j]["start"], golds[j]["end"]],
                    "gold_speaker": g and g["text"],
                    "ok": ok,
                    "named": is_named(sp),
                    "via": getattr(sp, "via", None),
                    "conf": getattr(sp, "confidence", None),
                    "pred": sp and [sp.name, sp.start, sp.end],
                    "cue": preds[i].cue,
                }
                dump.write(json.dumps(record) + "\n")
            if args.errors and not ok:
                g = golds[j]["speaker"]
                print(
                    f"SPEAKER{' NAMED' if is_named(sp) else ''} {d['id']}: "
                    f"gold={g and g['text']!r} gold_cue={golds[j].get('cue')!r} "
                    f"via={getattr(sp, 'via', None)} pred="
                    f"{sp and (sp.name, text[sp.start or 0 : sp.end or 0])!r} cue={preds[i].cue!r}"
                    f" | {text[max(0, golds[j]['start'] - 120) : golds[j]['end'] + 60]!r}"
                )
        for q in preds:
            if q.speaker is not None and q.speaker.name.casefold() in PRONOUNS:
                pronoun_speakers += 1
        if dump is not None:
            for i, q in enumerate(preds):
                if i not in used_p:
                    dump.write(json.dumps({"kind": "fp", "doc": d["id"], "span": [q.start, q.end]}))
                    dump.write("\n")
            for j, g in enumerate(golds):
                if j not in used_g:
                    record = {"kind": "fn", "doc": d["id"], "gold": [g["start"], g["end"]]}
                    dump.write(json.dumps(record) + "\n")
        if args.errors:
            for i, q in enumerate(preds):
                if i not in used_p:
                    print(f"FP {d['id']}: {text[max(0, q.start - 80) : q.end + 40]!r}")
            for j, g in enumerate(golds):
                if j not in used_g:
                    print(f"FN {d['id']}: {text[max(0, g['start'] - 80) : g['end'] + 40]!r}")
    if dump is not None:
        dump.close()
    p, r, f = prf(tp, n_pred, n_gold)
    sp_p, sp_r, sp_f = prf(tp_sp, n_pred, n_gold)
    print(f"PolNeAR {args.split}: {len(docs)} docs, {words} words, components {added}")
    print(f"quotes:          P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (pred {n_pred}, gold {n_gold})")
    print(f"quote+speaker:   P {sp_p:.3f}  R {sp_r:.3f}  F1 {sp_f:.3f}  (right {tp_sp})")
    print(f"speaker rules:   {dict(rules)}")
    lenient = rules["d_cue_as_source"] + rules["e_relative"]
    st_p, st_r, st_f = prf(tp_sp - lenient, n_pred, n_gold)
    print(f"quote+speaker, rules a-c only: P {st_p:.3f}  R {st_r:.3f}  F1 {st_f:.3f}")
    ip, ir, if1 = prf(indirect["tp"], indirect["pred"], indirect["gold"])
    isp = indirect["tp_speaker"] / indirect["tp"] if indirect["tp"] else 0.0
    print(
        f"indirect (bonus): P {ip:.3f}  R {ir:.3f}  F1 {if1:.3f}  (pred {indirect['pred']}, "
        f"gold unquoted attributions {indirect['gold']}); speaker overlaps source in "
        f"{isp:.1%} of matches"
    )
    wrong = named_wrong / named if named else 0.0
    print(f"wrong-named-speaker rate: {wrong:.1%} ({named_wrong} of {named} matched quotes)")
    print("speaker accuracy by via (matched quotes; '-' = no speaker predicted):")
    for via, n in sorted(by_via.items(), key=lambda kv: -kv[1]):
        print(f"  {via:14s} {by_via_ok[via] / n:.3f}  ({by_via_ok[via]}/{n})")
    print("speaker accuracy by confidence (matched quotes with a speaker):")
    for b in (">=0.9", ">=0.8", ">=0.7", ">=0.5", "<0.5", "none"):
        if by_conf[b]:
            print(f"  {b:6s} {by_conf_ok[b] / by_conf[b]:.3f}  ({by_conf_ok[b]}/{by_conf[b]})")
    if args.calibrate:
        print("calibration (key, right/n, smoothed (right+1)/(n+2)):")
        for key, n in sorted(calib.items()):
            print(f"  {key}\t{(calib_ok[key] + 1) / (n + 2):.3f}\t{calib_ok[key]}/{n}")
    share = pronoun_speakers / n_pred if n_pred else 0.0
    print(f"bare-pronoun speaker names: {pronoun_speakers} ({share:.1%} of predicted quotes)")
    print(
        f"speed: parse {t_parse:.1f} s (cached when fast); components {words / t_all:,.0f} "
        f"words/s; facts_quotes alone {words / t_quotes:,.0f} words/s"
    )


if __name__ == "__main__":
    main()
