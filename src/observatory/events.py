"""Events: triggers found in the parse, typed by a swappable typer, with roles, status and attribution."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import combinations
from typing import Any, Protocol

import catalogue

from . import acled, actors, casualties, nlp, settings
from .circumstances import (
    attribution_of,
    date_of,
    date_record,
    location_of,
    status_of,
    time_anchor,
)
from .lang.en import agents as agent_words
from .lang.en import eventness, modality
from .lang.en.declarations import BELIEF_VERBS, DEMAND_FRAMES, INTENT_VERBS, REFUSALS
from .lang.en.eventness import (
    CLAIM_NOUNS,
    EXERCISES,
    HAZARDS,
    LANDMARK_PREPS,
    MUTUAL_OBJECTS,
    PURPOSE_PHRASES,
    SPAN_PREPS,
    VEHICLES,
    WEAPON_WORDS,
)
from .lang.en.modality import (
    ATTEMPT_VERBS,
    CALLING_VERBS,
    DIRECTIVE_VERBS,
    HABITUAL_ADVERBS,
    NEGATORS,
    PERMISSION_VERBS,
    SCHEDULE_WORDS,
    SPEECH_VERBS,
)
from .lang.en.roles import CHARGE_PREPOSITIONS, PROPERTY_NOUNS
from .model import PRECISION_RANK, Actor, Event, Place, TimeExpr
from .roles import (
    CALLED_OFF,
    QUANTITIES,
    SINGULAR_PRONOUNS,
    SITES,
    STATE_SECTORS,
    Context,
    argument_tokens,
    code_actor,
    code_all,
    conjuncts,
    fuller_mention,
    is_light,
    is_territory,
    participants,
    participle_modifier,
)
from .roles import _subject as subject_of
from .text import name_key

# Typers by name. The built-ins (typers/) register as entry points in pyproject.toml, the same hook a plugin
# package uses, so this module never imports them.
event_typers = catalogue.create("observatory", "event_typers", entry_points=True)


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
    for row in settings.data_rows("triggers.tsv"):
        trig, pos, etype, cameo, mode, sub_event = (row + [""] * 6)[:6]
        out[(trig, pos)] = Typing(etype, cameo or None, mode or None, sub_event or None)
    return out


def get_typer(name: str | None = None) -> EventTyper:
    """The typer registered under ``name`` (default settings.EVENT_TYPER, read when called)."""
    return _typer(name or settings.EVENT_TYPER)


@lru_cache(maxsize=4)
def _typer(name: str) -> EventTyper:
    return event_typers.get(name)()


RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}
LEDE_SENTENCES = 3  # a headline, a dateline and the first sentence
STORY_DAYS = 3  # how long before publication a lede's day may lie
PATIENT_TYPES = {"COERCE", "ACCUSE", "SANCTION", "ASSAULT"}  # acts done to someone, never by the doer alone


def _typed(tok: Any, typer: EventTyper) -> Typing | None:
    """The typing of a token under its most specific key, or None."""
    return next((t for k in _key(tok) if (t := typer(tok, k))), None)


def _happening_subject(verb: Any, typer: EventTyper) -> bool:
    """A verb of striking whose subject is itself a happening ("a wave of rioting hit Athens", "protests
    rocked the capital"): the happening spread, no one struck; the subject noun is the event."""
    for c in verb.children:
        if c.dep_ != "nsubj":
            continue
        if c.lemma_.lower() in eventness.SERIES_NOUNS:
            c = next((p for g in c.children if g.lower_ == "of" for p in g.children if p.dep_ == "pobj"), c)
        if c.pos_ == "NOUN" and _typed(c, typer) is not None:
            return True
    return False


def _measured(noun: Any) -> Any:
    """What a measure noun counts ("dozens of rifles" → rifles), else the noun itself."""
    if noun.lemma_.lower() in QUANTITIES:
        return next(
            (
                p
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children
                if p.dep_ == "pobj"
            ),
            noun,
        )
    return noun


def _key(tok: Any) -> list[str]:
    """Lookup keys for a trigger, most specific first: 'pull out', 'air strike', 'ship weapons', lemma;
    worked out once per token of a doc, as the typers and the sentence model ask for them again."""
    known = nlp.doc_cached(tok.doc, "keys", dict)
    keys = known.get(tok.i)
    if keys is None:
        keys = known[tok.i] = _keys_of(tok)
    return keys


def _keys_of(tok: Any) -> list[str]:
    keys = []
    lemma = tok.lemma_.lower()
    children = list(tok.children)
    particle = next((c.lower_ for c in children if c.dep_ == "prt"), None)
    theme = next((c.lemma_.lower() for c in children if c.dep_ in ("dobj", "obj")), None)
    patient = next((c for c in children if c.dep_ == "nsubjpass"), None)
    if patient is not None:  # "weapons were seized": the passive subject is the verb's object
        keys.append(f"{lemma} {_measured(patient).lemma_.lower()}")
    if particle and theme:
        keys.append(f"{lemma} {particle} {theme}")  # "set up base", "shoot down drone"
    for child in children:
        if child.dep_ == "prt":
            keys.append(f"{lemma} {child.lower_}")
        if (
            child.dep_ == "prep"
            and child.lower_ in ("for", "on", "upon", "with", "by", "into", "at")
            and child.i > tok.i
        ):
            keys.append(f"{lemma} {child.lower_}")  # "called on X", not "On Friday … called"
        if child.dep_ == "prep" and child.i == tok.i + 1 and any(g.dep_ == "prep" for g in child.children):
            keys.append(f"{lemma} {child.lower_}")  # "pulled out of", the particle parsed as a preposition
        if child.dep_ in ("advcl", "xcomp", "ccomp") and any(
            g.dep_ == "mark" and g.lower_ == "for" and g.i == tok.i + 1 for g in child.children
        ):
            keys.append(f"{lemma} for")  # "called for Iran to free him": "for" parsed as the mark of a clause
        if child.dep_ == "advmod" and child.i == tok.i + 1:  # "set alight", parsed as an adverb
            keys.append(f"{lemma} {child.lower_}")
        if child.dep_ == "prep" and child.i > tok.i:  # "set (the car) on fire": a phrase after the verb
            keys.extend(f"{lemma} {child.lower_} {g.lower_}" for g in child.children if g.dep_ == "pobj")
        if child.dep_ in ("oprd", "ccomp") and child.pos_ == "NOUN" and child.i > tok.i:
            keys.append(f"{lemma} {child.lemma_.lower()}")  # "held three engineers hostage"
        if child.dep_ in ("acomp", "oprd") and child.pos_ == "ADJ":  # "pleaded (not) guilty"
            neg = any(g.dep_ == "neg" for g in child.children)
            keys.append(f"{lemma} {'not ' if neg else ''}{child.lower_}")
        if _medium(child) is not None:  # "spoke by telephone", parsed as a passive's agent
            keys.append(f"{lemma} by")
        if child.dep_ in ("dobj", "obj"):
            if _measured(child) is not child:  # "seized dozens of rifles"
                keys.append(f"{lemma} {_measured(child).lemma_.lower()}")
            keys.append(f"{lemma} {child.lemma_.lower()}")
            if child.lower_ != child.lemma_.lower():
                keys.append(
                    f"{lemma} {child.lower_}"
                )  # "hold talks", "cut ties": lexicon rows written as said
    # "joint naval exercises": each modifier before the noun, the nearest first
    for child in sorted((c for c in children if c.i < tok.i), key=lambda c: -c.i):
        if child.dep_ in ("compound", "amod"):
            keys.append(f"{child.lower_} {lemma}")
    if tok.i + 1 < len(tok.doc) and tok.nbor(1).dep_ == "dobj" and tok.nbor(1).lower_ == "control":
        keys.append(f"{lemma} control")
    keys.append(lemma)
    if tok.lower_ != lemma:
        keys.append(tok.lower_)
    return keys


NAMED_THINGS = {
    "EVENT",
    "ORG",
    "WORK_OF_ART",
    "LAW",
    "FAC",
    "PRODUCT",
}  # "the APEC Leaders' Meeting" names, not reports


CONDITIONAL = {"planned", "negated", "hypothetical"}
VERBAL_TYPES = {"REQUEST", "THREATEN", "ACCUSE", "REJECT", "AGREE"}
PRIVATE_TYPES = VERBAL_TYPES | {"CONSULT", "SUPPORT", "COOPERATE"}  # what private parties also do
GATHERINGS = {"PROTEST", "CONSULT"}  # what is called or announced ahead: strikes, rallies, talks
ALONE_PRIVATE = {"CONSULT", "SUPPORT", "COOPERATE"}  # and do among themselves when no other party is named
ARMED_THREAT = "138"  # CAMEO: threaten with force


def _territorial(trig: Any, ctx: Context, typing: Typing) -> bool:
    """Capture verbs are events only when what is taken is a place or territory; control of nothing named is
    territory when an armed party takes it ("the army took control"; a driver takes control of a car)."""
    for c in trig.children:
        if c.dep_ in ("dobj", "nsubjpass") and is_territory(c, ctx):
            if c.lemma_.lower() == "control" and not any(
                g.dep_ == "prep" and g.lower_ == "of" for g in c.children
            ):
                return _armed_doer(trig, ctx, typing)
            return True
    return False


def _site_visited(trig: Any) -> bool:
    """A visit to a site ("visited the church", "toured a hospital") is no meeting with anyone: CONSULT's
    visits are to states, towns and bodies."""
    return any(c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() in SITES for c in trig.children)


def _hired(trig: Any) -> bool:
    """Signing a person ("signed RB Joique Bell", "signed two players") hires them: what is signed as an
    agreement is a text."""
    signed = [c for c in trig.children if c.dep_ in ("dobj", "nsubjpass")]
    if trig.dep_ == "amod":
        signed.append(trig.head)  # "the newly signed striker"
    return any(c.ent_type_ == "PERSON" or c.lemma_.lower() in agent_words.PERSON_NOUNS for c in signed)


ARREST = Typing("COERCE", "173", "arrest", "Arrests")
CONFISCATION = Typing("COERCE", "1711", "seize")
ABDUCTION = Typing("ASSAULT", "181", "abduct", "Abduction/forced disappearance")


def _people(tok: Any) -> bool:
    return tok is not None and (
        tok.ent_type_ == "PERSON"
        or tok.lower_ in SINGULAR_PRONOUNS
        or tok.lemma_.lower() in agent_words.PERSON_NOUNS
        or (tok.tag_ == "NNS" and actors.agent(tok.lemma_.lower()) is not None)
    )


def _plural_antecedent(tok: Any) -> Any | None:
    """The plural noun "they" or "them" stands for: the nearest one before it in its sentence or the one
    before ("four boys … after they were taken")."""
    if tok.lower_ not in ("they", "them"):
        return None
    first = nlp.sentence_of(tok).start
    first = nlp.sentence_of(tok.doc[first - 1]).start if first > 0 else first
    return next((t for t in reversed(tok.doc[first : tok.i]) if t.tag_ in ("NNS", "NNPS")), None)


def _people_taken(trig: Any, ctx: Context) -> Typing | None:
    """A capture verb whose object is people ("seized 20 protesters", "three soldiers were captured"): an
    arrest when the state takes them, else an abduction; property it takes is confiscated ("the family's home
    will be seized"); None when what is taken is none of these nor territory ("seized power")."""
    taken = [c for c in trig.children if c.dep_ in ("dobj", "nsubjpass")]
    if participle_modifier(trig):
        taken.append(trig.head)  # "99 members seized on Tuesday"
    if any(c.lemma_.lower() in PROPERTY_NOUNS for c in taken):
        return CONFISCATION
    if not any(_people(c) or _people(_plural_antecedent(c)) for c in taken):
        return None
    taker = subject_of(trig) or next(
        (p for c in trig.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None
    )
    if taker is None and any(c.lemma_.lower() in agent_words.WANTED_NOUNS for c in taken):
        return ARREST  # "the fugitive was captured on Monday"
    party = code_actor(taker, ctx) if taker is not None else None
    return ARREST if party is not None and party.sector in STATE_SECTORS else ABDUCTION


def _is_state(actor: Actor | None) -> bool | None:
    if actor is None or actor.sector is None:
        return None
    # "government troops" with no country named are still the state's; a transnational group's code is no
    # state
    return (
        actor.sector in ("GOV", "MIL", "COP") and len(actor.country or "XXX") == 3 and actor.country != "ISIL"
    )


def extract(ctx: Context, typer: EventTyper | None = None) -> list[Event]:
    """All events in an article's parse."""
    typer = typer or get_typer()
    doc = ctx.doc
    anchors: dict[int, TimeExpr] = {}
    for t in ctx.times:
        if t.type in ("DATE", "TIME") and t.value and t.value[:1].isdigit():
            head = time_anchor(t, doc)
            if head is not None and head.i not in anchors:
                anchors[head.i] = t
    events: list[Event] = []
    triggers: list[Any] = []
    frames: set[int] = set()  # verbs that frame an event without being one ("refused to meet")
    for tok in doc:
        if tok.pos_ not in ("VERB", "NOUN") or tok.i in ctx.by_token or tok.ent_type_ in NAMED_THINGS:
            continue
        if tok.pos_ == "NOUN" and tok.is_title and not tok.is_sent_start and _inside_name(tok):
            continue  # a capitalised noun inside a name ("the Leaders' Meeting") names, it does not report
        typing = _typed(tok, typer) or _directive(tok, ctx) or _demanded(tok, ctx)
        if typing is None:
            continue
        # "refused to meet" is a rejection (CAMEO 125) and carries the meeting's parties; "failed to attack"
        # only frames its complement, which is coded as negated
        complement = next((t for c in tok.children if c.dep_ == "xcomp" if (t := _typed(c, typer))), None)
        if tok.lemma_.lower() in NEGATORS and complement is not None:
            if tok.lemma_.lower() in REFUSALS and complement.event_type in REFUSED:
                typing = Typing("REJECT", REFUSED[complement.event_type], score=typing.score)
            else:
                frames.add(tok.i)
                continue
        if tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH_VERBS and _directive(tok, ctx) is None:
            continue
        if _wished(tok):
            continue
        if typing.event_type == "CONSULT" and tok.pos_ == "VERB" and _site_visited(tok):
            continue
        if typing.event_type == "AGREE" and _hired(tok):
            continue
        if typing.acled == "TERRITORY" and not _territorial(tok, ctx, typing):
            typing = _people_taken(tok, ctx)
            if typing is None:
                continue
        # "the senator attacked the president's plan": criticism
        if (
            typing.event_type == "ASSAULT"
            and tok.lemma_.lower() in eventness.WORD_ATTACKS
            and _in_words(tok, ctx)
        ):
            typing = Typing("ACCUSE", "111", score=typing.score)
        if tok.lemma_.lower() == "fight" and any(c.lower_ == "alongside" for c in tok.children):
            continue
        if tok.pos_ == "VERB" and typing.mode == "strike" and not _labour_subject(tok, ctx, typing):
            if not _armed_blow(tok, ctx, typing):
                continue
            typing = trigger_lexicon()[("hit", "VERB")]
        if (
            tok.pos_ == "VERB"
            and tok.lemma_.lower() in eventness.ARMED_BLOWS
            and not _armed_blow(tok, ctx, typing)
        ):
            continue  # "the senator beat his rival" at the polls
        if typing.event_type == "ASSAULT" and _mishap(tok):
            continue
        if typing.event_type == "ASSAULT" and tok.pos_ == "VERB" and _happening_subject(tok, typer):
            continue
        if _not_an_action(tok, typing) or _characterised(tok) or _standing(tok) or _habitual(tok):
            continue
        if _tally(tok, ctx):
            continue
        learned_only = not _in_lexicon(tok)
        vowed_response = _vowed_response(tok)
        if vowed_response:  # "promised a proportional response to the hacking"
            typing = Typing("THREATEN", "130", score=typing.score)
        if tok.pos_ == "VERB" and any(
            c.pos_ == "NOUN" and (v := _happening_verb(c)) is not None and v.i == tok.i and _typed(c, typer)
            for c in (*tok.children, tok.head)
        ):
            continue  # "an air strike hit a bus", "a stabbing that killed two": the noun carries the event
        if _called(tok) is not None and _typed(_called(tok), typer):
            continue  # "called a strike": no request, the strike is the event
        demand = (
            _demand(tok)
            if typing.event_type not in ("REQUEST", "ACCUSE", "THREATEN", "REJECT") or typing is DEMANDED_ACT
            else None
        )
        if demand is not None:  # "the envoy said both parties must sign the accord"
            speaker, addressee = demand
            typing = Typing("REQUEST", DEMANDED.get(typing.event_type, "100"), score=typing.score)
            subj_heads, obj_heads = conjuncts(speaker), conjuncts(addressee)
        else:
            subj_heads, obj_heads = participants(tok, ctx, typing)
            # "the Taliban claimed the attack": the claimant did it, by its own word
            claimed_by = claimant(tok) if not subj_heads else None
            if claimed_by is not None:
                subj_heads = conjuncts(claimed_by)
            if tok.pos_ == "VERB" and any(_medium(c) is not None for c in tok.children):
                subj_heads = next((conjuncts(c) for c in tok.children if c.dep_ == "nsubj"), [])
            if not subj_heads and (
                (typing.event_type in RECIPROCAL and (host := _hosting_verb(tok)) is not None)
                or (typing.event_type == "PROTEST" and (host := _gathered_at(tok)) is not None)
                or (host := _entered_into(tok)) is not None
            ):
                subj_heads = conjuncts(host)  # "talked trade during a telephone call with Merkel"
            if not obj_heads and typing.acled == "TERRITORY" and (loser := _lost_by(tok)) is not None:
                obj_heads = conjuncts(loser)  # "recaptured the village from government forces"
            if not obj_heads and (struck := _struck_by_happening(tok)) is not None:
                obj_heads = conjuncts(struck)  # "the bombing, which killed 12 soldiers": the soldiers
            if not obj_heads and (shared := _shared_object(tok)) is not None:
                obj_heads = conjuncts(shared)  # "officers shot and killed the teen": both verbs take the teen
            if typing.event_type == "RETREAT" and _agentless_passive(tok):
                # "peacekeepers were pulled out of X", "guerrillas have been demobilized": they withdrew
                left = _left_place(tok)
                subj_heads, obj_heads = obj_heads, conjuncts(left) if left is not None else []
            elif _patient_subject(tok, typing):  # "Ten soldiers killed in ambush": the dead are the target
                subj_heads, obj_heads = [], subj_heads + obj_heads
            elif tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head in subj_heads and _casualty_verb(tok):
                subj_heads = [h for h in subj_heads if h.i != tok.head.i]
                obj_heads = [tok.head, *(h for h in obj_heads if h.i != tok.head.i)]
        if (
            tok.pos_ != "VERB"
            and not subj_heads
            and not obj_heads
            and not _noun_event_anchor(tok, ctx)
            and tok.i not in anchors
        ):
            continue
        exclude = {i for h in subj_heads + obj_heads if h.i != tok.i for i in argument_tokens(h)}
        clause = tok.head if tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass") else tok
        local = typing.acled != "TERRITORY" and typing.event_type not in VERBAL_TYPES
        location, loc_conf = location_of(clause, ctx, exclude, local)
        subj_heads = [_antecedent(h, ctx) for h in subj_heads]
        obj_heads = [_antecedent(h, ctx) for h in obj_heads]
        actor_list = code_all(subj_heads, ctx, location) or [None]
        recipient_list = code_all(obj_heads, ctx, location) or [None]
        if actor_list == [None] and subj_heads:
            actor_list = [_person(subj_heads[0], location, ctx)]
        if recipient_list == [None] and obj_heads:
            recipient_list = [_person(obj_heads[0], location, ctx)]
        for party in actor_list + recipient_list:
            _localise(party, location, ctx)
        if typing.event_type == "PROTEST" and all(a is not None and a.sector == "GOV" for a in actor_list):
            # a government protests by word ("Pakistan summoned the envoy to protest"): it disapproves
            typing = Typing("ACCUSE", "111", score=typing.score)
        if typing.event_type == "PROTEST" and recipient_list == [None]:
            recipient_list = [_authorities(actor_list[0], location)]
        if (
            typing.event_type == "MOBILIZE"
            and tok.lemma_.lower() in EXERCISES
            and len({a.country for a in actor_list if a is not None and a.country}) > 1
        ):  # "French and Egyptian warships began war games": forces of two states exercising together
            typing = Typing("COOPERATE", "062", "military", score=typing.score)
        if recipient_list == [None] and any(
            t is not None and (t.event_type == "MOBILIZE" or t.mode == "peacekeeping")
            for t in (typing, complement)
        ):  # forces sent abroad, or refused to be sent ("refused to deploy troops in X")
            recipient_list = [_host(actor_list[0], location)]
        if actor_list == [None] and typing.event_type == "COERCE" and _agentless_arrest(tok, typing):
            # the doer of an agentless arrest, or of a verdict
            court = tok.lemma_.lower() in agent_words.VERDICT_VERBS
            actor_list = [_local("court" if court else "police", "JUD" if court else "COP", location, ctx)]
        if actor_list == [None] and typing.event_type == "ACCUSE" and _agentless_charge(tok):
            actor_list = [_local("prosecutors", "JUD", location, ctx)]  # "a man was charged with murder"
        if (
            typing.event_type == "CONSULT"
            and recipient_list == [None]
            and location is not None
            and location.country
            and tok.lemma_.lower() in ("visit", "arrive", "travel", "host")
            and actor_list[0] is not None
            and actor_list[0].country not in (None, location.country)
        ):
            recipient_list = [
                Actor(text=location.text, name=location.name, country=location.country, sector="GOV")
            ]
        mutual = typing.event_type in RECIPROCAL or any(
            c.dep_ == "dobj" and c.lemma_.lower() in MUTUAL_OBJECTS for c in tok.children
        )
        dyads = [(a, r) for a in actor_list for r in recipient_list]
        if mutual and len(actor_list) > 1 and recipient_list == [None]:
            dyads = list(combinations(actor_list, 2))  # "the US, Russia and Switzerland met": one per pair
        elif (
            mutual and actor_list == [None] and len(recipient_list) > 1
        ):  # "talks between Kenyans and Somalis"
            dyads = list(combinations(recipient_list, 2))
        if (
            actor_list == [None]
            and recipient_list == [None]
            and tok.pos_ == "VERB"
            and not _site_struck(tok, typing)
        ):
            continue
        if learned_only and not any(_political(a) for a in actor_list):
            continue  # a verb only the sentence model calls an event needs a political actor doing it
        if recipient_list == [None] and _contested_cause(tok, typing, ctx):
            continue  # "fought the project in court"
        if actor_list == [None] and typing.event_type == "AID" and tok.pos_ == "NOUN":
            continue  # "fighters receiving assistance from abroad": aid is coded by who gives it
        if recipient_list == [None] and tok.lemma_.lower() in eventness.WARNINGS:
            continue  # "economists warned that growth could slow": a comment on what may come
        dyads = _distinct_dyads(dyads)
        sent = nlp.sentence_of(tok)
        status = status_of(tok)
        if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and is_light(tok.head):
            status = status_of(tok.head)  # "will not attend the summit": the light verb carries the modality
        if (
            status == "negated" and _declared(tok) and typing.event_type in REFUSED
        ):  # "said it would not receive the envoy"
            typing, status = Typing("REJECT", REFUSED[typing.event_type], score=typing.score), "occurred"
        elif status in ("planned", "hypothetical", "occurred") and _declared(tok):
            typing = _as_intention(typing, tok)
            vowed = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in INTENT_VERBS  # "vowed to fight"
            status = "planned" if status == "occurred" or vowed else status
        if status == "hypothetical" and typing.event_type == "ASSAULT" and _attempted(tok):
            status = "occurred"  # "tried to blow up the market"
        if (
            status == "occurred"
            and typing.event_type in GATHERINGS
            and tok.pos_ == "NOUN"
            and _called(tok.head)
        ):
            status = "planned"  # "announced new rallies": set for later
        if vowed_response and status == "occurred":
            status = "planned"
        attribution = attribution_of(tok, ctx)
        if demand is None and (claimed_by := claimant(tok)) is not None and actor_list[0] is not None:
            attribution = {
                "text": doc[min(t.i for t in claimed_by.subtree) : claimed_by.head.i + 1].text,
                "source": actor_list[0].name or actor_list[0].text,
            }
        date = date_of(clause, ctx, anchors, tok)
        if status in ("occurred", "ongoing") and _after_publication(date, ctx.published):
            status = "planned"  # "subject to negotiations over the next year": what is dated later is to come
        cues = acled.words(acled.clause_of(tok)) if typing.event_type in acled.REFINED_TYPES else set()
        for actor, recipient in dyads:
            sub_event = typing.acled
            # "protesters stormed the parliament": a crowd takes no land
            if sub_event == "TERRITORY" and actor is not None and actor.sector in acled.CROWD_SECTORS:
                sub_event = "Violent demonstration"
            elif sub_event == "TERRITORY":
                state = _is_state(actor)
                sub_event = {
                    True: "Government regains territory",
                    False: "Non-state actor overtakes territory",
                }.get(state)
            sub_event = acled.refined(sub_event, typing.event_type, cues, actor, recipient)
            confidence = typing.score * (
                0.6 + 0.2 * (actor is not None) + 0.1 * (recipient is not None) + 0.1 * loc_conf
            )
            triggers.append(tok)
            events.append(
                Event(
                    article_id=ctx.article_id,
                    event_type=typing.event_type,
                    trigger=tok.text,
                    lemma=tok.lemma_.lower(),
                    sentence=sent.text.rstrip(),
                    sent_start=sent.start_char,
                    sent_end=sent.start_char + len(sent.text.rstrip()),
                    trigger_start=tok.idx,
                    mode=typing.mode,
                    cameo=typing.cameo,
                    acled_sub_event_type=sub_event,
                    status=status,
                    actor=actor,
                    recipient=recipient,
                    location=location,
                    date=dict(date),
                    attribution=attribution,
                    confidence=confidence,
                    pipeline=settings.PIPELINE_NAME,
                    target=_target_named(tok) if recipient is None else None,
                )
            )
    trigger_ids = {t.i for t in triggers} | frames
    verbal = {t.i for t, e in zip(triggers, events) if e.event_type in VERBAL_TYPES}
    # the content of a demand, threat, accusation, refusal or promise is part of that event, not another one;
    # an event inside another event's clause with no one doing it is background ("a town that is planning a
    # parade"),
    # one that is only planned, negated or supposed is its condition or comment ("…, adding he would help"),
    # and one named to date or explain it is a landmark ("since the coup", "because of the riots");
    # and the purpose of an event is not another event ("met to negotiate", "marched to urge"), nor is a
    # permission given as the purpose of any act, or what it permits ("closed a road to allow crews to start")
    carriers = {t.head.i: t.i for t in triggers if t.pos_ == "NOUN" and t.dep_ == "dobj" and is_light(t.head)}

    def governed(t: Any) -> bool:
        """Under another event: its trigger, the light verb carrying it ("imposed sanctions"), or a frame
        (except a frame over its own complement)."""
        return any(
            (a.i in trigger_ids or carriers.get(a.i, t.i) != t.i) and not (a.i in frames and a.i == t.head.i)
            for a in t.ancestors
        )

    def background(t: Any, e: Event) -> bool:
        """Mentioned, not reported: no actor, only planned/negated/supposed, a landmark, or a target-less
        noun."""
        return (
            not e.actor or e.status in CONDITIONAL or _landmark(t) or (t.pos_ == "NOUN" and not e.recipient)
        )

    gatherings = {v.i for t in triggers if (v := _gathering_verb(t)) is not None}

    def purpose(t: Any) -> bool:
        """What an event was done for: "met to negotiate", "gathered at a rally to demand"."""
        aim_of = _purpose(t)
        return aim_of is not None and (
            aim_of.i in (trigger_ids - frames) | gatherings
            or any(c.i in trigger_ids for c in aim_of.children if c.dep_ == "dobj")
        )

    framed = [
        _said_in(t, verbal)
        or (background(t, e) and governed(t))
        or purpose(t)
        or any(_permitted_aim(a) for a in (t, *t.ancestors))
        for t, e in zip(triggers, events)
    ]
    kept = _dedupe([e for e, drop in zip(events, framed) if not drop])
    casualties.attach(kept, doc, ctx.text)
    # words and dealings of a private party with another ("the rescue's director asked donors to give") are
    # not political events; an unnamed doer ("was charged with fraud") may be the state
    happenings = [e for e in _violent_protests(fold(kept)) if not _private(e)]
    news = [e for e in happenings if not _history(e, ctx.published)]
    happenings = news or happenings  # what an article recalls from years before is background to its news
    if _sport_story(doc):
        happenings = [e for e in happenings if _beyond_the_game(e, doc)]
    for e in happenings:
        _unnamed_parties(e, ctx)
    _date_by_lede(happenings, ctx)
    return happenings


def _sport_story(doc: Any) -> bool:
    """Whether the text is a sport report: several words only sport reports use."""
    words = set(nlp.lemmas_of(doc)) & eventness.SPORT_WORDS
    return len(words) >= eventness.SPORT_STORY_WORDS


def _beyond_the_game(event: Event, doc: Any) -> bool:
    """What a sport report tells that is more than the play: arrests, protests and riots, and violence that
    kills or uses a weapon."""
    if event.event_type == "PROTEST" or event.mode == "arrest":
        return True
    return event.event_type == "ASSAULT" and (
        event.fatalities is not None
        or bool(acled.words(doc.char_span(event.sent_start, event.sent_end, "expand") or []) & WEAPON_WORDS)
    )


def _date_by_lede(happenings: list[Event], ctx: Context) -> None:
    """A report the text does not date belongs to the day its lede gives ("A vigil turned violent Monday
    night in Brooklyn … One person was arrested"), when that day is among the days before publication: news
    tells its story's time once, up front."""
    if not ctx.published:
        return
    lede_end = next(
        (s.end_char for k, s in enumerate(ctx.doc.sents) if k == LEDE_SENTENCES - 1), len(ctx.text)
    )
    published = date.fromisoformat(ctx.published[:10])
    story = next(
        (
            t
            for t in sorted(ctx.times, key=lambda t: t.start)
            if t.start < lede_end
            and t.type in ("DATE", "TIME")
            and t.precision == "day"
            and t.range_start
            and 0 <= (published - date.fromisoformat(t.range_start[:10])).days <= STORY_DAYS
        ),
        None,
    )
    if story is None:
        return
    for e in happenings:
        if e.date.get("basis") == "publication" and e.status in ("occurred", "ongoing"):
            e.date = date_record(story, "lede")


DEMANDED_ACT = Typing("REQUEST", "100")  # an act a party is told it must do (see _demanded)


def _demanded(tok: Any, ctx: Context) -> Typing | None:
    """What a speaker says a party must or should do is a demand on that party, whatever the act ("declared
    that China must drop its barriers"); what a thing must undergo is none ("said prices should fall")."""
    found = _demand(tok) if tok.pos_ == "VERB" else None
    party = code_actor(found[1], ctx) if found is not None else None
    return DEMANDED_ACT if party is not None and party.country else None


def _directive(tok: Any, ctx: Context) -> Typing | None:
    """Telling a party to do something demands it ("told the U.N. inspectors to leave"), unlike telling
    someone a fact ("told reporters that …"); an order to a person the dictionaries do not code ("told the
    suspect to stop") is no political event."""
    if (
        tok.pos_ != "VERB"
        or tok.lemma_.lower() not in DIRECTIVE_VERBS
        or not any(c.dep_ == "xcomp" for c in tok.children)
    ):
        return None
    told = next((c for c in tok.children if c.dep_ == "dobj"), None)
    # a party of its own ("ordered Russia", "told the U.N. inspectors"), not a generic one the story's
    # country would be lent to ("ordered top officials to …": a leader's own staff)
    party = code_actor(told, ctx, default_country=None) if told is not None else None
    return Typing("REQUEST", "100") if party is not None and party.country else None


def _said_in(tok: Any, verbal: set[int]) -> bool:
    """Whether ``tok`` is part of what a demand, threat, accusation, refusal or promise says; a verb joined
    to that event's own verb ("refused to send troops and urged its citizens to leave") is an event of its
    own."""
    cur = tok
    while cur.head.i != cur.i:
        if cur.head.i in verbal and not (cur.i == tok.i and cur.dep_ == "conj"):
            return True
        cur = cur.head
    return False


def _same_happening(a: Event, b: Event) -> bool:
    """Two reports of one happening: same type, status and parties (at least one named), and no place or date
    that tells them apart."""
    if (
        a.event_type != b.event_type
        or a.sent_start == b.sent_start
        or (a.status in CONDITIONAL) != (b.status in CONDITIONAL)
        or not (a.actor or a.recipient)
    ):
        return False
    pairs = [(x, y) for x, y in ((a.actor, b.actor), (a.recipient, b.recipient)) if x and y]
    if any(not _same_party(x, y) for x, y in pairs) or not pairs:
        return False  # a party named in both reports differs, or none is named in both
    # a place assumed from the town the report is set in tells no two happenings apart
    where = [e.location for e in (a, b) if e.location and e.location.basis != "article"]
    if len(where) == 2 and not where[0].within(where[1]) and not where[1].within(where[0]):
        return False
    return _same_day(a, b)


def _restates(bare: Event, reported: Event) -> bool:
    """A report with no party is a restatement of ``reported``: same type and condition, and no other place or
    date."""
    if (
        bare.event_type != reported.event_type
        or bare.sent_start == reported.sent_start
        or (bare.status in CONDITIONAL) != (reported.status in CONDITIONAL)
    ):
        return False
    if bare.location and reported.location:
        if bare.location.country != reported.location.country:
            return False
    if bare.fatalities and reported.fatalities and bare.fatalities.count != reported.fatalities.count:
        return False  # each states its own toll: two happenings ("two bombs killed seven" … "dozens killed")
    return _same_day(bare, reported)


def _same_day(a: Event, b: Event) -> bool:
    """No dates the text states for the happenings themselves tell two reports apart (the time a report was
    made does not)."""
    return len({e.date.get("value") for e in (a, b) if e.date.get("basis") == "clause"}) <= 1


def _violent_protests(found: list[Event]) -> list[Event]:
    """Violence a crowd does where it protests ("marched on parliament and set fire to cars") is that
    protest's, as ACLED and PLOVER code it: one protest event, ACLED's violent demonstration."""
    out = []
    for e in found:
        crowd = e.event_type == "ASSAULT" and e.actor is not None and e.actor.sector in acled.CROWD_SECTORS
        protest = crowd and next(
            (
                p
                for p in found
                if p.event_type == "PROTEST"
                and p.sent_start == e.sent_start
                and p.actor is not None
                and p.actor.text == e.actor.text
            ),
            None,
        )
        if protest:
            protest.acled_sub_event_type = "Violent demonstration"
            protest.mentions.append({"sentence": e.sentence, "start": e.sent_start, "end": e.sent_end})
        else:
            out.append(e)
    return out


def same_parties(a: Event, b: Event) -> int:
    """How many parties two reports share (0, 1 or 2)."""
    return sum(
        bool(x) and x == y
        for x, y in ((_party(a.actor), _party(b.actor)), (_party(a.recipient), _party(b.recipient)))
    )


def fold(found: list[Event]) -> list[Event]:
    """One event per happening in an article: a headline, caption or restatement of an event already reported
    folds into it; the most confident report stays the evidence, the others are listed in ``mentions``, and
    the largest stated toll is kept, an exact figure over a vague one ("dozens")."""
    groups: list[list[Event]] = []
    bare = []
    for e in found:
        if not (e.actor or e.recipient):
            bare.append(e)
            continue
        group = next((g for g in groups if _same_happening(g[0], e)), None)
        if group is None:
            groups.append([e])
        else:
            group.append(e)
    # a report naming no party ("the attack in Ankara", "the blast") restates the happening of its type that
    # the article reports with its parties, unless its place, date or status tells them apart
    for e in bare:
        fits = [g for g in groups if _restates(e, g[0])]
        if fits:
            max(fits, key=lambda g: g[0].confidence).append(e)
        else:
            groups.append([e])
    groups.sort(key=lambda g: min(e.sent_start for e in g))
    out = []
    for group in groups:
        best = max(group, key=lambda e: e.confidence)
        _take_circumstances(best, group)
        for kind in ("fatalities", "injured"):
            counts = [c for e in group if (c := getattr(e, kind)) is not None]
            if counts:
                setattr(best, kind, max(counts, key=lambda c: (not c.approximate, c.count)))
        best.mentions = [
            {"sentence": e.sentence, "start": e.sent_start, "end": e.sent_end}
            for e in sorted(group, key=lambda e: e.sent_start)
            if e is not best
        ]
        out.append(best)
    return out


def _take_circumstances(best: Event, group: list[Event]) -> None:
    """The reports of one happening complete each other: the evidence report takes the date a report states
    for the happening itself ("the attack occurred on Sunday") when its own is the time it was said or the
    publication date, and a more precise place in the same country ("in southern China" … "at a store in
    Shenzhen")."""
    for basis in ("clause", "report"):
        if best.date.get("basis") in ("clause", basis):
            break
        dated = [e for e in group if e.date.get("basis") == basis]
        if dated:
            best.date = dict(min(dated, key=lambda e: e.sent_start).date)
            break

    def rank(e: Event) -> int:
        return PRECISION_RANK.get(e.location.precision or "", 6) if e.location else 7

    finer = [
        e
        for e in group
        if e.location
        and rank(e) < rank(best)
        and (not best.location or e.location.country == best.location.country)
    ]
    if finer:
        best.location = min(finer, key=lambda e: (rank(e), e.sent_start)).location


def claimant(tok: Any) -> Any | None:
    """Who claims an event noun: the subject of "claimed the attack" or "claimed responsibility for the
    bombing"; None when the noun is not claimed."""
    if tok.pos_ != "NOUN":
        return None
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in CLAIM_NOUNS:
        head = head.head.head if head.head.dep_ == "dobj" else head.head
    elif tok.dep_ != "dobj":
        return None
    if head.lemma_.lower() not in ("claim", "accept", "admit", "take"):
        return None
    return next((c for c in head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)


def _wished(tok: Any) -> bool:
    """An action only wished for or said to be possible: the complement of "afraid to", "able to", "wants to"
    (through a light verb: "wants to launch an attack")."""
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj":
        tok = tok.head
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in modality.WISH_NOUNS:
        return True  # "their determination to defeat ISIL"
    if (
        tok.dep_ in ("acl", "relcl", "xcomp", "advcl")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and any(
            h.lemma_.lower() in eventness.CAPACITY_WORDS
            or any(c.lower_ in eventness.CAPACITY_WORDS for c in h.children if c.dep_ in ("amod", "advmod"))
            for h in (tok.head, *(o for o in tok.head.children if o.dep_ == "dobj"))
        )
    ):
        return True  # "had a lot to offer", "(gathered) enough money to fund a recount"
    if tok.dep_ != "xcomp":
        return False
    frame = tok.head
    return frame.lemma_.lower() in modality.WISH_FRAMES or frame.lower_ in modality.WISH_FRAMES


def _casualty_verb(tok: Any) -> bool:
    """A verb of killing or wounding, whose object is the casualty ("10 soldiers killed in …")."""
    return tok.lemma_.lower() in casualties.words.KILL_VERBS | casualties.words.INJURE_VERBS and not any(
        c.dep_ == "agent" for c in tok.children
    )


def _patient_subject(tok: Any, typing: Typing) -> bool:
    """A verb of killing or wounding (which taggers often read as a past tense), or the past participle of an
    act done to someone (an arrest, a charge, a sanction), with a subject, no object, no auxiliary and no
    agent: a headline's reduced passive ("Ten soldiers killed in ambush", "Governor accused of fraud"), whose
    subject is the patient, never the actor. A verb whose conjunct takes an object shares that object
    ("officers shot and killed the teen"): active."""
    charge = CHARGE_PREPOSITIONS.get(tok.lemma_.lower())
    done_to = typing.event_type in PATIENT_TYPES and (
        tok.tag_ == "VBN" or any(c.dep_ == "prep" and c.lower_ == charge for c in tok.children)
    )
    if tok.pos_ != "VERB" or not (_casualty_verb(tok) or done_to):
        return False
    if any(c.dep_ == "conj" and any(g.dep_ == "dobj" for g in c.children) for c in tok.children):
        return False
    deps = {c.dep_ for c in tok.children}
    return "nsubj" in deps and not deps & {"dobj", "aux", "auxpass", "agent", "nsubjpass", "ccomp", "xcomp"}


def _mishap(tok: Any) -> bool:
    """A blow dealt by nature or accident: "an earthquake hit", "killed in a plane crash", "killed when their
    bus plunged off a bridge", "a gas leak caused an explosion that killed five workers"."""

    def hazard(t: Any) -> bool:
        if t.tag_ == "WDT" and t.head.dep_ == "relcl":  # "an explosion that killed": the explosion
            t = t.head.head
        if _accidental_blast(t):
            return True
        if t.lemma_.lower() not in HAZARDS and t.lower_ not in HAZARDS:
            return False
        if any(c.dep_ == "prep" and c.lower_ in ("from", "by") for c in t.children):
            return False  # "fire from government troops" has a source
        return t.lemma_.lower() != "fire" or not any(
            c.dep_ in ("compound", "amod", "poss") for c in t.children
        )

    if (
        any(c.dep_ == "nsubj" for c in tok.children if not hazard(c))
        or acled.words(nlp.sentence_of(tok)) & WEAPON_WORDS
    ):
        return False  # someone did it ("militants attacked … after the earthquake"), or a weapon did
    if tok.pos_ == "NOUN" and hazard(tok):
        return True  # "the gas explosion", "a blast at a chemical plant"
    if tok.dep_ in ("advcl", "xcomp", "conj") and any(
        c.dep_ == "nsubj" and hazard(c) for c in tok.head.children
    ):
        return True  # "an earthquake hit the island, killing ten people"
    if _agentless_passive(tok) and _natural_hazard_before(tok):
        return True  # "A quake struck the island. … five villages had been badly hit"
    for c in tok.children:
        if c.dep_ == "nsubj" and hazard(c):
            return True
        if (
            c.dep_ in ("agent", "prep")
            and c.lower_ in ("by", "in", "from")
            and any(
                p.dep_ == "pobj" and (hazard(p) or (c.lower_ == "by" and p.lemma_.lower() in VEHICLES))
                for p in c.children
            )
        ):
            return True  # "killed in a flood", "hit by a car"
        # "killed after crashing", "killed when their bus plunged off a bridge", "after being hit by a car"
        clauses = [c] if c.dep_ == "advcl" else [p for p in c.children if p.dep_ == "pcomp"]
        if any(
            v.lemma_.lower() in eventness.ACCIDENT_VERBS
            or any(
                (g.dep_ == "nsubj" and (hazard(g) or g.lemma_.lower() in VEHICLES))
                or (g.dep_ == "agent" and any(p.lemma_.lower() in VEHICLES for p in g.children))
                for g in v.children
            )
            for v in clauses
        ):
            return True
    return False


STORY_SENTENCES = 3  # how far back a hazard named earlier still tells what struck


def _natural_hazard_before(tok: Any) -> bool:
    """Whether one of the sentences just before ``tok``'s (or its own) names a natural hazard."""
    doc = tok.doc
    sents = [s for s in doc.sents if s.start <= tok.i][-STORY_SENTENCES - 1 :]
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in eventness.NATURAL_HAZARDS for s in sents for t in s)


def _accidental_blast(t: Any) -> bool:
    """An explosion or fire of plant or at a plant ("a gas explosion", "a blast at a chemical factory"), or
    one a hazard caused ("a gas leak caused an explosion")."""
    if t.lemma_.lower() not in eventness.BLASTS:
        return False
    near = [c for c in t.children if c.dep_ in ("compound", "amod", "nmod")]
    near += [p for c in t.children if c.dep_ == "prep" and c.lower_ in ("at", "in", "of") for p in c.children]
    near += [g for n in list(near) for g in n.children if g.dep_ in ("compound", "amod")]
    if any(n.lemma_.lower() in eventness.PLANT_NOUNS or n.lower_ in eventness.PLANT_NOUNS for n in near):
        return True
    cause = t.head if t.dep_ == "dobj" and t.head.lemma_.lower() == "cause" else None
    return cause is not None and any(
        c.dep_ == "nsubj" and (c.lemma_.lower() in HAZARDS or _accidental_blast(c)) for c in cause.children
    )


def _vowed_response(tok: Any) -> bool:
    """A verb of promising whose object is a response to a wrong ("vowed revenge", "promised a response")."""
    return (
        tok.pos_ == "VERB"
        and tok.lemma_.lower() in INTENT_VERBS
        and any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in eventness.RETALIATION_NOUNS
            for c in tok.children
        )
    )


def _standing(tok: Any) -> bool:
    """A verb in the simple present that tells what holds rather than what happened: a relation of support
    or opposition ("Iran backs the government") or a relative clause describing its noun ("a cleric whom the
    government accuses of the coup"). News reports a happening in the past or present perfect, except in its
    headline or lede, told in the present ("Iran backs truce"). So too an event noun a present verb classes
    or describes ("Threats to Turkey include the group")."""
    if tok.pos_ == "NOUN":
        head = tok.head
        return (
            tok.dep_ == "nsubj"
            and head.tag_ in ("VBZ", "VBP")
            and head.lemma_.lower() in eventness.CLASSING_VERBS
        )
    if tok.pos_ == "VERB" and tok.tag_ == "VBN" and tok.dep_ == "acl":
        # "its forces, supported by allied militias": a participle describing its noun by a standing relation
        return tok.lemma_.lower() in eventness.STANDING_VERBS
    if tok.pos_ != "VERB" or tok.tag_ not in ("VBZ", "VBP") or nlp.sentence_of(tok).start == 0:
        return False
    if any(c.dep_ in ("aux", "auxpass", "nsubjpass") for c in tok.children):
        return False
    return tok.dep_ == "relcl" or tok.lemma_.lower() in eventness.STANDING_VERBS


def _characterised(tok: Any) -> bool:
    """A trigger inside what a speaker calls an event ("described the killing as an attempt to thwart the
    talks"): a reading of one event, not another event."""
    for a in tok.ancestors:
        if a.dep_ == "prep" and a.lower_ == "as" and a.head.lemma_.lower() in eventness.CHARACTERISING_VERBS:
            return True
    # "… as an attempt to damage ties and to thwart a peace process", the second infinitive parsed as the
    # characterising verb's own clause
    head = tok.head
    return (
        tok.dep_ in ("advcl", "conj", "xcomp")
        and tok.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        and head.lemma_.lower() in eventness.CHARACTERISING_VERBS
        and any(c.dep_ == "prep" and c.lower_ == "as" for c in head.children)
    )


def _contested_cause(tok: Any, typing: Typing, ctx: Context) -> bool:
    """A verb or noun of fighting whose object is a cause, not a party or a place ("fought the project in
    court", "battled cancer", "the battle against the water crisis"); called with no party coded as the
    recipient."""
    if typing.event_type != "ASSAULT" or tok.lemma_.lower() not in eventness.CONTEST_VERBS | {"war"}:
        return False
    if tok.pos_ == "NOUN":  # "the battle against the water crisis", "a war on poverty"
        objects = [
            p
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in ("against", "on")
            for p in c.children
            if p.dep_ == "pobj" and code_actor(p, ctx) is None
        ]
    elif tok.pos_ == "VERB":
        objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    else:
        return False
    return bool(objects) and not any(
        is_territory(o, ctx) or any(t.i in ctx.place_at for t in o.subtree) for o in objects
    )


def _in_lexicon(tok: Any) -> bool:
    """Whether the trigger lexicon knows the token under any of its keys."""
    pos = "NOUN" if tok.pos_ in ("NOUN", "PROPN") else "VERB"
    lexicon = trigger_lexicon()
    return any((k, pos) in lexicon for k in _key(tok))


def _private(event: Event) -> bool:
    """Words or dealings between private parties (persons, businesses, charities, uncoded doers): neither is
    a state, a group or a people ("the Palestinians"). With no other party named, a private party's meeting,
    backing or joint work is its own affair ("scholars have endorsed organ donation"), while what it defies,
    rejects or demands may be a state's ("defied the ban", "oppose the new land law")."""

    def private(party: Actor | None) -> bool:
        return (
            party is not None
            and not _political(party)
            and (party.sector is not None or party.country is None)
        )

    return (
        event.event_type in PRIVATE_TYPES
        and not (event.cameo or "").startswith(ARMED_THREAT)  # a gun pulled on someone is no mere word
        and private(event.actor)
        and (private(event.recipient) or (event.recipient is None and event.event_type in ALONE_PRIVATE))
    )


def _habitual(tok: Any) -> bool:
    """A verb in the simple present with an adverb of frequency ("rebels often attack convoys"): a habit, not
    a happening."""
    return tok.tag_ in ("VBZ", "VBP") and any(
        c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in tok.children
    )


SPAN_MONTHS = {"Y": 12.0, "M": 1.0, "W": 0.25, "D": 1 / 30}


def _tally(tok: Any, ctx: Context) -> bool:
    """A verb in the present perfect over a span of a month or more ("Boko Haram has killed 20,000 people in
    its eight-year insurgency", "the war has displaced millions since 2014"), or done by a whole war ("the
    war has killed more than 9,000 people"), counts many happenings: a tally, not a report of one."""
    verb = tok.head if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX") else tok
    if tok.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return False
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in eventness.LONG_CONFLICTS for c in verb.children):
        return True
    doc = tok.doc
    for t in ctx.times:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        since = span.start > 0 and doc[span.start - 1].lower_ == "since"
        if t.type == "DURATION":
            m = re.fullmatch(r"P(\d+(?:\.\d+)?)([YMWD])", t.value or "")
            long = m is not None and float(m.group(1)) * SPAN_MONTHS[m.group(2)] >= 1
        else:
            long = since and len(t.value or "") in (4, 7)  # "since 2014", "since March 2015"
        if not long:
            continue
        head, prep = span.root, span[0].lower_ if span[0].dep_ == "prep" else None
        while head.pos_ not in ("VERB", "AUX") and head.head is not head:
            head = head.head
            prep = prep or (head.lower_ if head.dep_ == "prep" else None)
        if prep not in SPAN_PREPS:
            continue  # "upgraded ties after an 18-year break": a landmark, not the span of the count
        if head in (tok, verb) or (head.dep_ == "conj" and head.head in (tok, verb)):
            return True
    return False


