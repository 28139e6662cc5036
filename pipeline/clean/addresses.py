"""Which link targets a reader can follow: one rule for HTML, Markdown, text and bare URLs.

`javascript:`, `data:`, `file:` and the like are not links, and neither is an address that
does not parse (a port of 99999, an unclosed IPv6 literal `http://[::1`): the anchor text
stays in the article, only the link is dropped. Relative addresses are kept.
"""

from __future__ import annotations

from urllib.parse import urlsplit

KEPT_SCHEMES = frozenset(("http", "https", "ftp", "mailto", "tel"))
_HOSTED = frozenset(("http", "https", "ftp"))


def followable(url: str) -> bool:
    """True when `url` parses and is a web, mail or phone address (or a relative one)."""
    try:
        parts = urlsplit(url.strip())
        _ = parts.port  # raises on a port that is no number in 0-65535
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme and scheme not in KEPT_SCHEMES:
        return False
    return not (scheme in _HOSTED and not parts.hostname)
