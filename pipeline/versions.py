"""Hand-bumped version numbers of the stages: part of every output's cache key.

BUMP A STAGE'S NUMBER when its output can change for the same input: a new rule, a fixed bug,
a changed lexicon or default. `pipeline run` then re-extracts every source on its next run.
Refactors that cannot change any output need no bump (that is the point: no re-run for them).
"""

from __future__ import annotations

from typing import Final

# A stage's number goes up whenever its output can change for the same input (see git log for
# what each bump brought), e.g. clean 3: unfollowable links dropped in every format, bad
# front-matter values dropped into `removed`, lone surrogates replaced.
STAGE_VERSIONS: dict[str, int] = {
    "clean": 3,
    "extract": 11,
    "validate": 1,
    "write": 1,
}

# Version of the output contract (pipeline/validate/models.py): minor for additive changes, major
# for breaking ones; regenerate schemas/ with `pipeline schema`. Kept here, free of pydantic, so
# that deciding to skip a source imports nothing heavy.
# 1.0: first contract. 1.1 (additive): quotes[].speaker.role; dates[].granularity.
# 1.2 (additive): entities[].key.
# 1.3 (additive): quotes[].speaker.via, quotes[].speaker.confidence.
# 1.4 (additive): metadata.authors.
# 1.5 (additive): closed vocabularies: entities[].label and dates[].mod are enums,
#     dates[].value matches the TIMEX3 value pattern (every value the extractors produce).
SCHEMA_VERSION: Final = "1.5"
