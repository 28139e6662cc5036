"""The fact components, declared the spaCy way: one factory per fact kind, and salience.

Each factory names what it reads (`requires`) and sets (`assigns`) and holds its tunables in
`default_config`, so a pipeline can change them without code:

    nlp.add_pipe("facts_salience", config={"w_speaker": 0.3, "w_frequency": 0.35})

The defaults are the rule modules' constants; the values reach the rules through the component
instance. The rules themselves live in the packages (`pipeline.extract.entities.extract`,
`...dates.timeline`, `...quotes.extract`, `...links`, `...salience`); this module is the only
one that registers the fact factories (pipeline.kinds and pyproject's `spacy_factories` entry
points name it), and the package `__init__` files import nothing, so a pure rule module
(`dates.normalize`, `entities.merge`, `quotes.marks`, ...) imports without spaCy.
"""

from __future__ import annotations

from dataclasses import asdict

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract import extensions
from pipeline.extract.dates.timeline import ASIDE_YEARS, extract_dates
from pipeline.extract.entities.cues import DEFAULT_WEIGHTS as CUE_WEIGHTS
from pipeline.extract.entities.cues import CueWeights
from pipeline.extract.entities.extract import extract_entities, model_parser
from pipeline.extract.links import extract_links
from pipeline.extract.quotes.extract import MAX_CLAUSE_CHARS, NOUN_CUE_REACH, extract_quotes
from pipeline.extract.salience import DEFAULT_WEIGHTS as SALIENCE_WEIGHTS
from pipeline.extract.salience import Weights, score

__all__ = [
    "DatesComponent",
    "EntityExtractor",
    "LinkExtractor",
    "QuotesComponent",
    "SalienceScorer",
]

_PARSE = ["token.dep", "token.pos", "token.tag", "token.lemma"]
"""What the rules read of the model's parse."""


class EntityExtractor:
    """Sets doc._.entities; with the nlp, lines in capitals are parsed again re-cased."""

    def __init__(self, nlp: Language | None = None, weights: CueWeights = CUE_WEIGHTS) -> None:
        self.parse = model_parser(nlp) if nlp is not None else None
        self.weights = weights

    def __call__(self, doc: Doc) -> Doc:
        doc._.entities = extract_entities(doc, self.parse, self.weights)
        return doc


@Language.factory(
    "facts_entities",
    default_config={"cue_weights": asdict(CUE_WEIGHTS)},
    requires=["doc.ents", "doc.sents", *_PARSE, "doc._.clean"],
    assigns=["doc._.entities"],
)
def make_entities(nlp: Language, name: str, cue_weights: dict[str, float]) -> EntityExtractor:
    """`cue_weights`: what each context cue (honorific, role, speech, gazetteer, ...) votes for
    a label, one model label 1.0; a config that names some keeps the others' defaults."""
    extensions.register()
    return EntityExtractor(nlp, CueWeights(**cue_weights))


class DatesComponent:
    """Sets doc._.dates."""

    def __init__(self, nlp: Language, name: str, aside_years: int = ASIDE_YEARS) -> None:
        self.name = name
        self.aside_years = aside_years
        extensions.register()

    def __call__(self, doc: Doc) -> Doc:
        doc._.dates = extract_dates(doc, self.aside_years)
        return doc


@Language.factory(
    "facts_dates",
    default_config={"aside_years": ASIDE_YEARS},
    requires=["doc.ents", "doc.sents", *_PARSE, "doc._.reference_date"],
    assigns=["doc._.dates"],
)
def make_dates(nlp: Language, name: str, aside_years: int) -> DatesComponent:
    """`aside_years`: in a history, a year further than this from the story's median year is
    an aside and does not move the timeline."""
    return DatesComponent(nlp, name, aside_years)


class QuotesComponent:
    """Sets doc._.quotes."""

    def __init__(
        self,
        indirect: bool = True,
        max_clause_chars: int = MAX_CLAUSE_CHARS,
        noun_cue_reach: int = NOUN_CUE_REACH,
    ) -> None:
        self.indirect = indirect
        self.max_clause_chars = max_clause_chars
        self.noun_cue_reach = noun_cue_reach

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(
            doc, self.indirect, self.max_clause_chars, self.noun_cue_reach
        )
        return doc


@Language.factory(
    "facts_quotes",
    default_config={
        "indirect": True,
        "max_clause_chars": MAX_CLAUSE_CHARS,
        "noun_cue_reach": NOUN_CUE_REACH,
    },
    requires=["doc.sents", *_PARSE, "token.ent_type", "doc._.entities"],
    assigns=["doc._.quotes"],
)
def make_quotes(
    nlp: Language, name: str, indirect: bool, max_clause_chars: int, noun_cue_reach: int
) -> QuotesComponent:
    """`indirect`: also reported speech without quotation marks ("X said that ...");
    `max_clause_chars`: how far from a quote its attribution is looked for;
    `noun_cue_reach`: how many tokens a speech noun may stand before the quote it introduces.
    Runs after facts_entities (canonical names; without them spaCy's PERSON spans stand in)."""
    extensions.register()
    return QuotesComponent(indirect, max_clause_chars, noun_cue_reach)


class LinkExtractor:
    """Sets doc._.links from the clean stage's links."""

    def __call__(self, doc: Doc) -> Doc:
        clean = doc._.clean
        doc._.links = extract_links(extensions.text_of(doc), clean) if clean is not None else []
        return doc


@Language.factory("facts_links", requires=["doc._.clean"], assigns=["doc._.links"])
def make_link_extractor(nlp: Language, name: str) -> LinkExtractor:
    return LinkExtractor()


class SalienceScorer:
    """Rescores doc._.entities once quotes (and their speakers) are known."""

    def __init__(self, weights: Weights = SALIENCE_WEIGHTS) -> None:
        self.weights = weights

    def __call__(self, doc: Doc) -> Doc:
        clean = doc._.clean
        title = clean.metadata.title if clean is not None else None
        text = extensions.text_of(doc)
        doc._.entities = score(text, title, doc._.entities or [], doc._.quotes or [], self.weights)
        return doc


@Language.factory(
    "facts_salience",
    default_config={
        "w_frequency": SALIENCE_WEIGHTS.frequency,
        "w_title": SALIENCE_WEIGHTS.title,
        "w_lead": SALIENCE_WEIGHTS.lead,
        "w_early": SALIENCE_WEIGHTS.early,
        "w_speaker": SALIENCE_WEIGHTS.speaker,
        "lead_words": SALIENCE_WEIGHTS.lead_words,
    },
    requires=["doc._.entities", "doc._.quotes", "doc._.clean"],
    assigns=["doc._.entities"],
)
def make_salience(
    nlp: Language,
    name: str,
    w_frequency: float,
    w_title: float,
    w_lead: float,
    w_early: float,
    w_speaker: float,
    lead_words: int,
) -> SalienceScorer:
    """Weights of frequency, a mention in the title, in the lead paragraph (the first with at
    least `lead_words` words), how early the first mention is, and quotes spoken; they sum to
    1 so that the top entity scores at most 1."""
    extensions.register()
    weights = Weights(w_frequency, w_title, w_lead, w_early, w_speaker, lead_words)
    return SalienceScorer(weights)
