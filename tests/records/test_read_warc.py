"""Reading WARC crawls: one record per HTML response; others passed over or reported."""

from __future__ import annotations

from pathlib import Path

from warcs import article, write_warc

from pipeline.records import Record, RecordFailure, read_records


def test_html_responses_are_records_with_url_and_fetch_date(tmp_path: Path) -> None:
    path = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            ("https://www.example.com/news/vote", "text/html; charset=utf-8", article("V", "a")),
            ("https://example.com/logo.png", "image/png", b"\x89PNG"),
            ("https://example.org/b", "application/xhtml+xml", article("B", "b")),
        ],
    )
    found = list(read_records(path))
    records = [r for r in found if isinstance(r, Record)]
    assert [r.key for r in records] == ["example.com-news-vote", "example.org-b"]
    assert records[0].metadata == {
        "url": "https://www.example.com/news/vote",
        "published": "2024-05-10T08:00:00Z",
    }
    assert records[0].format == "html" and b"<article>" in records[0].body
    failures = [r for r in found if isinstance(r, RecordFailure)]
    assert len(failures) == 1 and not failures[0].fatal
    assert "not an HTML page (image/png)" in str(failures[0].error)
    assert "logo.png" in failures[0].where and failures[0].where.startswith("offset ")


def test_an_uncompressed_warc_and_an_error_status(tmp_path: Path) -> None:
    path = write_warc(
        tmp_path / "crawl.warc",
        [("https://a.org/x", "text/html", article("X", "x"))],
        status="404 Not Found",
    )
    found = list(read_records(path))
    assert len(found) == 1 and isinstance(found[0], RecordFailure)
    assert "HTTP status 404" in str(found[0].error)


def test_a_truncated_warc_gz_keeps_the_records_before(tmp_path: Path) -> None:
    pages = [(f"https://a.org/{i}", "text/html", article(f"T{i}", "w " * 500)) for i in range(6)]
    path = write_warc(tmp_path / "crawl.warc.gz", pages)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    found = list(read_records(path))
    records = [r for r in found if isinstance(r, Record)]
    assert [r.key for r in records] == [f"a.org-{i}" for i in range(len(records))]
    assert 0 < len(records) < 6
    assert isinstance(found[-1], RecordFailure) and found[-1].fatal
