"""Documents as flat rows: one per fact, with the document id and offsets.

Shared by the SQLite, CSV and JSONL exports. Scalar fields are copied as they are and nested
objects are flattened with a prefix (`speaker.name` -> `speaker_name`), so a field added by a newer
minor schema (`speaker.via`) becomes a column without a change here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipeline.export.read import JsonDict, Output, metadata

Row = dict[str, Any]
FACT_TABLES = ("entities", "mentions", "quotes", "dates", "links", "removed")


def flatten(item: JsonDict, prefix: str = "", skip: tuple[str, ...] = ()) -> Row:
    """Scalars as they are, nested objects as prefixed columns; lists are left out."""
    row: Row = {}
    for key, value in item.items():
        if key in skip:
            continue
        if isinstance(value, dict):
            row.update(flatten(value, f"{prefix}{key}_"))
        elif not isinstance(value, list):
            row[f"{prefix}{key}"] = value
    return row


def fact_key(doc_id: str, fact_id: object) -> str:
    """A fact's key across the corpus: fact ids are unique only within their document."""
    return f"{doc_id}#{fact_id}"


def document_row(output: Output) -> Row:
    doc = output.doc
    source = doc.get("source") or {}
    info = doc.get("pipeline") or {}
    row: Row = {
        "id": output.id,
        "output_path": output.rel,
        "output_sha256": output.sha256,
        "schema_version": doc.get("schema_version"),
        "source_path": source.get("path"),
        "source_format": source.get("format"),
        "source_sha256": source.get("sha256"),
    }
    reserved = {"text", "n_entities", "n_quotes", "n_dates", "n_links", "pipeline_version"}
    row.update((k, v) for k, v in flatten(metadata(doc)).items() if k not in row.keys() | reserved)
    row["text"] = doc["text"]
    row.update(
        {
            "n_entities": len(doc.get("entities", [])),
            "n_quotes": len(doc.get("quotes", [])),
            "n_dates": len(doc.get("dates", [])),
            "n_links": len(doc.get("links", [])),
            "pipeline_version": info.get("version"),
            "model": info.get("model"),
            "model_version": info.get("model_version"),
        }
    )
    return row


def fact_rows(output: Output) -> Iterator[tuple[str, Row]]:
    """(table, row) for every fact of one document."""
    doc, doc_id = output.doc, output.id
    entity_ids = {str(e.get("id")) for e in doc.get("entities", [])}
    for entity in doc.get("entities", []):
        key = fact_key(doc_id, entity.get("id"))
        mentions = entity.get("mentions", [])
        row = {"key": key, "document_id": doc_id, **flatten(entity, skip=("key",))}
        row["join_key"] = entity.get("key")  # the contract's cross-document key
        row["n_mentions"] = len(mentions)
        yield "entities", row
        for mention in mentions:
            yield (
                "mentions",
                {
                    "entity_key": key,
                    "document_id": doc_id,
                    "entity_id": entity.get("id"),
                    **flatten(mention),
                },
            )
    for quote in doc.get("quotes", []):
        row = {"key": fact_key(doc_id, quote.get("id")), "document_id": doc_id}
        row.update(flatten(quote, skip=("speaker",)))
        speaker = quote.get("speaker")
        speaker_row: Row = {"speaker_name": None, "speaker_entity_id": None}
        if isinstance(speaker, dict):
            speaker_row.update(flatten(speaker, "speaker_"))
        entity_id = speaker_row.get("speaker_entity_id")
        speaker_row["speaker_entity_key"] = (
            fact_key(doc_id, entity_id) if str(entity_id) in entity_ids else None
        )
        yield "quotes", {**row, **speaker_row}
    for name in ("dates", "links"):
        for fact in doc.get(name, []):
            yield (
                name,
                {
                    "key": fact_key(doc_id, fact.get("id")),
                    "document_id": doc_id,
                    **flatten(fact),
                },
            )
    for position, removed in enumerate(doc.get("removed", []), 1):
        yield "removed", {"document_id": doc_id, "position": position, **flatten(removed)}
