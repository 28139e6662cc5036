"""Cue and speaker rules on sentences written for the tests, through the full pipeline."""

from __future__ import annotations

import pytest
from _quotes import RunNlp, direct_quotes, quotes_of, speaker_name
from spacy.tokens import Doc


def test_trailing_said_with_name(run_nlp: RunNlp) -> None:
    (q,) = quotes_of(run_nlp, "\u201cWe will build the bridge,\u201d Maria Lopez said on Monday.")
    assert q.text == "We will build the bridge,"
    assert (q.kind, q.cue, speaker_name(q)) == ("direct", "said", "Maria Lopez")


def test_inverted_said_and_continuation_inherits(run_nlp: RunNlp) -> None:
    text = (
        "Peter Novak runs the port authority.\n\n"
        "\u201cThe port is full,\u201d said Mr. Novak. \u201cWe need a second terminal.\u201d"
    )
    first, second = quotes_of(run_nlp, text)
    assert speaker_name(first) == "Peter Novak"
    assert first.cue == "said"
    assert second.text == "We need a second terminal."
    assert speaker_name(second) == "Peter Novak" and second.cue is None


def test_leading_cue_with_apposition_gives_person_and_role(run_nlp: RunNlp) -> None:
    text = (
        "As Anna Berg, chief economist at the central bank, put it, "
        "\u201cInflation is falling faster than we expected.\u201d"
    )
    (q,) = quotes_of(run_nlp, text)
    assert (q.cue, speaker_name(q)) == ("put it", "Anna Berg")
    assert q.speaker is not None and q.speaker.role == "chief economist at the central bank"


def test_title_before_name_is_role_not_speaker(run_nlp: RunNlp) -> None:
    text = "As city council member David Okafor told me, \u201cNobody objected.\u201d"
    (q,) = quotes_of(run_nlp, text)
    assert speaker_name(q) == "David Okafor"
    assert q.speaker is not None and q.speaker.role == "city council member"
    assert text[q.speaker.start : q.speaker.end] == "David Okafor"


def test_pronoun_speaker_resolves_to_named_person(run_nlp: RunNlp) -> None:
    text = (
        "Sarah Whitfield, the mayor, opened the new library on Friday. "
        "\u201cBooks still matter,\u201d she said."
    )
    (q,) = quotes_of(run_nlp, text)
    assert q.speaker is not None and q.speaker.name == "Sarah Whitfield"
    assert text[q.speaker.start : q.speaker.end] == "she"


def test_surname_speaker_gets_the_full_name(run_nlp: RunNlp) -> None:
    text = (
        "Thomas Ericsson founded the company in 1990. Years later, Ericsson said, "
        "\u201cI never wanted to sell it.\u201d"
    )
    (q,) = quotes_of(run_nlp, text)
    assert speaker_name(q) == "Thomas Ericsson"


def test_partial_quote_in_reported_speech(run_nlp: RunNlp) -> None:
    text = (
        "Laura Chen said she did not have time to \u201cstop everything and learn "
        "a new language\u201d this year."
    )
    (q,) = quotes_of(run_nlp, text)
    assert q.kind == "partial"
    assert (q.cue, speaker_name(q)) == ("said", "Laura Chen")


def test_interrupted_quote_gives_two_quotes_same_speaker(run_nlp: RunNlp) -> None:
    text = (
        "\u201cPersonally,\u201d Mark Feldman added, he\u2019s \u201cin no way \u201cpushing\u201d "
        "for it, but I\u2019m open to it.\u201d"
    )
    quotes = quotes_of(run_nlp, text)
    assert [q.text for q in quotes] == [
        "Personally,",
        "in no way \u201cpushing\u201d for it, but I\u2019m open to it.",
    ]
    assert {speaker_name(q) for q in quotes} == {"Mark Feldman"}


def test_according_to(run_nlp: RunNlp) -> None:
    text = "\u201cThe results are preliminary,\u201d according to Helen Park, who led the study."
    (q,) = quotes_of(run_nlp, text)
    assert (q.cue, speaker_name(q)) == ("according to", "Helen Park")


@pytest.mark.parametrize(
    "text",
    [
        "Rust looks attractive for \u201cleaf\u201d drivers in the kernel.",
        "The \u2018experimental\u2019 tag was dropped last year.",
        "She watched \u201cThe Morning Show\u201d every day.",
    ],
)
def test_scare_quotes_and_titles_are_not_quotes(run_nlp: RunNlp, text: str) -> None:
    assert quotes_of(run_nlp, text) == []


