"""A question about each token's string, answered from the doc's arrays.

`for tok in doc` builds a Token object per token, which costs more than most rules that only
look at a token's text or lemma. Reading the column with `Doc.to_array` and asking each distinct
string once gives the same answers for a fraction of that.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy
from numpy.typing import NDArray
from spacy.tokens import Doc


def tokens_where(doc: Doc, attr: int, test: Callable[[str], object]) -> NDArray[numpy.bool_]:
    """Per token of `doc`, whether the string of its `attr` (ORTH, LOWER, LEMMA, ...) passes
    `test`; each distinct string is tested once."""
    values = doc.to_array(attr)
    strings = doc.vocab.strings
    passing = [h for h in numpy.unique(values).tolist() if test(strings[h])]
    return numpy.isin(values, passing)
