"""The learned event classifiers: every PLOVER type, the main ACLED sub-event types, no-event texts, the CLI's
worker, the numpy encoder and the registered "learned" and "terms" typers. Sentences are our own, written for
these tests (not from any benchmark, not copied from the training examples). Accuracy is measured in
bench/classify_eval.py, not here."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from conftest import ROOT, extract

from observatory import acled

classify = pytest.importorskip("observatory.classify")
embed = pytest.importorskip("observatory.embed")

try:
    embed.model_dir()
    classify.load("plover")
except (embed.EmbeddingModelMissing, classify.ClassifierMissing) as exc:  # pragma: no cover
    pytest.skip(f"learned classifier not installed: {exc}", allow_module_level=True)

PLOVER_CASES = {
    "AGREE": "The two governments promised to open a joint trade office next year.",
    "CONSULT": (
        "The Kenyan foreign minister held talks with her Ethiopian counterpart in Addis Ababa on Tuesday."
    ),
    "SUPPORT": "The president praised the election commission for a fair and orderly vote.",
    "CONCEDE": "After a week of sit-ins the cabinet gave in and scrapped the planned rise in bread prices.",
    "COOPERATE": "Police forces of the two countries ran a joint operation against a people-smuggling ring.",
    "AID": "The agency flew twenty tonnes of medical supplies to hospitals in the flooded province.",
    "RETREAT": "The militia freed the eleven aid workers it had been holding since March.",
    "REQUEST": "The opposition demanded that the electoral commission publish the full results.",
    "ACCUSE": "The foreign ministry accused its neighbour of training and arming the separatists.",
    "REJECT": "The rebel leadership rejected the government's offer of a ceasefire.",
    "THREATEN": "The militants threatened to attack any ships that enter the strait.",
    "PROTEST": "Thousands of nurses marched through the capital to demand better pay.",
    "SANCTION": "The European Union imposed sanctions on six generals over the crackdown.",
    "MOBILIZE": "The army moved two armoured brigades to the border and put its air defences on alert.",
    "COERCE": "Police arrested the opposition leader and four of his aides in a dawn raid.",
    "ASSAULT": "Government warplanes bombed a market in the rebel-held town, killing nine people.",
}

ACLED_CASES = {
    "Armed clash": (
        "Soldiers and rebel fighters exchanged gunfire for hours near the border post, leaving six dead."
    ),
    "Air/drone strike": "A drone strike hit a pickup truck carrying militants on a desert road.",
    "Shelling/artillery/missile attack": (
        "Mortar shells fired by the rebels landed on a residential street in the city."
    ),
    "Suicide bomb": (
        "A suicide bomber blew himself up at the gate of the police academy, killing eight recruits."
    ),
    "Remote explosive/landmine/IED": (
        "A roadside bomb exploded as an army truck passed, wounding four soldiers."
    ),
    "Attack": "Gunmen stormed a village at night and shot dead seven farmers.",
    "Abduction/forced disappearance": (
        "Armed men kidnapped a priest and two nuns from the mission and demanded a ransom."
    ),
    "Peaceful protest": "Hundreds of teachers held a peaceful rally outside parliament over unpaid salaries.",
    "Violent demonstration": "Rioters hurled petrol bombs at police and set fire to cars after the verdict.",
    "Arrests": "Police detained a prominent journalist at his home on charges of spreading false news.",
    "Agreement": "The government and the rebel movement signed a ceasefire agreement in the capital.",
    "Sexual violence": "Militiamen raped several women during the raid on the camp, a rights group said.",
}

NO_EVENT = [
    "Light showers are forecast for the coast on Sunday, with sunshine returning by midweek.",
    "The orchestra's new season opens with a programme of Brahms and Dvorak.",
]


@pytest.mark.parametrize("label,text", sorted(PLOVER_CASES.items()))
def test_every_plover_type(label, text):
    assert classify.predict([text], "plover")[0][0] == label


@pytest.mark.parametrize("label,text", sorted(ACLED_CASES.items()))
def test_main_acled_sub_event_types(label, text):
    assert classify.predict([text], "acled")[0][0] == label


def test_cameo_roots_for_a_few_clear_cases():
    texts = [
        PLOVER_CASES["CONSULT"],
        PLOVER_CASES["ACCUSE"],
        PLOVER_CASES["PROTEST"],
        PLOVER_CASES["ASSAULT"],
    ]
    roots = [label for label, _ in classify.predict(texts, "cameo")]
    assert roots[0] == "04" and roots[1] == "11" and roots[2] == "14" and roots[3] in ("18", "19", "20")


@pytest.mark.parametrize("scheme", classify.SCHEMES)
def test_no_event_texts_give_null(scheme):
    for label, score in classify.predict(NO_EVENT, scheme):
        assert label is None and 0.0 < score <= 1.0


def test_predict_is_batched_and_ordered():
    texts = [PLOVER_CASES[k] for k in ("PROTEST", "AID", "THREATEN")] + NO_EVENT[:1]
    together = classify.predict(texts, "plover")
    alone = [classify.predict([t], "plover")[0] for t in texts]
    assert [label for label, _ in together] == ["PROTEST", "AID", "THREATEN", None]
    assert [label for label, _ in together] == [label for label, _ in alone]
    assert all(abs(a[1] - b[1]) < 1e-4 for a, b in zip(together, alone))
    assert classify.predict([], "acled") == []


def test_labels_are_the_schemes_names():
    assert set(classify.load("plover").labels) == set(classify.PLOVER_TYPES) | {classify.NONE}
    assert set(classify.load("cameo").labels) == set(classify.CAMEO_ROOTS) | {classify.NONE}
    assert set(classify.load("acled").labels) == set(classify.ACLED_TYPES) | {classify.NONE}
    with pytest.raises(ValueError):
        classify.load("gdelt")


def test_classify_stream_reads_ids_and_texts_and_writes_labels():
    lines = [
        json.dumps({"id": "a", "text": PLOVER_CASES["SANCTION"]}),
        "",
        json.dumps({"id": 7, "text": NO_EVENT[1]}),
    ]
    out = io.StringIO()
    assert classify.classify_stream(lines, out, "plover") == 2
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in records] == ["a", 7]
    assert records[0]["label"] == "SANCTION" and records[1]["label"] is None
    assert all(set(r) == {"id", "label", "score"} for r in records)
    with pytest.raises(ValueError, match="line 1"):
        classify.classify_stream(['{"id": 1}'], io.StringIO(), "plover")


def test_encoder_gives_unit_vectors_that_put_paraphrases_close():
    vectors = embed.load().encode(
        [
            "Rebels shelled the town overnight.",
            "The town was shelled by rebels during the night.",
            "The bakery sells fresh bread every morning.",
            "",
        ]
    )
    assert vectors.shape == (4, embed.DIM)
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > 0.8 > vectors[0] @ vectors[2] + 0.3


def test_wordpiece_matches_bert_uncased_rules():
    tokenizer = embed.load().tokenizer
    assert tokenizer.basic("Héllo, WORLD!") == ["hello", ",", "world", "!"]
    ids = tokenizer.encode("unaffordable")
    assert ids[0] == tokenizer.cls and ids[-1] == tokenizer.sep and len(ids) > 3
    assert len(tokenizer.encode("word " * 500)) == embed.MAX_TOKENS


def test_loads_offline_with_no_hub_access():
    code = (
        "import observatory.classify as c; print(c.predict(['Police arrested three journalists in the "
        "capital.'], 'plover')[0][0])"
    )
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9",
    }
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "COERCE"
    assert "torch" not in (ROOT / "src" / "observatory" / "embed.py").read_text().split('"""')[2]


