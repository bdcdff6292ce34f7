"""Events: triggers found in the parse, typed by a swappable typer, with roles, status and attribution."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

import catalogue

from . import actors, settings
from .model import Actor, Event, Place, TimeExpr

event_typers = catalogue.create("observatory", "event_typers")


@dataclass(frozen=True)
class Typing:
    """What a typer says about a trigger."""

    event_type: str
    cameo: str | None = None
    mode: str | None = None
    acled: str | None = None
    score: float = 0.6


class EventTyper(Protocol):
    """Types a trigger token in its sentence; None when it is not an event trigger."""

    def __call__(self, trigger: Any, key: str) -> Typing | None: ...


@lru_cache(maxsize=1)
def trigger_lexicon() -> dict[tuple[str, str], Typing]:
    """(trigger, pos) → typing, from data/triggers.tsv."""
    out: dict[tuple[str, str], Typing] = {}
    with (settings.DATA_DIR / "triggers.tsv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            trig, pos, etype, cameo, mode, acled = (row + [""] * 6)[:6]
            out[(trig, pos)] = Typing(etype, cameo or None, mode or None, acled or None)
    return out


@event_typers.register("lexicon")
def lexicon_typer() -> EventTyper:
    """Dictionary typer: a trigger's lemma (plus particle or modifier) looked up in triggers.tsv."""
    lexicon = trigger_lexicon()

    def typer(trigger: Any, key: str) -> Typing | None:
        pos = "NOUN" if trigger.pos_ in ("NOUN", "PROPN") else "VERB"
        return lexicon.get((key, pos))

    return typer


def get_typer(name: str = settings.EVENT_TYPER) -> EventTyper:
    return event_typers.get(name)()


LIGHT_VERBS = {"impose", "hold", "launch", "carry", "conduct", "stage", "sign", "reach", "issue", "have", "begin",
               "start", "resume", "announce", "mount", "make", "attend", "join", "lead", "wage", "lay", "organize",
               "organise", "call", "host", "continue", "intensify", "step", "order", "sponsor", "broker", "mediate",
               "convene", "chair"}
SCHEDULE_WORDS = {"schedule", "plan", "due", "expect", "set", "slate", "will", "shall", "intend", "prepare", "aim"}
NEGATORS = {"refuse", "decline", "fail", "reject", "deny", "avoid", "halt", "cancel", "stop"}
HYPOTHETICAL_MODALS = {"could", "would", "might", "may", "should", "can"}
HYPOTHETICAL_HEADS = {"threaten", "vow", "determination", "pledge", "promise", "allow", "want", "seek", "try",
                      "warn", "hope", "ready", "able", "demand", "urge", "call", "ask", "order", "need", "must"}
SPEECH_VERBS = {"say", "tell", "report", "claim", "announce", "state", "add", "confirm", "allege", "insist",
                "write", "quote", "note", "declare"}
TERRITORY_NOUNS = {"town", "city", "village", "territory", "area", "district", "base", "airport", "region", "province",
                   "stronghold", "neighbourhood", "neighborhood", "hill", "border", "crossing", "position",
                   "outpost", "port", "camp", "valley", "suburb", "control", "land", "checkpoint", "field", "capital"}
PLACE_NOUNS = {"town", "city", "village", "capital", "province", "district", "region", "area", "suburb", "suburbs",
               "neighbourhood", "neighborhood", "stronghold", "enclave"}
LOCATIVE_PREPS = {"in", "near", "at", "outside", "around", "on", "into", "across", "inside", "along", "over",
                  "off", "within", "throughout", "towards", "toward", "between"}
RECIPIENT_PREPS = {"with", "against", "on", "to", "over", "at", "from", "between", "among"}
RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}
PRONOUNS = {"they", "it", "he", "she", "we", "its", "their", "his", "her", "them", "who", "which", "that"}


@dataclass
class Context:
    """What event extraction knows about one article's parse."""

    doc: Any
    article_id: str
    published: str | None
    names: list[tuple[int, int, actors.Entry]]
    places: list[Place]
    times: list[TimeExpr]
    focus_country: str | None = None
    by_token: dict[int, actors.Entry] = field(default_factory=dict)
    place_at: dict[int, Place] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for s, e, entry in self.names:
            for i in range(s, e):
                self.by_token[i] = entry
        for place in self.places:
            if place.kind == "demonym":
                continue
            span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is not None and len(span):
                self.place_at[span.root.i] = place


