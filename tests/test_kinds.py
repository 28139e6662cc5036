"""A fact kind added through the table in pipeline.kinds alone reaches every stage."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from rich.console import Console
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import kinds
from pipeline.clean.document import CleanDoc
from pipeline.diff import diff_documents
from pipeline.diff.render import facts_line, render_text
from pipeline.export.read import OutputFileError, read_output, spans
from pipeline.extract import extensions
from pipeline.extract.nlp import load_nlp
from pipeline.validate.assemble import to_document
from pipeline.validate.models import Document, PipelineInfo, Source, _Span, document_model
from pipeline.write.serialize import dump_document


class HashtagFact(_Span):
    id: str
    tag: str


def hashtag_label(fact: dict[str, Any]) -> str:
    return f"#{fact.get('tag')}"


@Language.factory("toy_hashtags")
def make_hashtags(nlp: Language, name: str) -> Any:
    def find(doc: Doc) -> Doc:
        doc._.hashtags = [
            HashtagFact(
                id=f"h_{t.lower_}",
                start=t.idx - 1,
                end=t.idx + len(t.text),
                text="#" + t.text,
                tag=t.text,
            )
            for t in doc[1:]
            if doc[t.i - 1].text == "#" and doc[t.i - 1].idx == t.idx - 1
        ][::-1]  # the assembly orders them by offset
        return doc

    return find


HASHTAGS = kinds.FactKind(
    name="hashtags",
    factory="toy_hashtags",
    module=__name__,
    model=f"{__name__}:HashtagFact",
    singular="hashtag",
    label=f"{__name__}:hashtag_label",
    text_field="tag",
)


@pytest.fixture
def with_hashtags(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(kinds, "FACT_KINDS", (*kinds.FACT_KINDS, HASHTAGS))
    extensions.register()
    yield
    Doc.remove_extension("hashtags")


def _document(nlp: Language, text: str) -> Document:
    clean = CleanDoc(text=text, format="text")
    doc = nlp(nlp.make_doc(text))
    doc._.clean = clean
    source = Source(path="a.txt", sha256="0" * 64, format="text")
    info = PipelineInfo(version="0", model="m", model_version="0", settings={})
    return to_document(doc, clean, "a", source, info)


def _written(folder: Path, data: dict[str, Any]) -> Path:
    path = folder / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_toy_kind_is_extracted_assembled_validated_and_diffed(
    with_hashtags: None, tmp_path: Path
) -> None:
    nlp = load_nlp.__wrapped__()  # a fresh pipeline: the session's cached one stays as it was
    assert nlp.pipe_names[-2:] == ["toy_hashtags", "facts_salience"]
    text = "Ann Lee said on Monday that #climate and #energy matter."
    document = _document(nlp, text)

    # output: the new list, ordered by offset, after the built-in kinds
    data = json.loads(dump_document(document))
    assert [h["text"] for h in data["hashtags"]] == ["#climate", "#energy"]
    assert all(text[h["start"] : h["end"]] == h["text"] for h in data["hashtags"])
    assert data["entities"] and data["dates"]  # the built-in kinds still run

    # validation: the offset validator checks the new kind's spans too
    bad = {**data, "hashtags": [{**data["hashtags"][0], "start": 1, "end": 9}]}
    with pytest.raises(ValidationError, match="HashtagFact 1:9"):
        document_model().model_validate(bad)

    # reading outputs back (export, view): the new kind's spans are checked against the text
    assert {"#climate", "#energy"} <= {span["text"] for span in spans(data)}
    with pytest.raises(OutputFileError, match="span 1:9"):
        read_output(_written(tmp_path, bad), tmp_path)

    # diff: added and removed facts of the new kind, named by its label
    edited = {**data, "hashtags": [data["hashtags"][0]]}
    changes = [c for c in diff_documents(data, edited) if c.kind == "hashtags"]
    assert [(c.op, c.old["tag"]) for c in changes] == [("removed", "energy")]
    console = Console(record=True, width=120)
    render_text(changes, console)
    shown = console.export_text()
    assert "hashtags" in shown and "#energy" in shown
    assert facts_line({"hashtags": 1}) == "1 hashtag"


def test_a_toy_kind_is_exported_and_viewed(with_hashtags: None, tmp_path: Path) -> None:
    pytest.importorskip("sqlite_utils", reason="the export extra: pip install -e '.[export]'")
    pytest.importorskip("jinja2", reason="the view extra: pip install -e '.[view]'")
    from pipeline.export import export_sqlite, write_csv
    from pipeline.view import build_site

    nlp = load_nlp.__wrapped__()
    text = "Ann Lee said on Monday that #climate and #energy matter."
    out = tmp_path / "out"
    out.mkdir()
    _written(out, json.loads(dump_document(_document(nlp, text))))

    # CSV: one row per hashtag, with its own fields
    stream = io.StringIO()
    count, errors = write_csv(out, "hashtags", stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert count == 2 and not errors
    assert [(r["text"], r["tag"]) for r in rows] == [("#climate", "climate"), ("#energy", "energy")]
    assert all(text[int(r["start"]) : int(r["end"])] == r["text"] for r in rows)

    # SQLite: a table of the kind, keyed and tied to its document, and a count per document
    db = tmp_path / "facts.db"
    export_sqlite(out, db)
    with sqlite3.connect(db) as conn:
        tags = conn.execute("select key, document_id, tag from hashtags order by start").fetchall()
        n = conn.execute("select n_hashtags from documents").fetchone()[0]
        kept = conn.execute("select count(*) from entities").fetchone()[0]
    assert tags == [("a#h_climate", "a", "climate"), ("a#h_energy", "a", "energy")]
    assert n == 2 and kept > 0  # the built-in kinds are exported as before

    # view: the page counts the kind, marks its facts in the text and lists them in a panel
    build_site(out, tmp_path / "site")
    page = (tmp_path / "site" / "doc" / "a.html").read_text(encoding="utf-8")
    assert "2 hashtags" in page and '<section id="hashtags">' in page
    marked = re.findall(r'<mark class="f f-hashtag"[^>]*data-panel="([^"]+)"', page)
    assert len(marked) == 2 and all(f'<li id="{panel}">' in page for panel in marked)
    assert "Hashtags" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_without_the_entry_the_document_has_no_such_field() -> None:
    assert document_model() is Document
    assert "hashtags" not in Document.model_fields
    assert not any(kind.name == "hashtags" for kind in kinds.FACT_KINDS)


def test_the_table_names_every_built_in_field_and_component() -> None:
    assert set(kinds.names()) <= set(Document.model_fields)
    factories = [factory for factory, _ in kinds.component_modules()]
    assert factories[: len(kinds.FACT_KINDS)] == [kind.factory for kind in kinds.FACT_KINDS]
