"""Name keys shared by the dictionaries and the gazetteer."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼʻʿʾ`´"})
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|an|at|az|ash|ud|ul)[\s-]+")


def fold(text: str) -> str:
    """Lower case, no diacritics, one kind of apostrophe, single spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1 << 16)  # the same names recur in every article
def name_key(text: str) -> str:
    """A lookup key: folded, no punctuation, no leading Arabic article, 'Albu'/'Al-Bu'/'Abu' merged."""
    key = fold(text)
    key = re.sub(r"^the ", "", key)
    key = re.sub(r"'s$", "", key)
    key = re.sub(r"['.]", "", key)
    key = re.sub(r"[-‐–—_/,]", " ", key)
    key = re.sub(r"\b(?:al ?bu|abu|abou|albu)\b", "abu", key)
    key = _ARTICLE.sub("", key)
    return re.sub(r"\s+", " ", key).strip()
