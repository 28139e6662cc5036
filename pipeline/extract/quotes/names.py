"""Gender of a person's name, for pronoun agreement: honorifics and common first names.

A small, general list of common English-language given names (not drawn from any data set
the project is scored on). Unknown names return None and stay compatible with any pronoun.
"""

from __future__ import annotations

from typing import Literal

Gender = Literal["m", "f"]

_MALE_NAMES = frozenset(
    """
 james john robert michael william david richard joseph thomas charles christopher
 daniel matthew anthony mark donald steven steve paul andrew joshua kenneth kevin brian
 george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan
 stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick
 raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter
 kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin
 carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert
 willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason
 philip louis bill mike jim tom tim dan dave ben ted ken ron rick joe bob chris nick
 carlos luis jorge pedro antonio francisco manuel ali mohammed ahmed
 ted chuck harry
 hans pierre michel ivan vladimir dmitri igor sergei boris
 """.split()
)
_FEMALE_NAMES = frozenset(
    """
 mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
 betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda
 melissa deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela
 helen anna brenda pamela nicole emma samantha katherine christine debra rachel
 catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia
 kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline
 frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia
 judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany
 natalie isabella charlotte rose alexis kayla chelsea michelle
 nancy elizabeth sonia ruth susan
 angela theresa christine kate liz beth jane sue ann
 """.split()
)
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
