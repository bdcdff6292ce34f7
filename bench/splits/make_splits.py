"""Writes the committed locked-id lists (run once; the lists, not this script, are the source of truth).

python bench/splits/make_splits.py    # refuses to overwrite an existing list
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import data  # noqa: E402


def ids() -> dict[str, list[str]]:
    events = data.BENCH / "events"
    with (events / "conflibert-cameo_class_train.tsv").open(encoding="utf-8") as handle:
        conflibert = [str(i) for i, _row in enumerate(csv.reader(handle, delimiter="\t"))]
    return {
        "tr-news": [d.id for d in data.tr_news()],
        "tbaq": [d.id for d in data.tbaq()],
        "plover-gsr": [r["id"] for r in json.loads((events / "plover-gsr-dev.json").read_text())],
        "case2021": [r["id"] for r in data.case2021()],
        "conflibert-cameo": conflibert,
    }


def main() -> None:
    data.SPLITS.mkdir(exist_ok=True)
    for name, all_ids in ids().items():
        path = data.SPLITS / f"{name}.locked"
        if path.exists():
            print(f"{path.name}: exists, kept")
            continue
        locked = [i for i in all_ids if data.hashed_half(name, i)]
        path.write_text("".join(f"{i}\n" for i in locked), encoding="utf-8")
        print(f"{path.name}: {len(locked)} of {len(all_ids)} locked")
    # ECB+: the corpus's own dev topics are the locked part, its train topics the tuning part
    path = data.SPLITS / "ecbplus.locked"
    if not path.exists():
        topics = json.loads((data.BENCH / "fusion" / "ecbplus_topics.dev.json").read_text())["topics"]
        locked = [str(t["topic"]) for t in topics if t["split"] == "dev"]
        path.write_text("".join(f"{i}\n" for i in locked), encoding="utf-8")
        print(f"{path.name}: topics {', '.join(locked)} locked")


if __name__ == "__main__":
    main()
