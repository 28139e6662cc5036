"""Types from evidence beyond the model: organisation cues, a person needs a person's name."""

from __future__ import annotations

from _helpers import Run, run_fixture  # noqa: F401 (pytest fixture `run`)

from pipeline.validate.models import Entity


def labels(entities: list[Entity]) -> dict[str, str]:
    return {e.name: e.label for e in entities}


def test_org_suffixes_and_prefixes_name_organisations(run: Run) -> None:
    text = (
        "Jose Mourinho has managed FC Porto and Manchester United. The show was made by "
        "Dick Clark Productions in Los Angeles."
    )
    found = labels(run(text))
    assert found.get("FC Porto") == "ORG"
    assert found.get("Manchester United") == "ORG"
    assert found.get("Dick Clark Productions") == "ORG"
    assert found.get("Jose Mourinho") == "PERSON"


def test_a_company_in_apposition_and_with_a_plural_verb_is_no_person(run: Run) -> None:
    text = (
        "The group that owns most of her music, Big Machine, says she may play the songs. "
        "Big Machine have twice denied doing anything wrong."
    )
    found = labels(run(text))
    assert found.get("Big Machine") == "ORG"


def test_a_plural_name_is_no_person(run: Run) -> None:
    text = (
        "Spurs have won just five matches this season. It will raise questions about "
        "the futures of some of Spurs' star players."
    )
    assert labels(run(text)).get("Spurs") != "PERSON"


def test_a_group_name_as_head_is_no_person_and_no_merge_across_kinds(run: Run) -> None:
    text = (
        "Democrats won in Virginia this month. Virginia Democrats now hold both chambers, "
        "and Democrats in Kentucky hope to follow. Virginia has changed."
    )
    entities = run(text)
    found = labels(entities)
    assert found.get("Virginia Democrats") != "PERSON"
    virginia = [e for e in entities if e.name == "Virginia"]
    assert virginia and virginia[0].label == "GPE"
    assert all(m.text == "Virginia" for m in virginia[0].mentions)


def test_people_keep_their_label(run: Run) -> None:
    text = "Former special envoy to Ukraine Kurt Volker shifted his account. Volker said so."
    entities = run(text)
    names = {e.name: e for e in entities}
    assert "Kurt Volker" in names and names["Kurt Volker"].label == "PERSON"
    assert {m.text for m in names["Kurt Volker"].mentions} == {"Kurt Volker", "Volker"}
    assert not any("Ukraine Kurt" in e.name for e in entities)
