"""Doc extensions shared by the extract components.

Inputs, set by the runner before the pipeline runs:
  doc._.clean           the CleanDoc the text came from (metadata, links, removed blocks)
  doc._.reference_date  datetime.date the story is anchored to (published or --published), or None
Outputs, each set by one component:
  doc._.entities  list[Entity]    (facts_entities)
  doc._.dates     list[DateFact]  (facts_dates)
  doc._.quotes    list[Quote]     (facts_quotes)
  doc._.links     list[Link]      (facts_links)
"""

from __future__ import annotations

from spacy.tokens import Doc

_NAMES = ("clean", "reference_date", "entities", "dates", "quotes", "links")


def register() -> None:
    for name in _NAMES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()
