"""What this folder's table tests read: each date found in a text, by its text, with its value.

A module, not a conftest.py (a folder conftest would shadow the top-level `conftest` that tests
import by name). Every call also checks the offsets invariant: `text[start:end]` is the span.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from spacy.tokens import Doc

Run = Callable[..., Doc]


def values(run_nlp: Run, text: str, published: str | dt.date | None) -> dict[str, str | None]:
    """{expression: TIMEX3 value} of the dates in `text` published on `published` (ISO)."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    doc = run_nlp(text, published)
    for f in doc._.dates:
        assert text[f.start : f.end] == f.text
    return {f.text: f.value for f in doc._.dates}


def value_of(run_nlp: Run, published: str | None, text: str, expr: str) -> str | None:
    """The value of `expr` in `text`; fails when it is not found as a date."""
    got = values(run_nlp, text, published)
    assert expr in got, f"{expr!r} not found in {got}"
    return got[expr]
