"""Tense of the clause a date sits in: decides which side of the reference a bare
"Friday" or "June" falls on ("said Friday" is past, "will meet Friday" is future)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.extract.dates.resolve import Tense

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})


_END_POINT = frozenset({"until", "till", "through", "to"})


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
    verb = governing_verb(span)
    if verb is None:
        return None
    tense = _verb_tense(verb)
    head = span.root.head
    if tense is None and verb.lower_ == "ended" and verb.tag_ == "VBN":
        return "past"  # "in the year ended March 31": a period already over
    if head.lower_ in _END_POINT and head.i < span.start:
        if tense in {"present", "future", None} and head.lower_ != "to":
            return "future"  # "postponed until Saturday", "to run through June"
        if tense == "past":
            return None  # "extended the offer until Nov. 9": the nearest Nov. 9
    return tense


def _verb_tense(verb: Token, depth: int = 0) -> Tense | None:
    """Tense of a verb; an infinitive ('agreed to sell') takes its governor's."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in auxes} | {verb.lower_}
    if words & _FUTURE_AUX:
        return "future"
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
            return "future" if outer in {"present", None} else outer
        return "future"  # a plan: "a program to run through June", "due to be published"
    tags = {verb.tag_} | {a.tag_ for a in auxes}
    if "VBD" in tags or ("VBN" in tags and "had" in words):
        return "past"
    if "VBN" in tags and words & {"has", "have"}:
        return "present"  # present perfect
    if tags & {"VBZ", "VBP", "VBG"} or (verb.tag_ == "VB" and auxes):
        return "present"
    return None
