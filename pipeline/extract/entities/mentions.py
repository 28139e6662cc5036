"""Mentions read from the model's entity spans, repaired so each names just the thing.

spaCy's spans often carry a leading "the", a trailing possessive, Markdown debris or a
title, and cut names like "Ted T’so" after the first word. Repairs work on tokens so every
mention still starts and ends on a token boundary; `doc.ents` itself is never changed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.extract.entities.labels import (
    CALENDAR_WORDS,
    ENTITY_LABELS,
    FIRST_NAMES,
    FUNCTION_NOUNS,
    HONORIFICS,
    NAME_CONNECTORS,
    ORG_SUFFIXES,
)
from pipeline.extract.extensions import text_of
from pipeline.extract.ids import normalize_key

_OPENERS = frozenset({"“", '"', "‘", "(", "[", ":"})
_LEADING_WORDS = frozenset({"the", "a", "an"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’", "'S", "’S"})
_SCORE = re.compile(r"\d+(?:[-.:/]\d+)+|\d+(?:st|nd|rd|th)")
_ORDINAL_NUMBER = re.compile(r"^\d{1,4}(st|nd|rd|th)?,?$")
# People, bodies and places never end in a number ("Euro 96", "Windows 10" may).
_NO_NUMBER_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_BAD_CHARS = re.compile(r"[\[\]()<>{}|\"“”«»]|https?:|://|@|\n|:(?!\d)")
# A capitalised word joined by an apostrophe or hyphen that a person span should include:
# " T’so", " O'Brien", " Vaughan-Nichols" after a first name, or "-Claude" glued to "Jean".
_NAME_TAIL = re.compile(r"(?: [A-Z]\w*(?:[’'-][A-Za-z]\w*)+|(?:[’'-][A-Z]\w*)+)")


@dataclass
class RawMention:
    """A candidate mention with what the rules learned about it."""

    start: int
    end: int
    text: str
    model_label: str | None
    source: str = "model"  # model, acronym, recall, gazetteer or author
    votes: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    person_cue: bool = False
    titled: bool = False  # a title, role noun or role apposition names it as a person
    pronoun_cue: bool = False  # "he" or "she" follows in the sentence
    modifier: bool = False
    owned_modifier: bool = False  # modifies a noun with a possessive: "her X special"
    language_cue: bool = False
    place_like: bool = False  # object of in/at/on/via: "on Twitter"
    not_person: bool = False
    locative: bool = False  # used as a place: "in X", "from X", "X province", "X, Ohio"
    team_cue: bool = False  # subject or object of a match result: "X beat Y", "lost to X"
    known_place: bool = False  # the whole name of a place in the gazetteer
    sentence_initial: bool = False

    @property
    def key(self) -> str:
        return normalize_key(self.text)

    @property
    def words(self) -> list[str]:
        return self.text.split()


def doc_text(doc: Doc) -> str:
    """`doc.text` joins every token on each access: read it once per doc (shared with the
    other components)."""
    return text_of(doc)


def model_mentions(doc: Doc, skip: Sequence[tuple[int, int]] = ()) -> list[RawMention]:
    """Repaired mentions for every model span with a named-thing label, except in the
    `skip` ranges (lines in capitals, read again re-cased)."""
    out: list[RawMention] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in skip):
            continue
        if _ends_with_date(ent):
            continue  # "Trump’s July 25": a date, whatever the model's label
        bounds = repair(ent)
        if bounds is None:
            continue
        start, end = bounds
        text = doc_text(doc)[start:end]
        if not any(c.isalpha() for c in text) or not is_name_text(text):
            continue
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.model_label == ent.label_ == "PERSON"
            and doc_text(doc)[prev.end : start] == " "
        ):
            # The model split one name in two: "Keith" + "Lamont Scott".
            out[-1] = RawMention(prev.start, end, doc_text(doc)[prev.start : end], "PERSON")
            continue
        out.append(RawMention(start, end, text, ent.label_))
    return out


def _ends_with_date(span: Span) -> bool:
    words = [t.lower_.rstrip(".") for t in span if not t.is_punct]
    return (
        len(words) >= 2
        and words[-2] in CALENDAR_WORDS
        and _ORDINAL_NUMBER.match(words[-1]) is not None
    )


def is_name_text(text: str) -> bool:
    """False for what is never a name: a date ("July 25", "Monday"), a bare noun naming a
    body by its function ("Office", "State"), a fragment of a longer name, or initials and
    letters alone ("N / A")."""
    words = [w.strip(".,").lower() for w in text.split()]
    if len(words) == 1 and words[0] in FUNCTION_NOUNS:
        return False
    if not any(sum(c.isalpha() for c in w) >= 2 for w in words):
        return False  # "N / A", "K."
    calendar = [w for w in words if w in CALENDAR_WORDS]
    if calendar and all(w in CALENDAR_WORDS or _ORDINAL_NUMBER.match(w) for w in words):
        # A weekday alone, or a month with a day or year; a month alone may be a name (April).
        return len(words) == 1 and not words[0].endswith("day")
    return True


def repair(span: Span) -> tuple[int, int] | None:
    """Character bounds of the name in a model span, or None when nothing is left."""
    tokens = repair_tokens(span)
    if not tokens:
        return None
    doc = span.doc
    text = doc_text(doc)
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    bad = _BAD_CHARS.search(text, start, end)  # debris glued inside a token: "Roe](http"
    if bad is not None:
        end = bad.start()
        while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."):
            end -= 1
    if end <= start:
        return None
    if span.label_ == "PERSON":
        end = extend_name(doc, end)
    return start, end


def repair_tokens(span: Span) -> list[Token]:
    """The tokens of `span` that belong to the name: no debris, article, title or 's."""
    if any(_spaced_dash(t) for t in span[1:-1]):
        return []  # "CRICKET - ENGLAND BEAT": a headline's parts, no one name
    tokens = _best_clean_run(list(span))
    while tokens and (
        tokens[0].lower_ in _LEADING_WORDS
        or tokens[0].is_punct
        or not tokens[0].text.strip()
        or tokens[0].text in _POSSESSIVES  # "’s Hoa Lo": the owner was left outside the span
        or _lower_modifier(tokens[0])  # "federal Bureau of Prisons", "former"
    ):
        tokens = tokens[1:]
    inner = [k for k, tok in enumerate(tokens[:-1]) if k > 0 and tok.text in _POSSESSIVES]
    if inner:
        # "Pagliano's Fifth Amendment": the owner and the thing are two names.
        k = inner[0]
        tokens = tokens[:k] if span.label_ == "PERSON" else tokens[k + 1 :]
    for k, tok in enumerate(tokens[1:], start=1):
        if tok.pos_ in {"VERB", "AUX"} and (tok.is_lower or span.label_ == "PERSON"):
            tokens = tokens[:k]  # a clause, not a name: "Harlan accused Holt of being a"
            break
        if span.label_ == "PERSON" and tok.is_lower and tok.lower_ not in NAME_CONNECTORS:
            tokens = tokens[:k]  # two names: "J. Gillespie st Kaluwitharana"
            break
    while tokens and (
        tokens[-1].text in _POSSESSIVES
        or _is_trailing_punct(tokens[-1])
        or (tokens[-1].is_lower and tokens[-1].is_alpha)  # "Press that", "Stansted airport"
        or (
            len(tokens) > 1
            and span.label_ in _NO_NUMBER_LABELS
            and _is_number(tokens[-1], span.label_)
        )
    ):
        tokens = tokens[:-1]
    if span.label_ in {"PERSON", "ORG"} and tokens and tokens[0].lower_ in FIRST_NAMES:
        tokens = _with_surname(span.doc, tokens)
    if span.label_ == "PERSON":
        while len(tokens) > 1 and tokens[0].lower_.rstrip(".") in HONORIFICS:
            tokens = tokens[1:]
        tokens = _from_given_name(tokens)
    elif span.label_ == "ORG":
        # "envoy to Ukraine Kurt Volker" tagged as one ORG: the person's name is the tail.
        tail = _from_given_name(tokens)
        if len(tail) < len(tokens) and tail[-1].lower_.rstrip(".") not in ORG_SUFFIXES:
            tokens = tail
    return tokens


