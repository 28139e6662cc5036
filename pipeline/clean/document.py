"""What the clean stage hands to extraction: text, metadata, links, and what was dropped."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.formats import Format as Format


@dataclass(frozen=True)
class CleanLink:
    """A link kept in the clean text; `text[start:end] == anchor`."""

    start: int
    end: int
    anchor: str
    raw_url: str


@dataclass(frozen=True)
class RemovedBlock:
    """A block dropped as boilerplate, kept so nothing disappears silently."""

    text: str
    reason: str


@dataclass
class CleanMetadata:
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    site: str | None = None
    dateline: str | None = None
    language: str | None = None  # ISO 639-1
    # The people the byline names, clean ("Lisa Mascaro"); `author` joins them with "; ".
    authors: list[str] = field(default_factory=list)


@dataclass
class CleanDoc:
    """Clean main text: paragraphs separated by one blank line, no markup, no URLs."""

    text: str
    format: Format
    metadata: CleanMetadata = field(default_factory=CleanMetadata)
    links: list[CleanLink] = field(default_factory=list)
    removed: list[RemovedBlock] = field(default_factory=list)
