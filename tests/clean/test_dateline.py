"""Datelines are cut from the first body paragraph and kept as metadata."""

from __future__ import annotations

import pytest

from pipeline.clean.dateline import strip_dateline
from pipeline.clean.document import CleanLink

BODY = "officials said on Monday that the talks would continue into the next week at least."


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("TOKYO —  ", "TOKYO"),
        ("WASHINGTON (AP) — ", "WASHINGTON"),
        ("LONDON, March 3 (Reuters) - ", "LONDON"),
        ("SAN FRANCISCO -- ", "SAN FRANCISCO"),
        ("BEIRUT, Lebanon — ", "BEIRUT"),
        ("ST. LOUIS, Mo. – ", "ST. LOUIS"),
        ("SÃO PAULO — ", "SÃO PAULO"),
    ],
)
def test_dateline_shapes(opening: str, place: str) -> None:
    text, _, found = strip_dateline(opening + "Senior " + BODY, [])
    assert found == place
    assert text == "Senior " + BODY


@pytest.mark.parametrize(
    "text",
    [
        "Tokyo — a city of " + BODY,
        "NASA said " + BODY,
        "UPDATE — " + BODY,
        "The talks — " + BODY,
    ],
)
def test_not_datelines(text: str) -> None:
    assert strip_dateline(text, []) == (text, [], None)


def test_dateline_after_a_heading_and_links_shift() -> None:
    text = "A Short Kicker\n\nPARIS — Senior " + BODY
    start = text.index("officials")
    links = [CleanLink(start, start + 9, "officials", "u")]
    new_text, moved, place = strip_dateline(text, links)
    assert place == "PARIS"
    assert new_text == "A Short Kicker\n\nSenior " + BODY
    assert [new_text[ln.start : ln.end] for ln in moved] == ["officials"]


def test_dateline_only_among_the_first_paragraphs() -> None:
    text = "\n\n".join(["Senior " + BODY] * 3 + ["PARIS — Senior " + BODY])
    assert strip_dateline(text, [])[2] is None


@pytest.mark.parametrize(
    ("opening", "place", "rest"),
    [
        ("Hong Kong (CNN Business)", "Hong Kong", "A muddled " + BODY),
        ("Paris (CNN) — ", "Paris", "Officials " + BODY),
        ("New York, NY – ", "New York", "With " + BODY),
        ("(Reuters) — ", None, "The " + BODY),
    ],
)
def test_title_case_and_credit_only_datelines(opening: str, place: str | None, rest: str) -> None:
    assert strip_dateline(opening + rest, []) == (rest, [], place)


@pytest.mark.parametrize(
    "text",
    [
        "Apple (AAPL) shares rose as " + BODY,
        "Today (Nov. 18), NASA announced " + BODY,
        "The Eagles (6-5, 3-4) snapped " + BODY,
        "Binge eating disorder (BED) is " + BODY,
    ],
)
def test_parentheses_that_are_not_credits(text: str) -> None:
    assert strip_dateline(text, []) == (text, [], None)


def test_upper_case_dateline_after_a_long_headline() -> None:
    headline = "Prison officers charged over records in a case that drew national attention today"
    text, _, place = strip_dateline(f"{headline}\n\nWASHINGTON – Two {BODY}", [])
    assert place == "WASHINGTON" and text == f"{headline}\n\nTwo {BODY}"
