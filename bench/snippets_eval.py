"""Score HTML cleaning on trafilatura's own evaluation set: snippets present / absent.

    .venv/bin/python bench/snippets_eval.py --data PATH/TO/trafilatura/tests [--limit N]
        [--no-baselines]

PATH holds `evaldata.json` and the pages under `eval/` or `cache/` (a checkout of
github.com/adbar/trafilatura; nothing of it is copied here). Per page, each "with" snippet found
in the whitespace-collapsed text is a true positive (else a false negative), each "without"
snippet found is a false positive (else a true negative); P, R and F1 over all snippets, as
trafilatura's tests/evaluate.py counts them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.clean import clean_source  # noqa: E402
from pipeline.errors import PipelineError  # noqa: E402


def _ours(raw: bytes) -> str:
    try:
        return clean_source(raw, "html").text
    except PipelineError:
        return ""


def _trafilatura(**options: bool) -> Callable[[bytes], str]:
    def run(raw: bytes) -> str:
        return trafilatura.extract(raw.decode("utf-8", "replace"), **options) or ""

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="trafilatura's tests folder")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--no-baselines", action="store_true")
    args = parser.parse_args()
    gold_path = args.data / "evaldata.json"
    if not gold_path.exists():
        sys.exit(f"evaluation set not found: {gold_path}")
    items = sorted(json.loads(gold_path.read_text(encoding="utf-8")).items())
    items = items[: args.limit or None]
    systems: dict[str, Callable[[bytes], str]] = {"ours": _ours}
    if not args.no_baselines:
        systems["trafilatura defaults"] = _trafilatura()
        systems["trafilatura no comments"] = _trafilatura(include_comments=False)
        systems["trafilatura favor_precision"] = _trafilatura(
            include_comments=False, favor_precision=True
        )
    print(f"trafilatura evaldata: {len(items)} pages")
    for name, run in systems.items():
        tp = fn = fp = tn = 0
        start = time.perf_counter()
        for _url, item in items:
            path = args.data / "eval" / item["file"]
            if not path.exists():
                path = args.data / "cache" / item["file"]
            text = " ".join(run(path.read_bytes()).split())
            for snippet in item.get("with", []):
                found = " ".join(snippet.split()) in text
                tp, fn = tp + found, fn + (not found)
            for snippet in item.get("without", []):
                found = " ".join(snippet.split()) in text
                fp, tn = fp + found, tn + (not found)
        precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        seconds = (time.perf_counter() - start) / max(len(items), 1)
        print(f"{name:<30} P {precision:.4f} R {recall:.4f} F1 {f1:.4f} {seconds:.3f} s/page")


if __name__ == "__main__":
    main()
