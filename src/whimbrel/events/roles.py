"""Roles from syntax: which actor mentions are an event's source and target.

Source = who acts (subject or passive agent, inherited through control, raising,
coordination and relative clauses); target = whom it is done to (object, passive subject,
prepositional complement). Actors are the actors stage's mentions, matched to tokens by
character offsets only. Events named by nouns ("Harris' trip") are read in ``nominal.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Token

from whimbrel.actors import dateline_tokens
from whimbrel.events.phrases import agent_modifiers, country_words, np_tokens
from whimbrel.records import Actor

_SUBJ = {"nsubj", "csubj", "expl"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJECT_DEPS = {"dobj", "obj", "dative", "oprd"}
# Prepositions whose complement is a target ("sanctions on Venezuela", "trip to Guatemala");
# not "in" ("marched in Rabat", "killed three men in Jenin": where, not whom).
TARGET_PREPS = {
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
# "targeted the airport with drones", "fought with tanks": with what, not with whom.
_INSTRUMENTS = {
    "drone",
    "missile",
    "rocket",
    "artillery",
    "tank",
    "mortar",
    "warplane",
    "jet",
    "helicopter",
    "gunship",
    "aircraft",
    "launcher",
    "bomb",
    "weapon",
    "gun",
    "rifle",
    "grenade",
    "shell",
    "explosive",
}
# Verbs of sending: their object is what is sent ("flew doctors to Italy").
_TRANSFER = {
    "send",
    "fly",
    "dispatch",
    "rush",
    "ship",
    "deliver",
    "airlift",
    "hand",
    "transfer",
    "bring",
    "move",
    "channel",
    "extradite",
    "return",
    "repatriate",
    "deport",
    "divert",
    "redirect",
    "reroute",
    "shift",
    "funnel",
    "wire",
    "truck",
    "ferry",
    "parachute",
    "airdrop",
}
# Purposes after a sending verb that name whom it is for ("sent firefighters to help Chile").
_HELPING = {"help", "assist", "support", "aid", "bolster", "reinforce"}
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


def complements(prep: Token) -> list[Token]:
    """The objects of a preposition and their coordinated mates ("sanctions on X and Y")."""
    return [t for p in prep.children if p.dep_ == "pobj" for t in conjuncts(p)]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in _PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children)


def subject_tokens(verb: Token, depth: int = 0) -> list[Token]:
    """The acting tokens of a verb, following passives, control, coordination, relatives."""
    if depth > 6:
        return []
    for child in verb.children:
        if child.dep_ == "agent":
            return complements(child)
    if not is_passive(verb):
        dateline = dateline_tokens(verb.doc)
        for child in verb.children:
            if child.dep_ not in _SUBJ or child.dep_ == "expl":
                continue
            if child.i not in dateline:
                return conjuncts(child)
            # "KINSHASA (AFP) - Congo and Rwanda agreed": the parser may make the dateline
            # the subject and the real one its apposition.
            after = [c for c in child.children if c.dep_ == "appos" and c.i not in dateline]
            if after:
                return [t for c in after for t in conjuncts(c)]
    elif any(c.dep_ in _PASS_SUBJ for c in verb.children):
        # "were excluded from the summit by Biden": the parser may hang the agent lower.
        for child in verb.children:
            lower = (
                [p for p in child.children if p.dep_ == "pobj"]
                if child.dep_ == "prep"
                else ([child] if child.dep_ in OBJECT_DEPS else [])
            )
            for pobj in lower:
                for sub in pobj.children:
                    if sub.dep_ in {"agent", "prep"} and sub.lower_ == "by":
                        return complements(sub)
        return []  # a passive without an agent has no stated source
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ == "xcomp":
        if head.lemma_.lower() in _OBJECT_CONTROL:
            objs = [c for c in head.children if c.dep_ in OBJECT_DEPS]
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
            found.extend(complements(child))
        elif child.dep_ in OBJECT_DEPS or (passive and child.dep_ in _PASS_SUBJ):
            found.extend(conjuncts(child))
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            found.extend(
                t
                for t in complements(child)
                if not (child.lower_ == "with" and t.lemma_.lower() in _INSTRUMENTS)
            )
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
    for obj in [c for c in verb.children if c.dep_ in OBJECT_DEPS]:
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ in TARGET_PREPS - {"of", "in"}:
                found.extend(complements(child))
    # "condemned the treatment of traders by Togolese forces", "rejected a compromise proposed
    # by Herzog": the agent of the object (an act or a proposal) is whom the event answers.
    agents = [t for c in verb.children if c.dep_ in OBJECT_DEPS for t in _by_agents(c)]
    if agents:
        found = agents + [t for t in found if t.dep_ not in OBJECT_DEPS]
    # ... also of an act named after a preposition or as a passive subject, when its "by"
    # is its own ("abuses by Kenyan police are being investigated"; not "families left
    # homeless by the quake", "a summit arranged by IGAD").
    found = [
        a
        for t in found
        for a in (
            (_by_agents(t, _AUTHORING) or [t])
            if t.pos_ == "NOUN" and (t.dep_ == "pobj" or t.dep_ in _PASS_SUBJ)
            else [t]
        )
    ]
    # "flew 52 doctors to Italy", "handed the suspects over to Interpol": what is sent is not
    # whom the event is for when the text names where it goes.
    # "diverted aid from Niger's junta to humanitarian groups": nor is where it came from.
    if verb.lemma_.lower() in _TRANSFER:
        sent = {t.i for c in verb.children if c.dep_ in OBJECT_DEPS for t in conjuncts(c)}
        helped = [
            t
            for c in verb.children
            if c.dep_ in {"xcomp", "advcl"} and c.lemma_.lower() in _HELPING
            for o in _helped(c)
            for t in conjuncts(o)
        ]
        # The parser may hang "to Belgrade" on the last thing sent.
        objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
        recipient = any(
            c.dep_ == "prep"
            and c.lower_ in {"to", "into"}
            and any(p.dep_ == "pobj" for p in c.children)
            for c in [*verb.children, *(t for o in objects for t in o.subtree)]
        )
        if recipient or helped:
            origin = {
                p.i
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ == "from"
                for p in c.children
            }
            found = helped + [t for t in found if t.i not in sent and t.i not in origin]
    # "began exporting oil to Germany": the complement's objects.
    if not found:
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ == "VERB":
                found.extend(object_tokens(child))
    # "has attacked and harassed the countries": coordinated verbs share a later object.
    if not any(c.dep_ in OBJECT_DEPS for c in verb.children):
        for conj in verb.conjuncts:
            if conj.i > verb.i and conj.pos_ == "VERB":
                found.extend(
                    t for c in conj.children if c.dep_ in OBJECT_DEPS for t in conjuncts(c)
                )
                break
    # "beg them to attend", "tried to delegitimize Bukele": complements of control verbs.
    if not found:
        for child in verb.children:
            if child.dep_ == "xcomp":
                found.extend(
                    t for c in child.children if c.dep_ in OBJECT_DEPS for t in conjuncts(c)
                )
    # "relcl": "the countries that Biden excluded" -> the modified noun is the object.
    if (
        not found
        and verb.dep_ == "relcl"
        and not any(c.dep_ in OBJECT_DEPS for c in verb.children)
        and verb.head.pos_ in {"NOUN", "PROPN"}
    ):
        subj = subject_tokens(verb)
        if subj and verb.head.i not in {t.i for t in subj}:
            found.append(verb.head)
    return found


def _helped(verb: Token) -> list[Token]:
    """Whom "help" helps: its object, or the subject of its complement ("help Serbia
    contain the virus")."""
    objs = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if objs:
        return objs
    return [
        s
        for c in verb.children
        if c.dep_ in {"ccomp", "xcomp"}
        for s in c.children
        if s.dep_ == "nsubj"
    ]


# Participles whose "by" agent authored what the noun names ("a proposal drafted by the EU",
# "crimes committed by soldiers"), unlike "families left homeless by the quake".
_AUTHORING = {"propose", "draft", "broker", "table", "submit", "sponsor", "commit", "perpetrate"}


def _by_agents(noun: Token, participles: set[str] | None = None) -> list[Token]:
    """The "by" agent of a noun that names an act: "the killing of X by Y", "a plan
    proposed by Y", "crimes committed by Y" (``participles``: only through these)."""
    out: list[Token] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            out.extend(complements(child))
        elif (
            child.dep_ == "acl"
            and child.tag_ == "VBN"
            and (participles is None or child.lemma_.lower() in participles)
        ):
            for sub in child.children:
                if sub.dep_ == "agent" or (sub.dep_ == "prep" and sub.lower_ == "by"):
                    out.extend(complements(sub))
    return out


_ATTACK_NOUNS = {
    "attack",
    "strike",
    "airstrike",
    "bombing",
    "shelling",
    "bomb",
    "blast",
    "explosion",
    "raid",
    "ambush",
    "bombardment",
    "drone",
    "missile",
    "rocket",
}


def _attack_agents(noun: Token) -> list[Token]:
    """Who carried out an attack named by a noun: "by" agents, "blamed on"/"claimed by"."""
    found = _by_agents(noun) or [t for c in noun.children if c.dep_ == "poss" for t in conjuncts(c)]
    for child in noun.children:
        if child.dep_ == "acl" and child.lemma_.lower() in {"blame", "claim"}:
            for sub in child.children:
                if sub.dep_ in {"prep", "agent"} and sub.lower_ in {"on", "by"}:
                    found.extend(complements(sub))
    return found


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


def actors_for(
    tokens: Iterable[Token], actors: list[Actor], exclude: list[Actor] | None = None
) -> list[Actor]:
    """Actor mentions for role tokens: the mention covering the token, else one inside its
    noun phrase, else (for a pronoun) its antecedent."""
    exclude = exclude or []
    chosen: list[Actor] = []
    fallback: list[Actor] = []
    for tok in tokens:
        if tok.i in dateline_tokens(tok.doc):
            continue  # "ADDIS ABABA, July 27 (Reuters) - ...": the parser may hang it anywhere
        inner: list[Actor] = []
        found = _covering(tok, actors)
        if found and not any(a.code for a in found):
            # "Kuwait's development fund" left uncoded: a coded actor inside it names who.
            coded_inside = [a for t in np_tokens(tok) for a in _covering(t, actors) if a.code]
            found = coded_inside[:1] or found
        if not found:
            inner = [a for t in np_tokens(tok) for a in _covering(t, actors)]
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
        if not found:
            found = agent_modifiers(tok)
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
    if not source and len(subj) == 1 and subj[0].lemma_.lower() in _ATTACK_NOUNS:
        # "an air strike by Ethiopian forces killed 56", "a bomb blamed on al-Shabaab
        # exploded": who carried out the attack that did it.
        source = actors_for(_attack_agents(subj[0]), actors)
    target = actors_for(object_tokens(verb), actors, exclude=source)
    return Roles(source, target, subj, is_passive(verb))
