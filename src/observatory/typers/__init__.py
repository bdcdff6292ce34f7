"""Event typers, one per module, each registered by name in ``events.event_typers``: ``lexicon`` (the trigger
dictionary, data/triggers.tsv), ``terms`` (the default: learned models over TF-IDF views) and ``learned`` (the
same with the sentence encoder). Settings name one (``settings.EVENT_TYPER``); plugins register more the same
way."""

from . import lexicon  # noqa: F401  (registers on import)
