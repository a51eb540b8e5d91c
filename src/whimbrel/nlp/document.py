"""Document: an Article with its parse, and what later stages have found in it."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from whimbrel.records import Actor, Article


@dataclass
class Document:
    """One parsed article. ``doc`` is spaCy's parse of ``article.text`` (same offsets)."""

    article: Article
    doc: Doc
    # Actor mentions found by the actors stage, in text order (char offsets into article.text).
    actors: list[Actor] = field(default_factory=list)
