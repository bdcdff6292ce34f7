"""Throughput: `extract`'s pipeline against the same spaCy pipeline alone, on the TR-News texts, in one run.

Timings on shared machines are noisy, so each side runs REPEATS times, interleaved, and the best run counts;
the figure to read is the ratio, measured in the same process on the same texts.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import data  # noqa: E402

from observatory import gazetteer, nlp, pipeline, readers  # noqa: E402

REPEATS = 3


def main() -> None:
    docs = data.tr_news()
    articles = [readers.make_article(d.text, id=d.id, published=d.published) for d in docs]
    words = sum(len(a.body.split()) for a in articles)
    model = nlp.load()
    gazetteer.load()
    list(pipeline.run(articles[:5]))  # warm up every stage
    pipeline.STAGE_SECONDS.clear()
    spacy_best = ours_best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _doc in model.pipe((a.body for a in articles), batch_size=16):
            pass
        spacy_best = min(spacy_best, time.perf_counter() - start)
        start = time.perf_counter()
        events = sum(len(r.events) for r in pipeline.run(articles))
        ours_best = min(ours_best, time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stages = {stage: seconds / REPEATS for stage, seconds in pipeline.STAGE_SECONDS.items()}  # per full run
    print(f"articles                      {len(articles)}")
    print(f"words                         {words}")
    print(f"events                        {events}")
    print(f"spaCy alone (words/s)         {words / spacy_best:,.0f}")
    print(f"observatory extract (words/s) {words / ours_best:,.0f}")
    print(f"throughput ratio (ours/spaCy) {spacy_best / ours_best:.2f}   target >= 0.80")
    print(f"peak memory (MB)              {peak_mb:,.0f}   target <= 1536")
    for stage, seconds in sorted(stages.items()):
        print(f"share of pipeline time: {stage:8s} {seconds / ours_best:6.1%}   (places and dates targets <= 10%)")


if __name__ == "__main__":
    main()
