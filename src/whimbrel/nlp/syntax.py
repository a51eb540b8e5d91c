"""Small questions about a spaCy parse that several stages ask."""

from __future__ import annotations

from spacy.tokens import Token


def clause_head(tok: Token) -> Token:
    """The verb governing a token (itself if it is one); the root if no verb governs it."""
    steps = 0
    # The bound guards against a malformed parse with a cycle; real sentences stop far sooner.
    while tok.pos_ not in {"VERB", "AUX"} and tok.head.i != tok.i and steps < 50:
        tok = tok.head
        steps += 1
    return tok
