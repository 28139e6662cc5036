"""The dates of the shared Rust-in-Linux sample, cleaned by the real clean stage."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import shared_sample
from spacy.tokens import Doc

from pipeline.clean import clean_source
from pipeline.validate.models import DateFact


@pytest.fixture(scope="module")
def facts(run_nlp: Callable[..., Doc]) -> tuple[str, list[DateFact]]:
    path = shared_sample("rust-in-linux-kernel.md")
    clean = clean_source(path.read_bytes(), "markdown")
    doc = run_nlp(clean.text, None, clean)  # the sample has no publication date
    return clean.text, doc._.dates


def test_offsets_point_into_the_clean_text(facts: tuple[str, list[DateFact]]) -> None:
    text, dates = facts
    assert dates
    for f in dates:
        assert text[f.start : f.end] == f.text


def test_expected_dates(facts: tuple[str, list[DateFact]]) -> None:
    _, dates = facts
    got = {f.text: f for f in dates}
    assert got["Sept. 20, 2021"].value == "2021-09-20"
    assert got["April 2025"].value == "2025-04"
    early = got["early 2021"]
    assert early.value == "2021" and early.mod in {"START", "EARLY"}
    assert got["That March"].value == "2021-03"
    assert got["five years"].type == "DURATION" and got["five years"].value == "P5Y"
    assert got["2024"].value == "2024"  # "Linux Plumbers 2024"


def test_counts_and_rates_are_not_dates(facts: tuple[str, list[DateFact]]) -> None:
    _, dates = facts
    texts = " | ".join(f.text for f in dates)
    for number in ("34 million", "25 thousand", "300bps"):
        assert number not in texts


def test_no_deictic_value_without_a_publication_date(facts: tuple[str, list[DateFact]]) -> None:
    _, dates = facts
    for f in dates:
        if f.value and f.value[:1].isdigit():
            assert int(f.value[:4]) <= 2025  # every calendar value comes from the story
