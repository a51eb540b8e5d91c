"""Roles from syntax: which actor mentions are an event's source and target.

Source = who acts (subject or passive agent, inherited through control, raising,
coordination and relative clauses; the possessor of a nominal event); target = whom it is
done to (object, passive subject, prepositional complement). Actors are the actors stage's
mentions, matched to tokens by character offsets only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from whimbrel.actors.knowledge import kb_for, norm
from whimbrel.records import Actor

_SUBJ = {"nsubj", "csubj", "expl"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
_OBJ = {"dobj", "obj", "dative", "oprd"}
# Prepositions whose complement is a target ("sanctions on Venezuela", "trip to Guatemala");
# not "in" ("marched in Rabat", "killed three men in Jenin": where, not whom).
_TARGET_PREPS = {
    "to",
    "on",
    "against",
    "with",
    "from",
    "into",
    "toward",
    "towards",
    "at",
    "of",
    "over",
    "for",
    "upon",
}
# Modifiers that belong to an actor's noun phrase (apposition included).
_NP_DEPS = {"compound", "amod", "poss", "nmod", "appos", "flat"}
# Verbs whose object is the subject of their complement: "urged Iran to stop".
_OBJECT_CONTROL = {
    "urge",
    "ask",
    "beg",
    "force",
    "order",
    "persuade",
    "press",
    "tell",
    "help",
    "encourage",
    "invite",
    "allow",
    "compel",
    "push",
    "call",
}
# Verbs whose object noun is the event: "held talks", "staged a protest", "paid a visit".
_LIGHT_VERBS = {
    "hold",
    "stage",
    "conduct",
    "launch",
    "carry",
    "make",
    "begin",
    "start",
    "organize",
    "organise",
    "mount",
    "pay",
    "open",
    "resume",
    "continue",
    "lead",
    "host",
    "announce",
    "impose",
    "call",
}
_PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
_SINGULAR_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "it", "its", "himself", "herself"}


@dataclass
class Roles:
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    source_tokens: list[Token] = field(default_factory=list)
    passive: bool = False


def conjuncts(token: Token) -> list[Token]:
    """The token and its coordinated mates; a list the parser read as apposition ("Saudi
    Arabia, the United Arab Emirates, Bahrain and Egypt") counts as coordination."""
    out = [token, *token.conjuncts]
    for child in token.children:
        if (
            child.dep_ == "appos"
            and child.pos_ == "PROPN"
            and token.ent_type_ in {"GPE", "NORP", "ORG"}
            and child.ent_type_ == token.ent_type_
            and child.conjuncts
        ):
            out.extend([child, *child.conjuncts])
    return out


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in _PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children)


def subject_tokens(verb: Token, depth: int = 0) -> list[Token]:
    """The acting tokens of a verb, following passives, control, coordination, relatives."""
    if depth > 6:
        return []
    for child in verb.children:
        if child.dep_ == "agent":
            return [t for p in child.children if p.dep_ == "pobj" for t in conjuncts(p)]
    if not is_passive(verb):
        for child in verb.children:
            if child.dep_ in _SUBJ and child.dep_ != "expl":
                return conjuncts(child)
    elif any(c.dep_ in _PASS_SUBJ for c in verb.children):
        # "were excluded from the summit by Biden": the parser may hang the agent lower.
        for child in verb.children:
            lower = (
                [p for p in child.children if p.dep_ == "pobj"]
                if child.dep_ == "prep"
                else ([child] if child.dep_ in _OBJ else [])
            )
            for pobj in lower:
                for sub in pobj.children:
                    if sub.dep_ in {"agent", "prep"} and sub.lower_ == "by":
                        return [t for p in sub.children if p.dep_ == "pobj" for t in conjuncts(p)]
        return []  # a passive without an agent has no stated source
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ == "xcomp":
        if head.lemma_.lower() in _OBJECT_CONTROL:
            objs = [c for c in head.children if c.dep_ in _OBJ]
            if objs:
                return conjuncts(objs[0])
        return subject_tokens(head, depth + 1)
    if verb.dep_ == "conj":
        return subject_tokens(head, depth + 1)
    if verb.dep_ == "relcl":
        return conjuncts(head) if head.pos_ in {"NOUN", "PROPN", "PRON"} else []
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
        # "had to beg them ... by promising meetings": the subject of the governing verb.
        return subject_tokens(head.head, depth + 1)
    if verb.dep_ in {"advcl", "acl", "pcomp"}:
        if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"} and verb.tag_ != "VBN":
            return [head]
        return subject_tokens(head, depth + 1)
    return []


