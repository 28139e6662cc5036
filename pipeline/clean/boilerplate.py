"""Boilerplate removal for Markdown and text, one paragraph at a time (there is no DOM).

Each block is judged from general signals: how much of it sits inside links, whether it is
only an image, calls to action, author-bio and byline shapes, stop-word density and where it
stands. Most rules only apply in the tail of the article (scanned backwards from the end until
a block reads like article text), because that is where promotions, author boxes and widget
leftovers collect; what is removed anywhere must be unambiguous (images and their captions,
"Read more" links, link-wrapped calls to action, menus, bylines at the top). Nothing
disappears silently: every dropped block is returned as a RemovedBlock with its reason, and
a name found in a bio, byline or "More from NAME" line is offered as the author.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import accumulate, takewhile

from pipeline.clean.blocks import Block, assemble, split_blocks
from pipeline.clean.document import CleanDoc, CleanLink, RemovedBlock
from pipeline.lexicons import load

# Reasons, from the most to the least specific: a card keeps its most specific one.
PROMO, BIO, READ_MORE, BYLINE, CREDIT, IMAGE, CAPTION, NAVIGATION, LEFTOVER = (
    "promo",
    "bio",
    "read-more",
    "byline",
    "credit",
    "image",
    "caption",
    "navigation",
    "leftover",
)
_CARD_REASONS = (PROMO, BIO, READ_MORE)

_STOP_WORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into about over after before
    than then that this these those it its is are was were be been being has have had do does
    did not no so he she they we you i his her their our your him them who which what when
    where while there here also would could should will can may might said says""".split()
)
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END_RE = re.compile(r"[.!?…。！？][\"'”’»)\]」』]*$")


def _alternatives(name: str, prefix: str = r"\b") -> str:
    """A lexicon of regular expressions as one alternation; unanchored entries share `prefix`."""
    entries = sorted(load(name))
    anchored = [e for e in entries if e.startswith("^")]
    free = "|".join(f"(?:{e})" for e in entries if not e.startswith("^"))
    return "|".join([*anchored, f"{prefix}(?:{free})"] if free else anchored)


_CTA_RE = re.compile(rf"(?:{_alternatives('clean_cta_patterns')})\b", re.IGNORECASE)
# "Follow NAME on Instagram, Facebook and YouTube": an invitation to the outlet's channels.
_NETWORKS = "|".join(re.escape(n) for n in sorted(load("clean_social_networks", lower=True)))
_FOLLOW_RE = re.compile(
    rf"^follow\b[^.!?]{{0,80}}?\b(?:on|at|via)\s+(?:{_NETWORKS})\b", re.IGNORECASE
)
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_QUOTE_MARKS = ("“", "”", '"', "«", "»", "„")
_ADDRESSEE_RE = re.compile(r"\b(?:you|your|our|us|we)\b", re.IGNORECASE)
_JOURNALISM_RE = re.compile(
    r"\b(?:writ\w*|report(?:s|er|ers|ing|ed)?|journalis\w*|editors?|correspondent|columnist|"
    r"author|contribut\w*|cover(?:s|ed|ing)|freelance\w*)\b",
    re.IGNORECASE,
)
# A person's name: two to five capitalised words or initials, with lower-case particles.
_NAME = (
    r"(?:[A-Z][\w'’-]*\.?)(?:\s+(?:[A-Z][\w'’-]*\.?|de|da|di|van|von|der|del|la|le|bin|al)){1,4}"
)
_BIO_RE = re.compile(
    rf"^(?P<name>{_NAME})(?:,\s*(?:aka|a\.k\.a\.|an?|the)\s|\s+(?:is|was)\s+(?:an?|the)\s|"
    r"\s+has\s+(?:been\s+)?\w+(?:ed|ing)\b|\s+(?:covers|writes|reports|edits)\b)"
)
_READ_MORE_RE = re.compile(
    rf"^(?:{_alternatives('clean_read_more_patterns', prefix='')})\b", re.IGNORECASE
)
# A teaser label left alone ("More:", "Related"): its list went with the widget.
_TEASER_LABEL_RE = re.compile(
    rf"^(?:more|{_alternatives('clean_read_more_patterns', prefix='')})\s*:?$", re.IGNORECASE
)
_CREDIT_RE = re.compile(
    r"^\(?\s*(?:photo|image|picture|illustration|graphic|video|credit)s?"
    r"(?:\s+(?:credit|courtesy))?\s*(?::|by\b|courtesy\b|©)",
    re.IGNORECASE,
)
# Contributor, wire and source credits that close stories.
_CREDIT_LINE_RE = re.compile(rf"(?:{_alternatives('clean_credit_patterns')})(?!\w)", re.IGNORECASE)
_AUTHOR_PREFIX_RE = re.compile(r"^(?:more from|more by|read more from)\s+", re.IGNORECASE)
_BYLINE_RE = re.compile(rf"^By\s+(?P<name>{_NAME}(?:\s+(?:and|&)\s+{_NAME})*)\s*(?:[,|–—-].*)?$")
_NAMES_RE = re.compile(rf"^{_NAME}(?:\s+(?:and|&)\s+{_NAME})*$")

