"""Indirect quotes: reported speech without quotation marks, kept to the clear patterns.

"X said (that) <clause>" / "<clause>, X said." (a speech verb with a clausal complement and a
subject) and "according to X, <clause>". Sentences that hold quotation marks are left to the
direct/partial rules. Precision first: negated, interrogative and short contents are skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from pipeline.extract.columns import tokens_where
from pipeline.extract.extensions import text_of
from pipeline.extract.quotes.cues import according_to
from pipeline.extract.quotes.speaker import subject_of
from pipeline.lexicons import load

# Verbs that report what someone said or wrote (not what they think, want or found).
INDIRECT_VERBS = load("quote_indirect_verbs", lower=True)
_MIN_WORDS = 4
_ACCORDING = get_string_id("according")  # the LOWER of "According", "according"


@dataclass(frozen=True)
class Indirect:
    start: int
    end: int
    cue: Token
    speaker: Token
    cue_text: str


def find_indirect(doc: Doc, blocked: Callable[[int, int], bool]) -> list[Indirect]:
    """Indirect quotes of `doc`; `blocked(start, end)` is true where quotation marks are."""
    out: list[Indirect] = []
    cues = _cue_candidates(doc)
    if not cues:
        return out
    text = text_of(doc)
    at = 0
    for sent in doc.sents:
        first = at
        while at < len(cues) and cues[at] < sent.end:
            at += 1
        if first == at:
            continue
        here = text[sent.start_char : sent.end_char]  # sent.text, not rebuilt from its tokens
        if blocked(sent.start_char, sent.end_char) or here.rstrip().endswith("?"):
            continue
        taken: list[tuple[int, int]] = []
        for tok in (doc[i] for i in cues[first:at]):
            if any(s <= tok.idx < e for s, e in taken):
                continue
            found = _according_to(sent, tok) if according_to(tok) else _speech(sent, tok)
            if found is not None:
                out.append(found)
                taken.append((found.start, found.end))
    return out


def _cue_candidates(doc: Doc) -> list[int]:
    """Indices of the tokens that can open an indirect quote, in order: an "according", or a
    verb or auxiliary whose lemma is a reporting verb (what `according_to` and `_speech` test
    first). Read from the doc's arrays, each distinct lemma looked up once: most tokens are
    neither, and a Token object per token cost more than the rules."""
    reporting = tokens_where(doc, LEMMA, lambda lemma: lemma.lower() in INDIRECT_VERBS)
    verbs = np.isin(doc.to_array(POS), (VERB, AUX)) & reporting
    according = doc.to_array(LOWER) == _ACCORDING
    return np.flatnonzero(verbs | according).tolist()


def _speech(sent: Span, verb: Token) -> Indirect | None:
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in INDIRECT_VERBS:
        return None
    if any(c.dep_ == "neg" for c in verb.children) or not _reported(verb):
        return None
    comps = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
    if not comps:
        return None
    comp = comps[0]
    if _gapped(verb, comp):
        return None  # "a plan its backers say will cut costs": the claim's subject is elsewhere
    speaker = subject_of(verb)
    if speaker is None or comp.left_edge.i <= speaker.i <= comp.right_edge.i:
        return None
    span = _trim(sent.doc[comp.left_edge.i : comp.right_edge.i + 1])
    if span is None:
        return None
    return Indirect(span.start_char, span.end_char, verb, speaker, verb.text)


_CLAUSE_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def _gapped(verb: Token, comp: Token) -> bool:
    """'the plan its backers say will cut costs': a relative clause whose reported clause has
    no subject of its own; the subject is the noun the clause hangs on, not a statement."""
    if verb.dep_ not in ("relcl", "acl"):
        return False
    return not any(c.dep_ in _CLAUSE_SUBJECTS for c in comp.children)


def _reported(verb: Token) -> bool:
    """Said, says, has said, saying, did say: not 'to say', 'will say', 'would say'."""
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a in ("will", "would", "could", "should", "might", "may", "to") for a in auxes):
        return False
    if verb.tag_ == "VB":
        return any(a in ("did", "does", "do") for a in auxes)
    return verb.tag_ in ("VBD", "VBZ", "VBP", "VBG") or (verb.tag_ == "VBN" and bool(auxes))


def _according_to(sent: Span, tok: Token) -> Indirect | None:
    """'According to X, <clause>.' or '<clause>, according to X.'"""
    doc = sent.doc
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase_end = pobj.right_edge.i + 1
    if tok.i == sent.start or (tok.i - 1 >= sent.start and doc[tok.i - 1].is_sent_start):
        if phrase_end < sent.end and doc[phrase_end].text == ",":
            span = _trim(doc[phrase_end + 1 : sent.end])
        else:
            return None
    elif phrase_end >= sent.end - 1 and tok.i - 1 > sent.start and doc[tok.i - 1].text == ",":
        span = _trim(doc[sent.start : tok.i - 1])
    else:
        return None
    if span is None:
        return None
    return Indirect(span.start_char, span.end_char, tok, pobj, doc[tok.i : tok.i + 2].text)


def _trim(span: Span) -> Span | None:
    """Drop edge punctuation; None when what is left is too short to be a statement."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    words = [t for t in doc[start:end] if t.is_alpha]
    if len(words) < _MIN_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in doc[start:end]):
        return None
    return doc[start:end]