def object_tokens(verb: Token) -> list[Token]:
    """What the verb is done to: objects, passive subjects, prepositional complements."""
    found: list[Token] = []
    passive = is_passive(verb)
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ == "ADP":
            # "granted amnesty to 3,700 prisoners": the parser's dative is the preposition.
            found.extend(t for p in child.children if p.dep_ == "pobj" for t in conjuncts(p))
        elif child.dep_ in _OBJ or (passive and child.dep_ in _PASS_SUBJ):
            found.extend(conjuncts(child))
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            found.extend(t for p in child.children if p.dep_ == "pobj" for t in conjuncts(p))
            # "fired tear gas at demonstrators marching on parliament": the parser makes the
            # participle the preposition's complement and the people its subject.
            found.extend(
                t
                for p in child.children
                if p.dep_ == "pcomp" and p.pos_ == "VERB"
                for s in p.children
                if s.dep_ == "nsubj"
                for t in conjuncts(s)
            )
    # "imposed sanctions on forty officials", "sent aid to Gaza": the object's complement.
    for obj in [c for c in verb.children if c.dep_ in _OBJ]:
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS - {"of", "in"}:
                found.extend(t for p in child.children if p.dep_ == "pobj" for t in conjuncts(p))
    # "condemned the treatment of traders by Togolese forces", "rejected a compromise proposed
    # by Herzog": the agent of the object (an act or a proposal) is whom the event answers.
    agents = [t for c in verb.children if c.dep_ in _OBJ for t in _by_agents(c)]
    if agents:
        found = agents + [t for t in found if t.dep_ not in _OBJ]
    # "began exporting oil to Germany": the complement's objects.
    if not found:
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ == "VERB":
                found.extend(object_tokens(child))
    # "has attacked and harassed the countries": coordinated verbs share a later object.
    if not any(c.dep_ in _OBJ for c in verb.children):
        for conj in verb.conjuncts:
            if conj.i > verb.i and conj.pos_ == "VERB":
                found.extend(t for c in conj.children if c.dep_ in _OBJ for t in conjuncts(c))
                break
    # "beg them to attend", "tried to delegitimize Bukele": complements of control verbs.
    if not found:
        for child in verb.children:
            if child.dep_ == "xcomp":
                found.extend(t for c in child.children if c.dep_ in _OBJ for t in conjuncts(c))
    # "relcl": "the countries that Biden excluded" -> the modified noun is the object.
    if (
        not found
        and verb.dep_ == "relcl"
        and not any(c.dep_ in _OBJ for c in verb.children)
        and verb.head.pos_ in {"NOUN", "PROPN"}
    ):
        subj = subject_tokens(verb)
        if subj and verb.head.i not in {t.i for t in subj}:
            found.append(verb.head)
    return found


def _by_agents(noun: Token) -> list[Token]:
    """The "by" agent of a noun that names an act: "the killing of X by Y", "a plan
    proposed by Y", "crimes committed by Y"."""
    out: list[Token] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            out.extend(t for p in child.children if p.dep_ == "pobj" for t in conjuncts(p))
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            for sub in child.children:
                if sub.dep_ == "agent" or (sub.dep_ == "prep" and sub.lower_ == "by"):
                    out.extend(t for p in sub.children if p.dep_ == "pobj" for t in conjuncts(p))
    return out


