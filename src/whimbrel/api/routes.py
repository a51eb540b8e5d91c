"""The ``/api`` routes: submissions, articles, events, dyads, actors, timeline, shares.

Thin: each route validates its input, calls ``whimbrel.store`` (or the ingest readers) and
shapes the answer. Errors are ``ApiError``s, rendered by the app as ``{"error": {...}}``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile

from whimbrel.api import formats
from whimbrel.api.config import RECEIPT_MESSAGE
from whimbrel.api.context import ApiError, AppContext, get_ctx
from whimbrel.api.security import retry_after_header, token_ok
from whimbrel.errors import WhimbrelError
from whimbrel.ingest.fetch import fetch_article
from whimbrel.ingest.html import html_to_article, looks_like_html
from whimbrel.ingest.lang import detect_language
from whimbrel.ingest.readers import decode_bytes, text_article
from whimbrel.records import PLOVER_TYPES, Article
from whimbrel.store import EventFilter
from whimbrel.store import api as store_api

router = APIRouter(prefix="/api")

Ctx = Annotated[AppContext, Depends(get_ctx)]
Quad = Literal["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"]
CODE = r"^[A-Za-z]{3}$"
ID = r"^[A-Za-z0-9_.:-]{1,64}$"


# -- models (for validation and the OpenAPI page) -------------------------------------------
class Submission(BaseModel):
    """An article to code: its ``text``, or a ``fetch_url`` to fetch it from."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, description="Article text (page residue is stripped).")
    fetch_url: str | None = Field(None, max_length=2000, description="Fetch the article here.")
    title: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000, description="Where the text came from.")
    source: str | None = Field(None, max_length=200, description="Outlet or collection name.")
    date: dt.date | None = Field(None, description="Publication date, YYYY-MM-DD.")


class Receipt(BaseModel):
    id: str
    status: str
    status_url: str
    events_url: str
    view_url: str
    message: str = RECEIPT_MESSAGE


class ShareRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    article_id: str = Field(..., pattern=ID)
    start: int = Field(..., ge=0, description="Passage start (character offset).")
    end: int = Field(..., gt=0, description="Passage end (exclusive).")


class Share(BaseModel):
    id: str
    url: str
    article_id: str
    start: int
    end: int
    passage: str


_SUBMIT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": Submission.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "text": {"type": "string"},
                        "fetch_url": {"type": "string"},
                        "title": {"type": "string"},
                        "url": {"type": "string"},
                        "source": {"type": "string"},
                        "date": {"type": "string"},
                    },
                }
            },
        },
    }
}


# -- shared checks --------------------------------------------------------------------------
def require_token(request: Request, ctx: Ctx) -> None:
    """Write routes: a bearer token is needed whenever the server has one configured."""
    if not token_ok(ctx.config.token, request.headers.get("authorization")):
        raise ApiError(
            401,
            "unauthorized",
            "This server needs a write token. Send `Authorization: Bearer <WHIMBREL_TOKEN>` "
            "(on the dashboard, enter it in the token field).",
            {"WWW-Authenticate": "Bearer"},
        )


def rate_limited(request: Request, ctx: Ctx) -> None:
    client = request.client.host if request.client else "unknown"
    wait = ctx.limiter.take(client)
    if wait > 0:
        raise ApiError(
            429,
            "rate_limited",
            f"Too many submissions from {client}. Wait {retry_after_header(wait)} s "
            "(see Retry-After) and send again.",
            {"Retry-After": retry_after_header(wait)},
        )


