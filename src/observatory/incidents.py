"""Incidents in the store: fusion over stored events, incident records, corroboration, contradictions, and the
territorial-control timeline of a place.

The statements live in the store port (store/incident_sql.py); this module works on records through
``Store.fusing`` and ``Store.incident_statements``, and ``fuse`` holds the matching logic.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any
from urllib.parse import urlparse

from . import fuse
from .model import PRECISION_RANK, km
from .store import Store
from .store.base import Statements
from .text import fold


def _placeholders(n: int) -> str:
    return ", ".join(["?"] * n)


SLIM_DROP = ("pipeline", "confidence")


def _source_of(row: dict[str, Any] | None) -> str | None:
    """An article's outlet: its source, else its URL's host."""
    if not row:
        return None
    if row.get("source"):
        return row["source"]
    if row.get("url"):
        host = urlparse(row["url"]).hostname or ""
        return re.sub(r"^www\.", "", host) or None
    return None


class Articles:
    """What fusion needs of articles: outlet, publication date, and which are syndicated copies of which."""

    def __init__(self) -> None:
        self.info: dict[str, dict[str, Any]] = {}
        self.original: dict[str, str] = {}

    def add(self, row: dict[str, Any]) -> None:
        self.info[row["id"]] = {"source": _source_of(row), "published": row.get("published")}

    def outlet(self, article_id: str) -> str:
        return (self.info.get(article_id) or {}).get("source") or article_id

    def story(self, article_id: str) -> str:
        """The article a copy was syndicated from (itself when it is no copy)."""
        return self.original.get(article_id, article_id)


def _report(rec: dict[str, Any], article_id: str, articles: Articles) -> fuse.Report:
    slim = {k: v for k, v in rec.items() if k not in SLIM_DROP}
    slim["evidence"] = {k: (rec.get("evidence") or {}).get(k) for k in ("sentence", "start", "trigger")}
    r = fuse.from_record(slim, source=articles.outlet(article_id))
    r.doc = articles.story(article_id)
    r.record = slim
    slim["article_id"] = article_id
    return r


def _rows(cur: Any) -> Iterator[tuple[Any, ...]]:
    while True:
        chunk = cur.fetchmany(5000)
        if not chunk:
            return
        yield from chunk


def _dict_rows(cur: Any) -> Iterator[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    for row in _rows(cur):
        yield dict(zip(names, row))


def detect_copies(
    db: Statements, articles: Articles, rows: list[dict[str, Any]], threshold: float = 0.8
) -> int:
    """Near-duplicate articles (one wire story in many outlets) by MinHash LSH over word 5-shingles; each copy
    is
    mapped to the earliest published of its kind. Returns how many copies were found."""
    from . import syndication

    pairs = syndication.copies(rows, threshold)
    for copy, original in pairs.items():
        articles.original[copy] = original
        db.run("copy", (copy, original))
    return len(pairs)


def refuse(store: Store) -> dict[str, int]:
    """Re-fuse every stored event from scratch: copies, incidents, event links, incident records."""
    return store.fusing(_refuse)


def _refuse(db: Statements) -> dict[str, int]:
    articles = Articles()
    rows = list(_dict_rows(db.run("articles")))
    for row in rows:
        articles.add(row)
    db.run("clear_copies")
    copies = detect_copies(db, articles, rows)
    del rows
    reports = [
        _report(json.loads(rec_text), article_id, articles)
        for rec_text, article_id in _rows(db.run("events_all"))
    ]
    fuser = fuse.Fuser()
    for r in fuse.attach_words(reports):
        fuser.add(r)
    del reports
    db.run("clear_links")
    db.run("clear_incidents")
    db.run("clear_event_links")
    _write(db, fuser, fuser.incidents.keys(), articles)
    return {"events": len(fuser.of), "incidents": len(fuser.incidents), "copies": copies}


def fuse_articles(store: Store, article_ids: list[str]) -> dict[str, int]:
    """Fuse the events of newly stored articles: only incidents of their date window are loaded and compared,
    and only the incidents they join are rewritten."""
    if not article_ids:
        return {"events": 0, "incidents": 0, "copies": 0}
    return store.fusing(lambda db: _fuse_articles(db, article_ids))


def fuse_pending(store: Store) -> dict[str, int]:
    """Fuse the events of every stored article not fused yet (after an ingest batch, or one that was killed
    before its batch was fused)."""
    ids = [a for (a,) in _rows(store.incident_statements().run("unfused_articles"))]
    return fuse_articles(store, ids)


def _fuse_articles(db: Statements, article_ids: list[str]) -> dict[str, int]:
    articles = Articles()
    new_rows = []
    for start in range(0, len(article_ids), 500):
        ids = article_ids[start : start + 500]
        new_rows += list(_dict_rows(db.run("articles_by_id", ids, ids=_placeholders(len(ids)))))
    for row in new_rows:
        articles.add(row)
    for copy, original in _rows(db.run("copies")):
        articles.original[copy] = original
    copies = detect_copies(db, articles, new_rows + _recent_articles(db, new_rows))
    new: list[fuse.Report] = []
    for start in range(0, len(article_ids), 500):
        ids = article_ids[start : start + 500]
        for rec_text, article_id in _rows(db.run("events_of_articles", ids, ids=_placeholders(len(ids)))):
            new.append(_report(json.loads(rec_text), article_id, articles))
    new_ids = {r.id for r in new}
    before = set(_incident_ids(db, sorted(new_ids)).values())  # incidents the new events were in (re-ingest)
    gone = [i for (i,) in _rows(db.run("stale_incidents"))]  # and those of events deleted since
    db.run("drop_stale_links")
    dated = [r for r in new if r.start is not None]
    lo = min((r.start for r in dated), default=None)
    hi = max((r.end for r in dated), default=None)
    fuser = fuse.Fuser()
    if lo is not None:
        pad = fuse.WINDOW_DAYS + fuse.SAME_DAY_SLACK
        window = (date.fromordinal(lo - pad).isoformat(), date.fromordinal(hi + pad).isoformat())
        old = list(_rows(db.run("events_window", window)))
        missing = {a for _r, a, _i in old} - set(articles.info)
        _load_articles(db, articles, missing)
        restored = []
        for rec_text, article_id, incident_id in old:
            rec = json.loads(rec_text)
            if rec["id"] not in new_ids and incident_id is not None:
                restored.append((_report(rec, article_id, articles), incident_id))
        fuse.attach_words([r for r, _i in restored])
        for r, incident_id in restored:
            fuser.restore(r, incident_id)
    fuser.touched.clear()
    fuse.attach_words(new)
    for r in sorted(new, key=lambda r: (r.start if r.start is not None else 0, r.doc, r.id)):
        fuser.add(r)
    touched = set(fuser.touched) | before | set(gone)
    _link(db, [(r.id, fuser.of[r.id]) for r in new])
    # each touched incident summarised from all its stored reports, not only those of the date window
    rows = []
    for inc_id in sorted(touched):
        found = list(_rows(db.run("incident_events", (inc_id,))))
        _load_articles(db, articles, {a for _t, a in found} - set(articles.info))
        reports = [_report(json.loads(t), a, articles) for t, a in found]
        if reports:
            rows.append(_incident_row(summarise(inc_id, reports, articles)))
    db.many("upsert_incident", rows)
    db.run("drop_empty_incidents")
    return {"events": len(new), "incidents": len(touched), "copies": copies}


def _recent_articles(db: Statements, new_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored articles published within a few days of the new ones: the candidates of a syndicated copy."""
    days = sorted(r["published"] for r in new_rows if r.get("published"))
    if not days:
        return []
    lo = date.fromordinal(date.fromisoformat(days[0][:10]).toordinal() - 3).isoformat()
    hi = date.fromordinal(date.fromisoformat(days[-1][:10]).toordinal() + 3).isoformat()
    new_ids = {r["id"] for r in new_rows}
    return [r for r in _dict_rows(db.run("articles_published", (lo, hi))) if r["id"] not in new_ids]


