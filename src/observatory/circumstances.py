"""The circumstances of an event's clause: where, when, how certain, and according to whom."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from . import nlp, settings
from .gazetteer import place_nouns, place_words
from .lang.en.eventness import CONTRAST_MARKERS, LANDING_PREPS, LANDMARK_PREPS, SPAN_OPENERS
from .lang.en.layout import LINE_END_MARKS
from .lang.en.modality import (
    CITING_VERBS,
    CLOSING_QUOTES,
    HYPOTHETICAL_HEADS,
    HYPOTHETICAL_MODALS,
    NEGATION_WORDS,
    NEGATORS,
    OPEN_QUESTION_MARKS,
    OPENING_QUOTES,
    SCHEDULE_WORDS,
    SOURCE_PREPOSITIONS,
    SPEECH_VERBS,
)
from .model import Place, TimeExpr
from .roles import LOCATIVE_PREPS, TERRITORY_NOUNS, Context, is_attack_noun

PLACE_NOUNS = place_nouns("back")  # "the town" refers back to a place named before
AREA_NOUNS = place_nouns("cue") | PLACE_NOUNS  # "Giza's Haram district": the district lies in Giza
DEDICATIONS = place_words("dedication")  # "the church of St. Peter": a patron saint, no place


def in_clause(tok: Any, trig: Any) -> bool:
    heads = nlp.heads_of(tok.doc)
    cur = tok.i
    for _ in range(12):
        if cur == trig.i:
            return True
        if heads[cur] == cur:
            return False
        cur = heads[cur]
    return False


def location_of(trig: Any, ctx: Context, exclude: set[int], local: bool) -> tuple[Place | None, float]:
    """The place the event's clause points to; (place, confidence of the attachment). ``local``: a happening
    that, placed nowhere else, took place in the town the report is set in (not a statement, whose place the
    report's town does not tell, nor a capture, which takes only a place it names)."""
    doc, text, sent = trig.doc, ctx.text, nlp.sentence_of(trig)
    # the places of the trigger's sentence: no arc of the parse leaves a sentence
    here = [(i, place) for i, place in ctx.place_at.items() if sent.start <= i < sent.end]
    # a place in someone's words ("shouting 'Remember X!'") is not where it happened
    if not _quoted(trig, text):
        exclude = exclude | {i for i, _p in here if _quoted(doc[i], text)}
    # 1. places in the trigger's own subtree, nearest in the tree first
    scored = []
    for i, place in here:
        if _attacked_town(doc[i], trig, place):
            return place, 0.9
        if i in exclude or not in_clause(doc[i], trig) or _under_content_clause(doc[i], trig):
            continue
        if _object_of_noun(doc[i], trig):
            continue
        depth, cur = 0, doc[i]
        while cur.i != trig.i and depth < 12:
            cur, depth = cur.head, depth + 1
        prep = doc[i].head if doc[i].dep_ == "pobj" else None
        if _is_actor_use(doc[i], ctx) and not _names_where(doc[i], trig, place):
            continue
        if _struck_place(doc[i], trig, place):
            return place, 0.9
        scored.append((depth - (0.5 if prep is not None and prep.lower_ in LOCATIVE_PREPS else 0), place))
    if scored:
        best = min(scored, key=lambda item: item[0])[1]
        # "in the town of Mubi in Adamawa state": the region only situates the town, where it happened
        inside = [
            (d, p) for d, p in scored if p.within(best) and (p.name, p.country) != (best.name, best.country)
        ]
        return min(inside or [(0, best)], key=lambda item: item[0])[1], 0.9
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
    # 3. fall back to a place elsewhere in the sentence that is not an actor, nor what a noun acts on
    for i, place in sorted(here):
        if i not in exclude and not _is_actor_use(doc[i], ctx) and not _object_of_noun(doc[i], trig):
            return replace(place, basis="sentence"), 0.5
    # 4. then to the latest place named earlier in the same paragraph
    earlier = [
        (i, p)
        for i, p in ctx.place_at.items()
        if doc[i].idx < sent.start_char and not _is_actor_use(doc[i], ctx)
    ]
    paragraph_start = _paragraph_start(text, sent.start_char)
    latest = max(((i, p) for i, p in earlier if doc[i].idx >= paragraph_start), default=None)
    if latest is not None:
        return replace(latest[1], basis="paragraph"), 0.3
    # 5. then to the town the report is set in
    if local and ctx.focus_place is not None:
        return replace(ctx.focus_place, basis="article"), 0.2
    # 6. then to the latest place named earlier in the article
    if earlier and local:
        return replace(max(earlier, key=lambda item: item[0])[1], basis="article"), 0.2
    return None, 0.0


def _paragraph_start(text: str, pos: int) -> int:
    """Where the paragraph holding ``pos`` starts: after the last line break that ends a sentence (news text
    puts one paragraph on a line) or a blank line; a hard-wrapped line that breaks a sentence goes on."""
    end = pos
    while (j := text.rfind("\n", 0, end)) >= 0:
        k = j
        while k > 0 and text[k - 1] in " \t\r":
            k -= 1
        if k == 0 or text[k - 1] in LINE_END_MARKS or text[k - 1] == "\n":
            return j + 1
        end = j
    return 0


def _names_where(tok: Any, trig: Any, place: Place) -> bool:
    """A town naming the event's own noun says where it happened ("a Calgary rally", "the Kabul bombing"); a
    country there says whose it was ("a US strike")."""
    return (
        tok.dep_ in ("compound", "amod")
        and tok.pos_ == "PROPN"
        and tok.head.i == trig.i
        and place.precision not in ("country", "region")
    )


def _attacked_town(tok: Any, trig: Any, place: Place) -> bool:
    """A town an attack is made on ("drone attacks on Kyiv", "the shelling of Donetsk") is where it happened,
    as well as its target: a blow lands where its target is."""
    noun = tok.head.head  # the attack, the trigger or its clause's subject ("air strikes on Gaza killed …")
    return (
        place.precision not in ("country", "region")
        and tok.dep_ == "pobj"
        and tok.head.lower_ in ("on", "against", "of")
        and is_attack_noun(noun)
        and (noun.i == trig.i or (noun.head.i == trig.i and noun.dep_ in ("nsubj", "nsubjpass")))
    )


def _quoted(tok: Any, text: str) -> bool:
    """Whether ``tok`` stands inside quotation marks opened earlier in its line of ``text`` (its doc's text; a
    quotation may run over several sentences: "Remember X! Remember Y!")."""
    line = text[text.rfind("\n", 0, tok.idx) + 1 : tok.idx]
    curly = sum(line.count(q) for q in OPENING_QUOTES) - sum(line.count(q) for q in CLOSING_QUOTES)
    return curly > 0 or line.count('"') % 2 == 1


def _object_of_noun(tok: Any, trig: Any) -> bool:
    """'against the bombing of X', 'after the siege of X': the place of another event the sentence names, not
    of this one (the event's own noun, 'the siege of X', is placed by it)."""
    noun = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    return (
        noun is not None and noun.i != trig.i and noun.pos_ == "NOUN" and noun.lemma_.lower() in event_nouns()
    )


def _struck_place(tok: Any, trig: Any, place: Place) -> bool:
    """A town in what an attack, as the subject of its verb, hit ("rocket fire from Gaza hit the town of
    Sderot", "shells landed in Aleppo"): the blow landed there, wherever it came from."""
    # the trigger is the attack noun or the verb it is the subject of
    verb = trig.head if trig.dep_ == "nsubj" and is_attack_noun(trig) else trig
    if place.precision in ("country", "region") or not any(
        c.dep_ == "nsubj" and is_attack_noun(c) for c in verb.children
    ):
        return False
    cur = tok
    for _ in range(4):
        if cur.head.i == verb.i:
            return cur.dep_ == "dobj" or (cur.dep_ == "prep" and cur.lower_ in LANDING_PREPS)
        if cur.head is cur:
            return False
        cur = cur.head
    return False


@lru_cache(maxsize=1)
def event_nouns() -> frozenset[str]:
    """The lexicon's one-word noun triggers ("bombing", "siege")."""
    return frozenset(row[0] for row in settings.data_rows("triggers.tsv") if row[1:2] == ["NOUN"])


def _under_content_clause(tok: Any, trig: Any) -> bool:
    """True when ``tok`` is in a that-clause of the trigger ("agreed that … in Syria"): content, not place."""
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
    """Metonymy: 'Moscow said', 'Russia's President', 'according to Al-Ahram' — a place name used as an actor,
    a source, a modifier, a person's home or a piece of an organisation's name."""
    if tok.dep_ == "pobj" and (tok.head.head.lower_, tok.head.lower_) in SOURCE_PREPOSITIONS:
        return True  # "according to Al-Ahram": the source of the report
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in CITING_VERBS:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        owner = tok.head.head
        if owner.ent_type_ == "ORG":
            return True  # "the Coptic Church of Alexandria", "the University of Texas": part of a name
        if owner.i not in ctx.place_at and (owner.pos_ == "PROPN" or owner.ent_type_ in ("PERSON", "DATE")):
            return True  # "John Doe, 40, of Springfield": where a person lives

    if _dedication(tok):
        return True
    if tok.dep_ == "poss" and tok.head.lemma_.lower() in AREA_NOUNS:
        return False  # "in Giza's Haram district": where the district lies
    if _town_of_site(tok, ctx):
        return False
    return tok.dep_ in ("nsubj", "nsubjpass", "poss") or (
        tok.dep_ in ("compound", "amod")
        and tok.head.pos_ in ("NOUN", "PROPN")
        and tok.head.lemma_.lower() not in TERRITORY_NOUNS
    )


def _town_of_site(tok: Any, ctx: Context) -> bool:
    """A town naming a site something is in or at says where that is ("in a Montreal jail", "at a Winnipeg
    hotel"); a country there says whose the site is ("at a US base")."""
    place = ctx.place_at.get(tok.i)
    site = tok.head
    return (
        place is not None
        and place.precision not in ("country", "region")
        and tok.dep_ == "compound"
        and tok.pos_ == "PROPN"
        and site.dep_ == "pobj"
        and site.head.lower_ in LOCATIVE_PREPS
    )


def _dedication(tok: Any) -> bool:
    """'the church of St. Peter and St. Paul', 'the feast of San Gennaro': a saint a thing is named after, not
    where it is (the town of Saint-Denis is a place)."""
    if (
        tok.lower_.rstrip(".") not in DEDICATIONS
        and tok.doc[tok.left_edge.i].lower_.rstrip(".") not in DEDICATIONS
    ):
        return False
    head = tok
    while head.dep_ in ("compound", "conj") and head.head is not head:
        head = head.head
    owner = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
    return (
        owner is not None
        and owner.pos_ == "NOUN"
        and owner.lemma_.lower() not in AREA_NOUNS | TERRITORY_NOUNS
    )


def time_anchor(expr: TimeExpr, doc: Any) -> Any | None:
    """The token a time expression modifies (skipping the prepositions that introduce it)."""
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root.head
    while head.dep_ == "prep" and head.head is not head:
        head = head.head
    return head if not (span.start <= head.i < span.end) else None


def date_of(trig: Any, ctx: Context, anchors: dict[int, TimeExpr], own: Any = None) -> dict[str, Any]:
    """The time expression governing the trigger's clause, else one inside it, else the publication date;
    ``own`` is the event's own word where ``trig`` is the verb of its clause."""
    own = trig if own is None else own
    found, basis = None, "clause"
    cur = trig
    for _ in range(10):
        if cur.i in anchors and not _opens_span(anchors[cur.i], cur, own):
            found = anchors[cur.i]
            break
        if cur.head is cur:
            break
        if _reported(cur):  # "were killed, the agency said Monday": Monday dates the saying
            basis = "report"
        cur = cur.head
    if found is None or basis == "report":
        # a time inside the clause dates the event better than when it was reported ("killed 14 rebels in a
        # raid on a camp on Tuesday, the army said on Wednesday")
        inside = [
            (abs(i - trig.i), i, t)
            for i, t in anchors.items()
            if in_clause(trig.doc[i], trig)
            and not _under_content_clause(trig.doc[i], trig)
            and not _in_noun_clause(trig.doc[i], trig)
            and not _opens_span(t, trig.doc[i], own)
            and (found is None or trig.doc[i].lemma_.lower() not in SPEECH_VERBS)
        ]
        if inside:
            basis = "clause"
            _distance, i, found = min(inside, key=lambda item: item[:2])
            if trig.doc[i].lemma_.lower() in SPEECH_VERBS:  # "…, police said on Monday"
                basis = "report"
    if found is not None:
        return date_record(found, basis)
    return {
        "text": None,
        "value": ctx.published,
        "start": ctx.published,
        "end": ctx.published,
        "precision": "unknown",
        "basis": "publication",
    }


def _opens_span(expr: TimeExpr, tok: Any, own: Any) -> bool:
    """A time after "since" starts a state or a count told in the perfect ("have held the town since
    Monday"); by a verb not in the perfect it belongs with a noun the parser hung on the verb ("the deadliest
    attack since 2015", "a review of actions since Sept. 1") and dates nothing the verb tells."""
    if (tok.i == own.i and tok.pos_ == "NOUN") or any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children
    ):
        return False
    span = tok.doc.char_span(expr.start, expr.end, alignment_mode="expand")
    return span is not None and (
        span[0].lower_ in SPAN_OPENERS or (span.start > 0 and tok.doc[span.start - 1].lower_ in SPAN_OPENERS)
    )


