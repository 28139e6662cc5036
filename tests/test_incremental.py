"""Re-runs redo only what changed: real sources in a temporary folder, real runs via the CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner, Result

from pipeline import cachekey
from pipeline.cli import app
from pipeline.validate.check import check_file
from pipeline.versions import STAGE_VERSIONS
from pipeline.write import history
from pipeline.write.lock import locked
from pipeline.write.manifest import MANIFEST_NAME, Manifest, sha256_file

runner = CliRunner()

STORIES = {
    "a.md": (
        "---\ntitle: Bridge\npublished: 2024-05-10\n---\n\n"
        "Mayor Jane Porter said on Friday that the bridge would reopen in June.\n\n"
        "“We are nearly there,” Porter said.\n"
    ),
    "b.txt": "The council met yesterday in Springfield and will meet again next week.\n",
    "news/c.txt": "Dr. Amal Haddad, who leads the clinic, said the wait fell by half in 2023.\n",
}


def make_sources(raw: Path, stories: dict[str, str] = STORIES) -> None:
    for name, text in stories.items():
        path = raw / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def run(*args: str | Path) -> Result:
    return runner.invoke(app, ["run", *map(str, args)])


def outputs(out: Path) -> dict[str, int]:
    """Visible outputs and their modification times (ns)."""
    return {
        p.relative_to(out).as_posix(): p.stat().st_mtime_ns
        for p in out.rglob("*.json")
        if not any(part.startswith(".") for part in p.relative_to(out).parts)
    }


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(raw)
    first = run(raw, "--out", out)
    assert first.exit_code == 0, first.output
    assert "3 sources: 3 written, 0 unchanged, 0 failed" in first.output
    return raw, out


def test_unchanged_sources_are_skipped_without_extracting(
    project: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = project
    before = outputs(out)

    def no_extraction(*args: object) -> None:
        raise AssertionError("an up-to-date source was cleaned or extracted")

    monkeypatch.setattr("pipeline.run.process.Worker.prepare", no_extraction)
    result = run(raw, "--out", out)
    assert result.exit_code == 0, result.output
    assert "3 sources: 0 written, 3 unchanged, 0 failed" in result.output
    assert outputs(out) == before
    assert not (out / history.HISTORY_DIR).exists()


def test_a_changed_byte_redoes_only_that_source(project: tuple[Path, Path]) -> None:
    raw, out = project
    before = outputs(out)
    old_b = (out / "b.json").read_bytes()
    (raw / "b.txt").write_text(STORIES["b.txt"].replace("next week", "next month"))
    result = run(raw, "--out", out)
    assert "3 sources: 1 written, 2 unchanged, 0 failed" in result.output
    after = outputs(out)
    assert after["a.json"] == before["a.json"] and after["news/c.json"] == before["news/c.json"]
    assert after["b.json"] != before["b.json"]
    kept = history.versions(out, "b")
    assert len(kept) == 1 and kept[0].read_bytes() == old_b
    assert check_file(out / "b.json").source.sha256 != json.loads(old_b)["source"]["sha256"]


def test_touching_a_source_without_changing_it_redoes_nothing(project: tuple[Path, Path]) -> None:
    raw, out = project
    os.utime(raw / "a.md", (time.time() + 100, time.time() + 100))
    assert "0 written, 3 unchanged" in run(raw, "--out", out).output


def test_a_changed_setting_redoes_every_source(project: tuple[Path, Path]) -> None:
    raw, out = project
    status = runner.invoke(
        app, ["status", str(raw), "--out", str(out), "--published", "2024-01-10"]
    )
    assert status.output.count("changed settings") == 3
    assert "extract.published: - -> 2024-01-10" in status.output
    result = run(raw, "--out", out, "--published", "2024-01-10")
    assert "3 sources: 3 written, 0 unchanged, 0 failed" in result.output
    assert check_file(out / "b.json").pipeline.settings == {"published": "2024-01-10"}
    again = run(raw, "--out", out, "--published", "2024-01-10")
    assert "0 written, 3 unchanged" in again.output


def test_a_bumped_stage_version_redoes_every_source(
    project: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = project
    old = STAGE_VERSIONS["extract"]
    monkeypatch.setitem(STAGE_VERSIONS, "extract", old + 1)
    status = runner.invoke(app, ["status", str(raw), "--out", str(out)])
    assert status.output.count("changed versions") == 3
    assert f"extract stage: {old} -> {old + 1}" in status.output
    before = outputs(out)
    result = run(raw, "--out", out)
    # Same facts for the same input: redone, but the files are left as they were.
    assert "3 sources: 0 written, 3 unchanged (3 re-checked), 0 failed" in result.output
    assert outputs(out) == before
    config = Manifest.load(out).configs
    assert [c.stages["extract"] for c in config.values()] == [old + 1]


def test_a_new_dependency_version_redoes_every_source(
    project: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = project
    real = cachekey.dist_version

    def newer_spacy(name: str) -> str | None:
        return "99.0" if name == "spacy" else real(name)

    monkeypatch.setattr(cachekey, "dist_version", newer_spacy)
    status = runner.invoke(app, ["status", str(raw), "--out", str(out)])
    assert "spacy:" in status.output and "-> 99.0" in status.output
    assert "3 unchanged (3 re-checked)" in run(raw, "--out", out).output


def test_force_redoes_everything(project: tuple[Path, Path]) -> None:
    raw, out = project
    assert "0 written, 3 unchanged (3 re-checked)" in run(raw, "--out", out, "--force").output


def test_an_edited_or_missing_output_is_redone(project: tuple[Path, Path]) -> None:
    raw, out = project
    good = (out / "a.json").read_bytes()
    (out / "a.json").write_bytes(good.replace(b"Porter", b"Potter"))
    (out / "b.json").unlink()
    status = runner.invoke(app, ["status", str(raw), "--out", str(out)])
    assert "output edited" in status.output and "output missing" in status.output
    assert "2 written, 1 unchanged" in run(raw, "--out", out).output
    assert (out / "a.json").read_bytes() == good


def test_a_deleted_source_loses_its_output(project: tuple[Path, Path]) -> None:
    raw, out = project
    (raw / "news/c.txt").unlink()
    status = runner.invoke(app, ["status", str(raw), "--out", str(out)])
    assert "orphaned" in status.output and "c.json" in status.output
    kept = run(raw, "--out", out, "--keep-orphans")
    assert "2 sources: 0 written, 2 unchanged, 0 failed\n" in kept.output
    assert "news/c.json" in outputs(out)
    result = run(raw, "--out", out)
    assert "2 sources: 0 written, 2 unchanged, 0 failed, 1 removed" in result.output
    assert sorted(outputs(out)) == ["a.json", "b.json"]
    assert not (out / "news").exists()
    assert len(history.versions(out, "news/c")) == 1  # the last version is kept
    assert "news/c.json" not in Manifest.load(out).entries


def test_running_one_file_never_removes_the_others(project: tuple[Path, Path]) -> None:
    raw, out = project
    result = run(raw / "a.md", "--out", out)
    assert "1 source: 0 written, 1 unchanged, 0 failed\n" in result.output
    assert sorted(outputs(out)) == ["a.json", "b.json", "news/c.json"]
    (raw / "b.txt").unlink()  # gone, but not from the root of a one-file run
    assert "removed" not in run(raw / "a.md", "--out", out).output
    assert "1 removed" in run(raw, "--out", out).output


def test_another_root_in_the_same_output_folder_is_left_alone(
    project: tuple[Path, Path], tmp_path: Path
) -> None:
    raw, out = project
    other = tmp_path / "other"
    make_sources(other, {"d.txt": "The harbor reopened on Tuesday after repairs.\n"})
    assert "1 written" in run(other, "--out", out).output
    assert sorted(outputs(out)) == ["a.json", "b.json", "d.json", "news/c.json"]
    assert "removed" not in run(raw, "--out", out).output
    assert "d.json" in outputs(out)


def test_a_source_that_now_fails_loses_its_stale_output(project: tuple[Path, Path]) -> None:
    raw, out = project
    (raw / "b.txt").write_bytes(b"  \n\n ")
    result = run(raw, "--out", out)
    assert result.exit_code == 1
    assert "3 sources: 0 written, 2 unchanged, 1 failed" in result.output
    assert "b.json" not in outputs(out)
    assert len(history.versions(out, "b")) == 1


def test_history_keeps_the_last_n_versions(project: tuple[Path, Path]) -> None:
    raw, out = project
    for n in range(4):
        (raw / "b.txt").write_text(f"The council met {n + 2} times in Springfield.\n")
        assert "1 written" in run(raw, "--out", out, "--history", "2").output
    kept = history.versions(out, "b")
    assert len(kept) == 2
    assert [json.loads(p.read_bytes())["text"] for p in kept] == [
        "The council met 3 times in Springfield.",
        "The council met 4 times in Springfield.",
    ]


def test_run_diff_shows_what_changed(project: tuple[Path, Path]) -> None:
    raw, out = project
    (raw / "a.md").write_text(STORIES["a.md"].replace("in June", "in July"))
    result = run(raw, "--out", out, "--diff")
    assert result.exit_code == 0
    assert "a.md" in result.output and "dates: " in result.output
    assert "July" in result.output and "June" in result.output
    assert result.output.rstrip().endswith("3 sources: 1 written, 2 unchanged, 0 failed")


def test_a_busy_output_folder_fails_clearly_after_the_wait(project: tuple[Path, Path]) -> None:
    raw, out = project
    with locked(out, wait=0):
        result = run(raw, "--out", out, "--wait", "0.2")
    assert result.exit_code == 2
    assert f"pid {os.getpid()}" in result.output and "hint:" in result.output


def test_manifest_and_history_are_hidden(project: tuple[Path, Path]) -> None:
    raw, out = project
    (raw / "a.md").write_text(STORIES["a.md"] + "\nMore text.\n")
    run(raw, "--out", out)
    hidden = {p.name for p in out.iterdir() if p.name.startswith(".")}
    assert {MANIFEST_NAME, history.HISTORY_DIR} <= hidden
    assert sorted(outputs(out)) == ["a.json", "b.json", "news/c.json"]


# Subprocesses: a real `pipeline run` killed, and two at once. Each loads spaCy (~3 s).


def pipeline_command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "pipeline", *map(str, args)]


def test_a_no_op_run_imports_no_heavy_module(project: tuple[Path, Path]) -> None:
    raw, out = project
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['pipeline', 'run', sys.argv[1], '--out', sys.argv[2]]\n"
        "try:\n    runpy.run_module('pipeline', run_name='__main__')\n"
        "except SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
        "heavy = {'spacy', 'trafilatura', 'dateparser', 'pipeline.clean', 'rich.progress'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(raw), str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "0 written, 3 unchanged" in done.stdout
    assert done.stdout.strip().endswith("[]")


def test_a_run_killed_midway_leaves_complete_files_and_the_next_run_finishes(
    tmp_path: Path,
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    count = 40
    make_sources(
        raw,
        {
            f"s{i:03}.txt": f"Story {i}. The committee met on Monday, May {i % 28 + 1}, "
            f"and Ana Ruiz said the budget would grow by {i} percent.\n"
            for i in range(count)
        },
    )
    child = subprocess.Popen(
        pipeline_command("run", raw, "--out", out),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not outputs(out) and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    child.wait()
    done_before = outputs(out)
    assert 0 < len(done_before) < count, "the kill must land mid-run"
    for name in done_before:
        check_file(out / name)  # complete and valid
    survivor = Manifest.load(out)  # maybe absent, never half-written or over-trusting
    assert survivor.damaged is None
    for name, entry in survivor.entries.items():
        assert sha256_file(out / name) == entry.output_sha256
    finish = run(raw, "--out", out)  # in-process: the session's model is already loaded
    assert finish.exit_code == 0, finish.output
    assert "did not finish" in finish.output
    assert f"{count} sources: " in finish.output and " 0 failed" in finish.output
    assert len(outputs(out)) == count
    for name in outputs(out):
        check_file(out / name)
    assert not [p for p in out.rglob("*.tmp")]
    manifest = Manifest.load(out)
    assert len(manifest.entries) == count
    assert all(
        manifest.judge(n, e.source_sha256, next(iter(manifest.configs.values()))).fresh
        for n, e in manifest.entries.items()
    )


def test_two_runs_at_once_do_the_work_once(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(raw)
    runs = [
        subprocess.Popen(
            pipeline_command("run", raw, "--out", out),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [r.communicate(timeout=120) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], results
    summaries = sorted(stdout.strip().splitlines()[-1] for stdout, _ in results)
    assert summaries == [
        "3 sources: 0 written, 3 unchanged, 0 failed",
        "3 sources: 3 written, 0 unchanged, 0 failed",
    ]
    assert any("in use by pid" in stderr for _, stderr in results)
    assert sorted(outputs(out)) == ["a.json", "b.json", "news/c.json"]
    for name in outputs(out):
        check_file(out / name)


def test_a_renamed_source_is_redone_under_its_new_name(project: tuple[Path, Path]) -> None:
    raw, out = project
    (raw / "b.txt").rename(raw / "b.md")  # same output name, same bytes, another format
    status = runner.invoke(app, ["status", str(raw), "--out", str(out)])
    assert "renamed source" in status.output and "was b.txt" in status.output
    result = run(raw, "--out", out)
    assert "3 sources: 1 written, 2 unchanged, 0 failed\n" in result.output
    assert check_file(out / "b.json").source.path == "b.md"
