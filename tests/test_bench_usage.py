"""Each benchmark's usage line runs it with the project's interpreter, not one machine's."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.mark.parametrize("script", sorted(BENCH.glob("*.py")), ids=lambda p: p.name)
def test_usage_line_names_the_project_interpreter(script: Path) -> None:
    doc = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8"))) or ""
    usage = [line.strip() for line in doc.splitlines() if f"bench/{script.name}" in line]
    assert usage, f"{script.name}: no usage line in its docstring"
    for line in usage:
        assert line.startswith(f".venv/bin/python bench/{script.name}"), line
    assert not re.search(r"(^|\s)/\S*python", doc), "a machine-specific interpreter path"
