"""The SQLite store: idempotent ingest, queries, exports."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from conftest import extract
from observatory import export, store

TEXT = ("Clashes in Mali\n\nMalian troops clashed with rebels near Kidal on Monday. "
        "Police arrested six protesters in Bamako on Tuesday. Rebels attacked a convoy near Gao on Wednesday.")


@pytest.fixture
def db(tmp_path):
    conn = store.connect(tmp_path / "events.sqlite")
    store.save(conn, [extract(TEXT, published="2020-03-06", id="mali")])
    return conn


def test_ingesting_the_same_article_twice_gives_no_duplicates(db):
    first = store.counts(db)
    store.save(db, [extract(TEXT, published="2020-03-06", id="mali")])
    assert store.counts(db) == first and first["events"] >= 3 and first["articles"] == 1


def test_reingest_replaces_the_articles_events(db):
    store.save(db, [extract("Police arrested the mayor of Bamako.", published="2020-03-07", id="mali")])
    assert store.counts(db)["events"] == 1


def test_interrupted_batch_leaves_nothing_half_written(db, tmp_path):
    good = extract("Police arrested the mayor of Kabul.", published="2020-01-01", id="kabul")
    broken = extract("Rebels attacked a convoy.", published="2020-01-01", id="broken")
    broken.events[0].event_type = None  # violates NOT NULL mid-batch
    with pytest.raises(sqlite3.IntegrityError):
        store.save(db, [good, broken])
    assert store.article(db, "kabul") is None and store.article(db, "broken") is None


def test_filters(db):
    assert {r["event_type"] for r in store.query(db, event_type="coerce")} == {"COERCE"}
    assert all(r["date"]["start"] >= "2020-03-03" for r in store.query(db, since="2020-03-03"))
    assert [r["location"]["name"] for r in store.query(db, near=(12.65, -8.0, 50))] == ["Bamako"]
    assert all(r["actor"]["sector"] == "REB" or (r["recipient"] or {}).get("sector") == "REB"
               for r in store.query(db, actor="rebels"))
    assert len(list(store.query(db, country="MLI"))) >= 3


def test_schema_version_is_checked(tmp_path):
    path = tmp_path / "old.sqlite"
    store.connect(path).execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'").connection.commit()
    with pytest.raises(store.StoreError):
        store.connect(path)


def test_exports(db):
    records = list(store.query(db))
    geo = json.loads(export.to_string("geojson", records))
    assert geo["type"] == "FeatureCollection" and geo["features"][0]["geometry"]["type"] == "Point"
    acled = export.to_string("acled-csv", records).splitlines()
    assert acled[0].startswith("event_id_cnty,event_date,year") and "Battles" in "\n".join(acled)
    lines = export.to_string("jsonl", records).splitlines()
    assert [json.loads(line)["id"] for line in lines] == [r["id"] for r in records]
    buf = io.StringIO()
    export.write_csv(records, buf)
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert rows[0] == export.FLAT_COLUMNS and len(rows) == len(records) + 1


def test_a_store_missing_a_column_is_refused_with_a_clear_error(tmp_path):
    path = tmp_path / "old.sqlite"
    store.connect(path).close()
    raw = sqlite3.connect(path)
    columns = [r[1] for r in raw.execute("PRAGMA table_info(events)")]
    raw.executescript(f"""
        PRAGMA foreign_keys = OFF;
        CREATE TABLE events_old AS SELECT {", ".join(columns[:-1])} FROM events;
        DROP TABLE events;
        ALTER TABLE events_old RENAME TO events;
    """)
    raw.close()
    with pytest.raises(store.StoreError, match=f"lacks {columns[-1]}"):
        store.connect(path)
