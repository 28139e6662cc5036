"""The site in a real browser: clicking a quote in the panel targets and outlines its span.

Drives the system Chromium through Playwright's sync API (Playwright cannot download its own
browsers here). Skips with the reason when either is missing; `.ci/run` installs both. The
screenshot is left in `artefacts/` (gitignored) to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from factdocs import Json, corpus

from pipeline.view import build_site
from pipeline.view.site import page_path

ARTEFACTS = ROOT / "artefacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("no chromium on PATH (apt-get install -y chromium); browser test skipped")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[browser-test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_clicking_a_quote_targets_its_span(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    docs: dict[str, Json] = corpus(out)
    site = tmp_path / "site"
    build_site(out, site)
    doc = docs["city/bridge"]
    quote = doc["quotes"][1]
    anchor = f"t-q-{quote['id']}"
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((site / page_path("city/bridge")).as_uri())
    page.click(f"#p-q-{quote['id']} a.jump")
    page.wait_for_function(f"location.hash === '#{anchor}'")
    target = page.locator(":target")
    assert target.get_attribute("id") == anchor
    assert target.inner_text() == quote["text"]
    assert "focus" in (target.get_attribute("class") or "")
    outline = page.eval_on_selector(f"#{anchor}", "el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"
    assert page.eval_on_selector(
        f"#{anchor}",
        "el => { const r = el.getBoundingClientRect(); "
        "return r.top >= 0 && r.bottom <= innerHeight; }",
    )
    ARTEFACTS.mkdir(exist_ok=True)
    shot = ARTEFACTS / "view-quote-clicked.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert not errors


def test_hostile_page_runs_no_article_script(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    corpus(out)
    build_site(out, tmp_path / "site")
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((tmp_path / "site" / page_path("hostile")).as_uri())
    page.click("#links a.jump")
    page.wait_for_timeout(200)
    assert dialogs == []
    assert "<script>alert('x')</script>" in page.locator("#text").inner_text()


def test_a_split_fact_is_outlined_whole(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    docs = corpus(out)
    build_site(out, tmp_path / "site")
    crossing = docs["hostile"]["entities"][1]["id"]
    date = docs["hostile"]["dates"][0]["id"]
    page = browser.new_page()
    page.goto((tmp_path / "site" / page_path("hostile")).as_uri())
    page.click(f"#p-e-{crossing} a.jump")
    pieces = page.locator(f'[data-fact="t-e-{crossing}-m1"]')
    page.wait_for_function(f"location.hash === '#t-e-{crossing}-m1'")
    assert pieces.count() == 2
    assert all("focus" in (pieces.nth(i).get_attribute("class") or "") for i in range(2))
    page.click(f"#t-d-{date}")  # and from the text to its panel entry
    assert "flash" in (page.locator(f"#p-d-{date}").get_attribute("class") or "")
