"""The offset map that carries link spans through every rewrite of the clean text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.clean.document import CleanLink
from pipeline.clean.spans import Edit, apply_edits, remap_links, rewrite, trim_span


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = draw(st.text(alphabet="ab \n", max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10)))
    edits: list[Edit] = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if edits and a < edits[-1][1]:
            continue
        edits.append((a, b, draw(st.text(alphabet="xy", max_size=3))))
    return text, edits


def _inside(pos: int, edits: list[Edit]) -> bool:
    return any(a < pos < b for a, b, _ in edits)


@given(text_and_edits(), st.data())
def test_span_outside_edits_maps_to_the_edited_slice(
    case: tuple[str, list[Edit]], data: st.DataObject
) -> None:
    text, edits = case
    new_text, offsets = apply_edits(text, edits)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    if _inside(start, edits) or _inside(end, edits):
        return
    inner = [(a - start, b - start, r) for a, b, r in edits if start <= a and b <= end]
    # Zero-length edits exactly at a boundary belong to neither side; skip that corner.
    if any(a == b and a in (start, end) for a, b, _ in edits):
        return
    expected, _ = apply_edits(text[start:end], inner)
    assert new_text[offsets.start(start) : offsets.end(end)] == expected


@given(text_and_edits())
def test_mapping_is_monotonic_and_within_bounds(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    new_text, offsets = apply_edits(text, edits)
    starts = [offsets.start(p) for p in range(len(text) + 1)]
    ends = [offsets.end(p) for p in range(len(text) + 1)]
    assert starts == sorted(starts) and ends == sorted(ends)
    assert all(0 <= p <= len(new_text) for p in starts + ends)
    assert all(e <= s for s, e in zip(starts, ends, strict=True))


@given(text_and_edits(), st.data())
def test_remapped_links_always_satisfy_the_span_invariant(
    case: tuple[str, list[Edit]], data: st.DataObject
) -> None:
    text, edits = case
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    new_text, links = rewrite(text, [CleanLink(start, end, text[start:end], "u")], edits)
    for link in links:
        assert new_text[link.start : link.end] == link.anchor
        assert link.anchor and link.anchor == link.anchor.strip()


def test_deleted_span_is_dropped_and_shifted_span_follows() -> None:
    text = "TOKYO — At the summit"
    links = [CleanLink(0, 5, "TOKYO", "a"), CleanLink(15, 21, "summit", "b")]
    new_text, offsets = apply_edits(text, [(0, 8, "")])
    moved = remap_links(links, offsets, new_text)
    assert new_text == "At the summit"
    assert [(ln.start, ln.end, ln.anchor) for ln in moved] == [(7, 13, "summit")]


def test_trim_span() -> None:
    assert trim_span("  ab  ", 0, 6) == (2, 4)
    assert trim_span("    ", 0, 4) is None
