"""Tables of learner variants, one module per exercise (``ex01`` ... ``ex07``).

Each table lists, for every task of its exercise, answers a learner really gives:
correct alternative forms (another pandas route, another container, a rounded value)
that must be accepted, and typical mistakes with the words their hint must contain.
``tests/test_variants.py`` runs every row; ``SECRETS`` lists what a "not yet" reply to
that task must never print (the expected answer).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.figure import Figure

EXERCISES = ["ex01", "ex02", "ex03", "ex04", "ex05", "ex06", "ex07"]


def leaks(secret: str, text: str) -> bool:
    """Whether ``text`` states ``secret`` as a whole: a secret that begins or ends with a letter
    or a digit must not run on into more of them, nor into a decimal part ("is 4" is not in
    "your rank is 400" or "is 4.5"; "2004" is not in "20045"; "0.43" is not in "10.43")."""
    before = r"(?<![0-9A-Za-z])(?<!\d[.,])" if secret[:1].isalnum() else ""
    after = r"(?![0-9A-Za-z])(?![.,]\d)" if secret[-1:].isalnum() else ""
    return re.search(before + re.escape(secret) + after, text) is not None


def leaked(secrets, message: str, value) -> list[str]:
    """The secrets a hint states that the learner's own answer did not already contain."""
    shown = repr(value)
    return [s for s in secrets if leaks(s, message) and not leaks(s, shown)]


@dataclass(frozen=True)
class Variant:
    """One learner answer to one task and the reply it must get."""

    task: str  # the check's name in nexus.feedback.exNN
    name: str  # what the learner did, in words
    make: Callable[[], object]  # builds the answer (figures are built fresh each time)
    status: str  # "correct", "saved" or "not yet"
    hint: str = ""  # words a "not yet" hint must contain

    @property
    def correct(self) -> bool:
        return self.status in ("correct", "saved")


def right(task, name, make):
    """A correct alternative form."""
    return Variant(task, name, make, "correct")


def saved(task, name, make):
    """A written answer that must be saved (never 'correct')."""
    return Variant(task, name, make, "saved")


def wrong(task, name, make, hint):
    """A typical mistake and the words its hint must contain."""
    return Variant(task, name, make, "not yet", hint)


def figure(draws, title="A title", xlabel="Year", ylabel="Deaths (people)", legend=False):
    """A Figure drawn by ``draws(ax)``, with the given title and labels ('' leaves one out)."""
    fig = Figure()
    ax = fig.subplots()
    draws(ax)
    if title:
        ax.set_title(title)
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    if legend:
        ax.legend()
    return fig


def letters(task, right_letter, quiz):
    """The letter variants of a multiple-choice task: five ways to write the right letter,
    every wrong option with its own explanation, and three wrongly shaped answers."""
    rows = [
        right(task, f"the letter written as {form!r}", lambda f=form: f)
        for form in (
            right_letter,
            right_letter.lower(),
            f" {right_letter} ",
            f"{right_letter}.",
            f"{right_letter})",
            f"({right_letter})",
            f"{right_letter}: because of the data",
        )
    ]
    for i, (_, ok, why) in enumerate(quiz.options):
        letter = "ABCDEFGH"[i]
        if not ok:
            rows.append(wrong(task, f"wrong option {letter}", lambda x=letter: x, why[:40]))
    rows += [
        wrong(task, "a letter that is not an option", lambda: "Z", "not one of the options"),
        wrong(task, "a number instead of a letter", lambda: 2, "one letter in quotes"),
        wrong(task, "a sentence without a letter", lambda: "Because of the data", "one letter"),
    ]
    return rows


GOOD_TEXTS = [
    "Partly, in my view. The brief makes the claim, but it gives no year or source for it. The data "
    "from the suite's tables (UCDP, ACLED, AidData) show figures for 2017 to 2020 that support part "
    "of it. However, these numbers cannot show motives or what would have happened otherwise, so the "
    "conclusion must stay cautious and name its limits.",
]


def _mash(n: int) -> str:
    """``n`` made-up words, all different, none of them English: keyboard mash."""
    import random

    rng = random.Random(n)
    return (
        " ".join(
            "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(rng.randint(3, 7)))
            + rng.choice("aeiou")
            for _ in range(n)
        )
        + "."
    )


def writing(task, texts, min_words=40):
    """The variants of a written task: three texts that must be saved, five that are not yet an
    argument (with the hint each must get)."""
    rows = [saved(task, f"a written argument ({i + 1})", lambda t=t: t) for i, t in enumerate(texts)]
    filler = "word " * (min_words + 10)
    rows += [
        wrong(task, "a text that is too short", lambda: "China matters in Mali.", "you have written"),
        wrong(task, "one word repeated", lambda: filler, "repeats 'word'"),
        wrong(task, "keyboard mash", lambda: _mash(min_words + 5), "words I recognise"),
        wrong(
            task,
            "one long sentence without a full stop",
            lambda: (
                (
                    "the brief says that China in Mali works with the government and the data "
                    "show that deaths rose in the centre of the country while projects stayed in "
                    "the capital and this is why the approach is limited and needs more "
                )
                * max(2, -(-(min_words + 10) // 45))
            ),
            "sentence",
        ),
        wrong(task, "a number instead of text", lambda: 42, "triple quotes"),
    ]
    return rows
