"""YAML front matter: known keys, ISO publication dates, clear errors."""

from __future__ import annotations

import pytest

from pipeline.clean import clean_source
from pipeline.clean.frontmatter import DROPPED_REASON, read_front_matter, split_front_matter
from pipeline.errors import FrontMatterError


def test_fields_and_body() -> None:
    meta, body = split_front_matter(
        "---\ntitle: A title\nauthor: Ann Lee\npublished: 2025-11-24T08:30:00Z\n"
        "url: https://ex.org/a\nsite: Example\nlanguage: en\ntags: [x, y]\n---\nBody.\n"
    )
    assert (meta.title, meta.author, meta.url, meta.site, meta.language) == (
        "A title",
        "Ann Lee",
        "https://ex.org/a",
        "Example",
        "en",
    )
    assert meta.published == "2025-11-24T08:30:00+00:00"
    assert body == "Body.\n"


def test_date_parsed_by_yaml_or_quoted() -> None:
    assert split_front_matter("---\npublished: 2025-03-04\n---\nx")[0].published == "2025-03-04"
    assert split_front_matter("---\npublished: '2025-03-04'\n---\nx")[0].published == "2025-03-04"


def test_no_front_matter() -> None:
    for source in ("Body only.\n", "Text\n---\nmore\n", "---\nno closing line\n"):
        meta, body = split_front_matter(source)
        assert meta.title is None and body == source


@pytest.mark.parametrize(
    "yaml_text",
    [
        "title: [unclosed\n",
        "- a list\n- not a mapping\n",
        "title: " + "[" * 100_000 + "\n",
        "x: " + "[" * 100_000 + "]" * 100_000 + "\n",
    ],
)
def test_malformed_front_matter_raises(yaml_text: str) -> None:
    with pytest.raises(FrontMatterError):
        split_front_matter(f"---\n{yaml_text}---\nBody.\n")


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("published: 2021-02-30", "not an ISO date"),
        ("published: 2020-13-45", "not an ISO date"),
        ("published: 2020-01-01T10:00:00+25:00", "not an ISO date"),
        ("published: last Tuesday", "not an ISO date"),
        ("published: " + "9" * 5000, "not an ISO date"),
        ("title: {a: 1}", "single value"),
        ("author: [Ann, Bob]", "single value"),
        ("title: yes", "yes/no"),
    ],
)
def test_bad_field_is_dropped_with_its_reason(line: str, why: str) -> None:
    """One unusable value loses its field only; the rest of the metadata and the body stay."""
    found = read_front_matter(f"---\nsite: Example\n{line}\nurl: https://ex.org/a\n---\nBody.\n")
    key = line.split(":")[0]
    assert getattr(found.metadata, key) is None
    assert (found.metadata.site, found.metadata.url, found.body) == (
        "Example",
        "https://ex.org/a",
        "Body.\n",
    )
    [dropped] = found.dropped
    assert dropped.text.startswith(f"{key}: ") and len(dropped.text) < 300
    assert dropped.reason.startswith(DROPPED_REASON) and why in dropped.reason


def test_huge_number_is_text_where_text_belongs() -> None:
    digits = "9" * 5000
    assert split_front_matter(f"---\ntitle: {digits}\n---\nBody.\n")[0].title == digits


def test_dropped_field_reaches_removed() -> None:
    doc = clean_source(b"---\ntitle: T\npublished: 2021-02-30\n---\nThe body text.\n", "markdown")
    assert doc.metadata.published is None and doc.metadata.title == "T"
    assert [r.reason.split(":")[0] for r in doc.removed] == [DROPPED_REASON]
