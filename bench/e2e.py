"""End-to-end benchmark: the events `observatory extract` writes for real news articles against events
hand-coded by an analyst reading the same articles (bench/gold/, one JSON file per article).

The articles are TR-News (../shared/bench/geo/TR-News.xml) and ECB+ (../shared/bench/fusion) documents, read
from ../shared by id; the gold files hold only ids and the coded events. An article is in the locked part when
its id is in bench/splits/e2e.locked, which follows the split of the set it comes from (TR-News ids, ECB+
topics); its errors are never printed. ECB+ documents are tokenised sentences: the text is their tokens joined
back with the usual spacing, one sentence a line, less the source URL of the *ecbplus documents.

A gold event has:
  type        a PLOVER 2.0 type, or a list of types the text allows equally;
  actor       the actor's country code as Observatory writes it (ISO 3166 alpha-3, IGO, ISIL, ...), a list
              of codes the text allows, or null when the text does not say who acted (then not scored);
  recipient   the same for the recipient;
  lat, lon    the place of the event (``place`` names it), or absent/null when the text names none (not
              scored);
  date        the date of the event as the text gives it with the publication date: YYYY-MM-DD, YYYY-MM or
              YYYY, null when the text does not date it (not scored);
  status      occurred, ongoing, planned, negated or hypothetical (or a list the text allows);
  fatalities  the number of dead the text states for this event, else null;
  optional    true for an event an analyst may code or not (background, restatement, statement): never
              required, and an output event matching one is not counted as extra.

Scoring, per article (``published`` in the gold file is the article's publication date, given as
--published is):
  - a required (not optional) gold event is *right* when an output event, not used for another gold event,
    has a type among the gold types, the actor country among the gold actor codes, the recipient country
    among the gold recipient codes, a location within 161 km of the gold place, a date value equal to the
    gold date (or inside it, for a month or year: the value starts with the gold date), and a status among
    the gold statuses;
  - every required gold event not right takes, if it can, the unused output event of one of its types
    meeting most of the other conditions (found, but wrong); then each optional gold event takes an unused
    output event of one of its types;
  - output events left over are *extra* (noise, or repeats of one happening);
  - fatalities: of the required gold events stating a death toll, the share whose matched output event carries
    exactly that number in ``fatalities``.
Figures: e2e_required_events_right (right / required), e2e_required_events_found (with an output event of
their type), e2e_extra_events_per_gold (extra / required), e2e_fatalities_exact, and
e2e_found_<condition>_right (of the found events, the share meeting that condition: which field falls short,
without showing which event); the locked part's under these
names, the tuning part's as tuning_<name>.

    python bench/e2e.py            # the figures
    python bench/e2e.py --errors   # and, for the tuning part only, each gold event with what it got
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import data  # noqa: E402

from observatory import cli  # noqa: E402
from observatory.model import km  # noqa: E402

GOLD = HERE / "gold"
SPLIT = "e2e"
RADIUS_KM = 161
CRITERIA = ("actor", "recipient", "place", "date", "status")


def gold_articles() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) | {"key": p.stem} for p in sorted(GOLD.glob("*.json"))]


def _detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:!?%)\]]|'s\b|n't\b|'re\b|'ll\b|'ve\b|'d\b)", r"\1", text)
    return re.sub(r"([(\[$]) ", r"\1", text)


def texts(articles: list[dict]) -> dict[str, str]:
    """The text of each gold article (by ``key``), read from ../shared."""
    out: dict[str, str] = {}
    wanted = {a["source"] for a in articles}
    if "tr-news" in wanted:
        tr = {d.id: d.text for d in data.tr_news()}
        out.update({a["key"]: tr[a["id"]] for a in articles if a["source"] == "tr-news"})
    if "ecbplus" in wanted:
        with gzip.open(data.BENCH / "fusion" / "ecbplus_docs.dev.jsonl.gz", "rt", encoding="utf-8") as handle:
            docs = {d["doc_id"]: d for d in map(json.loads, handle)}
        for a in articles:
            if a["source"] == "ecbplus":
                doc = docs[a["id"]]
                sents = doc["sentences"][1:] if doc["doc_id"].endswith("ecbplus") else doc["sentences"]
                out[a["key"]] = "\n".join(_detokenise(s["tokens"]) for s in sents)
    return out


GOLD_FIELDS = ("actor", "recipient", "place", "date", "status")


def check_split(articles: list[dict]) -> None:
    """The e2e split follows the split of each article's own set, so no text is locked in one and tuned in
    another."""
    locked = data.locked_ids(SPLIT)
    for a in articles:
        source_id = a["id"].split("_")[0] if a["source"] == "ecbplus" else a["id"]
        if (a["key"] in locked) != (data.part_of(a["source"], source_id) == "locked"):
            raise ValueError(f"{a['key']}: its e2e part differs from its part in {a['source']}")


def extract(articles: list[dict], text_of: dict[str, str]) -> dict[str, list[dict]]:
    """The records `observatory extract` writes for each article, through the CLI's own reading and
    extraction."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for a in articles:
                line = {"id": a["key"], "text": text_of[a["key"]]}
                if a.get("published"):
                    line["published"] = a["published"]
                handle.write(json.dumps(line) + "\n")
        out: dict[str, list[dict]] = {a["key"]: [] for a in articles}
        for result in cli._results((str(path),), None):
            out[result.article.id] = [e.record() for e in result.events]
    return out


