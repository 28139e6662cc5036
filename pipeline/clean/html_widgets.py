"""Link widgets nested inside a sentence (hover cards, "MORE" boxes) leave the page.

A profile card that pops up over a name ("Jane DoeJane Q. DoeMayor seeks new term ... MORE")
is markup inside the paragraph, so every extractor glues it into the sentence. Its
shape is general: the smallest inline element inside a paragraph that holds several links
with nothing but spaces between them (a sentence that lists links writes commas and "and"),
while the paragraph around it has words of its own. Runs on the page before extraction; each
widget goes to `removed` with reason "inline-widget".
"""

from __future__ import annotations

from lxml import etree

from pipeline.clean.document import RemovedBlock
from pipeline.clean.html_walk import SPACE_MARK

# An inline widget inside a sentence: at least this many links, glued together.
MIN_WIDGET_LINKS = 3
MIN_SENTENCE_WORDS = 5  # words of the paragraph outside the widget
_PARAGRAPH_TAGS = ("p",)


def drop_inline_widgets(tree: etree._Element) -> list[RemovedBlock]:
    """Remove link lists nested inside a sentence (in place); return what went."""
    removed: list[RemovedBlock] = []
    for paragraph in tree.iter(*_PARAGRAPH_TAGS):
        for element in list(paragraph.iter("span", "div", "aside", "ul", "ol", "figure")):
            if element is paragraph or not _is_widget(element):
                continue
            if any(_is_widget(child) for child in element.iterdescendants("span", "div")):
                continue  # the smallest one goes: its parent may hold the name it describes
            text = " ".join(_text_content(element).replace(SPACE_MARK, " ").split())
            outside = len(_text_content(paragraph).split()) - len(text.split())
            if outside < MIN_SENTENCE_WORDS or element.getparent() is None:
                continue
            removed.append(RemovedBlock(text=text, reason="inline-widget"))
            _remove_keep_tail(element)
    return removed


def _is_widget(element: etree._Element) -> bool:
    """Several links and, outside them, no word: not a sentence that mentions links."""
    if sum(1 for a in element.iter("a") if _text_content(a).strip()) < MIN_WIDGET_LINKS:
        return False
    loose = [element.text or ""] if element.tag != "a" else []
    for node in element.iterdescendants():
        if not _in_link(node, element):
            loose.append(node.text or "")
        parent = node.getparent()
        if parent is not None and not _in_link(parent, element):
            loose.append(node.tail or "")
    return not any(ch.isalnum() for ch in "".join(loose))


def _in_link(node: etree._Element, top: etree._Element) -> bool:
    while node is not None:
        if node.tag == "a":
            return True
        if node is top:
            return False
        node = node.getparent()
    return False


def _text_content(element: etree._Element) -> str:
    return str(etree.tostring(element, method="text", encoding="unicode", with_tail=False))


def _remove_keep_tail(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