def _in_noun_clause(tok: Any, trig: Any) -> bool:
    """``tok`` lies in a clause that describes a noun of the trigger's clause ("offered to hand over two
    nationals suspected of blowing up a plane in 1988"): it dates what that clause tells."""
    cur = tok
    while cur.i != trig.i and cur.head is not cur:
        if cur.dep_ in ("acl", "relcl"):
            return True
        cur = cur.head
    return False


def date_record(expr: TimeExpr, basis: str) -> dict[str, Any]:
    """An event's ``date`` field from the time expression that dates it and where that comes from."""
    return {
        "text": expr.text,
        "value": expr.value,
        "start": expr.range_start,
        "end": expr.range_end,
        "precision": expr.precision,
        "basis": basis,
    }


def _reported(tok: Any) -> bool:
    """``tok`` heads what a verb of saying reports ("… were killed, police said")."""
    return tok.dep_ in ("ccomp", "parataxis") and tok.head.lemma_.lower() in SPEECH_VERBS


def forgone(trig: Any) -> bool:
    """The alternative not taken: "attacked the town instead of negotiating", "rather than negotiate",
    "instead of talks"; a noun is forgone with the verb it is the object of ("instead of imposing
    sanctions")."""
    cur = trig
    for _ in range(3):
        marker = cur.head if cur.dep_ in ("pcomp", "pobj") else None
        if cur.dep_ == "conj":  # "shelled the city rather than negotiate": "than" is the conjunct's cc
            marker = next((c for c in cur.head.children if c.dep_ == "cc" and c.i < cur.i), None)
        if marker is not None and any(
            (m.lower_, marker.lower_) in CONTRAST_MARKERS for m in marker.children if m.dep_ == "advmod"
        ):
            return True
        if cur.dep_ not in ("dobj", "pobj", "prep") or cur.head is cur:
            return False
        cur = cur.head
    return False


