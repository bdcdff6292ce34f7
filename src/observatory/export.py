"""Output formats for event records: JSON lines, CSV, ACLED-style CSV, GeoJSON, and the terminal table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any, TextIO

from . import acled

FLAT_COLUMNS = [
    "id",
    "article_id",
    "event_type",
    "mode",
    "cameo",
    "acled_sub_event_type",
    "status",
    "actor.text",
    "actor.name",
    "actor.country",
    "actor.sector",
    "recipient.text",
    "recipient.name",
    "recipient.country",
    "recipient.sector",
    "location.name",
    "location.country",
    "location.lat",
    "location.lon",
    "location.geonameid",
    "location.precision",
    "date.value",
    "date.label",
    "date.start",
    "date.end",
    "date.precision",
    "date.text",
    "attribution.source",
    "evidence.trigger",
    "evidence.sentence",
    "confidence",
    "fatalities",
    "injured",
    "incident_id",
]

# ACLED's export columns, in ACLED's order, for the ones an event record can fill
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "tags",
]
# ACLED's codes: time 1 = the day, 2 = within a week, 3 = a month or less precise; geo 1 = the town or point,
# 2 = part of a region near a town, 3 = only the region or province
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 2}
GEO_PRECISION = {"point": 1, "admin1": 3, "region": 3, "country": 3}
EXPORTED_STATUS = {"occurred", "ongoing"}  # ACLED records what happened, never what was planned or denied
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "them", "him", "her", "us"}


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


def _acled_actors() -> dict[str, tuple[int | None, str]]:
    from . import settings

    return {
        row[0]: (int(row[1]) if row[1] else None, row[2] if len(row) > 2 else "")
        for row in settings.data_rows("acled_actors.tsv")
    }


def acled_actor(
    actor: dict[str, Any], countries: dict[str, str], table: dict[str, tuple[int | None, str]]
) -> tuple[str | None, int | None]:
    """(ACLED-style actor name, inter code): the dictionary name, else the sector's generic ACLED name with
    the actor's country, else the surface text unless it is only a pronoun."""
    if not actor:
        return None, None
    inter, template = table.get(actor.get("sector") or "", (None, ""))
    name = actor.get("name")
    if not name and template and actor.get("country") in countries:
        name = template.format(country=countries[actor["country"]])
    text = (actor.get("text") or "").strip()
    if not name and text and text.lower() not in PRONOUNS and text.lower().split()[0] not in PRONOUNS:
        name = text
    return name, inter


def acled_row(
    record: dict[str, Any], countries: dict[str, str], table: dict[str, tuple[int | None, str]] | None = None
) -> dict[str, Any] | None:
    """One record in ACLED's column names; None for a record ACLED would not hold (no ACLED type, or an event
    that was planned, negated or supposed rather than reported as happening)."""
    import pycountry

    sub = record.get("acled_sub_event_type")
    event_type = acled.EVENT_TYPE.get(sub or "")
    if event_type is None or record.get("status") not in EXPORTED_STATUS:
        return None
    table = table if table is not None else _acled_actors()
    loc, day = record.get("location") or {}, record.get("date") or {}
    actor1, inter1 = acled_actor(record.get("actor") or {}, countries, table)
    actor2, inter2 = acled_actor(record.get("recipient") or {}, countries, table)
    if event_type in acled.VIOLENT_EVENT_TYPES:
        disorder = "Political violence"
    elif event_type == "Protests":
        disorder = "Demonstrations"
    else:
        disorder = "Strategic developments"
    country = pycountry.countries.get(alpha_3=loc["country"]) if loc.get("country") else None
    codes = sorted(i for i in (inter1, inter2) if i)
    return {
        "event_id_cnty": record["id"],
        "event_date": day.get("value")
        if day.get("precision") == "day"
        else day.get("start") or day.get("value"),
        "year": (day.get("start") or day.get("value") or "")[:4] or None,
        # a date that is only the publication date: the event is taken to fall within the week before it
        "time_precision": TIME_PRECISION.get(day.get("precision") or "unknown"),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub,
        "actor1": actor1,
        "assoc_actor_1": None,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": int("".join(map(str, codes))) if codes else None,
        "civilian_targeting": (
            "Civilian targeting" if inter2 == 7 and disorder == "Political violence" else None
        ),
        "iso": int(country.numeric) if country else None,
        "country": countries.get(loc.get("country") or ""),
        "admin1": loc.get("admin1"),
        "location": loc.get("name"),
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geo_precision": GEO_PRECISION.get(loc.get("precision") or ""),
        "source": (record.get("attribution") or {}).get("source"),
        "notes": record["evidence"]["sentence"],
        "fatalities": record.get("fatalities") or 0,
        "tags": None,
    }


