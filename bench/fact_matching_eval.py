"""Are edited facts shown as `changed`? Edits real articles the way a publisher would and diffs.

Takes N PolNeAR dev articles (../shared/eval/quotes, never copied here), runs `pipeline run` on
them, then makes a second version of each: a paragraph added at the top (every offset moves), up
to two quotes reworded (a word inserted in the middle) and a weekday corrected to the next day;
runs again and diffs the two output folders. Reports, per kind, how many edited facts came out
as one fact `changed` (with its old text) rather than removed + added, and how many `changed`
pairs joined facts that were not edited (wrong pairs).

    .venv/bin/python bench/fact_matching_eval.py [--docs 30]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from pipeline.diff import diff_folders

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "eval" / "quotes" / "polnear-dev.jsonl"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LEAD = "Editor's note: this article was updated after publication to correct several details.\n\n"


def run(raw: Path, out: Path) -> None:
    command = [sys.executable, "-m", "pipeline", "run", str(raw), "--out", str(out)]
    subprocess.run(command, check=True, capture_output=True)


def reword(text: str, document: dict[str, Any]) -> tuple[str, set[str], set[str]]:
    """The edited text, the quote texts reworded and the weekday texts corrected."""
    quotes: set[str] = set()
    for quote in document["quotes"]:
        words = quote["text"].split()
        if len(words) < 6 or text.count(quote["text"]) != 1 or len(quotes) == 2:
            continue
        middle = len(words) // 2
        edited = " ".join([*words[:middle], "indeed", *words[middle:]])
        text = text.replace(quote["text"], edited)
        quotes.add(quote["text"])
    dates: set[str] = set()
    for date in document["dates"]:
        if date["text"] in WEEKDAYS and len(re.findall(rf"\b{date['text']}\b", text)) == 1:
            following = WEEKDAYS[(WEEKDAYS.index(date["text"]) + 1) % 7]
            text = re.sub(rf"\b{date['text']}\b", following, text)
            dates.add(date["text"])
            break
    return LEAD + text, quotes, dates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=30)
    parser.add_argument("--verbose", action="store_true", help="Show the misses and wrong pairs.")
    args = parser.parse_args()
    if not CORPUS.is_file():
        sys.exit(f"{CORPUS} not found")
    articles = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    work = Path(tempfile.mkdtemp(prefix="fact-matching-"))
    try:
        first, second = work / "v1", work / "v2"
        first.mkdir()
        second.mkdir()
        for i, article in enumerate(articles[: args.docs]):
            (first / f"doc{i:03}.txt").write_text(article["text"], encoding="utf-8")
        run(first, work / "out1")
        edits: dict[str, tuple[set[str], set[str]]] = {}
        for path in sorted(first.glob("*.txt")):
            output = json.loads((work / "out1" / f"{path.stem}.json").read_bytes())
            text, quotes, dates = reword(path.read_text(encoding="utf-8"), output)
            (second / path.name).write_text(text, encoding="utf-8")
            edits[path.stem] = (quotes, dates)
        run(second, work / "out2")
        result = diff_folders(work / "out1", work / "out2")
        report(result.documents, edits, args.verbose)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def ours(old: str | None, new: str | None) -> bool:
    """Whether `new` is `old` with edits of ours in it (the edit of a quote nested in another)."""
    if old is None or new is None:
        return False
    undone = new.replace(" indeed", "")
    return undone == old or any(
        undone == re.sub(rf"\b{day}\b", WEEKDAYS[(i + 1) % 7], old)
        for i, day in enumerate(WEEKDAYS)
    )


def report(
    documents: list[Any], edits: dict[str, tuple[set[str], set[str]]], verbose: bool
) -> None:
    found = {"quotes": 0, "dates": 0}
    wrong = {"quotes": 0, "dates": 0}
    split = {"quotes": 0, "dates": 0}
    lost = {"quotes": 0, "dates": 0}
    for document in documents:
        quotes, dates = edits.get(document.doc, (set(), set()))
        expected = {"quotes": quotes, "dates": dates}
        for change in document.changes:
            if change.kind not in expected:
                continue
            old_text = (change.old or {}).get("text")
            if change.op == "changed" and old_text != change.new.get("text"):
                if old_text in expected[change.kind]:
                    found[change.kind] += 1
                elif not ours(old_text, change.new.get("text")):  # else: holds an edited fact
                    wrong[change.kind] += 1
                    if verbose:
                        print(f"wrong pair in {document.doc}: {old_text!r} -> {change.new!r}")
            elif change.op == "removed" and old_text in expected[change.kind]:
                added = [
                    c.new for c in document.changes if c.op == "added" and c.kind == change.kind
                ]
                if added:
                    split[change.kind] += 1
                else:
                    lost[change.kind] += 1
                if verbose:
                    print(f"not paired in {document.doc}: {change.old!r} / added {added!r}")
    for kind, label in (("quotes", "reworded quotes"), ("dates", "corrected weekdays")):
        total = sum(len(e[0 if kind == "quotes" else 1]) for e in edits.values())
        print(
            f"{label}: {total} edited, {found[kind]} shown as changed, "
            f"{split[kind]} as removed + added, {lost[kind]} not extracted again, "
            f"{wrong[kind]} changed pairs of unedited facts"
        )


if __name__ == "__main__":
    main()
