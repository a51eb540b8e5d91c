"""What ingestion keeps in the database: sources of each article, fingerprints for
duplicate detection, HTTP validators, rejects and ingest-run summaries.

Every write that belongs to one article (its row, its fingerprint, its first source) is one
transaction, so a run killed at any point leaves the database consistent, and a rerun sees
exactly what was committed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import duckdb

from whimbrel.records import Article, Event, Rejected
from whimbrel.store.db import Store


class IngestStore:
    """Ingestion's view of a ``Store`` (also the ETag/Last-Modified cache for fetching)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- lookups ------------------------------------------------------------------------
    def article_status(self, article_id: str) -> str | None:
        with self.store._lock:
            row = (
                self.store.cursor()
                .execute("SELECT status FROM articles WHERE id = ?", [article_id])
                .fetchone()
            )
        return None if row is None else str(row[0])

    def known(self, article_id: str) -> bool:
        return self.article_status(article_id) is not None

    def seen(self, article_id: str) -> bool:
        """Stored, or recorded as a copy of a stored article (no need to fetch it again)."""
        if self.known(article_id):
            return True
        with self.store._lock:
            row = (
                self.store.cursor()
                .execute("SELECT 1 FROM article_sources WHERE copy_id = ? LIMIT 1", [article_id])
                .fetchone()
            )
        return row is not None

    def item_seen(self, item: str, article_id: str) -> bool:
        """Whether this item was recorded before with this content (as original or copy)."""
        with self.store._lock:
            row = (
                self.store.cursor()
                .execute(
                    "SELECT 1 FROM article_sources s JOIN articles a ON a.id = s.article_id "
                    "WHERE s.item = ? AND (s.article_id = ? OR s.copy_id = ?) LIMIT 1",
                    [item, article_id, article_id],
                )
                .fetchone()
            )
        return row is not None

    def by_content_hash(self, content_hash: str) -> str | None:
        with self.store._lock:
            row = (
                self.store.cursor()
                .execute(
                    "SELECT article_id FROM article_fingerprints WHERE content_hash = ? LIMIT 1",
                    [content_hash],
                )
                .fetchone()
            )
        return None if row is None else str(row[0])

    def fingerprints(self) -> Iterator[tuple[str, list[int]]]:
        """(article id, MinHash signature) of every stored article that has one."""
        with self.store._lock:
            rows = (
                self.store.cursor()
                .execute(
                    "SELECT article_id, minhash FROM article_fingerprints WHERE minhash IS NOT NULL"
                )
                .fetchall()
            )
        for aid, values in rows:
            yield str(aid), list(values)

    def queued(self, limit: int | None = None) -> list[Article]:
        """Articles stored but not yet coded (``--no-code`` runs, or a run cut short)."""
        sql = (
            "SELECT id, url, source, title, author, published, language, text, meta "
            "FROM articles WHERE status = 'queued' ORDER BY added_at, id"
        )
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        with self.store._lock:
            rows = self.store.cursor().execute(sql, params).fetchall()
        return [
            Article(
                id=r[0],
                url=r[1],
                source=r[2],
                title=r[3],
                author=r[4],
                published=r[5],
                language=r[6],
                text=r[7],
                meta=json.loads(r[8]) if r[8] else {},
            )
            for r in rows
        ]

    def sources_of(self, article_id: str) -> list[dict[str, Any]]:
        """Every place an article was seen: the original first, then its duplicates."""
        with self.store._lock:
            rows = (
                self.store.cursor()
                .execute(
                    "SELECT item, source, url, title, relation, similarity, added_at "
                    "FROM article_sources WHERE article_id = ? "
                    "ORDER BY relation = 'original' DESC, added_at, item",
                    [article_id],
                )
                .fetchall()
            )
        keys = ("item", "source", "url", "title", "relation", "similarity", "added_at")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def source_counts(self, article_ids: list[str]) -> dict[str, int]:
        """How many places carried each article (1 for a story seen once)."""
        if not article_ids:
            return {}
        with self.store._lock:
            rows = (
                self.store.cursor()
                .execute(
                    "SELECT article_id, count(*) FROM article_sources "
                    "WHERE article_id IN (SELECT unnest(?)) GROUP BY 1",
                    [article_ids],
                )
                .fetchall()
            )
        found = {str(a): int(n) for a, n in rows}
        return {a: found.get(a, 1) for a in article_ids}

    # -- writes -------------------------------------------------------------------------
    def add_article(
        self,
        article: Article,
        *,
        status: str,
        content_hash: str,
        minhash: list[int] | None,
        item: str,
        run_id: str,
    ) -> None:
        """The article, its fingerprint and its first source, in one transaction."""
        try:
            self._add_article(article, status, content_hash, minhash, item, run_id, "INSERT")
        except duckdb.ConstraintException:
            # Leftover rows for this id (plain INSERT is 3x faster than an upsert, so the
            # upsert is only the fallback); the failed transaction was rolled back.
            self._add_article(
                article, status, content_hash, minhash, item, run_id, "INSERT OR REPLACE"
            )

    def _add_article(
        self,
        article: Article,
        status: str,
        content_hash: str,
        minhash: list[int] | None,
        item: str,
        run_id: str,
        verb: str,
    ) -> None:
        with self.store.transaction() as con:
            self.store._upsert_article(con, article, status, None, 0)
            con.execute(
                f"{verb} INTO article_fingerprints VALUES (?, ?, ?)",
                [article.id, content_hash, minhash],
            )
            con.execute(
                f"{verb} INTO article_sources (article_id, item, source, url, title, "
                "relation, similarity, run_id) VALUES (?, ?, ?, ?, ?, 'original', 1.0, ?)",
                [article.id, item, article.source, article.url, article.title, run_id],
            )

    def add_duplicate(
        self,
        original_id: str,
        article: Article,
        *,
        item: str,
        relation: str,
        similarity: float,
        run_id: str,
    ) -> bool:
        """Record that ``article`` (not stored) is a copy of ``original_id``; False if this
        item was already recorded."""
        with self.store.transaction() as con:
            exists = con.execute(
                "SELECT 1 FROM article_sources WHERE article_id = ? AND item = ?",
                [original_id, item],
            ).fetchone()
            if exists:
                return False
            con.execute(
                "INSERT INTO article_sources (article_id, item, source, url, title, relation, "
                "similarity, copy_id, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    original_id,
                    item,
                    article.source,
                    article.url,
                    article.title,
                    relation,
                    similarity,
                    article.id,
                    run_id,
                ],
            )
        return True

    def add_reject(self, rejected: Rejected) -> None:
        """One row per rejected item: a rerun that rejects it again refreshes the row."""
        with self.store.transaction() as con:
            con.execute(
                "DELETE FROM rejects WHERE source = ? AND item = ?",
                [rejected.source, rejected.item],
            )
            con.execute(
                "INSERT INTO rejects (source, item, reason, message, rejected_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [rejected.source, rejected.item, rejected.reason, rejected.message, rejected.at],
            )

    # -- HTTP validators (fetch.ValidatorCache) ---------------------------------------------
    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        with self.store._lock:
            row = (
                self.store.cursor()
                .execute("SELECT etag, last_modified FROM http_cache WHERE url = ?", [url])
                .fetchone()
            )
        return (None, None) if row is None else (row[0], row[1])

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self.store.transaction() as con:
            con.execute(
                "INSERT OR REPLACE INTO http_cache VALUES (?, ?, ?, ?)",
                [url, etag, last_modified, datetime.now()],
            )

    # -- runs ---------------------------------------------------------------------------
    def start_run(self, run_id: str, sources: list[str]) -> None:
        with self.store.transaction() as con:
            con.execute(
                "INSERT OR REPLACE INTO ingest_runs (id, started_at, sources, status) "
                "VALUES (?, ?, ?, 'running')",
                [run_id, datetime.now(), json.dumps(sources)],
            )

    def finish_run(self, run_id: str, summary: dict[str, Any], status: str = "done") -> None:
        with self.store.transaction() as con:
            con.execute(
                "UPDATE ingest_runs SET finished_at = ?, status = ?, offered = ?, accepted = ?, "
                "duplicate = ?, skipped = ?, rejected = ?, coded = ?, reasons = ? WHERE id = ?",
                [
                    datetime.now(),
                    status,
                    summary["offered"],
                    summary["accepted"],
                    summary["duplicate"],
                    summary["skipped"],
                    summary["rejected"],
                    summary["coded"],
                    json.dumps(summary["reasons"]),
                    run_id,
                ],
            )

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        with self.store._lock:
            rows = (
                self.store.cursor()
                .execute(
                    "SELECT id, started_at, finished_at, status, offered, accepted, duplicate, "
                    "skipped, rejected, coded, reasons FROM ingest_runs "
                    "ORDER BY started_at DESC LIMIT ?",
                    [limit],
                )
                .fetchall()
            )
        keys = (
            "id",
            "started_at",
            "finished_at",
            "status",
            "offered",
            "accepted",
            "duplicate",
            "skipped",
            "rejected",
            "coded",
            "reasons",
        )
        out = [dict(zip(keys, r, strict=True)) for r in rows]
        for run in out:
            run["reasons"] = json.loads(run["reasons"]) if run["reasons"] else {}
        return out

    # -- coding results (ingest.run.IngestSink) -----------------------------------------
    def save_coded(self, article: Article, events: list[Event]) -> None:
        self.store.save_article(article, events)

    def save_failed(self, article: Article, error: Rejected) -> None:
        self.add_reject(error)
        self.store.save_article(article, status="failed", error=error.message)
