"""What this folder's sentence tests read: the quotes of a text, with the output invariants
checked on every call, and a quote's speaker name.

A module, not a conftest.py (a folder conftest would shadow the top-level `conftest` that tests
import by name).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from pipeline.validate.models import Quote

RunNlp = Callable[..., Doc]


def quotes_of(run_nlp: RunNlp, text: str) -> list[Quote]:
    """Every quote of `text`, after checking what holds for every output: offsets, no quote
    mark at either end, speaker spans inside the text, source order, distinct ids."""
    doc = run_nlp(text)
    quotes: list[Quote] = doc._.quotes
    for q in quotes:
        assert doc.text[q.start : q.end] == q.text
        assert q.text and q.text[0] not in "\u201c\u201d\"'" and q.text[-1] not in '\u201c\u201d"'
        if q.speaker is not None and q.speaker.start is not None and q.speaker.end is not None:
            assert 0 <= q.speaker.start < q.speaker.end <= len(doc.text)
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert len({q.id for q in quotes}) == len(quotes)
    return quotes


def direct_quotes(run_nlp: RunNlp, text: str) -> list[Quote]:
    """The quotes of `text` in quotation marks (direct and partial), not reported speech."""
    return [q for q in quotes_of(run_nlp, text) if q.kind != "indirect"]


def speaker_name(q: Quote) -> str | None:
    return q.speaker.name if q.speaker else None
