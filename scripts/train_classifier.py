"""Train the learned event classifiers (PLOVER 2.0, CAMEO roots, ACLED sub-event types) and write
src/observatory/data/models/classifier.npz.

    .venv/bin/python scripts/train_classifier.py            # train on everything, write the model
    .venv/bin/python scripts/train_classifier.py --check    # only the leak check of the written examples

Training material, per scheme (see src/observatory/data/training/README.md):
  - the examples written for this project, data/training/*.txt (all three schemes, and "no event");
  - PLOVER: the PLOVER gold-standard records (../shared/bench/events/plover-gsr-dev.json, mapped to 2.0);
  - ACLED: the CASE 2021 task 2 dev snippets (25 ACLED labels; the 5 non-ACLED labels as "no event").
The dev sets are also the benchmarks, so bench/classify_eval.py reports them only by grouped cross-validation,
training each fold with this script's `fit` on everything but that fold. Without ../shared the model is built
from the written examples alone (and says so in its metadata).

Deterministic: fixed seed, sorted inputs, lbfgs; needs scikit-learn (training only, not at run time).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from observatory import classify, embed  # noqa: E402
from observatory.classify import NONE, Example, Inputs, Model, Tfidf  # noqa: E402

SEED = 13
C = {"plover": 4.0, "cameo": 4.0, "acled": 4.0}
WEIGHTS = dict(classify.DEFAULT_WEIGHTS)
LEAK_COSINE = 0.8  # a written example this close to a benchmark text is a paraphrase of it: refuse to train


# ----------------------------------------------------------------------------------------------------------------
# Benchmark data as training examples


def _bench():
    try:
        import data  # bench/data.py
    except ImportError:  # pragma: no cover
        return None
    return data if (data.BENCH / "events").exists() else None


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{3,}", text.lower()))


def group_near_duplicates(texts: list[str], threshold: float = 0.5) -> list[int]:
    """Union-find over token-set Jaccard >= threshold, so near-duplicate texts share a group (and a CV fold)."""
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sets = [_tokens(t) for t in texts]
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            a, b = sets[i], sets[j]
            if a and b and len(a & b) / len(a | b) >= threshold:
                parent[find(i)] = find(j)
    return [find(i) for i in range(len(texts))]


def gsr_examples() -> list[Example]:
    data = _bench()
    if data is None:
        return []
    records = data.plover_gsr()
    groups = group_near_duplicates([r["text"] for r in records])
    return [Example(r["text"], {"plover": r["plover2"]}, source="plover-gsr", group=f"gsr:{g}")
            for r, g in zip(records, groups)]


CASE_NON_ACLED = {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}


def case_examples() -> list[Example]:
    data = _bench()
    if data is None:
        return []
    rows = data.case2021()
    groups = group_near_duplicates([r["text"] for r in rows])
    out = []
    for r, g in zip(rows, groups):
        label = data.CASE_TO_ACLED.get(r["label"], NONE if r["label"] in CASE_NON_ACLED else None)
        if label is not None:
            out.append(Example(r["text"], {"acled": label}, source="case2021", group=f"case:{g}"))
    return out


def benchmark_texts() -> list[str]:
    """Every benchmark text, split into sentences, for the leak check."""
    data = _bench()
    if data is None:
        return []
    texts = [r["text"] for r in data.plover_gsr()] + [r["text"] for r in data.case2021()]
    path = data.BENCH / "events" / "conflibert-cameo_class_train.tsv"
    texts += [line.rsplit("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines() if "\t" in line]
    return [s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s.split()) >= 4]


def leak_check(written: list[Example], cache: dict[str, np.ndarray]) -> list[tuple[float, str, str]]:
    """(cosine, written text, benchmark text) for written examples too close to a benchmark sentence."""
    bench = benchmark_texts()
    if not bench:
        return []
    a = embeddings([e.text for e in written], cache)
    b = embeddings(bench, cache)
    sims = a @ b.T
    out = []
    for i, row in enumerate(sims):
        j = int(row.argmax())
        if row[j] >= LEAK_COSINE:
            out.append((float(row[j]), written[i].text, bench[j]))
    return sorted(out, reverse=True)


# ----------------------------------------------------------------------------------------------------------------
# Fitting


def embeddings(texts: list[str], cache: dict[str, np.ndarray]) -> np.ndarray:
    missing = sorted({t for t in texts if t not in cache})
    if missing:
        for t, v in zip(missing, embed.load().encode(missing)):
            cache[t] = v
    return np.stack([cache[t] for t in texts]) if texts else np.zeros((0, embed.DIM), dtype=np.float32)


def inputs(texts: list[str], cache: dict) -> Inputs:
    """Model inputs with gists and embeddings memoised in ``cache`` (keys: text, or ("gist", text))."""
    missing = sorted({t for t in texts if ("gist", t) not in cache})
    for t, g in zip(missing, classify.gists(missing)):
        cache[("gist", t)] = g
    gist_list = [cache[("gist", t)] for t in texts]
    return Inputs(list(texts), gist_list, embeddings(list(texts), cache), embeddings(gist_list, cache))


def labelled(examples: list[Example], scheme: str) -> list[Example]:
    return [e for e in examples if scheme in e.labels]


SOURCE_WEIGHT = {"plover-gsr": 1.0, "case2021": 1.0}  # in-domain benchmark examples may count for more than ours


def fit(examples: list[Example], scheme: str, cache: dict[str, np.ndarray] | None = None,
        c: float | None = None) -> Model:
    """A model for ``scheme`` from the examples labelled for it (NONE included as a class)."""
    from sklearn.linear_model import LogisticRegression

    cache = {} if cache is None else cache
    rows = sorted(labelled(examples, scheme), key=lambda e: (e.text, e.labels[scheme]))
    texts = [e.text for e in rows]
    y = [e.labels[scheme] for e in rows]
    data = inputs(texts, cache)
    text_terms, gist_terms = Tfidf.fit(texts), Tfidf.fit(data.gists or [], min_df=1)
    weights = dict(WEIGHTS)
    x = classify.features(data, text_terms, gist_terms, weights)
    labels = sorted(set(y))
    clf = LogisticRegression(C=c or C[scheme], class_weight="balanced", max_iter=5000, random_state=SEED)
    sample = np.array([SOURCE_WEIGHT.get(e.source, 1.0) for e in rows])
    clf.fit(x, [labels.index(v) for v in y], sample_weight=sample / sample.mean())
    coef, intercept = clf.coef_, clf.intercept_
    if len(labels) == 2:  # binary sklearn models keep one row; never the case here, but stay correct
        coef, intercept = np.vstack([-coef, coef]), np.array([-intercept[0], intercept[0]])
    counts = Counter(y)
    return Model(scheme, labels, coef.astype(np.float32), intercept.astype(np.float32), text_terms, gist_terms,
                 weights, {"trained_on": len(rows), "per_label": dict(sorted(counts.items())),
                           "sources": dict(sorted(Counter(e.source for e in rows).items())), "C": c or C[scheme]})


def all_examples() -> list[Example]:
    return classify.training_examples() + gsr_examples() + case_examples()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only run the leak check")
    parser.add_argument("--out", type=Path, default=classify.MODEL_FILE)
    args = parser.parse_args()
    np.random.seed(SEED)
    cache: dict = {}
    written = classify.training_examples()
    leaks = leak_check(written, cache)
    for cos, ours, theirs in leaks:
        print(f"LEAK {cos:.3f}\n  ours:  {ours}\n  bench: {theirs}")
    if leaks:
        sys.exit(f"{len(leaks)} written examples are paraphrases of benchmark text: rewrite them")
    if args.check:
        print(f"leak check passed: {len(written)} written examples, none within cosine {LEAK_COSINE} of a benchmark sentence")
        return
    examples = all_examples()
    started = time.time()
    models = {scheme: fit(examples, scheme, cache) for scheme in classify.SCHEMES}
    classify.save(models, args.out)
    for scheme, m in models.items():
        print(f"{scheme}: {len(m.labels)} labels, {m.meta['trained_on']} examples {json.dumps(m.meta['sources'])}")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
