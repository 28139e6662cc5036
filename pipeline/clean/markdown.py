"""Markdown -> blocks, from markdown-it-py's token stream rather than regexes over the source.

The parser knows what a link, an escape, a code span or an HTML block is, so Markdown syntax
never leaks into the text and every link span is written as the text is. One repair runs on
the tokens: scraped pages often wrap several paragraphs in one link (`[card\\n\\ntext](url)`),
which CommonMark cannot express; those paragraphs are joined back to their link and marked
as a group, a strong sign of a card (promotion, author box) for the boilerplate step.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import groupby

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pipeline.clean.blocks import Block, BlockBuilder
from pipeline.clean.document import CleanLink


class _Parser(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        """Nothing is rendered to HTML, so no address is unsafe; `data:` images must parse."""
        return True


# text_join and fragments_join are off so that escapes (`\[`) stay distinct from literal
# brackets and unmatched emphasis delimiters (`**`) stay tokens of their own.
_MD = (
    _Parser("commonmark")
    .enable(["table", "strikethrough"])
    .disable(["text_join", "fragments_join"])
)
_DELIMITERS = frozenset("*_~")
MAX_INDENTED_DEPTH = 3

CELL_SEPARATOR = " | "
# How many paragraphs a link that CommonMark could not parse may wrap.
MAX_SPLIT_LINK_BLOCKS = 8
_SPLIT_LINK_END_RE = re.compile(
    r"^(?P<before>[^\[\]]*)\]\(\s*<?(?P<url>[^\s<>]+?)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)\s*$",
    re.DOTALL,
)
_TAG_RE = re.compile(r"^<\s*(/?)\s*([A-Za-z][\w-]*)([^>]*)>$", re.DOTALL)
_HTML_BLOCK_TAGS = frozenset(
    "p div section article header footer aside nav h1 h2 h3 h4 h5 h6 ul ol li dl dt dd "
    "blockquote pre figure figcaption table tr form hr details summary address".split()
)
_HTML_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "head"))


@dataclass
class _Raw:
    """A block before rendering: inline tokens per cell, or literal text for code and HTML."""

    kind: str
    level: int = 0
    cells: list[list[Token]] = field(default_factory=list)
    literal: str = ""
    wrap_url: str | None = None
    group: int | None = None


def parse_markdown(source: str, depth: int = 0) -> list[Block]:
    """Blocks of a Markdown document in reading order (images kept as image-only blocks)."""
    raws = _raw_blocks(_MD.parse(source), depth)
    _join_split_links(raws)
    return [block for raw in raws for block in _render(raw, depth)]


def _raw_blocks(tokens: list[Token], depth: int) -> list[_Raw]:
    raws: list[_Raw] = []
    context: list[str] = []
    heading = 0
    row: _Raw | None = None
    for tok in tokens:
        kind = tok.type
        if kind in ("list_item_open", "blockquote_open"):
            context.append("item" if kind == "list_item_open" else "quote")
        elif kind in ("list_item_close", "blockquote_close"):
            context.pop()
        elif kind in ("heading_open", "heading_close"):
            heading = int(tok.tag[1:]) if kind == "heading_open" else 0
        elif kind == "tr_open":
            row = _Raw("row")
        elif kind == "tr_close" and row is not None:
            raws.append(row)
            row = None
        elif kind == "inline":
            children = list(tok.children or [])
            if row is not None:
                row.cells.append(children)
            elif heading:
                raws.append(_Raw("heading", heading, [children]))
            else:
                raws.append(_Raw(context[-1] if context else "paragraph", cells=[children]))
        elif kind == "code_block" and depth < MAX_INDENTED_DEPTH:
            raws.append(_Raw("indented", literal=tok.content))
        elif kind in ("fence", "code_block", "html_block"):
            raws.append(_Raw("html" if kind == "html_block" else "code", literal=tok.content))
    return raws


# --- links that CommonMark could not parse because they wrap several paragraphs -------------


def _join_split_links(raws: list[_Raw]) -> None:
    """Pair a paragraph opening with a bare `[` with a later one ending in `](url)`.

    A closing `](url)` whose opening was lost upstream still makes its paragraph a link,
    so that no Markdown syntax is left in the text.
    """
    openers: list[int] = []
    group = 0
    for i, raw in enumerate(raws):
        end = _split_link_end(raw)
        if end is not None and openers and i - openers[-1] < MAX_SPLIT_LINK_BLOCKS:
            start = openers.pop()
            group += 1
            _strip_opening(raws[start])
            _strip_closing(raw)
            for member in raws[start : i + 1]:
                member.wrap_url = end
                member.group = group if i > start else None
        elif end is not None:
            _strip_closing(raw)
            raw.wrap_url = end
        elif _opens_split_link(raw):
            openers.append(i)


def _opens_split_link(raw: _Raw) -> bool:
    if len(raw.cells) != 1 or not raw.cells[0]:
        return False
    first = raw.cells[0][0]
    text = "".join(t.content for t in raw.cells[0] if t.type == "text")
    return bool(first.type == "text" and first.content.startswith("[") and "]" not in text)


def _split_link_end(raw: _Raw) -> str | None:
    if len(raw.cells) != 1:
        return None
    m = _SPLIT_LINK_END_RE.match(_trailing_text(raw.cells[0])[1])
    return m.group("url") if m else None


def _trailing_text(cell: list[Token]) -> tuple[int, str]:
    """Where the run of plain text tokens that ends the cell starts, and its text."""
    start = len(cell)
    while start > 0 and cell[start - 1].type == "text":
        start -= 1
    return start, "".join(tok.content for tok in cell[start:])


def _strip_opening(raw: _Raw) -> None:
    """Remove the literal `[` that the parser left at the start of the text."""
    head = raw.cells[0][0]
    raw.cells[0][0] = head.copy(content=head.content[1:])


def _strip_closing(raw: _Raw) -> None:
    """Remove the literal `](url)` that the parser left at the end of the text."""
    cell = raw.cells[0]
    start, text = _trailing_text(cell)
    m = _SPLIT_LINK_END_RE.match(text)
    if m:
        cell[start:] = [cell[start].copy(content=m.group("before"))]


# --- rendering --------------------------------------------------------------------------------


def _render(raw: _Raw, depth: int) -> list[Block]:
    if raw.kind == "html":
        blocks = html_blocks(raw.literal)
    elif raw.kind == "indented":
        # Scraped pages indent by accident far more often than news articles show code.
        blocks = parse_markdown(textwrap.dedent(raw.literal), depth + 1)
    elif raw.kind == "code":
        builder = BlockBuilder()
        builder.add_text(raw.literal)
        blocks = [builder.build("code")]
    else:
        builder = BlockBuilder()
        for i, cell in enumerate(raw.cells):
            if i:
                builder.add(CELL_SEPARATOR)
            render_inline(cell, builder)
        blocks = [builder.build(raw.kind, raw.level)]
    if raw.wrap_url is not None:
        blocks = [_wrap(block, raw.wrap_url, raw.group) for block in blocks]
    return [block for block in blocks if block.text or block.images]


def _wrap(block: Block, url: str, group: int | None) -> Block:
    """The whole block is the anchor of the link that wraps it; inner links give way."""
    links = [CleanLink(0, len(block.text), block.text, url)] if block.text else []
    return Block(block.text, links, block.kind, block.level, block.images, group)


def render_inline(children: list[Token], builder: BlockBuilder) -> None:
    """Write inline tokens: text and code as text, links as spans, images aside, no markup."""
    pending: list[str] = []
    for tok in _without_stray_delimiters(children):
        if tok.type in ("text", "text_special"):
            pending.append(tok.content)
            continue
        builder.add_text("".join(pending))
        pending = []
        _render_token(tok, builder)
    builder.add_text("".join(pending))


def _without_stray_delimiters(children: list[Token]) -> list[Token]:
    """Drop runs of two or more unmatched `*`, `_` or `~` (a lone `*` may be text: 5 * 3)."""
    kept: list[Token] = []
    for char, run in groupby(children, key=_delimiter):
        tokens = list(run)
        if char is None or sum(len(tok.content) for tok in tokens) == 1:
            kept.extend(tokens)
    return kept


def _delimiter(tok: Token) -> str | None:
    """The character of a text token made only of one emphasis delimiter, repeated."""
    chars = set(tok.content)
    if tok.type != "text" or len(chars) != 1 or not chars <= _DELIMITERS:
        return None
    return tok.content[0]


def _render_token(tok: Token, builder: BlockBuilder) -> None:
    kind = tok.type
    if kind in ("softbreak", "hardbreak"):
        builder.add(" ")
    elif kind == "code_inline":
        builder.add_text(tok.content)
    elif kind == "link_open":
        builder.open_link(str(tok.attrs.get("href", "")))
    elif kind == "link_close":
        builder.close_link()
    elif kind == "image":
        builder.images.append(tok.content or str(tok.attrs.get("src", "")))
    elif kind == "html_inline":
        _inline_html(tok.content, builder)


def _inline_html(tag: str, builder: BlockBuilder) -> None:
    """Inline HTML: tags are stripped; `<a href>` still makes a link, `<img>` an image."""
    m = _TAG_RE.match(tag.strip())
    if not m:
        return
    closing, name, attrs = m.group(1) == "/", m.group(2).lower(), m.group(3)
    if name == "a":
        if closing:
            builder.close_link()
        else:
            builder.open_link(_attr(attrs, "href"))
    elif name == "img" and not closing:
        builder.images.append(_attr(attrs, "alt") or _attr(attrs, "src"))
    elif name == "br" or name in _HTML_BLOCK_TAGS:
        builder.add(" ")


def _attr(attrs: str, name: str) -> str:
    m = re.search(rf"\b{name}\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", attrs, re.IGNORECASE)
    return next((g for g in m.groups() if g is not None), "") if m else ""


# --- HTML blocks ------------------------------------------------------------------------------


def html_blocks(html: str) -> list[Block]:
    """Text of a raw HTML block, one block per block-level element, links kept."""
    parser = _HtmlBlockParser()
    try:
        parser.feed(html)
        parser.close()
    except AssertionError:  # html.parser's way to reject a declaration it does not know
        return [b for b in (_tags_stripped(html),) if b.text]
    parser.flush()
    return parser.blocks


def _tags_stripped(html: str) -> Block:
    builder = BlockBuilder()
    builder.add_text(" ".join(_ANY_TAG_RE.sub(" ", html).split()))
    return builder.build()


_ANY_TAG_RE = re.compile(r"<[^<>]*>")


class _HtmlBlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._builder = BlockBuilder()
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in _HTML_SKIP_TAGS:
            self._skip += 1
        elif tag == "a":
            self._builder.open_link(values.get("href", ""))
        elif tag == "img":
            self._builder.images.append(values.get("alt") or values.get("src", ""))
        elif tag == "br":
            self._builder.add(" ")
        elif tag in _HTML_BLOCK_TAGS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag == "a":
            self._builder.close_link()
        elif tag in _HTML_BLOCK_TAGS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._builder.add_text(data)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """`<![foo[` is no CDATA or IF section: HTML reads it as a bogus comment up to `>`."""
        rawdata = self.rawdata
        if rawdata[i + 3 : i + 9] in ("CDATA[",) or rawdata[i + 3 : i + 5].lower() == "if":
            return int(super().parse_marked_section(i, report))
        end = rawdata.find(">", i + 3)
        return len(rawdata) if end < 0 else end + 1

    def flush(self) -> None:
        block = self._builder.build()
        if block.text or block.images:
            self.blocks.append(block)
        self._builder = BlockBuilder()
