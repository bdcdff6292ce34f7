"""The pipeline: articles → parsed docs → mentions → events, in batches through one spaCy pipeline."""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import actors, captures, circumstances, dates, events, nlp, places
from .model import Article, Event, Place, TimeExpr


@dataclass
class Result:
    """Everything extracted from one article."""

    article: Article
    events: list[Event]
    places: list[Place]
    times: list[TimeExpr]


def _anchor(article: Article) -> date | None:
    return date.fromisoformat(article.published) if article.published else None


def times_in(doc: Any, anchor: date | None) -> list[TimeExpr]:
    """Time expressions with tense taken from the clause each sits in. A text given without its publication
    date is read from the latest day it names in full, when it names one in a clause not about the future:
    news tells the days of its story near the time of writing, so "Sunday" and "two days later" are read
    from there, as HeidelTime's narrative mode reads them from the last date named."""

    def tense_at(start: int, end: int) -> str:
        span = doc.char_span(start, end, alignment_mode="expand")
        return dates.tense_of(span.root) if span is not None and len(span) else "past"

    text = nlp.text_of(doc)
    if anchor is None:
        told = [
            date.fromisoformat(t.value)
            for t in dates.find(text, None, tense_at)
            if t.value and dates.is_day(t.value) and tense_at(t.start, t.end) != "future"
        ]
        if not told:
            return dates.find(text, None, tense_at)
        anchor = max(told)
    return [t for t in dates.find(text, anchor, tense_at) if not _kind_of_thing(t, doc)]


def _kind_of_thing(expr: TimeExpr, doc: Any) -> bool:
    """A feast day modifying a noun for a thing names the kind of thing ("a Christmas market", "Easter eggs"),
    not a day; modifying an event or a time it dates it ("the Christmas Day bombing", "Christmas week")."""
    if not dates.is_feast(expr.text):
        return False
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None or not len(span) or span.root.dep_ != "compound":
        return False
    head = span.root.head
    lemma = head.lemma_.lower()
    return head.pos_ == "NOUN" and lemma not in circumstances.event_nouns() and not dates.is_time_word(lemma)


def focus_country(names: list[tuple[int, int, actors.Entry]], found: list[Place]) -> str | None:
    """The country an article is mostly about, for generic state actors ('the government')."""
    counts: Counter[str] = Counter(p.country for p in found if p.country)
    counts.update(e.country for _s, _e, e in names if e.kind == "country")
    return counts.most_common(1)[0][0] if counts else None


STAGE_SECONDS: Counter[str] = Counter()  # time spent per stage in this process, for the benchmarks


def analyse(article: Article, doc: Any, typer: events.EventTyper | None = None) -> Result:
    """All stages after parsing, for one article; ``typer`` overrides the configured event typer."""
    clock = time.perf_counter
    t0 = clock()
    names = actors.scan(doc, article.published)
    t1 = clock()
    found = places.resolve(doc, article.id, names)
    t2 = clock()
    times = times_in(doc, _anchor(article))
    t3 = clock()
    ctx = events.Context(
        doc=doc,
        article_id=article.id,
        published=article.published,
        names=names,
        places=found,
        times=times,
        focus_country=focus_country(names, found),
    )
    found_events = captures.losers(_without_headline_repeats(article, events.extract(ctx, typer)))
    result = Result(article, found_events, found, times)
    STAGE_SECONDS.update({"actors": t1 - t0, "places": t2 - t1, "dates": t3 - t2, "events": clock() - t3})
    return result


def _without_headline_repeats(article: Article, found: list[Event]) -> list[Event]:
    """A headline summarises the report: its events count only when the body has none of their type; one that
    repeats a body event is listed among that event's ``mentions``. A headline event the body's own report
    of it has already folded into (``events.fold``) is that report."""
    first_line = article.text.find("\n")
    if not article.title or first_line < 0:
        return found

    def headline_only(e: Event) -> bool:
        return e.sent_start <= first_line and not any(m["start"] > first_line for m in e.mentions)

    body = [e for e in found if not headline_only(e)]
    body_types = {e.event_type for e in body}
    for e in found:
        if headline_only(e) and e.event_type in body_types:
            same = [b for b in body if b.event_type == e.event_type]
            main = max(same, key=lambda b: (events.same_parties(b, e), b.confidence))
            mention = {"sentence": e.sentence, "start": e.sent_start, "end": e.sent_end}
            if mention not in main.mentions:
                main.mentions.insert(0, mention)
    return [e for e in found if not headline_only(e) or e.event_type not in body_types]


def run(
    articles: Iterable[Article],
    on_error: Callable[[Article, Exception], None] | None = None,
    typer: events.EventTyper | None = None,
) -> Iterator[Result]:
    """Parse articles in batches with ``nlp.pipe`` and extract from each; with ``on_error``, an article whose
    extraction fails is handed to it and the rest go on. ``articles`` is consumed as it is parsed, never
    listed whole."""
    stream, bodies = itertools.tee(iter(articles))
    for article, doc in zip(stream, nlp.parse(a.body for a in bodies)):
        if on_error is None:
            yield analyse(article, doc, typer)
            continue
        try:
            yield analyse(article, doc, typer)
        except Exception as exc:  # one article's failure never stops the batch
            on_error(article, exc)
