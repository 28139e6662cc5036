"""The per-doc cue index answers what spaCy's sentence and entity spans answer."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from pipeline.extract.entities.cues import _PERSONAL_PRONOUNS, _DocIndex

TEXT = (
    "Ann Lee met Bob Stone in Paris on Monday. She said he was late. "
    "Reporters asked Lee about it\n\nand Stone said nothing; his aide, Carl Moe, "
    "told them that Ann Lee had left. Microsoft declined to comment. Him? Her!"
)


def test_index_matches_span_sent_and_ents(run_nlp: Callable[[str], Doc]) -> None:
    doc = run_nlp(TEXT)
    index = _DocIndex(doc)
    assert any(e.label_ == "PERSON" for e in doc.ents)
    for ent in doc.ents:
        sent = ent.sent
        assert index.sentence(ent.start) == (sent.start, sent.end)
        others = [e for e in sent.ents if e.label_ == "PERSON" and e.start != ent.start]
        assert index.other_person(ent.start, sent.start, sent.end) == bool(others)
        pronoun = any(t.lower_ in _PERSONAL_PRONOUNS for t in doc[ent.end : sent.end])
        assert index.pronoun_between(ent.end, sent.end) == pronoun
    for tok in doc:
        sent = tok.sent
        assert index.sentence(tok.i) == (sent.start, sent.end)
