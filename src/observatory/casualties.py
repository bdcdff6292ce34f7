"""Fatalities and injuries: the counts a sentence states for its violent events, with their evidence spans.

A count is read from the parse: a number (``like_num`` or a number word) attached to the dead or injured
through a kill/die/wound verb ("killing five fighters", "24 civilians died", "a dozen were wounded") or a
death noun ("30 deaths", "the death toll rose to 30"). Vague counts follow ACLED's convention ("dozens" → 12)
and are flagged approximate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import acled, actors
from .lang.en import agents as agent_words
from .lang.en import casualties as words
from .lang.en.roles import SINGULAR_PRONOUNS


@dataclass(frozen=True)
class Count:
    """A stated count of dead or injured: ``kind`` is 'fatalities' or 'injured'; offsets are characters."""

    kind: str
    count: int
    text: str
    start: int
    end: int
    approximate: bool = False

    def span(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end}
        if self.approximate:
            out["approximate"] = True
        return out


def number(tokens: list[Any]) -> tuple[int, bool] | None:
    """(value, approximate) of a number phrase's tokens ("24", "1,200", "twenty-four", "a dozen")."""
    total, current, seen, vague = 0, 0, False, False
    for tok in tokens:
        low = tok.lower_.replace(",", "")
        if re.fullmatch(r"\d+(\.\d+)?", low):
            current += int(float(low))
            seen = True
            continue
        parts = low.split("-")
        if all(p in words.UNITS for p in parts) and low not in ("a", "an", "single"):
            current += sum(words.UNITS[p] for p in parts)
            seen = True
        elif low in words.SCALES:
            current = max(current, 1) * words.SCALES[low]
            if words.SCALES[low] >= 1000:
                total, current = total + current, 0
            seen = True
        elif low in ("dozen",):
            current = max(current, 1) * 12
            seen = True
        elif low in words.VAGUE:
            current += words.VAGUE[low]
            seen = vague = True
        elif low in ("a", "an", "single") and not seen:
            current = 0
    value = total + current
    return (value, vague) if seen and value > 0 else None


def _count_tokens(noun: Any) -> list[Any]:
    """The number words counting ``noun`` ("five fighters", "at least 30 people", "dozens of civilians",
    "killing 5"), in order; empty when none."""
    if noun.like_num or noun.lower_ in words.VAGUE or noun.lower_ == "dozen":
        return sorted(
            [
                t
                for t in noun.subtree
                if t.like_num
                or t.lower_ in words.VAGUE
                or t.lower_ in ("dozen", "a", "an")
                or t.lower_ in words.SCALES
            ],
            key=lambda t: t.i,
        )
    nums = [
        c
        for c in noun.children
        if c.dep_ in ("nummod", "quantmod") or (c.dep_ == "amod" and c.lower_ in words.VAGUE)
    ]
    out = []
    for c in nums:
        out.extend(
            t
            for t in c.subtree
            if t.like_num
            or t.lower_ in words.VAGUE
            or t.lower_ in words.SCALES
            or t.lower_ in ("dozen", "a", "an")
        )
    return sorted(out, key=lambda t: t.i)


def _one_person(head: Any) -> bool:
    """A single person with no number: a name, "he", or a singular noun of a person or an agent ("the teen",
    "a man", "Russia's ambassador")."""
    if head.lower_ in SINGULAR_PRONOUNS:  # "before he was killed"
        return True
    if head.tag_ not in ("NN", "NNP") or any(c.dep_ in ("nummod", "quantmod") for c in head.children):
        return False
    return (
        head.ent_type_ == "PERSON"
        or head.lemma_.lower() in agent_words.PERSON_NOUNS
        or actors.agent(head.lemma_) is not None
    )


def _phrase_count(noun: Any, people: bool = False) -> tuple[int, bool] | None:
    """The count of a noun phrase and its conjuncts ("five soldiers and three civilians" → 8); with
    ``people`` (the dead or injured of a verb), a single person named without a number counts one ("killed
    the teen", "two women and a man")."""
    if noun.like_num:  # "two hundred and five": one number, not conjoined counts
        return number(_count_tokens(noun))
    found, vague, total = False, False, 0
    uncounted = []
    for head in [noun, *noun.conjuncts]:
        if head.lower_ in words.VAGUE and head.dep_ != "amod":  # "dozens of civilians"
            value = number([head])
        else:
            value = number(_count_tokens(head)) or ((1, False) if people and _one_person(head) else None)
        if value:
            total += value[0]
            vague = vague or value[1]
            found = True
        elif (
            people
            and head.tag_ == "NN"
            and any(t.dep_ == "det" and t.lower_ in ("a", "an") for t in head.subtree if t.i < head.i)
        ):
            uncounted.append(head)
    # one of a list of the dead: "a police officer and a bomb technician" are two, whatever a technician is
    return (total + len(uncounted), vague) if found else None


