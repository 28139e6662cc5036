"""facts_quotes: direct and partial quotes with their speakers, as doc._.quotes.

Runs after facts_entities (doc._.entities gives canonical names; without it spaCy's PERSON
spans stand in). The speaker's role, when the text gives it, comes from `speaker_role`. The
rules are in `extract` (`extract_quotes`); the component is declared in
pipeline.extract.components.
"""

from __future__ import annotations

from pipeline.extract._lazy import lazy_names

__getattr__ = lazy_names(
    __name__,
    {
        "extract_quotes": "pipeline.extract.quotes.extract",
        "speaker_role": "pipeline.extract.quotes.speaker",
        "QuotesComponent": "pipeline.extract.components",
        "make_quotes": "pipeline.extract.components",
    },
)
