"""facts_lemmatizer gives the model's own lemmas, token for token."""

from __future__ import annotations

import json

import pytest
import spacy
from conftest import EVAL
from spacy.attrs import LEMMA

from pipeline.extract.lemmas import FastLemmatizer, speed_up
from pipeline.extract.nlp import default_model


def test_same_lemmas_as_the_models_lemmatizer_on_real_articles() -> None:
    corpus = EVAL / "quotes" / "polnear-dev.jsonl"
    if not corpus.exists():
        pytest.skip(f"{corpus} is absent (../shared not mounted)")
    with corpus.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line, _ in zip(lines, range(12), strict=False)]
    texts.append("She was running; they ran. The mice's HOUSES were built in 1990s.\n\n  Gone.")
    plain = spacy.load(default_model())
    fast = spacy.load(default_model())
    speed_up(fast)
    assert isinstance(fast.get_pipe("lemmatizer"), FastLemmatizer)
    assert fast.pipe_names == plain.pipe_names
    for ours, theirs in zip(fast.pipe(texts), plain.pipe(texts), strict=True):
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
        assert (ours.to_array([LEMMA]) == theirs.to_array([LEMMA])).all()


def test_refuses_to_run_unwrapped() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="use"):
        FastLemmatizer()(nlp("a text"))
