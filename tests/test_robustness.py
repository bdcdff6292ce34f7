"""Property-based tests: random documents and random JSONL lines through the readers and the whole pipeline.
Whatever the input under the documented limits, reading gives an article or one problem per input, never an
exception, and extraction gives records whose evidence points into the stored text."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observatory import readers

# Words of news sentences (our own) mixed with arbitrary text, so that the parser meets both real clauses
# and noise: digits, punctuation, other scripts, control characters, emoji.
WORDS = [
    "police",
    "arrested",
    "rebels",
    "attacked",
    "the",
    "a",
    "convoy",
    "near",
    "Gao",
    "on",
    "Monday",
    "killing",
    "four",
    "civilians",
    "said",
    "officials",
    "protesters",
    "marched",
    "in",
    "Kabul",
    "troops",
    "shelled",
    "Aleppo",
    "talks",
    "with",
    "Iran",
    "will",
    "meet",
    "sanctions",
    "imposed",
    "by",
    "France",
    "Islamic",
    "State",
    "militants",
    "bombed",
    "market",
    "2017-11-11",
    "yesterday",
    "last",
    "week",
    ",",
]
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=25).map(
    lambda w: " ".join(w).capitalize() + "."
)
noise = st.text(min_size=1, max_size=80)
documents = st.lists(st.one_of(sentence, sentence, noise), min_size=1, max_size=60).map(" ".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=6,
)
# a string or any JSON value, including lone surrogates in the JSON text
fields = st.one_of(st.text(), json_values, st.just("\\ud800"), st.just("Wire \\udfff report"))


def _line(draw_fields: dict) -> str:
    parts = []
    for key, value in draw_fields.items():
        text = value if isinstance(value, str) and value.startswith(("\\ud8", "Wire \\udf")) else None
        parts.append(f'"{key}": ' + (f'"{text}"' if text is not None else json.dumps(value)))
    return "{" + ", ".join(parts) + "}"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.fixed_dictionaries(
            {"text": st.one_of(documents, fields)},
            optional={"id": fields, "title": fields, "url": fields, "source": fields, "published": fields},
        ),
        min_size=1,
        max_size=6,
    ),
    st.one_of(st.none(), st.sampled_from(["[" * 5000, "{not json", "\x00\x00", "[]", "null"])),
)
def test_any_jsonl_line_gives_an_article_or_one_problem(tmp_path, objects, junk):
    lines = [_line(o) for o in objects] + ([junk] if junk else [])
    path = tmp_path / "random.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + b"\n")
    items = list(readers.read_all([str(path)]))
    assert len(items) == sum(1 for line in lines if line.strip(" \x00"))
    for item in items:
        if isinstance(item, readers.Article):
            item.text.encode("utf-8")  # storable: no lone surrogate
            assert "\x00" not in item.text and all(
                isinstance(v, str | None)
                for v in (item.id, item.title, item.url, item.source, item.published)
            )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".jsonl"]))
def test_any_bytes_in_a_file_give_articles_or_problems(tmp_path, data, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    for item in readers.read_all([str(path)]):
        assert isinstance(item, readers.Article | readers.Problem)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(st.lists(documents, min_size=1, max_size=3))
def test_random_documents_through_extract(texts):
    from observatory import pipeline

    articles = []
    for i, text in enumerate(texts):
        try:
            articles.append(readers.make_article(text, id=f"r{i}", published="2020-03-04"))
        except readers.ReadError:
            continue  # empty or not English: refused with a message, which is what should happen
    for result in pipeline.run(articles):
        for event in result.events:
            record = json.loads(json.dumps(event.record()))
            ev = record["evidence"]
            assert 0 <= ev["start"] <= ev["end"] <= len(result.article.text)
            assert ev["sentence"].strip() in result.article.text


@pytest.mark.slow
def test_a_document_with_more_sentences_than_the_typer_cache_holds():
    """Every candidate sentence of the document is still found after the shared cache has evicted it."""
    from observatory import classify, pipeline

    sentences = [
        f"Rebels attacked a convoy near Gao on day {i} of the siege, killing {i + 2} soldiers."
        for i in range(40)
    ]
    article = readers.make_article(
        "Attacks near Gao\n\n" + " ".join(sentences), id="long", published="2020-03-04"
    )
    typer = classify.LearnedTyper(variant="terms", wide=False, retype=False, cache_size=4)
    [result] = list(pipeline.run([article], typer=typer))
    # repeats of one happening fold into one event that lists the other sentences as mentions
    assaults = [e.record() for e in result.events if e.event_type == "ASSAULT"]
    assert sum(1 + len(r.get("mentions") or []) for r in assaults) >= 30
    assert len(typer.cache) <= 4


@pytest.mark.slow
@settings(max_examples=3, deadline=None)
@given(st.lists(sentence, min_size=300, max_size=600).map(" ".join))
def test_long_random_documents_through_extract_with_a_small_typer_cache(text):
    """Long documents: more candidate sentences than the typer's cache holds, so every lookup of an early
    sentence comes after the cache has moved on."""
    from observatory import classify, pipeline

    article = readers.make_article("Report\n\n" + text, id="long", published="2020-03-04")
    typer = classify.LearnedTyper(variant="terms", wide=False, retype=False, cache_size=16)
    [result] = list(pipeline.run([article], typer=typer))
    assert all(0 <= e.record()["evidence"]["start"] < len(article.text) for e in result.events)
    assert len(typer.cache) <= 16


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_the_validation_layer_answers_any_string_with_a_value_or_a_message(a, b):
    from datetime import date

    from observatory import validate

    for call in (
        lambda: validate.date_range(a, b),
        lambda: validate.countries(a),
        lambda: validate.event_types(b),
        lambda: validate.day(a),
    ):
        try:
            out = call()
        except validate.Invalid as exc:
            assert str(exc)
            continue
        if isinstance(out, str):
            date.fromisoformat(out)
