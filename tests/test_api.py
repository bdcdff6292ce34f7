"""The web API, in process (FastAPI's TestClient) on a real store ingested from samples/; schemathesis against
its OpenAPI; the `serve` command as a real process, to see where it listens."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import schemathesis
from conftest import ROOT, writable_copy
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from observatory import api, search
from observatory.cli import cli
from observatory.store import open_store

TOKEN = "s3cret-token"
CONTRACT = {
    "id",
    "article_id",
    "event_type",
    "mode",
    "cameo",
    "acled_sub_event_type",
    "status",
    "actor",
    "recipient",
    "location",
    "date",
    "attribution",
    "evidence",
    "confidence",
    "pipeline",
}


@pytest.fixture(scope="module")
def client(corpus_db):
    with TestClient(api.create_app(corpus_db)) as c:
        yield c


@pytest.fixture(scope="module")
def everything(corpus_db):
    """Every stored record, through the CLI's query (oldest first): what the API is checked against."""
    with open_store(corpus_db) as db:
        yield list(db.query())


def ids(response):
    return [e["id"] for e in response.json()["events"]]


# -- reading ------------------------------------------------------------------------------------------------


def test_events_are_records_of_the_contract_newest_first(client, everything):
    body = client.get("/api/events", params={"limit": 1000}).json()
    assert body["total"] == len(everything) >= 15 and body["limit"] == 1000 and body["offset"] == 0
    assert all(CONTRACT <= set(e) for e in body["events"])
    assert [e["id"] for e in body["events"]] == [r["id"] for r in reversed(everything)]
    assert ids(client.get("/api/events", params={"limit": 1000, "order": "asc"})) == [
        r["id"] for r in everything
    ]


def test_pages_cover_every_event_once(client, everything):
    seen = []
    for offset in range(0, len(everything) + 5, 5):
        page = client.get("/api/events", params={"limit": 5, "offset": offset}).json()
        assert page["total"] == len(everything)
        seen += [e["id"] for e in page["events"]]
    assert seen == [r["id"] for r in reversed(everything)]


@pytest.mark.parametrize(
    "cli_filters, api_params",
    [
        ({"event_type": "assault"}, {"type": "assault"}),
        ({"country": "hkg"}, {"country": "hkg"}),
        ({"country": "USA"}, {"country": "USA"}),  # as actor or recipient, not only as the place
        ({"since": "2018-01-01", "until": "2018-12-31"}, {"since": "2018-01-01", "until": "2018-12-31"}),
        ({"since": "2019-06-13"}, {"since": "2019-06-13"}),
        ({"event_type": "CONSULT", "country": "SGP"}, {"type": "CONSULT", "country": "SGP"}),
    ],
)
def test_filters_agree_with_the_cli_query(client, corpus_db, cli_filters, api_params):
    with open_store(corpus_db) as db:
        expected = [r["id"] for r in db.query(**cli_filters)]
    got = client.get("/api/events", params={**api_params, "order": "asc", "limit": 1000}).json()
    assert got["total"] == len(expected) > 0
    assert [e["id"] for e in got["events"]] == expected


def test_several_types_or_countries_at_once(client):
    both = client.get("/api/events", params={"type": "ASSAULT,PROTEST"}).json()["events"]
    assert {e["event_type"] for e in both} == {"ASSAULT", "PROTEST"}
    places = client.get("/api/events", params={"country": "IRQ, YEM"}).json()["events"]
    codes = [{(e[k] or {}).get("country") for k in ("location", "actor", "recipient")} for e in places]
    assert all(c & {"IRQ", "YEM"} for c in codes) and set().union(*codes) >= {"IRQ", "YEM"}


def test_text_and_actor_filters(client):
    found = client.get("/api/events", params={"q": "tear gas"}).json()["events"]
    assert found and all("tear gas" in e["evidence"]["sentence"] for e in found)
    assert client.get("/api/events", params={"q": "gas tear"}).json()["total"] == len(
        found
    )  # words, any order
    assert client.get("/api/events", params={"q": "extradit"}).json()["total"] >= 1  # a word's prefix
    assert client.get("/api/events", params={"q": "zeppelin"}).json()["total"] == 0
    police = client.get("/api/events", params={"actor": "police"}).json()["events"]
    assert police and all("police" in json.dumps([e["actor"], e["recipient"]]).lower() for e in police)
    by_code = client.get("/api/events", params={"actor": "prk"}).json()["events"]
    assert by_code and all(
        "PRK" in ((e["actor"] or {}).get("country"), (e["recipient"] or {}).get("country")) for e in by_code
    )


