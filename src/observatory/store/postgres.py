"""The PostgreSQL backend (psycopg 3): the same tables as SQLite."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from . import postings
from .base import ARTICLE_COLUMNS, EVENT_COLUMNS, SCHEMA_VERSION, Store, StoreError

# Schema steps: MIGRATIONS[i] takes a database from version i to i + 1 (version 0: no tables), as for SQLite.
# Ids and dates sort bytewise (COLLATE "C") so the canonical order is SQLite's.
MIGRATIONS = [
    """
CREATE TABLE articles (
    id TEXT COLLATE "C" PRIMARY KEY, title TEXT, published TEXT,
    published_inferred INTEGER NOT NULL DEFAULT 0, url TEXT, source TEXT, path TEXT, text TEXT NOT NULL,
    body_end INTEGER, ingested_at TEXT NOT NULL
);
CREATE TABLE events (
    id TEXT COLLATE "C" PRIMARY KEY,
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_type TEXT NOT NULL, mode TEXT, cameo TEXT, acled_sub_event_type TEXT, status TEXT NOT NULL,
    actor_name TEXT, actor_country TEXT, recipient_name TEXT, recipient_country TEXT,
    location_name TEXT, location_country TEXT, location_precision TEXT,
    lat DOUBLE PRECISION, lon DOUBLE PRECISION,
    date_value TEXT, date_start TEXT COLLATE "C", date_end TEXT COLLATE "C", date_precision TEXT,
    confidence DOUBLE PRECISION, record TEXT NOT NULL,
    key BIGSERIAL UNIQUE, search_text TSVECTOR, search_actors TSVECTOR
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type_date ON events(event_type, date_start);
CREATE INDEX events_location_country ON events(location_country, date_start);
CREATE INDEX events_latlon ON events(lat, lon);
CREATE INDEX events_scan ON events(date_start, article_id, id) INCLUDE (key, date_end, event_type,
    location_country, actor_country, recipient_country, lat, lon);
CREATE INDEX events_search_text ON events USING gin (search_text);
CREATE INDEX events_search_actors ON events USING gin (search_actors);
CREATE TABLE actors (
    event_id TEXT COLLATE "C" NOT NULL REFERENCES events(id) ON DELETE CASCADE, role TEXT NOT NULL,
    text TEXT, name TEXT, country TEXT, sector TEXT, backer TEXT
);
CREATE INDEX actors_event ON actors(event_id);
CREATE INDEX actors_country ON actors(country);
CREATE TABLE places (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text TEXT, name TEXT, country TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
    geonameid TEXT, feature TEXT, score DOUBLE PRECISION
);
CREATE INDEX places_article ON places(article_id);
INSERT INTO meta VALUES ('generation', '0');
""",
    # fatalities, injured, the incident an event was fused into, and the content hash that lets a rerun skip
    # articles stored unchanged
    """
ALTER TABLE events ADD COLUMN fatalities INTEGER;
ALTER TABLE events ADD COLUMN injured INTEGER;
ALTER TABLE events ADD COLUMN incident_id TEXT;
ALTER TABLE articles ADD COLUMN content_hash TEXT;
""",
    # the fusion stage's tables: incidents (one record each), which incident each event is in, and which
    # articles are syndicated copies of which
    """
CREATE TABLE incidents (
    id TEXT COLLATE "C" PRIMARY KEY, event_type TEXT, start_date TEXT, end_date TEXT, location_name TEXT,
    location_country TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, n_events INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    n_sources INTEGER NOT NULL, record TEXT NOT NULL
);
CREATE INDEX incidents_start ON incidents(start_date);
CREATE INDEX incidents_type ON incidents(event_type, start_date);
CREATE TABLE event_incidents (event_id TEXT COLLATE "C" PRIMARY KEY, incident_id TEXT COLLATE "C" NOT NULL);
CREATE INDEX event_incidents_incident ON event_incidents(incident_id);
CREATE TABLE article_copies (article_id TEXT COLLATE "C" PRIMARY KEY, original_id TEXT COLLATE "C" NOT NULL);
CREATE INDEX events_incident ON events(incident_id);
""",
    # the word index (store/postings.py) replaces the tsvector columns: it counts a common word's matches
    # without visiting them
    f"""
ALTER TABLE events DROP COLUMN search_text, DROP COLUMN search_actors;
{postings.CREATE.format(collate='COLLATE "C"', blob="BYTEA")};
""",
]

_DAYS = r"CASE WHEN e.{0} ~ '^\d{{4}}-\d{{2}}-\d{{2}}$' THEN e.{0}::date - DATE '1970-01-01' END"
_COLUMNS_SQL = f"""
SELECT e.key, e.key, {_DAYS.format("date_start")}, {_DAYS.format("date_end")}, e.event_type,
       e.location_country, e.actor_country, e.recipient_country, e.lat, e.lon, e.id
FROM events e ORDER BY e.date_start, e.article_id, e.id
"""


class PostgresStore(Store):
    """A store in a PostgreSQL database given by a ``postgresql://`` URL; one connection per thread."""

    ph = "%s"
    record_sql = (
        "jsonb_set(e.record::jsonb, '{incident_id}', COALESCE(to_jsonb(e.incident_id), 'null'))::text"
    )

    def __init__(self, url: str, lock_timeout: float = 5.0) -> None:
        import psycopg

        self._psycopg = psycopg
        self.url = url
        self.name = _redacted(url)
        self.lock_timeout = lock_timeout
        self._local = threading.local()
        self._all: list[Any] = []
        self._guard = threading.Lock()
        try:
            self._retrying(self._migrate)
        except psycopg.OperationalError as exc:
            raise StoreError(f"{self.name}: cannot connect ({str(exc).strip()})") from None

    def _open(self) -> Any:
        conn = self._psycopg.connect(self.url, autocommit=True)
        conn.execute(f"SET lock_timeout = '{int(self.lock_timeout * 1000)}ms'")
        with self._guard:
            self._all.append(conn)
        return conn

    def _conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.closed:
            conn = self._local.conn = self._open()
        return conn

    def _locked(self, exc: Exception) -> bool:
        errors = self._psycopg.errors
        return isinstance(
            exc, (errors.LockNotAvailable, errors.DeadlockDetected, errors.SerializationFailure)
        )

    def _migrate(self) -> None:
        conn = self._conn()
        with conn.transaction():
            # one migrating process at a time; the others wait here, then find the schema current
            conn.execute("SELECT pg_advisory_xact_lock(4715001)")
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.name}: schema version {version}, this Observatory reads up to "
                    f"{SCHEMA_VERSION}: upgrade Observatory"
                )
            for step in MIGRATIONS[version:]:
                conn.execute(step)
            if version < SCHEMA_VERSION:
                conn.execute(
                    "INSERT INTO meta VALUES ('schema_version', %s) ON CONFLICT (key) DO UPDATE "
                    "SET value = EXCLUDED.value",
                    (str(SCHEMA_VERSION),),
                )
        if conn.execute(
            "SELECT EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM postings)"
        ).fetchone()[0]:
            self.reindex()  # a database written before the word index existed

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        conn = self._conn()
        with conn.transaction(), conn.cursor() as cur:
            yield cur
            cur.execute("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'generation'")

    def _insert_events(self, cur: Any, rows: list[tuple[Any, ...]]) -> list[int]:
        cur.executemany("DELETE FROM events WHERE id = %s", [(r[0],) for r in rows])
        marks = ",".join(["%s"] * len(EVENT_COLUMNS))
        cur.executemany(
            f"INSERT INTO events ({','.join(EVENT_COLUMNS)}) VALUES ({marks}) RETURNING key",
            rows,
            returning=True,
        )
        keys = []
        while True:
            keys.append(cur.fetchone()[0])
            if not cur.nextset():
                return keys

    def _stream(self, text: str, args: Sequence[Any]) -> Iterator[Any]:
        # a server-side cursor on a connection of its own: rows arrive a chunk at a time
        conn = self._psycopg.connect(self.url)
        try:
            with conn.cursor(name="observatory_stream") as cur:
                cur.itersize = 1000
                cur.execute(text.replace("?", "%s"), args)
                yield from cur
        finally:
            conn.close()

    def load_rows(self, articles: Any, events: Any, actors: Any) -> None:
        conn = self._conn()
        with conn.transaction(), conn.cursor() as cur:
            for table, columns, rows in (
                ("articles", ARTICLE_COLUMNS, articles),
                ("events", EVENT_COLUMNS, events),
                ("actors", None, actors),
            ):
                names = f" ({','.join(columns)})" if columns else ""
                with cur.copy(f"COPY {table}{names} FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            cur.execute("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'generation'")

    def reindex(self) -> None:
        conn = self._conn()
        with conn.transaction(), conn.cursor() as cur:
            self._write_postings(cur)
            cur.execute("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'generation'")
        conn.execute("VACUUM ANALYZE")

    def columns(self) -> list[tuple[Any, ...]]:
        return self._conn().execute(_COLUMNS_SQL).fetchall()

    def records(self, refs: list[int]) -> list[str]:
        if not refs:
            return []
        found = dict(
            self._conn()
            .execute(f"SELECT e.key, {self.record_sql} FROM events e WHERE e.key = ANY(%s)", (refs,))
            .fetchall()
        )
        return [found[r] for r in refs if r in found]

    def generation(self) -> Any:
        return self._conn().execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0]

    def drop_all(self) -> None:
        """Remove every Observatory table (tests and benchmarks start from an empty database)."""
        self._conn().execute(
            "DROP TABLE IF EXISTS places, actors, events, articles, incidents, event_incidents, "
            "article_copies, postings, meta CASCADE"
        )

    def close(self) -> None:
        with self._guard:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()


def _redacted(url: str) -> str:
    """The URL without its password, for messages."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url
