"""Build output documents (as `pipeline run` writes them) around a text, for view/export tests.

Facts are placed by searching their text, so offsets are right by construction, and each
document is checked against the real output contract before a test uses it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pipeline.validate.models import Document, Speaker
from pipeline.versions import SCHEMA_VERSION

Json = dict[str, Any]


def span(text: str, needle: str, occurrence: int = 1, after: int = 0) -> Json:
    start = after - 1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle}


def _id(prefix: str, *parts: object) -> str:
    return prefix + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:12]


def entity(text: str, name: str, label: str, mentions: list[str], salience: float = 0.5) -> Json:
    """Its mentions are found in text order, each after the one before."""
    spans: list[Json] = []
    for needle in mentions:
        spans.append(span(text, needle, after=spans[-1]["end"] if spans else 0))
    return {
        "id": _id("e_", label, name),
        "name": name,
        "label": label,
        "salience": salience,
        "mentions": spans,
    }


def quote(
    text: str,
    needle: str,
    speaker: Json | None = None,
    kind: str = "direct",
    cue: str | None = "said",
    occurrence: int = 1,
) -> Json:
    return {
        **span(text, needle, occurrence),
        "id": _id("q_", needle, occurrence),
        "kind": kind,
        "cue": cue,
        "speaker": speaker,
    }


def speaker(person: Json, **extra: Any) -> Json:
    first = person["mentions"][0] if person["mentions"] else {"start": None, "end": None}
    return {
        "name": person["name"],
        "entity_id": person["id"],
        "start": first["start"],
        "end": first["end"],
        "role": None,
        **extra,
    }


def date(text: str, needle: str, value: str | None, type_: str = "DATE") -> Json:
    return {
        **span(text, needle),
        "id": _id("d_", value, needle),
        "type": type_,
        "value": value,
        "mod": None,
    }


def link(text: str, needle: str, url: str, domain: str | None = "example.org") -> Json:
    return {
        **span(text, needle),
        "id": _id("l_", url),
        "url": url,
        "raw_url": url,
        "domain": domain,
    }


def document(
    doc_id: str,
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    site: str | None = None,
    entities: list[Json] = (),  # type: ignore[assignment]
    quotes: list[Json] = (),  # type: ignore[assignment]
    dates: list[Json] = (),  # type: ignore[assignment]
    links: list[Json] = (),  # type: ignore[assignment]
    removed: list[Json] = (),  # type: ignore[assignment]
) -> Json:
    doc = {
        "schema_version": SCHEMA_VERSION,
        "id": doc_id,
        "source": {"path": f"{doc_id}.md", "sha256": "0" * 64, "format": "markdown"},
        "metadata": {
            "title": title,
            "author": None,
            "published": published,
            "url": None,
            "site": site,
            "dateline": None,
            "language": "en",
        },
        "text": text,
        "removed": list(removed),
        "entities": list(entities),
        "dates": sorted(dates, key=lambda d: d["start"]),
        "quotes": sorted(quotes, key=lambda q: q["start"]),
        "links": sorted(links, key=lambda lk: lk["start"]),
        "pipeline": {"version": "0.1.0", "model": "test", "model_version": "0", "settings": {}},
    }
    known = set(Speaker.model_fields)
    checked = json.loads(json.dumps(doc))
    for q in checked["quotes"]:  # fields of a newer contract (speaker.via) are not checked
        if q["speaker"]:
            q["speaker"] = {k: v for k, v in q["speaker"].items() if k in known}
    Document.model_validate(checked)
    return doc


def save(folder: Path, doc: Json) -> Path:
    path = folder / f"{doc['id']}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def corpus(folder: Path) -> dict[str, Json]:
    """Two stories quoting the same person, and one with hostile text; saved in `folder`."""
    a_text = (
        "Mayor Hannah Lee said on Tuesday that the bridge would reopen in June.\n\n"
        "“We are nearly there,” Lee said. Read the plan at City Hall."
    )
    lee_a = entity(a_text, "Hannah Lee", "PERSON", ["Hannah Lee", "Lee"], 0.9)
    hall = entity(a_text, "City Hall", "FAC", ["City Hall"], 0.2)
    a = document(
        "city/bridge",
        a_text,
        title="Bridge to reopen",
        published="2025-06-20",
        site="Courier",
        entities=[lee_a, hall],
        quotes=[
            quote(a_text, "the bridge would reopen in June", speaker(lee_a), "indirect"),
            quote(a_text, "We are nearly there,", speaker(lee_a)),
        ],
        dates=[date(a_text, "Tuesday", "2025-06-17"), date(a_text, "June", "2025-06")],
        links=[link(a_text, "the plan", "https://example.org/plan")],
    )
    b_text = "“Fares will not rise,” Hannah Lee told reporters last year. Nobody else spoke."
    lee_b = entity(b_text, "Hannah Lee", "PERSON", ["Hannah Lee"], 0.8)
    b = document(
        "city/fares",
        b_text,
        title="Fares frozen",
        published="2025-07-01",
        site="Courier",
        entities=[lee_b],
        quotes=[quote(b_text, "Fares will not rise,", speaker(lee_b), cue="told")],
        dates=[date(b_text, "last year", None)],
    )
    docs = {a["id"]: a, b["id"]: b, "hostile": hostile()}
    for doc in docs.values():
        save(folder, doc)
    return docs


HOSTILE_TEXT = (
    "Ann Bell wrote <script>alert('x')</script> on the board & left.\n\n"
    "“Tell <b>Carl Dunn</b> the vote is on Friday,” Bell said to Carl Dunn's team."
)


def hostile() -> Json:
    """Markup and script in the text, a javascript: link, crossing and nested spans."""
    text = HOSTILE_TEXT
    bell = entity(text, "Ann Bell", "PERSON", ["Ann Bell", "Bell"], 0.7)
    # starts inside the quote and ends after it: a crossing span (no real extractor output)
    crossing = {
        "id": _id("e_", "ORG", "said to Carl"),
        "name": "<i>Bell said</i>",
        "label": "ORG",
        "salience": 0.1,
        "mentions": [span(text, "Friday,” Bell")],
    }
    dunn = entity(text, "Carl Dunn", "PERSON", ["Carl Dunn", "Carl Dunn"], 0.4)
    return document(
        "hostile",
        text,
        title="<script>alert('title')</script> & co",
        entities=[bell, crossing, dunn],
        quotes=[
            quote(
                text, "Tell <b>Carl Dunn</b> the vote is on Friday,", speaker(bell, via="pronoun")
            )
        ],
        dates=[date(text, "Friday", "2025-06-20")],
        links=[link(text, "<script>alert('x')</script>", "javascript:alert('link')", None)],
        removed=[{"text": "<script>alert('removed')</script>", "reason": "promo"}],
    )
