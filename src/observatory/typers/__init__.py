"""Event typers, one per module: ``lexicon`` (the trigger dictionary, data/triggers.tsv), ``terms`` (the
default: learned models over TF-IDF views) and ``learned`` (the same with the sentence encoder). Each is
registered by name in ``events.event_typers`` through an entry point in pyproject.toml (group
``observatory_event_typers``), the hook a plugin package uses too; settings name one
(``settings.EVENT_TYPER``).
"""
