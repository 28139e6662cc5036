"""Entity recall and short-form merging through indexes give what the scans gave."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.entities.mentions import RawMention
from pipeline.extract.entities.merge import Cluster, _abbreviates, _name_words, _ShortForms
from pipeline.extract.entities.recall import _Taken, _WordIndex, name_pattern

NAMES = ["Ann", "Ann Lee", "Lee", "O'Brien", "Van Damme", "Jean-Claude Van Damme", "Mr. Lee"]
PIECES = [*NAMES, " ", "  ", "\n", "-", "’", "'", ",", ".", "annual", "Ann-Lee", "ann", "ee"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.sampled_from(NAMES))
def test_word_index_finds_what_finditer_finds(pieces: list[str], name: str) -> None:
    text = "".join(pieces)
    expected = [m.span() for m in name_pattern(name).finditer(text)]
    assert [m.span() for m in _WordIndex(text).matches(name)] == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 8)), max_size=30))
def test_taken_spans_answer_overlaps_like_a_scan(spans: list[tuple[int, int]]) -> None:
    taken = _Taken([])
    seen: list[tuple[int, int]] = []
    for s, n in spans:
        for q in range(0, 60, 3):
            want = any(a < q + 4 and q < b for a, b in seen)
            assert taken.overlaps(q, q + 4) == want
        taken.add(s, s + n)
        seen.append((s, s + n))


def test_free_words_are_those_without_a_hyphen() -> None:
    index = _WordIndex("the well-known ann said ann-marie and ann.")
    assert {"the", "ann", "said", "and"} <= index.free
    assert "well" not in index.free and "marie" not in index.free
    assert re.search(r"(?<![\w-])known(?![\w-])", "well-known") is None


def _cluster(name: str) -> Cluster:
    return Cluster(mentions=[RawMention(0, len(name), name, "PERSON")])


def test_short_form_index_matches_the_pairwise_rule() -> None:
    full = [_cluster(n) for n in ["Jean-Claude Van Damme", "Ann Lee", "Bob Lee", "Ann Moe Lee"]]
    index = _ShortForms(full)
    for short in ["Lee", "Van Damme", "Ann", "Damme", "Moe Lee", "Bob", "Zed"]:
        words = _name_words(short)
        for given_ok in (True, False):
            expected = [c for c in full if _abbreviates(words, c.name(), given_ok)]
            assert index.abbreviated(words, given_ok) == expected


def test_author_names_split_without_whitespace_backtracking() -> None:
    from pipeline.extract.entities.build import author_names

    assert author_names("By Jane Roe and John Doe, Ann Lee; Bob Moe & Sam Poe") == [
        "Jane Roe",
        "John Doe",
        "Ann Lee",
        "Bob Moe",
        "Sam Poe",
    ]
    assert author_names("Jane" + " " * 20_000 + "Roe ,  and ") == ["Jane" + " " * 20_000 + "Roe"]
