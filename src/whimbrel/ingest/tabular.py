"""Collections of articles: JSONL, CSV/TSV and Parquet, with a column mapping.

Each row is one item: an ``Article`` or, when the row is bad (not JSON, no text, a bad
date, a line over the size limit...), a ``Rejected`` — the rest of the file is still read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from whimbrel.errors import BadRecord, InputError
from whimbrel.ingest.dedup import article_id
from whimbrel.ingest.fetch import reason_of
from whimbrel.ingest.readers import parse_date, text_article
from whimbrel.records import Article, Rejected

MAX_ROW_BYTES = 5_000_000  # one article's row; a 50 MB line is refused, not parsed
TEXT_FALLBACKS = ("text", "body", "content", "article", "body_text", "bodyText", "story")


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds which article field (``--text-col body`` ...)."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    url: str = "url"
    date: str = "date"
    author: str = "author"
    source: str = "source"
    language: str = "language"

    @classmethod
    def from_options(cls, **given: str | None) -> ColumnMap:
        names = {f.name for f in fields(cls)}
        unknown = set(given) - names
        if unknown:
            raise BadRecord(
                f"Unknown column option(s): {', '.join(sorted(unknown))}.",
                f"map one of: {', '.join(sorted(names))}.",
            )
        return cls(**{k: v for k, v in given.items() if v})


def _text_column(row: Mapping[str, Any], columns: ColumnMap) -> str | None:
    if columns.text in row:
        return columns.text
    if columns.text == "text":  # default mapping: try the usual names
        for name in TEXT_FALLBACKS:
            if name in row:
                return name
    return None


def _as_date(value: Any, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        text = text[:10]  # 2019-04-10T12:00:00Z -> the day
    return parse_date(text, where)


def row_article(
    row: Mapping[str, Any],
    columns: ColumnMap,
    where: str,
    item: str,
    published: date | None = None,
) -> Article:
    """One mapped row as an Article; BadRecord/BadDate when it cannot be one."""
    text_col = _text_column(row, columns)
    if text_col is None:
        raise BadRecord(
            f"{item} has no {columns.text!r} column (columns: {', '.join(map(str, row))}).",
            "map the text column with --text-col NAME.",
        )
    text = row.get(text_col)
    if not isinstance(text, str) or not text.strip():
        raise BadRecord(
            f"{item}: the {text_col!r} value is empty or not text.",
            "remove the row or fill in its text.",
        )

    def get(name: str) -> str | None:
        value = row.get(name)
        return None if value is None or value == "" else str(value)

    url = get(columns.url)
    raw_id = get(columns.id)
    article = text_article(
        text,
        id=raw_id or article_id(url=url, text=text),
        source=get(columns.source) or where,
        published=_as_date(row.get(columns.date), f"{item} date") or published,
        title=get(columns.title),
        url=url,
        author=get(columns.author),
        language=get(columns.language),
    )
    return article.model_copy(update={"meta": {**article.meta, "item": item}})


def _reject(item: str, where: str, e: InputError) -> Rejected:
    return Rejected(item=item, source=where, reason=reason_of(e), message=str(e))


def bounded_lines(
    stream: IO[bytes], limit: int = MAX_ROW_BYTES
) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; ``None`` for a line longer than ``limit`` (it is
    skipped without being held in memory)."""
    lineno = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drain the rest of the over-long line
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
        else:
            yield lineno, line


def read_jsonl_stream(
    stream: IO[bytes],
    where: str,
    columns: ColumnMap | None = None,
    published: date | None = None,
) -> Iterator[Article | Rejected]:
    """Articles from a JSONL byte stream (one object per line)."""
    columns = columns or ColumnMap()
    try:
        for lineno, raw in bounded_lines(stream):
            item = f"{where}:{lineno}"
            if raw is None:
                yield Rejected(
                    item=item,
                    source=where,
                    reason="too-large",
                    message=f"{item} is longer than {MAX_ROW_BYTES:,} bytes.",
                )
                continue
            if not raw.strip():
                continue
            try:
                try:
                    obj = json.loads(raw.decode("utf-8-sig"))
                except (UnicodeDecodeError, json.JSONDecodeError) as e:
                    raise BadRecord(
                        f"{item} is not valid UTF-8 JSON ({e}).", "write one JSON object per line."
                    ) from e
                if not isinstance(obj, dict):
                    raise BadRecord(f"{item} is not a JSON object.", 'write {"text": ...}.')
                yield row_article(obj, columns, where, item, published)
            except InputError as e:
                yield _reject(item, where, e)
    except (OSError, EOFError, ValueError) as e:  # truncated .gz and the like
        yield Rejected(
            item=f"{where}:truncated",
            source=where,
            reason="truncated",
            message=f"{where} ends unexpectedly: {e}.",
        )


def read_csv_stream(
    stream: IO[bytes],
    where: str,
    columns: ColumnMap | None = None,
    published: date | None = None,
    delimiter: str | None = None,
) -> Iterator[Article | Rejected]:
    """Articles from a CSV/TSV byte stream with a header row."""
    columns = columns or ColumnMap()
    delim = delimiter or ("\t" if where.lower().endswith((".tsv", ".tsv.gz")) else ",")
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_ROW_BYTES)
    try:
        reader = csv.DictReader(text, delimiter=delim, restkey="__extra__")
        row_no = 1
        failures = 0
        while True:
            row_no += 1
            item = f"{where}:row{row_no}"
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                failures += 1
                yield Rejected(
                    item=item,
                    source=where,
                    reason="bad-row",
                    message=f"{item} cannot be parsed as CSV: {e}.",
                )
                if failures > 1000:  # a binary or non-CSV file: stop, say so once
                    yield Rejected(
                        item=f"{where}:rest",
                        source=where,
                        reason="bad-row",
                        message=f"{where}: too many broken rows; rest skipped.",
                    )
                    break
                continue
            if row.get("__extra__") or None in row.values():
                yield Rejected(
                    item=item,
                    source=where,
                    reason="bad-record",
                    message=f"{item} has a different number of fields than the header.",
                )
                continue
            try:
                yield row_article(row, columns, where, item, published)
            except InputError as e:
                yield _reject(item, where, e)
    except (OSError, EOFError, ValueError) as e:
        yield Rejected(
            item=f"{where}:truncated",
            source=where,
            reason="truncated",
            message=f"{where} ends unexpectedly: {e}.",
        )
    finally:
        csv.field_size_limit(old_limit)


def read_parquet(
    path: Path,
    where: str,
    columns: ColumnMap | None = None,
    published: date | None = None,
) -> Iterator[Article | Rejected]:
    """Articles from a Parquet file, read in record batches."""
    import pyarrow.parquet as pq

    columns = columns or ColumnMap()
    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # pyarrow raises ArrowInvalid, OSError... on a bad file
        yield Rejected(
            item=where,
            source=where,
            reason="bad-file",
            message=f"{where} is not a readable Parquet file: {e}.",
        )
        return
    n = 0
    try:
        for batch in pf.iter_batches(batch_size=256):
            for row in batch.to_pylist():
                n += 1
                item = f"{where}:row{n}"
                try:
                    yield row_article(row, columns, where, item, published)
                except InputError as e:
                    yield _reject(item, where, e)
    except Exception as e:  # a corrupt row group: what was read stays read
        yield Rejected(
            item=f"{where}:row{n + 1}+",
            source=where,
            reason="truncated",
            message=f"{where} is damaged after row {n}: {e}.",
        )
