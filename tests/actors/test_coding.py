"""Coding of single phrases and sentences: the cases named in issue 3, and more."""

from __future__ import annotations

import pytest

from tests.actors.conftest import Code, coded


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("El Salvador's President Nayib Bukele spoke.", "Nayib Bukele", ("SLV", "GOV")),
        ("Guatemalan protesters marched.", "Guatemalan protesters", ("GTM", "CVL")),
        ("The Biden administration responded.", "Biden administration", ("USA", "GOV")),
        ("Team Biden diverted aid.", "Team Biden", ("USA", "GOV")),
        ("Washington said no.", "Washington", ("USA", "GOV")),
        ("The Kremlin denied it.", "Kremlin", ("RUS", "GOV")),
        ("Downing Street declined to comment.", "Downing Street", ("GBR", "GOV")),
        ("They lifted sanctions on the Maduro regime.", "Maduro regime", ("VEN", "GOV")),
        (
            "The money went to leftist human-rights nongovernmental organizations.",
            "nongovernmental organizations",
            ("NGO", "SOC"),
        ),
        ("A Hezbollah cell member was arrested.", "Hezbollah cell member", ("LBN", "REB")),
        ("The brutal MS-13 gang expanded.", "MS-13", ("SLV", "CRM")),
        ("President Alejandro Giammattei stayed away.", "Giammattei", ("GTM", "GOV")),
        ("ISIS terrorists attacked.", "ISIS", ("IMG", "REB")),
        ("NATO warned Moscow.", "NATO", ("IGO", "GOV")),
        # A plural agent whose singular is in the KB.
        (
            "Indian and Sri Lankan navies completed the SLINEX exercise on Sunday.",
            "Sri Lankan navies",
            ("LKA", "MIL"),
        ),
        # Historical Phoenix aliases no longer take a country's own adjective or name.
        ("Eritrean troops left Tigray.", "Eritrean troops", ("ERI", "MIL")),
        ("South Sudan rejected the plan.", "South Sudan", ("SSD", "GOV")),
        ("The UN refugee agency appealed for funds.", "UN refugee agency", ("UNO", "GOV")),
        ("The European Commission fined Google.", "European Commission", ("EUR", "GOV")),
        ("Emirati officials met Kosovar diplomats.", "Emirati officials", ("ARE", "GOV")),
        ("Emirati officials met Kosovar diplomats.", "Kosovar diplomats", ("KOS", "GOV")),
        ("Salvadorans voted on Sunday.", "Salvadorans", ("SLV", "CVL")),
        ("Amnesty International criticised the decision.", "Amnesty", ("NGO", "SOC")),
        # bare "officers" are police; national Red Crescent societies are their country's
        ("Plainclothes officers beat a journalist in Harare.", "officers", ("ZWE", "COP")),
        ("Army officers seized power in Niamey.", "Army officers", ("NER", "MIL")),
        ("The Turkish Red Crescent sent tents.", "Turkish Red Crescent", ("TUR", "SOC")),
        ("The Paris Club cancelled the debt.", "Paris Club", ("IGO", "GOV")),
        # companies: a named one is MNC; a state-owned one, or one the text gives a
        # country, is that country's business; negotiators act for their side
        ("Miners walked out after talks with operator BHP failed.", "BHP", ("MNC", "BUS")),
        ("Sonatrach cut gas deliveries to Spain.", "Sonatrach", ("DZA", "BUS")),
        ("Germany's Rheinmetall will build a plant in Ukraine.", "Rheinmetall", ("DEU", "BUS")),
        ("Colombian negotiators walked out.", "Colombian negotiators", ("COL", "GOV")),
        ("Mexico's president criticized the decision.", "Mexico's president", ("MEX", "GOV")),
        ("Former President George W. Bush spoke.", "George W. Bush", ("USA", "ELI")),
        ("Kenyan police fired tear gas.", "Kenyan police", ("KEN", "COP")),
        ("Israeli troops entered the town.", "Israeli troops", ("ISR", "MIL")),
        # a country inside an institution's proper name
        (
            "The Zimbabwe Electoral Commission accused opposition officials of inciting violence.",
            "Zimbabwe Electoral Commission",
            ("ZWE", "GOV"),
        ),
        (
            "The New Zealand Defence Force flew water to Tonga.",
            "New Zealand Defence Force",
            ("NZL", "MIL"),
        ),
        # an "of" phrase names whose they are
        (
            "Foreign ministers of the Group of Seven condemned the missile launch.",
            "Foreign ministers",
            ("IGO", "GOV"),
        ),
        ("Dockworkers in Antwerp walked off the job.", "Dockworkers", ("BEL", "LAB")),
    ],
)
def test_phrase_coding(code: Code, text: str, phrase: str, expected: tuple[str, str]) -> None:
    assert expected in coded(code(text), phrase)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2020-06-01", ("USA", "ELI")),
        ("2021-01-20", ("USA", "GOV")),
        ("2024-12-31", ("USA", "GOV")),
        ("2025-03-01", ("USA", "ELI")),
    ],
)
def test_roles_follow_the_article_date(code: Code, day: str, expected: tuple[str, str]) -> None:
    assert coded(code("Joe Biden spoke on Tuesday.", day), "Biden") == {expected}


