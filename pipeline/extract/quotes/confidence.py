"""How likely a quote's speaker is right, from how it was found.

The table (`pipeline/lexicons/quote_speaker_confidence.txt`) maps the evidence to the share of
such speakers that were right on PolNeAR dev (smoothed, and capped where the corpus cannot
check the name: a resolved pronoun counts as right there whoever it names). Keys go from the
most to the least specific: `via:evidence:attach`, `via:evidence`, `via:attach`, `via`.
"""

from __future__ import annotations

from pipeline.lexicons import load_map

_DEFAULT = 0.5


def confidence_keys(via: str, evidence: str, attach: str, kind: str, named: bool) -> list[str]:
    """The table keys for one speaker, most specific first."""
    via = f"{via}+entity" if named and via in ("name", "appositive", "according_to") else via
    if kind == "indirect":
        via = f"{via}+indirect"
    return [f"{via}:{evidence}:{attach}", f"{via}:{evidence}", f"{via}:{attach}", via]


def confidence(via: str, evidence: str, attach: str, kind: str, named: bool) -> float:
    """The calibrated probability (0-1) that the speaker is right."""
    table = load_map("quote_speaker_confidence")
    for key in confidence_keys(via, evidence, attach, kind, named):
        if key in table:
            return float(table[key])
    return _DEFAULT
