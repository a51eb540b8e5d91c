"""Reads: events (filters, cursor, formats), dyads, actors, timeline, shares, errors, docs."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.helpers import assert_error

Coded = tuple[TestClient, dict[str, Any]]


def _all(client: TestClient, query: str = "") -> list[dict[str, Any]]:
    body = client.get(f"/api/events?limit=1000&{query}").json()
    assert body["next_cursor"] is None
    return list(body["events"])


def test_both_articles_have_events(coded: Coded) -> None:
    client, ids = coded
    events = _all(client)
    assert {e["article_id"] for e in events} == set(ids.values())


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("type=REJECT", lambda e: e["event_type"] == "REJECT"),
        ("type=agree", lambda e: e["event_type"] == "AGREE"),
        ("actor=USA", lambda e: "USA" in [a["code"] for a in e["source"] + e["target"]]),
        ("source=usa", lambda e: "USA" in [a["code"] for a in e["source"]]),
        ("sector=GOV", lambda e: "GOV" in [a["sector"] for a in e["source"] + e["target"]]),
        ("quad_class=verbal+conflict", lambda e: e["quad_class"] == "verbal conflict"),
        ("text=bukele", lambda e: "bukele" in e["evidence"]["sentence"].lower()),
        ("min_confidence=0.6", lambda e: e["confidence"] >= 0.6),
        ("negated=false", lambda e: e["negated"] is False),
        ("hypothetical=false", lambda e: e["hypothetical"] is False),
    ],
)
def test_event_filters(coded: Coded, query: str, check: Any) -> None:
    client, _ = coded
    everything = _all(client)
    found = _all(client, query)
    assert all(check(e) for e in found)
    assert [e for e in everything if check(e)] == found


def test_article_and_date_filters(coded: Coded) -> None:
    client, ids = coded
    second = _all(client, f"article={ids['second']}")
    assert second and {e["article_id"] for e in second} == {ids["second"]}
    dated = [e for e in _all(client) if e["date"]]
    if dated:
        day = min(e["date"] for e in dated)
        assert _all(client, f"since={day}&until={day}") == [e for e in dated if e["date"] == day]


def test_cursor_pagination_walks_everything_once(coded: Coded) -> None:
    client, _ = coded
    everything = _all(client)
    seen: list[str] = []
    cursor = ""
    for _ in range(len(everything) + 2):
        r = client.get(f"/api/events?limit=2{'&cursor=' + cursor if cursor else ''}")
        page = r.json()
        seen += [e["id"] for e in page["events"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
        assert r.headers["x-next-cursor"] == cursor and 'rel="next"' in r.headers["link"]
    assert seen == [e["id"] for e in everything]


def test_formats(coded: Coded) -> None:
    client, _ = coded
    everything = _all(client)
    r = client.get("/api/events?format=csv&limit=1000")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["id"] for row in rows] == [e["id"] for e in everything]
    r = client.get("/api/events?format=jsonl&limit=1000")
    assert [json.loads(line) for line in r.text.splitlines()] == everything
    geo = client.get("/api/events?format=geojson&limit=1000").json()
    assert geo["type"] == "FeatureCollection"
    assert len(geo["features"]) + geo["without_location"] == len(everything)
    for f in geo["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_dyads_agree_with_events(coded: Coded) -> None:
    client, _ = coded
    dyads = client.get("/api/dyads").json()["dyads"]
    assert dyads
    for d in dyads[:5]:
        events = _all(client, f"source={d['source']}&target={d['target']}")
        assert len(events) == d["count"]
        assert d["cooperation"] + d["conflict"] <= d["count"]


def test_actor_profile(coded: Coded) -> None:
    client, _ = coded
    profile = client.get("/api/actors/usa").json()
    events = _all(client, "actor=USA")
    assert profile["code"] == "USA" and profile["events"] == len(events)
    assert profile["as_source"] == len(_all(client, "source=USA"))
    assert profile["as_target"] == len(_all(client, "target=USA"))
    assert sum(m["count"] for m in profile["event_mix"]) == len(events)
    assert all(c["code"] != "USA" for c in profile["counterparts"])
    assert_error(client.get("/api/actors/ZZZ"), 404, "not_found")
    assert_error(client.get("/api/actors/TOOLONG"), 422, "invalid_request")


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_timeline_counts_every_event(coded: Coded, interval: str) -> None:
    client, _ = coded
    tl = client.get(f"/api/timeline?interval={interval}").json()
    total = len(_all(client))
    assert sum(p["count"] for p in tl["periods"]) + tl["undated"] == total
    for p in tl["periods"]:
        assert sum(p["by_quad_class"].values()) <= p["count"]
    # the seed (2022-06) and the second article (2022-07) are in different months
    if interval == "month":
        assert len(tl["periods"]) >= 2


def test_timeline_filter_and_bad_interval(coded: Coded) -> None:
    client, _ = coded
    tl = client.get("/api/timeline?type=REJECT").json()
    assert sum(p["count"] for p in tl["periods"]) + tl["undated"] == len(
        _all(client, "type=REJECT")
    )
    assert_error(client.get("/api/timeline?interval=year"), 422, "invalid_request")


def test_shares(coded: Coded) -> None:
    client, ids = coded
    text = client.get(f"/api/articles/{ids['seed']}?include_text=true").json()["text"]
    start = text.index("Cuba, Venezuela and Nicaragua")
    body = {"article_id": ids["seed"], "start": start, "end": start + 29}
    r = client.post("/api/shares", json=body)
    assert r.status_code == 201
    share = r.json()
    assert share["passage"] == "Cuba, Venezuela and Nicaragua"
    assert share["url"].endswith(f"/s/{share['id']}")
    assert client.post("/api/shares", json=body).json()["id"] == share["id"]  # permanent
    assert client.get(f"/api/shares/{share['id']}").json() == share
    page = client.get(f"/s/{share['id']}")
    assert page.status_code == 200 and "Cuba, Venezuela and Nicaragua</span>" in page.text


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"start": 10, "end": 5}, 422),
        ({"start": 0, "end": 10**7}, 422),
        ({"start": -1, "end": 5}, 422),
        ({"start": 0, "end": 5, "article_id": "nope"}, 404),
    ],
)
def test_bad_shares(coded: Coded, body: dict[str, Any], status: int) -> None:
    client, ids = coded
    r = client.post("/api/shares", json={"article_id": ids["seed"], **body})
    assert_error(r, status)


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/nothing-here", 404, "not_found"),
        ("/api/articles/unknown-id", 404, "not_found"),
        ("/api/articles/bad%20id", 422, "invalid_request"),
        ("/api/events?limit=0", 422, "invalid_request"),
        ("/api/events?format=xml", 422, "invalid_request"),
        ("/api/events?type=DANCE", 422, "invalid_request"),
        ("/api/events?min_confidence=2", 422, "invalid_request"),
        ("/api/events?since=yesterday", 422, "invalid_request"),
        ("/api/events?actor=US'%20OR%201=1--", 422, "invalid_request"),
        ("/api/shares/unknown", 404, "not_found"),
    ],
)
def test_errors_have_one_shape(coded: Coded, path: str, status: int, code: str) -> None:
    client, _ = coded
    assert_error(client.get(path), status, code)


def test_method_not_allowed_has_the_shape(coded: Coded) -> None:
    client, _ = coded
    assert_error(client.delete("/api/events"), 405, "method_not_allowed")


def test_text_filter_is_a_parameter_not_sql(coded: Coded) -> None:
    client, _ = coded
    assert _all(client, "text=%27%20OR%20%271%27=%271") == []
    assert len(_all(client)) > 0


def test_openapi_and_offline_docs(coded: Coded) -> None:
    client, _ = coded
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/articles",
        "/api/events",
        "/api/dyads",
        "/api/actors/{code}",
        "/api/timeline",
        "/api/shares",
    ):
        assert path in spec["paths"]
    content = spec["paths"]["/api/articles"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(content)
    page = client.get("/docs").text
    assert "cdn" not in page.lower() and "<script>" not in page
    for asset in (
        "/static/swagger/swagger-ui-bundle.js",
        "/static/swagger/swagger-ui.css",
        "/static/docs-init.js",
    ):
        assert asset in page
        assert client.get(asset).status_code == 200


@pytest.mark.parametrize("path", ["/api/events", "/", "/docs", "/api/nothing"])
def test_security_headers(coded: Coded, path: str) -> None:
    client, _ = coded
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"


def test_places_agree_with_geojson(coded: Coded) -> None:
    from whimbrel.store import api as store_api

    client, _ = coded
    geo = client.get("/api/events?format=geojson&limit=1000").json()
    places = store_api.places(client.app.state.ctx.store)  # type: ignore[attr-defined]
    assert sum(p["count"] for p in places) == len(geo["features"])
