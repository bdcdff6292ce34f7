"""Cross-document event coreference on ECB+ with given mentions, through `observatory link`'s code path.

ECB+ (Cybulska & Vossen 2014, CC BY 3.0) documents are detokenised into text with character offsets for each
event mention in a validated sentence (the standard evaluation); all documents of a part are linked as one
file,
with no topic given, and scored as one meta-document with singletons kept: MUC, B3, CEAF-e and their mean,
CoNLL F1. The tuning part is the ECB+ train topics, the locked part the dev topics (bench/splits).
Also reported in the same run: the same-head-lemma-within-topic baseline.

    .venv/bin/python bench/fusion.py                  # score both parts with the shipped model
    .venv/bin/python bench/fusion.py --fit            # refit the pairwise model on the tuning part, score
    .venv/bin/python bench/fusion.py --cv 5           # also the tuning figure by 5-fold cross-validation
    .venv/bin/python bench/fusion.py --errors 30      # also print linking errors (tuning part only)
    .venv/bin/python bench/fusion.py --speed 1000000  # fusing speed on that many synthetic stored events
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data  # noqa: E402

from observatory import fuse, link  # noqa: E402

FUSION = data.BENCH / "fusion"
NO_SPACE_BEFORE = {
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "%",
    ")",
    "]",
    "}",
    "'s",
    "n't",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
    "''",
    "'",
}
NO_SPACE_AFTER = {"(", "[", "{", "``", "$"}


def _rows(name: str) -> list[dict]:
    with gzip.open(FUSION / name, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def detokenise(sentences: list[dict]) -> tuple[str, dict[int, tuple[int, int]]]:
    """Text with one sentence per line and each token id's character span."""
    parts: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    pos = 0
    for s in sentences:
        if parts:
            parts.append("\n")
            pos += 1
        prev = None
        for k, tok in enumerate(s["tokens"]):
            text = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")"}.get(tok, tok)
            if prev is not None and tok not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER:
                parts.append(" ")
                pos += 1
            spans[s["first_t_id"] + k] = (pos, pos + len(text))
            parts.append(text)
            pos += len(text)
            prev = tok
    return "".join(parts), spans


def load() -> tuple[dict[str, list], dict[str, list], dict[str, str], dict[str, int]]:
    """Documents per part (link input), gold cluster per mention id, and topic per document."""
    docs = _rows("ecbplus_docs.dev.jsonl.gz")
    mentions = _rows("ecbplus_event_mentions.dev.jsonl.gz")
    locked = data.locked_ids("ecbplus")
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for m in mentions:
        if m["coref_validated_sentence"]:
            by_doc[m["doc_id"]].append(m)
    parts: dict[str, list] = {p: [] for p in data.PARTS}
    gold: dict[str, str] = {}
    topic: dict[str, int] = {}
    for d in docs:
        sentences = [s for s in d["sentences"] if not (d["doc_id"].endswith("plus") and s["sent"] == 0)]
        text, spans = detokenise(sentences)
        given = []
        for m in by_doc.get(d["doc_id"], []):
            ids = [t for t in m["t_ids"] if t in spans]
            if not ids:
                continue
            mid = f"{d['doc_id']}:{m['m_id']}"
            given.append(link.Mention(mid, spans[min(ids)][0], spans[max(ids)][1]))
            gold[mid] = m["cluster_id"]
        topic[d["doc_id"]] = d["topic"]
        part = "locked" if str(d["topic"]) in locked else "tuning"
        parts[part].append(link.Document(d["doc_id"], text, None, given))
    return parts, gold, {}, topic


# ----------------------------------------------------------------------------------------------------------
# Coreference scores (Pradhan et al. 2014's definitions), over mention id → cluster id maps


