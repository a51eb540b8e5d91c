"""First actor coder: countries (names, demonyms) and agent nouns → Actor records.

This is the foundation's coder; the knowledge-base coder replaces its internals while keeping
``find_actors(document) -> list[Actor]``.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry
from spacy.tokens import Span, Token

from whimbrel.nlp.document import Document
from whimbrel.records import Actor

# Demonyms and adjectives that pycountry lacks (it has no demonyms), plus common short names.
_EXTRA_NAMES: dict[str, str] = {
    "america": "USA", "american": "USA", "americans": "USA", "us": "USA", "u.s.": "USA",
    "united states": "USA", "the united states": "USA", "washington": "USA",
    "mexican": "MEX", "mexicans": "MEX", "honduran": "HND", "hondurans": "HND",
    "salvadoran": "SLV", "salvadorans": "SLV", "guatemalan": "GTM", "guatemalans": "GTM",
    "cuban": "CUB", "cubans": "CUB", "venezuelan": "VEN", "venezuelans": "VEN",
    "nicaraguan": "NIC", "nicaraguans": "NIC", "argentine": "ARG", "argentinian": "ARG",
    "brazilian": "BRA", "brazilians": "BRA", "colombian": "COL", "peruvian": "PER",
    "chilean": "CHL", "bolivian": "BOL", "ecuadorian": "ECU", "panamanian": "PAN",
    "canadian": "CAN", "canadians": "CAN", "british": "GBR", "britain": "GBR", "uk": "GBR",
    "french": "FRA", "german": "DEU", "germans": "DEU", "italian": "ITA", "spanish": "ESP",
    "russian": "RUS", "russians": "RUS", "russia": "RUS", "chinese": "CHN", "beijing": "CHN",
    "iranian": "IRN", "iranians": "IRN", "iran": "IRN", "iraqi": "IRQ", "syrian": "SYR",
    "syria": "SYR", "israeli": "ISR", "israelis": "ISR", "palestinian": "PSE",
    "palestinians": "PSE", "lebanese": "LBN", "turkish": "TUR", "turkey": "TUR",
    "saudi": "SAU", "egyptian": "EGY", "ukrainian": "UKR", "ukrainians": "UKR",
    "polish": "POL", "indian": "IND", "pakistani": "PAK", "afghan": "AFG", "japanese": "JPN",
    "korean": "KOR", "south korea": "KOR", "north korea": "PRK", "north korean": "PRK",
    "taiwan": "TWN", "taiwanese": "TWN", "vietnam": "VNM", "vietnamese": "VNM",
    "kenyan": "KEN", "nigerian": "NGA", "ethiopian": "ETH", "somali": "SOM",
    "sudanese": "SDN", "libyan": "LBY", "yemeni": "YEM", "emirati": "ARE", "qatari": "QAT",
    "kosovo": "KOS", "kosovar": "KOS", "venezuela": "VEN", "bolivia": "BOL", "tanzania": "TZA",
    "moldova": "MDA", "czech republic": "CZE", "laos": "LAO", "the netherlands": "NLD",
    "dutch": "NLD", "swedish": "SWE", "norwegian": "NOR", "danish": "DNK", "finnish": "FIN",
    "greek": "GRC", "australian": "AUS", "filipino": "PHL", "indonesian": "IDN",
    "thai": "THA", "burmese": "MMR", "myanmar": "MMR", "south african": "ZAF",
}

# Agent nouns (lemmas) → PLOVER sector.
_AGENTS: dict[str, str] = {
    "president": "GOV", "government": "GOV", "administration": "GOV", "minister": "GOV",
    "official": "GOV", "regime": "GOV", "leader": "GOV", "premier": "GOV", "ministry": "GOV",
    "army": "MIL", "troop": "MIL", "soldier": "MIL", "military": "MIL", "force": "MIL",
    "police": "COP", "policeman": "COP", "officer": "COP",
    "protester": "CVL", "demonstrator": "CVL", "activist": "CVL", "civilian": "CVL",
    "rebel": "REB", "insurgent": "REB", "militant": "REB", "guerrilla": "REB",
    "judge": "JUD", "court": "JUD", "lawmaker": "LEG", "parliament": "LEG", "congress": "LEG",
    "legislature": "LEG", "opposition": "OPP", "journalist": "JRN", "refugee": "REF",
    "migrant": "REF", "businessman": "BUS", "company": "BUS", "cleric": "REL",
    "gang": "CRM", "criminal": "CRM",
}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names[value.lower()] = c.alpha_3
    names.update(_EXTRA_NAMES)
    return names


def _code_for(text: str) -> str | None:
    key = text.lower().strip()
    names = _country_names()
    if key in names:
        return names[key]
    if key.startswith("the ") and key[4:] in names:
        return names[key[4:]]
    return None


def _agent_sector(token: Token) -> str | None:
    return _AGENTS.get(token.lemma_.lower())


def _actor(span: Span, code: str | None, sector: str | None, name: str | None) -> Actor:
    return Actor(
        text=span.text, code=code, sector=sector, name=name,
        start=span.start_char, end=span.end_char,
    )


def find_actors(document: Document) -> list[Actor]:
    """Code country names, demonym+agent phrases and known agents in the document."""
    doc = document.doc
    found: list[Actor] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "NORP", "ORG", "PERSON", "LOC"}:
            continue
        code = _code_for(ent.text)
        if code is None:
            continue
        span = ent
        sector: str | None = "GOV"
        # "Guatemalan protesters": extend a demonym over its agent head noun.
        head = ent.root.head
        if ent.label_ == "NORP" or ent.root.dep_ in {"amod", "compound", "poss"}:
            agent = _agent_sector(head) if head.i > ent.end - 1 else None
            if agent:
                span = doc[ent.start : head.i + 1]
                sector = agent
        if any(i in taken for i in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        found.append(_actor(span, code, sector, ent.text))
    for token in doc:
        if token.i in taken or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        sector = _agent_sector(token)
        if sector:
            found.append(_actor(doc[token.i : token.i + 1], None, sector, None))
            taken.add(token.i)
    found.sort(key=lambda a: a.start or 0)
    return found
