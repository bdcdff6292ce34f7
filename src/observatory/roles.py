"""Who did what to whom: actor and recipient from the dependency parse, coded by country and sector."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any

from . import actors, gazetteer, nlp, settings
from .lang.en import eventness
from .lang.en.agents import GOVERNED_PLACES, INSTITUTION_NOUNS, PERSON_NOUNS
from .lang.en.modality import SPEECH_VERBS
from .lang.en.roles import (
    ARRIVAL_VERBS,
    CALLED_OFF,
    COLLECTIVES,
    CROWDS,
    HOLDING_PARTICIPLES,
    LIGHT_VERBS,
    LOCATIVE_PREPS,
    PRONOUNS,
    QUANTITIES,
    RECEIVING_VERBS,
    RECIPIENT_PREPS,
    SINGULAR_PRONOUNS,
    THEME_OBJECTS,
)
from .model import Actor, Place, TimeExpr

SITES = gazetteer.place_words("facility")  # "the church", "a hospital": a site, not a party

STATE_SECTORS = {"GOV", "MIL", "COP", "LEG", "JUD"}


TERRITORY_NOUNS = gazetteer.place_nouns("territory")  # what capture verbs take


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
        # a capital's name the places stage reads as a namesake town ("LONDON, Ky. … London Police") does not
        # stand for the capital's state
        for s, e, entry in self.names:
            place = next((self.place_at[i] for i in range(s, e) if i in self.place_at), None)
            if entry.kind == "country" and place is not None and place.country not in (None, entry.country):
                for i in range(s, e):
                    self.by_token.pop(i, None)

    @cached_property
    def focus_place(self) -> Place | None:
        """The town a local report is set in: named at least twice, more than any other town, and in the
        article's country ("A Regina teenager … in Regina … Regina provincial court")."""
        towns = Counter(
            p.geonameid
            for p in self.places
            if p.kind != "demonym"
            and p.geonameid
            and p.precision == "point"
            and p.country == self.focus_country
        )
        ranked = towns.most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return next(p for p in self.places if p.geonameid == ranked[0][0])

    @property
    def text(self) -> str:
        return nlp.text_of(self.doc)


def _np_tokens(tok: Any) -> list[Any]:
    """The noun phrase of ``tok`` without relative clauses, appositions and trailing clauses."""
    out = [tok]
    for child in tok.lefts:
        out.extend(child.subtree)
    for child in tok.rights:
        if child.dep_ in ("compound", "amod", "nummod") or (child.dep_ == "prep" and child.lower_ == "of"):
            out.extend(child.subtree)
    return sorted(out, key=lambda t: t.i)


def code_all(heads: list[Any], ctx: Context, location: Place | None) -> list[Actor]:
    """Code coordinated heads; a state agent with no country of its own takes a conjunct's, the place's or the
    article's country, in that order. "Hungarian and Romanian officials" are two actors."""
    coded = []
    for head in heads:
        actor = code_actor(head, ctx, default_country=None)
        if actor is None:
            continue
        coded.append(actor)
        for mod in head.children:
            # "Hungarian and Romanian officials", "US and UK envoys": one actor per country named
            if mod.dep_ in ("amod", "nmod", "compound"):
                for other in mod.conjuncts:
                    code = actors.demonym(other.text) or actors.lookup_country(other.text)
                    if code and code != actor.country:
                        coded.append(
                            Actor(
                                text=f"{other.text} {head.text}",
                                name=None,
                                country=code,
                                sector=actor.sector,
                                start=actor.start,
                                end=actor.end,
                            )
                        )
    known = next((a.country for a in coded if a.country), None)
    place_country = (
        location.country
        if location is not None and location.precision != "region" and location.basis == "clause"
        else None
    )
    for actor in coded:
        if actor.country is None and actor.sector in STATE_SECTORS | {
            "OPP"
        }:  # incl. "Chief Executive Carrie Lam"
            actor.country = known or place_country or ctx.focus_country
        elif actor.country is None and actor.name is None and actor.sector:
            actor.country = known or place_country
    return coded


_UNSET: Any = object()


def _last_titled(tok: Any, ctx: Context, depth: int, window: int = 600) -> str | None:
    """The country of the latest earlier mention of the same office or agent that says it: "the ambassador"
    after "Russia's ambassador to Turkey", "the president" after "President Barack Obama"."""
    lemma = tok.lemma_.lower()
    lemmas = nlp.lemmas_of(tok.doc)
    for j in range(tok.i - 1, max(-1, tok.i - window), -1):
        if lemmas[j] != lemma:
            continue
        t = tok.doc[j]
        if t.pos_ not in ("NOUN", "PROPN"):
            continue
        named = t.head.i in ctx.by_token or t.head.ent_type_ == "PERSON"  # "Ambassador Jane Doe"
        head = t.head if t.dep_ == "compound" and named else t
        entry = ctx.by_token.get(head.i)
        if entry is not None and entry.country:
            return entry.country
        coded = code_actor(head, ctx, depth + 1, default_country=None)
        if coded is not None and coded.country:
            return coded.country
    return None


def _titled_person(tok: Any, np: list[Any], ctx: Context, depth: int) -> tuple[str, str] | None:
    """(country, sector) of a person named with the title of a state office ("Ambassador Jane Doe") that an
    earlier mention gives a country ("Ruritania's ambassador to Freedonia"); None otherwise."""
    for t in np:
        if t.i >= tok.i or t.dep_ != "compound":
            continue
        office = actors.agent(t.lemma_.lower())
        if office is not None and office[1] == "state":
            country = _last_titled(t, ctx, depth)
            if country:
                return country, office[0]
    return None


