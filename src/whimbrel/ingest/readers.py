"""Readers for the `code` command: text files, standard input and JSONL articles."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from whimbrel.errors import (
    BadDate,
    BadRecord,
    EmptyInput,
    InputEncodingError,
    InputNotFound,
    WhimbrelError,
)
from whimbrel.ingest.clean import clean_article
from whimbrel.records import Article, Rejected, stable_id

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_bytes(data: bytes, where: str) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse binary data."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputEncodingError(
            f"{where} looks like a binary file, not text.",
            "give a .txt/.html file, or convert it to UTF-8 text first.",
        )
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputEncodingError(
            f"{where} is not valid UTF-8 (byte {e.start}).",
            f"convert it first, e.g. `iconv -f latin1 -t utf-8 {where} > fixed.txt`.",
        ) from e


def parse_date(value: str | date | None, where: str = "--date") -> date | None:
    """YYYY-MM-DD to a date; a clear error otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as e:
        raise BadDate(
            f"{where}: {value!r} is not a date in the form YYYY-MM-DD.",
            "write it like 2022-06-06.",
        ) from e


def read_text_file(path: Path, published: date | None = None) -> Article:
    """One text file as one cleaned Article (id from its content)."""
    if not path.exists():
        raise InputNotFound(f"No such file: {path}.", "check the path, or pass - for stdin.")
    if path.is_dir():
        raise InputNotFound(
            f"{path} is a folder.", "pass the files in it, or use `whimbrel ingest` for folders."
        )
    text = decode_bytes(path.read_bytes(), str(path))
    return text_article(text, source=str(path), published=published)


def text_article(
    text: str, *, source: str | None = None, published: date | None = None, **fields: Any
) -> Article:
    if not text.strip():
        raise EmptyInput(f"{source or 'the input'} is empty.", "give a file with article text.")
    article = Article(
        id=fields.pop("id", None) or stable_id("text", text.strip()),
        text=text,
        source=source,
        published=published,
        **fields,
    )
    cleaned = clean_article(article)
    if not cleaned.text.strip():
        raise EmptyInput(
            f"{source or 'the input'} holds only page residue (share bars, prompts...), "
            "no article text.",
            "give the article's text.",
        )
    return cleaned


def read_jsonl(
    stream: Iterable[str], where: str, published: date | None = None
) -> Iterator[Article | Rejected]:
    """Articles from JSONL lines with ``id``, ``text`` and optional date/title/url/source.

    A bad line becomes a ``Rejected`` record (with its reason) and reading goes on.
    """
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        item = f"{where}:{lineno}"
        try:
            yield _jsonl_article(line, item, published)
        except WhimbrelError as e:
            yield Rejected(item=item, source=where, reason=e.code, message=str(e))


def _jsonl_article(line: str, item: str, published: date | None) -> Article:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise BadRecord(
            f"{item} is not valid JSON ({e.msg}).", "write one JSON object per line."
        ) from e
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise BadRecord(f'{item} has no "text" string.', 'give each line {"id": ..., "text": ...}.')
    if obj.get("id") is not None and not isinstance(obj["id"], str | int):
        raise BadRecord(f'{item}: "id" must be a string.', "quote it.")
    return text_article(
        obj["text"],
        id=str(obj["id"]) if obj.get("id") is not None else None,
        source=obj.get("source") or item.rsplit(":", 1)[0],
        published=parse_date(obj.get("date"), f"{item} date") or published,
        title=obj.get("title"),
        url=obj.get("url"),
    )
