"""Context cues that vote on a mention's label beside the model's own guess.

A title or role noun before a name, a role apposition, or a reporting verb with the
mention as subject point to a PERSON; "X Summit" or "the 2020 X meeting" to an EVENT;
"Foo Group" to an ORG; "written in X" or "the X language" to a LANGUAGE. A mention used
as a noun modifier ("X kernel") is noted: a name that is never used like a person but
like that is not kept as a PERSON.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy
from spacy.attrs import LOWER, SENT_START
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from pipeline.extract.entities.labels import (
    EVENT_NOUNS,
    FIRST_NAMES,
    HONORIFICS,
    LANGUAGE_VERBS,
    LOCATIVE_PREPOSITIONS,
    MATCH_VERBS,
    ORG_HEADS,
    ORG_POSSESSIONS,
    ORG_PREFIXES,
    ORG_SPEECH_VERBS,
    ORG_SUFFIXES,
    PLACE_NOUNS,
    PLACES,
    ROLE_NOUNS,
    SHARED_SUFFIXES,
    SPEECH_VERBS,
)
from pipeline.extract.entities.mentions import RawMention, is_sentence_initial
from pipeline.extract.entities.recall import is_demonym


@dataclass(frozen=True)
class CueWeights:
    """How much each context cue votes for a label (one model label counts 1.0): the
    facts_entities component's config `cue_weights`."""

    honorific: float = 2.0
    role: float = 1.5
    speech: float = 0.75
    pronoun: float = 0.5
    event_name: float = 3.0
    event_context: float = 2.0
    org_suffix: float = 2.0
    language: float = 1.0
    language_name: float = 3.0
    org_context: float = 1.0
    statement: float = 1.0
    gazetteer: float = 1.5  # beats a bare model label, not a model label with a context cue


DEFAULT_WEIGHTS = CueWeights()

_STATEMENTS = frozenset({"statement", "release"})
_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "his", "her", "himself", "herself"})
_PRONOUN_IDS = numpy.array(sorted(get_string_id(p) for p in _PERSONAL_PRONOUNS), dtype="uint64")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_DOMAIN = re.compile(r"\w\.(com|org|net|io|gov|edu|co|uk|de|fr)\b", re.IGNORECASE)


