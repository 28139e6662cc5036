from __future__ import annotations

from pipeline.validate.entity_key import entity_key, slug
from pipeline.validate.models import Entity


def test_key_is_coarse_type_and_slug() -> None:
    assert entity_key("Donald Trump", "PERSON") == "person:donald-trump"
    assert entity_key("New York", "GPE") == entity_key("New York", "LOC") == "place:new-york"
    assert entity_key("Democrats", "NORP") == "group:democrats"
    assert entity_key("Euro 96", "EVENT") == "misc:euro-96"


def test_slug_drops_case_accents_apostrophes_dots_and_the() -> None:
    assert slug("Ted T’so") == "ted-tso"
    assert slug("José Müller") == "jose-muller"
    assert slug("U.S.") == "us"
    assert slug("the Associated Press") == "associated-press"
    assert slug("Steven J. Vaughan-Nichols") == "steven-j-vaughan-nichols"


def test_entity_key_is_derived_never_given() -> None:
    e = Entity(id="e_1", name="Bureau of Prisons", label="ORG", salience=0.0, mentions=[])
    assert e.key == "org:bureau-of-prisons"
    forged = Entity.model_validate(
        {
            "id": "e_1",
            "name": "Ann Lee",
            "label": "PERSON",
            "salience": 0,
            "mentions": [],
            "key": "x",
        }
    )
    assert forged.key == "person:ann-lee"
