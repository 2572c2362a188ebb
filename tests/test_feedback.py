"""The feedback room: replies, the check wrapper, the one answer reader, the chart rubric,
written answers (saved, never correct), quizzes (lessons and exercises) and the written
rules learners read."""

import ast
import json
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import nbformat
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from nexus import feedback
from nexus.feedback import (
    QUIZ_DIR,
    Feedback,
    check,
    correct,
    ex00,
    not_yet,
    quiz,
    quizzes,
    reader,
    rubric,
    writing,
)

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = sorted((ROOT / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb"))
STUDENTS = sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(autouse=True)
def _answers_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))


# --------------------------------------------------------------------------- replies and the wrapper


@check
def _sum_deaths(frame):
    if frame["deaths"].sum() == 10:
        return correct("fine")
    return not_yet("wrong sum")


def test_check_replies():
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
    assert "&lt;b&gt;" in not_yet("<b>")._repr_html_() and 'role="status"' in not_yet("x")._repr_html_()
    fb = feedback.saved("Saved.", ["Checklist:", "✓ one", "☐ two"])
    assert str(fb) == "✎ Saved (not a grade): Saved.\n  Checklist:\n  ✓ one\n  ☐ two"
    assert "<li>☐ two</li>" in fb._repr_html_() and not fb.is_correct and fb.is_saved
    with pytest.raises(ValueError):
        Feedback("maybe")


def test_exercise_checks_record_their_reply_and_writing_counts_as_saved(tmp_path):
    from nexus import answers
    from nexus.feedback import ex01

    ex01.first_year_over_1000(1999)
    assert answers.check_results()["ex01.first_year_over_1000"] == {"status": "not yet", "correct": False}
    ex01.first_year_over_1000(2004)
    ex01.first_year_over_1000(1999)  # a later wrong answer does not undo "correct"
    assert answers.check_results()["ex01.first_year_over_1000"] == {"status": "not yet", "correct": True}
    ex01.military_lens(ex01.MODEL_ANSWER)
    assert answers.check_results()["ex01.military_lens"] == {"status": "saved", "correct": False}
    table = feedback.progress().set_index("lesson")
    assert table.loc["01", "exercise tasks correct"] == 1
    assert table.loc["01", "exercise tasks"] == 5 and table.loc["01", "written answers saved"] == 1


def test_publication_year_check():
    assert ex00.publication_year(...).status == "not attempted"
    for right in (2020, 2020.0, np.int64(2020), pd.Series([2020])):
        assert ex00.publication_year(right).status == "correct"
    assert "text" in ex00.publication_year("2020").message
    assert "crisis" in ex00.publication_year(2012).message
    assert "FOCAC" in ex00.publication_year(2015).message
    for wrong in (None, 2019.5, [2020, 2021], True, float("nan"), pd.DataFrame()):
        assert ex00.publication_year(wrong).status == "not yet"


# --------------------------------------------------------------------------- the reader


@pytest.mark.parametrize(
    "got,expected,ok",
    [
        (296, 296.667, True),
        (297, 296.667, True),
        (296.6, 296.667, True),
        (295, 296.667, False),
        (1010, 1011.67, True),
        (1020, 1011.67, False),
        (0.587, 0.58700565, True),
        (0.5862, 0.58700565, False),
        (0.0294, 0.0293803, True),
        (0.029, 0.0293803, False),
        (0.03, 0.0293803, False),
        (-296, -296.67, True),
        (0, 0.06, False),
        (2004, 2004, True),
        (np.float32(0.649), 0.64909798, True),
    ],
)
def test_one_tolerance_rule(got, expected, ok):
    assert reader.agrees(got, expected) is ok


def test_a_coarser_precision_a_task_names():
    assert reader.agrees(0.59, 0.587, decimals=2) and not reader.agrees(0.59, 0.587)
    assert reader.agrees(0.1, 0.06, decimals=1) and not reader.agrees(0.2, 0.06, decimals=1)
    assert reader.too_rounded(0.03, 0.0293803) and reader.too_rounded(0.6, 0.649, 2)
    assert not reader.too_rounded(0.7, 0.649, 2) and not reader.too_rounded(0.649, 0.649)


