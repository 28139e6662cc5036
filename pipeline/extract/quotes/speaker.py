"""From a cue token to the speaker mention, and the speaker's role when the text gives it."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from pipeline.extract.quotes.cues import according_to
from pipeline.extract.quotes.people import EntityIndex
from pipeline.extract.quotes.pronouns import (
    FIRST_PERSON,
    PERSONAL_PRONOUNS,
    PLURAL_PRONOUNS,
    ROLE_NOUNS,
)
from pipeline.lexicons import load

# Things people issue that "say" something: 'a statement calling', 'a letter that says'.
DOCUMENT_NOUNS = load("quote_document_nouns", lower=True)
SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC", "PRODUCT", "WORK_OF_ART"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_NOT_SPEAKERS = frozenset(
    "this that which who what there here these those something nothing anything".split()
)
# "most said", "several said", '“…,” said one of the advisers', '“…,” tweeted another'
_GROUPS = load("quote_group_words")
_QUANTIFIERS = _GROUPS
_RELATIVE = frozenset({"who", "which", "that"})
_SUBORDINATE = frozenset({"relcl", "acl", "ccomp", "advcl", "pcomp", "csubj"})
_REPORTED = frozenset({"ccomp"})  # the reported clause of a main clause's verb


def subject_of(cue: Token, exclude: Callable[[Token], bool] = lambda t: False) -> Token | None:
    """The grammatical subject of a cue verb, walking up conjunctions and participles; a
    common noun with a name in apposition gives the name ('Their coach, Ivo Berg, said').

    `exclude` rules tokens out (those inside a quote: the quote's own subject is not the
    speaker)."""
    subject = _subject_of(cue, exclude)
    if subject is None:
        return None
    person = appositive_name(subject)
    return person if person is not None and not exclude(person) else subject


def appositive_name(tok: Token) -> Token | None:
    """The head of a proper name in apposition to the common noun `tok`: the appos child, or
    'NOUN, Name Name,' when the parse missed the apposition."""
    if tok.pos_ != "NOUN" and tok.lower_ not in ("one", "another"):
        return None  # ('One of its executives, Ann Moe, testified': the name)
    # a person's role takes a person's name even when the model calls it an ORG
    labels = ("", "PERSON", "ORG") if tok.lemma_.lower() in ROLE_NOUNS else ("", "PERSON")
    for child in tok.rights:
        if child.dep_ == "appos" and _named_token(child) and child.ent_type_ in labels:
            return child
    # "Sweden's deputy director of public prosecutions, Eva-Marie Persson, said": the name is
    # in apposition to the end of the noun phrase; its head chain leads back through of-phrases
    for t in tok.subtree:
        if t.i <= tok.i or t.dep_ != "appos" or not _named_token(t):
            continue
        if t.ent_type_ not in labels or t.i - tok.i > 10:
            continue
        node = t.head
        while node.i != tok.i and node.dep_ in ("pobj", "prep", "compound", "amod", "conj"):
            node = node.head
        if node.i == tok.i and t.doc[t.left_edge.i - 1].text == ",":
            return t
    doc = tok.doc
    i = tok.i + 1
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    while j < len(doc) and doc[j].ent_type_ == "PERSON" and doc[j].pos_ == "PROPN":
        j += 1
    if j - i - 1 >= 2 and j < len(doc) and doc[j].text == ",":
        return doc[j - 1]
    return None


def _subject_of(cue: Token, exclude: Callable[[Token], bool]) -> Token | None:
    if according_to(cue):
        to = cue.doc[cue.i + 1]
        for child in to.children:
            if child.dep_ == "pobj":
                return child
        nxt = cue.i + 2
        return cue.doc[nxt] if nxt < len(cue.doc) else None
    if cue.pos_ == "NOUN":  # "Trump’s claim"
        return next((c for c in cue.children if c.dep_ == "poss" and not exclude(c)), None)
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and _speaker_like(cue.head):
        return _issuer(_sent_document(cue.head))  # "footage of X asking, “…”"
    if cue.tag_ == "VBG" and cue.i > 0 and _named_token(cue.doc[cue.i - 1]):
        prev = cue.doc[cue.i - 1]
        if not exclude(prev):
            return prev  # "with X saying …"
    if cue.tag_ == "VBG" and cue.head.dep_ in _REPORTED and cue.head.i < cue.i:
        # 'Ann said the process could be “messy,” adding, “…”': the participle goes on
        # with the main clause, not with the clause it reports
        main = _participle_main_subject(cue, exclude)
        if main is not None:
            return main
    verb = cue
    for _ in range(3):
        # a clause has one subject: when the parse hangs two on the verb ('in Salem, New
        # Hampshire, Trump went …'), the one next to it is the subject
        for child in sorted(verb.children, key=lambda c: abs(c.i - verb.i)):
            if child.dep_ not in _SUBJECT_DEPS or exclude(child) or child.ent_type_ == "TIME":
                continue  # '5:45 p.m. ¶ Ann's doctor is calling': a timestamp line is no subject
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl" and _speaker_like(verb.head):
                return _issuer(verb.head)  # "McConnell, who said …"
            antecedent = _antecedent(child)
            if antecedent is not None and not exclude(antecedent):
                return antecedent  # 'the Police Department which reported' parsed as advcl
            if _speaker_like(child):
                return child
        if verb.head is verb or exclude(verb.head):
            break
        infinitive = verb.tag_ == "VB" and any(c.lower_ == "to" for c in verb.children)
        participle = verb.tag_ == "VBG" or infinitive
        # 'Protesters marching through the streets chanted “…”': a finite verb the parse hung
        # as an adverbial clause, with no subject or conjunction of its own, shares its head's
        unmarked = verb.dep_ in ("advcl", "dep") and verb.tag_ in ("VBD", "VBZ", "VBP")
        unmarked = unmarked and not any(c.dep_ == "mark" for c in verb.children)
        participle = participle and verb.dep_ in ("advcl", "xcomp", "pcomp")
        if verb.dep_ == "conj" or participle or unmarked:
            verb = verb.head
            if verb.pos_ == "ADP" and verb.head is not verb:
                verb = verb.head  # "… before asking"
        else:
            break
    return _participle_main_subject(cue, exclude)


def _antecedent(rel: Token) -> Token | None:
    """The name right before a relative pronoun the parse did not attach as a relative
    clause ('the Chicago Police Department which reported …')."""
    if rel.lower_ not in ("who", "which") or rel.i == 0:
        return None
    prev = rel.doc[rel.i - 1]
    if prev.text == "," and rel.i > 1:
        prev = rel.doc[rel.i - 2]
    named = prev.ent_type_ in ("PERSON", "ORG") or prev.pos_ == "PROPN"
    return prev if named and prev.text[:1].isupper() else None


def _participle_main_subject(cue: Token, exclude: Callable[[Token], bool]) -> Token | None:
    """'Flea shared the news last week, writing “…”': a participle clause set off by a comma
    after a main clause has that clause's subject, also when the parse hangs the participle
    on a verb inside the quote (then its own head chain leads nowhere)."""
    doc = cue.doc
    if cue.tag_ != "VBG" or cue.i < 3 or not _after_comma(doc, cue.i):
        return None
    if cue.head.i < cue.i and not exclude(cue.head) and cue.head.dep_ not in _REPORTED:
        return None  # the parse already ties it to the clause before: the usual walk
    # the highest clause before the comma speaks: in 'X repeated accusations that Rubio
    # recites …, calling him …' the one calling is X, not Rubio
    reported = cue.head.dep_ in _REPORTED and cue.head.i < cue.i
    node = cue.head if reported else doc[cue.i - 2]
    found: Token | None = None
    for _ in range(10):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in _SUBORDINATE:
            for child in node.children:
                subject = child.dep_ in ("nsubj", "nsubjpass") and child.i < cue.i
                if subject and not exclude(child) and child.lower_ not in _RELATIVE:
                    found = child
        if node.head is node or node.head.i >= cue.i or exclude(node.head):
            break
        node = node.head
    return found if found is not None and _speaker_like(found) else None


def _after_comma(doc: Doc, i: int) -> bool:
    """A comma right before token i, also inside a closing quote ('“messy,” adding')."""
    if doc[i - 1].text == ",":
        return True
    return doc[i - 1].text in ("\u201d", '"', "''") and doc[i - 2].text == ","


def _sent_document(tok: Token) -> Token:
    """'sent an email to supporters saying “…”': the participle after the recipient says what
    the document says, not what the recipients say."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "to" or prep.head.i == prep.i:
        return tok
    head = (
        prep.head
    )  # 'an email to supporters', or 'sent … to supporters' with the email its object
    candidates = [head] if head.pos_ == "NOUN" else [c for c in head.children if c.dep_ == "dobj"]
    for document in candidates:
        if document.pos_ == "NOUN" and document.lemma_.lower() in DOCUMENT_NOUNS:
            return document
    return tok


