"""Output formats for event records: JSON lines, CSV, ACLED-style CSV, GeoJSON, and the terminal table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any, TextIO

from . import acled

FLAT_COLUMNS = ["id", "article_id", "event_type", "mode", "cameo", "acled_sub_event_type", "status",
                "actor.text", "actor.name", "actor.country", "actor.sector",
                "recipient.text", "recipient.name", "recipient.country", "recipient.sector",
                "location.name", "location.country", "location.lat", "location.lon", "location.geonameid",
                "location.precision", "date.value", "date.label", "date.start", "date.end", "date.precision",
                "date.text",
                "attribution.source", "evidence.trigger", "evidence.sentence", "confidence"]

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "inter2", "country", "iso3",
                 "location", "latitude", "longitude", "geo_precision", "source", "notes"]
ACLED_INTER = {"GOV": 1, "MIL": 1, "COP": 1, "REB": 2, "OPP": 6, "CVL": 7, "IGO": 8, "NGO": 8, "MED": 8}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"point": 1, "admin1": 2, "region": 3, "country": 3}


def date_label(day: dict[str, Any] | None) -> str:
    """An event's date written at its precision: 2017-11-11, 2017-W44, 2017-11, 2017; a date that is only the
    article's publication date (no time expression found) gets a question mark: 2017-11-11?."""
    day = day or {}
    start, value, precision = day.get("start") or "", day.get("value") or "", day.get("precision")
    if precision == "week" and start:
        from datetime import date

        year, week, _ = date.fromisoformat(start).isocalendar()
        return f"{year}-W{week:02d}"
    if precision == "month" and start:
        return start[:7]
    if precision == "year" and start:
        return start[:4]
    if precision == "day":
        return value or start
    if not day.get("text") and (value or start):
        return f"{value or start}?"
    end = day.get("end") or ""
    return f"{start}/{end}" if start and end and end != start else value or start


def get(record: dict[str, Any], dotted: str) -> Any:
    if dotted == "date.label":
        return date_label(record.get("date"))
    value: Any = record
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for n, record in enumerate(records, 1):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return n


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(FLAT_COLUMNS)
    n = 0
    for n, record in enumerate(records, 1):
        writer.writerow([get(record, c) for c in FLAT_COLUMNS])
    return n


def acled_row(record: dict[str, Any], countries: dict[str, str]) -> dict[str, Any]:
    """One record in ACLED's column names; only columns we have a value for are filled."""
    sub = record.get("acled_sub_event_type")
    actor, recipient, loc, day = record.get("actor") or {}, record.get("recipient") or {}, record.get("location") or {}, record["date"]
    event_type = acled.EVENT_TYPE.get(sub or "")
    disorder = None
    if event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        disorder = "Political violence"
    elif event_type in ("Protests", "Riots"):
        disorder = "Demonstrations"
    elif event_type:
        disorder = "Strategic developments"
    return {
        "event_id_cnty": record["id"], "event_date": day.get("value") if day.get("precision") == "day" else day.get("start"),
        "year": (day.get("start") or "")[:4] or None,
        # a date that is only the publication date is at best ACLED's coarsest precision
        "time_precision": TIME_PRECISION.get(day.get("precision"), 3 if day.get("start") else None),
        "disorder_type": disorder, "event_type": event_type, "sub_event_type": sub,
        "actor1": actor.get("name") or actor.get("text"), "assoc_actor_1": None, "inter1": ACLED_INTER.get(actor.get("sector")),
        "actor2": recipient.get("name") or recipient.get("text"), "inter2": ACLED_INTER.get(recipient.get("sector")),
        "country": countries.get(loc.get("country") or ""), "iso3": loc.get("country"), "location": loc.get("name"),
        "latitude": loc.get("lat"), "longitude": loc.get("lon"), "geo_precision": GEO_PRECISION.get(loc.get("precision")),
        "source": (record.get("attribution") or {}).get("source"), "notes": record["evidence"]["sentence"],
    }


def write_acled_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    import pycountry

    countries = {c.alpha_3: getattr(c, "common_name", c.name) for c in pycountry.countries}
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    n = 0
    for n, record in enumerate(records, 1):
        writer.writerow(acled_row(record, countries))
    return n


def write_geojson(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A FeatureCollection of the events that have coordinates."""
    features = []
    for record in records:
        loc = record.get("location") or {}
        if loc.get("lat") is None or loc.get("lon") is None:
            continue
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                         "properties": record})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "acled-csv": write_acled_csv, "geojson": write_geojson}


# Columns of the terminal table, and the narrowest terminal that shows each: at 80 columns the table keeps
# who did what to whom, when and where, and drops the rest.
TABLE_COLUMNS = (("date", 0), ("type", 0), ("actor", 0), ("recipient", 0), ("place", 0), ("status", 110),
                 ("trigger", 130), ("source", 150))


def _party(a: dict[str, Any], wide: bool) -> str:
    if not a:
        return ""
    code = " ".join(x for x in (a.get("country"), a.get("sector") if wide else None) if x)
    return f"{a.get('name') or a.get('text')}" + (f" [{code}]" if code else "")


def table(records: list[dict[str, Any]], title: str | None = None, width: int = 200) -> Any:
    """A rich table of events for a terminal ``width`` characters wide; long cells wrap."""
    from rich.table import Table

    wide = width >= 110
    columns = [name for name, needs in TABLE_COLUMNS if width >= needs]
    t = Table(title=title, show_lines=False, pad_edge=wide, **({} if wide else {"box": None}))
    for col in columns:
        t.add_column(col, overflow="fold", no_wrap=col == "date", min_width=len(col))
    for r in records:
        actor, recipient, loc = r.get("actor") or {}, r.get("recipient") or {}, r.get("location") or {}
        cells = {"date": date_label(r.get("date")),
                 "type": r["event_type"] + (f" ({r['cameo']})" if r.get("cameo") and wide else ""),
                 "status": r["status"], "actor": _party(actor, wide), "recipient": _party(recipient, wide),
                 "place": f"{loc.get('name')} ({loc.get('country')})" if loc else "",
                 "source": (r.get("attribution") or {}).get("source") or "",
                 "trigger": r["evidence"]["trigger"]}
        t.add_row(*(cells[c] for c in columns))
    return t


def to_string(writer: str, records: Iterable[dict[str, Any]]) -> str:
    buf = io.StringIO()
    WRITERS[writer](records, buf)
    return buf.getvalue()
