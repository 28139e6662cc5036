"""Assemble the extract stage's results into a validated Document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from pipeline import kinds
from pipeline.clean.document import CleanDoc
from pipeline.errors import InvalidDocumentError
from pipeline.validate.models import (
    Document,
    Metadata,
    PipelineInfo,
    Removed,
    Source,
    document_model,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


def to_document(
    doc: Doc, clean: CleanDoc, doc_id: str, source: Source, info: PipelineInfo
) -> Document:
    """Lists ordered by offset so that output is deterministic; raises if a span is wrong."""
    meta = clean.metadata
    facts: dict[str, Any] = facts_of(doc)
    try:
        return document_model()(
            id=doc_id,
            source=source,
            metadata=Metadata(
                title=meta.title,
                author=meta.author,
                published=meta.published,
                url=meta.url,
                site=meta.site,
                dateline=meta.dateline,
                language=meta.language,
                authors=list(meta.authors),
            ),
            text=clean.text,
            removed=[Removed(text=r.text, reason=r.reason) for r in clean.removed],
            **facts,
            pipeline=info,
        )
    except ValidationError as exc:
        raise InvalidDocumentError(f"extracted facts break the contract: {exc}") from exc


def facts_of(doc: Doc) -> dict[str, list[Any]]:
    """Each fact kind's list as its component left it, ordered by offset when the kind says so."""
    facts: dict[str, list[Any]] = {}
    for kind in kinds.FACT_KINDS:
        found = list(getattr(doc._, kind.doc_extension) or [])
        if kind.by_offset:
            found.sort(key=lambda fact: (fact.start, fact.end))
        facts[kind.name] = found
    return facts
