"""`pipeline export --format jsonl|csv`: documents and facts for other tools, through the CLI."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from factdocs import corpus
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.export import write_csv, write_jsonl
from pipeline.export.read import read_outputs

runner = CliRunner()


def test_jsonl_is_one_document_per_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    docs = corpus(out)
    stream = io.StringIO()
    count, errors = write_jsonl(out, stream)
    lines = stream.getvalue().splitlines()
    assert count == len(lines) == len(docs) and not errors
    assert {d["id"]: d for d in map(json.loads, lines)} == docs


def test_jsonl_to_stdout_and_to_a_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(ROOT / "extracted"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == [o.id for o in read_outputs(ROOT / "extracted", [])]
    target = tmp_path / "docs.jsonl"
    result = runner.invoke(
        app, ["export", str(ROOT / "extracted"), "--format", "jsonl", "--output", str(target)]
    )
    assert result.exit_code == 0 and f"{len(ids)} documents" in result.stdout
    assert len(target.read_text(encoding="utf-8").splitlines()) == len(ids)


@pytest.mark.parametrize("facts", ["quotes", "entities", "dates", "links"])
def test_csv_one_row_per_fact_with_offsets(tmp_path: Path, facts: str) -> None:
    out = tmp_path / "out"
    docs = corpus(out)
    stream = io.StringIO()
    write_csv(out, facts, stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    if facts == "entities":
        expected = sum(max(1, len(e["mentions"])) for d in docs.values() for e in d["entities"])
    else:
        expected = sum(len(d[facts]) for d in docs.values())
    assert len(rows) == expected > 0
    assert list(rows[0])[:5] == ["document_id", "id", "start", "end", "text"]
    for row in rows:
        if row["start"]:
            text = docs[row["document_id"]]["text"]
            assert text[int(row["start"]) : int(row["end"])] == row["text"]
    if facts == "quotes":
        assert {r["speaker_name"] for r in rows} == {"Hannah Lee", "Ann Bell"}


def test_csv_through_the_cli(tmp_path: Path) -> None:
    target = tmp_path / "quotes.csv"
    args = ["export", str(ROOT / "extracted"), "--format", "csv", "--facts", "quotes"]
    result = runner.invoke(app, [*args, "-o", str(target)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == sum(len(o.doc["quotes"]) for o in read_outputs(ROOT / "extracted", []))


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "csv"],
        ["--format", "csv", "--facts", "people"],
        ["--format", "xml"],
        [],
        ["--format", "sqlite"],
        ["--format", "jsonl", "--facts", "quotes"],
        ["--to", "x.db", "--output", "x.csv"],
        ["--format", "jsonl", "--to", "x.db"],
    ],
)
def test_usage_errors(args: list[str]) -> None:
    result = runner.invoke(app, ["export", str(ROOT / "extracted"), *args])
    assert result.exit_code == 2


def test_sqlite_through_the_cli(tmp_path: Path) -> None:
    pytest.importorskip("sqlite_utils")
    db = tmp_path / "facts.db"
    args = ["export", str(ROOT / "extracted"), "--to", str(db)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0 and "3 added, 0 replaced, 0 unchanged" in first.stdout
    second = runner.invoke(app, args)
    assert "0 added, 0 replaced, 3 unchanged" in second.stdout


def test_unreadable_output_exits_1_and_the_rest_is_exported(tmp_path: Path) -> None:
    out = tmp_path / "out"
    corpus(out)
    (out / "zz.json").write_text("[]", encoding="utf-8")
    result = runner.invoke(app, ["export", str(out), "--format", "jsonl"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 3
    assert "zz.json" in result.stderr and "not a document" in result.stderr


def test_missing_extra_is_one_line_with_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sqlite_utils", None)
    result = runner.invoke(app, ["export", str(ROOT / "extracted"), "--to", "x.db"])
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert (
        "needs sqlite_utils" in message and "pip install 'news-facts-pipeline[export]'" in message
    )


def test_view_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    result = runner.invoke(app, ["view", str(ROOT / "extracted"), "--html", str(site)])
    assert result.exit_code == 0 and "3 pages, 0 unreadable" in result.stdout
    assert (site / "index.html").is_file()
    missing = runner.invoke(app, ["view", str(tmp_path / "none"), "--html", str(site)])
    assert missing.exit_code == 2 and "no such folder" in missing.stderr
    monkeypatch.setitem(sys.modules, "jinja2", None)
    result = runner.invoke(app, ["view", str(ROOT / "extracted"), "--html", str(site)])
    assert result.exit_code == 2 and "[view]" in result.stderr
