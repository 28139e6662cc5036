"""Recall rules for quotes without a reporting verb of their own, on sentences written for the
tests: each keeps a quote an editor would attribute, and each has a case it must leave alone."""

from __future__ import annotations

from _quotes import RunNlp, direct_quotes, speaker_name


def test_fragment_in_main_clause_is_the_subjects(run_nlp: RunNlp) -> None:
    text = (
        "Senator Maria Lopez bemoaned a political climate in which voters "
        "\u201cliterally hate each other and stop listening.\u201d"
    )
    (q,) = direct_quotes(run_nlp, text)
    assert q.text == "literally hate each other and stop listening."
    assert q.kind == "partial" and q.cue is None
    assert speaker_name(q) == "Maria Lopez"
    assert q.speaker is not None and q.speaker.via == "name"


def test_fragment_after_copula_names_nobody(run_nlp: RunNlp) -> None:
    # "X was “…”": the subject is described by the words, it does not say them
    text = (
        "The Novak family moved to Leeds in 1950. The Novaks were "
        "\u201cthe first family from abroad to move into the street.\u201d"
    )
    assert all(speaker_name(q) is None for q in direct_quotes(run_nlp, text))


def test_fragment_in_subordinate_clause_is_not_the_main_subjects(run_nlp: RunNlp) -> None:
    # the fragment sits in a clause with its own subject: not Peter Novak's words
    text = (
        "Peter Novak visited the plant after the workers had warned of "
        "\u201ca dangerous lack of spare parts for the old machines.\u201d"
    )
    assert all(speaker_name(q) != "Peter Novak" for q in direct_quotes(run_nlp, text))


def test_capitalized_fragment_is_a_title_not_a_quote(run_nlp: RunNlp) -> None:
    text = "Peter Novak praised \u201cThe Long Road Home to the Valley\u201d at the festival."
    assert direct_quotes(run_nlp, text) == []


def test_open_quote_after_a_turn_keeps_its_sentences_and_speaker(run_nlp: RunNlp) -> None:
    # the second quote of the paragraph is never closed: it runs to the paragraph's end
    text = (
        "Maria Lopez spoke after the vote. \u201cThe port is full,\u201d she said. "
        "\u201cWe need a second terminal. The ships wait for days.\n\n"
        "The council did not answer."
    )
    first, second = direct_quotes(run_nlp, text)
    assert second.text == "We need a second terminal. The ships wait for days."
    assert [speaker_name(q) for q in (first, second)] == ["Maria Lopez", "Maria Lopez"]


def test_open_quote_carried_on_keeps_one_quote_per_paragraph(run_nlp: RunNlp) -> None:
    # newspaper convention: the paragraph does not close, the next one opens with a mark
    text = (
        "Maria Lopez spoke after the vote. \u201cThe port is full,\u201d she said. "
        "\u201cWe need a second terminal. The ships wait for days.\n\n"
        "\u201cThe city has to pay for it now.\u201d"
    )
    quotes = direct_quotes(run_nlp, text)
    assert [q.text for q in quotes] == [
        "The port is full,",
        "We need a second terminal. The ships wait for days.",
        "The city has to pay for it now.",
    ]
    assert {speaker_name(q) for q in quotes} == {"Maria Lopez"}


def test_open_quote_with_no_turn_in_its_paragraph_is_dropped(run_nlp: RunNlp) -> None:
    # a stray mark opens a paragraph after another paragraph's quote: nobody's turn runs on
    text = (
        "\u201cThe port is full,\u201d Maria Lopez said.\n\n"
        '"The council met on Monday and the harbour report was read out.\n\n'
        "Nobody asked a question."
    )
    quotes = direct_quotes(run_nlp, text)
    assert all("harbour report" not in q.text for q in quotes)


def test_fragment_of_two_words_in_main_clause(run_nlp: RunNlp) -> None:
    text = "Senator Maria Lopez attacked the board for its \u201creckless spending\u201d on Monday."
    (q,) = direct_quotes(run_nlp, text)
    assert (q.text, speaker_name(q)) == ("reckless spending", "Maria Lopez")


def test_quote_signed_on_the_next_line_with_a_dash(run_nlp: RunNlp) -> None:
    text = (
        "The claims were checked one by one.\n\n"
        "\u201cThe tax cut pays for itself within four years.\u201d\n\n"
        "- Peter Novak.\n\n"
        "That is not what the budget office found."
    )
    (q,) = direct_quotes(run_nlp, text)
    assert speaker_name(q) == "Peter Novak"


def test_dash_line_after_a_paragraph_of_prose_signs_nothing(run_nlp: RunNlp) -> None:
    # the quote does not end its paragraph: the dash line below belongs to the list
    text = (
        "Peter Novak called the plan \u201ca waste of money\u201d and left the room early.\n\n"
        "- Maria Lopez.\n\n"
        "The vote was postponed."
    )
    assert all(speaker_name(q) != "Maria Lopez" for q in direct_quotes(run_nlp, text))


def test_participle_after_a_reported_clause_goes_on_with_the_main_subject(run_nlp: RunNlp) -> None:
    # 'adding' hangs on the reported clause in the parse; the one adding is who said it
    text = (
        "Maria Lopez said the process of writing the budget could be \u201cmessy,\u201d "
        "adding, \u201cDemocracy is messy.\u201d"
    )
    quotes = direct_quotes(run_nlp, text)
    assert [speaker_name(q) for q in quotes] == ["Maria Lopez", "Maria Lopez"]
    assert quotes[1].cue == "adding"


