"""End to end on the reference article: what a reader sees in it."""

from __future__ import annotations


def find(result, event_type, **want):
    """Events of a type whose fields contain the wanted values (nested keys with __)."""
    out = []
    for e in result.events:
        rec = e.record()
        if rec["event_type"] != event_type:
            continue
        ok = True
        for key, value in want.items():
            cur = rec
            for part in key.split("__"):
                cur = cur.get(part) if isinstance(cur, dict) else None
            if callable(value) and not isinstance(value, str):
                ok = ok and bool(value(cur))
            else:
                ok = ok and cur == value
        if ok:
            out.append(rec)
    return out


def test_trump_putin_meeting_in_danang(reference):
    hits = find(
        reference,
        "CONSULT",
        actor__country="USA",
        recipient__country="RUS",
        location__name="Da Nang",
        date__value="2017-11-11",
    )
    assert hits and hits[0]["location"]["country"] == "VNM"


def test_geneva_talks_planned_for_november_28(reference):
    hits = find(reference, "CONSULT", status="planned", date__value="2017-11-28")
    assert hits and hits[0]["location"]["name"] == "Geneva" and hits[0]["location"]["country"] == "CHE"


def test_siege_of_damascus_suburbs_by_government_forces(reference):
    hits = find(reference, "COERCE", mode="blockade", actor__country="SYR", location__name="Damascus")
    assert hits and hits[0]["actor"]["sector"] in ("MIL", "GOV")


def test_government_retakes_albu_kamal_on_thursday(reference):
    hits = find(
        reference,
        "ASSAULT",
        acled_sub_event_type="Government regains territory",
        actor__country="SYR",
        location__geonameid="174448",
        date__value="2017-11-09",
    )
    assert hits and hits[0]["status"] == "occurred"


def test_isil_recaptures_albu_kamal_on_saturday_per_monitor(reference):
    hits = find(
        reference,
        "ASSAULT",
        acled_sub_event_type="Non-state actor overtakes territory",
        actor__country="ISIL",
        location__geonameid="174448",
        date__value="2017-11-11",
    )
    assert hits
    assert hits[0]["attribution"]["source"] == "Syrian Observatory for Human Rights"
    assert "monitoring" in hits[0]["attribution"]["text"]


def test_iraqi_forces_near_rawa_and_al_qaim_last_week(reference):
    rawa = find(
        reference, "ASSAULT", actor__country="IRQ", location__geonameid="92004", date__value="2017-11-11"
    )
    assert rawa and rawa[0]["attribution"]["via"] == "Agence France-Presse"
    qaim = find(reference, "ASSAULT", actor__text="Iraqi forces", location__geonameid="92138")
    assert qaim and qaim[0]["date"]["precision"] == "week"
    assert qaim[0]["date"]["start"] == "2017-10-30" and qaim[0]["date"]["end"] == "2017-11-05"


def test_iran_backed_iraqi_militias(reference):
    hits = find(reference, "ASSAULT", actor__country="IRQ", recipient__country="ISIL")
    assert any(h["actor"].get("backer") == "IRN" for h in hits)


def test_refusal_to_meet_is_a_rejection(reference):
    # CAMEO 125 "reject proposal to meet": the government's representatives refuse to meet the opposition
    assert find(reference, "REJECT", cameo="125", actor__country="SYR")


def test_nothing_from_read_more_links(reference):
    body_end = reference.article.body_end
    assert body_end is not None and "Read more" in reference.article.text[body_end:]
    assert all(e.sent_end <= body_end for e in reference.events)
    assert not any("Golan" in e.sentence for e in reference.events)


def test_evidence_offsets_point_into_the_stored_text(reference):
    for e in reference.events:
        rec = e.record()
        ev = rec["evidence"]
        assert reference.article.text[ev["start"] : ev["end"]] == ev["sentence"]
        assert ev["trigger"] in ev["sentence"]
