"""`pipeline export`: the facts of an output folder as SQLite, JSON Lines or CSV.

Reads only OUT (never the sources, never spaCy); sqlite-utils is imported when it is used.
"""

from __future__ import annotations

from pipeline.export.flat import CSV_FACTS, write_csv, write_jsonl
from pipeline.export.sqlite import ExportReport, export_sqlite

__all__ = ["CSV_FACTS", "ExportReport", "export_sqlite", "write_csv", "write_jsonl"]
