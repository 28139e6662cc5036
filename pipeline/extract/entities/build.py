"""From clusters to the output: one label per thing, dropped false names, Entity models."""

from __future__ import annotations

import re
from typing import cast

from spacy.tokens import Doc

from pipeline.extract.entities.labels import (
    COUNTRIES,
    FIRST_NAMES,
    HONORIFICS,
    ORG_PREFIXES,
    ORG_SUFFIXES,
    ROLE_NOUNS,
)
from pipeline.extract.entities.mentions import doc_text
from pipeline.extract.entities.merge import Cluster, is_person_shaped, name_parts, vote
from pipeline.extract.entities.recall import word_index
from pipeline.extract.ids import content_id, disambiguate, normalize_key
from pipeline.validate.models import Entity, EntityLabel, Mention

# The parts are stripped after the split: `\s*` around the separator made a byline of
# spaces quadratic to split.
_AUTHOR_SPLIT = re.compile(r",|;|&|\band\b")


def author_names(author: str | None) -> list[str]:
    """Person names in a byline: "By Jane Roe and John Doe" -> both; "Staff" -> none."""
    if not author:
        return []
    text = re.sub(r"^\s*by\s+", "", author.strip(), flags=re.IGNORECASE)
    return [n for n in (p.strip() for p in _AUTHOR_SPLIT.split(text)) if is_clean_name(n)]


def is_clean_name(name: str) -> bool:
    """A personal name and nothing else: 2-4 name words, none a role, title or an
    organisation's word ("Tom Gillespie News Reporter", "Eric Tucker Associated Press" are
    bylines with a desk or an employer; the cleaning stage may split them, not this one)."""
    words = [w.lower().rstrip(".,") for w in name.split()]
    if not is_person_shaped(name) or not 2 <= len(words) <= 4:
        return False
    return not any(
        w in ROLE_NOUNS or w in HONORIFICS or w in ORG_SUFFIXES or w in ORG_PREFIXES
        for w in words[1:]
    )


def attach_authors(clusters: list[Cluster], names: list[str]) -> list[Cluster]:
    """Mark the cluster naming each author, or add an empty one for an author not in the text."""
    for name in names:
        parts = name_parts(name)
        match = next(
            (c for c in clusters if is_person_shaped(c.name()) and name_parts(c.name()) == parts),
            None,
        )
        if match is not None:
            match.author = name
        else:
            clusters.append(Cluster(author=name))
    return clusters


