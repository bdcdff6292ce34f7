"""Filters, pages and counts over the stored events at interactive speed, for the API and the dashboard.

The store holds the records; this module keeps the few columns every filter and count needs (dates, type,
countries, coordinates; and ids, for map markers) as numpy arrays in the store's canonical order
(date_start, article_id, id), so a filter is a handful of vectorised comparisons and a count a ``bincount``,
whatever the combination, on a million events as on ten. Text (``q``, ``actor``) goes through the store's
word index (store/postings.py) and comes back as event keys. ``Live`` reloads the columns when the store's
generation changes, whoever wrote to it.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from .store import Store
from .store.postings import words

EPOCH = date(1970, 1, 1)
NO_START = np.iinfo(np.int32).max  # a null date_start never satisfies `until`
NO_END = np.iinfo(np.int32).min  # a null date_end never satisfies `since`


@dataclass(frozen=True)
class Filters:
    """Every filter the API takes; all given filters must hold."""

    countries: tuple[str, ...] = ()  # ISO3 or group codes: the place's, the actor's or the recipient's
    types: tuple[str, ...] = ()  # PLOVER event types
    actor: str | None = None  # words of either party's text or name, or its country/group code
    since: str | None = None  # ISO date: events ending on or after it
    until: str | None = None  # ISO date: events starting on or before it
    bbox: tuple[float, float, float, float] | None = (
        None  # west, south, east, north (west > east crosses 180°)
    )
    q: str | None = None  # words of the evidence sentence, place, actors or claimed source
    located: bool = False  # only events with coordinates


def _days(iso: str) -> int:
    return (date.fromisoformat(iso) - EPOCH).days


def _isos(days: np.ndarray) -> list[str]:
    """ISO dates of day numbers (days since 1970-01-01), vectorised."""
    return np.datetime_as_string(days.astype("datetime64[D]"), unit="D").tolist()


class Index:
    """The filter columns of every stored event, in canonical (oldest first) order."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        cols = list(zip(*rows)) if rows else [()] * 11
        self.size = len(rows)
        self.rowid = np.fromiter(cols[0], dtype=np.int64, count=self.size)
        self.key = np.fromiter((-1 if k is None else k for k in cols[1]), dtype=np.int64, count=self.size)
        self.start = np.fromiter(
            (NO_START if d is None else d for d in cols[2]), dtype=np.int32, count=self.size
        )
        self.end = np.fromiter((NO_END if d is None else d for d in cols[3]), dtype=np.int32, count=self.size)
        self.types: list[str] = []
        self.countries: list[str] = []
        type_codes: dict[str, int] = {}
        country_codes: dict[str | None, int] = {None: -1}

        def code(table: dict[Any, int], names: list[str], value: Any) -> int:
            found = table.get(value)
            if found is None:
                found = table[value] = len(names)
                names.append(value)
            return found

        self.type = np.fromiter(
            (code(type_codes, self.types, t) for t in cols[4]), dtype=np.int32, count=self.size
        )
        self.place, self.actor, self.recipient = (
            np.fromiter(
                (code(country_codes, self.countries, c) for c in col), dtype=np.int32, count=self.size
            )
            for col in cols[5:8]
        )
        self.lat = np.fromiter(
            (np.nan if v is None else v for v in cols[8]), dtype=np.float64, count=self.size
        )
        self.lon = np.fromiter(
            (np.nan if v is None else v for v in cols[9]), dtype=np.float64, count=self.size
        )
        self.ids = np.array(cols[10], dtype=object)
        self._type_code, self._country_code = type_codes, country_codes
        # position of each search key (-1: no event), so a text match becomes a mask by one gather
        self._position = np.full(int(self.key.max()) + 1 if self.size else 0, -1, dtype=np.int64)
        self._position[self.key[self.key >= 0]] = np.flatnonzero(self.key >= 0)
        # counting bins, ready for bincount: day of date_start (undated: one extra bin), place country
        # (none: one extra bin too)
        dated = self.start != NO_START
        self._first_day = int(self.start[dated].min()) if dated.any() else 0
        self._days = int(self.start[dated].max()) - self._first_day + 1 if dated.any() else 0
        self._day_bin = np.where(dated, self.start - self._first_day, self._days).astype(np.intp)
        self._place_bin = np.where(self.place >= 0, self.place, len(self.countries)).astype(np.intp)
        self._type_bin = self.type.astype(np.intp)
        # the actor's and the recipient's country where it is another than the place's (and the actor's): with
        # the place's, every country an event involves, counted once
        none = len(self.countries)
        actor = np.where(self.actor == self.place, -1, self.actor)
        recipient = np.where((self.recipient == self.place) | (self.recipient == actor), -1, self.recipient)
        self._actor_bin = np.where(actor >= 0, actor, none).astype(np.intp)
        self._recipient_bin = np.where(recipient >= 0, recipient, none).astype(np.intp)
        # a date range longer than a day as one integer (first day, length), else -1
        ranged = (self.start != NO_START) & (self.end != NO_END) & (self.end > self.start)
        self._span = np.where(
            ranged, (self.start.astype(np.int64) << 32) | (self.end - self.start).astype(np.int64), -1
        )
        self._whole: dict[str, Any] | None = None

    @classmethod
    def load(cls, store: Store) -> Index:
        return cls(store.columns())

    # -- filtering ---------------------------------------------------------------------------------------

    def _codes(self, table: dict[Any, int], values: tuple[str, ...]) -> np.ndarray:
        return np.array([table[v] for v in values if v in table], dtype=np.int32)

    def _keys_mask(self, keys: np.ndarray) -> np.ndarray:
        """A boolean mask of the events whose search keys are in ``keys``."""
        mask = np.zeros(self.size, dtype=bool)
        at = self._position[keys[keys < len(self._position)]]
        mask[at[at >= 0]] = True
        return mask

    def _match(self, store: Store, text: str, actors: bool = False) -> np.ndarray:
        return self._keys_mask(store.match(text, actors))

    @staticmethod
    def _isin(column: np.ndarray, codes: np.ndarray) -> np.ndarray:
        if len(codes) == 1:
            return column == codes[0]
        return np.isin(column, codes)

    def mask(self, store: Store, f: Filters) -> np.ndarray | None:
        """A boolean mask of the events matching ``f``, or None when nothing is filtered."""
        parts: list[np.ndarray] = []
        if f.types:
            parts.append(self._isin(self.type, self._codes(self._type_code, f.types)))
        if f.countries:
            codes = self._codes(self._country_code, f.countries)
            parts.append(
                self._isin(self.place, codes)
                | self._isin(self.actor, codes)
                | self._isin(self.recipient, codes)
            )
        if f.since:
            parts.append(self.end >= _days(f.since))
        if f.until:
            parts.append(self.start <= _days(f.until))
        if f.bbox:
            west, south, east, north = f.bbox
            with np.errstate(invalid="ignore"):
                inside = (self.lat >= south) & (self.lat <= north)
                lon = (
                    (self.lon >= west) & (self.lon <= east)
                    if west <= east
                    else (self.lon >= west) | (self.lon <= east)
                )
            parts.append(inside & lon)
        if f.located:
            parts.append(~np.isnan(self.lat))
        if f.actor:
            codes = self._codes(self._country_code, (f.actor.upper(),))
            by_code = self._isin(self.actor, codes) | self._isin(self.recipient, codes)
            parts.append(by_code | self._match(store, f.actor, actors=True) if words(f.actor) else by_code)
        if f.q:
            parts.append(self._match(store, f.q))
        if not parts:
            return None
        out = parts[0]
        for part in parts[1:]:
            out &= part
        return out

    def select(self, store: Store, f: Filters) -> np.ndarray:
        """Positions (canonical order, oldest first) of the events matching ``f``."""
        m = self.mask(store, f)
        return np.arange(self.size) if m is None else np.flatnonzero(m)

    # -- results -----------------------------------------------------------------------------------------

    def page(self, positions: np.ndarray, offset: int, limit: int, newest_first: bool = True) -> list[int]:
        """Store references (``Store.records``) of one page of ``positions``."""
        if newest_first:
            stop = len(positions) - offset
            chosen = positions[max(0, stop - limit) : max(0, stop)][::-1]
        else:
            chosen = positions[offset : offset + limit]
        return self.rowid[chosen].tolist()

    def points(self, positions: np.ndarray, limit: int) -> list[list[Any]]:
        """[id, lat, lon, event_type] of the newest ``limit`` of ``positions``, for map markers."""
        chosen = positions[max(0, len(positions) - limit) :][::-1]
        types = self.types
        return [
            [i, la, lo, types[t]]
            for i, la, lo, t in zip(
                self.ids[chosen].tolist(),
                self.lat[chosen].tolist(),
                self.lon[chosen].tolist(),
                self.type[chosen].tolist(),
            )
        ]

    def stats(self, positions: np.ndarray) -> dict[str, Any]:
        """Counts by day (of date_start), by event type and by country of the place, for ``positions``; also
        by date range longer than a day (so the timeline draws a year as a year, not as its first day) and by
        every party's code (so a country's count is what its filter selects)."""
        whole = len(positions) == self.size
        if whole and self._whole is not None:
            return self._whole  # every event: counted once per loaded snapshot
        pick = (lambda a: a) if whole else (lambda a: a[positions])
        days = np.bincount(pick(self._day_bin), minlength=self._days + 1)[: self._days]
        nonzero = np.flatnonzero(days)
        names = _isos(self._first_day + nonzero) if len(nonzero) else []
        types = np.bincount(pick(self._type_bin), minlength=len(self.types)).tolist() if self.size else []
        bins = len(self.countries) + 1
        places = np.bincount(pick(self._place_bin), minlength=bins)[:-1]
        parties = (
            places
            + np.bincount(pick(self._actor_bin), minlength=bins)[:-1]
            + np.bincount(pick(self._recipient_bin), minlength=bins)[:-1]
        )

        def ranked(labels: list[str], counts: list[int]) -> dict[str, int]:
            return {
                labels[i]: n for i, n in sorted(enumerate(counts), key=lambda p: (-p[1], labels[p[0]])) if n
            }

        out = {
            "total": int(len(positions)),
            "by_day": dict(zip(names, days[nonzero].tolist())),
            "by_type": ranked(self.types, types),
            "by_country": ranked(self.countries, places.tolist()),
            "by_span": self._spans(pick(self._span)),
            "by_any_country": ranked(self.countries, parties.tolist()),
        }
        if whole:
            self._whole = out
        return out

    @staticmethod
    def _spans(span: np.ndarray) -> dict[str, int]:
        pairs, counts = np.unique(span[span >= 0], return_counts=True)
        if not len(pairs):
            return {}
        starts = pairs >> 32
        days = _isos(np.stack([starts, starts + (pairs & 0xFFFFFFFF)], axis=1).reshape(-1))
        return {f"{days[2 * i]}/{days[2 * i + 1]}": n for i, n in enumerate(counts.tolist())}


