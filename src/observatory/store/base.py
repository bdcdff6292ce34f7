"""The storage port: one class per database owns every SQL statement of Observatory.

``Store`` holds what both backends share (the rows an event becomes, the filters of ``query``, the
migration loop); ``sqlite.SQLiteStore`` and ``postgres.PostgresStore`` hold the dialects. Everything
above this package (cli, api, search, ingest) receives a store and never sees a connection.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, TypeVar

import numpy as np

from ..model import Article, km
from . import postings

T = TypeVar("T")
SCHEMA_VERSION = 4
ARTICLE_COLUMNS = (
    "id",
    "title",
    "published",
    "published_inferred",
    "url",
    "source",
    "path",
    "text",
    "body_end",
    "ingested_at",
    "content_hash",
)
EVENT_COLUMNS = (
    "id",
    "article_id",
    "event_type",
    "mode",
    "cameo",
    "acled_sub_event_type",
    "status",
    "actor_name",
    "actor_country",
    "recipient_name",
    "recipient_country",
    "location_name",
    "location_country",
    "location_precision",
    "lat",
    "lon",
    "date_value",
    "date_start",
    "date_end",
    "date_precision",
    "confidence",
    "record",
    "fatalities",
    "injured",
    "incident_id",
)


class StoreError(Exception):
    """The database cannot be used (wrong schema version, not a database, locked for too long)."""


def content_hash(article: Article, pipeline_version: str) -> str:
    """A digest of everything an article's stored form depends on: its text, metadata and the pipeline."""
    parts = (
        pipeline_version,
        article.id,
        article.text,
        article.title,
        article.published,
        article.published_inferred,
        article.url,
        article.source,
        article.body_end,
    )
    return hashlib.blake2b(json.dumps(parts, ensure_ascii=False).encode(), digest_size=16).hexdigest()


def event_row(article_id: str, rec: dict[str, Any]) -> tuple[Any, ...]:
    """The events row of one record, in EVENT_COLUMNS order."""
    loc = rec.get("location") or {}
    actor, recipient = rec.get("actor") or {}, rec.get("recipient") or {}
    date = rec.get("date") or {}
    return (
        rec["id"],
        article_id,
        rec["event_type"],
        rec.get("mode"),
        rec.get("cameo"),
        rec.get("acled_sub_event_type"),
        rec["status"],
        actor.get("name") or actor.get("text"),
        actor.get("country"),
        recipient.get("name") or recipient.get("text"),
        recipient.get("country"),
        loc.get("name"),
        loc.get("country"),
        loc.get("precision"),
        loc.get("lat"),
        loc.get("lon"),
        date.get("value"),
        date.get("start"),
        date.get("end"),
        date.get("precision"),
        rec.get("confidence"),
        json.dumps(rec, ensure_ascii=False),
        rec.get("fatalities"),
        rec.get("injured"),
        rec.get("incident_id"),
    )


def actor_rows(rec: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (rec["id"], role, r.get("text"), r.get("name"), r.get("country"), r.get("sector"), r.get("backer"))
        for role in ("actor", "recipient")
        if (r := rec.get(role))
    ]


