"""Consistency figures for facts_entities (and facts_salience) on PolNeAR texts.

    .venv/bin/python bench/entities_eval.py [--split dev|train] [--limit N] [--model NAME]
                                                 [--show N]

PolNeAR (../shared/eval/quotes/polnear-*.jsonl) has no entity gold, so this measures what can
be measured without it:
  - entities and mentions per document, labels;
  - merges: mentions joined to an entity under another surface form (surname, first name,
    acronym, variant), mentions the model did not tag (found again by name, or by the
    given-name rule), spans repaired;
  - label disagreement before voting: the share of entities with two or more model-tagged
    mentions to which the model gave different labels (after voting each entity has one);
  - quote speakers (when facts_quotes is installed): the share of predicted quotes with a
    speaker whose speaker is linked to an entity, the same among speakers whose mention is
    headed by a proper noun (target >= 95 %; "the report", "Scott's family", "they" name no
    entity), and the share of gold named (non-pronoun, capitalised) speakers covered by a
    PERSON/ORG/NORP/GPE mention;
  - docs/sec for facts_entities and facts_salience alone, the spaCy model, the pipeline.
It first prints person-mention P/R/F1 on the Rust-in-Linux sample (../shared/samples), spaCy's
PERSON spans against facts_entities, with the people's names as evaluation gold.

With gold: CoNLL-2003 dev (../shared/eval/entities/conll2003-dev.txt, see bench/conll.py):
mention F1 of our entities' mentions and of the bare model's spans in the same run, labels
mapped to PER/ORG/LOC/MISC, overall and per label, on all sentences and on prose only (not
results tables). A mention is right when a gold mention of the same document has the same
text and label (multisets per document); the strict figure also asks for the same offsets.
Model parses are cached on disk (~/.cache/news-facts-bench), so re-runs only time our rules.

    .venv/bin/python bench/entities_eval.py --corpus conll [--errors N]  # errors, label confusion
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import conll  # noqa: E402

from pipeline.clean.document import CleanDoc  # noqa: E402
from pipeline.extract import extensions  # noqa: E402
from pipeline.extract.ids import normalize_key  # noqa: E402
from pipeline.extract.nlp import default_model, load_nlp, make_doc  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "quotes"
CONLL = ROOT.parent / "shared" / "eval" / "entities" / "conll2003-dev.txt"
CACHE = Path.home() / ".cache" / "news-facts-bench"
SAMPLE = ROOT.parent / "shared" / "samples" / "rust-in-linux-kernel.md"
# Evaluation gold for the sample (never read by the pipeline): the people it names.
SAMPLE_PEOPLE = (
    "Jonathan Corbet",
    "Steven Rosted",
    "Linus Torvalds",
    "Alex Gaynor",
    "Geoffrey Thomas",
    "Nelson Elhage",
    "Miguel Ojeda",
    "Sylvestre Ledru",
    "Laurent Pinchart",
    "Dan Williams",
    "Ted T’so",
    "Steven J. Vaughan-Nichols",
)
PRONOUNS = {"he", "she", "i", "we", "they", "it", "you", "him", "her", "them", "me", "us"}


def load(model: str | None) -> tuple[Language, bool]:
    """The full pipeline when every component imports; else the model + facts_entities."""
    try:
        return load_nlp(model), True
    except ImportError as exc:
        print(f"(full pipeline unavailable: {exc}; running model + facts_entities only)")
    import pipeline.extract.components  # noqa: F401  (registers facts_entities, facts_salience)

    nlp = spacy.load(model or default_model())
    extensions.register()
    nlp.add_pipe("facts_entities")
    nlp.add_pipe("facts_salience")
    return nlp, False


def overlapping_labels(doc: Doc, start: int, end: int) -> list[str]:
    return [e.label_ for e in doc.ents if e.start_char < end and start < e.end_char]


def sample_person_f1(nlp: Language) -> None:
    """Person mentions on the Rust-in-Linux sample: spaCy's PERSON spans against ours.

    Gold: every whole-word occurrence of a person's full name or surname in the clean text.
    """
    if not SAMPLE.exists():
        return
    from pipeline.clean import clean_source

    clean = clean_source(SAMPLE.read_bytes(), "markdown")
    text = clean.text
    found: set[tuple[int, int]] = set()
    for person in SAMPLE_PEOPLE:
        for form in (person, person.split()[-1]):
            pattern = r"(?<![\w-])" + re.escape(form) + r"(?![\w-])"
            found |= {m.span() for m in re.finditer(pattern, text)}
    gold = {g for g in found if not any(o != g and o[0] <= g[0] and g[1] <= o[1] for o in found)}
    doc = nlp(make_doc(nlp, clean, None))
    spacy_spans = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"}
    ours = {(m.start, m.end) for e in doc._.entities if e.label == "PERSON" for m in e.mentions}
    people = sorted(e.name for e in doc._.entities if e.label == "PERSON")
    for label, pred in (("spaCy PERSON spans", spacy_spans), ("facts_entities PERSON", ours)):
        tp = len(pred & gold)
        p = tp / len(pred) if pred else 0.0
        r = tp / len(gold) if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"sample person mentions  {label:22} P {p:.2f} R {r:.2f} F1 {f:.2f}")
    missing = sorted(set(SAMPLE_PEOPLE) - set(people))
    extra = sorted(set(people) - set(SAMPLE_PEOPLE))
    print(f"sample PERSON entities  {len(people)}; missing {missing}; not people {extra}\n")


def parsed(nlp: Language, texts: list[str]) -> list[Doc]:
    """The model's parses of `texts` (no facts_ components), cached on disk by content."""
    from spacy.tokens import DocBin

    digest = hashlib.sha256(
        "\x00".join([nlp.meta.get("name", ""), nlp.meta.get("version", ""), *texts]).encode()
    ).hexdigest()[:16]
    path = CACHE / f"parses-{digest}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    model = [name for name in nlp.pipe_names if not name.startswith("facts_")]
    with nlp.select_pipes(enable=model):
        docs = list(nlp.pipe(texts, batch_size=16))
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


