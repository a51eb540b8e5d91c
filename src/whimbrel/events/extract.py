"""First event coder: trigger lemmas, roles from the dependency parse.

Replaced in its internals by the events issue; ``extract_events(document)`` stays.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from whimbrel.events.ontology import PLOVER
from whimbrel.events.triggers import NOUN_TRIGGERS, VERB_TRIGGERS
from whimbrel.nlp.document import Document
from whimbrel.records import Actor, Event, Evidence, stable_id

_SUBJ = {"nsubj", "csubj"}
_OBJ = {"dobj", "obj", "dative", "attr", "nsubjpass"}
_HYPOTHETICAL_AUX = {"would", "should", "could", "might", "may"}


def _conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def _subject(verb: Token) -> list[Token]:
    """Subject of a verb, following conjunction, control (xcomp) and passive agents."""
    for child in verb.children:
        if child.dep_ in _SUBJ:
            return _conjuncts(child)
        if child.dep_ == "agent":
            return [t for pobj in child.children if pobj.dep_ == "pobj" for t in _conjuncts(pobj)]
    if verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head is not verb:
        return _subject(verb.head)
    return []


def _objects(verb: Token) -> list[Token]:
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ in _OBJ:
            found.extend(_conjuncts(child))
        elif child.dep_ == "prep":
            found.extend(t for p in child.children if p.dep_ == "pobj" for t in _conjuncts(p))
    return found


def _actors_for(tokens: Iterable[Token], actors: list[Actor]) -> list[Actor]:
    """Actors whose span covers one of the tokens (or lies within its noun phrase)."""
    chosen: list[Actor] = []
    for tok in tokens:
        lo, hi = tok.idx, tok.idx + len(tok.text)
        left = min(t.idx for t in tok.subtree)
        right = max(t.idx + len(t.text) for t in tok.subtree)
        exact = [a for a in actors if (a.start or 0) <= lo and hi <= (a.end or 0)]
        inner = [a for a in actors if left <= (a.start or 0) and (a.end or 0) <= right]
        for actor in exact or inner[:1]:
            if actor not in chosen:
                chosen.append(actor)
    return chosen


def _is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _is_hypothetical(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX for c in verb.children)


def _event(
    document: Document,
    sent: Span,
    trigger: Token,
    event_type: str,
    mode: str,
    source: list[Actor],
    target: list[Actor],
    negated: bool,
    hypothetical: bool,
) -> Event:
    info = PLOVER[event_type]
    article = document.article
    confidence = 0.35 + 0.3 * bool(source and source[0].code) + 0.2 * bool(target)
    return Event(
        id=stable_id(article.id, trigger.idx, event_type),
        article_id=article.id,
        event_type=event_type,
        mode=mode or None,
        cameo=info.cameo,
        quad_class=info.quad_class,  # type: ignore[arg-type]
        score=info.score,
        source=source,
        target=target,
        negated=negated,
        hypothetical=hypothetical,
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
        confidence=round(min(confidence, 0.95), 3),
    )


def extract_events(document: Document) -> list[Event]:
    """All events the trigger lexicon finds, with roles read from the parse."""
    events: list[Event] = []
    for sent in document.doc.sents:
        for tok in sent:
            if tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in VERB_TRIGGERS:
                event_type, mode = VERB_TRIGGERS[tok.lemma_.lower()]
                negated = _is_negated(tok)
                if negated and event_type in {"AID", "CONSULT"}:
                    # "are not sending their heads of state": the refusal is the event.
                    event_type, mode, negated = "REJECT", "meet", False
                source = _actors_for(_subject(tok), document.actors)
                passive = any(c.dep_ == "nsubjpass" for c in tok.children)
                target = _actors_for(_objects(tok), document.actors)
                if passive:
                    source, target = target, source
                    source = _actors_for(
                        [t for c in tok.children if c.dep_ == "agent" for t in c.subtree],
                        document.actors,
                    )
                if not source:
                    continue
                target = [a for a in target if a not in source]
                events.append(
                    _event(
                        document, sent, tok, event_type, mode, source, target,
                        negated, _is_hypothetical(tok),
                    )
                )
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in NOUN_TRIGGERS:
                event_type, mode = NOUN_TRIGGERS[tok.lemma_.lower()]
                owners = [c for c in tok.children if c.dep_ == "poss"]
                source = _actors_for(owners, document.actors)
                if not source:
                    continue
                target = _actors_for(
                    [t for c in tok.children if c.dep_ == "prep" for t in c.children
                     if t.dep_ == "pobj"],
                    document.actors,
                )
                events.append(
                    _event(document, sent, tok, event_type, mode, source, target, False, False)
                )
    return events
