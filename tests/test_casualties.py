"""Fatalities and injuries read from the text, and the ACLED CSV that carries them."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import extract

from observatory import casualties, export, nlp


def counts(sentence: str) -> dict[str, int]:
    doc = nlp.load()(sentence)
    return {c.kind: c.count for sent in doc.sents for c in casualties.in_sentence(sent)}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Gunmen stormed the village, killing seven farmers and wounding three others.",
            {"fatalities": 7, "injured": 3},
        ),
        ("Officials said the death toll had climbed to 41 by the evening.", {"fatalities": 41}),
        ("Eighteen soldiers died when the convoy was ambushed.", {"fatalities": 18}),
        ("At least a dozen people were injured in the clashes.", {"injured": 12}),
        ("The explosion left 6 dead and 25 wounded.", {"fatalities": 6, "injured": 25}),
        ("At least 14 villagers are dead after the raid, officials said.", {"fatalities": 14}),
        ("The attack claimed 14 lives.", {"fatalities": 14}),
        ("Police shot dead two men at the checkpoint.", {"fatalities": 2}),
        ("Soldiers shot and killed the driver at a checkpoint.", {"fatalities": 1}),
        ("The mortar round killed three children and a woman.", {"fatalities": 4}),
        ("A sniper fatally shot the mayor outside his office.", {"fatalities": 1}),
        ("The suspect was wounded before he was killed by police.", {"fatalities": 1, "injured": 1}),
        ("A man stabbed a driver at the gate of the embassy.", {}),
        ("A man stabbed a driver to death at the gate of the embassy.", {"fatalities": 1}),
        ("Two guards were shot to death at the gate.", {"fatalities": 2}),
        ("A blast killed a police officer and a bomb disposal expert.", {"fatalities": 2}),
        ("The family of a boy killed by a stray bullet spoke to reporters.", {"fatalities": 1}),
        ("Four miners were shot and killed by guards.", {"fatalities": 4}),
        ("The rebels threatened to kill the hostages.", {}),
        ("Their creed forbids them to kill a farmer or a shepherd or a pilgrim.", {}),
        ("The commander said his men did not kill the two prisoners.", {}),
        ("The senate killed the bill on Tuesday.", {}),
        ("Ministers met for two hours in Geneva.", {}),
    ],
)
def test_counts_in_a_sentence(sentence, expected):
    assert counts(sentence) == expected


def test_number_words():
    doc = nlp.load()("twenty-four | three hundred | dozens | 1,250")
    parts = [[t for t in part if t.text != "|"] for part in (doc[0:4], doc[4:7], doc[7:9], doc[9:])]
    assert [casualties.number([t for t in p if t.text != "|"]) for p in parts] == [
        (24, False),
        (300, False),
        (12, True),
        (1250, False),
    ]


def test_an_attack_carries_its_dead_with_the_evidence_span():
    text = "Insurgents attacked an army post in Kandahar province on Monday, killing nine soldiers."
    event = next(e for e in extract(text).events if e.event_type == "ASSAULT")
    record = event.record()
    assert record["fatalities"] == 9
    span = record["fatalities_evidence"]
    assert text[span["start"] : span["end"]] == span["text"] and "nine soldiers" in span["text"]


def test_a_later_toll_updates_the_event_of_its_paragraph():
    text = (
        "Militants attacked a market in the town of Baidoa on Monday, killing four traders. "
        "The death toll later rose to eleven, a local official said."
    )
    event = next(e for e in extract(text).events if e.event_type == "ASSAULT")
    assert event.record()["fatalities"] == 11


def test_a_toll_told_much_later_is_not_the_events():
    text = (
        "A roadside bomb killed three guards near the depot in Kismayo on Monday. "
        "The depot stores grain for the region. "
        "Traders say prices have doubled this year. "
        "Farmers blame the drought. "
        "Hundreds have died of hunger across the country since the spring."
    )
    event = next(e for e in extract(text).events if e.event_type == "ASSAULT")
    assert event.record()["fatalities"] == 3


@pytest.mark.parametrize(
    "text",
    [
        "A street fair in the old town turned deadly on Sunday with a stabbing that killed three vendors.",
        "A stabbing killed three vendors at the street fair on Sunday.",
    ],
)
def test_a_violent_noun_carries_the_dead_its_verb_reports(text):
    [event] = extract(text).events
    assert event.event_type == "ASSAULT" and event.trigger == "stabbing"
    assert event.record()["fatalities"] == 3


def test_an_exact_toll_outweighs_a_vague_one_in_another_report():
    text = (
        "Gunmen attacked a police post in Kano on Monday, killing seven officers. "
        "Dozens of officers were killed in the attack on the post in Kano, a witness said."
    )
    event = next(e for e in extract(text).events if e.trigger == "attacked")
    assert event.mentions and event.record()["fatalities"] == 7


def test_a_threat_carries_no_dead():
    result = extract("The group vowed to kill fifty soldiers in revenge.")
    assert all(e.record()["fatalities"] is None for e in result.events)


def _acled(records):
    buf = io.StringIO()
    n = export.write_acled_csv(records, buf)
    return n, list(csv.DictReader(io.StringIO(buf.getvalue())))


def test_acled_csv_holds_only_what_happened_with_acled_columns():
    text = (
        "Insurgents attacked an army post in Kandahar province on Monday, killing nine soldiers. "
        "The rebels said they would attack the capital. "
        "Officials denied that troops had shelled the town."
    )
    records = [e.record() for e in extract(text).events]
    n, rows = _acled(records)
    assert n == len(rows) >= 1
    assert {"fatalities", "geo_precision", "time_precision", "iso", "interaction"} <= set(rows[0])
    assert all(r["event_type"] for r in rows)
    assert {r["time_precision"] for r in rows} <= {"1", "2", "3"}
    assert any(r["fatalities"] == "9" for r in rows)
    exported = {r["event_id_cnty"] for r in rows}
    assert not any(rec["id"] in exported for rec in records if rec["status"] not in ("occurred", "ongoing"))


def test_acled_actor_is_a_name_never_a_pronoun():
    countries = {"SYR": "Syria"}
    table = export._acled_actors()
    assert export.acled_actor({"text": "they", "country": "SYR", "sector": "MIL"}, countries, table) == (
        "Military Forces of Syria",
        1,
    )
    nobody = {"text": "they", "country": None, "sector": None}
    assert export.acled_actor(nobody, countries, table) == (None, None)
    assert export.acled_actor({"text": "gunmen", "name": None}, countries, table)[0] == "gunmen"
