"""Reporting verbs and phrases: the words that attach a quote to a speaker.

A curated, general list (no names or outlets). Verbs are matched on the lemma; a few phrases
("according to", "put it", "in the words of") are matched on tokens.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.lexicons import load

# Verbs that introduce speech or writing; their subject is the speaker.
SPEECH_VERBS = load("speech_verbs")

# Verbs that report speech only with a direct quote or a that-clause, never a fragment alone.
WEAK_VERBS = load("quote_weak_verbs", lower=True)

# Nouns that carry an attribution through their possessor: "Trump’s claim that “…”".
NOUN_CUES = load("quote_noun_cues", lower=True)

# Phrasal verbs that report speech, as "lemma particle": '“…,” he went on'.
PHRASAL_VERBS = load("quote_phrasal_speech_verbs", lower=True)


def is_speech_verb(token: Token) -> bool:
    if token.pos_ == "VERB" and phrasal_particle(token) is not None:
        # 'he went on', not 'talks have been going on': a person or an outfit goes on
        return any(_names_speaker(c) for c in token.children if c.dep_ == "nsubj")
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in SPEECH_VERBS:
        return False
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    # "compared to 11%", "compared with": a preposition, not a report
    return not (token.tag_ == "VBN" and nxt is not None and nxt.lower_ in ("to", "with"))


def phrasal_particle(token: Token) -> Token | None:
    """The particle of a phrasal speech verb ('went on', 'shot back'), else None."""
    lemma = token.lemma_.lower()
    for child in token.children:
        # the parse may take the particle for an adverb ('shot back')
        particle = child.dep_ == "prt" or (child.dep_ == "advmod" and child.i == token.i + 1)
        if particle and f"{lemma} {child.lower_}" in PHRASAL_VERBS:
            return child
    return None


def _names_speaker(tok: Token) -> bool:
    if tok.pos_ == "PRON":
        return tok.lower_ in ("i", "we", "he", "she", "they")
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG")


def according_to(token: Token) -> bool:
    """True for the 'according' of 'according to'."""
    return (
        token.lower_ == "according"
        and token.i + 1 < len(token.doc)
        and token.doc[token.i + 1].lower_ == "to"
    )


def put_it(token: Token) -> bool:
    """True for the verb of 'as X put it' / 'as X puts it'."""
    if token.lemma_.lower() != "put" or token.i + 1 >= len(token.doc):
        return False
    return token.doc[token.i + 1].lower_ == "it"


def possessed_noun_cue(token: Token) -> bool:
    """'Trump’s claim', 'her promise': a speech noun with a possessor."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in NOUN_CUES:
        return False
    return any(c.dep_ == "poss" for c in token.children)


def cue_tokens(sent: Span | list[Token]) -> list[Token]:
    """Tokens that can carry a quote's attribution, in order."""
    return [
        t
        for t in sent
        if is_speech_verb(t) or according_to(t) or put_it(t) or possessed_noun_cue(t)
    ]


def cue_text(token: Token) -> str:
    """The cue as written: 'said', 'put it', 'according to', 'told'."""
    doc = token.doc
    if according_to(token) or put_it(token):
        return doc[token.i : token.i + 2].text
    particle = phrasal_particle(token) if token.pos_ == "VERB" else None
    if particle is not None and particle.i == token.i + 1:
        return doc[token.i : token.i + 2].text
    return token.text