def _completes_trigger(verb: Any, obj: Any) -> bool:
    """The object is the rest of the trigger's own phrase ("open fire", "lay siege"), never a party."""
    return (
        verb.pos_ == "VERB" and (f"{verb.lemma_.lower()} {obj.lemma_.lower()}", "VERB") in trigger_lexicon()
    )


def _called(verb: Any) -> Any | None:
    """The gathering a verb of calling sets ("called a general strike", "announced talks"), its object."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in CALLING_VERBS:
        return None
    if any(c.dep_ == "prt" for c in verb.children):
        return None  # "called off the strike"
    return next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)


def _attempted(tok: Any) -> bool:
    """An act someone tried in the past ("tried to storm the base", "had attempted to kill him"), not one
    they may try."""
    verb = tok.head
    if tok.dep_ != "xcomp" or verb.lemma_.lower() not in ATTEMPT_VERBS:
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return (verb.tag_ == "VBD" or (verb.tag_ == "VBN" and aux & {"has", "have", "had"})) and not (
        aux & modality.HYPOTHETICAL_MODALS
    )


def _political(actor: Actor | None) -> bool:
    """A state, a state organ, an armed or opposition group, a party or an international body; not a private
    person."""
    if actor is None:
        return False
    if actor.sector in eventness.POLITICAL_SECTORS:
        return True
    return actor.sector is None and actor.name is not None and actor.country is not None


def _object_of(tok: Any, preposition: str, heads: set[str]) -> bool:
    """``tok`` is the object of ``preposition`` after one of ``heads`` ("the end of", "served … for")."""
    return tok.dep_ == "pobj" and tok.head.lower_ == preposition and tok.head.head.lemma_.lower() in heads


def _not_an_action(tok: Any, typing: Typing) -> bool:
    """Words that look like an action but report none: agreeing with a view ("agrees with the CIA's
    conclusion"), publishing a message ("released a statement"), a source's wish to stay unnamed ("who asked
    not to be named"), a quantity idiom ("a great deal of money") and a record of acts someone has ("has four
    prior arrests"), which tells their past, not a happening, a summons to a scene ("police were called
    to the home"), the end of something ("the collapse of the truce"), an offence punished ("serving life
    for assault") and the phrase "as opposed to"."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN":
        if (
            tok.dep_ == "dobj"
            and tok.head.lemma_.lower() == "have"
            and (
                (tok.tag_ == "NNS" and tok.head.tag_ in ("VBZ", "VBP"))
                or any(c.dep_ == "amod" and c.lower_ in eventness.RECORD_ADJECTIVES for c in tok.children)
            )
        ):
            return True  # "had talks" is a happening, "has four prior arrests" a record
        # "the collapse of the ceasefire", "the end of its agreement": it ended, none was made; "serving life
        # for sexual assault": the offence punished, told as a record
        if _object_of(tok, "of", eventness.ENDINGS) or _object_of(tok, "for", eventness.PUNISHING):
            return True
        return any(c.dep_ == "amod" and (c.lower_, lemma) in eventness.QUANTITY_IDIOMS for c in tok.children)
    if lemma in eventness.MENTAL_VERBS:
        return True
    if lemma == "oppose" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "as":
        return True  # "as opposed to": rather than
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    if typing.event_type == "PROTEST" and lemma in eventness.INTRANSITIVE_PROTEST_VERBS and objects:
        return True
    if (
        lemma == "sign"
        and typing.event_type == "AGREE"
        and objects
        and not any(_measured(o).lemma_.lower() in eventness.SIGNED_DOCUMENTS for o in objects)
    ):
        return True  # "signed an online note": no accord signed
    agreed_with = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children]
    if typing.event_type == "AGREE" and any(
        p.dep_ == "pobj" and p.lemma_.lower() in eventness.OPINION_NOUNS for p in agreed_with
    ):
        return True
    if lemma in eventness.PUBLISH_VERBS and any(o.lemma_.lower() in eventness.MESSAGE_NOUNS for o in objects):
        return True
    deps = {c.dep_ for c in tok.children}
    if lemma in eventness.PRESS_QUESTION_VERBS and tok.dep_ == "advcl" and tok.tag_ == "VBN":
        return True  # "Asked about the appeal, the prosecutor said …": the reporter asked
    if (
        lemma in eventness.SUMMONS_VERBS
        and "auxpass" in deps
        and not deps & {"agent", "xcomp", "ccomp", "oprd"}
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children)
    ):
        return True  # "police were called to the home": summoned to a scene
    return typing.event_type == "REQUEST" and any(
        c.dep_ == "xcomp"
        and c.lemma_.lower() in eventness.ANONYMITY_VERBS
        and any(g.dep_ == "auxpass" for g in c.children)
        for c in tok.children
    )


