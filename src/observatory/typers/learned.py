"""The learned typers, ``learned`` (full models, with the sentence encoder) and ``terms`` (TF-IDF views only,
the default); the models and the typer class live in classify.py."""

from __future__ import annotations

from .. import classify
from ..events import EventTyper


def learned_typer() -> EventTyper:
    """The learned typer on the full models (see ``classify.LearnedTyper``). The most accurate, but the
    encoder costs several times the parse, too slow for the extract pipeline's budget."""
    return classify.typer_factory()


def terms_typer() -> EventTyper:
    """The learned typer on the TF-IDF-only models (the default): every sentence classified from the parse the
    pipeline has already made. These models are less sure than the full ones, so a lexicon trigger keeps its
    PLOVER type, and verbs the lexicon does not know are typed only at the root of a sentence the model is
    very sure of."""
    return classify.LearnedTyper(
        variant="terms", wide=False, retype=False, root_threshold=classify.TERMS_ROOT_THRESHOLD
    )
