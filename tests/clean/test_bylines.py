"""Bylines -> clean personal names, from the shapes extractors hand over (invented names)."""

from __future__ import annotations

import pytest

from pipeline.clean.bylines import parse_byline


@pytest.mark.parametrize(
    ("raw", "authors", "agency"),
    [
        ("Dana Whitfield is a reporter for the paper.", ["Dana Whitfield"], None),
        ("Omar Lindqvist News Reporter", ["Omar Lindqvist"], None),
        ("HARBOUR TIMES STAFF DECEMBER", [], None),
        (
            "ANNA MOREL; PIETRO VALLI; JO KENT Associated Press",
            ["Anna Morel", "Pietro Valli", "Jo Kent"],
            "Associated Press",
        ),
        ("Rui Costa; AP Business Writer", ["Rui Costa"], "AP"),
        ("By Ana Lima and Tom Berg", ["Ana Lima", "Tom Berg"], None),
        ("Analysis by Lee Park, CNN Editor-at-large", ["Lee Park"], "CNN"),
        ("Mira Sand Monday; November", ["Mira Sand"], None),
        ("Theresa May", ["Theresa May"], None),  # a month that is a surname stays
        ("Maria de la Cruz", ["Maria de la Cruz"], None),
        ("Von Baker", ["Von Baker"], None),
        ("Von Ana Lima", ["Ana Lima"], None),
        ("Mira — Published", ["Mira"], None),
        ("REUTERS", [], "Reuters"),
        ("Staff Reports", [], None),
        ("Kim Ode; Kim J. Ode", ["Kim Ode"], None),  # one person credited twice
        ("Lena K Braun", ["Lena K. Braun"], None),
        ("Admin", [], None),
        ("Nora Quist; Harbour Advance Media", ["Nora Quist"], None),
        (None, [], None),
    ],
)
def test_byline_shapes(raw: str | None, authors: list[str], agency: str | None) -> None:
    byline = parse_byline(raw)
    assert byline.authors == authors
    assert byline.agency == agency


def test_one_word_signature_is_a_name_unless_it_is_the_site_or_an_account() -> None:
    assert parse_byline("Mira").authors == ["Mira"]
    assert parse_byline("Harbourcast", site="The Harbourcast Blog").authors == []
    assert parse_byline("Mira", site="Mira's Kitchen").authors == []
    assert parse_byline("Mira", site="Kitchen notes").authors == ["Mira"]
    assert parse_byline("Siteadmin").authors == []
    assert parse_byline("NYT").authors == []
    assert parse_byline("mira_k").authors == []
