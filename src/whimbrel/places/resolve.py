"""Resolve each event's place: the location its clause or sentence gives, else the article's
main location, as a gazetteer entry (records.Location).

Per document, one pass finds the place mentions (spaCy GPE/LOC/FAC entities and known
landmarks, with "City, State"/"City, Country" qualifiers) and resolves them, disambiguated by
the article's countries and the regions it names (Paris, Texas vs Paris, France). A country
name always resolves to the country. Per event, a mention governed by a locative preposition
("in", "at", "near", ...) or a destination ("trip to", "visited") is the event's place; bare
mentions ("relations with Cuba") and participants ("Cuba boycotted") are not.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.tokens import Span, Token

from whimbrel.actors.knowledge import COUNTRY_KINDS, TRANSNATIONAL, kb_for, norm
from whimbrel.nlp.document import Document
from whimbrel.nlp.syntax import clause_head
from whimbrel.places.gazetteer import Gazetteer, Place, fold, load_gazetteer
from whimbrel.records import Actor, Event, Location


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_LOCATIVE = _words(
    "in at near outside inside across throughout around within on along off nearby over "
    "between beyond through"
)
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "dative", "attr", "oprd", "agent"}
_PART_OF_PLACE = _words(
    "street outskirts centre center suburb heart edge downtown part north south east west "
    "square port resident people population inhabitant"
)
_REGION_NOUNS = _words(
    "region province state district city town village oblast governorate county area "
    "capital prefecture"
)
_DESTINATION_HEADS = _words(
    "trip visit travel journey tour mission flight go come return arrive fly head deploy "
    "send march move sail drive walk rush dispatch deployment delegation expedition "
    "pilgrimage voyage cross advance push retreat withdraw flee escape evacuate"
)
_PLACE_VERBS = _words(
    "visit tour enter invade bomb shell attack strike raid occupy besiege storm capture "
    "seize liberate hit target blockade evacuate surround annex pound hammer bombard rocket "
    "overrun retake recapture"
)
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z .'’-]{2,40})(?:,\s*(?P<region>[A-Z][A-Za-z .'’-]{1,40}?))?"
    # "DHAKA, July 18 -", "MORELIA, Mexico, Oct 14 (Reuters) -": the filing date
    r"(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"
    r"\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s"
)


@dataclass(frozen=True)
class PlaceMention:
    """A place said in the text, resolved. ``tier``: 0 locative ("in X"), 1 destination or
    object of a place verb ("trip to X", "shelled X"), 2 bare ("her Honduras visit"),
    3 a participant ("Iran accused Israel"): never an event's place."""

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
    if root.dep_ in {"compound", "poss"} and root.head.lemma_.lower() in _DESTINATION_HEADS:
        return 1  # "her Honduras visit", "Biden's Kyiv trip"
    if root.dep_ in {"compound", "nmod"} and root.head.i != root.i:
        root = root.head  # "in the Donetsk region", "at the Natanz nuclear site"
    steps = 0
    while root.dep_ == "conj" and root.head.i != root.i and steps < 20:
        root = root.head  # "in Honduras, El Salvador and Guatemala": all three are "in"
        steps += 1
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in _LOCATIVE:
        return 0
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _PART_OF_PLACE:
        return 0  # "the streets of Tunis"
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _REGION_NOUNS:
        region = head.head  # "in the western state of Michoacan": where the region is
        if region.dep_ == "pobj" and region.head.lower_ in _LOCATIVE:
            return 0
    if root.dep_ == "pobj" and head.lower_ in {"to", "into", "toward", "towards", "on"}:
        governor = head.head
        if governor.lemma_.lower() in _DESTINATION_HEADS:
            return 1
    if root.dep_ in {"dobj", "obj", "npadvmod"} and head.lemma_.lower() in _PLACE_VERBS:
        return 1
    if root.dep_ in _ARGUMENT_DEPS:  # "invite Sweden and Finland": Finland too
        return 3  # a participant ("Iran accused Israel"), not a place
    return 2