def analyse(doc: Doc, mention: RawMention, weights: CueWeights = DEFAULT_WEIGHTS) -> None:
    """Fill the mention's cue votes and flags from its context in `doc`."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return
    mention.sentence_initial = is_sentence_initial(doc, mention.start)
    if mention.model_label is not None:
        mention.votes[mention.model_label] += 1.0
    _person_cues(doc, span, mention, weights)
    _name_shape_cues(doc, span, mention, weights)
    _org_cues(doc, span, mention, weights)
    _usage_cues(doc, span, mention, weights)
    _gazetteer_cues(mention, weights)


def _gazetteer_cues(mention: RawMention, w: CueWeights) -> None:
    """A mention that is the whole name of a known place or nationality: "Belarus", "Iraqi"."""
    text = " ".join(mention.words)
    if text in PLACES or (text.isupper() and text.title() in PLACES):
        mention.votes["GPE"] += w.gazetteer
        mention.known_place = True
    elif is_demonym(text) or (len(mention.words) == 2 and all(map(is_demonym, mention.words))):
        mention.votes["NORP"] += w.gazetteer


def _match_party(span: Span) -> bool:
    """Subject or object of a match result ("X beat Y", "X drew with Y", "lost to X")."""
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # "X and Y beat ..."
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in {"to", "with", "against"}:
        head = head.head
    elif root.dep_ not in {"nsubj", "dobj"}:
        return False
    return head.pos_ == "VERB" and head.lemma_.lower() in MATCH_VERBS


def _locative(doc: Doc, span: Span) -> bool:
    """Used as a place: the object of a locative preposition ("in X", "from X", "near X"), a
    place noun after it ("X province", "the X region") or a larger place after a comma
    ("Kenosha, Wisconsin"), or a dateline ("BELGRADE (Reuters) -", "LONDON 1996-08-30")."""
    root = span.root
    prev = doc[span.start - 1] if span.start > 0 else None
    if span.text.isupper() and (prev is None or "\n" in prev.text_with_ws or prev.is_space):
        return True
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS:
        return True
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.text.islower() and nxt.lemma_ in PLACE_NOUNS:
        return True
    if nxt is not None and nxt.text == "," and span.end + 1 < len(doc):
        after = doc[span.end + 1]
        return after.text in PLACES or after.ent_type_ in {"GPE", "LOC"}
    return False


def _person_cues(doc: Doc, span: Span, mention: RawMention, w: CueWeights) -> None:
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_.rstrip(".") in HONORIFICS and prev.text[:1].isupper():
        mention.votes["PERSON"] += w.honorific
        mention.person_cue = mention.titled = True
    elif _role_before(prev) or _role_apposition(doc, span):
        mention.votes["PERSON"] += w.role
        mention.person_cue = mention.titled = True
    root = span.root
    verb = root.head.lemma_.lower()
    if _transcript_speaker(doc, span):
        mention.votes["PERSON"] += w.role  # "WALLACE: Let's start with ..."
        mention.person_cue = True
    if (
        root.dep_ in {"nsubj", "nsubjpass"}
        and verb in SPEECH_VERBS
        and verb not in ORG_SPEECH_VERBS
    ):
        if _in_a_statement(root.head) and not _person_like(mention):
            # "Peabody said in a statement": what a company does; people talk.
            mention.votes["ORG"] += w.statement
        else:
            mention.votes["PERSON"] += w.speech
            mention.person_cue = True
    if root.dep_ == "poss" and _is_role(root.head):
        mention.votes["PERSON"] += w.pronoun  # weak: "Obama's former strategist"
        mention.pronoun_cue = True
    index = _index(doc)
    sent_start, sent_end = index.sentence(span.start)
    if not index.other_person(span.start, sent_start, sent_end) and index.pronoun_between(
        span.end, sent_end
    ):
        # weak: "X said that he ..." (not when the model names another person there)
        mention.votes["PERSON"] += w.pronoun
        mention.pronoun_cue = True


class _DocIndex:
    """Sentence starts, the model's PERSON spans and personal pronouns of one doc, read once:
    asking per mention costs a binary search, not a pass over the doc (`span.sent.ents`
    rebuilds every entity of the doc on each call)."""

    def __init__(self, doc: Doc) -> None:
        self.length = len(doc)
        columns = doc.to_array([SENT_START, LOWER]) if self.length else None
        flags = columns[:, 0].tolist() if columns is not None else []
        self.sent_starts = [i for i, flag in enumerate(flags) if flag == 1]
        people = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
        self.person_starts = [s for s, _ in people]
        self.person_ends = [e for _, e in people]
        self.pronouns: list[int] = (  # compared as string ids: no Token object per token
            numpy.flatnonzero(numpy.isin(columns[:, 1], _PRONOUN_IDS)).tolist()
            if columns is not None
            else []
        )

    def sentence(self, i: int) -> tuple[int, int]:
        """Token range of the sentence holding token i, as `Span.sent` reads it."""
        k = bisect_right(self.sent_starts, i)
        start = self.sent_starts[k - 1] if k > 0 else 0
        end = self.sent_starts[k] if k < len(self.sent_starts) else self.length
        return start, end

    def other_person(self, start: int, sent_start: int, sent_end: int) -> bool:
        """A PERSON span of the model inside the sentence that does not start at `start`."""
        k = bisect_left(self.person_starts, sent_start)
        while k < len(self.person_starts) and self.person_starts[k] < sent_end:
            if self.person_ends[k] <= sent_end and self.person_starts[k] != start:
                return True
            k += 1
        return False

    def pronoun_between(self, start: int, end: int) -> bool:
        k = bisect_left(self.pronouns, start)
        return k < len(self.pronouns) and self.pronouns[k] < end


_last_index: tuple[Doc, _DocIndex] | None = None


def _index(doc: Doc) -> _DocIndex:
    """The index of `doc`, kept for the doc being read (mentions come one doc at a time)."""
    global _last_index
    last = _last_index
    if last is None or last[0] is not doc:
        last = _last_index = (doc, _DocIndex(doc))
    return last[1]


def _transcript_speaker(doc: Doc, span: Span) -> bool:
    """A name in capitals opening a line and followed by a colon: a transcript's speaker."""
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is None or nxt.text != ":" or not span.text.isupper():
        return False
    prev = doc[span.start - 1] if span.start > 0 else None
    return prev is None or "\n" in prev.text_with_ws or prev.text in {'"', "“"}


def _person_like(mention: RawMention) -> bool:
    """A name shaped like a person's: a common given name and a surname."""
    words = mention.words
    return len(words) >= 2 and words[0].lower() in FIRST_NAMES and words[-1][:1].isupper()


