"""A history told far from its publication keeps its own timeline: tables of (published,
text, expression, expected TIMEX3 value)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from _dates import values
from spacy.tokens import Doc

Run = Callable[..., Doc]

VALLEY_FORGE = (
    "The war began in 1775. The British took New York in 1776 and Philadelphia in 1777. "
    "The army lost at Brandywine in 1777. the army made camp near the river in "
    "December 1777. Over the winter, many soldiers fell ill. On 12 December the general wrote home."
)

ERAS = [
    # a year of another calendar has no value on ours, rather than the story's year
    (
        "2009-12-19",
        "In 1795 the Convention approved the Constitution of the Year III.",
        "the Year",
        None,
    ),
    (
        "2009-12-19",
        "Napoleon seized power in 1799 (18 Brumaire of the Year VIII).",
        "the Year",
        None,
    ),
    # "the year I was born": a pronoun after a common noun
    ("2009-12-19", "In 1975, the year I was born, the war ended.", "the year", "1975"),
]


@pytest.mark.parametrize(("published", "text", "expr", "expected"), ERAS)
def test_a_year_of_another_era(
    run_nlp: Run, published: str, text: str, expr: str, expected: str | None
) -> None:
    got = values(run_nlp, text, published)
    assert expr in got and got[expr] == expected, got


SAIGON = (
    "The accords were signed in 1973. The offensive began in 1974 and in 1975 the north "
    "attacked. The army fell back in 1975 after the losses of 1974. "
    'On 21 April 1975 Thieu resigned, saying: "The Americans made us sign the agreement two '
    'years ago, and next summer they will be gone." On 25 April he left for Taiwan.'
)


PLANNED = (
    "Hanoi planned its offensive in 1974. The attacks of 1974 went well, and in 1975 the north "
    "struck. Losses in 1975 mounted after those of 1974. On 10 March 1975 the town fell, and the "
    "coast road would lie open for a new campaign in 1976. On 11 March the defence broke."
)


HEADED = (
    "The war began in 1939. Poland fell in 1939 and France in 1940. The tide turned in 1942 and "
    "1943. Allied armies reach Normandy on June 6, 1944. The capital was freed on August 25."
)


LOOK_BACK = (
    "Marines landed in 1965 after the raids of 1964. The war widened in 1965 and 1966, and by "
    "1967 half a million men served. On 8 March 1965 the first battalion came ashore, echoing a "
    "landing made two decades earlier. In May, the army lost a battle near the coast."
)


END_POINT = (
    "The war spread in 1941 and 1942. The tide turned in 1943, and in 1944 the armies advanced. "
    "The losses of 1944 were heavy. The capital was freed on October 20, 1944. Soon the army "
    "began a siege that lasted until the fall of the last fortress in February 1945. By the start "
    "of July, the southern front had moved west."
)


NEW_YEAR = (
    "The front held through 1942 and 1943. In 1944 the allies advanced, and the losses of 1944 "
    "were heavy. The enemy struck back on December 16, 1944. The offensive had failed by January."
)


HISTORY = [
    # a winter told after a December date is the one to come, named by the year it ends in
    ("2009-12-19", VALLEY_FORGE, "the winter", "1778-WI"),
    # the story stays in its year: its next date is not a year on
    ("2009-12-19", VALLEY_FORGE, "12 December", "1777-12-12"),
    # a quoted deictic counts from the speaker's day ...
    ("2009-12-19", SAIGON, "two years ago", "1973"),
    # ... and the speaker's "next summer" does not move the story: its next day stays in 1975
    ("2009-12-19", SAIGON, "25 April", "1975-04-25"),
    # a plan does not move the story
    ("2009-12-19", PLANNED, "11 March", "1975-03-11"),
    # a written year in a present clause moves the story
    ("2009-12-19", HEADED, "August 25", "1944-08-25"),
    # a look back does not move the story
    ("2009-12-19", LOOK_BACK, "two decades earlier", "1945"),
    ("2009-12-19", LOOK_BACK, "May", "1965-05"),
    # an end point does not move the story
    ("2009-12-19", END_POINT, "February 1945", "1945-02"),
    ("2009-12-19", END_POINT, "the start of July", "1944-07"),
    # after a December date, January is the next one
    ("2009-12-19", NEW_YEAR, "January", "1945-01"),
]


@pytest.mark.parametrize(("published", "text", "expr", "expected"), HISTORY)
def test_history_timeline(
    run_nlp: Run, published: str, text: str, expr: str, expected: str
) -> None:
    got = values(run_nlp, text, published)
    assert got.get(expr) == expected, got
