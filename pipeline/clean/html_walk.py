"""One walk over trafilatura's extracted tree: paragraphs with their link spans.

Writing the text and recording the link offsets in the same pass is what keeps
`text[start:end] == anchor` true by construction; rendering text first and searching
for anchors afterwards breaks on repeated words and on links that cross inline markup
(the muddle of trafilatura's own text output with links kept, its issue #476).
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from pipeline.clean.addresses import followable
from pipeline.clean.document import CleanLink, RemovedBlock

# trafilatura's own block tags, plus the HTML names that its fallback extractors
# (readability, justext, baseline) may leave in the tree.
BLOCK_TAGS = frozenset(
    """
    p head list item quote table row div section article main body header footer aside nav
    h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote pre figure figcaption tr tbody thead tfoot
    form fieldset details summary address center hr
    """.split()
)
HEADING_TAGS = frozenset(("head", "h1", "h2", "h3", "h4", "h5", "h6"))
CELL_TAGS = frozenset(("cell", "td", "th"))
BREAK_TAGS = frozenset(("lb", "br"))
IMAGE_TAGS = frozenset(("graphic", "img"))
LINK_TAGS = frozenset(("ref", "a"))
# Containers in which a <code> element stands alone as a block rather than inline.
CODE_BLOCK_PARENTS = frozenset(("body", "div", "quote", "blockquote", "section", "article"))
SKIP_TAGS = frozenset(("script", "style", "noscript", "template"))
_NOT_INLINE = BLOCK_TAGS | BREAK_TAGS | SKIP_TAGS | IMAGE_TAGS


# Stands for a space that trafilatura would trim away (see html._prepare_links).
SPACE_MARK = "\u2063"
SPACE_RE = re.compile(r"[\s\u2063]+")
# Invisible characters that only split words for a tokenizer.
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u2060\ufeff]")

# Separators by strength: a paragraph break wins over a soft break (see _SOFT), over a cell
# separator, over a space.
_SPACE, _CELL, _SOFT, _BREAK = " ", " | ", "soft", "\n\n"
_STRENGTH = {"": 0, _SPACE: 1, _CELL: 2, _SOFT: 3, _BREAK: 4}
# A paragraph that ends with one of these ended its sentence.
SENTENCE_END = frozenset(".!?…:;\"”»)]’'")
# Text that cannot open a paragraph: it continues the sentence before it.
_CONTINUATION_RE = re.compile(r"[.,;:!?)\]](?:\s|$)|[,;:)\]]")
PARAGRAPH_SEPARATOR = _BREAK


@dataclass
class Paragraph:
    """One paragraph of clean text; `kind` is the tag of the block it was written in."""

    text: str
    kind: str
    links: list[CleanLink] = field(default_factory=list)  # offsets local to `text`

    @property
    def is_heading(self) -> bool:
        return self.kind in HEADING_TAGS

    def link_share(self) -> float:
        """Share of the paragraph's non-space characters inside links."""
        total = len(self.text.replace(" ", ""))
        linked = sum(len(link.anchor.replace(" ", "")) for link in self.links)
        return linked / total if total else 0.0


@dataclass
class WalkResult:
    paragraphs: list[Paragraph] = field(default_factory=list)
    removed: list[RemovedBlock] = field(default_factory=list)


@dataclass
class _OpenLink:
    url: str
    start: int | None = None


class _Writer:
    """Appends collapsed text; separators wait until real text follows, so none dangle."""

    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.parts: list[str] = []
        self.length = 0
        self.kind = ""
        self.pending = ""
        self.open_links: list[_OpenLink] = []
        self.spans: list[tuple[int, int, str]] = []
        self.blocks: list[str] = ["body"]

    def separate(self, sep: str) -> None:
        if self.open_links and sep in (_BREAK, _SOFT):
            sep = _SPACE  # a link's anchor stays within one paragraph
        if _STRENGTH[sep] > _STRENGTH[self.pending]:
            self.pending = sep

    def write(self, raw: str | None) -> None:
        if not raw:
            return
        raw = _INVISIBLE_RE.sub("", raw)
        for i, word_run in enumerate(SPACE_RE.split(raw)):
            if i:
                self.separate(_SPACE)
            if word_run:
                self._emit(word_run)

    def _emit(self, chunk: str) -> None:
        if self.pending == _SOFT:
            self.pending = self._resolve_soft(chunk)
        if self.pending == _BREAK:
            self.end_paragraph()
        elif self.length and self.pending:
            self.parts.append(self.pending)
            self.length += len(self.pending)
        self.pending = ""
        if not self.length:
            self.kind = self.blocks[-1]
        for link in self.open_links:
            if link.start is None:
                link.start = self.length
        self.parts.append(chunk)
        self.length += len(chunk)

    def _resolve_soft(self, chunk: str) -> str:
        """A soft break is a real one only when the text before it ended its sentence."""
        if not self.length or self.parts[-1][-1] in SENTENCE_END:
            return _BREAK
        return "" if _CONTINUATION_RE.match(chunk) else _SPACE

    def close_link(self, link: _OpenLink) -> bool:
        """Record the span of a closing link; False when it wrapped no text."""
        if link.start is None:
            return False
        self.spans.append((link.start, self.length, link.url))
        return True

    def end_paragraph(self) -> None:
        if self.length:
            text = "".join(self.parts)
            links = [CleanLink(s, e, text[s:e], url) for s, e, url in self.spans]
            self.paragraphs.append(Paragraph(text=text, kind=self.kind, links=links))
        self.parts, self.length, self.spans = [], 0, []


