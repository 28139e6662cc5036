"""Group mentions into one cluster per real-world thing, within one document.

Mentions with the same normalized text (case, apostrophes, spacing) are one thing whatever
the model's label. Person names then absorb their short forms ("Torvalds", "Linus" for
"Linus Torvalds", "Steven Vaughan-Nichols" for "Steven J. Vaughan-Nichols") when the
combined votes still say PERSON, and acronyms join their expansion.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.extract.entities.acronyms import initials, is_acronym
from pipeline.extract.entities.labels import (
    ENTITY_LABELS,
    EVENT_NOUNS,
    FIRST_NAMES,
    NAME_CONNECTORS,
    NAME_SUFFIXES,
    ORG_PREFIXES,
    ORG_SUFFIXES,
)
from pipeline.extract.entities.mentions import RawMention
from pipeline.extract.ids import normalize_key

W_FIRST_NAME = 1.5
_NOT_IN_PERSON_NAMES = frozenset({"of", "for", "and", "the", "&", "on", "in"})
# A one-word reference to a two-word name ("Hale" after "Brannock Hale") is itself a sign of a
# person: organisations are rarely called by their last word alone.
W_SHORT_REF = 1.0


@dataclass
class Cluster:
    """Mentions of one thing; `author` is set when metadata named it as the byline."""

    mentions: list[RawMention] = field(default_factory=list)
    author: str | None = None
    label: str | None = None
    demoted: bool = False  # voted PERSON but never used like a person
    _name_key: tuple[int, str | None] | None = field(default=None, repr=False, compare=False)
    _name: str = field(default="", repr=False, compare=False)

    def votes(self) -> defaultdict[str, float]:
        total = combine(*(m.votes for m in self.mentions))
        name = self.name()
        if is_person_shaped(name) and _given_or_initial(name.split()[0]):
            total["PERSON"] += W_FIRST_NAME
        if self.author is not None:
            total["PERSON"] += W_FIRST_NAME
        return total

    def model_labels(self) -> Counter[str]:
        return Counter(m.model_label for m in self.mentions if m.model_label is not None)

    def name(self) -> str:
        """The fullest proper form: the longest mention that reads as a proper name."""
        # Mentions are only ever added, so their count and the author key the cached value.
        key = (len(self.mentions), self.author)
        if self._name_key != key:
            self._name_key, self._name = key, self._fullest_name()
        return self._name

    def _fullest_name(self) -> str:
        best = ""
        for m in sorted(self.mentions, key=lambda m: m.start):
            text = " ".join(m.words)
            if is_proper(text) and _longer(text, best):
                best = text
        if self.author is not None and (not best or not _longer(best, self.author)):
            return self.author
        if best:
            return best
        return max((" ".join(m.words) for m in self.mentions), key=len, default="")

    @property
    def first_start(self) -> int:
        return min((m.start for m in self.mentions), default=10**9)


def _given_or_initial(word: str) -> bool:
    """A common given name or an initial standing for one ("D. Fleming"; "U.S." is not one)."""
    return word.lower() in FIRST_NAMES or re.fullmatch(r"[A-Z]\.", word) is not None


def combine(*votes: Mapping[str, float]) -> defaultdict[str, float]:
    total: defaultdict[str, float] = defaultdict(float)
    for v in votes:
        for label, weight in v.items():
            total[label] += weight
    return total


def vote(votes: Mapping[str, float], model_labels: Mapping[str, int]) -> str:
    """Highest vote; ties go to the label the model used most, then to the label order with
    PERSON last (the small model calls many unknown capitalised words a person)."""
    if not votes:
        return "ORG"
    order = {label: i for i, label in enumerate((*ENTITY_LABELS[1:], ENTITY_LABELS[0]))}
    return max(
        votes,
        key=lambda label: (votes[label], model_labels.get(label, 0), -order.get(label, len(order))),
    )


@lru_cache(maxsize=8192)  # asked of the same names over and over while clusters merge
def is_proper(text: str) -> bool:
    words = text.split()
    return bool(words) and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in NAME_CONNECTORS for w in words
    )


@lru_cache(maxsize=8192)
def is_person_shaped(name: str) -> bool:
    """Two or more capitalised words, no digits, not ending like an organisation or event."""
    words = name.split()
    if len(words) < 2 or any(c.isdigit() for c in name) or not words[0][:1].isupper():
        return False
    last = words[-1].lower().rstrip(".")
    if last in ORG_SUFFIXES or last in EVENT_NOUNS:
        return False
    if any(w.lower() in _NOT_IN_PERSON_NAMES for w in words):
        return False
    return all(w[:1].isupper() or w.lower() in NAME_CONNECTORS for w in words)


def name_parts(name: str) -> tuple[str, str]:
    """(first, last) normalized words of a person's name, skipping Jr./III."""
    words = [w for w in normalize_key(name).split() if w not in NAME_SUFFIXES]
    if not words:
        return "", ""
    return words[0], words[-1]