def _history(event: Event, published: str | None) -> bool:
    """A happening the text dates wholly more than a year before the article ("the December 2008 riots"): in
    an article that reports news, background to it, not a report of it."""
    end = event.date.get("end") if event.date else None
    if not (published and end and event.date.get("basis") == "clause"):
        return False
    try:
        return (date.fromisoformat(published[:10]) - date.fromisoformat(end[:10])).days > 365
    except ValueError:
        return False


def _after_publication(date: dict[str, Any], published: str | None) -> bool:
    """The text dates the event itself wholly after the article's publication day."""
    start = date.get("start")
    return bool(published and start and date.get("basis") == "clause" and start[:10] > published[:10])


def _declared_codes() -> dict[str, dict[str, str]]:
    """CAMEO's code of each declared action by frame (promised, threatened, refused, demanded) and PLOVER type
    of the action declared (data/cameo_declared.tsv)."""
    table: dict[str, dict[str, str]] = {}
    for frame, event_type, code in settings.data_rows("cameo_declared.tsv"):
        table.setdefault(frame, {})[event_type] = code
    return table


DECLARED = _declared_codes()
PROMISED, THREATENED = DECLARED["promised"], DECLARED["threatened"]
REFUSED, DEMANDED = DECLARED["refused"], DECLARED["demanded"]


