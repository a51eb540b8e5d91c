"""The places stage on real parses: which mention is an event's place, and the fallback."""

from __future__ import annotations

import pytest
from spacy.language import Language

from whimbrel.actors import find_actors
from whimbrel.eval.dates import trigger_event
from whimbrel.nlp import Document, parse
from whimbrel.places import article_places, haversine_km, resolve_places
from whimbrel.records import Article, Event


def _doc(nlp: Language, text: str) -> Document:
    document = next(parse([Article.from_text(text)], nlp))
    document.actors = find_actors(document)
    return document


def _placed(nlp: Language, text: str, trigger: str) -> Event:
    document = _doc(nlp, text)
    (event,) = resolve_places(document, [trigger_event(document, trigger)])
    return event


@pytest.mark.parametrize(
    ("text", "trigger", "name", "iso3", "lat", "lon"),
    [
        (
            "Harris’ June 2021 trip to Guatemala was an embarrassment; protesters mocked the veep.",
            "mocked",
            "Guatemala",
            "GTM",
            14.634,
            -90.507,
        ),
        ("Russian forces shelled Kharkiv overnight.", "shelled", "Kharkiv", "UKR", 49.994, 36.231),
        ("Police in Paris, Texas, arrested two men.", "arrested", "Paris", "USA", 33.661, -95.556),
        ("Macron met Scholz in Paris to discuss the war.", "met", "Paris", "FRA", 48.857, 2.352),
        # "the state of X" after "in" is where; a name cut after "of" is read whole
        (
            "Gunmen ambushed a convoy in the western state of Michoacan on Monday.",
            "ambushed",
            "Michoacan",
            "MEX",
            19.61,  # admin1 regions sit at the mean of their GeoNames places
            -101.5,
        ),
        (
            "Police arrested 40 people in Port of Spain on Friday.",
            "arrested",
            "Port of Spain",
            "TTO",
            10.666,
            -61.519,
        ),
        ("Aid trucks crossed into Gaza through Rafah.", "crossed", "Rafaḩ", "PSE", 31.297, 34.245),
        ("Demonstrators filled the streets of Tunis.", "filled", "Tunis", "TUN", 36.806, 10.181),
        (
            "Canadian police cleared the bridge in Windsor, Ontario.",
            "cleared",
            "Windsor",
            "CAN",
            42.317,
            -83.036,
        ),
        (
            "Iran accused Israel of sabotage at the Natanz nuclear site.",
            "accused",
            "Naţanz",
            "IRN",
            33.511,
            51.918,
        ),
        # a name that is a Mozambican province but first a Palestinian city gives no context
        ("Planes dropped food into Gaza.", "dropped", "Gaza", "PSE", 31.502, 34.467),
        # the people of a place are in it; news names for regions the gazetteer files otherwise
        ("Wheat was given to residents of Tigray.", "given", "Tigray", "ETH", 13.549, 39.168),
        ("Aid reached families in North Kivu.", "reached", "Nord Kivu", "COD", -0.654, 29.259),
        (
            "The president signed the bill at the White House.",
            "signed",
            "Washington",
            "USA",
            38.907,
            -77.037,
        ),
    ],
)
def test_the_place_of_the_event(
    nlp: Language, text: str, trigger: str, name: str, iso3: str, lat: float, lon: float
) -> None:
    loc = _placed(nlp, text, trigger).location
    assert loc is not None
    assert (loc.name, loc.country) == (name, iso3)
    assert loc.lat is not None and loc.lon is not None
    assert haversine_km(loc.lat, loc.lon, lat, lon) < 25


@pytest.mark.parametrize(
    ("text", "trigger", "iso3"),
    [
        # participants are not places; the previous sentence's "in Madrid" is the main place
        (
            "The summit opened in Madrid. NATO leaders agreed to invite Sweden and Finland.",
            "agreed",
            "ESP",
        ),
        (
            "Protesters gathered in Minsk on Sunday. Police detained dozens of them.",
            "detained",
            "BLR",
        ),
        # a bare mention is not a place said as one
        (
            "The summit opened in Madrid. The leaders discussed relations with Cuba.",
            "discussed",
            "ESP",
        ),
        # "her Honduras visit": the visit's own place
        ("Harris went to Mexico. Her Honduras visit was short.", "visit", "HND"),
        # the dateline is the article's place
        (
            "KYIV, Ukraine (AP) — Russian forces shelled the city again, officials said.",
            "shelled",
            "UKR",
        ),
        # a dateline with its date
        ("DHAKA, July 18 - Protesters torched a police station.", "torched", "BGD"),
        # bare "Congo" is the DRC; lower-case "bush" is no place
        (
            "Militiamen attacked villages in eastern Congo, forcing families into the bush.",
            "attacked",
            "COD",
        ),
    ],
)
def test_main_location_when_the_sentence_has_none(
    nlp: Language, text: str, trigger: str, iso3: str
) -> None:
    loc = _placed(nlp, text, trigger).location
    assert loc is not None and loc.country == iso3


def test_no_place_at_all(nlp: Language) -> None:
    assert _placed(nlp, "The minister resigned after the scandal.", "resigned").location is None


def test_region_mentions_and_admin1(nlp: Language) -> None:
    loc = _placed(nlp, "The ceasefire collapsed in the Donetsk region.", "collapsed").location
    assert loc is not None
    assert (loc.country, loc.admin1, loc.feature) == ("UKR", "Donetsk", "ADM1")


def test_article_countries_come_from_places_and_actors(nlp: Language) -> None:
    places = article_places(_doc(nlp, "Lebanese troops deployed in Tripoli after clashes."))
    assert "LBN" in places.countries
    assert places.mentions[0].place.iso3 == "LBN"


def test_no_events_no_work(nlp: Language) -> None:
    assert resolve_places(_doc(nlp, "Rain fell in Paris."), []) == []
