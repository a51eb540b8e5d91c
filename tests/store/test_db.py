"""Store: idempotent writes per article, filters, stats — on a real DuckDB file."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from whimbrel.errors import DatabaseLocked, StoreError
from whimbrel.records import Actor, Article, Event, Evidence, Location
from whimbrel.store import EventFilter, Store


def _event(
    article_id: str,
    n: int,
    etype: str = "PROTEST",
    src: str = "CUB",
    tgt: str | None = "USA",
    day: int = 6,
) -> Event:
    return Event(
        id=f"{article_id}-{n}",
        article_id=article_id,
        event_type=etype,
        score=-6.5,
        quad_class="material conflict",
        source=[Actor(text=src, code=src, sector="GOV", start=0, end=3)],
        target=[Actor(text=tgt, code=tgt, sector="GOV")] if tgt else [],
        evidence=Evidence(
            sentence=f"Sentence {n} about the summit.", start=0, end=29, trigger="boycott"
        ),
        date=dt.date(2022, 6, day),
        confidence=0.5 + n / 100,
        location=Location(text="Guatemala", name="Guatemala", country="GTM"),
    )


@pytest.fixture()
def store(db_path: Path) -> Store:
    s = Store(db_path)
    yield s
    s.close()


def test_recoding_replaces_events(store: Store) -> None:
    art = Article(id="a1", text="Text.")
    store.save_article(art, [_event("a1", 1), _event("a1", 2)])
    store.save_article(art, [_event("a1", 3)])
    events = store.events()
    assert [e.id for e in events] == ["a1-3"]
    assert store.cursor().execute("SELECT count(*) FROM event_actors").fetchone() == (2,)
    assert store.cursor().execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_event_roundtrip_keeps_every_field(store: Store) -> None:
    e = _event("a1", 1)
    store.save_article(Article(id="a1", text="Text."), [e])
    assert store.events() == [e]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(), {"a-1", "a-2", "b-1"}),
        (EventFilter(actor="usa"), {"a-1", "b-1"}),
        (EventFilter(source="VEN"), {"a-2"}),
        (EventFilter(target="USA"), {"a-1", "b-1"}),
        (EventFilter(event_type="assault"), {"b-1"}),
        (EventFilter(date_from=dt.date(2022, 6, 7)), {"b-1"}),
        (EventFilter(date_to=dt.date(2022, 6, 6)), {"a-1", "a-2"}),
        (EventFilter(text="SENTENCE 2"), {"a-2"}),
        (EventFilter(article_id="b"), {"b-1"}),
        (EventFilter(min_confidence=0.515), {"a-2"}),
        (EventFilter(country="gtm"), {"a-1", "a-2", "b-1"}),
        (EventFilter(after="a-2"), {"b-1"}),
        (EventFilter(limit=1), {"a-1"}),
        (EventFilter(text="'; DROP TABLE events; --"), set()),
    ],
)
def test_filters(store: Store, flt: EventFilter, expected: set[str]) -> None:
    store.save_article(
        Article(id="a", text="A."), [_event("a", 1), _event("a", 2, src="VEN", tgt=None)]
    )
    store.save_article(Article(id="b", text="B."), [_event("b", 1, "ASSAULT", day=8)])
    assert {e.id for e in store.events(flt)} == expected
    assert store.stats()["events"] == 3  # the injection attempt changed nothing


def test_stats_counts_types_and_dyads(store: Store) -> None:
    store.save_article(Article(id="a", text="A."), [_event("a", 1), _event("a", 2)])
    store.save_article(Article(id="b", text="B."), [_event("b", 1, "ASSAULT")])
    s = store.stats()
    assert s["articles"] == 2 and s["events"] == 3
    assert s["by_type"][0] == {"event_type": "PROTEST", "count": 2}
    assert s["top_dyads"][0]["source"] == "CUB" and s["top_dyads"][0]["count"] == 3


def test_failed_article_is_kept_with_its_reason(store: Store) -> None:
    store.save_article(Article(id="x", text="X."), status="failed", error="boom")
    row = store.get_article("x")
    assert row is not None and row["status"] == "failed" and row["error"] == "boom"


def test_a_write_that_fails_leaves_the_old_events(store: Store) -> None:
    store.save_article(Article(id="a", text="A."), [_event("a", 1)])
    bad = _event("a", 2).model_copy(update={"id": None})
    with pytest.raises(duckdb.Error):
        store.save_article(Article(id="a", text="A."), [bad])
    assert [e.id for e in store.events()] == ["a-1"]


def test_locked_database_says_what_to_do(db_path: Path) -> None:
    Store(db_path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from whimbrel.store import Store; s = Store(sys.argv[1]); "
            "print('ready', flush=True); time.sleep(30)",
            str(db_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseLocked, match=r"W401.*another process"):
            Store(db_path)
    finally:
        holder.kill()
        holder.wait()


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("hello, not a database\n" * 100)
    with pytest.raises(StoreError, match="W40"):
        Store(path)


def test_dyad_mean_counts_each_event_once(store: Store) -> None:
    """Three SLV targets on one event weigh as one event in the USA->SLV mean."""
    many = _event("a", 1, src="USA", tgt="SLV").model_copy(update={"score": -2.0})
    many.target = [Actor(text=t, code="SLV") for t in ("him", "MS-13", "other gangs")]
    one = _event("a", 2, src="USA", tgt="SLV").model_copy(update={"score": 4.0})
    store.save_article(Article(id="a", text="A."), [many, one])
    top = store.stats()["top_dyads"][0]
    assert (top["source"], top["target"], top["count"]) == ("USA", "SLV", 2)
    assert top["mean_score"] == pytest.approx(1.0)
