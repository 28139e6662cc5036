"""Normalisation of clean text: spaces, invisible characters, NFC, paragraph breaks."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from pipeline.clean.document import CleanLink
from pipeline.clean.normalize import normalize

ALPHABET = "ab. \n\t\u00a0\u00ad\u200b\u2009\u3000"


def test_spaces_invisible_characters_and_paragraphs() -> None:
    text = "  Co\u00adoperation\u200b\u00a0is  good.\r\n\n \n Next\u2009line\nwrapped.  "
    assert normalize(text)[0] == "Cooperation is good.\n\nNext line wrapped."


def test_nfc_and_curly_quotes_kept() -> None:
    text = "Cafe\u0301 “quoted” and ‘single’ – dash"
    out = normalize(text)[0]
    assert out == "Café “quoted” and ‘single’ – dash"
    assert unicodedata.is_normalized("NFC", out)


def test_link_spans_follow_nfc_and_collapse() -> None:
    text = "e\u0301te\u0301  in   Montre\u0301al now"
    start = text.index("Montre")
    links = [CleanLink(start, start + 9, text[start : start + 9], "u")]
    out, moved = normalize(text, links)
    assert out == "été in Montréal now"
    assert [(m.anchor, out[m.start : m.end]) for m in moved] == [("Montréal", "Montréal")]


@given(st.text(alphabet=ALPHABET, max_size=60), st.data())
def test_anchor_is_the_normalized_slice(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    out, links = normalize(text, [CleanLink(start, end, text[start:end], "u")])
    expected = normalize(text[start:end])[0]
    if not expected:
        assert links == []
        return
    assert len(links) == 1
    assert out[links[0].start : links[0].end] == links[0].anchor == expected


@given(st.text(max_size=80))
def test_idempotent_and_well_formed(text: str) -> None:
    once = normalize(text)[0]
    assert normalize(once)[0] == once
    assert once == once.strip()
    assert "\n\n\n" not in once
    assert all(len(p) > 0 and "\n" not in p for p in once.split("\n\n")) or once == ""


def test_runs_of_one_whitespace_character() -> None:
    # a lone space between words is the one run left alone; every other lone character changes
    assert normalize(" a b ")[0] == "a b"
    assert normalize("a\tb\nc\rd")[0] == "a b c d"
    assert normalize("a\n\nb")[0] == "a\n\nb"
    assert normalize("a\n\nb", paragraphs=False)[0] == "a b"
