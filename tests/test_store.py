"""The storage port, the same tests on SQLite and PostgreSQL (real servers): idempotent and resumable ingest,
queries, the search index, schema versions, exports."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from conftest import extract
from hypothesis import given, settings
from hypothesis import strategies as st

from observatory import export, search
from observatory.model import Article
from observatory.store import SCHEMA_VERSION, StoreError, open_store

TEXT = (
    "Clashes in Mali\n\nMalian troops clashed with rebels near Kidal on Monday. "
    "Police arrested six protesters in Bamako on Tuesday. Rebels attacked a convoy near Gao on Wednesday."
)


@pytest.fixture
def db(db_url):
    store = open_store(db_url)
    store.save([extract(TEXT, published="2020-03-06", id="mali")])
    yield store
    store.close()


def test_ingesting_the_same_article_twice_gives_no_duplicates(db):
    first = db.counts()
    db.save([extract(TEXT, published="2020-03-06", id="mali")])
    assert db.counts() == first and first["events"] >= 3 and first["articles"] == 1


def test_reingest_replaces_the_articles_events(db):
    db.save([extract("Police arrested the mayor of Bamako.", published="2020-03-07", id="mali")])
    assert db.counts()["events"] == 1
    assert db.match("Kidal").size == 0 and db.match("mayor").size == 1


def test_interrupted_batch_leaves_nothing_half_written(db):
    good = extract("Police arrested the mayor of Kabul.", published="2020-01-01", id="kabul")
    broken = extract("Rebels attacked a convoy.", published="2020-01-01", id="broken")
    broken.events[0].event_type = None  # violates NOT NULL mid-batch
    with pytest.raises(Exception):
        db.save([good, broken])
    assert db.article("kabul") is None and db.article("broken") is None


def test_filters(db):
    assert {r["event_type"] for r in db.query(event_type="coerce")} == {"COERCE"}
    assert all(r["date"]["start"] >= "2020-03-03" for r in db.query(since="2020-03-03"))
    assert [r["location"]["name"] for r in db.query(near=(12.65, -8.0, 50))] == ["Bamako"]
    assert all(
        r["actor"]["sector"] == "REB" or (r["recipient"] or {}).get("sector") == "REB"
        for r in db.query(actor="rebels")
    )
    assert len(list(db.query(country="MLI"))) >= 3
    assert len(list(db.query(limit=2))) == 2


def test_new_columns_carry_casualties_and_incident(db):
    result = extract("Rebels attacked a convoy near Gao on Monday.", published="2020-03-06", id="gao")
    event = result.events[0]
    original = event.record
    event.record = lambda: {**original(), "fatalities": 4, "injured": 7, "incident_id": "inc-1"}  # type: ignore
    db.save([result])
    rows = [r for r in db.snapshot()["events"] if r[1] == "gao"]
    assert [r[-3:] for r in rows] == [(4, 7, "inc-1")]


def test_text_search_matches_prefixes_and_parties(db):
    assert db.match("arrest protest").size == 1  # prefixes of "arrested", "protesters", all required
    assert db.match("arrest Gao").size == 0
    assert db.match("rebel", actors=True).size >= 2 and db.match("Bamako", actors=True).size == 0


def test_the_index_gives_what_the_query_gives(db):
    index = search.Live(db).index()
    everything = [r["id"] for r in db.query()]
    assert index.ids.tolist() == everything
    got = db.records(index.page(index.select(db, search.Filters(q="convoy")), 0, 10, False))
    assert [json.loads(r)["id"] for r in got] == [
        r["id"] for r in db.query() if "convoy" in r["evidence"]["sentence"]
    ]
    assert index.stats(index.select(db, search.Filters(countries=("MLI",))))["total"] >= 3


def test_a_write_is_seen_by_a_live_index(db, db_url):
    live = search.Live(db)
    before = live.index().size
    with open_store(db_url) as other:  # another process's ingest
        other.save([extract("Police arrested the mayor of Kabul.", published="2020-01-01", id="kabul")])
    assert live.index().size == before + 1


def test_a_large_live_index_answers_from_its_snapshot_while_it_reloads(db, db_url):
    live = search.Live(db, sync_limit=0)  # every store counts as large here
    before = live.index()
    with open_store(db_url) as other:
        other.save([extract("Police arrested the mayor of Kabul.", published="2020-01-01", id="kabul")])
    assert live.index() is before  # answered at once, from the snapshot
    deadline = time.monotonic() + 30
    while live.index().size == before.size and time.monotonic() < deadline:
        time.sleep(0.05)
    assert live.index().size == before.size + 1


def test_unchanged_articles_are_recognised_by_their_content(db):
    from observatory import readers

    same = readers.make_article(TEXT, id="mali", published="2020-03-06")
    changed = readers.make_article(TEXT + " Troops withdrew.", id="mali", published="2020-03-06")
    assert db.unchanged([same, changed]) == {"mali"} - set() and db.unchanged([changed]) == set()


def test_a_newer_schema_is_refused(db_url):
    store = open_store(db_url)
    store.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    if hasattr(store._conn(), "commit"):
        store._conn().commit()
    store.close()
    with pytest.raises(StoreError, match="schema version 99"):
        open_store(db_url)


def test_exports(db):
    records = list(db.query())
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


# -- SQLite only ---------------------------------------------------------------------------------------------


def test_a_store_missing_a_column_is_refused_with_a_clear_error(tmp_path):
    path = tmp_path / "old.sqlite"
    open_store(path).close()
    raw = sqlite3.connect(path)
    columns = [r[1] for r in raw.execute("PRAGMA table_info(events)")]
    raw.executescript(f"""
        PRAGMA foreign_keys = OFF;
        CREATE TABLE events_old AS SELECT {", ".join(columns[:-1])} FROM events;
        DROP TABLE events;
        ALTER TABLE events_old RENAME TO events;
    """)
    raw.close()
    with pytest.raises(StoreError, match=f"lacks {columns[-1]}"):
        open_store(path)


def test_a_version_1_file_is_migrated_in_place(tmp_path):
    from observatory.store import sqlite as backend

    path = tmp_path / "v1.sqlite"
    raw = sqlite3.connect(path)
    raw.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        + backend.MIGRATIONS[0]
        + "INSERT INTO meta VALUES ('schema_version', '1');"
    )
    raw.close()
    with open_store(path) as store:
        store.save([extract(TEXT, published="2020-03-06", id="mali")])
        assert store.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(
            SCHEMA_VERSION
        )
        assert store.match("convoy").size == 1


def test_a_lock_held_by_another_process_is_waited_for(tmp_path):
    path = tmp_path / "locked.sqlite"
    open_store(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sqlite3, sys, time\n"
                f"c = sqlite3.connect({str(path)!r}); c.execute('BEGIN IMMEDIATE')\n"
                "print('held', flush=True)\n"
                "time.sleep(6.5); c.rollback()"
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    messages: list[str] = []
    store = open_store(path)
    store.on_wait = messages.append
    store.save([extract(TEXT, published="2020-03-06", id="mali")])  # waits past the 5 s busy timeout
    holder.wait()
    assert store.counts()["articles"] == 1 and "locked by another writer" in messages[0]


# -- kill -9 and run again -----------------------------------------------------------------------------------


def _corpus(path: Path, n: int) -> Path:
    """``n`` short articles of our own, one JSON line each."""
    places = ["Kidal", "Gao", "Bamako", "Mopti", "Timbuktu", "Kabul", "Herat", "Aleppo", "Homs", "Mosul"]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            place = places[i % len(places)]
            text = (
                f"Fighting near {place}\n\nRebels attacked an army post near {place} on Monday, "
                f"killing {i % 7 + 2} soldiers, officials said. "
                f"Police arrested {i % 5 + 3} protesters in {place} on Tuesday."
            )
            out.write(
                json.dumps({"id": f"a{i:04d}", "text": text, "published": "2021-05-0%d" % (i % 9 + 1)}) + "\n"
            )
    return path


def _ingest(corpus: Path, db: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "observatory.cli", "ingest", str(corpus), "--db", db, "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_killed_ingest_run_again_gives_the_store_of_a_clean_run(db_url, tmp_path, pg_server):
    corpus = _corpus(tmp_path / "corpus.jsonl", 160)
    clean = str(tmp_path / "clean.sqlite") if not db_url.startswith("postgresql") else None
    if clean is None:
        import psycopg

        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute('DROP DATABASE IF EXISTS "t_clean_run" WITH (FORCE)')
            conn.execute('CREATE DATABASE "t_clean_run"')
        clean = pg_server.rsplit("/", 1)[0] + "/t_clean_run"
    assert _ingest(corpus, clean).wait() == 0
    with open_store(clean) as store:
        expected = store.snapshot()
    assert len(expected["articles"]) == 160

    killed = _ingest(corpus, db_url)
    deadline = time.monotonic() + 300
    with open_store(db_url) as store:
        while store.counts()["articles"] < 40 and time.monotonic() < deadline and killed.poll() is None:
            time.sleep(0.2)
        partial = store.counts()["articles"]
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert 0 < partial < 160

    again = _ingest(corpus, db_url)
    _out, err = again.communicate()
    assert again.returncode == 0, err
    assert "stored already, unchanged" in err
    with open_store(db_url) as store:
        assert store.snapshot() == expected


def test_parquet_export_through_the_cli(db_url, tmp_path):
    import pyarrow.parquet as pq
    from click.testing import CliRunner

    from observatory.cli import cli

    with open_store(db_url) as store:
        store.save([extract(TEXT, published="2020-03-06", id="mali")])
        expected = list(store.query())
    out = tmp_path / "events.parquet"
    result = CliRunner().invoke(cli, ["export", "--db", db_url, "--format", "parquet", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.column("id").to_pylist() == [r["id"] for r in expected]
    assert table.schema.field("location.lat").type == "double"
    assert table.column("location.name").to_pylist() == [(r["location"] or {}).get("name") for r in expected]


def test_bulk_rows_then_reindex_are_searchable_like_saved_ones(db):
    from observatory.store.base import ARTICLE_COLUMNS, event_row

    records = list(db.query())
    article = db.article("mali")
    copy = [{**r, "id": r["id"] + "-copy", "article_id": "copy"} for r in records]
    db.load_rows(
        [tuple({**article, "id": "copy"}[c] for c in ARTICLE_COLUMNS)],
        [event_row("copy", r) for r in copy],
        [],
    )
    db.reindex()
    rebels = db.match("rebel", actors=True).size
    assert db.match("convoy").size == 2 and rebels >= 2 and rebels % 2 == 0
    assert search.Live(db).index().size == 2 * len(records)


def test_fusion_links_reports_of_one_happening_on_either_backend(db):
    from observatory import incidents

    other = (
        "Gao attack\n\nRebels attacked a military convoy near Gao on Wednesday, killing two soldiers, "
        "the army said."
    )
    db.save([extract(other, published="2020-03-06", id="gao-report")])
    done = incidents.refuse(db)
    assert done["events"] == db.counts()["events"]
    convoy = [r for r in db.query(near=(16.27, -0.04, 60)) if r["event_type"] == "ASSAULT"]
    assert len({r["article_id"] for r in convoy}) == 2
    assert len({r["incident_id"] for r in convoy}) == 1 and convoy[0]["incident_id"]
    found = incidents.incident(db, convoy[0]["incident_id"])
    assert found is not None and sorted(found["article_ids"]) == ["gao-report", "mali"]
    assert len(incidents.incident_events(db, found["incident_id"])) == len(convoy)
    # a new batch fuses incrementally into the same incident
    db.save(
        [extract("Militants ambushed a convoy near Gao on Wednesday.", published="2020-03-06", id="third")]
    )
    assert incidents.fuse_pending(db)["events"] >= 1
    assert not list(db.incident_statements().run("unfused_articles"))


def test_an_article_the_store_refuses_is_reported_and_the_rest_of_its_batch_stored(db):
    from observatory import ingest

    good = extract("Police arrested the mayor of Kabul.", published="2020-01-01", id="kabul")
    broken = extract("Rebels attacked a convoy.", published="2020-01-01", id="broken")
    broken.events[0].event_type = None  # violates NOT NULL
    stored, refused = ingest._save(db, [good, broken])
    assert stored == len(good.events) and db.article("kabul") is not None and db.article("broken") is None
    assert [(a.id, why.split(" (")[0]) for a, why in refused] == [("broken", "could not be stored")]


def test_a_postgres_database_dropped_is_created_again(pg_url):
    from observatory.store.postgres import PostgresStore

    store = open_store(pg_url)
    store.save([extract(TEXT, published="2020-03-06", id="mali")])
    assert isinstance(store, PostgresStore)
    store.drop_all()  # every table of every schema version, so the next open migrates from nothing
    store.close()
    with open_store(pg_url) as again:
        assert again.counts() == {"articles": 0, "events": 0, "actors": 0, "places": 0}


# -- the word index (store/postings.py) ------------------------------------------------------------------


@given(st.lists(st.integers(0, (1 << 16) - 1), max_size=6000, unique=True))
@settings(max_examples=40, deadline=None)
def test_a_block_of_keys_survives_its_encoding(keys):
    from observatory.store import postings

    low = np.array(sorted(keys), dtype=np.int64)
    bits = postings.encode(low)
    assert len(bits) <= postings.BLOCK // 8  # never larger than the bitmap
    assert postings.decode(bits).tolist() == low.tolist()


def _saved(article_id: str, sentences: list[str]) -> SimpleNamespace:
    """A pipeline result with one event per sentence, as the store saves it (no parse needed)."""
    events = [
        SimpleNamespace(
            record=lambda i=i, s=s: {
                "id": f"{article_id}-{i}",
                "event_type": "ASSAULT",
                "status": "occurred",
                "evidence": {"sentence": s},
                "actor": {"text": s.split()[0]},
                "date": {"start": "2020-01-01", "end": "2020-01-01"},
            }
        )
        for i, s in enumerate(sentences)
    ]
    text = " ".join(sentences)
    return SimpleNamespace(article=Article(id=article_id, text=text), events=events, places=[])


def _found(store, word: str, actors: bool = False) -> set[str]:
    index = search.Index.load(store)
    f = search.Filters(actor=word) if actors else search.Filters(q=word)
    return set(index.ids[index.select(store, f)].tolist())


def test_word_index_counts_every_match_through_dense_blocks_and_replacements(db_url):
    """Thousands of events in one key block (stored as a bitmap), then half of them replaced: the index
    finds exactly what reading the sentences finds, whole words and prefixes, folded for case and accents."""
    rng = random.Random(7)
    vocabulary = ["convoy", "Convoys", "Aléppo", "rebels", "shelled", "market", "ceasefire"]
    with open_store(db_url) as store:
        articles = {
            f"a{n}": [" ".join([*rng.sample(vocabulary, 3), "talks"]) for _ in range(60)] for n in range(100)
        }
        store.save([_saved(a, s) for a, s in articles.items()])
        for a in list(articles)[::2]:  # re-ingested with other text: their old words must go
            articles[a] = [" ".join([*rng.sample(vocabulary, 2), "talks"]) for _ in range(30)]
        store.save([_saved(a, articles[a]) for a in list(articles)[::2]])

        def expected(query: str, first_word_only: bool = False) -> set[str]:
            fold = {"é": "e"}
            norm = lambda w: "".join(fold.get(c, c) for c in w.lower())  # noqa: E731
            return {
                f"{a}-{i}"
                for a, sentences in articles.items()
                for i, s in enumerate(sentences)
                if any(
                    norm(w).startswith(norm(query)) for w in (s.split()[:1] if first_word_only else s.split())
                )
            }

        for query in ("convoy", "CONVOYS", "aleppo", "Aléppo", "shell", "talks", "x"):
            assert _found(store, query) == expected(query), query
        assert _found(store, "cease", actors=True) == expected("cease", first_word_only=True)
        assert len(_found(store, "talks")) > 4096  # one block holds them all: the bitmap case
