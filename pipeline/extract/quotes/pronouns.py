"""Resolve pronoun and title speakers ("he", "the senator") to a named person of the document.

The rule is the classic one for news: the nearest preceding PERSON mention whose gender does
not contradict the pronoun (gender from pipeline.extract.quotes.names; unknown fits both).
"""

from __future__ import annotations

from pipeline.extract.quotes.names import Gender, name_gender
from pipeline.extract.quotes.people import EntityIndex, Mention, Person

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "we"})
FIRST_PERSON = frozenset({"i", "me", "my"})
PERSONAL_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
_ALL_PRONOUNS = PERSONAL_PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON | {"it", "you"}

# Singular nouns naming a person by role: "the senator said" refers back to a named person.
ROLE_NOUNS = frozenset(
    """
    president senator congressman congresswoman representative governor mayor candidate
    nominee secretary minister chancellor official spokesman spokeswoman spokesperson
    director chairman chairwoman chair executive ceo founder chief leader commissioner
    attorney lawyer judge justice sheriff author writer reporter columnist economist
    analyst professor researcher scientist developer engineer maintainer manager
    businessman businesswoman billionaire actor actress singer star player coach
    general admiral officer prosecutor lawmaker legislator councilman councilwoman
    ambassador diplomat adviser advisor aide strategist pollster activist
    host anchor creator inventor programmer designer doctor physician
    """.split()
)


def pronoun_gender(word: str) -> Gender | None:
    w = word.casefold()
    if w in MALE_PRONOUNS:
        return "m"
    if w in FEMALE_PRONOUNS:
        return "f"
    return None


class Resolver:
    """Resolves pronoun and role-noun speakers against the document's PERSON mentions."""

    def __init__(self, index: EntityIndex, text: str) -> None:
        self.index = index
        self.text = text
        self._gender: dict[str, Gender | None] = {}
        self._speakers: list[Mention] = []
        self.turn_window = 300
        texts: dict[str, list[str]] = {}
        for m in index.mentions:
            before = text[max(0, m.start - 6) : m.start].split()
            honorific = before[-1] if before else ""
            texts.setdefault(m.person.name, []).append(f"{honorific} {text[m.start : m.end]}")
            texts[m.person.name].append(text[m.start : m.end])
        for name, ts in texts.items():
            self._gender[name] = name_gender(name, ts)

    def gender(self, person: Person) -> Gender | None:
        return self._gender.get(person.name)

    def add_speaker(self, start: int, end: int, person: Person) -> None:
        """Named speakers of earlier quotes are antecedents too (the NER may have missed them)."""
        self._speakers.append(Mention(start, end, person))
        self._gender.setdefault(person.name, name_gender(person.name))

    def resolve(self, word: str, pos: int, window: int = 3000) -> Person | None:
        """The nearest PERSON named before `pos` whose gender fits `word` (a pronoun or noun).

        Only named mentions are antecedents (a pronoun an entity linker attached is not). A
        candidate of unknown gender is taken only when no candidate of the right gender or
        an earlier speaker comes within the next few mentions.
        """
        want = pronoun_gender(word)
        extra = [m for m in self._speakers if m.end <= pos]
        candidates = sorted([*self.index.before(pos), *extra], key=lambda m: -m.end)
        speakers = {m.person.name for m in extra}
        for m in sorted(extra, key=lambda m: -m.end):
            # the speaker of the last few sentences goes on speaking ("…,” Obama said. He …)
            if pos - m.end > self.turn_window:
                break
            have = self.gender(m.person)
            if want is None or have is None or have == want:
                return m.person
            break
        fallback: Person | None = None
        looked = 0
        for m in candidates:
            if pos - m.end > window:
                break
            if m.person.label != "PERSON" or not self._named(m):
                continue
            have = self.gender(m.person)
            if want is not None and have is not None and have != want:
                continue
            if have is not None or m.person.name in speakers:
                return m.person
            if fallback is None:
                fallback = m.person
            looked += 1
            if looked > 1:
                break
        return fallback

    def resolve_org(self, pos: int, window: int = 600) -> Person | None:
        """'It said' / 'it wrote': the nearest organisation named before `pos`."""
        for m in self.index.before(pos):
            if pos - m.end > window:
                break
            if m.person.label == "ORG" and self._named(m):
                return m.person
        return None

    def _named(self, m: Mention) -> bool:
        text = self.text[m.start : m.end]
        return text[:1].isupper() and text.casefold() not in _ALL_PRONOUNS