def _qualifier(doc_ents: list[Span], i: int, gaz: Gazetteer, text: str) -> Span | None:
    """ "Paris, Texas" / "Kyiv, Ukraine": the entity right after ", " that qualifies entity
    ``i``. A country is never qualified, and a list ("Mexico, Honduras and ...") is a list."""
    if i + 1 >= len(doc_ents):
        return None
    ent, nxt = doc_ents[i], doc_ents[i + 1]
    if text[ent.end_char : nxt.start_char].strip() != ",":
        return None
    if gaz.country(ent.text) is not None:
        return None
    after = text[nxt.end_char : nxt.end_char + 6].lstrip()
    if after.startswith(("and ", "or ")) or (
        after.startswith(",")
        and i + 2 < len(doc_ents)
        and doc_ents[i + 2].start_char - nxt.end_char < 8
    ):
        return None
    nxt_key = fold(nxt.text)
    if (
        gaz.country(nxt.text) is None
        and nxt_key not in gaz.state_abbreviations
        and not any(p.kind == "admin1" for p in gaz.candidates(nxt.text))
    ):
        return None
    return nxt


def _possessor(ent: Span, ents: list[Span]) -> Span | None:
    """The place that owns this one: "Dhaka" in "Dhaka's Mirpur district"."""
    root = ent.root
    heads = [root, root.head] if root.dep_ == "compound" else [root]
    for tok in heads:
        for child in tok.children:
            if child.dep_ == "poss":
                for other in ents:
                    if other is not ent and other.start <= child.i < other.end:
                        return other
    return None


def _score(
    place: Place,
    gaz: Gazetteer,
    countries: dict[str, float],
    regions: set[str],
    city_countries: set[str],
    region_hint: bool,
) -> float:
    score = math.log10(place.population + 10)
    score += 1.0 if place.main_name else 0.0
    score += 1.5 if place.feature == "PPLC" else 0.0
    if place.kind == "admin1":
        # "Kharkiv" is the city, "the Kharkiv region" the region.
        score += 3.0 if region_hint else (-1.5 if place.iso3 in city_countries else 1.0)
    score += 3.0 * countries.get(place.iso3, 0.0)
    if place.kind == "city" and regions:
        admin1 = gaz.admin1_of(place)
        if admin1 and fold(admin1) in regions:
            score += 4.0
    return score


def resolve_name(
    name: str,
    gaz: Gazetteer,
    countries: set[str] | dict[str, float] | None = None,
    regions: set[str] | None = None,
    qualifier: str | None = None,
    region_hint: bool = False,
) -> Place | None:
    """The gazetteer entry a place name means, given the article's countries and regions.

    A country name is always the country. ``countries`` are the article's (a dict gives
    each a weight, 1 for named places, less for coded actors). ``qualifier`` ("Texas", "Tex.")
    restricts the candidates to that country or region; ``region_hint`` ("the Donetsk
    region") prefers a region over a same-named city.
    """
    weights = countries if isinstance(countries, dict) else dict.fromkeys(countries or (), 1.0)
    regions = (regions or set()) - {fold(name).removeprefix("the ")}
    country = gaz.country(name)
    if country is not None and qualifier is None:
        return country
    cands = gaz.candidates(name)
    if qualifier:
        q_country = gaz.country(qualifier)
        q_region = fold(gaz.state_abbreviations.get(fold(qualifier), qualifier))
        narrowed = [
            p
            for p in cands
            if (q_country is not None and p.iso3 == q_country.iso3)
            or fold(gaz.admin1_of(p) or "") == q_region
        ]
        cands = narrowed or cands
        if not narrowed and country is not None:
            return country
    if not cands:
        return country
    if all(p.kind == "town" for p in cands):
        # small towns have no population to rank them: only the article's countries, or a
        # name found in one country only, can decide
        mine = [p for p in cands if weights.get(p.iso3)]
        if mine:
            return max(mine, key=lambda p: weights[p.iso3])
        return cands[0] if len({p.iso3 for p in cands}) == 1 else country
    city_countries = {p.iso3 for p in cands if p.kind == "city" and p.main_name}
    return max(cands, key=lambda p: _score(p, gaz, weights, regions, city_countries, region_hint))


