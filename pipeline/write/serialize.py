"""Deterministic JSON: same Document -> byte-identical file.

pydantic's own JSON writer (Rust) gives the same bytes as `json.dumps(..., ensure_ascii=False,
indent=2)` of `model_dump(mode="json")` at a third of the cost: fields in declaration order,
two-space indent, non-ASCII kept, control characters as lower-case \\u00XX escapes. The one
difference is floats below 1e-4 (0.00001, not 1e-05); the only float, salience, is rounded to
four places, so it never shows (tests/write/test_serialize.py checks the two agree).
"""

from __future__ import annotations

from pipeline.validate.models import Document


def dump_document(document: Document) -> bytes:
    return document.model_dump_json(indent=2).encode("utf-8") + b"\n"
