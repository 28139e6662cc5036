"""Acronym pairs found from text alone: capitalised words whose initials spell the acronym."""

from __future__ import annotations

from pipeline.extract.entities.acronyms import find_pairs, initials, is_acronym


def _pairs(text: str) -> list[tuple[str, str]]:
    return [
        (text[p.long_start : p.long_end], text[p.short_start : p.short_end])
        for p in find_pairs(text)
    ]


def test_expansion_before_parentheses() -> None:
    text = "Backed by the Internet Security Research Group (ISRG) and Amazon Web Services (AWS)."
    assert _pairs(text) == [
        ("Internet Security Research Group", "ISRG"),
        ("Amazon Web Services", "AWS"),
    ]


def test_connectors_and_hyphenated_words() -> None:
    assert _pairs("the Department of Homeland Security (DHS) said") == [
        ("Department of Homeland Security", "DHS")
    ]
    assert _pairs("actor Jean-Claude Van Damme (JCVD) said") == [("Jean-Claude Van Damme", "JCVD")]


def test_common_nouns_and_mismatches_are_not_pairs() -> None:
    assert _pairs("safer application programming interfaces (API).") == []
    assert _pairs("the Federal Reserve (ECB) said") == []
    assert _pairs("the World Health Organization(WHO)") == []  # no space: not the pattern


def test_helpers() -> None:
    assert initials("Bank of America".split()) == "BA"
    assert is_acronym("NTSB") and is_acronym("PhD") and not is_acronym("Paris")
