"""Measurement mode with given mentions: event mentions at given offsets linked into incidents across
documents.

Each mention becomes a ``fuse.Report`` read off the parse: its trigger lemma, its arguments (who, to whom),
the time and place of its sentence, an embedding of the trigger word and one of the event's gist (trigger with
its arguments). Documents are first grouped by the similarity of their words (no topic is given), then the
mentions of each group are clustered with the same ``fuse.similarity`` the fusion stage uses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import fuse

ARG_DEPS = {
    "nsubj",
    "nsubjpass",
    "dobj",
    "agent",
    "pobj",
    "poss",
    "compound",
    "attr",
    "dative",
    "iobj",
    "npadvmod",
}
GIST_TOKENS = 24  # words of the gist embedded per mention


@dataclass
class Mention:
    id: str
    start: int
    end: int


@dataclass
class Document:
    id: str
    text: str
    published: str | None
    mentions: list[Mention]


class LinkInputError(ValueError):
    """A line of the input cannot be read as a document with mentions."""


def read(lines: Iterable[str]) -> Iterator[Document]:
    """Documents from JSON lines ``{"id", "text", "published"?, "mentions": [{"id", "start", "end"}]}``."""
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            text = obj["text"]
            mentions = [
                Mention(str(m["id"]), int(m["start"]), int(m["end"])) for m in obj.get("mentions") or []
            ]
        except (ValueError, KeyError, TypeError) as exc:
            raise LinkInputError(f"line {number}: {exc.__class__.__name__}: {exc}") from None
        for m in mentions:
            if m.id in seen:
                raise LinkInputError(f"line {number}: mention id {m.id} is not unique in the file")
            seen.add(m.id)
            if not (0 <= m.start < m.end <= len(text)):
                raise LinkInputError(
                    f"line {number}: mention {m.id} offsets {m.start}-{m.end} outside the text"
                )
        yield Document(str(obj.get("id", number)), text, obj.get("published"), mentions)


def _head(span: Any) -> Any:
    """The syntactic head of a mention span; for 'checked into' the verb, not the particle."""
    for tok in span:
        if tok.pos_ in ("VERB", "NOUN", "PROPN", "ADJ") and (tok.head not in span or tok.head == tok):
            return tok
    return span.root


def _arguments(head: Any) -> tuple[list[Any], list[Any]]:
    """(agents, patients): argument heads of the trigger; a noun's possessor or 'by' phrase is its agent."""
    agents, patients = [], []
    for child in head.children:
        if child.dep_ in ("nsubj", "poss", "agent", "compound") and child.pos_ in ("PROPN", "NOUN", "PRON"):
            agents.append(
                child.children.__iter__().__next__()
                if child.dep_ == "agent" and list(child.children)
                else child
            )
        elif child.dep_ in ("dobj", "nsubjpass", "attr", "dative"):
            patients.append(child)
        elif child.dep_ == "prep":
            patients += [g for g in child.children if g.dep_ == "pobj"]
    if head.dep_ in ("xcomp", "conj") and not agents:  # "decided to leave": the subject of the governor
        agents += [c for c in head.head.children if c.dep_ == "nsubj"]
    if head.dep_ in ("amod", "compound") and head.head.pos_ in ("NOUN", "PROPN"):
        patients.append(head.head)
    return agents, patients


def _words(tok: Any) -> str:
    """An argument's words: a named entity whole, else the noun with its compounds."""
    if tok.ent_type_ and tok.ent_iob_ in ("B", "I"):
        doc = tok.doc
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent.text
    return (
        " ".join(t.text for t in tok.subtree if t.dep_ in ("compound", "amod") or t == tok)
        if tok.pos_ != "PRON"
        else ""
    )


def _keys(tokens: list[Any]) -> frozenset[str]:
    keys = set()
    for tok in tokens:
        if tok.pos_ == "PRON":
            continue
        keys.add(tok.lemma_.lower())
        if tok.ent_type_:
            keys.add(_words(tok).lower())
    return frozenset(keys)


def _nearest(items: list[Any], sent: Any, at: int, ok: Any) -> Any:
    best, dist = None, None
    for item in items:
        if sent.start_char <= item.start < sent.end_char and ok(item):
            d = abs(item.start - at)
            if dist is None or d < dist:
                best, dist = item, d
    return best


