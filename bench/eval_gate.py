"""The eval gate: accuracy on the dev sets must not drop below the floors pinned in eval_baseline.json, and error
rates (extra events per gold event) must not rise above their pinned ceilings.

    python bench/eval_gate.py            # check (CI); exit 1 when a figure is below its floor
    python bench/eval_gate.py --report   # print every figure, error counts included
    python bench/eval_gate.py --pin      # raise floors / lower ceilings to the current figures (never the reverse)

The floors sit next to a digest of the evaluation data: if the data changes, the gate fails until someone
re-pins on purpose (--pin --data-changed).
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
import geo  # noqa: E402
import temporal  # noqa: E402

BASELINE = HERE / "eval_baseline.json"
EPSILON = 0.005  # measurement noise never fails a build


def measure() -> dict[str, float]:
    return {**geo.evaluate(), **temporal.evaluate(), **coding.evaluate(), **classify_eval.gate()}


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
    digest = data.digest(data.BENCH / "geo", data.BENCH / "time", data.BENCH / "events")
    figures = measure()
    if args.report:
        for k, v in figures.items():
            print(f"{k:50s} {v:.3f}" if isinstance(v, float) else f"{k:50s} {v}")
    if args.pin:
        if digest != baseline["data_digest"] and not args.data_changed:
            print("eval gate: the evaluation data changed; re-pin with --data-changed if that is intended")
            return 1
        for name, floor in baseline["floors"].items():
            baseline["floors"][name] = max(floor, round(figures[name] - EPSILON, 3))
        for name, ceiling in baseline.get("ceilings", {}).items():
            baseline["ceilings"][name] = min(ceiling, round(figures[name] + EPSILON, 3))
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
        print(f"{'ok  ' if ok else 'FAIL'} {name:40s} {value:.3f}  (floor {floor:.3f})")
    for name, ceiling in baseline.get("ceilings", {}).items():
        value = figures[name]
        ok = value - EPSILON <= ceiling
        failed |= not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name:40s} {value:.3f}  (ceiling {ceiling:.3f})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