def _demand(tok: Any) -> tuple[Any, Any] | None:
    """(speaker, addressee) when ``tok`` sits in a reported "… must/should …" said of a party other than the
    speaker ("X said that Y must Z"); None otherwise."""
    verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ == "dobj" else tok
    modal = {c.lower_ for c in verb.children if c.dep_ == "aux"} & {"must", "should"}
    if not modal and verb.dep_ == "xcomp":  # "must be willing to negotiate", "should try to negotiate"
        frame = verb.head.head if verb.head.dep_ == "acomp" else verb.head
        modal = {c.lower_ for c in frame.children if c.dep_ == "aux"} & {"must", "should"}
        verb = frame if modal else verb
    if not modal or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in DEMAND_FRAMES:
        return None
    addressee = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None) or (
        subject_of(verb.head) if verb.head.dep_ == "advcl" else None  # "rallied, saying he must go"
    )
    if addressee is None or speaker is None:
        return None
    # "Peru said it must protect itself" is no demand on anyone else; "protesters, saying he must resign" is
    if addressee.pos_ == "PRON" and not (
        addressee.lower_ in SINGULAR_PRONOUNS and speaker.tag_ in ("NNS", "NNPS")
    ):
        return None
    return speaker, addressee


def _declared(tok: Any) -> bool:
    """A verb trigger its subject declares it will carry out: "will give", "would meet", "is ready to
    retaliate"."""
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and is_light(tok.head):
        tok = tok.head  # "is ready to impose a blockade"
    if tok.pos_ != "VERB":
        return False
    cur = tok
    for _ in range(3):
        if {c.lower_ for c in cur.children if c.dep_ == "aux"} & {"will", "shall", "would", "'ll", "wo"}:
            return _own_word(cur)
        if cur.dep_ not in ("xcomp", "ccomp") or cur.head is cur:
            return False
        cur = cur.head
        if cur.lemma_.lower() in INTENT_VERBS:
            return _own_word(cur)
    return False


