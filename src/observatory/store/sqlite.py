"""The SQLite backend: one file, WAL journal."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import postings
from .base import ARTICLE_COLUMNS, EVENT_COLUMNS, SCHEMA_VERSION, Store, StoreError

# Schema steps: MIGRATIONS[i] takes a store from version i to i + 1 (version 0: an empty file).
MIGRATIONS = [
    """
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
CREATE INDEX IF NOT EXISTS events_scan ON events(date_start, article_id, id, date_end, event_type, \
location_country,
    actor_country, recipient_country, lat, lon);
CREATE TABLE IF NOT EXISTS actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, role TEXT NOT NULL,
    text TEXT, name TEXT, country TEXT, sector TEXT, backer TEXT
);
CREATE INDEX IF NOT EXISTS actors_event ON actors(event_id);
CREATE INDEX IF NOT EXISTS actors_country ON actors(country);
CREATE TABLE IF NOT EXISTS places (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, start INTEGER NOT NULL, \
"end" INTEGER NOT NULL,
    text TEXT, name TEXT, country TEXT, lat REAL, lon REAL, geonameid TEXT, feature TEXT, score REAL
);
CREATE INDEX IF NOT EXISTS places_article ON places(article_id);
""",
    # fatalities, injured, the incident an event was fused into, and the content hash that lets a rerun skip
    # articles stored unchanged; the search index written by the store rather than by triggers
    """
ALTER TABLE events ADD COLUMN fatalities INTEGER;
ALTER TABLE events ADD COLUMN injured INTEGER;
ALTER TABLE events ADD COLUMN incident_id TEXT;
ALTER TABLE articles ADD COLUMN content_hash TEXT;
DROP TRIGGER IF EXISTS events_fts_insert;
DROP TRIGGER IF EXISTS events_fts_delete;
""",
    # the fusion stage's tables: incidents (one record each), which incident each event is in, and which
    # articles are syndicated copies of which
    """
CREATE TABLE incidents (
    id TEXT PRIMARY KEY, event_type TEXT, start_date TEXT, end_date TEXT, location_name TEXT,
    location_country TEXT, lat REAL, lon REAL, n_events INTEGER NOT NULL, n_articles INTEGER NOT NULL,
    n_sources INTEGER NOT NULL, record TEXT NOT NULL
);
CREATE INDEX incidents_start ON incidents(start_date);
CREATE INDEX incidents_type ON incidents(event_type, start_date);
CREATE TABLE event_incidents (event_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL);
CREATE INDEX event_incidents_incident ON event_incidents(incident_id);
CREATE TABLE article_copies (article_id TEXT PRIMARY KEY, original_id TEXT NOT NULL);
CREATE INDEX events_incident ON events(incident_id);
""",
    # the word index (store/postings.py) replaces FTS5: it counts a common word's matches without reading them
    f"""
DROP TABLE IF EXISTS events_fts;
{postings.CREATE.format(collate="", blob="BLOB")};
""",
]

# The word index's keys (store/postings.py): event_keys.key, an explicit INTEGER PRIMARY KEY that is never
# reused (events' own rowids may change on VACUUM); the store writes them with the events.
SEARCH = """
CREATE TABLE IF NOT EXISTS event_keys (key INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE);
CREATE TRIGGER IF NOT EXISTS event_keys_delete AFTER DELETE ON events BEGIN
    DELETE FROM event_keys WHERE event_id = OLD.id;
END;
"""

# One row per event in canonical order; the covering index events_scan makes this an index-only scan.
_COLUMNS_SQL = """
SELECT e.rowid, k.key,
       CAST(julianday(e.date_start) - 2440587.5 AS INTEGER), \
CAST(julianday(e.date_end) - 2440587.5 AS INTEGER),
       e.event_type, e.location_country, e.actor_country, e.recipient_country, e.lat, e.lon, e.id
FROM events e LEFT JOIN event_keys k ON k.event_id = e.id
ORDER BY e.date_start, e.article_id, e.id
"""


def _statements(script: str) -> Iterator[str]:
    """The statements of a script, one at a time (executescript would commit before running them)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""


def _schema(conn: sqlite3.Connection, version: int) -> None:
    for step in MIGRATIONS[version:]:
        for statement in _statements(step):
            conn.execute(statement)


