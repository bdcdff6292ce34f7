"""The SQLite store: articles, events, actors and places, with a versioned schema and idempotent ingest."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .model import Article, km

SCHEMA_VERSION = 1


def _json_text(record: str, *paths: str) -> str:
    """SQL for the JSON strings at ``paths`` of ``record``, joined by spaces (missing ones as '')."""
    return " || ' ' || ".join(f"coalesce(json_extract({record}, '$.{p}'), '')" for p in paths)


def _fts_values(row: str) -> str:
    """The two indexed columns of events_fts for an events row: the text searched by `q` and the actors' words."""
    return (_json_text(f"{row}.record", "evidence.sentence", "location.text", "location.name", "attribution.source")
            + ", " + _json_text(f"{row}.record", "actor.text", "actor.name", "recipient.text", "recipient.name"))


SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, title TEXT, published TEXT, published_inferred INTEGER NOT NULL DEFAULT 0,
    url TEXT, source TEXT, path TEXT, text TEXT NOT NULL, body_end INTEGER, ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_type TEXT NOT NULL, mode TEXT, cameo TEXT, acled_sub_event_type TEXT, status TEXT NOT NULL,
    actor_name TEXT, actor_country TEXT, recipient_name TEXT, recipient_country TEXT,
    location_name TEXT, location_country TEXT, location_precision TEXT, lat REAL, lon REAL,
    date_value TEXT, date_start TEXT, date_end TEXT, date_precision TEXT,
    confidence REAL, record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_type_date ON events(event_type, date_start);
CREATE INDEX IF NOT EXISTS events_date ON events(date_start);
CREATE INDEX IF NOT EXISTS events_location_country ON events(location_country, date_start);
CREATE INDEX IF NOT EXISTS events_latlon ON events(lat, lon);
-- Covering index in canonical order with every column the API's filters and counts read (search.Index):
-- loading them is an index-only scan, never a walk over the records.
CREATE INDEX IF NOT EXISTS events_scan ON events(date_start, article_id, id, date_end, event_type, location_country,
    actor_country, recipient_country, lat, lon);