def _span(tokens: list[Any]) -> tuple[str, int, int]:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t) for t in tokens)
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    return tokens[0].doc[first : last + 1].text, start, end


def _make(kind: str, value: tuple[int, bool], tokens: list[Any]) -> Count:
    text, start, end = _span(tokens)
    return Count(kind, value[0], text, start, end, value[1])


def _object_phrase(verb: Any) -> list[Any]:
    """The nouns a verb acts on: its object, or its passive subject ("30 were killed"), which a passive
    shares with the verb it is coordinated with ("30 were shot and killed")."""
    own = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not own and verb.dep_ == "conj" and any(c.dep_ in ("agent", "auxpass") for c in verb.head.children):
        own = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    return own


def _of_verb(verb: Any, kind: str) -> Count | None:
    for noun in _object_phrase(verb):
        value = _phrase_count(noun, people=True)
        if value:
            return _make(kind, value, [verb, *_count_tokens(noun), noun])
    if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "NUM"):  # "24 people killed"
        value = _phrase_count(verb.head, people=True)  # "a girl killed by a stray bullet": one
        if value:
            return _make(kind, value, [verb.head, *_count_tokens(verb.head), verb])
    return None


def _to_death(tok: Any) -> bool:
    """ "stabbed to death", "shot him to death"."""
    return any(
        c.dep_ == "prep" and c.lower_ == "to" and any(p.lemma_.lower() == "death" for p in c.children)
        for c in tok.children
    )


def _kills(tok: Any) -> bool:
    lemma = tok.lemma_.lower()
    if lemma not in words.KILL_VERBS:
        return False
    if any(c.dep_ == "advmod" and c.lower_ in words.FATAL_ADVERBS for c in tok.children):
        return True  # "fatally shot", "fatally stabbed"
    if lemma in words.NEEDS_PARTICLE:
        # "shot dead two men": the particle may be parsed apart from the verb
        following = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
        return (
            following in words.NEEDS_PARTICLE[lemma]
            or any(c.lower_ in words.NEEDS_PARTICLE[lemma] for c in tok.children)
            or _to_death(tok)
        )
    if lemma == "claim":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in words.LIFE_NOUNS for c in tok.children)
    return True


def in_sentence(sent: Any) -> list[Count]:
    """Every count of dead or injured stated in a sentence."""
    found: list[Count] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        low = tok.lower_
        if tok.pos_ in ("VERB", "ADJ", "AUX") or tok.tag_ in ("VBN", "VBD", "VBG"):
            if tok.tag_ == "VB" or any(c.dep_ == "neg" for c in tok.children):
                continue  # "not to kill a child", "vowed to kill", "could die": no one died of it
            if _kills(tok):
                count = _of_verb(tok, "fatalities")
            elif lemma in words.INJURE_VERBS or low in ("wounded", "injured"):
                count = _of_verb(tok, "injured")
                if count is None and tok.dep_ in ("amod", "acomp", "ROOT", "conj"):
                    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                    value = _phrase_count(subj) if subj is not None else None
                    count = _make("injured", value, [subj, tok]) if value else None
            elif lemma in words.DIE_VERBS or (low == "dead" and tok.dep_ != "amod"):
                holder = (
                    tok.head if tok.dep_ == "acomp" else tok
                )  # "25 people are dead": the copula's subject
                subj = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                value = _phrase_count(subj, people=lemma in words.DIE_VERBS) if subj is not None else None
                count = _make("fatalities", value, [subj, *_count_tokens(subj), tok]) if value else None
            else:
                count = None
            if count:
                found.append(count)
                continue
        if tok.pos_ in ("NOUN", "ADJ", "PROPN") and {lemma, low} & (words.DEATH_NOUNS | words.INJURY_NOUNS):
            kind = "injured" if (lemma in words.INJURY_NOUNS or low in words.INJURY_NOUNS) else "fatalities"
            if lemma == "casualty":
                continue  # "casualties" mixes the dead and the wounded
            if lemma in ("body", "corpse", "life") and not _kill_context(tok):
                continue
            value = _phrase_count(tok)
            if value:
                found.append(_make(kind, value, [*_count_tokens(tok), tok]))
            continue
        if lemma in words.TOLL_NOUNS:
            value, tokens = _toll(tok)
            if value:
                found.append(_make("fatalities", value, [tok, *tokens]))
    return _distinct(found)


