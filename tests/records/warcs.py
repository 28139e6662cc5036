"""Small WARC files written with warcio, for the tests."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

Page = tuple[str, str, bytes]
"""(url, content type, body)"""


def write_warc(path: Path, pages: list[Page], *, status: str = "200 OK") -> Path:
    """A WARC (gzipped per record when the name ends in .gz) with a request before each page."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, kind, body in pages:
            request = writer.create_warc_record(
                url,
                "request",
                payload=BytesIO(b""),
                length=0,
                http_headers=StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "x")], is_http_request=True
                ),
            )
            writer.write_record(request)
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            response = writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-05-10T08:00:00Z"},
            )
            writer.write_record(response)
    return path


def article(title: str, text: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{text}</p></article></body></html>"
    ).encode()
