"""fetch_article / Fetcher against a real local HTTP server: SSRF guard, caps, redirects,
retries, robots.txt, conditional requests."""

from __future__ import annotations

import datetime as dt
import socket
import time

import pytest

from tests.ingest.conftest import STORY_B, STORY_C, Server
from whimbrel.errors import FetchError
from whimbrel.ingest import fetch
from whimbrel.ingest.fetch import FetchConfig, Fetcher, fetch_article, reason_of


def test_fetch_article_extracts_text_and_metadata(http_server: Server) -> None:
    art = fetch_article(f"{http_server.base}/news/b.html", allow_private=True)
    assert "World Bank" in art.text and "Opposition lawmakers" in art.text
    assert art.title == "Loan vote"
    assert art.author == "Ana Lima"
    assert art.published == dt.date(2024, 3, 5)
    assert art.meta["site_name"] == "Test Herald"
    assert art.language == "en"
    assert "Sign up for our newsletter" not in art.text
    assert "Home" not in art.text.split()
    assert art.url == f"{http_server.base}/news/b.html"


def test_user_agent_names_whimbrel(http_server: Server) -> None:
    fetch_article(f"{http_server.base}/news/c.html", allow_private=True)
    assert any(ua.startswith("whimbrel/") for ua in http_server.user_agents)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "refused"),
        ("http://localhost:8080/x", "refused"),
        ("http://10.1.2.3/", "refused"),
        ("http://192.168.0.1/admin", "refused"),
        ("http://169.254.169.254/latest/meta-data/", "refused"),
        ("http://[::1]/", "refused"),
        ("http://[::ffff:127.0.0.1]/", "refused"),
        ("http://0.0.0.0/", "refused"),
        ("http://100.64.0.1/", "refused"),  # carrier-grade NAT: not global
        ("http://2130706433/", "refused"),  # 127.0.0.1 as one decimal number
        ("http://0x7f.1/", "refused"),
        ("http://127.1/", "refused"),
        ("http://[fe80::1]/", "refused"),
        ("http://[fd00::1]/", "refused"),
        ("http://224.0.0.1/", "refused"),
        ("file:///etc/passwd", "scheme"),
        ("ftp://example.org/a.txt", "scheme"),
        ("gopher://example.org/", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("http:///nohost", "bad-url"),
    ],
)
def test_refuses_private_addresses_and_other_schemes(url: str, reason: str) -> None:
    with pytest.raises(FetchError) as info:
        fetch_article(url)
    assert reason_of(info.value) == reason
    assert info.value.code == "W107"
    assert "Try:" in str(info.value)


def test_schemes_stay_refused_even_when_private_allowed() -> None:
    with pytest.raises(FetchError) as info:
        fetch_article("file:///etc/passwd", allow_private=True)
    assert reason_of(info.value) == "scheme"


def test_redirect_hops_are_checked_again(
    http_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Treat only 127.0.0.1 as "public" so the first hop passes; the server then redirects to
    # 127.0.0.2 (loopback), which the real check on the next hop must refuse.
    real = fetch._ip_is_public
    monkeypatch.setattr(fetch, "_ip_is_public", lambda ip: str(ip) == "127.0.0.1" or real(ip))
    config = FetchConfig(respect_robots=False)
    with Fetcher(config) as f:
        assert f.get(f"{http_server.base}/news/a.html").status == 200
        with pytest.raises(FetchError) as info:
            f.get(f"{http_server.base}/to-private")
    assert reason_of(info.value) == "refused"
    assert "127.0.0.2" in str(info.value)


def test_connect_time_guard_refuses_dns_rebinding(
    http_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A host that resolves to a public address when checked, then to loopback when the
    # transport connects: the guard inside the transport must refuse the second answer.
    port = int(http_server.base.rsplit(":", 1)[1])
    answers = iter(["93.184.216.34"])
    real_getaddrinfo = socket.getaddrinfo

    def rebinding(host: str, *args: object, **kwargs: object) -> list:  # type: ignore[type-arg]
        if host == "rebind.test":
            ip = next(answers, "127.0.0.1")
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with (
        Fetcher(FetchConfig(respect_robots=False, retries=0)) as f,
        pytest.raises(FetchError) as info,
    ):
        f.get(f"http://rebind.test:{port}/news/a.html")
    assert reason_of(info.value) == "refused"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing.html", "http-404"),
        ("/error500", "http-500"),
        ("/loop", "redirect-loop"),
        ("/chain/0", "redirect-loop"),
        ("/huge", "too-large"),
        ("/huge-undeclared", "too-large"),
        ("/bomb", "too-large"),
        ("/image.png", "not-html"),
        ("/private/secret.html", "robots"),
    ],
)
def test_http_failures_have_reasons(http_server: Server, path: str, reason: str) -> None:
    with pytest.raises(FetchError) as info:
        fetch_article(f"{http_server.base}{path}", allow_private=True, max_bytes=1_000_000)
    assert reason_of(info.value) == reason, str(info.value)


def test_timeout_on_slow_response(http_server: Server) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch_article(f"{http_server.base}/slow", allow_private=True, timeout=0.5)
    assert reason_of(info.value) == "timeout"
    assert time.monotonic() - start < 6  # three tries with backoff, not hanging


def test_deadline_stops_trickling_response(http_server: Server) -> None:
    config = FetchConfig(allow_private=True, timeout=0.4, retries=0)
    with Fetcher(config) as f, pytest.raises(FetchError) as info:
        f.get(f"{http_server.base}/trickle")
    assert reason_of(info.value) == "timeout"


def test_redirect_followed_and_text_plain(http_server: Server) -> None:
    art = fetch_article(f"{http_server.base}/redirect", allow_private=True)
    assert "Tbilisi" in art.text
    plain = fetch_article(f"{http_server.base}/text.txt", allow_private=True)
    assert plain.text.startswith(STORY_B[:40])


def test_retries_transient_errors(http_server: Server) -> None:
    config = FetchConfig(allow_private=True, backoff=0.01, retries=2)
    with Fetcher(config) as f:
        result = f.get(f"{http_server.base}/flaky")
    assert result.status == 200
    assert STORY_C[:30].encode() in result.body


class MemoryValidators:
    def __init__(self) -> None:
        self.data: dict[str, tuple[str | None, str | None]] = {}

    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        return self.data.get(url, (None, None))

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.data[url] = (etag, last_modified)


def test_conditional_request_on_refetch(http_server: Server) -> None:
    cache = MemoryValidators()
    url = f"{http_server.base}/atom.xml"
    with Fetcher(FetchConfig(allow_private=True), cache=cache) as f:
        first = f.get(url)
        second = f.get(url)
    assert first.status == 200 and not first.not_modified
    assert cache.data[url][0] == '"v1-/atom.xml"'
    assert second.not_modified and second.status == 304
    assert http_server.conditional_hits.get("/atom.xml", 0) >= 1
