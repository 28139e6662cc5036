"""`pipeline run` on a JSON Lines file and a WARC crawl: one output per record, kept per record."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from typer.testing import CliRunner, Result
from warcs import article, write_warc

from pipeline.cli import app
from pipeline.write.manifest import Manifest

runner = CliRunner()

STORIES = {
    "bridge": "Mayor Jane Porter said on Friday that the Harbor Bridge would reopen in June.",
    "council": "The Springfield council met on Monday and voted to raise library fees.",
    "clinic": "Dr. Amal Haddad, who leads the clinic, said the wait fell by half in 2023.",
}


def jsonl(stories: dict[str, str], extra: list[str] = ()) -> str:  # type: ignore[assignment]
    lines = [
        json.dumps({"id": key, "text": text, "title": key.title(), "url": f"https://n.org/{key}"})
        for key, text in stories.items()
    ]
    return "\n".join([*lines, *extra]) + "\n"


def run(*args: str | Path) -> Result:
    return runner.invoke(app, ["run", *map(str, args)])


def outputs(out: Path) -> dict[str, int]:
    return {
        p.relative_to(out).as_posix(): p.stat().st_mtime_ns
        for p in out.rglob("*.json")
        if not any(part.startswith(".") for part in p.relative_to(out).parts)
    }


def test_a_jsonl_file_gives_one_output_per_line(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus.jsonl", tmp_path / "out"
    corpus.write_text(jsonl(STORIES), encoding="utf-8")
    result = run(corpus, "--out", out)
    assert result.exit_code == 0, result.output
    assert set(outputs(out)) == {f"corpus/{key}.json" for key in STORIES}
    doc = json.loads((out / "corpus/bridge.json").read_text(encoding="utf-8"))
    assert doc["id"] == "corpus/bridge"
    assert doc["source"]["path"] == "corpus.jsonl#bridge"
    assert doc["metadata"]["url"] == "https://n.org/bridge"
    assert doc["text"].startswith("Mayor Jane Porter")
    assert any(e["name"] == "Jane Porter" for e in doc["entities"])
    entries = Manifest.load(out).entries
    assert entries["corpus/bridge.json"].record == "bridge"
    assert entries["corpus/bridge.json"].source == "corpus.jsonl"
    assert len({e.source_sha256 for e in entries.values()}) == 3


def test_an_edited_line_reruns_only_its_article_and_a_removed_one_is_an_orphan(
    tmp_path: Path,
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    corpus = raw / "corpus.jsonl.gz"
    corpus.write_bytes(gzip.compress(jsonl(STORIES).encode("utf-8")))
    assert run(raw, "--out", out, "--timeout", "0").exit_code == 0
    before = outputs(out)

    edited = {**STORIES, "council": STORIES["council"].replace("Monday", "Tuesday")}
    corpus.write_bytes(gzip.compress(jsonl(edited).encode("utf-8")))
    status = runner.invoke(app, ["status", str(raw), "--out", str(out)])
    assert "changed source" in status.output and "line 2" in status.output
    assert "3 sources: 1 to run, 2 unchanged" in status.output
    result = run(raw, "--out", out, "--timeout", "0")
    assert result.exit_code == 0, result.output
    after = outputs(out)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"corpus/council.json"}
    assert "1 written, 2 unchanged" in result.output
    shown = runner.invoke(app, ["diff", "corpus/council", "--out", str(out)])
    assert shown.exit_code == 1, shown.output
    assert "Tuesday" in shown.output
    history = runner.invoke(app, ["log", "corpus/council", "--out", str(out)])
    assert history.exit_code == 0 and "corpus/council: 2 versions" in history.output
    whole = runner.invoke(app, ["diff", str(corpus), "--out", str(out)])
    assert whole.exit_code == 2 and "holds many documents" in whole.output

    del edited["clinic"]
    corpus.write_bytes(gzip.compress(jsonl(edited).encode("utf-8")))
    result = run(raw, "--out", out, "--timeout", "0")
    assert result.exit_code == 0, result.output
    assert "0 written, 2 unchanged, 0 failed, 1 removed" in result.output
    assert set(outputs(out)) == {"corpus/bridge.json", "corpus/council.json"}
    assert "corpus/clinic.json" not in Manifest.load(out).entries
    assert list((out / ".history" / "corpus" / "clinic").iterdir())  # kept in history


def test_a_corrupt_line_fails_alone(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus.jsonl", tmp_path / "out"
    corpus.write_text(
        jsonl(STORIES, extra=['{"id": "broken", "text": "cut', '{"id": "empty", "text": " "}']),
        encoding="utf-8",
    )
    result = run(corpus, "--out", out)
    assert result.exit_code == 1
    assert set(outputs(out)) == {f"corpus/{key}.json" for key in STORIES}
    assert "corpus.jsonl (line 4)" in result.output and "not valid JSON" in result.output
    assert "corpus.jsonl (line 5)" in result.output  # no text left after cleaning
    assert "5 sources: 3 written, 0 unchanged, 2 failed" in result.output
    again = run(corpus, "--out", out)  # the good records stay done
    assert "3 unchanged, 2 failed" in again.output


def test_a_truncated_gzip_keeps_what_it_cannot_read(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    many = {f"s{i}": f"Story {i}: " + STORIES["council"] + " filler" * 300 for i in range(12)}
    data = gzip.compress(jsonl(many).encode("utf-8"))
    corpus = raw / "big.jsonl.gz"
    corpus.write_bytes(data)
    assert run(raw, "--out", out, "--timeout", "0").exit_code == 0
    assert len(outputs(out)) == 12
    corpus.write_bytes(data[: len(data) // 2])
    result = run(raw, "--out", out, "--timeout", "0")
    assert result.exit_code == 1
    assert "cannot read on" in result.output
    assert len(outputs(out)) == 12  # records after the cut are unknown, not gone
    assert "removed" not in result.output


def test_a_warc_crawl_gives_one_output_per_html_response(tmp_path: Path) -> None:
    crawl, out = tmp_path / "crawl.warc.gz", tmp_path / "out"
    pages = [
        (f"https://www.n.org/news/{key}", "text/html; charset=utf-8", article(key.title(), text))
        for key, text in STORIES.items()
    ]
    pages.insert(1, ("https://www.n.org/logo.png", "image/png", b"\x89PNG\r\n"))
    write_warc(crawl, pages)
    result = run(crawl, "--out", out)  # in a worker: it receives the record's bytes
    assert result.exit_code == 1, result.output
    assert "not an HTML page (image/png)" in result.output
    assert set(outputs(out)) == {f"crawl/n.org-news-{key}.json" for key in STORIES}
    doc = json.loads((out / "crawl/n.org-news-bridge.json").read_text(encoding="utf-8"))
    assert doc["id"] == "crawl/n.org-news-bridge"
    assert doc["metadata"]["url"] == "https://www.n.org/news/bridge"
    assert doc["metadata"]["published"] == "2024-05-10T08:00:00Z"  # WARC-Date: no date in page
    assert "Harbor Bridge" in doc["text"]
    again = run(crawl, "--out", out)
    assert "3 unchanged, 1 failed" in again.output
