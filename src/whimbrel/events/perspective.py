"""Roles seen from the event's side, where the type decides what the parse means.

"Saied received Meloni" (a visit: the visitor acts) and "Malawi received maize from
Tanzania" (aid: the giver acts) swap the roles ``roles.py`` reads from the parse; a threat's
condition ("unless Russia agreed to a ceasefire") names whom it threatens.
"""

from __future__ import annotations

from spacy.tokens import Token

from whimbrel.events.roles import OBJECT_DEPS, Roles, actors_for, complements, conjuncts
from whimbrel.records import Actor

# Verbs whose subject is the recipient of what is given: "Ghana received vaccines from COVAX".
_RECEIVING = {"receive", "get", "obtain", "secure", "win"}


def giver_first(roles: Roles, trigger: Token, event_type: str, actors: list[Actor]) -> Roles:
    """ "Argentina received an $800 million payout from the IMF": in aid the giver acts, and
    the one who receives is the target (the IMF -> Argentina). Without a giver named ("Rwanda
    agreed to receive 250 migrants") the receiver gives refuge: the roles stay."""
    if event_type != "AID" or trigger.lemma_.lower() not in _RECEIVING or not roles.source:
        return roles
    heads = [trigger, *(c for c in trigger.children if c.dep_ in OBJECT_DEPS)]
    givers = [
        t
        for head in heads
        for c in head.children
        if c.dep_ == "prep" and c.lower_ == "from"
        for t in complements(c)
    ]
    source = actors_for(givers, actors)
    if not any(a.code for a in source):
        return roles
    return Roles(source, roles.source, givers, roles.passive)


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


# Conjunctions that make a clause the condition of a threat (or of an offer).
_CONDITIONS = {"if", "unless", "until"}


def threatened(roles: Roles, trigger: Token, event_type: str, actors: list[Actor]) -> Roles:
    """ "Nigeria's unions threatened a general strike if the government did not raise the
    minimum wage", "Medvedev warned that Moscow could resort to nuclear weapons if Ukraine's
    counteroffensive succeeded": with no one named as its object, a threat is made against
    whoever its condition asks to act (or not to) -- the condition clause's subject, the
    source's own government included."""
    if event_type != "THREATEN" or any(a.code for a in roles.target) or not roles.source:
        return roles
    conditions = [
        t
        for t in trigger.subtree
        if t.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in t.children)
    ]
    for clause in conditions:
        subj = [
            t for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} for t in conjuncts(c)
        ]
        target = [a for a in actors_for(subj, actors, exclude=roles.source) if a.code]
        if target:
            return Roles(roles.source, target, roles.source_tokens, roles.passive)
    return roles
