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
