"""The `pipeline` command: turns library exceptions into one-line messages with a hint."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console

from pipeline import __version__
from pipeline.display import shown
from pipeline.errors import OutputError, PipelineError
from pipeline.run import (
    DEFAULT_TIMEOUT,
    Options,
    Plan,
    Report,
    Result,
    Runner,
    Settings,
    make_plan,
)
from pipeline.sources import Discovery, scan
from pipeline.write.history import DEFAULT_KEEP

if TYPE_CHECKING:  # rich.progress is imported only when there is something to extract
    from pipeline.diff.runs import RunDiffs
    from pipeline.progress import Progress


def _help_like_click() -> None:
    """Show parameters in help as click does: `--force`, not `--force <bool>`; `PATH...`.

    Newer typer prints a type after every parameter, flags and named arguments included; this
    leaves the type out where it says nothing (a flag, an argument with a metavar), and does not
    add a second `...` in the usage line after an argument's metavar `PATH...`. With a typer
    without these methods, help is left as it prints it.
    """
    from typer.core import TyperArgument, TyperOption

    option_type = getattr(TyperOption, "display_type_rich", None)
    if option_type is not None:

        def option_shown(self: TyperOption, ctx: Any) -> str | None:
            return None if self.is_flag else option_type(self, ctx)

        TyperOption.display_type_rich = option_shown  # type: ignore[method-assign]
    argument_type = getattr(TyperArgument, "display_type_rich", None)
    argument_usage = getattr(TyperArgument, "_usage_display_name", None)
    if argument_type is not None and argument_usage is not None:

        def argument_shown(self: TyperArgument, ctx: Any) -> str | None:
            return None if self.metavar is not None else argument_type(self, ctx)

        def argument_in_usage(self: TyperArgument) -> str:  # `[PATH...]`, not `[PATH...]...`
            name: str = argument_usage(self)
            return name[:-3] if name.endswith(("...]...", "...}...")) else name

        TyperArgument.display_type_rich = argument_shown  # type: ignore[method-assign,assignment]
        TyperArgument._usage_display_name = argument_in_usage  # type: ignore[method-assign]


_help_like_click()
app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn news articles (HTML, Markdown, text) into facts: entities, dates, quotes, links.",
)
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


EXIT_INTERRUPTED = 130


def fail(exc: PipelineError, where: str | None = None, code: int = EXIT_USAGE) -> NoReturn:
    report(exc, where)
    raise typer.Exit(code)


def report(exc: PipelineError, where: str | None = None) -> None:
    prefix = f"{where}: " if where else ""
    hint = f" (hint: {exc.hint})" if exc.hint else ""
    err.print(f"[red]error:[/red] {shown(f'{prefix}{exc}{hint}')}", markup=True, soft_wrap=True)


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
    """A bar on a terminal, a plain line every few seconds otherwise; none with nothing to do."""
    if total < 1:
        yield None
        return
    from pipeline.progress import Progress

    with Progress(err, total, live=err.is_terminal) as progress:
        yield progress


PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATH...", show_default=False, help="Files or folders (recursive). Default: raw/"
    ),
]
OutOption = Annotated[Path, typer.Option("--out", help="Output folder.")]
PublishedOption = Annotated[
    str | None, typer.Option(help="Reference date (YYYY-MM-DD) for sources that give none.")
]
ModelOption = Annotated[
    str | None, typer.Option(help="Installed spaCy pipeline to use (default: small English).")
]
FollowOption = Annotated[
    bool,
    typer.Option(
        "--follow-symlinks", help="Read linked files that lead outside their input folder."
    ),
]


def _out_folder(out_dir: Path, option: str = "--out") -> None:
    """Stop with a usage error when the output folder given is an existing file."""
    if out_dir.exists() and not out_dir.is_dir():
        fail(
            OutputError(
                f"{option} {out_dir}: is a file, not a folder",
                hint=f"pass a folder with {option}; it is created when missing",
            )
        )


def _discover(given: list[Path], follow_symlinks: bool) -> Discovery:
    """The sources under `given`; warns about skipped links and unreadable folders."""
    try:
        found = scan(given, follow_symlinks=follow_symlinks)
    except PipelineError as exc:
        fail(exc)
    for message in found.skipped:
        warn(message)
    for root, folder, reason in found.unlisted:
        where = root / folder if folder else root
        err.print(
            f"[red]error:[/red] {shown(f'{where}: cannot list folder: {reason}')} "
            f"{shown('(hint: its outputs are kept; fix its permissions and run again)')}",
            markup=True,
            soft_wrap=True,
        )
    return found


class Executor(StrEnum):
    local = "local"
    dask = "dask"


ExecutorOption = Annotated[
    Executor,
    typer.Option(
        "--executor",
        help="Where the work runs: this machine's processes, or a Dask cluster (extra: dask).",
    ),
]
AddressOption = Annotated[
    str | None,
    typer.Option(
        "--address",
        envvar="DASK_SCHEDULER_ADDRESS",
        help="Dask scheduler (tcp://host:8786) for --executor dask; default: a local cluster.",
    ),
]


@app.command()
def run(
    paths: PathsArg = None,
    out_dir: OutOption = Path("extracted"),
    published: PublishedOption = None,
    model: ModelOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Redo every source, even those up to date.")
    ] = False,
    keep_orphans: Annotated[
        bool,
        typer.Option("--keep-orphans", help="Keep outputs whose source is gone from its folder."),
    ] = False,
    history_keep: Annotated[
        int,
        typer.Option(
            "--history", min=0, help="Earlier versions of each output kept in OUT/.history/."
        ),
    ] = DEFAULT_KEEP,
    wait: Annotated[
        float,
        typer.Option(
            "--wait", min=0, help="Seconds to wait for another run on the same output folder."
        ),
    ] = 60.0,
    show_diff: Annotated[
        bool,
        typer.Option("--diff", help="Show the facts changed in each output, new or removed too."),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes for clean and extract (or local Dask)."
        ),
    ] = 1,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0,
            help="Seconds one source may take before it fails (0: no limit, in this process).",
        ),
    ] = DEFAULT_TIMEOUT,
    follow_symlinks: FollowOption = False,
    executor: ExecutorOption = Executor.local,
    address: AddressOption = None,
) -> None:
    """Clean, extract, validate and write one JSON file per source; skip those up to date."""
    settings = Settings(model=model, published=_parse_date(published))
    given = paths or [Path("raw")]
    _out_folder(out_dir)
    if address and executor != Executor.dask:
        fail(PipelineError("--address is for --executor dask", hint="add --executor dask"))
    found = _discover(given, follow_symlinks)
    options = Options(
        force=force,
        keep_orphans=keep_orphans,
        history=history_keep,
        wait=wait,
        jobs=jobs,
        timeout=timeout,
        executor="dask" if executor == Executor.dask else "local",
        address=address,
    )
    runner = Runner(out_dir, settings, options)
    diffs = _run_diffs(out_dir) if show_diff else None
    summary = _run_with_progress(runner, found, given, diffs)
    for problem in summary.problems:
        err.print(f"[red]error:[/red] {shown(problem)}", markup=True, soft_wrap=True)
    if diffs is not None:
        diffs.show(out, summary.removed)
    for name in summary.orphans:
        verb = "kept" if keep_orphans else "removed"
        out.print(f"{verb} {shown(out_dir / name)}: its source is gone")
    failed = _print_summary(summary, len(found.unlisted))
    trouble = failed or summary.problems or found.unlisted
    raise typer.Exit(EXIT_FAILED if trouble else EXIT_OK)


def _run_with_progress(
    runner: Runner, found: Discovery, given: list[Path], diffs: RunDiffs | None
) -> Report:
    """The run, its progress shown per document and each failure reported as it comes."""
    with ExitStack() as stack:
        bar: Progress | None = None

        def on_start(plan: Plan) -> None:
            nonlocal bar
            _manifest_warnings(plan, "redoing every output")
            todo = sum(1 for item in plan.items if item.error is not None or not item.verdict.fresh)
            bar = stack.enter_context(_progress(todo))
            if diffs is not None:
                diffs.start(plan)

        def on_result(result: Result) -> None:
            if result.error is not None:
                report(result.error, result.source.label)
            if bar is not None and (result.status != "unchanged" or result.rechecked):
                bar.advance()
            if diffs is not None:
                diffs.add(result)
            result.previous = result.data = None  # a long run keeps no documents in memory

        try:
            return runner.run(
                found.sources,
                on_result,
                roots=given,
                unlisted=[(root, folder) for root, folder, _ in found.unlisted],
                on_start=on_start,
                on_phase=lambda name: bar.phase(name) if bar is not None else None,
                on_wait=lambda message: warn(message, "note"),
                on_takeover=lambda who: warn(
                    f"the previous run ({who}) did not finish; finishing its work", "note"
                ),
            )
        except PipelineError as exc:
            stack.close()
            fail(exc)
        except KeyboardInterrupt:
            stack.close()  # stop the progress bar before printing
            written = runner.saved
            saved = (
                "1 output written by this run is"
                if written == 1
                else f"{written} outputs written by this run are"
            )
            err.print(f"interrupted: {saved} saved; run again to finish the rest", highlight=False)
            raise typer.Exit(EXIT_INTERRUPTED) from None


def _print_summary(summary: Report, unlisted: int) -> int:
    """The run's one-line summary; returns how many sources failed."""
    results = summary.results
    counts = {s: sum(r.status == s for r in results) for s in ("written", "unchanged", "failed")}
    noun = "source" if len(results) == 1 else "sources"
    removed = f", {len(summary.removed)} removed" if summary.removed else ""
    folders = f", {unlisted} folder{'s' * (unlisted > 1)} not listed" if unlisted else ""
    rechecked = sum(r.rechecked for r in results)
    again = f" ({rechecked} re-checked)" if rechecked else ""
    out.print(
        f"{len(results)} {noun}: {counts['written']} written, "
        f"{counts['unchanged']} unchanged{again}, {counts['failed']} failed{removed}{folders}",
        highlight=False,
    )
    return counts["failed"]