def _known(gaz: Gazetteer, text: str) -> bool:
    return gaz.country(text) is not None or bool(gaz.candidates(text))


def _extra_spans(document: Document, gaz: Gazetteer) -> list[Span]:
    """Places spaCy's NER missed: landmarks tagged ORG ("the White House"), and other
    entities or proper-noun runs the gazetteer knows that stand where a place stands ("in
    Kyiv" tagged PERSON, "shelled Kharkiv", "the Donetsk region")."""
    doc = document.doc
    ents = doc.ents
    spans: list[Span] = [e for e in ents if e.label_ not in _PLACE_LABELS]
    in_ent = {i for e in ents for i in range(e.start, e.end)}
    i = 0
    while i < len(doc):
        if doc[i].pos_ == "PROPN" and i not in in_ent:
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and j + 1 not in in_ent:
                j += 1
            spans.append(doc[i : j + 1])
            i = j + 1
        else:
            i += 1
    out: list[Span] = []
    for span in spans:
        if span.label_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}:
            continue
        if not span.text[:1].isupper():
            continue  # the tagger's lower-case "proper nouns" ("into the bush") are not names
        landmark = fold(span.text).removeprefix("the ") in gaz.landmarks
        if landmark or (_tier(span) < 2 and _known(gaz, span.text)):
            out.append(span)
    return out


def _of_name(ent: Span, gaz: Gazetteer) -> Span:
    """A name the tagger cut after "of" ("Port of [Spain]", "Isle of [Man]") in full."""
    doc = ent.doc
    if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].is_title:
        longer = doc[ent.start - 2 : ent.end]
        if gaz.country(longer.text) is None and gaz.candidates(longer.text):
            return longer
    return ent


def _actor_countries(actors: list[Actor], gaz: Gazetteer) -> set[str]:
    return {a.code for a in actors if a.code and gaz.country_by_iso3(a.code) is not None}


def article_places(document: Document, gaz: Gazetteer | None = None) -> ArticlePlaces:
    """Find and resolve every place mention of a document, and its main location."""
    gaz = gaz or load_gazetteer()
    doc = document.doc
    ents = sorted(
        [_of_name(e, gaz) for e in doc.ents if e.label_ in _PLACE_LABELS]
        + _extra_spans(document, gaz),
        key=lambda e: e.start_char,
    )
    # First the context: countries named as places (or the country of a region named:
    # "Texas" -> USA) weigh 1; countries known only from coded actors weigh 0.8.
    countries: dict[str, float] = dict.fromkeys(_actor_countries(document.actors, gaz), 0.8)
    regions: set[str] = set()
    for ent in ents:
        c = gaz.country(ent.text)
        if c is not None:
            countries[c.iso3] = 1.0
            continue
        cands = gaz.candidates(ent.text)
        admin1 = [p for p in cands if p.kind == "admin1"]
        if admin1:
            regions.add(fold(ent.text))
            # "Texas": USA; "Punjab" says neither; nor does "Gaza", a small Mozambican
            # province but first a Palestinian city ("St. Petersburg" still says Russia).
            bigger = [
                p
                for p in cands
                if p.kind == "city"
                and p.iso3 != admin1[0].iso3
                and p.population > admin1[0].population
            ]
            if len({p.iso3 for p in admin1}) == 1 and not bigger:
                countries[admin1[0].iso3] = 1.0
    out = ArticlePlaces(countries=set(countries))
    skip: set[int] = set()
    for i, ent in enumerate(ents):
        if i in skip:
            continue
        qual = _qualifier(ents, i, gaz, document.article.text)
        name, inner = ent.text, None
        if qual is None and "," in name and not _known(gaz, name):
            name, inner = (part.strip() for part in name.split(",", 1))
        hint = ent.root.dep_ == "compound" and ent.root.head.lemma_.lower() in {
            "region",
            "province",
            "state",
            "oblast",
            "governorate",
            "prefecture",
        }
        owner = _possessor(ent, ents)
        if owner is not None and qual is None and inner is None:
            # "Dhaka's Mirpur district": a place inside the owner's country, else the owner
            owner_place = resolve_name(owner.text, gaz, countries, regions)
            place = resolve_name(name, gaz, countries, regions, None, hint)
            if owner_place is not None and (place is None or place.iso3 != owner_place.iso3):
                inside = [p for p in gaz.candidates(name) if p.iso3 == owner_place.iso3]
                place = inside[0] if inside else owner_place
        else:
            place = resolve_name(
                name, gaz, countries, regions, qual.text if qual is not None else inner, hint
            )
        if place is None:
            continue
        if qual is not None:
            skip.add(i + 1)
        end = qual.end_char if qual is not None else ent.end_char
        out.mentions.append(
            PlaceMention(
                ent.start_char,
                end,
                document.article.text[ent.start_char : end],
                place,
                _tier(ent),
                ent.root.i,
            )
        )
    out.main = _main_location(document, gaz, out)
    return out


