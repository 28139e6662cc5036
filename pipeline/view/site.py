"""Write the static site: `index.html` and one page per document under `doc/`.

Every page is self-contained (inline CSS and script, no network), so the folder opens from disk
and can be copied anywhere. Jinja2 autoescapes everything: article text stays text.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote as url_quote

from pipeline import kinds
from pipeline.errors import OutputError, PipelineError
from pipeline.export.read import Output, metadata, read_outputs, require
from pipeline.view.page import build_page, counts, fact_keys

if TYPE_CHECKING:
    from jinja2 import Environment

PAGES = "doc"
"""Folder of the document pages inside the site."""
GENERATOR = "news-facts-pipeline view"
"""Marks the pages this command wrote: only those are ever removed as stale."""
SNIPPET = 160
"""Characters of a quote shown on the index."""


@dataclass
class ViewReport:
    pages: int = 0
    errors: list[tuple[Path, PipelineError]] = field(default_factory=list)
    stale: int = 0
    """Pages of documents no longer in OUT, removed."""


def page_path(doc_id: str) -> str:
    """A document's page, relative to the site folder (POSIX)."""
    return f"{PAGES}/{doc_id}.html"


def environment() -> Environment:
    require("jinja2", "view", "view")
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("pipeline.view", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["count"] = count_of
    return env


def count_of(n: int, noun: str) -> str:
    """`3 quotes`, `1 quote`, `2 entities`."""
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {noun[:-1]}ies" if noun.endswith("y") else f"{n} {noun}s"


def build_site(out: Path, site: Path, title: str | None = None) -> ViewReport:
    """Render every document in `out` into `site`; unreadable outputs are reported, not fatal."""
    env = environment()
    report = ViewReport()
    page_template = env.get_template("page.html")
    try:
        site.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{site}: cannot create the folder: {exc.strerror or exc}") from exc
    index = _Index()
    written: set[str] = set()
    for output in read_outputs(out, report.errors):
        rel = page_path(output.id)
        home = "../" * (rel.count("/")) + "index.html"
        try:
            html = page_template.render(page=build_page(output.doc), home=home, generator=GENERATOR)
        except (KeyError, TypeError, ValueError) as exc:  # a shape the reader did not check
            from pipeline.export.read import OutputFileError

            report.errors.append((output.path, OutputFileError(f"cannot render: {exc!r}")))
            continue
        _write(site / rel, html)
        written.add(rel)
        index.add(output, url_quote(rel))
        report.pages += 1
    report.stale = _remove_stale(site, written)
    name = title or f"Facts in {out.resolve().name or out}"
    _write(site / "index.html", env.get_template("index.html").render(title=name, **index.data()))
    return report


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc


def _remove_stale(site: Path, written: set[str]) -> int:
    """Pages this command wrote earlier for documents that are gone."""
    removed = 0
    pages = site / PAGES
    for folder, _dirs, files in os.walk(pages):
        for name in files:
            path = Path(folder, name)
            if name.endswith(".html") and path.relative_to(site).as_posix() not in written:
                with path.open("rb") as page:
                    if f'name="generator" content="{GENERATOR}"'.encode() not in page.read(2048):
                        continue  # not ours
                path.unlink()
                removed += 1
    return removed


class _Index:
    """The corpus page: documents, who is quoted where, which entities appear where."""

    def __init__(self) -> None:
        self.documents: list[dict[str, Any]] = []
        self.quotes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.speaker_names: dict[str, Counter[str]] = defaultdict(Counter)
        self.entities: dict[tuple[str, str], list[tuple[str, str, int]]] = defaultdict(list)
        self.entity_names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)

    def add(self, output: Output, rel: str) -> None:
        doc = output.doc
        meta = metadata(doc)
        title = str(meta.get("title") or output.id)
        self.documents.append(
            {
                "id": output.id,
                "anchor": "doc-" + PurePosixPath(output.id).as_posix(),
                "href": rel,
                "title": title,
                "published": meta.get("published"),
                "site": meta.get("site"),
                "counts": counts(doc),
            }
        )
        keys = fact_keys(doc)
        entity_keys, quote_keys = keys["entities"], keys["quotes"]
        for key, quote in zip(quote_keys, doc.get("quotes", []), strict=True):
            speaker = quote.get("speaker")
            name = speaker.get("name") if isinstance(speaker, dict) else None
            if not isinstance(speaker, dict) or not name:
                continue
            text = str(quote.get("text", ""))
            # a named entity is the same person across stories; a description ("a spokesman")
            # without one is only the same within its story
            who = str(name).casefold()
            group = who if speaker.get("entity_id") else f"{who}\x00{output.id}"
            self.speaker_names[group][str(name)] += 1
            self.quotes[group].append(
                {
                    "text": text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…",
                    "kind": quote.get("kind", ""),
                    "href": f"{rel}#t-{key}",
                    "doc_href": rel,
                    "doc_title": title,
                    "doc": output.id,
                }
            )
        for key, entity in zip(entity_keys, doc.get("entities", []), strict=True):
            name, label = str(entity.get("name", "")), str(entity.get("label", ""))
            same = (label, name.casefold())
            self.entity_names[same][name] += 1
            self.entities[same].append((f"{rel}#p-{key}", title, len(entity.get("mentions", []))))

    def data(self) -> dict[str, Any]:
        speakers: list[dict[str, Any]] = [
            {
                "name": self.speaker_names[key].most_common(1)[0][0],
                "quotes": quotes,
                "documents": len({q["doc"] for q in quotes}),
            }
            for key, quotes in self.quotes.items()
        ]
        speakers.sort(key=lambda s: (-s["documents"], -len(s["quotes"]), s["name"].casefold()))
        entities: list[dict[str, Any]] = [
            {
                "name": self.entity_names[group].most_common(1)[0][0],
                "label": group[0],
                "docs": docs,
                "mentions": sum(n for _h, _t, n in docs),
            }
            for group, docs in self.entities.items()
        ]
        entities.sort(key=lambda e: (-len(e["docs"]), -e["mentions"], e["name"].casefold()))
        return {
            "documents": self.documents,
            "speakers": speakers,
            "entities": entities,
            # the documents table's count columns: one per kind of pipeline.kinds
            "kinds": [(kind.name, kind.name.capitalize()) for kind in kinds.FACT_KINDS],
        }
