"""The spaCy pipeline: loaded once per process, fed in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

import numpy as np
from spacy.attrs import HEAD, LEMMA
from spacy.language import Language

from . import settings
from .lang.en.layout import LINE_END_MARKS, RUN_ON_TAGS


class ModelMissing(RuntimeError):
    """The spaCy model is not installed."""


@Language.component("newline_boundaries")
def newline_boundaries(doc: Any) -> Any:
    """Line breaks end sentences: headlines, captions and list items are never run into the next line. A hard
    wrap inside a sentence (text broken into lines of fixed width) is no break."""
    if not len(doc):
        return doc
    text = text_of(doc)
    starts = doc.to_array("IDX")
    # the first token after each line break: the break lies in the text or the trailing space of the token
    # before it
    breaks = sorted({int(i) for i in np.searchsorted(starts, _newlines(text), side="right")} - {len(doc)})
    for i in breaks:
        doc[i].is_sent_start = not _wrapped(doc, doc[i], text)
    for line_start, line_end in zip([0, *breaks], [*breaks, len(doc)]):
        if not doc[line_start].is_upper:
            continue
        # "SINGAPORE, June 12, 2018 - Trump met …": the dateline is not a subject
        for k in range(line_start + 1, min(line_end, line_start + 13)):
            if doc[k - 1].text in DATELINE_DASHES:
                doc[k].is_sent_start = True
    return doc


def _newlines(text: str) -> list[int]:
    found, at = [], text.find("\n")
    while at >= 0:
        found.append(at)
        at = text.find("\n", at + 1)
    return found


DATELINE_DASHES = {"-", "--", "—", "–"}


def doc_cached(doc: Any, name: str, make: Callable[[], Any]) -> Any:
    """What ``make`` gives for this doc, made once per doc and kept in its ``user_data``: spaCy makes new
    objects on every read of ``doc.text``, ``doc.ents`` and ``Token.sent``."""
    key = f"observatory.{name}"
    if key not in doc.user_data:
        doc.user_data[key] = make()
    return doc.user_data[key]


def text_of(doc: Any) -> str:
    """The doc's text, joined once per doc."""
    return doc_cached(doc, "text", lambda: doc.text)


def span_text(span: Any) -> str:
    """A span's text, cut from its doc's text joined once (``Span.text`` joins its tokens on every read)."""
    return text_of(span.doc)[span.start_char : span.end_char]


def lemmas_of(doc: Any) -> list[str]:
    """The doc's lemmas in lower case, token by token, read once per doc."""
    strings = doc.vocab.strings
    return doc_cached(doc, "lemmas", lambda: [strings[key].lower() for key in doc.to_array(LEMMA).tolist()])


def heads_of(doc: Any) -> list[int]:
    """Each token's head by its index, read once per doc (``Token.head`` makes a new Token on every read)."""
    return doc_cached(
        doc, "heads", lambda: (np.arange(len(doc)) + doc.to_array(HEAD).astype(np.int64)).tolist()
    )


def ents_of(doc: Any) -> tuple[Any, ...]:
    """The doc's entities, made once per doc."""
    return doc_cached(doc, "ents", lambda: doc.ents)


def sentence_of(tok: Any) -> Any:
    """The sentence of ``tok``, from a table of its doc's sentences made once per doc."""
    return doc_cached(tok.doc, "sentences", lambda: [s for s in tok.doc.sents for _ in range(len(s))])[tok.i]


def _wrapped(doc: Any, tok: Any, text: str) -> bool:
    """Whether the line break before ``tok`` wraps a sentence: no blank line, no mark that may end a sentence
    before it, and the next line goes on in lower case or the last line stops on a word no sentence ends
    on ("in a" / "Montreal jail")."""
    j = tok.i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0 or text.count("\n", doc[j].idx, tok.idx) > 1:
        return False
    last = doc[j]
    if last.text[-1] in LINE_END_MARKS:
        return False
    return tok.text[:1].islower() or last.tag_ in RUN_ON_TAGS


def load(name: str | None = None) -> Any:
    """Load the spaCy pipeline (``name``, default settings.SPACY_MODEL) once; NER corrections come from our
    own dictionaries later."""
    return _load(name or settings.SPACY_MODEL)


@lru_cache(maxsize=None)
def _load(name: str) -> Any:
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelMissing(f"spaCy model {name!r} is not installed: run `make install`") from exc
    nlp.add_pipe("newline_boundaries", before="parser")
    nlp.max_length = settings.MAX_ARTICLE_CHARS + 1
    return nlp


def parse(texts: Iterable[str], batch_size: int | None = None) -> Iterator[Any]:
    """Parse texts with ``nlp.pipe``, in order."""
    yield from load().pipe(texts, batch_size=batch_size or settings.SPACY_BATCH_SIZE)