def test_training_examples_are_well_formed():
    examples = classify.training_examples()
    assert len(examples) > 900
    for e in examples:
        assert e.text and e.labels, e
        for scheme, label in e.labels.items():
            assert label == classify.NONE or label in classify.LABELS[scheme], (scheme, label)
    covered = {e.labels["plover"] for e in examples if "plover" in e.labels}
    assert covered >= set(classify.PLOVER_TYPES)
    assert {e.labels["acled"] for e in examples if "acled" in e.labels} >= set(classify.ACLED_TYPES)
    assert {e.labels["cameo"] for e in examples if "cameo" in e.labels} >= set(classify.CAMEO_ROOTS)


def test_quads_of_cameo_roots_and_plover_types():
    assert [
        classify.quad_of_root(r)
        for r in ("01", "02", "03", "05", "06", "08", "09", "13", "16", "14", "15", "17", "20")
    ] == list("0011223334444")
    assert set(classify.PLOVER_QUADS) == set(classify.PLOVER_TYPES) | {classify.NONE}
    for label, quads in classify.PLOVER_QUADS.items():
        assert set(quads) <= set(classify.QUADS) | {classify.NONE}, label


def test_plover_model_carries_its_quad_prior_and_it_reweights():
    model = classify.load("plover")
    assert model.prior is not None and model.prior_beta > 0
    assert set(model.prior.labels) <= set(classify.QUADS) | {classify.NONE}
    text = ["Government aircraft bombed a rebel-held village on Tuesday, killing twelve people."]
    with_prior = model.proba(text)[0]
    assert abs(with_prior.sum() - 1) < 1e-5
    bare = classify.Model(
        model.scheme,
        model.labels,
        model.coef,
        model.intercept,
        model.text_terms,
        model.gist_terms,
        model.weights,
    ).proba(text)[0]
    assert not np.allclose(with_prior, bare)
    assert model.labels[int(with_prior.argmax())] == "ASSAULT"


