"""Roles the text implies but does not name (docs/coding-conventions.md, "Implied roles").

Runs after the places stage, when role-only actors have their country:

- a ``PROTEST`` with no target is directed at a government actor its sentence names, else,
  when the sentence points at the government ("against the pension reform", "calling for the
  prime minister to resign"), at the government of the protesters' country;
- a ``COOPERATE`` event, whose recipient the manual requires, with only a joint actor
  ("Indian and Sri Lankan navies held drills") has the first member as source and the others
  as target.
"""

from __future__ import annotations

from whimbrel.actors.knowledge import TRANSNATIONAL
from whimbrel.nlp.document import Document
from whimbrel.records import Actor, Event

_GOVERNMENT_SECTORS = {"GOV", "LEG", "JUD"}
IMPLIED_GOVERNMENT = "government (implied)"


def _countries(actors: list[Actor]) -> list[str]:
    """The actors' country codes, first mention first, once each."""
    return list(dict.fromkeys(a.code for a in actors if a.code and a.code not in TRANSNATIONAL))


def _named_government(document: Document, event: Event, countries: list[str]) -> Actor | None:
    """A government actor of the protesters' country named in the event's sentence."""
    ev = event.evidence
    if ev is None:
        return None
    for actor in document.actors:
        if actor in event.source or actor.start is None:
            continue
        if (
            ev.start <= actor.start < ev.end
            and actor.code in countries
            and actor.sector in _GOVERNMENT_SECTORS
        ):
            return actor
    return None


def protest_target(document: Document, event: Event) -> Event:
    # An uncoded target ("torched the headquarters of BTV") names no one the data can use.
    if event.event_type != "PROTEST" or any(a.code for a in event.target):
        return event
    countries = _countries(event.source)
    if not countries:
        return event
    named = _named_government(document, event, countries)
    if named is None and not _says_government(document, event):
        return event  # "Young Tunisians rioted over rising prices": no one is named
    target = named or Actor(
        text=IMPLIED_GOVERNMENT, code=countries[0], sector="GOV", name=f"{countries[0]} government"
    )
    return event.model_copy(update={"target": [target]})


# Words by which a protest's sentence points at the government without naming it.
_GOVERNMENT_WORDS = {
    "government",
    "president",
    "prime",
    "premier",
    "parliament",
    "congress",
    "regime",
    "minister",
    "ministry",
    "cabinet",
    "authorities",
    "state",
    "junta",
    "reform",
    "reforms",
    "bill",
    "law",
    "laws",
    "election",
    "vote",
    "resign",
    "resignation",
    "policy",
    "policies",
}


def _says_government(document: Document, event: Event) -> bool:
    ev = event.evidence
    if ev is None:
        return False
    span = document.doc.char_span(ev.start, ev.end, alignment_mode="expand")
    return span is not None and any(t.lower_ in _GOVERNMENT_WORDS for t in span)


def joint_cooperation(event: Event) -> Event:
    if event.event_type != "COOPERATE":
        return event
    # The first member as said: the conjunct split may list the phrase's head first.
    ordered = sorted(event.source, key=lambda a: a.start if a.start is not None else 1 << 30)
    codes = list(dict.fromkeys(a.code for a in ordered if a.code))
    if len(codes) < 2:
        return event
    source = [a for a in ordered if a.code == codes[0]]
    target = [a for a in ordered if a.code and a.code != codes[0]]
    return event.model_copy(update={"source": source, "target": target})


def implied_roles(document: Document, events: list[Event]) -> list[Event]:
    """The events with the roles their text implies (new Event objects, same order)."""
    return [joint_cooperation(protest_target(document, e)) for e in events]