def _own_word(clause: Any) -> bool:
    """The future is the subject's own declaration, not someone's forecast ("officials fear Russia will
    invade")."""
    if clause.dep_ != "ccomp":
        return True
    frame = clause.head
    if frame.lemma_.lower() in BELIEF_VERBS:
        return False
    if frame.lemma_.lower() in SPEECH_VERBS:
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        speaker = next((c for c in frame.children if c.dep_ == "nsubj"), None)
        return (
            subject is None or speaker is None or subject.pos_ == "PRON" or subject.lower_ == speaker.lower_
        )
    return True


def _as_intention(typing: Typing, tok: Any) -> Typing:
    """The intention (AGREE) or threat (THREATEN) a declared future action amounts to."""
    unless = any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in tok.children)
    if typing.event_type in THREATENED or (unless and typing.event_type in PROMISED):
        return Typing("THREATEN", THREATENED.get(typing.event_type, "130"), score=typing.score)
    if typing.event_type in PROMISED:
        return Typing("AGREE", PROMISED[typing.event_type], score=typing.score)
    return typing


def _landmark(tok: Any) -> bool:
    """A noun event another event is dated or explained by ("since the coup", "because of the riots")."""
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj":
        return False
    prep = tok.head
    return prep.lower_ in LANDMARK_PREPS or (
        prep.lower_ in ("of", "to") and prep.head.lower_ in LANDMARK_PREPS
    )