def event_filter(
    actor: Annotated[str | None, Query(pattern=CODE, description="Actor code, either side")] = None,
    source: Annotated[str | None, Query(pattern=CODE)] = None,
    target: Annotated[str | None, Query(pattern=CODE)] = None,
    sector: Annotated[str | None, Query(pattern=CODE, description="e.g. GOV")] = None,
    type: Annotated[str | None, Query(max_length=16, description="PLOVER type")] = None,
    quad_class: Quad | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    country: Annotated[str | None, Query(max_length=3, description="Place country")] = None,
    admin1: Annotated[str | None, Query(max_length=100)] = None,
    text: Annotated[str | None, Query(max_length=200, description="In the sentence")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    negated: bool | None = None,
    hypothetical: bool | None = None,
    article: Annotated[str | None, Query(pattern=ID)] = None,
) -> EventFilter:
    if type is not None and type.upper() not in PLOVER_TYPES:
        raise ApiError(
            422,
            "invalid_request",
            f"Unknown event type {type!r}. Use one of: {', '.join(PLOVER_TYPES)}.",
        )
    return EventFilter(
        actor=actor,
        source=source,
        target=target,
        sector=sector,
        event_type=type,
        quad_class=quad_class,
        date_from=since,
        date_to=until,
        country=country,
        admin1=admin1,
        text=text,
        min_confidence=min_confidence,
        negated=negated,
        hypothetical=hypothetical,
        article_id=article,
        limit=None,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


def _article_or_404(ctx: AppContext, article_id: str) -> dict[str, Any]:
    found = ctx.store.get_article(article_id)
    if found is None:
        raise ApiError(
            404,
            "not_found",
            f"No article {article_id!r}. Check the id from your receipt, or list recent "
            "articles at /api/articles.",
        )
    return found


# -- health ---------------------------------------------------------------------------------
@router.get("/health")
def health(ctx: Ctx) -> dict[str, Any]:
    """Liveness, worker state and the queue."""
    worker = ctx.worker
    return {
        "status": "ok",
        "worker": worker.state if worker else "off",
        "worker_error": worker.load_error if worker else None,
        "articles": store_api.queue_counts(ctx.store),
        "token_required": bool(ctx.config.token),
    }


# -- submissions ----------------------------------------------------------------------------
@router.post(
    "/articles",
    status_code=202,
    response_model=Receipt,
    openapi_extra=_SUBMIT_BODY,
    dependencies=[Depends(require_token), Depends(rate_limited)],
)
async def submit_article(request: Request, ctx: Ctx) -> JSONResponse:
    """Submit an article (JSON, a multipart file upload, or a URL to fetch); 202 + receipt.

    The submission is stored (status ``queued``) before the answer; coding runs in the
    background. Poll ``status_url`` until ``done`` (or ``failed`` with its reason).
    """
    sub, upload = await _read_submission(request)
    article = await run_in_threadpool(_build_article, ctx, sub, upload)
    article_id, status = await run_in_threadpool(store_api.enqueue_article, ctx.store, article)
    if ctx.worker is not None:
        ctx.worker.wake()
    receipt = Receipt(
        id=article_id,
        status=status,
        status_url=str(request.url_for("get_article", article_id=article_id)),
        events_url=str(request.url_for("article_events", article_id=article_id)),
        view_url=str(request.url_for("article_page", article_id=article_id)),
    )
    return JSONResponse(
        receipt.model_dump(), status_code=202, headers={"Location": receipt.status_url}
    )


async def _read_submission(request: Request) -> tuple[Submission, bytes | None]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if ctype == "application/json":
            try:
                payload = json.loads(await request.body())
            except (json.JSONDecodeError, UnicodeDecodeError) as e:
                raise ApiError(
                    400,
                    "bad_request",
                    f'The body is not valid JSON ({e}). Send a JSON object like {{"text": "..."}}.',
                ) from e
            if not isinstance(payload, dict):
                raise ApiError(400, "bad_request", 'Send a JSON object like {"text": "..."}.')
            return Submission.model_validate(payload), None
        if ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
            form = await request.form()
            fields = {
                k: v
                for k, v in form.items()
                if k in Submission.model_fields and isinstance(v, str) and v.strip()
            }
            upload = form.get("file")
            data = None
            # Browsers send an empty, nameless file part when no file was chosen.
            if isinstance(upload, UploadFile) and upload.filename:
                data = await upload.read()
                fields.setdefault("source", upload.filename)
            return Submission.model_validate(fields), data
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "body"
        raise ApiError(
            422, "invalid_request", f"Invalid submission: {where}: {first['msg']}."
        ) from e
    raise ApiError(
        415,
        "unsupported_media_type",
        f"Cannot read a {ctype or 'body without Content-Type'}. Send application/json, "
        "or multipart/form-data with a `file` field.",
    )


def _build_article(ctx: AppContext, sub: Submission, upload: bytes | None) -> Article:
    given = [
        n
        for n, v in (("text", sub.text), ("file", upload), ("fetch_url", sub.fetch_url))
        if v is not None
    ]
    if len(given) != 1:
        raise ApiError(
            422,
            "invalid_request",
            "Give exactly one of `text`, an uploaded `file` or `fetch_url` "
            f"(got {', '.join(given) or 'none'}).",
        )
    try:
        if sub.fetch_url is not None:
            fetched = _fetch(ctx, sub.fetch_url)
            updates = {
                k: v
                for k, v in (("title", sub.title), ("published", sub.date), ("source", sub.source))
                if v is not None
            }
            return fetched.model_copy(update=updates)
        # A whole page pasted into the text box is HTML too: extract it like an upload.
        page = upload if upload is not None else (sub.text or "").encode("utf-8")
        if looks_like_html(page):
            article = html_to_article(page, url=sub.url, source=sub.source, published=sub.date)
            return article.model_copy(update={"title": sub.title}) if sub.title else article
        text = sub.text if sub.text is not None else decode_bytes(upload or b"", "the upload")
        article = text_article(
            text, source=sub.source or "api", published=sub.date, title=sub.title, url=sub.url
        )
        return article.model_copy(update={"language": detect_language(article.text)})
    except WhimbrelError as e:
        raise ApiError(400, e.code, str(e)) from e


def _fetch(ctx: AppContext, url: str) -> Article:
    return fetch_article(
        url,
        allow_private=ctx.config.allow_private_fetch,
        timeout=ctx.config.fetch_timeout,
        max_bytes=ctx.config.max_body_bytes,
    )


# -- articles -------------------------------------------------------------------------------
_ARTICLE_KEYS = (
    "id",
    "status",
    "error",
    "n_events",
    "title",
    "url",
    "source",
    "author",
    "published",
    "language",
    "added_at",
    "coded_at",
)


@router.get("/articles")
def list_articles(ctx: Ctx, limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
    """The most recently added articles with their status."""
    return {
        "articles": store_api.recent_articles(ctx.store, limit),
        "counts": store_api.queue_counts(ctx.store),
    }


@router.get("/articles/{article_id}", name="get_article")
def get_article(
    ctx: Ctx, article_id: Annotated[str, Path(pattern=ID)], include_text: bool = False
) -> dict[str, Any]:
    """Status (queued, coding, done, failed + reason) and metadata of one article."""
    found = _article_or_404(ctx, article_id)
    out = {k: found[k] for k in _ARTICLE_KEYS}
    out["meta"] = {k: v for k, v in found["meta"].items() if k != "removed_lines"}
    out["text_length"] = len(found["text"])
    if include_text:
        out["text"] = found["text"]
    return out


@router.get("/articles/{article_id}/events", name="article_events")
def article_events(ctx: Ctx, article_id: Annotated[str, Path(pattern=ID)]) -> dict[str, Any]:
    """The events coded from one article (empty until its status is ``done``)."""
    found = _article_or_404(ctx, article_id)
    events = ctx.store.events(EventFilter(article_id=article_id, limit=None))
    events.sort(key=lambda e: (e.evidence.start, e.id))
    return {
        "article_id": article_id,
        "status": found["status"],
        "events": [e.to_json_dict() for e in events],
    }


# -- events and aggregates ------------------------------------------------------------------
@router.get("/events", response_model=None)
def list_events(
    request: Request,
    ctx: Ctx,
    flt: Filter,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    cursor: Annotated[str | None, Query(pattern=ID, description="next_cursor of a page")] = None,
    format: Literal["json", "jsonl", "csv", "geojson"] = "json",
) -> Response:
    """Stored events, filtered, in pages (``cursor`` = the previous page's ``next_cursor``)."""
    flt.limit, flt.after = limit, cursor
    events = ctx.store.events(flt)
    next_cursor = events[-1].id if len(events) == limit else None
    headers: dict[str, str] = {}
    if next_cursor:
        headers["X-Next-Cursor"] = next_cursor
        headers["Link"] = f'<{request.url.include_query_params(cursor=next_cursor)}>; rel="next"'
    media = formats.MEDIA_TYPES[format]
    if format == "jsonl":
        return Response(formats.to_jsonl(events), media_type=media, headers=headers)
    if format == "csv":
        return Response(formats.to_csv(events), media_type=media, headers=headers)
    if format == "geojson":
        body = formats.geojson_page(events, next_cursor)
        return JSONResponse(body, media_type=media, headers=headers)
    body = {
        "events": [e.to_json_dict() for e in events],
        "count": len(events),
        "next_cursor": next_cursor,
    }
    return JSONResponse(body, headers=headers)


@router.get("/dyads")
def dyads(ctx: Ctx, flt: Filter, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    """Source -> target actor pairs: event count, mean score (-10 conflict .. +10 coop)."""
    return {"dyads": store_api.dyads(ctx.store, flt, limit)}


@router.get("/actors/{code}")
def actor(ctx: Ctx, code: Annotated[str, Path(pattern=CODE)], flt: Filter) -> dict[str, Any]:
    """One actor code: names, sectors, counterparts, event mix and monthly timeline."""
    profile = store_api.actor_profile(ctx.store, code, flt)
    if profile is None:
        raise ApiError(
            404,
            "not_found",
            f"No stored event involves actor {code.upper()!r}. Check the code (ISO alpha-3, "
            "or IGO/UNO/EUR/NGO/...) and the filters.",
        )
    return profile


@router.get("/timeline")
def timeline(
    ctx: Ctx, flt: Filter, interval: Literal["day", "week", "month"] = "month"
) -> dict[str, Any]:
    """Event counts and mean score per period, by quad class, for any filter."""
    return store_api.timeline(ctx.store, flt, interval)


# -- shares ---------------------------------------------------------------------------------
@router.post(
    "/shares", status_code=201, response_model=Share, dependencies=[Depends(require_token)]
)
def create_share(request: Request, ctx: Ctx, body: ShareRequest) -> Share:
    """A permanent link to a passage of an article (``/s/{id}``)."""
    found = _article_or_404(ctx, body.article_id)
    text = found["text"]
    if not body.start < body.end <= len(text):
        raise ApiError(
            422,
            "invalid_request",
            f"The passage {body.start}..{body.end} is not inside the article "
            f"(0..{len(text)}). Select text inside the article and share again.",
        )
    share_id = store_api.create_share(ctx.store, body.article_id, body.start, body.end)
    return Share(
        id=share_id,
        url=str(request.url_for("share_page", share_id=share_id)),
        article_id=body.article_id,
        start=body.start,
        end=body.end,
        passage=text[body.start : body.end],
    )


@router.get("/shares/{share_id}")
def get_share(request: Request, ctx: Ctx, share_id: Annotated[str, Path(pattern=ID)]) -> Share:
    found = store_api.get_share(ctx.store, share_id)
    article = ctx.store.get_article(found["article_id"]) if found else None
    if found is None or article is None:
        raise ApiError(404, "not_found", f"No shared passage {share_id!r}. Check the link.")
    return Share(
        id=share_id,
        url=str(request.url_for("share_page", share_id=share_id)),
        article_id=found["article_id"],
        start=found["start"],
        end=found["end"],
        passage=article["text"][found["start"] : found["end"]],
    )
