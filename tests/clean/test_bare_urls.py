"""Bare URLs leave the clean text of Markdown and text; their links stay. HTML keeps them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.clean import postprocess
from pipeline.clean.bare_urls import find_urls, replace_bare_urls, url_label
from pipeline.clean.document import CleanDoc, CleanLink


def test_url_shapes_and_labels() -> None:
    text = "See https://www.ex.org/a(b)), www.ex.net. Or ex.com/path; not ex.com alone."
    found = [text[s:e] for s, e in find_urls(text)]
    assert found == ["https://www.ex.org/a(b)", "www.ex.net", "ex.com/path"]
    assert [url_label(u) for u in found] == ["ex.org", "ex.net", "ex.com"]


def test_markdown_output_with_a_bare_url_and_a_url_anchor() -> None:
    text = "Deal at http://amzn.to/2A6 today. Source: https://src.org/x here."
    start = text.index("https://src.org/x")
    link = CleanLink(start, start + 17, "https://src.org/x", "https://src.org/x")
    doc = postprocess(CleanDoc(text, "markdown", links=[link]))
    assert doc.text == "Deal at amzn.to today. Source: src.org here."
    assert [(ln.anchor, ln.raw_url) for ln in doc.links] == [
        ("amzn.to", "http://amzn.to/2A6"),
        ("src.org", "https://src.org/x"),
    ]


def test_html_keeps_urls_printed_in_the_articles_own_words() -> None:
    text = "Deal at http://amzn.to/2A6 today. Source: https://src.org/x here."
    start = text.index("https://src.org/x")
    link = CleanLink(start, start + 17, "https://src.org/x", "https://src.org/x")
    doc = postprocess(CleanDoc(text, "html", links=[link]))
    assert doc.text == text
    assert doc.links == [link]


WORDS = st.sampled_from(["a", "bc", "http://x.org/p", "www.y.com", "z.net/q", ".", " ", "\n\n"])


@given(st.lists(WORDS, max_size=20), st.data())
def test_no_url_survives_and_spans_hold(pieces: list[str], data: st.DataObject) -> None:
    text = " ".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    links = [CleanLink(start, end, text[start:end], "u")] if text[start:end].strip() else []
    new_text, moved = replace_bare_urls(text, links)
    assert find_urls(new_text) == []
    for link in moved:
        assert new_text[link.start : link.end] == link.anchor