def _purpose(tok: Any) -> Any | None:
    """The verb an infinitive with no subject of its own says was done for it ("met to negotiate", "met in
    order to negotiate"), or None."""
    if (
        tok.tag_ != "VB"
        or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    ):
        return None
    head = tok.head
    if tok.dep_ == "acl" and (head.head.lower_, head.lower_) in PURPOSE_PHRASES:
        head = head.head.head
    elif tok.dep_ not in ("advcl", "xcomp"):
        return None
    return head if head.pos_ == "VERB" else None


def _permitted_aim(tok: Any) -> bool:
    """A purpose that lets another party act ("closed the road to allow crews to start repairs"): what the
    act was done for, not a concession of its own."""
    return (
        tok.dep_ != "xcomp"
        and tok.lemma_.lower() in PERMISSION_VERBS
        and _purpose(tok) is not None
        and any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
    )


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per sentence, type and dyad ("signed a peace agreement" is one AGREE); a participant-less
    event is dropped when its sentence holds another of its type ("a meeting during a summit"), and so is an
    actor's event without a target when the sentence gives the same actor's event of that type a target."""
    typed = {(e.sent_start, e.event_type) for e in events if e.actor or e.recipient}
    aimed = {(e.sent_start, e.event_type, _who(e.actor)) for e in events if e.actor and e.recipient}
    seen: set[tuple[Any, ...]] = set()
    out = []
    for e in events:
        if (
            e.actor
            and e.recipient
            and e.recipient.text in e.actor.text
            and e.actor.country == e.recipient.country
        ):
            continue  # a party paired with a piece of itself ("Chilean diplomats" → "Chilean")
        key = (e.sent_start, e.event_type, _who(e.actor), _who(e.recipient))
        if key in seen or (not (e.actor or e.recipient) and (e.sent_start, e.event_type) in typed):
            continue
        if e.actor and not e.recipient and (e.sent_start, e.event_type, _who(e.actor)) in aimed:
            continue  # "killed nine people as they detonated their vests": one attack, told twice
        seen.add(key)
        out.append(e)
    return out


def _party(actor: Actor | None) -> tuple[Any, ...] | None:
    """Who a party is across sentences: its dictionary name, else its sector, with its country."""
    return (actor.name or actor.sector or actor.text.lower(), actor.country) if actor else None


def _same_party(x: Actor, y: Actor) -> bool:
    """Two mentions of one party: alike by ``_party``, or a private person described ("a Metcalfe County
    man") and one named ("William Goble") in the same country."""
    if _party(x) == _party(y):
        return True
    return x.sector == y.sector == "CVL" and x.country == y.country and not (x.name and y.name)


def _who(actor: Actor | None) -> tuple[Any, ...] | None:
    return (actor.name or actor.text, actor.country) if actor else None


def _inside_name(tok: Any) -> bool:
    """A capitalised noun in a name ("the APEC Leaders' Meeting") outside a Title Case headline."""
    before = [t for t in tok.doc[max(nlp.sentence_of(tok).start, tok.i - 3) : tok.i] if not t.is_punct]
    words = [t for t in nlp.sentence_of(tok) if t.is_alpha and len(t) > 3]
    headline = words and sum(t.is_title for t in words) / len(words) > 0.8
    return bool(before) and before[-1].text[:1].isupper() and not headline


def _happening_verb(noun: Any) -> Any | None:
    """The verb a noun is the subject of: its head ("the blast ripped through a church"), or the verb of its
    relative clause ("a stabbing that killed two")."""
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return noun.head
    return next(
        (
            c
            for c in noun.children
            if c.dep_ == "relcl"
            and any(s.dep_ in ("nsubj", "nsubjpass") and s.tag_ == "WDT" for s in c.children)
        ),
        None,
    )


def _struck_by_happening(noun: Any) -> Any | None:
    """Whom a happening's noun killed or wounded, by the verb of its relative clause ("the bombing, which
    killed 12 soldiers"): the object of that verb, the noun's target, since the noun carries the event."""
    verb = _happening_verb(noun) if noun.pos_ == "NOUN" else None
    if verb is None or verb.dep_ != "relcl" or not _casualty_verb(verb):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _noun_event_anchor(tok: Any, ctx: Context) -> bool:
    """A noun trigger with no participants still reports an event when placed, dated or scheduled."""
    # "the attack in Kabul"; "the blast ripped through a church in Cairo": a happening's noun as subject takes
    # its verb's place; "a stabbing that killed two": the dead it is said to have left report it
    for c in tok.children:
        if c.dep_ == "prep" and any(p.i in ctx.place_at for p in c.subtree):
            return True
    verb = _happening_verb(tok)
    if verb is not None and (
        any(p.i in ctx.place_at for c in verb.children if c.dep_ in ("prep", "dobj") for p in c.subtree)
        or _casualty_verb(verb)
    ):
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "into":  # "the march turned into a riot"
        return tok.head.head.lemma_.lower() in eventness.BECOMING_VERBS
    return (
        tok.head.lemma_.lower() in SCHEDULE_WORDS | eventness.OCCURRENCE_VERBS
        or is_light(tok.head, CALLED_OFF)
    ) and tok.dep_ in ("nsubj", "nsubjpass", "dobj")


def _localise(party: Actor | None, location: Any, ctx: Context) -> None:
    """A generic agent with no country of its own ("police", "protesters", "rebels", "presidential candidate
    Jane Roe") or a private person named without office is of the event's country, else of the country the
    article is about: domestic news does not name its own people's country."""
    if party is None or party.country or party.sector not in agent_words.LOCAL_SECTORS:
        return
    party.country = _local_country(location, ctx)


def _authorities(protester: Actor | None, location: Any) -> Actor | None:
    """Whom people protest against when the text names no one: the government of their own country, when they
    protest at home (a protest abroad, or by a state, has no such default)."""
    if protester is None or not protester.country or protester.sector in STATE_SECTORS:
        return None
    if location is not None and location.country and location.country != protester.country:
        return None
    return Actor(text="government", name=None, country=protester.country, sector="GOV")


def _unnamed_parties(event: Event, ctx: Context) -> None:
    """The parties a report of violence or protest leaves unnamed, as ACLED codes them: an attack's doer is an
    unidentified armed group and its target the people, a protest's doers are protesters and its target their
    government; each of the country of the place, else of the country the article is about."""
    if event.event_type == "ASSAULT" and event.mode != "occupy":
        if event.recipient is None:
            event.recipient = _struck(event, ctx)
        if event.actor is None and event.status in ("occurred", "ongoing") and not _doer_told(event, ctx):
            origin = _origin(event, ctx)  # "rocket fire from Gaza hit Ashkelon": the attackers are of Gaza
            event.actor = _local("unidentified attackers", "UAG", origin or event.location, ctx)
    elif event.event_type == "PROTEST" and event.actor is None:
        event.actor = _local("protesters", "OPP", event.location, ctx)
        if event.recipient is None:
            event.recipient = _authorities(event.actor, event.location)


def _site_struck(verb: Any, typing: Typing) -> bool:
    """An attack on a building no one is named for ("a mosque was torched", "gunmen set fire to a church"): a
    blow at the people it serves, by whoever did it."""
    if typing.event_type != "ASSAULT":
        return False
    struck = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(c.lemma_.lower() in SITES for c in struck)


def _trigger_token(event: Event, ctx: Context) -> Any | None:
    """The token of the event's trigger in the parse."""
    span = ctx.doc.char_span(event.trigger_start, event.trigger_start + len(event.trigger), "expand")
    return span.root if span is not None else None


def _origin(event: Event, ctx: Context) -> Place | None:
    """The place a blow came from, as its trigger says ("shelling from Syria", "rockets fired from Gaza")."""
    trigger = _trigger_token(event, ctx)
    if trigger is None:
        return None
    return next(
        (
            ctx.place_at[p.i]
            for c in trigger.children
            if c.dep_ == "prep" and c.lower_ == "from"
            for p in c.children
            if p.dep_ == "pobj" and p.i in ctx.place_at
        ),
        None,
    )


def _doer_told(event: Event, ctx: Context) -> bool:
    """Whether the text says who did it in words no actor codes: a pronoun ("he shot and killed an agent"), a
    person's name or a word for a person ("a man opened fire"). Such a doer is someone the story knows, not
    an unidentified attacker."""
    verb = _trigger_token(event, ctx)
    if verb is None:
        return False
    verbs = [verb, verb.head] if verb.dep_ == "conj" else [verb]  # "he shot and killed"
    return any(
        c.dep_ == "nsubj"
        and (
            c.tag_ in ("PRP", "WP") or c.ent_type_ == "PERSON" or c.lemma_.lower() in agent_words.PERSON_NOUNS
        )
        for v in verbs
        for c in v.children
    )


def _local_country(location: Any, ctx: Context) -> str | None:
    """The country of the event's place (a world region has none), else of the article."""
    place = location.country if location is not None and location.precision != "region" else None
    return place or ctx.focus_country


def _local(text: str, sector: str | None, location: Any, ctx: Context) -> Actor | None:
    """A party the text leaves unnamed, of the country of the event's place, else of the article's."""
    country = _local_country(location, ctx)
    return Actor(text=text, name=None, country=country, sector=sector) if country else None


def _target_named(tok: Any) -> str | None:
    """What an act was done to when no actor codes it: the verb's object ("looted a shop"), the object of a
    noun's "on" or "against" ("attacks on army posts") or of a verb phrase's ("opened fire on the crowd", "set
    fire to a church")."""
    if tok.pos_ == "VERB":
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if tok.pos_ != "VERB" or (obj is not None and _completes_trigger(tok, obj)):
        # "opened fire on the crowd": the fire is the act, the crowd its target
        obj = next(
            (
                p
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in ("on", "against", "to")
                for p in c.children
                if p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME")  # "on Sunday" is when
            ),
            None,
        )
    return _phrase(obj) if obj is not None and obj.pos_ in ("NOUN", "PROPN") else None


def _phrase(head: Any) -> str:
    """The words of a noun phrase up to its head ("army posts" of "army posts in Darfur")."""
    words = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("punct", "cc", "conj")]
    return head.doc[words[0].i : head.i + 1].text if words else head.text


