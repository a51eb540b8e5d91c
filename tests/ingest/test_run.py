"""Ingest runs into a real DuckDB file: accounting, duplicates, incremental runs, crashes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ingest.conftest import STORY_A, STORY_B, STORY_C, Server, make_hostile_folder
from whimbrel.ingest.fetch import FetchConfig
from whimbrel.ingest.run import CodeResult, IngestOptions, IngestSummary, ingest
from whimbrel.records import Article, Event, Evidence
from whimbrel.store import Store
from whimbrel.store.ingest import IngestStore

FRENCH = (
    "Le président de la République a reçu mardi les dirigeants des pays voisins pour "
    "discuter de la sécurité des frontières. Les ministres ont signé un accord sur la "
    "coopération policière et ont promis de se revoir avant la fin de l'année."
)


@pytest.fixture()
def store(db_path: Path) -> Iterator[IngestStore]:
    s = Store(db_path)
    yield IngestStore(s)
    s.close()


def options(**kw: object) -> IngestOptions:
    return IngestOptions(fetch=FetchConfig(allow_private=True, retries=0, backoff=0.0), **kw)  # type: ignore[arg-type]


def one(store: IngestStore, sql: str, *params: object) -> object:
    return store.store.cursor().execute(sql, list(params)).fetchone()[0]  # type: ignore[index]


def assert_consistent(store: IngestStore) -> None:
    """Every article has its fingerprint and an original source row, and vice versa."""
    assert (
        one(
            store,
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM "
            "article_fingerprints f WHERE f.article_id = a.id)",
        )
        == 0
    )
    assert (
        one(
            store,
            "SELECT count(*) FROM article_fingerprints f WHERE NOT EXISTS (SELECT "
            "1 FROM articles a WHERE a.id = f.article_id)",
        )
        == 0
    )
    assert (
        one(
            store,
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM "
            "article_sources s WHERE s.article_id = a.id AND s.relation = "
            "'original')",
        )
        == 0
    )


def test_hostile_folder_is_fully_accounted(tmp_path: Path, store: IngestStore) -> None:
    make_hostile_folder(tmp_path / "h")
    s = ingest([str(tmp_path / "h")], store, options())
    assert s.balanced and s.offered > 30
    assert s.accepted + s.duplicate + s.skipped + s.rejected == s.offered
    assert one(store, "SELECT count(*) FROM rejects") == s.rejected
    assert sum(s.reasons["rejected"].values()) == s.rejected
    assert one(store, "SELECT count(*) FROM articles") == s.accepted + s.skipped
    # the WARC and the cut WARC carry the same first stories: duplicates, not new articles
    assert (
        s.reasons["duplicate"]["already-stored"]
        + s.reasons["duplicate"]["exact-duplicate"]
        + s.reasons["duplicate"]["near-duplicate"]
        == s.duplicate
        >= 2
    )
    run = store.runs()[0]
    assert run["status"] == "done" and run["offered"] == s.offered
    assert_consistent(store)
    again = ingest([str(tmp_path / "h")], store, options())
    assert dict(again.reasons["duplicate"]) == {"already-stored": s.accepted + s.duplicate}
    assert (again.accepted, again.rejected) == (0, s.rejected)


def test_rerun_adds_only_what_is_new(tmp_path: Path, store: IngestStore) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY_A, encoding="utf-8")
    (folder / "b.txt").write_text(STORY_B, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    first = ingest([str(folder)], store, options())
    assert (first.accepted, first.duplicate, first.rejected) == (2, 0, 1)
    (folder / "c.txt").write_text(STORY_C, encoding="utf-8")
    second = ingest([str(folder)], store, options())
    assert (second.offered, second.accepted, second.duplicate, second.rejected) == (4, 1, 2, 1)
    assert dict(second.reasons["duplicate"]) == {"already-stored": 2}
    assert one(store, "SELECT count(*) FROM articles") == 3
    assert one(store, "SELECT count(*) FROM rejects") == 1  # refreshed, not repeated
    assert_consistent(store)


def test_syndicated_story_is_stored_once_and_counts_sources(
    tmp_path: Path, store: IngestStore
) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    outlets = ["daily", "herald", "post", "times", "courier"]
    for i, outlet in enumerate(outlets):
        # the same wire story with each outlet's own headline line and sign-off
        text = f"{outlet.title()} world news\n{STORY_A}\nReporting for the {outlet} desk {i}."
        (folder / f"{outlet}.txt").write_text(text, encoding="utf-8")
    (folder / "exact-copy.txt").write_text(f"  {STORY_B}  \n", encoding="utf-8")
    (folder / "original-b.txt").write_text(STORY_B, encoding="utf-8")
    s = ingest([str(folder)], store, options())
    assert s.accepted == 2
    assert s.reasons["duplicate"]["near-duplicate"] == 4
    assert s.reasons["duplicate"]["exact-duplicate"] == 1
    ids = [r[0] for r in store.store.cursor().execute("SELECT id FROM articles").fetchall()]
    counts = store.source_counts(ids)
    assert sorted(counts.values()) == [2, 5]
    wire_id = max(counts, key=lambda k: counts[k])
    sources = store.sources_of(wire_id)
    assert sources[0]["relation"] == "original"
    assert {x["relation"] for x in sources[1:]} == {"near-duplicate"}
    assert all(0.8 <= x["similarity"] <= 1.0 for x in sources)
    again = ingest([str(folder)], store, options())
    assert again.accepted == 0 and dict(again.reasons["duplicate"]) == {"already-stored": 7}


def test_non_english_is_stored_and_skipped(tmp_path: Path, store: IngestStore) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "in" / "en.txt").write_text(STORY_C, encoding="utf-8")
    s = ingest([str(tmp_path / "in")], store, options())
    assert (s.accepted, s.skipped) == (1, 1)
    assert dict(s.reasons["skipped"]) == {"language-fr": 1}
    rows = dict(store.store.cursor().execute("SELECT language, status FROM articles").fetchall())
    assert rows == {"fr": "skipped", "en": "queued"}
    s2 = ingest([str(tmp_path / "in")], store, options(languages=frozenset({"en", "fr"})))
    assert s2.duplicate == 2  # already stored; languages decide coding of new articles only


def test_feed_run_then_conditional_rerun(http_server: Server, store: IngestStore) -> None:
    feed = f"{http_server.base}/feed.xml"
    s = ingest([feed], store, options())
    assert s.balanced
    assert s.accepted == 3 and dict(s.reasons["duplicate"]) == {"near-duplicate": 1}
    assert dict(s.reasons["rejected"]) == {"http-404": 1, "robots": 1, "redirect-loop": 1}
    etag = store.get_validators(feed)[0]
    assert etag == '"v1-/feed.xml"'
    again = ingest([feed], store, options())
    assert (again.offered, dict(again.reasons["duplicate"])) == (1, {"not-modified": 1})
    page_hits = http_server.hits.get("/news/a.html", 0)
    ingest([f"{http_server.base}/news/a.html"], store, options())
    assert http_server.conditional_hits.get("/news/a.html", 0) >= 1  # If-None-Match sent
    assert http_server.hits["/news/a.html"] == page_hits + 1


def fake_event(article: Article) -> Event:
    sentence = article.text.split(".")[0] + "."
    return Event(
        id=f"{article.id}-0",
        article_id=article.id,
        event_type="CONSULT",
        evidence=Evidence(sentence=sentence, start=0, end=len(sentence), trigger="met"),
    )


def test_coding_takes_the_queue_and_survives_coder_failures(
    tmp_path: Path, store: IngestStore
) -> None:
    for name, story in (("a", STORY_A), ("b", STORY_B), ("c", STORY_C)):
        (tmp_path / f"{name}.txt").write_text(story, encoding="utf-8")
    # the database file in the same folder is never read as an input
    queued = ingest([str(tmp_path)], store, options(exclude=(store.store.path,)))
    assert queued.offered == 3
    assert queued.coded == 0 and len(store.queued()) == 3

    def coder(articles: list[Article]) -> Iterator[CodeResult]:
        for a in articles:
            if "Kenya" in a.text:
                raise RuntimeError("model exploded")
            yield CodeResult(article=a, events=[fake_event(a)])

    s = ingest([str(tmp_path)], store, options(exclude=(store.store.path,)), coder=coder)
    assert s.accepted == 0 and s.duplicate == 3
    assert s.coded + s.coding_failed == 3 and s.coding_failed >= 1
    statuses = dict(
        store.store.cursor().execute("SELECT status, count(*) FROM articles GROUP BY 1").fetchall()
    )
    assert statuses.get("queued") is None and statuses["failed"] == s.coding_failed
    assert one(store, "SELECT count(*) FROM events") == s.events == s.coded
    assert one(store, "SELECT count(*) FROM rejects WHERE reason = 'coding-failed'") >= 1


def test_real_pipeline_codes_ingested_articles(
    tmp_path: Path, store: IngestStore, pipeline: object
) -> None:
    from whimbrel.pipeline import Pipeline

    assert isinstance(pipeline, Pipeline)
    seed = Path(__file__).resolve().parents[2] / "examples" / "seed-article.txt"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_bytes(seed.read_bytes())

    def coder(articles: list[Article]) -> Iterator[CodeResult]:
        for c in pipeline.code(articles):
            yield CodeResult(article=c.article, events=c.events, error=c.error)

    s = ingest([str(tmp_path / "in")], store, options(), coder=coder)
    assert s.coded == 1 and s.events > 0
    row = store.store.get_article(
        store.store.cursor().execute("SELECT id FROM articles").fetchone()[0]
    )  # type: ignore[index]
    assert row is not None and row["status"] == "done"
    assert row["meta"]["bio"].startswith("Irina Tsukerman is")
    assert "Thanks for contacting us" not in row["text"] and "Share Selection" not in row["text"]


KILLER = textwrap.dedent("""
    import os, signal, sys
    from whimbrel.ingest.run import ingest
    from whimbrel.store import Store
    from whimbrel.store.ingest import IngestStore
    store = IngestStore(Store(sys.argv[1]))
    limit = int(sys.argv[3])
    def progress(stage, summary):
        if summary.accepted >= limit:
            os.kill(os.getpid(), signal.SIGKILL)
    ingest([sys.argv[2]], store, progress=progress)