def _main_location(document: Document, gaz: Gazetteer, places: ArticlePlaces) -> Location | None:
    """The dateline's place, else the most said place: a place said with "in"/"to" counts
    2, a bare one 1, a participant ("Cuba boycotted") 0.5; ties go to the first said."""
    m = _DATELINE.match(document.article.text)
    if m:
        place = resolve_name(m["city"].title(), gaz, places.countries, set(), m["region"])
        if place is not None:
            return location_for(place, m.group(0).strip(" —–-"), gaz)
    weight = {0: 2.0, 1: 2.0, 2: 1.0, 3: 0.5}
    counts: dict[Place, float] = {}
    for mention in places.mentions:
        counts[mention.place] = counts.get(mention.place, 0.0) + weight[mention.tier]
    if not counts:
        return None
    best = max(counts, key=lambda p: (counts[p], -_first(places, p)))
    text = next(m.text for m in places.mentions if m.place == best)
    return location_for(best, text, gaz)


def _first(places: ArticlePlaces, place: Place) -> int:
    return min(m.start for m in places.mentions if m.place == place)


def location_for(place: Place, text: str, gaz: Gazetteer) -> Location:
    return place.location(text, admin1=gaz.admin1_of(place) if place.kind == "city" else None)


def place_event(document: Document, event: Event, places: ArticlePlaces, gaz: Gazetteer) -> Event:
    """One event with its location: its sentence's place, else the article's main place."""
    ev = event.evidence
    own = [m for m in places.mentions if ev.start <= m.start and m.end <= ev.end]
    chosen: PlaceMention | None = None
    head = None
    trig_at = ev.trigger_start if ev.trigger_start is not None else ev.start

    def attached(m: PlaceMention) -> bool:
        return head is not None and clause_head(document.doc[m.token]) == head

    if own:
        span = document.doc.char_span(
            trig_at, ev.trigger_end or trig_at + 1, alignment_mode="expand"
        )
        head = clause_head(span.root) if span is not None and len(span) else None

        def key(m: PlaceMention) -> tuple[int, int, int]:
            return (m.tier, 0 if attached(m) else 1, abs(m.start - trig_at))

        # only a place said as a place ("in X", "trip to X") is the event's; a bare mention
        # ("relations with Cuba") leaves the event at the article's main location
        usable = [m for m in own if m.tier < 2]
        if usable:
            chosen = min(usable, key=key)
    location = places.main
    if chosen is not None:
        location = location_for(chosen.place, chosen.text, gaz)
    country = location.country if location is not None else None
    local = event.event_type in _LOCAL_VICTIMS
    target = locate_actors(event.target, country, places, document if local else None)
    # (where the violence happened, not "put them on a flight to Managua")
    if local and chosen is not None and country and not _brought_to(document.doc[chosen.token]):
        target = [_victim_here(a, event.source, country) for a in target]
    if not target and event.event_type in _VIOLENCE and chosen is not None:
        # "warplanes hit a market in Idlib province": the violence is done to the place's
        # people; the place said in the attack's sentence (its own clause first) is the target.
        target = [_place_actor(chosen)]
    if event.event_type in _DELIVERED and not any(a.code for a in target):
        # "parachuted food parcels into northern Gaza", "set up field hospitals in Antakya":
        # aid is for the people of the place it is brought to (its own clause first, else a
        # place said as a place in its sentence).
        brought = [
            m
            for m in own
            if m.tier < 3 and (attached(m) or m.tier < 2 or _brought_to(document.doc[m.token]))
        ]
        if brought:
            to = min(
                brought, key=lambda m: (0 if attached(m) else 1, m.tier, abs(m.start - trig_at))
            )
            target = [_place_actor(to)]
    return event.model_copy(
        update={
            "location": location,
            "source": locate_actors(event.source, country, places),
            "target": target,
        }
    )