SYNC_LIMIT = 200_000  # events from which an Index, seconds to load, is reloaded in the background


class Live:
    """An Index kept current with the store: a commit by anyone is seen by the requests after it. A small
    store's Index is reloaded before answering; a large one's (``sync_limit`` events or more) in the
    background, while requests are answered from the previous snapshot, so that the API stays responsive
    while an ingest commits batch after batch."""

    def __init__(self, store: Store, sync_limit: int = SYNC_LIMIT) -> None:
        self.store = store
        self.sync_limit = sync_limit
        self._lock = threading.Lock()
        self._version: Any = None
        self._index: Index | None = None
        # one thread, so the store gives it one connection for all its reloads
        self._loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="observatory-index")
        self._reloading = False
        self.index()

    def index(self) -> Index:
        """The current Index (or, for a large store that changed, the previous one while it reloads)."""
        with self._lock:
            version = self.store.generation()
            if self._index is None or (version != self._version and self._index.size < self.sync_limit):
                self._index, self._version = Index.load(self.store), version
            elif version != self._version and not self._reloading:
                self._reloading = True
                self._loader.submit(self._reload, version)
            return self._index

    def _reload(self, version: Any) -> None:
        try:
            index = Index.load(self.store)
            with self._lock:
                self._index, self._version = index, version
        finally:
            self._reloading = False
