"""Lesson 01: sort China's engagement instruments by lens (military / development / governance).

A thin, lesson-specific wrapper around the generic :mod:`nexus.widgets.sorter`:

* :func:`items` picks ten instruments from the ``brief_instruments`` table and turns them
  into the sorter's items (``item``, ``category``, ``also``, ``explanation``). The category is
  the table's ``lens``; for the ambiguous instruments the defensible alternative named in the
  table's ``lens_note`` is accepted too (``also``), and the note is the explanation.
* :func:`view` grades a set of choices (a score line and a table); nothing in it names the
  right lens before the learner has chosen.
* :func:`build` is the shell: one labelled menu per instrument.
"""

from __future__ import annotations

import pandas as pd

from nexus.widgets import sorter

__all__ = ["CATEGORIES", "SELECTION", "ALSO", "items", "view", "build"]

CATEGORIES = ["military", "development", "governance"]

#: The ten instruments the learner sorts, by id in ``brief_instruments``, in a mixed order
#: (three military, four development, three governance; five of them ambiguous).
SELECTION = ["I03", "I10", "I16", "I04", "I07", "I18", "I14", "I15", "I12", "I17"]

#: The defensible alternative lens of each ambiguous instrument, as its ``lens_note`` names it.
#: (The Confucius Institute's note names cultural diplomacy, which has no lens of its own here,
#: so it has no alternative.)
ALSO = {
    "I04": "governance",             # UN mandate, multilateral: "a learner may argue for governance"
    "I10": "military;governance",    # training officers (military), training elites (governance)
    "I14": "military",               # uniformed PLA soldiers inside a military mission
    "I15": "development",            # "medical care looks like development ... accept either"
    "I18": "development",            # "development is a defensible answer"
}


def items(instruments: pd.DataFrame, selection=None) -> pd.DataFrame:
    """The sorter's items for ``selection`` (ids; default :data:`SELECTION`), in that order."""
    selection = list(SELECTION if selection is None else selection)
    table = instruments.set_index(instruments["id"].astype(str))
    missing = [i for i in selection if i not in table.index]
    if missing:
        raise KeyError(f"brief_instruments has no rows {missing}")
    rows = table.loc[selection]
    return pd.DataFrame({
        "id": selection,
        "item": rows["instrument"].astype(str).tolist(),
        "category": rows["lens"].astype(str).tolist(),
        "also": [ALSO.get(i, "") for i in selection],
        "explanation": rows["lens_note"].astype(str).tolist(),
    })


def view(instruments: pd.DataFrame, choices: dict, selection=None):
    """What the widget shows: a score line and one row per instrument (choice, result, why)."""
    return sorter.view(items(instruments, selection), choices)


def build(instruments: pd.DataFrame | None = None, selection=None):
    """The lens sorter: one menu per instrument; feedback updates as soon as a menu changes."""
    from nexus import data

    instruments = data.load("brief_instruments") if instruments is None else instruments
    return sorter.build(items(instruments, selection), CATEGORIES,
                        title="Sort China's instruments by lens",
                        help_text="For each instrument, choose the lens that fits best: military, "
                                  "development or governance. Feedback appears as you go; some "
                                  "instruments have more than one defensible answer.")