MAX_BYLINE_WORDS = 12
MAX_PLAIN_BYLINE_WORDS = 5
BYLINE_POSITIONS = 3
MAX_TAIL_CTA_WORDS = 60
MAX_SHORT_CTA_WORDS = 12  # "Like this story? Share it with a friend!": an imperative, no "you"
MAX_LEFTOVER_WORDS = 6
MIN_MENU_LINKS = 3
MAX_CREDIT_WORDS = 40
MAX_CAPTION_WORDS = 40
MAX_LINK_ITEM_WORDS = 12
MAX_CHROME_WORDS = 12
MAX_LABEL_WORDS = 12
MAX_LAST_LEFTOVER_WORDS = 3
MAX_LEFTOVER_CHARS = 40


@dataclass(frozen=True)
class Features:
    """The general signals a block is judged by."""

    words: int
    link_share: float  # characters inside links / characters
    top_link_share: float  # characters inside the longest link / characters
    linked_words: float  # words inside links / words (separators do not count)
    stop_share: float
    sentence_end: bool
    cta: bool
    addressee: bool
    quoted: bool  # holds a quotation: reported speech, article text


def features(block: Block) -> Features:
    text = block.text
    matches = list(_WORD_RE.finditer(text))
    words = [m.group(0) for m in matches]
    size = max(len(text), 1)
    lengths = [ln.end - ln.start for ln in block.links]
    linked = sum(map(_covered_by(block.links), (m.start() for m in matches))) if block.links else 0
    return Features(
        words=len(words),
        link_share=sum(lengths) / size,
        top_link_share=max(lengths, default=0) / size,
        linked_words=linked / max(len(words), 1),
        stop_share=sum(w.lower() in _STOP_WORDS for w in words) / max(len(words), 1),
        sentence_end=bool(_SENTENCE_END_RE.search(text)),
        cta=bool(_CTA_RE.search(text)),
        addressee=bool(_ADDRESSEE_RE.search(text)),
        quoted=any(mark in text for mark in _QUOTE_MARKS),
    )


def _covered_by(links: list[CleanLink]) -> Callable[[int], bool]:
    """Whether a position lies inside one of `links`: by binary search over their starts
    with the running furthest end, so a block's words x links is n log n, not a product."""
    ordered = sorted((ln.start, ln.end) for ln in links)
    starts = [start for start, _ in ordered]
    reach = list(accumulate((end for _, end in ordered), max))

    def covered(pos: int) -> bool:
        i = bisect_right(starts, pos)
        return i > 0 and reach[i - 1] > pos

    return covered


@dataclass
class Verdict:
    kept: list[Block]
    removed: list[RemovedBlock]
    author: str | None


def remove_boilerplate(blocks: list[Block], head: int = 0) -> Verdict:
    """Split blocks into kept and removed (with reasons); offer an author name if one shows.

    `head` is the number of blocks that came before the title heading: page chrome, unless
    a block there reads like article text.
    """
    feats = [features(b) for b in blocks]
    pairs = zip(blocks, feats, strict=True)
    reasons = [_anywhere_reason(b, f, i - head) for i, (b, f) in enumerate(pairs)]
    for i in range(min(head, len(blocks))):
        if reasons[i] is None and _is_chrome(feats[i]):
            reasons[i] = NAVIGATION
    _mark_link_lists(blocks, feats, reasons)
    _spread_over_cards(blocks, feats, reasons)
    _scan_tail(blocks, feats, reasons)
    _spread_over_cards(blocks, feats, reasons)
    kept = [b for b, r in zip(blocks, reasons, strict=True) if r is None]
    removed = [
        RemovedBlock(b.readable, r) for b, r in zip(blocks, reasons, strict=True) if r is not None
    ]
    return Verdict(kept, removed, _author(blocks, reasons))


