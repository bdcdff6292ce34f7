"""Syndicated copies: one wire story published by many outlets, found as near-duplicate texts
(MinHash LSH)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

NUM_PERM = 64
SHINGLE = 5  # words per shingle: long enough that two different reports of one event rarely share many
WORD = re.compile(r"\w+")


def _shingles(text: str) -> set[bytes]:
    words = WORD.findall(text.lower())
    if len(words) <= SHINGLE:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


def copies(rows: Iterable[dict[str, Any]], threshold: float = 0.8) -> dict[str, str]:
    """Copy id → original id among articles ``{"id", "text", "published"}``: an article whose shingles overlap
    another's at about ``threshold`` (Jaccard, estimated by MinHash) is a copy of the earliest published
    one."""
    from datasketch import MinHash, MinHashLSH

    rows = sorted(rows, key=lambda r: (r.get("published") or "9999", r["id"]))
    rank = {r["id"]: i for i, r in enumerate(rows)}
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    out: dict[str, str] = {}
    for row in rows:
        shingles = _shingles(row.get("text") or "")
        if not shingles:
            continue
        mh = MinHash(num_perm=NUM_PERM)
        mh.update_batch(list(shingles))
        found = lsh.query(mh)
        if found:
            original = min(found, key=lambda k: rank[k])
            out[row["id"]] = out.get(original, original)
            continue
        if row["id"] not in lsh:
            lsh.insert(row["id"], mh)
    return out
