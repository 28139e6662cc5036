"""Paragraph-level blocks shared by the Markdown and text cleaners.

Both formats are turned into a list of `Block`s (readable text plus link spans relative to
the block) before boilerplate is judged block by block; `assemble` then joins the kept
blocks into one text with document-level spans. Text and spans are written in the same
pass (`BlockBuilder`), so an anchor is never searched for afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.clean.bare_urls import find_urls, url_label
from pipeline.clean.document import CleanLink
from pipeline.clean.normalize import normalize


@dataclass
class Block:
    """One paragraph-like unit: a paragraph, heading, list item, quote, table row or code."""

    text: str
    links: list[CleanLink] = field(default_factory=list)
    kind: str = "paragraph"
    level: int = 0
    images: list[str] = field(default_factory=list)
    # Set on every block of a link that wraps several paragraphs (a card, a promo, a bio box).
    group: int | None = None

    @property
    def image_only(self) -> bool:
        return not self.text and bool(self.images)

    @property
    def readable(self) -> str:
        """What a RemovedBlock records: the text, or for an image the alt text or address."""
        return self.text or " ".join(self.images)


class BlockBuilder:
    """Writes a block's text and its link spans together."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._open: list[tuple[int, str | None]] = []
        self.links: list[CleanLink] = []
        self.images: list[str] = []

    @property
    def in_link(self) -> bool:
        return bool(self._open)

    def add(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)

    def add_text(self, text: str) -> None:
        """Add running text; bare URLs become links anchored on their host name."""
        last = 0
        for start, end in find_urls(text):
            self.add(text[last:start])
            url = text[start:end]
            if self.in_link:
                self.add(url_label(url))
            else:
                self.add_link(url_label(url), url)
            last = end
        self.add(text[last:])

    def add_link(self, anchor: str, url: str) -> None:
        self.open_link(url)
        self.add(anchor)
        self.close_link()

    def open_link(self, url: str) -> None:
        # Links cannot nest: inside a link, an inner one is only text (the outer one wins).
        self._open.append((self._length, None if self._open else url))

    def close_link(self) -> None:
        if not self._open:
            return
        start, url = self._open.pop()
        if url is not None and self._length > start:
            self.links.append(CleanLink(start, self._length, "", url))

    def build(self, kind: str = "paragraph", level: int = 0) -> Block:
        while self._open:
            self.close_link()
        raw = "".join(self._parts)
        links = [
            CleanLink(ln.start, ln.end, raw[ln.start : ln.end], ln.raw_url) for ln in self.links
        ]
        text, links = normalize(raw, links, paragraphs=False)
        return Block(text, sorted(links, key=lambda ln: ln.start), kind, level, list(self.images))


def assemble(blocks: list[Block]) -> tuple[str, list[CleanLink]]:
    """Join blocks with one blank line, shifting each block's spans to document offsets."""
    parts: list[str] = []
    links: list[CleanLink] = []
    offset = 0
    for block in blocks:
        if not block.text:
            continue
        if parts:
            offset += 2
        parts.append(block.text)
        for ln in block.links:
            links.append(CleanLink(ln.start + offset, ln.end + offset, ln.anchor, ln.raw_url))
        offset += len(block.text)
    return "\n\n".join(parts), links


def split_blocks(text: str, links: list[CleanLink]) -> list[Block]:
    """The inverse of `assemble`: one block per paragraph of a finished clean text."""
    blocks: list[Block] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        end = offset + len(paragraph)
        inside = [ln for ln in links if offset <= ln.start and ln.end <= end]
        shifted = [
            CleanLink(ln.start - offset, ln.end - offset, ln.anchor, ln.raw_url) for ln in inside
        ]
        blocks.append(Block(paragraph, shifted))
        offset = end + 2
    return blocks


def take_title(blocks: list[Block], known: str | None) -> tuple[list[Block], str | None, int]:
    """The first `#` heading is the title; it is not repeated in the text.

    With a title from front matter the heading is only dropped when it says the same.
    Also returns how many blocks came before the title heading (0 when there is none).
    """
    for i, block in enumerate(blocks):
        if block.kind == "heading" and block.level == 1:
            if known is None or block.text.casefold() == known.casefold():
                return blocks[:i] + blocks[i + 1 :], known or block.text, i
            return blocks, known, i
    return blocks, known, 0
