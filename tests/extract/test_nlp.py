from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline.errors import ModelNotFoundError
from pipeline.extract.nlp import COMPONENT_MODULES, load_nlp, model_info


def test_components_run_after_the_model_in_order(nlp: Language) -> None:
    names = [factory for factory, _ in COMPONENT_MODULES]
    assert nlp.pipe_names[-len(names) :] == names
    assert "ner" in nlp.pipe_names and "parser" in nlp.pipe_names


def test_the_pipeline_is_loaded_once(nlp: Language) -> None:
    assert load_nlp() is nlp


def test_model_name_and_version_are_recorded(nlp: Language) -> None:
    name, version = model_info(nlp)
    assert name.startswith("en_core_web_sm")
    assert version.startswith("3.8")


def test_missing_model_raises_a_specific_error() -> None:
    with pytest.raises(ModelNotFoundError, match="not_a_model"):
        load_nlp("not_a_model")


def test_every_component_sets_its_extension(run_nlp) -> None:  # type: ignore[no-untyped-def]
    doc = run_nlp("Ann Lee said on Monday: “We are ready.”")
    for name in ("entities", "dates", "quotes", "links"):
        assert isinstance(getattr(doc._, name), list), name


def test_every_component_is_declared_as_a_spacy_entry_point() -> None:
    """spacy.load() of a saved pipeline finds our factories without importing us first."""
    from importlib.metadata import entry_points

    declared = {e.name: e.value for e in entry_points(group="spacy_factories")}
    for factory, module in COMPONENT_MODULES:
        assert declared.get(factory, "").startswith(module + ":"), factory
