"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds -> entries (link, title, date, author, summary).

Parsed with lxml without entity expansion or network access (no XXE, no billion laughs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime

from lxml import etree

from whimbrel.errors import BadRecord

_FEED_SNIFF = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


@dataclass
class FeedEntry:
    link: str
    title: str | None = None
    published: date | None = None
    author: str | None = None
    summary: str | None = None


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return True
    return bool(_FEED_SNIFF.search(data[:2048]))


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(el: etree._Element, *names: str) -> str | None:
    for child in el:
        if _local(child.tag) in names and (child.text or "").strip():
            return (child.text or "").strip()
    return None


def _date(value: str | None) -> date | None:
    if not value:
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _atom_link(entry: etree._Element) -> str | None:
    fallback = None
    for child in entry:
        if _local(child.tag) != "link":
            continue
        href = child.get("href") or (child.text or "").strip()
        if not href:
            continue
        if child.get("rel", "alternate") == "alternate":
            return href
        fallback = fallback or href
    return fallback


def parse_feed(data: bytes, where: str) -> list[FeedEntry]:
    """The entries of a feed, in document order; BadRecord if it is not a feed."""
    strict = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=strict)
        broken: Exception | None = None
    except (etree.XMLSyntaxError, ValueError) as e:
        # Real feeds often carry a stray "&": recover what can be read, if anything.
        broken = e
        lenient = etree.XMLParser(
            resolve_entities=False, no_network=True, huge_tree=False, recover=True
        )
        try:
            root = etree.fromstring(data, parser=lenient)
        except (etree.XMLSyntaxError, ValueError):
            root = None
    if root is None or _local(root.tag) not in ("rss", "feed", "rdf"):
        raise BadRecord(
            f"{where} is not an RSS or Atom feed" + (f" ({broken})." if broken else "."),
            "give the feed's address (often ending in /rss or /feed).",
        )
    entries: list[FeedEntry] = []
    for el in root.iter():
        kind = _local(el.tag)
        if kind not in ("item", "entry"):
            continue
        if kind == "entry":
            link = _atom_link(el)
            published = _date(_child_text(el, "published", "updated"))
            author_el = next((c for c in el if _local(c.tag) == "author"), None)
            author = _child_text(author_el, "name") if author_el is not None else None
            summary = _child_text(el, "content", "summary")
        else:
            link = _child_text(el, "link") or _child_text(el, "guid")
            published = _date(_child_text(el, "pubdate", "date"))
            author = _child_text(el, "creator", "author")
            summary = _child_text(el, "encoded", "description")
        if link:
            entries.append(
                FeedEntry(
                    link=link.strip(),
                    title=_child_text(el, "title"),
                    published=published,
                    author=author,
                    summary=summary,
                )
            )
    if broken is not None and not entries:
        raise BadRecord(
            f"{where} is a broken feed with no readable entry ({broken}).",
            "check the feed in a browser or feed validator.",
        )
    return entries
