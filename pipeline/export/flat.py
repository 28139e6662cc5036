"""JSON Lines (one document per line) and CSV (one row per fact) for piping into other tools."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TextIO

from pipeline.errors import PipelineError
from pipeline.export.read import read_outputs
from pipeline.export.rows import Row, fact_rows

CSV_FACTS = ("quotes", "entities", "dates", "links")
LEADING = ("document_id", "id", "start", "end", "text")
"""Columns every CSV starts with (entities: one row per mention, `id` the entity's)."""


def write_jsonl(out: Path, stream: TextIO) -> tuple[int, list[tuple[Path, PipelineError]]]:
    """Every document as one line of compact JSON; returns (lines written, unreadable files)."""
    errors: list[tuple[Path, PipelineError]] = []
    count = 0
    for output in read_outputs(out, errors):
        stream.write(json.dumps(output.doc, ensure_ascii=False, separators=(",", ":")))
        stream.write("\n")
        count += 1
    return count, errors


def csv_rows(out: Path, facts: str, errors: list[tuple[Path, PipelineError]]) -> list[Row]:
    """One row per fact of kind `facts`, with its document id and offsets."""
    rows: list[Row] = []
    for output in read_outputs(out, errors):
        by_key: dict[str, Row] = {}
        for table, row in fact_rows(output):
            if facts == "entities" and table == "entities":
                by_key[row["key"]] = row
                if not row["n_mentions"]:  # the byline author: an entity with no place in the text
                    rows.append(_entity_row(row, {}))
            elif facts == "entities" and table == "mentions":
                rows.append(_entity_row(by_key[row["entity_key"]], row))
            elif table == facts:
                rows.append({k: v for k, v in row.items() if k != "key"})
    return rows


def _entity_row(entity: Row, mention: Row) -> Row:
    row = {k: v for k, v in entity.items() if k not in ("key", "n_mentions")}
    row.update(
        {"start": mention.get("start"), "end": mention.get("end"), "text": mention.get("text")}
    )
    return row


def write_csv(
    out: Path, facts: str, stream: TextIO
) -> tuple[int, list[tuple[Path, PipelineError]]]:
    """The facts as CSV; the header is every column any row has, the common ones first."""
    errors: list[tuple[Path, PipelineError]] = []
    rows = csv_rows(out, facts, errors)
    columns = list(LEADING)
    for row in rows:
        columns += [k for k in row if k not in columns]
    writer = csv.DictWriter(stream, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows), errors
