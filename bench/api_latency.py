"""API latency: p50/p95 of filtered `/api/events` pages and of `/api/stats` on 1,000,000 synthetic events.

A benchmark, not a test. It builds a synthetic database through the real schema (indexes, full-text
triggers and the daily counts), in a temporary directory, then times requests through the real ASGI
app (FastAPI + httpx, in process, so the figures are the server's work without socket noise). Every
timed request has its own filter combination drawn at random, so no response is served from a cache;
`--warm` also reports repeated identical requests.

    .venv/bin/python bench/api_latency.py                  # 1,000,000 events, 200 requests per endpoint
    .venv/bin/python bench/api_latency.py --events 100000 --keep /tmp/bench.sqlite
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from observatory import store  # noqa: E402

TARGET_MS = 50.0
EVENTS_PER_ARTICLE = 5
FIRST_DAY, DAYS = date(2010, 1, 1), 15 * 365

# (ISO3, place, lat, lon, weight): a skewed spread, as real event data is.
COUNTRIES = [
    ("SYR", "Aleppo", 36.20, 37.16, 14),
    ("IRQ", "Mosul", 36.34, 43.12, 10),
    ("YEM", "Sanaa", 15.35, 44.21, 8),
    ("AFG", "Kabul", 34.53, 69.17, 8),
    ("UKR", "Kharkiv", 49.99, 36.23, 8),
    ("NGA", "Maiduguri", 11.85, 13.16, 6),
    ("SOM", "Mogadishu", 2.04, 45.34, 6),
    ("MLI", "Gao", 16.27, -0.04, 5),
    ("LBY", "Tripoli", 32.89, 13.19, 5),
    ("SDN", "Khartoum", 15.55, 32.53, 5),
    ("COD", "Goma", -1.68, 29.22, 5),
    ("PAK", "Peshawar", 34.01, 71.58, 5),
    ("IND", "Srinagar", 34.08, 74.80, 4),
    ("MMR", "Yangon", 16.87, 96.20, 4),
    ("ETH", "Mekele", 13.50, 39.47, 4),
    ("ISR", "Gaza", 31.50, 34.47, 4),
    ("EGY", "Cairo", 30.04, 31.24, 3),
    ("TUR", "Diyarbakir", 37.91, 40.24, 3),
    ("MEX", "Culiacan", 24.80, -107.39, 3),
    ("COL", "Cali", 3.44, -76.52, 3),
    ("BRA", "Rio de Janeiro", -22.91, -43.17, 2),
    ("VEN", "Caracas", 10.49, -66.88, 2),
    ("HKG", "Hong Kong", 22.28, 114.17, 2),
    ("FRA", "Paris", 48.85, 2.35, 2),
    ("USA", "Washington", 38.90, -77.04, 3),
    ("GBR", "London", 51.51, -0.13, 2),
    ("RUS", "Moscow", 55.75, 37.62, 3),
    ("CHN", "Beijing", 39.91, 116.40, 2),
    ("IRN", "Tehran", 35.69, 51.42, 3),
    ("SAU", "Riyadh", 24.69, 46.72, 2),
    ("KEN", "Nairobi", -1.29, 36.82, 2),
    ("ZAF", "Johannesburg", -26.20, 28.04, 1),
    ("PHL", "Marawi", 8.00, 124.29, 2),
    ("THA", "Bangkok", 13.75, 100.50, 1),
    ("BFA", "Ouagadougou", 12.37, -1.53, 3),
    ("NER", "Niamey", 13.51, 2.11, 2),
    ("CAF", "Bangui", 4.36, 18.56, 2),
    ("SSD", "Juba", 4.85, 31.58, 2),
    ("LBN", "Beirut", 33.89, 35.50, 2),
    ("PRK", "Pyongyang", 39.03, 125.75, 1),
    ("KOR", "Seoul", 37.57, 126.98, 1),
    ("SGP", "Singapore", 1.29, 103.85, 1),
]
ISO3 = [c[0] for c in COUNTRIES]
# (PLOVER type, verb, CAMEO, weight)
TYPES = [
    ("ASSAULT", "attacked", "190", 24),
    ("PROTEST", "protested against", "140", 14),
    ("COERCE", "arrested", "173", 10),
    ("CONSULT", "met", "040", 9),
    ("ACCUSE", "accused", "112", 7),
    ("THREATEN", "threatened", "130", 5),
    ("AGREE", "signed an agreement with", "057", 5),
    ("REQUEST", "called on", "020", 4),
    ("SUPPORT", "backed", "050", 3),
    ("AID", "sent aid to", "070", 3),
    ("MOBILIZE", "deployed troops against", "150", 4),
    ("REJECT", "rejected", "120", 3),
    ("SANCTION", "imposed sanctions on", "163", 3),
    ("COOPERATE", "cooperated with", "060", 2),
    ("RETREAT", "withdrew from", "087", 2),
    ("CONCEDE", "released prisoners held by", "080", 2),
]
SECTORS = [
    ("government", "GOV"),
    ("army", "MIL"),
    ("police", "COP"),
    ("rebels", "REB"),
    ("opposition", "OPP"),
    ("protesters", "CVL"),
]
STATUSES = ["occurred"] * 12 + ["ongoing", "planned", "negated", "hypothetical"]
SOURCES = [None, None, None, "Reuters", "AFP", "a local monitoring group", "state media", "witnesses"]
PIPELINE = "observatory synthetic benchmark"


def _synthetic(first: int, n: int):
    """Rows for events first … first+n-1 with their articles and actors; evidence offsets point into the text."""
    rng = random.Random(first)
    country_w = [c[4] for c in COUNTRIES]
    type_w = [t[3] for t in TYPES]
    now = "2025-01-01T00:00:00+00:00"
    articles, events, actors = [], [], []
    for a in range(first, first + n, EVENTS_PER_ARTICLE):
        article_id = f"synthetic-{a // EVENTS_PER_ARTICLE:07d}"
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        home = rng.choices(COUNTRIES, country_w)[0]
        title = f"Violence and talks in {home[1]}"
        text = title + "\n\n"
        for i in range(min(EVENTS_PER_ARTICLE, first + n - a)):
            etype, verb, cameo, _w = rng.choices(TYPES, type_w)[0]
            place = home if rng.random() < 0.8 else rng.choices(COUNTRIES, country_w)[0]
            sector_word, sector = rng.choice(SECTORS)
            actor = {
                "text": f"{place[1]} {sector_word}",
                "name": f"{place[0]} {sector_word}".title(),
                "country": place[0],
                "sector": sector,
            }
            other = rng.choice(COUNTRIES)
            recipient = None
            if rng.random() < 0.6:
                rword, rsector = rng.choice(SECTORS)
                recipient = {
                    "text": f"the {rword}",
                    "name": f"{other[0]} {rword}".title(),
                    "country": other[0],
                    "sector": rsector,
                }
            event_day = day - timedelta(days=rng.choice((0, 0, 0, 1, 2, 3, 7)))
            precision = rng.choices(("day", "unknown", "week", "month"), (70, 20, 6, 4))[0]
            start = end = event_day.isoformat()
            if precision == "week":
                end = (event_day + timedelta(days=6)).isoformat()
            elif precision == "month":
                start = event_day.replace(day=1).isoformat()
                end = (event_day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
                end = end.isoformat()
            source = rng.choice(SOURCES)
            sentence = (
                f"{actor['text'][0].upper()}{actor['text'][1:]} {verb} "
                f"{recipient['text'] if recipient else 'a convoy'} near {place[1]} on {event_day:%A}"
                + (f", {source} said." if source else ".")
            )
            s_start = len(text)
            text += sentence + " "
            lat = round(place[2] + rng.uniform(-1.5, 1.5), 4)
            lon = round(place[3] + rng.uniform(-1.5, 1.5), 4)
            located = rng.random() < 0.85
            location = (
                {
                    "text": place[1],
                    "name": place[1],
                    "country": place[0],
                    "admin1": None,
                    "lat": lat,
                    "lon": lon,
                    "geonameid": None,
                    "feature": "PPL",
                    "precision": "point",
                }
                if located
                else None
            )
            event_id = f"{a + i:020x}"
            record = {
                "id": event_id,
                "article_id": article_id,
                "event_type": etype,
                "mode": None,
                "cameo": cameo,
                "acled_sub_event_type": None,
                "status": rng.choice(STATUSES),
                "actor": actor,
                "recipient": recipient,
                "location": location,
                "date": {
                    "text": None if precision == "unknown" else event_day.strftime("%A"),
                    "value": start,
                    "start": start,
                    "end": end,
                    "precision": precision,
                },
                "attribution": {"text": f"{source} said", "source": source} if source else None,
                "evidence": {
                    "sentence": sentence,
                    "start": s_start,
                    "end": s_start + len(sentence),
                    "trigger": verb.split()[0],
                },
                "confidence": round(rng.uniform(0.3, 0.9), 3),
                "pipeline": PIPELINE,
            }
            loc = location or {}
            events.append(
                (
                    event_id,
                    article_id,
                    etype,
                    None,
                    cameo,
                    None,
                    record["status"],
                    actor["name"],
                    actor["country"],
                    recipient and recipient["name"],
                    recipient and recipient["country"],
                    loc.get("name"),
                    loc.get("country"),
                    loc.get("precision"),
                    loc.get("lat"),
                    loc.get("lon"),
                    start,
                    start,
                    end,
                    precision,
                    record["confidence"],
                    json.dumps(record),
                )
            )
            actors.append(
                (event_id, "actor", actor["text"], actor["name"], actor["country"], actor["sector"], None)
            )
            if recipient:
                actors.append(
                    (
                        event_id,
                        "recipient",
                        recipient["text"],
                        recipient["name"],
                        recipient["country"],
                        recipient["sector"],
                        None,
                    )
                )
        articles.append((article_id, title, day.isoformat(), 0, None, "synthetic", None, text, None, now))
    return articles, events, actors


def build(path: Path, n: int) -> None:
    """A database of ``n`` synthetic events at ``path``, with store.connect's schema, indexes and search index.

    Bulk loading: the per-row search trigger is dropped for the load and the index rebuilt in one pass
    (store.rebuild_search), as it would be for any large import; store.connect puts the trigger back.
    """
    conn = store.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    conn.execute("DROP TRIGGER events_fts_insert")
    chunk = 100_000
    with conn:
        for first in range(0, n, chunk):
            articles, events, actors = _synthetic(first, min(chunk, n - first))
            conn.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?)", articles)
            conn.executemany(
                "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", events
            )
            conn.executemany("INSERT INTO actors VALUES (?,?,?,?,?,?,?)", actors)
    store.rebuild_search(conn)
    conn.execute("ANALYZE")
    conn.close()
    store.connect(path).close()  # the trigger again


# -- the requests -----------------------------------------------------------------------------------------

WORDS = (
    [c[1].split()[0] for c in COUNTRIES] + [t[1].split()[0] for t in TYPES] + ["convoy", "said", "Reuters"]
)


def _filters(rng: random.Random, dates: bool = True) -> dict[str, str]:
    """A dashboard-like filter combination: at least one filter, each drawn independently."""
    while True:
        p: dict[str, str] = {}
        if rng.random() < 0.5:
            p["type"] = rng.choices(TYPES, [t[3] for t in TYPES])[0][0]
        if rng.random() < 0.4:
            p["country"] = rng.choices(COUNTRIES, [c[4] for c in COUNTRIES])[0][0]
        if dates and rng.random() < 0.5:
            since = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
            p["since"], p["until"] = (
                since.isoformat(),
                (since + timedelta(days=rng.choice((7, 30, 90, 365)))).isoformat(),
            )
        if rng.random() < 0.15:
            c = rng.choice(COUNTRIES)
            p["bbox"] = f"{c[3] - 5:.2f},{c[2] - 5:.2f},{c[3] + 5:.2f},{c[2] + 5:.2f}"
        if rng.random() < 0.15:
            p["q"] = rng.choice(WORDS)
        if rng.random() < 0.1:
            p["actor"] = rng.choice([s[0] for s in SECTORS] + ISO3)
        if p:
            return p


def _time(client, url: str, params: dict[str, str]) -> float:
    start = time.perf_counter()
    response = client.get(url, params=params)
    elapsed = time.perf_counter() - start
    response.raise_for_status()
    return elapsed * 1000


def _report(name: str, samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    p50, p95 = statistics.median(samples), cuts[94]
    print(
        f"{name:44s} n={len(samples):4d}  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  max {max(samples):6.1f} ms"
        f"  {'ok' if p95 < TARGET_MS else 'OVER TARGET'}"
    )
    return p50, p95


def _measure(app, requests: int) -> dict[str, list[float]]:
    """Latencies (ms) of the dashboard's requests against ``app`` served by uvicorn on 127.0.0.1."""
    import threading

    import httpx
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    rng = random.Random(2024)
    out: dict[str, list[float]] = {"pages": [], "texts": [], "stats": [], "unfiltered": [], "points": []}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            for _ in range(20):  # warm-up, untimed
                client.get("/api/events", params=_filters(rng)).raise_for_status()
                client.get("/api/stats", params=_filters(rng, dates=False)).raise_for_status()
            for _ in range(requests):
                params = _filters(rng)
                page = {"limit": "50", "offset": str(rng.choice((0, 0, 0, 50, 100, 500)))}
                ms = _time(client, "/api/events", {**params, **page})
                out["texts" if "q" in params or "actor" in params else "pages"].append(ms)
                out["stats"].append(_time(client, "/api/stats", _filters(rng, dates=False)))
                out["points"].append(_time(client, "/api/points", _filters(rng)))
            for _ in range(max(20, requests // 10)):
                out["unfiltered"].append(_time(client, "/api/stats", {}))
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per endpoint")
    parser.add_argument(
        "--db", type=Path, help="use this database (built first if missing) instead of a temporary one"
    )
    args = parser.parse_args()

    from observatory import api

    with tempfile.TemporaryDirectory(prefix="observatory-bench-") as tmp:
        path = args.db or Path(tmp) / "bench.sqlite"
        if not path.exists():
            start = time.perf_counter()
            build(path, args.events)
            print(
                f"built {args.events:,} synthetic events in {time.perf_counter() - start:.0f} s "
                f"({path.stat().st_size / 2**20:,.0f} MB)"
            )
        with path.open("rb") as handle:  # a running server's file is in the OS cache; start from there
            while handle.read(1 << 24):
                pass
        start = time.perf_counter()
        app = api.create_app(path)
        total = app.state.live.index().size
        print(
            f"server start (schema check + filter columns of {total:,} events): {time.perf_counter() - start:.1f} s"
        )
        ms = _measure(app, args.requests)

    print(
        f"\n{total:,} events, one client, keep-alive HTTP on 127.0.0.1, every request a fresh random filter mix;"
        f" target p95 < {TARGET_MS:.0f} ms"
    )
    results = {"events": _report("GET /api/events (filtered page of 50)", ms["pages"] + ms["texts"])}
    _report("  of which with q or actor (full-text)", ms["texts"])
    _report("  of which without text filters", ms["pages"])
    results["stats"] = _report("GET /api/stats (filtered, as the timeline asks)", ms["stats"])
    _report("GET /api/stats (no filter: all events)", ms["unfiltered"])
    _report("GET /api/points (map markers, up to 5,000)", ms["points"])
    over = [name for name, (_p50, p95) in results.items() if p95 >= TARGET_MS]
    print(
        "\nresult:", "p95 under target for /api/events and /api/stats" if not over else f"OVER TARGET: {over}"
    )


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    main()
