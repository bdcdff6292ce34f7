"""Shared fixtures: the reference article (read from ../shared, never copied) and a parsed-article helper."""

from __future__ import annotations

from pathlib import Path

import pytest

from observatory import pipeline, readers

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
REFERENCE = SHARED / "reference" / "syria-2017-11-11.txt"


# two outlets tell of one raid and disagree on who carried it out; a third article is another happening
INCIDENT_ARTICLES = [
    {
        "id": "ledger-kidal",
        "title": "Army strikes rebel stronghold",
        "source": "Daily Ledger",
        "published": "2021-05-06",
        "text": "Malian troops attacked rebel positions in Kidal on Wednesday, killing 14 fighters, the army "
        "said in a statement. The operation followed weeks of clashes in the north.",
    },
    {
        "id": "courier-kidal",
        "title": "Foreign fighters blamed for Kidal raid",
        "source": "Sahel Courier",
        "published": "2021-05-07",
        "text": "Wagner mercenaries attacked rebel positions in Kidal on Wednesday, killing 30 people, a "
        "local rights group said. Residents fled the town after the raid.",
    },
    {
        "id": "ledger-gao",
        "title": "Arrests in Gao",
        "source": "Daily Ledger",
        "published": "2021-05-08",
        "text": "Police arrested six protesters in Gao on Friday, officials said.",
    },
]


def ingested(articles: list[dict], into: Path) -> Path:
    """A SQLite store in ``into`` with ``articles`` (JSONL records) ingested and fused through the CLI."""
    import json

    from click.testing import CliRunner

    from observatory.cli import cli

    source = into / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    db = into / "store.sqlite"
    result = CliRunner().invoke(cli, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def extract(text: str, published: str | None = "2020-03-04", id: str = "t") -> pipeline.Result:
    """Run the whole pipeline on one text."""
    article = readers.make_article(text, id=id, published=published)
    return next(pipeline.run([article]))


@pytest.fixture(scope="session")
def reference() -> pipeline.Result:
    if not REFERENCE.exists():
        pytest.skip("the reference article is not beside the repository")
    article = next(readers.read_txt(REFERENCE, published="2017-11-11"))
    return next(pipeline.run([article]))


# An article whose text, headline and evidence sentence carry markup: the dashboard must show it as text.
HOSTILE = (
    "Rebels <script>window.__pwned = 1</script> attack convoy in Mali\n\n"
    'Rebels attacked a convoy near Gao on Monday <img src=x onerror="window.__pwned = 2">, the army said. '
    "<script>window.__pwned = 3</script> Police arrested six protesters in Bamako on Tuesday."
)


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """samples/ plus HOSTILE, read and analysed as `observatory ingest` does, in a real SQLite file; spaCy
    runs once.

    Tests only read it; a test that writes copies it first (see ``writable_copy``)."""
    from observatory.store import open_store

    path = tmp_path_factory.mktemp("corpus") / "corpus.sqlite"
    articles = [a for a in readers.read_all([str(ROOT / "samples")]) if not isinstance(a, readers.Problem)]
    articles.append(
        readers.make_article(
            HOSTILE,
            id="hostile",
            published="2020-03-06",
            title="Rebels <script>window.__pwned = 1</script> attack convoy in Mali",
        )
    )
    with open_store(path) as store:
        store.save(pipeline.run(articles))
    return path


def writable_copy(db: Path, into: Path) -> Path:
    """A copy of a store (its WAL checkpointed first) that a test may write to."""
    import shutil
    import sqlite3

    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").connection.close()
    target = into / db.name
    shutil.copy(db, target)
    return target


# -- PostgreSQL --------------------------------------------------------------------------------------------
# OBSERVATORY_TEST_PG names a server (`.ci/run` starts one); without it the tests start their own from
# Debian's binaries. Under CI=true a missing server fails the tests instead of skipping them.


@pytest.fixture(scope="session")
def pg_server():
    import os

    import pgserver

    url = os.environ.get("OBSERVATORY_TEST_PG")
    if url:
        pgserver.wait_ready(url)
        yield url
        return
    if pgserver.binaries() is None:
        message = "PostgreSQL not installed (apt-get install postgresql) and OBSERVATORY_TEST_PG not set"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    server = pgserver.Server()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server, request):
    """A fresh, empty database on the test server."""
    import psycopg

    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:50]
    base = pg_server.rsplit("/", 1)[0]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    """Where an empty store lives: a SQLite file, then a PostgreSQL database (the same tests run on both)."""
    if request.param == "sqlite":
        return str(tmp_path / "events.sqlite")
    return request.getfixturevalue("pg_url")
