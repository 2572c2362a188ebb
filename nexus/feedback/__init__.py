"""Feedback for learners: exercise checks and check-your-understanding quizzes.

Every check answers with one of three messages:

* **not attempted yet** - the answer is still the ``...`` placeholder;
* **not yet** - with a hint aimed at the likely mistake (never the answer);
* **correct** - with why it matters for the case.

A check never raises, whatever it is given, and never changes the learner's
object (it works on a copy). Write a check as a plain function that returns a
:class:`Feedback` (use :func:`correct` and :func:`not_yet`) and decorate it
with :func:`check`; anything unexpected becomes a friendly "not yet".

Quizzes (multiple choice, an explanation for every option) are stored in
``nexus/quizzes/NN.json`` and built with :func:`quiz`.
"""

from __future__ import annotations

import copy
import functools
import html
import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Feedback", "check", "correct", "not_yet", "NOT_ATTEMPTED", "Quiz", "quiz",
           "quizzes", "frame_like", "describe_type", "written", "as_number"]

QUIZ_DIR = Path(__file__).resolve().parent.parent / "quizzes"

_SYMBOL = {"not attempted": "…", "not yet": "✗", "correct": "✓"}
_HEAD = {"not attempted": "Not attempted yet", "not yet": "Not yet", "correct": "Correct"}


