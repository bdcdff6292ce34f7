"""Event-coding benchmark: PLOVER type accuracy, actor-country F1 (source and target codes pooled) and ordered
actor/recipient pair F1 on the PLOVER gold records (mapped to 2.0), extra events per gold event, ACLED
weighted F1 on the CASE 2021 task 2 dev snippets (the 25 ACLED labels), and the share of CASE disaster
snippets (natural or man-made: no political event) that yield no event.

Every figure is given for the locked part of each set (bench/splits/; under its plain name) and for the tuning
part (``tuning_<name>``); errors are read only on the tuning part. Run as a script it measures the pipeline
with the lexicon typer (``--typer`` for another): the learned typers' models train on the tuning records, so
their tuning figures here would be in-sample; bench/classify_eval.py measures those cross-validated, passing
each record's result from a model that never saw it (``results``).

    python bench/coding.py            # the figures
    python bench/coding.py --errors   # and, for the tuning part only, each PLOVER record with wrong pairs"""

from __future__ import annotations

import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import data  # noqa: E402

from observatory import events, pipeline, readers  # noqa: E402

ACLED_LABELS = set(data.CASE_TO_ACLED)
TYPER = "lexicon"


def articles(records: list[dict]) -> list[readers.Article]:
    return [readers.make_article(r["text"], id=r["id"], published=r.get("date")) for r in records]


def run(records: list[dict], typer: str = TYPER) -> list[pipeline.Result]:
    return list(pipeline.run(articles(records), typer=events.get_typer(typer)))


def _main(events):
    return max(events, key=lambda e: e.confidence) if events else None


def parts(name: str, records: list[dict]) -> dict[str, list[dict]]:
    """``records`` of dev set ``name`` by part (tuning, locked)."""
    return data.split(name, records, lambda r: r["id"])


def by_part(figures: dict[str, dict[str, float]]) -> dict[str, float]:
    """One dict of each part's figures: the locked part's under their names, the tuning part's as
    tuning_<name>."""
    return {**figures["locked"], **{f"tuning_{k}": v for k, v in figures["tuning"].items()}}


def _gold_code(party: dict) -> str | None:
    code = (party.get("code") or "")[:3]
    return data.CAMEO_TO_OBSERVATORY.get(code, code) or None


def _pred_code(actor) -> str | None:
    return (
        data.TRANSNATIONAL_GROUPS.get(actor.country, actor.country[:3]) if actor and actor.country else None
    )


def _coded(record: dict, key: str) -> list[str]:
    return [c for p in (record.get(key) or []) if isinstance(p, dict) for c in [_gold_code(p)] if c]


def _mutual(record: dict) -> set[str]:
    """The parties of a joint act ("Jordan and Britain have agreed to …"), which the markup codes as source
    and target at once (SRC/TAR) with no other target; empty for any other record."""
    sources = set(_coded(record, "source"))
    markup = (record.get("textInfo") or {}).get("markup", "")
    return sources if "SRC/TAR" in markup and len(sources) > 1 and not _coded(record, "target") else set()


def gold_pairs(record: dict) -> set[tuple[str | None, str | None]]:
    """The (actor, recipient) country pairs of a gold record: each coded source with each coded target (a
    compound source or target gives one pair per party), None for a side with no coded party; a joint act
    gives one pair per two of its parties, in either order (sorted)."""
    if mutual := _mutual(record):
        return set(combinations(sorted(mutual), 2))
    return {(s, t) for s in _coded(record, "source") or [None] for t in _coded(record, "target") or [None]}


def pred_pairs(result: pipeline.Result, record: dict | None = None) -> set[tuple[str | None, str | None]]:
    """The (actor, recipient) country pair each output event claims: every event is scored, so an extra event
    with a wrong pair counts against precision, as it would for a user reading the output. Against a joint
    act of ``record``, a pair of two of its parties is read in either order."""
    mutual = _mutual(record) if record is not None else set()
    pairs = {(_pred_code(e.actor), _pred_code(e.recipient)) for e in result.events}
    return {
        tuple(sorted(p)) if p[0] in mutual and p[1] in mutual and p[0] != p[1] else p  # type: ignore[misc]
        for p in pairs
    }


