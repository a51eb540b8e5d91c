"""``create_app``: the FastAPI app serving the API, the dashboard and the coding worker.

Cross-cutting rules live here: security headers (a strict Content-Security-Policy), the
request size limit, and one error shape ``{"error": {"code", "message"}}`` for every error
(HTML pages get the same code and message rendered as a page).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from whimbrel import __version__
from whimbrel.api import docs
from whimbrel.api.config import ServeConfig
from whimbrel.api.context import ApiError, AppContext
from whimbrel.api.routes import router
from whimbrel.api.security import RateLimiter
from whimbrel.api.worker import Coder, CodingWorker, ProcessCoder, ThreadCoder
from whimbrel.errors import WhimbrelError
from whimbrel.pipeline import Pipeline
from whimbrel.store import Store
from whimbrel.store import api as store_api
from whimbrel.web import STATIC_DIR, pages, render_error

log = logging.getLogger("whimbrel.api")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# Swagger UI sets a few inline styles; its page (our own HTML, no inline script) allows them.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/openapi", "/static/")) or path == "/api":
        return False
    return "text/html" in request.headers.get("accept", "")


def _error_response(
    request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    if _wants_html(request):
        return HTMLResponse(render_error(status, code, message), status, headers=headers)
    return JSONResponse(error_body(code, message), status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _error_response(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = _STATUS_CODES.get(exc.status_code, f"http_{exc.status_code}")
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"Nothing at {request.url.path}. See /docs for the API's routes."
        headers = dict(exc.headers) if exc.headers else None
        return _error_response(request, exc.status_code, code, message, headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        message = "Invalid request: " + "; ".join(parts) + ". See /docs for the expected fields."
        return _error_response(request, 422, "invalid_request", message)

    @app.exception_handler(WhimbrelError)
    async def _whimbrel_error(request: Request, exc: WhimbrelError) -> Response:
        return _error_response(request, 400, exc.code, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return _error_response(
            request,
            500,
            "internal_error",
            "The server failed on this request. Try again; if it persists, report it with the "
            "server log.",
        )


class LimitsAndHeaders:
    """ASGI middleware: refuses bodies over ``max_body`` (413) and adds security headers."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        too_big = f"The request body is larger than {self.max_body:,} bytes."
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await self._refuse(scope, receive, send, too_big)
            return
        csp = DOCS_CSP if scope["path"] == "/docs" else CSP
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _BodyTooLarge
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _BodyTooLarge:
            if not started:
                await self._refuse(scope, receive, send, too_big)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, message: str) -> None:
        response = JSONResponse(
            error_body("payload_too_large", message + " Send a smaller article or file."),
            413,
            headers={"content-security-policy": CSP, "connection": "close"},
        )
        await response(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


def create_app(
    config: ServeConfig | None = None,
    *,
    pipeline: Pipeline | None = None,
) -> FastAPI:
    """The app for ``config`` (default: ``ServeConfig()``; checked here).

    ``pipeline`` reuses an already loaded Pipeline, coding in a thread (tests, embedding);
    otherwise the worker loads one from ``config.settings`` in a child process
    (``config.worker_process``, the default) or in its thread. Either way the server answers
    while the model loads.
    """
    config = config or ServeConfig()
    config.check()
    coder_factory: Callable[[], Coder]
    if pipeline is not None:
        loaded = pipeline
        coder_factory = lambda: ThreadCoder(loaded)  # noqa: E731
    elif config.worker_process:
        coder_factory = lambda: ProcessCoder(config.settings)  # noqa: E731
    else:
        coder_factory = lambda: ThreadCoder(Pipeline(config.settings))  # noqa: E731

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = Store(config.db_path)
        requeued = store_api.requeue_interrupted(store)
        if requeued:
            log.info("resuming %d article(s) left in coding", requeued)
        worker = CodingWorker(store, coder_factory, config.worker_batch) if config.worker else None
        app.state.ctx = AppContext(
            config=config,
            store=store,
            worker=worker,
            limiter=RateLimiter(config.submit_rate_per_minute, config.submit_burst),
        )
        if worker is not None:
            worker.start()
        try:
            yield
        finally:
            if worker is not None:
                worker.stop()
            store.close()

    app = FastAPI(
        title="whimbrel",
        version=__version__,
        description="Political event data from news: submit articles, query coded events "
        "(PLOVER/CAMEO) with their evidence, share passages.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    _install_error_handlers(app)
    app.include_router(router)
    app.include_router(docs.router)
    app.include_router(pages.router)
    # The more specific mount first: /static would otherwise swallow /static/swagger.
    app.mount("/static/swagger", StaticFiles(directory=docs.SWAGGER_DIR), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(LimitsAndHeaders, max_body=config.max_body_bytes)
    return app
