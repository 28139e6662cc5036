"""Clean stage: raw source bytes -> CleanDoc.

`clean_source` is the only entry point the runner needs: decode, read front matter (Markdown
and text), clean the format, drop boilerplate, then the post-processing shared by all formats
(normalisation, dateline) so that HTML, Markdown and text reach extraction in the same shape.
No network access happens here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.clean.addresses import followable
from pipeline.clean.bare_urls import replace_bare_urls
from pipeline.clean.blocks import Block, assemble, take_title
from pipeline.clean.boilerplate import remove_boilerplate
from pipeline.clean.bylines import parse_byline
from pipeline.clean.dateline import strip_dateline
from pipeline.clean.decode import decode_source
from pipeline.clean.document import CleanDoc, CleanLink, CleanMetadata, Format, RemovedBlock
from pipeline.clean.frontmatter import read_front_matter
from pipeline.clean.language import choose_language
from pipeline.clean.markdown import parse_markdown
from pipeline.clean.normalize import normalize
from pipeline.clean.text import parse_text
from pipeline.errors import EmptyDocumentError, UnsupportedFormatError
from pipeline.formats import FORMAT_BY_SUFFIX

__all__ = [
    "CleanDoc",
    "CleanLink",
    "CleanMetadata",
    "Format",
    "RemovedBlock",
    "clean_source",
    "detect_format",
    "postprocess",
]


def detect_format(path: Path) -> Format:
    """The source format, from the file extension."""
    fmt = FORMAT_BY_SUFFIX.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(f"{path.name}: unsupported file type {path.suffix!r}")
    return fmt


def clean_source(data: bytes, fmt: Format) -> CleanDoc:
    """Turn one source into clean text with metadata, links and the removed blocks."""
    source = decode_source(data, fmt)
    if fmt == "html":
        from pipeline.clean.html import clean_html  # trafilatura loads only for HTML

        doc = clean_html(source)
    else:
        doc = _clean_blocks(source, fmt)
    return postprocess(doc)


def _clean_blocks(source: str, fmt: Format) -> CleanDoc:
    front = read_front_matter(source)
    metadata, body = front.metadata, front.body
    blocks: list[Block] = parse_markdown(body) if fmt == "markdown" else parse_text(body)
    blocks, metadata.title, head = take_title(blocks, metadata.title)
    verdict = remove_boilerplate(blocks, head)
    metadata.author = metadata.author or verdict.author
    text, links = assemble(verdict.kept)
    return CleanDoc(text, fmt, metadata, links, [*front.dropped, *verdict.removed])


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(doc: CleanDoc) -> CleanDoc:
    """Lone surrogates (from `&#xD800;`, a YAML "\\ud800" escape) are no text and cannot be
    written as UTF-8: each becomes U+FFFD, one code point for one, so offsets hold."""

    def fix(value: str) -> str:
        return _SURROGATE.sub("\ufffd", value)

    def fix_any(value: Any) -> Any:
        if isinstance(value, str):
            return fix(value)
        return [fix_any(v) for v in value] if isinstance(value, list) else value

    meta = doc.metadata
    return replace(
        doc,
        text=fix(doc.text),
        metadata=replace(meta, **{k: fix_any(v) for k, v in vars(meta).items()}),
        links=[replace(ln, anchor=fix(ln.anchor), raw_url=fix(ln.raw_url)) for ln in doc.links],
        removed=[replace(r, text=fix(r.text), reason=fix(r.reason)) for r in doc.removed],
    )


def postprocess(doc: CleanDoc) -> CleanDoc:
    """Normalisation, dateline removal, byline and language for every format; empty text is an
    error. The byline becomes clean personal names (`authors`; an agency it names is the site
    when the page gave none) and the language is detected on the final text.

    Links a reader cannot follow (javascript:, data:, file:, malformed addresses) are dropped
    here for every format; their anchor text stays. Bare URLs become links in Markdown and
    text, where they are link syntax (autolinks). In HTML a URL printed as text is the
    article's own words, so it stays as written.
    """
    doc = _without_surrogates(doc)
    links = [link for link in doc.links if followable(link.raw_url)]
    text, links = normalize(doc.text, links)
    if doc.format != "html":
        text, links = replace_bare_urls(text, links)
    text, links, dateline = strip_dateline(text, links)
    if not text:
        raise EmptyDocumentError("no article text is left after cleaning")
    byline = parse_byline(doc.metadata.author, doc.metadata.site)
    metadata = replace(
        doc.metadata,
        dateline=doc.metadata.dateline or dateline,
        author="; ".join(byline.authors) or None,
        authors=byline.authors,
        site=doc.metadata.site or byline.agency,
        language=choose_language(text, doc.metadata.language, doc.format == "html"),
    )
    return replace(doc, text=text, links=links, metadata=metadata)
