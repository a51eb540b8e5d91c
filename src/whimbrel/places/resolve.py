"""Resolve each event's place: the location its clause or sentence gives, else the article's
main location, as a gazetteer entry (records.Location).

Per document, one pass finds the place mentions (spaCy GPE/LOC/FAC entities and known
landmarks, with "City, State"/"City, Country" qualifiers) and resolves them, disambiguated by
the article's countries and the regions it names (Paris, Texas vs Paris, France). A country
name always resolves to the country. Per event, a mention governed by a locative preposition
("in", "at", "near", ...) or a destination ("trip to", "visited") wins over a bare mention;
mentions that are the event's own actors ("Cuba boycotted") are not its place.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from whimbrel.nlp.document import Document
from whimbrel.places.gazetteer import Gazetteer, Place, fold, load_gazetteer
from whimbrel.records import Actor, Event, Location

_LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "throughout", "around",
             "within", "on", "along", "off", "nearby", "over", "between", "beyond"}
_DESTINATION_HEADS = {"trip", "visit", "travel", "journey", "tour", "mission", "flight",
                      "go", "come", "return", "arrive", "fly", "head", "travel", "deploy",
                      "send", "march", "move", "sail", "drive", "walk", "rush", "dispatch",
                      "deployment", "delegation", "expedition", "pilgrimage", "voyage"}
_PLACE_VERBS = {"visit", "tour", "enter", "invade", "bomb", "shell", "attack", "strike",
                "raid", "occupy", "besiege", "storm", "capture", "seize", "liberate",
                "hit", "target", "blockade", "evacuate", "surround", "annex"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z .'’-]{2,40})(?:,\s*(?P<region>[A-Z][A-Za-z .'’-]{1,40}))?"
    r"\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s"
)


@dataclass(frozen=True)
class PlaceMention:
    """A place said in the text, resolved. ``tier``: 0 locative, 1 destination, 2 bare."""

    start: int
    end: int
    text: str
    place: Place
    tier: int
    token: int  # index of its head token in the doc


@dataclass
class ArticlePlaces:
    """What the article says about places: its mentions, countries and main location."""

    mentions: list[PlaceMention] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    main: Location | None = None


def _tier(span: Span) -> int:
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in _LOCATIVE:
        return 0
    if root.dep_ == "pobj" and head.lower_ in {"to", "into", "toward", "towards"}:
        governor = head.head
        if governor.lemma_.lower() in _DESTINATION_HEADS:
            return 1
    if root.dep_ in {"dobj", "obj"} and head.lemma_.lower() in _PLACE_VERBS:
        return 1
    return 2


def _qualifier(doc_ents: list[Span], i: int, gaz: Gazetteer) -> Span | None:
    """"Paris, Texas" / "Kyiv, Ukraine": the entity right after ", " that qualifies entity
    ``i``. A country is never qualified, and a list ("Mexico, Honduras and ...") is a list."""
    if i + 1 >= len(doc_ents):
        return None
    ent, nxt = doc_ents[i], doc_ents[i + 1]
    doc = ent.doc
    if doc.text[ent.end_char : nxt.start_char].strip() != "," or nxt.label_ not in _PLACE_LABELS:
        return None
    if gaz.country(ent.text) is not None:
        return None
    after = doc.text[nxt.end_char : nxt.end_char + 6].lstrip()
    if after.startswith(("and ", "or ")) or (after.startswith(",") and i + 2 < len(doc_ents)
                                             and doc_ents[i + 2].start_char - nxt.end_char < 8):
        return None
    nxt_key = fold(nxt.text)
    if (gaz.country(nxt.text) is None and nxt_key not in gaz.state_abbreviations
            and not any(p.kind == "admin1" for p in gaz.candidates(nxt.text))):
        return None
    return nxt


def _score(place: Place, gaz: Gazetteer, countries: set[str], regions: set[str]) -> float:
    score = math.log10(place.population + 10)
    score += 1.0 if place.main_name else 0.0
    score += 1.5 if place.feature == "PPLC" else 0.0
    score += 1.0 if place.kind == "admin1" else 0.0
    score += 2.0 if place.iso3 in countries else 0.0
    if place.kind == "city" and regions:
        admin1 = gaz.admin1_of(place)
        if admin1 and fold(admin1) in regions:
            score += 4.0
    return score


def resolve_name(
    name: str,
    gaz: Gazetteer,
    countries: set[str] | None = None,
    regions: set[str] | None = None,
    qualifier: str | None = None,
) -> Place | None:
    """The gazetteer entry a place name means, given the article's countries and regions.

    A country name is always the country. ``qualifier`` ("Texas", "Ukraine", "Tex.")
    restricts the candidates to that country or region.
    """
    countries = countries or set()
    regions = regions or set()
    country = gaz.country(name)
    if country is not None and qualifier is None:
        return country
    cands = gaz.candidates(name)
    if qualifier:
        q_country = gaz.country(qualifier)
        q_region = fold(gaz.state_abbreviations.get(fold(qualifier), qualifier))
        narrowed = [
            p for p in cands
            if (q_country is not None and p.iso3 == q_country.iso3)
            or fold(gaz.admin1_of(p) or "") == q_region
        ]
        cands = narrowed or cands
        if not narrowed and country is not None:
            return country
    if not cands:
        return country
    return max(cands, key=lambda p: _score(p, gaz, countries, regions))


def _landmark_spans(document: Document, gaz: Gazetteer) -> list[Span]:
    """ORG entities that are landmarks standing for a city ("the White House")."""
    return [e for e in document.doc.ents
            if e.label_ in {"ORG", "PERSON"} and fold(e.text).removeprefix("the ")
            in gaz.landmarks]


def _actor_countries(actors: list[Actor], gaz: Gazetteer) -> set[str]:
    return {a.code for a in actors if a.code and gaz.country_by_iso3(a.code) is not None}


def article_places(document: Document, gaz: Gazetteer | None = None) -> ArticlePlaces:
    """Find and resolve every place mention of a document, and its main location."""
    gaz = gaz or load_gazetteer()
    doc = document.doc
    ents = sorted(
        [e for e in doc.ents if e.label_ in _PLACE_LABELS] + _landmark_spans(document, gaz),
        key=lambda e: e.start_char,
    )
    # First the context: countries named (as places or actors) and regions named.
    countries = _actor_countries(document.actors, gaz)
    regions: set[str] = set()
    for ent in ents:
        c = gaz.country(ent.text)
        if c is not None:
            countries.add(c.iso3)
        elif any(p.kind == "admin1" for p in gaz.candidates(ent.text)):
            regions.add(fold(ent.text))
    out = ArticlePlaces(countries=countries)
    skip: set[int] = set()
    for i, ent in enumerate(ents):
        if i in skip:
            continue
        qual = _qualifier(ents, i, gaz)
        place = resolve_name(ent.text, gaz, countries, regions,
                             qual.text if qual is not None else None)
        if place is None:
            continue
        if qual is not None:
            skip.add(i + 1)
        end = qual.end_char if qual is not None else ent.end_char
        out.mentions.append(PlaceMention(
            ent.start_char, end, document.article.text[ent.start_char : end], place,
            _tier(ent), ent.root.i,
        ))
    out.main = _main_location(document, gaz, out)
    return out


def _main_location(document: Document, gaz: Gazetteer, places: ArticlePlaces) -> Location | None:
    """The dateline's place, else the most said locative place, else the most said place."""
    m = _DATELINE.match(document.article.text)
    if m:
        place = resolve_name(m["city"].title(), gaz, places.countries, set(), m["region"])
        if place is not None:
            return location_for(place, m.group(0).strip(" —–-"), gaz)
    for tiers in ((0, 1), (0, 1, 2)):
        counts = Counter(p.place for p in places.mentions if p.tier in tiers)
        if counts:
            best = max(counts, key=lambda p: (counts[p], -_first(places, p)))
            text = next(m.text for m in places.mentions if m.place == best)
            return location_for(best, text, gaz)
    return None


