"""Entity recall and short-form merging through indexes give what the scans gave."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.entities.mentions import RawMention
from pipeline.extract.entities.merge import (
    Cluster,
    _abbreviates,
    _glued,
    _name_words,
    _ShortForms,
    absorb_inner_mentions,
    is_proper,
)
from pipeline.extract.entities.recall import (
    Taken,
    _gazetteer_matches,
    _gazetteer_pattern,
    _WordIndex,
    name_pattern,
)

NAMES = ["Ann", "Ann Lee", "Lee", "O'Brien", "Van Damme", "Jean-Claude Van Damme", "Mr. Lee"]
PIECES = [*NAMES, " ", "  ", "\n", "-", "’", "'", ",", ".", "annual", "Ann-Lee", "ann", "ee"]
# Either apostrophe, and spaces other than " " (a tab, a no-break space) between words.
SPELLINGS = ["O’Brien", "O’", "O", "Brien", "Ann\tLee", "Van\u00a0Damme", "Mr.\n Lee", "Mr.  Lee"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + SPELLINGS), max_size=60), st.sampled_from(NAMES))
def test_word_index_finds_what_finditer_finds(pieces: list[str], name: str) -> None:
    text = "".join(pieces)
    expected = [m.span() for m in name_pattern(name).finditer(text)]
    assert list(_WordIndex(text).matches(name)) == expected


def test_word_index_reads_either_apostrophe_and_any_space_but_a_line_break() -> None:
    text = "O’Brien met O'Brien, Ann\u00a0Lee, Ann\t Lee and Ann\nLee; O’Briens"
    for name in ("O'Brien", "O’Brien", "Ann Lee"):
        expected = [m.span() for m in name_pattern(name).finditer(text)]
        assert list(_WordIndex(text).matches(name)) == expected
    assert [text[s:e] for s, e in _WordIndex(text).matches("O'Brien")] == ["O’Brien", "O'Brien"]
    assert [text[s:e] for s, e in _WordIndex(text).matches("Ann Lee")] == [
        "Ann\u00a0Lee",
        "Ann\t Lee",
    ]


# Places and nationality words glued every way the pattern's boundaries care about.
PLACE_PIECES = [
    *("Paris", "PARIS", "New York", "NEW YORK", "York", "Iraqi", "Iraqis", "Kurds", "UK", "US"),
    *(" ", "\n", "-", "’", "'", "'s", "’ve", ".", ",", "a", "St.", "Louis", "born", "_", "é"),
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PLACE_PIECES), max_size=50))
def test_gazetteer_index_finds_what_the_scan_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = [(m.span(), m.group()) for m in _gazetteer_pattern().finditer(text)]
    assert [(m.span(), m.group()) for m in _gazetteer_matches(_WordIndex(text))] == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 8)), max_size=30))
def test_taken_spans_answer_overlaps_like_a_scan(spans: list[tuple[int, int]]) -> None:
    taken = Taken([])
    seen: list[tuple[int, int]] = []
    for s, n in spans:
        for q in range(0, 60, 3):
            want = any(a < q + 4 and q < b for a, b in seen)
            assert taken.overlaps(q, q + 4) == want
        taken.add(s, s + n)
        seen.append((s, s + n))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_free_words_are_the_runs_with_no_hyphen_beside_them(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = {
        m.group()
        for m in re.finditer(r"\w+", text)
        if text[m.start() - 1 : m.start()] != "-" and text[m.end() : m.end() + 1] != "-"
    }
    assert _WordIndex(text).free == expected


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


def _absorb_by_scan(text: str, clusters: list[Cluster]) -> list[Cluster]:
    """The rule as first written: every name of every cluster tried for every mention."""
    names: dict[str, Cluster] = {}
    for c in clusters:
        for m in c.mentions:
            if len(m.words) >= 2 and is_proper(m.text):
                names.setdefault(m.text, c)
    for c in clusters:
        for m in list(c.mentions):
            for name, owner in names.items():
                if owner is c or len(name) <= len(m.text) or m.text not in name:
                    continue
                at = text.find(name, max(0, m.end - len(name)), m.start + len(name))
                if at == -1 or _glued(text, at, at + len(name)):
                    continue
                c.mentions.remove(m)
                m.start, m.end, m.text = at, at + len(name), name
                owner.mentions.append(m)
                break
    return [c for c in clusters if c.mentions or c.author is not None]


WORDS = ["Real Madrid", "Madrid", "Real", "Madrid Open", "Real Madrid Club", "x", " ", ", "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25))
def test_absorb_inner_mentions_gives_what_the_scan_gave(pieces: list[str]) -> None:
    text = "".join(pieces)
    spans, at = [], 0
    for piece in pieces:
        if piece.strip() and piece != "x":
            spans.append((at, at + len(piece)))
        at += len(piece)

    def clusters() -> list[Cluster]:
        groups: dict[str, Cluster] = {}
        for s, e in spans:
            groups.setdefault(text[s:e], Cluster()).mentions.append(
                RawMention(s, e, text[s:e], "ORG")
            )
        return list(groups.values())

    def spans_of(found: list[Cluster]) -> list[list[tuple[int, int, str]]]:
        return [[(m.start, m.end, m.text) for m in c.mentions] for c in found]

    assert spans_of(absorb_inner_mentions(text, clusters())) == spans_of(
        _absorb_by_scan(text, clusters())
    )