def _load_articles(db: Statements, articles: Articles, ids: set[str]) -> None:
    ids_list = sorted(ids)
    for start in range(0, len(ids_list), 500):
        chunk = ids_list[start : start + 500]
        for row in _dict_rows(db.run("articles_by_id", chunk, ids=_placeholders(len(chunk)))):
            articles.add(row)


def _incident_row(rec: dict[str, Any]) -> tuple[Any, ...]:
    loc = rec["location"] or {}
    return (
        rec["incident_id"],
        rec["event_type"],
        rec["start"],
        rec["end"],
        loc.get("name"),
        loc.get("country"),
        loc.get("lat"),
        loc.get("lon"),
        len(rec["event_ids"]),
        len(rec["article_ids"]),
        rec["n_sources"],
        json.dumps(rec, ensure_ascii=False),
    )


def _link(db: Statements, links: list[tuple[str, str]]) -> None:
    """Event → incident, in the link table and on the event's own row."""
    db.many("link", links)
    db.many("link_event", [(incident_id, event_id) for event_id, incident_id in links])


def _write(db: Statements, fuser: fuse.Fuser, incident_ids: Iterable[str], articles: Articles) -> None:
    """Links and records of the given incidents, as the fuser holds them (all their reports)."""
    links, rows = [], []
    for inc_id in incident_ids:
        inc = fuser.incidents[inc_id]
        links += [(r.id, inc_id) for r in inc.reports]
        rows.append(_incident_row(summarise(inc_id, inc.reports, articles)))
        if len(rows) >= 5000:
            db.many("upsert_incident", rows)
            _link(db, links)
            links, rows = [], []
    db.many("upsert_incident", rows)
    _link(db, links)


