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
"""

from __future__ import annotations

import argparse
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

from pipeline.clean.document import CleanDoc  # noqa: E402
from pipeline.extract import extensions  # noqa: E402
from pipeline.extract.ids import normalize_key  # noqa: E402
from pipeline.extract.nlp import default_model, load_nlp, make_doc  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "quotes"
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
    import pipeline.extract.entities
    import pipeline.extract.salience  # noqa: F401

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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--model", default=None)
    ap.add_argument("--show", type=int, default=0, help="print the entities of N documents")
    args = ap.parse_args()

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
