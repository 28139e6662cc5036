from __future__ import annotations

import pytest

from pipeline.validate.models import DateFact
from pipeline.validate.timex import granularity_of, is_timex_value


@pytest.mark.parametrize(
    ("value", "granularity"),
    [
        ("2021-09-20", "day"),
        ("2021-09-20T14:30", "time"),
        ("2021-09-20TMO", "time"),
        ("2021-09", "month"),
        ("XXXX-03", "month"),
        ("2021-W12", "week"),
        ("2021-Q1", "quarter"),
        ("2021-SU", "season"),
        ("2021-H2", "half"),
        ("2021", "year"),
        ("199X", "decade"),
        ("199", "decade"),
        ("19", "century"),
        ("P5Y", None),
        ("PRESENT_REF", None),
        (None, None),
    ],
)
def test_granularity_follows_the_value(value: str | None, granularity: str | None) -> None:
    assert granularity_of(value) == granularity


def test_granularity_is_always_derived_never_trusted() -> None:
    fact = {"id": "d", "start": 0, "end": 4, "text": "2021", "type": "DATE", "value": "2021"}
    assert DateFact.model_validate({**fact, "granularity": "day"}).granularity == "year"
    assert DateFact.model_validate({**fact, "type": "DURATION", "value": "P4Y"}).granularity is None


@pytest.mark.parametrize(
    "value",
    [
        "2021-09-20",
        "2021-09-20T14:30",
        "2021-09-20TNI",
        "XXXX-XX-XXT12:45",
        "2021-W38",
        "2021-W38-WE",
        "2021-Q3",
        "1989-QX",
        "2021-H1",
        "2021-FA",
        "199",
        "19",
        "BC0044",
        "P5Y",
        "P2Y6M",
        "PT1M30S",
        "PXY",
        "P1DE",
        "P2.5Y",
        "PRESENT_REF",
        "PAST_REF",
        "FUTURE_REF",
    ],
)
def test_timex3_values_match_the_pattern(value: str) -> None:
    assert is_timex_value(value)


@pytest.mark.parametrize(
    "value", ["", "next Tuesday", "2021/09/20", "P5", "2021-9-20", "PRESENT", "T25:00:00junk"]
)
def test_other_strings_are_not_timex3_values(value: str) -> None:
    assert not is_timex_value(value)
