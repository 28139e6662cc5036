"""The public entry points: format detection, dispatch, shared post-processing, errors."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from pipeline.clean import clean_source, detect_format, postprocess
from pipeline.clean.document import CleanDoc, CleanLink, CleanMetadata
from pipeline.errors import EmptyDocumentError, UnsupportedFormatError


def test_detect_format() -> None:
    assert detect_format(Path("a/b.HTML")) == "html"
    assert detect_format(Path("x.htm")) == "html"
    assert detect_format(Path("x.md")) == "markdown"
    assert detect_format(Path("x.markdown")) == "markdown"
    assert detect_format(Path("x.txt")) == "text"
    with pytest.raises(UnsupportedFormatError):
        detect_format(Path("x.pdf"))


def test_empty_sources_raise() -> None:
    for data, fmt in ((b"", "text"), (b"   \n\n", "markdown"), (b"![](a.png)", "markdown")):
        with pytest.raises(EmptyDocumentError):
            clean_source(data, fmt)  # type: ignore[arg-type]


def test_html_goes_through_clean_html_and_shared_postprocessing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[str] = []
    raw = "MADRID (AFP) \u2014 The\u00a0minister  met the unions on Friday, a spokesman said later."
    start = raw.index("unions")

    def fake_clean_html(html: str) -> CleanDoc:
        seen.append(html)
        link = CleanLink(start, start + 6, "unions", "https://ex.org/u")
        return CleanDoc(raw, "html", CleanMetadata(title="T"), [link])

    module = types.ModuleType("pipeline.clean.html")
    module.clean_html = fake_clean_html  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pipeline.clean.html", module)
    doc = clean_source("<p>é</p>".encode(), "html")
    assert seen == ["<p>é</p>"]
    assert doc.text == "The minister met the unions on Friday, a spokesman said later."
    assert doc.metadata.dateline == "MADRID" and doc.metadata.title == "T"
    assert [(ln.anchor, doc.text[ln.start : ln.end]) for ln in doc.links] == [("unions", "unions")]


def test_postprocess_keeps_an_existing_dateline() -> None:
    doc = CleanDoc("ROME — A long enough first paragraph to count as the body of it.", "html")
    doc.metadata.dateline = "Roma"
    assert postprocess(doc).metadata.dateline == "Roma"


def test_lone_surrogates_become_replacement_characters() -> None:
    """`&#xD800;` and a YAML "\\ud800" escape give lone surrogates, which UTF-8 cannot write."""
    from pipeline.clean import clean_source

    md = clean_source(b'---\ntitle: "A \\ud800 t"\n---\nText &#xD800; here.\n', "markdown")
    assert md.metadata.title == "A \ufffd t" and md.text == "Text \ufffd here."
    page = b"<html><body><article><p>Some text &#xD800; with words for the reader.</p>"
    html = clean_source(page + b"</article></body></html>", "html")
    assert "\ufffd" in html.text
    for doc in (md, html):
        doc.text.encode("utf-8")
