"""The background coding worker: codes queued articles with the one loaded Pipeline.

Submissions are persisted as ``queued`` by the request that receives them; this thread claims
them in small batches (status ``coding``), runs ``Pipeline.code`` and stores the result
(``done`` with its events, or ``failed`` with the reason). On start, articles a stopped server
left ``coding`` are queued again, so a restart loses nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from whimbrel.pipeline import CodedArticle, Pipeline
from whimbrel.records import Article
from whimbrel.store import Store
from whimbrel.store import api as store_api

log = logging.getLogger("whimbrel.api.worker")


class CodingWorker(threading.Thread):
    """One daemon thread; ``wake()`` after a submission, ``stop()`` at shutdown."""

    def __init__(
        self,
        store: Store,
        pipeline_factory: Callable[[], Pipeline],
        batch_size: int = 8,
        idle_poll: float = 2.0,
    ) -> None:
        super().__init__(name="whimbrel-coding-worker", daemon=True)
        self.store = store
        self.pipeline_factory = pipeline_factory
        self.batch_size = batch_size
        self.idle_poll = idle_poll
        self.ready = threading.Event()
        self.coded = 0
        self.failed = 0
        self.load_error: str | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 60.0) -> None:
        self._stop.set()
        self._wake.set()
        if self.is_alive():
            self.join(timeout)

    @property
    def state(self) -> str:
        if self.load_error:
            return "model-failed"
        return "ready" if self.ready.is_set() else "loading"

    def run(self) -> None:
        try:
            pipeline = self.pipeline_factory()
        except Exception as e:  # a missing model must be visible in /api/health, not a crash
            self.load_error = str(e)
            log.error("coding worker cannot load the pipeline: %s", e)
            return
        self.ready.set()
        while not self._stop.is_set():
            batch = store_api.claim_queued(self.store, self.batch_size)
            if not batch:
                self._wake.wait(self.idle_poll)
                self._wake.clear()
                continue
            self._code_batch(pipeline, batch)

    def _code_batch(self, pipeline: Pipeline, batch: list[Article]) -> None:
        done: set[str] = set()
        try:
            for coded in pipeline.code(batch):
                self._save(coded)
                done.add(coded.article.id)
        except Exception as e:  # the batch broke as a whole: isolate the bad article
            log.warning("batch coding failed (%s); coding one by one", e)
            for article in batch:
                if article.id in done:
                    continue
                try:
                    self._save(pipeline.code_one(article))
                except Exception as one:
                    self._fail(article, f"{type(one).__name__}: {one}")

    def _save(self, coded: CodedArticle) -> None:
        if coded.error is not None:
            self._fail(coded.article, coded.error.message)
            return
        self.store.save_article(coded.article, coded.events, status="done")
        self.coded += 1

    def _fail(self, article: Article, reason: str) -> None:
        self.store.save_article(article, [], status="failed", error=reason)
        self.failed += 1