def test_bbox(client):
    east_asia = client.get("/api/events", params={"bbox": "100,0,130,40"}).json()["events"]
    assert east_asia and {e["location"]["country"] for e in east_asia} <= {"HKG", "SGP", "KOR", "PRK", "CHN"}
    # west > east: the box crosses the antimeridian, from 100°E eastwards to 10°W
    wide = client.get("/api/events", params={"bbox": "100,-90,-10,90"}).json()["events"]
    assert {e["id"] for e in east_asia} <= {e["id"] for e in wide}
    assert all(not (-10 < e["location"]["lon"] < 100) for e in wide)
    assert (
        client.get("/api/events", params={"bbox": "100,40,130,0"}).json()["total"] == 0
    )  # south > north: no inside
    reversed_range = client.get("/api/events", params={"since": "2019-01-01", "until": "2018-01-01"})
    assert reversed_range.status_code == 422 and "is after until" in reversed_range.json()["detail"][0]["msg"]


def test_csv_and_geojson(client, everything):
    response = client.get("/api/events", params={"format": "csv", "limit": 1000})
    assert response.headers["content-type"].startswith("text/csv") and response.headers[
        "x-total-count"
    ] == str(len(everything))
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0][:3] == ["id", "article_id", "event_type"] and len(rows) == len(everything) + 1
    geo = client.get("/api/events", params={"format": "geojson", "limit": 1000})
    assert geo.headers["content-type"] == "application/geo+json"
    features = geo.json()["features"]
    located = [r for r in everything if r["location"] and r["location"]["lat"] is not None]
    assert len(features) == len(located) == int(geo.headers["x-total-count"]) > 0
    assert all(
        f["geometry"]["coordinates"]
        == [f["properties"]["location"]["lon"], f["properties"]["location"]["lat"]]
        for f in features
    )


def test_one_event_with_its_article_and_evidence_offsets(client, everything):
    for record in everything:
        body = client.get(f"/api/events/{record['id']}").json()
        assert body["event"] == record
        evidence = record["evidence"]
        assert body["article"]["id"] == record["article_id"]
        assert body["article"]["text"][evidence["start"] : evidence["end"]] == evidence["sentence"]
        assert "path" not in body["article"]  # never the server's file paths


def test_one_article_with_its_events(client, everything):
    body = client.get("/api/articles/yemen-2018-08-09").json()
    assert (
        body["article"]["title"] == "Air strike hits bus in northern Yemen"
        and body["article"]["published"] == "2018-08-09"
    )
    assert {e["id"] for e in body["events"]} == {
        r["id"] for r in everything if r["article_id"] == "yemen-2018-08-09"
    }


@pytest.mark.parametrize(
    "url", ["/api/events/0000000000", "/api/articles/no-such-article", "/api/articles/a/b"]
)
def test_unknown_ids_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404 and "no " in response.json()["detail"]


def test_stats(client, everything):
    stats = client.get("/api/stats").json()
    assert stats["total"] == len(everything)
    assert sum(stats["by_day"].values()) == sum(1 for r in everything if r["date"]["start"])
    assert list(stats["by_day"]) == sorted(stats["by_day"])
    assert stats["by_type"] == dict(
        sorted(_count(r["event_type"] for r in everything).items(), key=lambda kv: (-kv[1], kv[0]))
    )
    assert stats["by_country"]["HKG"] == sum(
        1 for r in everything if (r["location"] or {}).get("country") == "HKG"
    )
    filtered = client.get("/api/stats", params={"type": "ACCUSE", "since": "2019-01-01"}).json()
    assert (
        filtered["total"]
        == client.get("/api/events", params={"type": "ACCUSE", "since": "2019-01-01"}).json()["total"]
    )
    assert set(filtered["by_type"]) == {"ACCUSE"}


def _count(values):
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def test_points_are_the_located_events(client, everything):
    body = client.get("/api/points").json()
    located = {r["id"]: r for r in everything if r["location"] and r["location"]["lat"] is not None}
    assert body["total"] == len(located) == len(body["points"])
    for event_id, lat, lon, event_type in body["points"]:
        assert (lat, lon, event_type) == (
            located[event_id]["location"]["lat"],
            located[event_id]["location"]["lon"],
            located[event_id]["event_type"],
        )
    assert len(client.get("/api/points", params={"limit": 2}).json()["points"]) == 2


