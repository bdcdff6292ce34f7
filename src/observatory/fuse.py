"""Cross-report fusion: reports of one happening grouped into incidents.

Pure functions over event records (the dicts ``Event.record()`` writes) and over given mentions (``link``):
no SQL here. A record becomes a ``Report`` (what fusion compares); ``similarity`` scores a pair of reports
with one logistic model over pairwise features (``data/fusion_model.json``, fitted by bench/fusion.py);
``Fuser`` assigns reports to incidents incrementally through blocks of date window × place cell × type
family, so each new report is compared only with the incidents of the few blocks it can belong to.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .model import km

DATA = Path(__file__).resolve().parent / "data"

# How far apart two places of a given precision may be and still be the same place: a point is a town or
# village, an admin area a province, a country is compared by its code alone.
RADIUS_KM = {"point": 25.0, "admin2": 60.0, "admin1": 250.0, "country": None}
DAY_PRECISIONS = {"day": 1, "week": 7, "month": 31, "year": 366}
CELL_DEGREES = 1.0  # place cell of the blocking key: about 110 km, neighbours cover any point radius
WINDOW_DAYS = 4  # date window of the blocking key
SAME_DAY_SLACK = 1  # reports a day apart may still be of one happening (time zones, "overnight")
MAX_CANDIDATES = 40  # incidents compared per report: the most recent of its blocks


@lru_cache(maxsize=1)
def families() -> dict[str, str]:
    """PLOVER event type → family whose types may describe one happening (data/plover_families.tsv)."""
    out = {}
    for line in (DATA / "plover_families.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            event_type, family = line.split("\t")[:2]
            out[event_type] = family
    return out


_MODEL_OVERRIDE: dict[str, Any] | None = None  # set by bench/fusion.py while it fits the model


def model() -> dict[str, Any]:
    """The pairwise model: feature weights and bias, the linking threshold, the document threshold."""
    return _MODEL_OVERRIDE or _shipped_model()


@lru_cache(maxsize=1)
def _shipped_model() -> dict[str, Any]:
    return json.loads((DATA / "fusion_model.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def lemma_pairs() -> dict[tuple[str, str], tuple[int, int]]:
    """(lemma, lemma), sorted → (coreferent pairs, pairs) among the mentions of one story in annotated news
    (data/fusion_lemma_pairs.tsv, written by bench/fusion.py --fit): how often two words name one
    happening."""
    out = {}
    for line in (DATA / "fusion_lemma_pairs.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            a, b, together, seen = line.split("\t")
            out[a, b] = (int(together), int(seen))
    return out


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


@dataclass
class Report:
    """What fusion compares of one event report or given mention."""

    id: str
    doc: str = ""
    source: str | None = None
    event_type: str | None = None
    mode: str | None = None
    lemma: str | None = None
    actors: frozenset[str] = frozenset()
    recipients: frozenset[str] = frozenset()
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    country: str | None = None
    start: int | None = None  # date range as proleptic ordinals, None when the date is unknown
    end: int | None = None
    status: str | None = None
    # place and dates read near the mention (its sentence's nearest), not resolved as the event's own: weaker
    # evidence, weighed by features of their own
    nearby: bool = False
    vector: Any = None  # unit-length context embedding, when computed
    word: Any = None  # unit-length embedding of the trigger lemma, when computed
    in_context: Any = None  # unit-length encoder states of the trigger in its sentence, when computed
    # (article or document, start of the sentence the event was read off)
    sentence: tuple[str, int] | None = None
    group: int | None = None  # document cluster (given mentions): reports of different groups never link
    record: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def family(self) -> str | None:
        return families().get(self.event_type or "", self.event_type)


def _actor_keys(party: dict[str, Any] | None) -> frozenset[str]:
    if not party:
        return frozenset()
    keys = {str(party[k]).lower() for k in ("name", "country") if party.get(k)}
    if not keys and party.get("text"):
        keys.add(party["text"].lower())
    return frozenset(keys)


_WORDS: dict[str, Any] = {}


def word_vectors(words: Iterable[str]) -> dict[str, Any]:
    """Embeddings of trigger words (the ``word`` feature given mentions have too), encoded in batches once per
    process; empty without the encoder."""
    from . import embed

    missing = sorted({w for w in words if w and w not in _WORDS})
    if missing:
        try:
            vectors = embed.load().encode(missing, batch_size=128, max_tokens=16)
        except embed.EmbeddingModelMissing:
            return {}
        _WORDS.update(zip(missing, vectors))
    return _WORDS


def attach_words(reports: list[Report]) -> list[Report]:
    vectors = word_vectors(r.lemma for r in reports if r.lemma and r.word is None)
    for r in reports:
        if r.lemma and r.word is None:
            r.word = vectors.get(r.lemma)
    return reports


def from_record(rec: dict[str, Any], source: str | None = None) -> Report:
    """A stored or extracted event record as a report; the date counts only when the text gave one."""
    loc = rec.get("location") or {}
    when = rec.get("date") or {}
    start = end = None
    if when.get("precision") not in (None, "unknown"):
        start, end = _day(when.get("start") or when.get("value")), _day(when.get("end") or when.get("value"))
    elif when.get("value"):  # no time expression: the publication date, as a range reaching back a few days
        end = _day(when["value"])
        start = end - WINDOW_DAYS if end is not None else None
    evidence = rec.get("evidence") or {}
    trigger = (evidence.get("lemma") or evidence.get("trigger") or "").lower() or None
    at = evidence.get("start")
    return Report(
        id=rec["id"],
        doc=rec.get("article_id", ""),
        source=source,
        event_type=rec.get("event_type"),
        mode=rec.get("mode"),
        lemma=trigger,
        actors=_actor_keys(rec.get("actor")),
        recipients=_actor_keys(rec.get("recipient")),
        lat=loc.get("lat"),
        lon=loc.get("lon"),
        precision=loc.get("precision"),
        country=loc.get("country"),
        start=start,
        end=end,
        status=rec.get("status"),
        sentence=(rec.get("article_id", ""), at) if at is not None else None,
        record=rec,
    )


# ----------------------------------------------------------------------------------------------------------
# Pairwise compatibility and similarity


def compatible_types(a: Report, b: Report) -> bool:
    if a.event_type is None or b.event_type is None:
        return True
    return a.event_type == b.event_type or a.family == b.family


def place_agreement(a: Report, b: Report) -> float | None:
    """1 when both places can be the same at their precision, -1 when they cannot, None when unknown."""
    radius = [RADIUS_KM.get(p or "point", RADIUS_KM["point"]) for p in (a.precision, b.precision)]
    if a.lat is None or b.lat is None or None in radius:  # a country-level place: same country or not
        if a.country and b.country:
            return COUNTRY_AGREEMENT if a.country == b.country else -1.0
        return None
    return 1.0 if km((a.lat, a.lon), (b.lat, b.lon)) <= max(radius) else -1.0


def date_gap(a: Report, b: Report) -> int | None:
    """Days between the two date ranges (0 when they overlap), None when either is unknown."""
    if a.start is None or b.start is None:
        return None
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def date_agreement(a: Report, b: Report) -> float | None:
    gap = date_gap(a, b)
    if gap is None:
        return None
    return 1.0 if gap <= SAME_DAY_SLACK else -1.0


def actor_agreement(a: Report, b: Report) -> float | None:
    """Share of common actor keys (name or country code) among the parties both reports name."""
    scores = []
    for x, y in ((a.actors, b.actors), (a.recipients, b.recipients)):
        if x and y:
            scores.append(1.0 if x & y else -1.0)
    if not scores and (a.actors | a.recipients) and (b.actors | b.recipients):
        return 1.0 if (a.actors | a.recipients) & (b.actors | b.recipients) else -0.5
    return sum(scores) / len(scores) if scores else None


def _cos(x: Any, y: Any) -> float | None:
    if x is None or y is None:
        return None
    return float(x @ y)


FEATURES = (
    "lemma",
    "word",
    "context",
    "actor",
    "place",
    "date",
    "type",
    "same_doc",
    "status",
    "no_word",
    "no_context",
    "lemma_blind",
    "word_blind",
    "in_context",
    "place_nearby",
    "date_nearby",
    "same_sentence",
    "lemma_pair",
)
COUNTRY_AGREEMENT = 0.3  # one country is weak evidence of one place
GATE_DAYS = 2  # reports further apart than this are never one happening
GATE_RADII = 3.0  # nor places further apart than this many times their radius


def lemma_pair(
    a: Report, b: Report, table: dict[tuple[str, str], tuple[int, int]] | None = None
) -> float | None:
    """How much more often than usual mentions with these two lemmas were one happening in annotated news
    (a rate smoothed toward that of all pairs of the same kind, same lemma or not); None for an unseen pair.
    Words for one happening that differ (kill and murder) and words that rarely repeat one (say) show here."""
    if not a.lemma or not b.lemma:
        return None
    key = (a.lemma, b.lemma) if a.lemma <= b.lemma else (b.lemma, a.lemma)
    counts = (lemma_pairs() if table is None else table).get(key)
    if counts is None:
        return None
    m = model()
    prior = m["pair_prior"]["same" if key[0] == key[1] else "different"]
    together, seen = counts
    return (together + m["pair_smoothing"] * prior) / (seen + m["pair_smoothing"]) - prior


def features(a: Report, b: Report) -> list[float]:
    """The pairwise features the model weighs; an unknown one is 0 (neither for nor against)."""

    def v(x: float | None) -> float:
        return 0.0 if x is None else x

    lemma = None if not a.lemma or not b.lemma else (1.0 if a.lemma == b.lemma else -1.0)
    same_type = None
    if a.event_type and b.event_type:
        same_type = 1.0 if a.event_type == b.event_type and a.mode == b.mode else 0.0
    status = None if not a.status or not b.status else (1.0 if a.status == b.status else -1.0)
    word, context = _cos(a.word, b.word), _cos(a.vector, b.vector)
    place, when = place_agreement(a, b), date_agreement(a, b)
    nearby = a.nearby or b.nearby
    return [
        v(lemma),
        v(word),
        v(context),
        v(actor_agreement(a, b)),
        0.0 if nearby else v(place),
        0.0 if nearby else v(when),
        v(same_type),
        1.0 if a.doc == b.doc else 0.0,
        v(status),
        1.0 if word is None else 0.0,
        1.0 if context is None else 0.0,
        # without a context embedding the trigger carries more weight: its own weights
        v(lemma) if context is None else 0.0,
        v(word) if context is None else 0.0,
        v(_cos(a.in_context, b.in_context)),
        v(place) if nearby else 0.0,
        v(when) if nearby else 0.0,
        # two events of one sentence are mostly two happenings (a shooting and the death it caused)
        1.0 if a.sentence is not None and a.sentence == b.sentence else 0.0,
        v(lemma_pair(a, b)),
    ]


REAL = {"occurred", "ongoing", "negated"}  # reported as fact (done, going on, or denied)
UNREAL = {"planned", "hypothetical"}


def too_far(a: Report, b: Report) -> bool:
    """Dates or places so far apart, at their precision, that the reports cannot be of one happening; or one
    reported as fact and the other as a plan or a supposition. A place or date only read near a mention is
    evidence, never a veto."""
    if {a.status, b.status} & REAL and {a.status, b.status} & UNREAL:
        return True
    if a.nearby or b.nearby:
        return False
    gap = date_gap(a, b)
    if gap is not None and gap > GATE_DAYS:
        return True
    if a.lat is None or b.lat is None or a.precision == "country" or b.precision == "country":
        return False
    radius = max(RADIUS_KM.get(p or "point") or 0.0 for p in (a.precision, b.precision))
    return km((a.lat, a.lon), (b.lat, b.lon)) > GATE_RADII * radius


def similarity(a: Report, b: Report) -> float:
    """Probability that two reports are of one happening; 0 when they cannot be (types, groups)."""
    if not compatible_types(a, b) or (a.group is not None and a.group != b.group) or too_far(a, b):
        return 0.0
    m = model()
    z = m["bias"] + sum(w * f for w, f in zip(m["weights"], features(a, b)))
    return 1.0 / (1.0 + math.exp(-z))


# ----------------------------------------------------------------------------------------------------------
# Clustering


def cluster(reports: list[Report], threshold: float | None = None, method: str | None = None) -> list[int]:
    """Agglomerative clustering of reports by ``similarity`` (the model's linkage, ``single`` or ``average``):
    a cluster number per report. For a small set compared all against all (the mentions of one document
    group).
    """
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    threshold = model()["threshold"] if threshold is None else threshold
    method = method or model().get("linkage", "average")
    n = len(reports)
    if n < 2:
        return [0] * n
    distance = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            distance[i, j] = distance[j, i] = 1.0 - similarity(reports[i], reports[j])
    tree = linkage(squareform(distance, checks=False), method=method)
    return [int(x) - 1 for x in fcluster(tree, t=1.0 - threshold, criterion="distance")]


def _coarse(r: Report) -> bool:
    return r.lat is None or r.precision == "country"


def _windows(r: Report, slack: int = 0) -> list[Any]:
    if r.start is None:
        return ["*"]
    windows: list[Any] = list(range((r.start - slack) // WINDOW_DAYS, (r.end + slack) // WINDOW_DAYS + 1))
    return windows[:1] if len(windows) > 8 else windows  # a month or a year: filed under its start only


def _blocks(r: Report) -> list[tuple[Any, ...]]:
    """The blocking keys a report is filed under: date window × place × type family. Every report is filed
    under its country; one with a place finer than a country also under its cell, one without under the
    country's coarse key."""
    family = r.family or "*"
    places: list[tuple[Any, ...]] = [("in", r.country or "*")]
    if _coarse(r):
        places.append(("coarse", r.country or "*"))
    else:
        places.append(("cell", math.floor(r.lat / CELL_DEGREES), math.floor(r.lon / CELL_DEGREES)))
    return [(family, w, p) for w in _windows(r) for p in places]


def _neighbour_blocks(r: Report) -> Iterator[tuple[Any, ...]]:
    """Every block whose incidents ``r`` may join: adjacent windows; adjacent cells and the country's coarse
    reports for a located report, anything in the country for a coarse one."""
    family = r.family or "*"
    windows = _windows(r, SAME_DAY_SLACK)[:10] + ["*"]
    places: list[tuple[Any, ...]] = []
    if _coarse(r):
        places.append(("in", r.country or "*"))
        if r.country:
            places.append(("coarse", "*"))
    else:
        cy, cx = math.floor(r.lat / CELL_DEGREES), math.floor(r.lon / CELL_DEGREES)
        reach = 1 + int((RADIUS_KM.get(r.precision or "point") or 0.0) // 111)
        places += [
            ("cell", cy + dy, cx + dx) for dy in range(-reach, reach + 1) for dx in range(-reach, reach + 1)
        ]
        places += [("coarse", r.country or "*"), ("coarse", "*")]
    for w in windows:
        for p in places:
            yield (family, w, p)


@dataclass
class Incident:
    id: str
    reports: list[Report] = field(default_factory=list)


class Fuser:
    """Incremental fusion: ``add`` files each report into the best-matching incident of its candidate blocks
    or opens a new one. Reports are best added in date order; the result does not depend on batch sizes."""

    def __init__(self, threshold: float | None = None, id_of: Any = None) -> None:
        self.threshold = model()["fuse_threshold"] if threshold is None else threshold
        self.linkage = model().get("linkage", "average")
        self.blocks: dict[tuple[Any, ...], list[str]] = defaultdict(list)
        self.incidents: dict[str, Incident] = {}
        self.of: dict[str, str] = {}  # report id → incident id
        self.id_of = id_of or (lambda r: f"inc-{r.id}")
        self.touched: set[str] = set()

    def candidates(self, r: Report) -> list[Incident]:
        seen: dict[str, None] = {}
        for key in _neighbour_blocks(r):
            for inc_id in self.blocks.get(key, ())[-MAX_CANDIDATES:]:
                seen[inc_id] = None
        return [self.incidents[i] for i in list(seen)[-4 * MAX_CANDIDATES :]]

    def score(self, r: Report, incident: Incident) -> float:
        """Similarity to the incident's latest reports by the model's linkage (single: the best of them,
        average: their mean); a hard incompatibility with any of them is 0."""
        scores = []
        for other in incident.reports[-16:]:
            s = similarity(r, other)
            if s == 0.0:
                return 0.0
            scores.append(s)
        return max(scores) if self.linkage == "single" else sum(scores) / len(scores)

    def add(self, r: Report) -> str:
        best, best_score = None, self.threshold
        for incident in self.candidates(r):
            s = self.score(r, incident)
            if s >= best_score:
                best, best_score = incident, s
        if best is None:
            best = Incident(self.id_of(r))
            self.incidents[best.id] = best
        best.reports.append(r)
        self.of[r.id] = best.id
        self.touched.add(best.id)
        for key in _blocks(r):
            bucket = self.blocks[key]
            if not bucket or bucket[-1] != best.id:
                bucket.append(best.id)
        return best.id

    def restore(self, r: Report, incident_id: str) -> None:
        """File a report under the incident it was fused into before (incremental fusion)."""
        incident = self.incidents.get(incident_id)
        if incident is None:
            incident = self.incidents[incident_id] = Incident(incident_id)
        incident.reports.append(r)
        self.of[r.id] = incident_id
        for key in _blocks(r):
            bucket = self.blocks[key]
            if not bucket or bucket[-1] != incident_id:
                bucket.append(incident_id)

    def add_all(self, reports: Iterable[Report]) -> dict[str, str]:
        ordered = sorted(reports, key=lambda r: (r.start if r.start is not None else 0, r.doc, r.id))
        return {r.id: self.add(r) for r in ordered}