def _issuer(tok: Token) -> Token:
    """For a document that speaks ('issued a statement calling', 'released a letter that
    says'), whoever issued it when the sentence says so; else the document itself."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in DOCUMENT_NOUNS or tok.dep_ != "dobj":
        return tok
    verb = tok.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and _speaker_like(subject) else tok


def _named_token(tok: Token) -> bool:
    if tok.ent_type_ not in ("", "PERSON", "ORG", "NORP"):
        return False  # "early Friday saying …"
    return tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.text[:1].isupper())


def _speaker_like(tok: Token) -> bool:
    if tok.lower_ in ("those", "these") and any(c.dep_ in ("acl", "relcl") for c in tok.rights):
        return True  # "those surveyed said"
    if tok.lower_ in _NOT_SPEAKERS:
        return False
    if tok.lower_ in _QUANTIFIERS and tok.dep_ in _SUBJECT_DEPS:
        return True  # "most said", "several said": a group that speaks
    if tok.pos_ == "ADJ" and tok.dep_ in _SUBJECT_DEPS:
        return any(c.dep_ == "det" for c in tok.lefts)  # "the 56-year-old said"
    return tok.pos_ in ("PROPN", "NOUN", "PRON") or tok.ent_type_ in ("PERSON", "ORG")


def nearby_speaker(
    cue: Token, lo: int, hi: int, exclude: Callable[[Token], bool] = lambda t: False
) -> Token | None:
    """Fallback when the parse gives no subject: the nearest name-like token left of the cue
    in [lo, cue) skipping an apposition between commas, else right after the cue (said X)."""
    doc = cue.doc
    name = _name_in_apposition(cue, lo, exclude)
    if name is not None:
        return name
    i = cue.i - 1
    commas = 0
    while i >= lo:
        tok = doc[i]
        if tok.text == ")" and commas == 0:
            # 'Rep. Paul Ryan (R-WI) said': a bracketed party and state after the name
            opening = next(
                (k for k in range(i - 1, max(lo, i - 8) - 1, -1) if doc[k].text == "("), None
            )
            if opening is not None:
                i = opening - 1
                continue
        if tok.is_punct and tok.text == ",":
            commas += 1
            if commas > 2:
                break
            i -= 1
            continue
        if commas != 1 and _name_like(tok):
            return tok
        if commas == 0 and tok.pos_ not in ("ADV", "AUX", "PART") and tok.lower_ != "had":
            break
        i -= 1
    # "As X, role, put it": the name before the apposition.
    i = cue.i - 1
    while i >= lo and doc[i].is_punct:
        i -= 1
    j = i
    while j >= lo and doc[j].text != ",":
        j -= 1
    k = j - 1
    # the words between are the role ('X, who founded Y, put it'), never a clause of their
    # own ('In Ohio, Ann said …, adding')
    role_only = _role_stretch(doc[j + 1 : cue.i], exclude)
    if j >= lo and k >= lo and _name_like(doc[k]) and not exclude(doc[k]) and role_only:
        return doc[k]  # (a name inside the quote before it is no speaker: look right)
    owner = _relative_clause_owner(cue, lo)
    if owner is not None and not exclude(owner):
        return owner
    after_quote = cue.i > 0 and doc[cue.i - 1].is_quote
    if cue.is_sent_start or after_quote:
        hi = max(hi, min(len(doc), cue.i + 5))
    finite = cue.tag_ != "VBG"  # 'said X', not 'referencing the number'
    if after_quote and finite and cue.i + 1 < min(hi, len(doc)):
        inverted = _inverted_subject(doc[cue.i + 1])
        if inverted is not None and not exclude(inverted):
            return inverted
    for tok in doc[cue.i + 1 : min(hi, cue.i + 5)]:
        if _name_like(tok):
            # the head of the name run
            while tok.i + 1 < hi and doc[tok.i + 1].pos_ == "PROPN":
                tok = doc[tok.i + 1]
            return _possessed(tok)
        if tok.is_punct or tok.pos_ in ("VERB", "AUX", "SCONJ"):
            break
    return None


def _possessed(tok: Token) -> Token:
    """'said Clinton's introducer, actress Jamie Lee Curtis': a possessor is not who speaks;
    the noun it possesses is (or the name in apposition to that noun)."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].tag_ != "POS":
        return tok
    noun = tok.head if tok.dep_ == "poss" and tok.head.i > tok.i else None
    if noun is None or noun.pos_ != "NOUN" or noun.i - tok.i > 4:
        return tok
    return appositive_name(noun) or noun