class SQLiteStore(Store):
    """A store in one SQLite file; one connection per thread."""

    ph = "?"
    record_sql = "json_set(e.record, '$.incident_id', e.incident_id)"
    keyed_sql = "SELECT k.key, e.record FROM events e JOIN event_keys k ON k.event_id = e.id"

    def __init__(self, path: str | Path, timeout: float = 5.0) -> None:
        self.path = str(path)
        self.name = self.path
        self.timeout = timeout
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self._retrying(self._migrate)
        self._watch = self._open()
        self._watch_lock = threading.Lock()

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.timeout, check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        with self._guard:
            self._all.append(conn)
        return conn

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._open()
            conn.execute("PRAGMA mmap_size = 1073741824")
        return conn

    def _locked(self, exc: Exception) -> bool:
        return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)

    def _migrate(self) -> None:
        try:
            conn = self._conn()
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: schema version {version}, this Observatory reads up to "
                    f"{SCHEMA_VERSION}: upgrade Observatory"
                )
            if version < SCHEMA_VERSION:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    _schema(conn, version)
                    for statement in _statements(SEARCH):
                        conn.execute(statement)
                    conn.execute(
                        "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
                    )
                    conn.commit()
                except BaseException:
                    conn.rollback()
                    raise
            self._check_columns()
            if (
                not conn.execute(
                    "SELECT count(*) FROM sqlite_master WHERE name IN ('event_keys', 'event_keys_delete')"
                ).fetchone()[0]
                == 2
            ):
                conn.executescript(SEARCH)
            if conn.execute(
                "SELECT EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM postings)"
            ).fetchone()[0]:
                self.rebuild_search()  # a database written before the word index existed
        except sqlite3.DatabaseError as exc:
            if self._locked(exc):
                raise
            raise StoreError(f"{self.path}: not an Observatory database ({exc})") from None

    def _check_columns(self) -> None:
        """Refuse a store whose tables lack columns this version writes (a file from a development build)."""
        reference = sqlite3.connect(":memory:")
        _schema(reference, 0)
        for table in ("articles", "events"):
            have = [r[1] for r in self._conn().execute(f"PRAGMA table_info({table})")]
            want = [r[1] for r in reference.execute(f"PRAGMA table_info({table})")]
            if have != want:
                missing = ", ".join(c for c in want if c not in have) or "a different order"
                raise StoreError(
                    f"{self.path}: table {table} lacks {missing}; it was written by another build — "
                    "re-create it by ingesting again into a new file"
                )
        reference.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Cursor]:
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn.cursor()
            conn.commit()
        except BaseException:
            conn.rollback()
            raise

    def _insert_events(self, cur: Any, rows: list[tuple[Any, ...]]) -> list[int]:
        marks = ",".join("?" * len(EVENT_COLUMNS))
        cur.executemany("DELETE FROM events WHERE id = ?", [(r[0],) for r in rows])
        cur.executemany(f"INSERT INTO events ({','.join(EVENT_COLUMNS)}) VALUES ({marks})", rows)
        keys = []
        for row in rows:
            cur.execute("INSERT INTO event_keys (event_id) VALUES (?)", (row[0],))
            keys.append(cur.lastrowid)
        return keys

    def rebuild_search(self) -> None:
        """Give every event a search key and rebuild the word index from the events table in one pass."""
        conn = self._conn()
        with conn:
            conn.execute("DELETE FROM event_keys")
            conn.execute("INSERT INTO event_keys (event_id) SELECT id FROM events ORDER BY rowid")
            self._write_postings(conn.cursor())

    def load_rows(self, articles: Any, events: Any, actors: Any) -> None:
        conn = self._conn()
        conn.execute("PRAGMA synchronous = OFF")
        with conn:
            conn.executemany(
                f"INSERT INTO articles ({','.join(ARTICLE_COLUMNS)}) "
                f"VALUES ({','.join('?' * len(ARTICLE_COLUMNS))})",
                articles,
            )
            conn.executemany(
                f"INSERT INTO events ({','.join(EVENT_COLUMNS)}) "
                f"VALUES ({','.join('?' * len(EVENT_COLUMNS))})",
                events,
            )
            conn.executemany("INSERT INTO actors VALUES (?,?,?,?,?,?,?)", actors)
        conn.execute("PRAGMA synchronous = FULL")

    def reindex(self) -> None:
        self.rebuild_search()
        self._conn().execute("ANALYZE")

    def columns(self) -> list[tuple[Any, ...]]:
        return self._conn().execute(_COLUMNS_SQL).fetchall()

    def records(self, refs: list[int]) -> list[str]:
        if not refs:
            return []
        found = dict(
            self._conn()
            .execute(
                (
                    f"SELECT e.rowid, {self.record_sql} FROM events e WHERE e.rowid IN (SELECT value "
                    "FROM json_each(?))"
                ),
                (json.dumps(refs),),
            )
            .fetchall()
        )
        return [found[r] for r in refs if r in found]

    def generation(self) -> Any:
        with self._watch_lock:
            return self._watch.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        with self._guard:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()