def test_numbers_from_any_container_of_one():
    for value, x in (
        (3, 3.0),
        (np.int64(4), 4.0),
        (pd.Series([7]), 7.0),
        (pd.DataFrame({"a": [2]}), 2.0),
        ([1.5], 1.5),
        (np.array([2]), 2.0),
        (pd.Index([5]), 5.0),
    ):
        assert reader.number(value) == x
    for bad in (True, np.bool_(False), "3", None, float("nan"), float("inf"), [1, 2], pd.Series(dtype=float)):
        assert reader.number(bad) is None, bad
    assert reader.number(pd.Series([7]), containers=False) is None
    assert feedback.as_number(np.float64(0.5)) == 0.5


@pytest.mark.parametrize(
    "text", ["B", "b", " B ", "B.", "B)", "(B)", "( b )", "B: because it fits", "B. yes"]
)
def test_letters_every_way_they_are_written(text):
    assert reader.letter(text, 4) == ("B", None)


@pytest.mark.parametrize(
    "text,words",
    [
        ("E", "not one of the options"),
        ("B B", "one letter"),
        ("Because", "one letter"),
        ("", "one letter"),
        (2, "in quotes"),
    ],
)
def test_letters_wrongly_written(text, words):
    found, hint = reader.letter(text, 4)
    assert found is None and words in hint


def test_labelled_numbers_from_every_container():
    want = [("a", 1.0), ("b", 2.0)]
    series = pd.Series([1, 2], index=["a", "b"])
    for value in (series, series.to_dict(), series.to_frame("n"), series.rename_axis("k").reset_index()):
        pairs, problem = reader.labelled(value)
        assert problem is None and [(str(k), v) for k, v in pairs] == want
    assert reader.labelled(pd.DataFrame({"x": [1.0], "y": [2.0]}))[1] == "wide"
    assert reader.labelled(3)[1] == "type"
    assert reader.label_key(2019) == reader.label_key("2019") == reader.label_key(2019.0) == "2019"
    assert reader.label_key(" Mopti ") == reader.label_key("mopti")


def test_names_from_every_collection():
    names = ["Gao", "Kidal"]
    for value in (
        names,
        tuple(names),
        set(names),
        np.array(names),
        pd.Index(names),
        pd.Series(names),
        pd.Categorical(names),
        pd.DataFrame({"region": names}),
        pd.CategoricalIndex(names),
    ):
        assert sorted(reader.names(value, ("region",))) == names, type(value)
    assert reader.names([1, 2]) is None and reader.names("Gao") is None


def _fig(draw):
    fig = Figure()
    ax = fig.subplots()
    draw(ax)
    return fig


def test_the_figure_reader_reads_every_kind_of_mark():
    years, values = [2010, 2011, 2012], [3.0, 5.0, 4.0]
    kinds = {"plot": "line", "bar": "bar", "barh": "barh", "scatter": "scatter"}
    for method, kind in kinds.items():
        chart = reader.read_figure(_fig(lambda ax, m=method: getattr(ax, m)(years, values)))
        (drawn,) = chart.drawn
        assert drawn.kind == kind and drawn.as_dict() == {"2010": 3.0, "2011": 5.0, "2012": 4.0}
    chart = reader.read_figure(_fig(lambda ax: (ax.plot(years, values), ax.axhline(0), ax.axvline(2011))))
    assert len(chart.drawn) == 1  # reference lines are left out
    stacked = _fig(lambda ax: (ax.bar(years, [1, 2, 3]), ax.bar(years, [2, 3, 1], bottom=[1, 2, 3])))
    (drawn,) = reader.read_figure(stacked).drawn
    assert drawn.as_dict() == {"2010": 3.0, "2011": 5.0, "2012": 4.0} and not drawn.overlap
    grouped = pd.DataFrame({"a": [1, 2], "b": [3, 4]}, index=[2010, 2011])
    chart = reader.read_figure(_fig(lambda ax: grouped.plot.bar(ax=ax)))
    assert sorted(d.as_dict()["2010"] for d in chart.drawn) == [1.0, 3.0]
    (drawn,) = reader.read_figure(_fig(lambda ax: ax.bar(["x", "y", "x"], [1, 2, 3]))).drawn
    assert drawn.overlap and drawn.text_x  # two bars on one spot, both from zero: one per row
    assert reader.read_figure(pd.Series([1])) is None


