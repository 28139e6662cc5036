"""Score HTML cleaning on the article-extraction-benchmark (181 news and blog pages).

    .venv/bin/python bench/clean_eval.py [--via auto|dispatcher|direct] [--limit N]
                                              [--worst N] [--no-baselines]

Systems, in one run on the same pages:
- ours: `clean_source(bytes, "html").text` (the dispatcher: decode, clean_html, then the shared
  post-processing: normalization, bare URLs to host names, dateline), or
  `clean_html(decoded text).text` with --via direct (auto: the dispatcher if it works);
- trafilatura's plain `trafilatura.extract(html)` with its defaults, with
  include_comments=False (how the benchmark's own runner calls it), and with
  favor_precision=True (+ include_comments=False).

Metric, as the benchmark's evaluate.py: tokens are `\\w+` matches, case kept as there (its
IGNORECASE flag does not lower-case; the "F1 lc" column lower-cases the tokens first); shingles
are the 4-token windows (a text of under 4 tokens gives one shorter shingle); per page, tp/fp/fn
come from the shingle multisets (tp = sum of min counts, fp/fn = surplus counts) and are divided
by tp+fp+fn; precision is the mean of per-page precision over pages with tp+fp > 0, recall the
mean of per-page recall over pages with tp+fn > 0 (a page with fp = fn = 0 scores 1, an empty
prediction 0), F1 = 2PR/(P+R) of those two means.

Removed lines and bylines (ours only): precision of `removed` on all pages (a removed block is
wrong when its words are a run of the true body; images and empty links are left out), and on
the pages of the hand gold `bench/data/clean_gold.json` (issue 14's cases): precision (a removed
block is right when it holds a gold boilerplate fragment or is not in the true body; wrong when
it holds a gold article fragment or is in the true body), boilerplate fragments gone from the
text, article fragments kept. Author exact match: AEB's ground truth has no author field, so
the hand gold's `authors` lists are used; ours is `metadata.authors`, the baseline is
trafilatura's own author string split on ";".

Also checked on every page for ours: each link span's text equals its anchor, and the clean
text holds no "](" and no "http" word that the true article body does not hold itself; such
words are split into those leaked from link markup (bugs: not in the page's visible text) and
those printed on the page (an address in a paragraph the truth leaves out).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.clean.document import CleanDoc  # noqa: E402
from pipeline.clean.html import clean_html  # noqa: E402
from pipeline.errors import PipelineError  # noqa: E402

ARTICLES = ROOT.parent / "shared" / "eval" / "articles"
TOKEN_RE = re.compile(r"\w+")
REMNANTS = ("](", "http")
REMNANT_RE = re.compile(r"\S*(?:\]\(|http)\S*")

Shingles = Counter[tuple[str, ...]]
PageScore = tuple[float, float, float]  # normalized tp, fp, fn


def shingles(text: str, n: int = 4, lower: bool = False) -> Shingles:
    tokens = TOKEN_RE.findall(text or "")
    if lower:
        tokens = [token.lower() for token in tokens]
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def page_score(true: str, pred: str, lower: bool = False) -> PageScore:
    gold, guess = shingles(true, lower=lower), shingles(pred, lower=lower)
    tp = sum((gold & guess).values())
    fp = sum((guess - gold).values())
    fn = sum((gold - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def aggregate(scores: list[PageScore]) -> tuple[float, float, float]:
    precision = statistics.mean(_precision(*s) for s in scores if s[0] + s[1] > 0)
    recall = statistics.mean(_recall(*s) for s in scores if s[0] + s[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass
class System:
    name: str
    run: Callable[[bytes, str], str]
    outputs: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    failures: int = 0


@dataclass
class Checks:
    pages: int = 0
    links: int = 0
    bad_spans: int = 0
    leaked: list[tuple[str, str]] = field(default_factory=list)  # from link markup: bugs
    printed: list[tuple[str, str]] = field(default_factory=list)  # printed on the page


def _ours(via: str, checks: Checks, docs: dict[int, CleanDoc]) -> Callable[[bytes, str], str]:
    def run(data: bytes, html: str) -> str:
        doc: CleanDoc
        if via == "dispatcher":
            from pipeline.clean import clean_source

            doc = clean_source(data, "html")
        else:
            doc = clean_html(html)
        docs[hash(data)] = doc
        checks.pages += 1
        checks.links += len(doc.links)
        checks.bad_spans += sum(doc.text[x.start : x.end] != x.anchor for x in doc.links)
        return doc.text

    return run


def _remnants(text: str, truth: str, visible: str) -> list[tuple[bool, str]]:
    """URL syntax in our text that the true body lacks: (written on the page?, context).

    Written on the page = the address is in the page's visible text (an address printed in a
    paragraph, kept or dropped by the extraction), not leaked from link markup.
    """
    found = []
    for match in REMNANT_RE.finditer(text):
        word = match.group(0)
        if word not in truth:
            context = text[max(0, match.start() - 20) : match.end() + 20].replace("\n", " ")
            found.append((word in visible, context))
    return found


def _visible_text(html: str) -> str:
    tree = lxml.html.fromstring(html)
    for element in tree.iter("script", "style", "noscript"):
        element.drop_tree()
    return " ".join(tree.text_content().split())


GOLD = ROOT / "bench" / "data" / "clean_gold.json"
_IGNORED_REASONS = ("image", "empty-link")


def _page_bytes(page_id: str) -> bytes:
    return (ARTICLES / "html" / f"{page_id}.html").read_bytes()


def _norm(text: str) -> str:
    return " ".join(TOKEN_RE.findall(text.casefold()))


def _in_body(text: str, body: str) -> bool:
    words = _norm(text)
    return bool(words) and f" {words} " in f" {body} "


def _removed_report(docs: dict[str, CleanDoc | None], truth: dict[str, dict[str, str]]) -> None:
    right = total = 0
    for page_id, doc in docs.items():
        if doc is None:
            continue
        body = _norm(truth[page_id]["articleBody"])
        for block in doc.removed:
            if block.reason not in _IGNORED_REASONS:
                total += 1
                right += not _in_body(block.text, body)
    print(
        f"\nremoved blocks (ours, all pages, images and empty links left out): {total}, "
        f"precision vs the true body {right / max(total, 1):.3f}"
    )
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["removed"]
    right = total = gone = kept = n_gone = n_kept = 0
    wrong: list[str] = []
    for prefix, fragments in gold.items():
        page_id = next((i for i in docs if i.startswith(prefix)), None)
        doc = docs.get(page_id) if page_id else None
        if doc is None or page_id is None:
            continue
        body = _norm(truth[page_id]["articleBody"])
        for block in doc.removed:
            if block.reason in _IGNORED_REASONS:
                continue
            total += 1
            is_boilerplate = any(f in block.text for f in fragments["boilerplate"])
            is_article = any(f in block.text for f in fragments["article"])
            ok = is_boilerplate or (not is_article and not _in_body(block.text, body))
            right += ok
            if not ok:
                wrong.append(f"{prefix} {block.reason}: {block.text[:70]!r}")
        n_gone += len(fragments["boilerplate"])
        gone += sum(f not in doc.text for f in fragments["boilerplate"])
        n_kept += len(fragments["article"])
        kept += sum(f in doc.text for f in fragments["article"])
        for f in fragments["boilerplate"]:
            if f in doc.text:
                wrong.append(f"{prefix} still in the text: {f!r}")
        for f in fragments["article"]:
            if f not in doc.text:
                wrong.append(f"{prefix} article line lost: {f!r}")
    still_open = [f"{p} {f!r}" for p, fr in gold.items() for f in fr.get("open", [])]
    print(
        f"hand gold ({len(gold)} pages): removed precision {right}/{total} "
        f"= {right / max(total, 1):.3f}; boilerplate gone {gone}/{n_gone}; "
        f"article kept {kept}/{n_kept}"
    )
    for line in wrong:
        print(f"  {line}")
    print(f"  known open (boilerplate still kept): {', '.join(still_open) or 'none'}")


def _author_report(docs: dict[str, CleanDoc | None]) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["authors"]
    ours = base = total = 0
    misses: list[str] = []
    for prefix, names in gold.items():
        page_id = next((i for i in docs if i.startswith(prefix)), None)
        doc = docs.get(page_id) if page_id else None
        if doc is None or page_id is None:
            continue
        total += 1
        ours += doc.metadata.authors == names
        raw = trafilatura.bare_extraction(
            _page_bytes(page_id).decode("utf-8", "replace"), with_metadata=True, fast=True
        )
        raw_author = getattr(raw, "author", None) or ""
        base += [a.strip() for a in raw_author.split(";") if a.strip()] == names
        if doc.metadata.authors != names:
            misses.append(f"{prefix} {doc.metadata.authors} != {names}")
    print(
        f"\nauthors exact match (hand gold; AEB has no author field): ours {ours}/{total}, "
        f"trafilatura's author split on ';' {base}/{total}"
    )
    for line in misses:
        print(f"  {line}")


def _trafilatura(**options: bool) -> Callable[[bytes, str], str]:
    def run(data: bytes, html: str) -> str:
        return trafilatura.extract(html, **options) or ""

    return run


def _choose_via(requested: str) -> str:
    if requested != "auto":
        return requested
    try:
        from pipeline.clean import clean_source

        clean_source(
            b"<html><body><article><p>" + b"Probe sentence. " * 40 + b"</p></article>", "html"
        )
    except (ImportError, PipelineError, AttributeError):
        return "direct"
    return "dispatcher"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--via", choices=("auto", "dispatcher", "direct"), default="auto")
    parser.add_argument("--limit", type=int, default=0, help="first N pages only")
    parser.add_argument("--worst", type=int, default=10, help="list the N worst pages of ours")
    parser.add_argument("--no-baselines", action="store_true", help="score ours only")
    args = parser.parse_args()

    truth_path = ARTICLES / "ground-truth.json"
    if not truth_path.exists():
        sys.exit(f"benchmark not found: {truth_path}")
    truth: dict[str, dict[str, str]] = json.loads(truth_path.read_text(encoding="utf-8"))
    ids = sorted(truth)[: args.limit or None]

    via = _choose_via(args.via)
    checks = Checks()
    docs: dict[int, CleanDoc] = {}
    systems = [System(f"ours ({via})", _ours(via, checks, docs))]
    if not args.no_baselines:
        systems += [
            System("trafilatura defaults", _trafilatura()),
            System("trafilatura no comments", _trafilatura(include_comments=False)),
            System(
                "trafilatura favor_precision",
                _trafilatura(include_comments=False, favor_precision=True),
            ),
        ]

    for page_id in ids:
        data = (ARTICLES / "html" / f"{page_id}.html").read_bytes()
        html = data.decode("utf-8", errors="replace")
        for system in systems:
            start = time.perf_counter()
            try:
                system.outputs[page_id] = system.run(data, html)
            except PipelineError:
                system.outputs[page_id] = ""
                system.failures += 1
            system.seconds += time.perf_counter() - start
        ours_text = systems[0].outputs[page_id]
        if any(marker in ours_text for marker in REMNANTS):
            visible = _visible_text(html)
            for on_page, context in _remnants(ours_text, truth[page_id]["articleBody"], visible):
                (checks.printed if on_page else checks.leaked).append((page_id, context))

    print(f"article-extraction-benchmark: {len(ids)} pages, shingles of 4 \\w+ tokens")
    header = f"{'system':<30} {'P':>7} {'R':>7} {'F1':>7} {'F1 lc':>7} {'s/page':>7} {'fail':>5}"
    print(header)
    print("-" * len(header))
    for system in systems:
        scores = [page_score(truth[i]["articleBody"], system.outputs[i]) for i in ids]
        lower = [page_score(truth[i]["articleBody"], system.outputs[i], lower=True) for i in ids]
        precision, recall, f1 = aggregate(scores)
        f1_lower = aggregate(lower)[2]
        print(
            f"{system.name:<30} {precision:7.4f} {recall:7.4f} {f1:7.4f} {f1_lower:7.4f} "
            f"{system.seconds / len(ids):7.3f} {system.failures:5d}"
        )

    print(
        f"\nours: {checks.links} links on {checks.pages} pages, "
        f"{checks.bad_spans} spans whose text differs from the anchor"
    )
    for label, found in (
        ("leaked from link markup (not in the page's visible text)", checks.leaked),
        ("printed on the page but outside the true body", checks.printed),
    ):
        pages = len({page for page, _ in found})
        print(
            f'ours: {len(found)} "](" / "http" words not in the true text, {label}, {pages} pages'
        )
        for page_id, context in found[:12]:
            print(f"  {page_id[:12]}  {context!r}")

    by_page = {i: docs.get(hash(_page_bytes(i))) for i in ids}
    _removed_report(by_page, truth)
    _author_report(by_page)

    if args.worst:
        ours = systems[0]
        per_page = {i: page_score(truth[i]["articleBody"], ours.outputs[i]) for i in ids}
        ranked = sorted(ids, key=lambda i: _precision(*per_page[i]) * _recall(*per_page[i]))
        print(f"\nours, {args.worst} worst pages (P R url):")
        for page_id in ranked[: args.worst]:
            score = per_page[page_id]
            print(
                f"  {page_id[:12]} {_precision(*score):.2f} {_recall(*score):.2f} "
                f"{truth[page_id].get('url', '')}"
            )


if __name__ == "__main__":
    main()
