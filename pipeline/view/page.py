"""What one document's page shows: the marked text and the side panels, as plain data.

Built from the output JSON as a dict, so fields added by a newer minor schema (a speaker's
`via` and `confidence`) are shown when present and nothing breaks when they are not.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from pipeline import kinds
from pipeline.export.read import JsonDict, metadata
from pipeline.view.spans import Mark, highlight, unique_anchors

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
TIMEX_POINT = re.compile(r"^-?\d")
"""A value that is a point or period on the calendar (2021, 2021-03-04, 199, 2021-Q1)."""
SPEAKER_EXTRAS = ("via", "confidence")
"""Optional speaker fields shown when an output has them."""


def safe_href(url: object) -> str | None:
    """A URL for an href, or None when it could run code (javascript:, data:, ...)."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url if scheme in SAFE_SCHEMES else None


def css_token(value: object) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "", str(value))[:40]


@dataclass
class QuoteItem:
    panel: str
    anchor: str
    text: str
    kind: str
    cue: str | None
    role: str | None
    extras: list[tuple[str, str]]
    speaker_anchor: str | None


@dataclass
class SpeakerGroup:
    name: str
    entity_panel: str | None
    quotes: list[QuoteItem] = field(default_factory=list)


@dataclass
class DateItem:
    panel: str
    anchor: str
    text: str
    type: str
    value: str | None
    mod: str | None


@dataclass
class EntityItem:
    panel: str
    name: str
    label: str
    salience: float
    mentions: list[str]
    """Anchors of its mentions in the text, in order."""


@dataclass
class LinkItem:
    panel: str
    anchor: str
    text: str
    url: str
    href: str | None
    raw_url: str
    domain: str | None


@dataclass
class FactItem:
    """A fact of a kind with no panel of its own: its text, where it is."""

    panel: str
    anchor: str
    text: str


@dataclass
class KindPanel:
    """The panel of a fact kind the page has no dedicated panel for (`PANELS`)."""

    name: str
    title: str
    facts: list[FactItem]


@dataclass
class Page:
    id: str
    title: str
    text_html: Markup
    meta: list[tuple[str, str, str | None]]
    """(label, value, href) rows."""
    speakers: list[SpeakerGroup]
    timeline: list[DateItem]
    other_dates: list[DateItem]
    unresolved: list[DateItem]
    entities: list[EntityItem]
    links: list[LinkItem]
    removed: list[tuple[str, str]]
    counts: dict[str, int]
    tally: list[str]
    """The byline's "3 quotes", one per kind."""
    others: list[KindPanel]
    """Kinds of pipeline.kinds without a dedicated panel, in table order."""


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


PANELS = ("entities", "quotes", "dates", "links")
"""Kinds with a panel of their own; every other kind of pipeline.kinds gets a plain list."""


def fact_keys(doc: JsonDict) -> dict[str, list[str]]:
    """The page's key of each fact, by kind: `t-<key>` in the text, `p-<key>` in a panel. The
    fact's id with a kind prefix, made unique should an output repeat an id."""
    return {
        kind.name: unique_anchors([f"{prefix}-{fact.get('id')}" for fact in doc.get(kind.name, [])])
        for kind, prefix in zip(kinds.FACT_KINDS, _prefixes(), strict=True)
    }


def _prefixes() -> list[str]:
    """Each kind's key prefix: the shortest start of its singular no other kind's shares
    (entity e, date d, quote q, link l)."""
    words = [kind.singular for kind in kinds.FACT_KINDS]
    out = []
    for word in words:
        n = 1
        while n < len(word) and any(o != word and o[:n] == word[:n] for o in words):
            n += 1
        out.append(word[:n])
    return out


def build_page(doc: JsonDict) -> Page:
    """The page model of one document (checked by pipeline.export.read)."""
    keys = fact_keys(doc)
    entity_keys = keys["entities"]
    marks: list[Mark] = []
    entities, mention_at = _entities(doc, entity_keys, marks)
    entity_ids = [str(e.get("id")) for e in doc.get("entities", [])]
    panel_of = {eid: f"p-{key}" for eid, key in zip(entity_ids, entity_keys, strict=True)}
    speakers = _speakers(doc, keys["quotes"], marks, panel_of, mention_at)
    timeline, other, unresolved = _dates(doc, keys["dates"], marks)
    links = _links(doc, keys["links"], marks)
    others = [
        _kind_panel(doc, kind, keys[kind.name], marks)
        for kind in kinds.FACT_KINDS
        if kind.name not in PANELS
    ]
    removed = [(str(r.get("text", "")), str(r.get("reason", ""))) for r in doc.get("removed", [])]
    return Page(
        id=str(doc["id"]),
        title=str(metadata(doc).get("title") or doc["id"]),
        text_html=highlight(doc["text"], marks),
        meta=_meta_rows(doc),
        speakers=speakers,
        timeline=timeline,
        other_dates=other,
        unresolved=unresolved,
        entities=entities,
        links=links,
        removed=removed,
        counts=counts(doc),
        tally=tally(doc),
        others=others,
    )