def _in_a_statement(verb: Token) -> bool:
    """ "said in a statement", "said in a news release"."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "in"
        and any(g.dep_ == "pobj" and g.lemma_.lower() in _STATEMENTS for g in c.children)
        for c in verb.children
    )


def _org_cues(doc: Doc, span: Span, mention: RawMention, w: CueWeights) -> None:
    """What only an organisation is or has: "FC Porto", "the X team", "X's shareholders",
    "the group that owns it, X,", and a singular name with a plural verb ("Big Machine have
    denied": British usage for a company or a team, never for one person)."""
    words = mention.words
    if len(words) >= 2 and words[0].lower().rstrip(".") in ORG_PREFIXES and words[1][:1].isupper():
        mention.votes["ORG"] += w.org_suffix
    root = span.root
    head = root.head
    org_head = (
        (root.dep_ == "compound" and head.i >= span.end and _is_org_head(head))  # the X team
        or (root.dep_ == "appos" and head.i < span.start and _is_org_head(head))
        or any(c.dep_ == "appos" and _is_org_head(c) for c in root.children)
    )
    if org_head:
        mention.votes["ORG"] += w.org_context
    nxt = doc[span.end] if span.end < len(doc) else None
    if (
        root.dep_ == "poss"
        and nxt is not None
        and nxt.text in {"'s", "’s", "'", "’"}
        and (head.lemma_.lower() in ORG_POSSESSIONS or head.lower_ in ORG_POSSESSIONS)
    ):
        mention.votes["ORG"] += w.org_context
        mention.not_person = True
    if root.tag_ == "NNPS" and len(span) == 1:
        mention.not_person = True  # "Spurs", "Democrats": a plural is no one person
    elif (
        root.dep_ == "nsubj"
        and root.tag_ in {"NNP", "NNS"}
        and head.is_alpha
        and (head.tag_ == "VBP" or any(c.dep_ == "aux" and c.tag_ == "VBP" for c in head.children))
        and not any(c.dep_ in {"conj", "cc"} for c in root.children)
        and head.lower_ not in {"i", "you"}
    ):
        mention.votes["ORG"] += w.org_context
        mention.not_person = True


def _is_org_head(token: Token) -> bool:
    return token.pos_ == "NOUN" and (token.lemma_.lower() in ORG_HEADS or token.lower_ in ORG_HEADS)


def _role_before(prev: Token | None) -> bool:
    """ "maintainer Jane Roe": a role noun right before the name."""
    return prev is not None and prev.pos_ in {"NOUN", "PROPN"} and _is_role(prev)


def _role_apposition(doc: Doc, span: Span) -> bool:
    """ "X, a senior engineer at Y," or a parsed appositive headed by a role noun."""
    root = span.root
    if any(c.dep_ == "appos" and _is_role(c) for c in root.children):
        return True
    if span.end >= len(doc) or doc[span.end].text != ",":
        return False
    for tok in doc[span.end + 1 : span.end + 9]:
        if tok.is_punct or tok.pos_ in {"VERB", "AUX", "PRON", "ADP"}:
            return False
        if tok.tag_ == "NN" and _is_role(tok):
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            return nxt is None or nxt.pos_ not in {"NOUN", "PROPN"}
    return False


def _is_role(token: Token) -> bool:
    return token.lemma_.lower() in ROLE_NOUNS or token.lower_ in ROLE_NOUNS


def _name_shape_cues(doc: Doc, span: Span, mention: RawMention, w: CueWeights) -> None:
    words = mention.words
    last = words[-1].lower()
    if len(words) >= 2 and words[-1][:1].isupper():
        if last in EVENT_NOUNS:
            mention.votes["EVENT"] += w.event_name
        elif (last in ORG_SUFFIXES or last.rstrip(".") in ORG_SUFFIXES) and not (
            last in SHARED_SUFFIXES and mention.model_label in {"GPE", "LOC"}
        ):
            mention.votes["ORG"] += w.org_suffix
    if _event_context(doc, span):
        mention.votes["EVENT"] += w.event_context
    if any(c.isdigit() for c in mention.text) or _DOMAIN.search(mention.text):
        mention.not_person = True


def _event_context(doc: Doc, span: Span) -> bool:
    """ "the 2020 X meeting" / "X 2024 meeting": a year beside the name, an event noun after."""
    before_year = span.start > 0 and bool(_YEAR.match(doc[span.start - 1].text))
    i = span.end
    after_year = i < len(doc) and bool(_YEAR.match(doc[i].text))
    if after_year:
        i += 1
    if not (before_year or after_year) or i >= len(doc):
        return False
    return doc[i].text.islower() and doc[i].lemma_ in EVENT_NOUNS


def _usage_cues(doc: Doc, span: Span, mention: RawMention, w: CueWeights) -> None:
    root = span.root
    if (
        root.dep_ in {"compound", "amod", "nmod"}
        and root.head.pos_ == "NOUN"
        and root.head.i >= span.end
    ):
        mention.modifier = True
        mention.owned_modifier = any(
            c.dep_ == "poss" and c.pos_ == "PRON" and c.i < span.start for c in root.head.children
        )
    if root.dep_ == "pobj" and root.head.lower_ in {"in", "at", "on", "via"}:
        mention.place_like = True
    mention.locative = _locative(doc, span)
    mention.team_cue = _match_party(span)
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ == "programming" and span.end + 1 < len(doc):
        nxt = doc[span.end + 1]
    if nxt is not None and nxt.lemma_.lower() == "language":
        mention.votes["LANGUAGE"] += w.language_name
        mention.language_cue = True
    elif (
        root.dep_ == "pobj"
        and root.head.lower_ in {"in", "into"}
        and root.head.head.lemma_.lower() in LANGUAGE_VERBS
    ):
        mention.votes["LANGUAGE"] += w.language
        mention.language_cue = True
