"""End to end on the shared Rust-in-Linux sample (skipped where ../shared is absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import shared_sample
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.validate.check import check_file
from pipeline.validate.models import Document

BOTTLEROCKET_TARGET = (
    "https://aws.amazon.com/blogs/opensource/announcing-the-general-availability-of-bottlerocket"
    "-an-open-source-linux-distribution-purpose-built-to-run-containers/"
)


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    sample = shared_sample("rust-in-linux-kernel.md")
    out = tmp_path_factory.mktemp("rust")
    result = CliRunner().invoke(app, ["run", str(sample), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return check_file(out / "rust-in-linux-kernel.json")


def body_links(sample: Path) -> list[tuple[str, str]]:
    """Inline links of the article body: everything before the promo block's link."""
    source = sample.read_text(encoding="utf-8")
    body = source.split("[YOUTUBE", 1)[0]
    return re.findall(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", body)


def test_clean_text_has_no_markup_urls_promo_or_bio(document: Document) -> None:
    text = document.text
    for remnant in ("](", "http", "**", "![", "##", "](http"):
        assert remnant not in text, remnant
    assert "SUBSCRIBE" not in text and "Subscribe" not in text
    assert "Read more from" not in text
    assert "has been writing about technology" not in text
    assert {r.reason for r in document.removed}
    assert document.metadata.author == "Steven J. Vaughan-Nichols"


def test_every_body_link_is_kept_with_exact_span(document: Document) -> None:
    expected = body_links(shared_sample("rust-in-linux-kernel.md"))
    assert len(document.links) == len(expected)
    for link, (anchor, url) in zip(document.links, expected, strict=True):
        assert document.text[link.start : link.end] == link.text
        assert " ".join(link.text.split()) == " ".join(anchor.split())
        assert link.raw_url == url
    urls = {link.url for link in document.links}
    assert BOTTLEROCKET_TARGET in urls
    assert not any("utm_" in u for u in urls)


def test_zero_pushback_is_attributed_to_steven_rosted(document: Document) -> None:
    quote = next(q for q in document.quotes if q.text.startswith("There was zero pushback"))
    assert quote.speaker is not None
    assert quote.speaker.name == "Steven Rosted"
    assert quote.kind == "direct"