class Statements:
    """The fusion stage's named statements (incident_sql.SQL) on one connection: inside a write transaction
    (``Store.fusing``) or for reading (``Store.incident_statements``)."""

    def __init__(self, store: Store, conn: Any) -> None:
        self.store, self.conn = store, conn

    def _text(self, name: str, parts: dict[str, str]) -> str:
        from .incident_sql import SQL

        return self.store.sql(SQL[name].format(**parts) if parts else SQL[name])

    def run(self, name: str, args: Sequence[Any] = (), **parts: str) -> Any:
        """A cursor over statement ``name``; ``parts`` fill its ``{ids}``-style slots."""
        cur = self.conn.cursor()
        cur.execute(self._text(name, parts), tuple(args))
        return cur

    def many(self, name: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            self.conn.cursor().executemany(self._text(name, {}), rows)


class Store:
    """One database. Subclasses set ``ph`` (the parameter marker) and implement the dialect hooks."""

    ph = "?"
    name = ""
    # an event's stored JSON record with the incident it was fused into (``incident_id``, null until fused)
    record_sql = "e.record"
    # (search key, stored record) of events ``e``: the word index's view of them
    keyed_sql = "SELECT e.key, e.record FROM events e"
    on_wait: Callable[[str], None] = staticmethod(lambda message: print(message, file=sys.stderr))
    lock_wait = 600.0  # seconds a writer waits for another process's lock before giving up

    # -- dialect hooks -------------------------------------------------------------------------------------
    def _conn(self) -> Any:  # this thread's connection
        raise NotImplementedError

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        raise NotImplementedError
        yield

    def _insert_events(self, cur: Any, rows: list[tuple[Any, ...]]) -> list[int]:
        """Insert event rows (replacing events of the same id) and return their search keys, in order."""
        raise NotImplementedError

    def _locked(self, exc: Exception) -> bool:
        return False

    def columns(self) -> list[tuple[Any, ...]]:
        """(ref, key, start day, end day, type, place/actor/recipient country, lat, lon, id) in canonical
        order."""
        raise NotImplementedError

    def records(self, refs: list[int]) -> list[str]:
        """The stored JSON records of ``refs`` (from ``columns``), in that order; vanished rows skipped."""
        raise NotImplementedError

    def generation(self) -> Any:
        """A value that changes whenever anyone commits to the database."""
        raise NotImplementedError

    def load_rows(
        self,
        articles: Iterable[tuple[Any, ...]],
        events: Iterable[tuple[Any, ...]],
        actors: Iterable[tuple[Any, ...]],
    ) -> None:
        """Bulk import of ready rows (ARTICLE_COLUMNS, EVENT_COLUMNS, actors' columns), for large imports and
        benchmarks: the search index is not kept up to date; call ``reindex`` when done."""
        raise NotImplementedError

    def reindex(self) -> None:
        """Rebuild the word index from the stored records in one pass; refresh planner statistics."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # -- shared ---------------------------------------------------------------------------------------------
    def match(self, text: str, actors: bool = False) -> np.ndarray:
        """Sorted search keys of the events whose text (with ``actors``: whose parties) has every word of
        ``text``; words of two letters or more also match as prefixes ("arrest" finds "arrested")."""
        return postings.match(self, text, postings.ACTORS if actors else postings.TEXT)

    def _unindex(self, cur: Any, where: str, args: Sequence[Any], changes: Any) -> None:
        """Note the word-index entries of the stored events ``where`` selects, before they are replaced."""
        cur.execute(self.sql(f"{self.keyed_sql} WHERE {where}"), tuple(args))
        for key, record in cur.fetchall():
            changes.remove(key, json.loads(record))

    def _write_postings(self, cur: Any) -> None:
        """Rebuild the word index from every stored event (imports; databases written before it existed)."""
        cur.execute("DELETE FROM postings")
        insert = self.sql("INSERT INTO postings VALUES (?, ?, ?, ?)")
        keyed = (
            (key, json.loads(record)) for key, record in self._stream(f"{self.keyed_sql} ORDER BY 1", ())
        )
        batch: list[tuple[Any, ...]] = []
        for row in postings.build(keyed):
            batch.append(row)
            if len(batch) >= 5000:
                cur.executemany(insert, batch)
                batch.clear()
        if batch:
            cur.executemany(insert, batch)

    def sql(self, text: str) -> str:
        return text if self.ph == "?" else text.replace("?", self.ph)

    def execute(self, text: str, args: Sequence[Any] = ()) -> Any:
        return self._conn().execute(self.sql(text), args)

    def _retrying(self, work: Callable[[], Any]) -> Any:
        """Run ``work``, waiting (with a message) while another process holds the write lock."""
        waited, pause, told = 0.0, 0.5, False
        while True:
            try:
                return work()
            except Exception as exc:
                if not self._locked(exc):
                    raise
                if waited >= self.lock_wait:
                    raise StoreError(
                        f"{self.name}: still locked by another writer after {waited:.0f} s; "
                        "try again when it has finished"
                    ) from None
                if not told:
                    self.on_wait(
                        f"observatory: {self.name} is locked by another writer; waiting for it "
                        f"(up to {self.lock_wait:.0f} s)"
                    )
                    told = True
                time.sleep(pause)
                waited += pause
                pause = min(pause * 2, 5.0)

    def save(self, results: Iterable[Any], pipeline_version: str | None = None) -> int:
        """Store pipeline results in one transaction; re-ingesting an article replaces its events."""
        from .. import __version__

        version = pipeline_version or __version__
        batch = list(results)
        return self._retrying(lambda: self._save(batch, version))

    def _save(self, batch: list[Any], version: str) -> int:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        count = 0
        marks = ",".join([self.ph] * len(ARTICLE_COLUMNS))
        changes = postings.Changes()
        with self.transaction() as cur:
            for result in batch:
                a: Article = result.article
                self._unindex(cur, "e.article_id = ?", (a.id,), changes)
                cur.execute(self.sql("DELETE FROM articles WHERE id = ?"), (a.id,))
                cur.execute(
                    f"INSERT INTO articles ({','.join(ARTICLE_COLUMNS)}) VALUES ({marks})",
                    (
                        a.id,
                        a.title,
                        a.published,
                        int(a.published_inferred),
                        a.url,
                        a.source,
                        a.path,
                        a.text,
                        a.body_end,
                        now,
                        content_hash(a, version),
                    ),
                )
                records = [e.record() for e in result.events]
                # ids are unique per article; a repeat inside one article replaces the earlier one
                unique = list({r["id"]: r for r in records}.values())
                if unique:
                    # an id stored from another article: that event is replaced
                    self._unindex(
                        cur, f"e.id IN ({','.join('?' * len(unique))})", [r["id"] for r in unique], changes
                    )
                    keys = self._insert_events(cur, [event_row(a.id, r) for r in unique])
                    for key, record in zip(keys, unique):
                        changes.add(key, record)
                    actors = [row for r in unique for row in actor_rows(r)]
                    if actors:
                        cur.executemany(self.sql("INSERT INTO actors VALUES (?,?,?,?,?,?,?)"), actors)
                count += len(unique)
                places = [
                    (
                        a.id,
                        p.start,
                        p.end,
                        p.text,
                        p.name,
                        p.country,
                        p.lat,
                        p.lon,
                        p.geonameid,
                        p.feature,
                        p.score,
                    )
                    for p in result.places
                ]
                if places:
                    cur.executemany(self.sql("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)"), places)
            changes.apply(cur, self.sql)
        return count

    def hashes(self, ids: list[str]) -> dict[str, str]:
        """The stored content hash of each of ``ids`` that is stored."""
        found: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            marks = ",".join(["?"] * len(part))
            for row in self.execute(f"SELECT id, content_hash FROM articles WHERE id IN ({marks})", part):
                found[row[0]] = row[1]
        return found

    def unchanged(self, articles: list[Article], pipeline_version: str | None = None) -> set[str]:
        """Ids of ``articles`` already stored exactly as they are (same content, same pipeline)."""
        from .. import __version__

        stored = self.hashes([a.id for a in articles])
        version = pipeline_version or __version__
        return {a.id for a in articles if stored.get(a.id) == content_hash(a, version)}

    def _stream(self, text: str, args: Sequence[Any]) -> Iterator[Any]:
        """Rows of a query, fetched a chunk at a time (never the whole result in memory)."""
        cur = self._conn().execute(self.sql(text), args)
        while rows := cur.fetchmany(1000):
            yield from rows

    def query(
        self,
        *,
        country: str | None = None,
        event_type: str | None = None,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
        near: tuple[float, float, float] | None = None,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Event records matching every given filter, oldest first, streamed."""
        where: list[str] = []
        args: list[Any] = []
        if country:
            where.append("(e.location_country = ? OR e.actor_country = ? OR e.recipient_country = ?)")
            args += [country.upper()] * 3
        if event_type:
            where.append("e.event_type = ?")
            args.append(event_type.upper())
        if actor:
            where.append(
                "e.id IN (SELECT event_id FROM actors WHERE lower(text) LIKE ? OR lower(name) LIKE ? "
                "OR country = ?)"
            )
            args += [f"%{actor.lower()}%", f"%{actor.lower()}%", actor.upper()]
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
            where.append(
                "e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ? AND e.location_precision != 'country'"
            )
            args += [lat - dlat, lat + dlat, lon - dlon, lon + dlon]
        text = f"SELECT {self.record_sql}, e.lat, e.lon FROM events e"
        if where:
            text += " WHERE " + " AND ".join(where)
        text += " ORDER BY e.date_start, e.article_id, e.id"
        produced = 0
        for record, lat, lon in self._stream(text, args):
            if near and km((near[0], near[1]), (lat, lon)) > near[2]:
                continue
            yield json.loads(record)
            produced += 1
            if limit and produced >= limit:
                return

    def article(self, article_id: str) -> dict[str, Any] | None:
        cur = self.execute(f"SELECT {','.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,))
        row = cur.fetchone()
        return dict(zip(ARTICLE_COLUMNS, row)) if row else None

    def event(self, event_id: str) -> tuple[str, str] | None:
        """An event's stored JSON record and its article's id."""
        row = self.execute(
            f"SELECT {self.record_sql}, e.article_id FROM events e WHERE e.id = ?", (event_id,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def article_events(self, article_id: str) -> list[str]:
        """The stored JSON records of an article's events, by date."""
        return [
            r[0]
            for r in self.execute(
                f"SELECT {self.record_sql} FROM events e WHERE e.article_id = ? ORDER BY e.date_start, e.id",
                (article_id,),
            )
        ]

    def counts(self) -> dict[str, int]:
        return {
            t: self.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("articles", "events", "actors", "places")
        }

    def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every stored row but the ingestion time, in a fixed order: two stores are the same if these are."""
        cols = ",".join(c for c in ARTICLE_COLUMNS if c != "ingested_at")
        return {
            "articles": [tuple(r) for r in self.execute(f"SELECT {cols} FROM articles ORDER BY id")],
            "events": [
                tuple(r) for r in self.execute(f"SELECT {','.join(EVENT_COLUMNS)} FROM events ORDER BY id")
            ],
            "actors": [tuple(r) for r in self.execute("SELECT * FROM actors ORDER BY event_id, role")],
            "places": [
                tuple(r) for r in self.execute('SELECT * FROM places ORDER BY article_id, start, "end"')
            ],
        }

    def incident_statements(self) -> Statements:
        """The fusion stage's statements, for reading incidents."""
        return Statements(self, self._conn())

    def fusing(self, work: Callable[[Statements], T]) -> T:
        """Run ``work`` over the fusion stage's statements in one write transaction, waiting while another
        process holds the write lock."""

        def attempt() -> T:
            with self.transaction():
                return work(Statements(self, self._conn()))

        return self._retrying(attempt)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