def _spaced_dash(token: Token) -> bool:
    return (
        token.text in {"-", "–", "—"}
        and bool(token.whitespace_)
        and token.i > 0
        and bool(token.doc[token.i - 1].whitespace_)
    )


def _is_number(token: Token, label: str) -> bool:
    """A score, count or rank glued to a name: "Red Sox 7-0", "Durie 75th", "Kersey 63"; a
    body or a place may end in a plain number ("Channel 4", "Area 51")."""
    if not token.text[:1].isdigit():
        return False
    return label == "PERSON" or _SCORE.fullmatch(token.text) is not None


def _lower_modifier(token: Token) -> bool:
    """A lower-case word opening a span: a modifier, never part of the name ("de" may be)."""
    return token.is_lower and token.is_alpha and token.lower_ not in NAME_CONNECTORS


def _with_surname(doc: Doc, tokens: list[Token]) -> list[Token]:
    """ "Marcus Odell" + untagged "Pruitt": a name the model cut short after a given name."""
    tokens = list(tokens)
    while len(tokens) < 4:
        i = tokens[-1].i + 1
        if i >= len(doc) or tokens[-1].whitespace_ != " ":
            break
        nxt = doc[i]
        if nxt.ent_type_ or nxt.pos_ != "PROPN" or not nxt.is_title or not nxt.is_alpha:
            break
        tokens.append(nxt)
    return tokens