def code_actor(tok: Any, ctx: Context, depth: int = 0, default_country: Any = _UNSET) -> Actor | None:
    """Code the actor a noun-phrase head names: dictionary names, generic agents with a country, pronouns."""
    if tok is None or depth > 3:
        return None
    np = _np_tokens(tok)
    text = tok.doc[np[0].i : np[-1].i + 1].text
    start, end = tok.doc[np[0].i].idx, tok.doc[np[-1].i].idx + len(tok.doc[np[-1].i])
    entry = ctx.by_token.get(tok.i)
    for child in tok.children:
        if (
            child.dep_ in ("appos", "compound", "amod")
            and child.i in ctx.by_token
            and ctx.by_token[child.i].kind != "country"
            and not _in_backed(child)
        ):
            entry = entry or ctx.by_token[child.i]
    agent = _agent_of(tok) or _governing_body(tok)
    # "ethnic Albanians", "ethnic Serb militias": the demonym names a people, not the state of that name; they
    # are of the country they live in
    ethnic = any(t.lower_ == "ethnic" for t in np)
    if entry and (entry.kind != "country" or not agent):
        return Actor(
            text=text, name=entry.name, country=entry.country, sector=entry.sector, start=start, end=end
        )
    if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
        return _antecedent(tok, ctx)
    if tok.lemma_.lower() in QUANTITIES:  # "thousands of protesters", "a group of rebels"
        of = [
            p
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        if of and (of[0].lower_ not in PRONOUNS or depth == 0):  # "dozens of them", but no loop back
            return code_actor(of[0], ctx, depth + 1, default_country)
        if not of and tok.dep_ == "nsubj" and tok.lemma_.lower() in CROWDS:  # "hundreds protested": people
            place = next((ctx.place_at[t.i] for t in tok.head.subtree if t.i in ctx.place_at), None)
            return Actor(
                text=text,
                name=None,
                country=place.country if place else None,
                sector="CVL",
                start=start,
                end=end,
            )
    if agent is None and tok.ent_type_ == "PERSON":
        titled = _titled_person(tok, np, ctx, depth)
        if titled is not None:
            country, sector = titled
            return Actor(text=text, name=None, country=country, sector=sector, start=start, end=end)
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
            code = (
                _demonym_in([t, *t.doc[t.i + 1 : t.i + 2]]) if t.text[:1].isupper() and not ethnic else None
            )
            led = _leader(t)
            if led:  # "a U.S.-led coalition", "Saudi-led forces": of the country that leads them
                country = country or led
                continue
            named = ctx.by_token.get(t.i)
            if named and named.kind in ("country", "official") and not t.text.endswith("-backed"):
                code = named.country  # "Syria's government", "Mr Al Assad's government"
            elif named and named.kind == "organisation" and named.sector in ("GOV", "MIL", "REB", "IGO"):
                return Actor(
                    text=text,
                    name=named.name,
                    country=named.country,
                    sector=named.sector,
                    start=start,
                    end=end,
                )
            if code:
                country = country or code
        if "pro" in {t.lower_ for t in np} or any(t.lower_.startswith("pro-") for t in np):
            sector = "MIL" if sector in ("MIL", "REB") else sector
        if country is None and kind == "nonstate" and sector == "REB" and tok.doc[np[0].i].lower_ == "the":
            group = _last_group(tok, ctx)
            if group:
                return Actor(
                    text=text,
                    name=group.name,
                    country=group.country,
                    sector=group.sector,
                    start=start,
                    end=end,
                )
        if (
            country is None
        ):  # "opposition groups in Peru", "refugees in camps in Chad" (not "troops sent to Chad")
            country = _placed_in(tok, ctx)
        if country is None and kind == "state" and tok.doc[np[0].i].lower_ == "the":
            country = _last_titled(tok, ctx, depth)  # "Russia's ambassador" … "the ambassador"
        if country is None and kind == "state":
            country = ctx.focus_country if default_country is _UNSET else default_country
        return Actor(
            text=text, name=None, country=country, sector=sector, backer=backer, start=start, end=end
        )
    people = actors.demonym(tok.text[:-1]) if tok.text.endswith("s") and tok.text[:1].isupper() else None
    if ethnic and (people or actors.demonym(tok.text)):  # a people: a country's civilians, where they live
        return Actor(text=text, name=None, country=_placed_in(tok, ctx), sector="CVL", start=start, end=end)
    if people or (tok.ent_type_ == "NORP" and actors.demonym(tok.text)):
        return Actor(
            text=text,
            name=None,
            country=people or actors.demonym(tok.text),
            sector=None,
            start=start,
            end=end,
        )
    if tok.pos_ == "NOUN" and tok.i not in ctx.place_at:  # "Kenyan farms", "Chilean exports": the country's
        code = _demonym_in([c for c in tok.children if c.dep_ in ("amod", "compound")])
        if code:
            return Actor(text=text, name=None, country=code, sector=None, start=start, end=end)
    titled = tok.ent_type_ == "PERSON" and any(
        _agent_of(t) for t in np if t.i != tok.i and t.dep_ == "compound"
    )
    if tok.i in ctx.place_at and tok.dep_ not in ("nsubj", "nsubjpass") and not titled:
        return None  # a town named as object or in a phrase is a place, not a party (but "Minister Kono" is)
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        country = _demonym_in(np) or next(
            (
                ctx.by_token[t.i].country
                for t in np
                if t.i in ctx.by_token and ctx.by_token[t.i].kind == "country"
            ),
            None,
        )
        if country is None and tok.ent_type_ == "GPE" and len(np) <= 2 and not gazetteer.candidates(text):
            country = actors.misspelt_country(
                text
            )  # a country name with a slip, not a town the gazetteer knows
        titles = [a for a in (_agent_of(t) for t in np if t.i != tok.i and t.dep_ == "compound") if a]
        sector = titles[0][0] if titles else None
        body = next(
            (
                ctx.by_token[t.i]
                for t in np
                if t.i in ctx.by_token and ctx.by_token[t.i].kind == "organisation"
            ),
            None,
        )  # "African Union chairperson Jane Doe"
        role = next((c for c in tok.children if c.dep_ == "appos"), None)  # "Jane Doe, the UN envoy"
        if country is None and body is not None:
            country, sector = body.country, body.sector or sector
        elif (
            country is None
            and role is not None
            and (coded := code_actor(role, ctx, depth + 1, None))
            and coded.country
        ):
            country, sector = coded.country, coded.sector or sector
        elif titles and country is None:
            country = ctx.focus_country if default_country is _UNSET else default_country
        elif country is None and tok.ent_type_ == "PERSON":
            sector = "CVL"  # a person named without office or group: a private person
        if country is None and tok.ent_type_ == "GPE" and tok.i in ctx.place_at and _acting(tok):
            # "Ohio sued the drug makers", "Toronto urged residents …": the government of a town or division
            country, sector = ctx.place_at[tok.i].country, sector or "GOV"
        name = tok.doc[tok.i : tok.i + 1]
        if tok.ent_type_:
            ent = next((e for e in nlp.ents_of(tok.doc) if e.start <= tok.i < e.end), None)
            name = ent if ent is not None else name
        return Actor(text=text, name=name.text, country=country, sector=sector, start=start, end=end)
    return None


def _placed_in(tok: Any, ctx: Context) -> str | None:
    """The country of the place a noun phrase puts its people in ("rebels in Chad", "guerrillas operating in
    Macedonia"): the object of "in" first, then a place inside its phrase."""
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"]
    preps += [
        p
        for c in tok.children
        if c.dep_ == "acl"
        for p in c.children
        if p.dep_ == "prep" and p.lower_ == "in"
    ]
    for prep in preps:
        tokens = sorted(prep.subtree, key=lambda t: t.dep_ != "pobj" or t.head.i != prep.i)
        found = next((ctx.place_at[t.i].country for t in tokens if t.i in ctx.place_at), None)
        if found:
            return found
    return None


def _agent_of(tok: Any) -> tuple[str, str] | None:
    """Generic agent of a head noun, two-word names first ("rights group", "foreign minister"); a collective
    noun is of the kind of agent that modifies it ("opposition groups", "rebel factions")."""
    left = tok.doc[tok.i - 1] if tok.i > 0 else None
    if left is not None and left.dep_ in ("compound", "amod"):
        found = actors.agent(f"{left.lower_} {tok.lemma_.lower()}") or actors.agent(
            f"{left.lower_} {tok.lower_}"
        )
        if found:
            return found
    if left is not None and left.dep_ == "case" and tok.i > 1:  # "the Sheriff's deputy", "the army's chief"
        found = actors.agent(f"{tok.doc[tok.i - 2].lower_} {tok.lemma_.lower()}")
        if found:
            return found
    if left is not None and left.text == "-" and tok.i > 1:  # "hostage-takers", split by the tokeniser
        found = actors.agent(f"{tok.doc[tok.i - 2].lower_}-{tok.lower_}")
        if found:
            return found
    own = actors.agent(tok.lemma_) or actors.agent(tok.lower_)
    if own is None and left is not None and left.dep_ in ("compound", "amod"):
        if tok.lemma_.lower() in COLLECTIVES:
            return actors.agent(left.lemma_) or actors.agent(left.lower_)
    return own


def _governing_body(tok: Any) -> tuple[str, str] | None:
    """The government of a settlement or division named as the doer of a verb that says or acts on something
    ("the city is urging residents …", "the county sued the drug makers"); None otherwise."""
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in GOVERNED_PLACES and _acting(tok):
        return "GOV", "state"
    return None


def _acting(tok: Any) -> bool:
    """Whether ``tok`` is the doer of a verb that says or acts on something ("said", "urged residents",
    "sued the company")."""
    verb = tok.head
    return tok.dep_ == "nsubj" and (
        verb.lemma_.lower() in SPEECH_VERBS
        or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)
    )


