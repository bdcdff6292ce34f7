"""The dictionary typer: a trigger's lemma (plus particle, object or modifier) looked up in
data/triggers.tsv."""

from __future__ import annotations

from typing import Any

from ..events import EventTyper, Typing, trigger_lexicon


def lexicon_typer() -> EventTyper:
    """Dictionary typer: a trigger's lemma (plus particle or modifier) looked up in triggers.tsv."""
    lexicon = trigger_lexicon()

    def typer(trigger: Any, key: str) -> Typing | None:
        pos = "NOUN" if trigger.pos_ in ("NOUN", "PROPN") else "VERB"
        return lexicon.get((key, pos))

    return typer
