"""Feedback for learners: exercise checks and check-your-understanding quizzes.

Every check answers with one of these replies:

* **not attempted yet** - the answer is still the ``...`` placeholder;
* **not yet** - with a hint that names what the check found (never the answer);
* **correct** - with why it matters for the case;
* **saved** - for written arguments only: not a grade, but the model answer and a
  self-assessment checklist (see :mod:`nexus.feedback.writing`).

A check never raises, whatever it is given, and never changes the learner's
object (it works on a copy). Write a check as a plain function that returns a
:class:`Feedback` (use :func:`correct` and :func:`not_yet`) and decorate it with
:func:`check`; anything unexpected becomes a friendly "not yet". Checks read
answers only through :mod:`nexus.feedback.reader` (numbers, labelled numbers,
names, letters, figures) and judge charts with :mod:`nexus.feedback.rubric`, so
the same answer gets the same treatment in every notebook. ``RULES`` is what
learners read about it.

Quizzes (multiple choice, an explanation for every option) are stored in
``nexus/quizzes/NN.json`` (lessons) and ``nexus/quizzes/exNN.json`` (exercises)
and built with :func:`quiz`.
"""

from __future__ import annotations

import copy
import functools
import html
import importlib
import json
from dataclasses import dataclass
from pathlib import Path

from nexus import answers
from nexus.feedback.reader import RULES, describe_type, number

__all__ = [
    "Feedback",
    "check",
    "correct",
    "not_yet",
    "saved",
    "NOT_ATTEMPTED",
    "Quiz",
    "quiz",
    "quizzes",
    "frame_like",
    "describe_type",
    "written",
    "as_number",
    "registry",
    "RULES",
    "progress",
]

QUIZ_DIR = Path(__file__).resolve().parent.parent / "quizzes"

_SYMBOL = {"not attempted": "…", "not yet": "✗", "correct": "✓", "saved": "✎"}
_HEAD = {
    "not attempted": "Not attempted yet",
    "not yet": "Not yet",
    "correct": "Correct",
    "saved": "Saved (not a grade)",
}
_COLOUR = {"not attempted": "#555555", "not yet": "#a63603", "correct": "#006d2c", "saved": "#0072B2"}


@dataclass(frozen=True)
class Feedback:
    """The result of a check: ``status`` is 'not attempted', 'not yet', 'correct' or 'saved'.

    ``details`` are extra lines (a self-assessment checklist) shown as a list.
    """

    status: str
    message: str = ""
    details: tuple = ()

    def __post_init__(self):
        if self.status not in _HEAD:
            raise ValueError(f"unknown status {self.status!r}")

    @property
    def is_correct(self) -> bool:
        """True only for a right answer (a saved text is not 'correct')."""
        return self.status == "correct"

    @property
    def is_saved(self) -> bool:
        """True when a written answer was saved (not a grade)."""
        return self.status == "saved"

    def __str__(self) -> str:
        text = f"{_SYMBOL[self.status]} {_HEAD[self.status]}"
        text = f"{text}: {self.message}" if self.message else text
        return text + "".join(f"\n  {line}" for line in self.details)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        parts, items = [], []
        for line in self.details:  # checklist lines (✓ / ☐) become a list, others paragraphs
            if line[:1] in ("✓", "☐"):
                items.append(f"<li>{html.escape(line)}</li>")
                continue
            if items:
                parts.append(f'<ul style="margin:2px 0 4px 0;list-style:none">{"".join(items)}</ul>')
                items = []
            parts.append(f'<p style="margin:4px 0 0 0">{html.escape(line)}</p>')
        if items:
            parts.append(f'<ul style="margin:2px 0 4px 0;list-style:none">{"".join(items)}</ul>')
        return (
            f'<div class="nexus-feedback nexus-{self.status.replace(" ", "-")}" role="status" '
            f'style="border-left:4px solid {_COLOUR[self.status]};padding:4px 8px;">'
            f"<strong>{_SYMBOL[self.status]} {_HEAD[self.status]}</strong>"
            + (f": {html.escape(self.message)}" if self.message else "")
            + "".join(parts)
            + "</div>"
        )


NOT_ATTEMPTED = Feedback(
    "not attempted", "replace the ... with your answer, run that cell, then run this check again."
)


def correct(why: str) -> Feedback:
    """A 'correct' reply with why the answer matters."""
    return Feedback("correct", why)


def not_yet(hint: str) -> Feedback:
    """A 'not yet' reply with a hint that names what the check found."""
    return Feedback("not yet", hint)


def saved(message: str, details=()) -> Feedback:
    """A 'saved' reply for a written answer: not a grade."""
    return Feedback("saved", message, tuple(details))


def as_number(value, containers: bool = True):
    """A learner's answer as a plain finite float, or None (see :func:`reader.number`)."""
    return number(value, containers)


