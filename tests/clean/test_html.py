"""HTML cleaning: trafilatura's main text, walked once into paragraphs and link spans."""

from __future__ import annotations

import json
import re

import pytest
from conftest import shared_eval
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from pipeline.clean.document import CleanDoc, CleanMetadata
from pipeline.clean.html import EXTRACTION, clean_html, drop_boilerplate, site_name
from pipeline.clean.html_walk import join_paragraphs, link_target, walk_tree
from pipeline.errors import ParseError

FILLER = (
    "The council met on Tuesday evening to discuss the budget for the coming year. "
    "Members argued for several hours about the cost of repairing the old bridge. "
    "A final vote is expected next month, after a public consultation."
)


def page(body: str, head: str = "", title: str = "Council debates bridge repairs") -> str:
    return (
        f"<html lang='en-GB'><head><title>{title}</title>{head}</head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
        "<li><a href='/sport'>Sport</a></li><li><a href='/contact'>Contact us</a></li></ul></nav>"
        f"<main><article>{body}</article></main>"
        "<footer><p>Copyright 2024 Example Media Group. All rights reserved.</p>"
        "<a href='/privacy'>Privacy policy</a> <a href='/terms'>Terms of use</a></footer>"
        "</body></html>"
    )


def check_invariants(doc: CleanDoc) -> None:
    """Offsets point into the text; paragraphs are separated by exactly one blank line."""
    for link in doc.links:
        assert doc.text[link.start : link.end] == link.anchor
        assert link.anchor == link.anchor.strip() and link.anchor
        assert "\n" not in link.anchor
    assert "\n\n\n" not in doc.text
    assert re.search(r"(?<!\n)\n(?!\n)", doc.text) is None  # no lone line break
    assert doc.text == doc.text.strip()
    assert "  " not in doc.text
    assert "](" not in doc.text and "http" not in doc.text
    assert doc.format == "html"


def xml(body: str) -> etree._Element:
    return etree.fromstring(f"<body>{body}</body>")


def test_headings_and_paragraphs_are_separate_paragraphs() -> None:
    doc = clean_html(
        page(
            f"<h1>Council debates bridge repairs</h1><p>{FILLER}</p>"
            f"<h2>What happens next</h2><p>Residents   can\n send comments. {FILLER}</p>"
        )
    )
    check_invariants(doc)
    paragraphs = doc.text.split("\n\n")
    assert "What happens next" in paragraphs
    assert f"Residents can send comments. {FILLER}" in paragraphs
    # the title line is metadata, not body text, and is recorded as removed
    assert doc.metadata.title == "Council debates bridge repairs"
    assert not doc.text.startswith("Council debates")
    assert any(r.reason == "title" for r in doc.removed)


def test_list_items_are_paragraphs() -> None:
    doc = clean_html(
        page(
            f"<p>{FILLER}</p><p>The options on the table are:</p>"
            "<ul><li>repair the bridge for 2 million euros,</li>"
            "<li>replace it with a new one,</li><li>close it to cars.</li></ul>"
            f"<p>{FILLER}</p>"
        )
    )
    check_invariants(doc)
    paragraphs = doc.text.split("\n\n")
    for item in ("repair the bridge for 2 million euros,", "close it to cars."):
        assert item in paragraphs


def test_links_inside_paragraphs_become_spans() -> None:
    doc = clean_html(
        page(
            f"<p>{FILLER} According to <a href='https://gov.example.org/report.pdf'>the "
            "engineers' report</a>, the bridge is <b>safe</b> for now, the "
            "<a href='https://news.example.com/a'>mayor</a> said.</p>"
            f"<p>{FILLER} The <a href='https://news.example.com/a'>mayor</a> declined.</p>"
        )
    )
    check_invariants(doc)
    assert [(x.anchor, x.raw_url) for x in doc.links] == [
        ("the engineers' report", "https://gov.example.org/report.pdf"),
        ("mayor", "https://news.example.com/a"),
        ("mayor", "https://news.example.com/a"),
    ]
    assert "According to the engineers' report, the bridge is safe for now" in doc.text
    assert doc.links[1].start != doc.links[2].start  # repeated anchors keep their own places