def _allowed(value: object) -> list:
    return value if isinstance(value, list) else [value]


def _country(party: dict | None) -> str | None:
    return party.get("country") if party else None


def checks(gold: dict, out: dict) -> dict[str, bool]:
    """Which of the conditions besides the type ``out`` meets for ``gold``."""
    loc = out.get("location") or {}
    if gold.get("lat") is None:
        place = True
    else:
        place = (
            loc.get("lat") is not None
            and km((loc["lat"], loc["lon"]), (gold["lat"], gold["lon"])) <= RADIUS_KM
        )
    value = (out.get("date") or {}).get("value") or ""
    return {
        "actor": gold["actor"] is None or _country(out.get("actor")) in _allowed(gold["actor"]),
        "recipient": gold["recipient"] is None
        or _country(out.get("recipient")) in _allowed(gold["recipient"]),
        "place": place,
        "date": gold["date"] is None or str(value).startswith(gold["date"]),
        "status": out.get("status") in _allowed(gold["status"]),
    }


def match(golds: list[dict], outs: list[dict]) -> tuple[list[tuple[dict, dict | None, bool]], int]:
    """(gold event, its output event or None, right) for each required gold event, and the extra output
    count."""
    free = list(range(len(outs)))
    required = [g for g in golds if not g.get("optional")]
    paired: dict[int, tuple[int | None, bool]] = {}
    for k, g in enumerate(required):  # right ones first
        hit = next(
            (
                i
                for i in free
                if outs[i]["event_type"] in _allowed(g["type"]) and all(checks(g, outs[i]).values())
            ),
            None,
        )
        if hit is not None:
            free.remove(hit)
            paired[k] = (hit, True)
    for k, g in enumerate(required):  # then the best of the rest
        if k in paired:
            continue
        typed = [i for i in free if outs[i]["event_type"] in _allowed(g["type"])]
        best = max(typed, key=lambda i: sum(checks(g, outs[i]).values()), default=None)
        if best is not None:
            free.remove(best)
        paired[k] = (best, False)
    for g in golds:
        if g.get("optional"):
            hit = next((i for i in free if outs[i]["event_type"] in _allowed(g["type"])), None)
            if hit is not None:
                free.remove(hit)
    rows = [
        (g, outs[paired[k][0]] if paired[k][0] is not None else None, paired[k][1])
        for k, g in enumerate(required)
    ]
    return rows, len(free)


def score(articles: list[dict], outputs: dict[str, list[dict]], show: bool = False) -> dict[str, float]:
    required = right = found = extra = toll = toll_right = 0
    held = dict.fromkeys(CRITERIA, 0)
    for a in articles:
        rows, left = match(a["events"], outputs[a["key"]])
        extra += left
        for g, out, ok in rows:
            required += 1
            right += ok
            found += out is not None
            if out is not None:
                for k, v in checks(g, out).items():
                    held[k] += v
            if g.get("fatalities") is not None:
                toll += 1
                toll_right += out is not None and out.get("fatalities") == g["fatalities"]
            if show and not ok:
                why = [k for k, v in checks(g, out).items() if not v] if out else ["no event of the type"]
                got = {k: out.get(k) for k in ("event_type", "status")} if out else None
                if out:
                    got |= {
                        "actor": _country(out.get("actor")),
                        "recipient": _country(out.get("recipient")),
                        "date": (out.get("date") or {}).get("value"),
                        "place": (out.get("location") or {}).get("name"),
                    }
                print(
                    f"{a['key']:24s} {g['type']!s:12.12s} {g.get('trigger', '')!s:14s} "
                    f"wrong: {', '.join(why)}"
                    f"\n    gold {json.dumps({k: g.get(k) for k in GOLD_FIELDS})}"
                    f"\n    got  {json.dumps(got)}"
                )
        if show and left:
            print(f"{a['key']:24s} {left} extra: " + ", ".join(o["event_type"] for o in outputs[a["key"]]))
    return {
        "e2e_required_events_right": right / required if required else 0.0,
        "e2e_required_events_found": found / required if required else 0.0,
        "e2e_extra_events_per_gold": extra / required if required else 0.0,
        "e2e_fatalities_exact": toll_right / toll if toll else 0.0,
        **{f"e2e_found_{k}_right": held[k] / found if found else 0.0 for k in CRITERIA},
        "e2e_required_events": required,
        "e2e_articles": len(articles),
    }


def evaluate(show: bool = False) -> dict[str, float]:
    """The locked part's figures under their names, the tuning part's as tuning_<name>; ``show`` prints the
    tuning part's misses."""
    articles = gold_articles()
    check_split(articles)
    parts = data.split(SPLIT, articles, lambda a: a["key"])
    outputs = extract(articles, texts(articles))
    return {
        **score(parts["locked"], outputs),
        **{f"tuning_{k}": v for k, v in score(parts["tuning"], outputs, show).items()},
    }


if __name__ == "__main__":
    for k, v in evaluate(show="--errors" in sys.argv).items():
        print(f"{k:45s} {v:.3f}" if isinstance(v, float) else f"{k:45s} {v}")
