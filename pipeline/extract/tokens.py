"""Tokenize any text in time linear in its length, with spaCy's own tokenizer.

spaCy's tokenizer peels prefixes off a whitespace-free chunk one at a time, copying the rest
each time: a run of 20,000 `(` takes minutes. And it refuses a text longer than
`nlp.max_length` (E088) although a 1.2 MB article is real. So:

- a run of more than MAX_PUNCT_RUN punctuation marks, or a whitespace-free run longer than
  MAX_WORD (`a-a-a-…`, `aa.aa.…`, an encoded blob), is not language: it becomes tokens of
  PUNCT_PIECE characters each, made directly, never handed to the tokenizer (which would
  make up to one token per character of it, each costing the model as much as a word);
- a text longer than PART_CHARS (or the model's max_length) is tokenized in
  paragraph-aligned parts (cut after a blank line, else after a space).

The pieces are joined with `Doc.from_docs`, so the text and every offset are unchanged. A
text with neither (every real article) goes through `nlp.make_doc` in one piece, exactly as
before. A joined Doc remembers its parts (`model_parts`): `pipeline.extract.nlp.annotate` runs
the model's own components on each part (a transition parser and NER over one Doc of a 100 KB
storm cost a fifth more than over its parts, and the cost per token grows with the Doc) and
the fact components on the whole, so facts still see the whole text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MAX_PUNCT_RUN = 64
MAX_WORD = 1000
PUNCT_PIECE = 16
PART_CHARS = 20_000
"""Characters per part: a long article's paragraphs, never a sentence cut (parts end after a
blank line, else after a space, where a token ends anyway)."""
_PARTS_KEY = "facts.model_parts"

# A run of punctuation (anything but letters, digits and whitespace), matched from its start
# only, so that finding them all is one pass over the text.
_PUNCT = r"(?:[^\w\s]|_)"
_PUNCT_RUN = re.compile(
    rf"(?<!\S)\S{{{MAX_WORD + 1},}}|(?<!{_PUNCT}){_PUNCT}{{{MAX_PUNCT_RUN + 1},}}"
)

Segment = tuple[int, int, bool]
"""(start, end, is a punctuation run); a run's `end` includes the one space after it."""


def segments(text: str, part_chars: int = PART_CHARS) -> list[Segment]:
    """The pieces `text` is tokenized in, in order, covering it exactly."""
    out: list[Segment] = []
    pos = 0
    for m in _PUNCT_RUN.finditer(text):
        out.extend(_parts(text, pos, m.start(), part_chars))
        end = m.end() + 1 if text[m.end() : m.end() + 1] == " " else m.end()
        out.append((m.start(), end, True))
        pos = end
    out.extend(_parts(text, pos, len(text), part_chars))
    return out


def _parts(text: str, lo: int, hi: int, part_chars: int) -> list[Segment]:
    """[lo, hi) in parts of at most `part_chars`, each ending after a blank line if it can,
    else after a space (where a token ends anyway), else anywhere."""
    out: list[Segment] = []
    while hi - lo > part_chars:
        limit = lo + part_chars
        cut = text.rfind("\n\n", lo + 1, limit)
        if cut >= 0:
            cut += 2
        else:
            cut = text.rfind(" ", lo + 1, limit)
            cut = cut + 1 if cut >= 0 else limit
        out.append((lo, cut, False))
        lo = cut
    if hi > lo:
        out.append((lo, hi, False))
    return out


def tokenize(nlp: Language, text: str) -> Doc:
    """A Doc of `text` (not yet through the pipeline's components), whatever its length."""
    pieces = segments(text, min(PART_CHARS, nlp.max_length))
    if len(pieces) <= 1 and not (pieces and pieces[0][2]):
        return nlp.make_doc(text)
    import numpy
    from spacy.attrs import SENT_START
    from spacy.tokens import Doc

    docs = [_punct_doc(nlp, text[s:e]) if run else nlp.make_doc(text[s:e]) for s, e, run in pieces]
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    # Parts are not sentences: leave the boundaries to the parser (0 = not set).
    unset: Any = numpy.zeros((len(joined), 1), dtype="uint64")
    joined.from_array([SENT_START], unset)
    joined.user_data[_PARTS_KEY] = _group(
        [(e - s, len(d)) for (s, e, _), d in zip(pieces, docs, strict=True)], PART_CHARS
    )
    return joined


def model_parts(doc: Doc) -> list[tuple[int, int]]:
    """The token ranges the model's components run on one by one ([] for a Doc made whole)."""
    parts = doc.user_data.get(_PARTS_KEY)
    return list(parts) if isinstance(parts, list) and len(parts) > 1 else []


def _group(sizes: list[tuple[int, int]], part_chars: int) -> list[tuple[int, int]]:
    """Consecutive pieces ((characters, tokens) each) grouped into token ranges of about
    `part_chars` characters: a punctuation-run piece goes with the text around it."""
    out: list[tuple[int, int]] = []
    start = end = chars = 0
    for n_chars, n_tokens in sizes:
        if chars and chars + n_chars > part_chars:
            out.append((start, end))
            start, chars = end, 0
        end += n_tokens
        chars += n_chars
    if end > start:
        out.append((start, end))
    return out


def _punct_doc(nlp: Language, run: str) -> Doc:
    from spacy.tokens import Doc

    space = run.endswith(" ")
    marks = run[:-1] if space else run
    words = [marks[i : i + PUNCT_PIECE] for i in range(0, len(marks), PUNCT_PIECE)]
    spaces = [False] * len(words)
    spaces[-1] = space
    return Doc(nlp.vocab, words=words, spaces=spaces)
