"""HTML -> CleanDoc: trafilatura finds the article, one walk over its tree writes text and links.

trafilatura (it never fetches anything here) picks the main content and the metadata; its
extracted tree is walked once (html_walk) so that the text and the link offsets come from the same
pass. Settings chosen by measurement with bench/clean_eval.py on the article-extraction-benchmark
(181 pages, F1 on 4-word shingles, clean_html called directly; trafilatura's own txt output scores
0.953 with its defaults, 0.960 without comments, 0.964 with favor_precision):

- favor_precision, include_comments=False, include_tables=True, include_images=False, no
  deduplication, links kept. Walk alone: precision 0.964, balanced 0.960; tables off -0.004,
  images on -0.006 (they change what trafilatura keeps).
- a second opinion: trafilatura again with favor_recall, whose text replaces the first when the
  precise one is under half as long -- precision mode sometimes keeps a fragment or a notice
  (+0.005; balanced as the second opinion +0.003, its escalation pulls whole pages in; a ratio of
  0.4 is the same, 0.6 is -0.001). Costs a second extraction per page, less what the two runs
  share (html_opinions: the page copy, its pruning, cleaning and readability's opinion), and its
  body is walked only when its tree differs from the first's.
- clean-ups of what trafilatura keeps (`drop_boilerplate`, +0.004): the headline or a copy of the
  title before the body text (metadata, not body), a top line naming the author or the date,
  short paragraphs made only of links (related stories, tags), headings with no text after them.
  Each goes to `removed`: nothing disappears silently.
- issue 14 (F1 0.9725 -> 0.979): link widgets glued into a sentence (hover cards) leave the page
  before extraction (html_widgets), sibling containers that continue the story come back
  (html_chunks), and the paragraph classifier of Markdown and text (boilerplate.py: calls to
  action, credits, separators, teasers) runs on the chosen body.
- with that classifier doing the precision work, trafilatura's balanced mode is the first opinion:
  AEB F1 0.977 (precision mode 0.979), and on trafilatura's own snippet set (990 pages, snippets
  that must be present / absent) F1 0.923 against 0.920 in precision mode; trafilatura's best
  mode there (balanced, no comments) scores 0.922, so precision mode would fall behind it.
Run the bench script for the current table.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urldefrag, urljoin, urlsplit

from courlan import extract_domain
from lxml import etree
from trafilatura.settings import Document, Extractor
from trafilatura.utils import load_html

from pipeline.clean.blocks import Block
from pipeline.clean.boilerplate import remove_boilerplate
from pipeline.clean.document import CleanDoc, CleanMetadata, RemovedBlock
from pipeline.clean.html_chunks import add_sibling_chunks
from pipeline.clean.html_opinions import has_body, opinions
from pipeline.clean.html_walk import (
    SENTENCE_END,
    SPACE_MARK,
    Paragraph,
    join_paragraphs,
    walk_tree,
)
from pipeline.clean.html_widgets import drop_inline_widgets
from pipeline.clean.language import iso_639_1
from pipeline.errors import ParseError
from pipeline.lexicons import load

Focus = Literal["precision", "balanced", "recall"]


@dataclass(frozen=True)
class Extraction:
    """The trafilatura switches we pass; the defaults are the measured best."""

    focus: Focus = "balanced"
    include_tables: bool = True
    include_images: bool = False
    fast: bool = False  # skip trafilatura's comparison with readability/justext
    drop_title: bool = True
    drop_trailing_headings: bool = True
    drop_byline: bool = True
    drop_headline: bool = True
    link_list_share: float = 0.9  # > 1 disables
    link_list_words: int = 20
    # Second opinion: also run trafilatura in `fallback_focus` and take its text when the first
    # is shorter than `fallback_ratio` of it (precision mode sometimes keeps only a fragment).
    fallback_focus: Focus = "recall"
    fallback_ratio: float = 0.5
    classify_blocks: bool = True  # boilerplate.remove_boilerplate on the paragraphs
    sibling_chunks: bool = True  # html_chunks: containers that continue the story


EXTRACTION = Extraction()


def clean_html(html: str, url: str | None = None, settings: Extraction = EXTRACTION) -> CleanDoc:
    """Main text of an HTML page, with its links as spans and its metadata.

    `url` is the page address when the caller knows it; otherwise the page's own
    canonical / og:url / <base> is used to resolve relative links.
    """
    tree = _parse(html)
    page_url = url or _declared_url(tree)
    base_url = _base_url(tree, page_url)
    _prepare_links(tree, base_url)
    widgets = drop_inline_widgets(tree)
    first, second = opinions(
        tree,
        _options(page_url, settings, settings.focus, with_metadata=True),
        _options(page_url, settings, settings.fallback_focus, with_metadata=False)
        if settings.fallback_ratio > 0
        else None,
    )
    documents = [doc for doc in (first, second) if has_body(doc)]
    if not documents:
        raise ParseError("no article text found in the HTML page")
    metadata = _metadata(documents[0], tree, page_url)
    paragraphs, removed = _clean_body(documents[0].body, base_url, metadata, settings, tree)
    # Mostly both opinions return the same tree: cleaning it again would change nothing.
    if len(documents) == 2 and not _same_tree(documents[0].body, documents[1].body):
        other = _clean_body(documents[1].body, base_url, metadata, settings, tree)
        if _length(paragraphs) < settings.fallback_ratio * _length(other[0]):
            paragraphs, removed = other
    if settings.classify_blocks:  # on the chosen body only: it is the costlier step
        paragraphs = _classify(paragraphs, removed, metadata)
    removed = [*widgets, *removed]
    text, links = join_paragraphs(paragraphs)
    if not text:
        raise ParseError("no article text found in the HTML page")
    return CleanDoc(text=text, format="html", metadata=metadata, links=links, removed=removed)


def _element_classes_in_c() -> None:
    """Give trafilatura's one HTML parser lxml's C lookup of element classes.

    lxml.html's own lookup is a Python method, called each time lxml hands an element to Python
    (about 5,000 calls per page, 4 % of the cleaning time). The C lookup gives the same classes:
    HtmlElement for every element, and lxml.html's comment, processing-instruction and entity
    classes. Only lxml.html's form-control subclasses (form, input, select, textarea, label) are
    lost, and their form helpers are read neither here nor by trafilatura.
    """
    from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
    from trafilatura.utils import HTML_PARSER

    HTML_PARSER.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement,
            comment=HtmlComment,
            pi=HtmlProcessingInstruction,
            entity=HtmlEntity,
        )
    )


_element_classes_in_c()


def _parse(html: str) -> etree._Element:
    if not html or not html.strip():
        raise ParseError("the HTML page is empty")
    try:
        tree = load_html(html)
    except (ValueError, etree.LxmlError) as err:  # pragma: no cover - load_html mostly returns None
        raise ParseError(f"cannot parse the HTML page: {err}") from err
    if tree is None:
        raise ParseError("cannot parse the HTML page")
    return tree


def _options(url: str | None, settings: Extraction, focus: Focus, with_metadata: bool) -> Extractor:
    """The trafilatura switches of one run (see `Extraction`)."""
    return Extractor(
        output_format="txt",  # not "python": that renders a text of the body, which we never read
        fast=settings.fast,
        precision=focus == "precision",
        recall=focus == "recall",
        comments=False,
        links=True,
        images=settings.include_images,
        tables=settings.include_tables,
        dedup=False,
        url=url,
        with_metadata=with_metadata,
    )


def _clean_body(
    body: etree._Element,
    base_url: str | None,
    metadata: CleanMetadata,
    settings: Extraction,
    tree: etree._Element,
) -> tuple[list[Paragraph], list[RemovedBlock]]:
    result = walk_tree(body, base_url)
    paragraphs = result.paragraphs
    if settings.sibling_chunks:
        paragraphs = add_sibling_chunks(tree, paragraphs, base_url)
    paragraphs = drop_boilerplate(paragraphs, metadata, settings, result.removed)
    return paragraphs, result.removed


_BLOCK_KIND = {"item": "item", "li": "item", "dt": "item", "dd": "item"}


def _classify(
    paragraphs: list[Paragraph], removed: list[RemovedBlock], metadata: CleanMetadata
) -> list[Paragraph]:
    """The Markdown/text boilerplate classifier on the HTML paragraphs (calls to action,
    contributor credits, separators, teasers): trafilatura judges containers, this judges lines.
    """
    blocks = [
        Block(
            p.text,
            list(p.links),
            "heading" if p.is_heading else _BLOCK_KIND.get(p.kind, "paragraph"),
        )
        for p in paragraphs
    ]
    verdict = remove_boilerplate(blocks)
    removed.extend(verdict.removed)
    metadata.author = metadata.author or verdict.author
    kept = {id(block) for block in verdict.kept}
    return [p for p, block in zip(paragraphs, blocks, strict=True) if id(block) in kept]


def _same_tree(first: etree._Element, second: etree._Element) -> bool:
    """Same tags, attributes, text and tails: the walk and the clean-ups read nothing else."""
    return bool(etree.tostring(first) == etree.tostring(second))


def _length(paragraphs: list[Paragraph]) -> int:
    return sum(len(paragraph.text) for paragraph in paragraphs)


def drop_boilerplate(
    paragraphs: list[Paragraph],
    metadata: CleanMetadata,
    settings: Extraction,
    removed: list[RemovedBlock],
) -> list[Paragraph]:
    """Drop what trafilatura kept around the article: title line, link lists, dangling headings."""
    kept: list[Paragraph] = []
    title = _norm(metadata.title or "")
    for index, paragraph in enumerate(paragraphs):
        if settings.drop_title and title and index < 3 and _norm(paragraph.text) == title:
            removed.append(RemovedBlock(text=paragraph.text, reason="title"))
            continue
        if settings.drop_headline and not kept and paragraph.is_heading:
            # a heading before any body text is the headline (or its kicker): metadata
            removed.append(RemovedBlock(text=paragraph.text, reason="headline"))
            continue
        if settings.drop_byline and index < 4 and _is_byline(paragraph, metadata):
            removed.append(RemovedBlock(text=paragraph.text, reason="byline"))
            continue
        if _is_link_list(paragraph, settings):
            removed.append(RemovedBlock(text=paragraph.text, reason="link-list"))
            continue
        kept.append(paragraph)
    while settings.drop_trailing_headings and kept and kept[-1].is_heading:
        removed.append(RemovedBlock(text=kept.pop().text, reason="trailing-heading"))
    return kept


def _is_byline(paragraph: Paragraph, metadata: CleanMetadata) -> bool:
    """A short line at the top naming the author or giving the publication date, not a sentence."""
    words = paragraph.text.split()
    if len(words) > 15 or paragraph.text[-1] in ".!?":
        return False
    text = paragraph.text.casefold()
    if metadata.author and metadata.author.casefold() in text:
        return True
    if metadata.published and len(words) <= 10:
        year, day = metadata.published[:4], metadata.published[8:10]
        numbers = set(re.findall(r"\d+", text))
        return year in numbers and (day in numbers or day.lstrip("0") in numbers)
    return False


def _is_link_list(paragraph: Paragraph, settings: Extraction) -> bool:
    """A short paragraph made of links (related stories, tags) and no sentence of its own.

    Written-out addresses (an e-mail, a www. name) are the article's words, not a teaser.
    """
    return (
        bool(paragraph.links)
        and len(paragraph.text.split()) <= settings.link_list_words
        and paragraph.text[-1] not in SENTENCE_END
        and not any(_ADDRESS_RE.search(link.anchor) for link in paragraph.links)
        and paragraph.link_share() >= settings.link_list_share
    )


_ADDRESS_RE = re.compile(r"@|://|^www\.|\.(?:com|org|net)\b", re.IGNORECASE)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


# Compiled once: tree.xpath() compiles its expression on every call.
_DECLARED_URL_XPATH = etree.XPath(
    '//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href'
    ' | //meta[@property="og:url" or @name="og:url"]/@content'
)
_BASE_XPATH = etree.XPath("//base/@href")
_LANGUAGE_XPATH = etree.XPath("/html/@lang | //meta[@property='og:locale']/@content")


def _declared_url(tree: etree._Element) -> str | None:
    """The page's own address: canonical link, then og:url; absolute http(s) only."""
    for candidate in _DECLARED_URL_XPATH(tree):
        value = str(candidate).strip()
        if _absolute_http(value):
            return value
    return None


