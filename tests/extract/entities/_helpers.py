"""The `run` fixture shared by this folder's tests: text -> entities, through the real model.

A module, not a conftest.py: a folder conftest would shadow the top-level `conftest` that
tests import by name. A test module opts in with `from _helpers import Run, run_fixture`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from pipeline.clean.document import CleanDoc
from pipeline.extract.entities.extract import extract_entities, model_parser
from pipeline.validate.models import Entity

Run = Callable[[str], list[Entity]]


@pytest.fixture(scope="module", name="run")
def run_fixture(nlp: Language) -> Run:
    """Entities of a plain text, re-casing capital lines like the component; every mention's
    offsets are checked against the text on the way."""
    parse = model_parser(nlp)

    def _run(text: str) -> list[Entity]:
        doc = parse(text)
        doc._.clean = CleanDoc(text, "text")
        entities = extract_entities(doc, parse)
        for e in entities:
            for m in e.mentions:
                assert text[m.start : m.end] == m.text
        return entities

    return _run
