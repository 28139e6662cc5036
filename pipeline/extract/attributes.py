"""facts_attribute_ruler: the model's attribute ruler, matched once per distinct token.

spaCy's `AttributeRuler` runs a `Matcher` over every token with its ~180 patterns, some of them
Python predicates (`IN`, `NOT_IN`, `REGEX`) called per token: in en_core_web_sm it costs about
two thirds of the parser. Its patterns only test a token's TAG, LOWER, DEP and IS_SPACE, so this
component reads those columns with `Doc.to_array`, evaluates each distinct combination once
(memo), finds the few multi-token patterns by position, applies the attributes in the ruler's
order (later patterns win, as in `AttributeRuler.match`) and writes them back with
`Doc.from_array`. The values are identical; a ruler with patterns outside this subset (operators,
other attributes) is left in place (`speed_up` returns False).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from thinc.types import Ints2d

MEMO_SIZE = 200_000
"""Forget the memo past this many token signatures (names and numbers never stop coming)."""

MATCHED = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
"""Token attributes a supported pattern may test, by their column in the signature."""
READ = [TAG, LOWER, DEP, IS_SPACE]
WRITTEN = [TAG, DEP, POS, MORPH, LEMMA]
"""Token attributes a supported pattern may set, in the order of the written columns."""
POSITION = {attr: j for j, attr in enumerate(WRITTEN)}

GATE_ORDER = [MATCHED["LOWER"], MATCHED["TAG"], MATCHED["DEP"], MATCHED["IS_SPACE"]]
"""Which test indexes a pattern token when several accept as few values (the rarest first)."""

OTHER = -1
"""A LOWER value no pattern names nor matches by REGEX: every test answers for it as for any
such word (equal: no, IN: no, NOT_IN: yes, REGEX: no), so the words share one signature."""

Signature = tuple[int, int, int, int]
Test = Callable[[Signature], bool]
Overrides = dict[int, int]


class UnsupportedPattern(ValueError):
    """A ruler pattern this component cannot evaluate exactly like spaCy's Matcher."""


def _string_id(value: object) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str | int):
        return int(get_string_id(value))
    raise UnsupportedPattern(f"pattern value {value!r}")


def _compile_test(column: int, value: object, strings: Any) -> tuple[Test, frozenset[int] | None]:
    """One attribute test, with the Matcher's semantics (values compared as string ids), and
    the only values it accepts when there are few (to index the tests by them)."""
    if not isinstance(value, dict):
        wanted = _string_id(value)
        return (lambda sig: sig[column] == wanted), frozenset((wanted,))
    if len(value) != 1:
        raise UnsupportedPattern(f"predicate {value!r}")
    ((op, arg),) = value.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list):
        members = frozenset(_string_id(v) for v in arg)
        if op == "IN":
            return (lambda sig: sig[column] in members), members
        return (lambda sig: sig[column] not in members), None
    if op == "REGEX" and isinstance(arg, str) and column != MATCHED["IS_SPACE"]:
        regex = re.compile(arg)
        return (
            lambda sig: sig[column] != OTHER and regex.search(strings[sig[column]]) is not None
        ), None
    raise UnsupportedPattern(f"predicate {value!r}")


@dataclass
class Unit:
    """The tests of one token of one pattern; `pattern` is the ruler's pattern index for a
    one-token pattern, else `multi` is (multi-token pattern, position in it)."""

    tests: list[Test]
    gate: tuple[int, frozenset[int]] | None
    """(column, accepted values) of one of the tests, to skip the unit on other tokens."""
    pattern: int = -1
    multi: tuple[int, int] = (-1, -1)


def _collect_lower(value: object, named: set[int], regexes: list[re.Pattern[str]]) -> None:
    """Note the LOWER values a pattern token names, or its REGEX."""
    if value is None:
        return
    if isinstance(value, dict):
        for op, arg in value.items():
            if op == "REGEX":
                regexes.append(re.compile(arg))
            elif isinstance(arg, list):
                named.update(_string_id(v) for v in arg)
        return
    named.add(_string_id(value))


