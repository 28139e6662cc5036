"""Quotation-mark pairing: a pure function over text (no model)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.quotes.marks import pair_quotes, paragraphs


def contents(text: str, depth: int | None = 0) -> list[str]:
    return [text[q.start : q.end] for q in pair_quotes(text) if depth is None or q.depth == depth]


def test_curly_straight_guillemets_and_doubled_apostrophes() -> None:
    assert contents("He said, \u201cWe won.\u201d") == ["We won."]
    assert contents('He said, "We won." Then left.') == ["We won."]
    assert contents("Il a dit \u00abnous avons gagn\u00e9\u00bb hier.") == ["nous avons gagn\u00e9"]
    assert contents("''It's anti-reform,'' said Mr. Smith.") == ["It's anti-reform,"]
    assert contents("She called it \u2018a mess\u2019 on Monday.") == ["a mess"]


def test_apostrophes_and_possessives_never_pair() -> None:
    text = (
        "The Plumbers\u2019 meeting didn\u2019t start in the \u201990s; rock \u2019n\u2019 roll "
        "did. Jones' car isn't 'n' it's O'Brien's."
    )
    assert pair_quotes(text) == []


def test_single_quote_with_possessive_inside_double() -> None:
    text = "\u201cThe Plumbers\u2019 view was \u2018wait and see\u2019 then,\u201d she said."
    outer = [q for q in pair_quotes(text) if q.depth == 0]
    assert [text[q.start : q.end] for q in outer] == [
        "The Plumbers\u2019 view was \u2018wait and see\u2019 then,"
    ]
    assert contents(text, depth=1) == ["wait and see"]


def test_nested_same_style_quote_is_nested() -> None:
    text = "he\u2019s \u201cin no way \u201cpushing\u201d for Rust, but open to it.\u201d"
    assert contents(text) == ["in no way \u201cpushing\u201d for Rust, but open to it."]
    assert contents(text, depth=1) == ["pushing"]


def test_continuing_paragraph_convention() -> None:
    text = "\u201cFirst part of the speech.\n\n\u201cSecond part,\u201d she said."
    quotes = [q for q in pair_quotes(text) if q.depth == 0]
    assert [text[q.start : q.end] for q in quotes] == [
        "First part of the speech.",
        "Second part,",
    ]
    assert not quotes[0].closed
    assert quotes[1].continues


def test_missing_opening_mark_recovered_after_a_dash() -> None:
    text = "He told me he was unsure \u2014 I\u2019m interested, but I want to see it work.\u201d"
    (q,) = pair_quotes(text)
    assert text[q.start : q.end] == "I\u2019m interested, but I want to see it work."
    assert not q.opened


def test_quote_never_spans_a_paragraph_break() -> None:
    text = 'A "stray mark here.\n\nAnother paragraph with "a quote" in it.'
    for q in pair_quotes(text):
        assert "\n\n" not in text[q.start : q.end]


def test_soft_wrapped_lines_are_one_paragraph() -> None:
    text = "Subscribe to our\nchannel today.\nNext line."
    assert paragraphs(text) == [(0, 31), (32, 42)]


_ALPHABET = st.sampled_from(
    [*"ab sT.,\n", "\u201c", "\u201d", "\u2018", "\u2019", '"', "'", "\u00ab", "\u00bb", "`"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_pairing_never_crashes_and_spans_stay_inside(text: str) -> None:
    for q in pair_quotes(text):
        assert 0 <= q.outer_start <= q.start <= q.end <= q.outer_end <= len(text)
        assert q.start < q.end
        assert q.depth >= 0


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["don\u2019t", "Plumbers\u2019", "\u201990s", "it's", "word", "x"]))
)
def test_apostrophe_words_never_produce_quotes(words: list[str]) -> None:
    assert pair_quotes(" ".join(words)) == []


def test_wire_style_doubled_single_marks_and_backticks() -> None:
    """AP wire copy writes ‘‘…’’ and ``…'' for double quotes: one quote, not two nested."""
    assert contents("He said, \u2018\u2018This is it,\u2019\u2019 and left.", None) == [
        "This is it,"
    ]
    assert contents("He said, ``This is it,'' and left.", None) == ["This is it,"]
    assert contents("the \u2018\u2018Bad\u2019\u2019 song", None) == ["Bad"]


def test_a_continuing_paragraph_keeps_every_sentence() -> None:
    text = (
        "She said: \u201cThe first part runs on.\n\n"
        "\u201cThe second part has two sentences. This is the other one.\u201d she added."
    )
    quotes = pair_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == [
        "The first part runs on.",
        "The second part has two sentences. This is the other one.",
    ]
    assert [q.continues for q in quotes] == [False, True]


def test_two_quotes_never_swallow_the_words_between_them() -> None:
    text = '"One," he said, "two." Then "three" came. \u201cFour,\u201d she said, \u201cfive.\u201d'
    assert contents(text) == ["One,", "two.", "three", "Four,", "five."]
