"""One property test over the registry of every exercise check: whatever a learner gives
it, a check never raises, never changes the learner's object, never says "Correct" to
something that is not a right answer, and never prints a task's answer in a hint."""

import copy
import importlib

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import WRONG
from variants import EXERCISES, leaked, leaks

from nexus import feedback
from nexus.feedback.reader import agrees, label_key, letter, number

REGISTRY = feedback.registry()
TABLES = {name: importlib.import_module(f"variants.{name}") for name in EXERCISES}
SECRETS = {f"{name}.{task}": words for name, t in TABLES.items() for task, words in t.SECRETS.items()}
SECRETS["ex00.publication_year"] = ["2020"]
RIGHT_NUMBERS: dict = {"ex00.publication_year": [2020.0]}
RIGHT_TEXTS: dict = {}
for name, table in TABLES.items():
    for v in table.VARIANTS:
        if v.status == "correct":
            value = v.make()
            if isinstance(value, str):
                RIGHT_TEXTS.setdefault(f"{name}.{v.task}", []).append(value)
            elif number(value) is not None:
                RIGHT_NUMBERS.setdefault(f"{name}.{v.task}", []).append(number(value))


def test_the_registry_holds_every_check_of_every_exercise():
    for name, table in TABLES.items():
        for task in table.SECRETS:
            assert f"{name}.{task}" in REGISTRY, f"{name}.{task} is not registered"
    assert "ex00.publication_year" in REGISTRY
    assert all(getattr(fn, "is_check", False) for fn in REGISTRY.values())


def _snapshot(value):
    if type(value).__name__ == "Figure":
        return [
            (tuple(map(str, line.get_xdata())), tuple(map(str, line.get_ydata())))
            for ax in value.axes
            for line in ax.lines
        ] + [len(ax.patches) for ax in value.axes]
    if isinstance(value, (pd.DataFrame, pd.Series, pd.Index)):
        return value.copy(deep=True)
    try:
        return copy.deepcopy(value)
    except Exception:
        return None


def _unchanged(before, value):
    if type(value) is object:  # a bare object has no state to change
        return True
    if type(value).__name__ == "Figure":
        return before == _snapshot(value)
    if isinstance(value, (pd.DataFrame, pd.Series, pd.Index)):
        return before.equals(value)
    if isinstance(value, np.ndarray):
        return np.array_equal(before, value, equal_nan=value.dtype.kind == "f")
    if before is None:
        return True
    try:
        return bool(before == value) or repr(before) == repr(value)
    except Exception:
        return True


def _may_be_right(task, value) -> bool:
    """Whether a random value happens to be a right answer (a right letter, name or number)."""
    if isinstance(value, str):
        rights = RIGHT_TEXTS.get(task, [])
        found = letter(value, 8)[0]
        return any(
            label_key(value) == label_key(r) or (found is not None and found == letter(r, 8)[0])
            for r in rights
        )
    x = number(value)
    return x is not None and any(agrees(x, r) for r in RIGHT_NUMBERS.get(task, []))


@pytest.fixture(autouse=True)
def _answers_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))


@pytest.mark.parametrize("task", sorted(REGISTRY))
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(value=WRONG)
def test_a_check_never_raises_mutates_passes_wrongly_or_leaks(task, value):
    check = REGISTRY[task]
    before = _snapshot(value)
    fb = check(value)
    assert isinstance(fb, feedback.Feedback)
    assert fb.status in ("not attempted", "not yet", "correct", "saved")
    assert _unchanged(before, value), f"{task} changed the learner's answer"
    if fb.status == "correct":
        assert _may_be_right(task, value), f"{task} said Correct to {value!r}"
    if fb.status == "saved":
        assert getattr(check, "kind", "") == "writing" and isinstance(value, str)
    if fb.status == "not yet":
        assert not leaked(SECRETS.get(task, []), fb.message, value), (task, fb.message)


def test_the_leak_check_matches_whole_numbers_and_words():
    """A secret counts as printed only as a whole token: the rank 4 is not leaked by a learner's
    400 echoed back ("your rank is 400"), but "is 4" in a hint is a leak."""
    assert leaks("is 4", "the rank is 4.") and leaks("4th", "China is 4th")
    assert not leaks("is 4", "your rank is 400") and not leaks("is 4", "your rank is 4.5")
    assert leaks("2004", "from 2004 on") and not leaks("2004", "20045 people")
    assert leaks("0.43", "a ratio of 0.43") and not leaks("0.43", "10.43 or 0.435")
    assert leaks("1,720", "grew by 1,720.") and not leaks("1,720", "11,720")
    assert leaks("answer is B", "the answer is B.") and not leaks("answer is B", "the answer is Bamako")
    assert leaks("Senegal, Côte d'Ivoire, France, China", "Senegal, Côte d'Ivoire, France, China.")
    assert leaked(["is 4"], "your rank is 400", 400) == []
    assert leaked(["2004"], "your year is 2004", 2004) == []        # the learner's own value echoed
    assert leaked(["is 4"], "China's rank is 4", "fourth") == ["is 4"]