def status_of(trig: Any) -> str:
    """occurred | ongoing | planned | negated | hypothetical, from negation, modality and framing verbs."""
    own = {c.lemma_.lower() for c in trig.children if c.dep_ in ("aux", "auxpass", "neg", "mark")}
    if (
        _has_negator(trig)
        or any(c.dep_ == "det" and c.lower_ == "no" for c in trig.children)
        or _after_nor(trig)
    ):
        return "negated"  # "did not attack", "never met", "no arrests were made", "nor did they meet"
    if forgone(trig) or _any_denied(trig):
        return "negated"
    conditional = any(
        c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children) for c in trig.children
    )
    # "unclear whether it was an attack": the question's predicate noun after a copula
    copula = trig.head if trig.dep_ in ("attr", "acomp") and trig.head.lemma_ == "be" else None
    if (
        conditional
        or own & {"if", "unless", *OPEN_QUESTION_MARKS}
        or (
            copula is not None
            and any(c.dep_ == "mark" and c.lower_ in OPEN_QUESTION_MARKS for c in copula.children)
        )
        or (
            own & HYPOTHETICAL_MODALS
            and not (trig.dep_ == "ccomp" and trig.head.lemma_.lower() in SPEECH_VERBS and own & {"would"})
        )
    ):
        return "hypothetical"
    if (
        own & {"will", "shall"}
        or ("would" in own and trig.dep_ == "ccomp" and trig.head.lemma_.lower() in SPEECH_VERBS)
        or _to_come(trig)
    ):
        return "planned"
    cur = trig
    # a happening named to date or explain a clause ("cancelled after the riots", "called off because of the
    # bombing") is not what the clause's verbs frame, though it shares the clause's time ("will resume after
    # the vote")
    landmark = False
    # "will resume after the rebels attacked the convoy": a clause in the past tense that dates the main one
    # happened, whatever the main clause's modality
    own_time = trig.tag_ == "VBD" and any(
        c.dep_ == "mark" and c.lower_ in LANDMARK_PREPS for c in trig.children
    )
    for _ in range(0 if own_time else 4):
        if cur is not trig and cur.dep_ == "acl" and cur.tag_ == "VBN":
            break  # "a leader seen at a rally … is scheduled to speak": the participle tells what was done
        if cur.head is cur or cur.dep_ not in (
            "xcomp",
            "acl",
            "ccomp",
            "advcl",
            "nsubj",
            "nsubjpass",
            "dobj",
            "pobj",
            "prep",
            "pcomp",
        ):
            break
        cur = cur.head
        landmark = landmark or (cur.dep_ == "prep" and cur.lower_ in LANDMARK_PREPS)
        word = "" if landmark else cur.lemma_.lower()
        if word in NEGATORS or (word in HYPOTHETICAL_HEADS | SCHEDULE_WORDS and _negated(cur)):
            # "failed to attack"; "were not able to agree", "did not try to storm": the act never happened
            return "negated"
        auxiliaries = {c.lemma_.lower() for c in cur.children if c.dep_ == "aux"}
        if word in HYPOTHETICAL_HEADS or auxiliaries & HYPOTHETICAL_MODALS:
            return "hypothetical"
        if word in SCHEDULE_WORDS or auxiliaries & {"will", "shall"}:
            return "planned"
    if trig.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in trig.children):
        return "ongoing"
    if (
        trig.dep_ == "dobj"
        and trig.head.tag_ == "VBG"
        and any(c.dep_ == "aux" and c.lemma_ == "be" for c in trig.head.children)
    ):
        return "ongoing"
    return "occurred"


