"""How central each entity is to the story, in [0, 1].

Runs last, after quotes: being quoted is a strong sign that a person matters. The score
mixes frequency (relative to the most-mentioned entity), position (in the headline, in the
first paragraph, how early) and role (how many quotes the entity speaks), with weights that
sum to 1, so the top entity is at most 1.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.extract._lazy import lazy_names
from pipeline.validate.models import Entity, Quote

if TYPE_CHECKING:
    pass

LEAD_WORDS = 25


@dataclass(frozen=True)
class Weights:
    """The score's weights (they sum to 1) and how many words make a lead paragraph: the
    facts_salience component's config (`w_frequency`, ..., `lead_words`)."""

    frequency: float = 0.45
    title: float = 0.12
    lead: float = 0.13
    early: float = 0.10
    speaker: float = 0.20
    lead_words: int = LEAD_WORDS


DEFAULT_WEIGHTS = Weights()


def score(
    text: str,
    title: str | None,
    entities: Sequence[Entity],
    quotes: Sequence[Quote] = (),
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[Entity]:
    """The entities with `salience` recomputed; order and everything else unchanged."""
    if not entities:
        return []
    spoken = Counter(
        q.speaker.entity_id for q in quotes if q.speaker is not None and q.speaker.entity_id
    )
    most_mentions = max(len(e.mentions) for e in entities)
    most_quotes = max(spoken.values(), default=0)
    lead_end = _lead_end(text, weights.lead_words)
    out = []
    for e in entities:
        freq = math.log1p(len(e.mentions)) / math.log1p(most_mentions) if most_mentions else 0.0
        first = min((m.start for m in e.mentions), default=None)
        early = 1.0 - first / max(len(text), 1) if first is not None else 0.0
        lead = 1.0 if first is not None and first < lead_end else 0.0
        in_title = 1.0 if title and _named_in(e, title) else 0.0
        speaker = spoken[e.id] / most_quotes if most_quotes else 0.0
        value = (
            weights.frequency * freq
            + weights.title * in_title
            + weights.lead * lead
            + weights.early * early
            + weights.speaker * speaker
        )
        out.append(e.model_copy(update={"salience": round(min(max(value, 0.0), 1.0), 4)}))
    return out


def _lead_end(text: str, lead_words: int = LEAD_WORDS) -> int:
    """End of the first paragraph with some substance (a one-line headline is not enough)."""
    pos = 0
    while True:
        cut = text.find("\n\n", pos)
        if cut == -1:
            return len(text)
        if len(text[:cut].split()) >= lead_words:
            return cut
        pos = cut + 2


def _named_in(entity: Entity, title: str) -> bool:
    forms = {entity.name, *(m.text for m in entity.mentions)}
    if entity.label == "PERSON" and len(entity.name.split()) > 1:
        forms.add(entity.name.split()[-1])
    norm = title.replace("’", "'")
    wanted = {f.replace("’", "'") for f in forms}
    # The substring test first: most forms are not in the title, and a pattern compiled per
    # form and title costs far more than the search.
    return any(f in norm and re.search(r"(?<!\w)" + re.escape(f) + r"(?!\w)", norm) for f in wanted)


# The component moved to pipeline.extract.components; an install whose entry points still name
# this module (until `pip install -e .` again) finds it here.
__getattr__ = lazy_names(
    __name__,
    {
        "SalienceScorer": "pipeline.extract.components",
        "make_salience": "pipeline.extract.components",
    },
)
