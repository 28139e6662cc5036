"""Bytes -> str for every source, before anything looks at the text.

Order of evidence: a byte-order mark; then strict UTF-8 (valid non-ASCII UTF-8 is almost never
an accident, and browsers re-save pages as UTF-8 while keeping a stale <meta charset>); then,
for HTML, the declared <meta charset> (a label that names no text encoding, like rot13 or
base64, is ignored); then charset-normalizer's guess (windows-1252 wins
ties between equally plausible code pages). Bytes that none of
these can read as text (binary files) raise DecodeError instead of producing mojibake.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from pipeline.clean.document import Format
from pipeline.errors import DecodeError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
# WHATWG: pages labelled Latin-1 or ASCII are decoded as windows-1252.
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
META_SCAN_BYTES = 4096


def decode_source(data: bytes, fmt: Format) -> str:
    """Decode `data`; raise DecodeError when it is not text in any encoding we can trust."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], encoding)
    try:
        text = data.decode("utf-8")
        if "\x00" not in text:  # NULs: UTF-16 without a BOM, or binary
            return text
    except UnicodeDecodeError:
        pass
    if fmt == "html":
        declared = declared_charset(data)
        if declared is not None:
            try:
                return data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                pass
    return _guess(data)


def declared_charset(data: bytes) -> str | None:
    """The codec named by a <meta charset> in the head, if Python knows it."""
    m = _META_CHARSET_RE.search(data[:META_SCAN_BYTES])
    if not m:
        return None
    label = m.group(1).decode("ascii").lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # rot13, base64, hex... are codecs too, but not text encodings: bytes.decode refuses them.
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def _guess(data: bytes) -> str:
    matches = list(from_bytes(data))
    if not matches:
        raise DecodeError("cannot tell the file's text encoding (is it a text file?)")
    best = matches[0]
    # Equally plausible code pages: windows-1252 is the web's default legacy encoding.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    preferred = next((m for m in tied if m.encoding == "cp1252"), best)
    text = str(preferred)
    if "\x00" in text:
        raise DecodeError("the file looks binary (it decodes to NUL characters)")
    return text


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"the file starts with a {encoding} byte-order mark but is not {encoding}"
        ) from exc
