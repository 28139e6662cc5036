"""text_of reads a Doc's text once and hands the same string to every component."""

from __future__ import annotations

from spacy.language import Language

from pipeline.clean.document import CleanDoc
from pipeline.extract.extensions import text_of
from pipeline.extract.nlp import make_doc


def test_text_of_is_the_docs_text_and_is_read_once(nlp: Language) -> None:
    text = "The mayor said on Tuesday that the bridge “will reopen in May.”\n\nIt did not."
    doc = make_doc(nlp, CleanDoc(text=text, format="text"), None)
    first = text_of(doc)
    assert first == doc.text == text
    assert text_of(doc) is first  # cached: not rebuilt from the tokens


def test_make_doc_hands_over_the_clean_text_for_texts_tokenized_in_pieces(nlp: Language) -> None:
    # A punctuation storm and a text longer than one tokenizer part are joined from pieces.
    storm = "Stop" + "!" * 200 + " now.\n\n"
    text = storm + "A sentence of words. " * 6000
    doc = make_doc(nlp, CleanDoc(text=text, format="text"), None)
    assert text_of(doc) is text
    assert doc.text == text
