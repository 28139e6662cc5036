"""A manifest that does not validate is distrusted with a warning; no run or status crashes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_incremental import make_sources, outputs, run, runner

from pipeline.cli import app
from pipeline.write.manifest import MANIFEST_NAME, Manifest


def edit(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        for entry in data["outputs"].values():
            entry[field] = value

    return apply


def surrogate_names(data: dict[str, Any]) -> None:
    data["outputs"] = {f"\ud800{k}": v for k, v in data["outputs"].items()}


def surrogate_in_config(data: dict[str, Any]) -> None:
    for parts in data["configs"].values():
        parts["versions"]["spacy"] = "\udcff"


TAMPERED: dict[str, Callable[[Path], None]] = {
    "deep nesting": lambda p: p.write_text("[" * 100_000 + "]" * 100_000),
    "deep nesting in an entry": lambda p: p.write_text(
        p.read_text().replace('"outputs": {', '"outputs": {"x.json": ' + "[" * 100_000, 1)
    ),
    "huge number": lambda p: p.write_text('{"format": ' + "9" * 5000 + "}"),
}
EDITS: dict[str, Callable[[dict[str, Any]], None]] = {
    "root is a list": edit("root", []),
    "root_kind unknown": edit("root_kind", "disk"),
    "garbage written time": edit("written", "yesterday at noon"),
    "written without zone": edit("written", "2024-05-10T12:00:00"),
    "written before year 1 in UTC": edit("written", "0001-01-01T00:00:00+05:00"),
    "stat of strings": edit("source_stat", ["1", "2"]),
    "lone surrogate names": surrogate_names,
    "lone surrogate in config": surrogate_in_config,
    "outputs is a list": lambda d: d.update(outputs=[]),
    "configs of numbers": lambda d: d.update(configs={"x": 1}),
    "empty object": lambda d: d.clear(),
}


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(raw)
    assert run(raw, "--out", out).exit_code == 0
    return raw, out


def check_recovery(raw: Path, out: Path) -> None:
    status = runner.invoke(app, ["status", str(raw), "--out", str(out)])
    assert status.exit_code == 0, status.output
    assert "warning:" in status.output and "every output would be redone" in status.output
    result = run(raw, "--out", out)
    assert result.exit_code == 0, result.output
    assert "redoing every output" in result.output
    assert "3 sources: 0 written, 3 unchanged, 0 failed" in run(raw, "--out", out).output
    assert sorted(outputs(out)) == ["a.json", "b.json", "news/c.json"]


@pytest.mark.parametrize("name", sorted(TAMPERED))
def test_a_tampered_manifest_file_is_distrusted(project: tuple[Path, Path], name: str) -> None:
    raw, out = project
    TAMPERED[name](out / MANIFEST_NAME)
    check_recovery(raw, out)


@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_manifest_with_wrong_fields_is_distrusted(project: tuple[Path, Path], name: str) -> None:
    raw, out = project
    path = out / MANIFEST_NAME
    data = json.loads(path.read_bytes())
    EDITS[name](data)
    path.write_text(json.dumps(data))
    loaded = Manifest.load(out)
    assert loaded.damaged and not loaded.entries
    check_recovery(raw, out)
