"""Unit tests of nexus.answers: learners' saved work, quiz results and exports.

Every test points NEXUS_ANSWERS_DIR at a temporary folder, so the real
my-answers/ folder is never touched.
"""

from __future__ import annotations

import json
import os
import stat

import pytest

from nexus import answers
from nexus.answers import AnswersError


@pytest.fixture
def box(tmp_path, monkeypatch):
    """A fresh answers folder inside an otherwise empty temporary directory."""
    folder = tmp_path / "my-answers"
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(folder))
    return folder


def everything(path):
    """Every file and folder under ``path`` (relative), to prove nothing else was written."""
    return sorted(p.relative_to(path).as_posix() for p in path.rglob("*"))


# ---------------------------------------------------------------- the folder


def test_folder_follows_the_environment_variable(box):
    assert answers.folder() == box


def test_default_folder_is_my_answers_at_the_top_of_the_suite(monkeypatch):
    monkeypatch.delenv("NEXUS_ANSWERS_DIR", raising=False)
    assert answers.folder() == answers.ROOT
    assert answers.ROOT.name == "my-answers"
    assert (answers.ROOT.parent / "nexus" / "answers.py").exists()


# ---------------------------------------------------------------- free text


def test_save_and_load_text(box):
    path = answers.save_text("03.escalation", "  Deaths rose after 2018.\nSee UCDP.  ")
    assert path == box / "03.escalation.md"
    assert path.read_text(encoding="utf-8") == "Deaths rose after 2018.\nSee UCDP.\n"
    assert answers.load_text("03.escalation") == "Deaths rose after 2018.\nSee UCDP."


def test_saving_again_replaces_the_answer_and_leaves_no_temporary_file(box):
    answers.save_text("01.nexus", "first try")
    answers.save_text("01.nexus", "second try")
    assert answers.load_text("01.nexus") == "second try"
    assert everything(box) == ["01.nexus.md"]


def test_unicode_text_round_trips(box):
    text = "Ségou, Mopti, Gao — « développement » 发展"
    answers.save_text("05.regions", text)
    assert answers.load_text("05.regions") == text


def test_load_text_of_an_unsaved_key_is_none(box):
    assert answers.load_text("07.memo") is None
    assert not box.exists()


def test_save_text_rejects_non_text(box):
    for value in (42, None, ["a"], ...):
        with pytest.raises(AnswersError, match="text"):
            answers.save_text("02.trade", value)
    assert not box.exists()


# ---------------------------------------------------------------- quizzes


def test_record_quiz_counts_attempts_and_keeps_a_correct_answer(box):
    assert answers.quiz_results() == {}
    answers.record_quiz("03.coup_year", False)
    answers.record_quiz("03.coup_year", False)
    answers.record_quiz("03.coup_year", True)
    answers.record_quiz("03.coup_year", False)  # a later wrong click does not undo "correct"
    answers.record_quiz("04.motives", False)
    results = answers.quiz_results()
    assert results["03.coup_year"] == {"correct": True, "attempts": 4}
    assert results["04.motives"] == {"correct": False, "attempts": 1}
    assert json.loads((box / "quiz-results.json").read_text(encoding="utf-8")) == results


def test_a_damaged_quiz_file_starts_afresh(box):
    box.mkdir()
    (box / "quiz-results.json").write_text("{not json", encoding="utf-8")
    assert answers.quiz_results() == {}
    answers.record_quiz("00.policy_brief", True)
    assert answers.quiz_results() == {"00.policy_brief": {"correct": True, "attempts": 1}}


# ---------------------------------------------------------------- save_file


def test_save_file_accepts_csv_and_md(box):
    csv_path = answers.save_file("06.priorities.csv", "recommendation,impact\nlanguages,4\n")
    md_path = answers.save_file("07.memo.md", "# Memo\n")
    assert csv_path == box / "06.priorities.csv"
    assert csv_path.read_text(encoding="utf-8") == "recommendation,impact\nlanguages,4\n"
    assert md_path.read_text(encoding="utf-8") == "# Memo\n"


@pytest.mark.parametrize(
    "name", ["ranking.txt", "ranking", "ranking.CSV", "memo.html", "evil.py", "x.csv.exe", ".csv"]
)
def test_save_file_rejects_other_kinds(box, name):
    with pytest.raises(AnswersError):
        answers.save_file(name, "a,b\n")
    assert not box.exists()