def test_short_fragment_with_cue_is_a_partial_quote(run_nlp: RunNlp) -> None:
    text = "Jane Miller called the plan \u201creckless\u201d on Tuesday."
    (q,) = quotes_of(run_nlp, text)
    assert (q.text, q.kind, speaker_name(q)) == ("reckless", "partial", "Jane Miller")


def test_interview_line(run_nlp: RunNlp) -> None:
    text = "WALLACE: \u201cWill you release the returns?\u201d\n\nPENCE: \u201cWe will, soon.\u201d"
    quotes = quotes_of(run_nlp, text)
    assert [speaker_name(q) for q in quotes] == ["WALLACE", "PENCE"]


def test_unbalanced_marks_do_not_crash(run_nlp: RunNlp) -> None:
    text = (
        "\u201cOpen and never closed. \u201d\u201d Stray \u2019 marks \u2018 everywhere"
        "\u201c\n\n\u201d"
    )
    quotes_of(run_nlp, text)


def test_indirect_said_that_and_according_to(run_nlp: RunNlp) -> None:
    text = (
        "Officials said that the bridge would reopen in the spring. "
        "According to Maria Gomez, the repairs will cost more than expected. "
        "He did not say whether the tolls would rise."
    )
    quotes = quotes_of(run_nlp, text)
    assert [(q.kind, q.cue, q.text) for q in quotes] == [
        ("indirect", "said", "that the bridge would reopen in the spring"),
        ("indirect", "According to", "the repairs will cost more than expected"),
    ]
    assert [speaker_name(q) for q in quotes] == ["Officials", "Maria Gomez"]


def test_indirect_cues_are_read_from_arrays_for_every_token_the_rules_would_try(
    run_nlp: RunNlp,
) -> None:
    """find_indirect looks only at these tokens: each "according" and each verb or auxiliary
    with a reporting lemma, in any case, and no other."""
    from pipeline.extract.quotes.indirect import INDIRECT_VERBS, _cue_candidates

    doc = run_nlp(
        "ACCORDING to the mayor, the bridge opens in May. Officials SAID that it was safe, "
        "according to reports. The accord was signed; she told them she had said nothing. "
        "Analysts wrote that stocks fell, and they will say more."
    )
    expected = [
        t.i
        for t in doc
        if t.lower_ == "according"
        or (t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in INDIRECT_VERBS)
    ]
    assert {doc[i].lower_ for i in expected} >= {"according", "said", "told", "wrote"}
    assert _cue_candidates(doc) == expected
    assert _cue_candidates(run_nlp("")) == []


def test_no_indirect_quote_for_opinions_or_questions(run_nlp: RunNlp) -> None:
    text = "Peter Grant thinks the plan will fail. Did Anna Lee say the plan will fail?"
    assert quotes_of(run_nlp, text) == []


def test_without_entities_falls_back_to_spacy_people(run_nlp: RunNlp) -> None:
    """facts_entities may be missing: spaCy's PERSON spans stand in, surnames joined."""
    from pipeline.extract.quotes.extract import extract_quotes

    doc = run_nlp(
        "Robert Jenkins chairs the committee. \u201cWe will vote next week,\u201d Jenkins said."
    )
    doc._.entities = None
    (q,) = extract_quotes(doc)
    assert q.speaker is not None
    assert (q.speaker.name, q.speaker.entity_id) == ("Robert Jenkins", None)
    assert doc.text[q.speaker.start : q.speaker.end] == "Jenkins"


@pytest.mark.parametrize(
    ("authors", "expected"),
    [(["Ana Lima"], "Ana Lima"), (["Ana Lima", "Tom Berg"], None)],
    ids=["one writer", "two writers"],
)
def test_first_person_speaker_is_the_byline_only_with_one_writer(
    run_nlp: RunNlp, authors: list[str], expected: str | None
) -> None:
    from pipeline.clean.document import CleanDoc, CleanMetadata

    text = "\u201cThe ferry was late again,\u201d I said to the captain."
    meta = CleanMetadata(author="; ".join(authors), authors=authors)
    doc = run_nlp(text, clean=CleanDoc(text=text, format="text", metadata=meta))
    (q,) = doc._.quotes
    named = q.speaker.name if q.speaker and q.speaker.via == "byline" else None
    assert named == expected


