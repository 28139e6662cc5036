from __future__ import annotations

import json

from conftest import ROOT

from pipeline.validate.models import SCHEMA_VERSION
from pipeline.validate.schema import SCHEMA_DIALECT, document_schema, schema_files


def test_committed_schema_matches_the_models() -> None:
    """Regenerate with `pipeline schema` when this fails, and bump SCHEMA_VERSION."""
    for path, text in schema_files(ROOT / "schemas").items():
        assert path.exists(), f"{path} missing: run `pipeline schema`"
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run `pipeline schema`"


def test_schema_is_2020_12_with_a_versioned_id() -> None:
    schema = document_schema()
    assert schema["$schema"] == SCHEMA_DIALECT
    assert schema["$id"].endswith(f"document-{SCHEMA_VERSION}.schema.json")
    assert set(schema["required"]) >= {"id", "text", "entities", "dates", "quotes", "links"}
    json.dumps(schema)