def group_by_key(mentions: list[RawMention]) -> list[Cluster]:
    by_key: dict[str, Cluster] = {}
    for m in mentions:
        by_key.setdefault(m.key, Cluster()).mentions.append(m)
    return list(by_key.values())


def union(clusters: list[Cluster], links: list[tuple[RawMention, RawMention]]) -> list[Cluster]:
    """Join the clusters holding each linked pair of mentions."""
    if not links:
        return clusters
    holder: dict[int, Cluster] = {}  # the first cluster holding each mention
    for c in clusters:
        for m in c.mentions:
            holder.setdefault(id(m), c)
    joined: set[int] = set()
    for a, b in links:
        ca, cb = holder[id(a)], holder[id(b)]
        if ca is not cb:
            ca.mentions += cb.mentions
            ca.author = ca.author or cb.author
            for m in cb.mentions:
                holder[id(m)] = ca
            joined.add(id(cb))
    return [c for c in clusters if id(c) not in joined]


def merge_person_names(clusters: list[Cluster]) -> list[Cluster]:
    """Fold variants and short references ("Torvalds", "Linus", "Van Damme") into the full
    person names they abbreviate, when the combined votes still say PERSON."""
    clusters = _merge_full_names(clusters)
    full = [
        c
        for c in clusters
        if is_person_shaped(c.name()) and not c.demoted and c.label in {"PERSON", "ORG", None}
    ]
    absorbed: set[int] = set()
    index = _ShortForms(full)
    owners = OwnerPicker()
    for short in sorted(clusters, key=lambda c: len(c.name().split())):
        words = _name_words(short.name())
        # A given name alone is a reference only if it reads as one ("Washington" alone is
        # not "Washington Monument").
        given_ok = bool(words) and (words[0] in FIRST_NAMES or "PERSON" in short.model_labels())
        candidates = [
            c
            for c in index.abbreviated(words, given_ok)
            if c is not short and id(c) not in absorbed
        ]
        if not words or not candidates:
            continue
        main = max(candidates, key=lambda c: (c.label == "PERSON", len(c.mentions)))
        short_votes = short.votes()
        # The small model often calls a bare surname an ORG ("Scott" after "Keith Scott");
        # next to a full name already voted PERSON that guess carries no weight.
        discount = main.label == "PERSON"
        if discount:
            short_votes.pop("ORG", None)
        combined = combine(short_votes, main.votes())
        combined["PERSON"] += W_SHORT_REF * min(len(short.mentions), 2)
        if vote(combined, short.model_labels() + main.model_labels()) != "PERSON":
            continue
        for m in short.mentions:
            m.votes["PERSON"] += W_SHORT_REF
            if discount and m.model_label == "ORG":
                m.votes["ORG"] = max(m.votes["ORG"] - 1.0, 0.0)
            owners.give(candidates, m)
        absorbed.add(id(short))
    return [c for c in clusters if id(c) not in absorbed]


def _name_words(name: str) -> list[str]:
    return [w for w in normalize_key(name).split() if w not in NAME_SUFFIXES]