@dataclass(frozen=True)
class Feedback:
    """The result of a check: ``status`` is 'not attempted', 'not yet' or 'correct'."""

    status: str
    message: str = ""

    def __post_init__(self):
        if self.status not in _HEAD:
            raise ValueError(f"unknown status {self.status!r}")

    @property
    def is_correct(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        text = f"{_SYMBOL[self.status]} {_HEAD[self.status]}"
        return f"{text}: {self.message}" if self.message else text

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = {"not attempted": "#555555", "not yet": "#a63603", "correct": "#006d2c"}[self.status]
        return (f'<div class="nexus-feedback nexus-{self.status.replace(" ", "-")}" role="status" '
                f'style="border-left:4px solid {colour};padding:4px 8px;">'
                f"<strong>{_SYMBOL[self.status]} {_HEAD[self.status]}</strong>"
                + (f": {html.escape(self.message)}" if self.message else "") + "</div>")


NOT_ATTEMPTED = Feedback(
    "not attempted",
    "replace the ... with your answer, run that cell, then run this check again.")


def correct(why: str) -> Feedback:
    return Feedback("correct", why)


def not_yet(hint: str) -> Feedback:
    return Feedback("not yet", hint)


def describe_type(value) -> str:
    """A learner-friendly name for what a value is ('a DataFrame', 'a whole number', ...)."""
    import numbers

    if value is None:
        return "None (nothing)"
    name = type(value).__name__
    if name == "DataFrame":
        return f"a DataFrame with {len(value)} rows and columns {list(value.columns)[:8]}"
    if name == "Series":
        return f"a Series of {len(value)} values"
    if name == "Figure":
        return "a matplotlib Figure"
    if isinstance(value, bool):
        return "True/False"
    if isinstance(value, numbers.Integral):
        return "a whole number"
    if isinstance(value, numbers.Real):
        return "a number"
    if isinstance(value, str):
        return "a piece of text (a string)"
    if isinstance(value, (list, tuple)):
        return f"a {name} of {len(value)} items"
    if isinstance(value, dict):
        return "a dictionary"
    return f"a {name}"


def as_number(value, containers: bool = True):
    """A learner's answer as a plain finite float, or None.

    Accepts ints, floats and numpy scalars (not True/False, not NaN or infinity); with
    ``containers`` also a one-value Series, DataFrame, array, list or tuple, since
    ``df.loc[...]`` selections often come back that way.
    """
    import math
    import numbers

    if containers and type(value).__name__ in ("Series", "DataFrame", "ndarray", "list", "tuple"):
        import numpy as np

        try:
            flat = np.asarray(value, dtype=object).ravel()
        except Exception:
            return None
        if flat.size != 1:
            return None
        value = flat[0]
    if type(value).__module__ == "numpy" and getattr(value, "ndim", None) == 0:
        value = value.item()  # a numpy scalar
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def frame_like(value) -> bool:
    return type(value).__name__ == "DataFrame"


def _safe_copy(value):
    if type(value).__name__ in ("Figure", "Axes", "SubFigure"):
        return value  # checks only read figures; copying one is slow and can fail
    try:
        return copy.deepcopy(value)
    except Exception:  # some objects (figures with open handles) cannot be copied
        return value


def check(func):
    """Turn a function ``answer -> Feedback`` into a check that never raises.

    ``...`` gives "not attempted yet"; an exception inside the check, or a result
    that is not a Feedback, gives a "not yet" that says what kind of value was received.
    """

    @functools.wraps(func)
    def wrapper(answer=..., *args, **kwargs):
        if answer is ...:
            return NOT_ATTEMPTED
        try:
            result = func(_safe_copy(answer), *args, **kwargs)
        except Exception:
            result = None
        if isinstance(result, Feedback):
            return result
        return not_yet(f"I could not check this answer: it is {describe_type(answer)}. "
                       "Re-read what the task asks for and the type it expects.")

    wrapper.is_check = True
    return wrapper


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
        """Feedback for an answer written as a letter ("A", "b", " C. "), as exercises ask."""
        letters = "ABCDEFGH"[:len(self.options)]
        if not isinstance(answer, str):
            return not_yet(f'set the answer to one letter in quotes, such as "A"; this is '
                           f"{describe_type(answer)}.")
        letter = answer.strip().strip(".").upper()
        if len(letter) != 1 or letter not in letters:
            return not_yet(f"set the answer to one of the letters {', '.join(letters)} (in quotes).")
        return self.grade(letters.index(letter))

    def static(self) -> str:
        """The question as plain text (for printouts and places where widgets cannot run)."""
        letters = "ABCDEFGH"
        lines = [f"Check your understanding: {self.question}"]
        lines += [f"  {letters[i]}. {label}" for i, (label, _, _) in enumerate(self.options)]
        return "\n".join(lines)

    def explanations_html(self) -> str:
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
        from nexus import answers

        answers.record_quiz(quiz_id, fb.is_correct)
    except Exception:
        pass


@functools.lru_cache(maxsize=None)
def _bank(lesson: str) -> dict:
    with open(QUIZ_DIR / f"{lesson}.json", encoding="utf-8") as f:
        raw = json.load(f)
    return {item["id"]: item for item in raw["questions"]}


def quizzes(lesson: str) -> list[Quiz]:
    """All quizzes of a lesson ('00' .. '07')."""
    return [quiz(lesson, key) for key in _bank(lesson)]


def quiz(lesson: str, key: str) -> Quiz:
    """The quiz ``key`` of lesson ``lesson`` (e.g. ``quiz("03", "coup_year")``)."""
    item = _bank(lesson)[key]
    return Quiz(f"{lesson}.{key}", item["question"],
                [(o["text"], o.get("correct", False), o["explanation"]) for o in item["options"]],
                topic=item.get("topic", ""))


# --------------------------------------------------------------------------- written answers


def written(key: str, text, model_answer: str, min_words: int = 25, look_for=()) -> Feedback:
    """Check a short written argument, save it to my-answers/ and then show a model answer.

    The model answer appears only once the learner has written at least
    ``min_words`` words. ``look_for`` is a list of (words, reminder) pairs: when
    none of ``words`` appears in the text, the reminder is added as a prompt to
    think about (the answer is still saved; argument quality is the teacher's call).
    """
    if text is ... or (isinstance(text, str) and not text.strip()):
        return NOT_ATTEMPTED
    if not isinstance(text, str):
        return not_yet(f"write your argument as text between quotes; this is {describe_type(text)}.")
    words = len(text.split())
    if words < min_words:
        return not_yet(f"you have written {words} words; aim for at least {min_words} "
                       "so that you state a claim, the evidence and what follows from it.")
    try:
        from nexus import answers

        answers.save_text(key, text)
        saved = f"Saved as my-answers/{key}.md. "
    except Exception as exc:  # saving is a convenience; never block the learner
        saved = f"(Not saved: {exc}) "
    lower = text.lower()
    reminders = [r for words_, r in look_for if not any(w.lower() in lower for w in words_)]
    extra = (" Also consider: " + " ".join(reminders)) if reminders else ""
    return correct(f"{saved}Compare with a model answer: {model_answer}{extra}")