def _to_come(trig: Any) -> bool:
    """A happening a to-infinitive describes is still to come ("a meeting to be held in Moscow", "talks to
    begin next week")."""

    def infinitive(verb: Any) -> bool:
        return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)

    if trig.pos_ != "NOUN":
        return False
    if trig.dep_ in ("nsubj", "nsubjpass") and trig.head.pos_ in ("VERB", "AUX") and infinitive(trig.head):
        return True  # the parser's reading of "before a meeting to be held"
    return any(c.dep_ in ("acl", "relcl") and infinitive(c) for c in trig.children)


def _any_denied(trig: Any) -> bool:
    """A noun with "any" under a negated verb ("did not know of any threats", "denied any attack", "there had
    not been any threats"): none happened, as far as the clause says."""
    if trig.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "any" for c in trig.children):
        return False
    cur = trig
    while cur.dep_ in ("dobj", "pobj", "prep", "attr") and cur.head is not cur:  # attr: "there was not any"
        cur = cur.head
    return cur.pos_ in ("VERB", "AUX") and (_negated(cur) or cur.lemma_.lower() in NEGATORS)


def _negated(tok: Any) -> bool:
    """``tok`` carries a negation, itself or through its copula ("is not able")."""
    holders = [tok, tok.head] if tok.dep_ == "acomp" else [tok]
    return any(_has_negator(h) for h in holders) or _after_nor(tok)