def _name_in_apposition(cue: Token, lo: int, exclude: Callable[[Token], bool]) -> Token | None:
    """'her senior policy adviser, Jake Sullivan, said': a person's name set off by commas
    right before the verb, after a common noun it is in apposition to, speaks (the parse
    may hang the whole phrase elsewhere and leave the verb no subject)."""
    doc = cue.doc
    i = cue.i - 1
    if i - 3 < lo or doc[i].text != ",":
        return None
    end = i
    i -= 1
    while i >= lo and doc[i].pos_ == "PROPN" and doc[i].ent_type_ == "PERSON":
        i -= 1
    if end - i - 1 < 2 or i - 1 < lo or doc[i].text != ",":
        return None  # a full name (two words or more) between the commas
    head = doc[i - 1]
    if head.pos_ != "NOUN" or head.text[:1].isupper() or exclude(doc[end - 1]):
        return None
    return doc[end - 1]


def _relative_clause_owner(cue: Token, lo: int) -> Token | None:
    """'a White House official who spoke anonymously to discuss strategy said': the noun whose
    relative clause ends right before the verb, when the parse left the verb no subject."""
    i = cue.i - 1
    while i >= lo and cue.doc[i].text == ",":
        i -= 1
    if i < lo:
        return None
    for node in cue.doc[i].ancestors:
        if node.i >= cue.i:
            return None
        if node.dep_ == "relcl":
            owner = node.head
            ok = owner.pos_ in ("NOUN", "PROPN") and lo <= owner.i < node.i
            ok = ok and node.right_edge.i < cue.i and cue.tag_ != "VBG"
            who = any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in node.children)
            return owner if ok and who and _speaker_like(owner) else None
    return None


