"""Resolve pronoun and title speakers ("he", "the senator") to a named person of the document.

The rule is the classic one for news: the nearest preceding PERSON mention whose gender does
not contradict the pronoun (gender from pipeline.extract.quotes.names; unknown fits both),
with the subject of the pronoun's own sentence, then of the sentence before, ranked first.
Only a KNOWN opposite gender excludes a candidate.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable

from spacy.tokens import Doc

from pipeline.extract.quotes.cues import SPEECH_VERBS
from pipeline.extract.quotes.names import Gender, name_gender
from pipeline.extract.quotes.people import EntityIndex, Mention, Person

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "we"})
FIRST_PERSON = frozenset({"i", "me", "my"})
PERSONAL_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
_ALL_PRONOUNS = PERSONAL_PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON | {"it", "you"}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

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

    def __init__(
        self,
        index: EntityIndex,
        text: str,
        doc: Doc | None = None,
        sentence_start: Callable[[int], int] | None = None,
        inside_quote: Callable[[int], bool] | None = None,
    ) -> None:
        self.index = index
        self.text = text
        self.doc = doc
        self.sentence_start = sentence_start
        self.inside_quote = inside_quote or (lambda pos: False)
        self._subject: dict[tuple[int, int], bool] = {}
        self._gender: dict[str, Gender | None] = {}
        self._speakers: list[Mention] = []  # by end, then in the order they were added
        self._first_spoke: dict[Person, int] = {}  # where each speaker first ended
        self._first_name_spoke: dict[str, int] = {}
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
        insort(self._speakers, Mention(start, end, person), key=lambda m: m.end)
        self._first_spoke[person] = min(end, self._first_spoke.get(person, end))
        name = person.name
        self._first_name_spoke[name] = min(end, self._first_name_spoke.get(name, end))
        self._gender.setdefault(person.name, name_gender(person.name))

    def resolve(self, word: str, pos: int, window: int = 3000) -> Person | None:
        """The PERSON named before `pos` that `word` (a pronoun or role noun) refers to.

        In order: for a pronoun, the subject of its own sentence, then of the sentence
        before; the speaker of the last few sentences; else the nearest named PERSON, where
        one of unknown gender gives way to a speaker or a person of the right gender among
        the next few mentions (unknown names are often misread places or things). Only a
        known opposite gender rules a candidate out.
        """
        want = pronoun_gender(word)
        # speakers ending before `pos`, within the window (an index, not a scan of them all)
        lo = bisect_left(self._speakers, pos - window, key=lambda m: m.end)
        extra = self._speakers[lo : bisect_right(self._speakers, pos, key=lambda m: m.end)]
        candidates = sorted([*self.index.before(pos), *extra], key=lambda m: -m.end)
        if word.casefold() in PERSONAL_PRONOUNS:
            salient = self._salient(want, pos, candidates, extra)
            if salient is not None:
                return self._learn(salient, want, pos, candidates)
        for m in sorted(extra, key=lambda m: -m.end):
            # the speaker of the last few sentences goes on speaking ("…,” Obama said. He …)
            if pos - m.end > self.turn_window:
                break
            if self._fits(want, m.person):
                return m.person
            break
        fallback: Person | None = None
        looked = 0
        for m in candidates:
            if pos - m.end > window:
                break
            if m.person.label != "PERSON" or not self._named(m):
                continue
            if not self._fits(want, m.person):
                continue
            if self.gender(m.person) is not None or self._spoke_by(m.person.name, pos):
                return m.person
            if fallback is None:
                fallback = m.person
            looked += 1
            if looked > 1:
                break
        return fallback

    def _learn(
        self, person: Person, want: Gender | None, pos: int, candidates: list[Mention]
    ) -> Person:
        """An unambiguous resolution tells the person's gender ('Kim Ode spoke next. “…,” he
        said.'): later pronouns of the other gender then skip them. Only when nobody else
        fits in the two sentences and the person is named as speaking, so that one wrong
        guess does not spread."""
        if want is None or self._gender.get(person.name) is not None:
            return person
        if not self._spoke(person, pos, candidates):
            return person
        here = self.sentence_start(pos) if self.sentence_start else pos
        lo = self.sentence_start(here - 1) if self.sentence_start and here > 0 else here
        others = {
            m.person.name
            for m in candidates
            if lo <= m.start
            and m.person.label == "PERSON"
            and m.person.name != person.name
            and self._named(m)
            and self._fits(want, m.person)
        }
        if not others:
            self._gender[person.name] = want
        return person

    def _spoke(self, person: Person, pos: int, candidates: list[Mention]) -> bool:
        """The person is named as the speaker of an earlier quote or of a speech verb."""
        if self._first_spoke.get(person, pos + 1) <= pos:
            return True
        for m in candidates:
            if m.person != person or self.doc is None:
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            for tok in span or []:
                subj = tok.head if tok.dep_ == "appos" else tok
                if subj.dep_ in _SUBJECT_DEPS and subj.head.lemma_.lower() in SPEECH_VERBS:
                    return True
        return False

    def _spoke_by(self, name: str, pos: int) -> bool:
        """Someone of this name was named as the speaker of a quote ending before `pos`."""
        return self._first_name_spoke.get(name, pos + 1) <= pos

    def _fits(self, want: Gender | None, person: Person) -> bool:
        have = self.gender(person)
        return want is None or have is None or have == want

    def _salient(
        self, want: Gender | None, pos: int, candidates: list[Mention], speakers: list[Mention]
    ) -> Person | None:
        """The subject of the pronoun's sentence, else of the sentence before: 'The finance
        officer, Ann Moe, disagreed: she said …' / 'Ann Moe told reporters … “…,” she said.'"""
        if self.sentence_start is None:
            return None
        here = self.sentence_start(pos)
        before = self.sentence_start(here - 1) if here > 0 else here
        spoke = {(m.start, m.end) for m in speakers}
        for lo, hi in ((here, pos), (before, here)):
            # earliest first: the main clause's subject, not one of a clause it reports
            for m in sorted(candidates, key=lambda m: m.start):
                if m.start < lo or m.end > hi:
                    continue
                if m.person.label != "PERSON" or not self._named(m):
                    continue
                if self.inside_quote(m.start) or not self._fits(want, m.person):
                    continue
                if (m.start, m.end) in spoke or self._is_subject(m):
                    return m.person
        return None

    def _is_subject(self, m: Mention) -> bool:
        """The mention is the subject of the main clause, or in apposition to it ('The
        officer, Ann Moe, disagreed'); not of a clause it reports."""
        key = (m.start, m.end)
        if key in self._subject:
            return self._subject[key]
        found = False
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand") if self.doc else None
        for tok in span or []:
            subj = tok.head if tok.dep_ == "appos" else tok
            verb = subj.head
            main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
            # "X scolded him: “…,” she said." parses as a clause fronted before "said"
            colon = verb.dep_ == "ccomp" and verb.i < verb.head.i
            colon = colon and any(c.text == ":" for c in verb.children)
            if subj.dep_ in _SUBJECT_DEPS and (main or colon):
                found = True
        self._subject[key] = found
        return found

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