def plover(
    results: list[pipeline.Result] | None = None, typer: str = TYPER, gold: list[dict] | None = None
) -> dict[str, float]:
    """Figures on the PLOVER gold records ``gold`` (default all); ``results``: one per record, in order (else
    run here)."""
    gold = data.plover_gsr() if gold is None else gold
    correct = extra = with_events = 0
    tp = fp = fn = 0
    pair_tp = pair_fp = pair_fn = 0
    confusion: Counter[str] = Counter()
    for record, result in zip(gold, results if results is not None else run(gold, typer), strict=True):
        main = _main(result.events)
        predicted = main.event_type if main else None
        correct += predicted == record["plover2"]
        if predicted != record["plover2"]:
            confusion[f"{record['plover2']}→{predicted}"] += 1
        with_events += bool(result.events)
        extra += max(0, len(result.events) - 1)
        parties = [p for key in ("source", "target") for p in (record.get(key) or []) if isinstance(p, dict)]
        gold_codes = {
            data.CAMEO_TO_OBSERVATORY.get(c, c) for p in parties if p.get("code") for c in [p["code"][:3]]
        }
        pred_codes = {
            data.TRANSNATIONAL_GROUPS.get(a.country, a.country[:3])
            for e in result.events[:1] + ([main] if main else [])
            for a in (e.actor, e.recipient)
            if a and a.country
        }
        tp += len(gold_codes & pred_codes)
        fp += len(pred_codes - gold_codes)
        fn += len(gold_codes - pred_codes)
        want, got = gold_pairs(record), pred_pairs(result, record)
        pair_tp += len(want & got)
        pair_fp += len(got - want)
        pair_fn += len(want - got)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    out = {
        "plover_type_accuracy": correct / len(gold),
        "plover_event_recall": with_events / len(gold),
        "plover_actor_country_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "plover_actor_pair_f1": f1(pair_tp, pair_fp, pair_fn),
        "plover_extra_events_per_gold": extra / len(gold),
    }
    out.update({f"plover_confusion[{k}]": v for k, v in confusion.most_common(8)})
    return out


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


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


def _case_rows(
    labels: set[str] | tuple[str, ...],
    results: list[pipeline.Result] | None,
    typer: str,
    everything: list[dict] | None = None,
) -> tuple[list[dict], list[pipeline.Result]]:
    """The CASE snippets of ``everything`` (default all) with one of ``labels`` and their results: picked from
    ``results`` (one per snippet of ``everything``) or run here."""
    everything = data.case2021() if everything is None else everything
    rows = [r for r in everything if r["label"] in labels]
    if results is None:
        return rows, run(rows, typer)
    return rows, [res for r, res in zip(everything, results, strict=True) if r["label"] in labels]


def case(
    results: list[pipeline.Result] | None = None, typer: str = TYPER, snippets: list[dict] | None = None
) -> dict[str, float]:
    """Figures on the CASE snippets with an ACLED label; ``results``: one per snippet of ``snippets`` (default
    data.case2021())."""
    rows, results = _case_rows(ACLED_LABELS, results, typer, snippets)
    back = {v: k for k, v in data.CASE_TO_ACLED.items()}
    gold, pred = [], []
    for row, result in zip(rows, results, strict=True):
        coded = [e for e in result.events if e.acled_sub_event_type]
        main = _main(coded)
        gold.append(row["label"])
        pred.append(back.get(main.acled_sub_event_type, "OTHER") if main else "OTHER")
    return {
        "case_acled_weighted_f1": weighted_f1(gold, pred),
        "case_acled_accuracy": sum(g == p for g, p in zip(gold, pred)) / len(gold),
    }


NO_EVENT_LABELS = ("NATURAL_DISASTER", "MAN_MADE_DISASTER")  # CASE snippets that report no political event


def no_event(
    results: list[pipeline.Result] | None = None, typer: str = TYPER, snippets: list[dict] | None = None
) -> dict[str, float]:
    """How often a snippet annotated as a disaster (no actor doing anything to anyone) yields no event at all;
    ``results``: one per snippet of ``snippets`` (default data.case2021())."""
    _rows, results = _case_rows(NO_EVENT_LABELS, results, typer, snippets)
    silent = sum(not result.events for result in results)
    return {"no_event_silent_rate": silent / len(results), "no_event_texts": len(results)}


def evaluate(typer: str = TYPER) -> dict[str, float]:
    """The figures of each part (see ``by_part``) with ``typer``."""
    gold, snippets = parts("plover-gsr", data.plover_gsr()), parts("case2021", data.case2021())
    figures = {}
    for part in data.PARTS:
        results = run(snippets[part], typer)
        figures[part] = {
            **plover(typer=typer, gold=gold[part]),
            **case(results, typer, snippets[part]),
            **no_event(results, typer, snippets[part]),
        }
    return by_part(figures)


def pair_errors(typer: str = TYPER) -> None:
    """Print each PLOVER record of the tuning part (never the locked one) whose predicted pairs differ from
    the gold pairs, with its events."""
    gold = parts("plover-gsr", data.plover_gsr())["tuning"]
    for record, result in zip(gold, run(gold, typer), strict=True):
        want, got = gold_pairs(record), pred_pairs(result, record)
        if want == got:
            continue
        print(
            f"{record['id']}  {record['plover2']}  gold {sorted(want, key=str)}  got {sorted(got, key=str)}"
        )
        print(f"    {record['text']}")
        for e in result.events:
            who = [f"{a.text!r}/{a.country}/{a.sector}" if a else "-" for a in (e.actor, e.recipient)]
            print(f"    {e.event_type:10s} {e.trigger!r:16s} {who[0]} -> {who[1]}")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--typer", default=TYPER, help="an event typer name (lexicon, terms, learned)")
    parser.add_argument("--errors", action="store_true", help="print the tuning part's pair errors")
    args = parser.parse_args()
    if args.errors:
        pair_errors(args.typer)
    for k, v in evaluate(args.typer).items():
        print(f"{k:45s} {v:.3f}" if isinstance(v, float) else f"{k:45s} {v}")
