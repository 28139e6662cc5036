"""Facts left unmatched by id are paired by kind, place and wording: edited, not replaced."""

from __future__ import annotations

import copy
from typing import Any

from pipeline.diff import diff_documents
from pipeline.diff.match import Shift, similarity
from pipeline.diff.words import plain, word_diff


def quote(text: str, start: int, fact_id: str) -> dict[str, Any]:
    speaker = {"name": "Jane Porter", "entity_id": "e_1", "start": 0, "end": 11, "role": None}
    end = start + len(text)
    return {"start": start, "end": end, "text": text, "id": fact_id, "kind": "direct",
            "speaker": speaker}  # fmt: skip


def date(text: str, start: int, fact_id: str, value: str) -> dict[str, Any]:
    end = start + len(text)
    return {"start": start, "end": end, "text": text, "id": fact_id, "type": "DATE",
            "value": value, "mod": None}  # fmt: skip


def document() -> dict[str, Any]:
    return {
        "metadata": {"title": "Bridge"},
        "entities": [],
        "dates": [date("Friday", 40, "d_1", "2024-05-10")],
        "quotes": [
            quote("We are nearly there, and the bridge will open in June.", 100, "q_1"),
            quote("Nobody should expect miracles.", 400, "q_2"),
        ],
        "links": [],
    }


def test_a_reworded_quote_pushed_down_by_new_text_is_changed() -> None:
    old = document()
    new = copy.deepcopy(old)
    for fact in new["dates"] + new["quotes"]:  # a 300-character paragraph added at the top
        fact["start"] += 300
        fact["end"] += 300
    reworded = "We are almost there, and the bridge will open in July."
    new["quotes"][0].update(text=reworded, id="q_9", end=400 + len(reworded))
    (change,) = diff_documents(old, new)
    assert (change.op, change.kind, change.id) == ("changed", "quotes", "q_9")
    assert change.old["id"] == "q_1"
    assert change.fields == (("text", old["quotes"][0]["text"], reworded),)


def test_another_quote_in_the_same_place_is_removed_and_added() -> None:
    old = document()
    new = copy.deepcopy(old)
    new["quotes"][0].update(text="The toll will double next year, officials warned us.", id="q_9")
    ops = sorted((c.op, c.id) for c in diff_documents(old, new))
    assert ops == [("added", "q_9"), ("removed", "q_1")]


def test_a_quote_far_from_the_old_one_is_not_paired() -> None:
    old = document()
    new = copy.deepcopy(old)
    moved = new["quotes"][0]
    moved.update(text=moved["text"].replace("nearly", "almost"), id="q_9", start=5000, end=5054)
    assert sorted(c.op for c in diff_documents(old, new)) == ["added", "removed"]


def test_a_corrected_date_in_the_same_place_is_changed() -> None:
    old = document()
    new = copy.deepcopy(old)
    new["dates"] = [date("Thursday", 40, "d_2", "2024-05-09")]
    (change,) = diff_documents(old, new)
    assert (change.op, change.kind, change.id) == ("changed", "dates", "d_2")
    assert dict((name, (a, b)) for name, a, b in change.fields) == {
        "text": ("Friday", "Thursday"),
        "value": ("2024-05-10", "2024-05-09"),
    }


def test_each_old_fact_pairs_with_at_most_one_new_fact() -> None:
    old = document()
    new = copy.deepcopy(old)
    text = old["quotes"][0]["text"]
    new["quotes"][0].update(text=text.replace("June", "July"), id="q_8")
    new["quotes"].append(quote(text.replace("June", "August"), 110, "q_9"))
    ops = sorted((c.op, c.id) for c in diff_documents(old, new))
    assert ops == [("added", "q_9"), ("changed", "q_8")]


def test_shift_follows_the_facts_found_in_both_versions() -> None:
    shift = Shift.learn([({"start": 100, "end": 110}, {"start": 150, "end": 160})])
    assert shift(100) == 150 and shift(500) == 550 and shift(10) == 60
    assert Shift()(42) == 42


def test_similarity_is_by_words_for_sentences_and_by_characters_for_words() -> None:
    assert similarity("We are nearly there", "we are  NEARLY there") == 1.0
    assert similarity("We are nearly there", "We are almost there") == 0.75
    assert 0.5 < similarity("Friday", "Thursday") < 1
    assert similarity("We are nearly there", "The toll will double") == 0.0


def test_word_diff_marks_removed_and_added_words() -> None:
    pieces = word_diff("We are buying it at high prices", "We would be buying it at prices")
    assert pieces == [
        ("=", "We"),
        ("-", " are"),
        ("+", " would be"),
        ("=", " buying it at"),
        ("-", " high"),
        ("=", " prices"),
    ]
    assert plain(pieces) == "We [-are-]{+would be+} buying it at [-high-] prices"


def test_word_diff_keeps_punctuation_apart_from_words() -> None:
    shown = plain(
        word_diff("We are nearly there and the crews", "We are almost there, and our crews")
    )
    assert shown == "We are [-nearly-]{+almost+} there{+,+} and [-the-]{+our+} crews"


def test_a_fact_whose_id_changed_but_not_its_value_only_moved() -> None:
    old = document()
    new = copy.deepcopy(old)
    new["quotes"][1].update(id="q_2-2", start=410, end=440)
    assert diff_documents(old, new) == []
    (moved,) = diff_documents(old, new, moves=True)
    assert (moved.op, moved.id, moved.counts) == ("moved", "q_2-2", False)


def test_an_occurrence_of_a_repeated_fact_is_matched_by_place_not_by_number() -> None:
    """A weekday corrected to one that occurs elsewhere renumbers the occurrences after it."""
    old = document()
    friday = [date("Friday", 40, "d_f", "2024-05-10"), date("Friday", 900, "d_f-2", "2024-05-10")]
    old["dates"] = [friday[0], date("Thursday", 500, "d_t", "2024-05-09"), friday[1]]
    new = copy.deepcopy(old)
    new["dates"] = [
        date("Friday", 40, "d_f", "2024-05-10"),
        date("Friday", 500, "d_f-2", "2024-05-10"),
        date("Friday", 900, "d_f-3", "2024-05-10"),
    ]
    (change,) = diff_documents(old, new)
    assert (change.op, change.id, change.old["id"]) == ("changed", "d_f-2", "d_t")
    # the Friday at 900 was renumbered (d_f-2 -> d_f-3) but stayed in place: not a move
    moved = [c for c in diff_documents(old, new, moves=True) if c.op == "moved"]
    assert moved == []