def frame_like(value) -> bool:
    """Whether ``value`` is a pandas DataFrame."""
    return type(value).__name__ == "DataFrame"


def _safe_copy(value):
    if type(value).__name__ in ("Figure", "Axes", "SubFigure"):
        return value  # checks only read figures; copying one is slow and can fail
    try:
        return copy.deepcopy(value)
    except Exception:  # some objects (figures with open handles) cannot be copied
        return value


#: every exercise check, by task id ("ex03.escalation_means"), filled as the modules load
_REGISTRY: dict = {}
EXERCISES = ("ex00", "ex01", "ex02", "ex03", "ex04", "ex05", "ex06", "ex07")


KINDS = ("number", "labelled", "names", "label", "table", "chart", "letter", "writing")


def check(func=None, *, kind: str = "", alternative_to: str = ""):
    """Turn a function ``answer -> Feedback`` into a check that never raises.

    ``...`` gives "not attempted yet"; an exception inside the check, or a result
    that is not a Feedback, gives a "not yet" that says what kind of value was received.
    A check of an exercise module is registered (see :func:`registry`) and its result
    is recorded in my-answers/ for :func:`progress`. ``kind`` says what shape of answer
    the task asks for (one of ``KINDS``); use it as ``@check(kind="number")``.

    ``alternative_to`` names the check of the task this one is another route to (the no-code
    track: the same task answered by reading a prepared table or chart). Its result is recorded
    as that task's, so that :func:`progress` counts the task once, whichever route was taken.
    """
    if func is None:
        return functools.partial(check, kind=kind, alternative_to=alternative_to)
    module = func.__module__.rsplit(".", 1)[-1]
    task = f"{module}.{func.__name__}"
    recorded_as = f"{module}.{alternative_to}" if alternative_to else task

    @functools.wraps(func)
    def wrapper(answer=..., *args, **kwargs):
        if answer is ...:
            return NOT_ATTEMPTED
        try:
            result = func(_safe_copy(answer), *args, **kwargs)
        except Exception:
            result = None
        if not isinstance(result, Feedback):
            result = not_yet(
                f"I could not check this answer: it is {describe_type(answer)}. "
                "Re-read what the task asks for and the type it expects."
            )
        if module in EXERCISES and module != "ex00":
            try:
                answers.record_check(recorded_as, result.status)
            except Exception:  # recording is a convenience; never block the learner
                pass
        return result

    wrapper.is_check = True
    wrapper.task = task
    wrapper.kind = kind
    wrapper.alternative_to = alternative_to and recorded_as
    if func.__module__.startswith("nexus.feedback.ex"):
        _REGISTRY[task] = wrapper
    return wrapper


def registry() -> dict:
    """Every exercise check of the suite, by task id ('ex03.escalation_means')."""
    for name in EXERCISES:
        importlib.import_module(f"nexus.feedback.{name}")
    return dict(sorted(_REGISTRY.items()))


def progress(lessons=None):
    """The learner's progress table (see :func:`nexus.answers.progress`), with the number
    of exercise tasks of each lesson taken from the registry of checks (a no-code alternative
    is a route to a task, not a task of its own)."""
    tasks: dict = {}
    for task, fn in registry().items():
        lesson = task.split(".")[0][2:]
        kind = getattr(fn, "kind", "")
        if lesson != "00" and not getattr(fn, "alternative_to", ""):
            tasks.setdefault(lesson, {"graded": 0, "writing": 0})
            tasks[lesson]["writing" if kind == "writing" else "graded"] += 1
    return answers.progress(lessons, tasks=tasks)


# --------------------------------------------------------------------------- quizzes


# Long options must wrap onto several lines without overlapping the next option
# (ipywidgets gives each radio row a fixed height). A keyboard user must see where the
# focus is: a 3 px ring in JupyterLab's brand blue (4.6:1 on the light theme's white,
# 6:1 on the dark theme's background), where ipywidgets draws a faint 1 px line.
QUIZ_CSS = ("<style>.nexus-quiz .widget-radio-box label{height:auto !important;"
            "line-height:1.35;white-space:normal;align-items:flex-start;margin:2px 0 6px 0}"
            ".nexus-quiz .widget-radio-box input{margin-top:3px;flex-shrink:0}"
            ".nexus-quiz :is(button, input):focus-visible{outline:3px solid var(--jp-brand-color1,#1976d2)"
            " !important;outline-offset:2px !important}</style>")