@pytest.mark.parametrize("name", ["../x.csv", "a/b.md", "", None, 42, "x" * 200 + ".csv"])
def test_save_file_rejects_bad_names(box, tmp_path, name):
    with pytest.raises(AnswersError):
        answers.save_file(name, "a,b\n")
    assert everything(tmp_path) == []


def test_save_file_rejects_non_text(box):
    with pytest.raises(AnswersError, match="text"):
        answers.save_file("06.priorities.csv", [("a", 1)])
    assert not box.exists()


# ---------------------------------------------------------------- export


def _some_work():
    answers.save_text("03.escalation", "Violence shifted to Mopti & Ségou after 2018 <see ACLED>.")
    answers.save_text("07.memo", "Dear Beijing: three recommendations.")
    answers.save_file("06.priorities.csv", "recommendation,score\nlocal languages,9\n")
    answers.record_quiz("03.coup_year", False)
    answers.record_quiz("03.coup_year", True)
    answers.record_quiz("04.motives", False)


def test_export_markdown_contains_answers_files_and_quiz_results(box):
    _some_work()
    path = answers.export()
    assert path == box / "my-work.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# My work on the China-Mali case (")
    assert "## 03.escalation" in text and "Violence shifted to Mopti & Ségou after 2018" in text
    assert "## 07.memo" in text and "Dear Beijing: three recommendations." in text
    assert "## 06.priorities.csv" in text and "local languages,9" in text
    assert "| 03.coup_year | yes | 2 |" in text
    assert "| 04.motives | not yet | 1 |" in text


def test_export_does_not_include_a_previous_export(box):
    _some_work()
    answers.export()
    text = answers.export().read_text(encoding="utf-8")
    assert "## my-work" not in text
    assert text.count("Dear Beijing") == 1


def test_export_html_contains_escaped_answers_and_quiz_results(box):
    _some_work()
    path = answers.export(fmt="html")
    assert path == box / "my-work.html"
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "charset='utf-8'" in page
    assert "<h2>03.escalation</h2>" in page
    assert "Mopti &amp; Ségou" in page and "&lt;see ACLED&gt;" in page
    assert "<see ACLED>" not in page
    assert "Dear Beijing: three recommendations." in page
    assert "03.coup_year | yes | 2" in page and "04.motives | not yet | 1" in page


def test_export_with_nothing_saved_still_writes_a_file(box):
    text = answers.export(name="empty").read_text(encoding="utf-8")
    assert text.startswith("# My work on the China-Mali case")
    assert "## Quizzes" not in text


def test_export_rejects_an_unknown_format(box):
    with pytest.raises(AnswersError, match="fmt"):
        answers.export(fmt="pdf")
    assert not box.exists()


# ---------------------------------------------------------------- bad names


BAD_NAMES = [
    "../x",
    "a/b",
    "",
    "x" * 200,
    None,
    "..",
    "../../etc/passwd",
    "/abs",
    "a\\b",
    ".hidden",
    "a..b",
    "sp ace",
    "tab\tname",
    3,
    b"bytes",
]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_bad_names_raise_a_clear_error_and_write_nothing(box, tmp_path, name):
    with pytest.raises(AnswersError) as info:
        answers.save_text(name, "text")
    message = str(info.value)
    assert "cannot be used as a name" in message and "letters, digits" in message
    with pytest.raises(AnswersError):
        answers.load_text(name)
    with pytest.raises(AnswersError):
        answers.export(name=name)
    assert everything(tmp_path) == []


def test_name_length_limit_matches_the_message(box):
    answers.save_text("x" * 80, "fine")
    with pytest.raises(AnswersError, match="at most 80 characters"):
        answers.save_text("x" * 81, "too long")


