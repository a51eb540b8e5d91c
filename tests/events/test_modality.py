"""Modality rules on real parses: intentions (infinitives under "attempt", "plot", ...)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Token

from whimbrel.events.modality import is_intended


def token(nlp: Language, text: str, word: str) -> Token:
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "word", "intended"),
    [
        (
            "The police foiled a militant's attempt to assassinate the governor.",
            "assassinate",
            True,
        ),
        ("Prosecutors described a plot to kill the president of Haiti.", "kill", True),
        (
            "It was part of a smuggler's attempt to bring in gunmen to attack the embassy.",
            "attack",
            True,
        ),
        ("The rebels launched a bid to topple the government in Bamako.", "topple", True),
        ("Gunmen attacked the embassy in Kabul on Monday.", "attacked", False),
        ("The army tried to retake the town from the rebels.", "retake", False),
        ("Ministers agreed to lift the sanctions on Belarus.", "lift", False),
    ],
)
def test_intended(nlp: Language, text: str, word: str, intended: bool) -> None:
    assert is_intended(token(nlp, text, word)) is intended
