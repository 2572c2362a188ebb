"""Quizzes on paper: every quiz bank gets a printable quiz (questions and options, no answers)
and a teacher's key (right letters, every explanation), in Markdown and self-contained HTML."""

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import print_quizzes as pq  # noqa: E402

from nexus.feedback import quiz  # noqa: E402


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("quizzes")
    files = pq.write(out)
    return out, files


def _bank_files():
    return sorted(p for p in pq.QUIZ_DIR.glob("*.json") if re.fullmatch(r"(ex)?\d\d", p.stem))


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang, self.external, self.scripts, self.text = None, [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href"):
            if attrs.get(name, "").startswith(("http:", "https:", "//")):
                self.external.append(attrs[name])

    def handle_data(self, data):
        self.text.append(data)


def _parse(path):
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_bank_on_disk_has_a_quiz_and_a_key(written):
    out, _ = written
    for path in _bank_files():
        kind = "exercises" if path.stem.startswith("ex") else "lesson"
        stem = f"{kind}-{path.stem[-2:]}"
        for suffix in ("quiz.md", "key.md", "quiz.html", "key.html"):
            assert (out / f"{stem}-{suffix}").exists(), f"{stem}-{suffix}"
    lessons = [p for p in _bank_files() if not p.stem.startswith("ex")]
    assert len(lessons) == 8                      # lessons 00-07


def test_quiz_shows_every_question_and_option_but_no_answer(written):
    out, _ = written
    for path in _bank_files():
        raw = json.loads(path.read_text(encoding="utf-8"))
        stem = f"{'exercises' if path.stem.startswith('ex') else 'lesson'}-{path.stem[-2:]}"
        md = (out / f"{stem}-quiz.md").read_text(encoding="utf-8")
        page = " ".join(_parse(out / f"{stem}-quiz.html").text)
        for q in raw["questions"]:
            assert q["question"] in md
            for o in q["options"]:
                assert o["text"] in md
                assert o["explanation"] not in md and o["explanation"] not in page
        assert md.count("Answer: ______") == len(raw["questions"])


def test_key_letters_point_to_the_right_options(written):
    out, _ = written
    printed = {b.key: b for b in pq.banks()}
    for path in (p for p in _bank_files() if not p.stem.startswith("ex")):
        bank = printed[path.stem]
        key = (out / f"lesson-{path.stem}-key.md").read_text(encoding="utf-8")
        quiz_md = (out / f"lesson-{path.stem}-quiz.md").read_text(encoding="utf-8")
        for n, q in enumerate(bank.questions, start=1):
            live = quiz(path.stem, q.id)
            for letter in q.answer.split(", "):
                text = q.options[pq.LETTERS.index(letter)][0]
                assert live.grade(text).is_correct, (path.name, q.id)       # right on paper = right live
                assert f"- ( ) {letter}. {text}" in quiz_md
            assert f"| {n} | {q.answer} |" in key
            for _, _, why in q.options:
                assert why in key


def test_exercise_letters_are_the_ones_the_checks_accept():
    from nexus.feedback import Quiz

    for bank in (b for b in pq.banks() if b.kind == "exercises"):
        for q in bank.questions:
            live = Quiz(q.id, q.question, q.options, q.topic)
            for letter in q.answer.split(", "):
                assert live.grade_letter(letter).is_correct


def test_paper_follows_the_bank_order(tmp_path):
    bank = {"title": "t", "questions": [
        {"id": "q1", "question": "Question?", "options": [
            {"text": "wrong a", "correct": False, "explanation": "no"},
            {"text": "right", "correct": True, "explanation": "yes"},
            {"text": "wrong b", "correct": False, "explanation": "no"}]}]}
    (tmp_path / "04.json").write_text(json.dumps(bank), encoding="utf-8")
    (tmp_path / "ex04.json").write_text(json.dumps(bank), encoding="utf-8")
    for printed in pq.banks(tmp_path, module_fallback=False):
        assert [o[0] for o in printed.questions[0].options] == ["wrong a", "right", "wrong b"]
        assert printed.questions[0].answer == "B"


@pytest.mark.parametrize("path", [p for p in _bank_files() if not p.stem.startswith("ex")], ids=lambda p: p.name)
def test_lesson_banks_vary_the_right_options_position(path):
    """A learner cannot guess "the first one": in each lesson bank no position holds the right
    option in more than half of the questions, and at least two positions are used."""
    positions = [[o["correct"] for o in q["options"]].index(True)
                 for q in json.loads(path.read_text(encoding="utf-8"))["questions"]]
    assert len(set(positions)) >= 2, positions
    assert max(positions.count(p) for p in set(positions)) <= max(1, len(positions) // 2), positions


def test_exercise_quizzes_without_a_bank_come_from_the_checks():
    banks = pq.banks()
    keys = {b.key for b in banks}
    from nexus.feedback import ex03

    if not (pq.QUIZ_DIR / "ex03.json").exists():
        assert "ex03" in keys
        ex = next(b for b in banks if b.key == "ex03")
        assert [q.question for q in ex.questions] == [ex03.STRENGTH_QUIZ.question, ex03.COUP_QUIZ.question]
        assert ex.questions[1].answer == "ABCD"[[ok for _, ok, _ in ex03.COUP_QUIZ.options].index(True)]
    # with no fallback, only the JSON banks count
    assert {b.key for b in pq.banks(module_fallback=False)} == {p.stem for p in _bank_files()}


def test_a_new_exercise_bank_is_read_and_preferred(tmp_path):
    (tmp_path / "03.json").write_text((pq.QUIZ_DIR / "03.json").read_text(encoding="utf-8"), encoding="utf-8")
    bank = {"lesson": "ex03", "title": "Mali's crisis", "questions": [
        {"id": "q1", "topic": "t", "question": "Which year?",
         "options": [{"text": "2012", "correct": True, "explanation": "Yes, March 2012."},
                     {"text": "2013", "correct": False, "explanation": "The brief's slip."}]}]}
    (tmp_path / "ex03.json").write_text(json.dumps(bank), encoding="utf-8")
    out = tmp_path / "out"
    pq.write(out, quiz_dir=tmp_path)
    key = (out / "exercises-03-key.md").read_text(encoding="utf-8")
    assert "| 1 | A |" in key and "The brief's slip." in key
    assert "Which year?" in (out / "exercises-03-quiz.md").read_text(encoding="utf-8")
    assert "Exercises 03: Mali's crisis" in (out / "index.md").read_text(encoding="utf-8")


def test_html_is_self_contained_and_labelled(written):
    out, files = written
    for path in (f for f in files if f.suffix == ".html"):
        page = _parse(path)
        assert page.lang == "en" and not page.external and page.scripts == 0, path.name
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("-quiz.html") == index.count("-key.html") == len(pq.banks())


@pytest.mark.parametrize("broken, message", [
    ({"questions": []}, "no questions"),
    ({"questions": [{"id": "a", "question": "Q?", "options": [{"text": "x", "correct": False,
                                                               "explanation": "e"}]}]}, "no option is marked correct"),
    ({"questions": [{"id": "a", "question": "Q?", "options": [{"text": "x", "correct": True}]}]},
     "option 1: no explanation"),
])
def test_malformed_bank_is_named(tmp_path, broken, message):
    path = tmp_path / "05.json"
    path.write_text(json.dumps({"title": "t", **broken}), encoding="utf-8")
    with pytest.raises(pq.BankError, match=message) as info:
        pq.read_bank(path)
    assert "05.json" in str(info.value)


def test_command_reports_a_broken_bank_without_a_traceback(tmp_path, capsys):
    (tmp_path / "02.json").write_text("{not json", encoding="utf-8")
    assert pq.main(["--out", str(tmp_path / "o"), "--quizzes", str(tmp_path)]) == 2
    assert "02.json: not valid JSON" in capsys.readouterr().err
    assert pq.main(["--out", str(tmp_path / "good")]) == 0
    assert (tmp_path / "good" / "lesson-03-quiz.html").exists()
