"""Deterministic JSON: same Document -> byte-identical file."""

from __future__ import annotations

import json

from pipeline.validate.models import Document


def dump_document(document: Document) -> bytes:
    data = document.model_dump(mode="json")
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
