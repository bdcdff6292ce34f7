"""Readers: formats, normalisation, boilerplate, publication dates, bad input."""

from __future__ import annotations

import json
import os

import pytest

from observatory import readers


def articles(paths, **kw):
    items = list(readers.read_all([str(p) for p in paths], **kw))
    return [i for i in items if not isinstance(i, readers.Problem)], [
        i for i in items if isinstance(i, readers.Problem)
    ]


def test_txt_first_line_is_the_headline(tmp_path):
    (tmp_path / "a.txt").write_text("Rebels seize town\n\nRebels seized the town of Kidal on Monday.\n")
    [a], problems = articles([tmp_path / "a.txt"], published="2012-03-30")
    assert a.title == "Rebels seize town" and a.published == "2012-03-30" and not problems


def test_non_breaking_spaces_are_replaced_one_for_one(tmp_path):
    text = "Police\u00a0arrested\u202fthe mayor of\u00a0Kabul."
    article = readers.make_article(text, published="2020-01-01")
    assert (
        len(article.text) == len(text)
        and "\u00a0" not in article.text
        and article.text.index("Kabul") == text.index("Kabul")
    )


def test_read_more_list_is_cut_from_the_body():
    body = "Headline\n\n" + "Rebels attacked a convoy near Gao on Monday, officials said. " * 10
    article = readers.make_article(body + "\n\nRead more:\n\nOther headline one\nOther headline two\n")
    assert (
        article.body_end is not None
        and "Read more" not in article.body
        and article.body.startswith("Headline")
    )


def test_see_also_in_the_middle_does_not_cut_the_report():
    text = (
        "Headline\n\nSee also\n\n" + "Troops clashed with rebels in the north of the country on Monday. " * 30
    )
    assert readers.make_article(text).body_end is None


def test_publication_date_inferred_from_a_dateline():
    article = readers.make_article("Headline\n\nKABUL, March 3, 2019 - Police arrested the mayor on Sunday.")
    assert article.published == "2019-03-03" and article.published_inferred


def test_no_date_anywhere_gives_null():
    article = readers.make_article("Headline\n\nPolice arrested the mayor on Sunday.")
    assert article.published is None and not article.published_inferred


def test_html_through_trafilatura(tmp_path):
    (tmp_path / "p.html").write_text(
        "<html><head><title>Protest in Minsk</title>"
        "<meta property='article:published_time' content='2020-08-10'></head><body>"
        "<nav>Home | World</nav><article><h1>Protest in Minsk</h1><p>Thousands of protesters marched in "
        "Minsk on Sunday against the disputed election result, and police detained dozens of them "
        "near the main square, according to a rights group.</p></article></body></html>"
    )
    [a], _ = articles([tmp_path / "p.html"])
    assert a.title == "Protest in Minsk" and a.published == "2020-08-10" and "Home | World" not in a.text


def test_jsonl_uses_the_given_ids_and_reports_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "one", "text": "Police arrested the mayor.", "published": "2020-01-02"}),
        "{not json",
        json.dumps({"id": "three"}),
        json.dumps({"id": 4, "text": "Rebels attacked a convoy."}),
    ]
    (tmp_path / "w.jsonl").write_text("\n".join(lines) + "\n")
    good, problems = articles([tmp_path / "w.jsonl"])
    assert [a.id for a in good] == ["one", "4"] and good[0].published == "2020-01-02"
    assert len(problems) == 2 and "w.jsonl:2" in problems[0].path and "invalid JSON" in problems[0].message


def test_directories_are_read_recursively(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "a.txt").write_text("One\n\nPolice arrested the mayor.")
    (tmp_path / "b.txt").write_text("Two\n\nRebels attacked a convoy.")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main")
    good, problems = articles([tmp_path])
    assert sorted(a.title for a in good) == ["One", "Two"]
    # a file of a type not read is named, once; hidden files and folders are left out without a word
    assert [(os.path.basename(p.path), "not a type" in p.message) for p in problems] == [("notes.bin", True)]


