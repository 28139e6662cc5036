"""`pipeline log ID`: an article's versions oldest first, with the facts changed at each step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.write import history

runner = CliRunner()

FIRST = """---
title: Bridge to reopen
published: 2024-05-10
---

Mayor Jane Porter said on Friday that the bridge would reopen in June.

“We are nearly there and the crews have worked every night,” Porter said.
"""
SECOND = FIRST.replace("nearly there and the crews", "almost there, and our crews")
THIRD = SECOND.replace("on Friday", "on Thursday")


@pytest.fixture
def article(tmp_path: Path) -> tuple[Path, Path]:
    """A source run three times, edited in between: (source, output folder)."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    source = raw / "bridge.md"
    for text in (FIRST, SECOND, THIRD):
        source.write_text(text, encoding="utf-8")
        assert runner.invoke(app, ["run", str(raw), "--out", str(out)]).exit_code == 0
    assert len(history.versions(out, "bridge")) == 2
    return source, out


def test_log_shows_each_version_and_a_reworded_quote_as_changed(
    article: tuple[Path, Path],
) -> None:
    source, out = article
    for target in ("bridge", str(source)):
        result = runner.invoke(app, ["log", target, "--out", str(out)])
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert lines[0] == "bridge: 3 versions"
        headers = [line for line in lines if not line.startswith(" ")]
        assert [h.split()[0] for h in headers[1:]] == ["kept", "kept", "current"]
        second = lines[lines.index(headers[2]) : lines.index(headers[3])]
        assert "  quotes: 1 changed" in second
        assert any("[-nearly-]{+almost+}" in line for line in second)
        assert not any("added" in line or "removed" in line for line in second)
        third = lines[lines.index(headers[3]) :]
        assert "  dates: 1 changed" in third
        assert any("“Friday” -> “Thursday”" in line for line in third)


def test_log_as_json(article: tuple[Path, Path]) -> None:
    _, out = article
    result = runner.invoke(app, ["log", "bridge", "--out", str(out), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["id"] == "bridge"
    first, second, current = data["versions"]
    assert first["changes"] is None and current["version"] == "current"
    assert first["written"] < second["written"] < current["written"]
    (quote,) = second["changes"]
    assert (quote["op"], quote["kind"], quote["fields"]) == ("changed", "quotes", ["text"])
    assert quote["old"]["id"] != quote["new"]["id"]  # a new wording gets a new id
    assert [(c["op"], c["kind"]) for c in current["changes"]] == [("changed", "dates")]


def test_log_of_an_unknown_document_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["log", "nothing", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "no output" in result.output
    bad = runner.invoke(app, ["log", "nothing", "--out", str(tmp_path), "--format", "xml"])
    assert bad.exit_code == 2


def test_an_unreadable_version_is_reported_and_the_others_still_compared(
    article: tuple[Path, Path],
) -> None:
    _, out = article
    _, second = history.versions(out, "bridge")
    second.write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["log", "bridge", "--out", str(out)])
    assert result.exit_code == 2
    assert "unreadable:" in result.output and "cannot read JSON" in result.output
    current = result.output[result.output.index("current") :]
    assert "quotes: 1 changed" in current and "dates: 1 changed" in current  # first -> current


def test_log_of_a_removed_article_ends_with_its_last_kept_version(
    article: tuple[Path, Path],
) -> None:
    source, out = article
    source.unlink()
    assert runner.invoke(app, ["run", str(source.parent), "--out", str(out)]).exit_code == 0
    result = runner.invoke(app, ["log", "bridge", "--out", str(out)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "bridge: 3 versions"
    assert lines[-1] == "no current output (removed)"
