"""Train the learned event classifiers (PLOVER 2.0, CAMEO roots, ACLED sub-event types) and write
src/observatory/data/models/classifier.npz.

    .venv/bin/python scripts/train_classifier.py            # train on the tuning parts, write the model
    .venv/bin/python scripts/train_classifier.py --check    # only the leak check of the written examples

Training material, per scheme (see src/observatory/data/training/README.md):
  - the examples written for this project, data/training/*.txt (all three schemes, and "no event");
  - PLOVER: the tuning part of the PLOVER gold-standard records (../shared/bench/events/plover-gsr-dev.json,
    mapped to 2.0);
  - ACLED: the tuning part of the CASE 2021 task 2 dev snippets (25 ACLED labels; the 5 non-ACLED labels as
    "no event");
  - PLOVER, auxiliary: the ConfliBERT CAMEO sentences
    (../shared/bench/events/conflibert-cameo_class_train.tsv), their tuning part, weakly labelled: a model
    trained on the written examples alone picks, for each sentence, the most probable PLOVER type among those
    its 5-way label allows (``QUAD_PLOVER``); they count AUX_WEIGHT each. They put wire-style news sentences
    into training, which the short written examples lack. Sentences within LEAK_COSINE of any PLOVER or CASE
    benchmark text (tuning or locked) are dropped, so neither the cross-validated tuning figures nor the
    locked ones see a paraphrase of their own texts. They are not CAMEO training data: bench/classify_eval.py
    still reads the CAMEO model against them as never-trained sentences.
  - PLOVER, quad prior: a 5-way model (plus "no event") of the same ConfliBERT sentences with their own label
    and the written examples by the quad of their CAMEO root, shipped inside the PLOVER model
    (``Model.prior``), which multiplies each type's probability by p(its quad)^QUAD_BETA.
  - PLOVER, tuned encoder: the top two MiniLM layers fine-tuned with torch on all the above at once, one head
    per scheme (scripts/tune_encoder.py); the PLOVER head's probabilities are mixed into the linear model's
    (TUNED_MIX).
The locked part of every dev set (bench/splits/, read with bench/data.py) is never trained on: it is the
held-out test of the shipped model in bench/classify_eval.py, which reports the tuning part by grouped
cross-validation, training each fold with this script's `fit` on everything but that fold. Without ../shared
the model is built from the written examples alone (and says so in its metadata).

Deterministic: fixed seeds, sorted inputs, lbfgs; needs scikit-learn and torch (requirements-train.txt;
training only, never at run time).
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
sys.path.insert(0, str(ROOT / "scripts"))

from observatory import classify, embed  # noqa: E402
from observatory.classify import NONE, Example, Inputs, Model, Tfidf  # noqa: E402

SEED = 13
C = {"plover": 4.0, "cameo": 4.0, "acled": 4.0}
WEIGHTS = dict(classify.DEFAULT_WEIGHTS)
LEAK_COSINE = 0.8  # a written example this close to a benchmark text is a paraphrase of it: refuse to train


# ------------------------------------------------------------------------------------------------------------
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
    """Union-find over token-set Jaccard >= threshold: near-duplicate texts share a group (and a CV fold)."""
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


def gsr_examples(part: str = "tuning") -> list[Example]:
    """The PLOVER gold records of ``part`` ("tuning", the only training part; "locked", the held-out test)."""
    data = _bench()
    if data is None:
        return []
    records = data.split("plover-gsr", data.plover_gsr(), lambda r: r["id"])[part]
    groups = group_near_duplicates([r["text"] for r in records])
    return [
        Example(r["text"], {"plover": r["plover2"]}, source="plover-gsr", group=f"gsr:{g}")
        for r, g in zip(records, groups)
    ]


CASE_NON_ACLED = {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}


def case_examples(part: str = "tuning") -> list[Example]:
    """The CASE 2021 snippets of ``part`` ("tuning", the only training part; "locked", the held-out test)."""
    data = _bench()
    if data is None:
        return []
    rows = data.split("case2021", data.case2021(), lambda r: r["id"])[part]
    groups = group_near_duplicates([r["text"] for r in rows])
    out = []
    for r, g in zip(rows, groups):
        label = data.CASE_TO_ACLED.get(r["label"], NONE if r["label"] in CASE_NON_ACLED else None)
        if label is not None:
            out.append(Example(r["text"], {"acled": label}, source="case2021", group=f"case:{g}"))
    return out


# ConfliBERT's 5-way label (see data/training/README.md) → the PLOVER 2.0 types of the CAMEO roots it groups;
# "-" is CAMEO 01 (statements: no PLOVER event)
QUAD_PLOVER = {
    0: {NONE, "REQUEST"},
    1: {"AGREE", "CONSULT", "SUPPORT"},
    2: {"COOPERATE", "AID", "CONCEDE", "RETREAT"},
    3: {"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SANCTION"},
    4: {"PROTEST", "MOBILIZE", "COERCE", "ASSAULT"},
}
AUX_WEIGHT = 0.3  # a weakly labelled ConfliBERT sentence counts this much against a written or gold example


def conflibert_rows() -> list[tuple[str, int]]:
    """Every ConfliBERT row (text, 5-way label), in file order: the row number is its id in bench/splits."""
    data = _bench()
    if data is None:
        return []
    path = data.BENCH / "events" / "conflibert-cameo_class_train.tsv"
    if not path.exists():
        return []
    rows = [line.rsplit("\t", 1) for line in path.read_text(encoding="utf-8").splitlines() if "\t" in line]
    return [(text, int(label)) for text, label in rows]


def conflibert_kept(cache: dict) -> list[tuple[int, str, int]]:
    """(row number, text, 5-way label) of the ConfliBERT sentences of the tuning part none within LEAK_COSINE
    of a PLOVER gold or CASE text of either part (they would leak into the CV and the locked figures);
    memoised in ``cache``."""
    if ("conflibert-kept",) not in cache:
        rows = conflibert_rows()
        kept = []
        if rows:
            data = _bench()
            locked = data.locked_ids("conflibert-cameo")
            texts = [t for t, _q in rows]
            bench = [e.text for part in data.PARTS for e in gsr_examples(part) + case_examples(part)]
            near = (embeddings(texts, cache) @ embeddings(bench, cache).T).max(1) >= LEAK_COSINE
            kept = [(k, t, q) for k, (t, q) in enumerate(rows) if not near[k] and str(k) not in locked]
        cache[("conflibert-kept",)] = kept
    return cache[("conflibert-kept",)]


def conflibert_examples(written: list[Example], cache: dict) -> list[Example]:
    """The kept ConfliBERT sentences with a PLOVER label read off a model of the written examples, constrained
    by their 5-way label."""
    rows = conflibert_kept(cache)
    if not rows:
        return []
    model = _fit(written, "plover", cache)
    proba = model.proba(inputs([t for _k, t, _q in rows], cache))
    out = []
    for (k, text, quad), row in zip(rows, proba):
        allowed = [i for i, label in enumerate(model.labels) if label in QUAD_PLOVER[quad]]
        best = allowed[int(row[allowed].argmax())]
        out.append(
            Example(text, {"plover": model.labels[best]}, source="conflibert", group=f"conflibert:{k}")
        )
    return out


def quad_examples(written: list[Example], cache: dict) -> list[Example]:
    """Training for the quad prior of the PLOVER model: the kept ConfliBERT sentences with their own 5-way
    label, and the written examples by the quad of their CAMEO root (NONE for those with no CAMEO event)."""
    out = [
        Example(t, {"quad": str(q)}, source="conflibert-quad", group=f"conflibert:{k}")
        for k, t, q in conflibert_kept(cache)
    ]
    for e in written:
        if e.source in WRITTEN_SOURCES and "cameo" in e.labels:
            root = e.labels["cameo"]
            out.append(
                Example(
                    e.text,
                    {"quad": NONE if root == NONE else classify.quad_of_root(root)},
                    source=e.source,
                    group=e.group,
                )
            )
    return out


def training_set(cache: dict) -> list[Example]:
    """What every model trains on besides the benchmark dev sets: the written examples and the weakly labelled
    ConfliBERT sentences (both independent of the benchmark records, so usable in every CV fold)."""
    written = classify.training_examples()
    return written + conflibert_examples(written, cache)


def benchmark_texts() -> list[str]:
    """Every benchmark text, split into sentences, for the leak check."""
    data = _bench()
    if data is None:
        return []
    texts = [r["text"] for r in data.plover_gsr()] + [r["text"] for r in data.case2021()]
    path = data.BENCH / "events" / "conflibert-cameo_class_train.tsv"
    texts += [
        line.rsplit("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines() if "\t" in line
    ]
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


# ------------------------------------------------------------------------------------------------------------
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


def training_rows(examples: list[Example], scheme: str) -> tuple[list[Example], np.ndarray]:
    """The examples labelled for ``scheme`` in a fixed order (fits are deterministic), weighted by source."""
    rows = sorted(labelled(examples, scheme), key=lambda e: (e.text, e.labels[scheme]))
    return rows, np.array([SOURCE_WEIGHT.get(e.source, 1.0) for e in rows])


SOURCE_WEIGHT = {"plover-gsr": 1.0, "case2021": 1.0, "conflibert": AUX_WEIGHT}  # per example, by source
WRITTEN_SOURCES = {p.stem for p in classify.TRAINING_DIR.glob("*.txt")}
QUAD_BETA = 0.5  # the PLOVER model's probabilities are reweighted by p(quad)^QUAD_BETA (0: no quad prior)
QUAD_C = 4.0
TUNED_MIX = (
    0.6  # the PLOVER model mixes in a fine-tuned encoder's probabilities this much (0: none; needs torch)
)
# a scheme's model mixes in naive Bayes models over all its training terms, words or characters, this much;
# the terms variant, which types every sentence in extract, reads no character n-grams
BAYES_MIX = {"full": {"acled": {"words": 0.15, "chars": 0.25}}, "terms": {"acled": {"words": 0.2}}}
BAYES_ALPHA = 0.03  # the naive Bayes's additive smoothing
BAYES_MAX_TERMS = 200_000


def fit(
    examples: list[Example],
    scheme: str,
    cache: dict[str, np.ndarray] | None = None,
    c: float | None = None,
    variant: str = "full",
) -> Model:
    """A model for ``scheme`` from the examples labelled for it (NONE included as a class); the PLOVER model
    gets its quad prior, trained on ``quad_examples`` of the written examples among ``examples``, and in the
    full variant its tuned encoder. The "terms" variant gives the embedding views no weight
    (classify.VARIANTS)."""
    cache = {} if cache is None else cache
    weights = (
        dict(WEIGHTS) if variant == "full" else {**WEIGHTS, "text_embedding": 0.0, "gist_embedding": 0.0}
    )
    model = _fit(examples, scheme, cache, c, weights)
    for analyzer, mix in BAYES_MIX[variant].get(scheme, {}).items():
        model.bayes.append(_fit_bayes(examples, scheme, model.labels, analyzer))
        model.bayes_mix.append(mix)
    quad = quad_examples(examples, cache) if scheme == "plover" else []
    if scheme == "plover" and QUAD_BETA:
        key = ("quad-model", variant, hash(tuple(sorted((e.text, e.labels["quad"]) for e in quad))))
        if key not in cache:
            cache[key] = _fit(quad, "quad", cache, QUAD_C, weights)
        model.prior, model.prior_beta = cache[key], QUAD_BETA
    if scheme == "plover" and TUNED_MIX and variant == "full":
        import tune_encoder

        model.tuned = tune_encoder.tune(examples + quad, scheme, cache, TUNED_MIX)
    return model


def _fit(
    examples: list[Example],
    scheme: str,
    cache: dict,
    c: float | None = None,
    weights: dict[str, float] | None = None,
) -> Model:
    from sklearn.linear_model import LogisticRegression

    rows, sample = training_rows(examples, scheme)
    texts = [e.text for e in rows]
    y = [e.labels[scheme] for e in rows]
    data = inputs(texts, cache)
    text_terms, gist_terms = Tfidf.fit(texts), Tfidf.fit(data.gists or [], min_df=1)
    weights = dict(WEIGHTS if weights is None else weights)
    x = classify.features(data, text_terms, gist_terms, weights)
    labels = sorted(set(y))
    clf = LogisticRegression(C=c or C[scheme], class_weight="balanced", max_iter=5000, random_state=SEED)
    clf.fit(x, [labels.index(v) for v in y], sample_weight=sample / sample.mean())
    coef, intercept = clf.coef_, clf.intercept_
    if len(labels) == 2:  # binary sklearn models keep one row; never the case here, but stay correct
        coef, intercept = np.vstack([-coef, coef]), np.array([-intercept[0], intercept[0]])
    counts = Counter(y)
    return Model(
        scheme,
        labels,
        coef.astype(np.float32),
        intercept.astype(np.float32),
        text_terms,
        gist_terms,
        weights,
        {
            "trained_on": len(rows),
            "per_label": dict(sorted(counts.items())),
            "sources": dict(sorted(Counter(e.source for e in rows).items())),
            "C": c or C[scheme],
        },
    )


def _fit_bayes(examples: list[Example], scheme: str, labels: list[str], analyzer: str = "words") -> Model:
    """A multinomial naive Bayes over the TF-IDF of every term (``analyzer``: word uni/bigrams or character
    n-grams) of the training texts, even those seen once, which the logistic model's vocabulary leaves out, as
    a linear Model of the text_terms view alone. Its coefficients are the log term probabilities centred per
    term (the same probabilities, and small enough to store as int8)."""
    from scipy.sparse import csr_matrix
    from sklearn.naive_bayes import MultinomialNB

    rows, sample = training_rows(examples, scheme)
    texts = [e.text for e in rows]
    terms = Tfidf.fit(texts, min_df=1, max_terms=BAYES_MAX_TERMS, analyzer=analyzer)
    lengths, columns, values = terms.rows(texts)
    x = csr_matrix(
        (values, columns, np.concatenate([[0], np.cumsum(lengths)])), (len(texts), len(terms.vocabulary))
    )
    nb = MultinomialNB(alpha=BAYES_ALPHA).fit(
        x, [labels.index(e.labels[scheme]) for e in rows], sample_weight=sample
    )
    log_prob = nb.feature_log_prob_ - nb.feature_log_prob_.mean(0)
    dim = embed.DIM
    coef = np.hstack([np.zeros((len(labels), dim)), log_prob, np.zeros((len(labels), dim))]).astype(
        np.float32
    )
    weights = {view: float(view == "text_terms") for view in classify.VIEWS}
    return Model(
        scheme,
        list(labels),
        coef,
        nb.class_log_prior_.astype(np.float32),
        terms,
        Tfidf([], []),
        weights,
        {"trained_on": len(rows), "alpha": BAYES_ALPHA, "analyzer": analyzer},
    )


def far_from_locked(examples: list[Example], cache: dict) -> list[Example]:
    """``examples`` less those within LEAK_COSINE of a locked PLOVER or CASE text (a near-duplicate report of
    the same happening would carry the held-out label into training)."""
    locked = [e.text for e in gsr_examples("locked") + case_examples("locked")]
    if not examples or not locked:
        return examples
    near = (embeddings([e.text for e in examples], cache) @ embeddings(locked, cache).T).max(1) >= LEAK_COSINE
    return [e for e, n in zip(examples, near) if not n]


def all_examples(cache: dict | None = None) -> list[Example]:
    """Everything the shipped models train on: no record of a locked part, nor a near-duplicate of one."""
    cache = {} if cache is None else cache
    return training_set(cache) + far_from_locked(gsr_examples("tuning") + case_examples("tuning"), cache)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only run the leak check")
    parser.add_argument(
        "--out", type=Path, default=classify.MODEL_FILE.parent, help="directory for the model files"
    )
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
        print(
            (
                f"leak check passed: {len(written)} written examples, none within cosine {LEAK_COSINE} "
                "of a benchmark sentence"
            )
        )
        return
    started = time.time()
    examples = all_examples(cache)
    for variant in classify.VARIANTS:
        models = {scheme: fit(examples, scheme, cache, variant=variant) for scheme in classify.SCHEMES}
        out = args.out / classify.MODEL_FILES[variant].name
        classify.save(models, out)
        for scheme, m in models.items():
            print(
                (
                    f"{variant} {scheme}: {len(m.labels)} labels, {m.meta['trained_on']} examples "
                    f"{json.dumps(m.meta['sources'])}"
                )
            )
        print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