def test_nested_inline_markup_inside_links() -> None:
    doc = clean_html(
        page(
            f"<p>{FILLER} Read <a href='https://example.com/full'><b>the <i>full</i></b> "
            "<em>story</em> here</a> before the vote.</p>"
        )
    )
    check_invariants(doc)
    assert [x.anchor for x in doc.links] == ["the full story here"]
    assert "Read the full story here before the vote." in doc.text


def test_spaces_around_links_survive_trafilatura_trimming() -> None:
    doc = clean_html(
        page(
            f"<p>{FILLER} <strong><a href='https://example.com/b'>Reuters</a></strong> "
            "reported that the <a href='https://example.com/c'>vote</a> was delayed.</p>"
            f"<p>{FILLER}</p>"
        )
    )
    check_invariants(doc)
    assert "Reuters reported that the vote was delayed." in doc.text


def test_walk_link_across_formatting_tags() -> None:
    result = walk_tree(
        xml(
            "<p>Read <ref target='https://a.example/x'>the <hi rend='#b'>full</hi> report</ref>"
            " now.</p><p><hi rend='#i'>Breaking: <ref target='https://a.example/y'>the "
            "<hi rend='#b'>vote</hi></ref></hi> is off.</p>"
        )
    )
    text, links = join_paragraphs(result.paragraphs)
    assert text == "Read the full report now.\n\nBreaking: the vote is off."
    assert [(x.anchor, text[x.start : x.end]) for x in links] == [
        ("the full report", "the full report"),
        ("the vote", "the vote"),
    ]


def test_walk_joins_running_text_split_around_links() -> None:
    """<p>..</p><ref/><p>..</p> in one container is one sentence cut up by an extractor."""
    result = walk_tree(
        xml(
            "<div><p>sources cited by the publication </p><ref target='https://d.example/'>"
            "DigiTimes</ref><p>. A preview was shared.</p><p>Next paragraph.</p></div>"
        )
    )
    text, links = join_paragraphs(result.paragraphs)
    assert (
        text
        == "sources cited by the publication DigiTimes. A preview was shared.\n\nNext paragraph."
    )
    assert text[links[0].start : links[0].end] == "DigiTimes"


def test_walk_keeps_a_link_within_one_paragraph() -> None:
    result = walk_tree(
        xml("<p>See <ref target='https://a.example/'>one<lb/>two<p>three</p></ref> and on.</p>")
    )
    text, links = join_paragraphs(result.paragraphs)
    assert text == "See one two three and on."
    assert [x.anchor for x in links] == ["one two three"]


TAGS = ["p", "head", "hi", "ref", "list", "item", "quote", "lb", "cell", "row", "div", "code"]
WORDS = st.sampled_from(["alpha", "beta", " ", "  \n ", ".", ", ", "gamma delta", "\u00a0", ""])


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4 if depth < 3 else 0))):
        tag = draw(st.sampled_from(TAGS))
        attrs = " target='https://x.example/p'" if tag == "ref" else ""
        inner = draw(trees(depth + 1)) if tag != "lb" else ""
        parts.append(f"<{tag}{attrs}>{draw(WORDS)}{inner}</{tag}>{draw(WORDS)}")
    return draw(WORDS) + "".join(parts)


@settings(max_examples=80, deadline=None)
@given(trees())
def test_walk_invariants_on_random_trees(body: str) -> None:
    """Spans point at their anchors, layout is clean, and no word of the tree is lost."""
    root = xml(body)
    text, links = join_paragraphs(walk_tree(root).paragraphs)
    for link in links:
        assert text[link.start : link.end] == link.anchor and link.anchor.strip() == link.anchor
        assert "\n" not in link.anchor
    assert "\n\n\n" not in text and "  " not in text and text == text.strip()
    assert re.search(r"(?<!\n)\n(?!\n)", text) is None
    squeeze = re.compile(r"[\s|]+")
    assert squeeze.sub("", text) == squeeze.sub("", "".join(root.itertext()))