def _first(places: ArticlePlaces, place: Place) -> int:
    return min(m.start for m in places.mentions if m.place == place)


def location_for(place: Place, text: str, gaz: Gazetteer) -> Location:
    return place.location(text, admin1=gaz.admin1_of(place) if place.kind == "city" else None)


def _in_actors(m: PlaceMention, event: Event) -> bool:
    for a in [*event.source, *event.target]:
        if a.start is not None and a.end is not None and a.start < m.end and m.start < a.end:
            return True
    return False


def _clause_head(tok: Token) -> Token:
    steps = 0
    while tok.pos_ not in {"VERB", "AUX"} and tok.head is not tok and steps < 50:
        tok = tok.head
        steps += 1
    return tok


def place_event(document: Document, event: Event, places: ArticlePlaces,
                gaz: Gazetteer) -> Event:
    """One event with its location: its sentence's place, else the article's main place."""
    ev = event.evidence
    own = [m for m in places.mentions if ev.start <= m.start and m.end <= ev.end]
    chosen: PlaceMention | None = None
    if own:
        trig_at = ev.trigger_start if ev.trigger_start is not None else ev.start
        span = document.doc.char_span(trig_at, ev.trigger_end or trig_at + 1,
                                      alignment_mode="expand")
        head = _clause_head(span.root) if span is not None and len(span) else None

        def key(m: PlaceMention) -> tuple[int, int, int]:
            attached = head is not None and _clause_head(document.doc[m.token]) == head
            return (m.tier, 0 if attached else 1, abs(m.start - trig_at))

        usable = [m for m in own if m.tier < 2 or not _in_actors(m, event)]
        if usable:
            chosen = min(usable, key=key)
    if chosen is not None:
        location = location_for(chosen.place, chosen.text, gaz)
    else:
        location = places.main
    return event.model_copy(update={"location": location})


def resolve_places(document: Document, events: list[Event]) -> list[Event]:
    """Events of one document with their locations (new Event objects, same order)."""
    if not events:
        return events
    gaz = load_gazetteer()
    places = article_places(document, gaz)
    return [place_event(document, e, places, gaz) for e in events]