def test_participle_after_main_clause_takes_its_subject() -> None:
    # the parse hangs "telling" on the verb inside the quote (as the small model does); the
    # one telling is the subject of the main clause before the comma, not a word of the quote
    from spacy.vocab import Vocab

    from pipeline.extract.quotes.speaker import subject_of

    words = ["Ann", "seemed", "ready", ",", "telling", "them", ",", "\u201c", "We", "won", "."]
    heads = [1, 1, 1, 1, 9, 4, 9, 9, 9, 9, 9]
    deps = ["nsubj", "ROOT", "acomp", "punct", "advcl", "dobj", "punct", "punct", "nsubj"]
    deps += ["ROOT", "punct"]
    pos = ["PROPN", "VERB", "ADJ", "PUNCT", "VERB", "PRON", "PUNCT", "PUNCT", "PRON", "VERB"]
    pos += ["PUNCT"]
    tags = ["NNP", "VBD", "JJ", ",", "VBG", "PRP", ",", "``", "PRP", "VBD", "."]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    telling = doc[4]
    inside = subject_of(telling, lambda t: t.i >= 7)
    assert inside is not None and inside.text == "Ann"
    # a subject inside a subordinate clause before the comma is not the speaker
    words2 = ["Bo", "repeated", "claims", "that", "Cy", "lies", ",", "calling", "him", "sly"]
    heads2 = [1, 1, 1, 5, 5, 2, 1, 1, 7, 7]
    deps2 = ["nsubj", "ROOT", "dobj", "mark", "nsubj", "acl", "punct", "advcl", "dobj", "oprd"]
    pos2 = ["PROPN", "VERB", "NOUN", "SCONJ", "PROPN", "VERB", "PUNCT", "VERB", "PRON", "ADJ"]
    tags2 = ["NNP", "VBD", "NNS", "IN", "NNP", "VBZ", ",", "VBG", "PRP", "JJ"]
    doc2 = Doc(Vocab(), words=words2, heads=heads2, deps=deps2, pos=pos2, tags=tags2)
    found = subject_of(doc2[7])
    assert found is not None and found.text == "Bo"


def test_bare_attribution_after_a_full_sentence_quote(run_nlp: RunNlp) -> None:
    text = (
        "The memo went out in March.\n\n"
        "\u201cThe new director is the greatest!\u201d Mark Dalton wrote in a March 16, 2012 "
        "email to senior Commerce Department officials."
    )
    (q,) = quotes_of(run_nlp, text)
    assert (q.cue, speaker_name(q)) == ("wrote", "Mark Dalton")


def test_sentence_after_quote_with_its_own_object_is_not_an_attribution(
    run_nlp: RunNlp,
) -> None:
    text = (
        "Officials met on Monday.\n\n"
        "\u201cThe plan is dead.\u201d Mark Dalton wrote a long letter about the budget to the "
        "members of the city council last week."
    )
    quotes = quotes_of(run_nlp, text)
    assert all(speaker_name(q) != "Mark Dalton" for q in quotes)


def test_inverted_cue_after_quote_ignores_names_inside_the_quote(run_nlp: RunNlp) -> None:
    # "“… in Iowa, many of whom …,” added another X": the name before the comma inside the
    # quote is no "As X, role, put it" speaker; the one after the verb speaks
    text = (
        "Party insiders were polled.\n\n"
        "\u201cThere are more candidates competing in Iowa, many of whom have practically "
        "lived there for months or years,\u201d added another Ohio Republican."
    )
    (q,) = quotes_of(run_nlp, text)
    assert q.cue == "added"
    assert q.speaker is not None and "Iowa" not in q.speaker.name
    assert "Republican" in q.speaker.name


def test_as_x_put_it_needs_a_role_not_a_clause(run_nlp: RunNlp) -> None:
    text = (
        "Speaking earlier Tuesday in Denver, Mayor Ann Cole insisted that she has "
        "\u201cexpanded the party,\u201d claiming \u201cmillions\u201d of new voters."
    )
    for q in quotes_of(run_nlp, text):
        assert q.speaker is None or "Denver" not in q.speaker.name


def test_participle_after_quote_keeps_the_governing_speaker(run_nlp: RunNlp) -> None:
    # the participle after the quote goes on with the sentence: whoever says the clause the
    # quote sits in is the speaker, not the subject of that clause
    text = (
        "Mayor Ann Cole said the deadlock has \u201ckept us safe\u201d on Twitter before "
        "claiming that open borders are a danger."
    )
    q = quotes_of(run_nlp, text)[0]
    assert q.text == "kept us safe"
    assert speaker_name(q) == "Ann Cole"