def test_content_hash_id_is_stable():
    assert readers.make_article("Same text here.").id == readers.make_article("Same text here.").id


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("latin1.txt", "Caf\u00e9 bombing in Paris".encode("latin-1"), "UTF-8"),
        (
            "german.txt",
            (
                "Die Regierung hat am Montag neue Sanktionen gegen das Land beschlossen, wie ein Sprecher "
                "mitteilte. Die Opposition kritisierte die Entscheidung scharf und kündigte Proteste an. " * 3
            ).encode(),
            "not English",
        ),
    ],
)
def test_bad_files_give_one_clear_problem_each(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text("Fine\n\nPolice arrested the mayor of Kabul on Friday.")
    good, problems = articles([tmp_path])
    assert [a.title for a in good] == ["Fine"]
    assert len(problems) == 1 and problems[0].path.endswith(name) and message in problems[0].message


def test_a_50_megabyte_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    _, [problem] = articles([big])
    assert "too large" in problem.message


def test_unreadable_and_missing_files(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    locked = tmp_path / "locked.txt"
    locked.write_text("Locked\n\nPolice arrested the mayor.")
    locked.chmod(0)
    good, problems = articles([tmp_path, tmp_path / "missing.txt"])
    messages = {os.path.basename(p.path): p.message for p in problems}
    assert "dangling.txt" in messages and "missing.txt" in messages
    if os.geteuid() != 0:  # root reads mode-000 files anyway
        assert "permission denied" in messages["locked.txt"]


STORY = "Police arrested the mayor of Kabul on Friday, officials said."


def test_bad_jsonl_lines_are_reported_and_the_good_ones_kept(tmp_path):
    """A lone surrogate, nesting deeper than any parser recurses, and a list or object where a string belongs:
    each line is one problem, and every good line around them is read."""
    lines = [
        json.dumps({"id": "a", "text": STORY}),
        '{"id": "b", "text": "Police arrested \\ud800 the mayor."}',
        '{"id": "c", "text": "' + "[" * 100_000 + '"}',
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"id": "d", "text": STORY, "title": ["a", "list"]}),
        json.dumps({"id": "e", "text": STORY, "url": {"an": "object"}}),
        json.dumps({"id": ["f"], "text": STORY}),
        json.dumps({"id": "g", "text": STORY, "source": "Wire \ud800"}),
        json.dumps({"id": "z", "text": STORY}),
    ]
    (tmp_path / "w.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    good, problems = articles([tmp_path / "w.jsonl"])
    assert [a.id for a in good] == ["a", "c", "z"]
    assert [p.path.rsplit(":", 1)[1] for p in problems] == ["2", "4", "5", "6", "7", "8"]
    messages = [p.message for p in problems]
    assert "surrogate" in messages[0] and "nested too deeply" in messages[1]
    assert "'title' must be a string" in messages[2] and "'url' must be a string" in messages[3]
    assert "'id' must be a string" in messages[4] and "surrogate" in messages[5]


def test_invalid_json_says_where_and_what_a_line_must_be(tmp_path):
    (tmp_path / "w.jsonl").write_text('{"id": "x", "text": "Police"\n')
    _, [problem] = articles([tmp_path / "w.jsonl"])
    assert problem.message == (
        "invalid JSON: Expecting ',' delimiter at column 29; each line must be one JSON object"
    )


def test_nul_bytes_are_dropped_anywhere(tmp_path):
    text = "Arrest in Kabul\n\n" + STORY + "\x00 " + "x" * 9000 + "\x00\n" + STORY
    (tmp_path / "a.txt").write_bytes(text.encode())
    (tmp_path / "w.jsonl").write_text(
        json.dumps({"id": "j", "text": STORY + "\x00", "title": "T\x00"}) + "\n"
    )
    good, problems = articles([tmp_path])
    assert len(good) == 2 and not problems
    assert all("\x00" not in a.text and "\x00" not in (a.title or "") for a in good)


def test_a_fifo_in_a_directory_or_named_is_reported_not_waited_on(tmp_path):
    (tmp_path / "good.txt").write_text("Fine\n\n" + STORY)
    os.mkfifo(tmp_path / "pipe.txt")
    good, problems = articles([tmp_path, tmp_path / "pipe.txt"])
    assert [a.title for a in good] == ["Fine"]
    assert [os.path.basename(p.path) for p in problems] == ["pipe.txt", "pipe.txt"]
    assert all("not a regular file" in p.message for p in problems)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads mode-000 folders anyway")
def test_an_unreadable_subdirectory_is_reported_and_its_siblings_read(tmp_path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text("Hidden\n\n" + STORY)
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "b.txt").write_text("Seen\n\n" + STORY)
    (tmp_path / "locked").chmod(0)
    try:
        good, problems = articles([tmp_path])
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert [a.title for a in good] == ["Seen"]
    assert len(problems) == 1 and problems[0].path.endswith("locked") and "not read" in problems[0].message


@pytest.mark.parametrize(
    "text",
    [
        (
            "Troops kill 12 in Gao\n\nMalian troops killed 12 militants near Gao on Monday. Army "
            "spokesman confirmed toll."
        ),
        "Blast hits Kabul market\n\nBlast hits crowded Kabul market; 8 dead, 20 wounded, police say. "
        "Taliban deny involvement, blame Islamic State affiliate operating nearby.",
        "Protesters rally in Minsk\n\nThousands rallied Sunday in central Minsk demanding new elections. "
        "Police detained dozens, rights group Viasna reported, citing witnesses.",
    ],
)
def test_short_terse_english_is_not_rejected(text):
    assert readers.make_article(text, published="2020-01-01").text.startswith(text[:10])


@pytest.mark.parametrize(
    "text",
    [
        "Le gouvernement a annoncé lundi de nouvelles sanctions contre le pays, selon un porte-parole. "
        "L'opposition a vivement critiqué cette décision et a appelé à manifester dans la capitale.",
        "El gobierno anunció el lunes nuevas sanciones contra el país, según un portavoz. "
        "La oposición criticó la decisión y convocó protestas en la capital durante el fin de semana.",
        (
            "أعلنت الحكومة يوم الاثنين فرض عقوبات جديدة على البلاد، وفقا لمتحدث باسمها، وانتقدت "
            "المعارضة القرار بشدة."
        ),
    ],
)
def test_other_languages_are_still_refused(text):
    with pytest.raises(readers.ReadError, match="not English"):
        readers.make_article(text)


def test_a_metadata_date_without_a_year_is_refused_not_read_from_the_clock():
    with pytest.raises(readers.ReadError, match="no year"):
        readers.make_article(STORY, published="yesterday")


def test_html_metadata_date_wins_over_published_unless_forced(tmp_path):
    (tmp_path / "p.html").write_text(
        "<html><head><title>Protest in Minsk</title>"
        "<meta property='article:published_time' content='2020-08-10'></head><body>"
        "<article><h1>Protest in Minsk</h1><p>Thousands of protesters marched in Minsk on Sunday "
        "against the disputed election result, and police detained dozens of them near the main square, "
        "according to a rights group.</p></article></body></html>"
    )
    (tmp_path / "w.jsonl").write_text(
        json.dumps({"id": "j", "text": STORY, "published": "2020-08-11"}) + "\n"
    )
    (tmp_path / "t.txt").write_text("Arrest\n\n" + STORY)
    good, _ = articles([tmp_path], published="2021-01-01")
    assert sorted(a.published for a in good) == ["2020-08-10", "2020-08-11", "2021-01-01"]
    good, _ = articles([tmp_path], published="2021-01-01", force=True)
    assert [a.published for a in good] == ["2021-01-01"] * 3


def test_linked_folders_are_read_once_even_when_they_loop(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("Linked\n\n" + STORY)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "back").symlink_to(tmp_path)
    good, problems = articles([tmp_path])
    assert [a.title for a in good] == ["Linked"] and not problems
