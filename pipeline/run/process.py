"""The work on one source: bytes in, the Document's JSON bytes (or why not) out.

`process` is the one function every executor runs, in this process, a forked worker or a Dask
worker alike: a `Task` carries the source's bytes and what its output records, so a worker
never reads a source file nor the output folder. The model is loaded once per process
(`worker_for`), never shipped.

This is also the boundary that keeps one source's trouble its own: an expected failure
(SourceError) keeps its reason and hint; anything else becomes an InternalError naming the
stage, with the traceback kept for the errors log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline import __version__
from pipeline.errors import (
    InternalError,
    ModelNotFoundError,
    PipelineError,
    SourceError,
    WorkerError,
)
from pipeline.formats import Format
from pipeline.run.items import Outcome, Planned
from pipeline.run.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from pipeline.clean.document import CleanDoc
    from pipeline.validate.models import PipelineInfo

PIPE_SIZE = 32
"""Most sources per nlp.pipe call. The parser's and the recognizer's transition steps run the
whole group at once and cost less per document in larger groups: groups of 16 against 4 cut
the run's CPU by about 4 %, and 32 against 16 by about 2.5 % more (bench/throughput.py). A
worker's groups grow to this size, each up to four times the documents it has done (1, 4, 20,
32): the first document is reported at once, the next ones within a second or two, later ones
every few seconds."""

PIPE_CHARS = 200_000
"""A group also closes once its clean texts hold this many characters: a group of long
documents reports (and restarts the worker's time budget) about as often as one of short ones."""


@dataclass(frozen=True)
class Task:
    """One source as a worker gets it: its bytes and the names its output records."""

    doc_id: str
    source_name: str
    sha256: str
    format: Format
    body: bytes = field(repr=False)
    metadata: dict[str, str] | None = None
    """What a container says about the record (url, title...), for the gaps in the article's."""


Done = tuple[Planned, Outcome]
"""A planned source and what came of it."""


def task_of(item: Planned) -> Task:
    """The Task of a planned source, its bytes read here (by the driver).

    Raises the source's own error (unreadable, unsupported type) as a PipelineError. A plain
    file changed since it was planned is processed as it is now: its SHA-256 follows.
    """
    from pipeline.clean import detect_format

    if item.error is not None:  # found when its bytes were read back (see with_bodies)
        raise item.error
    source = item.source
    if item.record is not None:  # an article from a container: its bytes came with it
        record = item.record
        return Task(
            source.doc_id, source.source_name, item.sha256, record.format, record.body,
            record.metadata,
        )  # fmt: skip
    fmt = detect_format(source.path)
    try:
        data = source.path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from exc
    digest = hashlib.sha256(data).hexdigest()
    if digest != item.sha256:  # changed since planned: hash the bytes actually used
        item.sha256, item.source_stat = digest, None
    return Task(source.doc_id, source.source_name, digest, fmt, data)


def tasks_of(chunk: list[Planned]) -> tuple[list[tuple[Planned, Task]], list[Done]]:
    """The chunk's tasks, and the outcomes of the sources that failed before any work."""
    tasks: list[tuple[Planned, Task]] = []
    failed: list[Done] = []
    for item in chunk:
        try:
            tasks.append((item, task_of(item)))
        except Exception as exc:
            failed.append((item, failure(item.sha256, "clean", exc)))
    return tasks, failed


def process(tasks: list[Task], settings: Settings) -> Iterator[Outcome]:
    """One Outcome per task, in order, each as soon as its group is done (see PIPE_SIZE).

    Never raises for a source's trouble: it is in that source's Outcome.
    """
    worker = worker_for(settings)
    cleaned: list[_Prepared | Outcome] = []
    chars = 0
    for task in tasks:
        try:
            prepared = worker.prepare(task)
            chars += len(prepared.clean.text)
            cleaned.append(prepared)
        except Exception as exc:
            cleaned.append(failure(task.sha256, "clean", exc))
        if len(cleaned) >= worker.group_size() or chars >= PIPE_CHARS:
            yield from worker.finish_group(cleaned)
            cleaned, chars = [], 0
    if cleaned:
        yield from worker.finish_group(cleaned)


_STORY = (
    "The mayor of Paris said on 3 May 2024 that \u201cthe bridge will reopen next spring\u201d, "
    "according to a statement from the city council. Officials from the transport agency, "
    "led by Dr. Anne Martin, told reporters on Tuesday that repairs would cost $4.5 million. "
    "Details are at https://example.org/bridge. The council meets again on June 12."
)
WARM_UP = [
    Task("warm-up/page", "warm-up.html", "", "html", (
        f"<html><body><article><h1>Bridge</h1><p>{_STORY}</p><p>{_STORY}</p></article>"
        "</body></html>"
    ).encode()),
    Task("warm-up/text", "warm-up.txt", "", "text", f"Bridge\n\n{_STORY}\n".encode()),
]  # fmt: skip
"""Two short articles run once per process before any source (warm_up_worker): the lazy imports
and first-call costs (the HTML and text cleaners, the language classifier's model, the date
parser, the model's first batch) are paid there, not by the first source."""


def warm_up_worker(settings: Settings) -> None:
    """Load the model and run WARM_UP through it. Where workers are forked, the parent does this
    once per run, so no worker (nor a replacement after a timeout) pays it again. The warm-up's
    documents do not count towards the worker's group sizes."""
    worker = worker_for(settings)
    worker.pipeline_info()
    for _ in process(WARM_UP, settings):
        pass
    worker.done = 0


_WORKERS: dict[Settings, Worker] = {}


def worker_for(settings: Settings) -> Worker:
    """This process's Worker for these settings: its model is loaded once per process."""
    if settings not in _WORKERS:
        _WORKERS[settings] = Worker(settings)
    return _WORKERS[settings]


@dataclass
class _Prepared:
    task: Task
    clean: CleanDoc


class Worker:
    """The model and what each output records about the run, loaded on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._nlp: Language | None = None
        self._info: PipelineInfo | None = None
        self.done = 0
        """Sources this process has finished: its groups grow with it (group_size)."""

    @property
    def nlp(self) -> Language:
        """Loaded on first use: a run with nothing to extract never pays for spaCy."""
        if self._nlp is None:
            from pipeline.extract.nlp import load_nlp

            self._nlp = load_nlp(self.settings.model_name)
        return self._nlp

    def pipeline_info(self) -> PipelineInfo:
        from pipeline.extract.nlp import model_info
        from pipeline.validate.models import PipelineInfo

        if self._info is None:
            model, version = model_info(self.nlp)
            self._info = PipelineInfo(
                version=__version__,
                model=model,
                model_version=version,
                settings=self.settings.recorded(),
            )
        return self._info

    def group_size(self) -> int:
        """Sources in the next group: four times what this process has finished (one at
        first), up to PIPE_SIZE."""
        return min(PIPE_SIZE, max(1, 4 * self.done))

    def finish_group(self, cleaned: list[_Prepared | Outcome]) -> list[Outcome]:
        """A group of cleaned sources (or why one could not be cleaned) through one nlp.pipe:
        one Outcome each, in order."""
        docs = iter(self._pipe([c for c in cleaned if isinstance(c, _Prepared)]))
        outcomes = [c if isinstance(c, Outcome) else self._outcome(c, next(docs)) for c in cleaned]
        self.done += len(cleaned)
        return outcomes

    def _outcome(self, prepared: _Prepared, doc: Doc | Outcome) -> Outcome:
        """The source's Document bytes, or why extracting or validating it failed."""
        if isinstance(doc, Outcome):
            return doc
        try:
            return Outcome(prepared.task.sha256, data=self._dump(prepared, doc))
        except Exception as exc:
            return failure(prepared.task.sha256, "validate", exc)

    def prepare(self, task: Task) -> _Prepared:
        """The clean text of a task's bytes, with its container's metadata filling gaps."""
        from pipeline.clean import clean_source

        clean = clean_source(task.body, task.format)
        if task.metadata is not None:
            from pipeline.records import fill_metadata

            fill_metadata(clean.metadata, task.metadata)
        return _Prepared(task, clean)

    def _pipe(self, batch: list[_Prepared]) -> list[Doc | Outcome]:
        """The processed Doc of each source (in one nlp.pipe), or the failure of that source."""
        if not batch:
            return []
        from pipeline.extract.nlp import annotate, make_doc

        nlp = self.nlp

        def fresh(p: _Prepared) -> Doc:
            return make_doc(nlp, p.clean, reference_date(p.clean, self.settings.published))

        try:
            return list(annotate(nlp, [fresh(p) for p in batch], batch_size=len(batch)))
        except Exception:  # one bad document must not fail the batch: redo one by one
            pass
        docs: list[Doc | Outcome] = []
        for p in batch:
            try:
                docs.append(annotate(nlp, [fresh(p)])[0])
            except Exception as exc:
                docs.append(failure(p.task.sha256, "extract", exc))
        return docs

    def _dump(self, prepared: _Prepared, doc: Doc) -> bytes:
        """The validated Document as the JSON bytes the driver writes."""
        from pipeline.validate.assemble import to_document
        from pipeline.validate.models import Source
        from pipeline.write.serialize import dump_document

        task = prepared.task
        record = Source(path=task.source_name, sha256=task.sha256, format=prepared.clean.format)
        document = to_document(doc, prepared.clean, task.doc_id, record, self.pipeline_info())
        return dump_document(document)


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


def failure(sha256: str, stage: str, exc: BaseException) -> Outcome:
    """The Outcome of a source whose processing raised `exc` in `stage`."""
    if isinstance(exc, PipelineError) and not isinstance(exc, ModelNotFoundError | WorkerError):
        return Outcome(sha256, error=_picklable(exc))
    if isinstance(exc, ModelNotFoundError | WorkerError):
        raise exc
    message = _one_line(str(exc))
    error = InternalError(
        f"internal error in {stage}: {type(exc).__name__}" + (f": {message}" * bool(message))
    )
    return Outcome(sha256, error=error, traceback="".join(traceback.format_exception(exc)))


def _picklable(exc: PipelineError) -> PipelineError:
    """The error itself when it survives the trip back from a worker, else its text and hint."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return SourceError(str(exc), exc.hint)
    return exc


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