def _has_negator(tok: Any) -> bool:
    """A negating word modifies ``tok`` ("not", "never", "neither")."""
    return any(c.dep_ == "neg" or c.lower_ in NEGATION_WORDS for c in tok.children)


def _after_nor(tok: Any) -> bool:
    """A conjunct after "nor" ("did not invite him nor do we endorse …", "neither met nor spoke")."""
    return tok.dep_ == "conj" and any(
        c.dep_ == "cc" and c.lower_ == "nor" and c.i < tok.i for c in tok.head.children
    )


def attribution_of(trig: Any, ctx: Context) -> dict[str, Any] | None:
    """Who the text says claims the event: 'X said', 'told AFP', 'according to X'."""
    doc = trig.doc
    cur = trig
    speech = None
    for _ in range(8):
        for c in cur.children:
            if c.dep_ == "prep" and c.lower_ == "according" and not c.left_edge.i <= trig.i <= c.right_edge.i:
                pobj = [p for to in c.children for p in to.children if p.dep_ == "pobj"]
                if pobj:
                    span = doc[c.i : pobj[0].right_edge.i + 1]
                    return {"text": span.text, "source": _source(pobj[0], ctx)}
            if c.dep_ in ("parataxis",) and c.lemma_.lower() in SPEECH_VERBS:
                speech = c
        if speech is not None:
            break
        if cur.head is cur:
            break
        if (
            cur.head.lemma_.lower() in SPEECH_VERBS
            and cur.dep_ in ("ccomp", "parataxis", "conj")
            and cur.head.i != trig.i
        ):
            speech = cur.head
            break
        cur = cur.head
    if speech is None:
        return None
    subj = next((c for c in speech.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    left = subj.left_edge.i
    right = max(
        [speech.i]
        + [
            c.right_edge.i
            for c in speech.children
            if c.dep_ in ("dobj", "dative", "npadvmod") and c.i > speech.i
        ]
    )
    text = doc[left : right + 1].text
    out = {"text": text, "source": _source(subj, ctx)}
    medium = next(
        (
            ctx.by_token[c.i].name
            for c in speech.children
            if c.dep_ in ("dobj", "dative") and c.i in ctx.by_token and ctx.by_token[c.i].sector == "MED"
        ),
        None,
    )
    if medium:
        out["via"] = medium
    return out


def _source(tok: Any, ctx: Context) -> str | None:
    """Name of the claimant: a dictionary name, else a named organisation the description fits, else text."""
    actor = ctx.by_token.get(tok.i)
    if actor:
        return actor.name
    words = {t.lemma_.lower() for t in tok.subtree} | {t.lower_ for t in tok.subtree}
    best, best_score = None, 0
    for _s, _e, entry in ctx.names:
        if entry.kind != "organisation" or entry.sector not in ("NGO", "IGO", "MED"):
            continue
        score = sum(
            1
            for d in entry.descriptors
            for w in d.lower().split()
            if w in words and w not in ("group", "the")
        )
        if score > best_score:
            best, best_score = entry.name, score
    if best:
        return best
    if tok.ent_type_ in ("PERSON", "ORG"):
        return doc_span(tok).text
    return " ".join(t.text for t in tok.subtree if t.dep_ != "det" and t.i <= tok.i) or None


def doc_span(tok: Any) -> Any:
    return tok.doc[tok.left_edge.i : tok.i + 1]
