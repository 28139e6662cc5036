"""Quotes of a parsed Doc: paired marks, filtered, attributed to a named speaker."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Literal

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from pipeline.extract.extensions import text_of
from pipeline.extract.ids import content_id, disambiguate, normalize_key
from pipeline.extract.quotes.confidence import confidence
from pipeline.extract.quotes.cues import WEAK_VERBS, according_to, cue_text, cue_tokens
from pipeline.extract.quotes.indirect import find_indirect
from pipeline.extract.quotes.marks import QuoteMarks, pair_quotes, paragraphs
from pipeline.extract.quotes.people import EntityIndex, Person, strip_title
from pipeline.extract.quotes.pronouns import (
    FIRST_PERSON,
    PERSONAL_PRONOUNS,
    ROLE_NOUNS,
    Resolver,
)
from pipeline.extract.quotes.sentences import Boundaries
from pipeline.extract.quotes.speaker import (
    mention_span,
    nearby_speaker,
    speaker_role,
    subject_of,
)
from pipeline.lexicons import load
from pipeline.validate.models import Quote, Speaker, SpeakerVia

_SPACES = re.compile(r"\s+")
_SPEAKER_LABEL = re.compile(r"\s*([A-Z][\w.\u2019'-]*(?: [A-Z][\w.\u2019'-]*){0,3}):\s*")
_DASH_NAME = re.compile(
    r"[ \t\u00a0]*(\u2015|\u2014|--|\u2013|-)[ \t\u00a0]*"
    r"([A-Z][\w.\u2019'-]*(?:[ \u00a0][A-Z][\w.\u2019'-]*){0,4})(?=[ \t\u00a0]*(?:[,.(\n]|$))"
)
_WORD = re.compile(r"[^\W_]+(?:[\u2019'][^\W_]+)*")
_POSSESSIVE_BEFORE = re.compile(r"(?:[\u2019']s|s[\u2019'])\s*$")
MAX_CLAUSE_CHARS = 2000
"""How far before or after a quote its attribution is looked for: a sentence longer than this
is no sentence (a run of marks, a list without stops), and reading all of it for every quote
would make attribution quadratic in the text."""
NOUN_CUE_REACH = 4
"""Tokens between a speech noun and the quote it introduces ("Trump's claim that “…”")."""
_TITLE_CUES = re.compile(
    r"\b(?:titled|entitled|called|named|show|program|programme|book|film|movie|documentary|"
    r"series|album|song|anthem|hymn|poem|novel|memoir|musical|column|op-ed|article|episode|"
    r"broadcast|podcast|segment|author|host|hosts)(?:,|\s+of)?\s*$"
    # 'Trump told “Fox and Friends”': a title in the slot of whom something is told
    r"|\b(?:told|tell|tells|telling)\s*$",
    re.IGNORECASE,
)
"""Words that name a work right before its quoted title ('the song “…”', 'an episode of “…”',
'his 2002 book, “…”', 'author of “…”'), and a told programme ('told “Meet the Press”')."""


@dataclass
class Found:
    """A quote being built: its marks, attribution and the facts read for it."""

    marks: QuoteMarks
    kind: str = "direct"
    cue: Token | None = None
    cue_str: str | None = None
    speaker_tok: Token | None = None
    speaker: Speaker | None = None
    role: str | None = None
    inherited: bool = False
    para: int = 0
    words_before: int = 0  # words of its sentence before the quote (0: opens the sentence)
    governing: bool = False  # the cue governs the quote in the parse
    via: SpeakerVia | None = None
    evidence: str = ""  # how a pronoun was resolved (pronouns.Resolution.evidence)
    attach: str = ""  # where the cue was: after, before, colon, previous, dash, label


@dataclass
class _Around:
    """What `_attribute` reads around one quote: its paragraph and clause bounds, the tokens
    of its sentence before it and of the clause after it, and a colon clause introducing it."""

    q: QuoteMarks
    p_start: int
    p_end: int
    sent_lo: int
    before: list[Token]
    after: list[Token]
    after_hi: int
    words_before: list[Token]
    after_words: list[Token]
    first_tok: int
    new_sentence_after: bool
    colon: list[Token]


class QuoteExtractor:
    """Runs over one Doc; holds the per-document indexes the rules share."""

    def __init__(
        self,
        doc: Doc,
        indirect: bool = True,
        max_clause_chars: int = MAX_CLAUSE_CHARS,
        noun_cue_reach: int = NOUN_CUE_REACH,
    ) -> None:
        self.doc = doc
        self.indirect = indirect
        self.max_clause_chars = max_clause_chars
        self.noun_cue_reach = noun_cue_reach
        self.text = text_of(doc)
        self.paras = paragraphs(self.text)
        self.bounds = Boundaries(self.text, self.paras)
        self.index = EntityIndex.from_doc(doc)
        self.inside: list[tuple[int, int]] = []
        self.kept: list[Found] = []
        self._inside_starts: list[int] = []
        self._inside_reach: list[int] = []  # running max of the ends, by start
        self._para_words: dict[int, list[str]] = {}
        self._headline: dict[int, bool] = {}
        self.resolver = Resolver(
            self.index,
            self.text,
            doc,
            lambda pos: self.bounds.sentence_start(pos, self.bounds.paragraph(pos)[0]),
            self._inside_quote,
        )
        self._tok_starts: list[int] = doc.to_array(IDX).tolist()  # no Token per token
        clean = getattr(doc._, "clean", None)
        meta = getattr(clean, "metadata", None)
        # "I" in a story is its writer only when the byline names one person.
        authors = list(getattr(meta, "authors", None) or [])
        self.author: str | None = (
            authors[0] if len(authors) == 1 else None if authors else getattr(meta, "author", None)
        )

    # ---- token helpers -------------------------------------------------------------
    def tokens_between(self, lo: int, hi: int) -> list[Token]:
        i = bisect_left(self._tok_starts, lo)
        out = []
        while i < len(self.doc) and self.doc[i].idx < hi:
            out.append(self.doc[i])
            i += 1
        return out

    # ---- main ----------------------------------------------------------------------
    def run(self) -> list[Quote]:
        all_marks = pair_quotes(self.text)
        top = [
            q
            for q in all_marks
            if q.depth == 0 and not self._markup(q) and not _nickname(self.text, q)
        ]
        self.double_style = any(q.family == "double" and q.closed for q in top)
        self._set_inside([(q.outer_start, q.outer_end) for q in top])
        found: list[Found] = []
        for k, q in enumerate(top):
            if self._in_headline(q) or self._heading(q) or _handle(self.text[q.start : q.end]):
                continue
            f = Found(q, para=self.bounds.paragraph_index(q.start))
            self._attribute(f, k, top)
            f.kind = self._kind(f)
            if f.kind == "partial" and f.cue is None and f.speaker is None:
                self._fragment_source(f)
            found.append(f)
        self._carry_back(found)
        kept: list[Found] = []
        for f in found:
            if f.cue is None and f.speaker is None:
                self._inherit(f, kept)
            if f.cue is None and f.speaker is None:
                self._reported_before(f)
            if self._keep(f):
                kept.append(f)
        if self.indirect:
            kept.extend(self._indirect(all_marks))
        return self._to_models(kept)

    def _carry_back(self, found: list[Found]) -> None:
        """'“First paragraph …  ¶ “… last paragraph,” Ann Moe said.': a quote left open whose
        next paragraph carries it on is the same speaker's, though the cue comes at the end."""
        for f, nxt in zip(reversed(found[:-1]), reversed(found[1:]), strict=True):
            if f.marks.closed or not nxt.marks.continues or f.speaker is not None:
                continue
            if nxt.speaker is None or nxt.para != f.para + 1:
                continue
            words = _WORD.findall(self.text[f.marks.start : f.marks.end])
            inner = re.search(r"[\u201c\u201d\"]", self.text[f.marks.start : f.marks.end])
            if len(words) < 8 or inner or _SPEAKER_LABEL.match(self.text, f.marks.start):
                continue  # a line of a transcript or an excerpt, not the opening of a turn
            f.speaker, f.role, f.cue_str = nxt.speaker, nxt.role, nxt.cue_str
            f.via, f.evidence, f.attach = nxt.via, nxt.evidence, "continued"

    def _indirect(self, all_marks: list[QuoteMarks]) -> list[Found]:
        starts, reach = _reach([(q.outer_start, q.outer_end) for q in all_marks])

        def blocked(start: int, end: int) -> bool:
            i = bisect_left(starts, end)  # spans starting before `end`
            return i > 0 and reach[i - 1] > start

        out = []
        for ind in find_indirect(self.doc, blocked):
            marks = QuoteMarks(ind.start, ind.start, ind.end, ind.end, "double", 0)
            f = Found(marks, kind="indirect", cue=ind.cue, cue_str=ind.cue_text)
            f.speaker_tok = ind.speaker
            f.para = self.bounds.paragraph_index(ind.start)
            self._make_speaker(f)
            named = f.speaker is not None and f.speaker.name.casefold() not in _PRONOUNS
            if named:
                out.append(f)
        return out

    # ---- filters -------------------------------------------------------------------
    def _markup(self, q: QuoteMarks) -> bool:
        """Attribute values in leftover markup (pic="..."): never quotes."""
        return q.outer_start > 0 and self.text[q.outer_start - 1] == "="

    def _words_of_paragraph(self, pos: int) -> list[str]:
        """The words of the paragraph holding `pos`, read once per paragraph."""
        p_start, p_end = self.bounds.paragraph(pos)
        words = self._para_words.get(p_start)
        if words is None:
            words = self._para_words[p_start] = _WORD.findall(self.text, p_start, p_end)
        return words

    def _in_headline(self, q: QuoteMarks) -> bool:
        """Quotes in a title-case headline line are repeats of the story's quotes."""
        p_start = self.bounds.paragraph(q.start)[0]
        verdict = self._headline.get(p_start)
        if verdict is None:
            verdict = self._headline[p_start] = self._headline_paragraph(q.start)
        return verdict

    def _headline_paragraph(self, pos: int) -> bool:
        words = [w for w in self._words_of_paragraph(pos) if w[:1].isalpha()]
        if not words or len(words) > 25:
            return False
        long_words = [w for w in words if len(w) > 3]
        if not long_words:
            return False
        caps = sum(1 for w in long_words if w[:1].isupper())
        return caps / len(long_words) >= 0.75 and len(long_words) >= 3

    def _heading(self, q: QuoteMarks) -> bool:
        """A subheading ('3. “Not some irregular channel”'): a short paragraph of its own, with
        no sentence end and no reporting verb, before more text. It names a section."""
        p_start, p_end = self.bounds.paragraph(q.start)
        para = self.text[p_start:p_end].strip()
        if p_end >= len(self.text.rstrip()) or len(_WORD.findall(para)) > 12:
            return False
        if q.end - q.start < 0.5 * len(para) or self.text[q.outer_end : p_end].strip():
            return False
        if re.search(r"[.!?:;,\u2026][\u201d\u2019\"')\]]*$", para):
            return False
        return not cue_tokens(self.tokens_between(p_start, p_end))

    def _set_inside(self, spans: list[tuple[int, int]]) -> None:
        self.inside = spans
        self._inside_starts, self._inside_reach = _reach(spans)

    def _inside_quote(self, pos: int) -> bool:
        i = bisect_right(self._inside_starts, pos)  # spans starting at or before `pos`
        return i > 0 and self._inside_reach[i - 1] > pos

    def _keep(self, f: Found) -> bool:
        q = f.marks
        content = self.text[q.start : q.end]
        n_words = len(_WORD.findall(content))
        if n_words == 0:
            return False
        attributed = f.cue is not None or (f.speaker is not None and not f.inherited)
        if not q.closed and not q.continues and not attributed and not self._runs_on(f):
            return False
        if not q.opened and not attributed:
            return False
        if n_words <= 6 and _title_case(content):
            # names of shows, books, laws: quoted, but nobody's words
            naming = f.cue is not None and f.cue.lemma_.lower() in WEAK_VERBS
            loose = f.kind == "partial" or f.speaker is None or naming
            if loose and (not f.governing or self._title_like(f, content)):
                return False
        if n_words <= 6 and f.words_before and self._title_like(f, content):
            return False  # "on CNN's “New Day,” Ann said": a programme's name, not her words
        # US style: top-level single quotes are headline quotes or scare quotes
        if (
            q.family == "single"
            and self.double_style
            and (len(self._words_of_paragraph(q.start)) < 25 or n_words <= 3)
        ):
            return False
        if n_words <= 3 and not attributed and (not f.inherited or _title_case(content)):
            return False  # a slogan or title with nobody saying it
        if n_words <= 3 and f.kind == "partial":
            if not attributed or self._title_like(f, content):
                return False
            if f.cue is not None and f.cue.lemma_.lower() in WEAK_VERBS and n_words <= 1:
                return f.cue.i < self._first_token(q.outer_start)
        return not (f.kind == "partial" and not attributed and not f.inherited)

    def _runs_on(self, f: Found) -> bool:
        """'“The port is full,” she said. “We need a terminal. The ships wait. ¶': a quote
        left open after a turn of the same paragraph runs on to the paragraph's end (a missing
        closer, or the next paragraph carries it on): its sentences are that speaker's."""
        if not f.inherited or f.attach != "same_paragraph":
            return False
        inner = re.search(r"[\u201c\u201d\"]", self.text[f.marks.start : f.marks.end])
        return inner is None and not _SPEAKER_LABEL.match(self.text, f.marks.start)

    def _first_token(self, pos: int) -> int:
        return bisect_left(self._tok_starts, pos)

    def _title_like(self, f: Found, content: str) -> bool:
        words = [w for w in _WORD.findall(content) if w[:1].isalpha()]
        if not words or not all(w[:1].isupper() for w in words if len(w) > 3):
            return False
        before = self.text[max(0, f.marks.outer_start - 30) : f.marks.outer_start]
        return bool(_POSSESSIVE_BEFORE.search(before) or _TITLE_CUES.search(before))

    # ---- attribution ---------------------------------------------------------------
    def _clause_start(self, pos: int, lo: int) -> int:
        """Start of the sentence holding `pos`, at most max_clause_chars before it."""
        return self.bounds.sentence_start(pos, max(lo, pos - self.max_clause_chars))

    def _attribute(self, f: Found, k: int, top: list[QuoteMarks]) -> None:
        """Find the quote's cue and speaker: the cue groups in the order the quote's place
        asks for, then the colon, dash and interview-label fallbacks."""
        a = self._around(f, k, top)
        options, places, governing_group = self._cue_options(a)
        self._first_speaking_cue(f, a, options, places, governing_group)
        if f.speaker_tok is None and f.cue is None and a.colon:
            self._colon_subject(f, a.colon)
            if f.speaker_tok is None:
                self._name_before_colon(f, a.colon)
            f.attach = "colon"
        if f.speaker_tok is None:
            self._dash_attribution(f, a.after)
            f.attach = "dash"
        if f.speaker_tok is None:
            self._interview_line(f, a.p_start)
            f.attach = "label"
        if f.cue is not None:
            f.cue_str = cue_text(f.cue)
        if f.speaker_tok is not None:
            self._make_speaker(f)

    def _around(self, f: Found, k: int, top: list[QuoteMarks]) -> _Around:
        """The tokens of the quote's sentence before it and of the clause after it (up to the
        next quote), outside quotes; sets f.words_before."""
        q = f.marks
        p_start, p_end = self.bounds.paragraph(q.start)
        sent_lo = self._clause_start(q.outer_start, p_start)
        before = [
            t for t in self.tokens_between(sent_lo, q.outer_start) if not self._inside_quote(t.idx)
        ]
        next_start = top[k + 1].outer_start if k + 1 < len(top) else p_end
        hi = min(p_end, next_start)
        after_lo = q.outer_end
        while after_lo < hi and self.text[after_lo].isspace():
            after_lo += 1
        after_hi = self.bounds.sentence_end(after_lo, min(hi, after_lo + self.max_clause_chars))
        after = self.tokens_between(q.outer_end, after_hi)
        words_before = [t for t in before if not t.is_punct and not t.is_space]
        f.words_before = len(words_before)
        new_sentence_after = (
            # "… in the U.S.,” Jeff Zucker said": a comma goes on with the sentence
            bool(re.search(r"[.!?][\"'\u201d\u2019)\]\s]*$", self.text[q.start : q.end]))
            and self.text[q.outer_end : q.outer_end + 2].strip()[:1].isupper()
        )
        return _Around(
            q=q,
            p_start=p_start,
            p_end=p_end,
            sent_lo=sent_lo,
            before=before,
            after=after,
            after_hi=after_hi,
            words_before=words_before,
            after_words=[t for t in after if not t.is_punct and not t.is_space],
            first_tok=self._first_token(q.outer_start),
            new_sentence_after=new_sentence_after,
            colon=self._colon_clause(q),
        )

    def _cue_options(self, a: _Around) -> tuple[list[list[Token]], list[str], list[Token]]:
        """The cue groups to try, in order, with where each stands; and the group of the verb
        that governs the quote (a reported quote)."""
        q, before, words_before, after_words = a.q, a.before, a.words_before, a.after_words
        first_tok = a.first_tok
        options: list[list[Token]] = []
        trailing = self._trailing_cues(q, a.after, a.new_sentence_after)
        leading = list(reversed(cue_tokens(before)))
        governing_group: list[Token] = []
        colon_cues = list(reversed(cue_tokens(a.colon)))
        governing = self._governing_cues(q, a.sent_lo, a.p_end) if words_before else []
        reported = bool(governing) and bool(trailing) and according_to(trailing[0])
        # 'Trump said the deadlock has “kept us safe” before claiming …': a participle after
        # the quote goes on with the sentence; the verb that governs the quote introduces it
        reported = reported or (bool(governing) and bool(trailing) and trailing[0].tag_ == "VBG")
        # 'as Trump went on about “…,” Melanie said yes': a verb after the quote that says
        # something of its own does not report the quote its clause follows
        reported = reported or (bool(governing) and bool(trailing) and _says_own(trailing[0]))
        # 'Trump attacked Romney, calling him “a failed candidate.” Romney fired back …': a
        # quote that ends a sentence with its own reporting verb is not the next sentence's
        reported = reported or (bool(governing) and bool(trailing) and a.new_sentence_after)
        # 'he said, “…,” the office said': the verb right before the quote introduces it
        adjacent = [
            c
            for c in leading[:1]
            if c.pos_ == "VERB"
            and all(t.is_punct for t in self.doc[c.i + 1 : first_tok])
            and first_tok - c.i <= 2
        ]
        if adjacent and words_before:
            options = [adjacent, governing, leading, trailing, colon_cues]
            places = ["before", "governing", "before", "after", "colon"]
            governing_group = options[1]
        elif (
            trailing
            and after_words
            and (
                trailing[0].i <= after_words[min(3, len(after_words) - 1)].i
                or (not words_before and _subject_opens(trailing[0], after_words[0]))
            )
            and not reported  # 'he said “…,” according to the complaint': he said it
            and not (words_before and after_words[0].pos_ in ("CCONJ", "SCONJ"))
        ):
            options = [trailing, leading, colon_cues]  # “…,” she said.
            places = ["after", "before", "colon"]
        elif words_before:
            options = [governing, leading, trailing, colon_cues]
            places = ["governing", "before", "after", "colon"]
            governing_group = options[0]
        else:
            options = [trailing, colon_cues, self._previous_sentence_cues(q, a.p_start)]
            places = ["after", "colon", "previous"]
        return options, places, governing_group

    def _first_speaking_cue(
        self,
        f: Found,
        a: _Around,
        options: list[list[Token]],
        places: list[str],
        governing_group: list[Token],
    ) -> None:
        """Set f.cue (the first cue tried) and, from the first cue that has one, its speaker."""
        before, after_words, first_tok = a.before, a.after_words, a.first_tok
        lo_tok = before[0].i if before else self._first_token(a.q.outer_start)
        inverted_at = after_words[0].i if after_words else -1
        for group, place in zip(options, places, strict=True):
            for cue in group:
                if f.cue is None:
                    f.cue = cue
                    f.governing = group is governing_group  # a reported quote, speaker or not
                near = 0 < first_tok - cue.i <= self.noun_cue_reach
                if cue.pos_ == "NOUN" and not near and group is not governing_group:
                    # a speech noun names its possessor as speaker only right before the
                    # quote ("Trump's claim that “…”"), not "Clinton's remark first as a
                    # compliment -- “…”" nor after it
                    continue
                if cue.pos_ == "NOUN" and self._judges_remark(cue, first_tok):
                    continue
                spk = self._speaker_of(cue, lo_tok, inverted_at, self._first_token(a.after_hi))
                if spk is not None:
                    f.cue, f.speaker_tok = cue, spk
                    f.governing = group is governing_group
                    f.attach = place
                    break
            if f.speaker_tok is not None:
                break

    def _fragment_source(self, f: Found) -> None:
        """'Rubio bemoaned a climate in which people “literally hate each other”': a fragment
        of several words woven into the writer's sentence with no reporting verb is the words
        of the subject of the clause it sits in, when that subject is a person."""
        q = f.marks
        content = self.text[q.start : q.end]
        if not (q.opened and q.closed) or len(_WORD.findall(content)) < 2:
            return
        if _title_case(content) or not content[:1].islower():
            return  # a capital opens a title, a headline or a sentence of its own
        inside = self.tokens_between(q.start, q.end)
        roots = [t for t in inside if not q.start <= t.head.idx < q.end]
        if not roots or (roots[0].dep_ in _MODIFIERS and roots[0].head.i > roots[0].i):
            return  # 'the ''carried interest'' loophole': a term inside a noun phrase
        heads = [t.head for t in roots]
        p_start, p_end = self.bounds.paragraph(q.start)
        node = heads[0]
        for _ in range(8):
            if not p_start <= node.idx < p_end or self._inside_quote(node.idx):
                return
            if node.pos_ in ("VERB", "AUX"):
                spk = subject_of(node, lambda t: self._inside_quote(t.idx))
                if spk is None or not p_start <= spk.idx < p_end:
                    return
                main = node.dep_ == "ROOT" or (node.dep_ == "conj" and node.head.dep_ == "ROOT")
                copula = node.lemma_ == "be" or spk.dep_ == "nsubjpass"
                person = spk.ent_type_ in ("PERSON", "ORG") or spk.lower_ in ("he", "she")
                if main and not copula and person and _can_speak(spk):
                    f.speaker_tok, f.attach = spk, "fragment"
                    self._make_speaker(f)
                return
            if node.head.i == node.i:
                return
            node = node.head

    def _judges_remark(self, noun: Token, first_tok: int) -> bool:
        """'Ann denounced Trump's remarks as “hurtful”', 'Trump's “divisive” comments': a
        quote that qualifies the remark, rather than giving what was said, is not the words
        of the remark's author."""
        if first_tok < noun.i:
            return True
        return any(t.lower_ == "as" for t in self.doc[noun.i + 1 : first_tok])

    def _speaker_of(self, cue: Token, lo_tok: int, inverted_at: int, hi_tok: int) -> Token | None:
        """The cue's subject, else a name next to it ('said X' only right after the quote);
        never a word of a quote."""
        spk = subject_of(cue, lambda t: self._inside_quote(t.idx))
        if spk is not None and not _can_speak(spk):
            spk = None  # a dash or a time the parse made the subject: look next to the cue
        if spk is None:
            hi = hi_tok if cue.i == inverted_at else cue.i + 1
            spk = nearby_speaker(cue, min(lo_tok, cue.i), hi, lambda t: self._inside_quote(t.idx))
        if spk is None or self._inside_quote(spk.idx) or not _can_speak(spk):
            return None
        if spk.lower_ == "it" and spk.head.lemma_ == "be":
            return None  # "it was his duty to report": the subject of a copula
        if spk.dep_ == "nsubjpass" and spk.head.i == cue.i:
            return None  # "it was labeled “Mostly True”": who is named is not who speaks
        if spk.tag_ == "PRP$" and cue.pos_ != "NOUN":
            return None  # "his recently revealed strategies"
        return spk

    def _governing_cues(self, q: QuoteMarks, sent_lo: int, para_end: int) -> list[Token]:
        """Cue verbs above the quote in the parse, outermost first: in 'She says X’s tweets
        are “lies”' the speaker is the one who says, not the tweets."""
        inside = self.tokens_between(q.start, q.end)
        out: list[Token] = []
        seen: set[int] = set()
        for t in inside:
            if q.start <= t.head.idx < q.end:
                continue
            chain = []
            node = t.head
            for _ in range(12):
                if not sent_lo <= node.idx < para_end or self._inside_quote(node.idx):
                    break  # the parse may run a sentence over a paragraph break
                is_cue = bool(cue_tokens([node]))
                if node.i not in seen and is_cue:
                    chain.append(node)
                    seen.add(node.i)
                if node.head.i == node.i:
                    break
                if _own_clause(node):
                    # 'as Trump went on about “…”, Melanie said yes', 'Cruz accuses X of “…”
                    # and Trump says he's “…”': a clause with its own subject keeps its quote
                    break
                node = node.head
            ordered = list(reversed(chain))
            if len(chain) > 1 and _says_whole_quote(chain[0], self.text[q.start : q.end]):
                # 'X recalled that he said “I’ll …”': a whole utterance is the inner speaker's
                ordered = [chain[0], *ordered[:-1]]
            out.extend(ordered)
        return out

    def _trailing_cues(self, q: QuoteMarks, after: list[Token], new_sentence: bool) -> list[Token]:
        words = [t for t in after if not t.is_punct and not t.is_space]
        cues = cue_tokens(words)
        if not cues:
            tag = self._dialogue_tag(q, words)
            return [tag] if tag is not None else []
        if new_sentence:
            # "… pushback.” He told me …" starts a new sentence: only a bare attribution
            # ("Trump said." / "said Mr. Smith on Friday.") belongs to the quote before it.
            first = cues[0]
            at = words.index(first)
            # 'McDonough wrote in a September 16 email to top officials.': the verb opens the
            # sentence after its subject and has no object of its own: what it reports is the
            # quote, however long the circumstances that follow
            opens = at > 4 and _subject_opens(first, words[0])  # '“…!” Ann's niece, …, said'
            bare = (at <= 2 or opens) and _no_own_object(first)
            if (at > 4 and not opens) or (len(words) > 10 and not bare):
                return []
            clauses = [c for c in first.children if c.dep_ in ("ccomp", "xcomp")]
            if any(not q.start <= c.idx < q.end for c in clauses):
                return []
            return [first]
        return cues[:2]

    def _dialogue_tag(self, q: QuoteMarks, words: list[Token]) -> Token | None:
        """'“France will always be France,” an angry Hollande retaliated.': a quote closed on
        a comma, then a short subject and a verb that ends the clause, is a dialogue tag
        whatever the verb (the slot of 'said' makes it a way of saying)."""
        content = self.text[q.start : q.end].rstrip()
        if not q.closed or not content.endswith(","):
            return None
        p_start = self.bounds.paragraph(q.outer_start)[0]
        if self.text[self._clause_start(q.outer_start, p_start) : q.outer_start].strip():
            return None  # the quote opens its sentence: 'Ann calls it “…,” Bob fixates on …'
        for k, tok in enumerate(words[:6]):
            if tok.pos_ in ("VERB", "AUX") and tok.tag_ in ("VBD", "VBZ", "VBP", "VBN"):
                subjects = [c for c in tok.children if c.dep_ == "nsubj"]
                if k == 0 or len(subjects) != 1 or subjects[0].left_edge.i != words[0].i:
                    return None  # the subject, and only it, comes between quote and verb
                own = [c for c in tok.children if c.idx >= q.outer_end and c.i != subjects[0].i]
                if tok.lemma_ == "be" or any(c.dep_ in _OWN_CONTENT for c in own):
                    return None  # '“…,” the report was …', '“…,” he wrote a letter'
                if not _can_speak(subjects[0]) or subjects[0].lower_ in ("it", "this", "that"):
                    return None
                end = tok.i + 1
                nxt = tok.doc[end] if end < len(tok.doc) else None
                if nxt is not None and not (nxt.is_punct or nxt.pos_ in ("ADV", "ADP")):
                    return None
                return tok
        return None

    def _colon_clause(self, q: QuoteMarks) -> list[Token]:
        """The clause that introduces the quote with a colon ('X said:', 'X's message:')."""
        j = q.outer_start - 1
        while j >= 0 and self.text[j].isspace():
            j -= 1
        if j < 0 or self.text[j] != ":":
            return []
        lo_para = self.bounds.paragraph(j)[0]
        lo = self._clause_start(j, lo_para)
        return [t for t in self.tokens_between(lo, j) if not self._inside_quote(t.idx)]

    def _colon_subject(self, f: Found, clause: list[Token]) -> None:
        """'Sanders made the following comment: “…”': the subject of the clause speaks."""
        ids = {t.i for t in clause}
        roots = [t for t in clause if t.pos_ in ("VERB", "AUX") and t.head.i not in ids - {t.i}]
        for root in roots[:1]:
            spk = subject_of(root, lambda t: t.i not in ids)
            if spk is not None and (_named(spk) or spk.lower_ in PERSONAL_PRONOUNS):
                f.speaker_tok = spk

    def _name_before_colon(self, f: Found, clause: list[Token]) -> None:
        """'… doesn't surprise pollster Daron Shaw: “…”', '- Philip Bump: “…”': a person or
        organisation named right before the colon introduces the quote."""
        words = [t for t in clause if not t.is_space]
        if not words or words[-1].is_punct:
            return
        last = words[-1]
        hit = self.index.at(last.idx, last.idx + len(last.text))
        if hit is None or hit.person.label not in ("PERSON", "ORG"):
            return
        if hit.end >= last.idx + len(last.text) and not self._inside_quote(last.idx):
            f.speaker_tok = last

    def _previous_sentence_cues(self, q: QuoteMarks, p_start: int) -> list[Token]:
        """'…, Schiff said. “The other factor …”': a quote that opens a sentence right after a
        reported-speech sentence in the same paragraph goes on with that speaker."""
        j = q.outer_start - 1
        while j > p_start and self.text[j].isspace():
            j -= 1
        if j <= p_start or self.text[j] not in ".!?" or self._inside_quote(j):
            return []
        lo = self._clause_start(j, p_start)
        toks = self.tokens_between(lo, j)
        if any(self._inside_quote(t.idx) for t in toks):
            return []
        return [c for c in reversed(cue_tokens(toks)) if _named_subject(c)]

    def _interview_line(self, f: Found, p_start: int) -> None:
        """'NAME: “…”' lines of transcripts: the name before the colon (or opening the quoted
        text) speaks."""
        q = f.marks
        m = _SPEAKER_LABEL.fullmatch(self.text, p_start, q.outer_start)
        if m:
            start, end = m.start(1), m.end(1)
        else:
            m = _SPEAKER_LABEL.match(self.text, q.start, q.end)
            if not m or m.end() >= q.end:
                return
            start, end = m.start(1), m.end(1)
        toks = self.tokens_between(start, end)
        if toks and all(t.pos_ == "PROPN" or t.is_upper for t in toks if t.is_alpha):
            f.speaker_tok = toks[-1]

    def _dash_attribution(self, f: Found, after: list[Token]) -> None:
        """'“…” ― Name' (quote lists, epigraphs): a dash right after the quote, then a name."""
        q = f.marks
        m = _DASH_NAME.match(self.text, q.outer_end) or self._signature_line(q)
        if m is None or self._inside_quote(m.start(2)):
            return
        toks = [t for t in self.tokens_between(m.start(2), m.end(2)) if t.is_alpha]
        if toks and all(t.text[:1].isupper() for t in toks):
            f.speaker_tok = toks[-1]
            f.cue_str = m.group(1)

    def _signature_line(self, q: QuoteMarks) -> re.Match[str] | None:
        """'“…” ¶ - Bernie Sanders. ¶': a quote that ends its paragraph, signed on the next
        line with a dash and a name (fact-check and reader-comment lists)."""
        p = self.bounds.paragraph_index(q.start)
        if p + 1 >= len(self.paras) or _blank_to(self.text, q.outer_end) < self.paras[p][1]:
            return None
        n_start, n_end = self.paras[p + 1]
        if n_end - n_start > 80:
            return None
        return _DASH_NAME.match(self.text, n_start)

    def _make_speaker(self, f: Found) -> None:
        tok = f.speaker_tok
        assert tok is not None
        start, end = mention_span(tok, self.index)
        mention = self.text[start:end]
        low = tok.lower_
        entity: Person | None = None
        name: str | None = mention
        via: SpeakerVia = "name"
        if low in _GROUP_WORDS:
            # "those surveyed", "most", "several": a group, described, never resolved
            via = "description"
            right = [c for c in tok.rights if c.dep_ in ("acl", "relcl", "prep")]
            last = right[0].right_edge.i if right and right[0].right_edge.i - tok.i <= 5 else tok.i
            if last == tok.i and right and right[0].dep_ == "prep":
                # 'one of two witnesses who relayed …': up to the head noun of the of-phrase
                heads = [c.i for c in right[0].children if c.dep_ == "pobj" and c.i - tok.i <= 5]
                last = heads[0] if heads else last
            start, end = tok.idx, self.doc[last].idx + len(self.doc[last].text)
            name = self.text[start:end]
        elif tok.pos_ == "PRON" or low in PERSONAL_PRONOUNS | FIRST_PERSON:
            # an unresolved pronoun stays as written: the contract's "else the mention text"
            via = "pronoun"
            if low in PERSONAL_PRONOUNS:
                found = self.resolver.resolve_pronoun(low, tok.idx)
                entity, f.evidence = found.person, found.evidence
                name = entity.name if entity else mention
            elif low in FIRST_PERSON:
                name = self.author or mention
                via = "byline" if self.author else "pronoun"
            elif low == "it":
                entity = self.resolver.resolve_org(tok.idx)
                f.evidence = "org" if entity else "none"
                name = entity.name if entity else mention
            else:
                f.evidence = "plural"
        elif _common(tok) and self.index.at(tok.idx, tok.idx + len(tok.text)) is None:
            # a description: 'a Pentagon spokesman', 'Morrison's lawyer' (not Morrison), 'the
            # doctor' (a named person only when the text gave that person the role)
            via = "description"
            if low in ROLE_NOUNS and _definite_article(tok):
                found = self.resolver.resolve_title(low, tok.idx)
                if found.person is not None:
                    entity, via = found.person, "title"
            name = entity.name if entity else mention
        else:
            # the entity of the head word: "Carlineo's attorney" is not Carlineo
            hit = self.index.at(tok.idx, tok.idx + len(tok.text))
            if hit is not None:
                entity = hit.person
            elif tok.pos_ == "PROPN" or tok.text[:1].isupper():
                entity = self.index.by_surname(mention)
            name = entity.name if entity else strip_title(mention)
            named = entity.label == "PERSON" if entity else tok.pos_ == "PROPN"
            if named:
                person = entity or Person(name, None, "PERSON")
                self.resolver.add_speaker(start, end, person)
            if _appositive(tok):
                via = "appositive"
            elif f.cue is not None and according_to(f.cue):
                via = "according_to"
        if not name:
            f.speaker = None
            return
        f.via = via
        f.speaker = Speaker(
            name=name,
            entity_id=entity.entity_id if entity else None,
            start=start,
            end=end,
            role=None,
            via=via,
            confidence=None,
        )
        if tok.pos_ != "PRON":
            f.role = speaker_role(tok, (start, end))

    # ---- kinds and turns -----------------------------------------------------------
    def _kind(self, f: Found) -> str:
        q = f.marks
        if not q.opened:
            return "direct"
        if f.words_before == 0:
            return "direct"
        j = q.outer_start - 1
        while j >= 0 and self.text[j].isspace():
            j -= 1
        prev_char = self.text[j] if j >= 0 else "."
        content = self.text[q.start : q.end]
        starts_upper = content[:1].isupper() or not content[:1].isalpha()
        if prev_char in ",:\u2014\u2013-" and starts_upper:
            return "direct"
        if f.cue is not None and f.cue.idx + len(f.cue.text) >= j and starts_upper:
            return "direct"
        return "partial"

    def _inherit(self, f: Found, kept: list[Found]) -> None:
        """A quote with no cue that goes on with the previous quote's turn takes its speaker."""
        if not kept:
            return
        prev = kept[-1]
        if prev.speaker is None:
            return
        q = f.marks
        gap = self.text[prev.marks.outer_end : q.outer_start]
        same_para = prev.para == f.para
        next_para = f.para == prev.para + 1
        if not (same_para or q.continues or next_para):
            return
        if not same_para and not q.continues:
            p_start = self.bounds.paragraph(q.start)[0]
            if self.text[p_start : q.outer_start].strip():
                return
            prev_end = self.bounds.paragraph(prev.marks.start)[1]
            tail = len(self.text[prev.marks.outer_end : prev_end].strip())
            if tail > 80 and not self._attribution_tail(prev, prev_end):
                return
        if len(gap) > 400 and not q.continues:
            return
        f.speaker = prev.speaker
        if prev.speaker is not None:
            f.speaker = prev.speaker.model_copy(update={"via": "previous_turn"})
        f.role = prev.role
        f.inherited = True
        f.via = "previous_turn"
        f.attach = (
            "same_paragraph" if same_para else "continued" if q.continues else "next_paragraph"
        )
        f.evidence = prev.via or ""

    def _reported_before(self, f: Found) -> None:
        """'Carter said that critics had long predicted a withdrawal. ¶ “That’s because …”': a
        paragraph that is nothing but a quote, after a paragraph whose last sentence reports
        what a named person said, gives that person's own words (the news convention of a
        reported paragraph followed by the speaker's quote)."""
        q = f.marks
        if not (q.opened and q.closed) or q.continues or f.para == 0:
            return
        p_start, p_end = self.bounds.paragraph(q.start)
        if (
            _blank_to(self.text, p_start) < q.outer_start
            or _blank_to(self.text, q.outer_end) < p_end
        ):
            return
        prev_start, prev_end = self.paras[f.para - 1]
        last = _trimmed_end(self.text, prev_start, prev_end)
        if last <= prev_start or self.text[last - 1] not in ".!?":
            return
        lo = self._clause_start(last - 1, prev_start)
        toks = self.tokens_between(lo, last)
        if not toks or any(self._inside_quote(t.idx) or t.is_quote for t in toks):
            return  # a quote of its own there: the turn rules (_inherit) read it
        for cue in cue_tokens(toks):
            if cue.pos_ != "VERB" or according_to(cue):
                continue
            spk = subject_of(cue)
            if spk is None or spk.dep_ != "nsubj" or not lo <= spk.idx < last:
                continue
            hit = self.index.at(spk.idx, spk.idx + len(spk.text))
            person = hit is not None and hit.person.label in ("PERSON", "ORG")
            if person or spk.lower_ in ("he", "she"):
                f.speaker_tok, f.cue_str = spk, None
                self._make_speaker(f)
                if f.speaker is not None:
                    f.evidence, f.via = f.via or "", "previous_turn"
                    f.speaker = f.speaker.model_copy(update={"via": "previous_turn"})
                    f.inherited, f.attach = True, "reported"
            return

    def _attribution_tail(self, prev: Found, prev_end: int) -> bool:
        """'“…,” Ramos said, referring to the Hispanic community, now 17 percent of the
        population.': the paragraph ends with the one sentence that attributes its quote (the
        cue after it, nothing after that sentence), however long its circumstances run; the
        next paragraph's quote goes on with that speaker, as after a bare 'Ramos said.'"""
        if prev.attach != "after" or prev.cue is None or prev.inherited:
            return False
        end = _trimmed_end(self.text, 0, prev_end)
        if end == 0 or self.text[end - 1] not in ".!?":
            return False
        after = _blank_to(self.text, prev.marks.outer_end)
        return self.bounds.sentence_end(after, prev_end) >= prev_end

    # ---- output --------------------------------------------------------------------
    def _to_models(self, kept: list[Found]) -> list[Quote]:
        kept.sort(key=lambda f: (f.marks.start, f.marks.end))
        self.kept = kept  # the evidence behind each quote, for calibration
        ids = disambiguate(
            content_id("q", normalize_key(self.text[f.marks.start : f.marks.end])) for f in kept
        )
        out = []
        for f, qid in zip(kept, ids, strict=True):
            q = f.marks
            quote = Quote(
                start=q.start,
                end=q.end,
                text=self.text[q.start : q.end],
                id=qid,
                kind=_KINDS.get(f.kind, "direct"),
                cue=f.cue_str,
                speaker=_with_confidence(_with_role(f.speaker, f.role), f),
            )
            out.append(quote)
        return out