def warn(message: str, level: str = "warning") -> None:
    err.print(f"[yellow]{level}:[/yellow] {shown(message)}", markup=True, soft_wrap=True)


def _run_diffs(out_dir: Path) -> RunDiffs:
    from pipeline.diff.runs import RunDiffs

    return RunDiffs(out_dir, on_skip=warn)


def _manifest_warnings(plan: Plan, consequence: str) -> None:
    if plan.manifest.damaged:
        warn(f"{plan.manifest.damaged}; {consequence}")
    for name in plan.manifest.distrusted:
        warn(
            f"{plan.manifest.path}: output name {name!r} is not a plain path inside the "
            "folder; ignored"
        )


@app.command()
def status(
    paths: PathsArg = None,
    out_dir: OutOption = Path("extracted"),
    published: PublishedOption = None,
    model: ModelOption = None,
    keep_orphans: Annotated[
        bool, typer.Option("--keep-orphans", help="As `run --keep-orphans`.")
    ] = False,
    follow_symlinks: FollowOption = False,
) -> None:
    """List what `pipeline run` would do with each source, and why."""
    settings = Settings(model=model, published=_parse_date(published))
    given = paths or [Path("raw")]
    _out_folder(out_dir)
    found = _discover(given, follow_symlinks)
    try:
        unlisted = [(root, folder) for root, folder, _ in found.unlisted]
        plan = make_plan(out_dir, found.sources, given, settings, unlisted=unlisted)
    except PipelineError as exc:
        fail(exc)
    _manifest_warnings(plan, "every output would be redone")
    todo = unchanged = failing = 0
    for item in plan.items:
        where = shown(item.source.label)
        if item.error is not None:
            failing += 1
            out.print(f"[red]{'error':<17}[/red] {where}: {shown(item.error)}", markup=True)
        elif item.verdict.fresh:
            unchanged += 1
        else:
            todo += 1
            reasons = ", ".join(item.verdict.reasons)
            details = f" ({'; '.join(item.verdict.details)})" if item.verdict.details else ""
            out.print(
                f"[yellow]{reasons:<17}[/yellow] {where}{shown(details)}",
                markup=True,
                soft_wrap=True,
            )
    action = "kept" if keep_orphans else "removed"
    for name in plan.orphans:
        target = shown(out_dir / name)
        out.print(
            f"[red]{'orphaned':<17}[/red] {target} (would be {action})", markup=True, soft_wrap=True
        )
    noun = "source" if len(plan.items) == 1 else "sources"
    orphans = f", {len(plan.orphans)} orphaned" if plan.orphans else ""
    out.print(
        f"{len(plan.items)} {noun}: {todo} to run, {unchanged} unchanged, "
        f"{failing} failing{orphans}"
    )


