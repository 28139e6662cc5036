"""JSON Schema of the output contract, generated from the Pydantic models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.validate.models import SCHEMA_VERSION, Document

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID_BASE = "https://github.com/news-facts/pipeline/schemas"


def document_schema() -> dict[str, Any]:
    body = Document.model_json_schema(mode="serialization")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{SCHEMA_ID_BASE}/document-{SCHEMA_VERSION}.schema.json",
        "title": f"News facts document, schema version {SCHEMA_VERSION}",
        **{k: v for k, v in body.items() if k != "title"},
    }


def schema_text() -> str:
    return json.dumps(document_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def schema_files(folder: Path) -> dict[Path, str]:
    """The current schema, and a copy named by version so older contracts stay readable."""
    text = schema_text()
    return {
        folder / "document.schema.json": text,
        folder / f"document-{SCHEMA_VERSION}.schema.json": text,
    }