def link_target(raw: str | None, base_url: str | None) -> str | None:
    """The address a link points to, or None when it is no link (empty, script, in-page)."""
    target = (raw or "").strip()
    if not target or target.startswith("#"):
        return None
    if base_url:
        with suppress(ValueError):  # a malformed address (bad IPv6 literal...) stays as is
            target = urljoin(base_url, target)
    return target if followable(target) else None


class TreeWalker:
    """Renders trafilatura's XML body: p, head, list/item, quote, table/row/cell, ref, hi, lb..."""

    def __init__(self, base_url: str | None = None) -> None:
        self.base_url = base_url
        self.out = _Writer()
        self.removed: list[RemovedBlock] = []

    def walk(self, root: etree._Element) -> WalkResult:
        self._children(root)
        self.out.end_paragraph()
        return WalkResult(paragraphs=self.out.paragraphs, removed=self.removed)

    def _element(self, elem: etree._Element) -> None:
        tag = elem.tag if isinstance(elem.tag, str) else ""
        if not tag or tag in SKIP_TAGS:  # comments, processing instructions, scripts
            pass
        elif tag in BREAK_TAGS:  # normally empty; whatever it holds is still written
            self.out.separate(_BREAK)
            self._children(elem)
        elif tag in IMAGE_TAGS:
            self._image(elem)
        elif tag in LINK_TAGS:
            self._link(elem)
        elif tag in CELL_TAGS:
            self.out.separate(_CELL)
            self._children(elem)
            self.out.separate(_CELL)
        elif tag in BLOCK_TAGS or (tag == "code" and self._code_is_block(elem)):
            brk = _SOFT if tag == "p" and self._in_running_text(elem) else _BREAK
            self.out.separate(brk)
            self.out.blocks.append(tag)
            self._children(elem)
            self.out.blocks.pop()
            self.out.separate(brk)
        else:  # inline: hi, del, code in running text, span, em...
            self._children(elem)
        self.out.write(elem.tail)

    def _children(self, elem: etree._Element) -> None:
        self.out.write(elem.text)
        for child in elem:
            self._element(child)

    @staticmethod
    def _in_running_text(elem: etree._Element) -> bool:
        """A <p> beside loose text or links in its container is a fragment of split running text.

        Extractors wrap the loose text of a <div> into paragraphs but leave its links and
        emphasis outside, so one sentence comes out as <p>...</p><ref>...</ref><p>...</p>.
        """
        parent = elem.getparent()
        if parent is None:
            return False
        for neighbour in (elem.getprevious(), elem.getnext()):
            if neighbour is not None and _is_inline(neighbour):
                return True
        previous = elem.getprevious()
        loose = previous.tail if previous is not None else parent.text
        return bool((loose and loose.strip()) or (elem.tail and elem.tail.strip()))

    @staticmethod
    def _code_is_block(elem: etree._Element) -> bool:
        parent = elem.getparent()
        return parent is None or parent.tag in CODE_BLOCK_PARENTS

    def _image(self, elem: etree._Element) -> None:
        label = elem.get("alt") or elem.get("title") or elem.get("src") or ""
        self.removed.append(RemovedBlock(text=SPACE_RE.sub(" ", label).strip(), reason="image"))

    def _link(self, elem: etree._Element) -> None:
        raw = elem.get("target") if elem.tag == "ref" else elem.get("href")
        url = link_target(raw, self.base_url)
        if url is None or self.out.open_links:  # not a link, or nested in one: text only
            self._children(elem)
            return
        link = _OpenLink(url)
        self.out.open_links.append(link)
        self._children(elem)
        self.out.open_links.pop()
        if not self.out.close_link(link):
            self.removed.append(RemovedBlock(text=url, reason="empty-link"))


def _is_inline(elem: etree._Element) -> bool:
    tag = elem.tag if isinstance(elem.tag, str) else ""
    return bool(tag) and tag not in _NOT_INLINE


def walk_tree(root: etree._Element, base_url: str | None = None) -> WalkResult:
    """Paragraphs (with local link spans) and dropped blocks of an extracted tree, in one pass."""
    return TreeWalker(base_url).walk(root)


def join_paragraphs(paragraphs: list[Paragraph]) -> tuple[str, list[CleanLink]]:
    """The clean text (one blank line between paragraphs) and its links in global offsets."""
    texts: list[str] = []
    links: list[CleanLink] = []
    offset = 0
    for paragraph in paragraphs:
        if texts:
            offset += len(PARAGRAPH_SEPARATOR)
        texts.append(paragraph.text)
        for link in paragraph.links:
            links.append(
                CleanLink(link.start + offset, link.end + offset, link.anchor, link.raw_url)
            )
        offset += len(paragraph.text)
    return PARAGRAPH_SEPARATOR.join(texts), links
