"""Run the stages over many sources: clean -> extract -> validate -> write.

One broken source never stops the others: its error is recorded in its Result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pipeline import __version__
from pipeline.clean import clean_source, detect_format
from pipeline.clean.document import CleanDoc
from pipeline.errors import PipelineError, SourceError
from pipeline.extract.nlp import default_model, load_nlp, make_doc, model_info
from pipeline.sources import SourceFile
from pipeline.validate.assemble import to_document
from pipeline.validate.models import Document, PipelineInfo, Source
from pipeline.write.atomic import write_atomic
from pipeline.write.serialize import dump_document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Status = Literal["written", "unchanged", "failed"]
BATCH_SIZE = 32


class ExtractionError(SourceError):
    hint = "this is a bug in an extractor: please report it with the source attached"


class DuplicateOutputError(SourceError):
    hint = "rename one of the sources: outputs are named after the source without its extension"


@dataclass(frozen=True)
class Settings:
    """What a run's output depends on, besides the source bytes and the code."""

    model: str | None = None
    published: dt.date | None = None

    @property
    def model_name(self) -> str:
        return self.model or default_model()

    def recorded(self) -> dict[str, str | None]:
        return {"published": self.published.isoformat() if self.published else None}


@dataclass
class Result:
    source: SourceFile
    status: Status
    output: Path | None = None
    error: PipelineError | None = None
    document: Document | None = field(default=None, repr=False)


@dataclass
class _Prepared:
    source: SourceFile
    data: bytes
    clean: CleanDoc


def reference_date(clean: CleanDoc, fallback: dt.date | None) -> dt.date | None:
    """The story's own publication date when it has one, else the --published setting."""
    published = clean.metadata.published
    if published:
        try:
            return dt.datetime.fromisoformat(published).date()
        except ValueError:
            try:
                return dt.date.fromisoformat(published[:10])
            except ValueError:
                pass
    return fallback


class Runner:
    def __init__(self, out: Path, settings: Settings) -> None:
        self.out = out
        self.settings = settings
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        """Loaded on first use: a run with nothing to extract never pays for spaCy."""
        if self._nlp is None:
            self._nlp = load_nlp(self.settings.model_name)
        return self._nlp

    def pipeline_info(self) -> PipelineInfo:
        model, version = model_info(self.nlp)
        return PipelineInfo(
            version=__version__,
            model=model,
            model_version=version,
            settings=self.settings.recorded(),
        )

    def run(
        self, sources: Sequence[SourceFile], on_result: Callable[[Result], None] | None = None
    ) -> list[Result]:
        results: list[Result] = []
        for result in self._results(sources):
            results.append(result)
            if on_result is not None:
                on_result(result)
        return results

    def _results(self, sources: Sequence[SourceFile]) -> Iterator[Result]:
        owners: dict[Path, SourceFile] = {}
        batch: list[_Prepared] = []
        for source in sources:
            target = source.output_path(self.out)
            if target in owners:
                yield Result(
                    source,
                    "failed",
                    error=DuplicateOutputError(
                        f"{source.rel}: same output {target.name} as {owners[target].rel}"
                    ),
                )
                continue
            owners[target] = source
            try:
                batch.append(self._prepare(source))
            except SourceError as exc:
                yield Result(source, "failed", error=exc)
                continue
            if len(batch) >= BATCH_SIZE:
                yield from self._extract(batch)
                batch = []
        yield from self._extract(batch)

    def _prepare(self, source: SourceFile) -> _Prepared:
        fmt = detect_format(source.path)
        try:
            data = source.path.read_bytes()
        except OSError as exc:
            raise SourceError(f"cannot read: {exc.strerror or exc}") from exc
        return _Prepared(source, data, clean_source(data, fmt))

    def _extract(self, batch: list[_Prepared]) -> Iterator[Result]:
        if not batch:
            return
        nlp = self.nlp
        info = self.pipeline_info()
        docs = [
            make_doc(nlp, p.clean, reference_date(p.clean, self.settings.published)) for p in batch
        ]
        try:
            processed = list(nlp.pipe(docs, batch_size=len(docs)))
        except Exception:  # one bad document must not fail the batch: redo one by one
            processed = []
        for i, prepared in enumerate(batch):
            try:
                doc = processed[i] if processed else nlp(docs[i])
            except Exception as exc:
                yield Result(
                    prepared.source,
                    "failed",
                    error=ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}"),
                )
                continue
            yield self._write(prepared, doc, info)

    def _write(self, prepared: _Prepared, doc: Doc, info: PipelineInfo) -> Result:
        source = prepared.source
        record = Source(
            path=source.rel,
            sha256=hashlib.sha256(prepared.data).hexdigest(),
            format=prepared.clean.format,
        )
        try:
            document = to_document(doc, prepared.clean, source.doc_id, record, info)
            target = source.output_path(self.out)
            write_atomic(target, dump_document(document))
        except PipelineError as exc:
            return Result(source, "failed", error=exc)
        except OSError as exc:
            return Result(source, "failed", error=SourceError(f"cannot write output: {exc}"))
        return Result(source, "written", output=target, document=document)