Mention = tuple[int, int, str]


def score_mentions(
    pairs: list[tuple[conll.Document, list[Mention]]], strict: bool, prose: bool
) -> dict[str, tuple[int, int, int]]:
    """(true positives, predicted, gold) per CoNLL label and overall ("ALL")."""
    out: dict[str, list[int]] = {label: [0, 0, 0] for label in (*conll.CONLL_LABELS, "ALL")}
    for doc, pred in pairs:
        gold = _items(doc, doc.gold, strict, prose)
        got = _items(doc, pred, strict, prose)
        for label in (*conll.CONLL_LABELS, "ALL"):
            g, p = _of_label(gold, label), _of_label(got, label)
            out[label][0] += sum((g & p).values())
            out[label][1] += sum(p.values())
            out[label][2] += sum(g.values())
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}


def _items(
    doc: conll.Document, spans: list[Mention], strict: bool, prose: bool
) -> Counter[tuple[Any, ...]]:
    return Counter(
        (s, e, label) if strict else (doc.text[s:e], label)
        for s, e, label in spans
        if not prose or doc.in_prose(s, e)
    )


def _of_label(items: Counter[tuple[Any, ...]], label: str) -> Counter[tuple[Any, ...]]:
    return items if label == "ALL" else Counter({k: v for k, v in items.items() if k[-1] == label})


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def conll_eval(nlp: Language, errors: int) -> None:
    """Mapped mention F1 on CoNLL-2003 dev: our entities and the bare model, same parses."""
    from pipeline.extract.entities.extract import extract_entities, model_parser

    if not CONLL.exists():
        print(f"{CONLL} not found (../shared beside the project): CoNLL figures skipped")
        return
    docs = conll.load_documents(CONLL)
    t0 = time.perf_counter()
    parses = parsed(nlp, [d.text for d in docs])
    parse = model_parser(nlp)
    t1 = time.perf_counter()
    ours: list[tuple[conll.Document, list[Mention]]] = []
    bare: list[tuple[conll.Document, list[Mention]]] = []
    for d, doc in zip(docs, parses, strict=True):
        doc._.clean = CleanDoc(d.text, "text")
        doc._.reference_date = None
        pred = [
            (m.start, m.end, conll.LABEL_MAP[e.label])
            for e in extract_entities(doc, parse)
            if e.label in conll.LABEL_MAP
            for m in e.mentions
        ]
        ours.append((d, pred))
        model = [
            (e.start_char, e.end_char, conll.LABEL_MAP[e.label_])
            for e in doc.ents
            if e.label_ in conll.LABEL_MAP
        ]
        bare.append((d, model))
    t2 = time.perf_counter()
    print(
        f"CoNLL-2003 dev: {len(docs)} stories, {sum(len(d.gold) for d in docs)} gold mentions"
        f" (parse {t1 - t0:.0f}s, facts_entities {t2 - t1:.1f}s)"
    )
    for prose in (False, True):
        for strict in (False, True):
            title = ("prose sentences" if prose else "all sentences") + (
                ", same offsets" if strict else ", same text"
            )
            print(f"  {title}")
            for name, pairs in (("bare model", bare), ("facts_entities", ours)):
                table = score_mentions(pairs, strict, prose)
                cells = []
                for label in ("ALL", *conll.CONLL_LABELS):
                    f = prf(*table[label])[2]
                    cells.append(f"{label} {f:.3f}")
                p, r, _ = prf(*table["ALL"])
                print(f"    {name:15} F1 {'  '.join(cells)}   (P {p:.3f} R {r:.3f})")
    if errors:
        show_errors(ours, errors)