def test_acled_model_mixes_in_naive_bayes_over_words_and_characters_and_keeps_them_through_save(tmp_path):
    model = classify.load("acled")
    assert [m.text_terms.analyzer for m in model.bayes] == ["words", "chars"]
    assert len(model.bayes_mix) == 2 and 0 < sum(model.bayes_mix) < 1
    for bayes in model.bayes:
        assert bayes.labels == model.labels
        assert {v for v, w in bayes.weights.items() if w} == {
            "text_terms"
        }  # a linear model of the terms alone
    assert len(model.bayes[0].text_terms.vocabulary) > len(
        model.text_terms.vocabulary
    )  # terms seen once count too
    assert " bomb" in model.bayes[1].text_terms.vocabulary and "ings " in model.bayes[1].text_terms.vocabulary
    text = ["Insurgents detonated a roadside bomb under a police convoy, killing four officers."]
    mixed = model.proba(text)[0]
    linear = classify.Model(
        model.scheme,
        model.labels,
        model.coef,
        model.intercept,
        model.text_terms,
        model.gist_terms,
        model.weights,
    )
    assert abs(mixed.sum() - 1) < 1e-5 and not np.allclose(mixed, linear.proba(text)[0])
    assert model.labels[int(mixed.argmax())] == "Remote explosive/landmine/IED"
    classify.save({"acled": model}, tmp_path / "m.npz")
    again = classify._stored(tmp_path / "m.npz")["acled"]
    assert again.bayes_mix == model.bayes_mix
    assert [m.text_terms.vocabulary for m in again.bayes] == [m.text_terms.vocabulary for m in model.bayes]
    assert [m.text_terms.analyzer for m in again.bayes] == ["words", "chars"]
    assert np.allclose(again.proba(text)[0], mixed, atol=1e-3)
    assert [m.text_terms.analyzer for m in classify.load("acled", "terms").bayes] == [
        "words"
    ]  # extract: no chars