class _ShortForms:
    """The full names each short form can abbreviate, indexed once (by their word suffixes
    and their given name) instead of testing every pair of clusters: `abbreviated` returns
    the clusters `_abbreviates` accepts, in their order."""

    def __init__(self, full: list[Cluster]) -> None:
        self.full = full
        self.by_suffix: dict[tuple[str, ...], list[int]] = {}
        self.by_given: dict[str, list[int]] = {}
        for i, c in enumerate(full):
            words = _name_words(c.name())
            for k in range(1, len(words)):
                self.by_suffix.setdefault(tuple(words[-k:]), []).append(i)
            if len(words) >= 2:
                self.by_given.setdefault(words[0], []).append(i)

    def abbreviated(self, words: list[str], given_ok: bool) -> list[Cluster]:
        if not words:
            return []
        hits = set(self.by_suffix.get(tuple(words), ()))
        if given_ok and len(words) == 1:
            hits.update(self.by_given.get(words[0], ()))
        return [self.full[i] for i in sorted(hits)]


def _abbreviates(words: list[str], full_name: str, given_ok: bool) -> bool:
    """A surname part ("van damme" of "jean-claude van damme") or, when `given_ok`, the given
    name alone ("hillary")."""
    full = _name_words(full_name)
    if len(words) >= len(full):
        return False
    if full[-len(words) :] == words:
        return True
    return given_ok and len(words) == 1 and full[0] == words[0]


def _merge_full_names(clusters: list[Cluster]) -> list[Cluster]:
    """ "Steven Vaughan-Nichols" and "Steven J. Vaughan-Nichols" share first and last name."""
    by_parts: dict[tuple[str, str], Cluster] = {}
    out: list[Cluster] = []
    for c in sorted(clusters, key=lambda c: -len(c.name().split())):
        name = c.name()
        if not is_person_shaped(name):
            out.append(c)
            continue
        parts = name_parts(name)
        target = by_parts.get(parts)
        if target is None or vote(combine(c.votes(), target.votes()), {}) != "PERSON":
            by_parts.setdefault(parts, c)
            out.append(c)
            continue
        target.mentions += c.mentions
        target.author = target.author or c.author
    return out


def pick_owner(candidates: list[Cluster], mention: RawMention) -> Cluster:
    """For a short reference shared by several people ("Clinton"): the one the story names in
    full most often, then the first introduced (news style keeps the bare surname for its
    main person and calls the others by their full or given name)."""
    if len(candidates) == 1:
        return candidates[0]

    return max(candidates, key=_owner_rank)


def _owner_rank(c: Cluster) -> tuple[int, int]:
    return sum(1 for m in c.mentions if len(m.words) > 1), -c.first_start


class OwnerPicker:
    """pick_owner for many mentions in a row: each cluster's rank is counted once and then
    kept up to date as mentions are given to it, not recounted for every mention (which
    grows with the square of the mentions a story has for one surname)."""

    def __init__(self) -> None:
        self._ranks: dict[int, tuple[int, int]] = {}

    def _rank(self, c: Cluster) -> tuple[int, int]:
        rank = self._ranks.get(id(c))
        if rank is None:
            rank = self._ranks[id(c)] = _owner_rank(c)
        return rank

    def give(self, candidates: list[Cluster], mention: RawMention) -> Cluster:
        """Append `mention` to the owner pick_owner would choose; return that owner."""
        owner = candidates[0] if len(candidates) == 1 else max(candidates, key=self._rank)
        owner.mentions.append(mention)
        rank = self._ranks.get(id(owner))
        if rank is not None:
            multi, first = rank
            self._ranks[id(owner)] = (multi + (len(mention.words) > 1), max(first, -mention.start))
        return owner


def merge_org_short_forms(clusters: list[Cluster]) -> list[Cluster]:
    """ "Peabody" for "Peabody Energy", "Goldman Sachs" for "Goldman Sachs Group", "Porto" for
    "FC Porto": a company or a club named without its suffix or prefix. The short form takes
    the ORG label with it; a place or group name ("American" of "American Airlines") is never
    folded in."""
    by_stem: dict[str, list[Cluster]] = {}
    for c in clusters:
        words = c.name().split()
        stem = list(words)
        while len(stem) > 1 and stem[-1].lower().rstrip(".,") in ORG_SUFFIXES:
            stem.pop()
        while len(stem) > 1 and stem[0].lower().rstrip(".") in ORG_PREFIXES:
            stem.pop(0)  # "Porto" for "FC Porto"
        if len(stem) < len(words) and c.label in {"ORG", None} and is_proper(" ".join(stem)):
            by_stem.setdefault(normalize_key(" ".join(stem)), []).append(c)
    absorbed: set[int] = set()
    for short in clusters:
        owners = by_stem.get(normalize_key(short.name()), [])
        if len(owners) != 1 or owners[0] is short or id(owners[0]) in absorbed:
            continue
        if short.label in {"GPE", "LOC", "NORP", "LANGUAGE", "EVENT", "LAW"}:
            continue
        if short.label == "PERSON" and any(m.titled for m in short.mentions):
            continue
        for m in short.mentions:
            m.votes["ORG"] += W_SHORT_REF
        owners[0].mentions += short.mentions
        absorbed.add(id(short))
    return [c for c in clusters if id(c) not in absorbed]