def _inverted_subject(tok: Token) -> Token | None:
    """The subject right after the verb in '“…,” said Skelly' or '“…,” said the woman': a
    capitalized word the tagger took for something else, or the head of a noun phrase
    opened by an article."""
    doc = tok.doc
    if tok.is_alpha and tok.text[:1].isupper() and tok.ent_type_ in ("", "PERSON", "ORG"):
        if tok.lower_ not in _NOT_SPEAKERS and not _name_like(tok):
            return tok
        return None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    alone = nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")
    if tok.lower_ in _GROUPS and alone and doc[tok.i - 1].pos_ in ("VERB", "AUX"):
        return tok  # '“…,” said one of the advisers', '“…,” tweeted another'
    if tok.pos_ != "DET" or tok.lower_ not in ("the", "a", "an"):
        return None
    i = tok.i + 1
    while i < len(doc) and doc[i].pos_ in ("ADJ", "NOUN", "PROPN") and i - tok.i <= 4:
        if doc[i].pos_ == "NOUN" and (i + 1 >= len(doc) or doc[i + 1].pos_ != "NOUN"):
            return doc[i]
        i += 1
    return None


def _role_stretch(span: Span, exclude: Callable[[Token], bool]) -> bool:
    """Words with no verb of their own: a verb counts only after a relative pronoun."""
    for t in span:
        if t.lower_ in ("who", "whose", "which"):
            return True
        if t.pos_ in ("VERB", "AUX") and not exclude(t):
            return False
    return True


def _name_like(tok: Token) -> bool:
    if tok.ent_type_ in ("PERSON", "ORG"):
        return True
    if tok.pos_ == "PROPN" and tok.text[:1].isupper():
        return True
    return tok.pos_ == "PRON" and tok.lower_ in PERSONAL_PRONOUNS | PLURAL_PRONOUNS


def mention_span(tok: Token, index: EntityIndex) -> tuple[int, int]:
    """Character span of the speaker mention around its head token."""
    doc = tok.doc
    hit = index.at(tok.idx, tok.idx + len(tok.text))
    if hit is not None:
        return hit.start, hit.end
    if tok.ent_type_ in SPEAKER_ENTS and tok.ent_iob_ != "O":
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                return _strip_possessive(doc, ent.start, ent.end)
    if tok.pos_ == "PRON":
        return tok.idx, tok.idx + len(tok.text)
    if (tok.pos_ == "PROPN" and not tok.text.islower()) or _capitalized_inside(tok):
        start = tok.i
        while start > 0 and _name_part(doc[start - 1]) and doc[start - 1].dep_ == "compound":
            start -= 1
        return _strip_possessive(doc, start, tok.i + 1)
    # common noun phrase: determiners, adjectives and compounds to its left
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod", "npadvmod"):
            start = min(start, child.left_edge.i)
    return _strip_possessive(doc, start, tok.i + 1)


def _capitalized_inside(tok: Token) -> bool:
    """A capitalized word that is not sentence-initial: a name the tagger missed (T’so)."""
    return tok.text[:1].isupper() and not tok.is_sent_start and tok.pos_ in ("NOUN", "PROPN")


