"""Tense rules that place a day, month or weekday without a year, as tables of
(published, sentence, expression, expected TIMEX3 value).

A perfect tells of what is done; a bare participle takes the tense of the verb it hangs on;
"would" is the future of the past; wire copy names today's weekday rather than "today".
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from _dates import value_of
from spacy.tokens import Doc

Run = Callable[..., Doc]


TENSES = [
    # the present perfect tells of the past ("has risen since March"), and a bare participle
    # hanging on it too
    (
        "1989-10-30",
        "The stock has fluctuated sharply, rising to a high of $42.875 in June from $29.75 in "
        "March.",
        "March",
        "1989-03",
    ),
    # to an end point a perfect may look either way: the nearest date
    ("1989-10-27", "The index has lost 3.1% this year through Oct. 19.", "Oct. 19", "1989-10-19"),
    (
        "1989-10-30",
        "A group of lenders has extended the company $90 million in loans through January.",
        "January",
        "1990-01",
    ),
    # a passive perfect to an end point is a state holding now: its end lies ahead
    (
        "2013-03-22",
        "The cup final has been postponed until 15:00 GMT Saturday because of floods.",
        "15:00 GMT Saturday",
        "2013-03-23T15:00",
    ),
    # the infinitive of a past verb may lie on either side of publication: the nearest date
    (
        "1989-10-30",
        "The rival agreed to buy the product line for $40 million in February.",
        "February",
        "1990-02",
    ),
    ("1989-10-30", "The rival agreed to buy the product line in August.", "August", "1989-08"),
    # a date naming a thing ("a June agreement") does not take the verb's tense: the nearest
    (
        "1989-10-27",
        "The thrift said it is continuing to look for a buyer, under a June accord.",
        "June",
        "1989-06",
    ),
    # a participle hanging on a noun takes the tense of the verb above it
    (
        "1990-08-16",
        "Rebels launched attacks forcing the army to withdraw from the town by March.",
        "March",
        "1990-03",
    ),
    # "would" in reported speech is the future of the past
    (
        "1998-02-13",
        "The minister said the new flights would start in August.",
        "August",
        "1998-08",
    ),
    # "would have" is not
    (
        "1998-02-13",
        "The minister said the flights would have started in August.",
        "August",
        "1997-08",
    ),
    # a weekday told in the future on that very weekday is the publication day (wire copy
    # writes the day's name, not "today")
    (
        "2013-03-22",
        "Meteorologists said the storm would close roads in the north on Friday.",
        "Friday",
        "2013-03-22",
    ),
    ("1989-10-26", "The board will vote on Thursday.", "Thursday", "1989-10-26"),
    # a simple present that a weekday hangs on is a timetable (Friday 1998-05-01)
    (
        "1998-05-01",
        "Arafat and Netanyahu meet separately Monday with Albright.",
        "Monday",
        "1998-05-04",
    ),
    ("1998-05-01", "The talks resume on Tuesday in Belfast.", "Tuesday", "1998-05-05"),
    # but not a verb of saying, nor a past that looks like a present ("hurt", "cut")
    ("1998-05-01", "Netanyahu says on Monday that the talks went well.", "Monday", "1998-04-27"),
    (
        "1989-10-30",
        "Weakness in technology stocks hurt the index on Friday.",
        "Friday",
        "1989-10-27",
    ),
]


@pytest.mark.parametrize(("published", "text", "expr", "expected"), TENSES)
def test_tense_places_the_date(
    run_nlp: Run, published: str, text: str, expr: str, expected: str
) -> None:
    assert value_of(run_nlp, published, text, expr) == expected


SOME_DAY = [
    # "one day" before a future verb is a day to come, not an amount of one day
    (
        "1998-03-03",
        "The city will one day be the largest port in the region.",
        "one day",
        "FUTURE_REF",
    ),
    ("1998-03-03", "The repairs will take one day.", "one day", "P1D"),
    ("1998-03-03", "The army advanced 20 miles in one day.", "one day", "P1D"),
]


@pytest.mark.parametrize(("published", "text", "expr", "expected"), SOME_DAY)
def test_some_day_to_come(
    run_nlp: Run, published: str, text: str, expr: str, expected: str
) -> None:
    assert value_of(run_nlp, published, text, expr) == expected
