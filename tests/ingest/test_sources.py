"""Readers per input kind: files, folders, collections with column maps, WARC, feeds, stdin."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.ingest.conftest import (
    STORY_A,
    STORY_B,
    STORY_C,
    Server,
    make_hostile_folder,
    page,
    rss,
)
from whimbrel.ingest.fetch import FetchConfig, Fetcher
from whimbrel.ingest.sources import Item, ReadOptions, Seen, read_sources
from whimbrel.ingest.tabular import ColumnMap
from whimbrel.records import Article, Rejected

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"


def read(sources: list[str], **opts: object) -> list[Item]:
    options = ReadOptions(fetch=FetchConfig(allow_private=True, retries=0), **opts)  # type: ignore[arg-type]
    fetchers: list[Fetcher] = []

    def fetcher() -> Fetcher:
        if not fetchers:
            fetchers.append(Fetcher(options.fetch))
        return fetchers[0]

    try:
        return list(read_sources(sources, options, fetcher))
    finally:
        for f in fetchers:
            f.close()


def articles(items: list[Item]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def reasons(items: list[Item]) -> Counter[str]:
    return Counter(i.reason for i in items if isinstance(i, Rejected))


def test_text_and_html_files_in_nested_folders(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "story.txt").write_text(
        "By Ana Lima\n" + STORY_A + "\nShare this article", encoding="utf-8"
    )
    (tmp_path / "a" / "b" / "page.htm").write_bytes(page("Loan vote", STORY_B))
    (tmp_path / "a" / "noext").write_bytes(page("Tbilisi protests", STORY_C))
    items = read([str(tmp_path)])
    arts = {Path(a.source or "").name: a for a in articles(items)}
    assert set(arts) == {"story.txt", "page.htm", "noext"}
    assert arts["story.txt"].meta["byline"] == "By Ana Lima"
    assert "Share this article" not in arts["story.txt"].text
    assert arts["page.htm"].title == "Loan vote" and arts["page.htm"].author == "Ana Lima"
    assert arts["page.htm"].published == dt.date(2024, 3, 5)
    assert arts["noext"].text.startswith("Protesters gathered")  # sniffed as HTML
    assert all(a.language == "en" for a in arts.values())


@pytest.mark.parametrize("compress", [False, True])
def test_jsonl_with_column_map(tmp_path: Path, compress: bool) -> None:
    lines = [
        {
            "uid": "n1",
            "body": STORY_A,
            "headline": "Drought",
            "day": "2024-02-01",
            "link": "https://news.example/x?utm_source=rss",
            "byline": "A. Writer",
        },
        {"uid": "n2", "body": STORY_B, "day": "2024-02-02T08:00:00Z"},
    ]
    data = "\n".join(json.dumps(x) for x in lines).encode()
    path = tmp_path / ("a.jsonl.gz" if compress else "a.jsonl")
    path.write_bytes(gzip.compress(data) if compress else data)
    cols = ColumnMap(
        text="body", id="uid", title="headline", date="day", url="link", author="byline"
    )
    arts = articles(read([str(path)], columns=cols))
    assert [a.id for a in arts] == ["n1", "n2"]
    assert arts[0].title == "Drought" and arts[0].author == "A. Writer"
    assert arts[0].published == dt.date(2024, 2, 1) and arts[1].published == dt.date(2024, 2, 2)
    assert arts[0].url == "https://news.example/x?utm_source=rss"


def test_unmapped_text_column_is_rejected_with_a_fix(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"words": STORY_A}) + "\n", encoding="utf-8")
    [item] = read([str(path)])
    assert isinstance(item, Rejected) and item.reason == "bad-record"
    assert "--text-col" in item.message


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_csv_and_tsv(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / ("t.csv" if delimiter == "," else "t.tsv")
    rows = [
        ["", "date", "text", "source"],
        ["3", "2019-04-10", STORY_A, "guardian"],
        ["4", "2019-04-11", STORY_B, "guardian"],
        ["5", "2019-04-12", "", "guardian"],
    ]
    path.write_text(
        "\n".join(delimiter.join(json.dumps(c) if delimiter == "," else c for c in r) for r in rows)
        + "\n",
        encoding="utf-8",
    )
    items = read([str(path)], columns=ColumnMap(id=""))
    arts = articles(items)
    assert [a.published for a in arts] == [dt.date(2019, 4, 10), dt.date(2019, 4, 11)]
    assert all(a.source == "guardian" for a in arts)
    assert reasons(items) == Counter({"bad-record": 1})


def test_parquet_with_mapping(tmp_path: Path) -> None:
    table = pa.table(
        {
            "article_id": ["p1", "p2", "p3"],
            "content": [STORY_A, STORY_C, None],
            "pub": [dt.date(2024, 1, 1), dt.date(2024, 1, 2), None],
        }
    )
    path = tmp_path / "a.parquet"
    pq.write_table(table, path)
    items = read([str(path)], columns=ColumnMap(text="content", id="article_id", date="pub"))
    assert [a.id for a in articles(items)] == ["p1", "p2"]
    assert articles(items)[1].published == dt.date(2024, 1, 2)
    assert reasons(items) == Counter({"bad-record": 1})


def test_json_array_file(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"text": STORY_A}, {"text": STORY_B}, {"x": 1}]), encoding="utf-8")
    items = read([str(path)])
    assert len(articles(items)) == 2 and reasons(items) == Counter({"bad-record": 1})


def test_warc_fixture() -> None:
    items = read([str(DATA / "news.warc.gz")])
    arts = articles(items)
    assert [a.url for a in arts] == [
        "https://news.example/a",
        "https://news.example/b",
        "https://news.example/c",
        "https://news.example/plain.txt",
    ]
    assert arts[0].title == "Drought talks" and arts[0].published == dt.date(2024, 3, 5)
    assert arts[3].published == dt.date(2024, 3, 8)  # no date in the page: WARC-Date
    assert reasons(items) == Counter({"http-404": 1, "not-html": 1})


@pytest.mark.parametrize("cut", [0.3, 0.5, 0.8, 0.99])
@pytest.mark.parametrize("compressed", [True, False])
def test_truncated_warc_keeps_what_came_before(
    tmp_path: Path, cut: float, compressed: bool
) -> None:
    data = (DATA / "news.warc.gz").read_bytes()
    if not compressed:
        data = gzip.decompress(data)
    path = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    path.write_bytes(data[: int(len(data) * cut)])
    items = read([str(path)])
    assert isinstance(items[-1], Rejected) and items[-1].reason == "truncated"
    whole = read([str(DATA / "news.warc.gz")])
    assert len(articles(items)) <= len(articles(whole))
    assert [a.id for a in articles(items)] == [a.id for a in articles(whole)][
        : len(articles(items))
    ]


def test_hostile_folder_every_item_has_a_fate(tmp_path: Path) -> None:
    make_hostile_folder(tmp_path / "h")
    items = read([str(tmp_path / "h")])
    got = reasons(items)
    assert got["empty"] == 2 and got["binary"] == 1 and got["too-large"] == 2
    assert got["truncated"] == 3  # cut .jsonl.gz, cut .warc.gz, a .gz that is not gzip
    assert got["bad-file"] == 1  # the fake parquet
    names = {Path(a.source or "").name for a in articles(items)}
    assert {"good.txt", "latin1.txt", "mixed.txt", "utf16.txt", "page.html"} <= names
    latin = next(a for a in articles(items) if (a.source or "").endswith("latin1.txt"))
    assert "Tbilíssi" in latin.text and latin.meta["encoding"] == "cp1252"
    mixed = next(a for a in articles(items) if (a.source or "").endswith("mixed.txt"))
    assert (
        "Kénya" in mixed.text
        and "café" in mixed.text
        and mixed.meta["encoding"] == "utf-8+cp1252 (mixed)"
    )
    assert not any(".hidden" in (a.source or "") for a in articles(items))


def test_missing_source_is_one_reject(tmp_path: Path) -> None:
    items = read([str(tmp_path / "nope.txt"), "@" + str(tmp_path / "nolist.txt")])
    assert [i.reason for i in items if isinstance(i, Rejected)] == ["not-found", "not-found"]


def test_source_list_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY_B, encoding="utf-8")
    listing = tmp_path / "sources.txt"
    listing.write_text(
        f"# my sources\n{tmp_path / 'a.txt'}\n\n{tmp_path / 'b.txt'}\n", encoding="utf-8"
    )
    assert len(articles(read(["@" + str(listing)]))) == 2


@pytest.mark.parametrize(
    ("data", "fmt", "n_articles"),
    [
        (STORY_A.encode(), "auto", 1),
        (page("T", STORY_B), "auto", 1),
        (
            (json.dumps({"text": STORY_A}) + "\n" + json.dumps({"text": STORY_C})).encode(),
            "auto",
            2,
        ),
        (b"text\n" + json.dumps(STORY_A).encode() + b"\n", "csv", 1),
        (b"", "auto", 0),
        (b"word " * 2_100_000, "auto", 0),  # 10.5 MB of one article: too large
    ],
)
def test_stdin(data: bytes, fmt: str, n_articles: int) -> None:
    items = read(["-"], stdin=io.BytesIO(data), stdin_format=fmt)
    assert len(articles(items)) == n_articles
    assert len(items) == max(1, n_articles)


def test_rss_feed_over_http(http_server: Server) -> None:
    items = read([f"{http_server.base}/feed.xml"])
    arts = articles(items)
    assert [a.title for a in arts] == [
        "Drought talks",
        "Loan vote",
        "Ministers meet over drought",
        "Tbilisi protests",
    ]
    assert all(a.meta["feed"] == f"{http_server.base}/feed.xml" for a in arts)
    assert reasons(items) == Counter({"http-404": 1, "robots": 1, "redirect-loop": 1})


def test_atom_feed_and_known_articles_are_not_fetched(http_server: Server) -> None:
    from whimbrel.ingest.dedup import article_id

    known = {article_id(url=f"{http_server.base}/news/b.html")}
    before = http_server.hits.get("/news/b.html", 0)
    items = read([f"{http_server.base}/atom.xml"], known=lambda i: i in known)
    seen = [i for i in items if isinstance(i, Seen)]
    assert [s.reason for s in seen] == ["already-stored"]
    assert http_server.hits.get("/news/b.html", 0) == before
    [art] = articles(items)
    assert art.title == "Tbilisi protests" and art.author == "Ana Lima"


def test_local_feed_file_fetches_its_links(tmp_path: Path, http_server: Server) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(rss(http_server.base, ["/news/a.html", "/missing.html"]))
    items = read([str(path)])
    assert len(articles(items)) == 1 and reasons(items) == Counter({"http-404": 1})
    bad = read([f"{http_server.base}/bad-feed.xml"])
    assert len(bad) == 1 and isinstance(bad[0], Rejected)


def test_relative_feed_links_resolve_against_the_feed(http_server: Server) -> None:
    items = read([f"{http_server.base}/relative-feed.xml"])
    assert [a.url for a in articles(items)] == [
        f"{http_server.base}/news/b.html",
        f"{http_server.base}/news/c.html",
    ]