def _key(tok: Any) -> list[str]:
    """Lookup keys for a trigger, most specific first: 'pull out', 'air strike', 'ship weapons', lemma."""
    keys = []
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ == "prt":
            keys.append(f"{lemma} {child.lower_}")
        if child.dep_ == "prep" and child.lower_ == "for":
            keys.append(f"{lemma} for")
        if child.dep_ in ("dobj", "obj"):
            keys.append(f"{lemma} {child.lemma_.lower()}")
        if child.dep_ in ("compound", "amod") and child.i == tok.i - 1:
            keys.append(f"{child.lower_} {lemma}")
    if tok.i + 1 < len(tok.doc) and tok.nbor(1).dep_ == "dobj" and tok.nbor(1).lower_ == "control":
        keys.append(f"{lemma} control")
    keys.append(lemma)
    if tok.lower_ != lemma:
        keys.append(tok.lower_)
    return keys


def _np_tokens(tok: Any) -> list[Any]:
    """The noun phrase of ``tok`` without relative clauses, appositions and trailing clauses."""
    out = [tok]
    for child in tok.lefts:
        out.extend(child.subtree)
    for child in tok.rights:
        if child.dep_ in ("compound", "amod", "nummod") or (child.dep_ == "prep" and child.lower_ == "of"):
            out.extend(child.subtree)
    return sorted(out, key=lambda t: t.i)


def _code_all(heads: list[Any], ctx: Context, location: Place | None) -> list[Actor]:
    """Code coordinated heads; a state agent with no country of its own takes a conjunct's, the place's or the
    article's country, in that order. "Hungarian and Romanian officials" are two actors."""
    coded = []
    for head in heads:
        actor = code_actor(head, ctx, default_country=None)
        if actor is None:
            continue
        coded.append(actor)
        for mod in head.children:
            if mod.dep_ == "amod":
                for other in mod.conjuncts:
                    code = actors.demonym(other.text)
                    if code and code != actor.country:
                        coded.append(Actor(text=f"{other.text} {head.text}", name=None, country=code,
                                           sector=actor.sector, start=actor.start, end=actor.end))
    known = next((a.country for a in coded if a.country), None)
    place_country = location.country if location is not None and location.precision != "region" else None
    for actor in coded:
        if actor.country is None and actor.name is None and actor.sector in STATE_SECTORS | {"OPP"}:
            actor.country = known or place_country or ctx.focus_country
        elif actor.country is None and actor.name is None and actor.sector:
            actor.country = known or place_country
    return coded


STATE_SECTORS = {"GOV", "MIL", "COP", "LEG", "JUD"}
QUANTITIES = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions", "number",
              "group", "crowd", "band", "unit", "contingent", "battalion", "squad", "team", "some", "many", "most"}
NAMED_THINGS = {"EVENT", "ORG", "WORK_OF_ART", "LAW", "FAC", "PRODUCT"}  # "the APEC Leaders' Meeting" names, not reports
_UNSET: Any = object()


