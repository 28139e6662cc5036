from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_models import minimal

from pipeline.errors import InvalidDocumentError
from pipeline.validate.check import check_file


def test_valid_file_passes(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(minimal()), encoding="utf-8")
    assert check_file(path).id == "a"


def test_schema_violation_names_the_field(tmp_path: Path) -> None:
    data = minimal()
    data["dates"][0]["type"] = "WHENEVER"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidDocumentError, match="dates/0/type"):
        check_file(path)


def test_offset_violation_is_caught_after_the_schema(tmp_path: Path) -> None:
    data = minimal()
    data["entities"][0]["mentions"][0]["start"] = 1
    data["entities"][0]["mentions"][0]["end"] = 4
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidDocumentError, match="Ann"):
        check_file(path)


def test_truncated_json_is_invalid(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(minimal())[:50], encoding="utf-8")
    with pytest.raises(InvalidDocumentError, match="cannot read JSON"):
        check_file(path)
