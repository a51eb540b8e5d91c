"""Read queries shared by the CLI, the API and the dashboard. Parameters only, never
string-built values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from whimbrel.records import Actor, Event, Evidence, Location


@dataclass
class EventFilter:
    """Filters for event queries; ``None`` means no constraint."""

    actor: str | None = None  # actor code on either side (source or target)
    source: str | None = None
    target: str | None = None
    sector: str | None = None
    event_type: str | None = None
    quad_class: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str | None = None  # substring of the evidence sentence (case-insensitive)
    article_id: str | None = None
    min_confidence: float | None = None
    negated: bool | None = None
    hypothetical: bool | None = None
    country: str | None = None  # event location country
    admin1: str | None = None
    # (lat, lon, km): events placed within km of the point (great-circle distance)
    near: tuple[float, float, float] | None = None
    limit: int | None = 1000
    after: str | None = None  # cursor: events with id greater than this

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            clauses.append(sql)
            params.extend(values)

        actor_sql = "e.id IN (SELECT event_id FROM event_actors WHERE {cond})"
        if self.actor:
            add(actor_sql.format(cond="code = ?"), self.actor.upper())
        if self.source:
            add(actor_sql.format(cond="role = 'source' AND code = ?"), self.source.upper())
        if self.target:
            add(actor_sql.format(cond="role = 'target' AND code = ?"), self.target.upper())
        if self.sector:
            add(actor_sql.format(cond="sector = ?"), self.sector.upper())
        if self.event_type:
            add("e.event_type = ?", self.event_type.upper())
        if self.quad_class:
            add("e.quad_class = ?", self.quad_class)
        if self.date_from:
            add("e.date >= ?", self.date_from)
        if self.date_to:
            add("e.date <= ?", self.date_to)
        if self.text:
            add("e.sentence ILIKE ?", f"%{self.text}%")
        if self.article_id:
            add("e.article_id = ?", self.article_id)
        if self.min_confidence is not None:
            add("e.confidence >= ?", self.min_confidence)
        if self.negated is not None:
            add("e.negated = ?", self.negated)
        if self.hypothetical is not None:
            add("e.hypothetical = ?", self.hypothetical)
        if self.country:
            add("e.loc_country = ?", self.country.upper())
        if self.admin1:
            add("e.loc_admin1 ILIKE ?", self.admin1)
        if self.near:
            lat, lon, km = self.near
            add(
                "e.loc_lat IS NOT NULL AND 2 * 6371.0 * asin(sqrt(least(1.0, pow(sin(radians("
                "e.loc_lat - ?) / 2), 2) + cos(radians(?)) * cos(radians(e.loc_lat)) * pow("
                "sin(radians(e.loc_lon - ?) / 2), 2)))) <= ?",
                lat,
                lat,
                lon,
                km,
            )
        if self.after:
            add("e.id > ?", self.after)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def actors_of(
    con: duckdb.DuckDBPyConnection, event_ids: list[str]
) -> dict[str, tuple[list[Actor], list[Actor]]]:
    found: dict[str, tuple[list[Actor], list[Actor]]] = {i: ([], []) for i in event_ids}
    if not event_ids:
        return found
    rows = con.execute(
        "SELECT event_id, role, text, code, sector, name, kb_id, span_start, span_end "
        "FROM event_actors WHERE list_contains(?, event_id) ORDER BY event_id, role, "
        "position",
        [event_ids],
    ).fetchall()
    for eid, role, text, code, sector, name, kb_id, start, end in rows:
        actor = Actor(
            text=text, code=code, sector=sector, name=name, kb_id=kb_id, start=start, end=end
        )
        found[eid][0 if role == "source" else 1].append(actor)
    return found


_SELECT = (
    "SELECT e.id, e.article_id, e.event_type, e.mode, e.cameo, e.quad_class, e.score, "
    "e.negated, e.hypothetical, e.historical, e.reporter, e.date, e.date_granularity, "
    "e.date_fallback, e.location, e.sentence, e.ev_start, e.ev_end, e.trigger, "
    "e.trigger_start, e.trigger_end, e.confidence FROM events e"
)


def events(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> list[Event]:
    where, params = flt.where()
    sql = _SELECT + where + " ORDER BY e.id"
    if flt.limit is not None:
        sql += " LIMIT ?"
        params.append(flt.limit)
    rows = con.execute(sql, params).fetchall()
    roles = actors_of(con, [r[0] for r in rows])
    out: list[Event] = []
    for r in rows:
        source, target = roles[r[0]]
        out.append(
            Event(
                id=r[0],
                article_id=r[1],
                event_type=r[2],
                mode=r[3],
                cameo=r[4],
                quad_class=r[5],
                score=r[6],
                negated=bool(r[7]),
                hypothetical=bool(r[8]),
                historical=bool(r[9]),
                reporter=Actor.model_validate_json(r[10]) if r[10] else None,
                date=r[11],
                date_granularity=r[12],
                date_fallback=bool(r[13]),
                location=Location.model_validate_json(r[14]) if r[14] else None,
                evidence=Evidence(
                    sentence=r[15],
                    start=r[16],
                    end=r[17],
                    trigger=r[18],
                    trigger_start=r[19],
                    trigger_end=r[20],
                ),
                confidence=r[21],
                source=source,
                target=target,
            )
        )
    return out


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    row = con.execute(
        "SELECT id, url, source, title, author, published, language, text, meta, status, "
        "error, n_events, coded_at, added_at FROM articles WHERE id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        return None
    keys = (
        "id",
        "url",
        "source",
        "title",
        "author",
        "published",
        "language",
        "text",
        "meta",
        "status",
        "error",
        "n_events",
        "coded_at",
        "added_at",
    )
    out = dict(zip(keys, row, strict=True))
    out["meta"] = json.loads(out["meta"]) if out["meta"] else {}
    return out


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts by type and quad class, top dyads, articles and rejects."""

    def one(sql: str) -> int:
        row = con.execute(sql).fetchone()
        return int(row[0]) if row else 0

    by_type = con.execute(
        "SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"
    ).fetchall()
    by_quad = con.execute(
        "SELECT quad_class, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"
    ).fetchall()
    dyads = con.execute(
        """
        -- One row per (event, source code, target code): an event with three SLV targets
        -- counts once for USA->SLV, in the count and in the mean (as GET /api/dyads).
        WITH triples AS (
            SELECT DISTINCT e.id, e.score, s.code AS source, t.code AS target
            FROM events e
            JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' AND s.code IS NOT NULL
            JOIN event_actors t ON t.event_id = e.id AND t.role = 'target' AND t.code IS NOT NULL
        )
        SELECT source, target, count(*) AS n, avg(score) AS mean_score
        FROM triples GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 10
        """
    ).fetchall()
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "events": one("SELECT count(*) FROM events"),
        "rejects": one("SELECT count(*) FROM rejects"),
        "by_type": [{"event_type": t, "count": n} for t, n in by_type],
        "by_quad_class": [{"quad_class": q, "count": n} for q, n in by_quad],
        "top_dyads": [
            {"source": s, "target": t, "count": n, "mean_score": round(m, 2)}
            for s, t, n, m in dyads
        ],
    }
