"""Write failures (disk full, read-only OUT, .history not writable) are reported, not raised.

Faults are injected by replacing the atomic writer where each module uses it.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from test_incremental import STORIES, make_sources, outputs, run

import pipeline.run.store
import pipeline.write.history
import pipeline.write.lock
import pipeline.write.manifest
from pipeline.write.manifest import MANIFEST_NAME, Manifest


def failing(code: int) -> object:
    def write_atomic(path: Path, data: bytes) -> None:
        raise OSError(code, os.strerror(code), str(path))

    return write_atomic


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(raw)
    assert run(raw, "--out", out).exit_code == 0
    return raw, out


def test_a_full_disk_fails_each_source_and_prints_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(raw)
    monkeypatch.setattr(pipeline.run.store, "write_atomic", failing(errno.ENOSPC))
    monkeypatch.setattr(pipeline.write.manifest, "write_atomic", failing(errno.ENOSPC))
    result = run(raw, "--out", out)
    assert result.exit_code == 1
    assert result.output.count("cannot write output: No space left on device") == 3
    assert result.output.rstrip().endswith("3 sources: 0 written, 0 unchanged, 3 failed")
    assert "Traceback" not in result.output


def test_what_can_be_saved_is_saved_when_only_the_manifest_cannot_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(raw)
    monkeypatch.setattr(pipeline.write.manifest, "write_atomic", failing(errno.ENOSPC))
    result = run(raw, "--out", out)
    assert result.exit_code == 1
    assert "cannot save the manifest" in result.output and "next run redoes" in result.output
    assert "3 sources: 3 written, 0 unchanged, 0 failed" in result.output
    assert sorted(outputs(out)) == ["a.json", "b.json", "news/c.json"]
    monkeypatch.undo()
    redone = run(raw, "--out", out).output  # redone (no manifest), the same bytes
    assert "3 sources: 0 written, 3 unchanged (3 re-checked), 0 failed" in redone


def test_a_read_only_output_folder_is_reported_per_source(
    project: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = project
    (out / ".pipeline.lock").unlink()
    for module in (pipeline.run.store, pipeline.write.manifest, pipeline.write.history):
        monkeypatch.setattr(module, "write_atomic", failing(errno.EROFS))
    monkeypatch.setattr(pipeline.write.lock, "_open_info", lambda out, required: None)
    (raw / "b.txt").write_text(STORIES["b.txt"].replace("next week", "next month"))
    (raw / "d.txt").write_text("The harbor reopened on Tuesday.\n")
    result = run(raw, "--out", out)
    assert result.exit_code == 1
    assert "b.txt: cannot keep the previous output in .history/ (Read-only file system)" in (
        result.output
    )
    assert "d.txt: cannot write output: Read-only file system" in result.output
    assert "4 sources: 0 written, 2 unchanged, 2 failed" in result.output


def test_an_unwritable_history_keeps_the_previous_output_in_place(
    project: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = project
    before = (out / "b.json").read_bytes()
    monkeypatch.setattr(pipeline.write.history, "write_atomic", failing(errno.EACCES))
    (raw / "b.txt").write_text(STORIES["b.txt"].replace("next week", "next month"))
    (raw / "news" / "c.txt").unlink()
    (raw / "e.txt").write_text("The library dropped its late fees.\n")
    result = run(raw, "--out", out)
    assert result.exit_code == 1
    assert "b.txt: cannot keep the previous output" in result.output
    assert "news/c.json: not removed" in result.output
    assert "3 sources: 1 written, 1 unchanged, 1 failed" in result.output
    assert (out / "b.json").read_bytes() == before
    assert sorted(outputs(out)) == ["a.json", "b.json", "e.json", "news/c.json"]
    assert "news/c.json" in Manifest.load(out).entries
    monkeypatch.undo()
    again = run(raw, "--out", out)
    assert "3 sources: 1 written, 2 unchanged, 0 failed, 1 removed" in again.output
    assert (out / MANIFEST_NAME).exists()


def test_written_counts_only_outputs_whose_bytes_changed(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text("Mayor Jane Porter spoke in Paris on Friday.\n", encoding="utf-8")
    (raw / "b.txt").write_text("The council met in Lyon.\n", encoding="utf-8")
    assert "2 sources: 2 written, 0 unchanged, 0 failed" in run(raw, "--out", out).output
    (raw / "b.txt").write_text("The council met in Nice.\n", encoding="utf-8")
    again = run(raw, "--out", out, "--force").output
    assert "2 sources: 1 written, 1 unchanged (1 re-checked), 0 failed" in again
