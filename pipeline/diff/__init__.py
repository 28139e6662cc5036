"""Compare the facts of two versions of a document, matched by their stable ids."""

from pipeline.diff.facts import KINDS, Change, DiffInputError, diff_documents, load_version
from pipeline.diff.render import render_stat, render_text, to_json
from pipeline.diff.versions import resolve

__all__ = [
    "KINDS",
    "Change",
    "DiffInputError",
    "diff_documents",
    "load_version",
    "render_stat",
    "render_text",
    "resolve",
    "to_json",
]
