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


@pytest.mark.parametrize(
    ("where", "field", "bad"),
    [
        ("entities", "label", "DATE"),
        ("entities", "label", "person"),
        ("dates", "value", "next Tuesday"),
        ("dates", "value", "2021-13-45-junk"),
        ("dates", "value", "P5"),
        ("dates", "mod", "EARLYISH"),
    ],
)
def test_closed_vocabularies_reject_values_outside_them(
    tmp_path: Path, where: str, field: str, bad: str
) -> None:
    data = minimal()
    data[where][0][field] = bad
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidDocumentError, match=f"{where}/0/{field}"):
        check_file(path)
