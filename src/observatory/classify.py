"""Learned event typing: the main event of a short text under PLOVER 2.0, CAMEO (root codes) or ACLED.

Each scheme has one multinomial logistic model, with a "no event" class, over four views of the text: its
all-MiniLM-L6-v2 sentence embedding (``embed.py``, numpy only), TF-IDF of its word uni- and bigrams, and the
same two for its *gist* — the predicate of its first sentences read off the spaCy parse ("threaten to ban
candidate", "will provide food aid"), which carries the event type while the rest of the text mostly carries
who and where. The PLOVER model also carries a *quad prior*: a 5-way model of the CAMEO root's quad class
(verbal/material cooperation/conflict, trained on ConfliBERT's labelled sentences and the written examples)
whose probability of a type's quad, to the power ``prior_beta``, reweights the type; and a *tuned encoder*: a
copy of the encoder's top two layers fine-tuned on every scheme's labels at once, with a PLOVER head whose
probabilities are mixed in (``Tuned``; only PLOVER carries one: in cross-validation it helps PLOVER accuracy
and not ACLED). The tuned layers run in numpy on the lower layers' states the plain embedding computes anyway.
The ACLED model mixes in two multinomial naive Bayes models over the TF-IDF of every term of its training
texts, one of word uni- and bigrams and one of character n-grams inside words (``bayes``; they read the words
seen once in training, which the logistic model's vocabulary leaves out, and inflections and names it has not
seen, which raises ACLED's cross-validated weighted F1 on CASE 2021; PLOVER does without them, since they do
not consistently help it). The weights are trained by ``scripts/train_classifier.py`` (seeded, from
``data/training/`` and the public dev sets) and shipped as ``data/models/classifier.npz`` (about 4 MB: weights
as int8 with a scale per column, the tuned layers as 4-bit differences from the published ones). Nothing is
fetched at run time.

    predict(["Rebels shelled the town overnight."], "plover")   # [("ASSAULT", p)]
    predict(["The museum opens on Friday."], "acled")            # [(None, p)]: no event

A second, smaller set of models (``classifier-terms.npz``, the "terms" variant) reads only the two TF-IDF
views: no encoder, so the ``terms`` event typer, the default in ``extract``, can classify every sentence for a
few per cent of the pipeline's time. The ``learned`` typer does the same with the full models. Both
(``LearnedTyper``, registered in ``events.event_typers``) classify each sentence once; a confident "no event"
drops its triggers, a confident type types the lexicon's triggers in it (the ``terms`` typer keeps the
lexicon's PLOVER type and takes the model's ACLED sub-event type when the two agree), and the lexicon keeps
the CAMEO sub-code and the mode where they agree with the model.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from . import acled, embed, events, nlp, settings
from .validate import PLOVER_TYPES

SCHEMES = ("plover", "cameo", "acled")
NONE = "-"  # the "no event" class in training data and in the model's label list

CAMEO_ROOTS = tuple(f"{i:02d}" for i in range(1, 21))
ACLED_TYPES = tuple(sorted(acled.EVENT_TYPE))
LABELS = {"plover": PLOVER_TYPES, "cameo": CAMEO_ROOTS, "acled": ACLED_TYPES}

TRAINING_DIR = settings.DATA_DIR / "training"
MODEL_FILE = settings.DATA_DIR / "models" / "classifier.npz"
# The models by variant: "full" (the four views, with the tuned encoder for PLOVER) and "terms" (the TF-IDF
# views only: no encoder, cheap enough for the extract pipeline to classify every sentence; see
# typers/learned.py)
VARIANTS = ("full", "terms")
MODEL_FILES = {"full": MODEL_FILE, "terms": settings.DATA_DIR / "models" / "classifier-terms.npz"}


class ClassifierMissing(RuntimeError):
    """The trained weights are not there: run scripts/train_classifier.py."""


# ------------------------------------------------------------------------------------------------------------
# Training data (read by scripts/train_classifier.py and bench/classify_eval.py)


@dataclass
class Example:
    """One text with a label per scheme: a label, NONE (no event of that scheme) or absent (unlabelled)."""

    text: str
    labels: dict[str, str] = field(default_factory=dict)
    source: str = ""
    group: str = ""  # texts sharing a group are kept in the same cross-validation fold


def normalise_label(scheme: str, value: str) -> str:
    """A label as the model knows it: CAMEO codes are cut to their root ("0871" → "08")."""
    if value == NONE:
        return NONE
    if scheme == "cameo":
        root = value[:2]
        if root not in CAMEO_ROOTS:
            raise ValueError(f"not a CAMEO code: {value!r}")
        return root
    if value not in LABELS[scheme]:
        raise ValueError(f"not a {scheme} label: {value!r}")
    return value


def read_examples(path: Path) -> list[Example]:
    """Examples from a block file: '## key=value' headers, then one text a line; '#' lines are comments."""
    out: list[Example] = []
    labels: dict[str, str] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if line.startswith("## "):
            labels = {}
            for key, value in re.findall(r"(\w+)=((?:[^=\s]|\s(?!\w+=))+)", line[3:]):
                if key not in SCHEMES:
                    raise ValueError(f"{path.name}:{number}: unknown scheme {key!r}")
                labels[key] = normalise_label(key, value.strip())
            continue
        if not line or line.startswith("#"):
            continue
        if labels is None:
            raise ValueError(f"{path.name}:{number}: text before any '## ' header")
        out.append(Example(line, dict(labels), source=path.stem, group=f"{path.stem}:{number}"))
    return out


def training_examples(directory: Path = TRAINING_DIR) -> list[Example]:
    """Every example written for this project (data/training/*.txt)."""
    return [e for path in sorted(directory.glob("*.txt")) for e in read_examples(path)]


# ------------------------------------------------------------------------------------------------------------
# Features

_WORD = re.compile(r"[a-z][a-z0-9]*(?:['’][a-z]+)?|\d+")


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A light suffix stripper, enough to merge "attacked", "attacks" and "attacking"."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


@lru_cache(maxsize=8192)
def terms(text: str) -> tuple[str, ...]:
    """Word unigrams and bigrams of a text, lower-cased and lightly stemmed (memoised: every model's two
    TF-IDF views read the same texts)."""
    words = [_stem(w.replace("’", "'")) for w in _WORD.findall(text.lower())]
    return (*words, *(f"{a} {b}" for a, b in zip(words, words[1:])))


@lru_cache(maxsize=8192)
def term_counts(text: str) -> tuple[tuple[str, int], ...]:
    return tuple(Counter(terms(text)).items())


@lru_cache(maxsize=8192)
def char_counts(text: str) -> tuple[tuple[str, int], ...]:
    """Character 2- to 5-grams inside each space-padded word, lower-cased (scikit-learn's "char_wb"): they
    read inflections, compounds and names that the word terms miss."""
    grams: Counter[str] = Counter()
    for word in text.lower().split():
        padded = f" {word} "
        for n in range(2, 6):
            grams.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return tuple(grams.items())


ANALYZERS = {"words": term_counts, "chars": char_counts}  # what a Tfidf counts in a text


# every term any loaded Tfidf knows, numbered once: a text's terms are looked up here once, and each model
# picks its own columns from the numbers (an array lookup, not a dictionary lookup per model)
_TERM_IDS: dict[str, int] = {}


@lru_cache(maxsize=8192)
def _counted(analyzer: str, text: str, known: int) -> tuple[np.ndarray, np.ndarray]:
    """A text's terms under ``analyzer`` that some Tfidf knows, as term numbers, and their counts; ``known``
    (how many terms are numbered) keys the cache, so a vocabulary loaded later is seen."""
    pairs = [(i, n) for t, n in ANALYZERS[analyzer](text) if (i := _TERM_IDS.get(t)) is not None]
    return np.array([i for i, _n in pairs], dtype=np.int64), np.array(
        [n for _i, n in pairs], dtype=np.float32
    )


class Tfidf:
    """Sublinear TF-IDF over a fixed vocabulary, rows L2-normalised; the same code in training and use."""

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray, analyzer: str = "words") -> None:
        self.vocabulary = list(vocabulary)
        self.idf = np.asarray(idf, dtype=np.float32)
        self.analyzer = analyzer
        for term in self.vocabulary:
            _TERM_IDS.setdefault(term, len(_TERM_IDS))
        self._columns = np.zeros(0, dtype=np.int64)  # term number -> this vocabulary's column, or -1

    def _columns_for(self, known: int) -> np.ndarray:
        if len(self._columns) != known:
            self._columns = np.full(known, -1, dtype=np.int64)
            self._columns[[_TERM_IDS[t] for t in self.vocabulary]] = np.arange(len(self.vocabulary))
        return self._columns

    @classmethod
    def fit(
        cls, texts: Iterable[str], min_df: int = 2, max_terms: int = 30000, analyzer: str = "words"
    ) -> Tfidf:
        count = ANALYZERS[analyzer]
        docs = [{t for t, _n in count(text)} for text in texts]
        df = Counter(t for d in docs for t in d)
        kept = sorted((t for t, n in df.items() if n >= min_df), key=lambda t: (-df[t], t))[:max_terms]
        kept.sort()
        n = len(docs)
        idf = np.array([math.log((1 + n) / (1 + df[t])) + 1 for t in kept], dtype=np.float32)
        return cls(kept, idf, analyzer)

    def rows(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The texts' rows, sparse: (terms per text, term indices, unit-length values), row after row."""
        known = len(_TERM_IDS)
        counted = [_counted(self.analyzer, text, known) for text in texts]
        if not counted:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
        found = self._columns_for(known)[np.concatenate([c[0] for c in counted])]
        kept = found >= 0
        rows = np.repeat(np.arange(len(texts)), [len(c[0]) for c in counted])[kept]
        lengths = np.bincount(rows, minlength=len(texts)).astype(np.int64)
        columns = found[kept]
        counts = np.concatenate([c[1] for c in counted])[kept]
        values = (1.0 + np.log(counts)) * self.idf[columns]
        if values.size:
            filled = lengths > 0
            norms = np.sqrt(np.add.reduceat(values * values, _starts(lengths)[filled]))
            values /= np.repeat(norms, lengths[filled])
        return lengths, columns, values

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.vocabulary)), dtype=np.float32)
        lengths, columns, values = self.rows(texts)
        out[np.repeat(np.arange(len(texts)), lengths), columns] = values
        return out


def _starts(lengths: np.ndarray) -> np.ndarray:
    """Where each row begins in the concatenated entries of ``Tfidf.rows``."""
    return np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)


MARKERS = {"will", "would", "shall", "may", "might", "could", "can", "should", "must", "not", "n't", "never"}
REPORTING = events.SPEECH_VERBS | {
    "accord",
    "announce",
    "warn",
    "reveal",
    "indicate",
    "show",
    "explain",
    "stress",
}
GIST_SENTENCES = 2


def _words(tok: Any) -> list[str]:
    """A noun with its compound or adjective modifiers ("car bomb", "peacekeeping troops"), lemmatised."""
    mods = [
        c.lower_ for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i and c.pos_ != "PROPN"
    ]
    return mods + [tok.lemma_.lower()]


def _predicate(tok: Any) -> Any:
    """The clause a reporting verb reports ("X said Y attacked" → attacked)."""
    for _ in range(3):
        if tok.lemma_.lower() in REPORTING:
            comp = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]
            if comp:
                tok = comp[0]
                continue
        break
    return tok


def _clause(verb: Any, depth: int = 0) -> list[str]:
    """A verb's gist: modal and negation markers, a common-noun subject, the verb, its particle, object,
    first prepositional object and open complement ("threatened to ban candidates")."""
    out: list[str] = []
    children = list(verb.children)
    for c in children:
        if c.dep_ in ("aux", "auxpass", "neg") and c.lower_ in MARKERS:
            out.append(c.lower_)
        if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN":
            out.extend(_words(c))
    if any(c.dep_ == "auxpass" for c in children):
        out.append("be")
    out.append(verb.lemma_.lower())
    for c in children:
        if c.dep_ == "prt":
            out.append(c.lower_)
    for c in children:
        if c.dep_ in ("dobj", "attr", "oprd") and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            out.extend(_words(c) if c.pos_ == "NOUN" else [])
            for p in c.children:  # "the withdrawal of troops", "a ceasefire with rebels"
                if p.dep_ == "prep" and p.lower_ in ("of", "on", "to", "for", "against"):
                    heads = [q for q in p.children if q.dep_ == "pobj" and q.pos_ == "NOUN"]
                    if heads:
                        out.extend([p.lower_] + _words(heads[0]))
                    break
            break
    for c in children:
        if c.dep_ == "prep":
            heads = [q for q in c.children if q.dep_ == "pobj" and q.pos_ == "NOUN"]
            if heads:
                out.extend([c.lower_] + _words(heads[0]))
                break
    if depth < 2:
        for c in children:
            if c.dep_ == "acomp":  # "is ready to retaliate", "was willing to talk"
                out.append(c.lemma_.lower())
                verb = c
                break
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                out.extend(["to"] + _clause(c, depth + 1))
                break
            if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and verb.lemma_.lower() not in REPORTING:
                out.extend(["that"] + _clause(c, depth + 1))  # "demanded that X cancel the sale"
                break
        for c in verb.children:
            if c.dep_ == "conj" and c.pos_ == "VERB" and depth == 0:
                out.extend(["and"] + _clause(c, depth + 1))
                break
    return out


def gist_of(sents: Iterable[Any]) -> str:
    """The predicates of the first sentences of a parse, as a short string for embedding and bag-of-words."""
    parts = []
    for sent in list(sents)[:GIST_SENTENCES]:
        root = _predicate(sent.root)
        if root.pos_ in ("VERB", "AUX"):
            parts.append(" ".join(_clause(root)))
        else:  # headline or noun phrase: the root noun with its modifiers and verbs hanging off it
            words = _words(root)
            words += [
                c.lemma_.lower() for c in root.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
            ][:1]
            parts.append(" ".join(words))
    return " ; ".join(p for p in parts if p) or "-"


def gists(texts: Sequence[str]) -> list[str]:
    """``gist_of`` for texts not parsed yet (parser only, no NER)."""
    from . import nlp

    pipeline = nlp.load()
    with pipeline.select_pipes(disable=[p for p in ("ner",) if p in pipeline.pipe_names]):
        return [gist_of(doc.sents) for doc in pipeline.pipe(texts, batch_size=64)]


VIEWS = ("text_embedding", "text_terms", "gist_embedding", "gist_terms")
DEFAULT_WEIGHTS = {"text_embedding": 1.0, "text_terms": 1.0, "gist_embedding": 1.0, "gist_terms": 1.0}


@dataclass
class Inputs:
    """What the features are computed from; embeddings and gists are computed when not given."""

    texts: list[str]
    gists: list[str] | None = None
    text_embeddings: np.ndarray | None = None
    gist_embeddings: np.ndarray | None = None
    tuned_embeddings: dict[int, np.ndarray] = field(default_factory=dict)  # by id() of the tuned layers

    def tuned(self, tuned: Tuned) -> np.ndarray:
        """The texts' embeddings through ``tuned``'s layers (and the plain ones, if missing), in one pass."""
        key = id(tuned.layers)
        if key not in self.tuned_embeddings:
            base, self.tuned_embeddings[key] = embed.load().encode_tuned(self.texts, tuned.layers)
            if self.text_embeddings is None:
                self.text_embeddings = base
        return self.tuned_embeddings[key]

    def complete(self) -> Inputs:
        if self.gists is None:
            self.gists = gists(self.texts)
        if self.text_embeddings is None or self.gist_embeddings is None:
            encoder = embed.load()
            if self.text_embeddings is None:
                self.text_embeddings = encoder.encode(self.texts)
            if self.gist_embeddings is None:
                self.gist_embeddings = encoder.encode(self.gists)
        return self


def features(inputs: Inputs, text_terms: Tfidf, gist_terms: Tfidf, weights: dict[str, float]) -> np.ndarray:
    """[text embedding | text TF-IDF | gist embedding | gist TF-IDF], each view unit-length and weighted."""
    inputs.complete()
    views = {
        "text_embedding": inputs.text_embeddings,
        "text_terms": text_terms.transform(inputs.texts),
        "gist_embedding": inputs.gist_embeddings,
        "gist_terms": gist_terms.transform(inputs.gists or []),
    }
    return np.hstack([views[v] * weights.get(v, 1.0) for v in VIEWS]).astype(np.float32)


def linear(inputs: Inputs, model: Model) -> np.ndarray:
    """``features(inputs, …) @ model.coef.T + model.intercept`` without building the dense TF-IDF rows: each
    text's few terms pick their columns of the coefficients, and views of weight 0 are skipped."""
    inputs.complete()
    logits = np.tile(model.intercept.astype(np.float32), (len(inputs.texts), 1))
    start = 0
    for view in VIEWS:
        weight = model.weights.get(view, 1.0)
        if view.endswith("_embedding"):
            size = embed.DIM
            if weight:
                x = inputs.text_embeddings if view == "text_embedding" else inputs.gist_embeddings
                logits += weight * (x @ model.coef[:, start : start + size].T)
        else:
            tfidf = model.text_terms if view == "text_terms" else model.gist_terms
            size = len(tfidf.vocabulary)
            if weight:
                lengths, columns, values = tfidf.rows(
                    inputs.texts if view == "text_terms" else inputs.gists or []
                )
                if values.size:
                    filled = lengths > 0
                    sums = np.add.reduceat(
                        model.coef[:, start + columns] * values, _starts(lengths)[filled], axis=1
                    )
                    logits[filled] += weight * sums.T
        start += size
    return logits


# ------------------------------------------------------------------------------------------------------------
# Models


# The quad classes of CAMEO roots (verbal/material cooperation/conflict, as ConfliBERT's 5-way label groups
# them; see data/training/README.md), and the quads each PLOVER type can come from. A model may carry a quad
# model as a *prior*: its probabilities are multiplied by p(quad)^beta, the best quad of the type counting.
QUADS = ("0", "1", "2", "3", "4")


def quad_of_root(root: str) -> str:
    """The quad of a CAMEO root: 0 = 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13 and 16, 4 = 14-15 and 17-20."""
    r = int(root[:2])
    return "0" if r <= 2 else "1" if r <= 5 else "2" if r <= 8 else "3" if r <= 13 or r == 16 else "4"


PLOVER_QUADS = {
    NONE: (NONE, "0"),
    "REQUEST": ("0", "3"),
    "AGREE": ("1",),
    "CONSULT": ("1",),
    "SUPPORT": ("1",),
    "COOPERATE": ("2",),
    "AID": ("2",),
    "CONCEDE": ("2",),
    "RETREAT": ("2",),
    "ACCUSE": ("3",),
    "REJECT": ("3",),
    "THREATEN": ("3",),
    "SANCTION": ("3",),
    "PROTEST": ("4",),
    "MOBILIZE": ("4",),
    "COERCE": ("4",),
    "ASSAULT": ("4",),
}


@dataclass
class Tuned:
    """A fine-tuned copy of the encoder's top layers with one scheme's head (``scripts/tune_encoder.py``); its
    probabilities are mixed into the linear model's with weight ``mix``."""

    labels: list[str]
    layers: list[embed.Layer]
    coef: np.ndarray  # (n_labels, DIM)
    intercept: np.ndarray
    mix: float

    def proba(self, inputs: Inputs) -> np.ndarray:
        logits = inputs.tuned(self) @ self.coef.T + self.intercept
        p = np.exp(logits - logits.max(1, keepdims=True))
        return p / p.sum(1, keepdims=True)


@dataclass
class Model:
    """One scheme's classifier: labels (NONE included), linear weights over the features, and the TF-IDF
    views; optionally a quad model whose probabilities reweight this one's (``prior``, ``prior_beta``) and
    naive Bayes models over the text's word or character terms (linear models too, text_terms view only) whose
    probabilities are mixed in (``bayes``, each with its weight in ``bayes_mix``)."""

    scheme: str
    labels: list[str]
    coef: np.ndarray  # (n_labels, n_features)
    intercept: np.ndarray  # (n_labels,)
    text_terms: Tfidf
    gist_terms: Tfidf
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    meta: dict[str, Any] = field(default_factory=dict)
    prior: Model | None = None  # the quad model (PLOVER only)
    prior_beta: float = 0.0
    bayes: list[Model] = field(
        default_factory=list
    )  # naive Bayes models over every training term (ACLED only)
    bayes_mix: list[float] = field(default_factory=list)  # the weight each is mixed in with
    tuned: Tuned | None = None  # fine-tuned encoder layers and head, mixed in (PLOVER only)

    def proba(self, inputs: Inputs | Sequence[str]) -> np.ndarray:
        """Class probabilities, one row per text, columns in ``self.labels`` order."""
        inputs = inputs if isinstance(inputs, Inputs) else Inputs(list(inputs))
        if not inputs.texts:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        if self.tuned is not None:
            inputs.tuned(self.tuned)  # computes the plain embeddings in the same pass
        logits = linear(inputs, self)
        logits -= logits.max(1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(1, keepdims=True)
        if self.bayes:
            p = (1 - sum(self.bayes_mix)) * p + sum(
                w * m.proba(inputs) for m, w in zip(self.bayes, self.bayes_mix)
            )
        if self.prior is not None and self.prior_beta:
            q = self.prior.proba(inputs)
            cols = [
                [self.prior.labels.index(k) for k in PLOVER_QUADS[label] if k in self.prior.labels]
                for label in self.labels
            ]
            p = p * np.stack([q[:, c].max(1) for c in cols], axis=1) ** self.prior_beta
            p /= p.sum(1, keepdims=True)
        if self.tuned is not None:
            t = self.tuned.proba(inputs)
            p = (1 - self.tuned.mix) * p + self.tuned.mix * t[
                :, [self.tuned.labels.index(k) for k in self.labels]
            ]
        return p

    def predict(self, inputs: Inputs | Sequence[str]) -> list[tuple[str | None, float]]:
        out = []
        for row in self.proba(inputs):
            best = int(row.argmax())
            label = self.labels[best]
            out.append((None if label == NONE else label, float(row[best])))
        return out


def save(models: dict[str, Model], path: Path = MODEL_FILE) -> None:
    """All schemes in one compressed npz; float16 weights keep it to a few MB."""
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {}
    meta = {}
    models = dict(models)
    for scheme, m in list(models.items()):
        if m.prior is not None:
            models[f"{scheme}.prior"] = m.prior
        models |= {f"{scheme}.bayes.{i}": bayes for i, bayes in enumerate(m.bayes)}
    for scheme, m in models.items():
        arrays |= {f"{scheme}.coef.{k}": v for k, v in _pack(m.coef).items()}
        arrays[f"{scheme}.intercept"] = m.intercept.astype(np.float32)
        for view, tfidf in (("text_terms", m.text_terms), ("gist_terms", m.gist_terms)):
            arrays[f"{scheme}.{view}.idf"] = tfidf.idf.astype(np.float32)
            arrays[f"{scheme}.{view}.vocabulary"] = np.array("\n".join(tfidf.vocabulary))
            arrays[f"{scheme}.{view}.analyzer"] = np.array(tfidf.analyzer)
        meta[scheme] = {"labels": m.labels, "weights": m.weights, **m.meta}
        if m.prior is not None:
            meta[scheme]["prior_beta"] = m.prior_beta
        if m.bayes:
            meta[scheme]["bayes_mix"] = m.bayes_mix
        if m.tuned is not None:
            meta[scheme]["tuned"] = {
                "labels": m.tuned.labels,
                "mix": m.tuned.mix,
                "layers": len(m.tuned.layers),
            }
            arrays[f"{scheme}.tuned.coef"] = m.tuned.coef.astype(np.float32)
            arrays[f"{scheme}.tuned.intercept"] = m.tuned.intercept.astype(np.float32)
            base = embed.load().layers[-len(m.tuned.layers) :]
            for i, (layer, original) in enumerate(zip(m.tuned.layers, base)):
                for part, value, start in zip(embed.LAYER_PARTS, layer, original):
                    arrays |= {
                        f"{scheme}.tuned.{i}.{part}.{k}": v for k, v in _pack(value - start, bits=4).items()
                    }
    arrays["meta"] = np.array(json.dumps(meta, sort_keys=True))
    with path.open("wb") as handle:
        np.savez_compressed(handle, **arrays)


def _pack(weights: np.ndarray, bits: int = 8) -> dict[str, np.ndarray]:
    """Weights to store: a matrix as int8 (or, with ``bits`` 4, two 4-bit integers a byte) with a float32
    scale per column, a vector in float16. Used for the linear models' coefficients (int8) and for the tuned
    layers' differences from the published ones (4-bit: small and noise-like, so finer steps buy nothing; the
    shipped PLOVER model's type hardly ever differs from float32's)."""
    if weights.ndim == 1:
        return {"d": weights.astype(np.float16)}
    top = 2 ** (bits - 1) - 1
    scale = np.maximum(np.abs(weights).max(0), 1e-12) / top
    q = np.round(weights / scale).astype(np.int8)
    if bits == 8:
        return {"q": q, "s": scale.astype(np.float32)}
    nibbles = (q.ravel() + 8).astype(np.uint8)
    nibbles = np.append(nibbles, np.uint8(8)) if nibbles.size % 2 else nibbles
    return {
        "q4": nibbles[0::2] | (nibbles[1::2] << 4),
        "s": scale.astype(np.float32),
        "shape": np.array(weights.shape),
    }


def _unpack(data: Any, key: str) -> np.ndarray:
    if f"{key}.d" in data:
        return data[f"{key}.d"].astype(np.float32)
    if f"{key}.q4" in data:
        packed, shape = data[f"{key}.q4"], tuple(data[f"{key}.shape"])
        nibbles = np.stack([packed & 15, packed >> 4], axis=1).ravel()[: int(np.prod(shape))]
        return (nibbles.astype(np.float32) - 8).reshape(shape) * data[f"{key}.s"]
    return data[f"{key}.q"].astype(np.float32) * data[f"{key}.s"]


@lru_cache(maxsize=None)
def _stored(path: Path = MODEL_FILE) -> dict[str, Model]:
    if not path.exists():
        raise ClassifierMissing(f"no trained classifier at {path}: run scripts/train_classifier.py")
    with np.load(path, allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
        out = {}
        for scheme, info in meta.items():
            terms_ = [
                Tfidf(
                    str(data[f"{scheme}.{view}.vocabulary"]).split("\n")
                    if data[f"{scheme}.{view}.idf"].size
                    else [],
                    data[f"{scheme}.{view}.idf"],
                    str(data[f"{scheme}.{view}.analyzer"]),
                )
                for view in ("text_terms", "gist_terms")
            ]
            extra = {
                k: v
                for k, v in info.items()
                if k not in ("labels", "weights", "prior_beta", "bayes_mix", "tuned")
            }
            tuned = None
            if "tuned" in info:
                t = info["tuned"]
                base = embed.load().layers[-t["layers"] :]
                layers = [
                    tuple(
                        start + _unpack(data, f"{scheme}.tuned.{i}.{part}")
                        for part, start in zip(embed.LAYER_PARTS, original)
                    )
                    for i, original in enumerate(base)
                ]
                tuned = Tuned(
                    list(t["labels"]),
                    layers,
                    data[f"{scheme}.tuned.coef"],
                    data[f"{scheme}.tuned.intercept"],
                    float(t["mix"]),
                )
            out[scheme] = Model(
                scheme,
                list(info["labels"]),
                _unpack(data, f"{scheme}.coef"),
                data[f"{scheme}.intercept"],
                terms_[0],
                terms_[1],
                dict(info["weights"]),
                extra,
                prior_beta=float(info.get("prior_beta", 0.0)),
                bayes_mix=list(info.get("bayes_mix", [])),
                tuned=tuned,
            )
    for key in sorted(k for k in out if "." in k):  # "acled.bayes.0" before "acled.bayes.1"
        scheme, part, *_number = key.split(".")
        if part == "bayes":
            out[scheme].bayes.append(out.pop(key))
        else:
            setattr(out[scheme], part, out.pop(key))
    return out


_override: dict[tuple[str, str], Model] = {}  # by (variant, scheme)


@contextmanager
def using(models: dict[str, Model], variant: str = "full") -> Iterator[None]:
    """Serve ``models`` instead of the stored ones of ``variant`` inside the block (cross-validation in
    bench/classify_eval.py)."""
    saved = dict(_override)
    _override.update({(variant, scheme): m for scheme, m in models.items()})
    try:
        yield
    finally:
        _override.clear()
        _override.update(saved)


def load(scheme: str, variant: str = "full") -> Model:
    """The trained model for ``scheme`` (plover, cameo or acled) of ``variant``, loaded once per process."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}: choose one of {', '.join(SCHEMES)}")
    if (variant, scheme) in _override:
        return _override[(variant, scheme)]
    return _stored(MODEL_FILES[variant])[scheme]


def predict(texts: Sequence[str], scheme: str, batch_size: int = 256) -> list[tuple[str | None, float]]:
    """(label or None, probability) per text: the main event under ``scheme``, None when it reports none."""
    model = load(scheme)
    out: list[tuple[str | None, float]] = []
    for start in range(0, len(texts), batch_size):
        out.extend(model.predict(Inputs(list(texts[start : start + batch_size]))))
    return out


def predict_all(
    inputs: Inputs | Sequence[str], variant: str = "full"
) -> list[dict[str, tuple[str | None, float]]]:
    """All three schemes for each text, parsing and embedding each text once."""
    inputs = inputs if isinstance(inputs, Inputs) else Inputs(list(inputs))
    if not inputs.texts:
        return []
    models = {s: load(s, variant) for s in SCHEMES}
    for model in models.values():
        if model.tuned is not None:
            inputs.tuned(model.tuned)  # the plain embeddings come from the same pass, not a second one
    inputs.complete()
    per_scheme = {s: m.predict(inputs) for s, m in models.items()}
    return [{s: per_scheme[s][i] for s in SCHEMES} for i in range(len(inputs.texts))]


def classify_stream(lines: Iterable[str], out: TextIO, scheme: str, batch_size: int = 256) -> int:
    """The work behind ``observatory classify``: JSON lines {"id", "text"} in, {"id", "label", "score"} out.

    Blank lines are skipped; a line that is not a JSON object with a string "text" raises ValueError naming
    the line. Returns the number of records written."""
    load(scheme)
    written = 0
    batch: list[tuple[Any, str]] = []

    def flush() -> None:
        nonlocal written
        for (rid, _text), (label, score) in zip(batch, predict([t for _i, t in batch], scheme)):
            out.write(
                json.dumps({"id": rid, "label": label, "score": round(score, 4)}, ensure_ascii=False) + "\n"
            )
            written += 1
        batch.clear()

    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {number}: not JSON ({exc.msg})") from exc
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise ValueError(f'line {number}: expected an object with a string "text"')
        batch.append((record.get("id"), record["text"]))
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return written


def classify_file(path: Path | str, out: TextIO, scheme: str) -> int:
    """``classify_stream`` over a JSONL file."""
    with Path(path).open(encoding="utf-8") as handle:
        return classify_stream(handle, out, scheme)


# ------------------------------------------------------------------------------------------------------------
# The "learned" event typer

EVENT_THRESHOLD = 0.35  # below this the model's type is not trusted and the lexicon's stands
ACLED_OVERRIDE = 0.3  # the model's ACLED sub-event type replaces the lexicon's from this
NONE_THRESHOLD = 0.75  # a sentence the model calls eventless with this confidence yields no event
ROOT_THRESHOLD = 0.55  # a sentence with no lexicon trigger is typed at its main verb only above this
TERMS_ROOT_THRESHOLD = 0.85  # the same for the terms typer, whose models are less sure
CACHE_SIZE = 4096
WIDE = True  # also type any verb with a subject in a confidently classified sentence, not only its root
# Which sentences are classified at all: "all" (the default, the most accurate), "lexicon" (those holding a
# lexicon trigger: far less model time, but clearly lower PLOVER accuracy and CASE F1), or "actor" (those, and
# those with a non-reporting verb whose subject names someone). A sentence not classified is typed by the
# lexicon alone. Env OBSERVATORY_TYPER_SENTENCES.
CANDIDATES = settings.TYPER_SENTENCES
ACTOR_ENTS = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"}


def _blas_controller() -> Any:
    try:
        from threadpoolctl import ThreadpoolController
    except (
        ImportError
    ):  # pragma: no cover - threadpoolctl comes with scikit-learn; without it BLAS keeps its threads
        return None
    return ThreadpoolController()


class LearnedTyper:
    """Types triggers from their sentence: each candidate sentence is classified once (all schemes, cached
    by its text); the candidates are all sentences by default (see CANDIDATES); the rest keep lexicon typing.

    - a sentence the model calls eventless with probability >= NONE_THRESHOLD yields no trigger at all;
    - a lexicon trigger takes the model's PLOVER type and ACLED sub-event type when the model's PLOVER
      probability is >= EVENT_THRESHOLD (else the lexicon's typing stands), keeping the lexicon's CAMEO code
      and mode where they agree with the model;
    - in a sentence the model is sure of (>= ROOT_THRESHOLD), the root verb is typed when the lexicon knows no
      trigger in the sentence, and so is any verb with a subject (WIDE), so "militants detonated a device"
      is found even when the lexicon lacks "detonate".
    One sentence gets one type: a sentence reporting two different events is typed by its main one.

    ``variant`` chooses the models (``VARIANTS``); ``wide`` turns WIDE on or off; without ``retype`` a lexicon
    trigger keeps its own PLOVER type and takes the model's ACLED sub-event type only when the two agree;
    ``root_threshold`` replaces ROOT_THRESHOLD; ``cache_size`` bounds the sentence cache shared by documents.
    ``seconds`` adds up the time spent classifying (gists, embeddings, models), for the benchmarks."""

    def __init__(
        self,
        candidates: str | None = None,
        variant: str = "full",
        wide: bool = WIDE,
        retype: bool = True,
        root_threshold: float = ROOT_THRESHOLD,
        cache_size: int = CACHE_SIZE,
    ) -> None:
        from .typers.lexicon import lexicon_typer

        self.lexicon_typer = lexicon_typer()
        self.lexicon = events.trigger_lexicon()
        self.candidates = candidates or settings.TYPER_SENTENCES
        self.variant, self.wide, self.retype, self.root_threshold = variant, wide, retype, root_threshold
        self.cache: OrderedDict[str, dict[str, tuple[str | None, float]] | None] = OrderedDict()
        self.cache_size = cache_size
        self._doc_results: dict[str, dict[str, tuple[str | None, float]] | None] = {}
        self._by_start: dict[int, dict[str, tuple[str | None, float]] | None] = {}
        self.seconds = 0.0
        self.sentences = 0  # classified
        self._doc: Any = None
        self._blas = _blas_controller()
        for scheme in SCHEMES:
            load(scheme, variant)

    def _is_candidate(self, sent: Any) -> bool:
        if self.candidates == "all" or self._has_lexicon_trigger(sent):
            return True
        if self.candidates != "actor":
            return False
        return any(
            tok.pos_ == "VERB"
            and tok.lemma_.lower() not in REPORTING
            and any(
                c.dep_ in ("nsubj", "agent") and any(t.ent_type_ in ACTOR_ENTS for t in c.subtree)
                for c in tok.children
            )
            for tok in sent
        )

    def _classify(self, texts: list[str], sents: list[Any]) -> list[dict[str, tuple[str | None, float]]]:
        models = [load(s, self.variant) for s in SCHEMES]
        inputs = Inputs(texts, [gist_of([s]) for s in sents])
        zeros = np.zeros((len(texts), embed.DIM), dtype=np.float32)
        if all(m.weights.get("text_embedding", 1.0) == 0 and m.tuned is None for m in models):
            inputs.text_embeddings = zeros  # no model reads it: skip the encoder
        if all(m.weights.get("gist_embedding", 1.0) == 0 for m in models):
            inputs.gist_embeddings = zeros
        return predict_all(inputs, self.variant)

    def sentence(self, sent: Any) -> dict[str, tuple[str | None, float]] | None:
        """The sentence's predictions, None for a sentence not classified; the first call for a document
        classifies all its candidate sentences in one batch, reusing the parse for their gists.

        The current document's predictions are held apart from the bounded cache shared across documents,
        so a document with more candidate sentences than the cache holds still finds every one of them."""
        if sent.doc is not self._doc:
            self._doc, self._doc_results, self._by_start = sent.doc, {}, {}
            self._fill(list(sent.doc.sents))
        if sent.start in self._by_start:  # every token of a sentence asks: its text is joined once
            return self._by_start[sent.start]
        text = nlp.span_text(sent).strip()
        if text not in self._doc_results:
            self._fill([sent])
        self._by_start[sent.start] = self._doc_results.get(text)
        return self._by_start[sent.start]

    def _fill(self, sents: list[Any]) -> None:
        """Predictions for ``sents`` into the document's table: from the shared cache, else classified."""
        started = time.perf_counter()
        pending: dict[str, Any] = {}
        for s in sents:
            key = nlp.span_text(s).strip()
            if not key or key in self._doc_results or key in pending:
                continue
            if key in self.cache:
                self.cache.move_to_end(key)
                self._doc_results[key] = self.cache[key]
            else:
                pending[key] = s
        chosen = {k: s for k, s in pending.items() if self._is_candidate(s)}
        texts = list(chosen)
        results: dict[str, dict[str, tuple[str | None, float]] | None] = dict.fromkeys(pending)
        if texts:
            # small matrices: threads cost more than they give
            blas = self._blas
            one_thread = blas.limit(limits=1, user_api="blas") if blas is not None else nullcontext()
            with one_thread:
                results.update(zip(texts, self._classify(texts, list(chosen.values()))))
            self.sentences += len(texts)
        self._doc_results.update(results)
        self.cache.update(results)
        while len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)
        self.seconds += time.perf_counter() - started

    def _has_lexicon_trigger(self, sent: Any) -> bool:
        for tok in sent:
            if tok.pos_ in ("VERB", "NOUN"):
                pos = "NOUN" if tok.pos_ in ("NOUN", "PROPN") else "VERB"
                if any((k, pos) in self.lexicon for k in events._key(tok)):
                    return True
        return False

    def __call__(self, trigger: Any, key: str) -> events.Typing | None:
        found = self.lexicon_typer(trigger, key)
        if found is None and (trigger.pos_ != "VERB" or key != trigger.lemma_.lower()):
            return None  # only a lexicon trigger or a verb can be typed: spare the sentence lookup
        sent = nlp.sentence_of(trigger)  # every key of every trigger asks
        result = self.sentence(sent)
        if result is None:
            return found
        plover, p_score = result["plover"]
        cameo, _c = result["cameo"]
        sub_event, a_score = result["acled"]
        if plover is None:
            # a claim is the sentence's main event, a statement; the event claimed is reported by it
            if p_score >= NONE_THRESHOLD and not (found is not None and events.claimant(trigger) is not None):
                return None
            return found
        if found is not None:
            if p_score < EVENT_THRESHOLD:
                return found
            if not self.retype and plover != found.event_type:
                return found
            code = _cameo(cameo, found.cameo) if self.retype else found.cameo  # a kept type keeps its code
            return events.Typing(
                plover,
                code,
                found.mode if found.event_type == plover else None,
                _acled(sub_event, a_score, found.acled, acled.names_crowd(sent)),
                score=round(0.4 + 0.6 * p_score, 3),
            )
        if key != trigger.lemma_.lower() or trigger.pos_ != "VERB" or p_score < self.root_threshold:
            return None
        is_root = trigger.dep_ == "ROOT"
        has_subject = any(c.dep_ in ("nsubj", "agent") for c in trigger.children)
        if (is_root and not self._has_lexicon_trigger(nlp.sentence_of(trigger))) or (
            self.wide and has_subject and trigger.lemma_.lower() not in REPORTING
        ):
            return events.Typing(
                plover,
                _cameo(cameo, None),
                None,
                _acled(sub_event, a_score, None),
                score=round(0.3 + 0.5 * p_score, 3),
            )
        return None


def _cameo(root: str | None, lexicon_code: str | None) -> str | None:
    """The model's CAMEO root, refined by the lexicon's code when that code lies under it."""
    if lexicon_code and (root is None or lexicon_code.startswith(root)):
        return lexicon_code
    return root


def _acled(label: str | None, score: float, lexicon_label: str | None, crowd: bool = True) -> str | None:
    """The model's ACLED sub-event type unless it is unsure (below ACLED_OVERRIDE against the lexicon's own,
    which reads the weapon or the setting named), or it makes a protest or riot of a sentence that names no
    ``crowd`` ("Police shot dead a man accused of rape" is no excessive force against protesters)."""
    if lexicon_label is None:
        return label if label is not None and score >= EVENT_THRESHOLD else None
    made_a_crowd = (
        acled.EVENT_TYPE.get(label or "") in acled.CROWD_EVENT_TYPES
        and acled.EVENT_TYPE.get(lexicon_label) not in acled.CROWD_EVENT_TYPES
    )
    if label is None or score < ACLED_OVERRIDE or (made_a_crowd and not crowd):
        return lexicon_label
    if (
        label in ("Government regains territory", "Non-state actor overtakes territory")
        and lexicon_label == "TERRITORY"
    ):
        return "TERRITORY"  # events.py decides the side from who acts
    return label


def typer_factory() -> LearnedTyper:
    """The learned typer on the full models, as registered under "learned" (typers/learned.py)."""
    return LearnedTyper()
