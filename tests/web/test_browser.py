"""The dashboard in Debian's chromium, driven by Playwright, against a live server.

The analyst's path: submit the seed article, see the receipt, wait for its events, open an
event's evidence, select a passage, share it, open the link and find the passage highlighted.
A hostile article renders as inert text. Screenshots of each step go to test-artifacts/.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.helpers import RECEIPT, ROOT, SEED

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "dashboard"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="no browser: /usr/bin/chromium is missing (install Debian's `chromium` "
        "package; .ci/run does this where it runs as root)",
    ),
]

HOSTILE = """Hostile test article.
<script>window.__pwned = 1; alert("script ran")</script>
<img src="x" onerror="window.__pwned = 2; alert('onerror ran')">
<a href="javascript:alert('link ran')">click me</a>
<svg onload="window.__pwned = 3"></svg>
Protesters in Caracas demonstrated against the government of Venezuela on Monday.
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


def client_geojson(base: str) -> list[dict[str, Any]]:
    import httpx

    body = httpx.get(base + "/api/events?format=geojson&limit=1000", timeout=10).json()
    return list(body["features"])


def _watch(page: Any) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"dialogs": [], "errors": [], "console": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}"))
    return seen


def test_submit_share_and_open_the_link(page: Any, live_server: str) -> None:
    seen = _watch(page)
    shot = lambda name: page.screenshot(path=str(ARTIFACTS / name), full_page=False)  # noqa: E731

    page.goto(live_server + "/submit")
    page.fill("#submit-text", SEED.read_text())
    page.fill("#submit-title", "Summit of the Americas")
    page.fill("#submit-date", "2022-06-06")
    shot("1-submit.png")
    page.click("#submit-button")

    page.wait_for_selector("#receipt:not([hidden])")
    assert page.text_content("#receipt-message") == RECEIPT
    shot("2-receipt.png")
    page.wait_for_selector("#receipt-status.done")
    page.wait_for_selector("#receipt-events a.event-link")
    assert page.locator("#receipt-events li").count() > 1
    shot("3-events.png")

    # open one event's evidence from the event table
    page.goto(live_server + "/events?type=REJECT")
    row = page.locator("table.events tbody tr").first
    sentence = row.locator("a.evidence").text_content()
    row.locator("a.evidence").click()
    page.wait_for_selector(".ev-focus")
    focus_text = page.evaluate(
        "() => Array.from(document.querySelectorAll('.ev-focus')).map(e => e.textContent).join('')"
    )
    assert focus_text == sentence
    assert page.locator(".ev-focus.trigger, .ev-focus .trigger, .trigger.ev-focus").count() >= 1
    assert page.locator("aside.focus").is_visible()
    shot("4-evidence.png")

    # select a passage: from the start of the focused sentence over its first 60 characters
    assert page.is_disabled("#share-button")
    page.evaluate(
        """() => {
          const first = document.querySelector('.ev-focus');
          const walker = document.createTreeWalker(first, NodeFilter.SHOW_TEXT);
          const node = walker.nextNode();
          const range = document.createRange();
          range.setStart(node, 0);
          // end 60 characters later, crossing into the following pieces if needed
          let left = 60, n = node;
          const all = document.createTreeWalker(document.getElementById('article-text'),
                                                NodeFilter.SHOW_TEXT);
          while (all.nextNode() !== node) {}
          while (left > n.data.length) { left -= n.data.length; n = all.nextNode(); }
          range.setEnd(n, left);
          const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
        }"""
    )
    page.wait_for_selector("#share-button:not([disabled])")
    selected = page.evaluate("() => window.getSelection().toString()")
    assert selected == sentence[:60]
    shot("5-selection.png")
    page.click("#share-button")
    page.wait_for_selector("#share-result:not([hidden])")
    link = page.input_value("#share-link")
    assert link.startswith(live_server + "/s/")
    shot("6-share-link.png")

    page.goto(link)
    shared = page.evaluate(
        "() => Array.from(document.querySelectorAll('#article-text .shared'))"
        ".map(e => e.textContent).join('')"
    )
    assert shared == sentence[:60]
    assert page.text_content("#passage") == sentence[:60]
    assert page.locator(".share-events li[data-event]").count() >= 1
    shot("7-shared-passage.png")

    page.goto(live_server + "/")
    assert page.locator("svg.timeline rect.bar").count() >= 1
    assert page.locator("svg.network line.edge").count() >= 1
    located = client_geojson(live_server)
    assert page.locator("svg.map circle.place").count() == len(
        {(f["properties"]["place"], tuple(f["geometry"]["coordinates"])) for f in located}
    )
    page.screenshot(path=str(ARTIFACTS / "8-overview.png"), full_page=True)
    assert not seen["dialogs"] and not seen["errors"], seen
    assert not [m for m in seen["console"] if m.startswith("error")], seen["console"]


def test_hostile_article_renders_as_inert_text(page: Any, live_server: str) -> None:
    seen = _watch(page)
    page.goto(live_server + "/submit")
    page.fill("#submit-text", HOSTILE)
    page.fill("#submit-title", '<img src=x onerror="alert(9)">')
    page.click("#submit-button")
    page.wait_for_selector("#receipt-status.done, #receipt-status.failed")
    page.click("#receipt-view")
    page.wait_for_selector("#article-text")
    text = page.text_content("#article-text")
    assert "<script>window.__pwned = 1;" in text
    assert 'onerror="window.__pwned = 2;' in text
    assert "javascript:alert('link ran')" in text
    assert page.text_content("h1") == '<img src=x onerror="alert(9)">'
    assert (
        page.locator(
            "#article-text script, #article-text img, #article-text a, #article-text svg, h1 img"
        ).count()
        == 0
    )
    assert page.evaluate("() => window.__pwned === undefined")
    page.screenshot(path=str(ARTIFACTS / "9-hostile.png"))
    # the overview lists the hostile title as text too
    page.goto(live_server + "/")
    assert page.evaluate("() => window.__pwned === undefined")
    assert not seen["dialogs"] and not seen["errors"], seen
    assert json.dumps(seen["console"]).count("Refused to execute") == 0


def test_swagger_docs_render_offline(page: Any, live_server: str) -> None:
    seen = _watch(page)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(live_server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".opblock-summary-path", has_text="/api/events").count() >= 1
    assert all(u.startswith(live_server) or u.startswith("data:") for u in requested), requested
    page.screenshot(path=str(ARTIFACTS / "10-docs.png"))
    assert not seen["errors"], seen
    assert not [m for m in seen["console"] if "Content Security Policy" in m], seen["console"]
