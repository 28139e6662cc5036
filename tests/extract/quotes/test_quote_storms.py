"""Quote pairing and attribution on text full of quote marks: same rules, indexed."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from pipeline.extract.quotes.marks import QuoteMarks, _settle_depths, pair_quotes

Run = Callable[..., Doc]
PIECES = ['"', "“", "”", "'", "‘", "’", " ", "said", "he", "x", ".", ",", "\n\n", "—", ": ", ". A"]


def _brute_depth(quotes: list[QuoteMarks], i: int) -> int:
    q = quotes[i]
    return sum(
        1 for o in quotes[:i] if o.outer_start <= q.outer_start and q.outer_end <= o.outer_end
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=40))
def test_depth_counts_the_quotes_containing_each(spans: list[tuple[int, int]]) -> None:
    found = [QuoteMarks(s, s + 1, s + n, s + n + 1, "double", 0) for s, n in spans]
    settled = _settle_depths(list(found))
    order = sorted(found, key=lambda q: (q.outer_start, -q.outer_end))
    assert [q.depth for q in settled] == [_brute_depth(order, i) for i in range(len(order))]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=200))
def test_pairs_are_well_formed_on_mark_storms(pieces: list[str]) -> None:
    text = "".join(pieces)
    quotes = pair_quotes(text)
    for q in quotes:
        assert 0 <= q.outer_start <= q.start < q.end <= q.outer_end <= len(text)
    assert [(q.start, -q.end) for q in quotes] == sorted((q.start, -q.end) for q in quotes)


def test_many_openers_nest_and_close(run_nlp: Run) -> None:
    """Thousands of openers in one paragraph: each left open runs to the paragraph's end,
    nested in the one before (a stack per family, not a rescan of it per mark)."""
    text = "“a " * 3000
    quotes = pair_quotes(text)
    assert len(quotes) == 3000
    assert sorted(q.depth for q in quotes) == list(range(3000))


def test_attribution_on_a_quote_storm_keeps_offsets(run_nlp: Run) -> None:
    text = ("“Yes,” said Ann Lee. " + '“x” ‘y’ "z" ' * 200 + "“No,” Bob Smith said.\n\n") * 3
    doc = run_nlp(text)
    for quote in doc._.quotes:
        assert text[quote.start : quote.end] == quote.text
    speakers = {q.speaker.name for q in doc._.quotes if q.speaker is not None}
    assert {"Ann Lee", "Bob Smith"} <= speakers


def test_paragraphs_across_whitespace_runs() -> None:
    from pipeline.extract.quotes.marks import paragraphs

    text = "One." + " " * 5000 + "\n\n" + "Two." + " \t" * 3000 + "\nThree."
    assert [text[s:e].strip() for s, e in paragraphs(text)] == ["One.", "Two.", "Three."]
