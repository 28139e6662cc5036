"""Names the model missed: "Ana Lind" opening a story, "Peabody said" is often untagged.

A common given name followed by capitalised proper nouns, or a proper noun that is the
subject of a reporting verb, outside every model span, becomes a mention; its label comes
from the cues like any other. Only general word lists are used.
"""

from __future__ import annotations

from spacy.attrs import LENGTH, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Token

from pipeline.extract.entities.labels import (
    EVENT_NOUNS,
    FIRST_NAMES,
    HONORIFICS,
    ORG_SUFFIXES,
    SPEECH_VERBS,
)
from pipeline.extract.entities.mentions import RawMention, doc_text, is_name_text

W_GIVEN_NAME = 1.0


def given_name_mentions(doc: Doc) -> list[RawMention]:
    """PERSON mentions for untagged "Given Surname", "Given J. Surname" and "G. Surname"."""
    in_ent = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    out: list[RawMention] = []
    text = doc_text(doc)
    # A name starts at a proper noun or a two-character initial, found in the arrays: no
    # Token object for every other word.
    columns = doc.to_array([POS, LENGTH]).tolist() if len(doc) else []
    starts = [k for k, (pos, length) in enumerate(columns) if pos == PROPN or length == 2]
    i = 0
    for k in starts:
        if k < i or k in in_ent or not _given(doc[k]):
            continue
        i, tok = k, doc[k]
        j = i + 1
        while j < len(doc) and j - i <= 3 and j not in in_ent and _name_word(doc[j]):
            if doc[j - 1].whitespace_ == "" and doc[j - 1].text not in {"-"}:
                break
            j += 1
        last = doc[j - 1]
        if (
            j - i >= 2
            and last.lower_.rstrip(".") not in ORG_SUFFIXES | EVENT_NOUNS
            and not (len(last.text) <= 2 and last.text.endswith("."))
        ):
            start, end = tok.idx, last.idx + len(last.text)
            mention = RawMention(start, end, text[start:end], None, source="given-name")
            mention.votes["PERSON"] += W_GIVEN_NAME
            out.append(mention)
        i = j
    return out


def speaker_mentions(doc: Doc) -> list[RawMention]:
    """Untagged proper-noun subjects of reporting verbs ("In a statement, Peabody said")."""
    in_ent = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    text = doc_text(doc)
    out: list[RawMention] = []
    # Proper nouns only, found in the POS array: no Token object for every other word.
    propn = [i for i, pos in enumerate(doc.to_array(POS).tolist()) if pos == PROPN]
    for tok in (doc[i] for i in propn):
        if (
            tok.i in in_ent
            or tok.pos_ != "PROPN"
            or not tok.is_title
            or tok.dep_ not in {"nsubj", "nsubjpass"}
            or tok.head.lemma_.lower() not in SPEECH_VERBS
        ):
            continue
        first = tok.i
        while (
            first > 0
            and doc[first - 1].dep_ == "compound"
            and doc[first - 1].head.i == tok.i
            and doc[first - 1].pos_ == "PROPN"
            and doc[first - 1].is_title
            and first - 1 not in in_ent
        ):
            first -= 1
        if doc[first].lower_.rstrip(".") in HONORIFICS and first < tok.i:
            first += 1
        if any(c.dep_ == "poss" for c in tok.children) and first == tok.i:
            continue  # "the U.S. Attorney’s Office said": the end of a longer name
        if not is_name_text(text[doc[first].idx : tok.idx + len(tok.text)]):
            continue
        start, end = doc[first].idx, tok.idx + len(tok.text)
        out.append(RawMention(start, end, text[start:end], None, source="speaker"))
    return out


def _given(tok: Token) -> bool:
    """A common given name, or an initial standing for one ("D. Fleming")."""
    if _initial(tok):
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and nxt.is_title and nxt.pos_ == "PROPN" and len(nxt.text) > 2
    return tok.is_title and tok.pos_ == "PROPN" and tok.lower_ in FIRST_NAMES


def _initial(tok: Token) -> bool:
    return len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "."


def _name_word(tok: Token) -> bool:
    """A capitalised proper noun or a middle initial ("J.")."""
    if len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == ".":
        return True
    return tok.is_title and tok.pos_ == "PROPN" and tok.is_alpha