def nominal_roles(noun: Token) -> tuple[list[Token], list[Token]]:
    """Source and target tokens of a nominal event: possessor / "by", and its complements."""
    source: list[Token] = []
    target: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss":
            source.extend(conjuncts(child))
        elif child.dep_ in {"compound", "amod", "nmod"} and child.pos_ in {"PROPN", "ADJ"}:
            # "Harris' trip", "Russian attack" act; "her Honduras visit" goes to Honduras.
            (
                target
                if child.ent_type_ in {"GPE", "LOC", "FAC"}
                and noun.lemma_.lower() in {"visit", "trip", "tour"}
                else source
            ).append(child)
        elif child.dep_ == "prep" and child.lower_ == "by":
            source.extend(t for p in child.children if p.dep_ == "pobj" for t in conjuncts(p))
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            target.extend(t for p in child.children if p.dep_ == "pobj" for t in conjuncts(p))
    if not source and noun.dep_ in {"dobj", "obj"} and noun.head.lemma_.lower() in _LIGHT_VERBS:
        # "held talks with Iran", "staged a protest": the verb's subject acts.
        source = subject_tokens(noun.head)
        if not target:
            target = [t for t in object_tokens(noun.head) if t.i != noun.i]
    return source, target


def _np_tokens(token: Token) -> list[Token]:
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


def _covering(token: Token, actors: list[Actor]) -> list[Actor]:
    lo, hi = token.idx, token.idx + len(token.text)
    return [a for a in actors if (a.start or 0) < hi and lo < (a.end or 0)]


def _resolve_pronoun(token: Token, actors: list[Actor], exclude: list[Actor]) -> list[Actor]:
    """Nearest earlier actor mention(s) a pronoun can refer to (plural: a coordinated group)."""
    before = [a for a in actors if (a.end or 0) <= token.idx and a not in exclude]
    if not before:
        return []
    doc = token.doc
    if token.lower_ in _PLURAL_PRONOUNS:
        for actor in reversed(before):
            tok = doc.char_span(actor.start or 0, actor.end or 0, alignment_mode="expand")
            if tok is None:
                continue
            group = [
                t
                for c in conjuncts(tok.root.head if tok.root.dep_ == "conj" else tok.root)
                for t in [c]
            ]
            mates = [a for g in group for a in _covering(g, before)]
            if len(mates) > 1:
                return [a for n, a in enumerate(mates) if a not in mates[:n]]
            if (a_tok := tok.root).tag_ in {"NNS", "NNPS"}:
                return _covering(a_tok, before)[:1]
        return [before[-1]]
    person = token.lower_ not in {"it", "its"}

    def is_person(actor: Actor) -> bool:
        span = doc.char_span(actor.start or 0, actor.end or 0, alignment_mode="expand")
        return span is not None and any(t.ent_type_ == "PERSON" for t in span)

    for actor in reversed(before):
        if is_person(actor) == person:
            return [actor]
    return [before[-1]]


def _group_in(token: Token, actors: list[Actor]) -> list[Actor]:
    best: list[Actor] = []
    for t in token.subtree:
        if t.dep_ == "conj" or not t.conjuncts:
            continue
        group = [a for c in conjuncts(t) for a in _covering(c, actors)]
        if len(group) >= 2 and len(group) > len(best):
            best = group
    return best


_COUNTRY_KINDS = ("name", "metonym", "adjective", "demonym")
_POSSESSIVE_PRONOUNS = {"their", "its", "his", "her", "our", "my", "your"}
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
        for kind in (*_COUNTRY_KINDS, "place"):
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
    inner = [t for t in _np_tokens(token) if t.i != token.i]
    modifiers = [
        t
        for t in inner
        if t.dep_ in {"poss", "amod", "compound", "nmod", "conj"} and not _past_prep(t, token)
    ]
    # "Estonia's removal of Soviet memorials": the possessor, not the "of" complement; the
    # complement only when nothing else is named ("the city of El Fasher").
    complements = [t for t in inner if t.dep_ == "pobj"]
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
        found = _country_hits(span.text)
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