def code_actor(tok: Any, ctx: Context, depth: int = 0, default_country: Any = _UNSET) -> Actor | None:
    """Code the actor a noun-phrase head names: dictionary names, generic agents with a country, pronouns."""
    if tok is None or depth > 3:
        return None
    np = _np_tokens(tok)
    text = tok.doc[np[0].i: np[-1].i + 1].text
    start, end = tok.doc[np[0].i].idx, tok.doc[np[-1].i].idx + len(tok.doc[np[-1].i])
    entry = ctx.by_token.get(tok.i)
    for child in tok.children:
        if child.dep_ in ("appos", "compound", "amod") and child.i in ctx.by_token and ctx.by_token[child.i].kind != "country" \
                and not _in_backed(child):
            entry = entry or ctx.by_token[child.i]
    agent = _agent_of(tok)
    if entry and (entry.kind != "country" or not agent):
        return Actor(text=text, name=entry.name, country=entry.country, sector=entry.sector, start=start, end=end)
    if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
        return _antecedent(tok, ctx)
    if tok.lemma_.lower() in QUANTITIES:  # "thousands of protesters", "a group of rebels"
        of = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        if of:
            return code_actor(of[0], ctx, depth + 1, default_country)
    if agent:
        sector, kind = agent
        country, backer = None, actors.backer_of(np)
        for t in np:
            if t.i == tok.i or t.is_punct or _in_backed(t):
                continue
            modifier = actors.agent(t.lemma_) if t.dep_ in ("compound", "amod") else None
            if modifier and modifier[1] == "nonstate" and kind == "state":
                sector, kind = modifier
            if t.lower_ in ("its", "their", "his", "her") and country is None:
                antecedent = _antecedent(t, ctx)
                country = antecedent.country if antecedent else None
                continue
            code = _demonym_in([t, *t.doc[t.i + 1:t.i + 2]]) if t.text[:1].isupper() else None
            named = ctx.by_token.get(t.i)
            if named and named.kind == "country" and not t.text.endswith("-backed"):
                code = named.country
            elif named and named.kind == "organisation" and named.sector in ("GOV", "MIL", "REB", "IGO"):
                return Actor(text=text, name=named.name, country=named.country, sector=named.sector, start=start, end=end)
            if code:
                country = country or code
        if "pro" in {t.lower_ for t in np} or any(t.lower_.startswith("pro-") for t in np):
            sector = "MIL" if sector in ("MIL", "REB") else sector
        if country is None and kind == "nonstate" and sector == "REB" and tok.doc[np[0].i].lower_ == "the":
            group = _last_group(tok, ctx)
            if group:
                return Actor(text=text, name=group.name, country=group.country, sector=group.sector, start=start, end=end)
        if country is None and kind == "state":
            country = ctx.focus_country if default_country is _UNSET else default_country
        return Actor(text=text, name=None, country=country, sector=sector, backer=backer, start=start, end=end)
    people = actors.demonym(tok.text[:-1]) if tok.text.endswith("s") and tok.text[:1].isupper() else None
    if people or (tok.ent_type_ == "NORP" and actors.demonym(tok.text)):
        return Actor(text=text, name=None, country=people or actors.demonym(tok.text), sector=None, start=start, end=end)
    if tok.i in ctx.place_at and tok.dep_ not in ("nsubj", "nsubjpass"):
        return None  # a town named as object or in a phrase is a place, not a party
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        country = _demonym_in(np) or next((ctx.by_token[t.i].country for t in np if t.i in ctx.by_token
                                           and ctx.by_token[t.i].kind == "country"), None)
        titles = [a for a in (_agent_of(t) for t in np if t.i != tok.i and t.dep_ == "compound") if a]
        sector = titles[0][0] if titles else None
        if titles and country is None:
            country = ctx.focus_country if default_country is _UNSET else default_country
        name = tok.doc[tok.i:tok.i + 1]
        if tok.ent_type_:
            ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
            name = ent if ent is not None else name
        return Actor(text=text, name=name.text, country=country, sector=sector, start=start, end=end)
    return None


def _agent_of(tok: Any) -> tuple[str, str] | None:
    """Generic agent of a head noun, two-word names first ("rights group", "foreign minister")."""
    left = tok.doc[tok.i - 1] if tok.i > 0 else None
    if left is not None and left.dep_ in ("compound", "amod"):
        found = actors.agent(f"{left.lower_} {tok.lemma_.lower()}") or actors.agent(f"{left.lower_} {tok.lower_}")
        if found:
            return found
    return actors.agent(tok.lemma_) or actors.agent(tok.lower_)


def _demonym_in(tokens: list[Any]) -> str | None:
    """A country named by a one- or two-word demonym among ``tokens`` ("North Korean", "Iraqi")."""
    for a, b in zip(tokens, tokens[1:]):
        code = actors.demonym(f"{a.text} {b.text}")
        if code:
            return code
    return next((code for t in tokens if t.text[:1].isupper() and (code := actors.demonym(t.text))), None)


def _in_backed(tok: Any) -> bool:
    """'Iran' in 'Iran-backed militias' names the backer, not the militia's country."""
    doc = tok.doc
    nxt = doc[tok.i + 1: tok.i + 3]
    return tok.lower_.endswith("-backed") or (len(nxt) == 2 and nxt[0].text == "-" and nxt[1].lower_ in ("backed", "supported", "sponsored"))


def _antecedent(tok: Any, ctx: Context) -> Actor | None:
    """The nearest earlier actor in the sentence, else in the previous sentence."""
    sent = tok.sent
    doc = tok.doc
    lower = max(0, sent.start - 60)
    for i in range(tok.i - 1, lower - 1, -1):
        cand = doc[i]
        if cand.dep_ in ("nsubj", "nsubjpass") or (i < sent.start and cand.dep_ in ("nsubj", "nsubjpass")):
            actor = code_actor(cand, ctx, depth=2) if cand.lower_ not in PRONOUNS else None
            if actor and (actor.country or actor.sector):
                return actor
    for i in range(tok.i - 1, lower - 1, -1):
        entry = ctx.by_token.get(i)
        if entry:
            return Actor(text=doc[i].text, name=entry.name, country=entry.country, sector=entry.sector)
    return None


def _last_group(tok: Any, ctx: Context) -> actors.Entry | None:
    """The armed group a definite description ("the militants") refers back to: most mentioned, then latest."""
    noun = tok.lower_
    seen: dict[actors.Entry, tuple[int, int]] = {}
    for s, _e, entry in ctx.names:
        if s < tok.i and entry.kind == "organisation" and entry.sector == "REB":
            fits = any(noun == d or noun.rstrip("s") == d.rstrip("s") for d in entry.descriptors)
            count, _last = seen.get(entry, (0, 0))
            seen[entry] = (count + 1 + 2 * fits, s)
    return max(seen, key=lambda e: seen[e]) if seen else None


