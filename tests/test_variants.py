"""Every learner variant of every exercise task gets the reply its table names.

The tables are in ``tests/variants/exNN.py``: for every task, correct alternative forms
(accepted) and typical mistakes (a "not yet" whose hint names what was found). The same
test also checks that no hint reveals the task's answer.
"""

import importlib
import re

import matplotlib

matplotlib.use("Agg")

import pytest
from variants import EXERCISES, leaked

TABLES = {name: importlib.import_module(f"variants.{name}") for name in EXERCISES}
ROWS = [(name, v) for name, table in TABLES.items() for v in table.VARIANTS]


@pytest.fixture(autouse=True)
def _answers_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))


@pytest.mark.parametrize("exercise,variant", ROWS, ids=[f"{n}.{v.task}: {v.name}" for n, v in ROWS])
def test_variant_gets_its_reply(exercise, variant):
    table = TABLES[exercise]
    value = variant.make()
    fb = getattr(table.MODULE, variant.task)(value)
    assert fb.status == variant.status, f"{variant.name}: {fb}"
    if variant.status == "not yet":
        assert variant.hint.lower() in fb.message.lower(), f"{variant.name}: {fb.message}"
        assert not leaked(table.SECRETS.get(variant.task, []), fb.message, value), fb.message
    if variant.status == "saved":
        assert not fb.is_correct and "Checklist:" in fb.details and fb.details[0].startswith("Model answer")


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_task_has_three_correct_forms_and_three_mistakes(exercise):
    table = TABLES[exercise]
    tasks = [name for name in table.MODULE.__all__ if callable(getattr(table.MODULE, name))]
    for task in tasks:
        rows = [v for v in table.VARIANTS if v.task == task]
        assert sum(v.correct for v in rows) >= 3, f"{exercise}.{task}: fewer than 3 correct forms"
        assert sum(not v.correct for v in rows) >= 3, f"{exercise}.{task}: fewer than 3 mistakes"
        assert task in table.SECRETS, f"{exercise}.{task}: no SECRETS entry"


_QUOTED = re.compile(r"(?<![\w'])'[^'\n]*'(?![\w'])|\"[^\"\n]*\"")


def test_check_replies_name_every_code(tmp_path, monkeypatch):
    """Every reply a check gives to the variants (hints, explanations, model answers) writes a code
    with its name at its first mention, as lessons and quizzes do; what a reply quotes (a learner's
    text, an example id such as 'CH2') and the checklist lines that echo the learner are left out."""
    from test_course import unnamed_codes

    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))
    bad = []
    for exercise, variant in ROWS:
        fb = getattr(TABLES[exercise].MODULE, variant.task)(variant.make())
        texts = [fb.message] + [d for d in fb.details if d[:1] not in ("✓", "☐")]
        for text in texts:
            codes = unnamed_codes(_QUOTED.sub(" ", text))
            if codes:
                bad.append((exercise, variant.task, codes, text[:80]))
    assert not bad
