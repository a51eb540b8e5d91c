"""The one entry point that codes articles: nlp -> actors -> events -> dates -> places ->
implied roles.

Knows no storage and no screen; the CLI, the API and batch all call ``Pipeline.code``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from whimbrel.actors import explain_actors, kb_for, to_actors
from whimbrel.actors.knowledge import KnowledgeBase
from whimbrel.dates import resolve_dates
from whimbrel.events import extract_events
from whimbrel.events.classify import EventModel
from whimbrel.events.implied import implied_roles
from whimbrel.nlp import Document, load_pipeline, parse
from whimbrel.places import load_gazetteer, resolve_places
from whimbrel.records import Actor, Article, Event, Rejected
from whimbrel.settings import Settings


@dataclass
class CodedArticle:
    """An article with what the pipeline found; ``error`` is set when coding failed."""

    article: Article
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    error: Rejected | None = None


def code_document(
    document: Document,
    kb: KnowledgeBase | None = None,
    model: EventModel | None = None,
    min_confidence: float = 0.0,
) -> list[Event]:
    """Every stage after parsing, in order; sets ``document.actors`` to the coded actors.
    ``whimbrel eval events`` scores exactly this (with its own ``model`` when it trains one)."""
    # Role-only actors without a country ("gunmen") and people named only as victims ("12
    # people") take part in roles; the places stage gives them the event's country. The
    # article's actors are the coded ones without the victims.
    mentions = explain_actors(document, kb)
    document.actors = to_actors(document, mentions, uncoded_agents=True)
    events = extract_events(document, model, kb)
    events = [e for e in events if e.confidence >= min_confidence]
    events = resolve_dates(document, events)
    events = resolve_places(document, events)
    events = implied_roles(document, events)
    document.actors = to_actors(document, mentions)
    return events


class Pipeline:
    """Loads the models once; ``code`` streams articles through every stage."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.nlp = load_pipeline(self.settings.model)
        # The packaged knowledge base plus the user's files (WHIMBREL_ACTORS); cached.
        self.kb = kb_for(self.settings.actor_files)
        load_gazetteer()  # once per process, not on the first article

    def code_document(self, document: Document) -> list[Event]:
        return code_document(document, self.kb, min_confidence=self.settings.min_confidence)

    def _too_long(self, article: Article) -> Rejected:
        limit = self.settings.max_chars
        return Rejected(
            item=article.id,
            source=article.source or "",
            reason="too-long",
            message=f"The article has {len(article.text):,} characters, more than the limit of "
            f"{limit:,}. Try: split it, or raise WHIMBREL_MAX_CHARS (about 1 GB of memory per "
            f"100,000 characters).",
        )

    def code(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        """Code each article, in order; a failing article yields an error record, never a
        crash, and the others go on."""
        too_long: dict[str, tuple[Article, Rejected]] = {}

        def parseable() -> Iterator[Article]:
            for article in articles:
                if len(article.text) > self.settings.max_chars:
                    too_long[article.id] = (article, self._too_long(article))
                    # An empty stand-in keeps the order; its result is replaced below.
                    yield article.model_copy(update={"text": ""})
                else:
                    yield article

        for document in parse(parseable(), self.nlp, batch_size=self.settings.batch_size):
            if document.article.id in too_long and not document.article.text:
                original, rejected = too_long.pop(document.article.id)
                yield CodedArticle(original, error=rejected)
                continue
            try:
                events = self.code_document(document)
            except Exception as e:  # one bad article must never stop a batch
                yield CodedArticle(
                    article=document.article,
                    error=Rejected(
                        item=document.article.id,
                        source=document.article.source or "",
                        reason="coding-failed",
                        message=f"{type(e).__name__}: {e}",
                    ),
                )
                continue
            yield CodedArticle(document.article, events, document.actors)

    def code_one(self, article: Article) -> CodedArticle:
        return next(iter(self.code([article])))
