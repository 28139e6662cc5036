"""Each benchmark's usage line runs it with the project's interpreter, not one machine's."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


SCRIPTS = sorted(p for p in BENCH.glob("*.py") if "__main__" in p.read_text(encoding="utf-8"))


def test_helper_modules_name_no_interpreter_either() -> None:
    for module in sorted(set(BENCH.glob("*.py")) - set(SCRIPTS)):
        assert not re.search(r"(^|\s)/\S*python", module.read_text(encoding="utf-8")), module


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_usage_line_names_the_project_interpreter(script: Path) -> None:
    doc = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8"))) or ""
    usage = [line.strip() for line in doc.splitlines() if f"bench/{script.name}" in line]
    assert usage, f"{script.name}: no usage line in its docstring"
    for line in usage:
        assert line.startswith(f".venv/bin/python bench/{script.name}"), line
    assert not re.search(r"(^|\s)/\S*python", doc), "a machine-specific interpreter path"
