"""Lesson 04: sort the brief's evidence into Beijing's three motivations.

A thin, lesson-specific wrapper around the generic :mod:`nexus.widgets.sorter`:
the statements come from the ``brief_motivation_evidence`` table (the brief's
section "Beijing's motivations in Mali", in the suite's words).

Logic: :func:`items` (the table in the sorter's format), :func:`view` (score line +
graded table for a dict of choices). Shell: :func:`build` - one menu per statement,
the first menu belongs to the first statement.
"""

from __future__ import annotations

import pandas as pd

from nexus import data
from nexus.widgets import sorter

TABLE = "brief_motivation_evidence"
TITLE = "Evidence sorter: which of Beijing's motivations does each statement support?"
HELP = ("For each statement of the brief, choose the motivation it is evidence for. "
        "Feedback and the brief's reasoning appear as soon as you choose.")


def motivations(table: pd.DataFrame | None = None) -> list[str]:
    """The three motivations, in the brief's order."""
    table = data.load(TABLE) if table is None else table
    col = table["motivation"]
    return list(col.cat.categories) if hasattr(col, "cat") else list(dict.fromkeys(col))


def items(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The statements in the sorter's format: ``item``, ``category``, ``also``, ``explanation``."""
    table = data.load(TABLE) if table is None else table
    out = pd.DataFrame({"item": table["statement"].astype(str).to_numpy(),
                        "category": table["motivation"].astype(str).to_numpy(),
                        "also": table["also"].fillna("").astype(str).to_numpy(),
                        "explanation": table["explanation"].astype(str).to_numpy()})
    return out


def view(table: pd.DataFrame | None = None, choices: dict | None = None):
    """What the widget shows for ``choices`` (statement -> motivation): a score line and the table."""
    return sorter.view(items(table), dict(choices or {}))


def build(table: pd.DataFrame | None = None):
    """The evidence sorter: one menu per statement; feedback updates as soon as a menu changes."""
    table = data.load(TABLE) if table is None else table
    return sorter.build(items(table), motivations(table), title=TITLE, help_text=HELP)