def reports(docs: list[Document], encoder: Any = None) -> list[fuse.Report]:
    """One report per given mention, read off the parse (and embedded when an encoder is given)."""
    from . import actors, nlp, pipeline, places

    out: list[fuse.Report] = []
    gists: list[str] = []
    words: list[str] = []
    contexts: list[tuple[str, int, int]] = []
    for d, doc in zip(docs, nlp.parse(d.text for d in docs)):
        anchor = date.fromisoformat(d.published[:10]) if d.published else None
        names = actors.scan(doc, d.published)
        found = [p for p in places.resolve(doc, d.id, names) if p.lat is not None and p.kind == "name"]
        times = [t for t in pipeline.times_in(doc, anchor) if t.range_start or t.value]
        for m in d.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                out.append(fuse.Report(id=m.id, doc=d.id))
                gists.append(d.text[m.start : m.end])
                words.append(d.text[m.start : m.end].lower())
                contexts.append((d.text[m.start : m.end], 0, m.end - m.start))
                continue
            head = _head(span)
            sent = head.sent
            agents, patients = _arguments(head)
            place = _nearest(found, sent, head.idx, lambda p: True)
            when = _nearest(times, sent, head.idx, lambda t: t.type in ("DATE", "TIME"))
            start = end = None
            if when is not None:
                start, end = (
                    fuse._day(when.range_start or when.value),
                    fuse._day(when.range_end or when.value),
                )
                if start is None or end is None:
                    start = end = None
            lemma = head.lemma_.lower()
            out.append(
                fuse.Report(
                    id=m.id,
                    doc=d.id,
                    lemma=lemma,
                    actors=_keys(agents),
                    recipients=_keys(patients),
                    lat=place.lat if place else None,
                    lon=place.lon if place else None,
                    precision=place.precision if place else None,
                    country=place.country if place else None,
                    start=start,
                    end=end,
                    nearby=True,
                    sentence=(d.id, sent.start_char),
                )
            )
            gist = [span.text] + [_words(t) for t in agents + patients]
            if place is not None:
                gist.append(place.text)
            if when is not None:
                gist.append(when.text)
            gists.append(" ".join(" ".join(g for g in gist if g).split()[:GIST_TOKENS]))
            words.append(lemma)
            contexts.append((sent.text, m.start - sent.start_char, m.end - sent.start_char))
    if encoder is not None and out:
        vectors = encoder.encode(gists)
        unique = sorted(set(words))
        word_vectors = dict(zip(unique, encoder.encode(unique)))
        in_context = trigger_vectors(encoder, contexts)
        for r, v, w, c in zip(out, vectors, words, in_context):
            r.vector, r.word = v, word_vectors[w]
            r.in_context = c
    return out


def trigger_vectors(encoder: Any, contexts: list[tuple[str, int, int]]) -> list[Any]:
    """The encoder's last-layer states of each trigger's word pieces in its sentence, averaged and unit
    length:
    the trigger as its sentence uses it. ``contexts`` holds (sentence, trigger start, trigger end)."""
    import numpy as np

    from . import embed

    tok = encoder.tokenizer
    by_sentence: dict[str, list[int]] = {}
    for i, (sentence, _s, _e) in enumerate(contexts):
        by_sentence.setdefault(sentence, []).append(i)
    out: list[Any] = [None] * len(contexts)
    sentences = list(by_sentence)
    for start in range(0, len(sentences), embed.BATCH):
        chunk = sentences[start : start + embed.BATCH]
        ids = [tok.encode(s) for s in chunk]
        states, _mask = encoder._lower(ids, len(encoder.layers))
        for k, sentence in enumerate(chunk):
            for i in by_sentence[sentence]:
                _sent, s, e = contexts[i]
                first = len(tok.encode(sentence[:s])) - 1  # [CLS] + the pieces before the trigger
                last = min(len(tok.encode(sentence[:e])) - 1, len(ids[k]) - 1)
                if first >= last:
                    continue
                v = states[k, first:last].mean(0)
                out[i] = v / max(float(np.linalg.norm(v)), 1e-9)
    return out


def document_groups(docs: list[Document], threshold: float | None = None) -> list[int]:
    """Documents grouped by what they are about (TF-IDF of their words, average-linkage clustering), so the
    mentions of unrelated stories are never compared. No topic is given: this stands in for it."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    threshold = fuse.model()["doc_threshold"] if threshold is None else threshold
    if len(docs) < 2:
        return [0] * len(docs)
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(
        d.text for d in docs
    )
    dense = np.asarray(matrix.todense())
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=1.0 - threshold
    ).fit_predict(dense)
    return [int(x) for x in labels]


def assign_groups(docs: list[Document], found: list[fuse.Report], groups: list[int]) -> None:
    group_of = {d.id: g for d, g in zip(docs, groups)}
    for r in found:
        r.group = group_of[r.doc]


def link_reports(
    docs: list[Document], found: list[fuse.Report], groups: list[int] | None = None
) -> dict[str, str]:
    """Mention id → incident id, for reports already read off the parse."""
    assign_groups(docs, found, document_groups(docs) if groups is None else groups)
    by_group: dict[int, list[fuse.Report]] = {}
    for r in found:
        by_group.setdefault(r.group or 0, []).append(r)
    out: dict[str, str] = {}
    for g, members in sorted(by_group.items()):
        for r, label in zip(members, fuse.cluster(members)):
            out[r.id] = f"g{g}-c{label}"
    return out


def link(docs: list[Document], encoder: Any = None) -> dict[str, str]:
    """Mention id → incident id across all ``docs``."""
    if encoder is None:
        from . import embed

        encoder = embed.load()
    return link_reports(docs, reports(docs, encoder))
