"""Property tests (hypothesis): readers never raise on hostile bytes; every input gives items."""

from __future__ import annotations

import gzip
import io
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whimbrel.errors import BadRecord, InputError
from whimbrel.ingest.clean import clean_text
from whimbrel.ingest.dedup import article_id, normalize_url
from whimbrel.ingest.feeds import parse_feed
from whimbrel.ingest.fetch import Fetcher
from whimbrel.ingest.html import html_to_article
from whimbrel.ingest.sources import ReadOptions, read_file
from whimbrel.ingest.tabular import read_csv_stream, read_jsonl_stream
from whimbrel.records import Article, Rejected

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"
# WHIMBREL_FUZZ_EXAMPLES=2000 for a long local run; 60 keeps `make test` fast.
FAST = settings(
    max_examples=int(os.environ.get("WHIMBREL_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# bytes that look like the inputs: some structure, some garbage
LINES = st.lists(
    st.one_of(
        st.binary(max_size=60),
        st.text(max_size=80).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.sampled_from(
            [
                b'{"text": "A minister met a general in Lima on Monday."}',
                b'{"text": 5}',
                b"[1,2]",
                b'{"id": {"a": 1}, "text": "x y"}',
                b'"quoted, field",more',
                b"\xff\xfe\x00",
                b"\x00" * 10,
                b'{"text": "ok", "date": "2024-13-45"}',
                b'{"text": "ok", "url": "http://[::1"}',
            ]
        ),
    ),
    max_size=12,
)


def _never_raises(items: list[object]) -> None:
    assert all(isinstance(i, Article | Rejected) for i in items)
    # "error" is the safety net for reader bugs: fuzzing must never reach it
    assert not [i for i in items if isinstance(i, Rejected) and i.reason == "error"]


@FAST
@given(LINES)
def test_jsonl_reader_accounts_for_every_line(lines: list[bytes]) -> None:
    data = b"\n".join(lines)
    items = list(read_jsonl_stream(io.BytesIO(data), "fuzz.jsonl"))
    _never_raises(items)
    assert len(items) <= len(data.split(b"\n")) + 1


@FAST
@given(LINES)
def test_csv_reader_never_raises(lines: list[bytes]) -> None:
    data = b"id,text,date\n" + b"\n".join(lines)
    _never_raises(list(read_csv_stream(io.BytesIO(data), "fuzz.csv")))


@FAST
@given(
    st.binary(max_size=3000),
    st.sampled_from(
        [
            "a.txt",
            "a.html",
            "a",
            "a.jsonl",
            "a.csv",
            "a.json",
            "a.xml",
            "a.warc",
            "a.warc.gz",
            "a.jsonl.gz",
            "a.txt.gz",
            "a.parquet",
            "a.tsv",
        ]
    ),
)
def test_any_file_gives_items_never_an_exception(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        items = list(read_file(path, ReadOptions(), lambda: Fetcher()))
    _never_raises(items)
    if name.endswith((".txt", ".html", ".txt.gz")) or name == "a":
        assert len(items) == 1  # one file, one item: accepted or rejected with a reason


@FAST
@given(st.integers(min_value=0, max_value=10_000))
def test_warc_cut_anywhere(cut: int) -> None:
    raw = gzip.decompress((DATA / "news.warc.gz").read_bytes())
    gz = (DATA / "news.warc.gz").read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in (("c.warc", raw), ("c.warc.gz", gz)):
            path = Path(tmp) / name
            path.write_bytes(data[: cut % (len(data) + 1)])
            items = list(read_file(path, ReadOptions(), lambda: Fetcher()))
            _never_raises(items)
            n_articles = sum(isinstance(i, Article) for i in items)
            assert n_articles <= 4


@FAST
@given(st.binary(max_size=2000))
def test_feed_parser_raises_only_bad_record(data: bytes) -> None:
    try:
        entries = parse_feed(b"<rss><channel>" + data, "fuzz")
    except BadRecord:
        return
    assert all(e.link for e in entries)


@FAST
@given(st.text(max_size=2000))
def test_html_extraction_raises_only_input_errors(html: str) -> None:
    try:
        art = html_to_article(f"<html><body><p>{html}</p></body></html>", source="fuzz")
    except InputError:
        return
    assert art.text.strip()


@FAST
@given(st.text(max_size=3000))
def test_clean_text_only_removes_whole_lines(text: str) -> None:
    result = clean_text(text)
    original = {ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")}
    assert all(line in original for line in result.text.split("\n") if line)
    assert all(line in original for line, _ in result.removed)


@FAST
@given(st.text(max_size=200), st.sampled_from(["http://", "https://WWW.", "HTTP://a."]))
def test_ids_from_any_url_and_normalising_is_stable(tail: str, head: str) -> None:
    url = head + tail
    assert len(article_id(url=url, text="x")) == 16
    try:
        once = normalize_url(url)
    except ValueError:  # not a usable URL (bad port or IPv6): article_id fell back to text
        return
    assert normalize_url(once) == once


FILES = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "a.txt",
                "b.html",
                "c.jsonl",
                "d.csv",
                "e.warc",
                "f.json",
                "g",
                "h.txt.gz",
                "i.xml",
                "j.tsv",
            ]
        ),
        st.one_of(
            st.binary(max_size=400),
            st.sampled_from(
                [
                    b"",
                    b"The minister met the general in Lima on Monday to discuss the border.",
                    b'{"text": "A minister met a general."}\n{bad',
                    b"id,text\n1,hello there\n2\n",
                    b"<html><body><p>Share</p></body></html>",
                ]
            ),
        ),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda f: f[0],
)


@settings(
    max_examples=int(os.environ.get("WHIMBREL_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(FILES)
def test_every_offered_item_is_accounted_for(files: list[tuple[str, bytes]]) -> None:
    from whimbrel.ingest.run import ingest
    from whimbrel.store import Store
    from whimbrel.store.ingest import IngestStore

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for name, data in files:
            (folder / name).write_bytes(data)
        with Store(":memory:") as raw:
            store = IngestStore(raw)
            first = ingest([str(folder)], store)
            again = ingest([str(folder)], store)
            n_rejects = raw.cursor().execute("SELECT count(*) FROM rejects").fetchone()
    for s in (first, again):
        assert s.accepted + s.duplicate + s.skipped + s.rejected == s.offered
        assert "error" not in s.reasons["rejected"]
    assert again.accepted == again.skipped == 0
    assert again.offered == first.offered and again.rejected == first.rejected
    assert n_rejects == (first.rejected,)
