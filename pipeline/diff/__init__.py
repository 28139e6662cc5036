"""Compare the facts of two versions of a document, two output folders, or an article's history."""

from pipeline.diff.corpus import CorpusDiff, DocumentDiff, diff_folders
from pipeline.diff.facts import KINDS, Change, DiffInputError, diff_documents, load_version
from pipeline.diff.log import Step, article_log
from pipeline.diff.render import (
    corpus_json,
    corpus_jsonl,
    log_json,
    render_corpus_stat,
    render_corpus_text,
    render_log_text,
    render_stat,
    render_text,
    to_json,
    to_jsonl,
)
from pipeline.diff.versions import resolve

__all__ = [
    "KINDS",
    "Change",
    "CorpusDiff",
    "DiffInputError",
    "DocumentDiff",
    "Step",
    "article_log",
    "corpus_json",
    "corpus_jsonl",
    "diff_documents",
    "diff_folders",
    "load_version",
    "log_json",
    "render_corpus_stat",
    "render_corpus_text",
    "render_log_text",
    "render_stat",
    "render_text",
    "resolve",
    "to_json",
    "to_jsonl",
]