def _conjuncts(tok: Any) -> list[Any]:
    return [tok, *[c for c in tok.conjuncts if c.pos_ in ("NOUN", "PROPN", "PRON")]]


def _subject(verb: Any) -> Any | None:
    """The subject of a verb, inherited through xcomp/conj/advcl/acl chains."""
    cur = verb
    for _ in range(5):
        for child in cur.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
        if cur.dep_ in ("xcomp", "conj", "advcl") and cur.head is not cur:
            cur = cur.head
            continue
        if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN"):
            if actors.agent(cur.head.lemma_) or cur.head.ent_type_ or cur.head.dep_ not in ("dobj", "pobj", "attr"):
                return cur.head
            cur = cur.head.head
            continue
        break
    return None


VERBAL_TYPES = {"REQUEST", "THREATEN", "ACCUSE", "REJECT", "AGREE"}
THEME_OBJECTS = {"MOBILIZE", "AID"}  # "deployed troops", "sent aid": the object is what moves, not a recipient


def _roles(trig: Any, ctx: Context, typing: Typing) -> tuple[list[Any], list[Any]]:
    """(actor heads, recipient heads) from the dependency structure."""
    doc = trig.doc
    subj_heads: list[Any] = []
    obj_heads: list[Any] = []
    if trig.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in trig.children)
        if passive and trig.dep_ == "acl" and not any(c.dep_ == "nsubjpass" for c in trig.children):
            obj_heads = [trig.head]
        if passive:
            for c in trig.children:
                if c.dep_ == "nsubjpass":
                    obj_heads = _conjuncts(c)
                if c.dep_ == "agent":
                    subj_heads = [p for p in c.children if p.dep_ == "pobj"]
                    subj_heads = _conjuncts(subj_heads[0]) if subj_heads else []
        else:
            subj = _subject(trig)
            if subj is not None:
                subj_heads = _conjuncts(subj)
            for c in trig.children:
                if c.dep_ in ("dobj", "dative") and not obj_heads and typing.event_type not in THEME_OBJECTS \
                        and not (typing.acled == "TERRITORY" and _is_territory(c, ctx)):
                    if code_actor(c, ctx):
                        obj_heads = _conjuncts(c)
                    else:  # "praised Haiti's efforts", "welcomed Reagan's statement": the possessor
                        owner = next((p for p in c.children if p.dep_ == "poss" and p.lower_ not in PRONOUNS), None)
                        if owner is not None and code_actor(owner, ctx):
                            obj_heads = [owner]
            if not obj_heads:
                for c in trig.children:
                    if c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS:
                        pobj = [p for p in c.children if p.dep_ == "pobj"]
                        if pobj and (code_actor(pobj[0], ctx) is not None):
                            obj_heads = _conjuncts(pobj[0])
                            break
            if not obj_heads and typing.event_type not in THEME_OBJECTS and typing.acled != "TERRITORY":
                obj_heads = _indirect_recipient(trig, ctx, subj_heads)
    else:
        # noun trigger: possessor or compound is the actor; a light verb's subject; "with/against/between" pps
        for c in trig.children:
            if c.dep_ in ("poss", "compound", "nmod") and c.i < trig.i and code_actor(c, ctx) \
                    and not (c.i in ctx.place_at and ctx.place_at[c.i].feature == "PPL"):
                subj_heads = [c]
            if c.dep_ == "prep" and c.lower_ == "by" and not subj_heads:
                pobj = [p for p in c.children if p.dep_ == "pobj"]
                subj_heads = _conjuncts(pobj[0]) if pobj else []
        head = trig.head
        if not subj_heads and trig.dep_ in ("dobj", "attr") and head.lemma_.lower() in LIGHT_VERBS:
            subj = _subject(head)
            if subj is not None:
                subj_heads = _conjuncts(subj)
        for c in list(trig.children) + ([c for c in head.children if c.dep_ == "prep"] if head.lemma_.lower() in LIGHT_VERBS else []):
            if c.dep_ == "prep" and c.lower_ in ("with", "against", "between", "on", "among"):
                pobj = [p for p in c.children if p.dep_ == "pobj"]
                if pobj:
                    heads = _conjuncts(pobj[0])
                    if c.lower_ == "between" and not subj_heads and len(heads) > 1:
                        subj_heads, obj_heads = heads[:1], heads[1:]
                    elif not obj_heads:
                        obj_heads = heads
    del doc
    return subj_heads, obj_heads


