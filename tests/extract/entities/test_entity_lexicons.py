"""One home per vocabulary: given names shared with quotes, cue lists as data."""

from __future__ import annotations

from pipeline.extract.entities.build import author_names, is_clean_name
from pipeline.extract.entities.labels import FIRST_NAMES
from pipeline.extract.quotes.names import name_gender
from pipeline.lexicons import load


def test_given_names_are_one_lexicon_read_by_entities_and_quotes() -> None:
    male, female = load("first_names_male"), load("first_names_female")
    unisex = load("first_names_unisex")
    assert not male & female and not (male | female) & unisex
    assert male | female | unisex == FIRST_NAMES
    assert name_gender("Kurt Volker") == "m" and "kurt" in male
    assert name_gender("Ingrid Roe") == "f" and "ingrid" in female
    assert name_gender("Alex Roe") is None  # unisex: no gender read


def test_author_entities_only_from_clean_personal_names() -> None:
    assert author_names("By Jane Roe and John Doe") == ["Jane Roe", "John Doe"]
    assert author_names("Tom Gillespie News Reporter") == []
    assert author_names("Phil Helsel is a reporter") == []
    assert not is_clean_name("Eric Tucker Associated Press")
    assert is_clean_name("Mary Clare Jalonick")
