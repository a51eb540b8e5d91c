"""WARC / WARC.gz files (e.g. Common Crawl News) -> Articles, one per HTML response.

Only ``response`` records with a 200 HTML (or plain-text) payload and ``resource`` records of
those types are articles; request, metadata and other records are not items at all. A record
whose payload is too large or not an article, or a file that is truncated, becomes a
``Rejected`` and reading goes on (a truncated file stops at the damage).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from whimbrel.errors import InputError
from whimbrel.ingest.fetch import reason_of
from whimbrel.ingest.html import html_to_article, page_to_article
from whimbrel.records import Article, Rejected

MAX_RECORD_BYTES = 10_000_000
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def _warc_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _cut_short(record: Any) -> bool:
    """True when the record's declared Content-Length was not all there."""
    if record.rec_headers.get_header("Content-Length") is None:
        return True  # every WARC record has one: its header block was cut
    raw = record.raw_stream
    try:
        while raw.read(1 << 16):
            pass
    except (OSError, EOFError, ValueError):
        return True
    return bool(getattr(raw, "limit", 0))


def gzip_complete(path: Path) -> bool:
    """Whether every gzip member in the file ends properly (warcio stops silently at a
    truncated member); streams through the file without holding it."""
    d = zlib.decompressobj(31)
    fed = False
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                data = chunk
                while data:
                    fed = True
                    d.decompress(data, 1 << 20)
                    while d.unconsumed_tail:
                        d.decompress(d.unconsumed_tail, 1 << 20)
                    if d.eof:
                        data = d.unused_data
                        d = zlib.decompressobj(31)
                        fed = False
                    else:
                        data = b""
    except zlib.error:
        return False
    return not fed


def _record_item(record: Any, where: str, item: str) -> Article | Rejected | None:
    """One WARC record as an item (None: not an article record). Reads the whole record,
    so a record cut short by truncation is reported as such."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or item
    problem: tuple[str, str] | None = None
    if record.rec_type == "response":
        http = record.http_headers
        status = http.get_statuscode() if http else None
        ctype = http.get_header("Content-Type", "") if http else ""
        if status != "200":
            problem = (f"http-{status}", f"{uri}: the archived response is HTTP {status}.")
    else:
        ctype = record.rec_headers.get_header("Content-Type", "")
    base = (ctype or "").split(";")[0].strip().lower()
    if problem is None and base and base not in _TEXT_TYPES:
        problem = ("not-html", f"{uri} is {base}, not an article page.")
    body = b"" if problem else record.content_stream().read(MAX_RECORD_BYTES + 1)
    if len(body) > MAX_RECORD_BYTES:
        problem = ("too-large", f"{uri}: the record is over {MAX_RECORD_BYTES:,} bytes.")
    elif _cut_short(record):
        problem = ("truncated", f"{uri}: the record is cut short (the file is truncated).")
    if problem:
        return Rejected(item=item, source=where, reason=problem[0], message=problem[1])
    published = _warc_date(record.rec_headers.get_header("WARC-Date"))
    try:
        if base == "text/plain":
            article = page_to_article(
                body, url=uri, content_type=ctype, source=where, published=published
            )
        else:
            article = html_to_article(body, url=uri, source=where, published=published)
    except InputError as e:
        return Rejected(item=item, source=where, reason=reason_of(e), message=str(e))
    return article.model_copy(update={"meta": {**article.meta, "item": item}})


def read_warc(path: Path, where: str | None = None) -> Iterator[Article | Rejected]:
    """Articles from the HTML responses in a WARC or WARC.gz file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    where = where or str(path)
    n = 0
    try:
        with path.open("rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                if record.rec_type not in ("response", "resource"):
                    if _cut_short(record):
                        yield Rejected(
                            item=f"{where}#{n + 1}",
                            source=where,
                            reason="truncated",
                            message=f"{where} is truncated after record {n}.",
                        )
                        return
                    continue
                n += 1
                result = _record_item(record, where, f"{where}#{n}")
                if result is not None:
                    yield result
                    if isinstance(result, Rejected) and result.reason == "truncated":
                        return
            if not path.name.lower().endswith(".gz") and records.offset < path.stat().st_size:
                yield Rejected(
                    item=f"{where}#{n + 1}",
                    source=where,
                    reason="truncated",
                    message=f"{where} is truncated: a partial record follows record {n}.",
                )
                return
        if path.name.lower().endswith(".gz") and not gzip_complete(path):
            yield Rejected(
                item=f"{where}#{n + 1}",
                source=where,
                reason="truncated",
                message=f"{where} is truncated: the compressed data ends after record {n}.",
            )
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as e:
        # zlib.error is a subclass of Exception only; the gzip reader raises EOFError/OSError
        yield Rejected(
            item=f"{where}#{n + 1}",
            source=where,
            reason="truncated",
            message=f"{where} is damaged or truncated after record {n}: {e}.",
        )
    except Exception as e:  # zlib.error and warcio's parsing errors on corrupt data
        yield Rejected(
            item=f"{where}#{n + 1}",
            source=where,
            reason="truncated",
            message=f"{where} cannot be read after record {n}: {type(e).__name__}: {e}.",
        )
