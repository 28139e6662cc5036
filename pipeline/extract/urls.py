"""URL normalization: one address per target, whatever tracking or redirect wraps it."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import courlan

# Query parameters that identify a campaign or a click, never the page itself.
TRACKING_PARAMS = frozenset(
    """
    fbclid gclid dclid gbraid wbraid msclkid yclid twclid ttclid mc_cid mc_eid igshid igsh
    _ga _gl _hsenc _hsmi mkt_tok vero_id oly_enc_id oly_anon_id rb_clickid s_cid cmpid ocid
    ref_src ref_url __twitter_impression spm wt.mc_id wt_mc_id sr_share trk trkcampaign trackingid
    """.split()
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "at_", "itm_")

# Parameters a redirector uses to carry the real target.
REDIRECT_PARAMS = tuple(
    "url u q target dest destination redirect redirect_url redirect_uri to link goto out".split()
)

DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_param(name: str) -> bool:
    key = name.lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def unwrap_redirect(url: str, depth: int = 3) -> str:
    """The target a redirect URL carries in a `url=`-style parameter, else the URL itself."""
    for _ in range(depth):
        params = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
        target = next((params[p] for p in REDIRECT_PARAMS if _is_absolute(params.get(p, ""))), None)
        if target is None:
            return url
        url = target
    return url


def _is_absolute(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def normalize_url(raw: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters."""
    url = unwrap_redirect(raw.strip())
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return urlunsplit(parts._replace(fragment=""))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    netloc = host
    if parts.port is not None and parts.port != DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_param(k)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def domain_of(url: str) -> str | None:
    """Registered domain (example.co.uk), or None for relative or non-web addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    domain = courlan.extract_domain(url)
    return str(domain) if domain else parts.hostname
