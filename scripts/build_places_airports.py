"""Build src/observatory/data/places_airports.tsv from the airportsdata package (MIT licence, data from
github.com/mwgg/Airports): every airport with an IATA code, under the names news uses for it.

Each airport takes its GeoNames id and GeoNames' point from OpenTravelData's
``opentraveldata/optd_por_best_known_so_far.csv`` (github.com/opentraveldata/opentraveldata, CC BY 4.0),
joined on the IATA code; an airport it lacks keeps airportsdata's point and no id.

Usage: pip install airportsdata && python scripts/build_places_airports.py PATH/optd_por_best_known_so_far.csv

Names: the full name ("London Heathrow Airport"), each part of a name with a slash ("Ottawa /
Macdonald-Cartier International Airport"), the name without its city ("Heathrow Airport"), and, when the city
was taken off, the bare one-word name ("Heathrow") unless it is a generic word or names a place of note.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import airportsdata
import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from observatory import gazetteer  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "observatory" / "data" / "places_airports.tsv"
SUFFIX = re.compile(r"\s+(International\s+)?(Airport|Airfield|Air\s*Base|Intl\.?)$", re.I)
GENERIC = {
    "international", "regional", "municipal", "county", "field", "airport", "national", "city",
    "metropolitan", "memorial", "air", "base", "airstrip", "domestic", "new", "old", "central", "north",
    "south", "east", "west", "executive", "downtown", "general", "aviation", "island", "heliport", "lake",
    "river", "valley", "airpark", "state", "intl", "harbour", "gateway", "university", "lodge", "safari",
    "station", "strip", "bay", "port", "de", "del", "la",
}  # fmt: skip


def _city_prefix(name: str, city: str, iso3: str) -> str:
    """The city the name opens with: the airport's own city, or a city of the same country with at least
    100,000 people ("Toronto Pearson International Airport" serves Mississauga)."""
    if city and name.lower().startswith(city.lower() + " "):
        return city
    words = name.split()
    for n in (2, 1):
        head = " ".join(words[:n])
        if len(words) > n + 1 and any(
            c.feature == "PPL" and c.country == iso3 and c.population >= 100_000
            for c in gazetteer.candidates(head)
        ):
            return head
    return ""


def _free(core: str) -> bool:
    """A bare name may mean the airport when the gazetteer knows no place of note by it: at most one
    populated place of under 10,000 people ("Heathrow" the Florida town), never a division."""
    cands = [c for c in gazetteer.candidates(core) if c.feature != "AIRP"]
    return len(cands) <= 1 and all(c.feature == "PPL" and c.population < 10_000 for c in cands)


def names(name: str, city: str, iso3: str) -> list[str]:
    parts = [p.strip() for p in name.split("/")] if "/" in name else [name]
    out: list[str] = [name]
    for part in parts:
        if not SUFFIX.search(part):
            continue  # "Ottawa / Gatineau Airport": the city part is no name of the airport
        out.append(part)
        prefix = _city_prefix(part, city, iso3)
        if not prefix:
            continue
        bare = part[len(prefix) + 1 :].strip()
        core = SUFFIX.sub("", bare).strip()
        words = core.lower().replace("-", " ").split()
        if not core or any(w in GENERIC for w in words) or not core[0].isalpha():
            continue
        out.append(bare)  # "Heathrow Airport"
        if len(core) >= 4 and len(words) == 1 and core[1:].islower() and _free(core):
            out.append(core)  # "Heathrow"; several words are often a person's name ("King Hussein")
    return list(dict.fromkeys(n for n in out if n.lower() != city.lower()))


def _geonames(path: str) -> dict[str, tuple[str, float, float]]:
    """IATA code → (GeoNames id, latitude, longitude) of the airport feature
    ("LHR-A-2647216^LHR^51.4775^…")."""
    out = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            key, iata, lat, lon = line.split("^")[:4]
            parts = key.split("-")
            if len(parts) == 3 and "A" in parts[1] and parts[2] not in ("", "0") and iata not in out:
                out[iata] = (parts[2], float(lat), float(lon))
    return out


def main() -> None:
    geonames = _geonames(sys.argv[1])
    rows = []
    for code, a in sorted(airportsdata.load("IATA").items()):
        country = pycountry.countries.get(alpha_2=a["country"])
        if not country or not a["name"]:
            continue
        forms = names(a["name"], a["city"] or "", country.alpha_3)
        gid, lat, lon = geonames.get(code, ("", a["lat"], a["lon"]))
        if forms:
            rows.append(
                [forms[0], "|".join(forms[1:]), country.alpha_3, f"{lat:.4f}", f"{lon:.4f}", gid, code]
            )
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# name\taliases (|)\tcountry ISO3\tlat\tlon\tgeonameid\tIATA code: airports with an IATA code; "
            "names from the airportsdata package (MIT licence, (c) 2020- Mike Borsetti, data (c) 2014 mwgg), "
            "GeoNames ids and points from OpenTravelData (CC BY 4.0, "
            "github.com/opentraveldata/opentraveldata, itself from GeoNames, CC BY 4.0); "
            "rebuild with scripts/build_places_airports.py, never edit\n"
        )
        csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(rows)
    print(f"{len(rows)} airports -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