def _argument_tokens(head: Any) -> set[int]:
    """An argument's tokens, less the locative phrases it carries ("police in Hong Kong" keeps Hong Kong)."""
    out = {t.i for t in head.subtree}
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS:
            out -= {t.i for t in c.subtree}
    return out


def _indirect_recipient(trig: Any, ctx: Context, subj_heads: list[Any]) -> list[Any]:
    """Recipients the syntax gives less directly: the subject of a content clause ("demanded that Hamas
    renounce …"), the owner or source of the object ("rejected an Australian ultimatum", "a fresh offer from
    Afghanistan", "calls by Kofi Annan"), or a party inside a complement ("threatened to cut off electricity
    to Nakhichevan", "further action against Russia")."""
    own = {t.i for h in subj_heads for t in h.subtree}
    frontier = [trig]
    for _depth in range(3):
        found, nxt = [], []
        for node in frontier:
            for c in node.children:
                if c.i in own:
                    continue
                if c.dep_ in ("ccomp", "xcomp"):
                    subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
                    if subj is not None and subj.lower_ not in PRONOUNS and code_actor(subj, ctx):
                        found.append(subj)
                    nxt.append(c)
                elif c.dep_ in ("dobj", "pobj", "attr"):
                    for m in c.children:
                        if m.dep_ in ("poss", "compound", "amod") and m.lower_ not in PRONOUNS and \
                                (m.i in ctx.by_token or actors.demonym(m.text)):
                            found.append(m)
                    nxt.append(c)
                elif c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS | {"from", "by", "of"}:
                    pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if pobj is not None and pobj.lower_ not in PRONOUNS and code_actor(pobj, ctx):
                        found.append(pobj)
                    elif pobj is not None:
                        nxt.append(pobj)
        if found:
            return _conjuncts(found[0])
        frontier = nxt
    return []


def _in_clause(tok: Any, trig: Any) -> bool:
    cur = tok
    for _ in range(12):
        if cur.i == trig.i:
            return True
        if cur.head is cur:
            return False
        cur = cur.head
    return False


def _location(trig: Any, ctx: Context, exclude: set[int], territory: bool) -> tuple[Place | None, float]:
    """The place the event's clause points to; (place, confidence of the attachment)."""
    doc = trig.doc
    # 1. places in the trigger's own subtree, nearest in the tree first
    scored = []
    for i, place in ctx.place_at.items():
        if i in exclude or not _in_clause(doc[i], trig) or _under_content_clause(doc[i], trig):
            continue
        depth, cur = 0, doc[i]
        while cur.i != trig.i and depth < 12:
            cur, depth = cur.head, depth + 1
        prep = doc[i].head if doc[i].dep_ == "pobj" else None
        if _is_actor_use(doc[i], ctx):
            continue
        scored.append((depth - (0.5 if prep is not None and prep.lower_ in LOCATIVE_PREPS else 0), place))
    if scored:
        return min(scored, key=lambda item: item[0])[1], 0.9
    # 2. a definite description ("the border town") or "where" clause points back to a named place
    for c in trig.children:
        if c.dep_ in ("dobj", "pobj") or c.dep_ == "prep":
            heads = [c] if c.dep_ != "prep" else [p for p in c.children if p.dep_ == "pobj"]
            for h in heads:
                if h.lemma_.lower() in PLACE_NOUNS and (c.dep_ == "dobj" or c.lower_ in LOCATIVE_PREPS):
                    prior = _last_place_before(h.i, ctx)
                    if prior:
                        return prior, 0.7
    if trig.dep_ == "relcl" and any(c.lower_ == "where" for c in trig.children):
        head = trig.head
        for i in range(head.left_edge.i, head.i + 1):
            if i in ctx.place_at:
                return ctx.place_at[i], 0.8
    if trig.head.dep_ == "relcl" and any(c.lower_ == "where" for c in trig.head.children):
        noun = trig.head.head
        for i in range(noun.left_edge.i, noun.i + 1):
            if i in ctx.place_at:
                return ctx.place_at[i], 0.8
    # 3. fall back to a place elsewhere in the sentence that is not an actor
    for i, place in sorted(ctx.place_at.items()):
        if trig.sent.start <= i < trig.sent.end and i not in exclude and not _is_actor_use(doc[i], ctx):
            return place, 0.5
    return None, 0.0


def _under_content_clause(tok: Any, trig: Any) -> bool:
    """True when ``tok`` sits in a that-clause of the trigger ("agreed that … in Syria"): content, not place."""
    cur = tok
    while cur.i != trig.i and cur.head is not cur:
        if cur.dep_ in ("ccomp", "relcl", "acl") and cur.head.i == trig.i:
            return cur.dep_ == "ccomp"
        if cur.dep_ == "relcl":
            return True
        cur = cur.head
    return False