def remove_doc_boilerplate(doc: CleanDoc) -> CleanDoc:
    """The same rules on a finished document's paragraphs (e.g. HTML output); spans follow."""
    verdict = remove_boilerplate(split_blocks(doc.text, doc.links))
    if not verdict.removed:
        return doc
    text, links = assemble(verdict.kept)
    author = doc.metadata.author or verdict.author
    metadata = replace(doc.metadata, author=author)
    return replace(
        doc, text=text, links=links, metadata=metadata, removed=[*doc.removed, *verdict.removed]
    )


def _is_chrome(f: Features) -> bool:
    return f.linked_words >= 0.5 or f.words <= MAX_CHROME_WORDS


def _mark_link_lists(blocks: list[Block], feats: list[Features], reasons: list[str | None]) -> None:
    """Runs of list items that are each just a link (menus, "related" lists) are navigation."""
    run: list[int] = []
    for i, (block, f) in enumerate([*zip(blocks, feats, strict=True), (None, None)]):
        if block is not None and f is not None and _is_link_item(block, f):
            run.append(i)
            continue
        if len(run) >= MIN_MENU_LINKS:
            for j in run:
                reasons[j] = reasons[j] or NAVIGATION
        run = []


def _is_link_item(block: Block, f: Features) -> bool:
    return block.kind == "item" and f.linked_words >= 0.9 and f.words <= MAX_LINK_ITEM_WORDS


def _anywhere_reason(block: Block, f: Features, index: int) -> str | None:
    """Rules safe in the middle of an article; `index` counts from the title."""
    if block.image_only:
        return IMAGE
    if not any(c.isalnum() for c in block.text):
        return LEFTOVER  # separators and stray symbols: "___", "* * *", "|"
    if _is_caption(block, f):
        return CAPTION
    if -1 <= index < BYLINE_POSITIONS and byline_name(block) is not None:
        return BYLINE
    if _READ_MORE_RE.match(block.text) and f.link_share >= 0.5:
        return READ_MORE
    if (block.kind == "paragraph" or block.text.endswith(":")) and _TEASER_LABEL_RE.match(
        block.text
    ):
        return READ_MORE
    if f.cta and (f.top_link_share >= 0.5 or block.group is not None):
        return PROMO
    if _is_tip_line(block, f):
        return PROMO
    if _is_link_list(block, f):
        return NAVIGATION
    return None


def _is_tip_line(block: Block, f: Features) -> bool:
    """ "Know something about this? Email the writer at jo@paper.example": the newsroom asks the
    reader for tips with its address; not a quotation, not reported speech."""
    return (
        f.cta
        and f.addressee
        and not f.quoted
        and f.words <= MAX_TAIL_CTA_WORDS
        and bool(_EMAIL_RE.search(block.text))
    )


def _is_caption(block: Block, f: Features) -> bool:
    """Text written beside an image in the same paragraph, or a bare photo credit."""
    if block.images and f.words <= MAX_CAPTION_WORDS:
        return True
    return f.words <= MAX_CAPTION_WORDS and bool(_CREDIT_RE.match(block.text))


def _is_link_list(block: Block, f: Features) -> bool:
    """A menu or share bar: several links and next to nothing else, not a sentence."""
    return len(block.links) >= MIN_MENU_LINKS and f.linked_words >= 0.9 and not f.sentence_end


def _tail_reason(block: Block, f: Features, next_removed: str | None, last: bool) -> str | None:
    """Rules for the blocks after the article's last paragraph."""
    if block.kind == "heading" or (block.text.endswith(":") and f.words <= MAX_LABEL_WORDS):
        return NAVIGATION if next_removed else None  # a label over removed blocks
    if _is_bio(block, f):
        return BIO
    if _READ_MORE_RE.match(block.text) and (f.link_share >= 0.3 or f.words <= 8):
        return READ_MORE
    if byline_name(block) is not None:
        return BYLINE
    if _CREDIT_LINE_RE.search(block.text) and f.words <= MAX_CREDIT_WORDS:
        return CREDIT
    if _is_tail_cta(f) or _is_short_imperative_cta(block, f):
        return PROMO
    if f.link_share >= 0.8 and (f.words <= 12 or f.stop_share < 0.2):
        return NAVIGATION
    if _is_leftover(block, f, next_removed, last):
        return LEFTOVER
    return None


def _is_tail_cta(f: Features) -> bool:
    """A call to action addressed to the reader, not a quotation that happens to say "join us"."""
    if not f.cta or f.quoted or f.words > MAX_TAIL_CTA_WORDS:
        return False
    return f.addressee or not f.sentence_end


