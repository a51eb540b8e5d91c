"""Queries and writes the API and dashboard need beyond ``Store``'s own: the submission
queue, dyads, actor profiles, timelines and shared passages.

Every function takes a ``Store`` and goes through ``Store.transaction()`` (its lock), so the
background coding worker and the request threads can share one connection. Parameters only,
never string-built values: the only SQL text assembled here is ``EventFilter.where()``'s
fixed clauses and the fixed interval names checked against ``INTERVALS``.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from whimbrel.records import Article, stable_id
from whimbrel.store.db import ARTICLE_COLUMNS, Store, article_row
from whimbrel.store.queries import EventFilter

STATUSES = ("queued", "coding", "done", "failed")
INTERVALS = ("day", "week", "month")
QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")


def _where(flt: EventFilter | None) -> tuple[str, list[Any]]:
    """The filter's WHERE clause, without its cursor (aggregates ignore paging)."""
    return replace(flt or EventFilter(), after=None, limit=None).where()


def _and(where: str, clause: str) -> str:
    return f"{where} AND {clause}" if where else f" WHERE {clause}"


# -- the submission queue -------------------------------------------------------------------
def enqueue_article(store: Store, article: Article) -> tuple[str, str]:
    """Persist a submitted article as ``queued``; return (id, status).

    The same text submitted again keeps its id (ids are content hashes): an article that is
    queued, coding or done keeps its status; a failed one is queued again.
    """
    with store.transaction() as con:
        row = con.execute("SELECT status FROM articles WHERE id = ?", [article.id]).fetchone()
        if row is None:
            con.execute(
                f"INSERT INTO articles ({ARTICLE_COLUMNS}, status, error, n_events) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', NULL, 0)",
                list(article_row(article)),
            )
            return article.id, "queued"
        status = str(row[0])
        if status == "failed":
            con.execute(
                "UPDATE articles SET status = 'queued', error = NULL WHERE id = ?", [article.id]
            )
            status = "queued"
        return article.id, status


def requeue_interrupted(store: Store) -> int:
    """Articles left ``coding`` by a stopped server go back to ``queued``; returns how many."""
    with store.transaction() as con:
        n = con.execute("SELECT count(*) FROM articles WHERE status = 'coding'").fetchone()
        con.execute("UPDATE articles SET status = 'queued' WHERE status = 'coding'")
    return int(n[0]) if n else 0


def _article_from_row(row: tuple[Any, ...]) -> Article:
    aid, url, source, title, author, published, language, text, meta = row
    return Article(
        id=aid,
        url=url,
        source=source,
        title=title,
        author=author,
        published=published,
        language=language,
        text=text,
        meta=json.loads(meta) if meta else {},
    )


def claim_queued(store: Store, limit: int) -> list[Article]:
    """Take up to ``limit`` queued articles (oldest first) and mark them ``coding``."""
    with store.transaction() as con:
        rows = con.execute(
            "SELECT id, url, source, title, author, published, language, text, meta "
            "FROM articles WHERE status = 'queued' ORDER BY added_at, id LIMIT ?",
            [limit],
        ).fetchall()
        if rows:
            con.execute(
                "UPDATE articles SET status = 'coding', error = NULL "
                "WHERE id IN (SELECT unnest(?))",
                [[r[0] for r in rows]],
            )
    return [_article_from_row(r) for r in rows]


def queue_counts(store: Store) -> dict[str, int]:
    """Number of articles per status (every status present, zero when none)."""
    with store.transaction() as con:
        rows = con.execute("SELECT status, count(*) FROM articles GROUP BY 1").fetchall()
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({str(s): int(n) for s, n in rows})
    return counts


