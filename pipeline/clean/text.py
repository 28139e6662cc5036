"""Plain text -> blocks: paragraphs are separated by blank lines, lines inside them are joined.

Text sources are usually hard-wrapped, so a single newline is only a line end, never a
paragraph break. HTML entities left by copy-paste are decoded and bare URLs become links
anchored on their host name. A title is only recognised in the safest shape: a short single
first line without sentence punctuation, followed by a blank line and more text.
"""

from __future__ import annotations

import html
import re

from pipeline.clean.bare_urls import is_url
from pipeline.clean.blocks import Block, BlockBuilder

_PARAGRAPH_BREAK_RE = re.compile(r"\n[^\S\n]*\n")
_TITLE_END_RE = re.compile(r"[.,;:!?…]$")
_BYLINE_RE = re.compile(r"^by\s", re.IGNORECASE)
MAX_TITLE_WORDS = 15
MAX_TITLE_CHARS = 120
MIN_BLOCKS_AFTER_TITLE = 2


def parse_text(source: str) -> list[Block]:
    """Blocks of a text document; a title-shaped first line becomes a level-1 heading."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    raw_paragraphs = [p for p in _PARAGRAPH_BREAK_RE.split(source) if p.strip()]
    blocks = [_paragraph(p) for p in raw_paragraphs]
    blocks = [b for b in blocks if b.text]
    if blocks and len(blocks) > MIN_BLOCKS_AFTER_TITLE and _title_shaped(raw_paragraphs[0]):
        first = blocks[0]
        blocks[0] = Block(first.text, first.links, "heading", 1)
    return blocks


def _paragraph(raw: str) -> Block:
    builder = BlockBuilder()
    builder.add_text(html.unescape(raw))
    return builder.build()


def _title_shaped(raw: str) -> bool:
    line = raw.strip()
    if "\n" in line or len(line) > MAX_TITLE_CHARS or len(line.split()) > MAX_TITLE_WORDS:
        return False
    if _TITLE_END_RE.search(line) or _BYLINE_RE.match(line) or is_url(line):
        return False
    return line[0].isupper() or line[0].isdigit()