@app.command()
def diff(
    targets: Annotated[
        list[str],
        typer.Argument(
            metavar="TARGET...",
            help="OLD.json NEW.json, OLD_DIR NEW_DIR, or one source path or document id "
            "(its last two versions).",
        ),
    ],
    out_dir: Annotated[
        Path, typer.Option("--out", help="Output folder holding the versions of a source.")
    ] = Path("extracted"),
    fmt: Annotated[
        str,
        typer.Option(
            "--format", help="text (coloured summary), json, or jsonl (one change a line)."
        ),
    ] = "text",
    stat: Annotated[bool, typer.Option("--stat", help="Counts only.")] = False,
    moves: Annotated[
        bool, typer.Option("--moves", help="Also list facts whose only change is their place.")
    ] = False,
) -> None:
    """Compare the facts of two versions or folders. Exit 0: same, 1: facts changed, 2: error."""
    from pipeline.diff import (
        diff_documents,
        load_version,
        render_stat,
        render_text,
        resolve,
        to_jsonl,
    )
    from pipeline.diff import to_json as changes_json
    from pipeline.diff.versions import document_id

    if fmt not in ("text", "json", "jsonl"):
        raise typer.BadParameter(f"{fmt!r}: use text, json or jsonl", param_hint="--format")
    if len(targets) > 2:
        raise typer.BadParameter("give OLD.json NEW.json, or one source or id")
    if len(targets) == 2 and any(Path(t).is_dir() for t in targets):
        from pipeline.diff.command import show_folder_diff

        try:
            code = show_folder_diff(
                Path(targets[0]), Path(targets[1]), fmt, stat, moves, out, report
            )
        except PipelineError as exc:
            fail(exc)
        raise typer.Exit(code)
    try:
        if len(targets) == 2:
            old_path, new_path = Path(targets[0]), Path(targets[1])
        else:
            _out_folder(out_dir)
            old_path, new_path = resolve(targets[0], out_dir)
        new_doc = load_version(new_path)
        changes = diff_documents(load_version(old_path), new_doc, moves=moves)
    except PipelineError as exc:
        fail(exc)
    if fmt == "json":
        out.print(changes_json(changes), end="", markup=False, highlight=False, soft_wrap=True)
    elif fmt == "jsonl":
        lines = to_jsonl(changes, document_id(new_doc, new_path))
        out.print(lines, end="", markup=False, highlight=False, soft_wrap=True)
    elif stat:
        render_stat(changes, out)
    elif changes:
        out.print(
            f"[dim]--- {shown(old_path)}\n+++ {shown(new_path)}[/dim]", markup=True, highlight=False
        )
        render_text(changes, out)
    raise typer.Exit(EXIT_FAILED if any(c.counts for c in changes) else EXIT_OK)