# ----------------------------------------------------------------------------------------------------------
# Incident records


def _party_name(party: dict[str, Any] | None) -> str | None:
    if not party:
        return None
    return party.get("name") or party.get("text")


def _claimant(rec: dict[str, Any], outlet: str) -> str:
    """Who says so: the attributed source when the report names one, else the outlet."""
    return ((rec.get("attribution") or {}).get("source")) or outlet


def summarise(incident_id: str, reports: list[fuse.Report], articles: Articles) -> dict[str, Any]:
    """The incident record: consensus type, dates and place; corroboration; contradictions."""
    recs = [r.record or {} for r in reports]
    types = Counter(r.event_type for r in reports if r.event_type)
    dated = [
        r
        for r in reports
        if r.start is not None and (r.record or {}).get("date", {}).get("precision") not in (None, "unknown")
    ]
    start = min((r.start for r in dated), default=None)
    end = max((r.end for r in dated), default=None)
    if start is None:
        days = [r.end for r in reports if r.end is not None]
        start = end = min(days) if days else None
    places = Counter()
    place_rec: dict[str, dict[str, Any]] = {}
    for rec in recs:
        loc = rec.get("location")
        if loc and loc.get("name"):
            rank = PRECISION_RANK.get(loc.get("precision") or "", len(PRECISION_RANK))
            places[(rank, loc["name"])] += 1
            place_rec.setdefault(loc["name"], loc)
    location = None
    if places:
        best_rank = min(k[0] for k in places)
        name = max((k for k in places if k[0] == best_rank), key=lambda k: (places[k], k[1]))[1]
        loc = place_rec[name]
        location = {
            k: loc.get(k) for k in ("name", "country", "admin1", "lat", "lon", "geonameid", "precision")
        }
    actors = sorted(
        {n for rec in recs for n in (_party_name(rec.get("actor")), _party_name(rec.get("recipient"))) if n}
    )
    article_ids = sorted({rec.get("article_id") for rec in recs if rec.get("article_id")})
    stories = sorted({articles.story(a) for a in article_ids})
    sources = sorted({articles.outlet(a) for a in stories})
    first = min(
        article_ids, key=lambda a: ((articles.info.get(a) or {}).get("published") or "9999", a), default=None
    )
    reported: dict[str, list[int]] = defaultdict(list)
    for r, rec in zip(reports, recs):
        n = rec.get("fatalities")
        if isinstance(n, dict):
            n = n.get("value") or n.get("min")
        if isinstance(n, (int, float)):
            reported[_claimant(rec, r.source or "")].append(int(n))
    fatalities = None
    if reported:
        values = [v for vs in reported.values() for v in vs]
        fatalities = {
            "min": min(values),
            "max": max(values),
            "by": {who: max(vs) for who, vs in sorted(reported.items())},
        }
    return {
        "incident_id": incident_id,
        "event_type": types.most_common(1)[0][0] if types else None,
        "start": date.fromordinal(start).isoformat() if start is not None else None,
        "end": date.fromordinal(end).isoformat() if end is not None else None,
        "location": location,
        "actors": actors,
        "event_ids": sorted(r.id for r in reports),
        "article_ids": article_ids,
        "sources": sources,
        "n_sources": len(sources),
        "first_report": {
            "article_id": first,
            "published": (articles.info.get(first) or {}).get("published"),
            "source": articles.outlet(first),
        }
        if first
        else None,
        "claimants": sorted({_claimant(rec, r.source or "") for r, rec in zip(reports, recs)}),
        "fatalities": fatalities,
        "contradictions": contradictions(reports),
    }


