"""Records: construction, validation and the JSONL contract's shape."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from whimbrel.records import PLOVER_TYPES, Actor, Article, Event, Evidence, stable_id

CONTRACT_FIELDS = {
    "id",
    "article_id",
    "event_type",
    "mode",
    "cameo",
    "quad_class",
    "score",
    "source",
    "target",
    "negated",
    "hypothetical",
    "historical",
    "reporter",
    "date",
    "date_granularity",
    "date_fallback",
    "location",
    "evidence",
    "confidence",
}


def _event(**kw: object) -> Event:
    base: dict[str, object] = dict(
        id="e1",
        article_id="a1",
        event_type="PROTEST",
        mode="boycott",
        source=[Actor(text="Cuba", code="CUB", sector="GOV", start=0, end=4)],
        evidence=Evidence(
            sentence="Cuba is boycotting the summit.",
            start=0,
            end=30,
            trigger="boycotting",
            trigger_start=8,
            trigger_end=18,
        ),
        confidence=0.8,
        date=dt.date(2022, 6, 6),
    )
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


def test_plover_has_sixteen_types() -> None:
    assert len(PLOVER_TYPES) == 16 and len(set(PLOVER_TYPES)) == 16


@pytest.mark.parametrize("parts", [("a",), ("a", 1), ("text", "x" * 10_000)])
def test_stable_id_is_deterministic_and_short(parts: tuple[object, ...]) -> None:
    assert stable_id(*parts) == stable_id(*parts)
    assert len(stable_id(*parts)) == 16


def test_stable_id_separates_parts() -> None:
    assert stable_id("ab", "c") != stable_id("a", "bc")


def test_article_from_text_hashes_content() -> None:
    a = Article.from_text("Some text.")
    b = Article.from_text("Some text.")
    c = Article.from_text("Other text.")
    assert a.id == b.id != c.id


def test_event_json_is_the_contract() -> None:
    d = _event().to_json_dict()
    assert set(d) == CONTRACT_FIELDS
    assert set(d["evidence"]) >= {"sentence", "start", "end", "trigger"}
    assert set(d["source"][0]) >= {"text", "code", "sector", "name"}
    assert d["date"] == "2022-06-06"
    json.dumps(d)  # plain JSON types only


@pytest.mark.parametrize(
    "bad",
    [
        {"quad_class": "sometimes"},
        {"date_granularity": "week"},
        {"unknown_field": 1},
        {"evidence": None},
    ],
)
def test_event_rejects_invalid_fields(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        _event(**bad)


def test_event_roundtrips_through_json() -> None:
    e = _event(target=[Actor(text="the summit", code=None)])
    assert Event.model_validate_json(e.model_dump_json()) == e