def test_character_terms_are_padded_word_ngrams():
    counts = dict(classify.char_counts("Shelled  SHELLED"))
    assert counts[" sh"] == 2 and counts["led "] == 2 and counts["ed "] == 2
    assert all(2 <= len(g) <= 5 for g in counts) and not any(" " in g.strip() for g in counts)


def test_encoder_through_its_own_top_layers_gives_the_plain_embeddings():
    encoder = embed.load()
    texts = ["Troops massed along the border on Monday.", "The minister resigned.", ""]
    plain, tuned = encoder.encode_tuned(texts, encoder.layers[-2:])
    assert np.allclose(plain, encoder.encode(texts), atol=1e-5)
    assert np.allclose(plain, tuned, atol=1e-5)


def test_plover_model_mixes_in_its_tuned_encoder_and_keeps_it_through_save(tmp_path):
    model = classify.load("plover")
    assert (
        model.tuned is not None and 0 < model.tuned.mix < 1 and set(model.labels) <= set(model.tuned.labels)
    )
    text = ["Thousands of reservists were called up as the army raised its alert level on the frontier."]
    mixed = model.proba(text)[0]
    linear = classify.Model(
        model.scheme,
        model.labels,
        model.coef,
        model.intercept,
        model.text_terms,
        model.gist_terms,
        model.weights,
        prior=model.prior,
        prior_beta=model.prior_beta,
    )
    assert abs(mixed.sum() - 1) < 1e-5 and not np.allclose(mixed, linear.proba(text)[0])
    classify.save({"plover": model}, tmp_path / "m.npz")
    again = classify._stored(tmp_path / "m.npz")["plover"]
    assert np.allclose(again.proba(text)[0], mixed, atol=1e-4)


@pytest.mark.slow
@pytest.mark.parametrize("typer_name", ["learned", "terms"])
def test_learned_typer_types_triggers_from_their_sentence(typer_name):
    from observatory import events

    typer = events.event_typers.get(typer_name)()
    text = (
        "Rebels shelled the northern town of Kidal on Monday, killing four civilians, the army said. "
        "The foreign minister telephoned her French counterpart to discuss the crisis."
    )
    article = extract(text)
    doc_events = events.extract(_context(article, text), typer)
    types = {e.event_type for e in doc_events}
    assert "ASSAULT" in types and "CONSULT" in types
    assault = next(e for e in doc_events if e.event_type == "ASSAULT")
    assert assault.acled_sub_event_type == "Shelling/artillery/missile attack"
    assert assault.cameo and assault.cameo.startswith(("18", "19", "20"))


@pytest.mark.slow
def test_learned_typer_returns_none_for_an_eventless_sentence():
    from observatory import nlp

    typer = classify.typer_factory()
    doc = next(nlp.parse(["The festival opens on Friday with a concert in the old harbour."]))
    assert all(typer(tok, tok.lemma_.lower()) is None for tok in doc)


def test_terms_models_read_no_embedding_and_the_terms_typer_never_runs_the_encoder(monkeypatch):
    from observatory import events

    for scheme in classify.SCHEMES:
        model = classify.load(scheme, "terms")
        assert model.weights["text_embedding"] == model.weights["gist_embedding"] == 0 and model.tuned is None
    typer = events.get_typer("terms")

    def no_encoder():
        raise AssertionError("the terms typer ran the encoder")

    monkeypatch.setattr(embed, "load", no_encoder)
    text = "Government troops recaptured the border town from the rebels on Sunday, the army said."
    doc_events = events.extract(_context(extract(text), text), typer)
    assert [e.event_type for e in doc_events] == ["ASSAULT"]
    assert doc_events[0].acled_sub_event_type == "Government regains territory"


def _context(result, text):
    from observatory import actors, events, nlp, pipeline

    doc = next(nlp.parse([text]))
    names = actors.scan(doc, result.article.published)
    return events.Context(
        doc=doc,
        article_id="t",
        published=result.article.published,
        names=names,
        places=result.places,
        times=pipeline.times_in(doc, None),
        focus_country=pipeline.focus_country(names, result.places),
    )


