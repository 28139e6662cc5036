"""What `pipeline diff OLD_DIR NEW_DIR` prints and exits with, kept out of the CLI module."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from pipeline.diff.corpus import diff_folders
from pipeline.diff.facts import DiffInputError
from pipeline.diff.render import corpus_json, corpus_jsonl, render_corpus_stat, render_corpus_text

EXIT_SAME, EXIT_CHANGED, EXIT_TROUBLE = 0, 1, 2


def show_folder_diff(
    old: Path,
    new: Path,
    fmt: str,
    stat: bool,
    moves: bool,
    console: Console,
    on_error: Callable[[DiffInputError, str], None],
) -> int:
    """Print the diff of two output folders; the exit code (2 when a document was unreadable).

    A broken document is reported through `on_error` and the others are still compared.
    """
    result = diff_folders(old, new, moves=moves)
    for doc, exc in result.errors:
        on_error(exc, doc)
    if fmt == "json":
        _write(console, corpus_json(result))
    elif fmt == "jsonl":
        _write(console, corpus_jsonl(result))
    elif stat:
        render_corpus_stat(result, console)
    else:
        if result.documents:
            console.print(f"[dim]--- {old}\n+++ {new}[/dim]", markup=True, highlight=False)
        render_corpus_text(result, console)
    if result.errors:
        return EXIT_TROUBLE
    return EXIT_CHANGED if result.changed else EXIT_SAME


def _write(console: Console, text: str) -> None:
    console.print(text, end="", markup=False, highlight=False, soft_wrap=True)
