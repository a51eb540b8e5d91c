"""Dashboard pages: overview, event table, article view, submit, shared passage, actor.

Each page reads through ``whimbrel.store`` and renders a template; filters are plain query
parameters (the same as ``/api/events``), so every view is a shareable URL.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse

from whimbrel.api.context import ApiError, AppContext, get_ctx
from whimbrel.api.routes import CODE, ID, Filter
from whimbrel.records import PLOVER_TYPES
from whimbrel.store import EventFilter
from whimbrel.store import api as store_api
from whimbrel.web import charts, highlight
from whimbrel.web.render import render

router = APIRouter(include_in_schema=False)
Ctx = Annotated[AppContext, Depends(get_ctx)]
FILTER_KEYS = (
    "actor",
    "source",
    "target",
    "sector",
    "type",
    "quad_class",
    "since",
    "until",
    "country",
    "text",
    "min_confidence",
    "negated",
    "hypothetical",
    "article",
)


def _page(ctx: AppContext, template: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(render(template, token_required=bool(ctx.config.token), **context))


def _filters(request: Request) -> dict[str, str]:
    return {k: v for k in FILTER_KEYS if (v := request.query_params.get(k, "").strip())}


def _common(request: Request) -> dict[str, Any]:
    return {
        "filters": _filters(request),
        "types": PLOVER_TYPES,
        "quads": store_api.QUADS,
        "query": request.url.query,
    }


def _article(ctx: AppContext, article_id: str) -> dict[str, Any]:
    found = ctx.store.get_article(article_id)
    if found is None:
        raise ApiError(404, "not_found", f"No article {article_id!r}. Check the link.")
    return found


@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request,
    ctx: Ctx,
    flt: Filter,
    interval: Literal["day", "week", "month"] = "month",
) -> HTMLResponse:
    tl = store_api.timeline(ctx.store, flt, interval)
    top = store_api.dyads(ctx.store, flt, 30)
    return _page(
        ctx,
        "overview.html",
        title="overview",
        interval=interval,
        timeline=tl,
        timeline_svg=charts.timeline_svg(tl["periods"]),
        dyads=top[:15],
        network_svg=charts.network_svg(top),
        map_svg=charts.map_svg(store_api.places(ctx.store, flt)),
        counts=store_api.queue_counts(ctx.store),
        recent=store_api.recent_articles(ctx.store, 10),
        **_common(request),
    )


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    ctx: Ctx,
    flt: Filter,
    cursor: Annotated[str | None, Query(pattern=ID)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> HTMLResponse:
    flt.limit, flt.after = limit, cursor
    events = ctx.store.events(flt)
    next_url = (
        str(request.url.include_query_params(cursor=events[-1].id))
        if len(events) == limit
        else None
    )
    return _page(
        ctx, "events.html", title="events", events=events, next_url=next_url, **_common(request)
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse, name="article_page")
def article_page(
    request: Request,
    ctx: Ctx,
    article_id: Annotated[str, Path(pattern=ID)],
    event: Annotated[str | None, Query(pattern=ID)] = None,
) -> HTMLResponse:
    article = _article(ctx, article_id)
    events = ctx.store.events(EventFilter(article_id=article_id, limit=None))
    events.sort(key=lambda e: (e.evidence.start, e.id))
    focus = next((e for e in events if e.id == event), None)
    body = highlight.render(
        article["text"], highlight.event_marks(events, focus.id if focus else None)
    )
    return _page(
        ctx,
        "article.html",
        title=article["title"] or "article",
        article=article,
        events=events,
        focus=focus,
        body=body,
    )


@router.get("/submit", response_class=HTMLResponse)
def submit_page(ctx: Ctx) -> HTMLResponse:
    return _page(ctx, "submit.html", title="submit")


@router.get("/s/{share_id}", response_class=HTMLResponse, name="share_page")
def share_page(ctx: Ctx, share_id: Annotated[str, Path(pattern=ID)]) -> HTMLResponse:
    share = store_api.get_share(ctx.store, share_id)
    if share is None:
        raise ApiError(404, "not_found", f"No shared passage {share_id!r}. Check the link.")
    article = _article(ctx, share["article_id"])
    start, end = share["start"], share["end"]
    events = [
        e
        for e in ctx.store.events(EventFilter(article_id=article["id"], limit=None))
        if e.evidence.start < end and start < e.evidence.end
    ]
    events.sort(key=lambda e: (e.evidence.start, e.id))
    marks = [highlight.Mark(start, end, "shared", anchor="shared")]
    marks += [highlight.Mark(e.evidence.start, e.evidence.end, "ev", e.id) for e in events]
    return _page(
        ctx,
        "share.html",
        title="shared passage",
        share=share,
        article=article,
        passage=article["text"][start:end],
        events=events,
        body=highlight.render(article["text"], marks),
    )


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor_page(
    request: Request, ctx: Ctx, code: Annotated[str, Path(pattern=CODE)], flt: Filter
) -> HTMLResponse:
    profile = store_api.actor_profile(ctx.store, code, flt)
    if profile is None:
        raise ApiError(404, "not_found", f"No stored event involves actor {code.upper()!r}.")
    return _page(
        ctx,
        "actor.html",
        title=profile["code"],
        profile=profile,
        timeline_svg=charts.timeline_svg(profile["timeline"]["periods"]),
        **_common(request),
    )