def _name_part(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or (tok.text[:1].isupper() and tok.pos_ == "NOUN")


def _strip_possessive(doc: Doc, start: int, end: int) -> tuple[int, int]:
    if end - start > 1 and doc[end - 1].tag_ == "POS":
        end -= 1
    span = doc[start:end]
    return span.start_char, span.end_char


def speaker_role(tok: Token, mention: tuple[int, int]) -> str | None:
    """The speaker's role as the text gives it: an apposition ("Jonathan Corbet, Linux kernel
    developer,"), a title before the name ("Linux kernel maintainer Steven Rosted") or the
    common noun the name is in apposition to ("Their coach, Ivo Berg,"). A common-noun speaker
    ("its backers") has only its own apposition: the words around it describe something else."""
    doc = tok.doc
    for child in tok.children:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
            span = doc[child.left_edge.i : child.right_edge.i + 1]
            if not _is_name(span) and any(t.pos_ == "NOUN" for t in span):
                return _trim_role(span)
    named = tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG")
    if not (named or _capitalized_inside(tok)):
        return None
    return (
        _title_before(doc, mention)
        or _apposition_after(doc, mention)
        or _apposition_before(doc, mention)
    )


def _apposition_before(doc: Doc, mention: tuple[int, int]) -> str | None:
    """'A spokesman for the port, Ann Moe, said': the common noun phrase the name is in
    apposition to (leading possessive pronouns dropped: 'Their coach' gives 'coach')."""
    span = doc.char_span(mention[0], mention[1], alignment_mode="expand")
    if span is None or span.start < 2 or doc[span.start - 1].text != ",":
        return None
    heads = [t.head for t in span if t.dep_ == "appos" and t.head.i < span.start]
    noun = heads[0] if heads else doc[span.start - 2]
    name = appositive_name(noun) if noun.pos_ == "NOUN" else None
    if name is None or not span.start <= name.i < span.end:
        return None
    toks = list(doc[noun.left_edge.i : span.start - 1])
    while toks and toks[0].tag_ == "PRP$":
        toks = toks[1:]
    if not toks or any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    return _trim_role(doc[toks[0].i : toks[-1].i + 1])


def _title_before(doc: Doc, mention: tuple[int, int]) -> str | None:
    """'senior Linux kernel developer Ted T’so': the words just left of the name that end in a
    lower-case noun, with at most one capitalized word (a project or employer) among them."""
    span = doc.char_span(mention[0], mention[1], alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    i = span.start - 1
    lowers = 0
    while i >= 0 and _role_word(doc[i]) and not doc[i].text[:1].isupper():
        if doc[i].pos_ == "NOUN":
            lowers += 1
        i -= 1
    if lowers == 0 or doc[span.start - 1].pos_ != "NOUN":
        return None
    if i >= 0 and doc[i].text[:1].isupper() and doc[i].pos_ in ("PROPN", "NOUN", "NUM", "ADJ"):
        j = i - 1
        if not (j >= 0 and doc[j].text[:1].isupper() and not doc[j].is_sent_start):
            i -= 1
            while i >= 0 and doc[i].pos_ == "ADJ" and not doc[i].text[:1].isupper():
                i -= 1
    return doc[i + 1 : span.start].text


def _role_word(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "ADJ", "NUM") and tok.is_alpha


def _apposition_after(doc: Doc, mention: tuple[int, int]) -> str | None:
    """'Dan Williams, senior principal engineer on X’s team, said': the bracketed noun phrase."""
    span = doc.char_span(mention[0], mention[1], alignment_mode="expand")
    if span is None or span.end >= len(doc) or doc[span.end].text != ",":
        return None
    k = span.end + 1
    stop = k
    while stop < len(doc) and stop - k < 25 and doc[stop].text not in (",", ".", "\u201c", '"'):
        stop += 1
    if stop >= len(doc) or doc[stop].text != "," or stop == k:
        return None
    phrase = doc[k:stop]
    if phrase[0].pos_ in ("ADP", "SCONJ", "VERB", "AUX", "PRON"):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in phrase) or _is_name(phrase):
        return None
    if not any(t.pos_ == "NOUN" for t in phrase):
        return None
    return _trim_role(phrase)


def _is_name(span: Span) -> bool:
    return all(t.pos_ == "PROPN" or t.is_punct for t in span)


def _trim_role(span: Span) -> str | None:
    toks = [t for t in span]
    while toks and (toks[0].is_punct or (toks[0].dep_ == "det" and toks[0].lower_ in ("a", "an"))):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return None
    return span.doc[toks[0].i : toks[-1].i + 1].text or None


def is_first_person(tok: Token) -> bool:
    return tok.lower_ in FIRST_PERSON