def _demonym_in(tokens: list[Any]) -> str | None:
    """A country named by a one- or two-word demonym among ``tokens`` ("North Korean", "Iraqi")."""
    for a, b in zip(tokens, tokens[1:]):
        code = actors.demonym(f"{a.text} {b.text}")
        if code:
            return code
    return next((code for t in tokens if t.text[:1].isupper() and (code := actors.demonym(t.text))), None)


def _leader(tok: Any) -> str | None:
    """The country a "<country>-led" modifier names."""
    if not tok.lower_.endswith("-led"):
        return None
    name = tok.text[: -len("-led")]
    entry = actors.lookup(name)
    return entry.country if entry and entry.kind == "country" else actors.demonym(name)


def _in_backed(tok: Any) -> bool:
    """'Iran' in 'Iran-backed militias' names the backer, not the militia's country."""
    doc = tok.doc
    nxt = doc[tok.i + 1 : tok.i + 3]
    return tok.lower_.endswith("-backed") or (
        len(nxt) == 2 and nxt[0].text == "-" and nxt[1].lower_ in ("backed", "supported", "sponsored")
    )


def _antecedent(tok: Any, ctx: Context) -> Actor | None:
    """The nearest earlier actor in the sentence, else in the previous sentence; "he" or "she" is a person
    (the nearest one named, or a singular subject), never a group."""
    sent = nlp.sentence_of(tok)
    doc = tok.doc
    lower = max(0, sent.start - 60)
    one = tok.lower_ in SINGULAR_PRONOUNS
    thing = tok.lower_ in ("it", "its")
    # "him" or "her" as an object is never its own clause's subject ("Blinken … urged him": not Blinken)
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    if not one or tok.dep_ not in ("dobj", "dative", "iobj", "pobj"):
        verb = None
    bound: set[int] = set()
    while verb is not None:
        bound |= {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        verb = verb.head if verb.dep_ == "conj" and verb.head is not verb else None
    for i in range(tok.i - 1, lower - 1, -1):
        cand = doc[i]
        if i in bound:
            continue
        if (
            one
            and not _a_person(cand)
            and (
                cand.tag_ in ("NNS", "NNPS")
                or cand.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "LOC")
                or (cand.pos_ == "NOUN" and cand.lemma_.lower() in INSTITUTION_NOUNS)
            )
        ):
            continue  # "he" is no group of people, no body and no place
        if thing and (
            cand.ent_type_ == "PERSON"
            or (ctx.by_token.get(i) and ctx.by_token[i].kind == "official")
            or (cand.tag_ == "NNS" and not cand.ent_type_)
        ):
            continue  # "it" is no person and no plural ("officials … defused it")
        if (
            one
            and i >= sent.start
            and cand.ent_type_ == "PERSON"
            and (i + 1 == len(doc) or doc[i + 1].ent_iob_ != "I")
        ):
            actor = _named_person(cand, ctx)  # "… against the leader Jane Doe, saying she must go"
            if actor and actor.country:
                return actor
        if cand.dep_ in ("nsubj", "nsubjpass") or (i < sent.start and cand.dep_ in ("nsubj", "nsubjpass")):
            actor = code_actor(cand, ctx, depth=2) if cand.lower_ not in PRONOUNS else None
            if one and _a_person(cand) and not (actor and actor.country):
                # "Goble was taken to jail. He is charged …": the person last the subject, coded or not
                actor = _named_person(cand, ctx) or Actor(
                    text=cand.text, name=None, country=None, sector="CVL"
                )
                return actor if actor.sector else replace(actor, sector="CVL")
            if actor and (actor.country or actor.sector):
                return actor
    for i in range(tok.i - 1, lower - 1, -1):
        entry = ctx.by_token.get(i)
        person = entry is not None and (entry.kind == "official" or doc[i].ent_type_ == "PERSON")
        plural = doc[i].tag_ == "NNS" and not doc[i].ent_type_
        if entry and not (thing and (person or plural)) and not (one and not person):
            return Actor(text=doc[i].text, name=entry.name, country=entry.country, sector=entry.sector)
    return None


