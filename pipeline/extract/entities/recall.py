"""Mentions the model missed: later occurrences of a name it tagged once, and known places.

An entity's exact names (and a person's surname) are searched in the text, case-sensitively,
on token boundaries only, never inside another entity span or glued to a hyphen. The names
of the place gazetteer and the nationality words ("Belarus", "French") are searched the same
way, as whole names only: never a word of a longer capitalised name ("French Open").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator
from functools import lru_cache

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from pipeline.extract.entities.labels import (
    DEMONYMS,
    ENTITY_LABELS,
    FIRST_NAMES,
    HONORIFICS,
    PLACES,
)
from pipeline.extract.entities.mentions import RawMention, doc_text, is_sentence_initial
from pipeline.extract.entities.merge import W_SHORT_REF, Cluster, OwnerPicker, is_person_shaped

_GLUE = frozenset('”“"(—–')


_BEFORE = r"(?<![\w\-’'])"
_AFTER = r"(?![\w\-]|['’]\w\w)"
# The same boundaries, tested apart: a pattern with them costs several times more to compile.
_GLUED_BEFORE = re.compile(r"[\w\-’']")
_GLUED_AFTER = re.compile(r"[\w\-]|['’]\w\w")


@lru_cache(maxsize=4096)
def _name_core(name: str) -> str:
    parts = [re.sub(r"['’]", "\x00", w) for w in name.split()]
    return r"[^\S\n]+".join(re.escape(w).replace("\x00", "['’]") for w in parts)


@lru_cache(maxsize=4096)
def name_pattern(name: str) -> re.Pattern[str]:
    """Exact name, either apostrophe, any run of spaces, whole words only."""
    return re.compile(_BEFORE + _name_core(name) + _AFTER)


_APOSTROPHES = "'’"


@lru_cache(maxsize=4096)
def _core_words(name: str) -> tuple[tuple[str, bool], ...]:
    """The words of name_pattern's core, each with whether it holds an apostrophe."""
    return tuple((w, any(c in _APOSTROPHES for c in w)) for w in name.split())


def _core_end(name: str, text: str, start: int) -> int | None:
    """Where name_pattern's core (the name without its boundaries) ends when it matches at
    `start`, else None: each word as written, either apostrophe, a run of spaces but no line
    break between words. A word has no space, so the run cannot be read two ways. Compiling a
    pattern per name cost more than all its matches."""
    pos, size = start, len(text)
    for k, (word, apostrophe) in enumerate(_core_words(name)):
        if k:
            gap = pos
            while pos < size and text[pos] != "\n" and text[pos].isspace():
                pos += 1
            if pos == gap:
                return None
        if not text.startswith(word, pos) and not (
            apostrophe and _same_but_apostrophes(word, text, pos)
        ):
            return None
        pos += len(word)
    return pos


def _same_but_apostrophes(word: str, text: str, pos: int) -> bool:
    here = text[pos : pos + len(word)]
    return len(here) == len(word) and all(
        a == b or (a in _APOSTROPHES and b in _APOSTROPHES) for a, b in zip(word, here, strict=True)
    )


def add_missed(doc: Doc, clusters: list[Cluster], person: set[int]) -> list[RawMention]:
    """Add untagged occurrences to their clusters; `person` holds ids of PERSON clusters.

    Returns the added mentions (their cues still to be read).
    """
    text = doc_text(doc)
    starts, ends = token_bounds(doc)
    taken = Taken([(m.start, m.end) for c in clusters for m in c.mentions])
    # Values (dates, numbers) are never names; inside a named span the model's extent was
    # repaired already, so only the mentions themselves block a match there.
    for e in doc.ents:
        if e.label_ not in ENTITY_LABELS:
            taken.add(e.start_char, e.end_char)
    words = word_index(text)
    exact: dict[str, list[Cluster]] = {}
    short: dict[str, list[Cluster]] = {}
    for c in clusters:
        names = _exact_names(c)
        for name in names:
            exact.setdefault(name, []).append(c)
            if len(name) > 2 and name.upper() != name:
                # Headlines and datelines in capitals: "LEICESTERSHIRE TAKE OVER AT TOP".
                exact.setdefault(name.upper(), []).append(c)
        if id(c) in person:
            for name in _short_names(names) - names:
                short.setdefault(name, []).append(c)
            # Transcripts write speakers in capitals: "PENCE: Well, ..."
            for name in _short_names(names) | names:
                if len(name) > 2 and name.upper() != name:
                    short.setdefault(name.upper(), []).append(c)
    # A name some entity bears in full is never read as another person's surname.
    wanted = {**short, **exact}
    added: list[RawMention] = []
    picker = OwnerPicker()
    for name in sorted(wanted, key=lambda n: (-len(n), n)):
        owners = wanted[name]
        for start, end in words.matches(name):
            glued = start > 0 and text[start - 1] in _GLUE  # ',”Clinton said': one token
            if (start not in starts and not glued) or end not in ends:
                continue
            if taken.overlaps(start, end):
                continue
            if len(name.split()) == 1 and (
                words.common_word_here(doc, start, end) or _inside_longer_name(doc, start, end)
            ):
                continue
            mention = RawMention(start, end, text[start:end], None, source="recall")
            if name not in exact:
                mention.votes["PERSON"] += W_SHORT_REF
            picker.give(owners, mention)
            taken.add(start, end)
            added.append(mention)
    return added


