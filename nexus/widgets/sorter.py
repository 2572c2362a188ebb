"""Sort statements into categories, with feedback on each one.

Used by lesson 01 (engagement instruments -> lens) and lesson 04 (evidence ->
motivation). The items are a DataFrame with the columns

* ``item`` - what the learner sorts (short text);
* ``category`` - the category the brief supports;
* ``also`` (optional) - other defensible categories, separated by ";";
* ``explanation`` - why, shown once the learner has chosen.

Logic: :func:`grade` and :func:`score`. Shell: :func:`build` (one labelled menu per item;
feedback updates as soon as a menu changes).
"""

from __future__ import annotations

import pandas as pd

GENERIC = True  # a building block: lessons wrap it (lens_sorter, evidence_sorter)
UNSORTED = "(choose)"
RESULTS = ["right", "also defensible", "not yet", "not sorted"]


def _also(row) -> list[str]:
    value = row.get("also", "")
    if value is None or (isinstance(value, float) and value != value):
        return []
    return [v.strip() for v in str(value).split(";") if v.strip()]


def grade(items: pd.DataFrame, choices: dict) -> pd.DataFrame:
    """One row per item: the learner's choice, the result and (once chosen) the explanation.

    ``choices`` maps an item to a category; a missing item or ``(choose)`` is 'not sorted'.
    The correct category itself is never shown for a wrong choice - only the explanation.
    """
    rows = []
    for _, row in items.iterrows():
        choice = choices.get(row["item"], UNSORTED)
        if choice in (None, UNSORTED, ""):
            result, why = "not sorted", ""
        elif choice == row["category"]:
            result, why = "right", row["explanation"]
        elif choice in _also(row):
            result, why = "also defensible", row["explanation"]
        else:
            result, why = "not yet", row["explanation"]
        rows.append({"item": row["item"], "your choice": choice if choice else UNSORTED,
                     "result": result, "why": why})
    out = pd.DataFrame(rows, columns=["item", "your choice", "result", "why"])
    out["result"] = pd.Categorical(out["result"], categories=RESULTS)
    return out


def score(graded: pd.DataFrame) -> str:
    """A one-line summary, e.g. '3 of 8 sorted: 2 right, 1 also defensible, 0 not yet.'"""
    counts = graded["result"].value_counts()
    done = len(graded) - int(counts.get("not sorted", 0))
    return (f"{done} of {len(graded)} sorted: {int(counts.get('right', 0))} right, "
            f"{int(counts.get('also defensible', 0))} also defensible, "
            f"{int(counts.get('not yet', 0))} not yet.")


def view(items: pd.DataFrame, choices: dict):
    """What the widget shows for ``choices`` (item -> category): the score line and the graded table."""
    graded = grade(items, choices)
    return [f"**{score(graded)}**", graded]


def build(items: pd.DataFrame, categories: list[str], title: str, help_text: str = ""):
    """The sorter: one labelled menu per item; feedback updates as soon as a menu changes."""
    import ipywidgets as w

    from nexus.widgets import label_style, panel

    controls = {}
    for k, item in enumerate(items["item"]):
        controls[f"item_{k}"] = w.Dropdown(options=[UNSORTED] + list(categories), value=UNSORTED,
                                           description=str(item), style=label_style,
                                           layout=w.Layout(width="auto"))
    names = list(items["item"])

    def logic(**values):
        return view(items, {names[int(key[5:])]: v for key, v in values.items()})

    return panel(logic, controls, title=title,
                 help_text=help_text or "Choose a category for each item; feedback appears as you go.")