def test_a_symlink_out_of_the_folder_is_refused(box, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("do not touch\n", encoding="utf-8")
    box.mkdir()
    try:
        (box / "trap.md").symlink_to(outside)
    except (OSError, NotImplementedError):
        pytest.skip("symlinks are not available here")
    with pytest.raises(AnswersError, match="outside"):
        answers.save_text("trap", "overwritten?")
    assert outside.read_text(encoding="utf-8") == "do not touch\n"


# ---------------------------------------------------------------- unwritable folder


@pytest.fixture
def read_only_box(tmp_path, monkeypatch):
    """A my-answers folder that cannot be written: read-only for ordinary users, and -
    because root ignores permission bits - also placed under a plain file, which no
    user can create folders in."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file, not a folder\n", encoding="utf-8")
    folder = blocker / "my-answers"
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(folder))
    yield blocker


@pytest.fixture
def permission_box(tmp_path, monkeypatch):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)  # 0o500
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(folder))
    yield folder
    folder.chmod(0o700)


def test_unwritable_folder_gives_a_clear_error(read_only_box):
    with pytest.raises(AnswersError, match="Could not save to the my-answers folder"):
        answers.save_text("01.nexus", "text")
    with pytest.raises(AnswersError, match="Could not save"):
        answers.record_quiz("01.lens", True)
    with pytest.raises(AnswersError, match="Could not save"):
        answers.save_file("06.priorities.csv", "a,b\n")
    with pytest.raises(AnswersError, match="Could not save"):
        answers.export()
    assert read_only_box.read_text(encoding="utf-8") == "a file, not a folder\n"


def test_read_only_folder_gives_a_clear_error_or_is_writable_by_root(permission_box):
    if os.access(permission_box, os.W_OK):  # root: permission bits do not apply
        answers.save_text("01.nexus", "text")
        assert (permission_box / "01.nexus.md").exists()
        return
    with pytest.raises(AnswersError, match="Could not save to the my-answers folder"):
        answers.save_text("01.nexus", "text")
    assert list(permission_box.iterdir()) == []


def test_answers_error_is_an_oserror():
    assert issubclass(AnswersError, OSError)


# ---------------------------------------------------------------- progress


def test_progress_counts_correct_quizzes_checked_tasks_and_saved_writing(box, tmp_path, monkeypatch):
    quiz_dir = tmp_path / "quizzes"
    quiz_dir.mkdir()
    bank = {
        "questions": [
            {
                "id": k,
                "question": f"{k}?",
                "options": [
                    {"text": "yes", "correct": True, "explanation": "Right."},
                    {"text": "no", "explanation": "Not right."},
                ],
            }
            for k in ("a", "b", "c")
        ]
    }
    (quiz_dir / "98.json").write_text(json.dumps(bank), encoding="utf-8")
    (quiz_dir / "99.json").write_text(json.dumps({"questions": bank["questions"][:1]}), encoding="utf-8")
    (quiz_dir / "ex98.json").write_text(json.dumps(bank), encoding="utf-8")  # an exercise bank: no row
    monkeypatch.setattr(answers, "QUIZ_DIR", quiz_dir)
    answers.record_quiz("98.a", True)
    answers.record_quiz("98.b", False)
    answers.save_text("98.essay", "text")
    answers.record_check("ex98.task_1", "correct")
    answers.record_check("ex98.task_2", "not yet")
    answers.record_check("ex98.essay", "saved")
    table = answers.progress()
    assert list(table["lesson"]) == ["98", "99"]
    row = table.set_index("lesson").loc["98"]
    assert (row["quizzes correct"], row["quizzes"], row["written answers saved"]) == (1, 3, 1)
    assert row["exercise tasks correct"] == 1  # the saved essay is not counted as correct
    assert "exercise tasks" not in table.columns
    with_tasks = answers.progress(tasks={"98": {"graded": 2, "writing": 1}}).set_index("lesson")
    assert with_tasks.loc["98", "exercise tasks"] == 2 and with_tasks.loc["99", "exercise tasks"] == 0
    assert list(answers.progress(lessons=["99"])["lesson"]) == ["99"]


def test_record_check_keeps_correct_and_never_turns_saved_into_correct(box):
    answers.record_check("ex03.means", "not yet")
    answers.record_check("ex03.means", "correct")
    answers.record_check("ex03.means", "not yet")
    answers.record_check("ex03.essay", "saved")
    answers.record_check("ex03.essay", "bogus")  # an unknown reply is ignored
    results = answers.check_results()
    assert results["ex03.means"] == {"status": "not yet", "correct": True}
    assert results["ex03.essay"] == {"status": "saved", "correct": False}
    text = answers.export().read_text(encoding="utf-8")
    assert "| ex03.means | not yet | yes |" in text and "| ex03.essay | saved | no |" in text


def test_answers_imports_nothing_else_of_nexus():
    """No circular import: nexus.feedback uses nexus.answers, never the other way round."""
    import ast
    import subprocess
    import sys

    tree = ast.parse(open(answers.__file__, encoding="utf-8").read())
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module] + [
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    ]
    assert not [m for m in imported if m.startswith("nexus")], imported
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, nexus.answers as a; a.progress(); "
            "print(sorted(m for m in sys.modules if m.startswith('nexus')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "['nexus', 'nexus.answers']"
