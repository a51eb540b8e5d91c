"""WARC / WARC.gz files (e.g. Common Crawl News) -> Articles, one per HTML response.

Only ``response`` records with a 200 HTML (or plain-text) payload and ``resource`` records of
those types are articles; request, metadata and other records are not items at all. A record
whose payload is too large or not an article, or a file that is truncated, becomes a
``Rejected`` and reading goes on (a truncated file stops at the damage).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

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


def read_warc(path: Path, where: str | None = None) -> Iterator[Article | Rejected]:
    """Articles from the HTML responses in a WARC or WARC.gz file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    where = where or str(path)
    n = 0
    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type not in ("response", "resource"):
                    continue
                n += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{where}#{n}"
                item = f"{where}#{n}"
                if record.rec_type == "response":
                    status = record.http_headers.get_statuscode() if record.http_headers else None
                    ctype = (
                        record.http_headers.get_header("Content-Type", "")
                        if (record.http_headers)
                        else ""
                    )
                    if status != "200":
                        yield Rejected(
                            item=item,
                            source=where,
                            reason=f"http-{status}",
                            message=f"{uri}: the archived response is HTTP {status}.",
                        )
                        continue
                else:
                    ctype = record.rec_headers.get_header("Content-Type", "")
                base = (ctype or "").split(";")[0].strip().lower()
                if base and base not in _TEXT_TYPES:
                    yield Rejected(
                        item=item,
                        source=where,
                        reason="not-html",
                        message=f"{uri} is {base}, not an article page.",
                    )
                    continue
                body = record.content_stream().read(MAX_RECORD_BYTES + 1)
                if len(body) > MAX_RECORD_BYTES:
                    yield Rejected(
                        item=item,
                        source=where,
                        reason="too-large",
                        message=f"{uri}: the record is over {MAX_RECORD_BYTES:,} bytes.",
                    )
                    continue
                published = _warc_date(record.rec_headers.get_header("WARC-Date"))
                try:
                    if base == "text/plain":
                        article = page_to_article(
                            body, url=uri, content_type=ctype, source=where, published=published
                        )
                    else:
                        article = html_to_article(body, url=uri, source=where, published=published)
                except InputError as e:
                    yield Rejected(item=item, source=where, reason=reason_of(e), message=str(e))
                    continue
                yield article.model_copy(update={"meta": {**article.meta, "item": item}})
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
