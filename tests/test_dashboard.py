"""The dashboard in Debian's chromium, driven by Playwright, against a real server on 127.0.0.1 (a free port,
in a background thread) over the store ingested from samples/ (plus an article full of markup)."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed at /usr/bin/chromium "
        "(`apt-get install chromium`; .ci/run installs it)",
    ),
]


def _markers_js(kind: str) -> str:
    """A JS function counting the map's markers of ``kind`` (event, incident): single ones plus what every
    cluster holds (only what is in view is in the DOM)."""
    return (
        "() => {\n"
        f"  let n = document.querySelectorAll('.{kind}-marker').length;\n"
        f"  for (const c of document.querySelectorAll('.{kind}-cluster')) n += Number(c.dataset.count);\n"
        "  return n;\n"
        "}"
    )


MARKERS_JS, INCIDENT_MARKERS_JS = _markers_js("event"), _markers_js("incident")


def _serving(db: Path) -> Iterator[str]:
    """The API and dashboard over ``db`` on a free port of 127.0.0.1, in a thread; stopped when done."""
    import uvicorn

    from observatory import api

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(api.create_app(db), host="127.0.0.1", port=port, log_level="warning"))
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
def server(corpus_db):
    yield from _serving(corpus_db)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


def open_page(browser, server, bypass_csp=False):
    """A fresh page on the dashboard, markers drawn; a list collects anything that went wrong."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=bypass_csp)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    pg.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    pg.on(
        "request",
        lambda req: None if req.url.startswith((server, "data:")) else problems.append(f"left: {req.url}"),
    )
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
    """The dashboard with the CSP switched off: what the page itself does with stored markup, no safety
    net."""
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
    # the legend is drawn after the markers
    page.wait_for_function("() => document.querySelectorAll('.legend div i').length > 1")
    legend = page.eval_on_selector_all(
        ".legend div",
        "els => els.map(e => [e.textContent, getComputedStyle(e.querySelector('i')).backgroundColor])",
    )
    colour_of = dict(legend)
    assert len(colour_of) > 1 and len(set(colour_of.values())) == len(colour_of)
    drawn = page.eval_on_selector_all(
        ".event-marker", "els => els.map(e => [e.dataset.type, getComputedStyle(e).backgroundColor])"
    )
    assert drawn and all(colour_of[t] == c for t, c in drawn)

    page.select_option("#filter-type", "COERCE")
    coerced = api_json(page, "/api/points", type="COERCE")["total"]
    assert 0 < coerced < located
    page.wait_for_function(f"() => ({MARKERS_JS})() === {coerced}")
    types = page.eval_on_selector_all(".event-marker", "els => els.map(e => e.dataset.type)")
    assert types and set(types) == {"COERCE"}
    page.wait_for_function(
        "() => [...document.querySelectorAll('#events tbody tr')]"
        ".every(r => r.textContent.includes('COERCE'))"
    )

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
    assert (
        page.locator("#detail script, #detail img, #events script, #events img, .leaflet-pane img").count()
        == 0
    )
    assert page.evaluate("window.__pwned") is None


def test_brushing_the_timeline_filters_by_dates(page):
    everything = api_json(page, "/api/events")["total"]
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 20, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=5)
    page.mouse.up()
    page.wait_for_function(
        "() => /\\d{4}-\\d{2}-\\d{2} to \\d{4}-\\d{2}-\\d{2}/"
        ".test(document.getElementById('range').textContent)"
    )
    since, until = re.findall(r"\d{4}-\d{2}-\d{2}", page.locator("#range").inner_text())
    expected = api_json(page, "/api/events", since=since, until=until)["total"]
    assert 0 < expected < everything
    page.wait_for_function(f"() => document.getElementById('page').textContent.endsWith('of {expected}')")
    page.click("#clear-dates")
    page.wait_for_function(f"() => document.getElementById('page').textContent.endsWith('of {everything}')")


# -- a phone and a wide screen; the keyboard; counts; place labels; dates at their precision ----------------