def _kind_panel(
    doc: JsonDict, kind: kinds.FactKind, keys: list[str], marks: list[Mark]
) -> KindPanel:
    """A kind's facts in text order, each marked where it is (its mentions, when it has)."""
    items: list[FactItem] = []
    for key, fact in zip(keys, doc.get(kind.name, []), strict=True):
        places = fact.get(kind.mentions, []) if kind.mentions is not None else [fact]
        text = str(fact.get(kind.text_field) or fact.get("text", ""))
        anchor = f"t-{key}"
        for n, place in enumerate(places):
            where = anchor if n == 0 else f"{anchor}-m{n + 1}"
            marks.append(
                Mark(place["start"], place["end"], kind.singular, where, f"p-{key}",
                     f"{kind.singular}: {text}")
            )  # fmt: skip
        items.append(FactItem(f"p-{key}", anchor if places else "", text))
    return KindPanel(kind.name, kind.name.capitalize(), items)


def _entities(
    doc: JsonDict, keys: list[str], marks: list[Mark]
) -> tuple[list[EntityItem], dict[tuple[int, int], str]]:
    """Entities by salience, and the anchor of the mention at each (start, end)."""
    items: list[EntityItem] = []
    mention_at: dict[tuple[int, int], str] = {}
    for key, entity in zip(keys, doc.get("entities", []), strict=True):
        label, name = str(entity.get("label", "")), str(entity.get("name", ""))
        anchors = []
        for n, mention in enumerate(entity.get("mentions", []), 1):
            anchor = f"t-{key}-m{n}"
            anchors.append(anchor)
            mention_at.setdefault((mention["start"], mention["end"]), anchor)
            css = f"lab-{css_token(label)}"
            marks.append(
                Mark(mention["start"], mention["end"], "entity", anchor, f"p-{key}",
                     f"{label}: {name}", css)
            )  # fmt: skip
        salience = entity.get("salience")
        score = float(salience) if isinstance(salience, int | float) else 0.0
        items.append(EntityItem(f"p-{key}", name, label, score, anchors))
    items.sort(key=lambda e: (-e.salience, e.name.casefold()))
    return items, mention_at


def _speakers(
    doc: JsonDict,
    keys: list[str],
    marks: list[Mark],
    panel_of: dict[str, str],
    mention_at: dict[tuple[int, int], str],
) -> list[SpeakerGroup]:
    """Quotes grouped by speaker name, in order of first quote; unattributed ones last."""
    groups: dict[str, SpeakerGroup] = {}
    for key, quote in zip(keys, doc.get("quotes", []), strict=True):
        found = quote.get("speaker")
        speaker: JsonDict = found if isinstance(found, dict) else {}
        name = str(speaker.get("name") or "")
        if name.casefold() not in groups:
            panel = panel_of.get(str(speaker.get("entity_id")))
            groups[name.casefold()] = SpeakerGroup(name or "Unattributed", panel)
        where = (speaker.get("start"), speaker.get("end"))
        item = QuoteItem(
            panel=f"p-{key}",
            anchor=f"t-{key}",
            text=str(quote.get("text", "")),
            kind=str(quote.get("kind", "")),
            cue=_str(quote.get("cue")),
            role=_str(speaker.get("role")),
            extras=[(k, _fmt(speaker[k])) for k in SPEAKER_EXTRAS if speaker.get(k) is not None],
            speaker_anchor=mention_at.get(where),  # type: ignore[arg-type]
        )
        groups[name.casefold()].quotes.append(item)
        who = f"by {name}" if name else "unattributed"
        marks.append(
            Mark(quote["start"], quote["end"], "quote", item.anchor, item.panel,
                 f"quote ({item.kind}) {who}", f"k-{css_token(item.kind)}")
        )  # fmt: skip
    return sorted(groups.values(), key=lambda g: not g.name or g.name == "Unattributed")


