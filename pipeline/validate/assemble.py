"""Assemble the extract stage's results into a validated Document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError

from pipeline.clean.document import CleanDoc
from pipeline.errors import InvalidDocumentError
from pipeline.validate.models import Document, Metadata, PipelineInfo, Removed, Source

if TYPE_CHECKING:
    from spacy.tokens import Doc


def to_document(
    doc: Doc, clean: CleanDoc, doc_id: str, source: Source, info: PipelineInfo
) -> Document:
    """Lists ordered by offset so that output is deterministic; raises if a span is wrong."""
    meta = clean.metadata
    try:
        return Document(
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
            entities=list(doc._.entities or []),
            dates=sorted(doc._.dates or [], key=lambda d: (d.start, d.end)),
            quotes=sorted(doc._.quotes or [], key=lambda q: (q.start, q.end)),
            links=sorted(doc._.links or [], key=lambda link: (link.start, link.end)),
            pipeline=info,
        )
    except ValidationError as exc:
        raise InvalidDocumentError(f"extracted facts break the contract: {exc}") from exc