def _from_given_name(tokens: list[Token]) -> list[Token]:
    """ "Miss Universe Alicia Roe" -> "Alicia Roe": capitalised words before a given name
    that is followed by a surname are a title or an epithet, not part of the name."""
    if len(tokens) < 3 or tokens[0].lower_ in FIRST_NAMES:
        return tokens
    for k in range(1, len(tokens) - 1):
        if not tokens[k - 1].is_title:
            return tokens
        if tokens[k].lower_ in FIRST_NAMES and tokens[k].is_title:
            return tokens[k:]
    return tokens


def extend_name(doc: Doc, end: int) -> int:
    """Extend a person span over a following apostrophe/hyphen-joined capitalised word."""
    match = _NAME_TAIL.match(doc_text(doc), end)
    if match is None:
        return end
    tail = match.group(0)
    if re.search(r"[’']s$", tail) and not re.search(r"[’'][A-Za-z]\w*[’']s$", tail):
        return end  # a possessive, not part of the name
    new_end = match.end()
    span = doc.char_span(end, new_end, alignment_mode="expand")
    if span is None or span.end_char != new_end or any(t.ent_type_ for t in span):
        return end  # only to a token boundary, never into another model span
    return new_end


def is_sentence_initial(doc: Doc, start: int) -> bool:
    """True when only punctuation precedes `start` in its sentence (or its line)."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    i = token.i
    while i > 0 and not doc[i].is_sent_start:
        prev = doc[i - 1]
        if "\n" in prev.text_with_ws or prev.text in _OPENERS:
            break
        if not (prev.is_punct or prev.is_space or prev.text in {"#", "##", "###"}):
            return False
        i -= 1
    return True


def _best_clean_run(tokens: list[Token]) -> list[Token]:
    """The first run of tokens with no markup, URL, colon or line break inside.

    A token with debris glued after its first character ends its run; the caller cuts the
    debris off at character level.
    """
    runs: list[list[Token]] = [[]]
    for tok in tokens:
        bad = _BAD_CHARS.search(tok.text)
        if bad is not None:
            if bad.start() > 0:
                runs[-1].append(tok)
            runs.append([])
            continue
        runs[-1].append(tok)
        if "\n" in tok.whitespace_:
            runs.append([])
    # The model starts a span where it saw a name begin: keep the first run that has one.
    return next((run for run in runs if _letters(run) >= 2), [])


def _letters(run: list[Token]) -> int:
    total = 0
    for tok in run:
        bad = _BAD_CHARS.search(tok.text)
        total += sum(c.isalpha() for c in tok.text[: bad.start() if bad else None])
    return total


def _is_trailing_punct(token: Token) -> bool:
    # "Inc." and "J." keep their dot: it is part of the token, not a separate one.
    return token.is_punct or token.text in {"-", "–", "—", ",", ";", ":"}
