"""Reading JSON Lines: one record per line, a bad line is that line's failure only."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from pipeline.clean.document import CleanMetadata
from pipeline.records import Record, RecordFailure, container_stem, fill_metadata, read_records


def write_lines(path: Path, lines: list[str]) -> Path:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def line(**fields: object) -> str:
    return json.dumps(fields)


def test_each_line_is_a_record_with_its_own_key_format_and_metadata(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "corpus.jsonl",
        [
            line(id="a-1", text="The council met.", title="Council", author="Ann Lee"),
            "",
            line(id=7, html="<p>Hello</p>", url="https://x.org/a"),
            line(markdown="# Hi\n\nBody.", url="https://www.example.com/news/vote.html?p=2"),
            line(text="No id, no url."),
        ],
    )
    found = list(read_records(path))
    assert all(isinstance(r, Record) for r in found)
    records = [r for r in found if isinstance(r, Record)]
    assert [r.key for r in records] == ["a-1", "7", "example.com-news-vote.html-p-2", "line-5"]
    assert [r.format for r in records] == ["text", "html", "markdown", "text"]
    assert [r.where for r in records] == ["line 1", "line 3", "line 4", "line 5"]
    assert records[0].metadata == {"title": "Council", "author": "Ann Lee"}
    assert records[0].body == b"The council met."
    assert len({r.sha256 for r in records}) == 4


def test_a_bad_line_fails_alone(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "c.jsonl",
        [
            line(id="ok", text="Fine."),
            '{"id": "broken", "text": ',
            line(id="none"),
            line(id="two", text="a", html="<p>b</p>"),
            line(id="typed", text="a", title=3),
            "[1, 2]",
            line(id="ok", text="Same id again."),
            line(id="last", text="Still read."),
        ],
    )
    found = list(read_records(path))
    assert [r.key for r in found if isinstance(r, Record)] == ["ok", "last"]
    failures = [r for r in found if isinstance(r, RecordFailure)]
    assert [f.where for f in failures] == [f"line {n}" for n in (2, 3, 4, 5, 6, 7)]
    assert not any(f.fatal for f in failures)
    messages = [str(f.error) for f in failures]
    assert "not valid JSON" in messages[0]
    assert "exactly one of html, markdown, text" in messages[1]
    assert "title must be a string" in messages[3]
    assert "already used" in messages[5]


def test_ids_become_safe_file_names(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "c.jsonl",
        [
            line(id="../../etc/passwd", text="a"),
            line(id=".pipeline-manifest", text="b"),
            line(id="2024/05/vote", text="c"),
            line(id="x" * 300, text="d"),
            line(id="///", text="e"),
        ],
    )
    found = list(read_records(path))
    keys = [r.key for r in found if isinstance(r, Record)]
    assert keys[:3] == ["etc-passwd", "pipeline-manifest", "2024-05-vote"]
    assert len(keys[3]) <= 110 and keys[3].startswith("xxx")
    assert isinstance(found[4], RecordFailure)


def test_urls_repeated_in_a_file_get_numbered_keys(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "c.jsonl",
        [line(text="a", url="https://a.org/x"), line(text="b", url="https://a.org/x")],
    )
    keys = [r.key for r in read_records(path) if isinstance(r, Record)]
    assert keys == ["a.org-x", "a.org-x-2"]


def test_a_truncated_gzip_keeps_the_records_before_and_stops(tmp_path: Path) -> None:
    lines = [line(id=f"s{i}", text=f"Story {i} " + "words " * 200) for i in range(40)]
    whole = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    found = list(read_records(path))
    records = [r for r in found if isinstance(r, Record)]
    assert 0 < len(records) < 40
    assert [r.key for r in records] == [f"s{i}" for i in range(len(records))]
    assert isinstance(found[-1], RecordFailure) and found[-1].fatal
    assert "cannot read on" in str(found[-1].error)


def test_stems_and_metadata_precedence() -> None:
    assert container_stem("crawls/cc.warc.gz") == "crawls/cc"
    assert container_stem("corpus.JSONL") == "corpus"
    metadata = CleanMetadata(title="From the page", published=None)
    fill_metadata(metadata, {"title": "From the record", "published": "2024-05-01"})
    assert metadata.title == "From the page"
    assert metadata.published == "2024-05-01"