def _compile_unit(spec: dict[str, object], strings: Any) -> Unit:
    tests, gates = [], {}
    for key, value in spec.items():
        if key not in MATCHED:
            raise UnsupportedPattern(f"pattern key {key!r}")
        test, accepted = _compile_test(MATCHED[key], value, strings)
        tests.append(test)
        if accepted is not None:
            gates[MATCHED[key]] = accepted
    gate = min(
        gates.items(), key=lambda item: (len(item[1]), GATE_ORDER.index(item[0])), default=None
    )
    return Unit(tests, gate)


Found = tuple[Overrides, tuple[tuple[int, int], ...], tuple[int, ...]]
"""Per token signature: the attributes its one-token patterns set, the (multi-token pattern,
position) it fits, and the indices of the one-token patterns it matches."""


class FastAttributeRuler:
    """Wraps an `AttributeRuler` (set with `use`) and applies its patterns by token signature."""

    def __init__(self) -> None:
        self.ruler: AttributeRuler | None = None
        self._attrs: list[Overrides] = []
        self._units: list[Unit] = []
        self._index: dict[tuple[int, int], list[int]] = {}
        self._always: list[int] = []
        self._multi: list[tuple[int, int, int]] = []
        """(pattern index, target position, length) of the multi-token patterns."""
        self._memo: dict[Signature, Found] = {}
        self._named: frozenset[int] = frozenset()
        """LOWER values a pattern names (equal, IN, NOT_IN)."""
        self._lower_regexes: list[re.Pattern[str]] = []
        self._lower: dict[int, int] = {}
        """LOWER value -> itself, or OTHER when no pattern names or matches it."""

    def use(self, ruler: AttributeRuler) -> None:
        """Compile the ruler's patterns; UnsupportedPattern if one is outside the subset."""
        strings = ruler.vocab.strings
        attrs: list[Overrides] = []
        named: set[int] = set()
        regexes: list[re.Pattern[str]] = []
        units: list[Unit] = []
        multi: list[tuple[int, int, int]] = []
        for i, entry in enumerate(ruler.patterns):
            normed = ruler.attrs[i]
            if "_" in normed or any(attr not in WRITTEN for attr in normed):
                raise UnsupportedPattern(f"pattern {i} sets {sorted(normed)}")
            attrs.append({int(attr): int(value) for attr, value in normed.items()})
            index = int(ruler.indices[i])
            for alternative in cast(Sequence[Sequence[dict[str, object]]], entry["patterns"]):
                n = len(alternative)
                if not n or not -n <= index < n:
                    raise UnsupportedPattern(f"pattern {i} has index {index} out of range")
                for k, spec in enumerate(alternative):
                    _collect_lower(spec.get("LOWER"), named, regexes)
                    unit = _compile_unit(spec, strings)
                    if n == 1:
                        unit.pattern = i
                    else:
                        unit.multi = (len(multi), k)
                    units.append(unit)
                if n > 1:
                    multi.append((i, index % n, n))
        self._index, self._always = {}, []
        for u, unit in enumerate(units):
            if unit.gate is None:
                self._always.append(u)
            else:
                column, accepted = unit.gate
                for value in accepted:
                    self._index.setdefault((column, value), []).append(u)
        self.ruler, self._attrs, self._units, self._multi = ruler, attrs, units, multi
        self._named, self._lower_regexes = frozenset(named), regexes
        self._memo.clear()
        self._lower.clear()

    def _canonical(self, row: list[int]) -> Signature:
        """The row's signature, with its LOWER value replaced by OTHER when no pattern can
        tell it from any other word."""
        lower = row[1]
        canonical = self._lower.get(lower)
        if canonical is None:
            if len(self._lower) >= MEMO_SIZE:
                self._lower.clear()
            word = self.ruler.vocab.strings[lower] if self.ruler is not None else ""
            relevant = lower in self._named or any(r.search(word) for r in self._lower_regexes)
            canonical = self._lower[lower] = lower if relevant else OTHER
        return (row[0], canonical, row[2], row[3])

    def _lookup(self, sig: Signature) -> Found:
        index, units = self._index, self._units
        candidates = list(self._always)
        for column, value in enumerate(sig):
            candidates.extend(index.get((column, value), ()))
        candidates.sort()
        hits: list[int] = []
        fits: list[tuple[int, int]] = []
        for u in candidates:
            unit = units[u]
            if all(test(sig) for test in unit.tests):
                if unit.pattern >= 0:
                    hits.append(unit.pattern)
                else:
                    fits.append(unit.multi)
        overrides: Overrides = {}
        for i in hits:
            overrides.update(self._attrs[i])
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        found = self._memo[sig] = (overrides, tuple(fits), tuple(hits))
        return found

    def __call__(self, doc: Doc) -> Doc:
        if self.ruler is None:
            raise ValueError("facts_attribute_ruler has no ruler to wrap: call use() first")
        n = len(doc)
        if n == 0:
            return doc
        distinct, _first, inverse = unique_rows(doc.to_array(READ))
        memo, lookup = self._memo, self._lookup
        canonical = self._canonical
        found = [memo.get(sig) or lookup(sig) for sig in map(canonical, distinct.tolist())]
        # The attributes of the one-token patterns, per distinct signature, then per token.
        width = len(WRITTEN)
        values = numpy.zeros((len(found), width), dtype="uint64")
        chosen = numpy.zeros((len(found), width), dtype=bool)
        for u, (overrides, _fits, _hits) in enumerate(found):
            for attr, value in overrides.items():
                values[u, POSITION[attr]] = value
                chosen[u, POSITION[attr]] = True
        columns = doc.to_array(WRITTEN)
        updated = numpy.where(chosen[inverse], values[inverse], columns)
        fitting = numpy.array([bool(f[1]) for f in found], dtype=bool)[inverse]
        for i, patterns in self._multi_matches(found, inverse, fitting, n).items():
            overrides = {}
            for p in sorted(found[inverse[i]][2] + tuple(patterns)):
                overrides.update(self._attrs[p])
            row = columns[i].copy()
            for attr, value in overrides.items():
                row[POSITION[attr]] = value
            updated[i] = row
        changed = [j for j in range(width) if (updated[:, j] != columns[:, j]).any()]
        if changed:
            data = numpy.ascontiguousarray(updated[:, changed])
            doc.from_array([WRITTEN[j] for j in changed], cast(Ints2d, data))
        return doc

    def _multi_matches(
        self, found: list[Found], inverse: Any, fitting: Any, n: int
    ) -> dict[int, list[int]]:
        """Token -> indices of the multi-token patterns that set it (at every start, as the
        Matcher returns overlapping matches)."""
        extra: dict[int, list[int]] = {}
        for start in numpy.flatnonzero(fitting).tolist():
            for m, k in found[inverse[start]][1]:
                if k != 0:
                    continue
                pattern, target, length = self._multi[m]
                if start + length > n:
                    continue
                if all((m, j) in found[inverse[start + j]][1] for j in range(1, length)):
                    extra.setdefault(start + target, []).append(pattern)
        return extra


def unique_rows(array: Any) -> tuple[Any, Any, Any]:
    """The distinct rows of a 2-D uint64 array, the index of the first row equal to each, and
    per row the index of its distinct row."""
    rows = numpy.ascontiguousarray(array)
    packed = rows.view(numpy.dtype((numpy.void, rows.dtype.itemsize * rows.shape[1])))[:, 0]
    _, first, inverse = numpy.unique(packed, return_index=True, return_inverse=True)
    return rows[first], first, inverse.reshape(-1)


@Language.factory(
    "facts_attribute_ruler",
    requires=["token.tag"],
    assigns=["token.pos", "token.morph", "token.lemma"],
)
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler()


def speed_up(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Put facts_attribute_ruler in place of the model's attribute ruler when all its patterns
    are in the supported subset (True); else leave the pipeline as it is (False)."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not isinstance(ruler, AttributeRuler):
        return False
    fast = FastAttributeRuler()
    try:
        fast.use(ruler)
    except UnsupportedPattern:
        return False
    nlp.replace_pipe(name, "facts_attribute_ruler")
    replaced = nlp.get_pipe(name)
    assert isinstance(replaced, FastAttributeRuler)
    replaced.use(ruler)
    return True
