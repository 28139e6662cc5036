"""The fact components declared the spaCy way: config that changes behaviour, requires/assigns,
and rule modules that import without spaCy."""

from __future__ import annotations

import subprocess
import sys

import pytest
from spacy.language import Language

from pipeline.clean.document import CleanDoc
from pipeline.extract.entities.cues import CueWeights
from pipeline.extract.nlp import load_nlp, make_doc
from pipeline.extract.salience import DEFAULT_WEIGHTS

TEXT = (
    "Ann Lee met Bob Stone in Paris on Monday.\n\n"
    "“We will build the bridge,” Lee said. Lee added that the city would pay for it."
)


@pytest.fixture(scope="module")
def fresh_nlp() -> Language:
    """A pipeline of its own: the session's cached one stays as it was."""
    nlp: Language = load_nlp.__wrapped__()
    return nlp


def _salience(nlp: Language) -> dict[str, float]:
    doc = nlp(make_doc(nlp, CleanDoc(TEXT, "text"), None))
    return {e.name: e.salience for e in doc._.entities}


def test_a_config_value_reaches_the_rules(fresh_nlp: Language) -> None:
    before = _salience(fresh_nlp)
    assert before["Bob Stone"] > 0 and before["Ann Lee"] > before["Bob Stone"]
    speaker_only = {"w_frequency": 0.0, "w_title": 0.0, "w_lead": 0.0, "w_early": 0.0}
    fresh_nlp.replace_pipe(
        "facts_salience", "facts_salience", config={**speaker_only, "w_speaker": 1.0}
    )
    after = _salience(fresh_nlp)
    assert after["Ann Lee"] == 1.0  # she speaks every quote
    assert after["Bob Stone"] == 0.0 and after["Paris"] == 0.0


def test_quotes_without_marks_can_be_switched_off(fresh_nlp: Language) -> None:
    def kinds() -> list[str]:
        doc = fresh_nlp(make_doc(fresh_nlp, CleanDoc(TEXT, "text"), None))
        return sorted(q.kind for q in doc._.quotes)

    assert "indirect" in kinds()
    fresh_nlp.replace_pipe("facts_quotes", "facts_quotes", config={"indirect": False})
    assert "indirect" not in kinds() and kinds()


def test_defaults_are_the_rule_modules_constants(nlp: Language) -> None:
    config = nlp.config["components"]["facts_salience"]
    assert config["w_speaker"] == DEFAULT_WEIGHTS.speaker
    assert config["lead_words"] == DEFAULT_WEIGHTS.lead_words
    assert nlp.config["components"]["facts_quotes"]["max_clause_chars"] == 2000


def test_components_declare_what_they_read_and_set(nlp: Language) -> None:
    assigns = {name: nlp.get_pipe_meta(name).assigns for name in nlp.pipe_names}
    assert assigns["facts_entities"] == ["doc._.entities"]
    assert assigns["facts_quotes"] == ["doc._.quotes"]
    assert assigns["facts_dates"] == ["doc._.dates"]
    assert "doc._.entities" in nlp.get_pipe_meta("facts_quotes").requires
    assert "doc.ents" in nlp.get_pipe_meta("facts_dates").requires
    # every requirement is met by an earlier component, or is an input the runner sets, or is
    # the part of speech (the model's attribute_ruler sets it but declares nothing)
    problems = nlp.analyze_pipes()["problems"]
    inputs = {"doc._.clean", "doc._.reference_date", "token.pos"}
    assert all(
        set(problems[name]) <= inputs for name in nlp.pipe_names if name.startswith("facts_")
    )
    assert "doc._.entities" not in problems["facts_quotes"]
    assert problems["facts_salience"] == ["doc._.clean"]


def test_pure_rule_modules_import_without_spacy() -> None:
    pure = [
        "pipeline.extract.dates.normalize",
        "pipeline.extract.dates.resolve",
        "pipeline.extract.entities.labels",
        "pipeline.extract.quotes.marks",
        "pipeline.extract.salience",
        "pipeline.extract.links",
    ]
    code = f"import sys\nfor m in {pure!r}: __import__(m)\nprint('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_config_naming_some_cue_weights_keeps_the_others(fresh_nlp: Language) -> None:
    fresh_nlp.replace_pipe(
        "facts_entities", "facts_entities", config={"cue_weights": {"role": 0.0}}
    )
    weights = fresh_nlp.get_pipe("facts_entities").weights
    assert weights.role == 0.0
    assert weights.gazetteer == CueWeights().gazetteer and weights.honorific == 2.0
