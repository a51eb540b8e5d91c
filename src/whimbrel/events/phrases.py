"""What a role phrase names when the actors stage found no actor in it: the countries its
words name ("Estonia's removal of memorials" -> EST, "shelled Kherson" -> UKR) and the role
words modifying its head ("ambushed a police convoy" -> police).
"""

from __future__ import annotations

from spacy.tokens import Token

from whimbrel.actors.knowledge import COUNTRY_KINDS, kb_for, norm
from whimbrel.records import Actor

# Modifiers that belong to an actor's noun phrase (apposition included).
_NP_DEPS = {"compound", "amod", "poss", "nmod", "appos", "flat"}


def np_tokens(token: Token) -> list[Token]:
    """The token's noun phrase (modifiers, apposition, "of" complements), no clauses."""
    out = [token]
    stack = [token]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if (
                child.dep_ in _NP_DEPS
                or (child.dep_ == "prep" and child.lower_ == "of")
                or (child.dep_ == "conj" and tok.dep_ == "pobj")
                or (child.dep_ == "pobj" and tok.dep_ == "prep" and tok.lower_ == "of")
            ):
                out.append(child)
                stack.append(child)
    return out


# Prepositions after which a city or province is a location, not whom an act is done to.
_PLACE_PREPS = {"in", "at", "from", "into", "toward", "towards", "near", "inside", "across"}
_SECTOR_HEADS = {
    "MIL": {
        "missile",
        "rocket",
        "drone",
        "strike",
        "airstrike",
        "attack",
        "warplane",
        "jet",
        "warship",
        "tank",
        "artillery",
        "bombardment",
        "shelling",
        "bomb",
        "raid",
        "position",
        "base",
        "aircraft",
        "vessel",
        "submarine",
        "destroyer",
        "offensive",
        "operation",
    },
    "BUS": {
        "firm",
        "company",
        "bank",
        "exporter",
        "importer",
        "product",
        "oil",
        "gas",
        "import",
        "export",
        "industry",
        "sector",
        "business",
        "investor",
        "carrier",
        "airline",
    },
    "CVL": {
        "civilian",
        "villager",
        "community",
        "resident",
        "people",
        "man",
        "woman",
        "child",
        "prisoner",
        "city",
        "town",
        "village",
        "family",
        "citizen",
        "national",
        "hostage",
        "worker",
        "student",
        "journalist",
        "tourist",
    },
}


def _sector_for(head: Token) -> str:
    lemma = head.lemma_.lower()
    for sector, heads in _SECTOR_HEADS.items():
        if lemma in heads:
            return sector
    return "GOV"


def _country_hits(text: str) -> list[str]:
    kb = kb_for()
    key = norm(text)
    for variant in (key, key[4:] if key.startswith("the ") else "", key.removesuffix("'s")):
        if not variant:
            continue
        hits = kb.lookup(variant)
        for kind in (*COUNTRY_KINDS, "place"):
            codes = [h.code for h in hits if h.kind == kind and h.code]
            if codes:
                return [codes[0], kind]
    return []


def country_words(token: Token) -> list[Actor]:
    """Countries named inside a role phrase the actors stage left as a thing, not an actor:
    "Estonia's removal of memorials" -> EST, "an Egyptian proposal" -> EGY, "Russian
    missiles struck" -> RUS, "shelled Kherson" (a city as what is attacked) -> UKR. Places
    after "in/at/from..." are locations, not targets ("blocked a highway in Tel Aviv")."""
    where = token
    while where.dep_ == "conj" and where.head.i != where.i:
        where = where.head
    after_place_prep = where.dep_ == "pobj" and where.head.lower_ in _PLACE_PREPS
    inner = [t for t in np_tokens(token) if t.i != token.i]
    modifiers = [
        t
        for t in inner
        if t.dep_ in {"poss", "amod", "compound", "nmod", "conj"} and not _past_prep(t, token)
    ]
    # "Estonia's removal of Soviet memorials": the possessor, not the "of" complement; the
    # complement only when nothing else is named ("the city of El Fasher")
    complements = [t for t in inner if t.dep_ == "pobj"]
    # ... and their possessors and country adjectives: "wrote off 90 percent of North Korea's
    # debt" -> PRK, "halts imports of Japanese seafood" -> JPN.
    complements += [c for t in complements for c in t.children if c.dep_ in {"poss", "amod"}]
    for tier in ([token, *modifiers], complements):
        out = _country_actors(token, sorted(tier, key=lambda t: t.i), where, after_place_prep)
        if out:
            return out
    return []


