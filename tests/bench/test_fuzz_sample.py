"""A small sample of bench/fuzz.py's hostile inputs: no crash, no traceback, no violation,
nothing written outside OUT. The bench itself runs thousands (see its docstring)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT

from pipeline.clean import clean_source
from pipeline.errors import SourceError


def _fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "bench" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz"] = module
    spec.loader.exec_module(module)
    return module


fuzz = _fuzz()


def test_sample_runs_clean(tmp_path: Path) -> None:
    inputs = fuzz.make_inputs(30, seed=7)
    inputs = [(name, src) for name, src in inputs if len(src[0]) <= 40 * 1024]
    report = fuzz.Report()
    raw = fuzz.run_each(inputs, tmp_path, report)
    fuzz.run_cli(raw, tmp_path, report)
    assert report.inputs == len(inputs)
    assert report.crashes == []
    assert report.tracebacks == []
    assert report.violations == []
    assert report.escapes == []
    assert report.written > 0


@pytest.mark.parametrize("shape", sorted(fuzz.STORMS))
def test_every_storm_cleans_or_fails_with_a_reason(shape: str) -> None:
    data, fmt = fuzz.STORMS[shape](2048)
    try:
        doc = clean_source(data, fmt)
    except SourceError as exc:
        assert exc.hint
        return
    for link in doc.links:
        assert doc.text[link.start : link.end] == link.anchor
