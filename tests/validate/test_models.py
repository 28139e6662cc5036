from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from pipeline.validate.models import Document
from pipeline.versions import SCHEMA_VERSION


def minimal(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": "a",
        "source": {"path": "a.txt", "sha256": "0" * 64, "format": "text"},
        "metadata": {},
        "text": "Ann said hello on Monday.",
        "removed": [],
        "entities": [
            {
                "id": "e_1",
                "name": "Ann",
                "label": "PERSON",
                "salience": 1.0,
                "mentions": [{"start": 0, "end": 3, "text": "Ann"}],
            }
        ],
        "dates": [
            {
                "id": "d_1",
                "start": 18,
                "end": 24,
                "text": "Monday",
                "type": "DATE",
                "value": None,
                "mod": None,
            }
        ],
        "quotes": [],
        "links": [],
        "pipeline": {"version": "0", "model": "m", "model_version": "1", "settings": {}},
    }
    data.update(overrides)
    return data


def test_a_consistent_document_validates() -> None:
    doc = Document.model_validate(minimal())
    assert doc.entities[0].mentions[0].text == "Ann"


def test_a_span_that_does_not_point_at_its_text_is_rejected() -> None:
    data = minimal()
    data["dates"][0]["start"], data["dates"][0]["end"] = 17, 23
    with pytest.raises(ValidationError, match="Monday"):
        Document.model_validate(data)


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Document.model_validate(minimal(extra_field=1))


def test_speaker_span_must_be_inside_text() -> None:
    quote = {
        "id": "q",
        "start": 9,
        "end": 14,
        "text": "hello",
        "kind": "direct",
        "cue": "said",
        "speaker": {"name": "Ann", "entity_id": None, "start": 0, "end": 99},
    }
    with pytest.raises(ValidationError, match="speaker span"):
        Document.model_validate(minimal(quotes=[quote]))
