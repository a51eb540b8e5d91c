"""The typed records that travel between stages: Article -> Document -> Event.

Core module: imports nothing of ours. The JSON form of `Event` (``Event.to_json_dict``)
is the stable JSONL contract documented in ``docs/jsonl-contract.md``; change it only by
adding fields.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

QuadClass = Literal[
    "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"
]
Granularity = Literal["day", "month", "year"]


def stable_id(*parts: object, length: int = 16) -> str:
    """A short, stable hex id from the given parts (same parts -> same id, any machine)."""
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Article(Record):
    """One news article as read by ingestion, before any NLP."""

    id: str
    text: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    language: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        id: str | None = None,
        published: dt.date | None = None,
        **fields: Any,
    ) -> Article:
        """Build an article from raw text; the id defaults to a hash of the text."""
        return cls(id=id or stable_id("text", text), text=text, published=published, **fields)


class Actor(Record):
    """One actor mention, coded: country (ISO alpha-3 or IGO/UNO/...) plus sector."""

    text: str
    code: str | None = None
    sector: str | None = None
    name: str | None = None
    kb_id: str | None = None
    start: int | None = None
    end: int | None = None


class Evidence(Record):
    """Where an event was read: its sentence and trigger, as offsets into the article text."""

    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int | None = None
    trigger_end: int | None = None


class Location(Record):
    """A resolved place (gazetteer entry)."""

    text: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    geonames_id: int | None = None


class Event(Record):
    """One coded event: who did what to whom, with the sentence that says so."""

    id: str
    article_id: str
    event_type: str
    mode: str | None = None
    cameo: str | None = None
    quad_class: QuadClass | None = None
    score: float | None = None
    source: list[Actor] = Field(default_factory=list)
    target: list[Actor] = Field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    reporter: Actor | None = None
    date: dt.date | None = None
    date_granularity: Granularity | None = None
    date_fallback: bool = False
    location: Location | None = None
    evidence: Evidence
    confidence: float = 0.0

    def to_json_dict(self) -> dict[str, Any]:
        """The JSONL contract form: plain JSON types, every field present."""
        return self.model_dump(mode="json")


class Rejected(Record):
    """An input that was not accepted: data with its reason, never an exception."""

    item: str
    source: str
    reason: str
    message: str
    at: dt.datetime = Field(default_factory=dt.datetime.now)