def _sides(groups: dict[str, list[fuse.Report]], kind: str) -> dict[str, Any] | None:
    if len(groups) < 2:
        return None
    return {
        "kind": kind,
        "sides": [
            {
                "value": value,
                "sources": sorted({_claimant(r.record or {}, r.source or "") for r in rs}),
                "event_ids": sorted(r.id for r in rs),
            }
            for value, rs in sorted(groups.items())
        ],
    }


def _side(party: dict[str, Any] | None) -> str | None:
    """A party as one side of a fight: its name, else its country with its sector (MLI/MIL, MLI/REB)."""
    party = party or {}
    if party.get("name"):
        return str(party["name"]).lower()
    if party.get("country"):
        return f"{party['country']}/{party.get('sector') or ''}".lower()
    return (party.get("text") or "").lower() or None


def _sides_of(reports: list[fuse.Report]) -> tuple[set[str], set[str]]:
    """The doers and the targets of some reports, as sides."""
    doers = {s for r in reports if (s := _side((r.record or {}).get("actor")))}
    targets = {s for r in reports if (s := _side((r.record or {}).get("recipient")))}
    return doers, targets


def contradictions(reports: list[fuse.Report]) -> list[dict[str, Any]]:
    """Where the incident's reports disagree: date beyond a day, place, actor, outcome; each side with its
    sources. Reports that leave a field unknown take no side."""
    out = []
    dated = [
        r
        for r in reports
        if r.start is not None
        and r.end is not None
        and r.end - r.start <= 1
        and (r.record or {}).get("date", {}).get("precision") not in (None, "unknown")
    ]
    if dated and max(r.start for r in dated) - min(r.end for r in dated) > fuse.SAME_DAY_SLACK:
        by_day: dict[str, list[fuse.Report]] = defaultdict(list)
        for r in dated:
            by_day[date.fromordinal(r.start).isoformat()].append(r)
        out.append(_sides(by_day, "date"))
    located = [r for r in reports if r.lat is not None and r.precision == "point"]
    if located:
        far = [
            r
            for r in located
            if km((r.lat, r.lon), (located[0].lat, located[0].lon)) > fuse.RADIUS_KM["point"]
        ]
        if far:
            by_place: dict[str, list[fuse.Report]] = defaultdict(list)
            for r in located:
                by_place[((r.record or {}).get("location") or {}).get("name") or "?"].append(r)
            out.append(_sides(by_place, "place"))
    # actor: reports of the same action (type and mode) whose doers share nothing
    by_action: dict[tuple[Any, Any], list[fuse.Report]] = defaultdict(list)
    for r in reports:
        if r.actors and r.status in fuse.REAL:
            by_action[(r.event_type, r.mode)].append(r)
    for (_type, mode), members in by_action.items():
        groups: list[tuple[frozenset[str], list[fuse.Report]]] = []
        for r in members:
            for i, (keys, rs) in enumerate(groups):
                if keys & r.actors:
                    groups[i] = (keys | r.actors, rs + [r])
                    break
            else:
                groups.append((r.actors, [r]))
        # opposite sides of one fight (one's doers are the other's targets) are no disagreement; a side is
        # its country with its sector, since troops and the rebels they fight share a country. A place is
        # taken by one side only, so reports of captures by different sides disagree even when one names the
        # other as the side that lost it.
        merged = mode != "occupy"
        while merged and len(groups) > 1:
            merged = False
            for i in range(len(groups)):
                for j in range(i + 1, len(groups)):
                    doers_i, targets_i = _sides_of(groups[i][1])
                    doers_j, targets_j = _sides_of(groups[j][1])
                    if doers_i & targets_j or doers_j & targets_i:
                        groups[i] = (groups[i][0] | groups[j][0], groups[i][1] + groups[j][1])
                        del groups[j]
                        merged = True
                        break
                if merged:
                    break
        if len(groups) > 1:
            named: dict[str, list[fuse.Report]] = {}
            for keys, rs in groups:
                label = _party_name((rs[0].record or {}).get("actor")) or sorted(keys)[0]
                named[label] = named.get(label, []) + rs
            out.append(_sides(named, "actor"))
    outcome: dict[str, list[fuse.Report]] = defaultdict(list)
    for r in reports:
        if r.status in ("occurred", "negated"):
            outcome[r.status].append(r)
    if len(outcome) > 1:
        out.append(_sides(outcome, "outcome"))
    return [c for c in out if c]


