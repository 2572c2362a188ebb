"""Lesson 00: explore the brief's claims by section and kind.

Logic: :func:`claims_table` filters the ``brief_claims`` table; :func:`summary`
says in one sentence what the selection contains. Shell: :func:`build`.
"""

from __future__ import annotations

import pandas as pd

from nexus import data

ALL = "all"
COLUMNS = ["id", "paraphrase", "kind", "lesson", "tested_with_data"]


def sections(claims: pd.DataFrame) -> list[str]:
    """The brief's sections in the order they appear in the brief."""
    col = claims["section"]
    cats = list(col.cat.categories) if hasattr(col, "cat") else list(dict.fromkeys(col))
    return [s for s in cats if (col == s).any()]


def kinds(claims: pd.DataFrame) -> list[str]:
    """The kind menu: 'all', then each kind of statement the table holds, in the table's order."""
    col = claims["kind"]
    cats = list(col.cat.categories) if hasattr(col, "cat") else list(dict.fromkeys(col))
    return [ALL] + [k for k in cats if (col == k).any()]


def claims_table(claims: pd.DataFrame, section: str, kind: str = ALL) -> pd.DataFrame:
    """The claims of one section (and one kind, unless ``kind`` is 'all'), in brief order."""
    rows = claims[claims["section"] == section]
    if kind != ALL:
        rows = rows[rows["kind"] == kind]
    return rows[COLUMNS].reset_index(drop=True)


def summary(claims: pd.DataFrame, section: str, kind: str = ALL) -> str:
    """One sentence: how many items the selection holds and how many can be tested with data."""
    rows = claims_table(claims, section, kind)
    if rows.empty:
        what = "claims" if kind == ALL else f"items of kind '{kind}'"
        return f"The '{section}' section has no {what}."
    tested = int(rows["tested_with_data"].sum())
    noun = "item" if len(rows) == 1 else "items"
    kind_txt = "" if kind == ALL else f" of kind '{kind}'"
    return (f"'{section}': {len(rows)} {noun}{kind_txt}; "
            f"{tested} of them can be tested with the suite's data.")


def view(claims: pd.DataFrame, section: str, kind: str = ALL):
    """What the widget shows: a one-line summary and the table."""
    return [f"**{summary(claims, section, kind)}**", claims_table(claims, section, kind)]


def build(claims: pd.DataFrame | None = None):
    """The claims explorer: a section menu and a kind menu above the table (needs a kernel)."""
    import ipywidgets as w

    from nexus.widgets import label_style, panel

    claims = data.load("brief_claims") if claims is None else claims
    section = w.Dropdown(options=sections(claims), description="Section of the brief:",
                         style=label_style)
    kind = w.Dropdown(options=kinds(claims), value=ALL, description="Kind:", style=label_style)
    return panel(lambda section, kind: view(claims, section, kind),
                 {"section": section, "kind": kind},
                 title="The brief's claims, section by section",
                 help_text="Choose a section and a kind of statement; the table updates.",
                 layout="horizontal")
