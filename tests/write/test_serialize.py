"""dump_document writes the bytes the project's JSON format has always had."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT

from pipeline.validate.models import Document, Metadata
from pipeline.write.serialize import dump_document


def reference(document: Document) -> bytes:
    """The format as first defined: the standard library's indented JSON, non-ASCII kept."""
    data = document.model_dump(mode="json")
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def committed() -> list[Path]:
    return sorted(p for p in (ROOT / "extracted").glob("*.json") if not p.name.startswith("."))


def test_committed_outputs_round_trip_byte_for_byte() -> None:
    files = committed()
    assert files
    for path in files:
        document = Document.model_validate_json(path.read_bytes())
        assert dump_document(document) == path.read_bytes() == reference(document), path.name


def test_awkward_characters_and_every_salience_agree_with_the_reference() -> None:
    document = Document.model_validate_json(committed()[0].read_bytes())
    awkward = "".join(map(chr, range(0x100))) + '\u2028\u2029\ufeff😀’“”"\\/'
    meta = Metadata(title=awkward, author="Zoë\tO’Neil", site=None)
    entity = document.entities[0]
    saliences = [round(k / 10_000, 4) for k in range(10_001)]
    entities = [entity.model_copy(update={"salience": s}) for s in saliences]
    odd = document.model_copy(update={"metadata": meta, "entities": entities})
    assert dump_document(odd) == reference(odd)
