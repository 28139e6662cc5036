"""Documents as flat rows: one per fact, with the document id and offsets.

Shared by the SQLite, CSV and JSONL exports. Scalar fields are copied as they are and nested
objects are flattened with a prefix (`speaker.name` -> `speaker_name`), so a field added by a newer
minor schema (`speaker.via`) becomes a column without a change here. The fact tables are the kinds
of `pipeline.kinds` (a kind whose facts hold mentions adds a table of them), so a kind added there
is exported without a change here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pipeline import kinds
from pipeline.export.read import JsonDict, Output, metadata

Row = dict[str, Any]


def fact_tables() -> tuple[str, ...]:
    """Every table of facts, parents first: each kind's, then its mentions', and the removed
    boilerplate last."""
    tables: list[str] = []
    for kind in kinds.FACT_KINDS:
        tables.append(kind.name)
        if kind.mentions is not None:
            tables.append(kind.mentions)
    return (*tables, "removed")


def count_columns() -> tuple[str, ...]:
    """The document row's fact counts: `n_<kind>`."""
    return tuple(f"n_{name}" for name in kinds.names())


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
    reserved = {"text", *count_columns(), "pipeline_version"}
    row.update((k, v) for k, v in flatten(metadata(doc)).items() if k not in row.keys() | reserved)
    row["text"] = doc["text"]
    row.update({f"n_{name}": len(doc.get(name, [])) for name in kinds.names()})
    row.update(
        {
            "pipeline_version": info.get("version"),
            "model": info.get("model"),
            "model_version": info.get("model_version"),
        }
    )
    return row


def fact_rows(output: Output) -> Iterator[tuple[str, Row]]:
    """(table, row) for every fact of one document, kind by kind, then its removed parts."""
    doc, doc_id = output.doc, output.id
    for kind in kinds.FACT_KINDS:
        yield from _ROWS.get(kind.name, _fact_rows)(doc, doc_id, kind)
    for position, removed in enumerate(doc.get("removed", []), 1):
        yield "removed", {"document_id": doc_id, "position": position, **flatten(removed)}


def _fact_rows(doc: JsonDict, doc_id: str, kind: kinds.FactKind) -> Iterator[tuple[str, Row]]:
    """One row per fact; a fact holding mentions also gets a row per mention in the kind's
    mentions table (`<singular>_key` points back at it). A fact's own `key` (an entity's join
    key across documents) is the `join_key` column: `key` is the row's key."""
    for fact in doc.get(kind.name, []):
        key = fact_key(doc_id, fact.get("id"))
        row = {"key": key, "document_id": doc_id, **flatten(fact, skip=("key",))}
        if kind.mentions is None:
            if "key" in fact:
                row["join_key"] = fact.get("key")
            yield kind.name, row
            continue
        mentions = fact.get(kind.mentions, [])
        row["join_key"] = fact.get("key")  # the contract's cross-document key
        row[f"n_{kind.mentions}"] = len(mentions)
        yield kind.name, row
        for mention in mentions:
            yield (
                kind.mentions,
                {
                    f"{kind.singular}_key": key,
                    "document_id": doc_id,
                    f"{kind.singular}_id": fact.get("id"),
                    **flatten(mention),
                },
            )


def _quote_rows(doc: JsonDict, doc_id: str, kind: kinds.FactKind) -> Iterator[tuple[str, Row]]:
    """A quote's row: its speaker's fields as `speaker_*` columns, always with `speaker_name`
    and `speaker_entity_id`, and `speaker_entity_key` pointing at the entity row."""
    entity_ids = {str(e.get("id")) for e in doc.get("entities", [])}
    for quote in doc.get(kind.name, []):
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
        yield kind.name, {**row, **speaker_row}


_ROWS: dict[str, Callable[[JsonDict, str, kinds.FactKind], Iterator[tuple[str, Row]]]] = {
    "quotes": _quote_rows
}
"""Kinds whose rows take more than the generic shape (`_fact_rows`)."""
