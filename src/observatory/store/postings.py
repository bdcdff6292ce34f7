"""The word index behind the API's text filters, one table on every backend: ``postings(field, term, chunk,
bits)`` holds, for each word of a field (0: an event's sentence, place and source; 1: its parties) and each
block of 65,536 event keys, the keys in that block whose text has the word.

A block is stored as a roaring-style container: the sorted low 16 bits of its keys (2 bytes each) while it
holds fewer than 4,096 keys, else a bitmap of the whole block (8,192 bytes), so a word found in most events
costs 8 KB per 65,536 of them to read, and a rare word a few bytes. Matching a query is then reading a few
rows per word and ANDing bitmaps in numpy, whatever the number of matches: a full-text index that counts
every match (as ``/api/stats`` must) without visiting the matched rows, which FTS5 and GIN must.

Writes are per batch: the keys a batch adds and removes are merged into each touched block once.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import numpy as np

BLOCK = 1 << 16
DENSE = 4096  # keys in a block from which its bitmap is smaller than its list of keys
TEXT, ACTORS = 0, 1
PREFIX_FROM = 2  # letters from which a query word also matches longer words ("arrest" finds "arrested")

# The JSON fields searched by the API's `q` filter and by its `actor` filter.
TEXT_FIELDS = ("evidence.sentence", "location.text", "location.name", "attribution.source")
ACTOR_FIELDS = ("actor.text", "actor.name", "recipient.text", "recipient.name")


def _field(record: dict[str, Any], dotted: str) -> str:
    value: Any = record
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value if isinstance(value, str) else ""


def search_texts(record: dict[str, Any]) -> tuple[str, str]:
    """The two texts a record is found by: words of its sentence, place and source; words of its parties."""
    return (
        " ".join(_field(record, f) for f in TEXT_FIELDS),
        " ".join(_field(record, f) for f in ACTOR_FIELDS),
    )


def words(text: str) -> list[str]:
    """The words the full-text index holds: runs of letters and digits."""
    return re.findall(r"[^\W_]+", text)


CREATE = """
CREATE TABLE postings (
    field SMALLINT NOT NULL, term TEXT {collate} NOT NULL, chunk INTEGER NOT NULL, bits {blob} NOT NULL,
    PRIMARY KEY (field, term, chunk)
)"""
_UPSERT = (
    "INSERT INTO postings (field, term, chunk, bits) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (field, term, chunk) DO UPDATE SET bits = excluded.bits"
)


def terms(text: str) -> set[str]:
    """The index terms of a text: its words, case-folded, without diacritics ("Aléppo" is "aleppo")."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return set(words(plain))


def record_terms(record: dict[str, Any]) -> tuple[set[str], set[str]]:
    """The terms of a stored record's two searched fields."""
    text, actors = search_texts(record)
    return terms(text), terms(actors)


def encode(low: np.ndarray) -> bytes:
    """A block's container from the sorted, distinct low 16 bits of its keys."""
    if len(low) >= DENSE:
        bitmap = np.zeros(BLOCK, dtype=bool)
        bitmap[low] = True
        return np.packbits(bitmap, bitorder="little").tobytes()
    return low.astype("<u2").tobytes()


def decode(bits: bytes) -> np.ndarray:
    """The low 16 bits of a block's keys, sorted."""
    if len(bits) == BLOCK // 8:
        return np.flatnonzero(np.unpackbits(np.frombuffer(bits, dtype=np.uint8), bitorder="little"))
    return np.frombuffer(bits, dtype="<u2").astype(np.int64)


def _block_mask(bits: bytes) -> np.ndarray:
    if len(bits) == BLOCK // 8:
        return np.unpackbits(np.frombuffer(bits, dtype=np.uint8), bitorder="little").view(bool)
    mask = np.zeros(BLOCK, dtype=bool)
    mask[np.frombuffer(bits, dtype="<u2")] = True
    return mask


def _bound(word: str) -> str:
    """The smallest string above every string that starts with ``word``."""
    return word[:-1] + chr(ord(word[-1]) + 1)


