"""YAML front matter: known keys, ISO publication dates, clear errors."""

from __future__ import annotations

import pytest

from pipeline.clean.frontmatter import split_front_matter
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
        "published: last Tuesday\n",
        "title: {a: 1}\n",
    ],
)
def test_malformed_front_matter_raises(yaml_text: str) -> None:
    with pytest.raises(FrontMatterError):
        split_front_matter(f"---\n{yaml_text}---\nBody.\n")
