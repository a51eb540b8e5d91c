"""A real local HTTP server (127.0.0.1, threaded) serving feeds, pages, errors, redirects,
slow and huge responses, with robots.txt and ETag/Last-Modified support."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# Three distinct news stories (written for these tests) and a syndicated copy of the first.
STORY_A = (
    "The foreign ministers of Brazil and Argentina met in Buenos Aires on Tuesday to discuss "
    "a joint response to the drought that has cut grain exports across the region. Officials "
    "said the two governments agreed to share water data and to coordinate river transport "
    "on the Paraná, where low water has stranded barges for weeks. The talks came after "
    "farmers in both countries protested outside government offices demanding emergency aid."
)
STORY_B = (
    "Kenya's parliament voted on Thursday to approve a loan agreement with the World Bank "
    "that will fund new roads in the north of the country. Opposition lawmakers walked out of "
    "the chamber before the vote, accusing the government of hiding the terms of the deal. "
    "The finance minister said the money would be spent over five years and that every "
    "contract would be published online for citizens to inspect."
)
STORY_C = (
    "Protesters gathered in the centre of Tbilisi for a third night on Sunday to oppose a "
    "draft law on foreign funding of media groups. Police used water cannon to push the "
    "crowd back from the parliament building, and the interior ministry said several people "
    "were detained. The European Union urged Georgia to withdraw the bill, saying it was "
    "incompatible with the country's ambitions to join the bloc."
)
SYNDICATED_A = STORY_A + " Both sides called the talks constructive."


def page(
    title: str,
    body: str,
    *,
    author: str = "Ana Lima",
    site: str = "Test Herald",
    published: str = "2024-03-05",
) -> bytes:
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title} | {site}</title>"
        f"<meta name='author' content='{author}'>"
        f"<meta property='og:site_name' content='{site}'>"
        f"<meta property='article:published_time' content='{published}T10:00:00Z'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}"
        "<p>Sign up for our newsletter</p></article>"
        "<footer>Copyright 2024 Test Herald. All rights reserved.</footer></body></html>"
    ).encode()


def rss(base: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>{base}{link}</link>"
        f"<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>"
        for i, link in enumerate(links)
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Test</title>{items}"
        "</channel></rss>"
    ).encode()


def atom(base: str, links: list[str]) -> bytes:
    entries = "".join(
        f"<entry><title>Entry {i}</title><link rel='alternate' href='{base}{link}'/>"
        f"<updated>2024-03-06T08:00:00Z</updated><author><name>Wire</name></author></entry>"
        for i, link in enumerate(links)
    )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>Test</title>{entries}</feed>"
    ).encode()


@dataclass
class Server:
    base: str
    hits: dict[str, int] = field(default_factory=dict)
    conditional_hits: dict[str, int] = field(default_factory=dict)
    user_agents: list[str] = field(default_factory=list)


FEED_LINKS = [
    "/news/a.html",
    "/news/b.html",
    "/syndicated/a.html",
    "/missing.html",
    "/private/secret.html",
    "/loop",
    "/news/c.html",
]


def make_handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def send(
            self,
            status: int,
            body: bytes = b"",
            ctype: str = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            server.hits[path] = server.hits.get(path, 0) + 1
            server.user_agents.append(self.headers.get("User-Agent", ""))
            etag = f'"v1-{path}"'
            if self.headers.get("If-None-Match") == etag:
                server.conditional_hits[path] = server.conditional_hits.get(path, 0) + 1
                self.send(304, headers={"ETag": etag})
                return
            cache = {"ETag": etag, "Last-Modified": "Tue, 05 Mar 2024 10:00:00 GMT"}
            if path == "/robots.txt":
                self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            elif path == "/feed.xml":
                self.send(200, rss(server.base, FEED_LINKS), "application/rss+xml", cache)
            elif path == "/atom.xml":
                self.send(
                    200,
                    atom(server.base, ["/news/b.html", "/news/c.html"]),
                    "application/atom+xml",
                    cache,
                )
            elif path == "/news/a.html":
                self.send(200, page("Drought talks", STORY_A), headers=cache)
            elif path == "/news/b.html":
                self.send(200, page("Loan vote", STORY_B), headers=cache)
            elif path == "/news/c.html":
                self.send(200, page("Tbilisi protests", STORY_C), headers=cache)
            elif path == "/syndicated/a.html":
                self.send(
                    200,
                    page(
                        "Ministers meet over drought",
                        SYNDICATED_A,
                        site="Other Daily",
                        author="Wire Staff",
                    ),
                    headers=cache,
                )
            elif path == "/text.txt":
                self.send(200, STORY_B.encode(), "text/plain; charset=utf-8")
            elif path == "/image.png":
                self.send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
            elif path == "/redirect":
                self.send(302, headers={"Location": "/news/c.html"})
            elif path == "/loop":
                self.send(302, headers={"Location": "/loop2"})
            elif path == "/loop2":
                self.send(302, headers={"Location": "/loop"})
            elif path.startswith("/chain/"):
                n = int(path.rsplit("/", 1)[1])
                self.send(302, headers={"Location": f"/chain/{n + 1}"})
            elif path == "/to-private":
                host = self.headers.get("Host", "").split(":")[-1]
                self.send(302, headers={"Location": f"http://127.0.0.2:{host}/news/a.html"})
            elif path == "/slow":
                time.sleep(3)
                self.send(200, page("Slow", STORY_A))
            elif path == "/trickle":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                for _ in range(40):
                    self.wfile.write(b"<p>x</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            elif path == "/huge":
                self.send(200, b"<html><body>" + b"<p>word</p>" * 200_000 + b"</body></html>")
            elif path == "/huge-undeclared":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                for _ in range(300):
                    self.wfile.write(b"<p>" + b"w" * 10_000 + b"</p>")
            elif path == "/bomb":
                raw = b"<html><body><p>" + b"a" * 30_000_000 + b"</p></body></html>"
                self.send(200, gzip.compress(raw, 9), headers={"Content-Encoding": "gzip"})
            elif path == "/flaky":
                if server.hits[path] % 2 == 1:
                    self.send(503, b"busy")
                else:
                    self.send(200, page("Flaky", STORY_C))
            elif path == "/error500":
                self.send(500, b"boom")
            elif path == "/relative-feed.xml":
                self.send(200, rss("", ["/news/b.html", "news/c.html"]), "application/rss+xml")
            elif path == "/bad-feed.xml":
                self.send(200, b"<rss><channel><item><title>no link", "application/rss+xml")
            else:
                self.send(404, b"not found")

    return Handler


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up early (timeouts, size caps) are part of the tests


@pytest.fixture(scope="session")
def http_server() -> Iterator[Server]:
    state = Server(base="")
    httpd = QuietServer(("127.0.0.1", 0), make_handler(state))
    state.base = f"http://127.0.0.1:{httpd.server_port}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


# -- hostile inputs ---------------------------------------------------------------------------
def make_hostile_folder(root: Path) -> None:
    """A folder of hostile and good files; returns how many items each kind should give."""
    import gzip as gz
    import json

    from tests.ingest.fixtures import write_warc

    root.mkdir(parents=True, exist_ok=True)
    (root / "good.txt").write_text(STORY_A, encoding="utf-8")
    (root / "nested" / "deeper").mkdir(parents=True)
    (root / "nested" / "deeper" / "page.html").write_bytes(page("Loan vote", STORY_B))
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.html").write_bytes(b"   \n\n  ")
    (root / "binary.bin").write_bytes(bytes(range(256)) * 40)
    (root / "latin1.txt").write_bytes(STORY_C.replace("Tbilisi", "Tbilíssi").encode("latin-1"))
    mixed = STORY_B.replace("Kenya", "Kénya").encode() + b" caf\xe9 \xff end."
    (root / "mixed.txt").write_bytes(mixed)
    (root / "utf16.txt").write_bytes(
        ("\ufeff" + STORY_C.replace("night", "evening")).encode("utf-16-le")
    )
    with (root / "one-line-50mb.txt").open("wb") as fh:  # the 50 MB single line
        chunk = b"word " * 200_000
        for _ in range(50):
            fh.write(chunk)
    rows = [
        json.dumps({"id": "j1", "text": STORY_C + " Jsonl copy one.", "date": "2024-01-02"}),
        "{not json",
        json.dumps({"id": "j2", "title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "j3", "text": "Short text about Chile.", "date": "02/01/2024"}),
        json.dumps({"id": "j4", "text": "x" * 6_000_000}),
        "\x00\x01\x02garbage",
    ]
    (root / "rows.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    csv_text = (
        "id,title,body\n"
        'c1,Good row,"' + STORY_B.replace('"', "'") + ' CSV copy."\n'
        "c2,Too many,a,b,c\n"
        "c3,Empty body,\n"
        'c4,"unterminated quote,\n'
    )
    (root / "table.csv").write_text(csv_text, encoding="utf-8")
    full = gz.compress(("\n".join(rows[:1] * 3) + "\n").encode())
    (root / "cut.jsonl.gz").write_bytes(full[: len(full) // 2])
    (root / "not-gzip.txt.gz").write_bytes(b"this is not gzip data at all")
    (root / "bad.parquet").write_bytes(b"PAR1 not really parquet")
    write_warc(root / "news.warc.gz")
    data = (root / "news.warc.gz").read_bytes()
    (root / "cut.warc.gz").write_bytes(data[: len(data) // 2])
    (root / "feed-broken.rss").write_bytes(b"<html><body>not a feed</body></html>")
    (root / ".hidden.txt").write_text("hidden files are not offered", encoding="utf-8")
