"""Ingest: articles streamed from the readers in bounded batches, analysed in this process or on a Dask
cluster, and committed by one writer in input order, a batch per transaction.

A batch is committed whole or not at all, and an article already stored with the same content hash is
skipped before it is parsed: a run killed at any moment and run again ends with the store a clean run gives.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .model import Article
from .store import Store, StoreError

BATCH = 32  # articles per task and per transaction
AFTER_SAVE_EVERY = 256  # stored articles between two runs of ``after_save`` (fusion): its cost is per run


@dataclass
class Totals:
    articles: int = 0  # analysed and stored
    skipped: int = 0  # stored already, unchanged
    events: int = 0
    failed: int = 0


def batches(articles: Iterable[Article], size: int = BATCH) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyse_batch(batch: list[Article]) -> tuple[list[Any], list[tuple[Article, str]]]:
    """Pipeline results for a batch, and the articles whose extraction failed with why (runs on a worker)."""
    from . import pipeline

    failed: list[tuple[Article, str]] = []
    results = list(
        pipeline.run(
            batch,
            on_error=lambda a, exc: failed.append(
                (a, f"could not extract events ({exc.__class__.__name__}: {exc})")
            ),
        )
    )
    return results, failed


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _client(workers: int, scheduler: str | None) -> Any:
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=40,
    )
    return Client(cluster)


def _analysed(
    todo: Iterator[list[Article]], workers: int, scheduler: str | None
) -> Iterator[tuple[Any, Any]]:
    """(results, failed) per batch, in input order; with one local worker or one batch, in this process."""
    first = next(todo, None)
    second = next(todo, None) if first is not None else None
    if second is None and not scheduler or workers <= 1 and not scheduler:
        for batch in itertools.chain([first, second], todo):
            if batch is not None:
                yield analyse_batch(batch)
        return
    todo = itertools.chain([first, second], todo)
    client = _client(workers, scheduler)
    try:
        window = 2 * max(workers, len(client.scheduler_info().get("workers", {})) or 1)
        pending: deque[Any] = deque()
        for batch in todo:
            pending.append(client.submit(analyse_batch, batch, pure=False))
            if len(pending) >= window:  # bounded: at most `window` batches in flight
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None and not scheduler:
            cluster.close()


def _save(store: Store, results: list[Any]) -> tuple[int, list[tuple[Article, str]]]:
    """Store a batch in one transaction; when the database refuses it, store its articles one by one so that
    only the article it cannot hold is lost (reported with why), never the rest of the batch."""
    try:
        return store.save(results), []
    except StoreError:
        raise  # the database itself is unusable (locked for too long, gone): nothing to retry per article
    except Exception:
        stored, refused = 0, []
        for result in results:
            try:
                stored += store.save([result])
            except StoreError:
                raise
            except Exception as exc:
                refused.append((result.article, f"could not be stored ({exc.__class__.__name__}: {exc})"))
        return stored, refused


def run(
    store: Store,
    articles: Iterable[Article],
    *,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Callable[[Totals], None] | None = None,
    on_failed: Callable[[Article, str], None] | None = None,
    after_save: Callable[[], None] | None = None,
) -> Totals:
    """Analyse and store ``articles``; unchanged stored ones are skipped; a failed article goes to
    ``on_failed`` and the rest go on; ``after_save`` (the fusion stage) runs once ``AFTER_SAVE_EVERY``
    articles have been stored since its last run, and after the last batch."""
    totals = Totals()
    unprocessed = 0

    def fresh() -> Iterator[list[Article]]:
        for batch in batches(articles):
            same = store.unchanged(batch)
            totals.skipped += len(same)
            todo = [a for a in batch if a.id not in same]
            if todo:
                yield todo
            elif progress:
                progress(totals)

    for results, failed in _analysed(fresh(), workers, scheduler):
        stored, refused = _save(store, results)
        totals.events += stored
        totals.articles += len(results) - len(refused)
        failed = failed + refused
        unprocessed += len(results)
        if after_save and unprocessed >= AFTER_SAVE_EVERY:
            after_save()
            unprocessed = 0
        totals.failed += len(failed)
        for article, why in failed:
            if on_failed:
                on_failed(article, why)
        if progress:
            progress(totals)
    if after_save and unprocessed:
        after_save()
    return totals