def show_errors(pairs: list[tuple[conll.Document, list[Mention]]], limit: int) -> None:
    """The most frequent wrong and missed (text, label) items over the whole set."""
    wrong: Counter[tuple[str, str, str]] = Counter()
    missed: Counter[tuple[str, str]] = Counter()
    for doc, pred in pairs:
        gold = {(s, e): label for s, e, label in doc.gold}
        for s, e, label in pred:
            g = gold.get((s, e))
            if g != label:
                wrong[(doc.text[s:e], label, g or "-")] += 1
        got = {(s, e) for s, e, _ in pred}
        for (s, e), label in gold.items():
            if (s, e) not in got:
                missed[(doc.text[s:e], label)] += 1
    confusion_matrix(pairs, prose=False)
    confusion_matrix(pairs, prose=True)
    print(f"\nmost frequent wrong (text, ours, gold): {wrong.most_common(limit)}")
    print(f"\nmost frequent missed (text, gold): {missed.most_common(limit)}")


def confusion_matrix(pairs: list[tuple[conll.Document, list[Mention]]], prose: bool) -> None:
    """Gold label (rows) against ours (columns) by exact offsets; "-" is no mention."""
    table: Counter[tuple[str, str]] = Counter()
    for doc, pred in pairs:
        gold = {(s, e): label for s, e, label in doc.gold if not prose or doc.in_prose(s, e)}
        ours = {(s, e): label for s, e, label in pred if not prose or doc.in_prose(s, e)}
        for span in gold.keys() | ours.keys():
            table[(gold.get(span, "-"), ours.get(span, "-"))] += 1
    labels = (*conll.CONLL_LABELS, "-")
    print(f"\nconfusion, {'prose' if prose else 'all'} sentences (rows gold, columns ours)")
    print("      " + "".join(f"{c:>7}" for c in labels))
    for g in labels:
        print(f"{g:6}" + "".join(f"{table[(g, c)]:>7}" for c in labels))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--model", default=None)
    ap.add_argument("--show", type=int, default=0, help="print the entities of N documents")
    ap.add_argument("--corpus", default="all", choices=["all", "conll", "polnear"])
    ap.add_argument("--errors", type=int, default=0, help="CoNLL: the N most frequent errors")
    args = ap.parse_args()
    if args.corpus != "polnear":
        nlp, _ = load(args.model)
        print(f"model {nlp.meta.get('name')} {nlp.meta.get('version')}")
        sample_person_f1(nlp)
        conll_eval(nlp, args.errors)
        if args.corpus == "conll":
            return

    path = EVAL / f"polnear-{args.split}.jsonl"
    if not path.exists():
        sys.exit(f"{path} not found (../shared beside the project)")
    rows: list[dict[str, Any]] = [json.loads(line) for line in path.open(encoding="utf-8")]
    if args.limit:
        rows = rows[: args.limit]
    nlp, full = load(args.model)
    print(f"model {nlp.meta.get('name')} {nlp.meta.get('version')}; components {nlp.pipe_names}")
    sample_person_f1(nlp)

    stats: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    timings: Counter[str] = Counter()  # wall seconds per component
    cpu: Counter[str] = Counter()  # CPU seconds per component (steadier on a busy machine)
    for n, row in enumerate(rows):
        text = row["text"]
        doc = make_doc(nlp, CleanDoc(text, "text"), None)
        for name, proc in nlp.pipeline:
            t0, c0 = time.perf_counter(), time.process_time()
            doc = proc(doc)
            timings[name] += time.perf_counter() - t0
            cpu[name] += time.process_time() - c0

        entities = doc._.entities or []
        stats["docs"] += 1
        stats["entities"] += len(entities)
        for e in entities:
            labels[e.label] += 1
            stats["mentions"] += len(e.mentions)
            keys = {normalize_key(m.text) for m in e.mentions}
            stats["merged_forms"] += max(len(keys) - 1, 0)
            model_labels: list[str] = []
            for m in e.mentions:
                assert text[m.start : m.end] == m.text, (row["id"], m)
                found = overlapping_labels(doc, m.start, m.end)
                exact = [
                    ent for ent in doc.ents if (ent.start_char, ent.end_char) == (m.start, m.end)
                ]
                if not found:
                    stats["untagged_mentions"] += 1
                else:
                    model_labels.append(found[0])
                    if not exact:
                        stats["repaired_spans"] += 1
                    if found[0] != e.label:
                        stats["relabelled_mentions"] += 1
            if len(model_labels) >= 2:
                stats["multi_tagged_entities"] += 1
                if len(set(model_labels)) > 1:
                    stats["model_disagreed"] += 1
            if not e.mentions:
                stats["entities_without_mentions"] += 1

        quotes = doc._.quotes or []
        for q in quotes:
            sp = q.speaker
            if sp is None:
                continue
            stats["quotes_with_speaker"] += 1
            stats["speaker_linked"] += sp.entity_id is not None
            span = (
                doc.char_span(sp.start, sp.end, alignment_mode="expand")
                if sp.start is not None and sp.end is not None
                else None
            )
            if span is not None and span.root.pos_ == "PROPN":
                stats["named_speakers"] += 1
                stats["named_speaker_linked"] += sp.entity_id is not None
        named_mentions = [
            m for e in entities if e.label in {"PERSON", "ORG", "NORP", "GPE"} for m in e.mentions
        ]
        for g in row.get("quotes", []):
            sp = g.get("speaker")
            if not sp or sp["text"].lower() in PRONOUNS or not sp["text"][:1].isupper():
                continue
            stats["gold_named_speakers"] += 1
            stats["gold_named_covered"] += any(
                m.start < sp["end"] and sp["start"] < m.end for m in named_mentions
            )
        if n < args.show:
            print(f"\n# {row['id']}")
            for e in entities:
                forms = sorted({m.text for m in e.mentions})
                print(f"  {e.label:11} {e.salience:.2f} {e.name!r} x{len(e.mentions)} {forms}")

    docs = max(stats["docs"], 1)

    def share(a: str, b: str) -> str:
        return f"{stats[a] / stats[b]:.1%} ({stats[a]}/{stats[b]})" if stats[b] else "n/a"

    print(f"\nPolNeAR {args.split}: {stats['docs']} documents")
    print(f"entities per document        {stats['entities'] / docs:.1f}")
    print(f"mentions per document        {stats['mentions'] / docs:.1f}")
    print(f"labels                       {dict(labels.most_common())}")
    print(
        f"merged surface forms         {stats['merged_forms']}"
        f" ({stats['merged_forms'] / docs:.1f}/doc)"
    )
    print(f"mentions the model missed    {stats['untagged_mentions']} (found by name / given name)")
    print(f"model spans repaired         {stats['repaired_spans']}")
    print(f"mentions relabelled by vote  {share('relabelled_mentions', 'mentions')}")
    print(
        f"model labels disagreed       {share('model_disagreed', 'multi_tagged_entities')}"
        " of entities with >= 2 tagged mentions (one label each after voting)"
    )
    print(f"entities without mentions    {stats['entities_without_mentions']}")
    if "facts_quotes" in nlp.pipe_names:
        print(f"quote speakers linked        {share('speaker_linked', 'quotes_with_speaker')}")
        print(
            f"  named speakers linked      {share('named_speaker_linked', 'named_speakers')}"
            " (speaker mention headed by a proper noun; target >= 95%)"
        )
    else:
        print("quote speakers linked        n/a (facts_quotes not installed)")
    print(f"gold named speakers covered  {share('gold_named_covered', 'gold_named_speakers')}")
    n_docs = stats["docs"]

    def rate(table: Counter[str], names: list[str]) -> str:
        seconds = sum(table[name] for name in names)
        return f"{n_docs / seconds:.1f}" if seconds else "n/a"

    model = [name for name in nlp.pipe_names if not name.startswith("facts_")]
    print("docs/sec (wall / CPU time):")
    for label, names in (
        ("facts_entities alone", ["facts_entities"]),
        ("facts_salience alone", ["facts_salience"]),
        ("spaCy model", model),
        ("full pipeline" if full else "model + entities + salience", nlp.pipe_names),
    ):
        print(f"  {label:27}  {rate(timings, names)} / {rate(cpu, names)}")


if __name__ == "__main__":
    main()
