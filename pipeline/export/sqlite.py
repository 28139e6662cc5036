"""`pipeline export --to facts.db`: the facts of OUT as SQLite tables, ready for Datasette.

Tables: documents, one per fact kind of `pipeline.kinds` (entities, dates, quotes, links) and
mentions, removed, each fact row keyed by `<document id>#<fact id>` and pointing at its document
by a foreign key; full-text search on the
documents' title and text and on the quotes. Re-export is incremental: each document row keeps the
SHA-256 of the output it came from, and only documents whose output changed are replaced (all of
their rows, in one transaction); documents whose output is gone are removed.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import kinds
from pipeline.errors import OutputError, PipelineError
from pipeline.export.read import Output, OutputFileError, output_files, read_outputs, require
from pipeline.export.rows import Row, count_columns, document_row, fact_rows, fact_tables

if TYPE_CHECKING:
    from sqlite_utils import Database

EXPORT_VERSION = "2"  # 2: entities.join_key (the contract's entities[].key)
"""Layout of the tables; a database made with another layout is rebuilt from scratch."""

DOCUMENTS: dict[str, Any] = {
    "id": str, "output_path": str, "output_sha256": str, "schema_version": str,
    "source_path": str, "source_format": str, "source_sha256": str,
    "title": str, "author": str, "published": str, "url": str, "site": str, "dateline": str,
    "language": str, "text": str, "pipeline_version": str, "model": str, "model_version": str,
}  # fmt: skip
"""The documents table's columns besides the fact counts (`count_columns`)."""
SPAN: dict[str, Any] = {"start": int, "end": int, "text": str}
COLUMNS: dict[str, tuple[dict[str, Any], str | None]] = {
    "entities": (
        {"key": str, "document_id": str, "id": str, "name": str, "label": str,
         "join_key": str, "salience": float, "n_mentions": int},
        "key",
    ),
    "mentions": (
        {"entity_key": str, "document_id": str, "entity_id": str, **SPAN},
        None,
    ),
    "quotes": (
        {"key": str, "document_id": str, "id": str, **SPAN, "kind": str, "cue": str,
         "speaker_name": str, "speaker_entity_id": str, "speaker_entity_key": str,
         "speaker_start": int, "speaker_end": int, "speaker_role": str},
        "key",
    ),
    "dates": (
        {"key": str, "document_id": str, "id": str, **SPAN, "type": str, "value": str,
         "mod": str, "granularity": str},
        "key",
    ),
    "links": (
        {"key": str, "document_id": str, "id": str, **SPAN, "url": str, "raw_url": str,
         "domain": str},
        "key",
    ),
    "removed": ({"document_id": str, "position": int, "text": str, "reason": str}, None),
}  # fmt: skip
"""Typed columns and primary key of the tables whose layout is known; the table of another kind
gets `_kind_table`'s, and any further field becomes a column when its rows are inserted."""
FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "quotes": [("speaker_entity_key", "entities", "key")],
}
"""References between fact tables besides a mentions table's to its kind (`foreign_keys`)."""
INDEXES: dict[str, list[list[str]]] = {
    "documents": [["published"], ["site"], ["output_path"]],
    "entities": [["document_id"], ["label", "name"], ["name"], ["join_key"]],
    "mentions": [["document_id"], ["entity_key"]],
    "quotes": [["document_id"], ["speaker_name"], ["speaker_entity_key"]],
    "dates": [["document_id"], ["value"]],
    "links": [["document_id"], ["domain"]],
    "removed": [["document_id"]],
}
FULL_TEXT = {"documents": ["title", "text"], "quotes": ["text", "speaker_name"]}


def documents_columns() -> dict[str, Any]:
    """The documents table: its own columns, a count per fact kind before the pipeline's."""
    columns = dict(DOCUMENTS)
    tail = {k: columns.pop(k) for k in ("pipeline_version", "model", "model_version")}
    return {**columns, **dict.fromkeys(count_columns(), int), **tail}


def tables() -> dict[str, tuple[dict[str, Any], str | None]]:
    """Every fact table (`fact_tables`, parents first) with its columns and primary key."""
    out: dict[str, tuple[dict[str, Any], str | None]] = {}
    for kind in kinds.FACT_KINDS:
        out[kind.name] = COLUMNS.get(kind.name) or _kind_table()
        if kind.mentions is not None:
            out[kind.mentions] = COLUMNS.get(kind.mentions) or _mentions_table(kind)
    out["removed"] = COLUMNS["removed"]
    return out


def _kind_table() -> tuple[dict[str, Any], str | None]:
    return {"key": str, "document_id": str, "id": str, **SPAN}, "key"


def _mentions_table(kind: kinds.FactKind) -> tuple[dict[str, Any], str | None]:
    columns = {f"{kind.singular}_key": str, "document_id": str, f"{kind.singular}_id": str}
    return {**columns, **SPAN}, None


