"""The entities of a doc (facts_entities): one entity per real-world thing, with one label.

Reads the model's spans (`doc.ents`, left untouched: the dates component reads DATE/TIME
there) and `doc._.clean` (the byline in metadata.author). Sets `doc._.entities`, a list of
`Entity` sorted by first mention. Entities cover named things only: PERSON, ORG, GPE, LOC,
NORP, FAC, PRODUCT, EVENT, WORK_OF_ART, LAW, LANGUAGE; values (DATE, TIME, CARDINAL,
ORDINAL, QUANTITY, MONEY, PERCENT) are not entities.

Steps: repair the model's spans, pair acronyms with expansions, read context cues, group
mentions (same name, person short forms, acronyms), add occurrences the model missed,
vote one label, then score a first salience (facts_salience rescores it once quotes exist).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.entities import acronyms, build, capitals, cues, merge, names, recall
from pipeline.extract.entities.mentions import doc_text, model_mentions
from pipeline.extract.salience import score
from pipeline.validate.models import Entity

__all__ = ["extract_entities", "model_parser"]


def extract_entities(
    doc: Doc, parse: capitals.Parser | None = None, weights: cues.CueWeights = cues.DEFAULT_WEIGHTS
) -> list[Entity]:
    """The entities of a parsed doc (see the module docstring for the steps); with `parse`
    (the model as a function of text), lines in capitals are read again re-cased; `weights`:
    what each context cue votes (the component's config)."""
    clean = doc._.clean
    metadata = clean.metadata if clean is not None else None
    lines = capitals.capital_lines(doc_text(doc)) if parse is not None else []
    mentions = model_mentions(doc, skip=lines) + names.given_name_mentions(doc)
    if parse is not None and lines:
        mentions += capitals.capital_mentions(doc, parse, lines)
        mentions.sort(key=lambda m: (m.start, m.end))
    # A binary search per name, not a pass over the mentions (speaker names are never empty).
    claimed = recall.Taken([(m.start, m.end) for m in mentions])
    mentions += [m for m in names.speaker_mentions(doc) if not claimed.overlaps(m.start, m.end)]
    taken = [(m.start, m.end) for m in mentions]
    mentions += recall.gazetteer_mentions(doc, taken)
    text = doc_text(doc)
    mentions = recall.join_nationalities(text, mentions)
    mentions, links = acronyms.apply_pairs(text, mentions, acronyms.find_pairs(text))
    for m in mentions:
        cues.analyse(doc, m, weights)
    clusters = merge.group_by_key(mentions)
    clusters = merge.union(clusters, links)
    clusters = merge.absorb_inner_mentions(text, clusters)
    clusters = build.attach_authors(clusters, build.author_names(metadata and metadata.author))
    build.assign_labels(clusters)
    clusters = merge.merge_person_names(clusters)
    clusters = merge.merge_org_short_forms(clusters)
    clusters = merge.merge_acronyms(clusters)
    clusters = build.drop_common_words(doc, clusters)
    build.assign_labels(clusters)
    clusters = build.drop_family_plurals(clusters)
    people = {id(c) for c in clusters if c.label == "PERSON"}
    for m in recall.add_missed(doc, clusters, people):
        cues.analyse(doc, m, weights)
    build.assign_labels(clusters)
    entities = build.to_entities(doc, clusters)
    title = metadata.title if metadata is not None else None
    return score(text, title, entities)


def model_parser(nlp: Language) -> capitals.Parser:
    """The pipeline's model components (not the facts_ ones) as a function of text."""

    def parse(text: str) -> Doc:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            if not name.startswith("facts_"):
                doc = proc(doc)
        return doc

    return parse