def test_walk_tables_lists_breaks_and_images() -> None:
    result = walk_tree(
        xml(
            "<table><row><cell role='head'>City</cell><cell>Votes</cell></row>"
            "<row><cell>Lyon</cell><cell>12</cell></row></table>"
            "<list><item>one<list><item>nested</item></list></item></list>"
            "<p>first line<lb/>second line</p><graphic src='a.jpg' alt='A bridge'/>"
            "<p><ref target='https://x.example/'><graphic src='b.png'/></ref></p>"
        )
    )
    text, _ = join_paragraphs(result.paragraphs)
    assert text.split("\n\n") == [
        "City | Votes",
        "Lyon | 12",
        "one",
        "nested",
        "first line",
        "second line",
    ]
    assert [(r.reason, r.text) for r in result.removed] == [
        ("image", "A bridge"),
        ("image", "b.png"),
        ("empty-link", "https://x.example/"),
    ]


def test_boilerplate_kept_by_trafilatura_is_dropped_and_recorded() -> None:
    result = walk_tree(
        xml(
            "<head rend='h1'>Bridge to close</head><p>The bridge closes on <ref target='https://"
            "a.example/d'>Monday</ref>.</p><p><ref target='https://a.example/1'>Ten bridges to "
            "see</ref></p><p><ref target='https://a.example/t'>bridges</ref>, <ref "
            "target='https://a.example/u'>roads</ref></p><p><ref target='https://a.example/r'>Read "
            "the full report here.</ref></p><p>Mail <ref target='mailto:d@a.example'>d@a.example"
            "</ref></p><head rend='h2'>Comments</head>"
        )
    )
    metadata = CleanMetadata(title="Bridge to close")
    kept = drop_boilerplate(result.paragraphs, metadata, EXTRACTION, result.removed)
    text, links = join_paragraphs(kept)
    assert text.split("\n\n") == [
        "The bridge closes on Monday.",
        "Read the full report here.",  # a sentence, not a teaser
        "Mail d@a.example",  # an address written out is the article's own words
    ]
    assert [(r.reason, r.text) for r in result.removed] == [
        ("title", "Bridge to close"),
        ("link-list", "Ten bridges to see"),
        ("link-list", "bridges, roads"),
        ("trailing-heading", "Comments"),
    ]
    assert all(text[x.start : x.end] == x.anchor for x in links)


def test_relative_urls_resolve_against_the_page_address() -> None:
    links = (
        f"<p>{FILLER} See <a href='../archive/bridge.html'>the archive</a>, "
        "<a href='/about'>about us</a>, <a href='//cdn.example.net/f.pdf'>the file</a> and "
        "<a href='#comments'>the comments</a>.</p>"
        f"<p>{FILLER} <a href='https://example.com/news/2024/bridge.html#top'>Back to top</a></p>"
    )
    canonical = "<link rel='canonical' href='https://example.com/news/2024/bridge.html'>"
    doc = clean_html(page(links, head=canonical))
    check_invariants(doc)
    assert [x.raw_url for x in doc.links] == [
        "https://example.com/news/archive/bridge.html",
        "https://example.com/about",
        "https://cdn.example.net/f.pdf",
    ]
    assert "and the comments." in doc.text  # in-page anchors are text, not links
    assert doc.metadata.url == "https://example.com/news/2024/bridge.html"
    # an address given by the caller wins
    doc = clean_html(page(links), url="https://other.example/a/b/c.html")
    assert doc.links[0].raw_url == "https://other.example/a/archive/bridge.html"


def test_link_targets_that_are_not_links() -> None:
    assert link_target("javascript:void(0)", None) is None
    assert link_target("  ", None) is None
    assert link_target("#top", "https://example.com/a") is None
    assert link_target("data:text/plain,hi", None) is None
    assert link_target("mailto:desk@example.com", None) == "mailto:desk@example.com"
    assert (
        link_target("page.html", "https://example.com/dir/") == "https://example.com/dir/page.html"
    )
    assert link_target("page.html", None) == "page.html"