def test_long_attribution_sentence_hands_its_speaker_to_the_next_paragraph(
    run_nlp: RunNlp,
) -> None:
    text = (
        "\u201cThe harbour will be full by the spring,\u201d Peter Novak said, referring to the "
        "growing number of container ships, now more than forty a week in the busy season.\n\n"
        "\u201cSo I think that the city has to build a second terminal.\u201d"
    )
    first, second = quotes_of(run_nlp, text)
    assert speaker_name(first) == speaker_name(second) == "Peter Novak"
    assert second.speaker is not None and second.speaker.via == "previous_turn"


def test_quote_paragraph_after_reported_speech_is_the_reporters_words(run_nlp: RunNlp) -> None:
    text = (
        "Peter Novak said that the harbour would be full by the spring.\n\n"
        "\u201cThat is because the ships keep getting bigger every single year.\u201d"
    )
    (q,) = direct_quotes(run_nlp, text)
    assert speaker_name(q) == "Peter Novak"
    assert q.speaker is not None and q.speaker.via == "previous_turn"
    assert q.speaker.confidence is not None and q.speaker.confidence < 0.9


def test_quote_paragraph_after_a_common_noun_report_stays_unattributed(run_nlp: RunNlp) -> None:
    # 'critics said' names nobody: the quote after it is not given to anyone
    text = (
        "Critics said that the harbour would be full by the spring.\n\n"
        "\u201cThat is because the ships keep getting bigger every single year.\u201d"
    )
    (q,) = direct_quotes(run_nlp, text)
    assert q.speaker is None


def test_inverted_group_word_is_a_described_speaker(run_nlp: RunNlp) -> None:
    # '“…,” said one of the advisers': a group member speaks; described, never a name
    text = (
        "The campaign met on Monday.\n\n"
        "\u201cThere is no path left for the senator,\u201d said one of those advisers, who "
        "spoke on the condition of anonymity.\n\n"
        "Supporters posted messages all night.\n\n"
        "\u201cBetter watch out for the judge,\u201d tweeted another."
    )
    first, second = direct_quotes(run_nlp, text)
    assert first.speaker is not None and first.speaker.via == "description"
    assert first.speaker.name == "one of those advisers" and first.speaker.entity_id is None
    assert second.speaker is not None and second.speaker.via == "description"
    assert second.speaker.name == "another"


def test_phrasal_speech_verbs_report_quotes(run_nlp: RunNlp) -> None:
    text = (
        "Officials met on Monday.\n\n"
        "\u201cWe ought to start the program again this morning,\u201d he went on.\n\n"
        "Kevin was drifting off again, and as Mayor Ann Cole went on about "
        "\u201chow the system is rigged,\u201d Melanie said yes."
    )
    first, second = direct_quotes(run_nlp, text)
    assert first.cue == "went on" and first.speaker is not None
    assert first.speaker.via == "pronoun"
    assert second.cue == "went on" and speaker_name(second) == "Ann Cole"


def test_going_on_of_things_is_no_speech(run_nlp: RunNlp) -> None:
    text = (
        "Talks between the city and the port have been going on for a year, and "
        "\u201cthere has been a renewed engagement,\u201d according to a city official."
    )
    (q,) = direct_quotes(run_nlp, text)
    assert q.speaker is not None and q.speaker.name != "Talks"


def test_inverted_possessor_is_not_the_speaker(run_nlp: RunNlp) -> None:
    # '“…,” said Morrison's lawyer': Morrison is not who speaks; an appositive name is
    text = (
        "The rally began at noon.\n\n"
        "\u201cIt is about time that we had a woman running this country,\u201d exhorted "
        "Clinton's introducer, actress Jamie Lee Curtis.\n\n"
        "\u201cWe will appeal the ruling,\u201d said Morrison's lawyer."
    )
    first, second = direct_quotes(run_nlp, text)
    assert speaker_name(first) == "Jamie Lee Curtis"
    assert second.speaker is not None and second.speaker.via == "description"
    assert second.speaker.entity_id is None and "lawyer" in second.speaker.name