@lru_cache(maxsize=1)
def _gazetteer_forms() -> frozenset[str]:
    """Every known place and nationality word (plural too), as written and in capitals."""
    forms = set(PLACES) | DEMONYMS | {d + "s" for d in DEMONYMS if not d.endswith("s")}
    forms = {f for f in forms if f.lower() not in FIRST_NAMES}  # "Christian said"
    forms |= {f.upper() for f in forms if len(f) > 3}
    return frozenset(forms)


@lru_cache(maxsize=1)
def _gazetteer_pattern() -> re.Pattern[str]:
    forms = _gazetteer_forms()
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(r"(?<![\w\-’'.])(?:" + alternatives + r")(?![\w\-]|['’]\w\w)")


@lru_cache(maxsize=1)
def _gazetteer_first_words() -> frozenset[str] | None:
    """The first word (run of word characters) of every form, or None if a form does not
    start with one. A match starts where the text's own run of word characters starts (the
    pattern forbids a word character before it) and that run is the form's first run (a
    longer run would put a word character inside or right after the form)."""
    firsts = set()
    for form in _gazetteer_forms():
        run = _RUN.match(form)
        if run is None:
            return None
        firsts.add(run.group())
    return frozenset(firsts)


def _gazetteer_matches(words: _WordIndex) -> Iterator[re.Match[str]]:
    """The matches `_gazetteer_pattern().finditer(text)` gives, tried only where a form's
    first word stands in the text (the one pattern has thousands of alternatives: scanning
    every position of the text with it costs more than the rest of the entity rules)."""
    pattern, firsts = _gazetteer_pattern(), _gazetteer_first_words()
    if firsts is None:
        yield from pattern.finditer(words.text)
        return
    starts = sorted(
        start for word in firsts & words.singles.keys() for start in words.singles[word]
    )
    last_end = 0
    for start in starts:
        if start < last_end:
            continue
        m = pattern.match(words.text, start)
        if m is not None:
            last_end = m.end() if m.end() > m.start() else m.end() + 1
            yield m


def gazetteer_mentions(doc: Doc, taken: list[tuple[int, int]]) -> list[RawMention]:
    """Known places and nationality words the model did not tag, outside `taken` spans and
    the model's value spans (dates, numbers); cues still to be read."""
    text = doc_text(doc)
    starts, ends = token_bounds(doc)
    blocked = Taken(
        taken + [(e.start_char, e.end_char) for e in doc.ents if e.label_ not in ENTITY_LABELS]
    )
    words = word_index(text)
    out: list[RawMention] = []
    for match in _gazetteer_matches(words):
        start, end = match.span()
        if start not in starts or end not in ends or _short_in_capitals(text, start, end):
            continue
        if blocked.overlaps(start, end):
            continue
        if words.common_word_here(doc, start, end) or _inside_longer_name(doc, start, end):
            continue
        out.append(RawMention(start, end, match.group(0), None, source="gazetteer"))
    return out


def _short_in_capitals(text: str, start: int, end: int) -> bool:
    """ "US" or "UK" in a line in capitals may be a word ("LET US"): not read as a place."""
    if end - start > 3:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return not any(c.islower() for c in line)


def join_nationalities(text: str, mentions: list[RawMention]) -> list[RawMention]:
    """Two nationality words side by side are one group: "Iraqi Kurds", "Bosnian Serb"."""
    out: list[RawMention] = []
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        prev = out[-1] if out else None
        if (
            prev is not None
            and text[prev.end : m.start] == " "
            and is_demonym(prev.text)
            and is_demonym(m.text)
        ):
            out[-1] = RawMention(prev.start, m.end, text[prev.start : m.end], "NORP")
            continue
        out.append(m)
    return out


def is_demonym(text: str) -> bool:
    """A nationality word, singular or plural, as written or in capitals ("IRAQI")."""
    forms = (text, text.title()) if text.isupper() and len(text) > 3 else (text,)
    return any(f in DEMONYMS or (f.endswith("s") and f[:-1] in DEMONYMS) for f in forms)


def _exact_names(cluster: Cluster) -> set[str]:
    names = {" ".join(m.words) for m in cluster.mentions if m.source != "recall"}
    if cluster.author is not None:
        names.add(cluster.author)
    return {n for n in names if n[:1].isupper() and len(n) > 1}


def _short_names(names: set[str]) -> set[str]:
    """A person's surname and first-last form ("Steven Vaughan-Nichols")."""
    out: set[str] = set()
    for full in names:
        if is_person_shaped(full):
            words = [w for w in full.split() if w[:1].isupper()]
            if len(words[-1]) > 2:
                out.add(words[-1])
            if len(words) > 2:
                out.add(f"{words[0]} {words[-1]}")
    return out