def test_script_links_keep_their_text() -> None:
    doc = clean_html(
        page(f"<p>{FILLER} Click <a href='javascript:share()'>share this</a> to tell friends.</p>")
    )
    check_invariants(doc)
    assert "Click share this to tell friends." in doc.text
    assert doc.links == []


def test_navigation_and_footer_boilerplate_is_dropped() -> None:
    doc = clean_html(page(f"<p>{FILLER}</p><p>{FILLER.upper()}</p>"))
    check_invariants(doc)
    for boilerplate in ("Home", "Contact us", "Copyright", "Privacy policy", "Terms of use"):
        assert boilerplate not in doc.text
    assert doc.text.startswith("The council met")


def test_metadata_from_the_page() -> None:
    head = (
        "<meta name='author' content='Jane Doe'>"
        "<meta property='article:published_time' content='2024-03-05T10:00:00Z'>"
        "<meta property='og:site_name' content='Example Gazette'>"
    )
    doc = clean_html(page(f"<p>{FILLER}</p><p>{FILLER}</p>", head=head))
    check_invariants(doc)
    meta = doc.metadata
    assert (meta.author, meta.published, meta.site, meta.language) == (
        "Jane Doe",
        "2024-03-05",
        "Example Gazette",
        "en",
    )


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><body></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav></body></html>",
        "\x00\x01\x02",
    ],
)
def test_pages_without_an_article_raise_parse_error(html: str) -> None:
    with pytest.raises(ParseError):
        clean_html(html)


def test_benchmark_pages_keep_span_invariant_and_no_url_remnants() -> None:
    folder = shared_eval("articles/html")
    truth = json.loads(shared_eval("articles/ground-truth.json").read_text(encoding="utf-8"))
    links = 0
    for page_id in sorted(truth)[:3]:
        doc = clean_html((folder / f"{page_id}.html").read_text(encoding="utf-8"))
        check_invariants(doc)
        links += len(doc.links)
        assert len(doc.text) > 0.5 * len(truth[page_id]["articleBody"])
    assert links > 0


def test_hover_card_inside_a_sentence_is_removed_and_recorded() -> None:
    card = (
        "<span class='card'><img src='/p.jpg' alt=''><a href='/people/ada-moss'>Ada Lynn Moss</a>"
        "<a href='/a/1'>Council approves harbour plan</a> <a href='/a/2'>Mayor seeks new term</a>"
        " <a href='/people/ada-moss' class='more'>MORE</a></span>"
    )
    body = (
        f"<p>Deputy mayor <span><a href='/people/ada-moss'>Ada Moss</a>{card}</span> (Green) "
        "said the council would vote again next month on the bridge repairs.</p>"
        f"<p>{FILLER}</p><p>{FILLER}</p>"
    )
    doc = clean_html(page(body))
    check_invariants(doc)
    assert doc.text.startswith("Deputy mayor Ada Moss (Green) said the council")
    assert "Ada Lynn Moss" not in doc.text and "MORE" not in doc.text
    assert [r.reason for r in doc.removed if "Ada Lynn Moss" in r.text] == ["inline-widget"]


def test_links_listed_in_a_sentence_are_not_a_widget() -> None:
    body = (
        "<p>The report cites <span><a href='/a'>the audit</a>, <a href='/b'>the survey</a> and "
        "<a href='/c'>the minutes</a></span> of the last three meetings of the council.</p>"
        f"<p>{FILLER}</p><p>{FILLER}</p>"
    )
    doc = clean_html(page(body))
    assert "cites the audit, the survey and the minutes of the last" in doc.text
    assert not [r for r in doc.removed if r.reason == "inline-widget"]


