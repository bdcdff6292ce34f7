"""The storage port: ``open_store(db)`` gives a SQLite store for a file path, a PostgreSQL one for a URL."""

from __future__ import annotations

from pathlib import Path

from .base import SCHEMA_VERSION, Store, StoreError, content_hash

__all__ = ["SCHEMA_VERSION", "Store", "StoreError", "content_hash", "is_url", "open_store"]


def is_url(db: str | Path) -> bool:
    return str(db).startswith(("postgresql://", "postgres://"))


def open_store(db: str | Path) -> Store:
    """The store at ``db``: a ``postgresql://`` URL, else the path of a SQLite file (created if missing)."""
    if is_url(db):
        from .postgres import PostgresStore

        return PostgresStore(str(db))
    from .sqlite import SQLiteStore

    return SQLiteStore(db)
