"""Dashboard pages through TestClient: filters in the URL, escaping, links, error pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.helpers import SEED, client_for, wait_done
from whimbrel.pipeline import Pipeline

HOSTILE = (
    "<script>alert(1)</script>\n<img src=x onerror=alert(2)>\n"
    '<a href="javascript:alert(3)">x</a>\n'
    "Protesters in Caracas demonstrated against the government of Venezuela on Monday."
)
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline
) -> Iterator[tuple[TestClient, dict[str, str]]]:
    db: Path = tmp_path_factory.mktemp("pages") / "pages.duckdb"
    with client_for(db, pipeline) as client:
        ids = {
            "seed": client.post(
                "/api/articles",
                json={"text": SEED.read_text(), "date": "2022-06-06", "title": "Seed"},
            ).json()["id"],
            "hostile": client.post(
                "/api/articles",
                json={"text": HOSTILE, "title": "<b>bold</b>", "date": "2022-06-07"},
            ).json()["id"],
        }
        for aid in ids.values():
            assert wait_done(client, aid)["status"] == "done"
        yield client, ids


def test_overview_keeps_filters_in_the_url(site: Any) -> None:
    client, _ = site
    page = client.get("/?type=REJECT&actor=CUB&interval=day").text
    assert "<option selected>REJECT</option>" in page
    assert 'name="actor" size="4" value="CUB"' in page
    assert "<option selected>day</option>" in page
    everything = client.get("/").text
    assert everything.count('class="bar"') >= page.count('class="bar"') >= 1
    assert 'class="chart network"' in everything and 'class="edge' in everything


def test_event_rows_open_the_article_at_the_evidence(site: Any) -> None:
    client, ids = site
    page = client.get("/events?article=" + ids["seed"]).text
    links = re.findall(r'href="/articles/(\w+)\?event=(\w+)#ev-(\w+)"', page)
    assert links and all(a == ids["seed"] and e == anchor for a, e, anchor in links)
    article_id, event_id, _ = links[0]
    view = client.get(f"/articles/{article_id}?event={event_id}").text
    assert f'id="ev-{event_id}"' in view and "ev-focus" in view
    assert 'class="aside' not in view and '<aside class="focus"' in view


def test_article_view_marks_every_event(site: Any) -> None:
    client, ids = site
    n = len(client.get(f"/api/articles/{ids['seed']}/events").json()["events"])
    view = client.get(f"/articles/{ids['seed']}").text
    anchors = set(re.findall(r'id="ev-(\w+)"', view))
    assert 0 < len(anchors) <= n
    assert 'id="share-button"' in view and "Share selection" in view


def test_hostile_text_and_title_are_escaped(site: Any) -> None:
    client, ids = site
    for path in (f"/articles/{ids['hostile']}", "/", "/events?text=Caracas"):
        page = client.get(path).text
        assert "<script>alert" not in page and "<img src=x" not in page
        assert '<a href="javascript' not in page and "<b>bold</b>" not in page
    view = client.get(f"/articles/{ids['hostile']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view
    assert "&lt;b&gt;bold&lt;/b&gt;" in view


def test_pages_error_as_html_and_api_as_json(site: Any) -> None:
    client, _ = site
    page = client.get("/articles/nope", headers=HTML)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert 'data-code="not_found"' in page.text
    bad = client.get("/events?min_confidence=abc", headers=HTML)
    assert bad.status_code == 422 and "invalid_request" in bad.text
    assert client.get("/s/unknown").json()["error"]["code"] == "not_found"


def test_actor_page(site: Any) -> None:
    client, _ = site
    dyad = client.get("/api/dyads").json()["dyads"][0]
    page = client.get(f"/actors/{dyad['source']}")
    assert page.status_code == 200 and f"Actor {dyad['source']}" in page.text
    assert f'href="/actors/{dyad["target"]}"' in page.text


def test_submit_page_has_the_three_inputs(site: Any) -> None:
    client, _ = site
    page = client.get("/submit").text
    for element in ('id="submit-text"', 'id="submit-file"', 'id="submit-url"'):
        assert element in page
    assert "<script>" not in page  # only the external /static/app.js


def test_submit_form_works_without_javascript(site: Any) -> None:
    client, _ = site
    page = client.get("/submit").text
    assert 'method="post" action="/api/articles" enctype="multipart/form-data"' in page
    # what a browser sends for this form with JavaScript off: every field, an empty file part
    r = client.post(
        "/api/articles",
        data={
            "text": "Kenya and Uganda agreed to hold talks.",
            "fetch_url": "",
            "title": "",
            "date": "",
        },
        files={"file": ("", b"", "application/octet-stream")},
    )
    assert r.status_code == 202 and r.json()["message"].startswith("Thanks for contacting us")
