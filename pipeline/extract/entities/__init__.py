"""facts_entities: one entity per real-world thing, with one label.

Reads the model's spans (`doc.ents`) and `doc._.clean`; sets `doc._.entities`. The steps are in
`extract` (`extract_entities`); the component is declared in pipeline.extract.components.
"""

from __future__ import annotations

from pipeline.extract._lazy import lazy_names

__getattr__ = lazy_names(
    __name__,
    {
        "extract_entities": "pipeline.extract.entities.extract",
        "model_parser": "pipeline.extract.entities.extract",
        "EntityExtractor": "pipeline.extract.components",
        "make_entities": "pipeline.extract.components",
    },
)