def test_dialogue_tag_takes_any_verb_in_the_said_slot(run_nlp: RunNlp) -> None:
    # '“…,” an angry Hollande retaliated.': a quote closed on a comma that opens its
    # sentence, then only a subject and a verb: the verb is a way of saying
    text = (
        "The two leaders met in Paris.\n\n"
        "\u201cFrance is no longer France,\u201d Donald Trump claimed.\n\n"
        "\u201cFrance will always be France,\u201d an angry Francois Hollande retaliated. "
        "\u201cIt never gives up.\u201d"
    )
    first, second, third = direct_quotes(run_nlp, text)
    assert speaker_name(first) == "Donald Trump"
    assert second.cue == "retaliated" and speaker_name(second) == "Francois Hollande"
    assert speaker_name(third) == "Francois Hollande"


def test_verb_after_a_woven_quote_is_no_dialogue_tag(run_nlp: RunNlp) -> None:
    text = (
        "While Jake Sullivan calls the article a \u201cterrific piece and well worth the "
        "trip,\u201d Hillary Clinton fixates on the last line."
    )
    (q,) = direct_quotes(run_nlp, text)
    assert speaker_name(q) == "Jake Sullivan"


def test_of_two_subjects_the_one_next_to_the_verb_speaks(run_nlp: RunNlp) -> None:
    # the parse hangs 'New Hampshire' and 'Trump' both on 'went': a clause has one subject
    text = (
        "Jeb Bush was far behind.\n\n"
        "Speaking at a town hall event in Salem, New Hampshire, Trump went after Bush, "
        "calling him \u201ca total stiff.\u201d"
    )
    (q,) = direct_quotes(run_nlp, text)
    assert speaker_name(q) == "Trump"


def test_name_in_apposition_before_the_verb_speaks(run_nlp: RunNlp) -> None:
    # the parse hangs 'her senior policy adviser, Jake Sullivan' on 'the Observer' and
    # leaves 'said' no subject: the name in apposition to the description speaks
    text = (
        "Obama departed.\n\n"
        "In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: "
        "\u201cHillary Clinton believes that transatlantic cooperation is essential.\u201d"
    )
    (q,) = direct_quotes(run_nlp, text)
    assert speaker_name(q) == "Jake Sullivan"
    assert q.speaker is not None and q.speaker.via == "appositive"


def test_party_and_state_in_brackets_do_not_hide_the_speaker(run_nlp: RunNlp) -> None:
    text = (
        "After a tweet showing Hillary Clinton, money and a six-pointed star likened to the "
        "Star of David, Speaker of the House Rep. Paul Ryan (R-WI) said \u201canti-Semitic "
        "images, they\u2019ve got no place in a presidential campaign.\u201d"
    )
    (q,) = direct_quotes(run_nlp, text)
    assert speaker_name(q) == "Paul Ryan"


def test_titles_after_a_work_noun_are_not_quotes(run_nlp: RunNlp) -> None:
    text = (
        "On Tuesday\u2019s episode of \u201cThe Steve Harvey Morning Show,\u201d the senator "
        "said she was \u201cready to fight for every vote in this state.\u201d In his 2002 "
        "book, \u201cMake Your Kid a Millionaire,\u201d Mr. McKinley suggested saving early."
    )
    texts = [q.text for q in quotes_of(run_nlp, text) if q.kind != "indirect"]
    assert texts == ["ready to fight for every vote in this state."]


def test_titles_after_author_of_or_told_are_not_quotes(run_nlp: RunNlp) -> None:
    text = (
        "\u201cThe lesson is clear and it is an old one,\u201d said Steven Brill, author of "
        "\u201cAmerica\u2019s Bitter Pill,\u201d a history of the debate.\n\n"
        "\u201cOf course he is fair game,\u201d Carly Fiorina told \u201cFox and Friends,\u201d "
        "reminding the hosts of the record."
    )
    texts = [q.text for q in quotes_of(run_nlp, text) if q.kind != "indirect"]
    assert texts == ["The lesson is clear and it is an old one,", "Of course he is fair game,"]


def test_participle_after_the_recipient_of_a_document_gives_the_sender(run_nlp: RunNlp) -> None:
    # 'sent a text message to supporters saying: “…”': the message says it, for its sender
    text = (
        "Sanders won.\n\n"
        "His campaign sent out a text message to supporters saying: \u201cWith your help, "
        "we were just declared the winner in New Hampshire!\u201d"
    )
    (q,) = direct_quotes(run_nlp, text)
    assert q.speaker is not None and q.speaker.name == "His campaign"
