"""One rule for the links every format keeps: parseable web, mail and phone addresses."""

from __future__ import annotations

import pytest

from pipeline.clean import clean_source
from pipeline.clean.addresses import followable
from pipeline.clean.bare_urls import find_urls


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a?b=1",
        "//cdn.example.org/x",
        "/local/page",
        "page.html",
        "mailto:ann@example.org",
        "tel:+15551234",
        "http://[::1]:8080/",
        "ftp://ftp.example.org/",
    ],
)
def test_followable(url: str) -> None:
    assert followable(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,hi",
        "file:///etc/passwd",
        "http://[::1",
        "http://example.com:99999/x",
        "https://example.com:port/",
        "http://",
        "https:///path",
    ],
)
def test_not_followable(url: str) -> None:
    assert not followable(url)


LINKS = (
    "[bad port](http://example.com:99999/x), [v6](http://[::1), [js](javascript:alert(1)), "
    "[data](data:text/html,hi), [file](file:///etc/passwd) and [good](https://example.org/)."
)


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (f"Read {LINKS}\n".encode(), "markdown"),
        (
            b"<html><body><article><p>Read "
            + b", ".join(
                f'<a href="{u}">{a}</a>'.encode()
                for a, u in [
                    ("bad port", "http://example.com:99999/x"),
                    ("v6", "http://[::1"),
                    ("js", "javascript:alert(1)"),
                    ("data", "data:text/html,hi"),
                    ("file", "file:///etc/passwd"),
                ]
            )
            + b' and <a href="https://example.org/">good</a> in the story of the day.</p>'
            + b"</article></body></html>",
            "html",
        ),
    ],
)
def test_unfollowable_links_dropped_text_kept_in_every_format(data: bytes, fmt: str) -> None:
    doc = clean_source(data, fmt)  # type: ignore[arg-type]
    for anchor in ("bad port", "v6", "js", "data", "file", "good"):
        assert anchor in doc.text
    assert [(ln.anchor, ln.raw_url) for ln in doc.links] == [("good", "https://example.org/")]


def test_scheme_before_a_broken_ipv6_literal_is_no_bare_url() -> None:
    text = "Visit http://[::1 now, or www.example.com/x."
    assert [text[s:e] for s, e in find_urls(text)] == ["www.example.com/x"]
    doc = clean_source(text.encode(), "text")
    assert "http://[::1" in doc.text
    assert [ln.raw_url for ln in doc.links] == ["www.example.com/x"]
