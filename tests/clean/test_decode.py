"""Decoding source bytes: BOMs, UTF-8, declared HTML charsets, guessing, and refusal."""

from __future__ import annotations

import pytest

from pipeline.clean.decode import declared_charset, decode_source
from pipeline.errors import DecodeError

TEXT = "Café “Zürich” — naïve résumé, straße and façade are all here."


def test_utf8_with_and_without_bom() -> None:
    assert decode_source(TEXT.encode("utf-8"), "text") == TEXT
    assert decode_source(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "markdown") == TEXT


def test_utf16_bom() -> None:
    assert decode_source(TEXT.encode("utf-16"), "text") == TEXT


def test_html_meta_charset_is_honoured() -> None:
    html = '<html><head><meta charset="windows-1251"></head><body>Привет мир</body></html>'
    assert "Привет мир" in decode_source(html.encode("cp1251"), "html")
    assert (
        declared_charset(
            b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
        )
        == "cp1252"
    )


def test_legacy_encoding_is_guessed() -> None:
    text = ("Les élèves ont étudié à l'école française pendant l'été. " * 8).strip()
    assert decode_source(text.encode("cp1252"), "text") == text


def test_binary_is_refused() -> None:
    with pytest.raises(DecodeError):
        decode_source(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "text")


def test_utf16_without_bom_is_guessed() -> None:
    assert decode_source(TEXT.encode("utf-16-le"), "text") == TEXT


def test_random_bytes_are_refused() -> None:
    with pytest.raises(DecodeError):
        decode_source(bytes(range(256)) * 4, "markdown")


def test_ascii_utf16_without_bom_is_not_read_as_utf8() -> None:
    text = "Plain ASCII words in a file saved as UTF-16 without a byte-order mark."
    assert decode_source(text.encode("utf-16-le"), "text") == text


@pytest.mark.parametrize("label", ["rot13", "base64", "hex", "zip", "uu"])
def test_declared_codec_that_is_no_text_encoding_is_ignored(label: str) -> None:
    """rot13/base64/hex are Python codecs but not text encodings: fall back to detection."""
    page = f'<html><head><meta charset="{label}"></head><body><p>{TEXT}</p></body></html>'
    data = page.encode("cp1252")
    assert declared_charset(data) is None
    assert TEXT in decode_source(data, "html")
