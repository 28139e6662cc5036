"""Gender of a person's name, for pronoun agreement: honorifics and common first names.

A small, general list of common English-language given names (not drawn from any data set
the project is scored on). Unknown names return None and stay compatible with any pronoun.
"""

from __future__ import annotations

from typing import Literal

from pipeline.lexicons import load

Gender = Literal["m", "f"]

_MALE_NAMES = load("given_names_male", lower=True)
_FEMALE_NAMES = load("given_names_female", lower=True)
_MALE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "king", "prince"})
_FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madam", "dame", "lady", "queen"})


def name_gender(name: str, mention_texts: list[str] | None = None) -> Gender | None:
    """Gender of a person's name from an honorific or a common first name, else None."""
    for text in [*(mention_texts or []), name]:
        first = text.split()[0] if text.split() else ""
        if not first[:1].isupper():
            continue
        first = first.casefold()
        if first in _MALE_TITLES:
            return "m"
        if first in _FEMALE_TITLES:
            return "f"
    words = [w.casefold().strip(".") for w in name.split()]
    if len(words) < 2:
        return None  # a lone word may be a surname (Scott, Jordan)
    if words[0] in _MALE_NAMES:
        return "m"
    if words[0] in _FEMALE_NAMES:
        return "f"
    return None
