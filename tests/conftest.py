"""Shared fixtures: the reference article (read from ../shared, never copied) and a parsed-article helper."""

from __future__ import annotations

from pathlib import Path

import pytest

from observatory import pipeline, readers

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
REFERENCE = SHARED / "reference" / "syria-2017-11-11.txt"


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
HOSTILE = ("Rebels <script>window.__pwned = 1</script> attack convoy in Mali\n\n"
           "Rebels attacked a convoy near Gao on Monday <img src=x onerror=\"window.__pwned = 2\">, the army said. "
           "<script>window.__pwned = 3</script> Police arrested six protesters in Bamako on Tuesday.")


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """samples/ plus HOSTILE, read and analysed as `observatory ingest` does, in a real SQLite file; spaCy runs once.

    Tests only read it; a test that writes copies it first (see ``writable_copy``)."""
    from observatory import store

    path = tmp_path_factory.mktemp("corpus") / "corpus.sqlite"
    articles = [a for a in readers.read_all([str(ROOT / "samples")]) if not isinstance(a, readers.Problem)]
    articles.append(readers.make_article(HOSTILE, id="hostile", published="2020-03-06",
                                         title="Rebels <script>window.__pwned = 1</script> attack convoy in Mali"))
    conn = store.connect(path)
    store.save(conn, list(pipeline.run(articles)))
    conn.close()
    return path


def writable_copy(db: Path, into: Path) -> Path:
    """A copy of a store (its WAL checkpointed first) that a test may write to."""
    import shutil
    import sqlite3

    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").connection.close()
    target = into / db.name
    shutil.copy(db, target)
    return target