def _a_person(tok: Any) -> bool:
    """A person's name: so tagged, or the surname of a person named in full before ("Goble" after "William
    Goble")."""
    if tok.ent_type_ == "PERSON":
        return True
    return tok.text[:1].isupper() and any(  # the parser may tag a surname alone as a place, body or plural
        ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == tok.text and ent.end <= tok.i
        for ent in nlp.ents_of(tok.doc)
    )


def _named_person(tok: Any, ctx: Context) -> Actor | None:
    """A person named in the text, coded by the name or, for a surname alone ("Doe was speaking when he …"),
    by the fuller earlier mention that carries a title ("Ambassador Jane Doe")."""
    own = code_actor(tok, ctx, depth=2)
    if own is not None and own.country:
        return own
    fuller = fuller_mention(tok, ctx, depth=2)
    return code_actor(fuller, ctx, depth=2) if fuller is not None else own


def fuller_mention(tok: Any, ctx: Context, depth: int = 0) -> Any | None:
    """The head of the latest earlier full name of a person named by surname alone ("Cavusoglu" after "Turkish
    Foreign Minister Mevlut Cavusoglu") that codes with a country; None when there is none."""
    for ent in nlp.ents_of(tok.doc):
        if ent.end > tok.i:
            break
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == tok.text and ent.root.i != tok.i:
            coded = code_actor(ent.root, ctx, depth=depth)
            if coded is not None and coded.country:
                return ent.root
    return None


def _last_group(tok: Any, ctx: Context) -> actors.Entry | None:
    """The armed group a definite description ("the militants") refers to: most mentioned, then latest. A
    singular noun ("the gunman") names one person, a member of a group only when the group is described so."""
    noun = tok.lower_
    seen: dict[actors.Entry, tuple[int, int]] = {}
    for s, _e, entry in ctx.names:
        if s < tok.i and entry.kind == "organisation" and entry.sector == "REB":
            fits = any(noun == d or noun.rstrip("s") == d.rstrip("s") for d in entry.descriptors)
            if tok.tag_ == "NN" and not fits:
                continue
            count, _last = seen.get(entry, (0, 0))
            seen[entry] = (count + 1 + 2 * fits, s)
    return max(seen, key=lambda e: seen[e]) if seen else None


