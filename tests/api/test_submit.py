"""POST /api/articles: receipts, persistence before the answer, restart, inputs, limits."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.helpers import RECEIPT, SEED, assert_error, client_for, wait_done
from whimbrel.api.config import ServeConfig, is_loopback
from whimbrel.errors import ServerError
from whimbrel.pipeline import Pipeline
from whimbrel.settings import Settings
from whimbrel.store import Store

SHORT = "The United Nations condemned the attack on aid workers in Sudan on Monday."


def test_json_submission_gets_receipt_and_is_coded(tmp_path: Path, pipeline: Pipeline) -> None:
    with client_for(tmp_path / "a.duckdb", pipeline) as client:
        r = client.post("/api/articles", json={"text": SEED.read_text(), "date": "2022-06-06"})
        assert r.status_code == 202
        receipt = r.json()
        assert receipt["message"] == RECEIPT
        assert receipt["status_url"].endswith(f"/api/articles/{receipt['id']}")
        assert r.headers["location"] == receipt["status_url"]
        status = wait_done(client, receipt["id"])
        assert status["status"] == "done", status
        assert status["language"] == "en" and status["published"] == "2022-06-06"
        events = client.get(f"/api/articles/{receipt['id']}/events").json()["events"]
        assert status["n_events"] == len(events) > 0
        text = client.get(f"/api/articles/{receipt['id']}?include_text=true").json()["text"]
        # page residue ("Thanks for contacting us", "Share Selection") is cleaned out
        assert "Share Selection" not in text and RECEIPT not in text
        for e in events:
            assert text[e["evidence"]["start"] : e["evidence"]["end"]] == e["evidence"]["sentence"]


def test_submission_is_persisted_before_the_answer_and_resumed(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    db = tmp_path / "q.duckdb"
    with client_for(db, pipeline, worker=False) as client:
        receipt = client.post("/api/articles", json={"text": SHORT}).json()
        assert receipt["status"] == "queued"
    with Store(db) as store:  # the server is gone; the submission is on disk
        assert store.get_article(receipt["id"])["status"] == "queued"
        store.set_status(receipt["id"], "coding")  # as if killed mid-coding
    with client_for(db, pipeline) as client:
        assert wait_done(client, receipt["id"])["status"] == "done"


def test_same_text_twice_keeps_one_article(tmp_path: Path, pipeline: Pipeline) -> None:
    with client_for(tmp_path / "d.duckdb", pipeline) as client:
        first = client.post("/api/articles", json={"text": SHORT}).json()
        wait_done(client, first["id"])
        again = client.post("/api/articles", json={"text": SHORT}).json()
        assert again["id"] == first["id"] and again["status"] == "done"
        assert client.get("/api/articles").json()["counts"]["done"] == 1


def test_file_upload_text_and_html(tmp_path: Path, pipeline: Pipeline) -> None:
    html = (
        b"<html><head><title>Sanctions</title></head><body><article><h1>Sanctions</h1>"
        b"<p>The European Union imposed new sanctions on Russia on Tuesday over the war in "
        b"Ukraine, officials in Brussels said.</p><p>Moscow condemned the decision and "
        b"threatened to retaliate against European companies.</p></article></body></html>"
    )
    with client_for(tmp_path / "u.duckdb", pipeline) as client:
        ids = []
        for name, data, ctype in (
            ("a.txt", SHORT.encode(), "text/plain"),
            ("b.html", html, "text/html"),
        ):
            r = client.post(
                "/api/articles", files={"file": (name, data, ctype)}, data={"date": "2023-02-01"}
            )
            assert r.status_code == 202, r.text
            ids.append(r.json()["id"])
        for aid in ids:
            status = wait_done(client, aid)
            assert status["status"] == "done" and status["published"] == "2023-02-01"
        html_article = client.get(f"/api/articles/{ids[1]}?include_text=true").json()
        assert "<p>" not in html_article["text"] and "sanctions on Russia" in html_article["text"]


def test_pasted_html_page_is_extracted_not_coded_as_markup(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    page = (
        "<!doctype html><html><head><title>Talks</title><script>var x = 1;</script></head>"
        "<body><nav>Home | World</nav><article><p>The European Union imposed new sanctions on "
        "Russia on Tuesday over the war in Ukraine, officials in Brussels said.</p><p>Moscow "
        "condemned the decision and threatened to retaliate.</p></article></body></html>"
    )
    with client_for(tmp_path / "p.duckdb", pipeline) as client:
        r = client.post("/api/articles", json={"text": page, "date": "2023-02-01"})
        assert r.status_code == 202, r.text
        assert wait_done(client, r.json()["id"])["status"] == "done"
        text = client.get(f"/api/articles/{r.json()['id']}?include_text=true").json()["text"]
        assert "<p>" not in text and "var x" not in text
        assert "sanctions on Russia" in text


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = (
            "<html><head><title>Summit news</title></head><body><article><p>"
            + SHORT
            + " Officials in Khartoum rejected the statement.</p></article></body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def page_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/news/summit"
    server.shutdown()
    server.server_close()


def test_fetch_url_is_coded_when_private_fetch_allowed(
    tmp_path: Path, pipeline: Pipeline, page_url: str
) -> None:
    with client_for(tmp_path / "f.duckdb", pipeline, allow_private_fetch=True) as client:
        r = client.post("/api/articles", json={"fetch_url": page_url})
        assert r.status_code == 202, r.text
        status = wait_done(client, r.json()["id"])
        assert status["status"] == "done" and status["url"] == page_url


def test_fetch_url_refuses_loopback_by_default(tmp_path: Path, page_url: str) -> None:
    with client_for(tmp_path / "s.duckdb", worker=False) as client:
        r = client.post("/api/articles", json={"fetch_url": page_url})
        assert_error(r, 400, "W107")
        assert client.get("/api/articles").json()["articles"] == []


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [
        ({"json": {"text": "   "}}, 400, "W106"),
        ({"json": {"text": SHORT, "fetch_url": "http://example.org"}}, 422, "invalid_request"),
        ({"json": {}}, 422, "invalid_request"),
        ({"json": {"text": SHORT, "colour": "red"}}, 422, "invalid_request"),
        ({"json": {"text": SHORT, "date": "06/06/2022"}}, 422, "invalid_request"),
        ({"json": ["not", "an", "object"]}, 400, "bad_request"),
        (
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            400,
            "bad_request",
        ),
        (
            {"content": SHORT.encode(), "headers": {"content-type": "text/plain"}},
            415,
            "unsupported_media_type",
        ),
        (
            {"files": {"file": ("x.bin", b"\x00\x01\x02binary", "application/octet-stream")}},
            400,
            "W102",
        ),
    ],
)
def test_bad_submissions_get_the_error_shape(
    tmp_path: Path, kwargs: dict[str, object], status: int, code: str
) -> None:
    with client_for(tmp_path / "b.duckdb", worker=False) as client:
        assert_error(client.post("/api/articles", **kwargs), status, code)  # type: ignore[arg-type]
        assert client.get("/api/articles").json()["articles"] == []


@pytest.mark.parametrize("chunked", [False, True])
def test_request_size_limit(tmp_path: Path, chunked: bool) -> None:
    big = ("word " * 2000).encode()  # 10 kB over a 4 kB limit
    with client_for(tmp_path / "l.duckdb", worker=False, max_body_bytes=4096) as client:
        if chunked:  # no Content-Length: the limit is enforced while reading
            r = client.post(
                "/api/articles",
                content=iter([b'{"text": "', big, b'"}']),
                headers={"content-type": "application/json"},
            )
        else:
            r = client.post("/api/articles", json={"text": big.decode()})
        assert_error(r, 413, "payload_too_large")
        assert client.post("/api/articles", json={"text": SHORT}).status_code == 202


def test_rate_limit_answers_429_with_retry_after(tmp_path: Path) -> None:
    with client_for(
        tmp_path / "r.duckdb", worker=False, submit_burst=3, submit_rate_per_minute=6.0
    ) as client:
        codes = [
            client.post("/api/articles", json={"text": f"{SHORT} {i}"}).status_code
            for i in range(5)
        ]
        assert codes == [202, 202, 202, 429, 429]
        r = client.post("/api/articles", json={"text": SHORT})
        assert_error(r, 429, "rate_limited")
        assert 1 <= int(r.headers["retry-after"]) <= 10
        assert client.get("/api/events").status_code == 200  # reads are not limited


@pytest.mark.parametrize(
    ("header", "expected"),
    [(None, 401), ("Bearer wrong", 401), ("Basic s3cret-token", 401), ("Bearer s3cret-token", 202)],
)
def test_write_token(tmp_path: Path, header: str | None, expected: int) -> None:
    headers = {"authorization": header} if header else {}
    with client_for(tmp_path / "t.duckdb", worker=False, token="s3cret-token") as client:
        r = client.post("/api/articles", json={"text": SHORT}, headers=headers)
        assert r.status_code == expected
        if expected == 401:
            assert_error(r, 401, "unauthorized")
            assert r.headers["www-authenticate"] == "Bearer"
        r = client.post(
            "/api/shares", json={"article_id": "x", "start": 0, "end": 1}, headers=headers
        )
        assert r.status_code == (401 if expected == 401 else 404)
        assert client.get("/api/health").json()["token_required"] is True


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
        ("::", False),
    ],
)
def test_refuses_to_serve_beyond_loopback_without_token(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
    cfg = ServeConfig(host=host, token=None)
    if loopback:
        cfg.check()
    else:
        with pytest.raises(ServerError, match="WHIMBREL_TOKEN"):
            cfg.check()
        ServeConfig(host=host, token="a-long-secret").check()


@pytest.mark.parametrize("child_process", [True, False])
def test_missing_model_shows_in_health_and_keeps_queue(tmp_path: Path, child_process: bool) -> None:
    cfg = {"settings": Settings(model="no_such_spacy_model_xyz"), "worker_process": child_process}
    with client_for(tmp_path / "m.duckdb", **cfg) as client:
        receipt = client.post("/api/articles", json={"text": SHORT}).json()
        for _ in range(600):
            health = client.get("/api/health").json()
            if health["worker"] != "loading":
                break
            threading.Event().wait(0.05)
        assert health["worker"] == "model-failed"
        assert "no_such_spacy_model_xyz" in health["worker_error"]
        assert client.get(f"/api/articles/{receipt['id']}").json()["status"] == "queued"
