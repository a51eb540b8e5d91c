"""Turn the SOURCE arguments of ``whimbrel ingest`` into a stream of items.

A source is a file, a folder (read recursively), ``-`` (standard input), an ``http(s)://``
address (an article page or an RSS/Atom feed), or ``@FILE`` (a list of sources, one a line).
Each item is an ``Article``, a ``Rejected`` (a bad item, with its reason) or a ``Seen`` (an
item we already have: an article URL already stored, a page or feed not modified since the
last fetch). Readers never code and never store; nothing here raises for a bad item.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO
from urllib.parse import urljoin

from whimbrel.errors import InputEncodingError, InputError
from whimbrel.ingest.dedup import article_id
from whimbrel.ingest.feeds import FeedEntry, looks_like_feed, parse_feed
from whimbrel.ingest.fetch import FetchConfig, Fetcher, ValidatorCache, reason_of
from whimbrel.ingest.html import html_to_article, looks_like_html, page_to_article
from whimbrel.ingest.lang import detect_language
from whimbrel.ingest.readers import decode_bytes, text_article
from whimbrel.ingest.tabular import ColumnMap, read_csv_stream, read_jsonl_stream, read_parquet
from whimbrel.ingest.warc import read_warc
from whimbrel.records import Article, Rejected

MAX_FILE_BYTES = 10_000_000  # one text/HTML article file (a 50 MB single line is refused)
MAX_JSON_BYTES = 100_000_000
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")
PARQUET_SUFFIXES = (".parquet", ".pq")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")


@dataclass
class Seen:
    """An item we already have; counted as a duplicate, never fetched or parsed again."""

    item: str
    source: str
    reason: str  # already-stored | not-modified
    article_id: str | None = None


Item = Article | Rejected | Seen


@dataclass
class ReadOptions:
    columns: ColumnMap = field(default_factory=ColumnMap)
    published: date | None = None
    fetch: FetchConfig = field(default_factory=FetchConfig)
    validators: ValidatorCache | None = None
    known: Callable[[str], bool] = lambda _id: False  # is this article id already stored?
    stdin: IO[bytes] | None = None
    stdin_format: str = "auto"  # auto | text | html | jsonl | csv
    exclude: frozenset[str] = frozenset()  # resolved paths never read (the database itself)


def _reject(item: str, source: str, e: InputError) -> Rejected:
    return Rejected(item=item, source=source, reason=reason_of(e), message=str(e))


def _cp1252_bytes(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


_CP1252_FALLBACK = "whimbrel-cp1252"
codecs.register_error(_CP1252_FALLBACK, _cp1252_bytes)


def decode_lenient(data: bytes, where: str) -> tuple[str, str]:
    """Text and the encoding used: UTF-8 (or a BOM), else repaired. Binary data raises.

    Mostly-UTF-8 text with a few stray bytes (mixed encodings) keeps its UTF-8 and replaces
    the bad bytes; text with no valid multi-byte sequence is read as Windows-1252.
    """
    try:
        return decode_bytes(data, where), "utf-8"
    except InputEncodingError as e:
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            e.reason = "binary"  # type: ignore[attr-defined]
            raise
    # Undecodable bytes are read as Windows-1252, the usual culprit; valid UTF-8 stays.
    text = data.decode("utf-8", errors=_CP1252_FALLBACK)
    multibyte = any(ord(ch) > 127 for ch in data.decode("utf-8", errors="ignore"))
    encoding = "utf-8+cp1252 (mixed)" if multibyte else "cp1252"
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * max(1, min(len(text), 4096)):
        raise InputEncodingError(
            f"{where} looks like a binary file, not text.", "give text or HTML files."
        )
    return text, encoding


def _too_large(where: str, cap: int) -> InputError:
    err = InputError(
        f"{where} is larger than the {cap:,}-byte limit for one article.",
        "split it, or give a JSONL/CSV collection instead.",
    )
    err.reason = "too-large"  # type: ignore[attr-defined]
    return err


def _read_capped(fh: IO[bytes], cap: int, where: str) -> bytes:
    data = fh.read(cap + 1)
    if len(data) > cap:
        raise _too_large(where, cap)
    return data


def _text_or_html(data: bytes, where: str, opts: ReadOptions, kind: str) -> Article:
    if not data.strip():
        err = InputError(f"{where} is empty.", "remove it or give it article text.")
        err.reason = "empty"  # type: ignore[attr-defined]
        raise err
    if kind == "html" or (kind == "auto" and looks_like_html(data)):
        article = html_to_article(data, source=where, published=opts.published)
        return article.model_copy(update={"meta": {**article.meta, "item": where}})
    text, encoding = decode_lenient(data, where)
    article = text_article(text, source=where, published=opts.published)
    meta = {**article.meta, "item": where}
    if encoding != "utf-8":
        meta["encoding"] = encoding
    return article.model_copy(update={"language": detect_language(article.text), "meta": meta})


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def read_file(path: Path, opts: ReadOptions, fetcher: Callable[[], Fetcher]) -> Iterator[Item]:
    """The items in one file, by its extension (``.gz`` compressed or not)."""
    where = str(path)
    name = path.name.lower()
    inner = name[:-3] if name.endswith(".gz") else name
    try:
        if name.endswith(WARC_SUFFIXES) or inner.endswith(".warc"):
            yield from read_warc(path, where)
        elif inner.endswith(PARQUET_SUFFIXES):
            yield from read_parquet(path, where, opts.columns, opts.published)
        elif inner.endswith(JSONL_SUFFIXES):
            with _open(path) as fh:
                yield from read_jsonl_stream(fh, where, opts.columns, opts.published)
        elif inner.endswith(CSV_SUFFIXES):
            with _open(path) as fh:
                yield from read_csv_stream(fh, where, opts.columns, opts.published)
        elif inner.endswith(".json"):
            with _open(path) as fh:
                yield from _read_json(_read_capped(fh, MAX_JSON_BYTES, where), where, opts)
        else:
            with _open(path) as fh:
                data = _read_capped(fh, MAX_FILE_BYTES, where)
            if inner.endswith(FEED_SUFFIXES) or (
                not inner.endswith(TEXT_SUFFIXES + HTML_SUFFIXES) and looks_like_feed(data)
            ):
                yield from _feed_items(data, where, opts, fetcher)
            else:
                kind = (
                    "html"
                    if inner.endswith(HTML_SUFFIXES)
                    else ("text" if inner.endswith(TEXT_SUFFIXES) else "auto")
                )
                yield _text_or_html(data, where, opts, kind)
    except InputError as e:
        yield _reject(where, where, e)
    except (OSError, EOFError) as e:  # unreadable file, truncated gzip
        yield Rejected(
            item=where,
            source=where,
            reason="truncated" if isinstance(e, EOFError | gzip.BadGzipFile) else "unreadable",
            message=f"{where}: {e}.",
        )
    except Exception as e:  # a reader bug on one file must not stop the run: it is data
        yield Rejected(
            item=where, source=where, reason="error", message=f"{where}: {type(e).__name__}: {e}"
        )


def _read_json(data: bytes, where: str, opts: ReadOptions) -> Iterator[Item]:
    """A .json file: one article object, or an array of them."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        yield Rejected(
            item=where,
            source=where,
            reason="bad-record",
            message=f"{where} is not valid JSON: {e}.",
        )
        return
    rows = obj if isinstance(obj, list) else [obj]
    lines = b"\n".join(json.dumps(r).encode() for r in rows)
    yield from read_jsonl_stream(io.BytesIO(lines), where, opts.columns, opts.published)


