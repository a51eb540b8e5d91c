"""DuckDB schema. Versioned by ``SCHEMA_VERSION``; additive changes only."""

SCHEMA_VERSION = 1

DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY,
        url VARCHAR, source VARCHAR, title VARCHAR, author VARCHAR,
        published DATE, language VARCHAR,
        text VARCHAR NOT NULL,
        meta JSON,
        status VARCHAR DEFAULT 'done',
        error VARCHAR,
        n_events INTEGER DEFAULT 0,
        coded_at TIMESTAMP,
        added_at TIMESTAMP DEFAULT current_timestamp
    )""",
    """CREATE TABLE IF NOT EXISTS events (
        id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL,
        event_type VARCHAR NOT NULL, mode VARCHAR, cameo VARCHAR, quad_class VARCHAR,
        score DOUBLE,
        negated BOOLEAN, hypothetical BOOLEAN, historical BOOLEAN,
        reporter JSON,
        date DATE, date_granularity VARCHAR, date_fallback BOOLEAN,
        location JSON,
        loc_name VARCHAR, loc_country VARCHAR, loc_admin1 VARCHAR,
        loc_lat DOUBLE, loc_lon DOUBLE,
        sentence VARCHAR, ev_start INTEGER, ev_end INTEGER,
        trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
        confidence DOUBLE
    )""",
    """CREATE TABLE IF NOT EXISTS event_actors (
        event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL, position INTEGER NOT NULL,
        text VARCHAR, code VARCHAR, sector VARCHAR, name VARCHAR, kb_id VARCHAR,
        span_start INTEGER, span_end INTEGER
    )""",
    """CREATE TABLE IF NOT EXISTS rejects (
        source VARCHAR, item VARCHAR, reason VARCHAR, message VARCHAR,
        rejected_at TIMESTAMP DEFAULT current_timestamp
    )""",
    "CREATE INDEX IF NOT EXISTS events_article ON events(article_id)",
    "CREATE INDEX IF NOT EXISTS actors_event ON event_actors(event_id)",
    "CREATE INDEX IF NOT EXISTS actors_article ON event_actors(article_id)",
)
