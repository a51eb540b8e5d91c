"""Resolve each event's date from its sentence (then the sentence before) and mark
background events as historical.

One pass over the document builds its *timeline*: every date expression in text order,
each resolved against the publication date and, for "two days later"-style expressions,
against the previous date mentioned. An event then takes the expression in its own clause
(else the nearest one in its sentence, else the last one of the previous sentence in the same
paragraph), and falls back to the publication date (``date_fallback=True``) when none is said.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from whimbrel.dates.expressions import (
    Context,
    Match,
    Resolved,
    find_expressions,
    parse_with_dateparser,
    period_end,
)
from whimbrel.nlp.document import Document
from whimbrel.nlp.syntax import clause_head
from whimbrel.records import Event

# An event whose date ends more than this long before publication is background.
HISTORICAL_AFTER = dt.timedelta(days=365)
_FUTURE_WORDS = {"will", "'ll", "shall", "upcoming", "scheduled", "slated"}
_BACKGROUND_WORDS = ("back in ", "in the past", "previously", "years earlier", "decades")
_YEAR_NOUNS = {
    "election",
    "elections",
    "summit",
    "budget",
    "census",
    "games",
    "olympics",
    "cup",
    "war",
    "crisis",
    "coup",
    "uprising",
    "revolution",
    "protests",
    "vote",
    "campaign",
    "law",
    "agreement",
    "accord",
    "deal",
    "treaty",
    "referendum",
}


@dataclass(frozen=True)
class DateMention:
    """A date expression in the document, resolved; offsets into the article text."""

    start: int
    end: int
    text: str
    sentence: int  # index of its sentence in ``doc.sents``
    resolved: Resolved


def _is_future(doc: Doc, start: int, end: int) -> bool:
    """Does the clause a date expression sits in speak of the future? ("will meet on
    Friday", "a runoff scheduled for Oct. 30"; not "the Oct. 2 election went to a runoff")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    for _ in range(50):
        if tok.lower_ in _FUTURE_WORDS:
            return True
        if tok.pos_ in {"VERB", "AUX"}:
            return any(
                c.lower_ in _FUTURE_WORDS and c.dep_ in {"aux", "auxpass"} for c in tok.children
            ) or (tok.lower_ in {"going"} and any(c.lower_ == "to" for c in tok.children))
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def _year_is_a_count(doc: Doc, start: int, end: int) -> bool:
    """ "2000 troops": a number that counts a plural noun is not a year."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    return tok.dep_ == "nummod" and tok.head.tag_ == "NNS" and tok.head.lower_ not in _YEAR_NOUNS


def timeline(document: Document) -> list[DateMention]:
    """Every date expression in the document, resolved, in text order."""
    pub = document.article.published
    if pub is None:
        return []
    doc = document.doc
    text = document.article.text
    anchor = Resolved(pub, "day")
    mentions: list[DateMention] = []
    date_ents = [e for e in doc.ents if e.label_ in {"DATE", "TIME"}]
    for index, sent in enumerate(doc.sents):
        base = sent.start_char
        found: list[tuple[int, int, str, Match | None]] = [
            (base + m.start, base + m.end, m.text, m)
            for m in find_expressions(text[base : sent.end_char])
        ]
        for ent in date_ents:
            if not (base <= ent.start_char < sent.end_char):
                continue
            if any(ent.start_char < e and s < ent.end_char for s, e, _, _ in found):
                continue
            found.append((ent.start_char, ent.end_char, ent.text, None))
        found.sort(key=lambda f: f[0])
        for start, end, said, match in found:
            ctx = Context(published=pub, anchor=anchor, future=_is_future(doc, start, end))
            if match is None:
                resolved = parse_with_dateparser(said, pub)
            else:
                if match.kind == "year" and _year_is_a_count(doc, start, end):
                    continue
                resolved = match.resolve(ctx)
            if resolved is None:
                continue
            mentions.append(DateMention(start, end, said, index, resolved))
            if not resolved.vague:
                anchor = resolved
    return mentions


def _trigger(document: Document, event: Event) -> Token | None:
    ev = event.evidence
    start = ev.trigger_start if ev.trigger_start is not None else ev.start
    end = ev.trigger_end if ev.trigger_end is not None else start + 1
    span = document.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _pick(document: Document, trigger: Token | None, cands: list[DateMention]) -> DateMention:
    """The date in the trigger's clause, else the nearest to the trigger."""
    if trigger is None or len(cands) == 1:
        return cands[0]
    head = clause_head(trigger)

    def key(m: DateMention) -> tuple[int, int]:
        span = document.doc.char_span(m.start, m.end, alignment_mode="expand")
        attached = span is not None and clause_head(span.root) == head
        distance = min(abs(m.start - trigger.idx), abs(m.end - trigger.idx))
        return (0 if attached else 1, distance)

    return min(cands, key=key)


def _past_perfect(trigger: Token | None) -> bool:
    if trigger is None:
        return False
    verb = clause_head(trigger)
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return (
        verb.tag_ == "VBN"
        and any(a.lower_ in {"had", "'d"} for a in auxes)
        and not any(c.dep_ == "xcomp" for c in verb.children if c.lower_ == "to")
    )


def date_event(
    document: Document, event: Event, mentions: list[DateMention], sents: list[Span]
) -> Event:
    """One event with its date, granularity, fallback flag and historical flag set."""
    pub = document.article.published
    if pub is None:
        return event
    text = document.article.text
    index = next(
        (i for i, s in enumerate(sents) if s.start_char <= event.evidence.start < s.end_char),
        None,
    )
    trigger = _trigger(document, event)
    own = [m for m in mentions if m.sentence == index] if index is not None else []
    chosen: DateMention | None = _pick(document, trigger, own) if own else None
    if chosen is None and index:
        prev = sents[index - 1]
        between = text[prev.start_char : sents[index].start_char]
        same_paragraph = "\n" not in between[len(between.rstrip()) :]
        before = [m for m in mentions if m.sentence == index - 1]
        if same_paragraph and before:
            chosen = before[-1]
    sentence = event.evidence.sentence.lower()
    background = any(w in sentence for w in _BACKGROUND_WORDS)
    if chosen is None or chosen.resolved.vague:
        vague = chosen is not None and chosen.resolved.background
        return event.model_copy(
            update={
                "date": pub,
                "date_granularity": "day",
                "date_fallback": True,
                "historical": event.historical or background or vague or _past_perfect(trigger),
            }
        )
    r = chosen.resolved
    old = period_end(r) < pub - HISTORICAL_AFTER
    past_perfect = _past_perfect(trigger) and chosen.sentence != index
    return event.model_copy(
        update={
            "date": r.date,
            "date_granularity": r.granularity,
            "date_fallback": False,
            "historical": event.historical or old or r.background or past_perfect,
        }
    )


def resolve_dates(document: Document, events: list[Event]) -> list[Event]:
    """Events of one document with their dates resolved (new Event objects, same order)."""
    if not events or document.article.published is None:
        return events
    mentions = timeline(document)
    sents = list(document.doc.sents)
    return [date_event(document, e, mentions, sents) for e in events]
