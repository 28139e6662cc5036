"""`pipeline diff OLD_DIR NEW_DIR` and `pipeline run --diff`: documents added, removed, changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.diff import corpus, diff_folders

runner = CliRunner()

BRIDGE = """---
title: Bridge to reopen
published: 2024-05-10
---

Mayor Jane Porter said on Friday that the bridge would reopen in June.

“We are nearly there and the crews have worked every night,” Porter said.
"""

LIBRARY = """---
title: Library ends late fees
published: 2024-03-02
---

The city library will stop charging late fees on Monday, director Ana Ruiz said.
"""

MARKET = """---
title: Market moves to the square
published: 2024-04-20
---

The farmers market opens in Central Square on Saturday, organiser Ben Ortiz said.
"""


def run(raw: Path, out: Path, *extra: str) -> str:
    result = runner.invoke(app, ["run", str(raw), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path, str]:
    """Yesterday's outputs and today's: bridge reworded, library gone, market new."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    (raw / "city").mkdir(parents=True)
    (raw / "bridge.md").write_text(BRIDGE, encoding="utf-8")
    (raw / "city" / "library.md").write_text(LIBRARY, encoding="utf-8")
    run(raw, out)
    old = tmp_path / "old"
    shutil.copytree(out, old)
    revised = BRIDGE.replace("nearly there and the", "almost there, and our").replace(
        "on Friday", "on Thursday"
    )
    (raw / "bridge.md").write_text(revised, encoding="utf-8")
    (raw / "city" / "library.md").unlink()
    (raw / "market.md").write_text(MARKET, encoding="utf-8")
    shown = run(raw, out, "--diff")
    return old, out, shown


def test_run_diff_shows_new_and_removed_outputs(folders: tuple[Path, Path, str]) -> None:
    *_, shown = folders
    assert "+ market.md (added: " in shown
    assert "- city/library.json (removed: " in shown
    assert "~ bridge.md" in shown and "quotes: 1 changed" in shown


def test_run_diff_shows_the_output_of_a_source_that_now_fails_as_removed(
    folders: tuple[Path, Path, str],
) -> None:
    _, out, _ = folders
    raw = out.parent / "raw"
    (raw / "market.md").write_bytes(b"  \n\n ")
    result = runner.invoke(app, ["run", str(raw), "--out", str(out), "--diff"])
    assert result.exit_code == 1
    assert "- market.json (removed: " in result.output


def test_folder_diff_lists_changed_added_and_removed_documents(
    folders: tuple[Path, Path, str],
) -> None:
    old, new, _ = folders
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert "~ bridge" in lines
    assert any(line.startswith("- city/library (removed: ") for line in lines)
    assert any(line.startswith("+ market (added: ") for line in lines)
    assert "[-nearly-]{+almost+}" in result.output  # the reworded quote, word by word
    assert "3 documents: 1 changed" in lines[-1] and "1 added, 1 removed, 0 unchanged" in lines[-1]


def test_folder_diff_stat_has_a_line_per_document_and_a_total(
    folders: tuple[Path, Path, str],
) -> None:
    old, new, _ = folders
    result = runner.invoke(app, ["diff", str(old), str(new), "--stat"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 4
    assert [line.split(" | ")[0].strip() for line in lines[:3]] == [
        "bridge",
        "city/library",
        "market",
    ]
    assert "changed" in lines[0] and "removed" in lines[1] and "added" in lines[2]


def test_folder_diff_json_lines_parse_back(folders: tuple[Path, Path, str]) -> None:
    old, new, _ = folders
    result = runner.invoke(app, ["diff", str(old), str(new), "--format", "jsonl"])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.output.splitlines()]
    assert all(set(r) >= {"doc", "op", "kind", "id", "old", "new", "fields"} for r in records)
    documents = {(r["doc"], r["op"]) for r in records if r["kind"] == "document"}
    assert documents == {("city/library", "removed"), ("market", "added")}
    bridge = [r for r in records if r["doc"] == "bridge"]
    quote = next(r for r in bridge if r["kind"] == "quotes")
    assert quote["op"] == "changed" and "nearly" in quote["old"]["text"]
    assert "almost" in quote["new"]["text"]
    date = next(r for r in bridge if r["kind"] == "dates")
    assert date["op"] == "changed" and (date["old"]["text"], date["new"]["text"]) == (
        "Friday",
        "Thursday",
    )
    whole = json.loads(runner.invoke(app, ["diff", str(old), str(new), "--format", "json"]).output)
    assert whole["added"] == ["market"] and whole["removed"] == ["city/library"]
    assert len(whole["changed"]["bridge"]) == len(bridge)


def test_single_document_json_lines_name_the_document(folders: tuple[Path, Path, str]) -> None:
    old, new, _ = folders
    args = ["diff", str(old / "bridge.json"), str(new / "bridge.json"), "--format", "jsonl"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records and {r["doc"] for r in records} == {"bridge"}


def test_identical_documents_are_compared_by_bytes_not_parsed(
    folders: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new, _ = folders
    parsed: list[Path] = []
    load = corpus.load_version

    def counting(path: Path) -> dict[str, object]:
        parsed.append(path)
        return load(path)

    monkeypatch.setattr(corpus, "load_version", counting)
    assert diff_folders(new, new).documents == []
    assert parsed == []
    diff_folders(old, new)
    assert sorted(p.name for p in parsed) == ["bridge.json", "bridge.json", "library.json",
                                              "market.json"]  # fmt: skip


def test_same_folders_exit_0_and_history_is_not_a_document(
    folders: tuple[Path, Path, str],
) -> None:
    _, new, _ = folders
    assert (new / ".history").is_dir()
    result = runner.invoke(app, ["diff", str(new), str(new)])
    assert result.exit_code == 0
    assert (
        result.output.strip() == "2 documents: 0 changed (0 facts), 0 added, 0 removed, 2 unchanged"
    )


def test_a_broken_document_exits_2_and_the_others_are_still_compared(
    folders: tuple[Path, Path, str],
) -> None:
    old, new, _ = folders
    (new / "bridge.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 2
    assert "bridge" in result.output and "cannot read JSON" in result.output
    assert "+ market (added: " in result.output


def test_a_folder_and_a_file_or_a_missing_folder_are_errors(
    folders: tuple[Path, Path, str], tmp_path: Path
) -> None:
    old, new, _ = folders
    assert runner.invoke(app, ["diff", str(old), str(new / "bridge.json")]).exit_code == 2
    assert runner.invoke(app, ["diff", str(old), str(tmp_path / "nowhere")]).exit_code == 2


def test_a_deeply_nested_document_is_an_error_not_a_crash(
    folders: tuple[Path, Path, str],
) -> None:
    old, new, _ = folders
    (new / "bridge.json").write_text('{"quotes": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result = runner.invoke(app, ["diff", str(old), str(new), "--format", "jsonl"])
    assert result.exit_code == 2
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["doc"] for r in records} == {"city/library", "market"}
