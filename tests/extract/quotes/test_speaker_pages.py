"""Speakers on real pages (issue 12): right, or honestly unknown, never a confident wrong name.

Each case reads a shared page (../shared/eval/articles/html/<prefix>*.html) and skips when it
is absent. Quotes are found by a few of their first words only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EVAL
from spacy.language import Language

from pipeline.clean import clean_source, detect_format
from pipeline.extract.nlp import make_doc
from pipeline.validate.models import Quote, Speaker

PAGES = EVAL / "articles" / "html"
Page = Callable[[str], list[Quote]]


@pytest.fixture(scope="module")
def page(nlp: Language) -> Page:
    cache: dict[str, list[Quote]] = {}

    def _quotes(prefix: str) -> list[Quote]:
        if prefix not in cache:
            paths = sorted(PAGES.glob(f"{prefix}*.html")) if PAGES.is_dir() else []
            if not paths:
                pytest.skip(f"shared page {PAGES}/{prefix}*.html not present")
            path: Path = paths[0]
            clean = clean_source(path.read_bytes(), detect_format(path))
            cache[prefix] = nlp(make_doc(nlp, clean, None))._.quotes
        return cache[prefix]

    return _quotes


def speaker_of(quotes: list[Quote], start: str) -> Speaker | None:
    found = [q for q in quotes if q.text.startswith(start)]
    assert found, f"no quote starting {start!r}"
    return found[0].speaker


def unknown_or(speaker: Speaker | None, name: str) -> bool:
    """Right (the named person) or honestly unknown (no entity behind the speaker)."""
    return speaker is None or speaker.entity_id is None or speaker.name == name


def test_she_is_never_the_record_label(page: Page) -> None:
    quotes = page("70cb2d5b")
    music = speaker_of(quotes, "I just want to be able to perform my own music")
    assert unknown_or(music, "Taylor Swift")
    assert music is not None and music.name == "Taylor Swift"
    for start in ("worst case scenario", "incessant, manipulative bullying"):
        spk = speaker_of(quotes, start)
        assert unknown_or(spk, "Taylor Swift"), spk


def test_description_and_it_are_not_named_people(page: Page) -> None:
    quotes = page("82b6d780")
    improper = speaker_of(quotes, "improper")
    assert improper is not None and improper.entity_id is None
    assert improper.via == "description" and "officer" in improper.name
    duty = speaker_of(quotes, "duty")
    assert duty is not None and duty.name == "Alexander Vindman"


def test_the_doctor_stays_the_doctor(page: Page) -> None:
    spk = speaker_of(page("4a44ab3e"), "It\u2019s a shame to see a comrade die")
    assert spk is not None
    assert (spk.name, spk.entity_id, spk.via) == ("the doctor", None, "description")


def test_words_reported_by_a_staff_member_are_not_the_staff_members(page: Page) -> None:
    spk = speaker_of(page("7a457a4f"), "I'll put a bullet")
    assert spk is not None and spk.name.casefold() != "the staff member"
    assert unknown_or(spk, "Patrick W. Carlineo Jr.")


def test_an_age_description_speaks(page: Page) -> None:
    spk = speaker_of(page("921019755"), "I am excited to be joining")
    assert spk is not None
    assert spk.name == "Jose Mourinho" or (spk.entity_id is None and "56-year-old" in spk.name)


def test_an_appositive_name_is_the_speaker(page: Page) -> None:
    spk = speaker_of(page("dc7ccccc"), "After conducting a comprehensive assessment")
    assert spk is not None
    assert (spk.name, spk.via) == ("Eva-Marie Persson", "appositive")
    assert spk.confidence is not None and spk.confidence >= 0.9


def test_a_possessive_head_is_not_its_possessor(page: Page) -> None:
    spk = speaker_of(page("7a664e40"), "the question was outside the scope")
    assert spk is not None
    assert (spk.name, spk.entity_id, spk.via) == ("Morrison's lawyer", None, "description")


def test_subheadings_are_not_quotes(page: Page) -> None:
    texts = [q.text for q in page("7a664e40")]
    assert "Not some irregular channel" not in texts
    assert "My fears have been realized" not in texts
    assert any(t.startswith("My role was not some irregular channel") for t in texts)
