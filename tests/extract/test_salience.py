"""Being named in the headline: whole words only, either apostrophe."""

from __future__ import annotations

from pipeline.extract.salience import _named_in
from pipeline.validate.models import Entity, Mention


def _person(name: str, mention: str) -> Entity:
    mentions = [Mention(start=0, end=len(mention), text=mention)]
    return Entity(id="e", name=name, label="PERSON", salience=0.0, mentions=mentions)


def test_whole_words_only() -> None:
    lind = _person("Ana Lind", "Ana Lind")
    assert _named_in(lind, "Lind wins the vote")  # the surname of a full name counts
    assert not _named_in(lind, "Lindsay wins the vote")
    assert not _named_in(lind, "Vote for Ana-Lindberg")


def test_either_apostrophe() -> None:
    oneil = _person("Mary O’Neil", "O'Neil")
    assert _named_in(oneil, "O'Neil resigns")
    assert _named_in(oneil, "Council thanks O’Neil")
    assert not _named_in(oneil, "ONeil resigns")