_VIOLENCE = {"ASSAULT"}
_DELIVERED = {"AID"}
# Events done to people where they are: an unknown person, group or place named as their
# target is of the event's country ("police arrested Kizza Besigye in Kasangati").
_LOCAL_VICTIMS = {"ASSAULT", "COERCE"}
_LOCAL_ENTS = {"PERSON", "NORP", "GPE", "LOC", "FAC"}


def locate_actors(
    actors: list[Actor],
    country: str | None,
    places: ArticlePlaces,
    document: Document | None = None,
) -> list[Actor]:
    """Give uncoded role actors a country (docs/coding-conventions.md, implied roles): a
    place named as a participant ("shelled Kherson") is its country; an actor named only by
    its role ("gunmen", "villagers") takes the country of the event's place; with
    ``document`` (violence and coercion), so does a name the knowledge base does not know
    of a person, group or place."""
    out = []
    for actor in actors:
        if actor.code is None:
            code = country if actor.sector else _place_country(actor, places)
            if code is None and document is not None and _local_name(actor, document):
                code = country
            if code:
                actor = actor.model_copy(update={"code": code})
        out.append(actor)
    return out


def _victim_here(actor: Actor, source: list[Actor], country: str) -> Actor:
    """ "Russian artillery pounded Kherson, killing three civilians": the actors stage gave the
    unnamed victims the sentence's only country word (RUS), the attacker's; they are of the
    place the sentence says the violence happened in."""
    if actor.code is None or actor.code == country or actor.code in TRANSNATIONAL:
        return actor
    if actor.code not in {a.code for a in source} or _names_country(actor.text):
        return actor
    return actor.model_copy(update={"code": country})


def _names_country(text: str) -> bool:
    """Whether a phrase names a country itself ("Ukrainian soldiers", "Russia's envoy")."""
    kb = kb_for()
    words = re.findall(r"[A-Z][\w.'’-]*", text)
    # single names and two-word ones ("Three Ukrainian soldiers", "South Korean sailors")
    names = words + [f"{a} {b}" for a, b in pairwise(words)]
    keys = {norm(w) for w in names}  # norm makes every apostrophe straight
    return any(
        h.kind in COUNTRY_KINDS
        for key in keys | {k.removesuffix("'s") for k in keys}
        for h in kb.lookup(key)
    )


def _place_actor(m: PlaceMention) -> Actor:
    """A place said as an event's participant, as the actor its country is."""
    return Actor(text=m.text, code=m.place.iso3, start=m.start, end=m.end)


def _brought_to(tok: Token) -> bool:
    """ "ships loaded with supplies to Yangon": the parser may hang "to" on the cargo."""
    return tok.dep_ == "pobj" and tok.head.lower_ in {"to", "into"}


def _local_name(actor: Actor, document: Document) -> bool:
    if actor.start is None or actor.end is None:
        return False
    span = document.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ in _LOCAL_ENTS for t in span)


def _place_country(actor: Actor, places: ArticlePlaces) -> str | None:
    if actor.start is None or actor.end is None:
        return None
    for m in places.mentions:
        if m.start < actor.end and actor.start < m.end and m.place.kind != "country":
            return m.place.iso3
    return None


def resolve_places(document: Document, events: list[Event]) -> list[Event]:
    """Events of one document with their locations (new Event objects, same order)."""
    if not events:
        return events
    gaz = load_gazetteer()
    places = article_places(document, gaz)
    return [place_event(document, e, places, gaz) for e in events]