def sized_page(browser, server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    pg.on("response", lambda res: problems.append(f"{res.status}: {res.url}") if res.status >= 400 else None)
    pg.goto(server + "/")
    pg.wait_for_function(f"() => ({MARKERS_JS})() > 0")
    pg.wait_for_function("() => document.querySelectorAll('#events tbody tr[data-id]').length > 0")
    return context, pg, problems


@pytest.mark.parametrize("width, height", [(390, 844), (1440, 900)])
def test_the_layout_fits_the_screen_and_the_panel_keeps_who_did_what_in_view(browser, server, width, height):
    context, pg, problems = sized_page(browser, server, width, height)
    try:
        # the event whose sentence lies furthest into its article: the panel must not scroll away from its top
        events = api_json(pg, "/api/events", limit=100)["events"]
        far = max(events, key=lambda e: e["evidence"]["start"])
        pg.locator(f"#events tbody tr[data-id='{far['id']}']").click()
        pg.locator("#detail mark").wait_for()
        pg.wait_for_timeout(300)
        assert pg.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
        table, card = (pg.locator(s).bounding_box() for s in ("#events", "#table-wrap"))
        assert table["x"] >= card["x"] - 1 and table["x"] + table["width"] <= card["x"] + card["width"] + 1
        panel = pg.locator("#detail").bounding_box()
        assert panel["height"] <= 0.8 * height
        triple = pg.locator("#detail .triple").bounding_box()
        assert panel["y"] <= triple["y"] and triple["y"] + triple["height"] <= panel["y"] + panel["height"]
        assert pg.evaluate("document.getElementById('detail').scrollTop") == 0
        # and the highlighted sentence is in view inside the article's own box
        box, mark = (pg.locator(s).bounding_box() for s in ("#detail .article-text", "#detail mark"))
        assert box["y"] - 1 <= mark["y"] <= box["y"] + box["height"]
    finally:
        context.close()
    assert problems == []


def test_rows_and_the_date_filter_work_from_the_keyboard(page):
    first = page.locator("#events tbody tr[data-id]").first
    first.focus()
    page.keyboard.press("ArrowDown")
    second_id = page.evaluate("document.activeElement.dataset.id")
    assert second_id and second_id != first.get_attribute("data-id")
    page.keyboard.press("Enter")
    page.locator("#detail mark").wait_for()
    assert page.locator(f"#events tbody tr[data-id='{second_id}']").get_attribute("aria-selected") == "true"
    expected = api_json(page, "/api/events/" + second_id)["event"]["event_type"]
    assert expected in page.locator("#detail .triple").inner_text()

    page.focus("#since")
    page.keyboard.type("06122019")  # chromium's date field takes the digits in the locale's order
    page.focus("#until")
    page.keyboard.type("06122019")
    since, until = page.input_value("#since"), page.input_value("#until")
    assert since == until == "2019-06-12"
    total = api_json(page, "/api/events", since=since, until=until)["total"]
    everything = api_json(page, "/api/events")["total"]
    assert 0 < total < everything
    page.wait_for_function(f"() => document.getElementById('page').textContent.endsWith('of {total}')")
    assert "2019-06-12 to 2019-06-12" in page.locator("#range").inner_text()


def test_a_row_chosen_in_the_table_is_revealed_out_of_its_cluster(page):
    page.wait_for_function("() => document.querySelectorAll('.event-cluster').length > 0")
    page.wait_for_timeout(800)  # the first fit of the map's bounds, animated
    located = {p[0] for p in api_json(page, "/api/points")["points"]}
    rows = page.eval_on_selector_all("#events tbody tr[data-id]", "els => els.map(r => r.dataset.id)")
    drawn = set(page.eval_on_selector_all(".event-marker", "els => els.map(m => m.dataset.id)"))
    clustered = [i for i in rows if i in located and i not in drawn]
    assert clustered
    for event_id in clustered[:2]:
        page.locator(f"#events tbody tr[data-id='{event_id}']").focus()
        page.keyboard.press("Enter")
        chosen = f".event-marker.selected[data-id='{event_id}']"
        page.wait_for_function(f'() => document.querySelector("{chosen}")')
        page.wait_for_timeout(500)  # the zoom's animation
        marker = page.locator(f".event-marker[data-id='{event_id}']").bounding_box()
        area = page.locator("#map").bounding_box()
        assert area["x"] <= marker["x"] <= area["x"] + area["width"]
        assert area["y"] <= marker["y"] <= area["y"] + area["height"]


def test_the_basemap_names_places_offline(page):
    for _ in range(4):  # capitals from zoom 3, other large cities from zoom 5
        page.click(".leaflet-control-zoom-in")
        page.wait_for_timeout(300)
    page.wait_for_function("() => document.querySelectorAll('.place-label').length > 0")
    names = set(page.eval_on_selector_all(".place-label", "els => els.map(e => e.textContent)"))
    places = api_json(page, "/api/basemap/places")
    capitals = {p[0] for p in places if p[4]}
    assert names and names <= {p[0] for p in places} and names & capitals


def test_list_counts_agree_with_what_choosing_them_shows(page):
    def options(select):
        texts = page.eval_on_selector_all(f"{select} option", "els => els.map(e => [e.value, e.textContent])")
        return {v: int(re.search(r"\((\d+)\)", t).group(1)) for v, t in texts if v}

    page.wait_for_function("() => document.querySelectorAll('#filter-country option').length > 1")
    for code, n in options("#filter-country").items():
        assert api_json(page, "/api/events", country=code)["total"] == n, code
    settled = "() => !document.getElementById('summary').textContent.startsWith('Loading')"
    page.select_option("#filter-type", "COERCE")
    page.wait_for_function(settled)
    for code, n in options("#filter-country").items():
        assert api_json(page, "/api/events", country=code, type="COERCE")["total"] == n, code
    page.select_option("#filter-country", "HKG")
    page.wait_for_function(settled)
    for event_type, n in options("#filter-type").items():
        assert api_json(page, "/api/events", country="HKG", type=event_type)["total"] == n, event_type
    assert api_json(page, "/api/events", country="HKG", type="COERCE")["total"] == 1
    assert page.locator("#summary").inner_text().startswith("1 event matches ·")


def test_the_table_shows_dates_at_their_precision(page):
    events = api_json(page, "/api/events", limit=100)["events"]
    fallback = next(e for e in events if e["date"]["text"] is None and e["date"]["value"])
    row = page.locator(f"#events tbody tr[data-id='{fallback['id']}'] td").first
    if not row.count():
        pytest.skip("the fallback-dated event is not on the first page")
    assert row.inner_text() == fallback["date"]["value"] + "?"


@pytest.fixture(scope="module")
def ranged_server(tmp_path_factory):
    """A store with events dated by a day, a week, a month and a year, served like `server`."""
    from conftest import extract

    from observatory.store import open_store

    path = tmp_path_factory.mktemp("ranged") / "ranged.sqlite"
    db = open_store(path)
    texts = {
        "day": "Police arrested six protesters in Bamako on Tuesday.",
        "day2": "Rebels attacked a convoy near Gao on Monday, the army said.",
        "week": "Troops shelled rebel positions near Kidal last week, the army said.",
        "month": "Militants attacked an army base near Mopti in January, officials said.",
        "year": "Rebels seized the town of Menaka in 2012, officials said.",
    }
    db.save([extract(t, published="2020-03-06", id=k) for k, t in texts.items()])
    db.close()
    yield from _serving(path)


def test_the_timeline_draws_ranges_at_their_precision_and_brushing_filters_by_overlap(browser, ranged_server):
    context, pg, problems = sized_page(browser, ranged_server, 1280, 900)
    try:
        spans = api_json(pg, "/api/stats")["by_span"]
        assert "2012-01-01/2012-12-31" in spans and any(k.startswith("2020-01-01/2020-01-31") for k in spans)
        pg.wait_for_function("() => document.querySelectorAll('#timeline .span').length >= 3")
        axis = pg.eval_on_selector_all("#timeline text.axis", "els => els.map(e => e.textContent)")
        assert "2012-01-01" not in axis  # the year is clipped, not stretched into the axis
        titles = pg.eval_on_selector_all("#timeline .span title", "els => els.map(e => e.textContent)")
        assert any(t.startswith("2012:") and "beyond the axis" in t for t in titles)
        assert any(t.startswith("2020-01:") for t in titles)
        assert any(re.match(r"2020-W\d\d:", t) for t in titles)
        # a week of days: the week-, month- and day-dated events overlapping it, not the 2012 one
        pg.fill("#since", "2020-02-24")
        pg.fill("#until", "2020-03-01")
        pg.dispatch_event("#until", "change")
        shown = api_json(pg, "/api/events", since="2020-02-24", until="2020-03-01")
        assert {e["article_id"] for e in shown["events"]} >= {"week"} and "year" not in {
            e["article_id"] for e in shown["events"]
        }
        total = shown["total"]
        pg.wait_for_function(f"() => document.getElementById('page').textContent.endsWith('of {total}')")
        # the table's count comes before the timeline is redrawn: wait for the ranges it lights
        pg.wait_for_function("() => document.querySelectorAll('#timeline .span.in').length > 0")
        lit = pg.eval_on_selector_all("#timeline .span.in title", "els => els.map(e => e.textContent)")
        assert lit and all(not t.startswith("2012") for t in lit)
        rows = pg.eval_on_selector_all(
            "#events tbody tr[data-id] td.date", "els => els.map(e => e.textContent)"
        )
        assert any(re.fullmatch(r"2020-W\d\d", r) for r in rows)
    finally:
        context.close()
    assert problems == []


# -- the incident view: reports of one happening fused, side by side ---------------------------------------


@pytest.fixture(scope="module")
def incident_server(tmp_path_factory):
    """The incident articles (conftest) ingested and fused as a user does, served like `server`."""
    from conftest import INCIDENT_ARTICLES, ingested

    yield from _serving(ingested(INCIDENT_ARTICLES, tmp_path_factory.mktemp("incidents")))


def incident_view(pg):
    """Switch the page to incidents and wait for their markers."""
    rows = api_json(pg, "/api/incidents/points")
    pg.click("#view-incidents")
    pg.wait_for_function(f"() => ({INCIDENT_MARKERS_JS})() === {rows['located']}")
    pg.wait_for_function("() => document.querySelectorAll('#incidents tbody tr[data-id]').length > 0")
    return rows


def raid_of(rows):
    return next(r for r in rows["incidents"] if r[7] == "Kidal" and r[3] == "ASSAULT")


@pytest.fixture
def incident_page(browser, incident_server):
    context, pg, problems = open_page(browser, incident_server)
    yield pg
    context.close()
    assert problems == []


def test_the_incident_view_shows_one_marker_per_incident_with_its_source_count(incident_page):
    pg = incident_page
    assert pg.get_attribute("#view-events", "aria-pressed") == "true"
    rows = incident_view(pg)
    assert pg.get_attribute("#view-incidents", "aria-pressed") == "true"
    assert pg.locator("#events").is_hidden() and pg.locator("#incidents").is_visible()
    assert pg.locator(".event-marker, .event-cluster").count() == 0  # the event markers are gone
    raid = raid_of(rows)
    drawn = pg.eval_on_selector_all(
        ".incident-marker", "els => els.map(e => [e.dataset.id, e.textContent, e.dataset.type])"
    )
    assert [raid[0], "2", "ASSAULT"] in drawn
    assert all(text == str(next(r[4] for r in rows["incidents"] if r[0] == i)) for i, text, _t in drawn)
    status = pg.text_content("#summary")
    assert f"{rows['total']} incidents match" in status
    # the table lists every incident, the raid's sources and disagreement shown
    row = pg.locator(f"#incidents tbody tr[data-id='{raid[0]}']")
    assert "2 sources" in row.inner_text() and "⚠" in row.inner_text()

    # the type list counts incidents, as choosing one would show them
    pg.wait_for_function(
        "() => [...document.querySelectorAll('#filter-type option')]"
        ".some(o => o.textContent === 'COERCE (1)')"
    )
    # filtered like the events: a type, a country, dates that overlap
    pg.select_option("#filter-type", "COERCE")
    pg.wait_for_function(f"() => ({INCIDENT_MARKERS_JS})() === 1")
    assert pg.eval_on_selector_all(".incident-marker", "els => els.map(e => e.dataset.type)") == ["COERCE"]
    pg.select_option("#filter-type", "")
    pg.wait_for_function(f"() => ({INCIDENT_MARKERS_JS})() === {rows['located']}")
    options = pg.eval_on_selector_all("#filter-country option", "els => els.map(e => e.value)")
    assert "MLI" in options
    pg.fill("#since", "2021-05-05")
    pg.fill("#until", "2021-05-05")
    pg.dispatch_event("#until", "change")
    pg.wait_for_function(f"() => ({INCIDENT_MARKERS_JS})() === 1")
    assert pg.eval_on_selector_all(".incident-marker", "els => els.map(e => e.dataset.id)") == [raid[0]]
    pg.click("#clear-dates")
    pg.wait_for_function(f"() => ({INCIDENT_MARKERS_JS})() === {rows['located']}")

    # and back to the events
    pg.click("#view-events")
    pg.wait_for_function(f"() => ({MARKERS_JS})() === {api_json(pg, '/api/points')['total']}")
    assert pg.locator(".incident-marker, .incident-cluster").count() == 0
    assert pg.locator("#events").is_visible() and pg.locator("#incidents").is_hidden()


def check_incident_panel(pg, raid_id):
    """The panel of the raid: both reports side by side, the disagreement on who did it marked."""
    pg.wait_for_function(
        f"() => document.querySelector('#detail .incident[data-id=\"{raid_id}\"]') "
        "&& document.querySelectorAll('#detail .report').length === 2"
    )
    cards = pg.eval_on_selector_all(
        "#detail .report", "els => els.map(e => [e.querySelector('.outlet').textContent, e.innerText])"
    )
    outlets = {outlet: text for outlet, text in cards}
    assert set(outlets) == {"Daily Ledger", "Sahel Courier"}
    ledger, courier = outlets["Daily Ledger"], outlets["Sahel Courier"]
    assert "Malian troops" in ledger and "14" in ledger and "2021-05-06" in ledger
    assert "Malian troops attacked rebel positions in Kidal on Wednesday" in ledger
    assert "Wagner" in courier and "30" in courier and "local rights group" in courier
    assert "2021-05-05" in ledger and "2021-05-05" in courier  # the date of the raid in each report
    # side by side on a wide panel, stacked on a phone: never wider than the panel
    panel = pg.locator("#detail").bounding_box()
    for box in (pg.locator("#detail .report").nth(i).bounding_box() for i in range(2)):
        assert panel["x"] - 1 <= box["x"] and box["x"] + box["width"] <= panel["x"] + panel["width"] + 1
    # the contradiction: its kind and the sources on either side
    disputes = pg.locator("#detail .contradictions")
    assert disputes.is_visible() and "disagree" in disputes.inner_text()
    actor = pg.locator("#detail .contradiction[data-kind='actor']")
    sides = actor.locator(".side").all_inner_texts()
    assert any("Malian troops" in s and "army" in s for s in sides)
    assert any("Wagner" in s and "local rights group" in s for s in sides)
    assert pg.locator("#detail .report.disputed").count() == 2


def test_opening_an_incident_lists_its_reports_and_contradictions(incident_page):
    pg = incident_page
    rows = incident_view(pg)
    raid = raid_of(rows)
    pg.click(f".incident-marker[data-id='{raid[0]}']")
    check_incident_panel(pg, raid[0])
    assert pg.get_attribute(f"#incidents tbody tr[data-id='{raid[0]}']", "aria-selected") == "true"
    # a report's own article, from its card
    pg.locator("#detail .report", has_text="Sahel Courier").get_by_role("button").click()
    pg.locator("#detail mark").wait_for()
    assert "Wagner mercenaries attacked" in pg.text_content("#detail mark")
    # the event panel links back to its incident
    link = pg.locator("#detail .incident-of button")
    link.wait_for()
    assert "2 reports from 2 sources" in link.inner_text()
    link.click()
    check_incident_panel(pg, raid[0])


def test_incidents_open_from_the_keyboard_and_from_an_event(incident_page):
    pg = incident_page
    # from an event of the events view: its panel says other reports tell of it
    events = api_json(pg, "/api/events", type="ASSAULT")["events"]
    first = next(e for e in events if e["article_id"] == "ledger-kidal")
    pg.locator(f"#events tbody tr[data-id='{first['id']}']").click()
    pg.locator("#detail .incident-of button").wait_for()
    pg.locator("#detail .incident-of button").focus()
    pg.keyboard.press("Enter")
    check_incident_panel(pg, first["incident_id"])
    # an event its incident's only report gets no link
    lone = api_json(pg, "/api/events", type="COERCE")["events"][0]
    pg.locator(f"#events tbody tr[data-id='{lone['id']}']").click()
    pg.locator("#detail mark").wait_for()
    pg.wait_for_timeout(300)
    assert pg.locator("#detail .incident-of").count() == 0

    # the toggle and the incident rows from the keyboard
    pg.focus("#view-incidents")
    pg.keyboard.press("Enter")
    pg.wait_for_function("() => document.querySelectorAll('#incidents tbody tr[data-id]').length > 1")
    order = pg.eval_on_selector_all("#incidents tbody tr[data-id]", "els => els.map(e => e.dataset.id)")
    pg.locator("#incidents tbody tr[data-id]").first.focus()
    pg.keyboard.press("ArrowDown")
    assert pg.evaluate("document.activeElement.dataset.id") == order[1]
    target = order.index(first["incident_id"])
    pg.locator("#incidents tbody tr[data-id]").nth(target).focus()
    pg.keyboard.press("Enter")
    check_incident_panel(pg, first["incident_id"])
    # a marker from the keyboard: focusable, named, opened with Enter
    arrest = lone["incident_id"]
    icon = pg.locator(".leaflet-marker-icon", has=pg.locator(f".incident-marker[data-id='{arrest}']"))
    assert "1 source" in icon.get_attribute("title")
    icon.focus()
    pg.keyboard.press("Enter")
    pg.wait_for_function(f"() => document.querySelector('#detail .incident[data-id=\"{arrest}\"]')")
    assert "Police" in pg.text_content("#detail .report")


@pytest.mark.parametrize("width, height", [(390, 844), (1440, 900)])
def test_the_incident_view_fits_a_phone_and_a_wide_screen(browser, incident_server, width, height):
    context, pg, problems = sized_page(browser, incident_server, width, height)
    try:
        rows = incident_view(pg)
        raid = raid_of(rows)
        pg.locator(f"#incidents tbody tr[data-id='{raid[0]}']").click()
        check_incident_panel(pg, raid[0])
        pg.wait_for_timeout(300)
        assert pg.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
        panel = pg.locator("#detail").bounding_box()
        assert panel["height"] <= 0.8 * height
        table, card = (pg.locator(s).bounding_box() for s in ("#incidents", "#table-wrap"))
        assert table["x"] >= card["x"] - 1 and table["x"] + table["width"] <= card["x"] + card["width"] + 1
        # the panel opens at its top: what happened, and that the reports disagree
        assert pg.evaluate("document.getElementById('detail').scrollTop") == 0
        title = pg.locator("#detail .triple").bounding_box()
        assert panel["y"] <= title["y"] and title["y"] + title["height"] <= panel["y"] + panel["height"]
        first, second = (pg.locator("#detail .report").nth(i).bounding_box() for i in range(2))
        if width >= 1000:
            assert abs(first["y"] - second["y"]) < 2  # side by side
        else:
            assert second["y"] >= first["y"] + first["height"] - 1  # one above the other
    finally:
        context.close()
    assert problems == []
