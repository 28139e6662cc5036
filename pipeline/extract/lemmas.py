"""facts_lemmatizer: the model's rule lemmatizer, run once per distinct word form.

spaCy's rule lemmatizer builds a Token object and reads its morphology for every token of every
Doc, which costs about a quarter of the tok2vec layer. Its lemma is a function of the token's
text, part of speech and morphology alone (see `Lemmatizer.rule_lemmatize`, which caches on that
key), so this component reads those three columns with `Doc.to_array`, asks the model's own
lemmatizer once per new key (on the first token that has it) and writes all lemmas back with
`Doc.from_array`. A new key is itself costly (the lemmatizer scans a list of known words for
each candidate form): the wrapped lemmatizer's word index is turned into sets. Lemmas are
identical; tokens that already have one (set by the attribute ruler) keep it, as in spaCy.
"""

from __future__ import annotations

from typing import cast

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

from pipeline.extract.attributes import unique_rows

MEMO_SIZE = 500_000
"""Forget the memo past this many keys (a long run meets new names and numbers forever)."""


class FastLemmatizer:
    """Wraps a rule-mode `Lemmatizer` (set with `use`) and memoizes it by (orth, pos, morph)."""

    def __init__(self) -> None:
        self.rules: Lemmatizer | None = None
        self._memo: dict[tuple[int, int, int], int] = {}

    def use(self, rules: Lemmatizer) -> None:
        """Wrap `rules` (taken out of the pipeline: its word index becomes sets, see below)."""
        if rules.mode != "rule":
            raise ValueError(f"facts_lemmatizer wraps a rule lemmatizer, not {rules.mode!r}")
        index_as_sets(rules)
        self.rules = rules
        self._memo.clear()

    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:
            raise ValueError("facts_lemmatizer has no lemmatizer to wrap: call use() first")
        if len(doc) == 0:
            return doc
        rules, memo, strings = self.rules, self._memo, doc.vocab.strings
        keys, first, inverse = unique_rows(doc.to_array([ORTH, POS, MORPH]))
        values = []
        for key, i in zip(map(tuple, keys.tolist()), first.tolist(), strict=True):
            value = memo.get(key)
            if value is None:
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                value = memo[key] = strings.add(rules.lemmatize(doc[i])[0])
            values.append(value)
        lemmas = numpy.array(values, dtype="uint64")[inverse]
        if not rules.overwrite:  # a lemma set before (by the attribute ruler) stays
            before = doc.to_array([LEMMA]).reshape(-1)
            lemmas = numpy.where(before != 0, before, lemmas)
        doc.from_array([LEMMA], cast(Ints2d, numpy.ascontiguousarray(lemmas.reshape(-1, 1))))
        return doc


def index_as_sets(rules: Lemmatizer) -> None:
    """Turn the rule lemmatizer's word index (a list of known lemmas per part of speech, up
    to 57,000 nouns) into frozensets: `rule_lemmatize` only tests `form in index`, which a
    list answers by a scan; the answers, and so the lemmas, stay the same."""
    if not rules.lookups.has_table("lemma_index"):
        return
    table = rules.lookups.get_table("lemma_index")
    for pos, words in list(table.items()):
        if isinstance(words, list):
            table[pos] = frozenset(words)


@Language.factory("facts_lemmatizer", requires=["token.pos"], assigns=["token.lemma"])
def make_fast_lemmatizer(nlp: Language, name: str) -> FastLemmatizer:
    return FastLemmatizer()


def speed_up(nlp: Language, name: str = "lemmatizer") -> None:
    """Put facts_lemmatizer in place of the model's rule lemmatizer (other modes: unchanged)."""
    if name not in nlp.pipe_names:
        return
    rules = nlp.get_pipe(name)
    if not isinstance(rules, Lemmatizer) or rules.mode != "rule":
        return
    fast = nlp.replace_pipe(name, "facts_lemmatizer")
    assert isinstance(fast, FastLemmatizer)
    fast.use(rules)
