"""Articles split across sibling containers: find the chunks the extractor left behind.

Some templates cut one story into several identical containers (an ad or a newsletter box
between them); trafilatura keeps the container it scored best and drops the rest, so the
text stops mid-story. A container is a continuation when it repeats the kept container's
signature (same tag and class), sits close to it in the tree (a common ancestor within
`MAX_ANCESTOR_DISTANCE` levels) and holds paragraphs of its own. Its paragraphs are walked
like the extracted ones and put back in document order.
"""

from __future__ import annotations

import re

from lxml import etree

from pipeline.clean.html_walk import Paragraph, walk_tree

MAX_ANCESTOR_DISTANCE = 3
MIN_CHUNK_WORDS = 25  # text of its own paragraphs; a teaser box has less
KEY_WORDS = 12  # paragraphs are matched on their first words
_CHUNK_TAGS = ("p", "h2", "h3", "h4")
_OUTSIDE_TEXT = frozenset(("aside", "figure", "figcaption", "nav", "footer", "form", "header"))
_WORD_RE = re.compile(r"\w+")


def _key(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.casefold())[:KEY_WORDS])


def add_sibling_chunks(
    tree: etree._Element, paragraphs: list[Paragraph], base_url: str | None
) -> list[Paragraph]:
    """`paragraphs` plus those of sibling containers that continue the story, in page order."""
    if not paragraphs:
        return paragraphs
    kept = {_key(p.text) for p in paragraphs if len(p.text.split()) >= KEY_WORDS // 2}
    found = [el for el in tree.iter("p") if _key(_text(el)) in kept]
    containers = _unique(el.getparent() for el in found if el.getparent() is not None)
    if len(containers) != 1:
        return paragraphs  # nothing matched, or the extraction already spans containers
    home = containers[0]
    chunks = [el for el in _same_signature(tree, home) if _near(el, home)]
    if len(chunks) < 2:
        return paragraphs
    result: list[Paragraph] = []
    for chunk in chunks:
        if chunk is home:
            result.extend(paragraphs)
            continue
        own = _chunk_paragraphs(chunk, base_url)
        if sum(len(p.text.split()) for p in own) >= MIN_CHUNK_WORDS:
            result.extend(p for p in own if _key(p.text) not in kept)
    return result


def _same_signature(tree: etree._Element, home: etree._Element) -> list[etree._Element]:
    cls = home.get("class")
    if not cls:
        return []
    return [el for el in tree.iter(home.tag) if el.get("class") == cls]


def _near(element: etree._Element, home: etree._Element) -> bool:
    ancestors = list(home.iterancestors())[:MAX_ANCESTOR_DISTANCE]
    return any(a in ancestors for a in list(element.iterancestors())[:MAX_ANCESTOR_DISTANCE])


def _chunk_paragraphs(chunk: etree._Element, base_url: str | None) -> list[Paragraph]:
    out: list[Paragraph] = []
    for element in chunk.iter(*_CHUNK_TAGS):
        if any(a.tag in _OUTSIDE_TEXT for a in element.iterancestors()):
            continue
        if any(a.tag in _CHUNK_TAGS for a in element.iterancestors()):
            continue
        copy = etree.fromstring(etree.tostring(element, with_tail=False))
        out.extend(walk_tree(copy, base_url).paragraphs)
    return out


def _text(element: etree._Element) -> str:
    return str(etree.tostring(element, method="text", encoding="unicode", with_tail=False))


def _unique(elements: object) -> list[etree._Element]:
    seen: dict[int, etree._Element] = {}
    for element in elements:  # type: ignore[attr-defined]
        seen.setdefault(id(element), element)
    return list(seen.values())
