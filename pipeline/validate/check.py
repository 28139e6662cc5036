"""Check JSON output files against the contract: the JSON Schema, then the offset invariants."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from pydantic import ValidationError

from pipeline.errors import InvalidDocumentError
from pipeline.validate.models import Document
from pipeline.validate.schema import document_schema


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(document_schema())


def check_data(data: Any) -> Document:
    """The Document the data describes; InvalidDocumentError names the first problem."""
    try:
        errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    except RecursionError:
        raise InvalidDocumentError("nested too deeply to be a document") from None
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(root)"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise InvalidDocumentError(f"{where}: {errors[0].message}{more}")
    try:
        return Document.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "/".join(str(p) for p in first["loc"]) or "(root)"
        raise InvalidDocumentError(f"{where}: {first['msg']}") from exc


def check_file(path: Path) -> Document:
    return check_data(load_json(path))


def load_json(path: Path) -> Any:
    """Strict JSON as the contract allows it: UTF-8 text, no NaN or Infinity, no lone surrogate.

    Hostile files (100,000-deep nesting, 5,000-digit numbers) raise InvalidDocumentError,
    never RecursionError or ValueError.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_constant=_no_constant)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InvalidDocumentError(f"cannot read JSON: {exc}") from exc
    except RecursionError:
        raise InvalidDocumentError("cannot read JSON: nested too deeply") from None
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidDocumentError("a string holds a lone surrogate (\\ud800-\\udfff)") from None
    except (RecursionError, ValueError):
        raise InvalidDocumentError("nested too deeply to be a document") from None
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")
