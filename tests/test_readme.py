"""The README states the output contract's current version."""

from __future__ import annotations

from pathlib import Path

from pipeline.versions import SCHEMA_VERSION

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_names_the_current_schema_version() -> None:
    text = README.read_text(encoding="utf-8")
    assert f"Current schema version: **{SCHEMA_VERSION}**" in text
