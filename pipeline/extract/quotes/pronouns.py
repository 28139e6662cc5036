"""Resolve pronoun and title speakers ("he", "the senator") to a named person of the document.

The rule is the classic one for news: the nearest preceding PERSON mention whose gender does
not contradict the pronoun (gender from pipeline.extract.quotes.names; unknown fits both),
with the subject of the pronoun's own sentence, then of the sentence before, ranked first.
Only a KNOWN opposite gender excludes a candidate.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from pipeline.extract.quotes.cues import SPEECH_VERBS
from pipeline.extract.quotes.names import Gender, name_gender
from pipeline.extract.quotes.people import EntityIndex, Mention, Person
from pipeline.lexicons import load

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "we"})
FIRST_PERSON = frozenset({"i", "me", "my"})
PERSONAL_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
_ALL_PRONOUNS = PERSONAL_PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON | {"it", "you"}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

# Singular nouns naming a person by role ("the senator said" refers back to a named person),
# and the plain person nouns ("the woman said") that describe a speaker the same way.
ROLE_NOUNS = load("role_nouns", lower=True) | load("quote_person_nouns", lower=True)


_WORDS = re.compile(r"[a-z]+")
_ABBREVIATED = {"sen": "senator", "rep": "representative", "gov": "governor", "dr": "doctor"}


@dataclass(frozen=True)
class Resolution:
    """Whom a pronoun or role noun refers to, and why: `evidence` is subject, chain, turn,
    nearest, nearest_unique or title when resolved; description, ambiguous or none when not."""

    person: Person | None
    evidence: str


def _description(tok: Token) -> bool:
    """A singular common noun naming a person by role: 'A doctor', 'the staff member'."""
    return tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lemma_.casefold() in ROLE_NOUNS


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
        self._gender.setdefault(person.name, name_gender(person.name))

    def resolve(self, word: str, pos: int, window: int = 3000) -> Person | None:
        """The PERSON named before `pos` that `word` (a pronoun or role noun) refers to."""
        if word.casefold() in ROLE_NOUNS:
            return self.resolve_title(word, pos, window).person
        return self.resolve_pronoun(word, pos, window).person

    def resolve_pronoun(
        self, word: str, pos: int, window: int = 3000, depth: int = 0
    ) -> Resolution:
        """The PERSON a he/she at `pos` refers to, with the evidence, or no one.

        Precision first. In order: the main-clause subject of the pronoun's own sentence, then
        of the sentence before (a named person of a compatible gender; the same pronoun there
        is followed back; a singular description there, 'A doctor told RT', blocks: the
        pronoun is that description's, not a name's); the speaker of the last few sentences;
        else the nearest named PERSON of the pronoun's known gender, or one of unknown gender
        only when no other person could be meant. Never an organisation.
        """
        want = pronoun_gender(word)
        # speakers ending before `pos`, within the window (an index, not a scan of them all)
        lo = bisect_left(self._speakers, pos - window, key=lambda m: m.end)
        extra = self._speakers[lo : bisect_right(self._speakers, pos, key=lambda m: m.end)]
        candidates = sorted([*self.index.before(pos), *extra], key=lambda m: -m.end)
        if word.casefold() in PERSONAL_PRONOUNS:
            found = self._salient(word, want, pos, candidates, extra, depth)
            if found is not None:
                if found.person is not None:
                    self._learn(found.person, want, pos, candidates)
                return found
        for m in sorted(extra, key=lambda m: -m.end):
            # the speaker of the last few sentences goes on speaking ("…,” Obama said. He …)
            if pos - m.end > self.turn_window:
                break
            if self._fits(want, m.person):
                return Resolution(m.person, "turn")
            break
        fitting: list[Person] = []
        for m in candidates:
            if pos - m.end > window:
                break
            if m.person.label != "PERSON" or not self._named(m):
                continue
            if not self._fits(want, m.person) or m.person in fitting:
                continue
            if want is not None and self.gender(m.person) == want and not fitting:
                return Resolution(m.person, "nearest")
            fitting.append(m.person)
        if len(fitting) == 1:
            return Resolution(fitting[0], "nearest_unique")
        return Resolution(None, "ambiguous" if fitting else "none")

    def resolve_title(self, word: str, pos: int, window: int = 3000) -> Resolution:
        """'the senator': the nearest named PERSON the text gave that role ('Sen. Ann Moe',
        'Ann Moe, a senator,'); else no one (the description stays the speaker)."""
        role = word.casefold()
        for m in sorted(self.index.before(pos), key=lambda m: -m.end):
            if pos - m.end > window:
                break
            if m.person.label != "PERSON" or not self._named(m):
                continue
            if self._has_role(m, role):
                return Resolution(m.person, "title")
        return Resolution(None, "none")

    def _has_role(self, m: Mention, role: str) -> bool:
        before = self.text[max(0, m.start - 60) : m.start]
        before = re.split(r"[.;:!?\n]\s", before)[-1]
        after = self.text[m.end : m.end + 80]
        after = re.split(r"[.;:!?\n]\s|,\s*(?:who|which|said|says)\b", after)[0]
        words = [_ABBREVIATED.get(w, w) for w in _WORDS.findall(before.casefold())[-4:]]
        if role in words or (role + "s") in words:
            return True
        appos = after.lstrip().startswith(",")
        return appos and role in _WORDS.findall(after.casefold())[:8]

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

    def _fits(self, want: Gender | None, person: Person) -> bool:
        have = self.gender(person)
        return want is None or have is None or have == want

    def _salient(
        self,
        word: str,
        want: Gender | None,
        pos: int,
        candidates: list[Mention],
        speakers: list[Mention],
        depth: int,
    ) -> Resolution | None:
        """From the subject of the pronoun's sentence, else of the sentence before: 'The finance
        officer, Ann Moe, disagreed: she said …' / 'Ann Moe told reporters … “…,” she said.'
        None when neither sentence decides."""
        if self.sentence_start is None:
            return None
        here = self.sentence_start(pos)
        before = self.sentence_start(here - 1) if here > 0 else here
        spoke = {(m.start, m.end) for m in speakers}
        for lo, hi in ((here, pos), (before, here)):
            subject = self._main_subject(lo, hi)
            if subject is not None:
                hit = self.index.at(subject.idx, subject.idx + len(subject.text))
                low = subject.lower_
                if hit is None and low == word.casefold() and depth < 3:
                    # "She claimed … “…,” she said": the same pronoun goes on
                    found = self.resolve_pronoun(word, subject.idx, depth=depth + 1)
                    return Resolution(found.person, "chain") if found.person else found
                if hit is None and _description(subject):
                    named = self._appositive_person(subject)
                    if named is not None and self._fits(want, named):
                        return Resolution(named, "subject")  # "The officer, Ann Moe, …: she"
                    return Resolution(None, "description")
            # earliest first: the main clause's subject, not one of a clause it reports
            for m in sorted(candidates, key=lambda m: m.start):
                if m.start < lo or m.end > hi:
                    continue
                if m.person.label != "PERSON" or not self._named(m):
                    continue
                if self.inside_quote(m.start) or not self._fits(want, m.person):
                    continue
                if (m.start, m.end) in spoke or self._is_subject(m):
                    return Resolution(m.person, "subject")
        return None

    def _appositive_person(self, noun: Token) -> Person | None:
        """The named PERSON in apposition to a description ('The finance officer, Ann Moe,')."""
        for child in noun.rights:
            if child.dep_ != "appos":
                continue
            hit = self.index.at(child.idx, child.idx + len(child.text))
            if hit is not None and hit.person.label == "PERSON":
                return hit.person
        return None

    def _main_subject(self, lo: int, hi: int) -> Token | None:
        """The subject of the main clause between `lo` and `hi`, outside quotes."""
        if self.doc is None or hi <= lo:
            return None
        span = self.doc.char_span(lo, hi, alignment_mode="expand")
        first: Token | None = None
        for tok in span or []:
            if tok.dep_ not in _SUBJECT_DEPS or self.inside_quote(tok.idx):
                continue
            if tok.lower_ in ("who", "which", "that"):
                continue
            first = first or tok
            verb = tok.head
            main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
            if main or verb.head.idx < lo:  # the parse hung the sentence on an earlier one
                return tok
        # 'The staff member … recalled that he said' parsed under a later 'the office said':
        # the sentence's first subject still comes before the pronoun
        return first if first is not None and _description(first) else None

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
            if self.sentence_start is not None and verb.head.idx < self.sentence_start(m.start):
                main = True  # the parse hung the sentence on an earlier one
            # "X scolded him: “…,” she said." parses as a clause fronted before "said"
            colon = verb.dep_ == "ccomp" and verb.i < verb.head.i
            colon = colon and any(c.text == ":" for c in verb.children)
            if subj.dep_ in _SUBJECT_DEPS and (main or colon):
                found = True
        self._subject[key] = found
        return found

    def resolve_org(self, pos: int, window: int = 600) -> Person | None:
        """'It said' / 'it wrote': the nearest organisation named before `pos`, when it is the
        subject of the sentence or the one before, or spoke there; else no one."""
        here = self.sentence_start(pos) if self.sentence_start else pos
        lo = self.sentence_start(here - 1) if self.sentence_start and here > 0 else here
        for m in self.index.before(pos):
            if pos - m.end > window or m.start < lo:
                break
            if m.person.label == "ORG" and self._named(m) and not self.inside_quote(m.start):
                doc = self.doc
                span = doc.char_span(m.start, m.end, alignment_mode="expand") if doc else None
                if any(t.dep_ in _SUBJECT_DEPS for t in span or []):
                    return m.person
        return None

    def _named(self, m: Mention) -> bool:
        text = self.text[m.start : m.end]
        return text[:1].isupper() and text.casefold() not in _ALL_PRONOUNS
