"""Which facts were added, removed or changed between two versions of a document.

Facts are matched by their `id` (derived from content) first, never by offset or list position;
a fact left over on each side is then paired by its anchor text (same wording, new value), and
last by place and similar wording (see `match`): a reworded quote is one fact `changed`.
Offsets are not part of a fact's value: a fact that only moved (text added before it) is a
`moved` change, which callers show on request and which never counts as a change of facts.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from pipeline import kinds
from pipeline.diff import match, repeats
from pipeline.errors import PipelineError

KINDS = (*kinds.names(), "metadata")
FACT_LISTS = kinds.names()
"""The built-in kinds; the code iterates `fact_lists()` and `kinds_shown()`, which follow the
table in pipeline.kinds."""
Op = Literal["added", "removed", "changed", "moved"]
POSITION_KEYS = frozenset({"start", "end"})
SALIENCE_TOLERANCE = 0.05
# Scores whose small moves are noise, not a changed fact: an entity's salience, a speaker's
# confidence (a change of how the speaker was found, speaker.via, always shows).
_SCORES = frozenset({"salience", "confidence"})
"""Salience moves a little whenever any text changes; smaller shifts are not reported."""


def fact_lists() -> tuple[str, ...]:
    """The fact lists compared, in output order (pipeline.kinds)."""
    return kinds.names()


def kinds_shown() -> tuple[str, ...]:
    """What changes are grouped under, in order: the fact lists, then metadata."""
    return (*kinds.names(), "metadata")


def anchor_field(kind: str) -> str | None:
    """The field that makes a removed and an added fact the same fact with a changed value."""
    fact_kind = kinds.by_name(kind)
    return fact_kind.anchor if fact_kind is not None else None


class DiffInputError(PipelineError):
    hint = "pass two JSON files written by `pipeline run`, or a source or document id"


@dataclass(frozen=True)
class Change:
    op: Op
    kind: str
    id: str
    old: Any
    new: Any
    fields: tuple[tuple[str, Any, Any], ...] = ()
    """For `changed`: (field, old value, new value), positions left out."""

    @property
    def counts(self) -> bool:
        """A change of facts (moves are not)."""
        return self.op != "moved"

    def to_json(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "kind": self.kind,
            "id": self.id,
            "old": self.old,
            "new": self.new,
            "fields": [name for name, _, _ in self.fields],
        }


def load_version(path: Path) -> dict[str, Any]:
    """A document version as plain data; lenient about schema versions, strict about shape.

    Strict about JSON itself: no NaN or Infinity (they cannot be printed back as JSON), no
    lone surrogate, no nesting so deep that comparing it would overflow the stack.
    """
    try:
        data = json.loads(path.read_bytes(), parse_constant=_no_constant)
    except FileNotFoundError:
        raise DiffInputError(f"{path}: no such file") from None
    except (OSError, ValueError) as exc:
        raise DiffInputError(f"{path}: cannot read JSON: {exc}") from exc
    except RecursionError:
        raise DiffInputError(f"{path}: cannot read JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise DiffInputError(f"{path}: not a document (expected a JSON object)")
    if _depth_over(data, MAX_DEPTH):
        raise DiffInputError(f"{path}: nested too deeply to be a document")
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise DiffInputError(f"{path}: a string holds a lone surrogate") from None
    return data


MAX_DEPTH = 64
"""Documents nest a few levels (a quote's speaker); anything much deeper is not one."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _depth_over(data: Any, limit: int) -> bool:
    """Whether `data` nests deeper than `limit` (iterative: no recursion on hostile input)."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return False


def diff_documents(
    old: Mapping[str, Any], new: Mapping[str, Any], moves: bool = False
) -> list[Change]:
    """The changes from `old` to `new`, grouped by kind in `kinds_shown()` order."""
    changes: list[Change] = []
    lists = fact_lists()
    before = {kind: _by_id(kind, old) for kind in lists}
    after = {kind: _by_id(kind, new) for kind in lists}
    several = {kind: repeats.repeated(before[kind], after[kind]) for kind in lists}
    shift = match.Shift.learn(
        [
            (fact, after[kind][i])
            for kind in lists
            for i, fact in before[kind].items()
            if i in after[kind] and repeats.base(i) not in several[kind]
        ]
    )
    for kind in lists:
        before[kind] = repeats.align(before[kind], after[kind], shift)
    for kind in lists:
        changes += _diff_facts(kind, before[kind], after[kind], moves, shift)
    changes += _diff_metadata(_mapping(old.get("metadata")), _mapping(new.get("metadata")))
    return changes


def _diff_facts(
    kind: str, old: dict[str, Any], new: dict[str, Any], moves: bool, shift: match.Shift
) -> list[Change]:
    removed = [
        Change("removed", kind, _id(fact, i), fact, None) for i, fact in old.items() if i not in new
    ]
    added: list[Change] = []
    changed: list[Change] = []
    for fact_id, fact in new.items():
        before = old.get(fact_id)
        if before is None:
            added.append(Change("added", kind, fact_id, None, fact))
            continue
        fields = _changed_fields(kind, before, fact)
        if fields:
            changed.append(Change("changed", kind, fact_id, before, fact, fields))
        elif moves and _positions(before) != _positions(fact):
            changed.append(Change("moved", kind, fact_id, before, fact))
    removed, added, paired = _pair(kind, removed, added)
    removed, added, placed = _pair_by_place(kind, removed, added, shift)
    # a pair that differs in id and place only (its id was disambiguated anew) merely moved
    edited = [c if c.fields else replace(c, op="moved") for c in paired + placed]
    moved = [c for c in edited if c.counts or (moves and _positions(c.old) != _positions(c.new))]
    return removed + added + moved + changed


def _pair_by_place(
    kind: str, removed: list[Change], added: list[Change], shift: match.Shift
) -> tuple[list[Change], list[Change], list[Change]]:
    """A removed and an added fact in the same place with similar text: one fact edited."""
    pairs = match.pair(kind, [c.old for c in removed], [c.new for c in added], shift)
    placed = [
        Change(
            "changed",
            kind,
            added[j].id,
            removed[i].old,
            added[j].new,
            _changed_fields(kind, removed[i].old, added[j].new),
        )
        for i, j in sorted(pairs, key=lambda p: p[1])
    ]
    old_taken, new_taken = {i for i, _ in pairs}, {j for _, j in pairs}
    return (
        [c for i, c in enumerate(removed) if i not in old_taken],
        [c for j, c in enumerate(added) if j not in new_taken],
        placed,
    )


def _pair(
    kind: str, removed: list[Change], added: list[Change]
) -> tuple[list[Change], list[Change], list[Change]]:
    """A removed and an added fact with the same anchor are one fact whose value changed.

    Ids come from content, so a new value gives a new id: a date's text that now resolves to
    another value, an entity whose label changed. When exactly one fact on each side has the
    anchor (see `anchor_field`), they are reported as one `changed` fact (under the new id).
    """
    field_name = anchor_field(kind)
    if field_name is None:
        return removed, added, []

    def anchor(fact: Any) -> str | None:
        value = _mapping(fact).get(field_name)
        return " ".join(value.casefold().split()) if isinstance(value, str) else None

    gone = Counter(anchor(c.old) for c in removed)
    new = Counter(anchor(c.new) for c in added)
    unique = {a for a in gone if a is not None and gone[a] == 1 and new.get(a) == 1}
    before = {anchor(c.old): c for c in removed if anchor(c.old) in unique}
    paired = []
    for change in added:
        key = anchor(change.new)
        if key in unique:
            old = before[key].old
            fields = _changed_fields(kind, old, change.new)
            paired.append(Change("changed", kind, change.id, old, change.new, fields))
    return (
        [c for c in removed if anchor(c.old) not in unique],
        [c for c in added if anchor(c.new) not in unique],
        paired,
    )


def _diff_metadata(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    changes: list[Change] = []
    for name in [*old, *(k for k in new if k not in old)]:
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if before is None:
            changes.append(Change("added", "metadata", name, None, after))
        elif after is None:
            changes.append(Change("removed", "metadata", name, before, None))
        else:
            changes.append(
                Change("changed", "metadata", name, before, after, ((name, before, after),))
            )
    return changes


def _changed_fields(kind: str, old: Any, new: Any) -> tuple[tuple[str, Any, Any], ...]:
    return tuple(_fields(_value(kind, old), _value(kind, new), ""))


def _fields(before: Mapping[str, Any], after: Mapping[str, Any], prefix: str) -> list[Any]:
    """Changed fields, nested objects (a quote's speaker) by their own fields: speaker.name."""
    fields: list[Any] = []
    for name in [*before, *(k for k in after if k not in before)]:
        a, b = before.get(name), after.get(name)
        if name == "id" or (name in _SCORES and _close(a, b)) or a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            fields += _fields(a, b, f"{prefix}{name}.")
        else:
            fields.append((f"{prefix}{name}", a, b))
    return fields


def _value(kind: str, fact: Any) -> dict[str, Any]:
    """A fact without its position: offsets dropped, an entity's mentions as sorted texts."""
    value = {k: _unplaced(v) for k, v in _mapping(fact).items() if k not in POSITION_KEYS}
    fact_kind = kinds.by_name(kind)
    spans = fact_kind.mentions if fact_kind is not None else None
    if spans is not None and isinstance(value.get(spans), list):
        value[spans] = sorted(
            str(m.get("text", "")) if isinstance(m, dict) else str(m) for m in value[spans]
        )
    return value


def _positions(value: Any) -> list[str]:
    """Every place in a fact, nested ones too (mentions, a quote's speaker), in any order."""
    found: list[str] = []
    stack = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, dict):
            if POSITION_KEYS & item.keys():
                found.append(f"{path}:{item.get('start')!r}-{item.get('end')!r}")
            stack += [(f"{path}.{k}", v) for k, v in item.items() if k not in POSITION_KEYS]
        elif isinstance(item, list):
            stack += [(path, v) for v in item]
    return sorted(found)


def _unplaced(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _unplaced(v) for k, v in value.items() if k not in POSITION_KEYS}
    if isinstance(value, list):
        return [_unplaced(v) for v in value]
    return value


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) < SALIENCE_TOLERANCE
    return bool(a == b)


def _by_id(kind: str, document: Mapping[str, Any]) -> dict[str, Any]:
    facts = document.get(kind) or []
    if not isinstance(facts, list):
        raise DiffInputError(f"{kind}: expected a list")
    found: dict[str, Any] = {}
    for fact in facts:
        fact_id = fact.get("id") if isinstance(fact, dict) else None
        if not isinstance(fact_id, str):
            raise DiffInputError(f"{kind}: a fact without an id")
        if fact_id in found:
            raise DiffInputError(f"{kind}: id {fact_id} appears twice")
        found[fact_id] = fact
    return found


def _id(fact: Any, key: str) -> str:
    """A fact's own id (the key it is matched under may differ, see repeats.align)."""
    value = fact.get("id") if isinstance(fact, dict) else None
    return value if isinstance(value, str) else key


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}