def _excluded(path: Path, opts: ReadOptions) -> bool:
    if not opts.exclude:
        return False
    resolved = str(path.resolve())
    return any(resolved == x or resolved.startswith(x + ".") for x in opts.exclude)


def read_folder(folder: Path, opts: ReadOptions, fetcher: Callable[[], Fetcher]) -> Iterator[Item]:
    """Every file under ``folder`` (recursively, sorted; hidden files and folders skipped)."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and not _excluded(path, opts):
                yield from read_file(path, opts, fetcher)


def _feed_items(
    data: bytes, where: str, opts: ReadOptions, fetcher: Callable[[], Fetcher]
) -> Iterator[Item]:
    try:
        entries = parse_feed(data, where)
    except InputError as e:
        yield _reject(where, where, e)
        return
    for entry in entries:
        if where.lower().startswith(("http://", "https://")):
            entry.link = urljoin(where, entry.link)  # relative links resolve against the feed
        yield from _entry_item(entry, where, opts, fetcher)


def _entry_item(
    entry: FeedEntry, feed: str, opts: ReadOptions, fetcher: Callable[[], Fetcher]
) -> Iterator[Item]:
    aid = article_id(url=entry.link)
    if opts.known(aid):
        yield Seen(item=entry.link, source=feed, reason="already-stored", article_id=aid)
        return
    for item in read_url(entry.link, opts, fetcher, source=feed, follow_feeds=False):
        if isinstance(item, Article):
            item = item.model_copy(
                update={
                    "title": item.title or entry.title,
                    "author": item.author or entry.author,
                    "published": item.published or entry.published or opts.published,
                    "meta": {**item.meta, "feed": feed},
                }
            )
        yield item


def read_url(
    url: str,
    opts: ReadOptions,
    fetcher: Callable[[], Fetcher],
    *,
    source: str | None = None,
    follow_feeds: bool = True,
) -> Iterator[Item]:
    """An article page, or each article of a feed, fetched over HTTP."""
    source = source or url
    aid = article_id(url=url)
    if not follow_feeds and opts.known(aid):
        yield Seen(item=url, source=source, reason="already-stored", article_id=aid)
        return
    try:
        result = fetcher().get(url)
    except InputError as e:
        yield _reject(url, source, e)
        return
    if result.not_modified:
        yield Seen(item=url, source=source, reason="not-modified", article_id=aid)
        return
    if follow_feeds and looks_like_feed(result.body, result.content_type):
        yield from _feed_items(result.body, url, opts, fetcher)
        return
    try:
        article = page_to_article(
            result.body,
            url=result.url,
            content_type=result.content_type,
            charset=result.charset,
            source=source,
            published=opts.published,
        )
    except InputError as e:
        yield _reject(url, source, e)
        return
    if result.url != url:  # redirected: the id stays that of the address we were given
        article = article.model_copy(
            update={"id": aid, "meta": {**article.meta, "final_url": result.url}}
        )
    yield article.model_copy(update={"meta": {**article.meta, "item": url}})


def read_stdin(opts: ReadOptions, fetcher: Callable[[], Fetcher]) -> Iterator[Item]:
    stream = opts.stdin or sys.stdin.buffer
    fmt = opts.stdin_format
    if fmt == "jsonl":
        yield from read_jsonl_stream(stream, "stdin", opts.columns, opts.published)
        return
    if fmt == "csv":
        yield from read_csv_stream(stream, "stdin", opts.columns, opts.published)
        return
    try:
        data = _read_capped(stream, MAX_JSON_BYTES if fmt == "auto" else MAX_FILE_BYTES, "stdin")
    except InputError as e:
        yield _reject("stdin", "stdin", e)
        return
    if fmt == "auto" and data.lstrip().startswith(b"{"):
        yield from read_jsonl_stream(io.BytesIO(data), "stdin", opts.columns, opts.published)
        return
    if fmt == "auto" and looks_like_feed(data):
        yield from _feed_items(data, "stdin", opts, fetcher)
        return
    if len(data) > MAX_FILE_BYTES:  # read up to the collection cap, but one article it is not
        yield _reject("stdin", "stdin", _too_large("stdin", MAX_FILE_BYTES))
        return
    try:
        yield _text_or_html(data, "stdin", opts, fmt if fmt in ("text", "html") else "auto")
    except InputError as e:
        yield _reject("stdin", "stdin", e)


def read_sources(
    sources: list[str], opts: ReadOptions, fetcher: Callable[[], Fetcher], _depth: int = 0
) -> Iterator[Item]:
    """Every item of every source, in order; a missing source is one Rejected item."""
    for source in sources:
        if source == "-":
            yield from read_stdin(opts, fetcher)
        elif source.lower().startswith(("http://", "https://")):
            yield from read_url(source, opts, fetcher)
        elif source.startswith("@") and _depth < 2:
            listing = Path(source[1:])
            try:
                lines = listing.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as e:
                yield Rejected(
                    item=source,
                    source=source,
                    reason="not-found",
                    message=f"Cannot read the source list {listing}: {e}.",
                )
                continue
            wanted = [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]
            yield from read_sources(wanted, opts, fetcher, _depth + 1)
        else:
            path = Path(source)
            if path.is_dir():
                yield from read_folder(path, opts, fetcher)
            elif path.is_file():
                yield from read_file(path, opts, fetcher)
            else:
                yield Rejected(
                    item=source,
                    source=source,
                    reason="not-found",
                    message=f"No such file or folder: {source}. Check the path.",
                )
