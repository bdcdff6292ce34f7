"""One validation layer for what users type: the CLI's options and the API's parameters go through the same
functions, so a value one accepts the other accepts, and a value one refuses the other refuses with the same
message. Every function raises ``Invalid`` (a ``ValueError``) with a message meant for the user.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import pycountry

from . import settings

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?$")
# Relative dates are read only in these explicit forms, and only where the caller allows them (query filters,
# never a publication date): "today", "yesterday", "N days ago", "N weeks ago".
_RELATIVE = re.compile(r"^(?:(today)|(yesterday)|(\d{1,5}) (day|week)s? ago)$", re.IGNORECASE)


class Invalid(ValueError):
    """A value the user gave that cannot be used; the message says what is wrong and what would do."""


def day(value: str | None, *, relative: bool = False, today: date | None = None) -> str | None:
    """An ISO date (YYYY-MM-DD, a time part ignored) as YYYY-MM-DD; with ``relative``, also "today",
    "yesterday", "N days ago" or "N weeks ago", counted from ``today`` (default: the clock)."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    match = _ISO_DAY.match(text)
    if match:
        try:
            return date(*map(int, match.groups())).isoformat()
        except ValueError:
            raise Invalid(
                f"{text!r} is not a date: month 01-12 and a day the month has, as YYYY-MM-DD"
            ) from None
    rel = _RELATIVE.match(text)
    if rel and relative:
        base = today or date.today()
        if rel.group(1):
            return base.isoformat()
        if rel.group(2):
            return (base - timedelta(days=1)).isoformat()
        days = int(rel.group(3)) * (7 if rel.group(4).lower() == "week" else 1)
        return (base - timedelta(days=days)).isoformat()
    if rel:
        raise Invalid(f"{text!r} is relative: give the date itself as YYYY-MM-DD, e.g. 2017-11-11")
    hint = " (or today, yesterday, N days ago)" if relative else ""
    raise Invalid(f"{text!r} is not a date: expected YYYY-MM-DD{hint}, e.g. 2017-11-11")


def date_range(
    since: str | None, until: str | None, *, relative: bool = True, today: date | None = None
) -> tuple[str | None, str | None]:
    """``since`` and ``until`` as ISO days, refused when ``since`` comes after ``until``."""
    start, end = day(since, relative=relative, today=today), day(until, relative=relative, today=today)
    if start and end and start > end:
        raise Invalid(f"since ({start}) is after until ({end}): nothing could match")
    return start, end


def _items(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    parts = value.split(",") if isinstance(value, str) else list(value)
    return [p.strip() for p in parts if p and p.strip()]


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", re.sub(r"\bthe\b", " ", name.lower())).strip()


@lru_cache(maxsize=1)
def _country_table() -> tuple[frozenset[str], dict[str, str]]:
    """Known codes (ISO 3166-1 alpha-3 and the project's group codes) and names → code: pycountry's names, the
    project's country table (demonyms, short forms) and organisations (names, aliases)."""
    codes: set[str] = set()
    names: dict[str, str] = {}
    for country in pycountry.countries:
        codes.add(country.alpha_3)
        for name in (
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
            country.alpha_2,
        ):
            if name:
                names.setdefault(_key(name), country.alpha_3)
    for row in settings.data_rows("countries.tsv"):
        for cell in row[1:3]:
            for name in cell.split("|"):
                if name.strip():
                    names.setdefault(_key(name), row[0])
    for row in settings.data_rows("organisations.tsv"):
        if len(row) > 2 and row[2].strip():
            code = row[2].strip()
            codes.add(code)
            for name in [row[0], *row[1].split("|")]:
                if name.strip():
                    names.setdefault(_key(name), code)
    return frozenset(codes), names


def country_codes() -> frozenset[str]:
    """Every code ``country`` knows without being told: ISO 3166-1 alpha-3 and the project's group codes."""
    return _country_table()[0]


def country(value: str, known: Iterable[str] = ()) -> str:
    """One country or group code: a known code (any case), an ISO alpha-2 code, or a name ("Syria", "Syrian",
    "Islamic State") mapped to its code. ``known`` adds codes the caller knows of (e.g. stored ones)."""
    codes, names = _country_table()
    text = value.strip()
    upper = text.upper()
    if upper in codes or upper in set(known):
        return upper
    found = names.get(_key(text))
    if found:
        return found
    from rapidfuzz import fuzz, process

    long_names = [n for n in names if len(n) > 3]
    best = process.extractOne(_key(text), long_names, scorer=fuzz.ratio, score_cutoff=80)
    hint = f"; did you mean {best[0].title()} ({names[best[0]]})?" if best else ""
    raise Invalid(
        f"unknown country {text!r}: give an ISO 3166-1 alpha-3 code (SYR), a group code (ISIL) "
        f"or a country name{hint}"
    )


def countries(value: str | Iterable[str] | None, known: Iterable[str] = ()) -> tuple[str, ...]:
    """Comma-separated (or listed) countries, each as ``country`` reads it."""
    known = set(known)
    return tuple(dict.fromkeys(country(v, known) for v in _items(value)))


def event_types(value: str | Iterable[str] | None, known: Iterable[str] = ()) -> tuple[str, ...]:
    """Comma-separated (or listed) PLOVER event types, any case; ``known`` adds other stored types."""
    allowed = set(PLOVER_TYPES) | set(known)
    out = []
    for item in _items(value):
        code = re.sub(r"[\s-]+", "_", item.upper())
        if code not in allowed:
            raise Invalid(f"unknown event type {code!r}: one of {', '.join(PLOVER_TYPES)}")
        out.append(code)
    return tuple(dict.fromkeys(out))
