"""API latency: p50/p95 of filtered `/api/events` pages and of `/api/stats` on 1,000,000 synthetic events,
on SQLite and on PostgreSQL.

A benchmark, not a test. It builds a synthetic database through the store port (`Store.load_rows`, then
`Store.reindex` for the full-text index and the planner's statistics, as any large import would), then times
requests through the real app served by uvicorn on 127.0.0.1 (stopped at the end). Every timed request has its
own filter combination drawn at random, so no response is served from a cache. The baseline, measured in the
same run against the same server, is the lookup of one event by id: each endpoint's p95 is also given as a
multiple of it, which stays comparable on a machine shared with other jobs where milliseconds do not.

The report is JSON on stdout (one object per backend); the human summary goes to stderr.

    .venv/bin/python bench/api_latency.py       # SQLite, 1,000,000 events, 200 requests per endpoint
    .venv/bin/python bench/api_latency.py --pg postgresql://postgres@127.0.0.1/observatory_bench
    .venv/bin/python bench/api_latency.py --events 100000 --db /tmp/bench.sqlite   # kept, reused next time

Without ``--pg``, PostgreSQL is measured too when OBSERVATORY_TEST_PG names a server (a test database: its
Observatory tables are replaced). A ``--db`` or ``--pg`` database is reused when it holds exactly the
synthetic events asked for, built when empty, and refused otherwise unless ``--fresh`` (which drops its
tables).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from observatory.store import Store, is_url, open_store  # noqa: E402

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
SOURCE = "synthetic"  # every synthetic article's source: how a database built here is recognised


def _synthetic(first: int, n: int):
    """Rows of events first … first+n-1, their articles and actors; evidence offsets point into the text."""
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
                    None,  # fatalities
                    None,  # injured
                    None,  # incident_id: not fused
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
        # content_hash None: never equal to a real one, so a real ingest would replace these articles
        articles.append((article_id, title, day.isoformat(), 0, None, SOURCE, None, text, None, now, None))
    return articles, events, actors


def build(store: Store, n: int, chunk: int = 100_000) -> None:
    """``n`` synthetic events in ``store`` (empty), loaded in chunks, then full-text indexed in one pass."""
    for first in range(0, n, chunk):
        store.load_rows(*_synthetic(first, min(chunk, n - first)))
    store.reindex()


def _prepared(db: str, n: int, fresh: bool) -> tuple[Store, float | None]:
    """The store at ``db`` holding ``n`` synthetic events, and the seconds its build took (None: reused)."""
    store = open_store(db)
    events = store.counts()["events"]
    synthetic = store.execute("SELECT COUNT(*) FROM articles WHERE source != ?", (SOURCE,)).fetchone()[0] == 0
    if events and not (synthetic and events == n):
        if not fresh:
            store.close()
            sys.exit(
                f"api_latency: {db} holds {events:,} events, not the {n:,} synthetic ones asked for; "
                "give --fresh to replace its Observatory tables, or another database"
            )
        events = 0
        if is_url(db):
            store.drop_all()
            store.close()
            store = open_store(db)  # the schema again, empty
        else:
            store.close()
            for suffix in ("", "-wal", "-shm"):
                Path(db + suffix).unlink(missing_ok=True)
            store = open_store(db)
    if events:
        return store, None
    start = time.perf_counter()
    build(store, n)
    return store, time.perf_counter() - start


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


def _summary(samples: list[float], baseline: float) -> dict[str, Any]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    p95 = cuts[94]
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(max(samples), 2),
        "p95_over_baseline": round(p95 / baseline, 1),
        "under_target": p95 < TARGET_MS,
    }


def _measure(app, requests: int, sample_id: str) -> dict[str, list[float]]:
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
    out: dict[str, list[float]] = {
        "baseline": [],
        "pages": [],
        "texts": [],
        "stats": [],
        "unfiltered": [],
        "points": [],
    }
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            for _ in range(20):  # warm-up, untimed
                client.get("/api/events", params=_filters(rng)).raise_for_status()
                client.get("/api/stats", params=_filters(rng, dates=False)).raise_for_status()
            for _ in range(requests):
                # the baseline: one event by id, interleaved so that it sees the same machine load
                out["baseline"].append(_time(client, f"/api/events/{sample_id}", {}))
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


LABELS = {
    "baseline": "GET /api/events/{id} (baseline: one event)",
    "events": "GET /api/events (filtered page of 50)",
    "events_text": "  of which with q or actor (full-text)",
    "events_plain": "  of which without text filters",
    "stats": "GET /api/stats (filtered, as the timeline asks)",
    "stats_unfiltered": "GET /api/stats (no filter: all events)",
    "points": "GET /api/points (map markers, up to 5,000)",
}


def bench(db: str, events: int, requests: int, fresh: bool = False) -> dict[str, Any]:
    """Build (or reuse) the database at ``db`` and time the API over it: the report of one backend."""
    from observatory import api

    store, built = _prepared(db, events, fresh)
    backend = "postgresql" if is_url(db) else "sqlite"
    total = store.counts()["events"]
    if built is not None:
        print(f"{backend}: built {total:,} synthetic events in {built:.0f} s", file=sys.stderr)
    if not is_url(db):
        with open(db, "rb") as handle:  # a running server's file is in the OS cache; start from there
            while handle.read(1 << 24):
                pass
    start = time.perf_counter()
    app = api.create_app(store)
    started = time.perf_counter() - start
    sample_id = f"{events // 2:020x}"
    try:
        ms = _measure(app, requests, sample_id)
    finally:
        store.close()
    baseline = statistics.median(ms["baseline"])
    endpoints = {
        "baseline": ms["baseline"],
        "events": ms["pages"] + ms["texts"],
        "events_text": ms["texts"],
        "events_plain": ms["pages"],
        "stats": ms["stats"],
        "stats_unfiltered": ms["unfiltered"],
        "points": ms["points"],
    }
    report: dict[str, Any] = {
        "backend": backend,
        "events": total,
        "build_s": None if built is None else round(built, 1),
        "app_start_s": round(started, 2),
        "baseline_p50_ms": round(baseline, 2),
        "target_p95_ms": TARGET_MS,
        "endpoints": {name: _summary(samples, baseline) for name, samples in endpoints.items() if samples},
    }
    report["p95_under_target"] = all(
        report["endpoints"][name]["under_target"] for name in ("events", "stats")
    )
    print(
        f"\n{backend}: {total:,} events, one client, keep-alive HTTP on 127.0.0.1, every request a fresh "
        f"random filter mix; app start {started:.1f} s; target p95 < {TARGET_MS:.0f} ms",
        file=sys.stderr,
    )
    for name, r in report["endpoints"].items():
        print(
            f"  {LABELS[name]:46s} n={r['n']:4d}  p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms"
            f"  ({r['p95_over_baseline']:5.1f}x baseline)  max {r['max_ms']:7.1f} ms",
            file=sys.stderr,
        )
    return report


def databases(args: argparse.Namespace, tmp: str) -> list[tuple[str, bool]]:
    """(database, may be replaced) pairs to measure: SQLite, and PostgreSQL when one is named."""
    out = [(args.db, args.fresh) if args.db else (str(Path(tmp) / "bench.sqlite"), True)]
    if args.pg:
        out.append((args.pg, args.fresh))
    elif os.environ.get("OBSERVATORY_TEST_PG"):
        out.append((os.environ["OBSERVATORY_TEST_PG"], True))  # a test database: tests drop its tables too
    return out


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--events", type=int, default=1_000_000)
    p.add_argument("--requests", type=int, default=200, help="timed requests per endpoint")
    p.add_argument(
        "--db", help="SQLite file (or postgresql:// URL) to use and keep, instead of a temporary SQLite file"
    )
    p.add_argument("--pg", metavar="URL", help="also measure PostgreSQL in this database (postgresql://...)")
    p.add_argument("--no-sqlite", action="store_true", help="measure only the --pg database")
    p.add_argument("--fresh", action="store_true", help="replace the Observatory tables of a database given")
    return p


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    args = parser().parse_args(argv)
    reports = []
    with tempfile.TemporaryDirectory(prefix="observatory-bench-") as tmp:
        for db, fresh in databases(args, tmp):
            if args.no_sqlite and not is_url(db):
                continue
            reports.append(bench(db, args.events, args.requests, fresh))
    return reports


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