def _struck(event: Event, ctx: Context) -> Actor | None:
    """Whom an attack struck when no actor codes its target: what the text names ("attacks on army posts"),
    or, when it names nothing ("a bomb exploded in a market"), the people, ACLED's "Civilians (country)";
    either of the country of the place struck, else of the country the article is about."""
    if event.target:
        return _local(event.target, None, event.location, ctx)
    return _local("civilians", "CVL", event.location, ctx)


def _host(force: Actor | None, location: Any) -> Actor | None:
    """The country a force is deployed into ("sent troops into Mali", "peacekeepers arrived in Kosovo"): the
    recipient of a mobilisation on foreign soil; none at home ("deployed troops to the border")."""
    if force is None or not force.country or location is None or not location.country:
        return None
    if location.precision == "region" or location.country == force.country:
        return None
    if location.precision != "country" and name_key(location.text) != name_key(location.name or ""):
        return None  # a place matched loosely ("Sea" read as a town "Cea") is no ground to name a host
    return Actor(text=location.text, name=location.name, country=location.country, sector="GOV")


def _agentless_passive(tok: Any) -> bool:
    """A passive verb with its subject and no agent ("were withdrawn", not "were withdrawn by the army")."""
    deps = {c.dep_ for c in tok.children}
    return tok.pos_ == "VERB" and "nsubjpass" in deps and "agent" not in deps


