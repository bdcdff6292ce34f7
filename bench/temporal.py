"""Temporal benchmark on TimeBank + AQUAINT: relaxed extraction F1 and value F1, overall and by type, for the
locked part of the documents (bench/splits/tbaq.locked; plain names) and the tuning part (``tuning_<name>``).

``--errors`` also prints every error of the tuning part (wrong value, missed, spurious) grouped by kind, with
gold and predicted values; the locked part's errors are never printed (rules come from the tuning part only).
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import data  # noqa: E402

from observatory import nlp, pipeline  # noqa: E402


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(
    limit: int | None = None, dump: list[tuple[str, str, str, str, str]] | None = None
) -> dict[str, float]:
    """Scores of each part; when ``dump`` is a list, each error of the tuning part is appended as (kind, doc
    id, text, gold value, predicted value)."""
    parts = data.split("tbaq", data.tbaq()[:limit], lambda d: d.id)
    locked = score(parts["locked"])
    return {**locked, **{f"tuning_{k}": v for k, v in score(parts["tuning"], dump).items()}}


def score(
    docs: list[data.TimeDoc], dump: list[tuple[str, str, str, str, str]] | None = None
) -> dict[str, float]:
    """Scores on ``docs``; errors appended to ``dump`` when it is a list."""
    counts: Counter[str] = Counter()
    errors: Counter[str] = Counter()

    def note(kind: str, doc: data.TimeDoc, start: int, end: int, gold: str | None, pred: str | None) -> None:
        errors[kind] += 1
        if dump is not None:
            dump.append(
                (
                    kind,
                    f"{doc.id} dct={doc.dct}",
                    doc.text[start:end].replace("\n", " "),
                    str(gold),
                    str(pred),
                )
            )

    for doc, parsed in zip(docs, nlp.parse(d.text for d in docs)):
        anchor = date.fromisoformat(doc.dct) if doc.dct else None
        preds = pipeline.times_in(parsed, anchor)
        for p in preds:
            gold = next((g for g in doc.timexes if p.start < g["end"] and g["start"] < p.end), None)
            counts["pred"] += 1
            counts[f"pred[{p.type}]"] += 1
            if gold:
                counts["pred_overlap"] += 1
                counts["pred_value"] += gold["value"] == p.value
            else:
                note(f"spurious {p.type}", doc, p.start, p.end, None, p.value)
        for g in doc.timexes:
            counts["gold"] += 1
            counts[f"gold[{g['type']}]"] += 1
            hit = next((p for p in preds if p.start < g["end"] and g["start"] < p.end), None)
            if hit is None:
                note(f"missed {g['type']}", doc, g["start"], g["end"], g["value"], None)
                continue
            counts["gold_overlap"] += 1
            counts[f"gold_overlap[{g['type']}]"] += 1
            if hit.value == g["value"]:
                counts["gold_value"] += 1
                counts[f"gold_value[{g['type']}]"] += 1
            else:
                note(
                    f"wrong value {g['type']}",
                    doc,
                    g["start"],
                    g["end"],
                    g["value"],
                    f"{hit.value} ({hit.text!r})",
                )
    p_ext, r_ext = counts["pred_overlap"] / counts["pred"], counts["gold_overlap"] / counts["gold"]
    p_val, r_val = counts["pred_value"] / counts["pred"], counts["gold_value"] / counts["gold"]
    out = {
        "time_extraction_f1": _f1(p_ext, r_ext),
        "time_value_precision": p_val,
        "time_value_recall": r_val,
        "time_value_f1": _f1(p_val, r_val),
    }
    for t in ("DATE", "TIME", "DURATION", "SET"):
        if counts[f"gold[{t}]"]:
            out[f"time_value_recall[{t}]"] = counts[f"gold_value[{t}]"] / counts[f"gold[{t}]"]
    out.update({f"time_errors[{k}]": v for k, v in errors.most_common()})
    return out


if __name__ == "__main__":
    found: list[tuple[str, str, str, str, str]] | None = [] if "--errors" in sys.argv else None
    scores = evaluate(dump=found)
    for kind, doc_id, text, gold, pred in sorted(found or []):
        print(f"{kind:22s} {text[:40]!r:44s} gold={gold:14s} pred={pred:30s} {doc_id}")
    for k, v in scores.items():
        print(f"{k:45s} {v:.3f}" if isinstance(v, float) else f"{k:45s} {v}")
