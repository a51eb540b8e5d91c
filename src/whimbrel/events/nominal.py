"""Roles of events named by nouns: "Harris' June 2021 trip to Guatemala", "the withdrawal of
French troops from Mali", "held talks with Iran", "a meeting between Yoon and Lee".

Who acts is the possessor, a "by" or "from" agent, a name or adjective before the noun, the
"of" complement of a noun for what its subject does (a withdrawal, a resignation, an
arrival), the parties "between" whom a symmetric event happens, or the subject of the verb
that carries the noun ("staged a strike", "arrived for talks"). Whom it is done to is the
noun's prepositional complement.
"""

from __future__ import annotations

from spacy.tokens import Token

from whimbrel.events.roles import (
    TARGET_PREPS,
    Roles,
    actors_for,
    complements,
    conjuncts,
    object_tokens,
    subject_tokens,
)
from whimbrel.records import Actor

# Verbs whose object noun is the event: "held talks", "staged a protest", "paid a visit",
# "issued a strike threat", "gave his blessing", "wrapped up a trip".
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
    "issue",
    "give",
    "wrap",
    "complete",
    "undertake",
}
# Nouns for what their subject does, whose "of" complement is that subject: "the withdrawal
# of French troops", "the resignation of the foreign minister", "the buildup of Chinese
# troops". A "from" complement is where they left, not who acts.
_SUBJECT_OF_NOUNS = {
    "withdrawal",
    "pullout",
    "pullback",
    "retreat",
    "departure",
    "resignation",
    "arrival",
    "visit",
    "return",
    "deployment",
    "buildup",
    "build-up",
    "mobilisation",
    "mobilization",
    "decommissioning",
    "demobilisation",
    "demobilization",
    "disarmament",
    "surrender",
    "march",
    "advance",
    "incursion",
    "intervention",
}
# A noun after these prepositions is the event its clause's subject takes part in: "arrived
# in Prague for meetings with Czech senators", "during a meeting with business leaders,
# the prime minister heard ...".
_FOR_EVENT = {"for", "during"}
# ... when the verb says where its subject is or goes ("pushed for a summit", "asked allies
# for consultations" name what is wanted, not an event its subject takes part in).
_PRESENCE_VERBS = {
    "be",
    "arrive",
    "travel",
    "fly",
    "come",
    "go",
    "head",
    "land",
    "return",
    "gather",
    "convene",
    "meet",
    "stay",
    "remain",
}


def nominal_roles(noun: Token) -> tuple[list[Token], list[Token]]:
    """Source and target tokens of a nominal event (see the module's docstring)."""
    source: list[Token] = []
    target: list[Token] = []
    between: list[Token] = []
    lemma = noun.lemma_.lower()
    for child in noun.children:
        if child.dep_ == "poss" and child.ent_type_ not in {"DATE", "TIME"}:
            source.extend(conjuncts(child))  # not "Monday's meeting"
        elif (
            child.dep_ in {"compound", "amod", "nmod"}
            and child.pos_ in {"PROPN", "ADJ"}
            and child.text[:1].isupper()  # "Russian attack", not "naval drill"
        ):
            # "Harris' trip", "Russian attack" act; "her Honduras visit" goes to Honduras.
            (
                target
                if child.ent_type_ in {"GPE", "LOC", "FAC"} and lemma in {"visit", "trip", "tour"}
                else source
            ).append(child)
        elif child.dep_ == "prep" and child.lower_ == "by":
            source.extend(complements(child))
        elif child.dep_ == "prep" and child.lower_ == "between":
            # parties that each act: "a ceasefire between India and Pakistan"
            between.extend(complements(child))
        elif child.dep_ == "prep" and child.lower_ == "of" and lemma in _SUBJECT_OF_NOUNS:
            source.extend(complements(child))
        elif child.dep_ == "prep" and child.lower_ == "from" and lemma not in _SUBJECT_OF_NOUNS:
            # "condemnation from ECOWAS leaders", "a loan from the IMF"
            source.extend(complements(child))
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            target.extend(complements(child))
    if not source and between:
        source = between
    head = noun.head
    if not source and noun.dep_ in {"dobj", "obj"} and head.lemma_.lower() in _LIGHT_VERBS:
        # "held talks with Iran", "staged a protest": the verb's subject acts.
        source = subject_tokens(head)
        if not target:
            target = [t for t in object_tokens(head) if t.i != noun.i]
    if not source and noun.dep_ == "pobj" and head.lower_ in _FOR_EVENT:
        carrier = head.head
        if carrier.pos_ in {"VERB", "AUX"}:
            if head.lower_ == "during" or carrier.lemma_.lower() in _PRESENCE_VERBS:
                source = subject_tokens(carrier)
        elif carrier.pos_ in {"PROPN", "NOUN"} and carrier.dep_ == "ROOT":
            source = [carrier]  # a headline: "Iranian FM Araghchi in Riyadh for talks ..."
    if not source:
        # "the joint naval drill that Pakistan and China began": the relative clause's
        # subject, when its verb is one that carries the event.
        for child in noun.children:
            if child.dep_ == "relcl" and child.lemma_.lower() in _LIGHT_VERBS:
                source = [t for t in subject_tokens(child) if t.i != noun.i]
    return source, target


def noun_roles(noun: Token, actors: list[Actor]) -> Roles:
    src_toks, tgt_toks = nominal_roles(noun)
    source = actors_for(src_toks, actors)
    target = actors_for(tgt_toks, actors, exclude=source)
    return Roles(source, target, src_toks, False)
