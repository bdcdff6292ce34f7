"""The eval gate: accuracy on the locked parts of the dev sets (bench/splits/; never tuned to, never trained
on) must not drop below the floors pinned in eval_baseline.json, and error rates (extra events per gold event)
must not rise above their pinned ceilings. Every benchmark returns a figure of the locked part under its plain
name and the same figure of the tuning part as ``tuning_<name>``; only the locked figures are pinned.

    python bench/eval_gate.py            # check (CI); exit 1 when a locked figure is below its floor
    python bench/eval_gate.py --report   # every figure, locked and tuning side by side, error counts included
    python bench/eval_gate.py --pin      # raise floors / lower ceilings to the current figures, never back

The floors sit next to a digest of the evaluation data, the committed splits and the hand-coded gold: if any
of them changes, the gate fails until someone re-pins on purpose (--pin --data-changed, which sets every floor
and ceiling to the current figure, since the old ones measured something else).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import classify_eval  # noqa: E402
import coding  # noqa: E402
import data  # noqa: E402
import e2e  # noqa: E402
import fusion  # noqa: E402
import geo  # noqa: E402
import temporal  # noqa: E402

BASELINE = HERE / "eval_baseline.json"
EPSILON = 0.005  # measurement noise never fails a build
TUNING = "tuning_"


def measure() -> dict[str, float]:
    return {
        **geo.evaluate(),
        **temporal.evaluate(),
        **coding.evaluate(),
        **classify_eval.gate(),
        **e2e.evaluate(),
        **fusion.evaluate(),
    }


def data_digest() -> str:
    return data.digest(
        data.BENCH / "geo",
        data.BENCH / "time",
        data.BENCH / "events",
        data.BENCH / "fusion",
        data.SPLITS,
        e2e.GOLD,
    )


def report(figures: dict[str, float]) -> None:
    """Each figure once: a locked figure with its tuning twin beside it; a figure of one part alone as is."""
    print(f"{'figure':50s} {'locked':>9s} {'tuning':>9s}")
    for name, value in figures.items():
        if name.startswith(TUNING) and name[len(TUNING) :] in figures:
            continue
        twin = figures.get(TUNING + name)
        print(f"{name:50s} {_fmt(value):>9s} {_fmt(twin) if twin is not None else '':>9s}")


def _fmt(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--report", action="store_true")
    parser.add_argument("--pin", action="store_true")
    parser.add_argument("--data-changed", action="store_true", help="accept a new data digest when pinning")
    args = parser.parse_args()
    if not data.BENCH.exists():
        print(f"eval gate: no benchmark data at {data.BENCH}", file=sys.stderr)
        return 1
    baseline = json.loads(BASELINE.read_text())
    pinned = [*baseline["floors"], *baseline.get("ceilings", {})]
    tuned = [name for name in pinned if name.startswith(TUNING)]
    if tuned:
        print(f"eval gate: tuning figures cannot be pinned: {', '.join(tuned)}", file=sys.stderr)
        return 1
    digest = data_digest()
    figures = measure()
    if args.report:
        report(figures)
    if args.pin:
        if digest != baseline["data_digest"] and not args.data_changed:
            print("eval gate: the evaluation data changed; re-pin with --data-changed if that is intended")
            return 1
        for name, floor in baseline["floors"].items():
            now = round(figures[name] - EPSILON, 3)
            baseline["floors"][name] = now if args.data_changed else max(floor, now)
        for name, ceiling in baseline.get("ceilings", {}).items():
            now = round(figures[name] + EPSILON, 3)
            baseline["ceilings"][name] = now if args.data_changed else min(ceiling, now)
        baseline["data_digest"] = digest
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n")
        print("eval gate: floors pinned")
        return 0
    failed = digest != baseline["data_digest"]
    if failed:
        print(f"eval gate: evaluation data digest {digest} != pinned {baseline['data_digest']}")
    for name, floor in baseline["floors"].items():
        value = figures[name]
        ok = value + EPSILON >= floor
        failed |= not ok
        twin = figures.get(TUNING + name)
        beside = f"  tuning {twin:.3f}" if isinstance(twin, float) else ""
        print(f"{'ok  ' if ok else 'FAIL'} {name:40s} {value:.3f}  (floor {floor:.3f}){beside}")
    for name, ceiling in baseline.get("ceilings", {}).items():
        value = figures[name]
        ok = value - EPSILON <= ceiling
        failed |= not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name:40s} {value:.3f}  (ceiling {ceiling:.3f})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
