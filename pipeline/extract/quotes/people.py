"""Who a speaker mention names: the entity index of the document.

Reads doc._.entities (set by facts_entities) when present; otherwise falls back to spaCy's
PERSON/ORG spans and groups them by surname so that "Torvalds" still gets the fullest name
written in the document.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.extract.quotes.names import name_gender

SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})

_TITLES = frozenset(
    "mr mrs ms miss dr prof sen rep gov gen col lt sgt pres president senator representative "
    "governor judge justice rev sir dame lord lady mayor secretary speaker".split()
)


@dataclass(frozen=True)
class Person:
    """One speaker-capable entity: canonical name, id (None in the fallback) and label."""

    name: str
    entity_id: str | None
    label: str


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    person: Person


def strip_title(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".").lower() in _TITLES:
        words = words[1:]
    return " ".join(words)


def surname(name: str) -> str:
    words = strip_title(name).replace("\u2019s", "").replace("'s", "").split()
    return words[-1].casefold() if words else ""


class EntityIndex:
    """Mentions of speaker-capable entities in text order, with overlap and surname lookups."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.mentions]
        self._by_surname: dict[str, Person] = {}
        for m in self.mentions:
            if m.person.label == "PERSON":
                key = surname(m.person.name)
                known = self._by_surname.get(key)
                if known is None or len(m.person.name) > len(known.name):
                    self._by_surname[key] = m.person

    @classmethod
    def from_doc(cls, doc: Doc) -> EntityIndex:
        entities = getattr(doc._, "entities", None)
        mentions: list[Mention] = []
        if entities:
            for ent in entities:
                if ent.label not in SPEAKER_LABELS:
                    continue
                person = Person(ent.name, ent.id, ent.label)
                mentions.extend(Mention(m.start, m.end, person) for m in ent.mentions)
            return cls(mentions)
        return cls._fallback(doc)

    @classmethod
    def _fallback(cls, doc: Doc) -> EntityIndex:
        spans = [e for e in doc.ents if e.label_ in SPEAKER_LABELS]
        labels = {e.start: _person_shaped(e.text, e.label_) for e in spans}
        full: dict[str, str] = {}
        for e in spans:
            if labels[e.start] == "PERSON":
                key = surname(e.text)
                name = strip_title(_clean_name(e.text))
                if len(name) > len(full.get(key, "")):
                    full[key] = name
        mentions = []
        for e in spans:
            text = _clean_name(e.text)
            label = labels[e.start]
            if label != "PERSON" and len(text.split()) == 1 and surname(text) in full:
                label = "PERSON"  # "Torvalds" tagged ORG, "Linus Torvalds" known
            name = full.get(surname(text), text) if label == "PERSON" else text
            mentions.append(Mention(e.start_char, e.end_char, Person(name, None, label)))
        return cls(mentions)

    def at(self, start: int, end: int) -> Mention | None:
        """The mention overlapping [start, end), preferring the longest."""
        hi = bisect_right(self._starts, end)
        best: Mention | None = None
        for m in self.mentions[max(0, hi - 20) : hi]:
            longer = best is None or (m.end - m.start) > (best.end - best.start)
            if m.start < end and start < m.end and longer:
                best = m
        return best

    def by_surname(self, name: str) -> Person | None:
        return self._by_surname.get(surname(name))

    def before(self, pos: int, limit: int = 40) -> list[Mention]:
        """Mentions ending before `pos`, nearest first."""
        hi = bisect_right(self._starts, pos)
        out = [m for m in self.mentions[max(0, hi - limit) : hi] if m.end <= pos]
        return out[::-1]


def _person_shaped(text: str, label: str) -> str:
    """Relabel 'Firstname Lastname' spans the small model calls ORG."""
    words = text.split()
    shaped = 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
    if label == "ORG" and shaped and name_gender(text) is not None:
        return "PERSON"
    return label


def _clean_name(text: str) -> str:
    text = text.strip()
    for suffix in ("\u2019s", "'s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text
