from __future__ import annotations

from pipeline.clean.document import CleanDoc, CleanLink
from pipeline.extract.links import extract_links


def test_links_keep_spans_raw_url_and_get_stable_distinct_ids() -> None:
    text = "Read the report and the report again, or ask Example."
    clean = CleanDoc(
        text=text,
        format="markdown",
        links=[
            CleanLink(24, 30, "report", "https://example.org/r?utm_source=x"),
            CleanLink(9, 15, "report", "https://EXAMPLE.org/r#top"),
            CleanLink(45, 52, "Example", "https://example.com/"),
        ],
    )
    links = extract_links(text, clean)
    assert [link.start for link in links] == [9, 24, 45]
    for link in links:
        assert text[link.start : link.end] == link.text
    assert links[0].url == links[1].url == "https://example.org/r"
    assert links[1].raw_url == "https://example.org/r?utm_source=x"
    assert links[0].id != links[1].id and links[1].id.startswith(links[0].id)
    assert links[2].domain == "example.com"
    again = extract_links(text, clean)
    assert [link.id for link in again] == [link.id for link in links]


def test_a_link_that_does_not_parse_is_dropped_the_rest_kept() -> None:
    text = "One two three."
    clean = CleanDoc(
        text=text,
        format="text",
        links=[
            CleanLink(0, 3, "One", "http://example.com:99999/x"),
            CleanLink(4, 7, "two", "http://[::1"),
            CleanLink(8, 13, "three", "https://example.org/"),
        ],
    )
    assert [link.text for link in extract_links(text, clean)] == ["three"]
