"""YAML front matter of Markdown and text sources: the metadata the article itself cannot carry.

Only a block that opens on the very first line with `---` and is closed by a `---` (or `...`)
line counts, so a thematic break further down is never mistaken for it. Known keys are title,
author, published, url, site and language; other keys are ignored (scrapers add many). The
publication date anchors relative dates downstream, so it must be an ISO date or datetime.

A block that is not YAML, not a mapping or nested beyond reason fails the source. One bad
value (a date that does not exist, a list where a name belongs) only loses that field: the
article goes on, and the dropped value is listed in `removed` with the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml

from pipeline.clean.document import CleanMetadata, RemovedBlock
from pipeline.errors import FrontMatterError

FIELDS = ("title", "author", "published", "url", "site", "language")
_OPEN = "---"
_CLOSE = ("---", "...")
DROPPED_REASON = "invalid-metadata"
"""`removed` reason of a front-matter value that was dropped."""


class _Loader(yaml.SafeLoader):
    """SafeLoader whose scalars never raise: a timestamp that is no real date (2021-02-30,
    offset +25:00) or an integer too long for Python's str->int limit stays a string, so that
    only its own field is dropped later."""


def _lenient(constructor: Any) -> Any:
    def construct(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
        try:
            return constructor(loader, node)
        except (ValueError, OverflowError):
            return loader.construct_scalar(node)

    return construct


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", _lenient(yaml.SafeLoader.construct_yaml_timestamp)
)
_Loader.add_constructor("tag:yaml.org,2002:int", _lenient(yaml.SafeLoader.construct_yaml_int))
_Loader.add_constructor("tag:yaml.org,2002:float", _lenient(yaml.SafeLoader.construct_yaml_float))


@dataclass
class FrontMatter:
    metadata: CleanMetadata = field(default_factory=CleanMetadata)
    body: str = ""
    dropped: list[RemovedBlock] = field(default_factory=list)
    """Known fields whose value could not be used, with why."""


def read_front_matter(source: str) -> FrontMatter:
    """Metadata from the front matter (empty when there is none), the body after it, and the
    fields dropped as invalid."""
    lines = source.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].rstrip() != _OPEN:
        return FrontMatter(body=source)
    for i in range(1, len(lines)):
        if lines[i].rstrip() in _CLOSE:
            metadata, dropped = _parse("".join(lines[1:i]))
            return FrontMatter(metadata, "".join(lines[i + 1 :]), dropped)
    return FrontMatter(body=source)


def split_front_matter(source: str) -> tuple[CleanMetadata, str]:
    """Metadata from the front matter (empty when there is none) and the body after it."""
    found = read_front_matter(source)
    return found.metadata, found.body


def parse_front_matter(yaml_text: str) -> CleanMetadata:
    return _parse(yaml_text)[0]


def _parse(yaml_text: str) -> tuple[CleanMetadata, list[RemovedBlock]]:
    try:
        data = yaml.load(yaml_text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"front matter is not valid YAML: {exc}") from exc
    except RecursionError as exc:
        raise FrontMatterError("front matter is nested too deeply to be metadata") from exc
    if data is None:
        return CleanMetadata(), []
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a YAML mapping of key: value lines")
    values: dict[str, Any] = {}
    dropped: list[RemovedBlock] = []
    for key in FIELDS:
        if data.get(key) is None:
            continue
        try:
            value = _text(key, data[key])
            values[key] = _iso_date(value) if key == "published" else value
        except FrontMatterError as exc:
            dropped.append(RemovedBlock(text=f"{key}: {_shown(data[key])}", reason=_reason(exc)))
    return CleanMetadata(**values), dropped


def _reason(exc: FrontMatterError) -> str:
    return f"{DROPPED_REASON}: {exc}"


def _shown(value: Any, limit: int = 200) -> str:
    """The dropped value as the reader wrote it, shortened (it may be huge). Containers are
    named, not printed: YAML aliases can make a small file a structure too big to print."""
    if isinstance(value, (list, dict, set, tuple)):
        text = f"<{type(value).__name__} of {len(value)}>"
    else:
        try:
            text = value if isinstance(value, str) else repr(value)
        except (ValueError, RecursionError):  # an int beyond the str conversion limit
            text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[:limit] + "…"


def _text(key: str, value: Any) -> str:
    if isinstance(value, dt.date):  # datetime is a date too; YAML parses unquoted dates
        return value.isoformat()
    if isinstance(value, bool):
        raise FrontMatterError(f"front matter '{key}' must be text, not a yes/no value")
    if isinstance(value, (str, int, float)):
        try:
            return str(value).strip()
        except ValueError as exc:  # an int beyond Python's str conversion limit
            raise FrontMatterError(f"front matter '{key}' is too long a number") from exc
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
    raise FrontMatterError(
        f"front matter 'published' is not an ISO date or datetime: {_shown(value, 40)!r}"
    )