def _past_prep(tok: Token, top: Token) -> bool:
    """Whether a preposition stands between ``tok`` and ``top`` (its phrase's head)."""
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.dep_ == "prep":
            return True
        tok = tok.head
    return False


def _country_actors(
    token: Token, candidates: list[Token], where: Token, after_place_prep: bool
) -> list[Actor]:
    doc = token.doc
    sector = _sector_for(token)
    out: list[Actor] = []
    seen: set[str] = set()
    for tok in candidates:
        if tok.ent_iob_ in {"B", "I"} and tok.ent_type_ in {"GPE", "NORP", "LOC", "FAC", "ORG"}:
            start = tok.i
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            end = tok.i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            span = doc[start:end]
        else:
            span = doc[tok.i : tok.i + 1]
        if span.root.i != tok.i and tok.i != span.end - 1:
            continue
        # Names, adjectives and capitals are capitalised: "a car bomb" is not CAR (CAF).
        found = _country_hits(span.text) if span.text[:1].isupper() else []
        if not found:
            continue
        code, kind = found
        # A city or province counts as itself ("shelled Kharkiv") or as what a place noun
        # names ("the Ukrainian city of Kharkiv"), not as a modifier ("Idlib's camps").
        named_place = tok.i == token.i or (
            tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i == token.i
        )
        if kind == "place" and (after_place_prep or not named_place):
            continue
        if kind == "metonym" and after_place_prep and where.head.lower_ != "from":
            continue
        if tok.i == token.i and after_place_prep:
            continue
        if code in seen:
            continue
        seen.add(code)
        out.append(
            Actor(
                text=span.text,
                code=code,
                sector=sector,
                start=span.start_char,
                end=span.end_char,
            )
        )
    return out


def known_country_word(text: str) -> bool:
    """Whether the knowledge base reads ``text`` as a country, capital, city or province:
    the actors stage has already decided whether such a name is an actor."""
    return bool(_country_hits(text))


# What a group's role word can modify and still name the group as the one it is done to.
_THEIR_THINGS = {
    "convoy",
    "checkpoint",
    "position",
    "post",
    "outpost",
    "base",
    "barracks",
    "station",
    "headquarters",
    "vehicle",
    "truck",
    "compound",
    "office",
    "building",
    "helicopter",
    "plane",
    "ship",
    "boat",
}


_ARMED = {"COP", "MIL", "REB", "PRM", "SPY"}


def agent_modifiers(token: Token) -> list[Actor]:
    """Role words modifying a role phrase's head that names a thing of theirs: "ambushed a
    police convoy", "shelled army positions" -> police, army (code None: the places stage
    gives them the event's country, as it does to "gunmen")."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in _THEIR_THINGS:
        return []
    kb = kb_for()
    out: list[Actor] = []
    for child in token.children:
        if child.dep_ not in {"compound", "amod"} or child.i > token.i:
            continue
        agents = [h.agent for h in kb.lookup(norm(child.text)) if h.kind == "agent" and h.agent]
        if agents and agents[0].sector in _ARMED and not agents[0].weak:
            out.append(
                Actor(
                    text=child.text,
                    sector=agents[0].sector,
                    code=agents[0].code,
                    start=child.idx,
                    end=child.idx + len(child.text),
                )
            )
    return out
