"""A join key for an entity across documents: coarse type + normalized canonical name.

`person:donald-trump`, `org:bureau-of-prisons`, `place:new-york`. Computed from one
document alone (its entity's canonical name and label), so outputs stay per source and
byte-stable; two documents naming the same thing by the same full name get the same key,
and a tool can join on it. Coarse types absorb the model's usual confusions between close
labels (GPE/LOC/FAC are all places). A bare surname ("Trump") keeps its own key: only an
exact canonical name is evidence enough to join.
"""

from __future__ import annotations

import re
import unicodedata

COARSE_TYPES: dict[str, str] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "misc",
    "PRODUCT": "misc",
    "WORK_OF_ART": "misc",
    "LAW": "misc",
    "LANGUAGE": "misc",
}

_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def slug(name: str) -> str:
    """Lower-case ASCII words joined by '-': accents, apostrophes, dots and case dropped
    ("Ted T’so" -> "ted-tso", "U.S." -> "us", "the Associated Press" -> "associated-press")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _LEADING_THE.sub("", text.strip())
    text = _APOSTROPHES.sub("", text).replace(".", "").casefold()
    return _NOT_WORD.sub("-", text).strip("-")


def entity_key(name: str, label: str) -> str:
    """`<coarse type>:<slug of the canonical name>`; unknown labels are `misc`."""
    return f"{COARSE_TYPES.get(label, 'misc')}:{slug(name) or '-'}"