def _clusters(assign: dict[str, str]) -> list[set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for m, c in assign.items():
        out[c].add(m)
    return list(out.values())


def _f(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def muc(key: list[set[str]], response: list[set[str]]) -> tuple[float, float, float]:
    def side(a: list[set[str]], b: list[set[str]]) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    r, p = side(key, response), side(response, key)
    return p, r, _f(p, r)


def b3(key: list[set[str]], response: list[set[str]]) -> tuple[float, float, float]:
    k_of = {m: c for c in key for m in c}
    r_of = {m: c for c in response for m in c}
    ms = list(k_of)
    r = sum(len(k_of[m] & r_of[m]) / len(k_of[m]) for m in ms) / len(ms)
    p = sum(len(k_of[m] & r_of[m]) / len(r_of[m]) for m in r_of) / len(r_of)
    return p, r, _f(p, r)


def ceafe(key: list[set[str]], response: list[set[str]]) -> tuple[float, float, float]:
    from scipy.optimize import linear_sum_assignment
    from scipy.sparse import coo_matrix

    r_index = {m: j for j, c in enumerate(response) for m in c}
    rows, cols, vals = [], [], []
    for i, c in enumerate(key):
        overlap: dict[int, int] = defaultdict(int)
        for m in c:
            if m in r_index:
                overlap[r_index[m]] += 1
        for j, n in overlap.items():
            rows.append(i)
            cols.append(j)
            vals.append(2 * n / (len(c) + len(response[j])))
    sim = coo_matrix((vals, (rows, cols)), shape=(len(key), len(response))).toarray()
    ri, ci = linear_sum_assignment(-sim)
    total = sim[ri, ci].sum()
    r, p = total / len(key), total / len(response)
    return p, r, _f(p, r)


def score(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    key = _clusters({m: gold[m] for m in predicted})
    response = _clusters(predicted)
    out = {}
    for name, fn in (("muc", muc), ("b3", b3), ("ceafe", ceafe)):
        out[name] = round(fn(key, response)[2], 4)
    out["conll"] = round((out["muc"] + out["b3"] + out["ceafe"]) / 3, 4)
    return out


# ----------------------------------------------------------------------------------------------------------


def lemma_baseline(reports: list[fuse.Report], topic: dict[str, int]) -> dict[str, str]:
    """Mentions whose head lemmas are the same, within a gold topic, are one cluster."""
    return {r.id: f"{topic[r.doc]}|{r.lemma or r.id}" for r in reports}


def cluster_reports(
    docs: list, reports: list[fuse.Report], groups: list[int] | None = None
) -> dict[str, str]:
    return link.link_reports(docs, reports, groups)


def pairs(reports: list[fuse.Report], gold: dict[str, str]) -> tuple[np.ndarray, np.ndarray]:
    """Pairwise features and labels of every compared pair (mentions of one document group)."""
    X, y = [], []
    by_group: dict[int, list[fuse.Report]] = defaultdict(list)
    for r in reports:
        by_group[r.group].append(r)
    for members in by_group.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                X.append(fuse.features(a, b))
                y.append(int(gold[a.id] == gold[b.id]))
    return np.array(X), np.array(y)


PAIR_SMOOTHING = 10.0  # pairs of prior weight in the lemma-pair rate
PAIR_KEPT_UNLINKED = 5  # a lemma pair never seen coreferent is kept when seen this often (strong evidence)


def pair_counts(reports: list[fuse.Report], gold: dict[str, str], topic: dict[str, int]) -> dict[int, dict]:
    """Per gold topic: (lemma, lemma), sorted → [coreferent pairs, pairs] over its mentions of different
    sentences."""
    by_topic: dict[int, list[fuse.Report]] = defaultdict(list)
    for r in reports:
        if r.lemma and len(r.lemma.split()) == 1:
            by_topic[topic[r.doc]].append(r)
    out: dict[int, dict] = {}
    for t, members in by_topic.items():
        counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a.sentence is not None and a.sentence == b.sentence:
                    continue
                c = counts[(a.lemma, b.lemma) if a.lemma <= b.lemma else (b.lemma, a.lemma)]
                c[0] += gold[a.id] == gold[b.id]
                c[1] += 1
        out[t] = dict(counts)
    return out


def pair_table(per_topic: dict[int, dict], but: int | None = None) -> dict[tuple[str, str], tuple[int, int]]:
    """The counts of all topics (or all but one), without the rare pairs never seen coreferent."""
    total: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for t, counts in per_topic.items():
        if t != but:
            for key, (together, seen) in counts.items():
                total[key][0] += together
                total[key][1] += seen
    return {k: (c[0], c[1]) for k, c in total.items() if c[0] or k[0] == k[1] or c[1] >= PAIR_KEPT_UNLINKED}


def pair_prior(per_topic: dict[int, dict]) -> dict[str, float]:
    sums = {"same": [0, 0], "different": [0, 0]}
    for counts in per_topic.values():
        for (a, b), (together, seen) in counts.items():
            s = sums["same" if a == b else "different"]
            s[0] += together
            s[1] += seen
    return {k: round(s[0] / max(1, s[1]), 4) for k, s in sums.items()}


def fit(reports: list[fuse.Report], gold: dict[str, str], docs: list) -> dict:
    """Logistic regression of coreference on the pairwise features. The weights of the structured features
    ECB+ hardly has (event type, a place and a date both resolved) stay at the model's stated priors and enter
    as a fixed offset; so does that of two reports in one document, since an ECB+ document retells its one
    happening while a news article often tells several of one kind. The rest are fitted."""
    from scipy.optimize import minimize

    X, y = pairs(reports, gold)
    # the fusion stage compares stored events without their context embedding: the same pairs again with it
    # missing teach the model what its absence means
    ctx, no_ctx = fuse.FEATURES.index("context"), fuse.FEATURES.index("no_context")
    blind = X.copy()
    blind[:, ctx], blind[:, no_ctx] = 0.0, 1.0
    blind[:, fuse.FEATURES.index("in_context")] = 0.0
    for name in ("lemma", "word"):
        blind[:, fuse.FEATURES.index(name + "_blind")] = blind[:, fuse.FEATURES.index(name)]
    X, y = np.vstack([X, blind]), np.concatenate([y, y])
    model = dict(fuse.model())
    fixed = model.get("fixed", {})
    free = [i for i, f in enumerate(fuse.FEATURES) if f not in fixed]
    offset = sum(X[:, fuse.FEATURES.index(f)] * w for f, w in fixed.items())
    Xf = X[:, free]
    l2 = 1.0 / len(y)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = Xf @ theta[:-1] + theta[-1] + offset
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        value = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + l2 * theta[:-1] @ theta[:-1]
        grad = np.concatenate([Xf.T @ (p - y) / len(y) + 2 * l2 * theta[:-1], [np.mean(p - y)]])
        return value, grad

    theta = minimize(loss, np.zeros(len(free) + 1), jac=True, method="L-BFGS-B").x
    weights = [0.0] * len(fuse.FEATURES)
    for i, w in zip(free, theta[:-1]):
        weights[i] = round(float(w), 4)
    for f, w in fixed.items():
        weights[fuse.FEATURES.index(f)] = w
    model["features"] = list(fuse.FEATURES)
    model["weights"] = weights
    model["bias"] = round(float(theta[-1]), 4)
    print(f"fitted on {len(y)} pairs ({int(y.sum())} coreferent)", file=sys.stderr)
    return model


DOC_THRESHOLDS = (0.1, 0.15, 0.2, 0.25)
THRESHOLDS = [round(float(t), 2) for t in np.arange(0.2, 0.81, 0.05)]


def grid(docs: list, reps: list[fuse.Report], gold: dict[str, str]) -> tuple[float, float, str, float]:
    """(CoNLL F1, threshold, linkage, document threshold) of the best clustering settings under the current
    model: each group's similarities computed once per document threshold, then cut at every threshold
    (the same clustering as fuse.cluster)."""
    from scipy.cluster.hierarchy import fcluster, linkage

    best = None
    for doc_threshold in DOC_THRESHOLDS:
        link.assign_groups(docs, reps, link.document_groups(docs, doc_threshold))
        by_group: dict[int, list[fuse.Report]] = defaultdict(list)
        for r in reps:
            by_group[r.group].append(r)
        distances = {
            g: np.array([1.0 - fuse.similarity(a, b) for i, a in enumerate(ms) for b in ms[i + 1 :]])
            for g, ms in by_group.items()
            if len(ms) > 1
        }
        for method in ("average", "single"):
            trees = {g: linkage(d, method=method) for g, d in distances.items()}
            for threshold in THRESHOLDS:
                predicted = {}
                for g, ms in by_group.items():
                    labels = (
                        fcluster(trees[g], t=1.0 - threshold, criterion="distance") if g in trees else [0]
                    )
                    predicted.update((r.id, f"g{g}-c{label}") for r, label in zip(ms, labels))
                conll = score(gold, predicted)["conll"]
                print(f"{doc_threshold} {method} {threshold:.2f}: {conll}", file=sys.stderr)
                if best is None or conll > best[0]:
                    best = (conll, threshold, method, doc_threshold)
    return best


def fit_all(
    docs: list, reps: list[fuse.Report], gold: dict[str, str], topic: dict[str, int]
) -> tuple[dict, dict[tuple[str, str], tuple[int, int]]]:
    """The pairwise model (weights, threshold, linkage, document threshold) and the lemma-pair table, fitted
    on these documents alone. While the weights and thresholds are fitted, a mention's lemma pairs are
    counted without its own topic (as for a story never seen)."""
    link.assign_groups(docs, reps, link.document_groups(docs))
    per_topic = pair_counts(reps, gold, topic)
    fuse._MODEL_OVERRIDE = dict(fuse.model(), pair_prior=pair_prior(per_topic), pair_smoothing=PAIR_SMOOTHING)
    held_out = {t: pair_table(per_topic, but=t) for t in per_topic}
    shipped_pair = fuse.lemma_pair
    fuse.lemma_pair = lambda a, b, table=None: shipped_pair(a, b, held_out.get(topic[a.doc], {}))
    try:
        model = fit(reps, gold, docs)
        fuse._MODEL_OVERRIDE = model
        _conll, model["threshold"], model["linkage"], model["doc_threshold"] = grid(docs, reps, gold)
    finally:
        fuse._MODEL_OVERRIDE, fuse.lemma_pair = None, shipped_pair
    return model, pair_table(per_topic)


def cross_validate(
    docs: list, reps: list[fuse.Report], gold: dict[str, str], topic: dict[str, int], k: int
) -> dict[str, float]:
    """The tuning part's figure by k-fold cross-validation over its topics: each fold linked with a model and
    lemma-pair table fitted on the other folds alone, the folds' links scored together."""
    import random

    topics = sorted({topic[d.id] for d in docs})
    random.Random(0).shuffle(topics)
    predicted: dict[str, str] = {}
    shipped_pair = fuse.lemma_pair
    for i in range(k):
        held = set(topics[i::k])
        train = [d for d in docs if topic[d.id] not in held]
        model, table = fit_all(train, [r for r in reps if topic[r.doc] not in held], gold, topic)
        test = [d for d in docs if topic[d.id] in held]
        fuse._MODEL_OVERRIDE = model
        fuse.lemma_pair = lambda a, b, table_=None: shipped_pair(a, b, table)
        try:
            links = link.link_reports(test, [r for r in reps if topic[r.doc] in held])
        finally:
            fuse._MODEL_OVERRIDE, fuse.lemma_pair = None, shipped_pair
        print(f"fold {i}: {score(gold, links)}", file=sys.stderr)
        predicted.update((m, f"f{i}-{c}") for m, c in links.items())
    return score(gold, predicted)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--fit", action="store_true", help="refit the pairwise model on the tuning part and save it"
    )
    ap.add_argument(
        "--cache", help="pickle of the parsed reports: read if present, else written (for refitting)"
    )
    ap.add_argument(
        "--speed",
        type=int,
        help="time fusion of this many synthetic stored events, then of a new "
        "batch of 1,000 articles' events, against reading the events back (same run)",
    )
    ap.add_argument(
        "--cv", type=int, default=0, help="also score the tuning part by this many folds of cross-validation"
    )
    ap.add_argument("--errors", type=int, default=0, help="print this many linking errors of the tuning part")
    args = ap.parse_args()

    if args.speed:
        speed(args.speed)
        return
    from observatory import embed

    parts, gold, _, topic = load()
    encoder = embed.load()
    results = {}
    cache = {}
    t0 = time.perf_counter()
    import pickle

    if args.cache and Path(args.cache).exists():
        reports_of = pickle.loads(Path(args.cache).read_bytes())
    else:
        reports_of = {part: link.reports(parts[part], encoder) for part in ("tuning", "locked")}
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps(reports_of))
    for part in ("tuning", "locked"):
        docs = parts[part]
        cache[part] = (docs, reports_of[part], link.document_groups(docs))
    prep = time.perf_counter() - t0
    if args.fit:
        docs, reps, _groups = cache["tuning"]
        model, table = fit_all(docs, reps, gold, topic)
        lines = [f"{a}\t{b}\t{c[0]}\t{c[1]}" for (a, b), c in sorted(table.items())]
        header = (
            "# lemma\tlemma\tcoreferent pairs\tpairs: ECB+ train topics (CC BY 3.0), bench/fusion.py --fit\n"
        )
        (fuse.DATA / "fusion_lemma_pairs.tsv").write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
        fuse.lemma_pairs.cache_clear()
        (fuse.DATA / "fusion_model.json").write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        fuse._shipped_model.cache_clear()
    if args.cv:
        docs, reps, _groups = cache["tuning"]
        results["tuning_cv"] = cross_validate(docs, reps, gold, topic, args.cv)
    for part in ("tuning", "locked"):
        docs, reps, _groups = cache[part]
        groups = link.document_groups(docs)
        t1 = time.perf_counter()
        predicted = link.link_reports(docs, reps, groups)
        took = time.perf_counter() - t1
        results[part] = {
            "docs": len(docs),
            "mentions": len(predicted),
            "observatory": score(gold, predicted),
            "lemma_in_topic_baseline": score(gold, lemma_baseline(reps, topic)),
            "cluster_seconds": round(took, 2),
        }
        if part == "tuning" and args.errors:
            show_errors(reps, gold, predicted, args.errors)
    results["parse_and_embed_seconds"] = round(prep, 1)
    print(json.dumps(results, indent=1))


def evaluate() -> dict[str, float]:
    """CoNLL F1 of each part with the shipped model, for the eval gate: the locked part's as
    fusion_conll_f1, the tuning part's as tuning_fusion_conll_f1."""
    from observatory import embed

    parts, gold, _, _topic = load()
    encoder = embed.load()
    figures = {}
    for part in ("locked", "tuning"):
        docs = parts[part]
        predicted = link.link_reports(docs, link.reports(docs, encoder), link.document_groups(docs))
        figures[("tuning_" if part == "tuning" else "") + "fusion_conll_f1"] = score(gold, predicted)["conll"]
    return figures


# ----------------------------------------------------------------------------------------------------------
# Fusing speed on synthetic stored events

EVENTS_PER_ARTICLE = 5
REPORTED_AGAIN = 0.3  # share of events that re-report an earlier happening from another outlet


def synthetic(n_events: int, seed: int = 0, first_day: int = 0) -> list:
    """Pipeline results of made-up articles: events spread over hot spots, three years, the lexicon's
    types and triggers and a pool of actors; some re-report an earlier happening (another outlet, another
    day's story)."""
    import random
    from datetime import date as Date

    from observatory import events as ev
    from observatory import pipeline
    from observatory.model import Actor, Article, Event, Place

    rng = random.Random(seed)
    lexicon = [(trig, t.event_type, t.mode) for (trig, _pos), t in ev.trigger_lexicon().items()]
    spots = [(rng.uniform(-35, 60), rng.uniform(-20, 120), f"C{k % 150:03d}") for k in range(3000)]
    actors = [(f"Group {k}", f"C{k % 150:03d}") for k in range(2000)]
    start = Date(2020, 1, 1).toordinal() + first_day
    results, happened = [], []
    n_articles = n_events // EVENTS_PER_ARTICLE
    for a in range(n_articles):
        day = start + int(a * 1095 / max(1, n_articles)) if not first_day else start + rng.randint(0, 6)
        article = Article(
            id=f"s{seed}-a{a}",
            text=f"synthetic article {seed} {a}",
            source=f"outlet{rng.randint(0, 300)}",
            published=Date.fromordinal(day).isoformat(),
        )
        found = []
        for k in range(EVENTS_PER_ARTICLE):
            if happened and rng.random() < REPORTED_AGAIN:
                trig, etype, mode, lat, lon, country, actor, when = rng.choice(happened[-5000:])
            else:
                trig, etype, mode = rng.choice(lexicon)
                lat, lon, country = rng.choice(spots)
                lat, lon = lat + rng.uniform(-0.1, 0.1), lon + rng.uniform(-0.1, 0.1)
                actor, when = rng.choice(actors), day - rng.randint(0, 2)
                happened.append((trig, etype, mode, lat, lon, country, actor, when))
            iso = Date.fromordinal(when).isoformat()
            found.append(
                Event(
                    article_id=article.id,
                    event_type=etype,
                    trigger=trig,
                    sentence=f"{actor[0]} {trig}.",
                    sent_start=k * 100,
                    sent_end=k * 100 + 50,
                    trigger_start=k * 100 + 10,
                    mode=mode or None,
                    actor=Actor(actor[0], actor[0], actor[1], "REB"),
                    location=Place("Town", 0, 4, "Town", country, None, lat, lon, None, "PPL", "point"),
                    date={"text": "on Monday", "value": iso, "start": iso, "end": iso, "precision": "day"},
                )
            )
        results.append(pipeline.Result(article, found, [], []))
    return results


def speed(n_events: int) -> None:
    import tempfile

    from observatory import incidents
    from observatory.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "speed.sqlite")
        t0 = time.perf_counter()
        batch = synthetic(n_events)
        for i in range(0, len(batch), 2000):
            store.save(batch[i : i + 2000])
        stored = time.perf_counter() - t0
        t0 = time.perf_counter()
        n = sum(1 for rec in store.query() if rec)
        read = time.perf_counter() - t0
        t0 = time.perf_counter()
        done = incidents.refuse(store)
        full = time.perf_counter() - t0
        new = synthetic(EVENTS_PER_ARTICLE * 1000, seed=1, first_day=900)
        store.save(new)
        t0 = time.perf_counter()
        added = incidents.fuse_articles(store, [r.article.id for r in new])
        incremental = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "stored_events": n,
                "incidents": done["incidents"],
                "store_seconds": round(stored, 1),
                "read_back_seconds (baseline)": round(read, 1),
                "refuse_seconds": round(full, 1),
                "refuse / read_back": round(full / read, 2),
                "new_batch": {
                    "articles": len(new),
                    "events": added["events"],
                    "incidents_touched": added["incidents"],
                    "seconds": round(incremental, 2),
                },
            },
            indent=1,
        )
    )