def actors_for(
    tokens: Iterable[Token], actors: list[Actor], exclude: list[Actor] | None = None
) -> list[Actor]:
    """Actor mentions for role tokens: the mention covering the token, else one inside its
    noun phrase, else (for a pronoun) its antecedent."""
    exclude = exclude or []
    chosen: list[Actor] = []
    fallback: list[Actor] = []
    for tok in tokens:
        inner: list[Actor] = []
        found = _covering(tok, actors)
        if found and not any(a.code for a in found):
            # "Kuwait's development fund" left uncoded: a coded actor inside it names who.
            coded_inside = [a for t in _np_tokens(tok) for a in _covering(t, actors) if a.code]
            found = coded_inside[:1] or found
        if not found:
            inner = [a for t in _np_tokens(tok) for a in _covering(t, actors)]
            coded = [a for a in inner if a.code]
            # "the governments of El Salvador and Guatemala": a plural head takes them all.
            found = coded if tok.tag_ in {"NNS", "NNPS"} else coded[:1]
        if not found and tok.pos_ in {"NOUN", "NUM", "PRON"}:
            # "Four of the countries ... — Mexico, Honduras and Guatemala — are not sending":
            # a coordinated group of actors inside the phrase names who.
            found = _group_in(tok, actors)
        if not found:
            found = inner[:1]  # an uncoded name inside the phrase
        if not found and (tok.pos_ == "PRON" or tok.tag_ == "PRP$"):
            found = _resolve_pronoun(tok, actors, exclude + chosen)
        if not found:
            # "their respective governments": a possessive pronoun inside the phrase.
            poss = [c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"]
            if poss:
                found = _resolve_pronoun(poss[0], actors, exclude + chosen)
        if not any(a.code for a in found) and tok.pos_ != "PRON":
            if tok.dep_ == "pobj":
                fallback.extend(country_words(tok))  # only if nothing else is named
            else:
                found = country_words(tok) or found
        # "Ukrainian and Russian troops": coordinated country adjectives the actors stage
        # coded as separate mentions all act.
        for mod in tok.children:
            if mod.dep_ == "amod" and mod.conjuncts:
                for c in [mod, *mod.conjuncts]:
                    found = found + [a for a in _covering(c, actors) if a.code and a not in found]
        for actor in found:
            if actor not in chosen and actor not in exclude:
                chosen.append(actor)
    if not any(a.code for a in chosen):
        # No actor named: the countries the phrases name ("Estonia's removal of memorials").
        # Only then: "placed officials on the US corruption list" -> the officials, not US.
        chosen = [a for a in fallback if a not in exclude] or chosen
    return chosen


def verb_roles(verb: Token, actors: list[Actor]) -> Roles:
    subj = subject_tokens(verb)
    source = actors_for(subj, actors)
    target = actors_for(object_tokens(verb), actors, exclude=source)
    return Roles(source, target, subj, is_passive(verb))


def noun_roles(noun: Token, actors: list[Actor]) -> Roles:
    src_toks, tgt_toks = nominal_roles(noun)
    source = actors_for(src_toks, actors)
    target = actors_for(tgt_toks, actors, exclude=source)
    return Roles(source, target, src_toks, False)


def sentence_of(token: Token) -> Span:
    return token.sent


# Verbs whose subject is the host of a visit: the visitor is the one who acts (CONSULT visit).
_HOSTING = {"host", "receive", "welcome"}


def visitor_first(roles: Roles, trigger: Token, event_type: str) -> Roles:
    """ "Tunisian President Kais Saied received Italian Prime Minister Giorgia Meloni": in a
    visit the visitor acts and the host is the target (Meloni -> Saied), as for "visited"."""
    if event_type != "CONSULT" or trigger.lemma_.lower() not in _HOSTING:
        return roles
    if not roles.source or not any(a.code for a in roles.target):
        return roles
    return Roles(roles.target, roles.source, roles.source_tokens, roles.passive)