_PRONOUNS = PERSONAL_PRONOUNS | FIRST_PERSON | {"we", "they", "it", "you", "us", "them"}
_KINDS: dict[str, Literal["direct", "partial", "indirect"]] = {
    "direct": "direct",
    "partial": "partial",
    "indirect": "indirect",
}


_NOT_SPEAKER_ENTS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY"})  # "63 percent said" speak


def _can_speak(tok: Token) -> bool:
    """Words, not a dash or a time ('5:45 p.m.') the parse took for a subject."""
    if not any(ch.isalpha() for ch in tok.text):
        return False
    age = tok.lower_ == "old" or tok.lower_.endswith("-old")  # "the 56-year-old said"
    return age or tok.ent_type_ not in _NOT_SPEAKER_ENTS


_NICKNAME = re.compile(r"[A-Z][a-z]+(?:[-\u2019'][A-Za-z]+)?")


def _nickname(text: str, q: QuoteMarks) -> bool:
    """'Marcia "Cia" Price': a quoted word between a first name and a surname is part of
    the name, not anybody's words."""
    if not _NICKNAME.fullmatch(text, q.start, q.end):
        return False
    before = re.search(r"[A-Z][a-z]+[ \u00a0]$", text[max(0, q.outer_start - 30) : q.outer_start])
    after = re.match(r"[ \u00a0][A-Z][a-z]", text[q.outer_end : q.outer_end + 3])
    return before is not None and after is not None


