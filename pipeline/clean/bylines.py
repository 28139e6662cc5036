"""Bylines -> personal names: "LISA MASCARO; ERIC TUCKER Associated Press" -> two people.

Extractors hand over the byline as the page printed it: several people in one string, job
titles glued to the name ("Tom Gillespie News Reporter"), a bio sentence ("Phil Helsel is a
reporter"), dates ("Carrie Arnold November"), desks ("JERUSALEM POST STAFF") and agencies.
An editor reads a person as two to five capitalised words; everything else is cut from the
ends of each part or, when nothing person-shaped is left, the part is dropped. An agency
named in the byline is returned apart (the caller may use it as the site). Word lists are
lexicons (`clean_byline_*`), so the rule stays general.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from pipeline.lexicons import load, load_map

MIN_NAME_WORDS = 2
MIN_SINGLE_NAME_CHARS = 3
MAX_NAME_WORDS = 5
_SPLIT_RE = re.compile(r"\s*(?:[;|•/\n]|,|\s[–—]\s|\s&\s|\band\b|\bund\b|\bet\b|\by\b)\s*")
# A bio sentence after the name: "Phil Helsel is a reporter for NBC News."
_BIO_RE = re.compile(r"\s+(?:is|was|has|covers|writes|reports)\b.*$", re.IGNORECASE)
_PARTICLES = load("name_particles")
_TOKEN_RE = re.compile(r"^[^\W\d_][\w'’.-]*$")


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    agency: str | None = None


@cache
def _org_re() -> re.Pattern[str]:
    names = sorted(load("clean_byline_orgs"), key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    return re.compile(rf"^(?:{alternation})(?!\w)\s*|\s*(?<!\w)(?:{alternation})$", re.IGNORECASE)


@cache
def _prefix_re() -> re.Pattern[str]:
    alternation = "|".join(sorted(load("clean_byline_prefixes")))
    return re.compile(rf"^(?:{alternation})[\s:]+", re.IGNORECASE)


def parse_byline(raw: str | None, site: str | None = None) -> Byline:
    """The people a byline names, cleaned, in order and without repeats; and its agency.

    A one-word name counts only when it stands alone (a blogger's signature); beside other
    names a single word is an outlet or a credential ("Jo Kent; Futurism", "MS"). `site` tells a
    signature from the site's own name ("Beachbody" on "The Beachbody Blog"); a blogger's name
    in the address ("heiko" on heiko-adams.de) is no reason to doubt it.
    """
    result = Byline()
    if not raw:
        return result
    seen: set[tuple[str, str]] = set()
    site_words = frozenset(re.findall(r"\w+", (site or "").casefold()))
    names: list[str] = []
    singles: list[str] = []
    for part in _SPLIT_RE.split(raw.strip()):
        name, agency = _clean_part(part, site_words)
        result.agency = result.agency or agency
        if name is not None:
            (singles if " " not in name else names).append(name)
    if not names and len(singles) == 1:
        names = singles  # a signature standing alone
    for name in names:
        words = name.split()
        key = (words[0].casefold(), words[-1].casefold())
        if key not in seen:
            seen.add(key)
            result.authors.append(name)
    return result


def _clean_part(part: str, site: frozenset[str]) -> tuple[str | None, str | None]:
    """A cleaned name (None when the part names no person) and the agency it credits."""
    text = " ".join(part.split())
    prefix = _prefix_re().match(text)
    if prefix is not None:
        rest = text[prefix.end() :]
        # "By Jo" always; a particle only before a full name ("Von Miller" is a name)
        if "by" in prefix.group(0).casefold().split() or len(rest.split()) >= MIN_NAME_WORDS:
            text = rest
    text = _BIO_RE.sub("", text)
    agency = None
    for _ in range(2):  # an agency may stand at either end
        match = _org_re().search(text)
        if match is None:
            break
        agency = agency or _canonical_org(match.group(0))
        text = (text[: match.start()] + text[match.end() :]).strip(" ,-–—")
    words = text.split()
    titles = load("clean_byline_titles", lower=True)
    dates = _byline_dates()
    while len(words) > MIN_NAME_WORDS and words[-1].casefold().strip(".,") in titles | dates:
        words.pop()
    while len(words) > MIN_NAME_WORDS and words[0].casefold() in titles:
        words.pop(0)
    if any(w.casefold() in load("clean_byline_staff", lower=True) for w in text.split()):
        return None, agency  # a desk or a publication: "JERUSALEM POST STAFF", "X Media"
    if len(words) == 1:
        return _first_name(words[0], site), agency
    return (_person(words), agency)


@cache
def _byline_dates() -> frozenset[str]:
    """Date words that leak into bylines: month and full weekday names (the dates lexicon), and
    "published", "updated"... (clean_byline_dates)."""
    months = load_map("dates_months")
    weekdays = [w for w in load_map("dates_weekdays") if w.endswith("day")]
    return load("clean_byline_dates", lower=True) | frozenset(months) | frozenset(weekdays)


def _first_name(word: str, site: frozenset[str]) -> str | None:
    """A blogger's one-word signature ("Regan"): capitalised, not an acronym, a title, a CMS
    account or the site's own name."""
    if len(word) < MIN_SINGLE_NAME_CHARS or not _TOKEN_RE.match(word) or not word[0].isupper():
        return None
    if word.isupper() or not word[1:].islower() or "." in word:
        return None  # "AS", "LinkNaija", "Phys.org": acronyms and brands
    folded = word.casefold()
    generic = (
        load("clean_byline_titles", lower=True)
        | load("clean_byline_staff", lower=True)
        | _byline_dates()
    )
    if folded in generic or folded in load("clean_cms_site_words", lower=True):
        return None
    if any(folded.endswith(w) or folded.startswith(w) for w in ("admin", "editor", "staff")):
        return None  # "Jdadmin", "Siteadmin"
    return None if folded in site else word


def _canonical_org(found: str) -> str:
    """The lexicon's spelling of an organisation ("REUTERS", "Ap" -> "Reuters", "AP")."""
    key = " ".join(found.split()).casefold()
    return next((n for n in sorted(load("clean_byline_orgs")) if n.casefold() == key), key)


def _person(words: list[str]) -> str | None:
    """Two to five capitalised words (initials and particles allowed), else None."""
    if not MIN_NAME_WORDS <= len(words) <= MAX_NAME_WORDS:
        return None
    titles = load("clean_byline_titles", lower=True)
    if all(w.casefold() in titles for w in words) or words[0].casefold() == "the":
        return None
    for word in words:
        if word.casefold() in _PARTICLES:
            continue
        if not _TOKEN_RE.match(word) or not word[0].isupper():
            return None
    if " ".join(words).isupper() and sum(len(w) for w in words) > len(words) + 2:
        words = [w if len(w.rstrip(".")) == 1 else w.title() for w in words]
    # an initial is written with its period ("Sarah E Needleman" -> "Sarah E. Needleman")
    return " ".join(f"{w}." if len(w) == 1 and w.isascii() else w for w in words)


__all__ = ["Byline", "parse_byline"]
