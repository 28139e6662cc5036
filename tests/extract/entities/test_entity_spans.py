"""Clean spans: no title, role, trailing function word, date or bare function noun."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.entities.capitals import capital_lines, recase
from pipeline.extract.entities.mentions import is_name_text
from pipeline.validate.entity_key import entity_key


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("July 25", False),
        ("Monday", False),
        ("Office", False),
        ("State", False),
        ("N / A", False),
        ("April", True),  # a month alone may be a name
        ("State Department", True),
        ("Senate", True),
        ("U.S.", True),
    ],
)
def test_what_is_never_a_name(text: str, ok: bool) -> None:
    assert is_name_text(text) is ok


def test_capital_lines_are_recased_in_place() -> None:
    text = "SHEARER NAMED AS ENGLAND CAPTAIN .\nLONDON 1996-08-30\nThe world's costliest."
    lines = capital_lines(text)
    assert [text[s:e] for s, e in lines] == [
        "SHEARER NAMED AS ENGLAND CAPTAIN .",
        "LONDON 1996-08-30",
    ]
    line = text[lines[0][0] : lines[0][1]]
    assert recase(line) == "Shearer Named AS England Captain ."
    assert len(recase(line)) == len(line)
    assert recase("NFL WINS IN UK") == "NFL Wins IN UK"  # short words may be acronyms: kept


# Letters of every case, and lower-case signs that are no letters ("ⅰ", a roman numeral).
LINE_PIECES = ["ABC", "DÉJÀ", "é", "x", "Q", "ª", "ⅰ", "Ⅰ", "1996", " ", "-", ".", "\n", "ǅ", "ß"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=30))
def test_capital_lines_are_lines_whose_letters_have_no_lower_case(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected, start = [], 0
    for line in text.split("\n"):
        letters = [c for c in line if c.isalpha()]
        if len(letters) >= 3 and not any(c.islower() for c in letters):
            expected.append((start, start + len(line)))
        start += len(line) + 1
    assert capital_lines(text) == expected


def test_entity_key_is_per_coarse_type() -> None:
    assert entity_key("Bureau of Prisons", "ORG") == "org:bureau-of-prisons"
