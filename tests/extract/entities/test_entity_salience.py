"""Salience: frequency, position and being quoted, in [0, 1]."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from pipeline.extract.salience import score
from pipeline.validate.models import Entity, Mention, Quote, Speaker

TEXT = "Ana Lind met Bo Reyes in Oslo.\n\n" + "Filler words here. " * 40 + "Reyes left Oslo."


def _entity(name: str, *starts: int, label: str = "PERSON") -> Entity:
    word = name.split()[-1]
    mentions = [Mention(start=s, end=s + len(word), text=TEXT[s : s + len(word)]) for s in starts]
    return Entity(id=f"e_{word.lower()}", name=name, label=label, salience=0.0, mentions=mentions)


def _quote(entity_id: str | None) -> Quote:
    return Quote(
        id="q",
        start=0,
        end=3,
        text="Ana",
        kind="direct",
        speaker=Speaker(name="x", entity_id=entity_id),
    )


def _entities() -> list[Entity]:
    lind = _entity("Ana Lind", TEXT.index("Lind"))
    reyes = _entity("Bo Reyes", TEXT.index("Reyes"), TEXT.rindex("Reyes"))
    oslo = _entity("Oslo", TEXT.index("Oslo"), TEXT.rindex("Oslo"), label="GPE")
    late = _entity("Filler", TEXT.rindex("Filler"), label="ORG")
    return [lind, reyes, oslo, late]


def test_scores_are_in_range_and_top_is_at_most_one() -> None:
    scored = score(TEXT, "Reyes and Lind meet", _entities(), [_quote("e_reyes")] * 3)
    assert all(0.0 <= e.salience <= 1.0 for e in scored)
    assert max(e.salience for e in scored) <= 1.0
    assert [e.id for e in scored] == [e.id for e in _entities()]  # order unchanged


def test_more_mentions_and_an_early_position_score_higher() -> None:
    lind, reyes, _oslo, late = score(TEXT, None, _entities())
    assert reyes.salience > lind.salience  # two mentions against one
    assert lind.salience > late.salience  # first paragraph against the end


def test_headline_and_quotes_raise_salience() -> None:
    plain = {e.id: e.salience for e in score(TEXT, None, _entities())}
    titled = {e.id: e.salience for e in score(TEXT, "Lind wins", _entities())}
    assert titled["e_lind"] > plain["e_lind"]
    quoted = {e.id: e.salience for e in score(TEXT, None, _entities(), [_quote("e_lind")])}
    assert quoted["e_lind"] > plain["e_lind"]
    assert quoted["e_reyes"] == plain["e_reyes"]


def test_unmentioned_author_and_empty_input() -> None:
    author = Entity(id="e_a", name="Jo Roe", label="PERSON", salience=0.5, mentions=[])
    assert score(TEXT, None, [author])[0].salience == 0.0
    assert score(TEXT, None, []) == []


def test_the_pipeline_rescores_after_quotes(run_nlp: Callable[..., Doc]) -> None:
    text = (
        "Ana Lind met Bo Reyes in Oslo on Monday to discuss the harbour plan.\n\n"
        "“We will build it,” Lind said. “It will take years,” Lind added.\n\n"
        "Reyes left for Bergen."
    )
    doc = run_nlp(text)
    entities = {e.name: e for e in doc._.entities}
    lind = entities["Ana Lind"]
    assert any(q.speaker is not None and q.speaker.entity_id == lind.id for q in doc._.quotes)
    unquoted = {e.id: e.salience for e in score(doc.text, None, doc._.entities)}
    assert lind.salience > unquoted[lind.id]
    assert lind.salience == max(e.salience for e in doc._.entities)
