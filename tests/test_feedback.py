"""Checks and quizzes: three kinds of message, never a traceback, never a mutation."""

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nexus import feedback
from nexus.feedback import QUIZ_DIR, Feedback, check, correct, ex00, not_yet, quiz, quizzes


@check
def _sum_deaths(frame):
    if frame["deaths"].sum() == 10:
        return correct("fine")
    return not_yet("wrong sum")


def test_check_three_kinds():
    assert _sum_deaths(...).status == "not attempted"
    assert _sum_deaths(pd.DataFrame({"deaths": [4, 6]})).status == "correct"
    assert _sum_deaths(pd.DataFrame({"deaths": [4]})).message == "wrong sum"
    fb = _sum_deaths("a string")
    assert fb.status == "not yet" and "a piece of text" in fb.message


def test_check_does_not_mutate():
    @check
    def sneaky(frame):
        frame["deaths"] = 0
        return not_yet("x")

    frame = pd.DataFrame({"deaths": [1, 2]})
    sneaky(frame)
    assert frame["deaths"].tolist() == [1, 2]


def test_feedback_text_and_html():
    assert str(correct("because")) == "✓ Correct: because"
    assert str(feedback.NOT_ATTEMPTED).startswith("… Not attempted yet")
    assert 'role="status"' in not_yet("<b>").__repr__() or "&lt;b&gt;" in not_yet("<b>")._repr_html_()
    with pytest.raises(ValueError):
        Feedback("maybe")


def test_publication_year_check():
    assert ex00.publication_year(...).status == "not attempted"
    assert ex00.publication_year(2020).status == "correct"
    assert "text" in ex00.publication_year("2020").message
    assert "crisis" in ex00.publication_year(2012).message
    assert "FOCAC" in ex00.publication_year(2015).message
    for wrong in (None, 2019.5, [2020], True, float("nan"), pd.DataFrame()):
        assert ex00.publication_year(wrong).status == "not yet"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.text(), st.booleans(),
                 st.lists(st.integers()), st.dictionaries(st.text(), st.integers())))
def test_publication_year_never_raises_and_never_reveals(value):
    fb = ex00.publication_year(value)
    assert fb.status in ("not yet", "correct")
    if fb.status != "correct":
        assert "2020" not in fb.message


def _bank_files():
    return sorted(QUIZ_DIR.glob("*.json"))


@pytest.mark.parametrize("path", _bank_files(), ids=lambda p: p.name)
def test_quiz_banks_are_complete(path):
    bank = json.loads(path.read_text(encoding="utf-8"))
    ids = [q["id"] for q in bank["questions"]]
    assert len(ids) == len(set(ids)) and ids
    for q in quizzes(path.stem):
        assert sum(ok for _, ok, _ in q.options) == 1, f"{q.id}: exactly one correct option"
        assert len(q.options) >= 3
        assert all(len(why) > 20 for _, _, why in q.options), f"{q.id}: explain every option"


def test_quiz_grade_never_raises():
    q = quiz("00", "policy_brief")
    for choice in (None, ..., -1, 99, "nonsense", 1.5, True, [0]):
        assert q.grade(choice).status in ("not attempted", "not yet")
    right = next(i for i, (_, ok, _) in enumerate(q.options) if ok)
    assert q.grade(right).is_correct
    wrong = next(i for i, (_, ok, _) in enumerate(q.options) if not ok)
    assert q.grade(wrong).message == q.options[wrong][2]


def test_quiz_widget_check_button_shows_feedback(tmp_path, monkeypatch):
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))
    q = quiz("00", "policy_brief")
    box = q.widget()
    choices, result, explain = box.children[2], box.children[4], box.children[5]
    box.check()
    assert "Not attempted" in result.value and explain.value == ""
    wrong = next(i for i, (_, ok, _) in enumerate(q.options) if not ok)
    choices.value = wrong
    box.check()
    assert "Not yet" in result.value and explain.value == ""
    choices.value = next(i for i, (_, ok, _) in enumerate(q.options) if ok)
    box.check()
    assert "Correct" in result.value
    for label, _, _ in q.options:  # every option's explanation is shown once right
        assert label.split()[0] in explain.value


def test_written_answers(tmp_path, monkeypatch):
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))
    model = "A model answer."
    assert feedback.written("00.test", ..., model).status == "not attempted"
    assert feedback.written("00.test", "   ", model).status == "not attempted"
    short = feedback.written("00.test", "Too short.", model)
    assert short.status == "not yet" and model not in short.message
    assert feedback.written("00.test", 42, model).status == "not yet"
    long = " ".join(["word"] * 30)
    fb = feedback.written("00.test", long, model, look_for=[(["2018"], "the 2018 figures")])
    assert fb.is_correct and model in fb.message and "the 2018 figures" in fb.message
    assert (tmp_path / "00.test.md").read_text().strip() == long


def test_as_number_accepts_numbers_and_one_value_selections():
    import numpy as np

    from nexus.feedback import as_number

    assert as_number(3) == 3.0 and as_number(np.int64(4)) == 4.0 and as_number(np.float64(0.5)) == 0.5
    assert as_number(pd.Series([7])) == 7.0 and as_number(pd.DataFrame({"a": [2]})) == 2.0
    assert as_number([1.5]) == 1.5 and as_number(np.array([2])) == 2.0
    for bad in (True, np.bool_(False), "3", None, float("nan"), float("inf"), [1, 2], pd.Series(dtype=float),
                np.array([1, 2]), {"a": 1}):
        assert as_number(bad) is None, bad
    assert as_number(pd.Series([7]), containers=False) is None