def _last_place_before(i: int, ctx: Context, window: int = 1500) -> Place | None:
    """The latest town or city named shortly before token ``i`` ("the border town" → Albu Kamal)."""
    here = ctx.doc[i].idx
    prior = [p for j, p in ctx.place_at.items() if j < i and p.feature == "PPL" and here - p.start < window]
    return max(prior, key=lambda p: p.start) if prior else None


def _is_actor_use(tok: Any, ctx: Context) -> bool:
    """Metonymy: 'Moscow said', 'Russia's President' — a place name used as an actor or a modifier."""
    return tok.dep_ in ("nsubj", "nsubjpass", "poss") or (tok.dep_ in ("compound", "amod") and tok.head.pos_ in ("NOUN", "PROPN")
                                                          and tok.head.lemma_.lower() not in TERRITORY_NOUNS)


def _time_anchor(expr: TimeExpr, doc: Any) -> Any | None:
    """The token a time expression modifies (skipping the prepositions that introduce it)."""
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root.head
    while head.dep_ == "prep" and head.head is not head:
        head = head.head
    return head if not (span.start <= head.i < span.end) else None


def _date(trig: Any, ctx: Context, anchors: dict[int, TimeExpr]) -> dict[str, Any]:
    """The time expression governing the trigger's clause, else one inside it, else the publication date."""
    found = None
    cur = trig
    for _ in range(10):
        if cur.i in anchors:
            found = anchors[cur.i]
            break
        if cur.head is cur:
            break
        cur = cur.head
    if found is None:
        inside = [(abs(i - trig.i), t) for i, t in anchors.items()
                  if _in_clause(trig.doc[i], trig) and not _under_content_clause(trig.doc[i], trig)]
        found = min(inside, key=lambda item: item[0])[1] if inside else None
    if found is not None:
        return {"text": found.text, "value": found.value, "start": found.range_start, "end": found.range_end,
                "precision": found.precision}
    return {"text": None, "value": ctx.published, "start": ctx.published, "end": ctx.published, "precision": "unknown"}


def _status(trig: Any) -> str:
    """occurred | ongoing | planned | negated | hypothetical, from negation, modality and framing verbs."""
    own = {c.lemma_.lower() for c in trig.children if c.dep_ in ("aux", "auxpass", "neg", "mark")}
    if any(c.dep_ == "neg" for c in trig.children) or "never" in {c.lower_ for c in trig.children}:
        return "negated"
    conditional = any(c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children) for c in trig.children)
    if conditional or own & {"if", "unless"} or (own & HYPOTHETICAL_MODALS and not (trig.dep_ == "ccomp" and trig.head.lemma_.lower() in SPEECH_VERBS and own & {"would"})):
        return "hypothetical"
    if own & {"will", "shall"} or ("would" in own and trig.dep_ == "ccomp" and trig.head.lemma_.lower() in SPEECH_VERBS):
        return "planned"
    cur = trig
    for _ in range(4):
        if cur.head is cur or cur.dep_ not in ("xcomp", "acl", "ccomp", "advcl", "nsubj", "nsubjpass", "dobj", "pobj", "prep", "pcomp"):
            break
        cur = cur.head
        word = cur.lemma_.lower()
        if word in NEGATORS:
            return "negated"
        if word in HYPOTHETICAL_HEADS or {c.lemma_.lower() for c in cur.children if c.dep_ == "aux"} & HYPOTHETICAL_MODALS:
            return "hypothetical"
        if word in SCHEDULE_WORDS or {c.lemma_.lower() for c in cur.children if c.dep_ == "aux"} & {"will", "shall"}:
            return "planned"
    if trig.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in trig.children):
        return "ongoing"
    if trig.dep_ == "dobj" and trig.head.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in trig.head.children):
        return "ongoing"
    return "occurred"


