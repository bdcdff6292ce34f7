"""Word lists and patterns per language, one subpackage per language code."""
