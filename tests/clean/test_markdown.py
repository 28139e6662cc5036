"""Markdown cleaning through markdown-it-py's tokens: text, link spans, images, structure."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean import clean_source
from pipeline.clean.document import CleanDoc
from pipeline.clean.markdown import parse_markdown


def clean_md(source: str) -> CleanDoc:
    return clean_source(source.encode("utf-8"), "markdown")


def spans_ok(doc: CleanDoc) -> bool:
    return all(doc.text[ln.start : ln.end] == ln.anchor for ln in doc.links)


def test_inline_reference_auto_links_and_emphasis() -> None:
    doc = clean_md(
        "Read **the [full report](https://ex.org/r?utm_source=x)** and *the* [notes][n].\n\n"
        "Mail <info@ex.org> or see <https://www.ex.org/a> and `code`.\n\n"
        '[n]: https://ex.org/notes "Notes"\n'
    )
    assert doc.text == (
        "Read the full report and the notes.\n\nMail info@ex.org or see ex.org and code."
    )
    assert spans_ok(doc)
    assert [(ln.anchor, ln.raw_url) for ln in doc.links] == [
        ("full report", "https://ex.org/r?utm_source=x"),
        ("notes", "https://ex.org/notes"),
        ("info@ex.org", "mailto:info@ex.org"),
        ("ex.org", "https://www.ex.org/a"),
    ]


def test_bare_url_becomes_a_link_anchored_on_its_host() -> None:
    doc = clean_md("The data is at https://www.example.org/data.csv, updated daily.")
    assert doc.text == "The data is at example.org, updated daily."
    assert [(ln.anchor, ln.raw_url) for ln in doc.links] == [
        ("example.org", "https://www.example.org/data.csv")
    ]


def test_link_whose_text_is_a_url_shows_the_host() -> None:
    doc = clean_md("See [https://example.com/x](https://example.com/x) for more.")
    assert doc.text == "See example.com for more."
    assert spans_ok(doc) and doc.links[0].anchor == "example.com"


def test_headings_lists_quotes_tables_each_their_own_paragraph() -> None:
    doc = clean_md(
        "# The Title\n\nIntro text here.\n\n## Section\n\n- first item\n- second *item*\n\n"
        "> quoted line\n> continues\n\n| Name | Age |\n|---|---|\n| Ann | 30 |\n"
    )
    assert doc.metadata.title == "The Title"
    assert doc.text.split("\n\n") == [
        "Intro text here.",
        "Section",
        "first item",
        "second item",
        "quoted line continues",
        "Name | Age",
        "Ann | 30",
    ]


def test_front_matter_title_wins_and_distinct_h1_stays() -> None:
    doc = clean_md("---\ntitle: Real title\n---\n# Another heading\n\nBody text.\n")
    assert doc.metadata.title == "Real title"
    assert doc.text == "Another heading\n\nBody text."


def test_escapes_entities_and_inline_html() -> None:
    doc = clean_md(
        'Price \\*not\\* 5 &amp; <span class="x">tagged</span> <a href="https://a.org/">anchor</a>.'
    )
    assert doc.text == "Price *not* 5 & tagged anchor."
    assert [(ln.anchor, ln.raw_url) for ln in doc.links] == [("anchor", "https://a.org/")]
    assert spans_ok(doc)


def test_html_block_is_stripped_to_text() -> None:
    doc = clean_md('<div class="note">\n<p>Inside <a href="https://n.org">html</a></p>\n</div>\n')
    assert doc.text == "Inside html"
    assert doc.links[0].anchor == "html" and spans_ok(doc)


def test_image_only_paragraph_and_linked_image_are_removed_as_image() -> None:
    doc = clean_md(
        "First paragraph of the story.\n\n![A crowd](https://img.org/a.jpg)\n\n"
        "[![](https://img.org/b.jpg)](https://ex.org/page)\n\nSecond paragraph, still the story."
    )
    assert doc.text == "First paragraph of the story.\n\nSecond paragraph, still the story."
    assert [(r.text, r.reason) for r in doc.removed] == [
        ("A crowd", "image"),
        ("https://img.org/b.jpg", "image"),
    ]
    assert doc.links == []


def test_link_spanning_paragraphs_is_rejoined_as_one_card() -> None:
    blocks = parse_markdown(
        "Body.\n\n[CARD TITLE\n\nSome teaser text.\n\nGO](https://ex.org/card)\n\nAfter."
    )
    assert [b.text for b in blocks] == ["Body.", "CARD TITLE", "Some teaser text.", "GO", "After."]
    card = blocks[1:4]
    assert len({b.group for b in card}) == 1 and card[0].group is not None
    assert all(b.links[0].raw_url == "https://ex.org/card" for b in card)
    assert blocks[0].group is None and blocks[4].group is None


def test_literal_brackets_that_are_not_links_stay() -> None:
    doc = clean_md("He said it was [sic] fine, [and] more.")
    assert doc.text == "He said it was [sic] fine, [and] more."


# --- property: the span invariant on generated Markdown ----------------------------------------

WORD = st.text(alphabet="abcdefgh", min_size=1, max_size=6)
URL = st.builds(lambda w: f"https://ex{w}.org/p?q={w}", WORD)


def _piece() -> st.SearchStrategy[str]:
    return st.one_of(
        WORD,
        st.builds(lambda a, u: f"[{a}]({u})", WORD, URL),
        st.builds(lambda a, b, u: f"[{a} **{b}**]({u})", WORD, WORD, URL),
        st.builds(lambda a: f"*{a}*", WORD),
        st.builds(lambda a: f"`{a}`", WORD),
        st.builds(lambda u: f"<{u}>", URL),
        URL,
        st.builds(lambda a, u: f"![{a}]({u})", WORD, URL),
        st.just("\\["),
        st.just("&amp;"),
        st.just("\u00a0"),
        st.just("\n"),
    )


PARAGRAPH = st.builds(
    lambda prefix, opener, pieces, closer: prefix + opener + " ".join(pieces) + closer,
    st.sampled_from(["", "## ", "- ", "> ", "1. "]),
    st.sampled_from(["", "", "["]),  # scraped links that wrap several paragraphs
    st.lists(_piece(), min_size=1, max_size=8),
    st.sampled_from(["", "", "](https://ex.org/card)"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(PARAGRAPH, min_size=1, max_size=5))
def test_generated_markdown_keeps_span_invariant(paragraphs: list[str]) -> None:
    source = "Opening words of the story.\n\n" + "\n\n".join(paragraphs)
    doc = clean_md(source)
    assert spans_ok(doc)
    assert "http" not in doc.text and "](" not in doc.text and "**" not in doc.text
    previous_end = 0
    for link in doc.links:
        assert link.anchor == link.anchor.strip() and link.anchor
        assert link.start >= previous_end
        previous_end = link.end


def test_closing_half_of_a_split_link_without_its_opening() -> None:
    doc = clean_md("Body text here.\n\nRead the rest](https://ex.org/rest)\n\nMore body.")
    assert "](" not in doc.text and "http" not in doc.text
    assert [(ln.anchor, ln.raw_url) for ln in doc.links] == [
        ("Read the rest", "https://ex.org/rest")
    ]


def test_nested_links_keep_the_outer_one() -> None:
    doc = clean_md("See [the <https://inner.org/x> page](https://outer.org/) now.")
    assert doc.text == "See the inner.org page now."
    assert [(ln.anchor, ln.raw_url) for ln in doc.links] == [
        ("the inner.org page", "https://outer.org/")
    ]


def test_unmatched_emphasis_delimiters_are_dropped_but_escapes_and_lone_stars_stay() -> None:
    doc = clean_md("“Back in print**,”** she said. Rated CCI\\*\\* and 5 * 3 ~~~ **bold**.")
    assert doc.text == "“Back in print,” she said. Rated CCI** and 5 * 3 bold."


def test_accidentally_indented_markdown_is_still_markdown() -> None:
    doc = clean_md(
        "Story text.\n\n- \n        [A teaser](/news/teaser)\n\n"
        "    An indented paragraph with a [link](https://ex.org/i).\n"
    )
    assert "](" not in doc.text
    assert [ln.anchor for ln in doc.links] == ["A teaser", "link"]


def test_data_uri_image_is_an_image_not_text() -> None:
    blocks = parse_markdown("x ![Chart](data:image/svg+xml,%3Csvg%20xmlns='http://w3.org/s'%3E) y")
    assert [(b.text, b.images) for b in blocks] == [("x y", ["Chart"])]


def test_separator_lines_are_not_text() -> None:
    doc = clean_md("Story text, first part.\n\n\\_\\_\\_\n\nStory text, second part.")
    assert doc.text == "Story text, first part.\n\nStory text, second part."
    assert [(r.text, r.reason) for r in doc.removed] == [("___", "leftover")]


def test_unknown_marked_section_in_html_block_is_a_bogus_comment() -> None:
    """`<![foo[` is no CDATA section: html.parser raised AssertionError on it."""
    blocks = parse_markdown("<div>\n<![foo[ hidden > shown words\n</div>\n\nText after.\n")
    assert [b.text for b in blocks] == ["shown words", "Text after."]
    blocks = parse_markdown("<div>\n<![foo[ never closed\n</div>\n\nText after.\n")
    assert [b.text for b in blocks] == ["Text after."]
    blocks = parse_markdown("<div>\n<![CDATA[ x ]]> kept\n</div>\n")
    assert [b.text for b in blocks] == ["kept"]
