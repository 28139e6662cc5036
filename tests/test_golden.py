"""The committed outputs in extracted/ are what `pipeline run` writes for raw/ today."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.validate.check import check_file


def outputs(folder: Path) -> list[Path]:
    """The JSON outputs in `folder`: hidden files and folders (manifest, .history/) are not."""
    return sorted(
        p
        for p in folder.rglob("*.json")
        if not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def test_committed_outputs_match_a_fresh_run(tmp_path: Path) -> None:
    """On failure: review the change, then `pipeline run` and commit extracted/."""
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(ROOT / "raw"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    fresh = {p.relative_to(out).as_posix(): p.read_bytes() for p in outputs(out)}
    committed = {
        p.relative_to(ROOT / "extracted").as_posix(): p.read_bytes()
        for p in outputs(ROOT / "extracted")
    }
    assert sorted(fresh) == sorted(committed)
    for name, data in fresh.items():
        assert committed[name] == data, f"extracted/{name} is stale"


def test_committed_outputs_are_valid() -> None:
    files = outputs(ROOT / "extracted")
    assert len(files) >= 3
    for path in files:
        check_file(path)
