"""The one data model every stage shares: articles, mentions and events."""

from __future__ import annotations

import hashlib
import math
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Article:
    """An article as stored: ``text`` is what offsets point into; ``body_end`` cuts off boilerplate."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date
    published_inferred: bool = False
    url: str | None = None
    source: str | None = None
    path: str | None = None
    body_end: int | None = None  # events are drawn from text[:body_end]

    @property
    def body(self) -> str:
        return self.text if self.body_end is None else self.text[: self.body_end]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


def content_id(text: str) -> str:
    """Stable article id from its content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Actor:
    """A coded actor: surface text, canonical name, country (ISO3 or group code) and sector."""

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    backer: str | None = None
    start: int | None = None
    end: int | None = None

    def record(self) -> dict[str, Any]:
        out = {"text": self.text, "name": self.name, "country": self.country, "sector": self.sector}
        if self.backer:
            out["backer"] = self.backer
        return out


# a place's precision, from the most to the least precise
PRECISION_RANK = {"point": 0, "near": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5}


@dataclass
class Place:
    """A place mention resolved against the gazetteer."""

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: str | None = None
    feature: str | None = None
    precision: str | None = None
    score: float = 0.0
    kind: str = "name"  # name | demonym ("Iraqi" counts as a mention of Iraq, never as an event's place)
    basis: str = "clause"  # for an event's location: clause | sentence | paragraph, where the text ties it

    def within(self, area: Any) -> bool:
        """This place is ``area`` or lies in it ("Adair County" in "Kentucky", "Kabul" in "Afghanistan")."""
        if (self.name, self.country) == (area.name, area.country):
            return True
        return self.country == area.country and (
            area.precision == "country" or (area.precision == "admin1" and self.admin1 == area.name)
        )

    def record(self) -> dict[str, Any]:
        return {
            k: getattr(self, k)
            for k in (
                "text",
                "name",
                "country",
                "admin1",
                "lat",
                "lon",
                "geonameid",
                "feature",
                "precision",
                "basis",
            )
        }


@dataclass
class TimeExpr:
    """A TIMEX3-style time expression normalised against the publication date."""

    text: str
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    range_start: str | None = None
    range_end: str | None = None
    precision: str = "unknown"


@dataclass
class Event:
    """One coded event with its evidence; ``record()`` gives the output contract."""

    article_id: str
    event_type: str
    trigger: str
    sentence: str
    sent_start: int
    sent_end: int
    trigger_start: int
    mode: str | None = None
    lemma: str | None = None  # the trigger's dictionary form, which fusion compares across reports
    cameo: str | None = None
    acled_sub_event_type: str | None = None
    status: str = "occurred"
    actor: Actor | None = None
    recipient: Actor | None = None
    location: Place | None = None
    date: dict[str, Any] = field(default_factory=dict)
    attribution: dict[str, Any] | None = None
    confidence: float = 0.5
    pipeline: str = ""
    fatalities: Any = None  # a casualties.Count stated for the event, or None
    injured: Any = None
    mentions: list[dict[str, Any]] = field(default_factory=list)  # other sentences reporting the happening
    # what the text says the event was done to when no actor codes it ("attacks on army posts"); not recorded
    target: str | None = field(default=None, repr=False, compare=False)

    @property
    def id(self) -> str:
        key = f"{self.article_id}|{self.sent_start}|{self.sent_end}|{self.trigger_start}|{self.event_type}"
        key += f"|{self.actor.text if self.actor else ''}|{self.recipient.text if self.recipient else ''}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]

    def record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "event_type": self.event_type,
            "mode": self.mode,
            "cameo": self.cameo,
            "acled_sub_event_type": self.acled_sub_event_type,
            "status": self.status,
            "actor": self.actor.record() if self.actor else None,
            "recipient": self.recipient.record() if self.recipient else None,
            "location": self.location.record() if self.location else None,
            "date": self.date
            or {
                "text": None,
                "value": None,
                "start": None,
                "end": None,
                "precision": "unknown",
                "basis": None,
            },
            "attribution": self.attribution,
            "evidence": {
                "sentence": self.sentence,
                "start": self.sent_start,
                "end": self.sent_end,
                "trigger": self.trigger,
                "lemma": self.lemma,
            },
            "confidence": round(self.confidence, 3),
            "pipeline": self.pipeline,
            "fatalities": self.fatalities.count if self.fatalities else None,
            "fatalities_evidence": self.fatalities.span() if self.fatalities else None,
            "injured": self.injured.count if self.injured else None,
            "injured_evidence": self.injured.span() if self.injured else None,
            "mentions": list(self.mentions),
        }


def as_dict(obj: Any) -> dict[str, Any]:
    return asdict(obj)
