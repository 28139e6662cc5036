"""Shared fixtures: the real model, loaded once per test session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.clean.document import CleanDoc
from pipeline.extract.nlp import load_nlp, make_doc
from pipeline.run import Settings, process
from pipeline.run.process import Worker

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
EVAL = SHARED / "eval"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture
def fresh_worker(monkeypatch: pytest.MonkeyPatch) -> Worker:
    """This process's Worker for the default settings, new for the test (none of its sources
    done yet); the shared model is reused."""
    worker = Worker(Settings())
    monkeypatch.setitem(process._WORKERS, Settings(), worker)
    return worker


@pytest.fixture(scope="session")
def run_nlp(nlp: Language):  # type: ignore[no-untyped-def]
    """Run the full pipeline on plain text: run_nlp(text, published=None, clean=None) -> Doc."""

    def _run(text: str, published: dt.date | None = None, clean: CleanDoc | None = None) -> Doc:
        clean = clean or CleanDoc(text=text, format="text")
        return nlp(make_doc(nlp, clean, published))

    return _run


def shared_sample(name: str) -> Path:
    """Path of a shared sample; skips the test with a reason when ../shared is absent."""
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"shared sample {path} not present (../shared is beside the project in CI)")
    return path


def shared_eval(relpath: str) -> Path:
    path = EVAL / relpath
    if not path.exists():
        pytest.skip(f"shared eval data {path} not present")
    return path


def aeb_page(prefix: str) -> Path:
    """The article-benchmark page whose file name starts with `prefix` (issues cite pages so);
    skips the test with a reason when it is absent."""
    folder = shared_eval("articles/html")
    matches = sorted(folder.glob(f"{prefix}*.html"))
    if not matches:
        pytest.skip(f"page {prefix} not in {folder}")
    return matches[0]