class Quiz:
    """A multiple-choice question with an explanation for every option.

    >>> q = Quiz("q", "2 + 2?", [("4", True, "Yes."), ("5", False, "Count again.")])
    >>> q.grade(1).status
    'not yet'
    >>> q.grade(0).status
    'correct'
    """

    def __init__(self, id: str, question: str, options, topic: str = ""):
        self.id, self.question, self.topic = id, question, topic
        self.options = [(str(o[0]), bool(o[1]), str(o[2])) for o in options]
        if not any(c for _, c, _ in self.options):
            raise ValueError(f"quiz {id}: no option is marked correct")
        if any(not e.strip() for _, _, e in self.options):
            raise ValueError(f"quiz {id}: every option needs an explanation")

    def grade(self, choice) -> Feedback:
        """Feedback for the option at index ``choice`` (or its text). Never raises."""
        if choice is None or choice is ...:
            return Feedback("not attempted", "pick one option, then press Check.")
        index = choice
        if isinstance(choice, str):
            labels = [label for label, _, _ in self.options]
            index = labels.index(choice) if choice in labels else None
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(self.options):
            return not_yet("that is not one of the options; pick one of the listed answers.")
        label, is_right, why = self.options[index]
        return correct(why) if is_right else not_yet(why)

    def grade_letter(self, answer) -> Feedback:
        """Feedback for an answer written as a letter ("B", "b", " B ", "B.", "B)", "(B)",
        "B: because ..."), read by the one letter reader every exercise uses."""
        from nexus.feedback.reader import letter

        found, hint = letter(answer, len(self.options))
        if found is None:
            return not_yet(hint)
        return self.grade("ABCDEFGH".index(found))

    def static(self) -> str:
        """The question as plain text (for printouts and places where widgets cannot run)."""
        letters = "ABCDEFGH"
        lines = [f"Check your understanding: {self.question}"]
        lines += [f"  {letters[i]}. {label}" for i, (label, _, _) in enumerate(self.options)]
        return "\n".join(lines)

    def explanations_html(self) -> str:
        """Every option with why it is right or not, as HTML (shown once the answer is right)."""
        items = "".join(
            f"<li><strong>{html.escape(label)}</strong> - {'right' if ok else 'not right'}: "
            f"{html.escape(why)}</li>" for label, ok, why in self.options)
        return f"<details open><summary>Why each option is right or not</summary><ul>{items}</ul></details>"

    def widget(self):
        """The quiz as a keyboard-usable widget: options, a Check button, feedback."""
        import ipywidgets as w

        title = w.HTML(f"<strong>Check your understanding.</strong> {html.escape(self.question)}")
        choices = w.RadioButtons(options=[(label, i) for i, (label, _, _) in enumerate(self.options)],
                                 value=None, layout=w.Layout(width="auto"),
                                 description="", style={"description_width": "0px"})
        # no icon: its font glyph would be read out as part of the button's name
        button = w.Button(description="Check", button_style="primary", tooltip="Check your answer")
        result = w.HTML(value="", layout=w.Layout(min_height="1.5em"))
        explain = w.HTML(value="")

        def on_check(_=None):
            fb = self.grade(choices.value)
            result.value = fb._repr_html_()
            explain.value = self.explanations_html() if fb.is_correct else ""
            _record(self.id, fb)

        button.on_click(on_check)
        box = w.VBox([w.HTML(QUIZ_CSS), title, choices, button, result, explain],
                     layout=w.Layout(border="1px solid #cccccc", padding="8px", margin="8px 0"))
        box.add_class("nexus-quiz")
        box.quiz, box.check = self, on_check
        return box

    def _ipython_display_(self):
        from IPython.display import display

        box = self.widget()
        bundle = box._repr_mimebundle_()
        bundle["text/plain"] = self.static()  # what a reader sees without a kernel
        display(bundle, raw=True)

    def __repr__(self):
        return self.static()


def _record(quiz_id: str, fb: Feedback) -> None:
    """Remember a quiz result in my-answers/ (quietly does nothing if that fails)."""
    try:
        answers.record_quiz(quiz_id, fb.is_correct)
    except Exception:
        pass


@functools.cache
def _bank(lesson: str) -> dict:
    with open(QUIZ_DIR / f"{lesson}.json", encoding="utf-8") as f:
        raw = json.load(f)
    return {item["id"]: item for item in raw["questions"]}


def quizzes(lesson: str) -> list[Quiz]:
    """All quizzes of a lesson ('00' .. '07') or of an exercise ('ex01' .. 'ex07')."""
    return [quiz(lesson, key) for key in _bank(lesson)]


def quiz(lesson: str, key: str) -> Quiz:
    """The quiz ``key`` of a lesson or exercise bank (e.g. ``quiz("03", "coup_date")``,
    ``quiz("ex03", "coup_year")``)."""
    item = _bank(lesson)[key]
    return Quiz(f"{lesson}.{key}", item["question"],
                [(o["text"], o.get("correct", False), o["explanation"]) for o in item["options"]],
                topic=item.get("topic", ""))


# --------------------------------------------------------------------------- written answers

from nexus.feedback.writing import written  # noqa: E402  (uses Feedback, defined above)
