"""Progress of a run: per document, with phases, and plain lines when stderr is no terminal."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from rich.console import Console

from pipeline.progress import Progress
from pipeline.run import Options, Runner, Settings, make_plan
from pipeline.run import process as process_module
from pipeline.run.items import Outcome
from pipeline.run.process import task_of
from pipeline.sources import discover

STORY = "Mayor Jane Porter said on Friday that the bridge would reopen in June.\n"


def test_without_a_terminal_a_plain_line_is_printed_at_most_every_interval() -> None:
    stream = io.StringIO()
    with Progress(Console(file=stream), 3, interval=0.05) as progress:
        progress.phase("extracting")
        progress.advance()
        progress.advance()  # within the interval: no line
        time.sleep(0.1)
        progress.advance()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("extracting: 3/3 documents, ") and lines[0].endswith(" s")


def test_a_run_shorter_than_the_interval_prints_nothing() -> None:
    stream = io.StringIO()
    with Progress(Console(file=stream), 2, interval=5.0) as progress:
        progress.advance()
        progress.advance()
    assert stream.getvalue() == ""


def sources(tmp_path: Path, count: int) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(count):
        (raw / f"story-{i}.txt").write_text(f"Story {i}. {STORY}", encoding="utf-8")
    return raw


def test_the_model_loads_as_its_own_phase_before_extracting(tmp_path: Path) -> None:
    raw = sources(tmp_path, 2)
    seen: list[str] = []
    runner = Runner(tmp_path / "out", Settings(), Options(timeout=0))
    runner.run(
        discover([raw]),
        lambda result: seen.append(f"result {result.status}"),
        roots=[raw],
        on_phase=lambda name: seen.append(name),
    )
    assert seen == ["loading the model", "extracting", "result written", "result written"]


def tasks(tmp_path: Path, count: int) -> list[process_module.Task]:
    """The tasks of `count` short stories, as the driver makes them."""
    raw = sources(tmp_path, count)
    items = make_plan(tmp_path / "out", discover([raw]), [raw], Settings()).items
    return [task_of(item) for item in items]


def test_a_batch_streams_its_documents_one_group_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_worker: process_module.Worker
) -> None:
    # The first outcome comes before the rest of the batch is even read: the parent (and the
    # progress bar) hears of the first document at once, then of each group as it is done.
    monkeypatch.setattr(process_module, "PIPE_SIZE", 2)
    prepared: list[str] = []
    original = fresh_worker.prepare

    def prepare(task: process_module.Task) -> process_module._Prepared:
        prepared.append(task.doc_id)
        return original(task)

    monkeypatch.setattr(fresh_worker, "prepare", prepare)
    outcomes = process_module.process(tasks(tmp_path, 6), Settings())
    first = next(outcomes)
    assert first.data is not None and first.error is None
    assert len(prepared) == 1
    assert len([first, *outcomes]) == 6


def group_sizes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worker: process_module.Worker, count: int
) -> list[int]:
    """The sizes of the groups a fresh worker runs through the model for `count` sources."""
    sizes: list[int] = []
    original = worker.finish_group

    def finish_group(cleaned: list[process_module._Prepared | Outcome]) -> list[Outcome]:
        sizes.append(len(cleaned))
        return original(cleaned)

    monkeypatch.setattr(worker, "finish_group", finish_group)
    outcomes = list(process_module.process(tasks(tmp_path, count), Settings()))
    assert [o.error for o in outcomes] == [None] * count
    return sizes


def test_groups_grow_with_the_documents_done_up_to_the_pipe_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_worker: process_module.Worker
) -> None:
    monkeypatch.setattr(process_module, "PIPE_SIZE", 8)
    assert group_sizes(tmp_path, monkeypatch, fresh_worker, 15) == [1, 4, 8, 2]


def test_a_group_closes_at_its_character_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_worker: process_module.Worker
) -> None:
    # Long documents report as often as short ones: here each story alone fills the budget.
    monkeypatch.setattr(process_module, "PIPE_SIZE", 4)
    monkeypatch.setattr(process_module, "PIPE_CHARS", len(STORY))
    assert group_sizes(tmp_path, monkeypatch, fresh_worker, 5) == [1, 1, 1, 1, 1]


def test_a_run_without_a_terminal_prints_plain_progress_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from pipeline import progress
    from pipeline.cli import app

    monkeypatch.setattr(progress, "PLAIN_SECONDS", 0.01)
    raw = sources(tmp_path, 2)
    result = CliRunner().invoke(app, ["run", str(raw), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.startswith("extracting: ") and " documents, " in line for line in lines)
    assert lines[-1] == "2 sources: 2 written, 0 unchanged, 0 failed"
