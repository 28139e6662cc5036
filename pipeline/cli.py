"""The `pipeline` command: turns library exceptions into one-line messages with a hint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipeline import __version__
from pipeline.errors import PipelineError
from pipeline.run import Result, Runner, Settings
from pipeline.sources import discover

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn news articles (HTML, Markdown, text) into facts: entities, dates, quotes, links.",
)
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def fail(exc: PipelineError, where: str | None = None, code: int = EXIT_USAGE) -> NoReturn:
    report(exc, where)
    raise typer.Exit(code)


def report(exc: PipelineError, where: str | None = None) -> None:
    prefix = f"{where}: " if where else ""
    hint = f" (hint: {exc.hint})" if exc.hint else ""
    err.print(f"[red]error:[/red] {prefix}{exc}{hint}", markup=True, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        out.print(f"pipeline {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Turn news articles into facts."""


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO date like 2025-12-12") from None


@contextmanager
def _progress(total: int) -> Iterator[Progress | None]:
    if total <= 1:
        yield None
        return
    columns = (TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        yield bar


@app.command()
def run(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (recursive). Default: raw/")
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("extracted"),
    published: Annotated[
        str | None,
        typer.Option(help="Reference date (YYYY-MM-DD) for sources that give none."),
    ] = None,
    model: Annotated[
        str | None, typer.Option(help="Installed spaCy pipeline to use (default: small English).")
    ] = None,
) -> None:
    """Clean, extract, validate and write one JSON file per source."""
    settings = Settings(model=model, published=_parse_date(published))
    try:
        sources = discover(paths or [Path("raw")])
    except PipelineError as exc:
        fail(exc)
    runner = Runner(out_dir, settings)
    with _progress(len(sources)) as bar:
        task = bar.add_task("extract", total=len(sources)) if bar else None

        def on_result(result: Result) -> None:
            if result.error is not None:
                report(result.error, str(result.source.path))
            if bar is not None and task is not None:
                bar.advance(task)

        try:
            results = runner.run(sources, on_result)
        except PipelineError as exc:
            fail(exc)
    counts = {s: sum(r.status == s for r in results) for s in ("written", "unchanged", "failed")}
    noun = "source" if len(results) == 1 else "sources"
    out.print(
        f"{len(results)} {noun}: {counts['written']} written, "
        f"{counts['unchanged']} unchanged, {counts['failed']} failed"
    )
    raise typer.Exit(EXIT_FAILED if counts["failed"] else EXIT_OK)


@app.command()
def schema(
    folder: Annotated[Path, typer.Option("--out", help="Folder for the schema files.")] = Path(
        "schemas"
    ),
) -> None:
    """Write the JSON Schema of the output contract."""
    from pipeline.validate.schema import schema_files
    from pipeline.write.atomic import write_atomic

    for path, text in schema_files(folder).items():
        write_atomic(path, text.encode("utf-8"))
        out.print(f"wrote {path}")


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="JSON files written by `pipeline run`.")],
) -> None:
    """Check JSON files against the output contract (schema and offsets)."""
    from pipeline.validate.check import check_file

    bad = 0
    for path in files:
        try:
            check_file(path)
        except PipelineError as exc:
            bad += 1
            report(exc, str(path))
    out.print(f"{len(files)} files: {len(files) - bad} valid, {bad} invalid")
    raise typer.Exit(EXIT_FAILED if bad else EXIT_OK)


def main() -> None:
    app()
