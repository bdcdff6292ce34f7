"""Event-coding benchmark: PLOVER type accuracy and actor-country F1 on the PLOVER gold records (mapped to 2.0),
extra events per gold event, ACLED weighted F1 on the CASE 2021 task 2 dev snippets (the 25 ACLED labels), and
the share of CASE disaster snippets (natural or man-made: no political event) that yield no event."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import data  # noqa: E402

from observatory import pipeline, readers  # noqa: E402

ACLED_LABELS = set(data.CASE_TO_ACLED)


def _main(events):
    return max(events, key=lambda e: e.confidence) if events else None


def plover() -> dict[str, float]:
    gold = data.plover_gsr()
    articles = [readers.make_article(r["text"], id=r["id"], published=r.get("date")) for r in gold]
    correct = extra = with_events = 0
    tp = fp = fn = 0
    confusion: Counter[str] = Counter()
    for record, result in zip(gold, pipeline.run(articles)):
        main = _main(result.events)
        predicted = main.event_type if main else None
        correct += predicted == record["plover2"]
        if predicted != record["plover2"]:
            confusion[f"{record['plover2']}→{predicted}"] += 1
        with_events += bool(result.events)
        extra += max(0, len(result.events) - 1)
        parties = [p for key in ("source", "target") for p in (record.get(key) or []) if isinstance(p, dict)]
        gold_codes = {data.CAMEO_TO_OBSERVATORY.get(c, c) for p in parties if p.get("code") for c in [p["code"][:3]]}
        pred_codes = {data.TRANSNATIONAL_GROUPS.get(a.country, a.country[:3])
                      for e in result.events[:1] + ([main] if main else []) for a in (e.actor, e.recipient)
                      if a and a.country}
        tp += len(gold_codes & pred_codes)
        fp += len(pred_codes - gold_codes)
        fn += len(gold_codes - pred_codes)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    out = {"plover_type_accuracy": correct / len(gold), "plover_event_recall": with_events / len(gold),
           "plover_actor_country_f1": 2 * p * r / (p + r) if p + r else 0.0,
           "plover_extra_events_per_gold": extra / len(gold)}
    out.update({f"plover_confusion[{k}]": v for k, v in confusion.most_common(8)})
    return out


def weighted_f1(gold: list[str], pred: list[str]) -> float:
    labels = Counter(gold)
    total = 0.0
    for label, support in labels.items():
        tp = sum(g == p == label for g, p in zip(gold, pred))
        fp = sum(p == label and g != label for g, p in zip(gold, pred))
        fn = support - tp
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        total += support * (2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return total / len(gold)


def case() -> dict[str, float]:
    rows = [r for r in data.case2021() if r["label"] in ACLED_LABELS]
    back = {v: k for k, v in data.CASE_TO_ACLED.items()}
    articles = [readers.make_article(r["text"], id=r["id"]) for r in rows]
    gold, pred = [], []
    for row, result in zip(rows, pipeline.run(articles)):
        coded = [e for e in result.events if e.acled_sub_event_type]
        main = _main(coded)
        gold.append(row["label"])
        pred.append(back.get(main.acled_sub_event_type, "OTHER") if main else "OTHER")
    return {"case_acled_weighted_f1": weighted_f1(gold, pred),
            "case_acled_accuracy": sum(g == p for g, p in zip(gold, pred)) / len(gold)}


NO_EVENT_LABELS = ("NATURAL_DISASTER", "MAN_MADE_DISASTER")  # CASE snippets that report no political event


def no_event() -> dict[str, float]:
    """How often a snippet annotated as a disaster (no actor doing anything to anyone) yields no event at all."""
    rows = [r for r in data.case2021() if r["label"] in NO_EVENT_LABELS]
    articles = [readers.make_article(r["text"], id=r["id"]) for r in rows]
    silent = sum(not result.events for result in pipeline.run(articles))
    return {"no_event_silent_rate": silent / len(rows), "no_event_texts": len(rows)}


def evaluate() -> dict[str, float]:
    return {**plover(), **case(), **no_event()}


if __name__ == "__main__":
    for k, v in evaluate().items():
        print(f"{k:45s} {v:.3f}" if isinstance(v, float) else f"{k:45s} {v}")
