"""Build src/observatory/data/places_water.tsv from GeoNames' ``no-country.txt`` (CC BY 4.0,
download.geonames.org/export/dump/): the oceans, seas, gulfs, bays, straits and channels no country holds,
and the world regions GeoNames lists (feature RGN), with GeoNames' id and point.

Usage: python scripts/build_places_water.py PATH/no-country.txt

Names: GeoNames' name and the English alternate names that carry the feature's generic word ("Euxine
Sea"); an ocean also under the bare name English uses for it ("the Pacific", "the South Atlantic") unless
that is a demonym or a direction adjective ("Indian", "Southern"), and a sea under its proper adjective
alone ("the Mediterranean", "the Baltic"). A feature the hand-written
``places_extra.tsv`` already names is left to it, and so is a name of nothing but generic and direction
words ("South Channel").
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from observatory import actors, settings  # noqa: E402
from observatory.text import name_key  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "observatory" / "data" / "places_water.tsv"
WATER = {"OCN", "SEA", "GULF", "BAY", "STRT", "CHN"}
GENERIC = re.compile(r"\b(Ocean|Sea|Gulf|Bay|Strait|Straits|Channel|Passage|Sound|Bight)\b")
# a name of nothing but these words names no one feature ("South Channel", "The Channel" of the Caribbean)
PLAIN = set("The North South East West Northern Southern Eastern Western Second Inner".split())
HEADER = (
    "# name\taliases (|)\tcountry ISO3\tlat\tlon\tgeonameid\tfeature\tprecision: oceans, seas, gulfs, bays, "
    "straits and channels no country holds, and world regions; from GeoNames' no-country.txt (CC BY 4.0, "
    "geonames.org); rebuild with scripts/build_places_water.py, never edit"
)


def _ascii(name: str) -> bool:
    return name.isascii() and any(ch.isalpha() for ch in name)


def main(path: str) -> None:
    extra = {
        name_key(a) for row in settings.data_rows("places_extra.tsv") for a in [row[0], *row[1].split("|")]
    }
    lines = [line.split("\t") for line in Path(path).read_text(encoding="utf-8").splitlines()]
    # one feature a name: GeoNames' older entry where it lists a sea twice
    lines.sort(key=lambda f: int(f[0]))
    names = {name_key(f[1]) for f in lines}
    rows, seen = [], set()
    for f in lines:
        gid, name, alternates, lat, lon, fclass, code = f[0], f[1], f[3], f[4], f[5], f[6], f[7]
        if not ((fclass == "H" and code in WATER) or (fclass == "L" and code == "RGN")) or not _ascii(name):
            continue
        if (
            name_key(name) in seen
            or name_key(name) in extra
            or all(w in PLAIN or GENERIC.fullmatch(w) for w in name.split())
        ):
            continue
        aliases = []
        if fclass == "H":
            aliases = [a for a in alternates.split(",") if _ascii(a) and GENERIC.search(a) and a != name]
            bare = name.removesuffix(" Ocean") if code == "OCN" else name.removesuffix(" Sea")
            words = bare.split()
            # a sea by its proper adjective alone ("the Mediterranean", "the Baltic"), not "the Black"
            if code == "SEA" and (len(words) > 1 or not words[-1].endswith(("ean", "ic"))):
                bare = name
            if (
                bare != name
                and not actors.demonym(words[-1])
                and not words[-1].endswith("ern")
                and name_key(bare) not in names
            ):
                aliases.append(bare)
        seen.add(name_key(name))
        feature = code if fclass == "H" else "RGN"
        rows.append(
            [name, "|".join(dict.fromkeys(aliases)), "", f"{float(lat):.4f}", f"{float(lon):.4f}", gid]
            + [feature, "region"]
        )
    rows.sort(key=lambda r: (r[6], r[0]))
    OUT.write_text(HEADER + "\n" + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} rows → {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
