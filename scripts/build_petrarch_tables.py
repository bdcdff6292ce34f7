"""Build the actor tables derived from the PETRARCH2/Phoenix CAMEO dictionaries (MIT licence, Open Event Data
Alliance) into src/observatory/data/: run once when the dictionaries change, commit the output.

    python scripts/build_petrarch_tables.py [--source ../shared/data/petrarch2]

Writes
- petrarch_organisations.tsv: non-state armed groups (Phoenix.MilNonState), international actors
  (Phoenix.International) and named bodies of countries (Phoenix.Countries entries coded with a sector and no
  dates), in the columns of organisations.tsv;
- petrarch_officials.tsv: people coded to a country and a state sector for dated terms (Phoenix.Countries and
  Phoenix.International), in the columns of officials.tsv;
- petrarch_agents.tsv: generic agent nouns (Phoenix.agents) with their sector, in the columns of agents.tsv.
The hand-written tables stay first: the product reads them before these, so an entry there wins.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from functools import lru_cache
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "observatory" / "data"
NOTICE = (
    "# Derived from the PETRARCH2/Phoenix dictionaries (github.com/openeventdata/petrarch2, "
    "petrarch2/data/dictionaries), Copyright (c) 2014 Open Event Data Alliance, MIT licence (see "
    "LICENSE-petrarch2.txt); built by scripts/build_petrarch_tables.py"
)
STATE = {"GOV", "MIL", "COP", "LEG", "JUD", "SPY"}
SECTORS = STATE | {
    "REB",
    "OPP",
    "IGO",
    "NGO",
    "MED",
    "CVL",
    "BUS",
    "EDU",
    "HLH",
    "REL",
    "LAB",
    "AGR",
    "REF",
    "PTY",
    "ELI",
    "CRM",
    "UAF",
    "INS",
    "SEP",
    "MOD",
    "RAD",
    "IMG",
    "ENV",
    "HRI",
    "DEV",
    "UNO",
}
GROUP_CODES = {"IGO": "IGO", "NGO": "NGO", "IMG": "IMG", "INT": "IGO", "MNC": "BUS", "NGM": "NGO"}
# the sectors the product codes, and the CAMEO agent codes folded into them
KNOWN_SECTORS = {
    "GOV",
    "MIL",
    "COP",
    "REB",
    "OPP",
    "CVL",
    "MED",
    "NGO",
    "LEG",
    "JUD",
    "BUS",
    "EDU",
    "HLH",
    "LAB",
    "AGR",
    "REF",
    "REL",
    "IGO",
    "PTY",
}
AGENT_SECTORS = {"INS": "REB", "UAF": "REB", "SEP": "REB", "SPY": "GOV"}
CODE = re.compile(r"\[([^\]]*)\]")
# a period ending before this says nothing about the news the product reads
EARLIEST_END = "1995-01-01"
MIN_SINGLE_WORD = 5  # a one-word alias shorter than this is too often another word or an initialism


def _date(text: str) -> str | None:
    text = text.strip()
    if not text.isdigit():
        return None
    if len(text) == 6:
        year = int(text[:2])
        text = f"{1900 + year if year >= 30 else 2000 + year}{text[2:]}"
    if len(text) != 8:
        return None
    month, day = min(max(int(text[4:6]), 1), 12), min(max(int(text[6:8]), 1), 28 if text[4:6] == "02" else 30)
    return f"{text[:4]}-{month:02d}-{day:02d}"


def _period(text: str) -> tuple[str, str | None, str | None]:
    """'SYRGOV 871101-000313' → ('SYRGOV', '1987-11-01', '2000-03-13'); '>000717' opens, '<000717' closes."""
    parts = text.split()
    code = parts[0] if parts else ""
    rest = "".join(parts[1:])
    if rest.startswith(">"):
        return code, _date(rest[1:]), None
    if rest.startswith("<"):
        return code, None, _date(rest[1:])
    if "-" in rest:
        start, end = rest.split("-", 1)
        return code, _date(start), _date(end)
    return code, None, None


def entries(path: Path) -> list[tuple[str, list[str], list[tuple[str, str | None, str | None]]]]:
    """(name, aliases, [(code, start, end)]) per entry of a Phoenix .actors file."""
    out: list[tuple[str, list[str], list[tuple[str, str | None, str | None]]]] = []
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
        for raw in handle:
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            codes = [_period(c) for c in CODE.findall(line)]
            head = CODE.sub("", line).strip()
            if line.startswith("+"):
                if out:
                    out[-1][1].extend(a for a in head[1:].split("+") if a.strip())
                continue
            if not line[0].isspace() and head:
                out.append((head, [], []))
            elif head and out:  # an indented alias without its '+'
                out[-1][1].append(head)
            if out:
                out[-1][2].extend(codes)
    return out


PARTICLES = {
    "of",
    "and",
    "the",
    "for",
    "in",
    "on",
    "al",
    "el",
    "de",
    "la",
    "du",
    "des",
    "bin",
    "ibn",
    "von",
    "van",
}


def surface(phoenix: str, common: set[str] = frozenset()) -> str:
    """'BASHAR_AL_ASSAD_' → 'Bashar al Assad': particles in lower case, a short word that is no English word
    stays an initialism ('ETA'), the rest in title case."""
    words = [w for w in re.sub(r"\(.*?\)", " ", phoenix).replace("_", " ").split() if w]
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        if low in PARTICLES and i:
            out.append(low)
        elif len(w) <= 4 and w.isalpha() and w.isupper() and low not in common:
            out.append(w)
        else:
            out.append(w.title())
    return " ".join(out).replace("'S ", "'s ")


def variants(name: str) -> list[str]:
    """A name as news writes it too: 'Bashar al Assad' → 'Bashar al-Assad'."""
    joined = re.sub(r"\b(al|el) (?=\w)", r"\1-", name)
    return [name] + ([joined] if joined != name else [])


def _bracketed(phoenix: str) -> list[str]:
    """Words given in brackets in a name ('..._(AAIA)_', 'DIRECT_ACTION_(GREECE)')."""
    return re.findall(r"\(([A-Z0-9-]{2,})\)", phoenix)


def _initialisms(phoenix: str) -> list[str]:
    """Initialisms given in brackets in a name; a country in brackets tells where the group is, it does not
    name it."""
    return [m for m in _bracketed(phoenix) if len(m) <= 8 and m.lower() not in _country_names()]


def _placed(phoenix: str) -> bool:
    """A name with its country in brackets: a group of that country, even when its name is common words."""
    return any(m.lower() in _country_names() for m in _bracketed(phoenix))


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    return frozenset(
        getattr(c, attr).lower()
        for c in pycountry.countries
        for attr in ("name", "common_name", "official_name")
        if hasattr(c, attr)
    )


def usable(alias: str, common: set[str]) -> bool:
    """An alias worth matching: not a bare common word, not too short to be unambiguous."""
    words = alias.split()
    if not words or len(alias) < 3:
        return False
    if len(words) == 1:
        long_enough = len(alias) >= MIN_SINGLE_WORD or (alias.isupper() and len(alias) >= 3)
        return long_enough and alias.lower() not in common
    return not all(w.lower() in common for w in words)


def code_parts(code: str) -> tuple[str | None, str | None]:
    """(country or group code, sector) of a CAMEO actor code: 'SYRGOV' → ('SYR', 'GOV'),
    'IGOUNO' → ('IGO', 'IGO')."""
    code = code.strip().upper()
    if len(code) < 3 or not code[:3].isalpha():
        return None, None
    head = code[:3]
    if head in GROUP_CODES:
        rest = {code[i : i + 3] for i in range(3, len(code), 3)}
        if head == "IMG" or rest & {"REB", "IMG", "INS"}:  # a transnational armed group
            return "IMG", "REB"
        return ("IGO" if head in ("IGO", "INT") else head if head != "MNC" else None), GROUP_CODES[head]
    if pycountry.countries.get(alpha_3=head) is None:
        return None, None
    sector = next((code[i : i + 3] for i in range(3, len(code), 3) if code[i : i + 3] in SECTORS), None)
    return head, sector


def common_words(source: Path) -> set[str]:
    """English words the dictionaries themselves list as agents or verbs, plus spaCy's stop words: a one-word
    alias that is one of these is not a name."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = set(STOP_WORDS)
    for name in ("Phoenix.agents.txt.gz", "CAMEO.2.0.txt.gz", "Phoenix.discards.txt.gz"):
        with gzip.open(source / name, "rt", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                for w in re.findall(r"[A-Za-z]+", line.split("#", 1)[0]):
                    words.add(w.lower())
    return words


def build(source: Path) -> dict[str, list[list[str]]]:
    common = common_words(source)
    orgs: dict[str, list[str]] = {}
    officials: list[list[str]] = []
    for name in (
        "Phoenix.MilNonState.actors.txt.gz",
        "Phoenix.International.actors.txt.gz",
        "Phoenix.Countries.actors.txt.gz",
    ):
        for phoenix, aliases, codes in entries(source / name):
            canonical = surface(phoenix, common)
            names = [v for n in [canonical, *(surface(a, common) for a in aliases)] for v in variants(n)]
            names += _initialisms(phoenix)
            names = list(dict.fromkeys(n for n in names if usable(n, common)))
            if not (names or _placed(phoenix)) or not codes:
                continue
            # the aliases: every usable name but the canonical one, which may itself be unusable ("Federal
            # Bureau of Investigation" is all common words, "FBI" is not)
            aliases = [n for n in names if n != canonical]
            dated = [c for c in codes if c[1] or c[2]]
            if dated:  # a person: one row per term in a state office (or an IGO post) still relevant
                for code, start, end in dated:
                    country, sector = code_parts(code)
                    if country is None or sector not in STATE | {"IGO"} or (end and end < EARLIEST_END):
                        continue
                    if len(canonical.split()) < 2:
                        continue
                    row = [
                        canonical,
                        "|".join(n for n in aliases if len(n.split()) >= 2),
                        "",
                        country,
                        sector,
                        start or "",
                        end or "",
                    ]
                    if row not in officials:
                        officials.append(row)
                continue
            country, sector = code_parts(codes[0][0])
            if country is None or sector is None or sector in ("ELI", "CVL"):
                continue  # a bare country or city name (pycountry and the gazetteer hold those) or a person
            if name == "Phoenix.Countries.actors.txt.gz" and len(canonical.split()) < 2:
                continue
            key = canonical.lower()
            if key not in orgs:
                orgs[key] = [canonical, "|".join(aliases), country, sector, ""]
    agents = []
    seen = set()
    for phoenix, aliases, codes in entries(source / "Phoenix.agents.txt.gz"):
        folded = [AGENT_SECTORS.get(c[0].lstrip("~")[:3], c[0].lstrip("~")[:3]) for c in codes]
        sector = next((s for s in folded if s in KNOWN_SECTORS), None)
        noun = phoenix.replace("_", " ").strip().lower()
        if not sector or not noun or noun in seen or not re.fullmatch(r"[a-z][a-z -]+", noun):
            continue
        seen.add(noun)
        agents.append([noun, sector, "state" if sector in STATE else "nonstate"])
    return {
        "petrarch_organisations.tsv": list(orgs.values()),
        "petrarch_officials.tsv": officials,
        "petrarch_agents.tsv": agents,
    }


HEADERS = {
    "petrarch_organisations.tsv": "# name\taliases (|)\tcode (ISO3 or group code)\tsector\t"
    "description words (|)",
    "petrarch_officials.tsv": "# name\taliases (|)\trole\tcountry\tsector\tin office from\tto",
    "petrarch_agents.tsv": "# noun (lemma, lower case)\tsector\tkind",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data" / "petrarch2")
    args = parser.parse_args(argv)
    for name, rows in build(args.source).items():
        text = "\n".join([NOTICE, HEADERS[name], *("\t".join(r) for r in rows)]) + "\n"
        (DATA / name).write_text(text, encoding="utf-8")
        print(f"{name}: {len(rows)} rows, {len(text.encode()) / 1e6:.2f} MB")
    (DATA / "LICENSE-petrarch2.txt").write_text(
        (args.source / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
