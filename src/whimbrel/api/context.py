"""What routes share: the app context (store, worker, limiter, config) and ``ApiError``."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from whimbrel.api.config import ServeConfig
from whimbrel.api.security import RateLimiter
from whimbrel.api.worker import CodingWorker
from whimbrel.store import Store


@dataclass
class AppContext:
    """Built at startup; at ``app.state.ctx``."""

    config: ServeConfig
    store: Store
    limiter: RateLimiter
    worker: CodingWorker | None


class ApiError(Exception):
    """An error answer: HTTP status, stable code and a message that says what to do."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def get_ctx(request: Request) -> AppContext:
    ctx = request.app.state.ctx
    assert isinstance(ctx, AppContext)
    return ctx
