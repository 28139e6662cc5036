"""facts_attribute_ruler sets what the model's attribute ruler sets, token for token."""

from __future__ import annotations

import json

import pytest
import spacy
from conftest import EVAL
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language

from pipeline.extract.attributes import FastAttributeRuler, UnsupportedPattern, speed_up
from pipeline.extract.nlp import default_model

COLUMNS = [POS, MORPH, LEMMA, TAG, DEP, HEAD]

# Contractions and colloquial forms the ruler's multi-token and REGEX patterns are written for,
# whitespace tokens (IS_SPACE patterns), and "there is" (a pattern on the token before).
AWKWARD = (
    "Y'all gon na see it. Let's go, c'm on! He ain't got ta do it. There is a cat, there 're two."
    "\n\n  I 'd been doin' nothin' \t but I'm sure it's 'nuff. Ya ll get it, y all. I got it."
)


def _texts() -> list[str]:
    corpus = EVAL / "quotes" / "polnear-dev.jsonl"
    if not corpus.exists():
        pytest.skip(f"{corpus} is absent (../shared not mounted)")
    with corpus.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line, _ in zip(lines, range(12), strict=False)]
    return [*texts, AWKWARD, "", " \n "]


@pytest.fixture(scope="module")
def models() -> tuple[Language, Language]:
    """The model as spaCy loads it, and the same with facts_attribute_ruler swapped in."""
    plain, fast = spacy.load(default_model()), spacy.load(default_model())
    assert speed_up(fast)
    return plain, fast


def test_same_attributes_as_the_models_ruler_on_real_articles(
    models: tuple[Language, Language],
) -> None:
    texts = _texts()
    plain, fast = models
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert fast.pipe_names == plain.pipe_names
    for ours, theirs in zip(fast.pipe(texts), plain.pipe(texts), strict=True):
        assert [(t.pos_, str(t.morph), t.lemma_) for t in ours] == [
            (t.pos_, str(t.morph), t.lemma_) for t in theirs
        ]
        assert (ours.to_array(COLUMNS) == theirs.to_array(COLUMNS)).all()


def test_multi_token_patterns_apply(models: tuple[Language, Language]) -> None:
    _plain, fast = models
    doc = fast("Let's see.")  # "let 's": a two-token pattern sets the lemma of its second
    assert [t.lemma_ for t in doc][:2] == ["let", "us"]


def test_leaves_a_ruler_it_cannot_reproduce() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"TAG": "DT"})
    assert not speed_up(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
    with pytest.raises(UnsupportedPattern):
        FastAttributeRuler().use(ruler)


def test_refuses_to_run_unwrapped() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="use"):
        FastAttributeRuler()(nlp("a text"))
