"""Lessons 03 and 05: the violence map - where political violence was, year by year, on a map
of Mali's regions, with the named Chinese projects placed in their region.

Logic (pure, tested without a kernel):

* :func:`table` - one row per region of the map: the measure, its share, named projects;
* :func:`summary` - the same in two or three sentences (it changes with every setting);
* :func:`view` - what the widget shows: the summary, the map (with its text alternative), the table.

Shell: :func:`build` - a year menu (2017 ... 2020, or the four years together), a measure
menu and a "show the named Chinese projects" tick box; all three are reached with Tab; in
JupyterLab, Space opens a menu (then the arrow keys and Enter) and ticks the box (checked in
headless Chromium).
"""

from __future__ import annotations

import pandas as pd

from nexus import data
from nexus.charts.crisis import MEASURE_UNITS, MEASURES
from nexus.charts.geography import NOT_LOCATED, mali_map_values, mali_violence_map

#: The year menu: label -> value (None = 2017-2020 together).
YEARS = [("2017", 2017), ("2018", 2018), ("2019", 2019), ("2020", 2020), ("2017-2020 together", None)]
DEFAULT = {"year": 2019, "measure": "fatalities", "show_projects": True}


def measures() -> list[str]:
    """The measures the map can show (ACLED counts: the keys of ``nexus.charts.crisis.MEASURES``)."""
    return list(MEASURES)


def table(violence: pd.DataFrame, projects: pd.DataFrame | None, year: int | None = 2019,
          measure: str = "fatalities", show_projects: bool = True) -> pd.DataFrame:
    """The map's figures as a table a learner can read (rank from 1; no-row regions last)."""
    values = mali_map_values(violence, year, measure, projects if show_projects else None)
    out = pd.DataFrame({
        "region": values["region"],
        "ACLED regions summed": values["acled_regions"],
        measure: values["value"],
        "share (%)": values["share_pct"],
    })
    if show_projects:
        out["named Chinese projects"] = values["named_projects"]
    out.index = pd.RangeIndex(1, len(out) + 1, name="rank")
    return out


def _pct(part: float, total: float) -> str:
    share = 100 * part / total if total else 0.0
    return "under 1%" if 0 < share < 1 else f"{share:.0f}%"


def summary(violence: pd.DataFrame, projects: pd.DataFrame | None, year: int | None = 2019,
            measure: str = "fatalities", show_projects: bool = True) -> str:
    """Two or three sentences: the total, the top region, and where the named projects are."""
    values = mali_map_values(violence, year, measure, projects if show_projects else None)
    period = "2017-2020" if year is None else str(year)
    unit = MEASURE_UNITS[measure] + (" in violence against civilians" if "civilians" in measure else "")
    counted = values[values["value"].notna()]
    total = int(counted["value"].sum())
    if not total:
        text = f"{period}, {unit}: none recorded."
    else:
        top = counted.iloc[0]
        text = (f"{period}, {unit}: {total:,} in all. {top['region']} has the most, "
                f"{int(top['value']):,} ({_pct(top['value'], total)}). Gao's figure includes Menaka.")
    no_row = values[values["value"].isna()]["region"].tolist()
    if no_row:
        text += f" No events recorded in the export for {', '.join(no_row)} (not a zero)."
    if show_projects and projects is not None:
        placed = values[values["named_projects"] > 0].sort_values("named_projects", ascending=False,
                                                                   kind="mergesort")
        n_none = int((projects["region"].astype(str) == NOT_LOCATED).sum())
        if placed.empty:
            text += " No named Chinese project is placed in a region."
        else:
            where = " and ".join(f"{r} ({int(n)})"
                                 for r, n in zip(placed["region"], placed["named_projects"], strict=True))
            there = int(placed["value"].fillna(0).sum())
            text += (f" The named Chinese projects of the suite's partial list (all years) are placed in "
                     f"{where}, and {n_none} have no place; "
                     f"{'that region has' if len(placed) == 1 else 'those regions have'} "
                     f"{there:,} of the {total:,} ({_pct(there, total)}).")
    return text


def view(violence: pd.DataFrame, projects: pd.DataFrame | None, year: int | None = 2019,
         measure: str = "fatalities", show_projects: bool = True, *, reuse=None):
    """Summary (bold), the map with its text alternative, and the table.

    ``reuse``: a widget's :class:`nexus.charts.FigureSlots`, whose map is updated."""
    shown = projects if show_projects else None
    return [f"**{summary(violence, projects, year, measure, show_projects)}**",
            mali_violence_map(violence, year, measure, shown, reuse=reuse),
            table(violence, projects, year, measure, show_projects)]


def build(violence: pd.DataFrame | None = None, projects: pd.DataFrame | None = None):
    """The violence map: a year menu, a measure menu and a tick box for the named Chinese projects."""
    import ipywidgets as w

    from nexus.widgets import label_style, panel

    violence = data.load("violence_by_region") if violence is None else violence
    from nexus.charts import FigureSlots

    projects = data.load("chinese_projects") if projects is None else projects
    slots = FigureSlots()  # the map is updated for each new setting, not drawn from scratch
    year = w.Dropdown(options=YEARS, value=DEFAULT["year"], description="Year:", style=label_style)
    measure = w.Dropdown(options=measures(), value=DEFAULT["measure"], description="Measure:",
                         style=label_style)
    show = w.Checkbox(value=DEFAULT["show_projects"], description="Show the named Chinese projects",
                      indent=False)
    return panel(lambda year, measure, show_projects: view(violence, projects, year, measure, show_projects,
                                                           reuse=slots),
                 {"year": year, "measure": measure, "show_projects": show},
                 title="Violence map: where political violence was, and where the named Chinese projects are",
                 help_text="Choose a year (or the four years together) and a measure; tick the box to "
                           "mark the named Chinese projects. With the keyboard: Tab moves between the "
                           "controls, Space opens a menu (then the arrow keys and Enter) or ticks the box. "
                           "The text under the map describes it.")