def _dates(
    doc: JsonDict, keys: list[str], marks: list[Mark]
) -> tuple[list[DateItem], list[DateItem], list[DateItem]]:
    """Calendar dates and times by value; durations, sets and references; unresolved ones."""
    timeline: list[DateItem] = []
    other: list[DateItem] = []
    unresolved: list[DateItem] = []
    for key, date in zip(keys, doc.get("dates", []), strict=True):
        item = DateItem(
            panel=f"p-{key}",
            anchor=f"t-{key}",
            text=str(date.get("text", "")),
            type=str(date.get("type", "")),
            value=_str(date.get("value")),
            mod=_str(date.get("mod")),
        )
        if item.value is None:
            unresolved.append(item)
        elif item.type in ("DATE", "TIME") and TIMEX_POINT.match(item.value):
            timeline.append(item)
        else:
            other.append(item)
        css = "unresolved" if item.value is None else ""
        marks.append(
            Mark(date["start"], date["end"], "date", item.anchor, item.panel,
                 f"{item.type} {item.value or 'unresolved'}", css)
        )  # fmt: skip
    timeline.sort(key=lambda d: _timex_key(d.value or ""))
    return timeline, other, unresolved


def _links(doc: JsonDict, keys: list[str], marks: list[Mark]) -> list[LinkItem]:
    items: list[LinkItem] = []
    for key, link in zip(keys, doc.get("links", []), strict=True):
        url = str(link.get("url", ""))
        item = LinkItem(
            panel=f"p-{key}",
            anchor=f"t-{key}",
            text=str(link.get("text", "")),
            url=url,
            href=safe_href(url),
            raw_url=str(link.get("raw_url", "")),
            domain=_str(link.get("domain")),
        )
        items.append(item)
        marks.append(
            Mark(link["start"], link["end"], "link", item.anchor, item.panel,
                 f"link to {item.domain or url}")
        )  # fmt: skip
    return items


def counts(doc: JsonDict) -> dict[str, int]:
    """How many facts of each kind, in table order."""
    return {name: len(doc.get(name, [])) for name in kinds.names()}


def tally(doc: JsonDict) -> list[str]:
    """ "3 quotes", "1 entity", ...: each kind's count, named as the kinds table names it."""
    return [
        f"{n} {kind.singular if n == 1 else kind.name}"
        for kind, n in zip(kinds.FACT_KINDS, counts(doc).values(), strict=True)
    ]


SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_CALENDAR = re.compile(
    r"(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2})(?P<time>T.*)?)?"
    r"|W(?P<week>\d{2})(?:-WE)?|(?P<season>SP|SU|FA|WI)|Q(?P<quarter>[1-4])|H(?P<half>[12])))?"
)


def _timex_key(value: str) -> tuple[int, int, int, str, int]:
    """Calendar order of TIMEX3 values by where they start: 2025 < 2025-Q1 < 2025-SP (March) <
    2025-06 < 2025-06-17; a decade (199) is 1990. Values with unknown digits (XXXX-06) go last."""
    found = _CALENDAR.fullmatch(value)
    if found is None:
        if re.fullmatch(r"\d{3}X?", value):
            return (int(value[:3]) * 10, 0, 0, "", 0)
        if re.fullmatch(r"\d{2}(XX)?", value):
            return (int(value[:2]) * 100, 0, 0, "", 0)
        return (10_000, 0, 0, value, 0)
    year = int(found["year"])
    month = day = 0
    if found["week"]:
        week = int(found["week"])
        try:
            start = dt.date.fromisocalendar(year, week, 1)
            year, month, day = start.year, start.month, start.day
        except ValueError:
            pass
    elif found["season"]:
        month = SEASON_MONTH[found["season"]]
    elif found["quarter"]:
        month = 3 * int(found["quarter"]) - 2
    elif found["half"]:
        month = 1 if found["half"] == "1" else 7
    elif found["month"]:
        month, day = int(found["month"]), int(found["day"] or 0)
    return (year, month, day, found["time"] or "", len(value))


def _fmt(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _meta_rows(doc: JsonDict) -> list[tuple[str, str, str | None]]:
    rows: list[tuple[str, str, str | None]] = []
    for key, value in metadata(doc).items():
        if value is not None and value != "":
            rows.append((key, str(value), safe_href(value) if key == "url" else None))
    source = doc.get("source") or {}
    for key in ("path", "format", "sha256"):
        if source.get(key):
            rows.append((f"source {key}", str(source[key]), None))
    info = doc.get("pipeline") or {}
    if info.get("version"):
        model = f"{info.get('model', '')} {info.get('model_version', '')}".strip()
        rows.append(("pipeline", f"{info['version']} ({model})", None))
    if doc.get("schema_version"):
        rows.append(("schema", str(doc["schema_version"]), None))
    return rows