def test_closing_calls_to_action_and_credits_go_to_removed() -> None:
    body = (
        f"<p>{FILLER}</p><p>{FILLER} The mayor will respond on Friday.</p>"
        "<p>___</p><p>Harbour Times writers Ana Lima and Tom Berg contributed to this report.</p>"
        "<p>Follow Harbour Radio on Instagram, Facebook and YouTube.</p>"
        "<p>Like this story? Share it with a friend!</p>"
    )
    doc = clean_html(page(body))
    assert doc.text.endswith("The mayor will respond on Friday.")
    assert [r.reason for r in doc.removed if r.reason != "title"] == [
        "leftover",
        "credit",
        "promo",
        "promo",
    ]


def test_sibling_containers_that_continue_the_story_are_kept() -> None:
    chunk = "<div class='story-chunk'><p>{}</p><p>{}</p></div>"
    first = chunk.format(FILLER, "Part one ends with a sentence about ferries and fares.")
    second = chunk.format(
        "Part two starts after the advert and tells how the vote went in the end, with details.",
        FILLER.replace("council", "committee"),
    )
    advert = "<div class='ad'><a href='/shop'>Buy now</a></div>"
    body = f"<div class='chunks'>{first}{advert}{second}</div>"
    doc = clean_html(page(body))
    assert "Part one ends" in doc.text and "Part two starts after the advert" in doc.text
    assert doc.text.index("Part one ends") < doc.text.index("Part two starts")
    assert "Buy now" not in doc.text


@pytest.mark.parametrize(
    ("declared", "url", "site"),
    [
        ("Hosted", "https://hosted.example.org/x/story", "example.org"),
        ("The Harbour Times", "https://harbourtimes.example/a", "The Harbour Times"),
        ("LinkHub | The news platform", None, "LinkHub"),
        ("https://www.harbour-news.com", "https://www.harbour-news.com/a", "harbour-news.com"),
        ("Copyright 2014", "https://city.example.gov.br/n", "example.gov.br"),
        (None, None, None),
    ],
)
def test_site_name(declared: str | None, url: str | None, site: str | None) -> None:
    assert site_name(declared, url) == site


@pytest.mark.parametrize(
    "head",
    [
        '<base href="http://[::1">',
        '<link rel="canonical" href="http://[::1">',
        '<meta property="og:url" content="http://[::1">',
    ],
)
def test_malformed_page_address_is_ignored(head: str) -> None:
    """A <base>/canonical/og:url that does not parse is ignored; links stay relative."""
    page = (
        f"<html><head>{head}</head><body><article><p>{FILLER} Read "
        '<a href="/next.html">the next story</a> today.</p></article></body></html>'
    )
    doc = clean_html(page)
    assert "the next story" in doc.text
    assert [ln.raw_url for ln in doc.links] == ["/next.html"]
    assert doc.metadata.url is None


def test_the_c_element_lookup_cleans_pages_with_forms_as_lxml_html_lookup_does() -> None:
    """trafilatura's parser gets lxml's C class lookup (html._element_classes_in_c): pages
    holding form controls, whose lxml.html classes it drops, clean to the same document."""
    from lxml.html import HtmlElement, HtmlElementClassLookup
    from trafilatura.utils import HTML_PARSER, load_html

    from pipeline.clean.html import _element_classes_in_c

    form = "<html><body><form><input name=q><label>Q</label></form><p>x</p></body></html>"
    tree = load_html(form)
    assert tree is not None
    assert {type(e) for e in tree.iter("form", "input", "label")} == {HtmlElement}

    folder = shared_eval("articles/html")
    pages = [p for p in sorted(folder.glob("*.html")) if "<input" in p.read_text(encoding="utf-8")]
    html = [p.read_text(encoding="utf-8") for p in pages[:4]]
    ours = [clean_html(h) for h in html]
    HTML_PARSER.set_element_class_lookup(HtmlElementClassLookup())  # lxml.html's own
    try:
        tree = load_html(form)
        assert tree is not None and type(next(tree.iter("input"))) is not HtmlElement
        theirs = [clean_html(h) for h in html]
    finally:
        _element_classes_in_c()
    assert ours == theirs