def _absolute_http(url: str) -> bool:
    """An absolute http(s) address that parses (a malformed one, like `http://[::1`, is not)."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises on a port that is not a number in range
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _base_url(tree: etree._Element, page_url: str | None) -> str | None:
    bases = _BASE_XPATH(tree)
    base = str(bases[0]).strip() if bases else ""
    if base:
        try:
            base = urljoin(page_url or "", base)
            parts = urlsplit(base)
            _ = parts.port
        except ValueError:  # a malformed <base href> is ignored, as browsers do
            return page_url
        if parts.netloc:
            return base
    return page_url


def _prepare_links(tree: etree._Element, base_url: str | None) -> None:
    """Resolve hrefs against the full page address and pin the spaces around links.

    trafilatura resolves against the host only, and it trims the text before and after
    a link it keeps, which glues "<a>reported</a> that" into "reportedthat". A SPACE_MARK
    (not whitespace to str.split) survives the trimming; the walk reads it as a space.
    """
    page = urldefrag(base_url)[0] if base_url else None
    targets: dict[str, str | None] = {}  # pages repeat their links (menus, share buttons)
    for anchor in tree.iter("a"):
        raw = anchor.get("href") or ""
        if raw not in targets:
            targets[raw] = _link_href(raw, base_url, page)
        href = targets[raw]
        if href is None:
            anchor.attrib.pop("href", None)  # an in-page anchor: its text stays, no link
        elif href:
            anchor.set("href", href)
        _pin_space_after(anchor)
        _pin_space_before(anchor)


def _link_href(raw: str, base_url: str | None, page: str | None) -> str | None:
    """The resolved address of an href; None for an in-page anchor, "" for no address."""
    href = raw.strip()
    if base_url and href:
        with suppress(ValueError):  # a malformed address (bad IPv6 literal...) stays as is
            href = urljoin(base_url, href)
    if href.startswith("#") or (page and "#" in href and urldefrag(href)[0] == page):
        return None
    return href


# Inline tags that trafilatura strips (formatting off), so their edges become the link's.
_INLINE_HTML = frozenset(
    "b strong i em span u small big font mark sup sub abbr cite q s strike del ins time tt".split()
)


def _pin_space_after(node: etree._Element) -> None:
    while True:
        if node.tail:
            if node.tail[0].isspace():
                node.tail = SPACE_MARK + node.tail
            return
        parent = node.getparent()
        if parent is None or parent.tag not in _INLINE_HTML or node.getnext() is not None:
            return
        node = parent


def _pin_space_before(node: etree._Element) -> None:
    while True:
        previous = node.getprevious()
        if previous is not None:
            if previous.tail and previous.tail[-1].isspace():
                previous.tail += SPACE_MARK
            return
        parent = node.getparent()
        if parent is None:
            return
        if parent.text:
            if parent.text[-1].isspace():
                parent.text += SPACE_MARK
            return
        if parent.tag not in _INLINE_HTML:
            return
        node = parent


def _metadata(document: Document, tree: etree._Element, url: str | None) -> CleanMetadata:
    return CleanMetadata(
        title=_clean(document.title),
        author=_clean(document.author),
        published=_clean(document.date),
        url=_clean(document.url) or url,
        site=site_name(_clean(document.sitename), _clean(document.url) or url),
        language=_declared_language(tree),  # the text decides later (clean.language)
    )


def _declared_language(tree: etree._Element) -> str | None:
    """Primary subtag of <html lang> or og:locale ("en-US" -> "en")."""
    for value in _LANGUAGE_XPATH(tree):
        code = iso_639_1(str(value))
        if code:
            return code
    return None


_SITE_SEPARATOR_RE = re.compile(r"\s+[|·–—-]\s+")


def site_name(declared: str | None, url: str | None) -> str | None:
    """The page's own name (og:site_name, publisher) or else its registered domain.

    A declared name is cut at a tagline separator ("LinkNaija | Nigeria's popular news
    platform"); it is not a name when it is an address, a copyright line or a word a CMS
    puts there ("Hosted" on hosted.ap.org -> "ap.org").
    """
    domain = _registered_domain(url)
    name = _SITE_SEPARATOR_RE.split(declared)[0].strip(" _") if declared else ""
    if name and (
        "://" in name
        or name.casefold().startswith(("copyright", "©"))
        or name.casefold() in load("clean_cms_site_words", lower=True)
    ):
        name = ""
    return name or domain


def _registered_domain(url: str | None) -> str | None:
    if not url or not urlsplit(url).netloc:
        return None
    with suppress(ValueError):
        domain = extract_domain(url)
        if isinstance(domain, str) and "." in domain:
            return domain
    return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.replace(SPACE_MARK, " ").split())
    return value or None


__all__ = ["EXTRACTION", "Extraction", "clean_html"]
