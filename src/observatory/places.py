"""Places: recognise place names in a parsed doc and resolve them with document context."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from . import actors, gazetteer
from .gazetteer import Candidate
from .model import Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Words before a name that make it a place even when NER calls it a person or an organisation.
# Words before a name that make it a place even when NER calls it a person or an organisation.
PLACE_CUES = {"in", "at", "near", "from", "to", "of", "outside", "into", "toward", "towards", "around", "across",
              "via", "inside", "between", "through"}
# Verbs whose object is a place ("retook Albu Kamal").
PLACE_VERBS = {"retake", "recapture", "capture", "seize", "take", "enter", "besiege", "shell", "bomb", "storm",
               "liberate", "reach", "visit", "leave", "overrun", "surround", "evacuate", "flee", "bombard", "raid",
               "retook", "retaken", "overran", "took", "taken"}  # forms the small model does not lemmatise
PLACE_NOUNS = {"town", "city", "village", "province", "district", "region", "capital", "border", "area", "suburb",
               "governorate", "county", "state", "port", "camp", "neighbourhood", "neighborhood"}
MAX_TOKENS = 5


def _span_candidates(span: Any) -> list[Candidate]:
    cands = gazetteer.candidates(span.text)
    if not cands and span.text.lower().startswith("the "):
        cands = gazetteer.candidates(span.text[4:])
    return cands


def _cued(span: Any) -> bool:
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    before2 = doc[span.start - 2].lower_ if span.start > 1 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if before in PLACE_CUES or (before == "of" and before2 in PLACE_NOUNS) or after in PLACE_NOUNS:
        return True
    root = span.root
    return root.dep_ == "dobj" and (root.head.lemma_.lower() in PLACE_VERBS or root.head.lower_ in PLACE_VERBS)


def recognise(doc: Any, actor_spans: list[tuple[int, int, actors.Entry]]) -> list[tuple[Any, list[Candidate]]]:
    """Place-name spans with their gazetteer candidates (demonyms and organisation names excluded)."""
    org_tokens = {i for s, e, entry in actor_spans if entry.kind != "country" for i in range(s, e)}
    taken: set[int] = set()
    found: list[tuple[Any, list[Candidate]]] = []

    def take(span: Any, cands: list[Candidate]) -> None:
        if cands and not any(i in taken or i in org_tokens for i in range(span.start, span.end)):
            taken.update(range(span.start, span.end))
            found.append((span, cands))

    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            span = ent[1:] if ent[0].lower_ == "the" else ent
            if span.text.endswith("'s"):
                span = span[:-1]
            take(span, _span_candidates(span))
    # Names NER missed or mislabelled: capitalised n-grams in the gazetteer, with a place cue.
    i = 0
    while i < len(doc):
        if doc[i].is_title and doc[i].is_alpha and i not in taken:
            for j in range(min(len(doc), i + MAX_TOKENS), i, -1):
                span = doc[i:j]
                if not (span[-1].is_title or span[-1].is_upper) or span[-1].ent_type_ in ("DATE", "TIME"):
                    continue
                if actors.demonym(span.text):
                    continue
                cands = _span_candidates(span)
                if cands and (_cued(span) or span[0].ent_type_ in PLACE_LABELS):
                    take(span, cands)
                    i = j - 1
                    break
        i += 1
    found.sort(key=lambda item: item[0].start)
    return found


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


def context_countries(doc: Any, found: list[tuple[Any, list[Candidate]]],
                      actor_spans: list[tuple[int, int, actors.Entry]]) -> Counter[str]:
    """Countries the document talks about: demonyms, country names, unambiguous places."""
    counts: Counter[str] = Counter()
    for tok in doc:
        code = actors.demonym(tok.text) if tok.text[:1].isupper() else None
        if code:
            counts[code] += 1
    for _s, _e, entry in actor_spans:
        if len(entry.country) == 3 and entry.kind == "country":
            counts[entry.country] += 1
    for _span, cands in found:
        if len({c.country for c in cands}) == 1:
            counts[cands[0].country] += 1
    return counts


def _score(cand: Candidate, context: Counter[str], anchors: list[tuple[float, float]], total: int) -> float:
    score = math.log10(cand.population + 10) / 4
    if cand.feature == "PCLI":
        score += 1.5
    elif cand.feature in ("region", "ADM1"):
        score += 1.0
    if total and context.get(cand.country):
        score += 0.5 * context[cand.country] / total
    if anchors and cand.feature == "PPL":
        nearest = min(_km((cand.lat, cand.lon), a) for a in anchors)
        score += 0.8 if nearest < 100 else 0.4 if nearest < 400 else 0.0
    return score


def resolve(doc: Any, article_id: str, actor_spans: list[tuple[int, int, actors.Entry]] | None = None,
            offset: int = 0) -> list[Place]:
    """Resolve every place mention in ``doc``; ``offset`` maps doc offsets to article offsets."""
    actor_spans = actor_spans if actor_spans is not None else actors.scan(doc)
    found = recognise(doc, actor_spans)
    context = context_countries(doc, found, actor_spans)
    total = sum(context.values())
    anchors = [(c[0].lat, c[0].lon) for _s, c in found if len(c) == 1 and c[0].feature == "PPL"]
    places = []
    for span, cands in found:
        ranked = sorted(cands, key=lambda c: _score(c, context, anchors, total), reverse=True)
        best = ranked[0]
        if total and not context.get(best.country) and best.population < 50_000 and best.feature == "PPL" \
                and span.label_ not in PLACE_LABELS:
            continue  # an obscure foreign namesake with no support in the text: better no place than a wrong one
        margin = _score(best, context, anchors, total) - (_score(ranked[1], context, anchors, total) if len(ranked) > 1 else 0)
        places.append(Place(
            text=span.text, start=span.start_char + offset, end=span.end_char + offset, name=best.name,
            country=best.country, admin1=None, lat=best.lat, lon=best.lon, geonameid=best.geonameid,
            feature=best.feature, precision=best.precision, score=round(min(1.0, 0.5 + margin / 2), 3)))
    return places
