"""The fact kinds a Document holds, in one table.

Each kind is a list of facts in the output (`entities`, `dates`, ...) filled by one spaCy
component through one Doc extension. The extensions, the pipeline's components, the assembly of
a Document, its offset validator and `pipeline diff` all iterate `FACT_KINDS`, so adding a kind
is one entry here plus its component (declared under `spacy_factories` in pyproject.toml so that
`spacy.load` of a saved pipeline finds it).

Light on purpose: no spaCy, no pydantic at import time. Models, components and diff labels are
named by import path and resolved when needed (`resolve`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FactKind:
    name: str
    """The Document field, and the key `pipeline diff` groups changes under."""
    factory: str
    """The spaCy factory of the component that finds the facts."""
    module: str
    """The module whose import registers `factory`."""
    model: str
    """The pydantic class of one fact, as `module:Class`: a span (start, end, text) or holding
    spans (`mentions`), with a stable `id` that `pipeline diff` matches facts by."""
    singular: str
    """One fact, as a count names it: "1 entity"."""
    label: str | None = None
    """How `pipeline diff` names a fact to a reader, as `module:function(fact) -> str`; the
    fact's id when None."""
    extension: str = ""
    """The Doc extension (`doc._.<extension>`) the component sets; the kind's name when empty."""
    by_offset: bool = True
    """Output ordered by (start, end); False keeps the component's order."""
    mentions: str | None = None
    """The field holding a fact's spans when the fact is no span itself (an entity's mentions)."""
    text_field: str = "text"
    """The field whose wording `pipeline diff` compares to pair an edited fact."""
    anchor: str | None = None
    """The field that makes a removed and an added fact one fact with a new value (diff)."""
    overlap_similarity: float = 0.5
    """How alike two facts in the same place must read to be one fact edited (diff)."""

    @property
    def doc_extension(self) -> str:
        return self.extension or self.name


FACT_KINDS: tuple[FactKind, ...] = (
    FactKind(
        name="entities",
        factory="facts_entities",
        module="pipeline.extract.components",
        model="pipeline.validate.models:Entity",
        singular="entity",
        label="pipeline.diff.labels:entity",
        by_offset=False,
        mentions="mentions",
        text_field="name",
        anchor="name",
    ),
    FactKind(
        name="dates",
        factory="facts_dates",
        module="pipeline.extract.components",
        model="pipeline.validate.models:DateFact",
        singular="date",
        label="pipeline.diff.labels:date",
        anchor="text",
        # a date mention in the very place of another is the same mention corrected
        # ("Friday" -> "Thursday", "May 5" -> "June 5") whatever its wording
        overlap_similarity=0.0,
    ),
    FactKind(
        name="quotes",
        factory="facts_quotes",
        module="pipeline.extract.components",
        model="pipeline.validate.models:Quote",
        singular="quote",
        label="pipeline.diff.labels:quote",
        anchor="text",
    ),
    FactKind(
        name="links",
        factory="facts_links",
        module="pipeline.extract.components",
        model="pipeline.validate.models:Link",
        singular="link",
        label="pipeline.diff.labels:link",
    ),
)

LATER_COMPONENTS: tuple[tuple[str, str], ...] = (("facts_salience", "pipeline.extract.components"),)
"""Components that run after every fact kind's (factory, module): salience scores entities by
their mentions, quotes and dates."""


def names() -> tuple[str, ...]:
    """The fact lists of a Document, in output order."""
    return tuple(kind.name for kind in FACT_KINDS)


def by_name(name: str) -> FactKind | None:
    return next((kind for kind in FACT_KINDS if kind.name == name), None)


def component_modules() -> tuple[tuple[str, str], ...]:
    """(factory, module) of every fact component, in pipeline order."""
    return tuple((kind.factory, kind.module) for kind in FACT_KINDS) + LATER_COMPONENTS


def resolve(path: str) -> Any:
    """The object named by `module:attribute`."""
    module, _, attribute = path.partition(":")
    return getattr(importlib.import_module(module), attribute)