@app.command()
def log(
    target: Annotated[
        str, typer.Argument(metavar="SOURCE_OR_ID", help="A source path or document id.")
    ],
    out_dir: Annotated[
        Path, typer.Option("--out", help="Output folder holding the versions of a source.")
    ] = Path("extracted"),
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    moves: Annotated[
        bool, typer.Option("--moves", help="Also list facts whose only change is their place.")
    ] = False,
) -> None:
    """An article's versions, oldest first, with the facts changed at each. Exit 2: an error."""
    from pipeline.diff import article_log, log_json, render_log_text

    if fmt not in ("text", "json"):
        raise typer.BadParameter(f"{fmt!r}: use text or json", param_hint="--format")
    try:
        _out_folder(out_dir)
        doc, steps = article_log(target, out_dir, moves=moves)
    except PipelineError as exc:
        fail(exc)
    if fmt == "json":
        out.print(log_json(doc, steps), end="", markup=False, highlight=False, soft_wrap=True)
    else:
        render_log_text(doc, steps, out)
    raise typer.Exit(EXIT_USAGE if any(step.error for step in steps) else EXIT_OK)


@app.command()
def schema(
    folder: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for the schema files. Default: the project's schemas/."),
    ] = None,
) -> None:
    """Write the JSON Schema of the output contract."""
    from pipeline.validate.schema import schema_files
    from pipeline.write.atomic import write_atomic

    if folder is None:
        folder = project_schemas()
        if folder is None:
            fail(
                OutputError(
                    "no project schemas/ folder beside the installed package",
                    hint="pass the folder to write into with --out",
                )
            )
    _out_folder(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, text in schema_files(folder).items():
            write_atomic(path, text.encode("utf-8"))
            out.print(f"wrote {shown(path)}", soft_wrap=True)
    except OSError as exc:
        fail(OutputError(f"{folder}: cannot write: {exc.strerror or exc}"))


def project_schemas() -> Path | None:
    """The checkout's schemas/ when the package runs from one (an editable install), else None.

    Found from the package's own location, never from the current folder: run from anywhere,
    the schema goes where the project keeps it.
    """
    import pipeline

    project = Path(pipeline.__file__).resolve().parent.parent
    if (project / "pyproject.toml").is_file() and (project / "schemas").is_dir():
        return project / "schemas"
    return None


@app.command()
def validate(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="JSON files written by `pipeline run`.")
    ],
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