def drop_common_words(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """Drop one-word "names" seen only at a sentence start that the text also uses in lower case
    ("Kernel maintainers tend to..." beside "the kernel"), and names never written with a
    capital ("the state")."""
    keep = []
    for c in clusters:
        if c.author is None and not any(ch.isupper() for m in c.mentions for ch in m.text):
            continue
        if (
            c.author is None
            and c.mentions
            and all(len(m.words) == 1 and m.sentence_initial for m in c.mentions)
        ):
            word = c.mentions[0].words[0]
            if word.lower() != word and word_index(doc_text(doc)).in_lower_case(word):
                continue
        keep.append(c)
    return keep


def drop_family_plurals(clusters: list[Cluster]) -> list[Cluster]:
    """ "the Bidens" beside "Joe Biden": a family, neither one person nor a place or a body."""
    surnames = {
        normalize_key(c.name()).split()[-1]
        for c in clusters
        if c.label == "PERSON" and is_person_shaped(c.name())
    }
    return [
        c
        for c in clusters
        if c.author is not None
        or not (
            len(c.name().split()) == 1
            and c.name().endswith("s")
            and normalize_key(c.name())[:-1] in surnames
        )
    ]


def assign_labels(clusters: list[Cluster]) -> None:
    """One label per cluster by vote; a name never used like a person does not stay PERSON."""
    prelim = {id(c): vote(c.votes(), c.model_labels()) for c in clusters}
    # Names of things (not organisations: the model confuses those with people).
    other_names = {
        normalize_key(c.name()): label
        for c in clusters
        if (label := prelim[id(c)]) not in {"PERSON", "ORG", None}
    }
    for c in clusters:
        label = prelim[id(c)]
        c.demoted = label == "PERSON" and _not_a_person(c, other_names)
        c.label = _fallback(c, other_names) if c.demoted else label
        if (c.label == "GPE" and _not_a_place(c)) or (c.label in {"GPE", "LOC"} and _club(c)):
            c.label = "ORG"


def _country(name: str) -> bool:
    """A country's name, also in capitals or in a longer form ("Republic of Ireland")."""
    last = name.split(" of ")[-1]
    return last in COUNTRIES or last.title() in COUNTRIES


def _club(c: Cluster) -> bool:
    """A place's name that beats, loses to or draws with another: a team; a country's name
    stays a place (its national side is named after it)."""
    return (
        c.author is None
        and any(m.team_cue for m in c.mentions)
        and not any(m.locative for m in c.mentions)
        and not any(_country(" ".join(m.words)) for m in c.mentions)
    )


def _not_a_place(c: Cluster) -> bool:
    """Voted GPE, but not a place we know, never used as one ("in X", "X province") and used
    like a body or a brand: the modifier of something someone owns ("her X special": a place
    modifies shared things, "the X festival") or with an organisation's cue ("X's
    shareholders")."""
    if c.author is not None or not c.mentions:
        return False
    if any(m.known_place or m.locative for m in c.mentions):
        return False
    return any(m.owned_modifier or m.votes.get("ORG", 0.0) > 0 for m in c.mentions)


def _not_a_person(c: Cluster, other_names: dict[str, str]) -> bool:
    """Voted PERSON, but not a person's name: headed by a group's or a place's name ("Virginia
    Democrats"), a plural, an organisation's possessions or agreement; or never used like a
    person (no title, role, speech verb or he/she) and not shaped like a person's name (a
    given name, two capitalised words), or named after a thing ("Debian Linux"), mostly used
    as a modifier, a place to be "on"/"in", a language, written with digits or as a domain."""
    if c.author is not None:
        return False
    name = c.name()
    words = normalize_key(name).split()
    if len(words) > 1 and other_names.get(words[-1]) == "NORP":
        return True
    if any(m.person_cue for m in c.mentions):
        return False
    shaped = is_person_shaped(name)
    if (shaped or len(words) == 1) and words[0] in FIRST_NAMES:
        return False
    if any(m.not_person for m in c.mentions):
        return True
    if any(m.pronoun_cue for m in c.mentions):
        return False  # weak: "he" or "she" later in the sentence
    if len(words) > 1 and any(w in other_names for w in words):
        return True
    thing_uses = sum(1 for m in c.mentions if m.modifier or m.language_cue or m.place_like)
    if thing_uses > 0 and 2 * thing_uses >= len(c.mentions):
        return True
    return not shaped


def _fallback(c: Cluster, other_names: dict[str, str]) -> str:
    votes = {k: v for k, v in c.votes().items() if k != "PERSON" and v > 0}
    if votes:
        return vote(votes, c.model_labels())
    head = normalize_key(c.name()).split()[-1:]
    if head and other_names.get(head[0]) == "NORP":
        return other_names[head[0]]  # "Virginia Democrats" is a group as "Democrats" is
    if any(m.language_cue for m in c.mentions):
        return "LANGUAGE"
    if len(c.name().split()) > 1:
        return "PRODUCT"  # "Debian Linux"
    return "ORG"


def to_entities(doc: Doc, clusters: list[Cluster]) -> list[Entity]:
    """Entities sorted by first mention (those without one last, by name), ids made unique."""
    rows: list[tuple[Cluster, list[Mention]]] = []
    for c in clusters:
        spans = sorted({(m.start, m.end) for m in c.mentions})
        mentions = [Mention(start=s, end=e, text=doc_text(doc)[s:e]) for s, e in spans]
        rows.append((c, mentions))
    rows.sort(key=lambda r: (r[1][0].start if r[1] else len(doc_text(doc)) + 1, r[0].name()))
    ids = disambiguate(content_id("e", c.label or "ORG", normalize_key(c.name())) for c, _ in rows)
    return [
        Entity(
            id=i,
            name=c.name(),
            label=cast(EntityLabel, c.label or "ORG"),  # votes only ever pick ENTITY_LABELS
            salience=0.0,
            mentions=ms,
        )
        for i, (c, ms) in zip(ids, rows, strict=True)
    ]
