"""Observatory: news articles in, coded, located, dated political events out."""

__version__ = "0.1.0"

__all__ = ["__version__"]