def test_the_rubric_order_and_its_hints():
    want = {2010: 3.0, 2011: 5.0, 2012: 4.0}

    def judge(draw, **labels):
        fig = _fig(draw)
        ax = fig.axes[0]
        ax.set_title(labels.get("title", "T"))
        ax.set_xlabel(labels.get("x", "Year"))
        ax.set_ylabel(labels.get("y", "Deaths (people)"))
        return rubric.judge(
            fig, want, kind="line", units=("deaths",), unit_example="Deaths", what="w", right="fine"
        )

    line = lambda ax: ax.plot(list(want), list(want.values()))  # noqa: E731
    assert judge(line).is_correct
    assert "line chart" in judge(lambda ax: ax.bar(list(want), list(want.values()))).message
    assert "title" in judge(line, title="").message
    assert "x-axis label" in judge(line, x="").message
    assert "names no unit" in judge(line, y="Values").message
    assert "swapped" in judge(lambda ax: ax.plot(list(want.values()), list(want))).message
    assert "zigzag" in judge(lambda ax: ax.plot([2011, 2010, 2012], [5.0, 3.0, 4.0])).message


# --------------------------------------------------------------------------- written answers


def test_written_answers_are_saved_not_correct(tmp_path):
    model = "A model answer."
    assert feedback.written("00.test", ..., model).status == "not attempted"
    assert feedback.written("00.test", "   ", model).status == "not attempted"
    short = feedback.written("00.test", "Too short.", model)
    assert short.status == "not yet" and model not in short.message and "2 words" in short.message
    assert "triple quotes" in feedback.written("00.test", 42, model).message
    text = (
        "Partly. The brief says China invests in development, and AidData records commitments "
        "in 2013 and 2018. But commitments are not money spent, so the data cannot show how much "
        "was built. The claim needs a year and a source to be tested properly."
    )
    fb = feedback.written("00.test", text, model, min_words=30)
    assert fb.status == "saved" and not fb.is_correct and fb.details[0] == f"Model answer: {model}"
    assert (tmp_path / "00.test.md").read_text().strip() == text
    assert fb.details[1] == "Checklist:" and all(line.startswith("✓") for line in fb.details[2:]), fb.details
    assert "<p " in fb._repr_html_() and "<li>✓ a claim" in fb._repr_html_()


@pytest.mark.parametrize(
    "text,words",
    [
        (" ".join(["word"] * 50), "repeats 'word' 50 times"),
        (
            "The brief says the data show a rise and the limits matter because the sources differ and the "
            "years are few and the regions differ and the measures are not the same for the whole period",
            "sentence",
        ),
        (" ".join(a + b + c for a in "zqx" for b in "brtlmv" for c in "kpw") + ".", "words I recognise"),
    ],
)
def test_junk_text_is_not_yet(text, words):
    fb = feedback.written("00.junk", text, "m", min_words=20)
    assert fb.status == "not yet" and words in fb.message


def test_the_checklist_names_what_it_found():
    lines = writing.checklist(
        "Partly, because UCDP counts 1,101 deaths in 2020; but it cannot show why.", writing.STANDARD
    )
    assert lines[0].startswith("✓ a claim") and "'Partly'" in lines[0]
    assert lines[1].startswith("☐ evidence from the brief")
    assert "'UCDP'" in lines[2] and "'cannot'" in lines[3]


def test_no_written_task_is_ever_marked_correct():
    reg = feedback.registry()
    writing_tasks = [t for t, fn in reg.items() if getattr(fn, "kind", "") == "writing"]
    assert len(writing_tasks) == 7
    for task in writing_tasks:
        module = __import__(f"nexus.feedback.{task.split('.')[0]}", fromlist=["MODEL_ANSWER"])
        assert reg[task](module.MODEL_ANSWER).status == "saved"
        assert reg[task](" ".join(["governance"] * 80)).status == "not yet"


# --------------------------------------------------------------------------- quizzes


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
        assert not any(re.match(r"^[A-H]\. ", label) for label, _, _ in q.options), "no lettered options"


