"""Store: one DuckDB database; writes are idempotent per article (recode = replace)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from whimbrel.errors import DatabaseLocked, StoreError
from whimbrel.records import Actor, Article, Event, Rejected
from whimbrel.store import queries
from whimbrel.store.schema import DDL, SCHEMA_VERSION

_EVENT_COLUMNS = (
    "id",
    "article_id",
    "event_type",
    "mode",
    "cameo",
    "quad_class",
    "score",
    "negated",
    "hypothetical",
    "historical",
    "reporter",
    "date",
    "date_granularity",
    "date_fallback",
    "location",
    "loc_name",
    "loc_country",
    "loc_admin1",
    "loc_lat",
    "loc_lon",
    "sentence",
    "ev_start",
    "ev_end",
    "trigger",
    "trigger_start",
    "trigger_end",
    "confidence",
)


def article_row(article: Article) -> tuple[Any, ...]:
    """The article's own columns, in ``ARTICLE_COLUMNS`` order (status columns follow)."""
    return (
        article.id,
        article.url,
        article.source,
        article.title,
        article.author,
        article.published,
        article.language,
        article.text,
        json.dumps(article.meta, default=str),
    )


ARTICLE_COLUMNS = "id, url, source, title, author, published, language, text, meta"


def _event_row(e: Event) -> tuple[Any, ...]:
    loc = e.location
    return (
        e.id,
        e.article_id,
        e.event_type,
        e.mode,
        e.cameo,
        e.quad_class,
        e.score,
        e.negated,
        e.hypothetical,
        e.historical,
        e.reporter.model_dump_json() if e.reporter else None,
        e.date,
        e.date_granularity,
        e.date_fallback,
        loc.model_dump_json() if loc else None,
        loc.name if loc else None,
        loc.country if loc else None,
        loc.admin1 if loc else None,
        loc.lat if loc else None,
        loc.lon if loc else None,
        e.evidence.sentence,
        e.evidence.start,
        e.evidence.end,
        e.evidence.trigger,
        e.evidence.trigger_start,
        e.evidence.trigger_end,
        e.confidence,
    )


def _actor_rows(e: Event) -> Iterator[tuple[Any, ...]]:
    for role, actors in (("source", e.source), ("target", e.target)):
        for pos, a in enumerate(actors):
            yield (
                e.id,
                e.article_id,
                role,
                pos,
                a.text,
                a.code,
                a.sector,
                a.name,
                a.kb_id,
                a.start,
                a.end,
            )


class Store:
    """A DuckDB database file (or ``":memory:"``). Thread-safe through one lock."""

    def __init__(self, path: str | Path = "whimbrel.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as e:
            if "lock" in str(e).lower():
                raise DatabaseLocked(
                    f"The database {self.path} is in use by another process.",
                    "stop the other whimbrel process (e.g. `whimbrel serve`) or use another "
                    "--db path.",
                ) from e
            raise StoreError(
                f"Cannot open the database {self.path}: {e}",
                "check the path exists and is writable.",
            ) from e
        except duckdb.Error as e:
            raise StoreError(
                f"Cannot open the database {self.path}: {e}",
                "check that the file is a DuckDB database, or choose a new --db path.",
            ) from e
        if not read_only:
            self._init_schema()

    def _init_schema(self) -> None:
        with self.transaction() as con:
            for stmt in DDL:
                con.execute(stmt)
            con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            cur = self.con.cursor()
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            else:
                cur.execute("COMMIT")
            finally:
                cur.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.con.cursor()

    # -- writes -------------------------------------------------------------------------
    def save_article(
        self,
        article: Article,
        events: Iterable[Event] = (),
        *,
        status: str = "done",
        error: str | None = None,
    ) -> int:
        """Store an article and replace its events; returns the number of events written."""
        events = list(events)
        with self.transaction() as con:
            self._upsert_article(con, article, status, error, len(events))
            con.execute("DELETE FROM event_actors WHERE article_id = ?", [article.id])
            con.execute("DELETE FROM events WHERE article_id = ?", [article.id])
            if events:
                marks = ", ".join("?" * len(_EVENT_COLUMNS))
                con.executemany(
                    f"INSERT OR REPLACE INTO events ({', '.join(_EVENT_COLUMNS)}) VALUES ({marks})",
                    [_event_row(e) for e in events],
                )
                rows = [r for e in events for r in _actor_rows(e)]
                if rows:
                    con.executemany(
                        "INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
                    )
        return len(events)

    def _upsert_article(
        self,
        con: duckdb.DuckDBPyConnection,
        article: Article,
        status: str,
        error: str | None,
        n_events: int,
    ) -> None:
        con.execute(
            f"INSERT OR REPLACE INTO articles ({ARTICLE_COLUMNS}, status, error, n_events, "
            "coded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                *article_row(article),
                status,
                error,
                n_events,
                datetime.now() if status in {"done", "failed"} else None,
            ],
        )

    def set_status(self, article_id: str, status: str, error: str | None = None) -> None:
        with self.transaction() as con:
            con.execute(
                "UPDATE articles SET status = ?, error = ? WHERE id = ?",
                [status, error, article_id],
            )

    def save_reject(self, rejected: Rejected) -> None:
        with self.transaction() as con:
            con.execute(
                "INSERT INTO rejects VALUES (?, ?, ?, ?, ?)",
                [rejected.source, rejected.item, rejected.reason, rejected.message, rejected.at],
            )

    # -- reads --------------------------------------------------------------------------
    def get_article(self, article_id: str) -> dict[str, Any] | None:
        with self._lock:
            return queries.get_article(self.cursor(), article_id)

    def events(self, flt: queries.EventFilter | None = None) -> list[Event]:
        with self._lock:
            return queries.events(self.cursor(), flt or queries.EventFilter())

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return queries.stats(self.cursor())

    def actors_of(self, event_ids: list[str]) -> dict[str, tuple[list[Actor], list[Actor]]]:
        with self._lock:
            return queries.actors_of(self.cursor(), event_ids)
