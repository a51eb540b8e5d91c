"""The event coder: the classifier types candidate clauses, the rules supply roles and modality.

For each candidate (a verb, or a noun that names an event) the trained model gives a
probability per PLOVER type and ``NONE``; modality rules turn negated participation into
REJECT, words of attack without violence into ACCUSE, drop opinions and idioms; roles come
from the parse (``roles.py``). Confidence = the model's probability of the chosen type,
scaled by how complete the roles are.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from whimbrel.actors import dateline_tokens
from whimbrel.actors.knowledge import KnowledgeBase
from whimbrel.events import modality as mod
from whimbrel.events.classify import (
    NONE,
    EventModel,
    candidates,
    features,
    load_model,
    sentence_context,
)
from whimbrel.events.nominal import noun_roles
from whimbrel.events.ontology import cameo_for, quad_class, score
from whimbrel.events.perspective import giver_first, threatened, visitor_first
from whimbrel.events.phrases import known_country_word
from whimbrel.events.roles import (
    Roles,
    actors_for,
    conjuncts,
    verb_roles,
)
from whimbrel.events.triggers import lexicon_entry
from whimbrel.nlp.document import Document
from whimbrel.records import Actor, Event, Evidence, stable_id

# A candidate becomes an event when the model gives "some event" at least this probability.
MIN_EVENT_PROBABILITY = 0.5
# A verb coordinated with a coded event verb ("has attacked and harassed") needs less: the
# first verb has shown that the clause reports an event, and the second must be typed alike.
MIN_CONJUNCT_PROBABILITY = 0.35
# Confidence floor of a refusal read from a negated verb of taking part.
REFUSAL_PROBABILITY = 0.6
# Confidence factor of an event in a subordinate clause ("after North Korea test-fired a
# missile", "the deputies it accused of ..."): a sentence's main event is usually in its main
# clause, and the top event is the most confident one.
SUBORDINATE_FACTOR = 0.5
_SUBORDINATE = {"advcl", "relcl", "acl", "pcomp"}
# Types whose PLOVER definition requires a recipient.
_NEEDS_TARGET = {"COOPERATE", "AID", "SANCTION"}
_VERBAL = {"VERB", "AUX"}
# Types whose object is what is moved (troops, aid), not whom it is done to: an object of
# the source's own country is not a target ("Bangladesh sent soldiers to all districts").
_MOVES = {"MOBILIZE", "AID", "RETREAT"}
# ... when it is a force that can be moved ("police freed detained protesters" keeps its
# same-country captives as targets).
_MOVED_SECTORS = {"MIL", "COP", "PRM", "SPY", "UAF", None}
# Who can be sent as aid and so be its giver's stand-in: forces, rescuers, medics.
_HELPING_FORCES = {"MIL", "COP", "PRM", "SPY", "HLH"}


def _role_factor(event_type: str, roles: Roles) -> float:
    if not roles.source:
        factor = 0.55
    elif not any(a.code for a in roles.source):
        factor = 0.8
    else:
        factor = 1.0
    if event_type in _NEEDS_TARGET and not roles.target:
        factor *= 0.9
    return factor


def _refers_back(actor: Actor) -> bool:
    """A target phrase that names the source's own people ("their heads of state",
    "himself"); a same-coded actor named in its own right stays a target ("Texas officials
    accused the Biden administration", USA GOV -> USA GOV)."""
    first = actor.text.split()[0].lower() if actor.text.split() else ""
    return first in _OWN_WORDS or first.endswith("self") or first.endswith("selves")


_OWN_WORDS = {"their", "its", "his", "her", "our", "they", "them", "he", "him", "she", "it"}


def _targets(roles: Roles, event_type: str, doc: Doc) -> list[Actor]:
    """Targets that are not the source itself ("their heads of state" of the senders), nor,
    for a mobilization, where the forces go ("sent troops to Poland": the manual's recipient
    is whom they threaten, not where they are sent)."""
    own = {(a.code, a.sector) for a in roles.source if a.code}
    codes = {a.code for a in roles.source if a.code}
    return [
        a
        for a in roles.target
        if a not in roles.source
        and (a.code is None or (a.code, a.sector) not in own or not _refers_back(a))
        and not (event_type in _MOVES and a.code in codes and a.sector in _MOVED_SECTORS)
        and not (event_type == "MOBILIZE" and _destination(a, doc))
    ]


def _destination(actor: Actor, doc: Doc, verb: Token | None = None) -> bool:
    """Whether the actor is named as where something goes or is ("to Poland", "into the
    streets of Santiago", "in Nairobi"); with ``verb``, where that verb sends it ("a message
    to Iran" is not where the bombers went)."""
    span = doc.char_span(actor.start or 0, actor.end or 0, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.dep_ == "pobj":
        root = root.head.head  # "into the streets of Santiago"
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in {"to", "into", "onto", "in", "across"}
        and (verb is None or root.head.head.i == verb.i)
    )


# Types a joint source can do among its own members ("Kosovo and Serbia agreed in Ohrid on
# an EU-backed plan": the EU is no party).
_BETWEEN_SOURCES = {"COOPERATE", "AGREE"}  # (a meeting takes no nearby target at all)


def _nearby_target(
    trigger: Token, roles: Roles, reporter: Actor | None, document: Document, event_type: str
) -> list[Actor]:
    """No target in the syntax: the nearest coded actor of the clause after the trigger
    ("opened a bridge ... with China"), if it is not the source or the reporter. Not for a
    meeting, nor a joint cooperation or agreement ("Iran, Russia and China began drills in the
    Gulf of Oman"): its members are each other's partners (events.implied)."""
    if not roles.source or event_type == "CONSULT":
        # A meeting's partner is said as such ("met", "talks with"); the other actors near a
        # meeting are its host, mediator or topic ("huddled in Doha under Qatari mediation"):
        # on the training labels, 23 meetings gained a right target without this rule, 15
        # lost one.
        return []
    own = {a.code for a in roles.source}
    if event_type in _BETWEEN_SOURCES and len({c for c in own if c}) >= 2:
        return []
    sent = trigger.sent
    for actor in document.actors:
        start = actor.start or 0
        if not (trigger.idx < start < sent.end_char) or not actor.code:
            continue
        if actor.code in own or actor == reporter or actor in roles.source:
            continue
        if event_type == "MOBILIZE" and _destination(actor, trigger.doc, trigger):
            continue  # "sent 500 troops to Poland": where they go, not whom they threaten
        return [actor]
    return []


def _choose_type(probs: dict[str, float]) -> tuple[str, float, float]:
    """(best type, its probability, probability of any event)."""
    p_event = 1.0 - probs.get(NONE, 0.0)
    best = max((k for k in probs if k != NONE), key=lambda k: probs[k])
    return best, probs[best], p_event


def _mode_for(trigger: Token, event_type: str) -> str:
    lex = lexicon_entry(trigger.lemma_, trigger.pos_)
    if lex and lex[0] == event_type:
        return lex[1]
    if event_type == "REJECT" and lex and lex[1] in {"boycott", "meet"}:
        return "meet"  # a boycotted or refused meeting
    for child in trigger.children:
        if child.dep_ == "xcomp":
            sub = lexicon_entry(child.lemma_, child.pos_)
            if sub and sub[0] == event_type:
                return sub[1]
    return ""


def _code_trigger(
    document: Document,
    trigger: Token,
    model: EventModel,
    sent_probs: dict[str, float],
    token_features: dict[str, float],
    min_event: float = MIN_EVENT_PROBABILITY,
) -> tuple[Event, float] | None:
    probs = model.predict(trigger, sent_probs, token_features)
    event_type, p_type, p_event = _choose_type(probs)
    verbal = trigger.pos_ in _VERBAL
    mood = mod.modality(trigger, event_type) if verbal else mod.Modality()
    if mod.is_idiom(trigger) or mod.in_quotation(trigger):
        return None
    if mood.refusal:
        # "are not sending their heads of state": the refusal is the event, whatever the
        # model made of the negated verb.
        p_event = max(p_event, REFUSAL_PROBABILITY)
        event_type, p_type = "REJECT", p_event
    if p_event < min_event:
        return None
    mode = "meet" if mood.refusal else _mode_for(trigger, event_type)
    if not mood.refusal and event_type == "ASSAULT" and mod.is_figurative_assault(trigger):
        event_type, mode, p_type = "ACCUSE", "disapprove", p_event
    if trigger.lemma_.lower() == "boycott" and event_type == "REJECT":
        # The manual's PROTEST boycott covers "the boycott of an activity, person, country,
        # or organization" by anyone, governments boycotting a summit included.
        event_type, mode = "PROTEST", "boycott"
    if mood.opinion:
        return None
    roles = verb_roles(trigger, document.actors) if verbal else noun_roles(trigger, document.actors)
    roles = visitor_first(roles, trigger, event_type)
    roles = giver_first(roles, trigger, event_type, document.actors)
    roles = threatened(roles, trigger, event_type, document.actors)
    if event_type in {"MOBILIZE", "AID"} and roles.passive and not roles.source:
        # "Thousands of riot police were deployed across Dhaka", "400 Kenyan police officers
        # were flown into Port-au-Prince": the forces moved are who mobilizes or helps when
        # no one is said to have moved them (aid: forces only; "Assange was given asylum").
        subj = [t for c in trigger.children if c.dep_ == "nsubjpass" for t in conjuncts(c)]
        moved = actors_for(subj, document.actors)
        if event_type == "AID":
            moved = [a for a in moved if a.sector in _HELPING_FORCES]
        rest = [a for a in roles.target if a not in moved]
        roles = Roles(moved, rest, subj, roles.passive) if moved else roles
    if not verbal and not roles.source:
        return None  # a nominal event needs its actor ("Harris' trip"), else it is a topic
    reporter_list = actors_for(mod.reporter_tokens(trigger), document.actors) if verbal else []
    reporter: Actor | None = reporter_list[0] if reporter_list else None
    confidence = p_type * _role_factor(event_type, roles)
    if trigger.dep_ in _SUBORDINATE or (not verbal and trigger.dep_ == "pobj"):
        # a subordinate clause, or an act named after a preposition ("vowed revenge for the
        # killing of Soleimani"): background to the main clause's event
        confidence *= SUBORDINATE_FACTOR
    if mood.negated:
        confidence *= 0.3
    sent = trigger.sent
    article = document.article
    event = Event(
        id=stable_id(article.id, trigger.idx, event_type),
        article_id=article.id,
        event_type=event_type,
        mode=mode or None,
        cameo=cameo_for(event_type, mode),
        quad_class=quad_class(event_type),  # type: ignore[arg-type]
        score=score(event_type, mode),
        source=roles.source,
        target=_targets(roles, event_type, trigger.doc)
        or _nearby_target(trigger, roles, reporter, document, event_type),
        negated=mood.negated,
        hypothetical=mood.hypothetical,
        reporter=reporter if reporter not in roles.source else None,
        date=article.published,
        date_granularity="day" if article.published else None,
        date_fallback=article.published is not None,
        evidence=Evidence(
            sentence=sent.text,
            start=sent.start_char,
            end=sent.end_char,
            trigger=trigger.text,
            trigger_start=trigger.idx,
            trigger_end=trigger.idx + len(trigger.text),
        ),
        confidence=round(min(confidence, 0.99), 4),
    )
    return event, p_event


_NAMED = {"PERSON", "ORG", "GPE", "NORP"}


def mentions(document: Document) -> list[Actor]:
    """The actors stage's mentions, plus named entities it left uncoded (code None), so that
    roles can still name who acted ("Team Biden") and pronouns find their antecedents."""
    actors = list(document.actors)
    dateline = dateline_tokens(document.doc)
    for ent in document.doc.ents:
        if ent.label_ not in _NAMED or any(t.i in dateline for t in ent):
            continue
        if any((a.start or 0) < ent.end_char and ent.start_char < (a.end or 0) for a in actors):
            continue
        if ent.label_ != "PERSON" and known_country_word(ent.text):
            continue  # a country word the actors stage judged a place or a thing ("US" list)
        actors.append(Actor(text=ent.text, start=ent.start_char, end=ent.end_char))
    actors.sort(key=lambda a: a.start or 0)
    return actors


def extract_events(
    document: Document, model: EventModel | None = None, kb: KnowledgeBase | None = None
) -> list[Event]:
    """Every event the classifier and rules find, in text order, each with its evidence
    (``kb``: the actors knowledge base the classifier asks who acts; default as actors)."""
    model = model or load_model()
    document = Document(document.article, document.doc, mentions(document))
    events: list[Event] = []
    for sent in document.doc.sents:
        found: dict[int, Event] = {}
        cands = candidates(sent, model.nouns)
        if not cands:
            continue
        # Each candidate's features are computed once: the sentence model uses them too.
        context = sentence_context(sent)
        feats = {tok.i: features(tok, context, kb) for tok in cands}
        sent_probs = model.sentence_probs(sent, feats, context)
        for tok in cands:
            coded = _code_trigger(document, tok, model, sent_probs, feats[tok.i])
            if coded is not None:
                found[tok.i] = coded[0]
        for tok in cands:
            head = found.get(tok.head.i)
            if tok.i in found or tok.dep_ != "conj" or head is None or tok.pos_ not in _VERBAL:
                continue
            coded = _code_trigger(
                document, tok, model, sent_probs, feats[tok.i], MIN_CONJUNCT_PROBABILITY
            )
            if coded is not None and coded[0].event_type == head.event_type:
                found[tok.i] = coded[0]
        # A nominal event that is the object of a coded verb is part of that event
        # ("lift energy sanctions", "held talks").
        for tok in cands:
            if (
                tok.i in found
                and tok.pos_ not in _VERBAL
                and tok.head.i in found
                and (tok.head.i != tok.i)
            ):
                del found[tok.i]
            # "tried to delegitimize Bukele": the complement carries the event, not "tried";
            # but "offered to send aid" is an offer, and "offered" is the word of its type.
            same = [
                c
                for c in tok.children
                if c.dep_ == "xcomp"
                and c.i in found
                and tok.i in found
                and found[c.i].event_type == found[tok.i].event_type
            ]
            if same:
                lex = lexicon_entry(tok.lemma_, tok.pos_)
                if lex and lex[0] == found[tok.i].event_type:
                    for c in same:
                        del found[c.i]
                else:
                    del found[tok.i]
        events.extend(found[i] for i in sorted(found))
    return events


def top_event(events: list[Event]) -> Event | None:
    """The sentence's main event: the most confident event that is not negated."""
    live = [e for e in events if not e.negated]
    return max(live, key=lambda e: e.confidence) if live else None
