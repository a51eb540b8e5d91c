"""Helpers for the actors tests: code a text with the real spaCy model and shipped KB."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from whimbrel.actors import find_actors
from whimbrel.actors.knowledge import KnowledgeBase, load_kb
from whimbrel.nlp import parse
from whimbrel.records import Actor, Article

Code = Callable[..., list[Actor]]


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb(())


@pytest.fixture(scope="session")
def code(nlp, kb: KnowledgeBase) -> Code:
    def run(
        text: str, day: str = "2022-06-06", knowledge: KnowledgeBase | None = None
    ) -> list[Actor]:
        article = Article.from_text(text, published=dt.date.fromisoformat(day))
        document = next(parse([article], nlp))
        return find_actors(document, knowledge or kb)

    return run


def coded(actors: list[Actor], text: str) -> set[tuple[str | None, str | None]]:
    """The (code, sector) pairs of the actors whose text contains ``text``."""
    return {(a.code, a.sector) for a in actors if text in a.text}
