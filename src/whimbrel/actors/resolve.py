"""Coding: turn noun-phrase units into coded mentions (country code + PLOVER sector).

Precedence inside one phrase, each step recorded in ``Mention.why``:
- code: a person's role on the article date > an organisation or group > an agent that
  carries a code (NGOs) > a country name, adjective, demonym or seat of government;
- sector: a strong agent head ("government", "protesters") > the person's dated role
  (a title in the text stands in for a role the KB no longer knows) > the organisation's >
  a weak head ("member", "leader") taking its modifiers' sector > a country as actor (GOV)
  or a demonym as head ("Guatemalans": CVL).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from whimbrel.actors.knowledge import Agent, Entry, KnowledgeBase
from whimbrel.actors.mentions import Match, Unit

_LOCATIVE = {
    "in",
    "across",
    "throughout",
    "inside",
    "within",
    "near",
    "around",
    "into",
    "outside",
    "along",
    "via",
    "toward",
    "towards",
    "over",
    "through",
    "beyond",
}
_MOTION = {"visit", "travel", "fly", "arrive", "reach", "leave", "return", "tour", "enter", "flee"}
_MOTION_NOUNS = {"trip", "visit", "flight", "journey", "return", "travel", "tour", "way", "road"}
_OFFICE = {"GOV", "MIL", "JUD", "LEG", "PTY", "COP", "SPY"}
_INSTITUTIONS = {
    "congress",
    "parliament",
    "assembly",
    "chamber",
    "senate",
    "house",
    "court",
    "legislature",
}
_DIRECTIONS = {
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north",
    "south",
    "east",
    "west",
}
_FORMER = {"former", "ex", "ex-", "then", "late", "retired", "ousted", "deposed"}
_PERSONISH_ROLES = {
    "president",
    "vice president",
    "prime minister",
    "foreign minister",
    "defense minister",
    "interior minister",
    "finance minister",
    "minister",
    "monarch",
    "crown prince",
    "supreme leader",
}


@dataclass
class Mention:
    """A coded actor mention (token span) with the reasons for its coding."""

    start: int
    end: int
    head: int
    code: str | None = None
    sector: str | None = None
    name: str | None = None
    kb_id: str | None = None
    kind: str = "agent"  # person | org | group | country | agent | pronoun
    number: str = "sg"
    gender: str | None = None
    title: str | None = None
    why: list[str] = field(default_factory=list)
    group: int | None = None
    emit: bool = True
    locative: bool = False
    attached_to: int | None = None  # for places: the token their preposition hangs on
    borrowed: bool = False  # the code is the context's, not the phrase's ("12 people")


def _agent_of(m: Match) -> Agent | None:
    return next((h.agent for h in m.hits if h.kind == "agent" and h.agent), None)


def _entry_of(kb: KnowledgeBase, m: Match) -> Entry | None:
    for h in m.hits:
        if h.kind == "entry" and h.entry is not None:
            return kb.entry(h.entry)
    return None


def _country_of(m: Match) -> tuple[str, str] | None:
    for kind in ("demonym", "name", "metonym", "adjective", "place"):
        for h in m.hits:
            if h.kind == kind and h.code:
                return h.code, kind
    return None


def _actor_head(doc: Doc, tok: Token, kb: KnowledgeBase) -> bool:
    """Whether a token names an actor (agent noun, KB entry or person)."""
    if tok.ent_type_ == "PERSON":
        return True
    for key in {tok.lower_, tok.lemma_.lower()}:
        if any(h.kind in {"agent", "entry"} for h in kb.lookup(key)):
            return True
    return False


def _is_plural(doc: Doc, i: int) -> bool:
    return doc[i].tag_ in {"NNS", "NNPS"}


def code_unit(
    doc: Doc, unit: Unit, kb: KnowledgeBase, day: dt.date, person_ent: bool = False
) -> Mention | None:
    """Code one unit, or None when it is no actor (e.g. "Mexican tomatoes")."""
    head = unit.head
    m = Mention(start=unit.start, end=unit.end, head=head)
    m.number = "pl" if _is_plural(doc, head) else "sg"
    head_match = next((x for x in unit.matches if x.start <= head < x.end), None)
    words = {doc[t].lower_ for t in unit.tokens}
    former = bool(words & _FORMER)

    persons: list[tuple[Match, Entry]] = []
    orgs: list[tuple[Match, Entry]] = []
    countries: list[tuple[Match, str, str]] = []
    agents: list[tuple[Match, Agent]] = []
    for x in unit.matches:
        e = _entry_of(kb, x)
        if e is not None:
            (persons if e.kind == "person" else orgs).append((x, e))
            continue
        c = _country_of(x)
        if c is not None:
            countries.append((x, c[0], c[1]))
            continue
        a = _agent_of(x)
        if a is not None:
            agents.append((x, a))

    head_agent = _agent_of(head_match) if head_match else None
    if head_match and (_entry_of(kb, head_match) or _country_of(head_match)):
        head_agent = None
    mod_agents = [a for x, a in agents if x is not head_match]
    title = next((a.role for a in mod_agents if a.role), None) or (
        head_agent.role if head_agent else None
    )

    # Code.
    person_role = None
    if persons:
        x, e = persons[-1]
        role, why = e.role_on(day)
        m.kind, m.name, m.kb_id, m.gender = "person", e.names[0], e.id, e.gender
        m.why.append(f"{doc[x.start : x.end].text!r} is {e.id} ({e.source}): {why}")
        if role:
            m.code = role.code
            person_role = role
    if m.code is None and orgs:
        x, e = orgs[-1]
        role, why = e.role_on(day)
        if m.kind != "person":
            m.kind, m.name, m.kb_id, m.number = e.kind, e.names[0], e.id, e.number
        m.why.append(f"{doc[x.start : x.end].text!r} is {e.id} ({e.source}): {why}")
        if role:
            m.code = role.code
            if m.sector is None and role.sector and not (head_agent and not head_agent.weak):
                m.sector = role.sector
    agent_code = next((a.code for _, a in agents if a.code), None)
    if m.code is None and agent_code:
        m.code = agent_code
        m.why.append(f"agent phrase carries code {agent_code}")
    if countries:
        x, code, kind = countries[0]
        if m.code is None:
            m.code = code
            m.why.append(f"{doc[x.start : x.end].text!r} is the {kind} of {code}")
        elif m.code == "MNC" and kind != "place":
            # "Venezuela's state oil company PDVSA", "Germany's Rheinmetall": a company the
            # text gives a country is that country's (docs/coding-conventions.md).
            m.why.append(f"{doc[x.start : x.end].text!r} is the {kind} of {code}: its company")
            m.code = code
        else:
            agree = "agrees" if code == m.code else f"the {m.kind}'s coding wins"
            m.why.append(f"{doc[x.start : x.end].text!r} is the {kind} of {code} ({agree})")
        if len(countries) > 1:
            m.why.append("several countries: one actor per conjunct")
    if m.code is None and not (head_agent or persons or orgs or person_ent):
        return None

    # Is it an actor at all?
    is_head_country = head_match is not None and _country_of(head_match) is not None
    if not (persons or orgs or head_agent or is_head_country or person_ent):
        return None  # "Mexican tomatoes", "the US corruption list"
    if is_head_country and not (persons or orgs or head_agent):
        c = _country_of(head_match) if head_match else None
        tok = doc[head]
        if c and c[1] == "adjective" and tok.pos_ == "ADJ" and tok.dep_ == "amod":
            return None
        inside = {t for x in unit.matches for t in range(x.start, x.end)}
        if any(doc[t].lower_ in _DIRECTIONS for t in unit.tokens - inside):
            m.emit = False  # "northern Syria": a region of the country
            m.why.append("a region of the country: a location, not an actor")
        if tok.dep_ == "poss" and not _actor_head(doc, tok.head, kb) and c and c[1] != "metonym":
            m.emit = False  # "Russia's economy": kept as context, not an actor
            m.why.append("possessor of a thing, not of an actor: context only")
        if c and c[1] == "place":
            m.emit = False
            m.locative = True
            m.why.append("a province or city: context for nearby actors, not an actor")
        # "in the capital, Kabul"; but a list in apposition names the members of a group
        # ("flows into the United States — Mexico, Honduras and Guatemala — ...").
        place = tok.head if tok.dep_ == "appos" and not tok.conjuncts else tok
        preps = set(_LOCATIVE)
        if c and c[1] == "metonym" and place.dep_ == "pobj":
            governor = place.head.head
            # "flew to Moscow", "a trip to Beijing"; not "a proposal from Kyiv".
            if governor.pos_ in {"VERB", "AUX"} or governor.lemma_.lower() in _MOTION_NOUNS:
                preps |= {"to", "from"}
        if place.dep_ == "pobj" and place.head.lower_ in preps:
            m.locative = True
            m.emit = False
            m.attached_to = place.head.head.i
            m.why.append(f"place after {place.head.lower_!r}: a location, not an actor")

    tok = doc[head]
    if (
        orgs
        and not (persons or head_agent)
        and tok.ent_type_ == "GPE"
        and tok.dep_ == "pobj"
        and tok.head.lower_ in _LOCATIVE
    ):
        # "met in Brussels", "talks in Geneva": a seat named as a place, not the body there.
        m.locative = True
        m.emit = False
        m.attached_to = tok.head.head.i
        m.why.append(f"place after {tok.head.lower_!r}: a location, not an actor")

    # Sector.
    if head_agent and not head_agent.weak:
        m.sector = head_agent.sector
        m.why.append(f"head {doc[head].text!r} is agent {head_agent.sector}")
    elif person_role is not None and persons:
        sector = person_role.sector
        if sector == "ELI" and title in _PERSONISH_ROLES and not former:
            titled = next(a for a in mod_agents + ([head_agent] if head_agent else []) if a.role)
            sector = titled.sector
            m.why.append(f"title {title!r} in the text: {sector}")
        m.sector = sector
        if former and sector in _OFFICE and not persons[-1][1].current(day):
            m.sector = "ELI"
            m.why.append("'former': ELI")
    elif m.sector is None and head_agent and head_agent.weak:
        strong = [a for a in mod_agents if not a.weak]
        m.sector = strong[-1].sector if strong else head_agent.sector
        m.why.append(f"weak head {doc[head].text!r}: sector {m.sector} from its modifiers")
    elif m.sector is None and mod_agents:
        m.sector = mod_agents[-1].sector
    if m.sector is None and is_head_country and head_match is not None:
        c = _country_of(head_match)
        if c and c[1] == "demonym":
            m.sector = "CVL"
            m.why.append("demonym as head: the people, CVL")
        else:
            m.sector = "GOV"
            m.why.append("country or seat of government as actor: its government, GOV")
    if m.sector is None and orgs:
        m.sector = "UNK"
    if "opposition" in words and m.sector in {"PTY", "GOV", "LEG", "ELI", "UNK", None}:
        m.sector = "OPP"
        m.why.append("'opposition' in the phrase: OPP")
    if former and m.sector == "GOV" and not persons:
        m.sector = "ELI"
    if (
        m.kind == "person"
        and head_agent
        and not head_agent.weak
        and (head_agent.role not in _PERSONISH_ROLES)
    ):
        m.kind = "agent"  # "the Maduro regime", "the Biden administration": not a person
    if m.kind == "agent":
        if is_head_country:
            m.kind = "country"
        elif person_ent or (title in _PERSONISH_ROLES and m.number == "sg"):
            m.kind = "person"
    if title and m.kind == "person":
        m.title = "former " + title if former else title
    if not head_agent and (persons or orgs) and head_match is None:
        # "Harris' June 2021 trip": the actor is the name, not the whole phrase.
        named = (
            [x for x, _ in persons + orgs] + [x for x, _, _ in countries] + [x for x, _ in agents]
        )
        m.start = min(x.start for x in named)
        m.end = max(x.end for x in named)
        if m.end < len(doc) and doc[m.end].tag_ == "POS":
            m.end += 1
    tok = doc[head]
    c_head = _country_of(head_match) if head_match else None
    if (
        head_agent
        and not head_agent.weak
        and tok.lemma_.lower() in _INSTITUTIONS
        and (tok.dep_ == "pobj" and tok.head.lower_ in {"in", "into", "inside", "within"})
    ):
        m.emit = False  # "a bill in Congress", "appeared in court": the institution as a place
        m.why.append(f"institution after {tok.head.lower_!r}: a place, not an actor")
    first = tok
    while first.dep_ in {"conj", "appos"} and first.head.i != first.i:
        first = first.head
    if (
        c_head
        and c_head[1] == "metonym"
        and not (persons or orgs or head_agent)
        and (first.dep_ == "dobj" and first.head.lemma_ in _MOTION)
    ):
        m.emit = False  # "visited Moscow and Beijing": a destination, not an actor
        m.why.append("capital as object: a destination, not an actor")
    if person_ent and not (persons or orgs or countries or agents):
        m.emit = False  # a name the KB does not know, with no title or country: too unsure
        m.why.append("unknown name without title or country: not coded")
    if (
        tok.lemma_.lower() in {"government", "coalition", "cabinet"}
        and any(c.lower_ in {"a", "an"} for c in tok.lefts)
        and tok.dep_ not in {"nsubj", "nsubjpass"}
    ):
        m.emit = False  # "formed a government", "called for a unity government"
        m.why.append("an indefinite government as object: not an actor yet")
    if m.sector is None and (m.kind != "person" or m.kb_id):
        m.emit = False
        m.why.append("no sector: not coded as an actor")
    if not (persons or orgs) and (
        tok.dep_ in {"attr", "oprd"} or (tok.dep_ == "pobj" and tok.head.lower_ == "as")
    ):
        m.emit = False  # "sworn in as Sri Lanka's president": a role, not another actor
        m.why.append("predicate ('as ...', 'is ...'): a role, not an actor")
    m.why.insert(0, f"phrase {doc[m.start : m.end].text!r}")
    if not m.code and m.kind != "person":
        m.why.append("no country or organisation in the phrase")
    return m


def split_conjuncts(doc: Doc, unit: Unit, m: Mention, kb: KnowledgeBase) -> list[Mention]:
    """ "Mexican and Guatemalan officials" -> one mention per country adjective."""
    countries = []
    for x in unit.matches:
        c = _country_of(x)
        if c and _entry_of(kb, x) is None:
            countries.append((x, c[0]))
    codes = {c for _, c in countries}
    if len(codes) < 2 or m.kind == "person":
        return [m]
    out = []
    for n, (x, code) in enumerate(countries):
        last = n == len(countries) - 1
        part = Mention(
            start=x.start if n else m.start,
            end=m.end if last else x.end,
            head=m.head,
            code=code,
            sector=m.sector,
            kind=m.kind,
            number=m.number,
            why=[*m.why, f"conjunct {doc[x.start : x.end].text!r}: {code}"],
            emit=m.emit,
        )
        out.append(part)
    return out
