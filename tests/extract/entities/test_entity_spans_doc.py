"""Span repairs on parsed text: trims, possessives, team names kept whole."""

from __future__ import annotations

from _helpers import Run, run_fixture  # noqa: F401 (pytest fixture `run`)

from pipeline.validate.models import Entity


def mention_texts(entities: list[Entity]) -> set[str]:
    return {m.text for e in entities for m in e.mentions}


def test_no_trailing_function_word(run: Run) -> None:
    text = "His attorney said in an email to The Associated Press that he never meant harm."
    texts = mention_texts(run(text))
    assert not any(t.endswith(" that") for t in texts)


def test_modifier_prefixed_name_merges_with_the_name(run: Run) -> None:
    text = (
        "He was moved by the federal Bureau of Prisons last year. The Bureau of Prisons "
        "said it had followed its rules."
    )
    entities = run(text)
    bureau = [e for e in entities if "Bureau of Prisons" in e.name]
    assert len(bureau) == 1 and bureau[0].name == "Bureau of Prisons"
    assert not any(m.text.startswith("federal") for m in bureau[0].mentions)


def test_no_date_as_an_organisation(run: Run) -> None:
    text = "Lawmakers asked about Trump’s July 25 call with the president of Ukraine."
    assert not any("July" in e.name for e in run(text))


def test_team_names_stay_whole(run: Run) -> None:
    text = (
        "He has managed FC Porto, Inter Milan, Chelsea, Real Madrid and Manchester United. "
        "He was linked to jobs at Manchester United and Real Madrid."
    )
    entities = run(text)
    assert not any(e.name == "Madrid" for e in entities)
    real = [e for e in entities if e.name == "Real Madrid"]
    assert real and len(real[0].mentions) == 2


def test_an_initial_and_a_surname_is_a_person(run: Run) -> None:
    text = "The bowling was shared. D. Fleming took three wickets and Fleming was pleased."
    people = [e for e in run(text) if e.label == "PERSON"]
    assert [e.name for e in people] == ["D. Fleming"]
