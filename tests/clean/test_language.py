"""Language of every source, ISO 639-1, detected offline on the clean text."""

from __future__ import annotations

from pipeline.clean import clean_source
from pipeline.clean.language import choose_language, detect_language, iso_639_1

ENGLISH = (
    "The city council voted on Tuesday to expand the bus network, adding twelve routes that "
    "will connect the northern suburbs with the harbour by the end of next year. Officials "
    "said the plan would cost about 40 million euros."
)
GERMAN = (
    "Der Stadtrat hat am Dienstag beschlossen, das Busnetz zu erweitern und zwölf neue Linien "
    "einzurichten, die bis Ende nächsten Jahres die nördlichen Vororte mit dem Hafen verbinden. "
    "Die Kosten liegen nach Angaben der Verwaltung bei etwa 40 Millionen Euro."
)


def test_iso_codes_are_normalised() -> None:
    assert iso_639_1("en-US") == "en"
    assert iso_639_1("DE_at") == "de"
    assert iso_639_1("eng") is None
    assert iso_639_1("") is None


def test_detection_on_text_and_markdown() -> None:
    assert clean_source(ENGLISH.encode(), "text").metadata.language == "en"
    assert clean_source(GERMAN.encode(), "markdown").metadata.language == "de"


def test_short_text_is_not_guessed() -> None:
    assert detect_language("Short note.") is None
    assert clean_source(b"Short note.", "text").metadata.language is None


def test_front_matter_language_wins_for_text_but_html_text_decides() -> None:
    doc = clean_source(f"---\nlanguage: fr\n---\n{ENGLISH}".encode(), "markdown")
    assert doc.metadata.language == "fr"
    assert choose_language(ENGLISH, "de", detected_first=True) == "en"
    assert choose_language("Kurz.", "de-DE", detected_first=True) == "de"
