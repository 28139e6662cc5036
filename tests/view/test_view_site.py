"""The generated site, read back with lxml: every fact in place once, every link lands, and
article text never becomes markup."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT
from factdocs import HOSTILE_TEXT, Json, corpus, save
from lxml import html as lxml_html

from pipeline.export.read import MissingExtraError, read_outputs
from pipeline.view import build_site
from pipeline.view.site import page_path

Tree = lxml_html.HtmlElement


def load(path: Path) -> Tree:
    return lxml_html.fromstring(path.read_bytes())


def fact_anchors(doc: Json) -> list[tuple[str, str]]:
    """(html id, text) of every fact placed in the text, as the page names them."""
    found = [(f"t-q-{q['id']}", q["text"]) for q in doc["quotes"]]
    found += [(f"t-d-{d['id']}", d["text"]) for d in doc["dates"]]
    found += [(f"t-l-{lk['id']}", lk["text"]) for lk in doc["links"]]
    for e in doc["entities"]:
        found += [(f"t-e-{e['id']}-m{n}", m["text"]) for n, m in enumerate(e["mentions"], 1)]
    return found


def check_page(page: Tree, doc: Json) -> None:
    (text,) = page.xpath('//div[@id="text"]')
    assert text.text_content() == doc["text"]
    ids = Counter(page.xpath("//@id"))
    assert not [i for i, n in ids.items() if n > 1], "duplicate ids"
    for anchor, fact_text in fact_anchors(doc):
        assert ids[anchor] == 1, anchor
        (first,) = page.xpath(f'//*[@id="{anchor}"]')
        assert first.tag == "mark" and first.getparent() is not None
        pieces = text.xpath(f'.//mark[@data-fact="{anchor}"]')
        assert "".join(p.text_content() for p in pieces) == fact_text
    for href in page.xpath('//a[starts-with(@href, "#")]/@href'):
        assert ids[unquote(href[1:])] == 1, f"{href} targets nothing"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Json]]:
    out = tmp_path_factory.mktemp("out")
    docs = corpus(out)
    site = tmp_path_factory.mktemp("site")
    report = build_site(out, site)
    assert report.pages == len(docs) and not report.errors
    return site, docs


def test_every_fact_renders_once_in_place(built: tuple[Path, dict[str, Json]]) -> None:
    site, docs = built
    for doc_id, doc in docs.items():
        check_page(load(site / page_path(doc_id)), doc)


def test_real_outputs_render(tmp_path: Path) -> None:
    out = ROOT / "extracted"
    report = build_site(out, tmp_path)
    outputs = list(read_outputs(out, []))
    assert report.pages == len(outputs) > 0 and not report.errors
    for output in outputs:
        check_page(load(tmp_path / page_path(output.id)), output.doc)


def test_hostile_text_stays_text(built: tuple[Path, dict[str, Json]]) -> None:
    site, _ = built
    page = load(site / page_path("hostile"))
    scripts = page.xpath("//script")
    assert len(scripts) == 1 and "alert" not in (scripts[0].text or "")  # only the page's own
    assert not page.xpath("//b | //img | //i")
    assert not [a for el in page.iter() for a in el.attrib if a.lower().startswith("on")]
    assert all(urlsplit(h).scheme in ("", "http", "https") for h in page.xpath("//a/@href"))
    assert page.xpath('//div[@id="text"]')[0].text_content() == HOSTILE_TEXT
    assert (
        "<script>alert('removed')</script>"
        in page.xpath('//section[@id="removed"]')[0].text_content()
    )
    assert page.xpath("//title")[0].text == "<script>alert('title')</script> & co"
    index = load(site / "index.html")
    assert len(index.xpath("//script")) == 0 and not index.xpath("//b | //i | //img")


def test_nested_spans_nest_and_crossing_spans_split(built: tuple[Path, dict[str, Json]]) -> None:
    site, docs = built
    doc = docs["hostile"]
    page = load(site / page_path("hostile"))
    quote = f"t-q-{doc['quotes'][0]['id']}"
    date = f"t-d-{doc['dates'][0]['id']}"
    crossing = f"t-e-{doc['entities'][1]['id']}-m1"
    (date_el,) = page.xpath(f'//mark[@id="{date}"]')
    assert quote in [a.get("data-fact") for a in date_el.iterancestors("mark")]
    pieces = page.xpath(f'//mark[@data-fact="{crossing}"]')
    assert len(pieces) == 2 and pieces[0].get("id") == crossing and pieces[1].get("id") is None
    assert [a.get("data-fact") for a in pieces[0].iterancestors("mark")] == [quote]
    assert not list(pieces[1].iterancestors("mark"))
    link = f"t-l-{doc['links'][0]['id']}"  # the javascript: link is shown, never followed
    (entry,) = page.xpath(f'//li[@id="p-l-{doc["links"][0]["id"]}"]')
    assert entry.xpath(".//a/@href") == [f"#{link}"]


def test_panels(built: tuple[Path, dict[str, Json]]) -> None:
    site, _ = built
    page = load(site / page_path("city/bridge"))
    (quotes,) = page.xpath('//section[@id="quotes"]')
    assert [h.text_content().split()[:2] for h in quotes.xpath(".//h3")] == [["Hannah", "Lee"]]
    assert len(quotes.xpath(".//li")) == 2
    timeline = page.xpath('//section[@id="dates"]//li')
    assert [li.xpath(".//a")[0].text for li in timeline] == ["June", "Tuesday"]  # 2025-06 first
    names = [li.xpath("./a")[0].text for li in page.xpath('//section[@id="entities"]//li')]
    assert names == ["Hannah Lee", "City Hall"]  # by salience
    fares = load(site / page_path("city/fares"))
    (unresolved,) = fares.xpath('//section[@id="dates"]//li')
    assert "unresolved" in unresolved.xpath('.//span[contains(@class, "warn")]')[0].text
    hostile = load(site / page_path("hostile"))
    badges = hostile.xpath('//section[@id="quotes"]//span[@class="badge"]/text()')
    assert "via: pronoun" in badges  # optional speaker fields are shown when present


def test_index_links_land(built: tuple[Path, dict[str, Json]]) -> None:
    site, docs = built
    index = load(site / "index.html")
    rows = index.xpath('//section[@id="documents"]//tbody/tr')
    assert len(rows) == len(docs)
    for href in index.xpath("//a/@href"):
        parts = urlsplit(href)
        if not parts.path:
            assert index.xpath(f'//*[@id="{parts.fragment}"]'), href
            continue
        target = site / unquote(parts.path)
        assert target.is_file(), href
        if parts.fragment:
            assert load(target).xpath(f'//*[@id="{unquote(parts.fragment)}"]'), href
    for page in (site / "doc").rglob("*.html"):  # and back home
        home = load(page).xpath('//header//a[text()="All documents"]/@href')[0]
        assert (page.parent / home).resolve() == (site / "index.html").resolve()


def test_index_who_is_quoted_across_documents(built: tuple[Path, dict[str, Json]]) -> None:
    site, _ = built
    index = load(site / "index.html")
    people = {
        d.xpath("./summary/strong")[0].text: d
        for d in index.xpath('//section[@id="speakers"]/details')
    }
    lee = people["Hannah Lee"]
    assert "3 quotes in 2 documents" in lee.xpath("./summary")[0].text_content()
    hrefs = lee.xpath(".//li/a[1]/@href")
    assert {urlsplit(h).path for h in hrefs} == {page_path("city/bridge"), page_path("city/fares")}
    entities = {
        d.xpath("./summary/strong")[0].text: d
        for d in index.xpath('//section[@id="entities"]/details')
    }
    assert len(entities["Hannah Lee"].xpath(".//li")) == 2


def test_bad_output_is_reported_and_the_rest_rendered(tmp_path: Path) -> None:
    out = tmp_path / "out"
    docs = corpus(out)
    (out / "broken.json").write_text("{not json", encoding="utf-8")
    bad = dict(docs["city/fares"], id="moved")
    bad["quotes"] = [dict(bad["quotes"][0], start=0)]  # offsets that do not fit the text
    save(out, bad)
    escape = dict(docs["city/fares"], id="../../escape")  # must not write outside the site
    (out / "escape.json").write_text(json.dumps(escape), encoding="utf-8")
    report = build_site(out, tmp_path / "site")
    assert report.pages == len(docs)
    assert sorted(p.name for p, _ in report.errors) == ["broken.json", "escape.json", "moved.json"]
    assert not list(tmp_path.rglob("escape.html"))


def test_stale_pages_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    corpus(out)
    site = tmp_path / "site"
    build_site(out, site)
    (out / "hostile.json").unlink()
    theirs = site / "doc" / "manual.html"  # a page this command did not write is left alone
    theirs.write_text("<html><p>my notes</p></html>", encoding="utf-8")
    report = build_site(out, site)
    assert report.stale == 1 and not (site / page_path("hostile")).exists()
    assert theirs.exists()


def test_missing_jinja2_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(MissingExtraError) as caught:
        build_site(ROOT / "extracted", tmp_path)
    assert "jinja2" in str(caught.value) and "[view]" in caught.value.hint


def test_view_and_export_never_import_spacy(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from pipeline.view import build_site\nfrom pipeline.export import export_sqlite\n"
        f"build_site(Path({str(ROOT / 'extracted')!r}), Path({str(tmp_path / 'site')!r}))\n"
        f"export_sqlite(Path({str(ROOT / 'extracted')!r}), Path({str(tmp_path / 'f.db')!r}))\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
        "assert 'pydantic' not in sys.modules, 'pydantic imported'\n"
    )
    pytest.importorskip("sqlite_utils")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)


def test_odd_document_ids_get_working_links(tmp_path: Path) -> None:
    out = tmp_path / "out"
    docs = corpus(out)
    odd = dict(docs["city/fares"], id="notes/50% off #1?")
    save(out, odd)
    site = tmp_path / "site"
    assert build_site(out, site).pages == 4
    index = load(site / "index.html")
    hrefs = [h for h in index.xpath('//section[@id="documents"]//a/@href') if "notes" in h]
    assert len(hrefs) == 1 and (site / unquote(urlsplit(hrefs[0]).path)).is_file()
    check_page(load(site / page_path(odd["id"])), odd)


def test_described_speakers_are_not_merged_across_documents(tmp_path: Path) -> None:
    out = tmp_path / "out"
    docs = corpus(out)
    for doc_id in ("city/bridge", "city/fares"):
        doc = docs[doc_id]
        for q in doc["quotes"]:
            q["speaker"] = {**q["speaker"], "name": "a spokesman", "entity_id": None}
        save(out, doc)
    build_site(out, tmp_path / "site")
    index = load(tmp_path / "site" / "index.html")
    summaries = [s.text_content() for s in index.xpath('//section[@id="speakers"]//summary')]
    spokesmen = sorted(" ".join(s.split()) for s in summaries if "spokesman" in s)
    assert spokesmen == ["a spokesman 1 quote in 1 document", "a spokesman 2 quotes in 1 document"]


def test_without_the_view_extra_the_cli_says_what_to_install(tmp_path: Path) -> None:
    code = (
        "import sys\nsys.modules['jinja2'] = sys.modules['markupsafe'] = None\n"
        "from pipeline.cli import main\n"
        f"sys.argv = ['pipeline', 'view', {str(ROOT / 'extracted')!r}, '--html', 'site']\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2, done.stderr
    assert " ".join(done.stderr.split()) == (
        "error: `pipeline view` needs jinja2, which is not installed "
        "(hint: pip install 'news-facts-pipeline[view]')"
    )
    assert not (tmp_path / "site").exists()