def test_the_terms_typer_keeps_the_lexicon_code_of_a_type_it_keeps(monkeypatch):
    from observatory import events, nlp

    typer = events.get_typer("terms")
    doc = next(nlp.parse(["Opposition leaders condemned the arrest of the journalists."]))
    trigger = next(tok for tok in doc if tok.lemma_ == "condemn")
    lexicon = typer.lexicon_typer(trigger, "condemn")
    # the PLOVER model agrees with the lexicon, the CAMEO model names another root: the kept type keeps its
    # code
    monkeypatch.setattr(
        typer,
        "sentence",
        lambda sent: {"plover": (lexicon.event_type, 0.9), "cameo": ("02", 0.6), "acled": (None, 0.8)},
    )
    typing = typer(trigger, "condemn")
    assert (typing.event_type, typing.cameo) == (lexicon.event_type, lexicon.cameo)


def test_the_models_acled_type_replaces_the_lexicons_unless_unsure_or_a_protest_without_a_crowd():
    sure = classify.ACLED_OVERRIDE + 0.01
    assert (
        classify._acled("Air/drone strike", sure, "Shelling/artillery/missile attack") == "Air/drone strike"
    )
    assert classify._acled("Armed clash", sure, "Attack") == "Armed clash"
    assert classify._acled("Armed clash", classify.ACLED_OVERRIDE - 0.01, "Attack") == "Attack"
    assert classify._acled("Excessive force against protesters", 0.9, "Attack", crowd=False) == "Attack"
    assert (
        classify._acled("Excessive force against protesters", sure, "Attack", crowd=True)
        == "Excessive force against protesters"
    )
    assert (
        classify._acled("Protest with intervention", sure, "Peaceful protest", crowd=False)
        == "Protest with intervention"
    )  # the lexicon already read a protest
    assert classify._acled(None, 0.99, "Attack") == "Attack"
    assert classify._acled("Armed clash", classify.EVENT_THRESHOLD - 0.01, None) is None


def test_a_sentence_names_a_crowd_by_its_protesters_or_rioters():
    from observatory import nlp

    def crowd(text):
        return acled.names_crowd(next(nlp.load()(text).sents))

    assert crowd("Police fired tear gas at protesters in the capital.")
    assert crowd("Rioters set fire to a police station.")
    assert not crowd("Police shot dead a man accused of theft.")


def test_sparse_logits_equal_the_dense_features_even_for_empty_and_unknown_texts():
    texts = [
        "Rebels shelled the town overnight.",
        "",
        "zzqx qqv",
        "Police fired tear gas at protesters on Monday.",
    ]
    for scheme in classify.SCHEMES:
        model = classify.load(scheme, "terms")
        chars = [m for m in classify.load(scheme).bayes if m.text_terms.analyzer == "chars"]
        for part in [model, *model.bayes, *chars] + [m for m in (model.prior,) if m is not None]:
            inputs = classify.Inputs(list(texts)).complete()
            dense = classify.features(inputs, part.text_terms, part.gist_terms, part.weights) @ part.coef.T
            assert np.allclose(classify.linear(inputs, part), dense + part.intercept, atol=1e-4), scheme


@pytest.mark.parametrize("shape", [(5, 3), (7, 4), (1, 1)])
def test_four_bit_weights_come_back_within_half_a_step(shape):
    weights = np.random.default_rng(0).normal(size=shape).astype(np.float32)
    packed = classify._pack(weights, bits=4)
    back = classify._unpack({f"w.{k}": v for k, v in packed.items()}, "w")
    assert back.shape == shape and packed["q4"].size == (weights.size + 1) // 2
    assert np.all(np.abs(back - weights) <= np.abs(weights).max(0) / 7 / 2 + 1e-6)
