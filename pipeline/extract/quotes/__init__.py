"""facts_quotes: direct and partial quotes with their speakers, as doc._.quotes.

Runs after facts_entities (doc._.entities gives canonical names; without it spaCy's PERSON
spans stand in). The speaker's role, when the text gives it, comes from `speaker_role`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract import extensions
from pipeline.extract.quotes.extract import QuoteExtractor, extract_quotes
from pipeline.extract.quotes.speaker import speaker_role

__all__ = ["QuotesComponent", "extract_quotes", "speaker_role"]


class QuotesComponent:
    """The pipeline component: sets doc._.quotes."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = QuoteExtractor(doc).run()
        return doc


@Language.factory("facts_quotes")
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    extensions.register()
    return QuotesComponent()
