"""Marking facts in the text: any set of spans gives well-formed HTML holding the exact text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from pipeline.view.spans import Mark, highlight

KINDS = ("quote", "link", "entity", "date")


def marks_of(text: str, spans: list[tuple[int, int, str]]) -> list[Mark]:
    return [Mark(s, e, k, f"t{i}", f"p{i}", f"{k} <{i}>") for i, (s, e, k) in enumerate(spans)]


def render(text: str, marks: list[Mark]) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(f"<div>{highlight(text, marks)}</div>")


def crosses(a: Mark, b: Mark) -> bool:
    return a.start < b.start < a.end < b.end or b.start < a.start < b.end < a.end


@st.composite
def texts_and_spans(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(alphabet="ab <>&\"'\n“”", min_size=1, max_size=40))
    n = len(text)
    spans = draw(
        st.lists(
            st.tuples(st.integers(0, n), st.integers(0, n), st.sampled_from(KINDS)), max_size=8
        )
    )
    return text, marks_of(text, [(min(s, e), max(s, e), k) for s, e, k in spans])


@given(texts_and_spans())
def test_any_spans_render_exactly(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    root = render(text, marks)
    assert root.text_content() == text
    for mark in marks:
        first = root.xpath(f'//mark[@id="{mark.anchor}"]')
        assert len(first) == 1
        pieces = root.xpath(f'//mark[@data-fact="{mark.anchor}"]')
        assert pieces[0] is first[0]
        assert "".join(p.text_content() for p in pieces) == text[mark.start : mark.end]
        assert pieces[0].get("title") == mark.title
        if not any(crosses(mark, other) for other in marks):
            assert len(pieces) == 1, "a span that crosses nothing is never split"


def test_nesting_follows_containment() -> None:
    text = "“Go on Friday,” she said."
    marks = marks_of(text, [(0, 15, "quote"), (7, 13, "date"), (4, 15, "entity")])
    root = render(text, marks)
    (date,) = root.xpath('//mark[@id="t1"]')
    assert [m.get("id") for m in date.iterancestors("mark")] == ["t2", "t0"]


def test_identical_spans_nest_quote_outside() -> None:
    text = "Read Hannah Lee today."
    marks = marks_of(text, [(5, 15, "entity"), (5, 15, "link")])
    root = render(text, marks)
    (entity,) = root.xpath('//mark[@id="t0"]')
    assert entity.getparent().get("id") == "t1"


def test_crossing_span_is_split_once() -> None:
    text = "abcdefghij"
    marks = marks_of(text, [(0, 5, "quote"), (3, 8, "entity")])
    root = render(text, marks)
    pieces = root.xpath('//mark[@data-fact="t1"]')
    assert [p.text_content() for p in pieces] == ["de", "fgh"]
    assert pieces[0].getparent().get("id") == "t0" and pieces[1].getparent().tag == "div"


def test_text_is_escaped() -> None:
    text = "<script>alert(1)</script> & <b>"
    root = render(text, marks_of(text, [(0, 8, "quote")]))
    assert not root.xpath("//script | //b") and root.text_content() == text
