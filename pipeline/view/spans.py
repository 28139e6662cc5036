"""The clean text as HTML with every fact marked in place.

Facts overlap: a link anchor is also an entity mention, a date sits inside a quote. Spans that
nest become nested elements; spans that cross (a quote that ends inside a name) cannot nest in
HTML, so the later one is split into pieces. Only the first piece carries the fact's `id`; every
piece carries `data-fact`, so a test or a script can put a fact back together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

KIND_ORDER = {"quote": 0, "link": 1, "entity": 2, "date": 3}
"""Among spans with the same extent, the outermost first."""


@dataclass(frozen=True)
class Mark:
    """One fact's place in the text and how it is shown."""

    start: int
    end: int
    kind: str
    """quote, link, entity or date."""
    anchor: str
    """The HTML id of its (first) element in the text."""
    panel: str
    """The HTML id of its entry in a side panel."""
    title: str
    css: str = ""


def _order(mark: Mark) -> tuple[int, int, int]:
    return (-mark.end, KIND_ORDER.get(mark.kind, 9), mark.start)


def highlight(text: str, marks: Sequence[Mark]) -> Markup:
    """`text` escaped, with one <mark> element (or several pieces) per fact."""
    starting: dict[int, list[Mark]] = defaultdict(list)
    points = {0, len(text)}
    for mark in marks:
        starting[mark.start].append(mark)
        points.update((mark.start, mark.end))
    for group in starting.values():
        group.sort(key=_order)
    opened: set[str] = set()
    stack: list[Mark] = []
    out: list[str] = []

    def open_(mark: Mark) -> None:
        out.append(_open_tag(mark, first=mark.anchor not in opened))
        opened.add(mark.anchor)

    pos = 0
    for point in sorted(points):
        out.append(escape(text[pos:point]))
        pos = point
        ending = [i for i, mark in enumerate(stack) if mark.end <= point]
        if ending:  # close from the outermost ending span up; reopen what goes on
            top = ending[0]
            out.append("</mark>" * (len(stack) - top))
            going_on = sorted((m for m in stack[top:] if m.end > point), key=_order)
            del stack[top:]
            for mark in going_on:
                open_(mark)
                stack.append(mark)
        for mark in starting.get(point, ()):
            open_(mark)
            if mark.end > point:
                stack.append(mark)
            else:  # an empty span: an empty element keeps its id reachable
                out.append("</mark>")
    out.append("</mark>" * len(stack))
    return Markup("".join(out))


def _open_tag(mark: Mark, first: bool) -> str:
    classes = f"f f-{mark.kind} {mark.css}".strip()
    ident = f' id="{escape(mark.anchor)}"' if first else ""
    if not first:
        classes += " cont"
    return (
        f'<mark class="{escape(classes)}"{ident} data-fact="{escape(mark.anchor)}"'
        f' data-panel="{escape(mark.panel)}" title="{escape(mark.title)}">'
    )


def unique_anchors(names: Iterable[str]) -> list[str]:
    """The names made unique within a page (a repeated id gets ~2, ~3)."""
    seen: dict[str, int] = {}
    result = []
    for name in names:
        count = seen.get(name, 0) + 1
        seen[name] = count
        result.append(name if count == 1 else f"{name}~{count}")
    return result