@pytest.mark.parametrize(
    "params, where, words",
    [
        ({"since": "2018-02-30"}, "since", "YYYY-MM-DD"),
        ({"until": "last spring"}, "until", "YYYY-MM-DD"),
        ({"since": "2017-13-01"}, "since", "month 01-12"),
        ({"since": "13/01/2017"}, "since", "YYYY-MM-DD"),
        ({"since": "2019-01-01", "until": "2018-01-01"}, "until", "is after until"),
        ({"bbox": "1,2,3"}, "bbox", "WEST,SOUTH,EAST,NORTH"),
        ({"bbox": "0,0,200,10"}, "bbox", "-180..180"),
        ({"bbox": "0,-95,10,10"}, "bbox", "-90..90"),
        ({"type": "BOMBING"}, "type", "unknown event type"),
        ({"type": "assault,a"}, "type", "unknown event type 'A'"),
        ({"country": "S"}, "country", "unknown country"),
        ({"country": "Narnia"}, "country", "unknown country 'Narnia'"),
        ({"country": "SYR,Syriaa"}, "country", "did you mean Syria (SYR)?"),
        ({"q": "?!"}, "q", "no words"),
        ({"limit": 0}, "limit", "greater than or equal"),
        ({"limit": 10001}, "limit", "less than or equal"),
        ({"offset": -1}, "offset", "greater than or equal"),
        ({"format": "xml"}, "format", "json"),
        ({"order": "random"}, "order", "desc"),
    ],
)
def test_bad_parameters_are_422_with_a_clear_message(client, params, where, words):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    detail = response.json()["detail"][0]
    assert detail["loc"][-1] == where and words in detail["msg"]


def test_security_headers_and_no_cdn(client):
    page = client.get("/")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert "http://" not in page.text and "https://" not in page.text  # every file is ours
    assert client.get("/static/app.js").headers["x-content-type-options"] == "nosniff"
    assert "innerHTML" not in (ROOT / "src/observatory/static/app.js").read_text()


