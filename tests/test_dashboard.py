"""The dashboard in Debian's chromium, driven by Playwright, against a real server on 127.0.0.1 (a free port, in a
background thread) over the store ingested from samples/ (plus an article full of markup)."""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium "
                                                     "(`apt-get install chromium`; .ci/run installs it)"),
]

# markers drawn on the map: single ones plus what every cluster holds (only what is in view is in the DOM)
MARKERS_JS = """() => {
  let n = document.querySelectorAll('.event-marker').length;
  for (const c of document.querySelectorAll('.event-cluster')) n += Number(c.dataset.count);
  return n;
}"""


@pytest.fixture(scope="module")
def server(corpus_db):
    import uvicorn

    from observatory import api

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(api.create_app(corpus_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started:
        assert thread.is_alive() and time.time() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM),
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


def open_page(browser, server, bypass_csp=False):
    """A fresh page on the dashboard, markers drawn; a list collects anything that went wrong."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=bypass_csp)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    pg.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    pg.on("request", lambda req: None if req.url.startswith((server, "data:")) else problems.append(f"left: {req.url}"))
    pg.on("response", lambda res: problems.append(f"{res.status}: {res.url}") if res.status >= 400 else None)
    pg.goto(server + "/")
    pg.wait_for_function(f"() => ({MARKERS_JS})() > 0")
    return context, pg, problems


@pytest.fixture
def page(browser, server):
    """The dashboard under its own Content-Security-Policy."""
    context, pg, problems = open_page(browser, server)
    yield pg
    context.close()
    assert problems == []  # no script errors, no dialogs, no failed requests, nothing fetched from elsewhere


@pytest.fixture
def page_without_csp(browser, server):
    """The dashboard with the CSP switched off: what the page itself does with stored markup, no safety net."""
    context, pg, problems = open_page(browser, server, bypass_csp=True)
    yield pg
    context.close()
    assert problems == []


def api_json(page, path, **params):
    response = page.request.get(page.url.rstrip("/") + path, params=params)
    assert response.ok
    return response.json()


def markers(page):
    return page.evaluate(MARKERS_JS)


def test_the_map_shows_markers_and_a_type_filter_changes_them(page):
    located = api_json(page, "/api/points")["total"]
    page.wait_for_function(f"() => ({MARKERS_JS})() === {located}")
    # the offline basemap: country shapes, drawn as SVG paths
    page.wait_for_function("() => document.querySelectorAll('.leaflet-overlay-pane path').length > 100")
    # coloured by type: one legend colour per type, and every marker drawn in its type's colour
    legend = page.eval_on_selector_all(".legend div", "els => els.map(e => [e.textContent, "
                                       "getComputedStyle(e.querySelector('i')).backgroundColor])")
    colour_of = dict(legend)
    assert len(colour_of) > 1 and len(set(colour_of.values())) == len(colour_of)
    drawn = page.eval_on_selector_all(".event-marker", "els => els.map(e => [e.dataset.type, "
                                      "getComputedStyle(e).backgroundColor])")
    assert drawn and all(colour_of[t] == c for t, c in drawn)

    page.select_option("#filter-type", "COERCE")
    coerced = api_json(page, "/api/points", type="COERCE")["total"]
    assert 0 < coerced < located
    page.wait_for_function(f"() => ({MARKERS_JS})() === {coerced}")
    types = page.eval_on_selector_all(".event-marker", "els => els.map(e => e.dataset.type)")
    assert types and set(types) == {"COERCE"}
    page.wait_for_function("() => [...document.querySelectorAll('#events tbody tr')].every(r => r.textContent.includes('COERCE'))")

    page.click("#clear")
    page.wait_for_function(f"() => ({MARKERS_JS})() === {located}")


def test_clicking_a_marker_shows_the_event_with_its_sentence_highlighted(page):
    page.select_option("#filter-type", "COERCE")
    page.select_option("#filter-country", "HKG")
    page.wait_for_function(f"() => ({MARKERS_JS})() === 1")
    expected = api_json(page, "/api/events", type="COERCE", country="HKG")["events"][0]

    page.click(".event-marker")
    mark = page.locator("#detail mark")
    mark.wait_for()
    assert mark.inner_text().strip() == expected["evidence"]["sentence"].strip()
    assert "fired tear gas" in mark.inner_text()
    detail = page.locator("#detail")
    triple = detail.locator(".triple").inner_text()
    assert re.search(r"Police.*→\s*COERCE\s*→\s*demonstrators", triple, re.S)
    text = detail.inner_text()
    for shown in ("2019-06-12", "Hong Kong", "occurred", "Attribution"):
        assert shown in text
    # the sentence is highlighted in place, inside the whole article
    article = detail.locator(".article-text").inner_text()
    assert article.index(mark.inner_text()) > 0 and len(article) > len(mark.inner_text())
    assert page.locator(".event-marker.selected").count() == 1


def test_stored_markup_is_shown_as_text_never_run(page_without_csp):
    page = page_without_csp
    page.fill("#filter-q", "Bamako")
    page.wait_for_function("() => document.querySelectorAll('#events tbody tr[data-id]').length === 1")
    row = page.locator("#events tbody tr[data-id]")
    assert "</script> Police" in row.inner_text()  # the actor's stored text, shown as text
    row.click()
    page.locator("#detail mark").wait_for()

    detail = page.locator("#detail")
    assert "<script>window.__pwned = 3</script>" in detail.locator("mark").inner_text()
    assert '<img src=x onerror="window.__pwned = 2">' in detail.locator(".article-text").inner_text()
    assert "<script>" in detail.locator("h3").inner_text()
    assert page.locator("#detail script, #detail img, #events script, #events img, .leaflet-pane img").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_brushing_the_timeline_filters_by_dates(page):
    everything = api_json(page, "/api/events")["total"]
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 20, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=5)
    page.mouse.up()
    page.wait_for_function("() => /\\d{4}-\\d{2}-\\d{2} to \\d{4}-\\d{2}-\\d{2}/.test(document.getElementById('range').textContent)")
    since, until = re.findall(r"\d{4}-\d{2}-\d{2}", page.locator("#range").inner_text())
    expected = api_json(page, "/api/events", since=since, until=until)["total"]
    assert 0 < expected < everything
    page.wait_for_function(f"() => document.getElementById('page').textContent.endsWith('of {expected}')")
    page.click("#clear-dates")
    page.wait_for_function(f"() => document.getElementById('page').textContent.endsWith('of {everything}')")