def recent_articles(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    with store.transaction() as con:
        rows = con.execute(
            "SELECT id, title, source, published, status, n_events, added_at FROM articles "
            "ORDER BY added_at DESC, id LIMIT ?",
            [limit],
        ).fetchall()
    keys = ("id", "title", "source", "published", "status", "n_events", "added_at")
    return [dict(zip(keys, r, strict=True)) for r in rows]


# -- aggregates -----------------------------------------------------------------------------
_TRIPLES = """
    WITH f AS (SELECT e.id, e.score, e.quad_class FROM events e{where}),
    triples AS (
        SELECT DISTINCT f.id, f.score, f.quad_class, s.code AS source, t.code AS target
        FROM f
        JOIN event_actors s ON s.event_id = f.id AND s.role = 'source' AND s.code IS NOT NULL
        JOIN event_actors t ON t.event_id = f.id AND t.role = 'target' AND t.code IS NOT NULL
    )
"""


def dyads(store: Store, flt: EventFilter | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Source->target actor-code pairs: event count, mean score, cooperation/conflict counts."""
    where, params = _where(flt)
    sql = (
        _TRIPLES.format(where=where)
        + """
        SELECT source, target, count(*) AS n, avg(score) AS mean_score,
               count(*) FILTER (WHERE quad_class LIKE '%cooperation') AS coop,
               count(*) FILTER (WHERE quad_class LIKE '%conflict') AS conflict
        FROM triples GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?
        """
    )
    with store.transaction() as con:
        rows = con.execute(sql, [*params, limit]).fetchall()
    return [
        {
            "source": s,
            "target": t,
            "count": int(n),
            "mean_score": None if m is None else round(float(m), 2),
            "cooperation": int(c),
            "conflict": int(k),
        }
        for s, t, n, m, c, k in rows
    ]


def places(store: Store, flt: EventFilter | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Event counts and mean score per resolved place (events with coordinates only)."""
    where, params = _where(flt)
    sql = (
        "SELECT e.loc_name, e.loc_country, e.loc_lat, e.loc_lon, count(*), avg(e.score) "
        f"FROM events e{_and(where, 'e.loc_lat IS NOT NULL AND e.loc_lon IS NOT NULL')} "
        "GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1 LIMIT ?"
    )
    with store.transaction() as con:
        rows = con.execute(sql, [*params, limit]).fetchall()
    return [
        {
            "name": n,
            "country": c,
            "lat": float(lat),
            "lon": float(lon),
            "count": int(k),
            "mean_score": None if m is None else round(float(m), 2),
        }
        for n, c, lat, lon, k, m in rows
    ]


def timeline(
    store: Store, flt: EventFilter | None = None, interval: str = "month"
) -> dict[str, Any]:
    """Event counts and mean score per period (event date, else the article's date)."""
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {INTERVALS}")
    where, params = _where(flt)
    when = "COALESCE(e.date, a.published)"
    base = f"FROM events e JOIN articles a ON a.id = e.article_id{where}"
    sql = (
        f"SELECT CAST(date_trunc('{interval}', {when}) AS DATE) AS period, count(*), "
        "avg(e.score), "
        + ", ".join(f"count(*) FILTER (WHERE e.quad_class = '{q}')" for q in QUADS)
        + f" {base} {'AND' if where else 'WHERE'} {when} IS NOT NULL GROUP BY 1 ORDER BY 1"
    )
    with store.transaction() as con:
        rows = con.execute(sql, params).fetchall()
        undated = con.execute(
            f"SELECT count(*) {base} {'AND' if where else 'WHERE'} {when} IS NULL", params
        ).fetchone()
    return {
        "interval": interval,
        "undated": int(undated[0]) if undated else 0,
        "periods": [
            {
                "period": r[0].isoformat(),
                "count": int(r[1]),
                "mean_score": None if r[2] is None else round(float(r[2]), 2),
                "by_quad_class": {q: int(n) for q, n in zip(QUADS, r[3:], strict=True)},
            }
            for r in rows
        ],
    }


def actor_profile(store: Store, code: str, flt: EventFilter | None = None) -> dict[str, Any] | None:
    """An actor code's events: names seen, sectors, counterparts, event mix, monthly timeline.

    ``None`` when no stored event involves the code.
    """
    code = code.upper()
    flt = replace(flt or EventFilter(), actor=code)
    where, params = _where(flt)
    with store.transaction() as con:
        roles = con.execute(
            f"SELECT ea.role, count(DISTINCT ea.event_id) FROM event_actors ea "
            f"WHERE ea.code = ? AND ea.event_id IN (SELECT e.id FROM events e{where}) "
            "GROUP BY 1",
            [code, *params],
        ).fetchall()
        if not roles:
            return None
        names = con.execute(
            f"SELECT ea.text, count(*) FROM event_actors ea WHERE ea.code = ? "
            f"AND ea.event_id IN (SELECT e.id FROM events e{where}) "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
            [code, *params],
        ).fetchall()
        sectors = con.execute(
            f"SELECT coalesce(ea.sector, ''), count(*) FROM event_actors ea WHERE ea.code = ? "
            f"AND ea.event_id IN (SELECT e.id FROM events e{where}) GROUP BY 1 ORDER BY 2 DESC",
            [code, *params],
        ).fetchall()
        mix = con.execute(
            f"SELECT e.event_type, e.quad_class, count(*) FROM events e{where} "
            "GROUP BY 1, 2 ORDER BY 3 DESC, 1",
            params,
        ).fetchall()
        counterparts = con.execute(
            _TRIPLES.format(where=where)
            + """
            SELECT CASE WHEN source = ? THEN target ELSE source END AS other,
                   CASE WHEN source = ? THEN 'target' ELSE 'source' END AS their_role,
                   count(*), avg(score)
            FROM triples WHERE (source = ?) <> (target = ?)
            GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 25
            """,
            [*params, code, code, code, code],
        ).fetchall()
    by_role = {str(r): int(n) for r, n in roles}
    return {
        "code": code,
        "events": sum(n for _, _, n in mix),
        "as_source": by_role.get("source", 0),
        "as_target": by_role.get("target", 0),
        "names": [{"text": t, "count": int(n)} for t, n in names],
        "sectors": [{"sector": s or None, "count": int(n)} for s, n in sectors],
        "event_mix": [{"event_type": t, "quad_class": q, "count": int(n)} for t, q, n in mix],
        "counterparts": [
            {
                "code": o,
                "their_role": r,
                "count": int(n),
                "mean_score": None if m is None else round(float(m), 2),
            }
            for o, r, n, m in counterparts
        ],
        "timeline": timeline(store, flt, "month"),
    }


# -- shares ---------------------------------------------------------------------------------
def create_share(store: Store, article_id: str, start: int, end: int) -> str:
    """A permanent id for a passage; the same passage always gets the same id."""
    share_id = stable_id("share", article_id, start, end, length=12)
    with store.transaction() as con:
        con.execute(
            "INSERT INTO shares (id, article_id, span_start, span_end) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            [share_id, article_id, start, end],
        )
    return share_id


def get_share(store: Store, share_id: str) -> dict[str, Any] | None:
    with store.transaction() as con:
        row = con.execute(
            "SELECT id, article_id, span_start, span_end, created_at FROM shares WHERE id = ?",
            [share_id],
        ).fetchone()
    if row is None:
        return None
    keys = ("id", "article_id", "start", "end", "created_at")
    return dict(zip(keys, row, strict=True))
