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
    # API (issue 8): permanent links to a passage of an article (`POST /api/shares`).
    """CREATE TABLE IF NOT EXISTS shares (
        id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL,
        span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
        created_at TIMESTAMP DEFAULT current_timestamp
    )""",
    # Ingestion (issue 5): every place an article was seen (the original and its exact or
    # near duplicates: a syndicated story is coded once and counts its sources here).
    """CREATE TABLE IF NOT EXISTS article_sources (
        article_id VARCHAR NOT NULL,
        item VARCHAR NOT NULL,
        source VARCHAR, url VARCHAR, title VARCHAR,
        relation VARCHAR NOT NULL,
        similarity DOUBLE,
        copy_id VARCHAR,
        run_id VARCHAR,
        added_at TIMESTAMP DEFAULT current_timestamp,
        PRIMARY KEY (article_id, item)
    )""",
    """CREATE TABLE IF NOT EXISTS article_fingerprints (
        article_id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL,
        minhash UBIGINT[]
    )""",
    "CREATE INDEX IF NOT EXISTS fingerprints_hash ON article_fingerprints(content_hash)",
    """CREATE TABLE IF NOT EXISTS http_cache (
        url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, fetched_at TIMESTAMP
    )""",
    """CREATE TABLE IF NOT EXISTS ingest_runs (
        id VARCHAR PRIMARY KEY,
        started_at TIMESTAMP, finished_at TIMESTAMP,
        sources JSON, status VARCHAR,
        offered INTEGER, accepted INTEGER, duplicate INTEGER, skipped INTEGER,
        rejected INTEGER, coded INTEGER, reasons JSON
    )""",
)