# ----------------------------------------------------------------------------------------------------------
# Reading incidents and the control timeline


def incident(store: Store, incident_id: str) -> dict[str, Any] | None:
    row = store.incident_statements().run("incident", (incident_id,)).fetchone()
    return json.loads(row[0]) if row else None


def incidents(
    store: Store,
    *,
    event_type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    min_sources: int | None = None,
    place: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[dict[str, Any]]:
    """Incident records matching every given filter, oldest first."""
    where, args = [], []
    if event_type:
        where.append(" AND event_type = ?")
        args.append(event_type.upper())
    if since:
        where.append(" AND end_date >= ?")
        args.append(since)
    if until:
        where.append(" AND start_date <= ?")
        args.append(until)
    if country:
        where.append(" AND location_country = ?")
        args.append(country.upper())
    if min_sources:
        where.append(" AND n_sources >= ?")
        args.append(min_sources)
    cur = store.incident_statements().run("incidents", args, where="".join(where))
    wanted = fold(place).lower() if place else None
    produced = skipped = 0
    for (rec_text,) in _rows(cur):
        rec = json.loads(rec_text)
        if wanted and fold((rec.get("location") or {}).get("name") or "").lower() != wanted:
            continue
        if skipped < offset:
            skipped += 1
            continue
        yield rec
        produced += 1
        if limit and produced >= limit:
            return


def incident_events(store: Store, incident_id: str) -> list[dict[str, Any]]:
    """The event records of an incident, first reported first."""
    recs = [
        json.loads(t) for t, _a in _rows(store.incident_statements().run("incident_events", (incident_id,)))
    ]
    return sorted(
        recs, key=lambda r: ((r.get("date") or {}).get("start") or "", r.get("article_id") or "", r["id"])
    )


def _incident_ids(db: Statements, event_ids: list[str]) -> dict[str, str]:
    """Event id → incident id for the given events (those fused)."""
    out: dict[str, str] = {}
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        for event_id, incident_id in _rows(
            db.run("incident_ids_of_events", chunk, ids=_placeholders(len(chunk)))
        ):
            out[event_id] = incident_id
    return out


def resolve_place(name: str) -> Any:
    """The most populous gazetteer place of that name (a town or district), or None."""
    from . import gazetteer

    cands = [c for c in gazetteer.candidates(name) if c.precision in ("point", "admin2")]
    return max(cands, key=lambda c: c.population) if cands else None


def _at(loc: dict[str, Any], wanted: set[str], where: Any) -> bool:
    """Whether an event's place is the place asked for: the same GeoNames id, else the same name."""
    if where is not None and loc.get("geonameid") and where.geonameid:
        return str(loc["geonameid"]) == str(where.geonameid)
    return bool({fold(loc.get("name") or "").lower(), fold(loc.get("text") or "").lower()} & wanted)


def _holder(rec: dict[str, Any]) -> tuple[str, str]:
    """(key, name) of who took control in a capture report, or who was left holding it in a withdrawal."""
    party = (rec.get("recipient") if rec.get("event_type") == "RETREAT" else rec.get("actor")) or {}
    name = _party_name(party) or "unknown"
    return (party.get("country") or name.lower()), name


def control(store: Store, place: str) -> dict[str, Any]:
    """Who took or held ``place``, when, according to whom: one entry per incident of capture or withdrawal
    there and per side its reports name, oldest first, with the incident's contradictions. Entries naming
    different holders within a day of each other are marked as contradicting each other."""
    import math

    where = resolve_place(place)
    db = store.incident_statements()
    wanted = {fold(place).lower()} | ({fold(where.name).lower()} if where else set())
    lat, lon = (where.lat, where.lon) if where else (1000.0, 1000.0)
    dlat = fuse.RADIUS_KM["point"] / 111.0
    dlon = fuse.RADIUS_KM["point"] / max(1e-6, 111.0 * abs(math.cos(math.radians(min(89.0, abs(lat))))))
    rows = list(
        _rows(db.run("control_events", (lat - dlat, lat + dlat, lon - dlon, lon + dlon, place.lower())))
    )
    incident_ids, loose = set(), []
    for rec_text, article_id, incident_id in rows:
        rec = json.loads(rec_text)
        if not _at(rec.get("location") or {}, wanted, where):
            continue
        if incident_id:
            incident_ids.add(incident_id)
        else:
            loose.append((rec, article_id))
    members: dict[str, list[tuple[dict[str, Any], str]]] = {}
    for inc_id in sorted(incident_ids):
        members[inc_id] = [(json.loads(t), a) for t, a in _rows(db.run("incident_events", (inc_id,)))]
    for rec, article_id in loose:
        members[rec["id"]] = [(rec, article_id)]
    articles = Articles()
    _load_articles(db, articles, {a for ms in members.values() for _r, a in ms})
    entries = []
    for inc_id, found in members.items():
        reports = [_report(rec, a, articles) for rec, a in found]
        summary = summarise(inc_id, reports, articles)
        holders: dict[str, list[fuse.Report]] = defaultdict(list)
        names: dict[str, list[str]] = defaultdict(list)
        for r in reports:
            rec = r.record or {}
            if rec.get("status") not in ("occurred", "ongoing") or not (
                rec.get("mode") == "occupy" or rec.get("event_type") == "RETREAT"
            ):
                continue
            key, name = _holder(rec)
            holders[key].append(r)
            if name not in names[key]:
                names[key].append(name)
        for key, rs in sorted(holders.items()):
            recs = [r.record or {} for r in rs]
            days = sorted(
                r.start
                for r in rs
                if r.start is not None
                and (r.record or {}).get("date", {}).get("precision") not in (None, "unknown")
            ) or sorted(r.end for r in rs if r.end is not None)
            entries.append(
                {
                    "date": date.fromordinal(days[0]).isoformat() if days else None,
                    "holder": " / ".join(names[key]) + (f" ({key})" if key.isupper() else ""),
                    "how": "withdrawal"
                    if all(rec.get("event_type") == "RETREAT" for rec in recs)
                    else "capture",
                    "incident_id": inc_id if inc_id in incident_ids else None,
                    "according_to": sorted({_claimant(rec, r.source or "") for r, rec in zip(rs, recs)}),
                    "sources": sorted({r.source or "" for r in rs}),
                    "event_ids": sorted(r.id for r in rs),
                    "evidence": [(rec.get("evidence") or {}).get("sentence") for rec in recs][:3],
                    "contradicted_by": [],
                    "contradictions": summary["contradictions"],
                }
            )
    entries.sort(key=lambda e: (e["date"] or "", e["holder"]))
    for i, a in enumerate(entries):
        for b in entries[i + 1 :]:
            if (
                a["date"]
                and b["date"]
                and a["holder"] != b["holder"]
                and abs(date.fromisoformat(a["date"]).toordinal() - date.fromisoformat(b["date"]).toordinal())
                <= fuse.SAME_DAY_SLACK
            ):
                a["contradicted_by"].append({"holder": b["holder"], "according_to": b["according_to"]})
                b["contradicted_by"].append({"holder": a["holder"], "according_to": a["according_to"]})
    for e in entries:
        e["contradicted"] = bool(e["contradicted_by"])
    return {
        "place": where.name if where else place,
        "lat": where.lat if where else None,
        "lon": where.lon if where else None,
        "timeline": entries,
        "last_reported_holder": entries[-1]["holder"] if entries else None,
    }
