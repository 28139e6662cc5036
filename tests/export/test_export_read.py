"""Reading OUT: outputs only (not the run's bookkeeping), each checked, bad ones reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factdocs import corpus, save

from pipeline.errors import PipelineError
from pipeline.export.read import OutputFolderError, read_outputs


def test_outputs_only_not_the_runs_bookkeeping(tmp_path: Path) -> None:
    docs = corpus(tmp_path)
    (tmp_path / ".pipeline-manifest.json").write_text("{}", encoding="utf-8")
    history = tmp_path / ".history" / "hostile"
    history.mkdir(parents=True)
    (history / "2025-01-01T00:00:00Z.json").write_text(
        json.dumps(docs["hostile"]), encoding="utf-8"
    )
    (tmp_path / "notes.txt").write_text("not an output", encoding="utf-8")
    errors: list[tuple[Path, PipelineError]] = []
    found = list(read_outputs(tmp_path, errors))
    assert [o.id for o in found] == ["city/bridge", "city/fares", "hostile"] and not errors
    assert [o.rel for o in found] == ["city/bridge.json", "city/fares.json", "hostile.json"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.update(text=5), "no string `id` and `text`"),
        (lambda d: d.update(quotes={}), "`quotes` is not a list"),
        (lambda d: d["dates"][0].update(start=-1), "bad offsets"),
        (lambda d: d["entities"][0]["mentions"][0].update(text="Nobody"), "in text, not 'Nobody'"),
        (lambda d: d.update(id="/etc/passwd"), "not a document id"),
    ],
)
def test_a_bad_output_is_reported_with_its_reason(tmp_path: Path, change, reason: str) -> None:  # type: ignore[no-untyped-def]
    docs = corpus(tmp_path)
    bad = json.loads(json.dumps(docs["city/bridge"]))
    change(bad)
    (tmp_path / "city" / "bridge.json").write_text(json.dumps(bad), encoding="utf-8")
    errors: list[tuple[Path, PipelineError]] = []
    assert [o.id for o in read_outputs(tmp_path, errors)] == ["city/fares", "hostile"]
    ((path, error),) = errors
    assert path.name == "bridge.json" and reason in str(error)


def test_two_outputs_with_one_id(tmp_path: Path) -> None:
    docs = corpus(tmp_path)
    copy = dict(docs["hostile"])
    save(tmp_path / "again", copy)
    errors: list[tuple[Path, PipelineError]] = []
    ids = [o.id for o in read_outputs(tmp_path, errors)]
    assert ids.count("hostile") == 1
    assert "same document id 'hostile'" in str(errors[0][1])


def test_out_must_be_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputFolderError, match="no such folder"):
        list(read_outputs(tmp_path / "missing", []))
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="not a folder"):
        list(read_outputs(tmp_path / "file", []))