def _left_place(tok: Any) -> Any | None:
    """What a withdrawal leaves: the object of "from" or "out of"."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            return next((p for p in prep.children if p.dep_ == "pobj"), None)
        if prep.dep_ in ("prep", "prt") and prep.lower_ == "out":
            of = [p for c in prep.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
            of += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
            return next((p for p in of if p.dep_ == "pobj"), None)
    return None


def _agentless_arrest(tok: Any, typing: Typing) -> bool:
    """A passive arrest or detention with no agent named ("a man was arrested", "the fugitive was captured"):
    made by the police."""
    if tok.pos_ != "VERB" or (tok.lemma_.lower() not in agent_words.ARREST_VERBS and typing.mode != "arrest"):
        return False
    if tok.dep_ == "amod" and tok.i < tok.head.i:
        return False  # "the detained journalist": a state the person is in, not a report of an arrest
    return _unagented(tok, reduced=True)


def _agentless_charge(tok: Any) -> bool:
    """A passive charge with no one named bringing it ("a man was charged with murder", "has been indicted"):
    brought by the prosecution."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in agent_words.CHARGE_VERBS and _unagented(tok)


def _unagented(tok: Any, reduced: bool = False) -> bool:
    """A passive no one is named doing ("was arrested", "has been charged"); ``reduced``: a bare participle
    counts too ("two men arrested in raid")."""
    deps = {c.dep_ for c in tok.children}
    return "agent" not in deps and (
        "nsubjpass" in deps or "auxpass" in deps or (reduced and tok.tag_ == "VBN")
    )


def _shared_object(tok: Any) -> Any | None:
    """The object a verb shares with the verb joined to it when it has none of its own ("shot and killed the
    teen", "surrounded and stormed the base"); a conjunct with a subject of its own is another clause."""
    if tok.pos_ != "VERB" or any(
        c.dep_ in ("dobj", "obj", "nsubjpass", "ccomp", "xcomp") for c in tok.children
    ):
        return None
    for conj in tok.children:
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and not any(c.dep_ == "nsubj" for c in conj.children):
            return next((c for c in conj.children if c.dep_ in ("dobj", "obj")), None)
    return None


def _hosting_verb(tok: Any) -> Any | None:
    """The subject of the verb a meeting noun frames ("X said during a meeting with Y", "X talked trade in a
    phone call with Y"): who took part in the meeting."""
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ not in agent_words.FRAMING_PREPS:
        return None
    verb = tok.head.head
    if verb.pos_ != "VERB":
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _gathering_verb(tok: Any) -> Any | None:
    """The verb of coming together that a protest noun is the setting or object of ("gathered at a rally",
    "marched in a protest", "joined the strike")."""
    if tok.pos_ != "NOUN":
        return None
    if tok.dep_ == "pobj" and tok.head.lower_ in agent_words.GATHERING_PREPS:
        verb = tok.head.head
    elif tok.dep_ == "dobj":
        verb = tok.head
    else:
        return None
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in agent_words.GATHERING_VERBS else None


def _gathered_at(tok: Any) -> Any | None:
    """Who took part in a protest the sentence names as where they gathered: the gathering verb's subject."""
    verb = _gathering_verb(tok)
    return next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None


def _antecedent(head: Any, ctx: Context) -> Any:
    """A person named by surname alone ("Cavusoglu later spoke with Kerry") stands for the fuller earlier
    mention of the same name ("Turkish Foreign Minister Mevlut Cavusoglu"), which carries the title that codes
    them."""
    if head.pos_ != "PROPN" or head.ent_type_ not in ("PERSON", ""):
        return head
    own = code_actor(head, ctx)
    if own is not None and own.country:
        return head
    fuller = fuller_mention(head, ctx)
    return fuller if fuller is not None else head


def _medium(child: Any) -> Any | None:
    """The medium of "spoke by telephone", which the parser takes for a passive's agent, else None."""
    if child.dep_ != "agent":
        return None
    return next(
        (p for p in child.children if p.dep_ == "pobj" and p.lemma_.lower() in agent_words.MEDIA), None
    )


def _distinct_dyads(
    dyads: list[tuple[Actor | None, Actor | None]],
) -> list[tuple[Actor | None, Actor | None]]:
    """One event per pair of sides: parties joined in one phrase that code alike ("killed six police officers
    and a civilian", "a child nor woman") are one happening, not one event each."""
    seen: set[tuple[Any, Any]] = set()
    out = []
    for a, r in dyads:
        key = (_side(a), _side(r))
        if key in seen:
            continue
        seen.add(key)
        out.append((a, r))
    return out


def _side(party: Actor | None) -> Any:
    """What tells one side from another: its country, else its name or text."""
    if party is None:
        return None
    return party.country or party.name or party.text.lower()


def _person(head: Any, location: Any, ctx: Context) -> Actor | None:
    """A private person the dictionaries do not code ("a man", "the teen", "a 16-year-old Kimani Gray"): a
    civilian of the event's country, else of the article's; None for anything else."""
    if head.ent_type_ in ("GPE", "ORG", "NORP", "LOC", "FAC"):
        return None
    named = head.pos_ == "PROPN" and head.ent_type_ == "PERSON"
    if not named and (head.pos_ != "NOUN" or head.lemma_.lower() not in agent_words.PERSON_NOUNS):
        return None
    country = _local_country(location, ctx)
    if country is None:
        return None
    words = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("punct", "cc", "conj")]
    return Actor(
        text=_phrase(head),
        name=None,
        country=country,
        sector="CVL",
        start=ctx.doc[words[0].i].idx if words else head.idx,
        end=head.idx + len(head),
    )


def _labour_subject(tok: Any, ctx: Context, typing: Typing) -> bool:
    """Whether the subject of a verb of striking is labour ("cabin crew are preparing to strike", "the union
    struck for higher pay")."""
    subj_heads, _obj = participants(tok, ctx, typing)
    return any(
        (h := _measured(head)).lemma_.lower() in agent_words.LABOUR_NOUNS
        or any(c.lemma_.lower() in agent_words.LABOUR_NOUNS for c in h.children if c.dep_ == "compound")
        for head in subj_heads
    )


def _armed_blow(tok: Any, ctx: Context, typing: Typing) -> bool:
    """Only workers walk out: what an armed party or a weapon strikes, it hits ("warplanes struck rebel
    positions", "a missile struck the base"), and whom it beats it assaults ("protesters were beaten by
    soldiers"; a senator beats a rival at the polls). A law "struck down" or a blow with no object is none."""
    if any(c.dep_ == "prt" and c.lower_ in eventness.NO_BLOW_PARTICLES for c in tok.children) or not any(
        c.dep_ in ("dobj", "nsubjpass") for c in tok.children
    ):
        return False
    return _armed_doer(tok, ctx, typing)


def _in_words(verb: Any, ctx: Context) -> bool:
    """An attack a politician makes on someone or something that is no place, site or armed party ("Trump
    attacked the health plan", "the senator attacked the president", "efforts attacked by Palin"): words."""
    if verb.pos_ != "VERB":
        return False
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    doers += [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    targets = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not doers or not targets:
        return False
    for doer in doers:  # a person, by name or office, not a state: "Syria attacked the convoy" is no word
        entry = ctx.by_token.get(doer.i)
        person = (
            doer.ent_type_ == "PERSON"
            or (entry is not None and entry.kind == "official")
            or actors.agent(doer.lemma_.lower()) is not None
        )
        coded = code_actor(doer, ctx) if person else None
        if coded is None or coded.sector not in eventness.POLITICIAN_SECTORS:
            return False
    for target in targets:
        if (
            target.i in ctx.place_at
            or target.ent_type_ in ("GPE", "LOC", "FAC")
            or target.lemma_.lower() in SITES
        ):
            return False
        party = code_actor(target, ctx)
        if party is not None and party.sector in acled.ARMED_SECTORS | {"UAG"}:
            return False
    return True


def _armed_doer(tok: Any, ctx: Context, typing: Typing) -> bool:
    """Whether the trigger's subject is a weapon or an armed party."""
    subj_heads, _obj = participants(tok, ctx, typing)
    for head in subj_heads:
        if head.lemma_.lower() in WEAPON_WORDS:
            return True
        party = code_actor(head, ctx)
        if party is not None and party.sector in acled.ARMED_SECTORS | {"UAG"}:
            return True
    return False


def _entered_into(tok: Any) -> Any | None:
    """The subject of a verb of entering an encounter ("the gunman got into a shootout with police", "rebels
    engaged in heavy fighting with troops"): who took part in it."""
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ not in ("into", "in"):
        return None
    verb = tok.head.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in agent_words.ENTERING_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _lost_by(tok: Any) -> Any | None:
    """The side a place was taken from ("retook Rawa from ISIL", "seized the base from the army", "ISIL lost
    ground as the army captured villages"): the loser of a capture, its recipient."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    for head in [tok, *objects]:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "from":
                found = next((p for p in prep.children if p.dep_ == "pobj"), None)
                if found is not None:
                    return found
    if tok.dep_ in ("advcl", "conj") and tok.head.lemma_.lower() in eventness.LOSING_VERBS:
        # "ISIL lost ground as Iraqi forces captured villages": the loser is the other clause's subject
        return next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    # "overran the army's main base", "took control of the rebels' stronghold": whose the place was
    taken = [
        p for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
    ]
    for place in objects + [p for p in taken if p.dep_ == "pobj"]:
        owner = next((c for c in place.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
        if owner is not None:
            return owner
    return None