@pytest.mark.parametrize(
    ("day", "expected"), [("2021-05-01", ("AFG", "REB")), ("2022-05-01", ("AFG", "GOV"))]
)
def test_taliban_change_sector_in_august_2021(
    code: Code, day: str, expected: tuple[str, str]
) -> None:
    assert expected in coded(code("The Taliban announced new rules.", day), "Taliban")


def test_compound_actor_stays_one_entry_per_conjunct(code: Code) -> None:
    actors = code("Mexico, Honduras, El Salvador and Guatemala are not sending delegations.")
    assert [a.code for a in actors] == ["MEX", "HND", "SLV", "GTM"]
    assert all(a.sector == "GOV" for a in actors)


def test_conjoined_adjectives_give_two_actors(code: Code) -> None:
    actors = code("Mexican and Guatemalan officials met on Monday.")
    assert {a.code for a in actors} == {"MEX", "GTM"}


@pytest.mark.parametrize(
    "text",
    [
        "Floods in Guatemala killed at least 12 people.",
        "He flew to Moscow on Monday.",
        "Fighting spread across northern Syria.",
        "She was sworn in as Sri Lanka's president.",
        "The Washington Outsider published the piece.",
        "Mexican tomatoes are cheap.",
    ],
)
def test_places_roles_and_names_are_not_actors(code: Code, text: str) -> None:
    assert code(text) == []


def test_short_names_match_only_in_their_case(code: Code) -> None:
    assert coded(code("The US sanctioned them."), "US") == {("USA", "GOV")}
    assert code("Let us talk about it.") == []


def test_offsets_point_into_the_text_in_order(code: Code) -> None:
    text = "Beijing rebuked the Philippine coast guard after Manila protested."
    actors = code(text)
    assert [text[a.start : a.end] for a in actors] == [a.text for a in actors]  # type: ignore[index]
    assert [a.start for a in actors] == sorted(a.start for a in actors)  # type: ignore[type-var]
    assert ("PHL", "MIL") in coded(actors, "coast guard")


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("South Korea's opposition party boycotted the vote.", "opposition party", ("KOR", "OPP")),
        (
            "Exiled opposition leader Sviatlana Tsikhanouskaya spoke in Vilnius.",
            "Tsikhanouskaya",
            ("BLR", "OPP"),
        ),
        ("Aid workers in Gaza said supplies had run out.", "Aid workers", ("NGO", "SOC")),
    ],
)
def test_opposition_and_aid_workers(
    code: Code, text: str, phrase: str, expected: tuple[str, str]
) -> None:
    assert expected in coded(code(text, "2024-05-01"), phrase)
