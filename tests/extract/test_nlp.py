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


def test_a_smaller_tok2vec_batch_gives_the_same_annotations(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tagger and parser read the tok2vec's output from each doc's tensor when predicting,
    so running the tok2vec in batches of its own (PIPE_BATCH) changes no annotation."""
    from pathlib import Path

    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, POS, SENT_START, TAG

    from pipeline.clean import clean_source, detect_format
    from pipeline.extract import nlp as nlp_module
    from pipeline.extract.nlp import annotate, make_doc

    raw = Path(__file__).resolve().parents[2] / "raw"
    cleans = [
        clean_source(path.read_bytes(), detect_format(path))
        for path in sorted(raw.iterdir())
        if path.suffix in {".md", ".html", ".txt"}
    ]
    assert len(cleans) >= 3

    def arrays(batch: dict[str, int]) -> list[list[list[int]]]:
        monkeypatch.setattr(nlp_module, "PIPE_BATCH", batch)
        docs = annotate(nlp, [make_doc(nlp, c, None) for c in cleans], batch_size=len(cleans))
        columns = [TAG, POS, DEP, HEAD, LEMMA, ENT_IOB, ENT_TYPE, SENT_START]
        return [doc.to_array(columns).tolist() for doc in docs]

    assert arrays({"tok2vec": 1}) == arrays({})
