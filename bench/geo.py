"""Geoparsing benchmark on TR-News: detection P/R/F1 and resolution (exact GeoNames id, within 161 km)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import data  # noqa: E402

from observatory import gazetteer, pipeline, readers  # noqa: E402
from observatory.model import km  # noqa: E402


def evaluate(limit: int | None = None) -> dict[str, float]:
    docs = data.tr_news()[:limit]
    articles = [readers.make_article(d.text, id=d.id, published=d.published) for d in docs]
    for a in articles:
        a.body_end = None  # the benchmark scores every toponym in the text
    results = list(pipeline.run(articles))
    gold_n = pred_n = matched_pred = matched_gold = 0
    with_id = exact = near = in_gazetteer = 0
    errors: Counter[str] = Counter()
    ids = gazetteer.all_ids()
    for doc, result in zip(docs, results):
        preds = result.places
        pred_n += len(preds)
        matched_pred += sum(any(p.start < g["end"] and g["start"] < p.end for g in doc.toponyms) for p in preds)
        for g in doc.toponyms:
            gold_n += 1
            hit = next((p for p in preds if p.start < g["end"] and g["start"] < p.end), None)
            matched_gold += hit is not None
            if not g["geonameid"] or g["lat"] is None:
                continue
            with_id += 1
            in_gazetteer += g["geonameid"] in ids
            if hit is None:
                errors["missed" if g["geonameid"] in ids else "missed, not in gazetteer"] += 1
                continue
            if hit.geonameid == g["geonameid"]:
                exact += 1
            # the same GeoNames feature is within 161 km of itself, whichever point represents it
            if hit.geonameid == g["geonameid"] or (hit.lat is not None and km((hit.lat, hit.lon), (g["lat"], g["lon"])) <= 161):
                near += 1
            elif hit.country and g["geonameid"] in ids:
                errors["wrong place"] += 1
            else:
                errors["wrong place, gold not in gazetteer"] += 1
    p = matched_pred / pred_n if pred_n else 0.0
    r = matched_gold / gold_n if gold_n else 0.0
    out = {"geo_detection_precision": p, "geo_detection_recall": r,
           "geo_detection_f1": 2 * p * r / (p + r) if p + r else 0.0,
           "geo_within_161km": near / with_id, "geo_exact_id": exact / with_id,
           "geo_gazetteer_coverage": in_gazetteer / with_id}
    out.update({f"geo_errors[{k}]": v for k, v in errors.items()})
    return out


if __name__ == "__main__":
    for k, v in evaluate().items():
        print(f"{k:45s} {v:.3f}" if isinstance(v, float) else f"{k:45s} {v}")