def conjuncts(tok: Any) -> list[Any]:
    """A head and the nouns coordinated with it; a conjunct the next one follows with no "and" or comma
    between is one name the parser split ("he and Turkish President Recep Tayyip Erdogan"): its last part
    stands for it."""
    heads = [tok, *[c for c in tok.conjuncts if c.pos_ in ("NOUN", "PROPN", "PRON")]]
    ordered = sorted(heads, key=lambda h: h.i)
    split = {h.i for h, nxt in zip(ordered, ordered[1:]) if _abuts(h, nxt)}
    return [h for h in heads if h.i not in split]


def _abuts(left: Any, right: Any) -> bool:
    """Whether ``right``'s phrase starts right where ``left``'s ends."""
    return right.left_edge.i == left.right_edge.i + 1 and left.right_edge.i < right.i


def _subject(verb: Any) -> Any | None:
    """The subject of a verb, inherited through xcomp/conj/advcl/acl chains."""
    cur = verb
    for _ in range(5):
        for child in cur.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.lower_ in ("who", "which", "that") and cur.dep_ == "relcl":
                    return cur.head  # "demonstrators who had surrounded …": the demonstrators
                return child
        if cur.dep_ in ("xcomp", "conj", "advcl") and cur.head is not cur:
            cur = cur.head
            if cur.dep_ == "acomp" and cur.head is not cur:  # "Chad is ready to retaliate …"
                cur = cur.head
            continue
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep":
            # "was convicted of killing", "was found guilty of murdering": a passive's subject does what the
            # gerund after its preposition says
            verb = cur.head.head
            while verb.dep_ in ("oprd", "acomp", "npadvmod") and verb.head is not verb:
                verb = verb.head  # "found guilty (last month) of": the verb of the clause
            return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN"):
            if (
                actors.agent(cur.head.lemma_)
                or cur.head.ent_type_
                or cur.head.dep_ not in ("dobj", "pobj", "attr")
            ):
                return cur.head
            cur = cur.head.head
            continue
        break
    return None


def is_light(verb: Any, extra: frozenset[str] | set[str] = frozenset()) -> bool:
    """A light verb whose object noun carries the event ("staged a strike"); the surface form is checked too,
    since the tagger's lemma can slip ("staged" → "stag")."""
    words = LIGHT_VERBS | extra
    return verb.lemma_.lower() in words or verb.lower_.rstrip("ds") in words or verb.lower_[:-2] in words


ADDRESSED_TYPES = {
    "REQUEST",
    "THREATEN",
    "AID",
    "SUPPORT",
    "ACCUSE",
    "CONSULT",
}  # "an ultimatum to Chad", "a visit to Peru"


def _wielder(tok: Any, ctx: Context) -> Any | None:
    """Whose weapon did it ("killed by a police bullet", "hit by an Israeli missile"): the party the weapon's
    modifier names."""
    if tok.lemma_.lower() not in eventness.WEAPON_WORDS:
        return None
    return next(
        (
            c
            for c in tok.children
            if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < tok.i and code_actor(c, ctx)
        ),
        None,
    )


@lru_cache(maxsize=1)
def attack_nouns() -> frozenset[str]:
    """The lexicon's noun triggers of assaults ("attack", "shelling", "air strike")."""
    return frozenset(
        row[0]
        for row in settings.data_rows("triggers.tsv")
        if row[1:2] == ["NOUN"] and row[2:3] == ["ASSAULT"]
    )


def is_attack_noun(noun: Any) -> bool:
    return noun.pos_ == "NOUN" and (
        noun.lemma_.lower() in attack_nouns()
        or any(f"{c.lower_} {noun.lemma_.lower()}" in attack_nouns() for c in noun.lefts)  # "air strike"
    )


