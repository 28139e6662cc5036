"""YAML front matter of Markdown and text sources: the metadata the article itself cannot carry.

Only a block that opens on the very first line with `---` and is closed by a `---` (or `...`)
line counts, so a thematic break further down is never mistaken for it. Known keys are title,
author, published, url, site and language; other keys are ignored (scrapers add many). The
publication date anchors relative dates downstream, so it must be an ISO date or datetime.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from pipeline.clean.document import CleanMetadata
from pipeline.errors import FrontMatterError

FIELDS = ("title", "author", "published", "url", "site", "language")
_OPEN = "---"
_CLOSE = ("---", "...")


def split_front_matter(source: str) -> tuple[CleanMetadata, str]:
    """Metadata from the front matter (empty when there is none) and the body after it."""
    lines = source.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].rstrip() != _OPEN:
        return CleanMetadata(), source
    for i in range(1, len(lines)):
        if lines[i].rstrip() in _CLOSE:
            return parse_front_matter("".join(lines[1:i])), "".join(lines[i + 1 :])
    return CleanMetadata(), source


def parse_front_matter(yaml_text: str) -> CleanMetadata:
    try:
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"front matter is not valid YAML: {exc}") from exc
    if data is None:
        return CleanMetadata()
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a YAML mapping of key: value lines")
    values: dict[str, Any] = {
        key: _text(key, data[key]) for key in FIELDS if data.get(key) is not None
    }
    if "published" in values:
        values["published"] = _iso_date(values["published"])
    return CleanMetadata(**values)


def _text(key: str, value: Any) -> str:
    if isinstance(value, dt.date):  # datetime is a date too; YAML parses unquoted dates
        return value.isoformat()
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    raise FrontMatterError(
        f"front matter '{key}' must be a single value, not {type(value).__name__}"
    )


def _iso_date(value: str) -> str:
    """Check that `published` is an ISO date or datetime; returns it in ISO form."""
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            return parse(value).isoformat()
        except ValueError:
            continue
    raise FrontMatterError(f"front matter 'published' is not an ISO date or datetime: {value!r}")
