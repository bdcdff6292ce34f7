"""Fusion: reports of one happening grouped into incidents, corroboration, contradictions, control,
linking."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REFERENCE

from observatory import fuse, incidents, link, syndication
from observatory.cli import cli

# Two short reports of the Albu Kamal fighting, written for this test: one of the government's capture on
# Thursday 9 November 2017, one of the town changing hands again on Saturday, told differently by two sides.
THURSDAY = (
    "Syrian army says it has driven Islamic State out of Albu Kamal\n\n"
    "Syrian troops and allied fighters took full control of Albu Kamal on Thursday, the army said, pushing "
    "Islamic State militants out of their last town in Syria after a week of street battles.\n"
)
SATURDAY = (
    "Fighting flares again in Albu Kamal\n\n"
    "Syrian government forces captured Albu Kamal on Saturday, state television said, rejecting reports "
    "that the town had fallen back to the militants.\n"
    "Islamic State fighters seized Albu Kamal on Saturday in a counter-attack that killed 20 soldiers, a "
    "monitoring group said.\n"
)


def record(
    id: str,
    article: str = "a1",
    event_type: str = "ASSAULT",
    mode: str | None = None,
    actor: str | None = "Islamic State",
    actor_country: str | None = "ISIL",
    lat: float | None = 34.45,
    lon: float | None = 40.92,
    precision: str = "point",
    country: str = "SYR",
    day: str | None = "2017-11-11",
    trigger: str = "attacked",
    status: str = "occurred",
    source: str | None = None,
    fatalities: int | None = None,
) -> dict:
    return {
        "id": id,
        "article_id": article,
        "event_type": event_type,
        "mode": mode,
        "status": status,
        "actor": {"text": actor, "name": actor, "country": actor_country} if actor else None,
        "recipient": None,
        "location": {
            "name": "Town",
            "text": "Town",
            "lat": lat,
            "lon": lon,
            "precision": precision,
            "country": country,
        }
        if lat is not None
        else None,
        "date": {
            "value": day,
            "start": day,
            "end": day,
            "precision": "day" if day else "unknown",
            "text": None,
        },
        "attribution": {"source": source} if source else None,
        "fatalities": fatalities,
        "evidence": {"sentence": "…", "trigger": trigger},
    }


# ----------------------------------------------------------------------------------------------------------
# Pure functions


def report(rec: dict) -> fuse.Report:
    return fuse.attach_words([fuse.from_record(rec)])[0]


def test_places_compare_at_their_precision():
    town = report(record("a"))
    near = report(record("b", lat=34.5, lon=40.95))
    far = report(record("c", lat=33.5, lon=36.3))
    country = report(record("d", precision="country", lat=33.5, lon=36.3))
    assert fuse.place_agreement(town, near) == 1.0
    assert fuse.place_agreement(town, far) == -1.0
    assert 0 < fuse.place_agreement(town, country) < 1.0  # one country is weak evidence, never a conflict
    assert fuse.too_far(town, far) and not fuse.too_far(town, country)


def test_dates_overlap_at_their_precision():
    day = report(record("a", day="2017-11-11"))
    next_day = report(record("b", day="2017-11-12"))
    week_later = report(record("c", day="2017-11-18"))
    month = report(record("d"))
    month.start, month.end = fuse._day("2017-11-01"), fuse._day("2017-11-30")
    assert fuse.date_agreement(day, next_day) == 1.0
    assert fuse.date_agreement(day, week_later) == -1.0 and fuse.too_far(day, week_later)
    assert fuse.date_agreement(day, report(record("e", day="2017-11-13"))) == -1.0
    assert fuse.date_gap(day, month) == 0


def test_places_and_dates_read_near_a_mention_are_weighed_apart():
    a, b = report(record("a", article="x")), report(record("b", article="y"))
    own = dict(zip(fuse.FEATURES, fuse.features(a, b)))
    b.nearby = True
    near = dict(zip(fuse.FEATURES, fuse.features(a, b)))
    assert own["place"] == own["date"] == 1.0 and own["place_nearby"] == own["date_nearby"] == 0.0
    assert near["place"] == near["date"] == 0.0 and near["place_nearby"] == near["date_nearby"] == 1.0
    far = report(record("c", article="z", lat=33.5, lon=36.3, day="2017-11-18"))
    assert fuse.too_far(a, far)
    far.nearby = True
    assert not fuse.too_far(a, far)  # read near a mention: evidence, never a veto


def test_events_of_one_sentence_are_weighed_as_two_happenings():
    def at(id: str, article: str, start: int) -> fuse.Report:
        rec = record(id, article=article)
        rec["evidence"]["start"] = start
        return report(rec)

    one, same_sentence = at("a", "x", 40), at("b", "x", 40)
    next_sentence, other_article = at("c", "x", 120), at("d", "y", 40)

    def flag(a: fuse.Report, b: fuse.Report) -> float:
        return dict(zip(fuse.FEATURES, fuse.features(a, b)))["same_sentence"]

    assert flag(one, same_sentence) == 1.0
    assert flag(one, next_sentence) == flag(one, other_article) == 0.0
    assert fuse.similarity(one, same_sentence) < fuse.similarity(one, next_sentence)


def test_words_often_naming_one_happening_weigh_for_a_link(monkeypatch):
    blast = report(record("a", article="x", trigger="blast"))
    explosion = report(record("b", article="y", trigger="explosion"))
    statement = report(record("c", article="y", trigger="statement"))
    counts = {("blast", "explosion"): (40, 50), ("blast", "statement"): (0, 60)}
    assert fuse.lemma_pair(blast, explosion, counts) > 0 > fuse.lemma_pair(blast, statement, counts)
    assert fuse.lemma_pair(explosion, statement, counts) is None  # never seen: no evidence either way
    monkeypatch.setattr(fuse, "lemma_pairs", dict)
    before = fuse.similarity(blast, explosion), fuse.similarity(blast, statement)
    monkeypatch.setattr(fuse, "lemma_pairs", lambda: counts)
    assert fuse.similarity(blast, explosion) > before[0] and fuse.similarity(blast, statement) < before[1]


def test_types_of_one_family_are_compatible_and_others_never_link():
    attack = report(record("a"))
    retreat = report(record("b", event_type="RETREAT"))
    talks = report(record("c", event_type="CONSULT", trigger="talks"))
    assert fuse.compatible_types(attack, retreat)
    assert fuse.similarity(attack, talks) == 0.0


def test_plans_never_fuse_with_facts():
    done = report(record("a"))
    planned = report(record("b", status="planned"))
    assert fuse.similarity(done, planned) == 0.0


def test_same_happening_links_and_different_days_do_not():
    a = report(record("a", article="x", trigger="attacked"))
    b = report(record("b", article="y", trigger="attacked"))
    c = report(record("c", article="z", trigger="attacked", day="2017-11-14"))
    assert fuse.similarity(a, b) > fuse.model()["fuse_threshold"] > fuse.similarity(a, c)


def test_fuser_is_incremental_and_blocks_by_place_and_time():
    reports = [report(record(f"e{i}", article=f"a{i}", day=f"2017-11-{10 + i % 2}")) for i in range(6)]
    reports += [report(record(f"f{i}", article=f"b{i}", lat=12.0, lon=15.0, country="NGA")) for i in range(3)]
    at_once = fuse.Fuser()
    at_once.add_all(reports)
    in_batches = fuse.Fuser()
    in_batches.add_all(reports[:4])
    in_batches.add_all(reports[4:])
    assert len(at_once.incidents) == len(in_batches.incidents) == 2
    # the Nigerian incident never shows up among the Syrian reports' candidates
    nigeria = at_once.of["f0"]
    assert all(i.id != nigeria for i in at_once.candidates(reports[0]))


def test_syndicated_copies_are_found():
    body = (
        "Government troops regained control of the river port after two days of fighting with rebels, a "
        "military spokesman said on Monday, adding that dozens of fighters had surrendered."
    )
    rows = [
        {"id": "wire", "text": body, "published": "2020-01-01"},
        {"id": "copy", "text": "Port retaken\n" + body, "published": "2020-01-02"},
        {
            "id": "other",
            "text": "Protesters gathered in the capital to demand higher wages for nurses and "
            "teachers, organisers said.",
            "published": "2020-01-01",
        },
    ]
    assert syndication.copies(rows) == {"copy": "wire"}


def test_contradictions_name_sources_on_either_side():
    reports = [
        report(record("a", mode="occupy", actor="Islamic State", actor_country="ISIL", source="monitor")),
        report(record("b", mode="occupy", actor="Syrian army", actor_country="SYR", source="state TV")),
        report(
            record(
                "c",
                mode="occupy",
                actor="Syrian army",
                actor_country="SYR",
                day="2017-11-14",
                source="state TV",
            )
        ),
    ]
    found = {c["kind"]: c for c in incidents.contradictions(reports)}
    assert set(found) == {"actor", "date"}
    sides = {s["value"]: s["sources"] for s in found["actor"]["sides"]}
    assert sides == {"Islamic State": ["monitor"], "Syrian army": ["state TV"]}


def test_fatalities_as_reported_by_whom():
    articles = incidents.Articles()
    reports = [
        report(record("a", article="x", fatalities=20, source="monitor")),
        report(record("b", article="y", fatalities=12, source="army")),
    ]
    for r in reports:
        r.record["article_id"] = r.doc
    rec = incidents.summarise("i", reports, articles)
    assert rec["fatalities"] == {"min": 12, "max": 20, "by": {"army": 12, "monitor": 20}}
    assert rec["n_sources"] == 2 and rec["event_ids"] == ["a", "b"]


def test_incident_place_is_the_most_precise_reported():
    """A place 'near' a town is finer than a province, though fewer reports name it."""
    articles = incidents.Articles()
    reports = [
        report(record("a", article="x", precision="admin1")),
        report(record("b", article="y", precision="admin1")),
        report(record("c", article="z", precision="near")),
    ]
    reports[0].record["location"]["name"] = reports[1].record["location"]["name"] = "Province"
    for r in reports:
        r.record["article_id"] = r.doc
    assert incidents.summarise("i", reports, articles)["location"]["precision"] == "near"


# ----------------------------------------------------------------------------------------------------------
# The store, through the CLI


@pytest.fixture(scope="module")
def albu_kamal(tmp_path_factory) -> Path:
    """The reference article plus two reports of the same fighting, ingested (and fused) as a user does."""
    if not REFERENCE.exists():
        pytest.skip("the reference article is not beside the repository")
    tmp = tmp_path_factory.mktemp("fusion")
    db = tmp / "f.sqlite"
    (tmp / "thursday.txt").write_text(THURSDAY, encoding="utf-8")
    (tmp / "saturday.txt").write_text(SATURDAY, encoding="utf-8")
    runner = CliRunner()
    for path, published in (
        (str(REFERENCE), "2017-11-11"),
        (str(tmp / "thursday.txt"), "2017-11-10"),
        (str(tmp / "saturday.txt"), "2017-11-12"),
    ):
        result = runner.invoke(cli, ["ingest", path, "--db", str(db), "--published", published])
        assert result.exit_code == 0, result.output
    return db


def _incidents(db: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["incidents", "--db", str(db), "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def _at_albu_kamal(db: Path) -> list[dict]:
    return [
        r for r in _incidents(db, "--type", "ASSAULT") if (r["location"] or {}).get("geonameid") == "174448"
    ]


def test_one_incident_per_happening(albu_kamal):
    found = _at_albu_kamal(albu_kamal)
    thursday = [r for r in found if r["start"] == "2017-11-09"]
    saturday = [r for r in found if r["start"] == "2017-11-11"]
    assert len(thursday) == 1 and len(saturday) == 1
    # each happening told by two articles
    assert len(thursday[0]["article_ids"]) == 2 and len(saturday[0]["article_ids"]) == 2
    assert not set(thursday[0]["event_ids"]) & set(saturday[0]["event_ids"])


def test_saturday_reports_disagree_on_who_took_the_town(albu_kamal):
    saturday = [r for r in _at_albu_kamal(albu_kamal) if r["start"] == "2017-11-11"][0]
    actor = [c for c in saturday["contradictions"] if c["kind"] == "actor"]
    assert actor
    sides = {s["value"]: s["sources"] for s in actor[0]["sides"]}
    assert any("Islamic State" in v for v in sides)
    assert ["Syrian Observatory for Human Rights"] in sides.values() and [
        "state television"
    ] in sides.values()


def test_control_timeline_marks_the_contradiction(albu_kamal):
    result = CliRunner().invoke(cli, ["control", "Albu Kamal", "--db", str(albu_kamal), "--format", "json"])
    assert result.exit_code == 0, result.output
    timeline = json.loads(result.output)["timeline"]
    first = timeline[0]
    assert first["date"] == "2017-11-09" and "(SYR)" in first["holder"] and not first["contradicted"]
    saturday = [e for e in timeline if e["date"] == "2017-11-11"]
    holders = {e["holder"] for e in saturday}
    assert any("ISIL" in h for h in holders) and any("SYR" in h for h in holders)
    assert all(e["contradicted"] for e in saturday)
    isil = next(e for e in saturday if "ISIL" in e["holder"])
    assert isil["according_to"] == ["Syrian Observatory for Human Rights"]
    table = CliRunner().invoke(cli, ["control", "Albu Kamal", "--db", str(albu_kamal)])
    assert "CONTRADICTED" in table.output


def test_every_event_record_carries_its_incident(albu_kamal):
    result = CliRunner().invoke(cli, ["events", "--db", str(albu_kamal), "--format", "jsonl"])
    records = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert records and all(r["incident_id"] for r in records)
    fused = {e for r in _incidents(albu_kamal) for e in r["event_ids"]}
    assert {r["id"] for r in records} == fused


def test_refuse_gives_the_same_incidents_as_incremental_fusion(albu_kamal, tmp_path):
    import shutil

    copy = tmp_path / "copy.sqlite"
    shutil.copy(albu_kamal, copy)
    before = sorted(sorted(r["event_ids"]) for r in _incidents(copy))
    result = CliRunner().invoke(cli, ["fuse", "--db", str(copy)])
    assert result.exit_code == 0, result.output
    after = sorted(sorted(r["event_ids"]) for r in _incidents(copy))
    assert before == after


def test_incidents_as_csv_and_table(albu_kamal):
    csv_out = CliRunner().invoke(
        cli, ["incidents", "--db", str(albu_kamal), "--format", "csv", "--place", "Ālbū Kamāl"]
    )
    lines = csv_out.output.splitlines()
    assert lines[0].startswith("incident_id,event_type,start,end,location,actors,event_ids,article_ids")
    assert len(lines) > 2
    table = CliRunner().invoke(cli, ["incidents", "--db", str(albu_kamal), "--min-sources", "2"])
    assert table.exit_code == 0 and "incidents" in table.output


def test_reingesting_an_article_keeps_incidents_consistent(albu_kamal, tmp_path):
    import shutil

    copy = tmp_path / "again.sqlite"
    shutil.copy(albu_kamal, copy)
    path = tmp_path / "thursday.txt"
    path.write_text(THURSDAY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(path), "--db", str(copy), "--published", "2017-11-10"])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(copy)
    stale = conn.execute("SELECT COUNT(*) FROM event_incidents WHERE event_id NOT IN (SELECT id FROM events)")
    assert stale.fetchone()[0] == 0
    assert (
        conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        == conn.execute("SELECT COUNT(*) FROM event_incidents").fetchone()[0]
    )


def test_api_serves_incidents(albu_kamal):
    import httpx
    import uvicorn

    from observatory import api

    app = api.create_app(str(albu_kamal))
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.time() + 20
        while not server.started and time.time() < deadline:
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        page = httpx.get(f"{base}/api/incidents", params={"type": "ASSAULT", "min_sources": 2}).json()
        assert page["count"] >= 2 and all(r["n_sources"] >= 2 for r in page["incidents"])
        one = httpx.get(f"{base}/api/incidents/{page['incidents'][0]['incident_id']}").json()
        assert {e["id"] for e in one["events"]} == set(one["event_ids"])
        assert httpx.get(f"{base}/api/incidents/nope").status_code == 404
        events = httpx.get(f"{base}/api/events", params={"limit": 100}).json()["events"]
        assert events and all(e["incident_id"] for e in events)
        assert httpx.get(f"{base}/api/incidents", params={"since": "yesterday"}).status_code == 422
    finally:
        server.should_exit = True
        thread.join(10)


# ----------------------------------------------------------------------------------------------------------
# Measurement mode with given mentions


def test_link_with_given_mentions(tmp_path):
    docs = [
        {
            "id": "d1",
            "text": "Rebels attacked an army base near Gao on Monday. The attack killed four soldiers.",
            "mentions": [{"id": "m1", "start": 7, "end": 15}, {"id": "m2", "start": 53, "end": 59}],
        },
        {
            "id": "d2",
            "text": "Four soldiers died when rebels attacked a base near Gao, the army said.",
            "mentions": [{"id": "m3", "start": 31, "end": 39}, {"id": "m4", "start": 14, "end": 18}],
        },
        {
            "id": "d3",
            "text": "The central bank raised interest rates in Lima on Tuesday.",
            "mentions": [{"id": "m5", "start": 17, "end": 23}],
        },
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["link", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    out = {o["id"]: o["incident"] for o in map(json.loads, result.output.splitlines())}
    assert set(out) == {"m1", "m2", "m3", "m4", "m5"}
    assert out["m1"] == out["m3"]  # the same attack, told twice
    assert out["m5"] not in {out["m1"], out["m2"], out["m3"], out["m4"]}


def test_link_refuses_bad_input(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        json.dumps({"id": "d", "text": "short", "mentions": [{"id": "m", "start": 3, "end": 40}]})
    )
    result = CliRunner().invoke(cli, ["link", str(path)])
    assert result.exit_code != 0 and "outside the text" in result.output
    with pytest.raises(link.LinkInputError):
        list(
            link.read(
                [
                    '{"id": "a", "text": "x y", "mentions": [{"id": "m", "start": 0, "end": 1}]}',
                    '{"id": "b", "text": "x y", "mentions": [{"id": "m", "start": 0, "end": 1}]}',
                ]
            )
        )
