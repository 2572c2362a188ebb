"""Lesson 03: the region explorer - where political violence in Mali happened, year by year.

Logic:

* :func:`ranking` - the regions ranked by a measure in one year (ACLED, 2017-2020);
* :func:`summary` - one sentence: the top region, the centre's share, regions without rows;
* :func:`view` - what the widget shows: summary, bar chart, table.

Shell: :func:`build` (a year menu, then measure buttons).
"""

from __future__ import annotations

import pandas as pd

from nexus import data
from nexus.charts.crisis import MEASURES, ZONES, crisis_region_ranking, region_ranking_table

YEARS = [2017, 2018, 2019, 2020]


def measures() -> list[str]:
    """The measures a learner can rank the regions by (ACLED counts: the keys of ``nexus.charts.crisis.MEASURES``)."""
    return list(MEASURES)


def ranking(violence: pd.DataFrame, year: int, measure: str = "fatalities") -> pd.DataFrame:
    """The regions in ``year`` ranked by ``measure`` (largest first), indexed by rank."""
    return region_ranking_table(violence, year, measure).set_index("rank")


def summary(violence: pd.DataFrame, year: int, measure: str = "fatalities") -> str:
    """One sentence: the year's total, the top region, the centre's and the north's shares."""
    ranked = ranking(violence, year, measure)
    if ranked.empty:
        return f"No ACLED rows for {year}."
    first = ranked.iloc[0]
    total = int(ranked[measure].sum())
    centre = ranked.loc[ranked["zone"] == "centre", measure].sum()
    north = ranked.loc[ranked["zone"] == "north", measure].sum()
    text = (f"{year}, {measure}: {total:,} in all. {first['region']} ranks first with "
            f"{int(first[measure]):,} ({first['share of year (%)']:.0f}%). The centre (Mopti and Segou) "
            f"has {centre / total * 100:.0f}% and the north (Gao, Kidal, Menaka, Tombouctou) "
            f"{north / total * 100:.0f}%." if total else f"{year}, {measure}: none recorded.")
    missing = sorted(set(ZONES) - set(ranked["region"]))
    if missing:
        text += f" No row for {', '.join(missing)} (no events in the export, not a zero)."
    return text


def view(violence: pd.DataFrame, year: int = YEARS[0], measure: str = "fatalities", *, reuse=None):
    """What the widget shows: the summary, the bar chart and the ranking table.

    ``reuse``: a widget's :class:`nexus.charts.FigureSlots`, whose chart is updated."""
    return [f"**{summary(violence, year, measure)}**",
            crisis_region_ranking(violence, year, measure, reuse=reuse),
            ranking(violence, year, measure)]


def build(violence: pd.DataFrame | None = None):
    """The region explorer: a year menu and measure buttons above the summary, chart and table."""
    import ipywidgets as w

    from nexus.charts import FigureSlots
    from nexus.widgets import label_style, panel

    violence = data.load("violence_by_region") if violence is None else violence
    slots = FigureSlots()  # the chart is updated for each new setting, not built again
    year = w.Dropdown(options=YEARS, value=YEARS[0], description="Year:", style=label_style)
    measure = w.ToggleButtons(options=measures(), value="fatalities", description="Measure:",
                              style={**label_style, "button_width": "auto"})
    return panel(lambda year, measure: view(violence, year, measure, reuse=slots),
                 {"year": year, "measure": measure},
                 title="Region explorer: where the violence was (ACLED, 2017-2020)",
                 help_text="Choose a year and a measure; the regions are ranked, largest first.")
