"""facts_dates: typed TIMEX3 dates, normalized and resolved on the story's own timeline.

Reads doc.ents (DATE/TIME) and doc._.reference_date; writes doc._.dates (list[DateFact],
sorted by start). doc.ents is left as it is: other components read it. Modules: `detect`
(find the expressions), `normalize` and `absolute` (what they say), `resolve` and `timeline`
(what they mean on the story's timeline), `tense`, `lexicon`; the component is declared in
pipeline.extract.components.
"""

from __future__ import annotations

from pipeline.extract._lazy import lazy_names

__getattr__ = lazy_names(
    __name__,
    {
        "extract_dates": "pipeline.extract.dates.timeline",
        "DatesComponent": "pipeline.extract.components",
        "make_dates": "pipeline.extract.components",
    },
)