""")


def test_kill_mid_run_leaves_db_consistent_and_rerun_completes(
    tmp_path: Path, db_path: Path
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:03}.txt").write_text(
            f"Story number {i}. The mayor of town {i} met the council on day {i} to discuss "
            f"budget line {i * 7}, and residents of district {i} protested outside.",
            encoding="utf-8",
        )
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, str(db_path), str(folder), "15"],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    with Store(db_path) as raw:
        store = IngestStore(raw)
        stored = one(store, "SELECT count(*) FROM articles")
        assert stored == 15
        assert_consistent(store)
        assert store.runs()[0]["status"] == "running"  # the killed run shows as unfinished
        s = ingest([str(folder)], store, options())
        assert (s.accepted, s.duplicate) == (25, 15)
        assert one(store, "SELECT count(*) FROM articles") == 40
        assert_consistent(store)


def test_summary_dict_is_json(tmp_path: Path, store: IngestStore) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(STORY_A, encoding="utf-8")
    s: IngestSummary = ingest([str(tmp_path / "in"), str(tmp_path / "missing")], store, options())
    d = json.loads(json.dumps(s.to_dict()))
    assert d["offered"] == 2 and d["reasons"]["rejected"] == {"not-found": 1}


def test_leftover_fingerprint_rows_do_not_stop_a_run(tmp_path: Path, store: IngestStore) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(STORY_A, encoding="utf-8")
    first = ingest([str(tmp_path / "in")], store, options())
    # Someone removed the article row but not its fingerprint and source rows.
    store.store.cursor().execute("DELETE FROM articles")
    store.store.cursor().execute("UPDATE article_fingerprints SET content_hash = 'old'")
    again = ingest([str(tmp_path / "in")], store, options())
    assert (first.accepted, again.accepted) == (1, 1)
    assert one(store, "SELECT count(*) FROM article_fingerprints") == 1
    assert_consistent(store)


class FailsOnKenya(IngestStore):
    """The real store, with a fault injected for one article (a full disk, a bug...)."""

    def add_article(self, article: Article, **kw: object) -> None:  # type: ignore[override]
        if "Kenya" in article.text:
            raise RuntimeError("disk full")
        super().add_article(article, **kw)  # type: ignore[arg-type]


def test_a_failing_article_becomes_a_reject_and_the_run_goes_on(
    tmp_path: Path, db_path: Path
) -> None:
    (tmp_path / "in").mkdir()
    for name, story in (("a", STORY_A), ("b", STORY_B), ("c", STORY_C)):
        (tmp_path / "in" / f"{name}.txt").write_text(story, encoding="utf-8")
    with Store(db_path) as raw:
        store = FailsOnKenya(raw)
        s = ingest([str(tmp_path / "in")], store, options())
        assert (s.accepted, s.rejected, dict(s.reasons["rejected"])) == (2, 1, {"error": 1})
        assert one(store, "SELECT message FROM rejects") == "RuntimeError: disk full"
        assert_consistent(store)