def write_acled_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """ACLED-style CSV: only the events ACLED would hold; returns the number of rows written."""
    import pycountry

    countries = {c.alpha_3: getattr(c, "common_name", c.name) for c in pycountry.countries}
    table = _acled_actors()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    n = 0
    for record in records:
        row = acled_row(record, countries, table)
        if row is not None:
            writer.writerow(row)
            n += 1
    return n


def write_geojson(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A FeatureCollection of the events that have coordinates."""
    features = []
    for record in records:
        loc = record.get("location") or {}
        if loc.get("lat") is None or loc.get("lon") is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                "properties": record,
            }
        )
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


PARQUET_NUMBERS = {"location.lat", "location.lon", "confidence"}
PARQUET_COUNTS = ["fatalities", "injured"]


def write_parquet(records: Iterable[dict[str, Any]], out: Any, rows_per_group: int = 50_000) -> int:
    """The flat columns (and casualty counts, incident) as Parquet, for pandas, DuckDB and Arrow users;
    written a row group at a time, so memory stays bounded whatever the number of events. ``out`` is a binary
    stream or a text stream with a ``buffer``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = FLAT_COLUMNS
    schema = pa.schema(
        [
            (c, pa.float64() if c in PARQUET_NUMBERS else pa.int64() if c in PARQUET_COUNTS else pa.string())
            for c in columns
        ]
    )
    if hasattr(out, "buffer"):
        out.flush()
        out = out.buffer
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        group: list[dict[str, Any]] = []
        for record in records:
            group.append({c: get(record, c) for c in columns})
            if len(group) >= rows_per_group:
                writer.write_table(pa.Table.from_pylist(group, schema))
                n, group = n + len(group), []
        if group or not n:
            writer.write_table(pa.Table.from_pylist(group, schema))
            n += len(group)
    return n


WRITERS = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "acled-csv": write_acled_csv,
    "geojson": write_geojson,
    "parquet": write_parquet,
}


# Columns of the terminal table, and the narrowest terminal that shows each: at 80 columns the table keeps
# who did what to whom, when and where, and drops the rest.
TABLE_COLUMNS = (
    ("date", 0),
    ("type", 0),
    ("actor", 0),
    ("recipient", 0),
    ("place", 0),
    ("status", 110),
    ("trigger", 130),
    ("source", 150),
)


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
        cells = {
            "date": date_label(r.get("date")),
            "type": r["event_type"] + (f" ({r['cameo']})" if r.get("cameo") and wide else ""),
            "status": r["status"],
            "actor": _party(actor, wide),
            "recipient": _party(recipient, wide),
            "place": f"{loc.get('name')} ({loc.get('country')})" if loc else "",
            "source": (r.get("attribution") or {}).get("source") or "",
            "trigger": r["evidence"]["trigger"],
        }
        t.add_row(*(cells[c] for c in columns))
    return t


def to_string(writer: str, records: Iterable[dict[str, Any]]) -> str:
    buf = io.StringIO()
    WRITERS[writer](records, buf)
    return buf.getvalue()