def test_quote_judging_a_remark_is_not_its_authors(run_nlp: RunNlp) -> None:
    text = (
        "Peter Novak spoke about the port on Sunday. On Monday, Maria Lopez denounced "
        "Novak\u2019s remarks as \u201churtful and humiliating for the workers.\u201d"
    )
    assert all(speaker_name(q) != "Peter Novak" for q in direct_quotes(run_nlp, text))


def test_possessed_remark_giving_its_content_is_the_authors(run_nlp: RunNlp) -> None:
    text = (
        "Peter Novak spoke about the port on Sunday. Novak\u2019s claim that "
        "\u201cthe port is already full every single day\u201d was soon disputed."
    )
    (q,) = direct_quotes(run_nlp, text)
    assert speaker_name(q) == "Peter Novak"


def test_programme_name_before_the_speaker_is_not_a_quote(run_nlp: RunNlp) -> None:
    text = (
        "Speaking on Sunday on CBC\u2019s \u201cNew Day,\u201d Maria Lopez said the port was full."
    )
    assert direct_quotes(run_nlp, text) == []


def test_inverted_said_the_description(run_nlp: RunNlp) -> None:
    text = (
        "\u201cA customer told me we should all leave the valley,\u201d said the woman, who "
        "like most people on the street did not want to be named."
    )
    (q,) = direct_quotes(run_nlp, text)
    assert speaker_name(q) == "the woman"
    assert q.speaker is not None and q.speaker.via == "description"
    assert q.speaker.entity_id is None


def test_inverted_said_a_name_the_tagger_missed(run_nlp: RunNlp) -> None:
    text = (
        "\u201cKeeping the old ferry and two crews who know the river is worth it,\u201d "
        "said Oakes, explaining he had sailed with both crews."
    )
    (q,) = direct_quotes(run_nlp, text)
    assert speaker_name(q) == "Oakes"


def test_participle_after_a_quote_takes_no_object_as_speaker(run_nlp: RunNlp) -> None:
    text = (
        "Maria Lopez answered at once: \u201cIf they sue us in a court, they will lose,\u201d "
        "referencing the large number of lawyers in the city."
    )
    assert all(speaker_name(q) != "the large number" for q in direct_quotes(run_nlp, text))


def test_quoted_term_inside_a_noun_phrase_is_nobodys_words(run_nlp: RunNlp) -> None:
    text = "Maria Lopez would also close the notorious \u201ccarried interest\u201d loophole."
    assert all(speaker_name(q) != "Maria Lopez" for q in direct_quotes(run_nlp, text))


def test_timestamp_line_is_not_the_subject(run_nlp: RunNlp) -> None:
    # live-blog entries: the time line above the paragraph is glued to it by the parse
    text = (
        "9:15 a.m.\n\nPeter Novak\u2019s doctor is calling the candidate \u201cextremely fit.\u201d"
    )
    (q,) = direct_quotes(run_nlp, text)
    assert speaker_name(q) is not None and "doctor" in (speaker_name(q) or "")
    assert q.speaker is not None and q.speaker.entity_id is None  # not Peter Novak


def test_relative_pronoun_gives_its_antecedent(run_nlp: RunNlp) -> None:
    text = (
        "To check the figure, reporters turned to the Leeds Harbour Authority which "
        "reported \u201c2,521 ships in the harbour\u201d between January and May."
    )
    (q,) = direct_quotes(run_nlp, text)
    assert speaker_name(q) is not None and "Authority" in (speaker_name(q) or "")


def test_nickname_between_names_is_not_a_quote(run_nlp: RunNlp) -> None:
    text = 'The harbour master, Margaret "Peggy" Olsen, opened the new dock on Monday.'
    assert direct_quotes(run_nlp, text) == []


def test_long_subject_opening_after_the_quote_speaks(run_nlp: RunNlp) -> None:
    text = (
        '"This is a great day for our city and for the harbour!" Novak\'s sister, '
        'councillor Margaret "Peggy" Olsen (Labour), shouted to the crowd.'
    )
    (q,) = direct_quotes(run_nlp, text)
    assert q.text.startswith("This is a great day")
    assert speaker_name(q) is not None


def test_verb_after_a_participle_phrase_shares_its_subject(run_nlp: RunNlp) -> None:
    text = (
        'Dockers marching through the harbour chanted "Who pays?" and kept going until '
        "nearly midnight."
    )
    (q,) = direct_quotes(run_nlp, text)
    assert speaker_name(q) == "Dockers"
    assert q.speaker is not None and q.speaker.entity_id is None


def test_noun_with_a_relative_clause_before_the_verb_speaks(run_nlp: RunNlp) -> None:
    text = (
        "While the port is busy, a harbour official who spoke anonymously to discuss the plans "
        'said Wednesday, "Certainly there are talks between the city and the shipping lines."'
    )
    (q,) = direct_quotes(run_nlp, text)
    assert speaker_name(q) == "a harbour official"
    assert q.speaker is not None and q.speaker.via == "description"
