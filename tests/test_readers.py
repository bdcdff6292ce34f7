"""Readers: formats, normalisation, boilerplate, publication dates, bad input."""

from __future__ import annotations

import json
import os

import pytest

from observatory import readers


def articles(paths, **kw):
    items = list(readers.read_all([str(p) for p in paths], **kw))
    return [i for i in items if not isinstance(i, readers.Problem)], [i for i in items if isinstance(i, readers.Problem)]


def test_txt_first_line_is_the_headline(tmp_path):
    (tmp_path / "a.txt").write_text("Rebels seize town\n\nRebels seized the town of Kidal on Monday.\n")
    [a], problems = articles([tmp_path / "a.txt"], published="2012-03-30")
    assert a.title == "Rebels seize town" and a.published == "2012-03-30" and not problems


def test_non_breaking_spaces_are_replaced_one_for_one(tmp_path):
    text = "Police\u00a0arrested\u202fthe mayor of\u00a0Kabul."
    article = readers.make_article(text, published="2020-01-01")
    assert len(article.text) == len(text) and "\u00a0" not in article.text and article.text.index("Kabul") == text.index("Kabul")


def test_read_more_list_is_cut_from_the_body():
    body = "Headline\n\n" + "Rebels attacked a convoy near Gao on Monday, officials said. " * 10
    article = readers.make_article(body + "\n\nRead more:\n\nOther headline one\nOther headline two\n")
    assert article.body_end is not None and "Read more" not in article.body and article.body.startswith("Headline")


def test_see_also_in_the_middle_does_not_cut_the_report():
    text = "Headline\n\nSee also\n\n" + "Troops clashed with rebels in the north of the country on Monday. " * 30
    assert readers.make_article(text).body_end is None


def test_publication_date_inferred_from_a_dateline():
    article = readers.make_article("Headline\n\nKABUL, March 3, 2019 - Police arrested the mayor on Sunday.")
    assert article.published == "2019-03-03" and article.published_inferred


def test_no_date_anywhere_gives_null():
    article = readers.make_article("Headline\n\nPolice arrested the mayor on Sunday.")
    assert article.published is None and not article.published_inferred


def test_html_through_trafilatura(tmp_path):
    (tmp_path / "p.html").write_text(
        "<html><head><title>Protest in Minsk</title><meta property='article:published_time' content='2020-08-10'>"
        "</head><body><nav>Home | World</nav><article><h1>Protest in Minsk</h1><p>Thousands of protesters marched in "
        "Minsk on Sunday against the disputed election result, and police detained dozens of them near the main "
        "square, according to a rights group.</p></article></body></html>")
    [a], _ = articles([tmp_path / "p.html"])
    assert a.title == "Protest in Minsk" and a.published == "2020-08-10" and "Home | World" not in a.text


def test_jsonl_uses_the_given_ids_and_reports_bad_lines(tmp_path):
    lines = [json.dumps({"id": "one", "text": "Police arrested the mayor.", "published": "2020-01-02"}),
             "{not json", json.dumps({"id": "three"}), json.dumps({"id": 4, "text": "Rebels attacked a convoy."})]
    (tmp_path / "w.jsonl").write_text("\n".join(lines) + "\n")
    good, problems = articles([tmp_path / "w.jsonl"])
    assert [a.id for a in good] == ["one", "4"] and good[0].published == "2020-01-02"
    assert len(problems) == 2 and "w.jsonl:2" in problems[0].path and "invalid JSON" in problems[0].message


def test_directories_are_read_recursively(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "a.txt").write_text("One\n\nPolice arrested the mayor.")
    (tmp_path / "b.txt").write_text("Two\n\nRebels attacked a convoy.")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    good, problems = articles([tmp_path])
    assert sorted(a.title for a in good) == ["One", "Two"] and not problems


def test_content_hash_id_is_stable():
    assert readers.make_article("Same text here.").id == readers.make_article("Same text here.").id


@pytest.mark.parametrize("name,content,message", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    ("latin1.txt", "Caf\u00e9 bombing in Paris".encode("latin-1"), "UTF-8"),
    ("german.txt", ("Die Regierung hat am Montag neue Sanktionen gegen das Land beschlossen, wie ein Sprecher "
                    "mitteilte. Die Opposition kritisierte die Entscheidung scharf und kündigte Proteste an. " * 3).encode(),
     "not English"),
])
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