def _attribution(trig: Any, ctx: Context) -> dict[str, Any] | None:
    """Who the text says claims the event: 'X said', 'told AFP', 'according to X'."""
    doc = trig.doc
    cur = trig
    speech = None
    for _ in range(8):
        for c in cur.children:
            if c.dep_ == "prep" and c.lower_ == "according" and not c.left_edge.i <= trig.i <= c.right_edge.i:
                pobj = [p for to in c.children for p in to.children if p.dep_ == "pobj"]
                if pobj:
                    span = doc[c.i: pobj[0].right_edge.i + 1]
                    return {"text": span.text, "source": _source(pobj[0], ctx)}
            if c.dep_ in ("parataxis",) and c.lemma_.lower() in SPEECH_VERBS:
                speech = c
        if speech is not None:
            break
        if cur.head is cur:
            break
        if cur.head.lemma_.lower() in SPEECH_VERBS and cur.dep_ in ("ccomp", "parataxis", "conj") and cur.head.i != trig.i:
            speech = cur.head
            break
        cur = cur.head
    if speech is None:
        return None
    subj = next((c for c in speech.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    left = subj.left_edge.i
    right = max([speech.i] + [c.right_edge.i for c in speech.children if c.dep_ in ("dobj", "dative", "npadvmod") and c.i > speech.i])
    text = doc[left: right + 1].text
    out = {"text": text, "source": _source(subj, ctx)}
    medium = next((ctx.by_token[c.i].name for c in speech.children if c.dep_ in ("dobj", "dative") and c.i in ctx.by_token
                   and ctx.by_token[c.i].sector == "MED"), None)
    if medium:
        out["via"] = medium
    return out


def _source(tok: Any, ctx: Context) -> str | None:
    """Name of the claimant: a dictionary name, else a named organisation the description fits, else the text."""
    actor = ctx.by_token.get(tok.i)
    if actor:
        return actor.name
    words = {t.lemma_.lower() for t in tok.subtree} | {t.lower_ for t in tok.subtree}
    best, best_score = None, 0
    for _s, _e, entry in ctx.names:
        if entry.kind != "organisation" or entry.sector not in ("NGO", "IGO", "MED"):
            continue
        score = sum(1 for d in entry.descriptors for w in d.lower().split() if w in words and w not in ("group", "the"))
        if score > best_score:
            best, best_score = entry.name, score
    if best:
        return best
    if tok.ent_type_ in ("PERSON", "ORG"):
        return doc_span(tok).text
    return " ".join(t.text for t in tok.subtree if t.dep_ != "det" and t.i <= tok.i) or None


def doc_span(tok: Any) -> Any:
    return tok.doc[tok.left_edge.i: tok.i + 1]


def _territorial(trig: Any, ctx: Context) -> bool:
    """Capture verbs are events only when what is taken is a place or territory."""
    return any(c.dep_ in ("dobj", "nsubjpass") and _is_territory(c, ctx) for c in trig.children)


def _is_territory(tok: Any, ctx: Context) -> bool:
    """A place name, or a territory noun ("the town", "much of the territory", "control of X")."""
    nouns = [tok] + [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    return any(n.i in ctx.place_at or n.lemma_.lower() in TERRITORY_NOUNS for n in nouns)


def _is_state(actor: Actor | None) -> bool | None:
    if actor is None or actor.sector is None:
        return None
    return actor.sector in ("GOV", "MIL", "COP") and len(actor.country or "") == 3 and actor.country != "ISIL"


def extract(ctx: Context, typer: EventTyper | None = None) -> list[Event]:
    """All events in an article's parse."""
    typer = typer or get_typer()
    doc = ctx.doc
    anchors: dict[int, TimeExpr] = {}
    for t in ctx.times:
        if t.type in ("DATE", "TIME") and t.value and t.value[:1].isdigit():
            head = _time_anchor(t, doc)
            if head is not None and head.i not in anchors:
                anchors[head.i] = t
    events: list[Event] = []
    triggers: list[Any] = []
    for tok in doc:
        if tok.pos_ not in ("VERB", "NOUN") or tok.i in ctx.by_token or tok.ent_type_ in NAMED_THINGS:
            continue
        if tok.pos_ == "NOUN" and tok.is_title and not tok.is_sent_start and _inside_name(tok):
            continue  # a capitalised noun inside a name ("the Leaders' Meeting") names, it does not report
        typing = next((t for k in _key(tok) if (t := typer(tok, k))), None)
        if typing is None:
            continue
        # "refused to meet": the refusal frames the event, so only the complement is coded
        if tok.lemma_.lower() in NEGATORS and any(c.dep_ == "xcomp" and next((1 for k in _key(c) if typer(c, k)), None) for c in tok.children):
            continue
        if tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH_VERBS:
            continue
        if typing.acled == "TERRITORY" and not _territorial(tok, ctx):
            continue
        if tok.lemma_.lower() == "fight" and any(c.lower_ == "alongside" for c in tok.children):
            continue
        if tok.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN" and
                                      next((t for k in _key(c) if (t := typer(c, k))), None) for c in tok.children):
            continue  # "an air strike hit a bus": the noun carries the event
        subj_heads, obj_heads = _roles(tok, ctx, typing)
        if tok.pos_ != "VERB" and not subj_heads and not obj_heads and not _noun_event_anchor(tok, ctx) \
                and tok.i not in anchors:
            continue
        exclude = {i for h in subj_heads + obj_heads if h.i != tok.i for i in _argument_tokens(h)}
        clause = tok.head if tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass") else tok
        location, loc_conf = _location(clause, ctx, exclude, typing.acled == "TERRITORY")
        actor_list = _code_all(subj_heads, ctx, location) or [None]
        recipient_list = _code_all(obj_heads, ctx, location) or [None]
        if typing.event_type == "CONSULT" and recipient_list == [None] and location is not None and location.country \
                and tok.lemma_.lower() in ("visit", "arrive", "travel", "host") and actor_list[0] is not None \
                and actor_list[0].country not in (None, location.country):
            recipient_list = [Actor(text=location.text, name=location.name, country=location.country, sector="GOV")]
        if typing.event_type in RECIPROCAL and len(actor_list) > 1 and recipient_list == [None]:
            actor_list, recipient_list = actor_list[:1], actor_list[1:2]
        if actor_list == [None] and recipient_list == [None] and tok.pos_ == "VERB":
            continue
        sent = tok.sent
        status = _status(tok)
        attribution = _attribution(tok, ctx)
        date = _date(clause, ctx, anchors)
        for actor in actor_list:
            for recipient in recipient_list:
                acled = typing.acled
                if acled == "TERRITORY":
                    state = _is_state(actor)
                    acled = {True: "Government regains territory", False: "Non-state actor overtakes territory"}.get(state)
                if acled == "Peaceful protest" and typing.event_type == "PROTEST" and actor is None:
                    acled = "Peaceful protest"
                confidence = typing.score * (0.6 + 0.2 * (actor is not None) + 0.1 * (recipient is not None) + 0.1 * loc_conf)
                triggers.append(tok)
                events.append(Event(
                    article_id=ctx.article_id, event_type=typing.event_type, trigger=tok.text,
                    sentence=sent.text.rstrip(), sent_start=sent.start_char,
                    sent_end=sent.start_char + len(sent.text.rstrip()), trigger_start=tok.idx,
                    mode=typing.mode, cameo=typing.cameo, acled_sub_event_type=acled, status=status,
                    actor=actor, recipient=recipient, location=location, date=dict(date), attribution=attribution,
                    confidence=confidence, pipeline=settings.PIPELINE_NAME))
    trigger_ids = {t.i for t in triggers}
    verbal = {t.i for t, e in zip(triggers, events) if e.event_type in VERBAL_TYPES}
    # the content of a demand, threat, accusation, refusal or promise is part of that event, not another one;
    # and a participant-less event inside another event's clause adds nothing
    framed = [any(a.i in verbal for a in t.ancestors if a.i != t.i) or
              (not (e.actor or e.recipient) and any(a.i in trigger_ids for a in t.ancestors))
              for t, e in zip(triggers, events)]
    return _dedupe([e for e, drop in zip(events, framed) if not drop])


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per sentence, type and dyad ("signed a peace agreement" is one AGREE); a participant-less event
    is dropped when its sentence holds another of its type ("a meeting during a summit")."""
    typed = {(e.sent_start, e.event_type) for e in events if e.actor or e.recipient}
    seen: set[tuple[Any, ...]] = set()
    out = []
    for e in events:
        key = (e.sent_start, e.event_type, _who(e.actor), _who(e.recipient))
        if key in seen or (not (e.actor or e.recipient) and (e.sent_start, e.event_type) in typed):
            continue
        seen.add(key)
        out.append(e)
    return out


def _who(actor: Actor | None) -> tuple[Any, ...] | None:
    return (actor.name or actor.text, actor.country) if actor else None


def _inside_name(tok: Any) -> bool:
    """A capitalised noun in a name ("the APEC Leaders' Meeting") outside a Title Case headline."""
    before = [t for t in tok.doc[max(tok.sent.start, tok.i - 3):tok.i] if not t.is_punct]
    words = [t for t in tok.sent if t.is_alpha and len(t) > 3]
    headline = words and sum(t.is_title for t in words) / len(words) > 0.8
    return bool(before) and before[-1].text[:1].isupper() and not headline


def _noun_event_anchor(tok: Any, ctx: Context) -> bool:
    """A noun trigger with no participants still reports an event when placed, dated or scheduled."""
    for c in tok.children:
        if c.dep_ == "prep" and any(p.i in ctx.place_at for p in c.subtree):
            return True
    return tok.head.lemma_.lower() in SCHEDULE_WORDS | LIGHT_VERBS | {"take", "postpone", "cancel", "end"} \
        and tok.dep_ in ("nsubj", "nsubjpass", "dobj")
