"""Hostile sources through the whole pipeline: crashes, tracebacks, violations, escapes, hangs.

Inputs come from three generators: a grammar of broken HTML, Markdown and text (malformed
addresses, non-text charsets, unknown marked sections, front matter of every YAML type, deep
nesting), hypothesis' own strategies (random Unicode in every format), and "storms" (quote
marks, punctuation runs, hyphen and dot chains, names, links, long lines, huge files).

Each input is run alone through the library's Runner (model loaded once) so that its time is
its own; then one `pipeline run` subprocess goes over the whole folder and `pipeline validate`
over its output, to see what reaches the screen. Reported:

- crashes: an exception escaping the run, or a source failed with an internal error
  (ExtractionError, or an error that is no SourceError) instead of a reason about the input;
- tracebacks: "Traceback" on the subprocess's stdout or stderr;
- violations: an output that `pipeline validate` rejects (schema or offsets);
- escapes: a file created or changed outside OUT;
- time per KB for inputs of 10 KB and more: the slowest against the median, and any input of
  100 KB or more slower than 10 s.

    .venv/bin/python bench/fuzz.py [--n N] [--seed S] [--keep DIR]
    .venv/bin/python bench/fuzz.py --storms [--sizes 10,100,1000]  # seconds per shape and size
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Source = tuple[bytes, str]  # (bytes, format: "html" | "markdown" | "text")
EXT = {"html": "html", "markdown": "md", "text": "txt"}
ROOT = Path(__file__).resolve().parent.parent

# --- storms: one shape repeated to a size --------------------------------------------------


def _fill(unit: Callable[[random.Random], str], size: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        piece = unit(rng)
        parts.append(piece)
        length += len(piece)
    return "".join(parts)[:size]


_WORDS = "the council said he she they would vote on budget plan today and new".split()
_FIRST = [
    a + b
    for a in ("Jo", "Ma", "Li", "Ka", "Ro", "Pe", "Sa", "Da", "El", "An")
    for b in ("hn", "ria", "nda", "ren", "bert", "ter", "rah", "vid", "len", "na")
]
_LAST = [
    a + b
    for a in ("Smi", "Jon", "Bro", "Wil", "Tay", "Mil", "Dav", "Gar", "Rod", "Mar")
    for b in ("th", "es", "wn", "son", "lor", "ler", "is", "cia", "ez", "tin")
]


def _quote_marks(rng: random.Random) -> str:
    return rng.choice(['"', "“", "”", "'", "‘", "’", " ", " ", "said", "he", "x", ".", ","])


def _quote_openers(rng: random.Random) -> str:
    return rng.choice(["“", '"', "‘"]) + rng.choice(_WORDS) + " "


def _quoted_sentences(rng: random.Random) -> str:
    name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    return f'“{rng.choice(_WORDS)} {rng.choice(_WORDS)},” {name} said, "{rng.choice(_WORDS)} '


def _names(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)} met {rng.choice(_LAST)}. "


def _md_links(rng: random.Random) -> str:
    word = rng.choice(_WORDS)
    return f"[{word}](https://example.org/{rng.randrange(10**6)}) {word} {rng.choice(_WORDS)} "


def _sentences(rng: random.Random) -> str:
    words = " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(5, 20)))
    return words.capitalize() + (". " if rng.random() < 0.8 else ".\n\n")


STORMS: dict[str, Callable[[int], Source]] = {
    "quote-marks": lambda n: (_fill(_quote_marks, n).encode(), "text"),
    "quote-openers": lambda n: (_fill(_quote_openers, n).encode(), "text"),
    "quoted-sentences": lambda n: (_fill(_quoted_sentences, n).encode(), "text"),
    "parens": lambda n: (b"Story. " + b"(" * n, "text"),
    "brackets-md": lambda n: (b"Story. " + b"[" * n, "markdown"),
    "punct-mix": lambda n: (b"Story. " + (b"([{<'\"!?.,;:-)]}>" * n)[:n], "text"),
    "hyphen-chain": lambda n: (b"Story " + b"a-" * (n // 2), "text"),
    "dot-chain": lambda n: (b"Story " + b"aa." * (n // 3), "text"),
    "names": lambda n: (_fill(_names, n).encode(), "text"),
    "md-links": lambda n: (_fill(_md_links, n).encode(), "markdown"),
    "long-line": lambda n: (_fill(lambda r: r.choice(_WORDS) + " ", n).encode(), "text"),
    "article": lambda n: (_fill(_sentences, n).encode(), "text"),
    "html-article": lambda n: (
        b"<html><body><article>"
        + b"".join(b"<p>" + p.encode() + b"</p>" for p in _fill(_sentences, n).split("\n\n") if p)
        + b"</article></body></html>",
        "html",
    ),
}


# --- grammar: broken HTML, Markdown, text, front matter -------------------------------------

_URLS = [
    "https://example.org/a",
    "/rel/page",
    "page.html",
    "http://[::1",
    "http://[::1]:80/",
    "http://example.com:99999/x",
    "javascript:alert(1)",
    "data:text/html,hi",
    "file:///etc/passwd",
    "mailto:a@b.c",
    "http://",
    "https://ex.org/?utm_source=x&url=http://[::1",
    "//cdn.ex.org/x",
    "https://ex.org/" + "a-" * 300,
    "www." + "aa." * 200 + "com/x",
    "",
    "#top",
    "\x00",
    "\u202e",
]
_CHARSETS = ["utf-8", "rot13", "base64", "hex", "latin1", "utf-16", "x-unknown", "cp1252", "zip"]
_YAML_VALUES = [
    "2021-02-30",
    "2020-13-45",
    "2020-01-01T10:00:00+25:00",
    "2020-01-01",
    "0001-01-01",
    "9999-12-31",
    "'2024-05-06T07:08:09Z'",
    "9" * 5000,
    "-0",
    "1e400",
    ".nan",
    "-.inf",
    "yes",
    "null",
    "~",
    "[a, b]",
    "{a: 1}",
    "!!binary aGVsbG8=",
    "&x [1]",
    "*x",
    "'last Tuesday'",
    '"\\u0000"',
    "!!set {a, b}",
    "!!python/object:os.system x",
    "|\n  block\n  text",
    "''",
    "0x1F",
    "0o17",
    "1_000",
    "2001-12-14t21:59:43.10-05:00",
    '"\\ud800"',
]
_MD_PIECES = [
    "# Heading",
    "## ",
    "> quote",
    "- item",
    "1. item",
    "```\ncode\n```",
    "    indented",
    "<div>\n<![foo[ x\n</div>",
    "<![CDATA[ x ]]>",
    "<!-- c",
    "<script>x</script>",
    "***",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "![img](x.png)",
    "[ref]: http://[::1",
    "<http://[::1>",
    "\\",
    "*" * 50,
    "_" * 50,
    "[" * 200,
    "]" * 50,
    "`" * 30,
    "&#xD800;",
    "&#0;",
    "&bogus;",
]
_HTML_PIECES = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<article>",
    "<script>",
    "</script>",
    "<![foo[",
    "<![CDATA[x]]>",
    "<!-- ",
    " -->",
    "<br/>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<h1>",
    "</h1>",
    "&#xD800;",
    "&#0;",
    "&nbsp;",
    "<svg><p>",
    "<template>",
    "<iframe>",
    "<math><mi>",
    "</",
    "<",
    ">",
    "<?xml version='1.0' encoding='latin-1'?>",
]


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n)).capitalize() + "."


def _unicode(rng: random.Random, n: int) -> str:
    ranges = [
        (0x20, 0x7E),
        (0xA0, 0x2FF),
        (0x2000, 0x206F),
        (0x0590, 0x06FF),
        (0x4E00, 0x4FFF),
        (0x1F300, 0x1F6FF),
        (0x0300, 0x036F),
        (0xFFF0, 0xFFFF),
        (0, 0x1F),
    ]
    out = []
    for _ in range(n):
        lo, hi = rng.choice(ranges)
        out.append(chr(rng.randint(lo, hi)))
    return "".join(out)


def _yaml(rng: random.Random) -> str:
    lines = []
    for key in rng.sample(["title", "author", "published", "url", "site", "language", "tags"], 4):
        value = rng.choice([*_YAML_VALUES, _words(rng, 3)])
        if rng.random() < 0.05:
            value = "[" * rng.choice([10, 1000, 100_000])
        lines.append(f"{key}: {value}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def grammar_source(rng: random.Random) -> Source:
    kind = rng.choice(["html", "markdown", "text"])
    if kind == "html":
        head = f'<meta charset="{rng.choice(_CHARSETS)}">'
        head += rng.choice(
            [
                "",
                f'<base href="{rng.choice(_URLS)}">',
                f'<link rel="canonical" href="{rng.choice(_URLS)}">',
                f'<meta property="og:url" content="{rng.choice(_URLS)}">',
            ]
        )
        body = []
        for _ in range(rng.randrange(1, 30)):
            roll = rng.random()
            if roll < 0.3:
                body.append(f"<p>{_words(rng, rng.randrange(3, 40))}</p>")
            elif roll < 0.5:
                body.append(f'<a href="{rng.choice(_URLS)}">{_words(rng, 2)}</a>')
            elif roll < 0.6:
                body.append(_unicode(rng, rng.randrange(1, 50)))
            else:
                body.append(rng.choice(_HTML_PIECES))
        page = f"<html><head>{head}</head><body>{''.join(body)}</body></html>"
        encoding = rng.choice(["utf-8", "utf-8", "cp1252", "utf-16"])
        return page.encode(encoding, errors="replace"), "html"
    blocks = [_yaml(rng)] if rng.random() < 0.5 else []
    for _ in range(rng.randrange(1, 25)):
        roll = rng.random()
        if roll < 0.4:
            blocks.append(_words(rng, rng.randrange(3, 40)))
        elif roll < 0.55:
            blocks.append(f"See [{_words(rng, 2)}]({rng.choice(_URLS)}) and {rng.choice(_URLS)}")
        elif roll < 0.65:
            blocks.append(_unicode(rng, rng.randrange(1, 80)))
        else:
            blocks.append(rng.choice(_MD_PIECES))
    return "\n\n".join(blocks).encode("utf-8", errors="surrogatepass"), kind


def hypothesis_sources(n: int, seed: int) -> list[Source]:
    """Random Unicode documents from hypothesis' strategies (surrogates and all)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed
    from hypothesis import strategies as st

    out: list[Source] = []
    text = st.text(min_size=1, max_size=400)
    blob = st.binary(min_size=1, max_size=400)
    doc = st.one_of(
        st.tuples(
            text.map(lambda t: t.encode("utf-8", "surrogatepass")),
            st.sampled_from(["html", "markdown", "text"]),
        ),
        st.tuples(blob, st.sampled_from(["html", "markdown", "text"])),
        st.tuples(
            st.lists(st.one_of(text, st.sampled_from(_MD_PIECES + _HTML_PIECES)), max_size=20).map(
                lambda parts: "\n\n".join(parts).encode("utf-8", "surrogatepass")
            ),
            st.sampled_from(["html", "markdown", "text"]),
        ),
    )

    @hseed(seed)
    @settings(
        max_examples=n,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(doc)
    def collect(source: Source) -> None:
        out.append(source)

    collect()
    return out[:n]


def make_inputs(n: int, seed: int) -> list[tuple[str, Source]]:
    """`n` named inputs: about 45% grammar, 45% hypothesis, 10% storms of 1-120 KB."""
    rng = random.Random(seed)
    n_storms = max(1, n // 10)
    n_hyp = (n - n_storms) // 2
    inputs: list[tuple[str, Source]] = []
    for i in range(n - n_storms - n_hyp):
        inputs.append((f"grammar-{i:05}", grammar_source(rng)))
    for i, source in enumerate(hypothesis_sources(n_hyp, seed)):
        inputs.append((f"hypo-{i:05}", source))
    shapes = sorted(STORMS)
    for i in range(n_storms):
        shape = shapes[i % len(shapes)]
        size = rng.choice([1, 10, 30, 120]) * 1024
        inputs.append((f"storm-{i:05}-{shape}-{size // 1024}k", STORMS[shape](size)))
    return inputs


# --- running ---------------------------------------------------------------------------------


@dataclass
class Report:
    inputs: int = 0
    written: int = 0
    failed: int = 0
    crashes: list[str] = field(default_factory=list)
    tracebacks: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    escapes: list[str] = field(default_factory=list)
    per_kb: list[tuple[float, str, int, float]] = field(default_factory=list)
    """(seconds per KB, name, bytes, seconds) of inputs of 10 KB and more."""
    reasons: dict[str, int] = field(default_factory=dict)


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(dirpath, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            out[path] = (st.st_size, st.st_mtime_ns)
    return out


def _internal(error: BaseException | None) -> bool:
    from pipeline.errors import ExtractionError, SourceError

    if error is None:
        return False
    if isinstance(error, ExtractionError) or not isinstance(error, SourceError):
        return True
    return str(error).startswith("internal error")


def run_each(inputs: list[tuple[str, Source]], tmp: Path, report: Report) -> Path:
    """Each input alone through the Runner API; returns the input folder."""
    from pipeline.run import Runner, Settings
    from pipeline.sources import discover

    raw, out = tmp / "raw", tmp / "out"
    raw.mkdir()
    out.mkdir()
    runner = Runner(out, Settings())
    _ = runner.nlp  # load the model outside the timings
    for name, (data, fmt) in inputs:
        path = raw / f"{name}.{EXT[fmt]}"
        path.write_bytes(data)
        [source] = discover([path])
        start = time.perf_counter()
        try:
            result = runner.run([source]).results[0]
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            report.crashes.append(f"{name}: {type(exc).__name__}: {exc}"[:300])
            report.crashes.append(traceback.format_exc(limit=-4))
            continue
        seconds = time.perf_counter() - start
        report.inputs += 1
        if len(data) >= 10 * 1024:
            report.per_kb.append((seconds / (len(data) / 1024), name, len(data), seconds))
        if result.status == "failed":
            report.failed += 1
            kind = type(result.error).__name__
            report.reasons[kind] = report.reasons.get(kind, 0) + 1
            if _internal(result.error):
                report.crashes.append(f"{name}: {kind}: {result.error}"[:300])
        else:
            report.written += 1
    return raw


def run_cli(raw: Path, tmp: Path, report: Report) -> None:
    """One `pipeline run` over the whole folder, then `pipeline validate` on what it wrote."""
    exe = [sys.executable, "-m", "pipeline"]
    out = tmp / "cli-out"
    before = _snapshot(tmp)
    run = subprocess.run(
        [*exe, "run", str(raw), "-o", str(out)], capture_output=True, text=True, check=False
    )
    after = _snapshot(tmp)
    for path, stamp in after.items():
        if before.get(path) != stamp and not Path(path).is_relative_to(out):
            report.escapes.append(path)
    for stream in (run.stdout, run.stderr):
        if "Traceback" in stream:
            report.tracebacks.append(stream[stream.index("Traceback") :][:2000])
    outputs = [str(p) for p in out.rglob("*.json")]
    for chunk in range(0, len(outputs), 500):
        check = subprocess.run(
            [*exe, "validate", *outputs[chunk : chunk + 500]],
            capture_output=True,
            text=True,
            check=False,
        )
        if check.returncode != 0:
            report.violations.append((check.stdout + check.stderr)[-2000:])
        if "Traceback" in check.stdout + check.stderr:
            report.tracebacks.append(check.stderr[-2000:])


def print_report(report: Report, seconds: float) -> None:
    print(
        f"inputs {report.inputs}: written {report.written}, failed {report.failed} "
        f"({', '.join(f'{k} {v}' for k, v in sorted(report.reasons.items()))}) in {seconds:.0f} s"
    )
    print(
        f"crashes {len(report.crashes)}, tracebacks {len(report.tracebacks)}, "
        f"violations {len(report.violations)}, escapes {len(report.escapes)}"
    )
    for line in [*report.crashes, *report.tracebacks, *report.violations, *report.escapes][:20]:
        print("  " + line.replace("\n", "\n  "))
    if report.per_kb:
        rates = sorted(report.per_kb)
        median = statistics.median(r[0] for r in rates)
        slow = rates[-1]
        print(
            f"time per KB (inputs >= 10 KB: {len(rates)}): median {median * 1000:.1f} ms, "
            f"slowest {slow[0] * 1000:.1f} ms ({slow[1]}, {slow[2] // 1024} KB, {slow[3]:.1f} s)"
            f" = {slow[0] / median:.1f}x median"
        )
        big = [r for r in rates if r[2] >= 100 * 1024]
        if big:
            worst = max(big, key=lambda r: r[3])
            print(f"slowest input of 100 KB or more: {worst[1]} {worst[3]:.1f} s")


def storms(sizes: list[int], shapes: list[str]) -> None:
    """Seconds for each storm shape at each size through clean + the full spaCy pipeline."""
    from pipeline.clean import clean_source
    from pipeline.errors import SourceError
    from pipeline.extract.nlp import annotate, load_nlp, make_doc

    nlp = load_nlp()
    print("shape".ljust(18) + "".join(f"{s} KB".rjust(10) for s in sizes) + "   growth per step")
    for shape in shapes:
        row = []
        for kb in sizes:
            data, fmt = STORMS[shape](kb * 1024)
            start = time.perf_counter()
            try:
                clean = clean_source(data, fmt)  # type: ignore[arg-type]
                annotate(nlp, [make_doc(nlp, clean, None)])
            except SourceError:
                pass
            row.append(time.perf_counter() - start)
        growth = [b / a for a, b in itertools.pairwise(row) if a > 0]
        print(
            shape.ljust(18)
            + "".join(f"{t:10.2f}" for t in row)
            + "   "
            + " ".join(f"{g:.0f}x" for g in growth),
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=200, help="number of inputs")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write the inputs and outputs here")
    parser.add_argument("--no-cli", action="store_true", help="skip the subprocess run")
    parser.add_argument("--storms", action="store_true", help="time each storm shape by size")
    parser.add_argument("--sizes", default="10,100,1000", help="storm sizes in KB")
    parser.add_argument("--shapes", default=",".join(STORMS), help="storm shapes")
    parser.add_argument("--json", action="store_true", help="print the report as JSON too")
    args = parser.parse_args()
    if args.storms:
        storms([int(s) for s in args.sizes.split(",")], args.shapes.split(","))
        return
    start = time.perf_counter()
    inputs = make_inputs(args.n, args.seed)
    report = Report()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = args.keep or Path(tmpdir)
        tmp.mkdir(parents=True, exist_ok=True)
        raw = run_each(inputs, tmp, report)
        if not args.no_cli:
            run_cli(raw, tmp, report)
    print_report(report, time.perf_counter() - start)
    if args.json:
        print(json.dumps({k: v for k, v in report.__dict__.items()}, default=str))
    bad = report.crashes or report.tracebacks or report.violations or report.escapes
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
