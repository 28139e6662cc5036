"""`pipeline diff`: facts matched by id, positions ignored, GNU diff exit codes."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.diff import diff_documents
from pipeline.diff.render import render_text
from pipeline.write import history

runner = CliRunner()

STORY = """---
title: Bridge to reopen
published: 2024-05-10
---

Mayor Jane Porter said on Friday that the bridge would reopen in June.

“We are nearly there,” Porter said. Read the [plan](https://example.org/plan).
"""

REVISED = """---
title: Bridge to reopen in July
published: 2024-05-10
---

Officials from the Port Authority met on Monday.

Mayor Jane Porter said on Friday that the bridge would reopen in July.

“We are nearly there,” Governor Tom Reed said. Read the [report](https://example.org/report).
"""


def span(text: str, start: int, **fields: Any) -> dict[str, Any]:
    return {"start": start, "end": start + len(text), "text": text, **fields}


def document() -> dict[str, Any]:
    porter = {"name": "Jane Porter", "entity_id": "e_1", "start": 6, "end": 17, "role": None}
    return {
        "metadata": {"title": "Bridge", "author": None},
        "entities": [
            {
                "id": "e_1",
                "name": "Jane Porter",
                "label": "PERSON",
                "salience": 0.8,
                "mentions": [span("Jane Porter", 6), span("Porter", 80)],
            }
        ],
        "dates": [span("Friday", 30, id="d_1", type="DATE", value="2024-05-10", mod=None)],
        "quotes": [span("We are nearly there,", 60, id="q_1", kind="direct", speaker=porter)],
        "links": [
            span("plan", 100, id="l_1", url="https://example.org/plan", domain="example.org")
        ],
    }


def shifted(doc: dict[str, Any], by: int) -> dict[str, Any]:
    """The same facts, all further down the text."""
    moved = copy.deepcopy(doc)
    for kind in ("dates", "quotes", "links"):
        for fact in moved[kind]:
            fact["start"] += by
            fact["end"] += by
    for entity in moved["entities"]:
        for mention in entity["mentions"]:
            mention["start"] += by
            mention["end"] += by
    moved["quotes"][0]["speaker"]["start"] += by
    moved["quotes"][0]["speaker"]["end"] += by
    return moved


def test_a_fact_that_only_moved_is_not_a_change() -> None:
    old = document()
    new = shifted(old, 40)
    new["entities"][0]["salience"] = 0.78  # a small drift is not a change either
    new["entities"][0]["mentions"].reverse()  # nor is list order
    assert diff_documents(old, new) == []
    moves = diff_documents(old, new, moves=True)
    assert sorted((c.op, c.kind) for c in moves) == [
        ("moved", "dates"),
        ("moved", "entities"),
        ("moved", "links"),
        ("moved", "quotes"),
    ]
    assert not any(c.counts for c in moves)


def test_changes_are_matched_by_id_with_old_and_new_values() -> None:
    old = document()
    new = shifted(old, 5)
    new["quotes"][0]["speaker"] = {"name": "Tom Reed", "entity_id": "e_2", "start": 1, "end": 9}
    new["dates"][0].update(id="d_2", value="2024-05-17")  # same text, new value: a new id
    new["links"] = []
    new["entities"].append(
        {"id": "e_2", "name": "Tom Reed", "label": "PERSON", "salience": 0.3, "mentions": []}
    )
    new["metadata"] = {"title": "Bridge reopens", "author": "A. Writer"}
    changes = {(c.op, c.kind, c.id): c for c in diff_documents(old, new)}
    assert set(changes) == {
        ("changed", "quotes", "q_1"),
        ("changed", "dates", "d_2"),
        ("removed", "links", "l_1"),
        ("added", "entities", "e_2"),
        ("changed", "metadata", "title"),
        ("added", "metadata", "author"),
    }
    quote = changes["changed", "quotes", "q_1"]
    assert [name for name, _, _ in quote.fields] == ["speaker.name", "speaker.entity_id"]
    date = changes["changed", "dates", "d_2"]
    assert date.fields == (("value", "2024-05-10", "2024-05-17"),)
    assert date.old["id"] == "d_1" and date.new["id"] == "d_2"


def test_speaker_provenance_changes_show_but_small_confidence_moves_do_not() -> None:
    old = document()
    old["quotes"][0]["speaker"].update(via="pronoun", confidence=0.85)
    new = copy.deepcopy(old)
    new["quotes"][0]["speaker"]["confidence"] = 0.83  # noise, like salience
    assert not [c for c in diff_documents(old, new) if c.counts]
    new["quotes"][0]["speaker"].update(via="description", confidence=0.7)
    (change,) = [c for c in diff_documents(old, new) if c.counts]
    assert [name for name, _, _ in change.fields] == ["speaker.via", "speaker.confidence"]
    console = Console(record=True, width=200)
    render_text([change], console)
    shown = console.export_text()
    assert "speaker.via “pronoun” -> “description”" in shown
    assert "speaker.confidence 0.85 -> 0.70" in shown
    assert "(description, 0.70)" in shown  # the quote is labelled with its new speaker


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A source run twice, revised in between: (source, output folder, old version)."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    source = raw / "bridge.md"
    source.write_text(STORY, encoding="utf-8")
    assert runner.invoke(app, ["run", str(raw), "--out", str(out)]).exit_code == 0
    source.write_text(REVISED, encoding="utf-8")
    assert runner.invoke(app, ["run", str(raw), "--out", str(out)]).exit_code == 0
    (old,) = history.versions(out, "bridge")
    return source, out, old


def test_diff_of_a_source_shows_each_kind_and_exits_1(versions: tuple[Path, Path, Path]) -> None:
    source, out, _ = versions
    for target in (str(source), "bridge"):
        result = runner.invoke(app, ["diff", target, "--out", str(out)])
        assert result.exit_code == 1, result.output
        for kind in ("entities:", "dates:", "quotes:", "links:", "metadata:"):
            assert kind in result.output
        assert "https://example.org/plan" in result.output  # removed link
        assert "Tom Reed" in result.output  # the quote's new speaker
        assert "title:" in result.output and "in July" in result.output


def test_diff_json_and_stat(versions: tuple[Path, Path, Path]) -> None:
    _, out, old = versions
    result = runner.invoke(app, ["diff", str(old), str(out / "bridge.json"), "--format", "json"])
    assert result.exit_code == 1
    changes = json.loads(result.output)
    assert {c["op"] for c in changes} >= {"added", "removed", "changed"}
    assert all(set(c) >= {"op", "kind", "id", "old", "new"} for c in changes)
    link = next(c for c in changes if c["kind"] == "links" and c["op"] == "removed")
    assert link["old"]["url"] == "https://example.org/plan" and link["new"] is None
    stat = runner.invoke(app, ["diff", str(old), str(out / "bridge.json"), "--stat"])
    assert stat.exit_code == 1
    assert f"{len(changes)} facts changed" in stat.output
    assert "links: 1 added, 1 removed" in stat.output


def test_diff_exits_0_when_no_fact_changed(versions: tuple[Path, Path, Path]) -> None:
    _, out, _ = versions
    current = str(out / "bridge.json")
    result = runner.invoke(app, ["diff", current, current])
    assert result.exit_code == 0 and result.output == ""


def test_diff_errors_exit_2(versions: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _, out, old = versions
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert runner.invoke(app, ["diff", str(old), str(broken)]).exit_code == 2
    assert runner.invoke(app, ["diff", str(old), str(tmp_path / "none.json")]).exit_code == 2
    missing = runner.invoke(app, ["diff", "no-such-id", "--out", str(out)])
    assert missing.exit_code == 2 and "no output" in missing.output
    bad_format = runner.invoke(app, ["diff", str(old), str(old), "--format", "xml"])
    assert bad_format.exit_code == 2


def test_diff_without_an_earlier_version_is_an_error(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "bridge.md").write_text(STORY, encoding="utf-8")
    assert runner.invoke(app, ["run", str(raw), "--out", str(out)]).exit_code == 0
    result = runner.invoke(app, ["diff", "bridge", "--out", str(out)])
    assert result.exit_code == 2 and "no earlier version" in result.output


def test_moves_lists_only_facts_whose_offsets_changed() -> None:
    old = document()
    new = shifted(old, 0)
    new["entities"][0]["salience"] = 0.78  # within tolerance: no change, and no move either
    new["entities"][0]["mentions"].reverse()  # same places in another order: not a move
    new["links"][0]["start"] += 1  # the only fact whose place changed
    moves = diff_documents(old, new, moves=True)
    assert [(c.op, c.kind) for c in moves] == [("moved", "links")]


def test_an_id_not_found_says_where_it_was_looked_up_and_how_to_pass_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["diff", "news/story"])
    assert result.exit_code == 2
    assert "looked up in the output folder extracted/" in result.output
    assert "pipeline diff news/story --out DIR" in result.output
