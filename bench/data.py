"""Loaders for the dev benchmark sets in ../shared/bench (never copied into the repo)."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path(os.environ.get("OBSERVATORY_SHARED", Path(__file__).resolve().parents[2] / "shared"))
BENCH = SHARED / "bench"
SPLITS = Path(__file__).resolve().parent / "splits"
PARTS = ("tuning", "locked")

# PLOVER 0.5b1 → 2.0 (PLOVER 2.0 release notes): FIGHT merged into ASSAULT, DEMAND is REQUEST, DISAPPROVE is
# ACCUSE; INVESTIGATE has no 2.0 type and DOCUMENT is file documentation, so both are left out.
PLOVER_05_TO_20 = {"FIGHT": "ASSAULT", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE"}
PLOVER_DROPPED = {"INVESTIGATE", "DOCUMENT"}

# CAMEO actor codes that differ from the ISO 3166 / group codes Observatory writes: CAMEO's own code for
# Japan, and "IMG" (international militarised group) for transnational armed groups, which Observatory names
# by group code.
CAMEO_TO_OBSERVATORY = {"JAP": "JPN"}
TRANSNATIONAL_GROUPS = {"AQ": "IMG", "ISIL": "IMG"}

# CASE 2021 task 2 label → ACLED sub-event type as Observatory writes it.
CASE_TO_ACLED = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}


def digest(*paths: Path) -> str:
    """A digest of the evaluation data, so a silent change to it trips the gate (the data and the split lists,
    not the scripts that made them)."""
    h = hashlib.sha256()
    for path in paths:  # in the caller's order: sorting full paths would depend on where the clone lives
        for f in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if f.is_file() and f.suffix != ".py" and "__pycache__" not in f.parts:
                h.update(f.name.encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:16]


@dataclass
class GeoDoc:
    id: str
    text: str
    published: str | None
    toponyms: list[dict] = field(default_factory=list)


def tr_news() -> list[GeoDoc]:
    root = ET.parse(BENCH / "geo" / "TR-News.xml").getroot()
    docs = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        doc = GeoDoc(art.get("docid"), text, (art.findtext("dltime") or "").strip() or None)
        for top in art.iter("toponym"):
            gaz = top.find("gaztag")
            gold = {
                "text": top.findtext("phrase"),
                "start": int(top.findtext("start")),
                "end": int(top.findtext("end")),
                "geonameid": gaz.get("geonameid") if gaz is not None else None,
                "lat": float(gaz.findtext("lat")) if gaz is not None and gaz.findtext("lat") else None,
                "lon": float(gaz.findtext("lon")) if gaz is not None and gaz.findtext("lon") else None,
            }
            doc.toponyms.append(gold)
        docs.append(doc)
    return docs


@dataclass
class TimeDoc:
    id: str
    text: str
    dct: str
    timexes: list[dict]


def tbaq() -> list[TimeDoc]:
    """TimeBank + AQUAINT: plain text of <TEXT> with gold TIMEX3 spans (offsets into that text)."""
    docs = []
    for path in sorted((BENCH / "time" / "tbaq").rglob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        dct = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
        dct_value = re.search(r'value="([^"]+)"', dct.group(0)).group(1) if dct else None
        body = raw[raw.index("<TEXT>") + 6 : raw.index("</TEXT>")]
        text, timexes, pos, stack = [], [], 0, []
        for m in re.finditer(r"<(/?)(\w+)([^>]*)>|([^<]+)", body):
            if m.group(4) is not None:
                chunk = (
                    m.group(4)
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", '"')
                )
                text.append(chunk)
                pos += len(chunk)
            elif m.group(2) == "TIMEX3":
                if m.group(1):
                    attrs, start = stack.pop()
                    timexes.append(
                        {"start": start, "end": pos, "type": attrs.get("type"), "value": attrs.get("value")}
                    )
                else:
                    stack.append((dict(re.findall(r'(\w+)="([^"]*)"', m.group(3))), pos))
        docs.append(TimeDoc(path.stem, "".join(text), (dct_value or "")[:10], timexes))
    return docs


def plover_gsr() -> list[dict]:
    records = json.loads((BENCH / "events" / "plover-gsr-dev.json").read_text())
    out = []
    for r in records:
        if r.get("event") in PLOVER_DROPPED or "text" not in r:
            continue
        r = dict(r)
        r["plover2"] = PLOVER_05_TO_20.get(r["event"], r["event"])
        out.append(r)
    return out


def case2021() -> list[dict]:
    with (BENCH / "events" / "case2021-task2-dev.tsv").open(encoding="utf-8") as handle:
        return [
            {"id": row["id"], "text": row["EventSnippet"], "label": row["SubType"]}
            for row in csv.DictReader(handle, delimiter="\t")
        ]


# ------------------------------------------------------------------------------------------------------------
# Tuning and locked parts. Every dev set is split once, by a hash of each record's id, and the locked ids are
# committed in bench/splits/<set>.locked: errors are read only on the tuning part, the eval gate pins the
# locked part, and no model or rule is fitted to it.


def locked_ids(name: str) -> frozenset[str]:
    """The committed ids of the locked part of dev set ``name``."""
    path = SPLITS / f"{name}.locked"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def part_of(name: str, record_id: object) -> str:
    """'locked' or 'tuning' for a record of dev set ``name``."""
    return "locked" if str(record_id) in locked_ids(name) else "tuning"


def split(name: str, items: list, key) -> dict[str, list]:
    """``items`` divided into their tuning and locked parts by ``key(item)``, the record's id."""
    locked = locked_ids(name)
    parts: dict[str, list] = {p: [] for p in PARTS}
    for item in items:
        parts["locked" if str(key(item)) in locked else "tuning"].append(item)
    return parts


def hashed_half(name: str, record_id: object) -> bool:
    """How the committed splits were drawn: half of the ids, by a hash that no one chose per record."""
    return hashlib.sha256(f"{name}:{record_id}".encode()).digest()[0] % 2 == 0