OutArg = Annotated[
    Path, typer.Argument(metavar="OUT", help="Output folder of `pipeline run` (JSON files).")
]


def _report_unreadable(errors: list[tuple[Path, PipelineError]]) -> None:
    for path, exc in errors:
        report(exc, str(path))


@app.command()
def view(
    html: Annotated[
        Path, typer.Option("--html", help="Folder for the site (index.html and doc/*.html).")
    ],
    out_dir: OutArg = Path("extracted"),
) -> None:
    """Write a static HTML site of the facts: one page per document and a corpus index."""
    from pipeline.view import build_site

    try:
        result = build_site(out_dir, html)
    except PipelineError as exc:
        fail(exc)
    _report_unreadable(result.errors)
    stale = f", {result.stale} stale removed" if result.stale else ""
    out.print(
        f"{result.pages} pages, {len(result.errors)} unreadable{stale}: "
        f"open {shown(str(html / 'index.html'))}",
        soft_wrap=True,
    )
    raise typer.Exit(EXIT_FAILED if result.errors else EXIT_OK)


@app.command()
def export(
    out_dir: OutArg = Path("extracted"),
    to: Annotated[
        Path | None, typer.Option("--to", help="SQLite database to create or bring up to date.")
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="sqlite (with --to), jsonl or csv.")
    ] = None,
    facts: Annotated[
        str | None, typer.Option("--facts", help="With csv: quotes, entities, dates or links.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File for jsonl/csv (default: stdout).")
    ] = None,
) -> None:
    """Export the facts: SQLite (incremental), JSON Lines (one document a line) or CSV."""
    from pipeline.export import CSV_FACTS, export_sqlite, write_csv, write_jsonl

    fmt = fmt or ("sqlite" if to is not None else None)
    if fmt not in ("sqlite", "jsonl", "csv"):
        raise typer.BadParameter(
            "give --to facts.db, or --format jsonl or csv", param_hint="--format"
        )
    if fmt != "csv" and facts is not None:
        raise typer.BadParameter("--facts goes with --format csv", param_hint="--facts")
    if fmt == "sqlite" and output is not None:
        raise typer.BadParameter("a database is written with --to FILE.db", param_hint="--output")
    if fmt != "sqlite" and to is not None:
        raise typer.BadParameter(f"--to is for SQLite; {fmt} goes to --output", param_hint="--to")
    if fmt == "sqlite":
        if to is None:
            raise typer.BadParameter("--format sqlite needs --to FILE.db", param_hint="--to")
        try:
            result = export_sqlite(out_dir, to)
        except PipelineError as exc:
            fail(exc)
        _report_unreadable(result.errors)
        removed = f", {len(result.removed)} removed" if result.removed else ""
        out.print(
            f"{shown(str(to))}: {len(result.added)} added, {len(result.replaced)} replaced, "
            f"{result.unchanged} unchanged{removed}, {len(result.errors)} unreadable",
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_FAILED if result.errors else EXIT_OK)
    if fmt == "csv" and facts not in CSV_FACTS:
        raise typer.BadParameter(f"use one of {', '.join(CSV_FACTS)}", param_hint="--facts")
    import sys

    try:
        with ExitStack() as stack:
            stream = (
                stack.enter_context(output.open("w", encoding="utf-8", newline=""))
                if output is not None
                else sys.stdout
            )
            if fmt == "jsonl":
                count, errors = write_jsonl(out_dir, stream)
            else:
                assert facts is not None
                count, errors = write_csv(out_dir, facts, stream)
    except PipelineError as exc:
        fail(exc)
    except BrokenPipeError:  # the reader stopped early (`| head`): not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(EXIT_OK) from None
    except OSError as exc:
        fail(PipelineError(f"{output or 'stdout'}: cannot write: {exc.strerror or exc}"))
    _report_unreadable(errors)
    if output is not None:
        noun = "documents" if fmt == "jsonl" else f"{facts} rows"
        out.print(f"{shown(str(output))}: {count} {noun}, {len(errors)} unreadable", soft_wrap=True)
    raise typer.Exit(EXIT_FAILED if errors else EXIT_OK)


def main() -> None:
    # What the imports made is never garbage: frozen, it is not walked again by every full
    # collection while a run allocates its plan (about a tenth of a 10,000-source no-op), and
    # forked workers do not copy its pages when a collection would touch them.
    gc.freeze()
    app()
