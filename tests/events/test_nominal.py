"""Roles of events named by nouns (events/nominal.py), with the real spaCy model and actors
stage: each sentence is parsed, its actors found, and the noun's roles read as the event
coder reads them."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from whimbrel.actors import find_actors
from whimbrel.events.extract import mentions
from whimbrel.events.nominal import noun_roles
from whimbrel.nlp import Document, parse
from whimbrel.records import Article

DAY = dt.date(2024, 3, 1)


def codes_of(nlp: Language, text: str, noun: str) -> tuple[set[str], set[str]]:
    document = next(parse([Article.from_text(text, published=DAY)], nlp))
    document.actors = find_actors(document)
    document = Document(document.article, document.doc, mentions(document))
    tok = next(t for t in document.doc if t.text == noun)
    roles = noun_roles(tok, document.actors)
    return {a.code for a in roles.source if a.code}, {a.code for a in roles.target if a.code}


@pytest.mark.parametrize(
    ("text", "noun", "source", "target"),
    [
        # the possessor acts; a place before a visit is where it goes
        ("Harris' trip to Guatemala drew protests.", "trip", {"USA"}, {"GTM"}),
        # "of" names who does what the noun says they do; "from" is where they left
        (
            "The withdrawal of Ugandan troops from Congo began on Tuesday.",
            "withdrawal",
            {"UGA"},
            {"COD"},
        ),
        (
            "The resignation of Peru's prime minister shook the cabinet.",
            "resignation",
            {"PER"},
            set(),
        ),
        # ... but the "of" complement of other acts is whom they are done to
        (
            "Norway's expulsion of Russian diplomats angered Moscow.",
            "expulsion",
            {"NOR"},
            {"RUS"},
        ),
        # the parties between whom a symmetric event happens all act
        (
            "A ceasefire between Armenia and Azerbaijan held overnight.",
            "ceasefire",
            {"ARM", "AZE"},
            set(),
        ),
        # a date is no possessor that acts; "from" names who condemns
        (
            "Sunday's summit between Kenya and Ethiopia ended without a deal.",
            "summit",
            {"KEN", "ETH"},
            set(),
        ),
        ("Condemnation from the African Union was swift.", "Condemnation", {"IGO"}, set()),
        # the subject of the verb that carries the noun
        ("Zambian nurses issued a strike threat over pay.", "threat", {"ZMB"}, set()),
        (
            "A Japanese delegation is in Seoul for consultations with South Korean officials.",
            "consultations",
            {"JPN"},
            {"KOR"},
        ),
        (
            "The naval drill that Egypt and Greece began on Monday will last a week.",
            "drill",
            {"EGY", "GRC"},
            set(),
        ),
    ],
)
def test_nominal_roles(nlp: Language, text: str, noun: str, source: set, target: set) -> None:
    assert codes_of(nlp, text, noun) == (source, target)
