"""Quotes of a parsed Doc: paired marks, filtered, attributed to a named speaker."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from pipeline.extract.ids import content_id, disambiguate, normalize_key
from pipeline.extract.quotes.cues import WEAK_VERBS, cue_text, cue_tokens
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
from pipeline.validate.models import Quote, Speaker

_SPEAKER_LABEL = re.compile(r"\s*([A-Z][\w.\u2019'-]*(?: [A-Z][\w.\u2019'-]*){0,3}):\s*")
_WORD = re.compile(r"[^\W_]+(?:[\u2019'][^\W_]+)*")
_POSSESSIVE_BEFORE = re.compile(r"(?:[\u2019']s|s[\u2019'])\s*$")
MAX_CLAUSE_CHARS = 2000
"""How far before or after a quote its attribution is looked for: a sentence longer than this
is no sentence (a run of marks, a list without stops), and reading all of it for every quote
would make attribution quadratic in the text."""
_TITLE_CUES = re.compile(
    r"\b(?:titled|entitled|called|named|show|program|programme|book|film|documentary|"
    r"series|album|song|column|op-ed|article|episode|podcast|segment)\s*$",
    re.IGNORECASE,
)


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


class QuoteExtractor:
    """Runs over one Doc; holds the per-document indexes the rules share."""

    def __init__(self, doc: Doc, indirect: bool = True) -> None:
        self.doc = doc
        self.indirect = indirect
        self.text = doc.text
        self.paras = paragraphs(self.text)
        self.bounds = Boundaries(self.text, self.paras)
        self.index = EntityIndex.from_doc(doc)
        self.inside: list[tuple[int, int]] = []
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
        self._tok_starts = [t.idx for t in doc]
        clean = getattr(doc._, "clean", None)
        meta = getattr(clean, "metadata", None)
        self.author: str | None = getattr(meta, "author", None)

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
        top = [q for q in all_marks if q.depth == 0 and not self._markup(q)]
        self.double_style = any(q.family == "double" and q.closed for q in top)
        self._set_inside([(q.outer_start, q.outer_end) for q in top])
        found: list[Found] = []
        for k, q in enumerate(top):
            if self._in_headline(q):
                continue
            f = Found(q, para=self.bounds.paragraph_index(q.start))
            self._attribute(f, k, top)
            f.kind = self._kind(f)
            found.append(f)
        kept: list[Found] = []
        for f in found:
            if f.cue is None and f.speaker is None:
                self._inherit(f, kept)
            if self._keep(f):
                kept.append(f)
        if self.indirect:
            kept.extend(self._indirect(all_marks))
        return self._to_models(kept)

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
        if not q.closed and not q.continues and not attributed:
            return False
        if not q.opened and not attributed:
            return False
        if n_words <= 6 and _title_case(content):
            # names of shows, books, laws: quoted, but nobody's words
            naming = f.cue is not None and f.cue.lemma_.lower() in WEAK_VERBS
            loose = f.kind == "partial" or f.speaker is None or naming
            if loose and (not f.governing or self._title_like(f, content)):
                return False
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
        """Start of the sentence holding `pos`, at most MAX_CLAUSE_CHARS before it."""
        return self.bounds.sentence_start(pos, max(lo, pos - MAX_CLAUSE_CHARS))

    def _attribute(self, f: Found, k: int, top: list[QuoteMarks]) -> None:
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
        after_hi = self.bounds.sentence_end(after_lo, min(hi, after_lo + MAX_CLAUSE_CHARS))
        after = self.tokens_between(q.outer_end, after_hi)
        f.words_before = sum(1 for t in before if not t.is_punct and not t.is_space)
        new_sentence_after = (
            bool(re.search(r"[.!?]\W*$", self.text[q.start : q.end]))
            and self.text[q.outer_end : q.outer_end + 2].strip()[:1].isupper()
        )
        options: list[list[Token]] = []
        words_before = [t for t in before if not t.is_punct and not t.is_space]
        after_words = [t for t in after if not t.is_punct and not t.is_space]
        trailing = self._trailing_cues(after, new_sentence_after)
        leading = list(reversed(cue_tokens(before)))
        governing_group: list[Token] = []
        colon = self._colon_clause(q)
        colon_cues = list(reversed(cue_tokens(colon)))
        if (
            trailing
            and after_words
            and trailing[0].i <= after_words[min(3, len(after_words) - 1)].i
        ):
            options = [trailing, leading, colon_cues]  # “…,” she said.
        elif words_before:
            options = [self._governing_cues(q, sent_lo), leading, trailing, colon_cues]
            governing_group = options[0]
        else:
            options = [trailing, colon_cues, self._previous_sentence_cues(q, p_start)]
        lo_tok = before[0].i if before else self._first_token(q.outer_start)
        inverted_at = after_words[0].i if after_words else -1
        for group in options:
            for cue in group:
                spk = self._speaker_of(cue, lo_tok, inverted_at, self._first_token(after_hi))
                if f.cue is None:
                    f.cue = cue
                if spk is not None:
                    f.cue, f.speaker_tok = cue, spk
                    f.governing = group is governing_group
                    break
            if f.speaker_tok is not None:
                break
        if f.speaker_tok is None and f.cue is None and colon:
            self._colon_subject(f, colon)
        if f.speaker_tok is None:
            self._dash_attribution(f, after)
        if f.speaker_tok is None:
            self._interview_line(f, p_start)
        if f.cue is not None:
            f.cue_str = cue_text(f.cue)
        if f.speaker_tok is not None:
            self._make_speaker(f)

    def _speaker_of(self, cue: Token, lo_tok: int, inverted_at: int, hi_tok: int) -> Token | None:
        """The cue's subject, else a name next to it ('said X' only right after the quote);
        never a word of a quote."""
        spk = subject_of(cue, lambda t: self._inside_quote(t.idx))
        if spk is None:
            hi = hi_tok if cue.i == inverted_at else cue.i + 1
            spk = nearby_speaker(cue, min(lo_tok, cue.i), hi)
        if spk is not None and self._inside_quote(spk.idx):
            return None
        return spk

    def _governing_cues(self, q: QuoteMarks, sent_lo: int) -> list[Token]:
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
                if node.idx < sent_lo or self._inside_quote(node.idx):
                    break
                if node.i not in seen and node in cue_tokens([node]):
                    chain.append(node)
                    seen.add(node.i)
                if node.head is node:
                    break
                node = node.head
            out.extend(reversed(chain))
        return out

    def _trailing_cues(self, after: list[Token], new_sentence: bool) -> list[Token]:
        words = [t for t in after if not t.is_punct and not t.is_space]
        cues = cue_tokens(words)
        if not cues:
            return []
        if new_sentence:
            # "… pushback.” He told me …" starts a new sentence: only a bare attribution
            # ("Trump said." / "said Mr. Smith on Friday.") belongs to the quote before it.
            first = cues[0]
            if words.index(first) > 4 or len(words) > 10:
                return []
            if any(c.dep_ in ("ccomp", "xcomp") for c in first.children):
                return []
            return [first]
        return cues[:2]

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
        words = [t for t in after if not t.is_space]
        if len(words) < 2 or words[0].text not in ("\u2015", "\u2014", "--", "-", "\u2013"):
            return
        names = []
        for t in words[1:]:
            if t.is_punct and t.text == ".":
                break
            if not (t.text[:1].isupper() or t.is_punct):
                return
            names.append(t)
        if names and not self._inside_quote(names[0].idx):
            f.speaker_tok = names[-1]
            f.cue_str = words[0].text

    def _make_speaker(self, f: Found) -> None:
        tok = f.speaker_tok
        assert tok is not None
        start, end = mention_span(tok, self.index)
        mention = self.text[start:end]
        low = tok.lower_
        entity = None
        name: str | None = mention
        if tok.pos_ == "PRON" or low in PERSONAL_PRONOUNS | FIRST_PERSON:
            # an unresolved pronoun stays as written: the contract's "else the mention text"
            if low in PERSONAL_PRONOUNS:
                entity = self.resolver.resolve(low, tok.idx)
                name = entity.name if entity else mention
            elif low in FIRST_PERSON:
                name = self.author or mention
            elif low == "it":
                entity = self.resolver.resolve_org(tok.idx)
                name = entity.name if entity else mention
            else:
                name = mention
        elif tok.pos_ == "NOUN" and low in ROLE_NOUNS and _definite(tok):
            hit = self.index.at(tok.idx, tok.idx + len(tok.text))
            person = hit.person if hit else self.resolver.resolve(low, tok.idx)
            entity = person
            name = person.name if person else mention
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
        if not name:
            f.speaker = None
            return
        f.speaker = Speaker(
            name=name,
            entity_id=entity.entity_id if entity else None,
            start=start,
            end=end,
            role=None,
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
            if len(self.text[prev.marks.outer_end : prev_end].strip()) > 80:
                return
        if len(gap) > 400 and not q.continues:
            return
        f.speaker = prev.speaker
        f.role = prev.role
        f.inherited = True

    # ---- output --------------------------------------------------------------------
    def _to_models(self, kept: list[Found]) -> list[Quote]:
        kept.sort(key=lambda f: (f.marks.start, f.marks.end))
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
                speaker=_with_role(f.speaker, f.role),
            )
            out.append(quote)
        return out


_PRONOUNS = PERSONAL_PRONOUNS | FIRST_PERSON | {"we", "they", "it", "you", "us", "them"}
_KINDS: dict[str, Literal["direct", "partial", "indirect"]] = {
    "direct": "direct",
    "partial": "partial",
    "indirect": "indirect",
}


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


def _title_case(content: str) -> bool:
    words = [w for w in _WORD.findall(content) if w[:1].isalpha() and len(w) > 3]
    return bool(words) and all(w[:1].isupper() for w in words)


def _named(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG")


def _named_subject(cue: Token) -> bool:
    spk = subject_of(cue)
    return spk is not None and (_named(spk) or spk.lower_ in PERSONAL_PRONOUNS)


def _definite(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss") for c in tok.lefts) and tok.tag_ == "NN"


def _with_role(speaker: Speaker | None, role: str | None) -> Speaker | None:
    if speaker is None or role is None:
        return speaker
    return speaker.model_copy(update={"role": role})


def extract_quotes(doc: Doc) -> list[Quote]:
    """The quotes of `doc`, sorted by start; ids unique within the document."""
    return QuoteExtractor(doc).run()