def _attacker_of_blow(verb: Any) -> Any | None:
    """Who made the attack a passive happened in ("five soldiers were killed in an ambush by the Taliban")."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for noun in prep.children:
                if noun.dep_ == "pobj" and is_attack_noun(noun):
                    by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
                    return next((p for p in by.children if p.dep_ == "pobj"), None) if by else None
    return None


def _coded_owner(thing: Any, ctx: Context) -> Any | None:
    """The named possessor of a thing, when it codes as a party ("Ghana's efforts": Ghana)."""
    owner = next((p for p in thing.children if p.dep_ == "poss" and p.lower_ not in PRONOUNS), None)
    return owner if owner is not None and code_actor(owner, ctx) else None


def _holder(tok: Any, ctx: Context) -> Any | None:
    """The party that holds a place named by who holds it ("shelled rebel-held areas": the rebels)."""
    for mod in tok.children:
        if mod.dep_ == "amod" and mod.lower_ in HOLDING_PARTICIPLES:
            party = next((c for c in mod.children if c.dep_ in ("npadvmod", "compound", "nmod")), None)
            if party is not None and code_actor(party, ctx) is not None:
                return party
    return None


def _private_person(tok: Any) -> bool:
    """A person the dictionaries need not know: one named, or a word for a person ("arrested two men", "shot
    a teenager"); coded later as a civilian of the place."""
    return tok.ent_type_ == "PERSON" or (tok.pos_ == "NOUN" and tok.lemma_.lower() in PERSON_NOUNS)


def participle_modifier(tok: Any) -> bool:
    """A past participle modifying a noun ("a man accused of spying"). Taggers read one as a past tense in a
    headline with no other verb ("Mason charged with assault"), but a past tense has a subject of its own."""
    if tok.dep_ != "acl":
        return False
    return tok.tag_ == "VBN" or (
        tok.tag_ == "VBD"
        and tok.head.dep_ == "ROOT"
        and not any(c.dep_ in ("nsubj", "dobj", "mark") for c in tok.children)
    )


def participants(trig: Any, ctx: Context, typing: Any) -> tuple[list[Any], list[Any]]:
    """(actor heads, recipient heads) from the dependency structure."""
    doc = trig.doc
    subj_heads: list[Any] = []
    obj_heads: list[Any] = []
    if trig.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in trig.children)
        # "a man accused of spying": a past participle modifying a noun is a passive, that noun its subject
        passive = passive or (participle_modifier(trig) and not any(c.dep_ == "nsubj" for c in trig.children))
        if passive and trig.dep_ == "acl" and not any(c.dep_ == "nsubjpass" for c in trig.children):
            obj_heads = [trig.head]
        if (
            passive
            and trig.lemma_.lower() == "oppose"
            and any(c.dep_ == "prep" and c.lower_ == "to" for c in trig.children)
        ):
            passive = False  # "Chile is opposed to Peruvian mediation": Chile opposes
        if passive:
            for c in trig.children:
                if c.dep_ == "nsubjpass" and c.lower_ in ("who", "which", "that") and trig.dep_ == "relcl":
                    obj_heads = conjuncts(trig.head)  # "Timmons, who was arrested …": Timmons
                elif c.dep_ == "nsubjpass":
                    obj_heads = conjuncts(c)
                if c.dep_ == "agent":
                    subj_heads = [p for p in c.children if p.dep_ == "pobj"]
                    subj_heads = conjuncts(subj_heads[0]) if subj_heads else []
                    subj_heads = [_wielder(h, ctx) or h for h in subj_heads]
            if not subj_heads and (attacker := _attacker_of_blow(trig)) is not None:
                subj_heads = conjuncts(attacker)
        else:
            subj = _subject(trig) or next((c for c in trig.children if c.dep_ == "nsubjpass"), None)
            if subj is not None:
                subj_heads = conjuncts(subj)
            for c in trig.children:
                if (
                    c.dep_ == "dative" and c.pos_ == "ADP"
                ):  # "sent aid to refugees": the dative is a preposition
                    c = next((p for p in c.children if p.dep_ == "pobj"), c)
                    if c.dep_ != "pobj":
                        continue
                if (
                    c.dep_ in ("dobj", "dative", "pobj")
                    and not obj_heads
                    and (c.dep_ in ("dative", "pobj") or typing.event_type not in THEME_OBJECTS)
                    and not _own_withdrawn(c, typing)
                    and not (typing.acled == "TERRITORY" and is_territory(c, ctx))
                ):
                    if code_actor(c, ctx) or _private_person(c):
                        obj_heads = conjuncts(c)
                    elif (holder := _holder(c, ctx)) is not None:
                        obj_heads = [holder]
                    elif (owner := _coded_owner(c, ctx)) is not None:
                        obj_heads = [owner]  # "praised Ghana's efforts", "welcomed the envoy's statement"
            if not obj_heads:
                # "sent tents to Malawi": the recipient may hang off the theme
                themes = [
                    c
                    for c in trig.children
                    if c.dep_ == "dobj" and (typing.event_type in THEME_OBJECTS or _own_withdrawn(c, typing))
                ]
                for c in [*trig.children, *(p for t in themes for p in t.children)]:
                    if c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS:
                        pobj = [p for p in c.children if p.dep_ == "pobj"]
                        if pobj and (code_actor(pobj[0], ctx) is not None or _private_person(pobj[0])):
                            obj_heads = conjuncts(pobj[0])
                            break
            if not obj_heads and typing.event_type not in THEME_OBJECTS and typing.acled != "TERRITORY":
                obj_heads = _indirect_recipient(trig, ctx, subj_heads)
            if not obj_heads and typing.event_type == "PROTEST":
                obj_heads = _grievance(trig, ctx, subj_heads)
    else:
        # noun trigger: possessor or compound is the actor; a light verb's subject; "with/against/between" pps
        for c in trig.children:
            if (
                (c.dep_ in ("poss", "compound", "nmod") or (c.dep_ == "amod" and actors.demonym(c.text)))
                and c.i < trig.i
                # "the Kraft plant shooting": a site and its name say where, not who
                and not any(t.lemma_.lower() in SITES for t in c.doc[c.i : trig.i])
                and code_actor(c, ctx)
                and not (c.i in ctx.place_at and ctx.place_at[c.i].feature == "PPL")
            ):
                subj_heads = [c]
        if typing.event_type == "MOBILIZE" and not subj_heads:  # "the deployment of French troops"
            subj_heads = [
                p
                for c in trig.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children
                if p.dep_ == "pobj" and code_actor(p, ctx)
            ][:1]
        by = [p for c in trig.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children]
        by = [p for p in by if p.dep_ == "pobj"]
        possessor = [c for c in subj_heads if c.dep_ == "poss"]
        of = any(c.dep_ == "prep" and c.lower_ == "of" for c in trig.children)
        if possessor and (by or (trig.lemma_.lower() in eventness.PATIENT_NOMINALS and not of)):
            # "Karlov's assassination (by a policeman)": the possessor is who it was done to; "Russia's
            # killing of civilians" names the victims after "of", so its possessor did it
            subj_heads, obj_heads = [], possessor
        if by and not subj_heads:
            subj_heads = conjuncts(by[0])
        head = trig.head
        first = trig  # "launched artillery and rocket fire": the light verb's object is the first conjunct
        while first.dep_ == "conj" and first.head.i != first.i and first.head.pos_ == "NOUN":
            first = first.head
        if first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.dep_ in ("dobj", "attr"):
            first = first.head.head  # "launched a wave of attacks", "held a round of talks"
        if not subj_heads and first.dep_ in ("dobj", "attr") and is_light(first.head, CALLED_OFF):
            subj = _subject(first.head)
            if subj is not None:
                subj_heads = conjuncts(subj)
        if (
            not subj_heads
            and trig.dep_ == "pobj"
            and head.lower_ in ("on", "for")
            and head.head.lemma_.lower() in ARRIVAL_VERBS
        ):  # "arrived in Lima on a visit"
            subj = _subject(head.head)
            if subj is not None:
                subj_heads = conjuncts(subj)
        for c in list(trig.children) + (
            [c for c in head.children if c.dep_ == "prep"] if is_light(head) else []
        ):
            if c.dep_ == "prep" and (
                c.lower_ in ("with", "against", "between", "on", "among")
                or (c.lower_ == "to" and typing.event_type in ADDRESSED_TYPES)
            ):
                pobj = [p for p in c.children if p.dep_ == "pobj"]
                if pobj:
                    heads = conjuncts(pobj[0])
                    if c.lower_ == "between" and not subj_heads and len(heads) > 1:
                        subj_heads, obj_heads = heads[:1], heads[1:]
                    elif not obj_heads:
                        obj_heads = heads
        if not obj_heads and typing.event_type == "PROTEST":
            obj_heads = _grievance(trig, ctx, subj_heads)
        if not obj_heads and (imposed := _restricted(trig, ctx)) is not None:
            obj_heads = [imposed]  # "imposed a curfew in Nairobi"
        if not obj_heads and any(_content_clause(c) for c in trig.children):
            obj_heads = _indirect_recipient(trig, ctx, subj_heads)  # "its demand that the army withdraw"
        if (
            not obj_heads and trig.dep_ == "nsubj" and head.pos_ == "VERB"
        ):  # "Turkish drone strikes killed four commanders"
            victim = next((c for c in head.children if c.dep_ == "dobj"), None)
            if victim is not None and code_actor(victim, ctx):
                obj_heads = conjuncts(victim)
        receiver = _receiving_verb(trig)
        taker = _subject(receiver) if receiver is not None else None
        if taker is not None and not obj_heads:
            # "Israel came under fire from Hezbollah", "faced a crackdown": the subject undergoes it; "Iran's
            # programme drew criticism from Washington": its owner does; "the move drew condemnation from
            # Kiev": who gave it is the actor still
            if not code_actor(taker, ctx):
                taker = _coded_owner(taker, ctx)
            giver = _giver(trig, receiver)
            if taker is not None:
                obj_heads = conjuncts(taker)
            subj_heads = [h for h in subj_heads if taker is None or h.i != taker.i] or (
                conjuncts(giver) if giver is not None else []
            )
    del doc
    return subj_heads, obj_heads


