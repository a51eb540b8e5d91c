"""One ingest run: read sources, drop duplicates, store what is new, then code the queue.

This module composes readers with a *sink* (the store, behind the ``IngestSink`` protocol)
and an optional *coder* (the pipeline, behind a callable): it imports neither, so the stage
stays below ``store/`` and ``pipeline.py``; the CLI and the API wire them together.

Every offered item ends in exactly one of four counts, so
``accepted + duplicate + skipped + rejected == offered``:

- accepted: a new article, stored (status ``queued``, then ``done`` once coded);
- duplicate: an article already stored (same id), an exact or near copy of a stored one
  (recorded as another source of the original), or a page/feed not modified since last time;
- skipped: a new article stored but not coded, because it is not in a coded language;
- rejected: a bad item, one row in ``rejects`` with its reason.

Articles are committed one by one before any coding, and coding takes the ``queued``
articles from the database: a run killed at any point loses nothing, and a rerun (or the
next ``--code`` run) codes what was left queued.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from datasketch import MinHash

from whimbrel.ingest.dedup import (
    NearDuplicates,
    content_hash,
    from_signature,
    minhash,
    signature,
)
from whimbrel.ingest.fetch import FetchConfig, Fetcher
from whimbrel.ingest.lang import detect_language
from whimbrel.ingest.sources import ReadOptions, Seen, read_sources
from whimbrel.ingest.tabular import ColumnMap
from whimbrel.records import Article, Event, Rejected, stable_id


class IngestSink(Protocol):
    """What a run needs from storage (``whimbrel.store.ingest.IngestStore`` is one)."""

    def known(self, article_id: str) -> bool: ...
    def seen(self, article_id: str) -> bool: ...
    def item_seen(self, item: str, article_id: str) -> bool: ...
    def by_content_hash(self, content_hash: str) -> str | None: ...
    def fingerprints(self) -> Iterator[tuple[str, list[int]]]: ...
    def queued(self, limit: int | None = None) -> list[Article]: ...
    def add_article(
        self,
        article: Article,
        *,
        status: str,
        content_hash: str,
        minhash: list[int] | None,
        item: str,
        run_id: str,
    ) -> None: ...
    def add_duplicate(
        self,
        original_id: str,
        article: Article,
        *,
        item: str,
        relation: str,
        similarity: float,
        run_id: str,
    ) -> bool: ...
    def add_reject(self, rejected: Rejected) -> None: ...
    def save_coded(self, article: Article, events: list[Event]) -> None: ...
    def save_failed(self, article: Article, error: Rejected) -> None: ...
    def get_validators(self, url: str) -> tuple[str | None, str | None]: ...
    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None: ...
    def start_run(self, run_id: str, sources: list[str]) -> None: ...
    def finish_run(self, run_id: str, summary: dict[str, Any], status: str = "done") -> None: ...


@dataclass
class CodeResult:
    """What a coder returns for one article: its events, or the reason it failed."""

    article: Article
    events: list[Event] = field(default_factory=list)
    error: Rejected | None = None


Coder = Callable[[list[Article]], Iterable[CodeResult]]


@dataclass
class IngestOptions:
    columns: ColumnMap = field(default_factory=ColumnMap)
    published: date | None = None
    fetch: FetchConfig = field(default_factory=FetchConfig)
    languages: frozenset[str] = frozenset({"en"})  # coded languages; None (unknown) is coded
    near_threshold: float = 0.8
    batch_size: int = 32
    stdin_format: str = "auto"
    exclude: tuple[str, ...] = ()  # files never read as input (the database and its WAL)


@dataclass
class IngestSummary:
    run_id: str
    offered: int = 0
    accepted: int = 0
    duplicate: int = 0
    skipped: int = 0
    rejected: int = 0
    coded: int = 0
    coding_failed: int = 0
    events: int = 0
    reasons: dict[str, Counter[str]] = field(
        default_factory=lambda: {k: Counter() for k in ("duplicate", "skipped", "rejected")}
    )
    new_ids: list[str] = field(default_factory=list)

    def count(self, kind: str, reason: str | None = None) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        if reason is not None:
            self.reasons[kind][reason] += 1

    @property
    def balanced(self) -> bool:
        return self.accepted + self.duplicate + self.skipped + self.rejected == self.offered

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "offered": self.offered,
            "accepted": self.accepted,
            "duplicate": self.duplicate,
            "skipped": self.skipped,
            "rejected": self.rejected,
            "coded": self.coded,
            "coding_failed": self.coding_failed,
            "events": self.events,
            "reasons": {k: dict(sorted(v.items())) for k, v in self.reasons.items()},
        }


Progress = Callable[[str, IngestSummary], None]


class _Dedup:
    """Exact and near duplicates against the store and this run."""

    def __init__(self, sink: IngestSink, threshold: float) -> None:
        self.sink = sink
        self.near = NearDuplicates(threshold)
        for aid, values in sink.fingerprints():
            self.near.add(aid, from_signature(values))

    def original_of(
        self, article: Article, h: str, m: MinHash | None
    ) -> tuple[str, str, float] | None:
        """(original id, relation, similarity) when ``article`` copies a stored one."""
        exact = self.sink.by_content_hash(h)
        if exact and exact != article.id:
            return exact, "exact-duplicate", 1.0
        if m is not None:
            found = self.near.find(m)
            if found and found[0] != article.id:
                return found[0], "near-duplicate", round(found[1], 3)
        return None


def ingest(
    sources: list[str],
    sink: IngestSink,
    options: IngestOptions | None = None,
    *,
    coder: Coder | None = None,
    progress: Progress | None = None,
    stdin: Any = None,
) -> IngestSummary:
    """Ingest ``sources`` into ``sink``; code the queued articles with ``coder`` if given."""
    options = options or IngestOptions()
    started = datetime.now()
    summary = IngestSummary(run_id=stable_id("run", started.isoformat(), *sources))
    sink.start_run(summary.run_id, sources)
    fetcher: Fetcher | None = None

    def get_fetcher() -> Fetcher:
        nonlocal fetcher
        if fetcher is None:
            fetcher = Fetcher(options.fetch, cache=sink)
        return fetcher

    read = ReadOptions(
        columns=options.columns,
        published=options.published,
        fetch=options.fetch,
        validators=sink,
        known=sink.seen,
        stdin=stdin,
        stdin_format=options.stdin_format,
        exclude=frozenset(str(Path(p).resolve()) for p in options.exclude),
    )
    status = "interrupted"
    try:
        dedup = _Dedup(sink, options.near_threshold)
        for item in read_sources(sources, read, get_fetcher):
            summary.offered += 1
            if isinstance(item, Rejected):
                sink.add_reject(item)
                summary.count("rejected", item.reason)
            elif isinstance(item, Seen):
                summary.count("duplicate", item.reason)
            else:
                try:
                    _accept(item, sink, dedup, options, summary)
                except Exception as e:  # one article must never stop the run (it is data)
                    rejected = Rejected(
                        item=str(item.meta.get("item") or item.id),
                        source=item.source or "",
                        reason="error",
                        message=f"{type(e).__name__}: {e}",
                    )
                    sink.add_reject(rejected)
                    summary.count("rejected", "error")
            if progress:
                progress("item", summary)
        if coder is not None:
            code_queued(sink, coder, summary, options.batch_size, progress)
        status = "done"
    finally:
        if fetcher is not None:
            fetcher.close()
        sink.finish_run(summary.run_id, summary.to_dict(), status)
    return summary


def _accept(
    article: Article,
    sink: IngestSink,
    dedup: _Dedup,
    options: IngestOptions,
    summary: IngestSummary,
) -> None:
    item = str(article.meta.get("item") or article.url or article.source or article.id)
    if sink.item_seen(item, article.id):  # this very item, unchanged, in an earlier run
        summary.count("duplicate", "already-stored")
        return
    if sink.known(article.id):
        # Same id: the very item again (a rerun), or the same text/URL from another place.
        again = not sink.add_duplicate(
            article.id,
            article,
            item=item,
            relation="exact-duplicate",
            similarity=1.0,
            run_id=summary.run_id,
        )
        summary.count("duplicate", "already-stored" if again else "exact-duplicate")
        return
    h = content_hash(article.text)
    m = minhash(article.text)
    original = dedup.original_of(article, h, m)
    if original is not None:
        original_id, relation, similarity = original
        new = sink.add_duplicate(
            original_id,
            article,
            item=item,
            relation=relation,
            similarity=similarity,
            run_id=summary.run_id,
        )
        summary.count("duplicate", relation if new else "already-stored")
        return
    language = article.language or detect_language(article.text)
    article = article.model_copy(update={"language": language})
    coded_language = language is None or language in options.languages
    sink.add_article(
        article,
        status="queued" if coded_language else "skipped",
        content_hash=h,
        minhash=signature(m) if m is not None else None,
        item=item,
        run_id=summary.run_id,
    )
    if m is not None:
        dedup.near.add(article.id, m)
    if coded_language:
        summary.count("accepted")
        summary.new_ids.append(article.id)
    else:
        summary.count("skipped", f"language-{language}")


def code_queued(
    sink: IngestSink,
    coder: Coder,
    summary: IngestSummary,
    batch_size: int = 32,
    progress: Progress | None = None,
) -> None:
    """Code every queued article (this run's and any left by earlier runs), batch by batch."""
    while True:
        batch = sink.queued(limit=batch_size)
        if not batch:
            return
        done: set[str] = set()
        crash = "the coder returned no result for this article"
        try:
            for result in coder(batch):
                done.add(result.article.id)
                if result.error is not None:
                    sink.save_failed(result.article, result.error)
                    summary.coding_failed += 1
                else:
                    sink.save_coded(result.article, result.events)
                    summary.coded += 1
                    summary.events += len(result.events)
                if progress:
                    progress("coded", summary)
        except Exception as e:  # a coder crash must not loop forever on the same batch
            crash = f"{type(e).__name__}: {e}"
        for article in batch:
            if article.id not in done:
                sink.save_failed(
                    article,
                    Rejected(
                        item=article.id,
                        source=article.source or "",
                        reason="coding-failed",
                        message=crash,
                    ),
                )
                summary.coding_failed += 1
