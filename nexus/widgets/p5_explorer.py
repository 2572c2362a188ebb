"""Lesson 04: explore the permanent members' UN peacekeeping contributions.

Logic: :func:`table` (one row per year, one column per chosen country, one
measure), :func:`summary` (one sentence in words), :func:`view` (summary +
chart). Shell: :func:`build` - measure menu first, then one checkbox per
country, then two year menus (from, to).
"""

from __future__ import annotations

import pandas as pd

from nexus import data
from nexus.charts import motivations as mc

MEASURES = [mc.SNAPSHOT, mc.MEAN]
FIRST_YEAR, LAST_YEAR = 1990, 2021
#: The widget's initial state: measure, countries, year range.
DEFAULT = (mc.SNAPSHOT, list(mc.COUNTRIES), (FIRST_YEAR, LAST_YEAR))


def table(p5: pd.DataFrame, measure: str, countries, years) -> pd.DataFrame:
    """Personnel per year for one measure, the chosen countries and an inclusive year range."""
    return mc.p5_wide(p5, measure, [c for c in mc.COUNTRIES if c in list(countries)], years)


def summary(p5: pd.DataFrame, measure: str, countries, years) -> str:
    """One or two sentences on the selection, computed from the data."""
    label = mc.MEASURE_LABEL.get(measure, measure)
    chosen = [c for c in mc.COUNTRIES if c in list(countries)]
    if not chosen:
        return "Tick at least one country to see its contributions."
    wide = table(p5, measure, chosen, years)
    if wide.empty:
        covered = p5.loc[p5["measure"] == measure, "year"]
        return (f"The {label} cover {int(covered.min())}-{int(covered.max())} only; "
                f"move the year range to overlap those years.")
    full = wide[mc.full_years(wide)]
    first, last = int(wide.index.min()), int(wide.index.max())
    span = str(first) if first == last else f"{first}-{last}"
    text = f"{label.capitalize()}, {span}: "
    text += "; ".join(f"{mc.short_name(c)} {int(full[c].iloc[0]):,} -> {int(full[c].iloc[-1]):,}"
                      for c in chosen) if len(full) else "only partial years in this range"
    text += f" (first and last full year, {int(full.index.min())} and {int(full.index.max())})." \
        if len(full) else "."
    if "China" in chosen and len(chosen) > 1 and len(full):
        others = full[[c for c in chosen if c != "China"]].max(axis=1)
        leading = full.index[(full["China"] > others).to_numpy()]
        lead = len(leading)
        text += f" China has the most personnel of those shown in {lead} of {len(full)} full years"
        text += f" ({mc.years_text(leading)})." if 0 < lead < len(full) else "."
    suspect = wide.index[wide["suspect_year"] & ~wide["partial_year"]]
    if len(suspect):
        text += (f" Suspect years ({mc.years_text(suspect)}: months missing for some countries) are "
                 "marked, understated and not counted as full years.")
    partial = [str(int(y)) for y in wide.index[wide["partial_year"]]]
    if partial:
        text += f" Partial years ({', '.join(partial)}) are marked and understated."
    return text


def view(p5: pd.DataFrame, measure: str, countries, years, *, reuse=None):
    """What the widget shows: the summary and, when there is data, the chart.

    ``reuse``: a widget's :class:`nexus.charts.FigureSlots`, whose figure is updated."""
    text = summary(p5, measure, countries, years)
    chosen = [c for c in mc.COUNTRIES if c in list(countries)]
    if not chosen or table(p5, measure, chosen, years).empty:
        return [text]
    return [text, mc.p5_personnel(p5, measure, chosen, years, reuse=reuse)]


def build(p5: pd.DataFrame | None = None):
    """The explorer: a measure menu, one check box per country and two year menus (from, to)."""
    import ipywidgets as w

    from nexus.charts import FigureSlots
    from nexus.widgets import label_style, panel, year_menus

    p5 = data.load("peacekeepers_p5") if p5 is None else p5
    slots = FigureSlots()  # the chart is updated for each new setting, not built again
    measure = w.Dropdown(options=[(mc.MEASURE_LABEL[m], m) for m in MEASURES], value=mc.SNAPSHOT,
                         description="Measure:", style=label_style)
    boxes = {c: w.Checkbox(value=True, description=mc.short_name(c), style=label_style, indent=False)
             for c in mc.COUNTRIES}
    start, end = year_menus(FIRST_YEAR, LAST_YEAR, FIRST_YEAR, LAST_YEAR)
    controls = {"measure": measure, **{f"c{k}": box for k, box in enumerate(boxes.values())},
                "start": start, "end": end}

    def logic(measure, start, end, **ticks):
        chosen = [c for k, c in enumerate(mc.COUNTRIES) if ticks[f"c{k}"]]
        return view(p5, measure, chosen, (start, end), reuse=slots)

    return panel(logic, controls, title="Permanent members' UN peacekeepers: explore the data",
                 help_text="Choose a measure (the two are never mixed), tick countries, "
                           "narrow the years; the summary and chart follow.")