CREATE TABLE IF NOT EXISTS actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, role TEXT NOT NULL,
    text TEXT, name TEXT, country TEXT, sector TEXT, backer TEXT
);
CREATE INDEX IF NOT EXISTS actors_event ON actors(event_id);
CREATE INDEX IF NOT EXISTS actors_country ON actors(country);
CREATE TABLE IF NOT EXISTS places (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT, name TEXT, country TEXT, lat REAL, lon REAL, geonameid TEXT, feature TEXT, score REAL
);
CREATE INDEX IF NOT EXISTS places_article ON places(article_id);
-- Full-text search for the API's `q` and `actor` filters. The FTS rows are keyed by event_keys.key, an
-- explicit INTEGER PRIMARY KEY (events' own rowids may change on VACUUM); triggers keep both in step
-- with events, whoever writes them.
CREATE TABLE IF NOT EXISTS event_keys (key INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(text, actors, content='', prefix='2 3',
    tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER IF NOT EXISTS events_fts_insert AFTER INSERT ON events BEGIN
    INSERT OR REPLACE INTO event_keys (event_id) VALUES (NEW.id);
    INSERT INTO events_fts (rowid, text, actors) VALUES (last_insert_rowid(), """ + _fts_values("NEW") + """);
END;
CREATE TRIGGER IF NOT EXISTS events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, text, actors)
        SELECT 'delete', key, """ + _fts_values("OLD") + """ FROM event_keys WHERE event_id = OLD.id;
    DELETE FROM event_keys WHERE event_id = OLD.id;
END;
"""


class StoreError(Exception):
    """The database cannot be used (wrong schema version, not a database)."""


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (and if new, create) the store at ``path``."""
    try:
        conn = sqlite3.connect(str(path))
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(SCHEMA)
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not an Observatory database ({exc})") from None
    if row is None:
        with conn:
            conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    elif int(row["value"]) != SCHEMA_VERSION:
        raise StoreError(f"{path}: schema version {row['value']}, this Observatory reads {SCHEMA_VERSION}")
    _check_columns(conn, path)
    # a replaced event (INSERT OR REPLACE) must fire the delete trigger that keeps the search index in step
    conn.execute("PRAGMA recursive_triggers = ON")
    unindexed = conn.execute("SELECT EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM event_keys)").fetchone()[0]
    if unindexed:  # a database written before the search index existed
        rebuild_search(conn)
    return conn


def _check_columns(conn: sqlite3.Connection, path: str | Path) -> None:
    """Refuse a store whose tables lack columns this version writes (a file from a development build)."""
    reference = sqlite3.connect(":memory:")
    reference.executescript(SCHEMA)
    for table in ("articles", "events"):
        have = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        want = [r[1] for r in reference.execute(f"PRAGMA table_info({table})")]
        if have != want:
            missing = ", ".join(c for c in want if c not in have) or "a different order"
            raise StoreError(f"{path}: table {table} lacks {missing}; it was written by another build — "
                             "re-create it by ingesting again into a new file")
    reference.close()


def rebuild_search(conn: sqlite3.Connection) -> None:
    """Rebuild the full-text index from the events table in one pass (much faster than row by row)."""
    with conn:
        conn.execute("DELETE FROM event_keys")
        conn.execute("INSERT INTO events_fts (events_fts) VALUES ('delete-all')")
        conn.execute("INSERT INTO event_keys (event_id) SELECT id FROM events ORDER BY rowid")
        conn.execute("INSERT INTO events_fts (rowid, text, actors) SELECT k.key, " + _fts_values("e")
                     + " FROM event_keys k JOIN events e ON e.id = k.event_id")


def save(conn: sqlite3.Connection, results: Iterable[Any]) -> int:
    """Store a batch of pipeline results in one transaction; re-ingesting an article replaces its events."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    count = 0
    with conn:
        for result in results:
            a: Article = result.article
            conn.execute("DELETE FROM articles WHERE id = ?", (a.id,))
            conn.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?)",
                         (a.id, a.title, a.published, int(a.published_inferred), a.url, a.source, a.path, a.text,
                          a.body_end, now))
            for event in result.events:
                rec = event.record()
                loc = rec["location"] or {}
                conn.execute(
                    "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (rec["id"], a.id, rec["event_type"], rec["mode"], rec["cameo"], rec["acled_sub_event_type"],
                     rec["status"], (rec["actor"] or {}).get("name") or (rec["actor"] or {}).get("text"),
                     (rec["actor"] or {}).get("country"),
                     (rec["recipient"] or {}).get("name") or (rec["recipient"] or {}).get("text"),
                     (rec["recipient"] or {}).get("country"), loc.get("name"), loc.get("country"), loc.get("precision"), loc.get("lat"),
                     loc.get("lon"), rec["date"]["value"], rec["date"]["start"], rec["date"]["end"],
                     rec["date"]["precision"], rec["confidence"], json.dumps(rec, ensure_ascii=False)))
                for role in ("actor", "recipient"):
                    if rec[role]:
                        r = rec[role]
                        conn.execute("INSERT INTO actors VALUES (?,?,?,?,?,?,?)",
                                     (rec["id"], role, r["text"], r["name"], r["country"], r["sector"], r.get("backer")))
                count += 1
            conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                             [(a.id, p.start, p.end, p.text, p.name, p.country, p.lat, p.lon, p.geonameid, p.feature,
                               p.score) for p in result.places])
    return count


def query(conn: sqlite3.Connection, *, country: str | None = None, event_type: str | None = None,
          actor: str | None = None, since: str | None = None, until: str | None = None,
          near: tuple[float, float, float] | None = None, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Event records matching every given filter, oldest first."""
    where, args = [], []
    if country:
        where.append("(e.location_country = ? OR e.actor_country = ? OR e.recipient_country = ?)")
        args += [country.upper()] * 3
    if event_type:
        where.append("e.event_type = ?")
        args.append(event_type.upper())
    if actor:
        where.append("e.id IN (SELECT event_id FROM actors WHERE text LIKE ? OR name LIKE ? OR country = ?)")
        args += [f"%{actor}%", f"%{actor}%", actor.upper()]
    if since:
        where.append("e.date_end >= ?")
        args.append(since)
    if until:
        where.append("e.date_start <= ?")
        args.append(until)
    if near:
        lat, lon, radius = near
        dlat = radius / 111.0
        dlon = radius / max(1e-6, 111.0 * math.cos(math.radians(lat)))
        # a country-level location has no meaningful point: it never counts as "near"
        where.append("e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ? AND e.location_precision != 'country'")
        args += [lat - dlat, lat + dlat, lon - dlon, lon + dlon]
    sql = "SELECT e.record, e.lat, e.lon FROM events e"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY e.date_start, e.article_id, e.id"
    produced = 0
    for row in conn.execute(sql, args):
        if near and km((near[0], near[1]), (row["lat"], row["lon"])) > near[2]:
            continue
        yield json.loads(row["record"])
        produced += 1
        if limit and produced >= limit:
            return


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    return dict(row) if row else None


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "actors", "places")}
