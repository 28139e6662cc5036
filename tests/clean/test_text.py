"""Plain-text sources: paragraphs, hard wraps, entities, bare URLs, a conservative title."""

from __future__ import annotations

from pipeline.clean import clean_source
from pipeline.clean.document import CleanDoc


def clean_txt(source: str) -> CleanDoc:
    return clean_source(source.encode("utf-8"), "text")


def test_blank_lines_split_paragraphs_and_wraps_are_joined() -> None:
    doc = clean_txt(
        "The minister said on Monday that the\nbudget would be balanced.\r\n  \r\n"
        "Critics  disagreed &amp; asked for\n\ta vote.\n"
    )
    assert doc.text == (
        "The minister said on Monday that the budget would be balanced.\n\n"
        "Critics disagreed & asked for a vote."
    )
    assert doc.metadata.title is None


def test_title_shaped_first_line_becomes_the_title() -> None:
    doc = clean_txt("Budget Vote Delayed Again\n\nThe vote was delayed.\n\nIt may happen in May.\n")
    assert doc.metadata.title == "Budget Vote Delayed Again"
    assert doc.text == "The vote was delayed.\n\nIt may happen in May."


def test_sentences_are_not_taken_for_a_title() -> None:
    for first in ("The vote was delayed.", "Budget vote\ndelayed", "By Ann Lee"):
        doc = clean_txt(f"{first}\n\nMore text follows here.\n\nAnd more text.\n")
        assert doc.metadata.title is None, first


def test_too_short_a_document_has_no_title() -> None:
    doc = clean_txt("Budget Vote Delayed\n\nThe vote was delayed.\n")
    assert doc.metadata.title is None
    assert doc.text.startswith("Budget Vote Delayed")


def test_front_matter_in_text_and_bare_urls() -> None:
    doc = clean_txt(
        "---\ntitle: From front matter\npublished: 2025-03-04\n---\n"
        "Short Heading\n\nDetails at https://www.gov.example/report.pdf.\n\nMore text.\n"
    )
    assert doc.metadata.title == "From front matter"
    assert doc.metadata.published == "2025-03-04"
    assert doc.text == "Short Heading\n\nDetails at gov.example.\n\nMore text."
    (link,) = doc.links
    assert doc.text[link.start : link.end] == link.anchor == "gov.example"
    assert link.raw_url == "https://www.gov.example/report.pdf"


def test_host_with_a_path_is_a_url_but_a_bare_host_is_a_name() -> None:
    doc = clean_txt("Updates at nytimes.com/live/today; Example.com said it would comment.")
    assert doc.text == "Updates at nytimes.com; Example.com said it would comment."
    assert [(ln.anchor, ln.raw_url) for ln in doc.links] == [
        ("nytimes.com", "nytimes.com/live/today")
    ]


def test_wire_story_byline_dateline_separator_and_credits() -> None:
    doc = clean_txt(
        "Senate Panel Advances Budget Deal\n\nBy JANE DOE and JOHN ROE\nAssociated Press\n\n"
        "WASHINGTON (AP) — A Senate panel on Tuesday advanced a budget deal that would keep\n"
        "the government open through March, setting up a final vote later this week.\n\n"
        "“We have a deal,” said Sen. Pat Smith.\n\n___\n\n"
        "Associated Press writer Ann Lee contributed to this report.\n\n"
        "Follow us on Twitter for the latest news.\n"
    )
    assert doc.metadata.title == "Senate Panel Advances Budget Deal"
    assert doc.metadata.author == "Jane Doe; John Roe"
    assert doc.metadata.authors == ["Jane Doe", "John Roe"]
    assert doc.metadata.dateline == "WASHINGTON"
    assert doc.text == (
        "A Senate panel on Tuesday advanced a budget deal that would keep the government open "
        "through March, setting up a final vote later this week.\n\n"
        "“We have a deal,” said Sen. Pat Smith."
    )
    assert [r.reason for r in doc.removed] == ["byline", "leftover", "credit", "promo"]