def _own_withdrawn(obj: Any, typing: Any) -> bool:
    """What a side pulls back that is its own ("withdrew its troops from Chad", "recalled its ambassador
    from Peru"): what moves, not whom the retreat or sanction is towards."""
    return typing.event_type in ("RETREAT", "SANCTION") and any(
        p.dep_ == "poss" and p.lower_ in PRONOUNS for p in obj.children
    )


def _receiving_verb(trig: Any) -> Any | None:
    """The verb whose subject undergoes a noun event: "received aid", "received $5 million in aid", "came
    under fire"."""
    head = trig.head
    if trig.dep_ == "dobj" and head.lemma_.lower() in RECEIVING_VERBS:
        return head
    if (
        trig.dep_ == "pobj"
        and head.lower_ == "under"
        and head.head.lemma_.lower() in ("come", "be", "remain")
    ):
        return head.head
    if (
        trig.dep_ == "pobj"
        and head.lower_ == "in"
        and head.head.dep_ == "dobj"
        and head.head.head.lemma_.lower() in RECEIVING_VERBS
    ):
        return head.head.head
    return None


def _giver(trig: Any, verb: Any) -> Any | None:
    """Who a received event comes from: the object of "from" on the noun, its amount or the verb."""
    for node in [trig, trig.head, trig.head.head, verb]:
        for c in node.children:
            if c.dep_ == "prep" and c.lower_ == "from":
                found = next((p for p in c.children if p.dep_ == "pobj"), None)
                if found is not None:
                    return found
    return None


def argument_tokens(head: Any) -> set[int]:
    """An argument's tokens, less the locative phrases it or its conjuncts carry ("police in Hong Kong",
    "six officers and a civilian in Giza" keep the place)."""
    out = {t.i for t in head.subtree}
    for noun in (head, *head.conjuncts):
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS:
                out -= {t.i for t in c.subtree}
    return out


