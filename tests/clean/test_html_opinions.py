"""The shared trafilatura run gives what two public `bare_extraction` calls give, page for page.

Pages: the project's HTML sample and shared article pages of each kind the shared path must get
right (skipped where ../shared is absent): the balanced run escalating to recall inside
trafilatura, the two opinions returning different bodies, and a page with no declared address
(trafilatura's metadata then supplies the one the balanced run resolves links against).
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
import trafilatura
from conftest import ROOT, aeb_page

import pipeline.clean.html_opinions as html_opinions
from pipeline.clean.decode import decode_source
from pipeline.clean.html import clean_html
from pipeline.errors import ParseError

AEB_PAGES = {
    "042bb7b5": "balanced run escalates to recall",
    "f6ac15a4": "escalates, and the two bodies differ",
    "076f4f33": "the two bodies differ",
    "5ae11e58": "bodies differ, no declared address",
    "0ec95c72": "no declared address",
}


def _cleaned(path: Path) -> dict[str, Any]:
    return asdict(clean_html(decode_source(path.read_bytes(), "html")))


def _public_only(monkeypatch: pytest.MonkeyPatch, path: Path) -> dict[str, Any]:
    with monkeypatch.context() as patch:
        patch.setattr(html_opinions, "TRAFILATURA_VERSION", "not this one")
        return _cleaned(path)


@pytest.fixture
def shared_calls(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records whether each shared run went through (False: it handed over to the public path)."""
    if trafilatura.__version__ != html_opinions.TRAFILATURA_VERSION:
        pytest.skip(
            f"trafilatura {trafilatura.__version__} is not the version the shared run follows "
            f"({html_opinions.TRAFILATURA_VERSION}): only the public calls run"
        )
    calls: list[bool] = []
    shared = html_opinions._shared

    def spy(*args: Any) -> Any:
        result = shared(*args)
        calls.append(result is not None)
        return result

    monkeypatch.setattr(html_opinions, "_shared", spy)
    return calls


def test_project_sample_same_as_public_calls(
    monkeypatch: pytest.MonkeyPatch, shared_calls: list[bool]
) -> None:
    path = ROOT / "raw" / "harbor-bridge-reopens.html"
    assert _cleaned(path) == _public_only(monkeypatch, path)
    assert shared_calls == [True]


@pytest.mark.parametrize("prefix", sorted(AEB_PAGES), ids=lambda p: f"{p}-{AEB_PAGES[p]}")
def test_article_pages_same_as_public_calls(
    prefix: str, monkeypatch: pytest.MonkeyPatch, shared_calls: list[bool]
) -> None:
    path = aeb_page(prefix)
    assert _cleaned(path) == _public_only(monkeypatch, path)
    assert shared_calls == [True]


def test_another_trafilatura_version_takes_the_public_calls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(*args: Any) -> None:
        raise AssertionError("the shared run must not start on another trafilatura version")

    monkeypatch.setattr(html_opinions, "_shared", fail)
    monkeypatch.setattr(html_opinions, "TRAFILATURA_VERSION", "not this one")
    doc = _cleaned(ROOT / "raw" / "harbor-bridge-reopens.html")
    assert doc["text"]


def test_first_run_without_text_hands_over_to_the_public_calls(
    shared_calls: list[bool],
) -> None:
    # no text for the balanced run: the recall run would then need the metadata
    page = "<html><head><title>A title</title></head><body><img src='a.png'></body></html>"
    with pytest.raises(ParseError, match="no article text"):
        clean_html(page)
    assert shared_calls == [False]


@pytest.mark.parametrize("prefix", sorted(AEB_PAGES))
def test_shared_metadata_is_trafilaturas_but_for_what_is_never_read(prefix: str) -> None:
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    if trafilatura.__version__ != html_opinions.TRAFILATURA_VERSION:
        pytest.skip(f"trafilatura {trafilatura.__version__}: the shared run is not used")
    html = decode_source(aeb_page(prefix).read_bytes(), "html")
    theirs = extract_metadata(load_html(html), None, None, False, None).as_dict()
    ours = html_opinions._metadata(load_html(html), None, None, False, None).as_dict()
    skipped = ("categories", "tags", "license", "body", "commentsbody")  # bodies: empty here
    assert {k: v for k, v in theirs.items() if k not in skipped} == {
        k: v for k, v in ours.items() if k not in skipped
    }
    assert len(ours["body"]) == len(theirs["body"]) == 0
    assert ours["title"] and ours["date"]  # the fields the clean stage reads are there
