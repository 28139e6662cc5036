"""Acceptance on the shared Markdown sample (skipped where ../shared is absent)."""

from __future__ import annotations

import re

import pytest
from conftest import shared_sample

from pipeline.clean import clean_source
from pipeline.clean.document import CleanDoc

# An editorial insertion inside a quote ("a stage [where] ..."): text, not Markdown syntax.
EDITORIAL_BRACKETS_RE = re.compile(r"\[[^\[\]()]{1,30}\](?!\()")


@pytest.fixture(scope="module")
def doc() -> CleanDoc:
    return clean_source(shared_sample("rust-in-linux-kernel.md").read_bytes(), "markdown")


def _body_links(source: str) -> list[tuple[str, str]]:
    """Inline links written in the article part of the source: all before the first card."""
    body = source.split("\n\n[", 1)[0]
    return re.findall(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", body)


def test_no_markup_or_urls_left(doc: CleanDoc) -> None:
    for remnant in ("](", "http", "**", "#", "!["):
        assert remnant not in doc.text, remnant
    assert "[" not in EDITORIAL_BRACKETS_RE.sub("", doc.text)
    assert "\n\n\n" not in doc.text and "  " not in doc.text


def test_body_links_kept_with_exact_spans(doc: CleanDoc) -> None:
    expected = _body_links(shared_sample("rust-in-linux-kernel.md").read_text("utf-8"))
    assert len(expected) == 36 == len(doc.links)
    for link, (anchor, url) in zip(doc.links, expected, strict=True):
        assert doc.text[link.start : link.end] == link.anchor == " ".join(anchor.split())
        assert link.raw_url == url
    bottlerocket = next(ln for ln in doc.links if ln.anchor == "Bottlerocket Linux")
    assert (
        bottlerocket.raw_url.startswith("https://cc.")
        and "url=https%3A%2F%2F" in bottlerocket.raw_url
    )


def test_promo_leftover_image_and_bio_removed(doc: CleanDoc) -> None:
    reasons = [r.reason for r in doc.removed]
    assert reasons == ["promo", "promo", "promo", "leftover", "image", "bio", "read-more"]
    assert any("Subscribe" in r.text for r in doc.removed)
    assert all("](" not in r.text and not r.text.startswith("[") for r in doc.removed)
    assert "Subscribe" not in doc.text and "Created with" not in doc.text


def test_metadata_and_start(doc: CleanDoc) -> None:
    assert doc.metadata.author == "Steven J. Vaughan-Nichols"
    assert doc.metadata.dateline == "TOKYO"
    assert doc.metadata.title is None
    assert doc.text.startswith("At the invitation-only")
    assert doc.text.endswith("next generation of low-level development work.")
    assert "The Signs Were There\n\n" in doc.text
