"""Geoparsing benchmark on TR-News, on its tuning and locked parts (bench/splits/tr-news.locked).

Two modes: end to end (the places stage finds and resolves names) and names given (the gold spans are handed
to ``places.resolve_given``, which resolves them with the article as context). Figures: detection P/R/F1
(end to end only), exact GeoNames id and within 161 km of the gold point. Errors are printed for the tuning
part only: the locked part is for reporting.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import data  # noqa: E402

from observatory import actors, gazetteer, nlp, places, readers  # noqa: E402
from observatory.model import km  # noqa: E402


def _overlap(p, g) -> bool:
    return p.start < g["end"] and g["start"] < p.end


def _score(docs, predictions, given: bool, errors: list[str] | None) -> dict[str, float]:
    gold_n = pred_n = matched_pred = matched_gold = 0
    with_id = exact = near = by_point = 0
    kinds: Counter[str] = Counter()
    ids = gazetteer.all_ids()
    for doc, preds in zip(docs, predictions):
        pred_n += len(preds)
        matched_pred += sum(any(_overlap(p, g) for g in doc.toponyms) for p in preds)
        for g in doc.toponyms:
            gold_n += 1
            hit = next((p for p in preds if _overlap(p, g) and (not given or p.start == g["start"])), None)
            matched_gold += hit is not None and hit.geonameid is not None
            if not g["geonameid"] or g["lat"] is None:
                continue
            with_id += 1
            if hit is None or hit.geonameid is None:
                kinds["missed" if g["geonameid"] in ids else "missed, not in gazetteer"] += 1
                if errors is not None:
                    errors.append(f"MISSED {g['text']!r} gold={g['geonameid']} ({doc.id})")
                continue
            exact += hit.geonameid == g["geonameid"]
            # as GeoNames-based scorers count it: our point against GeoNames' point, whatever the id
            by_point += hit.lat is not None and km((hit.lat, hit.lon), (g["lat"], g["lon"])) <= 161
            # the same GeoNames feature is within 161 km of itself, whichever point represents it
            if hit.geonameid == g["geonameid"] or km((hit.lat, hit.lon), (g["lat"], g["lon"])) <= 161:
                near += 1
                if hit.geonameid != g["geonameid"] and errors is not None:
                    errors.append(
                        f"NEAR {g['text']!r} got {hit.name}/{hit.feature}/{hit.geonameid} "
                        f"gold={g['geonameid']}"
                    )
                continue
            kinds["wrong place" if g["geonameid"] in ids else "wrong place, gold not in gazetteer"] += 1
            if errors is not None:
                errors.append(
                    f"WRONG {g['text']!r} got {hit.name}/{hit.country}/{hit.feature}/"
                    f"{hit.geonameid} "
                    f"gold={g['geonameid']} ({g['lat']:.2f},{g['lon']:.2f}) "
                    f"off {km((hit.lat, hit.lon), (g['lat'], g['lon'])):.0f} km ({doc.id})"
                )
    out = {
        "within_161km": near / with_id if with_id else 0.0,
        "exact_id": exact / with_id if with_id else 0.0,
        "point_within_161km": by_point / with_id if with_id else 0.0,
        "detection_recall": matched_gold / gold_n if gold_n else 0.0,
    }
    if not given:
        p = matched_pred / pred_n if pred_n else 0.0
        r = out["detection_recall"]
        out.update({"detection_precision": p, "detection_f1": 2 * p * r / (p + r) if p + r else 0.0})
    out.update({f"errors[{k}]": v for k, v in kinds.items()})
    return out


def _aligned(docs) -> list:
    """Gold offsets that point at their phrase: where TR-News's offsets have drifted from the text, the
    phrase's nearest occurrence (both parts, both modes alike)."""
    for doc in docs:
        for g in doc.toponyms:
            phrase = g["text"] or ""
            if not phrase or doc.text[g["start"] : g["end"]] == phrase:
                continue
            found = [i for i in range(len(doc.text)) if doc.text.startswith(phrase, i)]
            if found:
                g["start"] = min(found, key=lambda i: abs(i - g["start"]))
                g["end"] = g["start"] + len(phrase)
    return docs


def _run(docs) -> tuple[list, list]:
    """End-to-end and names-given predictions for ``docs``, from one parse of each."""
    articles = [readers.make_article(d.text, id=d.id, published=d.published) for d in docs]
    end_to_end, given = [], []
    for doc, article, parsed in zip(docs, articles, nlp.parse(a.text for a in articles)):
        names = actors.scan(parsed, article.published)
        end_to_end.append(places.resolve(parsed, article.id, names))
        given.append(places.resolve_given(parsed, [(g["start"], g["end"]) for g in doc.toponyms], names))
    return end_to_end, given


def evaluate(limit: int | None = None, errors: list[str] | None = None) -> dict[str, float]:
    """``geo_<metric>`` on the locked part, ``tuning_geo_<metric>`` on the tuning part (``given_`` for names
    given).
    ``errors``, when a list, receives the tuning part's errors."""
    parts = data.split("tr-news", _aligned(data.tr_news()[:limit]), key=lambda d: d.id)
    out: dict[str, float] = {}
    for part, prefix in (("tuning", "tuning_geo_"), ("locked", "geo_")):
        docs = parts[part]
        end_to_end, given = _run(docs)
        sink, given_sink = ([], []) if part == "tuning" and errors is not None else (None, None)
        for k, v in _score(docs, end_to_end, False, sink).items():
            out[prefix + k] = v
        for k, v in _score(docs, given, True, given_sink).items():
            out[prefix + "given_" + k] = v
        if sink is not None:
            errors.extend([f"end-to-end {e}" for e in sink] + [f"given {e}" for e in given_sink])
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print the tuning part's errors")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    errs: list[str] | None = [] if args.errors else None
    figures = evaluate(args.limit, errs)
    for line in errs or []:
        print(line)
    for k, v in figures.items():
        print(f"{k:50s} {v:.3f}" if isinstance(v, float) else f"{k:50s} {v}")
