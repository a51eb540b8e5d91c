"""Read one shard's items as Articles (or Rejected records), streaming."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from whimbrel.batch.plan import Shard, open_text, text_files
from whimbrel.errors import BadRecord, WhimbrelError
from whimbrel.ingest.readers import parse_date, read_jsonl, read_text_file, text_article
from whimbrel.ingest.warc import read_warc
from whimbrel.records import Article, Rejected

# Column names tried, in order, for each Article field of a Parquet input.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id"),
    "text": ("text", "body", "content", "article"),
    "date": ("date", "published", "publication_date", "pub_date"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "source": ("source", "site", "publisher"),
}


def _reject(shard: Shard, item: str, err: Exception) -> Rejected:
    code = err.code if isinstance(err, WhimbrelError) else "read-failed"
    return Rejected(item=item, source=shard.path, reason=code, message=str(err))


def _jsonl(shard: Shard, published: date | None) -> Iterator[Article | Rejected]:
    with open_text(Path(shard.path)) as f:
        for offset, line in enumerate(islice(f, shard.start, shard.stop)):
            for item in read_jsonl([line], shard.path, published):
                if isinstance(item, Rejected):
                    # read_jsonl numbers lines of what it was given; name the real line.
                    line_no = shard.start + offset + 1
                    item = item.model_copy(update={"item": f"{shard.path}:{line_no}"})
                yield item


def _pick(columns: list[str], field: str, mapping: dict[str, str]) -> str | None:
    if field in mapping:
        return mapping[field]
    return next((c for c in DEFAULT_COLUMNS[field] if c in columns), None)


def _parquet(
    shard: Shard, published: date | None, mapping: dict[str, str]
) -> Iterator[Article | Rejected]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(shard.path)
    names = pf.schema_arrow.names
    cols = {f: _pick(names, f, mapping) for f in DEFAULT_COLUMNS}
    if cols["text"] is None:
        raise BadRecord(
            f"{shard.path} has no text column (looked for {', '.join(DEFAULT_COLUMNS['text'])}).",
            "name it with --text-column.",
        )
    wanted = [c for c in cols.values() if c]
    row = 0
    for batch in pf.iter_batches(batch_size=256, columns=wanted):
        if row >= shard.stop:
            break
        rows = batch.to_pylist()
        for rec in rows:
            if shard.start <= row < shard.stop:
                item = f"{shard.path}#{row}"
                try:
                    yield _parquet_article(rec, cols, published, item)
                except WhimbrelError as e:
                    yield _reject(shard, item, e)
            row += 1


def _parquet_article(
    rec: dict[str, Any], cols: dict[str, str | None], published: date | None, item: str
) -> Article:
    def get(field: str) -> Any:
        col = cols[field]
        return rec.get(col) if col else None

    text = get("text")
    if not isinstance(text, str):
        raise BadRecord(f"{item}: the text is missing or not a string.", "fix that row.")
    raw_date = get("date")
    if raw_date is not None and not isinstance(raw_date, date):
        raw_date = parse_date(str(raw_date)[:10], f"{item} date")
    return text_article(
        text,
        id=str(get("id")) if get("id") is not None else None,
        source=get("source") or shard_source(item),
        published=raw_date or published,
        title=get("title"),
        url=get("url"),
    )


def shard_source(item: str) -> str:
    return item.split("#", 1)[0]


def _text(shard: Shard, published: date | None) -> Iterator[Article | Rejected]:
    for path in text_files(Path(shard.path))[shard.start : shard.stop]:
        try:
            yield read_text_file(path, published)
        except WhimbrelError as e:
            yield _reject(shard, str(path), e)


def _warc_index(item: str) -> int:
    """The 1-based record number of a ``read_warc`` item id (``path#n``)."""
    _, _, n = item.rpartition("#")
    return int(n) if n.isdigit() else 0


def _warc(shard: Shard, published: date | None) -> Iterator[Article | Rejected]:
    """Records ``start+1 .. stop`` of the WARC, read by the ingest stage's WARC reader (same
    checks: HTTP status, content type, size cap, truncation)."""
    for item in read_warc(Path(shard.path)):
        key = item.item if isinstance(item, Rejected) else str(item.meta.get("item", ""))
        n = _warc_index(key)
        if n > shard.stop and not shard.last:
            return  # the rest belongs to later shards
        if n <= shard.start:
            continue
        if isinstance(item, Article) and item.published is None and published:
            item = item.model_copy(update={"published": published})
        yield item


def read_shard(
    shard: Shard, published: date | None = None, columns: dict[str, str] | None = None
) -> Iterator[Article | Rejected]:
    """Every item of the shard, in order, each an Article or a Rejected record."""
    if shard.kind == "jsonl":
        yield from _jsonl(shard, published)
    elif shard.kind == "parquet":
        yield from _parquet(shard, published, columns or {})
    elif shard.kind == "text":
        yield from _text(shard, published)
    else:
        yield from _warc(shard, published)
