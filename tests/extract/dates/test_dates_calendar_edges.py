"""A publication date at the calendar's edge (year 1, year 9999) never fails the article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from pipeline.validate.timex import granularity_of

Run = Callable[..., Doc]
TEXT = (
    "Yesterday the council met. Last year it voted, and next year it will vote again. "
    "Tomorrow is Friday. Two years ago, last week and next month it met, and next decade "
    "it will, this century."
)


@pytest.mark.parametrize(
    "published", [dt.date(1, 1, 1), dt.date(1, 12, 31), dt.date(9999, 1, 1), dt.date(9999, 12, 31)]
)
def test_deictic_dates_at_calendar_edges(run_nlp: Run, published: dt.date) -> None:
    facts = run_nlp(TEXT, published)._.dates
    by_text = {f.text.lower(): f.value for f in facts}
    assert {"yesterday", "last year", "next year", "tomorrow"} <= set(by_text)
    for value in by_text.values():  # unresolved (None) rather than out of the calendar
        assert value is None or value.startswith("P") or granularity_of(value) is not None
        assert value is None or not value.startswith(("-", "0000", "10000"))
    if published.year == 1:
        assert by_text["last year"] is None and by_text["next year"] == "0002"
    else:
        assert by_text["next year"] is None and by_text["last year"] == "9998"
