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


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def fact_keys(doc: JsonDict) -> tuple[list[str], list[str], list[str], list[str]]:
    """The page's key of each entity, quote, date and link: `t-<key>` in the text, `p-<key>` in
    a panel. The fact's id with a kind prefix, made unique should an output repeat an id."""
    found = []
    for prefix, name in (("e", "entities"), ("q", "quotes"), ("d", "dates"), ("l", "links")):
        found.append(unique_anchors([f"{prefix}-{fact.get('id')}" for fact in doc.get(name, [])]))
    return found[0], found[1], found[2], found[3]


def build_page(doc: JsonDict) -> Page:
    """The page model of one document (checked by pipeline.export.read)."""
    text: str = doc["text"]
    marks: list[Mark] = []
    entities = doc.get("entities", [])
    quotes = doc.get("quotes", [])
    dates = doc.get("dates", [])
    links = doc.get("links", [])

    entity_keys, quote_keys, date_keys, link_keys = fact_keys(doc)

    entity_items: list[EntityItem] = []
    entity_panel: dict[str, str] = {}
    mention_at: dict[tuple[int, int], str] = {}
    for key, entity in zip(entity_keys, entities, strict=True):
        label = str(entity.get("label", ""))
        name = str(entity.get("name", ""))
        anchors = []
        for n, mention in enumerate(entity.get("mentions", []), 1):
            anchor = f"t-{key}-m{n}"
            anchors.append(anchor)
            mention_at.setdefault((mention["start"], mention["end"]), anchor)
            title = f"{label}: {name}"
            marks.append(
                Mark(
                    mention["start"],
                    mention["end"],
                    "entity",
                    anchor,
                    f"p-{key}",
                    title,
                    f"lab-{css_token(label)}",
                )
            )
        entity_panel[str(entity.get("id"))] = f"p-{key}"
        salience = entity.get("salience")
        entity_items.append(
            EntityItem(
                f"p-{key}",
                name,
                label,
                float(salience) if isinstance(salience, int | float) else 0.0,
                anchors,
            )
        )
    entity_items.sort(key=lambda e: (-e.salience, e.name.casefold()))

    speakers: dict[str, SpeakerGroup] = {}
    for key, quote in zip(quote_keys, quotes, strict=True):
        speaker = quote.get("speaker") if isinstance(quote.get("speaker"), dict) else None
        name = str(speaker.get("name")) if speaker and speaker.get("name") else ""
        group_key = name.casefold()
        if group_key not in speakers:
            panel = entity_panel.get(str(speaker.get("entity_id"))) if speaker else None
            speakers[group_key] = SpeakerGroup(name or "Unattributed", panel)
        extras = [
            (k, _fmt(speaker[k])) for k in SPEAKER_EXTRAS if speaker and speaker.get(k) is not None
        ]
        where = (speaker.get("start"), speaker.get("end")) if speaker else (None, None)
        item = QuoteItem(
            f"p-{key}",
            f"t-{key}",
            str(quote.get("text", "")),
            str(quote.get("kind", "")),
            _str(quote.get("cue")),
            _str(speaker.get("role")) if speaker else None,
            extras,
            mention_at.get(where) if isinstance(where[0], int) else None,  # type: ignore[arg-type]
        )
        speakers[group_key].quotes.append(item)
        who = f"quote ({item.kind}) by {name}" if name else f"quote ({item.kind}), unattributed"
        marks.append(
            Mark(
                quote["start"],
                quote["end"],
                "quote",
                item.anchor,
                item.panel,
                who,
                f"k-{css_token(item.kind)}",
            )
        )
    groups = sorted(speakers.values(), key=lambda g: g.name == "Unattributed")

    timeline: list[DateItem] = []
    other: list[DateItem] = []
    unresolved: list[DateItem] = []
    for key, date in zip(date_keys, dates, strict=True):
        item_d = DateItem(
            f"p-{key}",
            f"t-{key}",
            str(date.get("text", "")),
            str(date.get("type", "")),
            _str(date.get("value")),
            _str(date.get("mod")),
        )
        if item_d.value is None:
            unresolved.append(item_d)
        elif item_d.type in ("DATE", "TIME") and TIMEX_POINT.match(item_d.value):
            timeline.append(item_d)
        else:
            other.append(item_d)
        shown = item_d.value if item_d.value is not None else "unresolved"
        marks.append(
            Mark(
                date["start"],
                date["end"],
                "date",
                item_d.anchor,
                item_d.panel,
                f"{item_d.type} {shown}",
                "unresolved" if item_d.value is None else "",
            )
        )
    timeline.sort(key=lambda d: (_timex_key(d.value or ""), d.anchor))

    link_items: list[LinkItem] = []
    for key, link in zip(link_keys, links, strict=True):
        url = str(link.get("url", ""))
        item_l = LinkItem(
            f"p-{key}",
            f"t-{key}",
            str(link.get("text", "")),
            url,
            safe_href(url),
            str(link.get("raw_url", "")),
            _str(link.get("domain")),
        )
        link_items.append(item_l)
        marks.append(
            Mark(
                link["start"],
                link["end"],
                "link",
                item_l.anchor,
                item_l.panel,
                f"link to {item_l.domain or url}",
            )
        )

    meta = metadata(doc)
    title = str(meta.get("title") or doc["id"])
    return Page(
        id=str(doc["id"]),
        title=title,
        text_html=highlight(text, marks),
        meta=_meta_rows(doc),
        speakers=groups,
        timeline=timeline,
        other_dates=other,
        unresolved=unresolved,
        entities=entity_items,
        links=link_items,
        removed=[
            (str(r.get("text", "")), str(r.get("reason", ""))) for r in doc.get("removed", [])
        ],
        counts=counts(doc),
    )


def counts(doc: JsonDict) -> dict[str, int]:
    return {name: len(doc.get(name, [])) for name in ("entities", "quotes", "dates", "links")}


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
