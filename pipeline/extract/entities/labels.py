"""The vocabularies the entity rules read: labels, titles, roles, cue verbs, name parts.

The word lists are data in `pipeline/lexicons/` (entity_*.txt, first_names_*.txt shared
with the quotes module, speech_verbs.txt): only general vocabulary, never a name taken from
a particular article.
"""

from __future__ import annotations

from typing import get_args

from pipeline.lexicons import load
from pipeline.validate.models import EntityLabel

# Named things only. DATE, TIME, CARDINAL, ORDINAL, QUANTITY, MONEY and PERCENT are values,
# not entities: the dates component reads DATE/TIME from doc.ents itself.
ENTITY_LABELS: tuple[str, ...] = get_args(EntityLabel)  # one home: the output contract

# Forms of address written before a name ("Mr. Smith", "Sen. Warren"); lower-case, no dot.
HONORIFICS = load("entity_honorifics")
# Role nouns before a name or in an apposition mark a PERSON ("developer Jane Roe").
ROLE_NOUNS = load("role_nouns")
# Verbs whose subject is usually a speaker: "X said", "X told", "X added".
SPEECH_VERBS = load("speech_verbs")
# Verbs after which "in X" / "to X" names a language: "written in X".
LANGUAGE_VERBS = load("entity_language_verbs")
# Last word of an event name ("Open Source Summit").
EVENT_NOUNS = load("entity_event_nouns")
# Last word of an organisation's name ("Peabody Energy").
ORG_SUFFIXES = load("entity_org_suffixes")
# Lower-case words allowed inside a proper name ("Bank of America").
NAME_CONNECTORS = load("name_particles") | load("entity_name_connectors")
# Generational suffixes that are not a surname ("Martin Luther King Jr.").
NAME_SUFFIXES = load("entity_name_suffixes")
# Common given names (international, lower-case), whatever their gender.
FIRST_NAMES = load("first_names_male") | load("first_names_female") | load("first_names_unisex")
# First word of an organisation's name ("FC Porto", "Real Madrid").
ORG_PREFIXES = load("entity_org_prefixes")
# Nouns naming an organisation: "the X team", "the group ..., X,".
ORG_HEADS = load("entity_org_heads")
# What an organisation has and a person does not: "X's shareholders".
ORG_POSSESSIONS = load("entity_org_possessions")
# Bodies named by their function ("Office", "State"): alone, a fragment of a longer name.
FUNCTION_NOUNS = load("entity_function_nouns")
# Months and weekdays: "July 25" is a date, not a name.
CALENDAR_WORDS = load("entity_calendar_words")
# Suffixes shared by organisations and places ("West Bank"): no vote against a place label.
SHARED_SUFFIXES = load("entity_shared_suffixes")
# Reporting verbs organisations use as much as people: no PERSON vote for their subject.
ORG_SPEECH_VERBS = load("entity_org_speech_verbs")
# Countries, US states, capitals and major cities, regions: a whole mention naming one is a
# place unless its context says otherwise.
PLACES = load("places_countries") | load("places_cities")
# Nationality adjectives and group names ("French", "Iraqi"): a people, not a body or place.
DEMONYMS = load("places_demonyms")
# Prepositions whose object is a place when it is one: "in X", "from X", "near X".
LOCATIVE_PREPOSITIONS = load("entity_locative_prepositions")
# Nouns after a place's name: "X province", "the X region".
PLACE_NOUNS = load("entity_place_nouns")
# Sovereign states and countries: a national side keeps its country's label.
COUNTRIES = load("places_countries")
# Verbs of a match result: "Seattle beat Milwaukee" names two teams.
MATCH_VERBS = load("entity_match_verbs")