@pytest.mark.skipif(
    not api.settings.NODE_MODULES.is_dir(), reason="node_modules missing: run `npm ci` (make install)"
)
def test_the_dashboard_files_are_served_from_node_modules(client):
    for url in (
        "/vendor/leaflet/leaflet.js",
        "/vendor/leaflet.markercluster/leaflet.markercluster.js",
        "/vendor/topojson-client/topojson-client.min.js",
        "/vendor/world-atlas/countries-50m.json",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get("/vendor/leaflet/../package.json").status_code == 404


# -- writing ------------------------------------------------------------------------------------------------

ARTICLE = {
    "id": "api-1",
    "published": "2020-03-06",
    "title": "Clashes in Mali",
    "text": "Malian troops clashed with rebels near Kidal on Monday, the army said.",
}


def test_read_only_by_default(client):
    response = client.post(
        "/api/articles", json={"articles": [ARTICLE]}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert client.get("/api/articles/api-1").status_code == 404


@pytest.fixture
def writable(corpus_db, tmp_path):
    with TestClient(api.create_app(writable_copy(corpus_db, tmp_path), token=TOKEN)) as c:
        yield c


@pytest.mark.parametrize(
    "headers, status",
    [
        ({}, 401),
        ({"Authorization": "Basic czNjcmV0"}, 401),
        ({"Authorization": "Bearer wrong-token"}, 403),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403),
    ],
)
def test_post_without_the_right_token_is_refused(writable, headers, status):
    before = writable.get("/api/events").json()["total"]
    response = writable.post("/api/articles", json={"articles": [ARTICLE]}, headers=headers)
    assert response.status_code == status
    assert (response.headers.get("www-authenticate") == "Bearer") == (status == 401)
    assert writable.get("/api/events").json()["total"] == before
    # refused before the body is looked at: no hint about what a valid body would be
    assert writable.post("/api/articles", content=b"{not json", headers=headers).status_code == status


def test_post_with_the_token_ingests(writable):
    before = writable.get("/api/stats").json()["total"]
    html = (
        "<html><head><title>Kabul arrests</title></head><body><article><h1>Kabul arrests</h1>"
        "<p>Police arrested the mayor of Kabul on Tuesday, officials said.</p></article></body></html>"
    )
    response = writable.post(
        "/api/articles",
        headers={"Authorization": f"Bearer {TOKEN}"},
        json={
            "articles": [ARTICLE, {"html": html, "id": "api-2", "published": "2020-03-04"}, {"text": "   "}]
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert [a["id"] for a in body["articles"]] == ["api-1", "api-2"] and body["events"] >= 2
    assert body["problems"] == [{"index": 2, "message": "empty: no text to read"}]
    # visible at once, through every view
    assert writable.get("/api/stats").json()["total"] == before + body["events"]
    events = writable.get("/api/articles/api-1").json()["events"]
    assert events[0]["event_type"] == "ASSAULT" and events[0]["location"]["country"] == "MLI"
    assert writable.get("/api/events", params={"q": "Kidal"}).json()["total"] >= 1
    assert (
        writable.get("/api/articles/api-2").json()["article"]["text"].count("Police arrested the mayor") == 1
    )
    # re-posting replaces, as re-ingesting does
    again = writable.post(
        "/api/articles", headers={"Authorization": f"Bearer {TOKEN}"}, json={"articles": [ARTICLE]}
    )
    assert again.status_code == 201 and writable.get("/api/stats").json()["total"] == before + body["events"]


def test_post_bad_bodies_are_422(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for body in (
        {"articles": []},
        {"articles": [{"text": "a", "html": "<p>a</p>"}]},
        {"articles": [{}]},
        {"articles": [{"text": "x", "colour": "red"}]},
        {"articles": [ARTICLE], "published": "someday"},
    ):
        assert writable.post("/api/articles", json=body, headers=auth).status_code == 422, body
    nothing = writable.post("/api/articles", json={"articles": [{"text": ""}]}, headers=auth)
    assert nothing.status_code == 422 and "empty" in nothing.json()["detail"][0]["msg"]


def test_writes_by_anyone_else_are_seen_at_once(corpus_db, tmp_path):
    from conftest import extract

    path = writable_copy(corpus_db, tmp_path)
    with TestClient(api.create_app(path)) as c:
        before = c.get("/api/events").json()["total"]
        db = open_store(path)  # e.g. `observatory ingest` while the server runs
        db.save([extract("Police arrested the mayor of Kabul.", published="2020-01-01", id="kabul")])
        assert c.get("/api/events").json()["total"] == before + 1
        assert c.get("/api/events", params={"q": "mayor Kabul"}).json()["total"] == 1
        db.save([extract("Police arrested six protesters in Bamako.", published="2020-01-01", id="kabul")])
        assert (
            c.get("/api/events", params={"q": "mayor Kabul"}).json()["total"] == 0
        )  # replaced, index in step
        assert c.get("/api/events", params={"q": "Bamako protesters"}).json()["total"] >= 1


def test_a_store_from_before_the_search_index_is_indexed_on_open(corpus_db, tmp_path):
    path = writable_copy(corpus_db, tmp_path)
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE event_keys; DELETE FROM postings;")
    conn.close()
    with TestClient(api.create_app(path)) as c:
        assert c.get("/api/events", params={"q": "tear gas"}).json()["total"] >= 1


def test_search_index_matches_python_filtering(corpus_db, everything):
    """The numpy columns give the same answer as filtering the records in Python."""
    db = open_store(corpus_db)
    index = search.Live(db).index()
    cases = {
        search.Filters(countries=("HKG", "SGP")): lambda r: (
            {"HKG", "SGP"}
            & {
                (r["location"] or {}).get("country"),
                (r["actor"] or {}).get("country"),
                (r["recipient"] or {}).get("country"),
            }
        ),
        search.Filters(until="2018-06-12"): lambda r: r["date"]["start"] <= "2018-06-12",
        search.Filters(bbox=(-20.0, 0.0, 60.0, 60.0)): lambda r: (
            r["location"]
            and r["location"]["lat"] is not None
            and 0 <= r["location"]["lat"] <= 60
            and -20 <= r["location"]["lon"] <= 60
        ),
    }
    for filters, keep in cases.items():
        got = [json.loads(x)["id"] for x in db.records(index.page(index.select(db, filters), 0, 1000, False))]
        assert got == [r["id"] for r in everything if keep(r)], filters


# -- the OpenAPI, fuzzed ------------------------------------------------------------------------------------

OPERATIONS = [
    ("GET", "/api/events"),
    ("GET", "/api/events/{event_id}"),
    ("GET", "/api/articles/{article_id}"),
    ("GET", "/api/stats"),
    ("GET", "/api/points"),
    ("POST", "/api/articles"),
    ("GET", "/api/incidents"),
    ("GET", "/api/incidents/{incident_id}"),
    ("GET", "/api/incidents/points"),
]


@pytest.fixture(scope="module")
def api_schema(corpus_db):
    return schemathesis.openapi.from_asgi("/openapi.json", api.create_app(corpus_db))


@pytest.mark.parametrize("method, path", OPERATIONS)
def test_openapi_conformance(api_schema, method, path):
    """schemathesis, in process: each operation answers only documented statuses with documented shapes, never
    5xx. Every schema-valid request is accepted but one the schema cannot describe: `since` after `until`
    (a 422).

    (Hypothesis is driven directly: schemathesis' fixture-based pytest loader does not run under pytest 9.)"""
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    @given(case=api_schema[path][method].as_strategy())
    @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case):
        response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
        if response.status_code == 422:
            assert "is after until" in response.text, response.text

    check()


def test_openapi_conformance_of_authorised_ingest(corpus_db, tmp_path):
    """POST with the token: random articles go through the readers and the pipeline; never a 5xx, and every
    answer is documented. (A schema-valid body may still be unreadable, e.g. not English: 422 then, by
    design.)"""
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    app = api.create_app(writable_copy(corpus_db, tmp_path), token=TOKEN)
    operation = schemathesis.openapi.from_asgi("/openapi.json", app)["/api/articles"]["POST"]

    @given(case=operation.as_strategy())
    @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate(
            headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=[positive_data_acceptance]
        )

    check()


def test_openapi_is_served_and_fully_fuzzed(client):
    spec = client.get("/openapi.json").json()
    assert {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops} == set(OPERATIONS)
    assert spec["paths"]["/api/articles"]["post"]["security"] == [{"HTTPBearer": []}]


# -- the server process -------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> set[str]:
    """Local addresses with a socket listening on ``port`` (from /proc/net/tcp{,6})."""
    found = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(name):
            continue
        for line in Path(name).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hexport = local.split(":")
            if state == "0A" and int(hexport, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_serve_listens_only_where_told(corpus_db):
    assert next(p for p in cli.commands["serve"].params if p.name == "host").default == "127.0.0.1"
    port = _free_port()
    env = {**os.environ, "OBSERVATORY_TOKEN": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "observatory.cli", "serve", "--db", str(corpus_db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()
                time.sleep(0.2)
        else:
            pytest.fail("the server did not start")
        if os.path.exists("/proc/net/tcp"):
            assert _listening(port) == {"0100007F"}  # 127.0.0.1 and nothing else
        with pytest.raises(OSError):  # another loopback address: nobody listens there
            socket.create_connection(("127.0.0.2", port), timeout=1).close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert b"read-only" in proc.stderr.read()


def test_serve_refuses_a_missing_database(tmp_path):
    from click.testing import CliRunner

    result = CliRunner().invoke(
        cli, ["serve", "--db", str(tmp_path / "none.sqlite")], env={"OBSERVATORY_TOKEN": ""}
    )
    assert result.exit_code == 2 and "no such database" in result.output


# -- hardening: bodies capped, never echoed, every error with the security headers -------------------------

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _secured(response) -> bool:
    return (
        "script-src 'self'" in response.headers.get("content-security-policy", "")
        and response.headers.get("x-content-type-options") == "nosniff"
    )


def test_a_body_over_the_cap_is_413_before_it_is_read(corpus_db, tmp_path):
    app = api.create_app(writable_copy(corpus_db, tmp_path), token=TOKEN, max_body=4096)
    with TestClient(app) as c:
        big = {"articles": [{"text": "Police arrested the mayor of Kabul. " * 200}]}
        response = c.post("/api/articles", json=big, headers=AUTH)
        assert response.status_code == 413 and _secured(response) and len(response.content) < 200

        def chunks():  # no Content-Length: counted as it arrives
            for _ in range(10):
                yield b" " * 1000

        as_json = {**AUTH, "Content-Type": "application/json"}
        streamed = c.post("/api/articles", content=chunks(), headers=as_json)
        assert streamed.status_code == 413 and _secured(streamed)
        small = c.post("/api/articles", json={"articles": [ARTICLE]}, headers=AUTH)
        assert small.status_code == 201


def test_a_422_never_echoes_the_body(writable):
    filler = "x" * 100_000
    body = {"articles": [{"text": filler, "colour": filler}]}
    response = writable.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == 422 and filler not in response.text and len(response.text) < 2000
    invalid = writable.post(
        "/api/articles",
        content=b'{"articles": [' + filler.encode() + b"]}",
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert invalid.status_code == 422 and filler not in invalid.text and _secured(invalid)


@pytest.mark.parametrize(
    "raw",
    [
        b'{"articles": [{"text": "Police arrested \\ud800 the mayor of Kabul."}]}',
        b'{"articles": [{"html": "<p>Police arrested \\udfff the mayor of Kabul.</p>"}]}',
        b'{"articles": [{"text": "Police arrested the mayor of Kabul.", "title": "\\ud800"}]}',
    ],
)
def test_a_lone_surrogate_in_a_post_is_a_4xx_with_the_security_headers(writable, raw):
    as_json = {**AUTH, "Content-Type": "application/json"}
    response = writable.post("/api/articles", content=raw, headers=as_json)
    assert response.status_code == 422 and _secured(response)
    assert "unicode" in response.text.lower()


@pytest.mark.parametrize(
    "body, words",
    [
        ({"articles": [ARTICLE], "published": "yesterday"}, "relative"),
        ({"articles": [ARTICLE], "published": "2017-13-01"}, "month 01-12"),
        ({"articles": [{**ARTICLE, "published": "yesterday"}]}, "no year"),
    ],
)
def test_post_dates_are_never_read_from_the_clock(writable, body, words):
    response = writable.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == 422 and words in response.text


def test_country_names_are_mapped_to_codes(client):
    by_code = client.get("/api/events", params={"country": "HKG"}).json()["total"]
    assert by_code > 0
    assert client.get("/api/events", params={"country": "Hong Kong"}).json()["total"] == by_code
    assert (
        client.get("/api/events", params={"type": "assault"}).json()["total"]
        == client.get("/api/events", params={"type": "ASSAULT"}).json()["total"]
    )


def test_an_unexpected_error_is_a_500_with_the_security_headers(corpus_db, tmp_path):
    app = api.create_app(writable_copy(corpus_db, tmp_path))

    @app.get("/api/broken")
    def broken() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/api/broken")
    assert response.status_code == 500 and _secured(response) and "a bug" not in response.text


def test_serve_warns_when_exposed_without_a_token_and_reads_the_token_from_a_file(corpus_db, tmp_path):
    from click.testing import CliRunner

    empty = tmp_path / "empty"
    empty.write_text("\n")
    result = CliRunner().invoke(
        cli,
        ["serve", "--db", str(corpus_db), "--host", "0.0.0.0", "--token-file", str(empty)],
        env={"OBSERVATORY_TOKEN": ""},
    )
    assert result.exit_code == 2 and "no token on its first line" in result.output
    both = tmp_path / "token"
    both.write_text("abc\n")
    args = ["serve", "--db", str(corpus_db), "--token", "x", "--token-file", str(both)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "give the token once" in result.output


def _serve(args, env, port):
    proc = subprocess.Popen(
        [sys.executable, "-m", "observatory.cli", "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **env},
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stderr.read().decode())
            time.sleep(0.2)
    proc.terminate()
    pytest.fail("the server did not start")


def test_serve_warns_loudly_on_another_host_without_a_token(tmp_path):
    from click.testing import CliRunner

    # the warning comes before anything is opened: a missing database then stops it without listening anywhere
    args = ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "none.sqlite")]
    result = CliRunner().invoke(cli, args, env={"OBSERVATORY_TOKEN": ""})
    assert result.exit_code == 2 and "WARNING: listening on 0.0.0.0 without a token" in result.stderr
    quiet = CliRunner().invoke(cli, args[:1] + args[3:], env={"OBSERVATORY_TOKEN": ""})
    assert quiet.exit_code == 2 and "WARNING" not in quiet.stderr
    (tmp_path / "a-file").write_text("")
    beneath_a_file = str(tmp_path / "a-file" / "x.sqlite")  # no store can be opened there: nothing listens
    on_the_line = CliRunner().invoke(cli, ["serve", "--token", "abc", "--db", beneath_a_file])
    assert on_the_line.exit_code != 0 and "visible to other users" in on_the_line.stderr


def test_serve_takes_the_token_from_a_file_or_the_environment(corpus_db, tmp_path):
    import httpx

    token_file = tmp_path / "token"
    token_file.write_text("from-a-file\n")
    for args, env in (
        (["--token-file", str(token_file)], {"OBSERVATORY_TOKEN": ""}),
        ([], {"OBSERVATORY_TOKEN": "from-a-file"}),
    ):
        port = _free_port()
        proc = _serve(["--db", str(writable_copy(corpus_db, tmp_path)), *args], env, port)
        try:
            refused = httpx.post(
                f"http://127.0.0.1:{port}/api/articles",
                json={"articles": [ARTICLE]},
                headers={"Authorization": "Bearer wrong"},
            )
            accepted = httpx.post(
                f"http://127.0.0.1:{port}/api/articles",
                json={"articles": [{"text": " "}]},
                headers={"Authorization": "Bearer from-a-file"},
            )
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        # past the token, then refused for its empty text
        assert refused.status_code == 403 and accepted.status_code == 422
        stderr = proc.stderr.read()
        assert b"writable with the token" in stderr and b"visible to other users" not in stderr


# -- incidents: the dashboard's compact rows ----------------------------------------------------------------


@pytest.fixture(scope="module")
def incident_client(tmp_path_factory):
    """A store with the incident articles (conftest) ingested and fused as a user does."""
    from conftest import INCIDENT_ARTICLES, ingested

    with TestClient(api.create_app(ingested(INCIDENT_ARTICLES, tmp_path_factory.mktemp("incidents")))) as c:
        yield c


def test_incident_points_are_compact_filtered_and_validated(incident_client):
    c = incident_client
    body = c.get("/api/incidents/points").json()
    rows = {r[0]: dict(zip(api.IncidentPoint, r)) for r in body["incidents"]}
    assert body["total"] == len(rows) and body["located"] == sum(r["lat"] is not None for r in rows.values())
    raid = [r for r in rows.values() if r["place"] == "Kidal" and r["event_type"] == "ASSAULT"]
    assert len(raid) == 1
    raid = raid[0]
    assert raid["n_sources"] == 2 and raid["n_reports"] == 2 and raid["n_contradictions"] >= 1
    assert raid["country"] == "MLI" and raid["start"] == "2021-05-05"
    # the same record as /api/incidents/{id}, which also names each report's outlet
    one = c.get(f"/api/incidents/{raid['incident_id']}").json()
    assert one["n_sources"] == 2 and one["location"]["lat"] == raid["lat"]
    assert {a["source"] for a in one["articles"].values()} == {"Daily Ledger", "Sahel Courier"}
    # filters: types and countries as lists, dates by overlap, sources
    arrests = c.get("/api/incidents/points", params={"type": "coerce"}).json()
    assert [r[3] for r in arrests["incidents"]] == ["COERCE"]
    # the lists' counts: by type without the type filter, by country with it
    assert arrests["by_type"] == body["by_type"] and body["by_type"]["ASSAULT"] >= 1
    assert arrests["by_country"] == {"MLI": 1}
    assert sum(body["by_type"].values()) == body["total"]
    both = c.get("/api/incidents/points", params={"type": "ASSAULT,COERCE"}).json()["total"]
    assert both == sum(r["event_type"] in ("ASSAULT", "COERCE") for r in rows.values())
    assert c.get("/api/incidents/points", params={"country": "Mali"}).json()["total"] >= 2
    assert c.get("/api/incidents/points", params={"country": "FRA"}).json()["total"] == 0
    day = c.get("/api/incidents/points", params={"since": "2021-05-05", "until": "2021-05-05"}).json()
    assert raid["incident_id"] in {r[0] for r in day["incidents"]}
    assert "COERCE" not in {r[3] for r in day["incidents"]}
    several = c.get("/api/incidents/points", params={"min_sources": 2}).json()["incidents"]
    assert [r[0] for r in several] == [raid["incident_id"]]
    assert len(c.get("/api/incidents/points", params={"limit": 1}).json()["incidents"]) == 1
    # refused with the same messages as the other endpoints
    for params, words in (
        ({"type": "BOMBING"}, "unknown event type"),
        ({"country": "Atlantis"}, "unknown country"),
        ({"since": "2021-05-09", "until": "2021-05-01"}, "is after until"),
        ({"since": "May"}, "is not a date"),
        ({"limit": 0}, "greater than or equal"),
    ):
        response = c.get("/api/incidents/points", params=params)
        assert response.status_code == 422 and words in response.text, (params, response.text)
