"""Issue 14's cases on the shared article pages (skipped where ../shared is absent).

The fragments and the expected authors are the hand gold of bench/data/clean_gold.json, so
the test and the benchmark judge the same lines.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import pytest
from conftest import ROOT, aeb_page

from pipeline.clean import CleanDoc, clean_source

GOLD: dict[str, Any] = json.loads(
    (ROOT / "bench" / "data" / "clean_gold.json").read_text(encoding="utf-8")
)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))


@cache
def _clean(prefix: str) -> CleanDoc:
    return clean_source(aeb_page(prefix).read_bytes(), "html")


@pytest.mark.parametrize("prefix", sorted(GOLD["removed"]))
def test_boilerplate_lines_leave_the_text_and_are_recorded(prefix: str) -> None:
    doc = _clean(prefix)
    fragments = GOLD["removed"][prefix]
    removed = _words(" ".join(block.text for block in doc.removed))
    for fragment in fragments["boilerplate"]:
        assert fragment not in doc.text
        assert _words(fragment) in removed  # nothing disappears silently
    for fragment in fragments["article"]:
        assert fragment in doc.text


@pytest.mark.parametrize("prefix", sorted(GOLD["authors"]))
def test_authors_are_clean_personal_names(prefix: str) -> None:
    doc = _clean(prefix)
    expected = GOLD["authors"][prefix]
    assert doc.metadata.authors == expected
    assert doc.metadata.author == ("; ".join(expected) or None)


def test_site_is_the_registered_domain_not_a_cms_word() -> None:
    doc = _clean("82b6d780")
    assert doc.metadata.site == "ap.org"


@pytest.mark.parametrize("prefix", ["82b6d780", "156770d6", "7916ecca", "d48aeb9c"])
def test_every_page_gets_a_language(prefix: str) -> None:
    assert _clean(prefix).metadata.language == "en"