def _kill_context(tok: Any) -> bool:
    """'lives' and 'bodies' count the dead only beside a verb of killing or finding ("claimed 12 lives")."""
    return tok.head.lemma_.lower() in ("claim", "lose", "find", "recover", "discover", "take")


def _toll(tok: Any) -> tuple[tuple[int, bool] | None, list[Any]]:
    """The figure a toll states: "the toll rose to 30", "a toll of 12", "the toll stood at 30"."""
    holders = [tok] + ([tok.head] if tok.dep_ in ("nsubj", "nsubjpass") else [])
    for holder in holders:
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ in words.TOLL_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj" and (value := _number_phrase(p)):
                        return value, [c, *p.subtree]
            if holder is not tok and c.dep_ in ("dobj", "attr") and (value := _number_phrase(c)):
                return value, list(c.subtree)
    return None, []


def _number_phrase(tok: Any) -> tuple[int, bool] | None:
    if tok.like_num or tok.lower_ in words.VAGUE:
        return number(list(tok.subtree))
    return _phrase_count(tok)


def _distinct(found: list[Count]) -> list[Count]:
    """One count per stretch of text: an overlapping pair keeps the longer span."""
    out: list[Count] = []
    for c in sorted(found, key=lambda c: (c.start, -(c.end - c.start))):
        if out and c.start < out[-1].end and c.kind == out[-1].kind:
            continue
        out.append(c)
    return out


VIOLENT_TYPES = {"ASSAULT"}


def violent(event: Any) -> bool:
    """An event that can have dead or injured: an assault, or any event ACLED counts as violence or a riot."""
    kind = acled.EVENT_TYPE.get(event.acled_sub_event_type or "")
    return event.event_type in VIOLENT_TYPES or kind in acled.VIOLENT_EVENT_TYPES


FOLLOW_SENTENCES = 2  # how far after its event a toll may be told ("The toll later rose to nine.")


def attach(events: list[Any], doc: Any, text: str) -> None:
    """Give each occurred or ongoing violent event the dead and injured its sentence states; a sentence that
    states a toll and reports no violent event of its own adds to the last violent event before it in the
    same paragraph and shortly after it ("Five people were killed. The toll later rose to nine."). ``text`` is
    the doc's text, joined once by the caller."""
    by_sent: dict[int, list[Any]] = {}
    for e in events:
        if violent(e) and e.status in ("occurred", "ongoing"):
            by_sent.setdefault(e.sent_start, []).append(e)
    if not by_sent:
        return  # a toll is only ever given to a violent event
    last: list[Any] = []
    since = 0  # sentences since the last violent event's
    for sent in doc.sents:
        since += 1
        if last and ("\n\n" in text[last[0].sent_end : sent.start_char] or since > FOLLOW_SENTENCES):
            last = []  # a toll belongs to an event of its own paragraph, told just before it
        counts = (
            in_sentence(sent)
            if any(w.lower_ in _TRIGGER_WORDS or w.lemma_.lower() in _TRIGGER_WORDS for w in sent)
            else []
        )
        own = by_sent.get(sent.start_char, [])
        targets = own or last
        for kind in ("fatalities", "injured"):
            best = max((c for c in counts if c.kind == kind), key=lambda c: c.count, default=None)
            if best is None:
                continue
            for e in targets:
                current = getattr(e, kind)
                if own or current is None or best.count > current.count:
                    setattr(e, kind, best)
        if own:
            last, since = own, 0


_TRIGGER_WORDS = (
    words.KILL_VERBS
    | words.DIE_VERBS
    | words.DEATH_NOUNS
    | words.TOLL_NOUNS
    | words.INJURY_NOUNS
    | words.INJURE_VERBS
    | {"wounded", "injured", "dead", "died", "killed", "lives"}
)
