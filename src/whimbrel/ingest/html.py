"""HTML -> Article with trafilatura: main text, title, author, date, site name, language."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from whimbrel.errors import EmptyInput, InputEncodingError
from whimbrel.ingest.clean import clean_article
from whimbrel.ingest.dedup import article_id
from whimbrel.ingest.lang import detect_language
from whimbrel.ingest.readers import decode_bytes
from whimbrel.records import Article

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w:.-]+)""", re.IGNORECASE)
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<meta|<!--)", re.IGNORECASE)


def looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_SNIFF.match(head)) or b"<html" in head.lower()


def decode_html(data: bytes, where: str, charset: str | None = None) -> str:
    """Decode an HTML page: declared charset (header, then <meta>), else UTF-8, else cp1252."""
    declared = charset
    if not declared:
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii", "replace") if m else None
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_bytes(data, where)
    except InputEncodingError:
        if b"\x00" in data[:4096]:
            raise
        # Real pages often say nothing and are Windows-1252; replace what is still invalid.
        return data.decode("cp1252", errors="replace")


def _parse_published(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def html_to_article(
    html: str | bytes,
    *,
    url: str | None = None,
    source: str | None = None,
    published: date | None = None,
    charset: str | None = None,
    id: str | None = None,
) -> Article:
    """Extract the article in an HTML page; raise EmptyInput if it has no main text."""
    import trafilatura  # heavy import, only when HTML is really read

    where = url or source or "the page"
    text_html = html if isinstance(html, str) else decode_html(html, where, charset)
    if not text_html.strip():
        raise EmptyInput(f"{where} is an empty page.", "give a page with an article.")
    try:
        doc = trafilatura.bare_extraction(
            text_html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=False,
        )
    except Exception as e:  # trafilatura/lxml raise many types on broken markup
        raise EmptyInput(
            f"{where}: the HTML could not be parsed ({type(e).__name__}).",
            "check that the file is a web page.",
        ) from e
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = (data.get("text") or "").strip()
    title = data.get("title") or None
    if title and text.startswith(title):  # trafilatura repeats the headline as line one
        text = text[len(title) :].lstrip("\n ")
    if not text:
        raise EmptyInput(f"{where} has no article text.", "check that it is an article page.")
    meta: dict[str, Any] = {}
    for key in ("sitename", "hostname", "description", "categories", "tags"):
        if data.get(key):
            meta["site_name" if key == "sitename" else key] = data[key]
    article = Article(
        id=id or article_id(url=url, text=text),
        text=text,
        url=url,
        source=source or url,
        title=title,
        author=data.get("author") or None,
        published=_parse_published(data.get("date")) or published,
        meta=meta,
    )
    article = clean_article(article)
    if not article.text.strip():
        raise EmptyInput(f"{where} holds only page residue, no article text.", "check the page.")
    return article.model_copy(update={"language": detect_language(article.text)})


def page_to_article(
    body: bytes,
    *,
    url: str,
    content_type: str = "",
    charset: str | None = None,
    source: str | None = None,
    published: date | None = None,
) -> Article:
    """A fetched page (HTML, or plain text) as an Article."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype == "text/plain" or (not ctype and not looks_like_html(body)):
        from whimbrel.ingest.readers import text_article

        text = decode_bytes(body, url)
        article = text_article(
            text,
            source=source or url,
            published=published,
            url=url,
            id=article_id(url=url, text=text),
        )
        return article.model_copy(update={"language": detect_language(article.text)})
    if ctype and ctype not in ("text/html", "application/xhtml+xml") and not looks_like_html(body):
        err = EmptyInput(
            f"{url} is {ctype}, not a web page.", "give the address of an article page."
        )
        err.reason = "not-html"  # type: ignore[attr-defined]
        raise err
    return html_to_article(
        body, url=url, source=source or url, published=published, charset=charset
    )