def show_errors(reports: list[fuse.Report], gold: dict[str, str], predicted: dict[str, str], n: int) -> None:
    """Wrongly split and wrongly merged pairs of the tuning part, with their features."""
    import random

    rng = random.Random(0)
    by_gold: dict[str, list[fuse.Report]] = defaultdict(list)
    for r in reports:
        by_gold[gold[r.id]].append(r)
    split, merged = [], []
    for members in by_gold.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if predicted[a.id] != predicted[b.id]:
                    split.append((a, b))
    by_pred: dict[str, list[fuse.Report]] = defaultdict(list)
    for r in reports:
        by_pred[predicted[r.id]].append(r)
    for members in by_pred.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if gold[a.id] != gold[b.id]:
                    merged.append((a, b))
    print(f"split pairs {len(split)}, merged pairs {len(merged)}", file=sys.stderr)
    for kind, items in (("SPLIT", split), ("MERGED", merged)):
        for a, b in rng.sample(items, min(n, len(items))):
            f = dict(zip(fuse.FEATURES, (round(x, 2) for x in fuse.features(a, b))))
            print(
                kind,
                a.id,
                a.lemma,
                sorted(a.actors),
                sorted(a.recipients),
                "|",
                b.id,
                b.lemma,
                sorted(b.actors),
                sorted(b.recipients),
                f,
                file=sys.stderr,
            )


if __name__ == "__main__":
    main()
