"""Doc extensions shared by the extract components.

Inputs, set by the runner before the pipeline runs:
  doc._.clean           the CleanDoc the text came from (metadata, links, removed blocks)
  doc._.reference_date  datetime.date the story is anchored to (published or --published), or None
Outputs, each set by one component: one per fact kind in pipeline.kinds.FACT_KINDS
  doc._.entities  list[Entity]    (facts_entities)
  doc._.dates     list[DateFact]  (facts_dates)
  doc._.quotes    list[Quote]     (facts_quotes)
  doc._.links     list[Link]      (facts_links)
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline import kinds

_INPUTS = ("clean", "reference_date")
_TEXT_KEY = "facts.text"


def text_of(doc: Doc) -> str:
    """`doc.text`, read once per Doc: spaCy rebuilds it from every token on each access (about
    as slow as a pass of a Python loop over the tokens), and each component needs it."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Record the text `doc` was tokenized from as its `text_of` (spaCy's tokenizer keeps the
    text exactly, so `doc.text` never has to be rebuilt)."""
    doc.user_data[_TEXT_KEY] = text


def register() -> None:
    for name in (*_INPUTS, *(kind.doc_extension for kind in kinds.FACT_KINDS)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()