def _indirect_recipient(trig: Any, ctx: Context, subj_heads: list[Any]) -> list[Any]:
    """Recipients the syntax gives less directly: the subject of a content clause ("demanded that Hamas
    renounce …", "its demand that the government resign") or of the condition a threat sets ("… unless
    Baghdad accepts"), the owner or source of the object ("rejected an Australian ultimatum", "a fresh offer
    from Afghanistan", "calls by Kofi Annan"), or a party inside a complement ("threatened to cut off
    electricity to Nakhichevan", "further action against Russia"). A clause reporting the sentence ("…,
    diplomats said") is skipped."""
    own = {t.i for h in subj_heads for t in h.subtree}
    frontier = [trig]
    for _depth in range(3):
        found, nxt = [], []
        for node in frontier:
            for c in node.children:
                if c.i in own or _reporting(c):
                    continue
                # "... unless Baghdad accepts", "called for Iran to free him": a clause with its own subject
                conditional = c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and (m.lower_ in eventness.CONDITION_MARKS or m.lower_ == "for")
                    for m in c.children
                )
                if c.dep_ in ("ccomp", "xcomp") or conditional or _content_clause(c):
                    subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
                    if subj is not None and subj.lower_ not in PRONOUNS and code_actor(subj, ctx):
                        found.append(subj)
                    elif subj is not None and subj.lower_ not in PRONOUNS:
                        nxt.append(subj)  # "demanded that control of the ministry be handed over"
                    nxt.append(c)
                elif c.dep_ in ("dobj", "pobj", "attr"):
                    imposed = _restricted(c, ctx)
                    if imposed is not None:
                        found.append(imposed)
                    for m in c.children:
                        if (
                            m.dep_ in ("poss", "compound", "amod")
                            and m.lower_ not in PRONOUNS
                            and not _city_name(m, ctx)
                            and (
                                m.i in ctx.by_token
                                or actors.demonym(m.text)
                                or (c.lemma_.lower() in eventness.PROPOSAL_NOUNS and _agent_of(m))
                            )
                        ):
                            found.append(m)  # "rejected rebel demands": the rebels
                    nxt.append(c)
                elif c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS | {"from", "by", "of", "into"}:
                    pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if pobj is not None and pobj.lower_ not in PRONOUNS and code_actor(pobj, ctx):
                        found.append(pobj)
                    elif pobj is not None:
                        nxt.append(pobj)
        if found:
            return conjuncts(found[0])
        frontier = nxt
    return []


GRIEVANCE_DEPS = {"advcl", "xcomp", "acl", "prep", "pobj", "dobj"}


def _grievance(trig: Any, ctx: Context, subj_heads: list[Any]) -> list[Any]:
    """Whom a protest is against when no "against" phrase says so: the party its purpose or its cause names
    ("a strike to protest the president's decree", "marched in protest of the army's refusal", "rallied in
    defiance of the authorities"), searched from the trigger and from the verb that carries a noun trigger
    ("started a strike …", "converged for a rally …")."""
    own = {t.i for h in subj_heads for t in h.subtree}
    starts = [trig]
    if trig.pos_ == "NOUN" and trig.dep_ == "dobj":
        starts.append(trig.head)
    elif trig.pos_ == "NOUN" and trig.dep_ == "pobj" and trig.head.head.pos_ == "VERB":
        starts.append(trig.head.head)
    seen = {t.i for t in starts} | own
    frontier = starts
    for _depth in range(4):
        nxt = []
        for node in frontier:
            for c in node.children:
                if c.i in seen or c.dep_ not in GRIEVANCE_DEPS or _reporting(c):
                    continue
                seen.add(c.i)
                if c.i in ctx.place_at:
                    continue  # "a rally in the capital": where, not against whom
                if c.dep_ in ("dobj", "pobj") and c.lower_ not in PRONOUNS:
                    if (coded := code_actor(c, ctx)) is not None and (coded.country or coded.sector):
                        return conjuncts(c)
                    owner = next(
                        (m for m in c.children if m.dep_ == "poss" and m.lower_ not in PRONOUNS), None
                    )
                    if owner is not None and code_actor(owner, ctx) is not None:
                        return [owner]
                nxt.append(c)
        frontier = nxt
    return []


def _city_name(mod: Any, ctx: Context) -> bool:
    """A city naming a thing ("the Lusaka peace plan", "the Oslo accords"), not the state it is capital of (a
    possessive is: "Washington's demands")."""
    if mod.dep_ not in ("compound", "amod"):
        return False
    place = ctx.place_at.get(mod.i)
    return (place is not None and (place.feature or "").startswith("PPL")) or actors.is_capital(mod.text)


def _restricted(noun: Any, ctx: Context) -> Any | None:
    """The state or capital a restriction is imposed in ("a curfew in Algiers", "a state of siege in Haiti"):
    its people are the ones it is imposed on."""
    heads = [noun, *(p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children)]
    if not any(h.lemma_.lower() in eventness.RESTRICTION_NOUNS for h in heads):
        return None
    preps = [*noun.children, *(noun.head.children if noun.dep_ == "dobj" else [])]  # "imposed … in X"
    for c in preps:
        if c.dep_ == "prep" and c.lower_ in ("in", "on", "across", "throughout"):
            place = next((p for p in c.children if p.dep_ == "pobj"), None)
            entry = ctx.by_token.get(place.i) if place is not None else None
            if entry is not None and entry.kind == "country":
                return place
    return None


def _content_clause(clause: Any) -> bool:
    """A clause with its own subject that a noun carries ("its demand that the government resign")."""
    return clause.dep_ in ("acl", "ccomp") and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def _reporting(clause: Any) -> bool:
    """A clause reporting the sentence it hangs from ("…, diplomats quoted the statement as saying"): its
    subject is the source, no party to the event."""
    return (
        clause.dep_ in ("ccomp", "parataxis")
        and clause.i > clause.head.i
        and clause.lemma_.lower() in eventness.REPORTING_VERBS
        and any(c.dep_ == "nsubj" for c in clause.children)
    )


def is_territory(tok: Any, ctx: Context) -> bool:
    """A place name, or a territory noun ("the town", "much of the territory", "control of X")."""
    nouns = [tok] + [
        p
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return any(n.i in ctx.place_at or n.lemma_.lower() in TERRITORY_NOUNS for n in nouns)
