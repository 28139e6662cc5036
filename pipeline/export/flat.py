"""JSON Lines (one document per line) and CSV (one row per fact) for piping into other tools."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TextIO

from pipeline import kinds
from pipeline.errors import PipelineError
from pipeline.export.read import read_outputs
from pipeline.export.rows import Row, fact_rows

CSV_FACTS = kinds.names()
"""The fact kinds `--facts` takes: every kind of pipeline.kinds."""
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
    """One row per fact of kind `facts`, with its document id and offsets; a kind whose facts
    hold mentions (entities) one row per mention, the fact's columns repeated."""
    kind = kinds.by_name(facts)
    mentions = kind.mentions if kind is not None else None
    rows: list[Row] = []
    for output in read_outputs(out, errors):
        by_key: dict[str, Row] = {}
        for table, row in fact_rows(output):
            if mentions is not None and kind is not None and table == facts:
                by_key[row["key"]] = row
                if not row[f"n_{mentions}"]:  # the byline author: no place in the text
                    rows.append(_mention_row(row, {}, mentions))
            elif mentions is not None and kind is not None and table == mentions:
                rows.append(_mention_row(by_key[row[f"{kind.singular}_key"]], row, mentions))
            elif table == facts:
                rows.append({k: v for k, v in row.items() if k != "key"})
    return rows


def _mention_row(fact: Row, mention: Row, mentions: str) -> Row:
    row = {k: v for k, v in fact.items() if k not in ("key", f"n_{mentions}")}
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
