"""The background coding worker: codes queued articles with one loaded Pipeline.

Submissions are persisted as ``queued`` by the request that receives them; this thread claims
them in small batches (status ``coding``), has a *coder* run ``Pipeline.code`` and stores the
result (``done`` with its events, or ``failed`` with the reason). On start, articles a stopped
server left ``coding`` are queued again, so a restart loses nothing.

Two coders: ``ProcessCoder`` (what ``whimbrel serve`` uses) loads the pipeline in one child
process, so coding does not hold the server's GIL while requests are answered; ``ThreadCoder``
codes in this thread with a pipeline already loaded (tests, embedding). Only the server process
touches the database either way.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Protocol

from whimbrel.pipeline import CodedArticle, Pipeline
from whimbrel.records import Article, Rejected
from whimbrel.settings import Settings
from whimbrel.store import Store
from whimbrel.store import api as store_api

log = logging.getLogger("whimbrel.api.worker")


def code_batch(pipeline: Pipeline, batch: list[Article]) -> list[CodedArticle]:
    """Code a batch; if it breaks as a whole, code one by one so only the bad article fails."""
    out: list[CodedArticle] = []
    try:
        out.extend(pipeline.code(batch))
        return out
    except Exception as e:
        log.warning("batch coding failed (%s); coding one by one", e)
    done = {c.article.id for c in out}
    for article in batch:
        if article.id in done:
            continue
        try:
            out.append(pipeline.code_one(article))
        except Exception as e:
            out.append(_failed(article, f"{type(e).__name__}: {e}"))
    return out


def _failed(article: Article, reason: str) -> CodedArticle:
    return CodedArticle(
        article=article,
        error=Rejected(
            item=article.id, source=article.source or "", reason="coding-failed", message=reason
        ),
    )


class Coder(Protocol):
    def code(self, batch: list[Article]) -> list[CodedArticle]: ...

    def close(self) -> None: ...


class ThreadCoder:
    """Codes in the calling thread with a loaded pipeline."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def code(self, batch: list[Article]) -> list[CodedArticle]:
        return code_batch(self.pipeline, batch)

    def close(self) -> None:
        pass


# -- the child process of ProcessCoder ------------------------------------------------------
_CHILD: dict[str, Pipeline | str] = {}


def _child_init(settings: Settings) -> None:
    try:
        _CHILD["pipeline"] = Pipeline(settings)
    except Exception as e:  # reported by _child_ready, not as a broken pool
        _CHILD["error"] = str(e)


def _child_ready() -> str | None:
    error = _CHILD.get("error")
    return error if isinstance(error, str) else None


def _child_code(batch: list[Article]) -> list[CodedArticle]:
    pipeline = _CHILD["pipeline"]
    assert isinstance(pipeline, Pipeline)
    return code_batch(pipeline, batch)


class ProcessCoder:
    """Loads the pipeline once in one spawned child process and codes batches there."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_child_init,
            initargs=(self.settings,),
        )
        error = pool.submit(_child_ready).result()
        if error:
            pool.shutdown(cancel_futures=True)
            raise RuntimeError(error)
        return pool

    def code(self, batch: list[Article]) -> list[CodedArticle]:
        try:
            return self.pool.submit(_child_code, batch).result()
        except Exception:
            # the child died (or could not send its answer): start a fresh one for next time
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._start()
            raise

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class CodingWorker(threading.Thread):
    """One daemon thread; ``wake()`` after a submission, ``stop()`` at shutdown."""

    def __init__(
        self,
        store: Store,
        coder_factory: Callable[[], Coder],
        batch_size: int = 8,
        idle_poll: float = 2.0,
    ) -> None:
        super().__init__(name="whimbrel-coding-worker", daemon=True)
        self.store = store
        self.coder_factory = coder_factory
        self.batch_size = batch_size
        self.idle_poll = idle_poll
        self.ready = threading.Event()
        self.coded = 0
        self.failed = 0
        self.load_error: str | None = None
        self._wake = threading.Event()
        self._halt = threading.Event()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 60.0) -> None:
        self._halt.set()
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
            coder = self.coder_factory()
        except Exception as e:  # a missing model must be visible in /api/health, not a crash
            self.load_error = str(e)
            log.error("coding worker cannot load the pipeline: %s", e)
            return
        self.ready.set()
        try:
            self._loop(coder)
        finally:
            coder.close()

    def _loop(self, coder: Coder) -> None:
        while not self._halt.is_set():
            try:
                batch = store_api.claim_queued(self.store, self.batch_size)
                if batch:
                    self._code(coder, batch)
                    continue
            except Exception:  # e.g. the database briefly failing: keep the worker alive
                log.exception("coding worker error; retrying in %.0f s", self.idle_poll)
            self._wake.wait(self.idle_poll)
            self._wake.clear()

    def _code(self, coder: Coder, batch: list[Article]) -> None:
        try:
            results = coder.code(batch)
        except Exception as e:
            results = [
                _failed(a, f"the coding process failed: {type(e).__name__}: {e}") for a in batch
            ]
        seen = set()
        for coded in results:
            seen.add(coded.article.id)
            if coded.error is not None:
                self.store.save_article(
                    coded.article, [], status="failed", error=coded.error.message
                )
                self.failed += 1
            else:
                self.store.save_article(coded.article, coded.events, status="done")
                self.coded += 1
        for article in batch:  # never leave a claimed article in 'coding'
            if article.id not in seen:
                self.store.save_article(article, [], status="failed", error="not coded")
                self.failed += 1