def merge_acronyms(clusters: list[Cluster]) -> list[Cluster]:
    """Join a bare acronym to the one multi-word name in the text whose initials spell it."""
    absorbed: set[int] = set()
    for short in clusters:
        name = short.name()
        if not is_acronym(name):
            continue
        letters = "".join(c for c in name if c.isupper())
        matches = [
            c
            for c in clusters
            if c is not short
            and id(c) not in absorbed
            and len(c.name().split()) >= 2
            and is_proper(c.name())
            and initials(c.name().split()) == letters
        ]
        if len(matches) == 1:
            matches[0].mentions += short.mentions
            absorbed.add(id(short))
    return [c for c in clusters if id(c) not in absorbed]


def _longer(a: str, b: str) -> bool:
    return (len(a.split()), len(a)) > (len(b.split()), len(b))


def absorb_inner_mentions(text: str, clusters: list[Cluster]) -> list[Cluster]:
    """A mention lying inside an occurrence of a longer name of another cluster belongs to
    that name, whole: "Madrid" tagged alone inside "Real Madrid" is the club, not the city."""
    names: dict[str, Cluster] = {}
    for c in clusters:
        for m in c.mentions:
            if len(m.words) >= 2 and is_proper(m.text):
                names.setdefault(m.text, c)
    if not names:
        return clusters
    order = {name: k for k, name in enumerate(names)}
    holders: dict[str, dict[int, set[str]]] = {}  # mention text -> longer names holding it
    for c in clusters:
        for m in list(c.mentions):
            by_length = holders.get(m.text)
            if by_length is None:
                by_length = holders[m.text] = _holding(m.text, names)
            if not by_length:
                continue
            found = _covering_name(text, m, c, names, order, by_length)
            if found is None:
                continue
            name, at = found
            owner = names[name]
            c.mentions.remove(m)
            m.start, m.end, m.text = at, at + len(name), name
            owner.mentions.append(m)
    return [c for c in clusters if c.mentions or c.author is not None]


def _holding(mention: str, names: dict[str, Cluster]) -> dict[int, set[str]]:
    """The names longer than `mention` that hold its text, grouped by length: only they can
    cover it (most mentions stand inside no longer name, and are then not looked at)."""
    by_length: dict[int, set[str]] = {}
    for name in names:
        if len(name) > len(mention) and mention in name:
            by_length.setdefault(len(name), set()).add(name)
    return by_length


def _covering_name(
    text: str,
    m: RawMention,
    c: Cluster,
    names: dict[str, Cluster],
    order: dict[str, int],
    by_length: dict[int, set[str]],
) -> tuple[str, int] | None:
    """The first name (in `names` order) of another cluster, longer than the mention and
    holding its text, whose first occurrence covering the mention is not glued to a word.

    Only the text around the mention is read: each length of the names in `by_length` (those
    holding the mention's text) gives the few places where an occurrence could cover it."""
    best: tuple[int, str, int] | None = None
    for length, group in by_length.items():
        seen: set[str] = set()
        for at in range(max(0, m.end - length), m.start + 1):
            name = text[at : at + length]
            if name not in group or name in seen:
                continue
            seen.add(name)  # the first occurrence covering the mention decides alone
            if (
                names[name] is not c
                and not _glued(text, at, at + length)
                and (best is None or order[name] < best[0])
            ):
                best = (order[name], name, at)
    return None if best is None else (best[1], best[2])


def _glued(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before.isalnum() or after.isalnum()
