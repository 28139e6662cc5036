from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.urls import domain_of, normalize_url, unwrap_redirect


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTPS://Example.COM/Path?b=2&a=1", "https://example.com/Path?b=2&a=1"),
        ("https://example.com/a?utm_source=x&utm_medium=y&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?fbclid=abc#section-2", "https://example.com/a"),
        ("http://example.com:80/", "http://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("https://example.com", "https://example.com/"),
        ("/relative/path#frag", "/relative/path"),
    ],
)
def test_normalize_url(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


def test_redirect_carrying_target_is_unwrapped() -> None:
    wrapped = (
        "https://click.example.net/v1/otc/xyz?element=BODY&position=1"
        "&url=https%3A%2F%2Fwww.example.org%2Fblog%2Fpost%2F%3Futm_source%3Dfeed"
    )
    assert normalize_url(wrapped) == "https://www.example.org/blog/post/"


def test_search_query_is_not_a_redirect() -> None:
    url = "https://www.example.com/search?q=rust+kernel"
    assert unwrap_redirect(url) == url


def test_domain_is_the_registered_domain() -> None:
    assert domain_of("https://news.bbc.co.uk/a") == "bbc.co.uk"
    assert domain_of("https://aws.amazon.com/") == "amazon.com"
    assert domain_of("/relative") is None
    assert domain_of("mailto:someone@example.com") is None


params = st.lists(
    st.tuples(
        st.sampled_from(["utm_source", "utm_campaign", "fbclid", "id", "page", "lang"]),
        st.text(alphabet="abc123", min_size=1, max_size=4),
    ),
    max_size=6,
)


@given(params)
def test_tracking_parameters_never_survive_and_others_keep_order(
    pairs: list[tuple[str, str]],
) -> None:
    query = "&".join(f"{k}={v}" for k, v in pairs)
    kept = parse_qsl(urlsplit(normalize_url(f"https://example.com/p?{query}")).query)
    assert kept == [(k, v) for k, v in pairs if k in ("id", "page", "lang")]


@given(params)
def test_normalization_is_idempotent(pairs: list[tuple[str, str]]) -> None:
    url = normalize_url("https://Example.com/p?" + "&".join(f"{k}={v}" for k, v in pairs))
    assert normalize_url(url) == url