def foreign_keys(name: str) -> list[tuple[str, str, str]]:
    """A table's references: its document, a mention's fact, and those of FOREIGN_KEYS."""
    found = [("document_id", "documents", "id"), *FOREIGN_KEYS.get(name, [])]
    for kind in kinds.FACT_KINDS:
        if kind.mentions == name:
            found.append((f"{kind.singular}_key", kind.name, "key"))
    return found


@dataclass
class ExportReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    errors: list[tuple[Path, PipelineError]] = field(default_factory=list)
    rebuilt: bool = False
    """The database had another layout (or none) and was made anew."""


def export_sqlite(out: Path, target: Path) -> ExportReport:
    """Bring the database `target` up to date with the outputs in `out`."""
    require("sqlite_utils", "export", "export")
    import sqlite_utils

    report = ExportReport()
    output_files(out)  # a missing OUT fails before the database is touched
    try:
        db = sqlite_utils.Database(target)
    except (sqlite3.Error, OSError) as exc:
        raise OutputError(f"{target}: cannot open the database: {exc}") from exc
    try:
        with db.atomic():
            report.rebuilt = _prepare(db)
            _update(db, out, report)
    except sqlite3.DatabaseError as exc:
        raise OutputError(
            f"{target}: {exc}", hint="give a new file, or one made by `pipeline export`"
        ) from exc
    finally:
        db.close()
    return report


def _prepare(db: Database) -> bool:
    """Create the tables unless they exist with this layout; True when (re)created."""
    if "export_meta" in db.table_names():
        rows = db.execute("select value from export_meta where key = 'version'").fetchall()
        # a fact kind added since the database was made adds a table: make it anew
        if rows and rows[0][0] == EXPORT_VERSION and set(fact_tables()) <= set(db.table_names()):
            return False
    for name in [*_fts_tables(db), *reversed(fact_tables()), "documents", "export_meta"]:
        if name in db.table_names():
            db.execute(f"drop table [{name}]")
    db.table("export_meta").create({"key": str, "value": str}, pk="key")
    db.table("export_meta").insert({"key": "version", "value": EXPORT_VERSION})
    db.table("documents").create(documents_columns(), pk="id", not_null={"output_sha256", "text"})
    for name, (columns, pk) in tables().items():
        foreign = foreign_keys(name)
        if pk is None:
            db.table(name).create(columns, foreign_keys=foreign)
        else:
            db.table(name).create(columns, pk=pk, foreign_keys=foreign)
    for name in ["documents", *fact_tables()]:
        for indexed in INDEXES.get(name, [["document_id"]]):
            db.table(name).create_index(indexed)
    for name, searched in FULL_TEXT.items():
        db.table(name).enable_fts(searched, create_triggers=True)
    return True


def _fts_tables(db: Database) -> list[str]:
    """The FTS tables and their shadow tables, which go before the tables they index."""
    return [t for t in db.table_names() if any(t.startswith(f"{n}_fts") for n in FULL_TEXT)]


def _update(db: Database, out: Path, report: ExportReport) -> None:
    rows = db.execute("select id, output_sha256, output_path from documents").fetchall()
    known = {path: (doc_id, sha) for doc_id, sha, path in rows}
    unchanged: list[str] = []
    facts: dict[str, list[Row]] = defaultdict(list)
    documents: list[Row] = []
    present: set[str] = set()
    stored = {doc_id for doc_id, _sha, _path in rows}
    for output in read_outputs(out, report.errors, known, unchanged):
        present.add(output.id)
        try:
            found = _facts_of(output)
        except OutputFileError as exc:
            report.errors.append((output.path, exc))
            continue
        if output.id in stored:
            _delete(db, output.id)
            report.replaced.append(output.id)
        else:
            report.added.append(output.id)
        for table, row in found:
            facts[table].append(row)
        documents.append(document_row(output))
    report.unchanged = len(unchanged)
    present.update(unchanged)
    failed = {path.relative_to(out).as_posix() for path, _ in report.errors}
    for doc_id, _sha, path in rows:
        if doc_id not in present and path not in failed:  # an unreadable output keeps its rows
            _delete(db, doc_id)
            report.removed.append(doc_id)
    db.table("documents").insert_all(documents, alter=True)
    for table in fact_tables():
        if facts[table]:
            db.table(table).insert_all(facts[table], alter=True)


def _facts_of(output: Output) -> list[tuple[str, Row]]:
    facts = list(fact_rows(output))
    seen: set[tuple[str, str]] = set()
    for table, row in facts:
        key = row.get("key")
        if key is None:
            continue
        if (table, key) in seen:
            raise OutputFileError(f"two {table} with the id {str(key).split('#', 1)[1]!r}")
        seen.add((table, key))
    return facts


def _delete(db: Database, doc_id: str) -> None:
    for table in reversed(fact_tables()):
        db.execute(f"delete from [{table}] where document_id = ?", [doc_id])
    db.execute("delete from documents where id = ?", [doc_id])
