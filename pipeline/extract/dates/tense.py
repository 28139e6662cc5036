"""Tense of the clause a date sits in: decides which side of the reference a bare
"Friday" or "June" falls on ("said Friday" is past, "will meet Friday" is future)."""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Span, Token

from pipeline.extract.dates.lexicon import MONTHS
from pipeline.extract.dates.resolve import Tense

_Tense = Literal["past", "present", "future", "perfect"]
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})


_END_POINT = frozenset({"until", "till", "through", "to"})
_TEMPORAL_MARKS = frozenset({"when", "as", "once", "after", "before", "until", "till", "whenever"})


def governing_verb(span: Span) -> Token | None:
    """The verb whose tense places the date; None when an adjective stands between them
    ('payable Dec. 7', 'effective Feb. 1', 'due Nov. 6' look ahead whatever the verb)."""
    tok: Token = span.root
    for _ in range(6):
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
        if tok.pos_ == "ADJ" and tok not in span:
            return None
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def tense_of(span: Span) -> Tense | None:
    if span.root.dep_ == "compound":
        return None  # "under a June agreement": a thing the date names, not the verb's time
    verb = governing_verb(span)
    if verb is None:
        return None
    tense = _verb_tense(verb)
    if tense != "future" and _main_future(verb):
        return "future"
    if tense == "past" and _dates_a_noun(span):
        return None  # "told them of a cutback in September": the cutback's time, either side
    head = span.root.head
    if tense == "present" and _timetable(span, verb):
        return "future"
    if tense == "perfect":
        # a perfect tells of what is done ("has risen since March"); to an end point it may
        # look either way ("has fallen this year through Oct. 19", "has extended loans through
        # January"): the nearest date, but a passive one tells of a state holding now, its
        # end ahead ("has been postponed until Saturday")
        if head.lower_ not in _END_POINT - {"to"} or head.i > span.start:
            return "past"
        return "future" if any(c.dep_ == "auxpass" for c in verb.children) else None
    if tense is None and verb.lower_ == "ended" and verb.tag_ == "VBN":
        return "past"  # "in the year ended March 31": a period already over
    if head.lower_ in _END_POINT and head.i < span.start:
        if tense in {"present", "future", None} and head.lower_ != "to":
            return "future"  # "postponed until Saturday", "to run through June"
        if tense == "past":
            return None  # "extended the offer until Nov. 9": the nearest Nov. 9
    return tense


def _main_future(verb: Token) -> bool:
    """A temporal clause has no future of its own: "will pay after the board meets Tuesday",
    "would sell when the market opened Monday" (backshifted): the main verb's future decides."""
    if verb.dep_ != "advcl" or not any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in _TEMPORAL_MARKS for c in verb.children
    ):
        return False
    main = verb.head
    for _ in range(2):
        if main.pos_ in {"VERB", "AUX"} or main.head is main:
            break
        main = main.head
    return main.pos_ in {"VERB", "AUX"} and _verb_tense(main) == "future"


def _dates_a_noun(span: Span) -> bool:
    """The date's preposition hangs on a noun that is the object of another preposition
    ("told companies of a cutback in September"): it dates that thing, which the verb's tense
    does not place (the cutback may be planned)."""
    prep = span.root.head
    if span.root.lower_.rstrip(".") not in MONTHS:
        return False  # only a month: "the fiscal first quarter" is the company's own
    if span.root.dep_ != "pobj" or prep.dep_ != "prep" or prep.i > span.start:
        return False
    noun = prep.head
    return noun.pos_ == "NOUN" and noun.dep_ == "pobj"


def _timetable(span: Span, verb: Token) -> bool:
    """A simple present that a date hangs on directly tells of a timetable: "Arafat and
    Netanyahu meet Monday", "talks resume on Tuesday" (not "says", "is", "has")."""
    if any(t.like_num and len(t.text) == 4 for t in span):
        return False  # a written year places the date by itself ("Allies close in: On June 6,
        # 1944, ..." under a heading read as a present)
    head = span.root.head
    if head.pos_ == "ADP":
        head = head.head
    return (
        head.i == verb.i
        and (verb.tag_ == "VBZ" or (verb.tag_ == "VBP" and _plural_subject(verb)))
        and verb.lemma_ not in {"say", "be", "have"}
        and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    )


def _verb_above(tok: Token) -> Token | None:
    """The nearest verb above a token (through a noun it modifies), None at the root."""
    for _ in range(3):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ == "VERB":
            return tok
    return None


def _plural_subject(verb: Token) -> bool:
    """A present without -s needs a plural subject: "Weakness hurt stocks Friday" is a past."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subjects) and all(
        s.tag_ in {"NNS", "NNPS"}
        or s.lower_ in {"i", "we", "you", "they"}
        or any(c.dep_ == "conj" for c in s.children)
        for s in subjects
    )


def _verb_tense(verb: Token, depth: int = 0) -> _Tense | None:
    """Tense of a verb ("perfect" for the present perfect); an infinitive ('agreed to sell')
    takes its governor's."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in auxes} | {verb.lower_}
    if words & _FUTURE_AUX or ("would" in words and "have" not in words):
        return "future"  # "said it would leave from March 30": the future of the past
    if any(a.lower_ == "going" for a in auxes) or (
        verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)
    ):
        return "future"
    if verb.tag_ in {"VB", "VBN"} and any(a.lower_ == "to" for a in auxes):
        gov = verb.head
        if gov.pos_ == "ADJ" and gov.head is not gov:
            gov = gov.head  # "had been due to expire Friday": the tense of "had been"
        if depth < 3 and gov is not verb and gov.pos_ in {"VERB", "AUX"}:
            outer = _verb_tense(gov, depth + 1)  # "agreed to sell in October"
            # "is scheduled to close Monday", "is to resume Tuesday": a plan
            # "the talks, set to resume Monday": a participle without a tense of its own
            if outer == "past":
                return None  # "agreed in May to buy the line in February": either side, nearest
            return "future" if outer in {"present", "perfect", None} else outer
        return "future"  # a plan: "a program to run through June", "due to be published"
    tags = {verb.tag_} | {a.tag_ for a in auxes}
    if "VBD" in tags or ("VBN" in tags and "had" in words):
        return "past"
    if "VBN" in tags and words & {"has", "have"}:
        return "perfect"
    above = _verb_above(verb)
    if verb.tag_ == "VBG" and not auxes and depth < 3 and above is not None:
        # a bare participle has no tense of its own: "has fluctuated, rising ... in March",
        # "launched attacks forcing the French to withdraw by February 22, 1952"
        return _verb_tense(above, depth + 1)
    if tags & {"VBZ", "VBP", "VBG"} or (verb.tag_ == "VB" and auxes):
        return "present"
    return None
