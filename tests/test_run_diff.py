"""Hand-edited and hostile JSON: `run --diff` skips with a warning, validate/diff say invalid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_incremental import STORIES, make_sources, run, runner

from pipeline.cli import app

HOSTILE = {
    "deep nesting": "[" * 100_000 + "]" * 100_000,
    "deep object": '{"entities": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "5,000-digit integer": '{"entities": [], "n": ' + "7" * 5000 + "}",
    "lone surrogate": '{"text": "\\ud800", "entities": []}',
    "NaN": '{"entities": [{"id": "e_1", "salience": NaN}]}',
}


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(raw)
    assert run(raw, "--out", out).exit_code == 0
    return raw, out


@pytest.mark.parametrize(
    "edited",
    [b"{ not json", b'{"entities": 5}', b'{"entities": [7]}', b"[1, 2]", b'{"x": NaN}'],
    ids=["invalid JSON", "wrong list", "fact not an object", "not an object", "NaN"],
)
def test_run_diff_skips_a_hand_edited_previous_output(
    project: tuple[Path, Path], edited: bytes
) -> None:
    raw, out = project
    (out / "b.json").write_bytes(edited)
    (raw / "a.md").write_text(STORIES["a.md"].replace("in June", "in July"))
    result = run(raw, "--out", out, "--diff")
    assert result.exit_code == 0, result.output
    assert "b.txt: the previous output is not a document" in result.output
    assert "its diff is skipped" in result.output
    assert "July" in result.output  # the other diff is still shown
    assert "3 sources: 2 written, 1 unchanged, 0 failed" in result.output


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_validate_reports_hostile_json_as_invalid(tmp_path: Path, name: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(HOSTILE[name], encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert "1 files: 0 valid, 1 invalid" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_diff_reports_hostile_json_as_an_error(tmp_path: Path, name: str) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text('{"entities": []}')
    bad.write_text(HOSTILE[name], encoding="utf-8")
    for args in ([good, bad], [bad, good]):
        result = runner.invoke(app, ["diff", *map(str, args), "--format", "json"])
        assert result.exit_code == 2, (name, result.output)
        assert "error:" in result.output and "NaN" not in result.output.split("error:")[0]
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_diff_json_prints_only_strict_json(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps({"entities": [{"id": "e_1", "name": "A", "salience": 0.1}]}))
    new.write_text(json.dumps({"entities": [{"id": "e_1", "name": "B", "salience": 0.9}]}))
    result = runner.invoke(app, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.output, parse_constant=lambda c: pytest.fail(c))[0]["op"] == "changed"


def test_diff_text_shows_escape_codes_and_markup_in_facts_literally(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps({"entities": []}))
    fact = {"id": "e_1", "name": "\x1b[2J[/b]Evil", "label": "ORG", "mentions": []}
    new.write_text(json.dumps({"entities": [fact]}))
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.output and "\\x1b[2J[/b]Evil (ORG)" in result.output
