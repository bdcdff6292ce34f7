"""Throughput: `extract`'s pipeline against the same spaCy pipeline alone, on the TR-News texts, in one run.

Timings on shared machines are noisy, so each side runs REPEATS times, interleaved, and the best run counts;
the figure to read is the ratio, measured in the same process on the same texts. Both event typers (the
lexicon and the learned one) are timed in the same run, so their ratios compare directly; ``--typer NAME``
times one only. The learned typer's own model time (embedding and classifying sentences) is reported
separately as part of the events stage.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import data  # noqa: E402
import spacy  # noqa: E402

from observatory import events, gazetteer, nlp, pipeline, readers, settings  # noqa: E402

REPEATS = 3
TYPERS = ("lexicon", "terms", "learned")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--typer", choices=TYPERS, action="append", help="time only this typer (repeatable)")
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args()
    names = args.typer or list(TYPERS)
    docs = data.tr_news()
    articles = [readers.make_article(d.text, id=d.id, published=d.published) for d in docs]
    words = sum(len(a.body.split()) for a in articles)
    nlp.load()
    gazetteer.load()
    # the baseline is the installed model as spaCy loads it, without the components the project adds
    model = spacy.load(settings.SPACY_MODEL)
    typers = {name: events.get_typer(name) for name in names}

    def run(name: str) -> list[pipeline.Result]:
        return list(pipeline.run(articles, typer=typers[name]))

    for name in names:  # warm up every stage with each typer
        list(pipeline.run(articles[:5], typer=typers[name]))
    spacy_best = float("inf")
    best = {name: float("inf") for name in names}
    stages: dict[str, Counter[str]] = {name: Counter() for name in names}
    found: dict[str, int] = {}
    for _ in range(args.repeats):
        start = time.perf_counter()
        for _doc in model.pipe((a.body for a in articles), batch_size=16):
            pass
        spacy_best = min(spacy_best, time.perf_counter() - start)
        for name in names:
            pipeline.STAGE_SECONDS.clear()
            if hasattr(typers[name], "cache"):
                typers[name].cache.clear()  # each run classifies its sentences afresh, as a new stream would
            model_seconds = getattr(typers[name], "seconds", 0.0)
            start = time.perf_counter()
            found[name] = sum(len(r.events) for r in run(name))
            best[name] = min(best[name], time.perf_counter() - start)
            stages[name].update(pipeline.STAGE_SECONDS)
            if hasattr(typers[name], "seconds"):
                stages[name]["  typer model"] += typers[name].seconds - model_seconds
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles                      {len(articles)}")
    print(f"words                         {words}")
    print(f"spaCy alone (words/s)         {words / spacy_best:,.0f}")
    for name in names:
        print(f"--- {name} typer")
        print(f"events                        {found[name]}")
        print(f"observatory extract (words/s) {words / best[name]:,.0f}")
        print(f"throughput ratio (ours/spaCy) {spacy_best / best[name]:.2f}   target >= 0.80")
        for stage, seconds in sorted(stages[name].items()):  # per full run, against the best run
            print(
                f"share of pipeline time: {stage:13s} {seconds / args.repeats / best[name]:6.1%}"
                "   (places and dates targets <= 10%)"
            )
    print(f"peak memory (MB)              {peak_mb:,.0f}   target <= 1536")


if __name__ == "__main__":
    main()