def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
    """One capitalised word of a longer name the model did not tag ("X Maintainers Summit")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    if nxt is not None and nxt.is_title and nxt.is_alpha and span[-1].whitespace_ != "":
        return True
    return (
        prev is not None
        and prev.is_title
        and prev.is_alpha
        and not prev.is_sent_start
        and prev.lower_ not in HONORIFICS
    )


_last_bounds: tuple[Doc, tuple[set[int], set[int]]] | None = None


def token_bounds(doc: Doc) -> tuple[set[int], set[int]]:
    """Where tokens start and end, read as arrays (no Token object per token), once for the
    doc being read (both recall passes ask)."""
    global _last_bounds
    if _last_bounds is not None and _last_bounds[0] is doc:
        return _last_bounds[1]
    bounds = doc.to_array([IDX, LENGTH]).tolist()
    found = {i for i, _ in bounds}, {i + n for i, n in bounds}
    _last_bounds = (doc, found)
    return found


class _WordIndex:
    """Where each word of the text starts, read once, so that finding a name costs the
    places where its words stand, not a scan of the text per name.

    A name pattern can only match where the text has the name's word characters in the same
    runs: the match starts where the text's run of its first word starts, and the first
    two runs stand next to each other. Candidates come from the index of (run, next run)
    pairs, and the name's own pattern decides at each."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._runs = [(m.group(), m.start()) for m in _RUN.finditer(text)]
        self.singles: dict[str, list[int]] = {}
        self._at: dict[str, list[int]] = {}  # run -> its positions in self._runs
        singles, at = self.singles, self._at
        for k, (run, start) in enumerate(self._runs):
            found = singles.get(run)
            if found is None:
                singles[run], at[run] = [start], [k]
            else:
                found.append(start)
                at[run].append(k)
        self.free: set[str] = set(_FREE.findall(text))  # words with no hyphen glued to them
        self._common: dict[str, bool] = {}

    def pair_starts(self, first: str, second: str) -> list[int]:
        """Where run `first` stands right before run `second` (the next run of the text)."""
        runs = self._runs
        return [
            runs[k][1]
            for k in self._at.get(first, ())
            if k + 1 < len(runs) and runs[k + 1][0] == second
        ]

    def matches(self, name: str) -> Iterator[tuple[int, int]]:
        """Spans of the non-overlapping matches of name_pattern(name), in order, as finditer
        gives them."""
        runs = _RUN.findall(name)
        if not runs or not _RUN.match(name):  # a name not starting with a word: scan
            yield from (m.span() for m in name_pattern(name).finditer(self.text))
            return
        starts = self.pair_starts(runs[0], runs[1]) if len(runs) > 1 else None
        if starts is None:
            starts = self.singles.get(runs[0], [])
        if not starts:
            return  # most names (and their forms in capitals) stand nowhere else
        text = self.text
        last_end = 0
        for start in starts:
            if start < last_end or (start > 0 and _GLUED_BEFORE.match(text, start - 1)):
                continue
            end = _core_end(name, text, start)
            if end is not None and _GLUED_AFTER.match(text, end) is None:
                last_end = end
                yield start, end

    def common_word_here(self, doc: Doc, start: int, end: int) -> bool:
        """A capitalised word opening a sentence that the text also uses in lower case."""
        return is_sentence_initial(doc, start) and self.in_lower_case(self.text[start:end])

    def in_lower_case(self, word: str) -> bool:
        """Whether the text also writes `word` in lower case, as a whole word with no hyphen
        beside it ("Kernel" beside "the kernel", not beside "kernel-level")."""
        word = word.lower()
        if _RUN.fullmatch(word):
            return word in self.free
        found = self._common.get(word)
        if found is None:
            search = re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])").search
            found = self._common[word] = search(self.text) is not None
        return found


_RUN = re.compile(r"\w+")
_FREE = re.compile(r"(?<![\w-])\w+(?![\w-])")
"""A whole run of word characters with no hyphen on either side (the regex cannot stop inside a
run: a shorter match would have a word character after it)."""
_last_index: _WordIndex | None = None


def word_index(text: str) -> _WordIndex:
    """The index of `text`, kept for the text being read: the recall passes of a doc and its
    check for common words use it."""
    global _last_index
    index = _last_index
    if index is None or index.text is not text:
        index = _last_index = _WordIndex(text)
    return index


class Taken:
    """Spans already claimed, kept as their union (disjoint, sorted), so that asking whether
    a span overlaps any of them is a binary search however many there are."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.points: list[int] = []  # empty spans: they overlap what strictly contains them
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if start >= end:
            insort(self.points, start)
            return
        lo = bisect_left(self.ends, start)  # first interval ending at or after `start`
        hi = bisect_right(self.starts, end)  # intervals starting at or before `end`
        if lo < hi:  # merge with the intervals it touches
            start = min(start, self.starts[lo])
            end = max(end, self.ends[hi - 1])
        self.starts[lo:hi] = [start]
        self.ends[lo:hi] = [end]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.ends, start)  # first interval ending after `start`
        if i < len(self.starts) and self.starts[i] < end:
            return True
        j = bisect_right(self.points, start)
        return j < len(self.points) and self.points[j] < end
