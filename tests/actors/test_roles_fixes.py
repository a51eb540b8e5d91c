"""Actor coding fixes made for event roles: datelines, shared country names, "from" phrases,
lists in apposition, seats named as places, and "the administration"."""

from __future__ import annotations

import pytest

from tests.actors.conftest import Code


def pairs(actors: list) -> list[tuple[str, str | None]]:
    return [(a.text, a.code) for a in actors]


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON (Reuters) - Russian forces bombarded Kharkiv on Monday.",
        "ACCRA, March 14 - Ghana's foreign ministry on Thursday condemned Togo.",
        "MEXICO CITY (Reuters) - Tens of thousands of Mexicans marched.",
    ],
)
def test_datelines_are_not_actors(code: Code, text: str) -> None:
    found = code(text)
    assert found
    assert not any(a.text.split()[0].isupper() and len(a.text.split()[0]) > 2 for a in found)
    assert not any("-" in a.text or "Reuters" in a.text for a in found)


def test_running_text_with_a_dash_is_no_dateline(code: Code) -> None:
    found = pairs(code("US officials said NATO - the alliance - would meet."))
    assert ("US officials", "USA") in found


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("South Sudan's government threatened peacekeepers.", "South Sudan's government", "SSD"),
        ("Dominican immigration officials returned the suspects.", "Dominican", "DOM"),
        ("Troops from Kyrgyzstan pulled back.", "Troops from Kyrgyzstan", "KGZ"),
        ("Rohingya refugees arrived by boat.", "Rohingya refugees", "MMR"),
        ("The Kremlin rejected a proposal from Kyiv.", "Kyiv", "UKR"),
    ],
)
def test_codes(code: Code, text: str, phrase: str, expected: str) -> None:
    hits = [a for a in code(text) if phrase in a.text]
    assert hits, pairs(code(text))
    assert hits[0].code == expected


def test_an_ambassador_from_a_country_keeps_its_owner(code: Code) -> None:
    found = pairs(code("Honduras recalled its ambassador from Israel."))
    assert not any(text.startswith("its ambassador from") for text, _ in found)


def test_a_list_in_apposition_after_into_is_actors(code: Code) -> None:
    found = pairs(
        code(
            "Four of the countries responsible for migration into the United States — Mexico, "
            "Honduras and Guatemala — are not sending their presidents."
        )
    )
    assert ("Mexico", "MEX") in found
    assert ("the United States", "USA") not in found


def test_a_seat_after_in_is_a_place(code: Code) -> None:
    assert pairs(code("EU agriculture ministers met in Brussels on Monday.")) == [
        ("EU agriculture ministers", "EUR")
    ]


def test_the_administration_is_the_leaders_government(code: Code) -> None:
    found = code(
        "President Joe Biden hosted the summit. Guatemala and Honduras stayed away, a slap in "
        "the administration's face."
    )
    admin = [a for a in found if "administration" in a.text]
    assert admin and admin[0].code == "USA"
