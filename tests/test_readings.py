"""Readings beyond the brief: the data behind docs/reading-list.md, the per-lesson blocks, and
the check the lesson-integration round will turn on (every lesson cites its readings)."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import readings  # noqa: E402

LESSONS = [f"{n:02d}" for n in range(8)]


@pytest.fixture(scope="module")
def tables():
    return readings.read()


def test_tables_are_complete_and_numbered(tables):
    works, picks = tables
    assert len({w["id"] for w in works}) == len(works) >= 25
    assert {p["reading"] for p in picks} <= {w["id"] for w in works}
    assert sorted(int(w["number"]) for w in works if w["number"]) == list(range(1, 26))


@pytest.mark.parametrize("column, value, message", [
    ("kind", "poem", "column kind"),
    ("link", "ftp://x", "not a web address"),
    ("lessons", "3", "column lessons"),
    ("annotation", "", "column annotation: empty"),
])
def test_a_malformed_reading_is_named(tmp_path, column, value, message):
    import csv

    rows = list(csv.DictReader(open(readings.READINGS, encoding="utf-8")))
    rows[3][column] = value
    works = tmp_path / "readings.csv"
    with open(works, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=readings.WORK_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(readings.ReadingError, match=message) as info:
        readings.read(works, readings.LESSON_READINGS)
    assert "row 5" in str(info.value)


def test_every_lesson_has_one_to_three_readings_it_fits(tables):
    works, picks = tables
    by_id = {w["id"]: w for w in works}
    for lesson in LESSONS:
        rows = [p for p in picks if p["lesson"] == lesson]
        assert 1 <= len(rows) <= 3, lesson
        assert sorted(int(p["order"]) for p in rows) == list(range(1, len(rows) + 1))
        for p in rows:
            assert lesson in by_id[p["reading"]]["lessons"].split(), (lesson, p["reading"])
            assert p["why"].strip()


def test_chinese_and_malian_perspectives_where_the_list_has_them(tables):
    works, picks = tables
    for label in ("Chinese", "Malian"):
        having = [w for w in works if label in w["tag"] and w["lessons"]]
        for lesson in LESSONS:
            available = [w["id"] for w in having if lesson in w["lessons"].split()]
            chosen = {p["reading"] for p in picks if p["lesson"] == lesson}
            if available:
                assert chosen & set(available), f"lesson {lesson} has no {label} reading; could use {available}"


def test_the_case_is_cited_as_the_working_paper(tables):
    works, _ = tables
    case = next(w for w in works if w["id"] == "benabdallah-large-2020")
    assert "Working Paper No. 2020/40" in case["details"] and "August 2020" in case["details"]
    page = readings.OUT.read_text(encoding="utf-8")
    assert "Working Paper No. 2020/40" in page
    assert "Policy Brief No" not in page and "policy brief no." not in page.lower()


def test_a_reading_outside_its_lessons_is_refused(tmp_path):
    works = tmp_path / "readings.csv"
    works.write_text(readings.READINGS.read_text(encoding="utf-8"), encoding="utf-8")
    picks = tmp_path / "lesson_readings.csv"
    picks.write_text("lesson,order,reading,why\n03,1,wang-2017,because\n", encoding="utf-8")
    with pytest.raises(readings.ReadingError, match="not listed for lesson 03"):
        readings.read(works, picks)
    picks.write_text("lesson,order,reading,why\n03,1,nobody-1999,because\n", encoding="utf-8")
    with pytest.raises(readings.ReadingError, match="nobody-1999"):
        readings.read(works, picks)


def test_page_is_current_and_holds_every_link_and_block(tables):
    works, picks = tables
    page = readings.OUT.read_text(encoding="utf-8")
    assert page == readings.render(works, picks), "docs/reading-list.md is stale: run python tools/readings.py"
    for w in works:
        assert w["link"].startswith(("http://", "https://")) and f"<{w['link']}>" in page
        for url in w["verified"].split(" ; "):
            assert url.startswith(("http://", "https://")) and url in page
    blocks = readings.blocks_in(page)
    assert sorted(blocks) == LESSONS
    for lesson in LESSONS:
        assert blocks[lesson] == readings.lesson_block(lesson, works, picks)
        for p in (p for p in picks if p["lesson"] == lesson):
            link = next(w["link"] for w in works if w["id"] == p["reading"])
            assert link in blocks[lesson]


def test_citation_punctuation():
    work = {"authors": "A. Author", "year": "2010", "kind": "article", "title": "Why?",
            "details": "Journal 1(2): 3-4.", "link": "https://doi.org/x"}
    assert readings.citation(work) == 'A. Author (2010). "Why?" Journal 1(2): 3-4. <https://doi.org/x>'
    book = dict(work, kind="book", title="A Book", details="")
    assert readings.citation(book) == "A. Author (2010). *A Book*. <https://doi.org/x>"


def _lesson(tmp_path, name, sources_text):
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# Title"},
                    {"cell_type": "markdown", "metadata": {}, "source": sources_text}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "notebooks").mkdir(exist_ok=True)
    (tmp_path / "notebooks" / name).write_text(json.dumps(nb), encoding="utf-8")


def test_lesson_check_finds_missing_and_pasted_blocks(tables, tmp_path):
    works, picks = tables
    _lesson(tmp_path, "03_crisis.ipynb",
            "## Sources and further reading\n\n- the brief\n\n" + readings.lesson_block("03", works, picks))
    _lesson(tmp_path, "05_dev.ipynb", "## Sources and further reading\n\n- the brief only")
    missing = readings.missing_in_lessons(works, picks, tmp_path)
    assert "03" not in missing
    assert missing["05"] == [p["reading"] for p in picks if p["lesson"] == "05"]


def test_command_line(capsys):
    assert readings.main(["--check"]) == 0
    assert readings.main(["--block", "06"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("**Further reading**") and "Moulaye" in out
    assert readings.main(["--block", "12"]) == 2
