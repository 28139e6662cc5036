"""Language of a clean text, ISO 639-1, offline (py3langid's model ships in the wheel).

Declared languages are template defaults as often as not (an English page under
`<html lang="de">`), so the text decides when there is enough of it; a short text keeps what
its source declared. trafilatura's own helper runs the same classifier for HTML.
"""

from __future__ import annotations

from collections.abc import Callable

MIN_DETECT_CHARS = 200  # below this, a declared language is more reliable than a guess
SAMPLE_CHARS = 2000  # enough for a stable guess; keeps long documents cheap


def iso_639_1(code: str | None) -> str | None:
    """ "en-US", "EN_gb", "en" -> "en"; anything that is not a two-letter code -> None."""
    if not code:
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return primary if len(primary) == 2 and primary.isalpha() and primary.isascii() else None


def detect_language(text: str, classify: Callable[[str], str | None] | None = None) -> str | None:
    """The language of `text`, or None when it is too short to tell."""
    if len(text) < MIN_DETECT_CHARS:
        return None
    return iso_639_1((classify or _py3langid)(text[:SAMPLE_CHARS]))


def _py3langid(text: str) -> str | None:
    import py3langid  # loads its model on first use (about 1.5 s, once per process)

    code, _score = py3langid.classify(text)
    return str(code)


def choose_language(text: str, declared: str | None, detected_first: bool) -> str | None:
    """Detected or declared language, in the order the source type deserves."""
    declared = iso_639_1(declared)
    if not detected_first and declared:
        return declared
    return detect_language(text) or declared


__all__ = ["choose_language", "detect_language", "iso_639_1"]
