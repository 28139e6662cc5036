"""`pipeline export --to facts.db`: one row per fact, incremental re-export, queries that work."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from factdocs import Json, corpus, save

from pipeline.errors import OutputError
from pipeline.export.read import MissingExtraError, read_outputs

pytest.importorskip("sqlite_utils", reason="the export extra is not installed")
from pipeline.export import export_sqlite

TABLES = ("documents", "entities", "mentions", "quotes", "dates", "links", "removed")


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0] for t in TABLES}


def fact_counts(docs: list[Json]) -> dict[str, int]:
    return {
        "documents": len(docs),
        "entities": sum(len(d["entities"]) for d in docs),
        "mentions": sum(len(e["mentions"]) for d in docs for e in d["entities"]),
        "quotes": sum(len(d["quotes"]) for d in docs),
        "dates": sum(len(d["dates"]) for d in docs),
        "links": sum(len(d["links"]) for d in docs),
        "removed": sum(len(d["removed"]) for d in docs),
    }


def test_row_counts_equal_fact_counts_on_real_outputs(tmp_path: Path) -> None:
    out = ROOT / "extracted"
    db = tmp_path / "facts.db"
    report = export_sqlite(out, db)
    docs = [o.doc for o in read_outputs(out, [])]
    assert len(report.added) == len(docs) > 0 and report.rebuilt
    assert counts(db) == fact_counts(docs)
    with sqlite3.connect(db) as conn:  # offsets point into the stored text
        rows = conn.execute(
            "select d.text, q.start, q.[end], q.text from quotes q "
            "join documents d on d.id = q.document_id"
        ).fetchall()
        assert rows and all(text[s:e] == quoted for text, s, e, quoted in rows)
        assert conn.execute("pragma foreign_key_check").fetchall() == []


def test_tables_have_foreign_keys_indexes_and_full_text(tmp_path: Path) -> None:
    import sqlite_utils

    out = tmp_path / "out"
    corpus(out)
    export_sqlite(out, tmp_path / "facts.db")
    db = sqlite_utils.Database(tmp_path / "facts.db")
    for table in TABLES[1:]:
        assert ("document_id", "documents", "id") in [
            (fk.column, fk.other_table, fk.other_column) for fk in db.table(table).foreign_keys
        ]
        assert any(ix.columns == ["document_id"] for ix in db.table(table).indexes)
    assert [fk.other_table for fk in db.table("mentions").foreign_keys if fk.column == "entity_key"]
    hits = list(db.table("quotes").search("nearly"))
    assert [h["text"] for h in hits] == ["We are nearly there,"]
    assert [r["id"] for r in db.table("documents").search("reporters")] == ["city/fares"]


def test_one_speakers_quotes_across_documents(tmp_path: Path) -> None:
    out = tmp_path / "out"
    corpus(out)
    db = tmp_path / "facts.db"
    export_sqlite(out, db)
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "select d.title, q.text from quotes q join documents d on d.id = q.document_id "
            "where q.speaker_name = ? order by d.published, q.start",
            ["Hannah Lee"],
        ).fetchall()
        assert rows == [
            ("Bridge to reopen", "the bridge would reopen in June"),
            ("Bridge to reopen", "We are nearly there,"),
            ("Fares frozen", "Fares will not rise,"),
        ]
        nobody = conn.execute(
            "select id from documents where id not in (select document_id from quotes)"
        ).fetchall()
        assert nobody == []
        via = conn.execute("select speaker_via from quotes where document_id = 'hostile'")
        assert via.fetchall() == [("pronoun",)]  # a newer optional field becomes a column


def _log_touches(db: Path) -> None:
    """Triggers that record which documents' rows are inserted or deleted."""
    with sqlite3.connect(db) as conn:
        conn.execute("create table touched (document_id text, what text)")
        for table in TABLES:
            column = "id" if table == "documents" else "document_id"
            for event, row in (("insert", "new"), ("delete", "old"), ("update", "new")):
                conn.execute(
                    f"create trigger log_{table}_{event} after {event} on [{table}] begin "
                    f"insert into touched values ({row}.{column}, '{table} {event}'); end"
                )


def touched(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("select document_id from touched")}


