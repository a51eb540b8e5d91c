"""Build the small WARC fixture in tests/data/ingest/ with warcio.

Run from the repository root: ``.venv/bin/python -m tests.ingest.fixtures``. The stories are
the test stories of ``tests/ingest/conftest.py`` (written for these tests).
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.ingest.conftest import STORY_A, STORY_B, STORY_C, page

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"
WARC = DATA / "news.warc.gz"


def _response(
    writer: WARCWriter, uri: str, status: str, ctype: str, body: bytes, date: str
) -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(record)


def write_warc(path: Path, gzip: bool = True) -> None:
    """Seven records: warcinfo, a request, three article responses, a 404 response, an
    image response, a text/plain resource and a metadata record."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "warcio"}))
        req = writer.create_warc_record(
            "https://news.example/a",
            "request",
            payload=io.BytesIO(b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"),
        )
        writer.write_record(req)
        for name, title, story in (
            ("a", "Drought talks", STORY_A),
            ("b", "Loan vote", STORY_B),
            ("c", "Tbilisi protests", STORY_C),
        ):
            _response(
                writer,
                f"https://news.example/{name}",
                "200 OK",
                "text/html; charset=utf-8",
                page(title, story),
                "2024-03-07T12:00:00Z",
            )
        _response(
            writer,
            "https://news.example/gone",
            "404 Not Found",
            "text/html",
            b"<html><body>gone</body></html>",
            "2024-03-07T12:00:00Z",
        )
        _response(
            writer,
            "https://news.example/logo.png",
            "200 OK",
            "image/png",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
            "2024-03-07T12:00:00Z",
        )
        resource = writer.create_warc_record(
            "https://news.example/plain.txt",
            "resource",
            payload=io.BytesIO(STORY_B.replace("Kenya", "Uganda").encode()),
            warc_content_type="text/plain",
            warc_headers_dict={"WARC-Date": "2024-03-08T09:00:00Z"},
        )
        writer.write_record(resource)
        meta = writer.create_warc_record(
            "https://news.example/a",
            "metadata",
            payload=io.BytesIO(b"fetchTimeMs: 12\n"),
            warc_content_type="application/warc-fields",
        )
        writer.write_record(meta)


if __name__ == "__main__":
    DATA.mkdir(parents=True, exist_ok=True)
    write_warc(WARC)
    print(f"wrote {WARC} ({WARC.stat().st_size} bytes)")