def test_exercise_quizzes_come_from_their_banks_and_use_the_letter_reader():
    from nexus.feedback import ex03

    assert (
        ex03.QUIZ_COUP.id == "ex03.coup_year" and ex03.QUIZ_COUP.options == quiz("ex03", "coup_year").options
    )
    right = "ABCD"[next(i for i, (_, ok, _) in enumerate(ex03.QUIZ_COUP.options) if ok)]
    for form in (right, f"({right.lower()})", f"{right}: the timeline"):
        assert ex03.coup_year(form).is_correct


def test_quiz_grade_never_raises():
    q = quiz("00", "policy_brief")
    for choice in (None, ..., -1, 99, "nonsense", 1.5, True, [0]):
        assert q.grade(choice).status in ("not attempted", "not yet")
    right = next(i for i, (_, ok, _) in enumerate(q.options) if ok)
    assert q.grade(right).is_correct
    wrong = next(i for i, (_, ok, _) in enumerate(q.options) if not ok)
    assert q.grade(wrong).message == q.options[wrong][2]


def test_quiz_widget_check_button_shows_feedback():
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


# --------------------------------------------------------------------------- the rules, in the notebooks


def _markdown(path):
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]


@pytest.mark.parametrize(
    "path",
    [ROOT / "notebooks" / "00_start_here.ipynb"] + SOLUTIONS + STUDENTS,
    ids=lambda p: p.relative_to(ROOT).as_posix(),
)
def test_the_rules_learners_read_are_the_rules_the_checks_follow(path):
    assert feedback.RULES in _markdown(path), "the rules cell differs from nexus.feedback.RULES"


def test_the_rules_fit_one_cell_a_learner_reads():
    """One Markdown cell of at most 250 words (CONTRIBUTING.md), naming every shape it rules on."""
    assert len(feedback.RULES.split()) <= 250
    for part in ("Not attempted yet", "Not yet", "Correct", "Saved", "3 significant figures", "percentage",
                 "Categorical", "in order", "dictionary", '"(B)"', "title", "axis labels", "unit", "legend"):
        assert part in feedback.RULES, part


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_every_numeric_task_says_how_precise_an_answer_must_be(path):
    reg = feedback.registry()
    module = f"ex{path.name[:2]}"
    nb = nbformat.read(path, as_version=4)
    task_text = ""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and re.match(r"#{2,3} Task", cell.source):  # a task, or its no-code version
            task_text = cell.source
        elif cell.cell_type == "code":
            for name in re.findall(rf"\b{module}\.(\w+)\(", cell.source):
                fn = reg.get(f"{module}.{name}")
                if fn is not None and fn.kind in ("number", "labelled", "table"):
                    assert "**Precision:**" in task_text, f"{name}: the task does not say how precise"


def test_every_public_function_has_a_docstring():
    import inspect

    from nexus import answers
    from nexus.feedback import common, shapes

    modules = [feedback, reader, rubric, writing, shapes, common, answers]
    modules += [__import__(f"nexus.feedback.{name}", fromlist=["x"]) for name in feedback.EXERCISES]
    for module in modules:
        for name, obj in vars(module).items():
            if name.startswith("_") or not callable(obj) or getattr(obj, "__module__", "") != module.__name__:
                continue
            if inspect.isfunction(obj) or inspect.isclass(obj):
                assert (obj.__doc__ or "").strip(), f"{module.__name__}.{name} has no docstring"


def test_expected_values_are_not_typed_into_the_checks():
    """No number other than a year, a small constant or the brief's own figure is typed in."""
    allowed = {13000}  # the brief's "well over 13,000", the claim task 4 of exercise 03 tests
    for path in sorted((ROOT / "nexus" / "feedback").glob("ex0[1-7].py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, (int, float))
                and not isinstance(node.value, bool)
            ):
                v = node.value
                ok = (
                    abs(v) <= 100
                    or (1990 <= v <= 2030 and v == int(v))
                    or v in allowed
                    or v in (1000, 1_000_000)
                )
                assert ok, (
                    f"{path.name}: the number {v} is typed in (line {node.lineno}); compute it from "
                    "the tables"
                )
