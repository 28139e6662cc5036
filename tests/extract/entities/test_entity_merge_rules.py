"""The merge and vote rules on hand-built mentions (no model): each rule in isolation."""

from __future__ import annotations

from pipeline.extract.entities import build, merge
from pipeline.extract.entities.mentions import RawMention


def _m(text: str, start: int, label: str | None, **votes: float) -> RawMention:
    m = RawMention(start, start + len(text), text, label)
    if label is not None:
        m.votes[label] += 1.0
    for k, v in votes.items():
        m.votes[k] += v
    return m


def _clusters(*mentions: RawMention) -> list[merge.Cluster]:
    clusters = merge.group_by_key(list(mentions))
    build.assign_labels(clusters)
    return clusters


def test_bare_surname_the_model_calls_an_org_joins_a_person() -> None:
    full = _m("Keith Lamont Scott", 0, "PERSON")
    bare = [_m("Scott", 40 + 10 * i, "ORG") for i in range(6)]
    out = merge.merge_person_names(_clusters(full, *bare))
    assert len(out) == 1
    build.assign_labels(out)
    assert out[0].label == "PERSON" and out[0].name() == "Keith Lamont Scott"


def test_surname_of_a_thing_stays_apart() -> None:
    # "Linux" is a product many times over; "Ubuntu Linux" being a PERSON once does not
    # make every "Linux" its surname.
    full = _m("Ubuntu Linux", 0, "PERSON")
    full.modifier = True
    bare = [_m("Linux", 20 + 10 * i, "PRODUCT") for i in range(3)]
    out = merge.merge_person_names(_clusters(full, *bare))
    assert len(out) == 2


def test_org_names_do_not_take_surnames() -> None:
    house = [_m("House", 30 + 10 * i, "ORG") for i in range(2)]
    out = merge.merge_person_names(_clusters(_m("White House", 0, "ORG"), *house))
    assert len(out) == 2


def test_middle_initial_variant_joins_the_full_name() -> None:
    a = _m("Steven J. Vaughan-Nichols", 0, "PERSON")
    b = _m("Steven Vaughan-Nichols", 50, "PERSON")
    out = merge.merge_person_names(_clusters(a, b))
    assert len(out) == 1 and out[0].name() == "Steven J. Vaughan-Nichols"


def test_shared_surname_goes_to_the_person_named_most_often() -> None:
    b = _m("Chelsea Clinton", 0, "PERSON")
    a1, a2 = _m("Hillary Clinton", 30, "PERSON"), _m("Hillary Clinton", 60, "PERSON")
    ref = _m("Clinton", 90, "PERSON")
    out = merge.merge_person_names(_clusters(a1, a2, b, ref))
    owner = next(c for c in out if any(m is ref for m in c.mentions))
    assert owner.name() == "Hillary Clinton"


def test_vote_ties_go_to_the_model_then_away_from_person() -> None:
    assert merge.vote({"ORG": 2.0, "PERSON": 2.0}, {"ORG": 2}) == "ORG"
    assert merge.vote({"GPE": 1.0, "PERSON": 1.0}, {}) == "GPE"
    assert merge.vote({"PERSON": 2.5, "ORG": 2.0}, {"ORG": 2}) == "PERSON"


def test_author_byline_names() -> None:
    assert build.author_names("By Jane Roe and John Doe") == ["Jane Roe", "John Doe"]
    assert build.author_names("Staff") == []
    assert build.author_names(None) == []


def test_canonical_name_is_the_fullest_proper_form() -> None:
    c = merge.Cluster([_m("Torvalds", 0, "PERSON"), _m("Linus Torvalds", 20, "ORG")])
    assert c.name() == "Linus Torvalds"
    c.mentions.append(_m("the linus torvalds fan club", 40, "ORG"))
    assert c.name() == "Linus Torvalds"  # not a proper-noun sequence
