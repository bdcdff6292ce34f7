"""The command line, through click's runner, on files written in tmp_path."""

from __future__ import annotations

import json

from click.testing import CliRunner

from observatory.cli import cli

ARTICLE = "Clashes in Mali\n\nMalian troops clashed with rebels near Kidal on Monday, the army said.\n"


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def test_extract_jsonl_follows_the_event_record(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run("extract", tmp_path / "a.txt", "--published", "2020-03-06", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["event_type"] == "ASSAULT" and record["date"]["value"] == "2020-03-02"
    assert record["location"]["country"] == "MLI" and record["attribution"]["source"]


def test_jsonl_input_keeps_its_ids(tmp_path):
    (tmp_path / "w.jsonl").write_text(json.dumps({"id": "wire-1", "text": ARTICLE, "published": "2020-03-06"}) + "\n")
    result = run("extract", tmp_path / "w.jsonl", "--format", "jsonl")
    assert json.loads(result.stdout.splitlines()[0])["article_id"] == "wire-1"


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00garbage")
    result = run("extract", tmp_path, "--published", "2020-03-06", "--format", "jsonl")
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "empty.txt: empty" in result.stderr and "bad.txt: binary" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["event_type"] == "ASSAULT"


def test_nothing_readable_is_an_error_without_traceback(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("extract", tmp_path / "empty.txt")
    assert result.exit_code == 1 and "no article could be read" in result.stderr and "Traceback" not in result.output
    result = run("extract", tmp_path / "nope.txt")
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_bad_parameters(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    assert run("extract", tmp_path / "a.txt", "--published", "not a date at all").exit_code == 2
    db = tmp_path / "e.sqlite"
    run("ingest", tmp_path / "a.txt", "--db", db, "--published", "2020-03-06")
    assert run("events", "--db", db, "--near", "north").exit_code == 2


def test_ingest_query_export(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    db = tmp_path / "e.sqlite"
    for stored in ("ingested 1 articles", "1 stored already, unchanged"):
        result = run("ingest", tmp_path / "a.txt", "--db", db, "--published", "2020-03-06")
        assert result.exit_code == 0 and stored in result.stderr
    rows = run("events", "--db", db, "--type", "ASSAULT", "--format", "jsonl").stdout.splitlines()
    assert len(rows) == 1
    assert run("events", "--db", db, "--country", "FRA", "--format", "jsonl").stdout == ""
    table = run("events", "--db", db).stdout
    assert "ASSAULT" in table and "Kidal" in table
    for fmt in ("jsonl", "csv", "acled-csv", "geojson"):
        out = tmp_path / f"out.{fmt}"
        assert run("export", "--db", db, "--format", fmt, out).exit_code == 0 and out.stat().st_size > 0


def test_places_and_dates_commands(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    places = [json.loads(x) for x in run("places", tmp_path / "a.txt").stdout.splitlines()]
    kidal = next(p for p in places if p["text"] == "Kidal")
    assert kidal["country"] == "MLI" and ARTICLE[kidal["start"]:kidal["end"]] == "Kidal"
    assert set(kidal) == {"article_id", "text", "start", "end", "name", "country", "admin1", "lat", "lon",
                          "geonameid", "feature", "score"}
    times = [json.loads(x) for x in run("dates", tmp_path / "a.txt", "--published", "2020-03-06").stdout.splitlines()]
    assert times == [{"article_id": times[0]["article_id"], "text": "Monday", "start": ARTICLE.index("Monday"),
                      "end": ARTICLE.index("Monday") + 6, "type": "DATE", "value": "2020-03-02"}]


def test_an_article_whose_extraction_fails_is_reported_and_the_rest_go_on(tmp_path, monkeypatch):
    from observatory import pipeline

    real = pipeline.analyse

    def analyse(article, doc, typer=None):
        if "poison" in article.text:
            raise ValueError("broken parse")
        return real(article, doc, typer)

    monkeypatch.setattr(pipeline, "analyse", analyse)
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text("A poison pill.\n\nThe rest of the text.\n")
    result = run("extract", tmp_path / "a.txt", tmp_path / "b.txt", "--published", "2020-03-06", "--format", "jsonl")
    assert result.exit_code == 0
    assert "b.txt" in result.stderr and "could not extract events (ValueError: broken parse)" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["event_type"] == "ASSAULT"
