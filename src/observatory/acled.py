"""ACLED sub-event types: the trigger's own typing refined by what ACLED's codebook decides on — the weapon
named, whether a protest turned violent or met force, and whether both sides are armed and organised.

Cues are read from the event's sentence less its asides — landmarks and reasons ("a week after an air
strike", "over the bombing"), purposes ("to demand the release of detainees") and accusations ("a man accused
of rape") — so a weapon or an arrest mentioned in passing does not retype the event.
"""

from __future__ import annotations

from typing import Any

from . import nlp, settings
from .lang.en.acled import (
    ACCUSING,
    ASIDE_PREPS,
    CROWD,
    LETHAL,
    PROTEST_INTERVENTION,
    PROTEST_VIOLENCE,
    WEAPON_CUES,
    WEAPONS,
)
from .model import Actor

# ACLED's event type of each sub-event type (the codebook's table, a data file)
EVENT_TYPE = {sub: event_type for sub, event_type in settings.data_rows("acled_sub_event_types.tsv")}

ARMED_SECTORS = {"MIL", "REB", "COP"}
CROWD_SECTORS = {"OPP"}  # protesters and opposition supporters: what a crowd storms, it does not hold
CROWD_EVENT_TYPES = {"Protests", "Riots"}
# the event types that count dead and wounded, and are exported as violence
VIOLENT_EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
REFINED_TYPES = {"ASSAULT", "COERCE", "PROTEST"}  # the event types whose sub-event type the cues can change


def words(tokens: Any) -> set[str]:
    """Lemmas, lemma bigrams and lower-cased forms of common words (names skipped: "Shell" is a company)."""
    kept = [t for t in tokens if not t.is_punct and t.pos_ != "PROPN"]
    lemmas = [t.lemma_.lower() for t in kept]
    return set(lemmas) | {f"{a} {b}" for a, b in zip(lemmas, lemmas[1:])} | {t.lower_ for t in kept}


def names_crowd(sent: Any) -> bool:
    """Whether a sentence names protesters, rioters or a crowd (ACLED's protest and riot types need one)."""
    return bool(words(sent) & CROWD)


def clause_of(trigger: Any) -> list[Any]:
    """The tokens that may describe the event: its sentence, less the asides that name other events —
    landmarks and reasons ("a week after an air strike", "over the bombing"), purposes ("to demand the release
    of detainees") and accusations ("a man accused of rape")."""
    sent = nlp.sentence_of(trigger)
    dropped: set[int] = set()
    for t in sent:
        if t.i == trigger.i or t.i in dropped:
            continue
        aside = (
            (t.dep_ == "prep" and t.lower_ in ASIDE_PREPS)
            or (
                t.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
            )
            or (t.dep_ in ("acl", "relcl") and t.lemma_.lower() in ACCUSING)
        )
        if aside and trigger not in t.subtree:
            dropped.update(x.i for x in t.subtree)
    return [t for t in sent if t.i not in dropped]


def refined(
    sub_event: str | None, event_type: str, cues: set[str], actor: Actor | None, recipient: Actor | None
) -> str | None:
    """The ACLED sub-event type once the weapon, the violence of a protest and the sides are known."""
    if event_type == "ASSAULT" and sub_event in ("Attack", "Armed clash", None):
        weapon = next((label for label, found in WEAPON_CUES if cues & found), None)
        if weapon:
            return weapon
        sides = {a.sector for a in (actor, recipient) if a}
        if "OPP" in sides:  # protesters fighting, or force used against them
            if (actor and actor.sector == "OPP") or sub_event == "Armed clash":
                return "Violent demonstration"
            return "Excessive force against protesters" if cues & LETHAL else "Protest with intervention"
        if (
            sub_event == "Attack"
            and actor
            and recipient
            and actor.sector in ARMED_SECTORS
            and recipient.sector in ARMED_SECTORS
        ):
            return "Armed clash"  # two armed, organised sides
    if event_type == "COERCE" and sub_event in ("Arrests", None) and cues & WEAPONS:
        return "Disrupted weapons use"  # weapons seized or found
    if event_type == "PROTEST" and sub_event == "Peaceful protest":
        if cues & PROTEST_INTERVENTION and cues & LETHAL:
            return "Excessive force against protesters"
        if cues & PROTEST_VIOLENCE:
            return "Violent demonstration"
        if cues & PROTEST_INTERVENTION:
            return "Protest with intervention"
    return sub_event