def test_reexport_replaces_only_the_changed_document(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for output in read_outputs(ROOT / "extracted", []):
        save(out, output.doc)
    docs = corpus(out)
    db = tmp_path / "facts.db"
    export_sqlite(out, db)
    before = counts(db)
    _log_touches(db)

    again = export_sqlite(out, db)
    assert (again.added, again.replaced, again.removed) == ([], [], [])
    assert touched(db) == set()

    changed = json.loads(json.dumps(docs["city/fares"]))
    changed["metadata"]["title"] = "Fares frozen for a year"
    changed["quotes"] = []
    save(out, changed)
    report = export_sqlite(out, db)
    assert report.replaced == ["city/fares"] and report.unchanged == before["documents"] - 1
    assert touched(db) == {"city/fares"}
    after = counts(db)
    assert after["quotes"] == before["quotes"] - 1
    assert {k: v for k, v in after.items() if k != "quotes"} == {
        k: v for k, v in before.items() if k != "quotes"
    }
    with sqlite3.connect(db) as conn:
        title = conn.execute("select title from documents where id = 'city/fares'").fetchone()
        assert title == ("Fares frozen for a year",)
        found = conn.execute(  # full-text index follows the replacement
            "select count(*) from quotes_fts where quotes_fts match 'rise'"
        ).fetchone()
        assert found == (0,)


def test_removed_and_unreadable_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    corpus(out)
    db = tmp_path / "facts.db"
    export_sqlite(out, db)
    (out / "hostile.json").unlink()
    (out / "city" / "fares.json").write_text("{broken", encoding="utf-8")
    report = export_sqlite(out, db)
    assert report.removed == ["hostile"]
    assert [p.name for p, _ in report.errors] == ["fares.json"]
    with sqlite3.connect(db) as conn:  # the unreadable output keeps its last good rows
        ids = [r[0] for r in conn.execute("select id from documents order by id")]
        assert ids == ["city/bridge", "city/fares"]
        for table in TABLES[1:]:
            left = f"select count(*) from [{table}] where document_id = 'hostile'"
            assert conn.execute(left).fetchone() == (0,)
        kept = "select count(*) from quotes where document_id = 'city/fares'"
        assert conn.execute(kept).fetchone() == (1,)


def test_another_layout_is_rebuilt(tmp_path: Path) -> None:
    out = tmp_path / "out"
    corpus(out)
    db = tmp_path / "facts.db"
    export_sqlite(out, db)
    with sqlite3.connect(db) as conn:
        conn.execute("update export_meta set value = 'old' where key = 'version'")
    report = export_sqlite(out, db)
    assert report.rebuilt and len(report.added) == 3
    assert counts(db)["documents"] == 3


def test_not_a_database(tmp_path: Path) -> None:
    target = tmp_path / "notes.db"
    target.write_text("these are my notes, not SQLite\n" * 100, encoding="utf-8")
    with pytest.raises(OutputError):
        export_sqlite(ROOT / "extracted", target)
    assert target.read_text(encoding="utf-8").startswith("these are my notes")


def test_missing_out_folder(tmp_path: Path) -> None:
    from pipeline.export.read import OutputFolderError

    with pytest.raises(OutputFolderError):
        export_sqlite(tmp_path / "nothing", tmp_path / "facts.db")
    assert not (tmp_path / "facts.db").exists()


def test_missing_sqlite_utils(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sqlite_utils", None)
    with pytest.raises(MissingExtraError) as caught:
        export_sqlite(ROOT / "extracted", tmp_path / "facts.db")
    assert "[export]" in caught.value.hint
    assert not (tmp_path / "facts.db").exists()


def test_entities_keep_the_contracts_join_key_beside_the_row_key(tmp_path: Path) -> None:
    out = ROOT / "extracted"
    db = tmp_path / "facts.db"
    export_sqlite(out, db)
    expected = {(o.id, e["id"], e["key"]) for o in read_outputs(out, []) for e in o.doc["entities"]}
    with sqlite3.connect(db) as conn:
        rows = set(conn.execute("select document_id, id, join_key from entities").fetchall())
        keys = [k for (k,) in conn.execute("select key from entities")]
    assert rows == expected and expected
    assert all("#" in key for key in keys)