def _subject_opens(cue: Token, first: Token) -> bool:
    """'“…!” Scott's niece, state Del. Ann Price, shouted': the cue's subject, however long,
    opens right after the quote: the quote is what it says."""
    node = first
    for _ in range(12):  # the first word's phrase is the cue's subject
        if node.head.i == cue.i:
            return node.dep_ in ("nsubj", "nsubjpass") and node.left_edge.i == first.i
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _handle(content: str) -> bool:
    """A quoted Twitter handle or hashtag ('“@jack”', '"#MeToo"') names an account, says nothing."""
    return re.fullmatch(r"\s*[@#][\w.]+\s*", content) is not None


def _reach(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Starts of `spans` in order and the running maximum of their ends: a span covering
    `pos` exists iff the reach of those starting at or before `pos` passes it."""
    ordered = sorted(spans)
    reach: list[int] = []
    furthest = -1
    for _, end in ordered:
        furthest = max(furthest, end)
        reach.append(furthest)
    return [s for s, _ in ordered], reach


_AUDIENCES = frozenset({"reporters", "journalists"})
# what a verb after a quote says or does of its own ('he wrote a letter', 'she was told')
_OWN_CONTENT = frozenset(
    {"ccomp", "xcomp", "dobj", "dative", "attr", "acomp", "oprd", "auxpass", "aux", "mark"}
)
_MODIFIERS = frozenset({"compound", "amod", "nmod"})


def _no_own_object(verb: Token) -> bool:
    """A reporting verb with no object, clause or complement of its own ('Ann wrote in an
    email', 'she told reporters'): only a person it is told to may follow it."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp", "csubj", "oprd", "attr", "acomp", "dative"):
            return False
        recipient = c.pos_ == "PRON" or c.ent_type_ == "PERSON" or c.lower_ in _AUDIENCES
        if c.dep_ == "dobj" and not recipient:
            return False
        if c.dep_ == "mark" or c.lower_ == "that":
            return False
    return True


def _says_own(verb: Token) -> bool:
    """A reporting verb with its own content after it ('Melanie said yes', 'she said the
    vote was close'); told or asked persons ('she told reporters') are no content."""
    for c in verb.rights:
        if c.dep_ in ("ccomp", "xcomp", "intj", "attr", "oprd"):
            return True
        recipient = c.pos_ == "PRON" or c.ent_type_ == "PERSON" or c.lower_ in _AUDIENCES
        if c.dep_ == "dobj" and not recipient:
            return True
    return False


def _title_case(content: str) -> bool:
    words = [w for w in _WORD.findall(content) if w[:1].isalpha() and len(w) > 3]
    return bool(words) and all(w[:1].isupper() for w in words)


def _named(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG")


def _named_subject(cue: Token) -> bool:
    spk = subject_of(cue)
    return spk is not None and (_named(spk) or spk.lower_ in PERSONAL_PRONOUNS)


def _common(tok: Token) -> bool:
    """A common noun (or 'the 56-year-old'), also when the tagger calls a lower-case word a
    proper noun ('the senator')."""
    return tok.pos_ in ("NOUN", "ADJ") or (tok.pos_ == "PROPN" and tok.text.islower())


def _definite_article(tok: Token) -> bool:
    """'the senator' (not 'a senator', not 'Morrison's lawyer')."""
    dets = [c for c in tok.lefts if c.dep_ in ("det", "poss")]
    return tok.tag_ in ("NN", "NNP") and len(dets) == 1 and dets[0].lower_ == "the"


def _appositive(tok: Token) -> bool:
    """A name in apposition to a description: 'Sweden's deputy director …, Ann Moe, said'."""
    first = tok
    while first.i > 0 and first.doc[first.i - 1].pos_ == "PROPN" and first.dep_ == "compound":
        first = first.doc[first.i - 1]
    if tok.dep_ == "appos" and tok.head.pos_ == "NOUN":
        return True
    i = first.i
    return i >= 2 and tok.doc[i - 1].text == "," and tok.doc[i - 2].pos_ == "NOUN"


def _with_role(speaker: Speaker | None, role: str | None) -> Speaker | None:
    if speaker is None or role is None:
        return speaker
    return speaker.model_copy(update={"role": role})


_GROUP_WORDS = load("quote_group_words") | {"those", "these"}
_CLAUSE_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


def _own_clause(verb: Token) -> bool:
    """An adverbial or relative clause with its own subject: the quote inside it belongs
    to that clause, not to a speech verb above it."""
    if verb.dep_ not in ("advcl", "relcl", "conj") or verb.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ in _CLAUSE_SUBJECTS for c in verb.children)


def _says_whole_quote(cue: Token, content: str) -> bool:
    """A say-verb right above a quote that is a whole sentence (capitalized)."""
    lemma = cue.lemma_.lower()
    return cue.pos_ == "VERB" and lemma in ("say", "tell", "write") and content[:1].isupper()


def _with_confidence(speaker: Speaker | None, f: Found) -> Speaker | None:
    if speaker is None:
        return None
    named = speaker.entity_id is not None
    value = confidence(f.via or speaker.via or "name", f.evidence, f.attach, f.kind, named)
    return speaker.model_copy(update={"confidence": value})


def extract_quotes(
    doc: Doc,
    indirect: bool = True,
    max_clause_chars: int = MAX_CLAUSE_CHARS,
    noun_cue_reach: int = NOUN_CUE_REACH,
) -> list[Quote]:
    """The quotes of `doc`, sorted by start; ids unique within the document. The settings are
    the facts_quotes component's config: reported speech without quotation marks (`indirect`),
    how far a cue's clause reaches from a quote (`max_clause_chars`), how many tokens a speech
    noun may stand before the quote it introduces (`noun_cue_reach`)."""
    return QuoteExtractor(doc, indirect, max_clause_chars, noun_cue_reach).run()


def _trimmed_end(text: str, lo: int, hi: int) -> int:
    """Where text[lo:hi] ends once its trailing white space is left out (read backwards only
    as far as the white space goes: a slice per quote made a storm quadratic)."""
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


def _blank_to(text: str, pos: int) -> int:
    """Where the white space starting at `pos` ends (reads no further than it goes: a slice
    to the paragraph's end is the length of a storm's one paragraph, for each quote)."""
    m = _SPACES.match(text, pos)
    return m.end() if m is not None else pos