def _is_short_imperative_cta(block: Block, f: Features) -> bool:
    """An invitation that opens with its verb or ends with "!" ("Follow X on Instagram, ...",
    "Like this story? Share it with a friend!"), not a sentence that reports one."""
    if _FOLLOW_RE.match(block.text):
        return f.words <= MAX_TAIL_CTA_WORDS
    if not f.cta or f.quoted or f.words > MAX_SHORT_CTA_WORDS:
        return False
    return block.text.endswith("!") or bool(_CTA_RE.match(block.text))


def _is_leftover(block: Block, f: Features, next_removed: str | None, last: bool) -> bool:
    """A widget's stray label: a tiny paragraph beside a card that was removed."""
    if block.kind != "paragraph" or f.words > MAX_LEFTOVER_WORDS:
        return False
    if len(block.text) > MAX_LEFTOVER_CHARS:  # scripts without spaces have few "words"
        return False
    if next_removed and next_removed not in (LEFTOVER, NAVIGATION):
        return True
    return last and f.words <= MAX_LAST_LEFTOVER_WORDS and not f.sentence_end


def _scan_tail(blocks: list[Block], feats: list[Features], reasons: list[str | None]) -> None:
    """Walk back from the end while blocks are not article text; never touch the first block."""
    for i in range(len(blocks) - 1, 0, -1):
        if reasons[i] is None:
            next_removed = reasons[i + 1] if i + 1 < len(blocks) else None
            reasons[i] = _tail_reason(blocks[i], feats[i], next_removed, i == len(blocks) - 1)
        if reasons[i] is None:
            return


def _spread_over_cards(
    blocks: list[Block], feats: list[Features], reasons: list[str | None]
) -> None:
    """A link wrapping several paragraphs is one card: if part of it goes, all of it goes.

    Each member keeps the most specific reason it has of its own (a bio stays a bio).
    """
    groups: dict[int, list[int]] = {}
    for i, block in enumerate(blocks):
        if block.group is not None:
            groups.setdefault(block.group, []).append(i)
    for members in groups.values():
        found = [reasons[i] for i in members if reasons[i] is not None]
        if not found:
            continue
        card = next((r for r in _CARD_REASONS if r in found), NAVIGATION)
        for i in members:
            if reasons[i] in (None, NAVIGATION, LEFTOVER):
                reasons[i] = _card_member_reason(blocks[i], feats[i]) or card


def _card_member_reason(block: Block, f: Features) -> str | None:
    if _is_bio(block, f):
        return BIO
    if _READ_MORE_RE.match(block.text):
        return READ_MORE
    return PROMO if f.cta else None


def _is_bio(block: Block, f: Features) -> bool:
    if not _BIO_RE.match(block.text):
        return False
    return bool(_JOURNALISM_RE.search(block.text)) or f.top_link_share >= 0.5


def byline_name(block: Block) -> str | None:
    """`By NAME` (with co-authors, optionally followed by a title or outlet)."""
    words = len(block.text.split())
    if block.kind not in ("paragraph", "heading") or words > MAX_BYLINE_WORDS:
        return None
    if words > MAX_PLAIN_BYLINE_WORDS and _SENTENCE_END_RE.search(block.text):
        return None  # "By March Madness, the team had won." is a sentence
    m = _BYLINE_RE.match(block.text)
    return _trim_caps_names(m.group("name")) if m else None


def _trim_caps_names(names: str) -> str:
    """ "JANE DOE and JOHN ROE Associated Press": an upper-case name ends where case changes."""
    parts = re.split(r"(\s+(?:and|&)\s+)", names.strip())
    for i in range(0, len(parts), 2):
        words = parts[i].split()
        if words and words[0].isupper():
            parts[i] = " ".join(takewhile(str.isupper, words))
    return "".join(parts)


def _author(blocks: list[Block], reasons: list[str | None]) -> str | None:
    """The first person named by a removed byline, "More from NAME" line or bio."""
    for block, reason in zip(blocks, reasons, strict=True):
        name = None
        if reason == BYLINE:
            name = byline_name(block)
        elif reason == READ_MORE:
            rest = _AUTHOR_PREFIX_RE.sub("", block.text, count=1)
            name = rest.rstrip(" .:") if rest != block.text else None
        elif reason == BIO:
            m = _BIO_RE.match(block.text)
            name = m.group("name") if m else None
        if name and _NAMES_RE.match(name):
            return name
    return None