def match(store: Any, text: str, field: int) -> np.ndarray:
    """Sorted keys of the events whose ``field`` has every word of ``text`` (longer words as prefixes)."""
    query = sorted(terms(text))
    if not query:
        return np.zeros(0, dtype=np.int64)
    found: dict[int, np.ndarray] | None = None
    for word in query:
        if len(word) >= PREFIX_FROM:
            rows = store.execute(
                "SELECT chunk, bits FROM postings WHERE field = ? AND term >= ? AND term < ?",
                (field, word, _bound(word)),
            )
        else:
            rows = store.execute(
                "SELECT chunk, bits FROM postings WHERE field = ? AND term = ?", (field, word)
            )
        blocks: dict[int, np.ndarray] = {}
        for chunk, bits in rows:
            if found is not None and chunk not in found:
                continue
            mask = _block_mask(bytes(bits))
            blocks[chunk] = blocks[chunk] | mask if chunk in blocks else mask
        if found is not None:
            blocks = {c: m & found[c] for c, m in blocks.items()}
        found = {c: m for c, m in blocks.items() if m.any()}
        if not found:
            return np.zeros(0, dtype=np.int64)
    return np.concatenate([np.flatnonzero(found[c]) + (c << 16) for c in sorted(found)])


class Changes:
    """The keys a write transaction adds to and removes from each (field, term, block); applied once."""

    def __init__(self) -> None:
        self._add: dict[tuple[int, str, int], list[int]] = defaultdict(list)
        self._remove: dict[tuple[int, str, int], list[int]] = defaultdict(list)

    def _note(self, into: dict[tuple[int, str, int], list[int]], key: int, record: dict[str, Any]) -> None:
        for field, found in enumerate(record_terms(record)):
            for term in found:
                into[field, term, key >> 16].append(key & (BLOCK - 1))

    def add(self, key: int, record: dict[str, Any]) -> None:
        self._note(self._add, key, record)

    def remove(self, key: int, record: dict[str, Any]) -> None:
        self._note(self._remove, key, record)

    def apply(self, cur: Any, sql: Any) -> None:
        """Merge the changes into the stored blocks (``sql`` turns a statement into the store's dialect)."""
        touched = self._add.keys() | self._remove.keys()
        by_block: dict[tuple[int, int], list[str]] = defaultdict(list)
        for field, term, chunk in touched:
            by_block[field, chunk].append(term)
        stored: dict[tuple[int, str, int], bytes] = {}
        for (field, chunk), names in by_block.items():
            for i in range(0, len(names), 500):
                part = names[i : i + 500]
                cur.execute(
                    sql(
                        "SELECT term, bits FROM postings WHERE field = ? AND chunk = ? "
                        f"AND term IN ({','.join('?' * len(part))})"
                    ),
                    (field, chunk, *part),
                )
                for term, bits in cur.fetchall():
                    stored[field, term, chunk] = bytes(bits)
        upserts, deletes = [], []
        for posting in touched:
            low = decode(stored[posting]) if posting in stored else np.zeros(0, dtype=np.int64)
            if posting in self._remove:
                low = np.setdiff1d(low, self._remove[posting])
            if posting in self._add:
                low = np.union1d(low, self._add[posting])
            if len(low):
                upserts.append((*posting, encode(low)))
            elif posting in stored:
                deletes.append(posting)
        if deletes:
            cur.executemany(sql("DELETE FROM postings WHERE field = ? AND term = ? AND chunk = ?"), deletes)
        if upserts:
            cur.executemany(sql(_UPSERT), upserts)
        self._add.clear()
        self._remove.clear()


def build(keyed: Iterable[tuple[int, dict[str, Any]]]) -> Iterable[tuple[int, str, int, bytes]]:
    """Posting rows of every (key, record), given in ascending key order; one block's rows at a time, so
    memory stays bounded by one block of events."""
    current: int | None = None
    lows: dict[tuple[int, str], list[int]] = defaultdict(list)

    def flush(chunk: int) -> Iterable[tuple[int, str, int, bytes]]:
        for (field, term), low in lows.items():
            yield field, term, chunk, encode(np.unique(np.asarray(low, dtype=np.int64)))
        lows.clear()

    for key, record in keyed:
        chunk = key >> 16
        if current is not None and chunk != current:
            yield from flush(current)
        current = chunk
        for field, found in enumerate(record_terms(record)):
            for term in found:
                lows[field, term].append(key & (BLOCK - 1))
    if current is not None:
        yield from flush(current)
