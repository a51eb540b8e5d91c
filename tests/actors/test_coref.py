"""In-document resolution: surnames, descriptions, pronouns, possessives, context."""

from __future__ import annotations

import pytest

from tests.actors.conftest import Code


def _at(actors: list, word: str, nth: int = 0) -> tuple:
    found = [(a.code, a.sector) for a in actors if a.text == word]
    return found[nth]


def test_bare_surname_keeps_the_coding(code: Code) -> None:
    actors = code(
        "Guatemala's President Alejandro Giammattei resisted. Later, Giammattei gave in.",
        "2022-06-06",
    )
    assert _at(actors, "Giammattei") == ("GTM", "GOV")


def test_surname_of_a_person_unknown_to_the_kb(code: Code) -> None:
    actors = code(
        "Chilean Interior Minister Tomas Vodanovic resigned on Monday. "
        "Vodanovic said the decision was his own."
    )
    assert _at(actors, "Vodanovic") == ("CHL", "GOV")


def test_the_veep_resolves_to_the_vice_president(code: Code) -> None:
    actors = code(
        "Vice President Kamala Harris visited Guatemala. Protesters mocked the veep.", "2021-06-08"
    )
    assert _at(actors, "the veep") == ("USA", "GOV")


@pytest.mark.parametrize(
    ("text", "pronoun", "expected"),
    [
        ("President Joe Biden said he would go.", "he", ("USA", "GOV")),
        ("Vice President Kamala Harris said she would go.", "she", ("USA", "GOV")),
        ("The Philippine coast guard said its vessels were blocked.", "its", ("PHL", "MIL")),
        ("Honduran farmers said the rains ruined their harvest.", "their", ("HND", "AGR")),
        (
            "Guatemala's President Alejandro Giammattei said his government would act.",
            "his government",
            ("GTM", "GOV"),
        ),
    ],
)
def test_pronouns_take_the_nearest_compatible_actor(
    code: Code, text: str, pronoun: str, expected: tuple[str, str]
) -> None:
    assert _at(code(text, "2022-06-06"), pronoun) == expected


def test_their_after_a_compound_actor_gives_each_conjunct(code: Code) -> None:
    actors = code("Mexico and Guatemala said their governments would not attend.")
    assert sorted(a.code for a in actors if a.text == "their governments") == ["GTM", "MEX"]


def test_object_pronoun_is_not_its_own_subject(code: Code) -> None:
    actors = code("Cuba and Venezuela boycotted the summit, and Biden excluded them.")
    assert sorted(a.code for a in actors if a.text == "them") == ["CUB", "VEN"]


def test_agent_without_country_takes_the_nearest_country(code: Code) -> None:
    actors = code("Kenya raised taxes. Protesters marched in the capital.")
    assert _at(actors, "Protesters") == ("KEN", "CVL")


def test_these_countries_are_the_countries_just_named(code: Code) -> None:
    actors = code(
        "El Salvador's cooperation was essential. Guatemala, too, proved a crucial partner. "
        "Biden placed government officials in these countries on the US corruption list."
    )
    assert sorted((a.code, a.sector) for a in actors if a.text == "government officials") == [
        ("GTM", "GOV"),
        ("SLV", "GOV"),
    ]


def test_the_group_resolves_to_the_armed_group(code: Code) -> None:
    actors = code("Al-Shabaab attacked a base. The group said it killed soldiers.")
    assert _at(actors, "The group") == ("SOM", "REB")


def test_provinces_and_cities_give_context_but_are_not_actors(code: Code) -> None:
    actors = code("Police in Jalisco arrested two suspects on Friday.")
    # "suspects" is coded like "a suspect" (plural of a KB agent); Jalisco is no actor.
    assert [(a.text, a.code, a.sector) for a in actors] == [
        ("Police", "MEX", "COP"),
        ("two suspects", "MEX", "CVL"),
    ]


def test_the_alliance_resolves_to_the_organisation(code: Code) -> None:
    actors = code(
        "NATO foreign ministers met on Tuesday. The alliance agreed to send more air defences."
    )
    assert _at(actors, "The alliance") == ("IGO", "GOV")
