"""Lesson 02: an indicator explorer - one series, a range of years, the crisis years shaded.

Logic: :func:`select` returns the rows of the chosen series inside the year range,
:func:`figure` draws them (crisis years from 2012 shaded), :func:`summary` says in a
sentence what the selection shows, :func:`view` returns all three. Shell: :func:`build`.
"""

from __future__ import annotations

import pandas as pd

from nexus import charts, data

CRISIS_START = 2012  # the brief: "Since 2012, Mali-China relations have been deeply impacted..."

#: The series a learner can choose, in menu order: table, filter, value column, labels.
SERIES = {
    "Mali: Human Development Index": {
        "table": "hdi", "country": "Mali", "value": "hdi", "column": "hdi",
        "ylabel": "HDI (index, 0 to 1)", "what": "Mali's HDI", "fmt": "{:.3f}"},
    "China: Human Development Index": {
        "table": "hdi", "country": "China", "value": "hdi", "column": "hdi",
        "ylabel": "HDI (index, 0 to 1)", "what": "China's HDI", "fmt": "{:.3f}"},
    "Mali: GDP per capita (current US$)": {
        "table": "gdp_per_capita", "country": "Mali", "value": "gdp_per_capita_usd",
        "column": "gdp_per_capita_usd", "ylabel": "Current US$ per person",
        "what": "Mali's GDP per capita in current US$", "fmt": "{:,.1f}"},
    "Chinese official finance to Mali (constant 2021 US$ millions)": {
        "table": "chinese_finance", "value": "amount_musd", "column": "total_musd",
        "ylabel": "Constant 2021 US$ millions", "what": "Chinese official finance committed to Mali",
        "fmt": "{:,.1f}"},
}
FIRST_YEAR, LAST_YEAR = 1990, 2023  # the year menus' ends: the union of the series' years


def series_names() -> list[str]:
    """The series a learner can choose, in menu order."""
    return list(SERIES)


def _spec(series: str) -> dict:
    if series not in SERIES:
        raise KeyError(f"unknown series {series!r}; choose one of {series_names()}")
    return SERIES[series]


@charts.computed_once
def _full(series: str) -> pd.DataFrame:
    """Every row of one series: ``year`` + its value column(s)."""
    spec = _spec(series)
    table = data.load(spec["table"])
    if spec["table"] == "chinese_finance":
        wide = table.pivot_table(index="year", columns="flow_class", values="amount_musd",
                                 aggfunc="sum", observed=True).fillna(0.0)
        wide.columns = [str(c) for c in wide.columns]
        wide["total_musd"] = wide.sum(axis=1).round(2)
        return wide.reset_index()
    rows = table[table["country"] == spec["country"]]
    return rows[["year", spec["value"]]].sort_values("year").reset_index(drop=True)


def available_years(series: str) -> tuple[int, int]:
    """First and last year the series has data for."""
    years = _full(series)["year"]
    return int(years.min()), int(years.max())


def select(series: str, years=(FIRST_YEAR, LAST_YEAR)) -> pd.DataFrame:
    """The rows of ``series`` whose year lies in ``years`` (both ends included)."""
    lo, hi = sorted(int(y) for y in years)
    rows = _full(series)
    return rows[(rows["year"] >= lo) & (rows["year"] <= hi)].reset_index(drop=True)


def figure(series: str, years=(FIRST_YEAR, LAST_YEAR), *, reuse=None):
    """The chart of the selection (``None`` when no year of the range has data).

    ``reuse``: a widget's :class:`nexus.charts.FigureSlots`, whose figure is updated."""
    spec = _spec(series)
    rows = select(series, years)
    if rows.empty:
        return None
    if spec["table"] == "chinese_finance":
        finance = data.load("chinese_finance")
        return charts.footprint_finance(finance[finance["year"].isin(rows["year"])], CRISIS_START,
                                        reuse=reuse)
    return charts.footprint_series(rows, spec["value"], title=series, ylabel=spec["ylabel"],
                                   table=spec["table"], what=spec["what"], fmt=spec["fmt"],
                                   crisis_start=CRISIS_START, reuse=reuse)


def summary(series: str, years=(FIRST_YEAR, LAST_YEAR)) -> str:
    """One or two sentences on the selection, with the numbers."""
    spec = _spec(series)
    lo, hi = sorted(int(y) for y in years)
    first, last = available_years(series)
    rows = select(series, years)
    if rows.empty:
        return (f"No data for {spec['what']} between {lo} and {hi}: this series covers "
                f"{first} to {last}. Choose other years.")
    col, fmt = spec["column"], spec["fmt"]
    y0, y1 = int(rows["year"].iloc[0]), int(rows["year"].iloc[-1])
    v0, v1 = rows[col].iloc[0], rows[col].iloc[-1]
    peak = rows.loc[rows[col].idxmax()]
    text = f"{spec['what']}, {y0}-{y1}: "
    if spec["table"] == "chinese_finance":
        text += (f"{len(rows)} years; largest year {int(peak['year'])} "
                 f"({fmt.format(peak[col])} million); commitments are lumpy, so compare years with care.")
    else:
        text += (f"{fmt.format(v0)} in {y0}, {fmt.format(v1)} in {y1}; highest {fmt.format(peak[col])} "
                 f"in {int(peak['year'])}.")
    crisis = rows[rows["year"] >= CRISIS_START]
    if not crisis.empty and len(crisis) < len(rows):
        before = rows[rows["year"] < CRISIS_START]
        text += (f" Mean before {CRISIS_START}: {fmt.format(before[col].mean())}; "
                 f"mean from {CRISIS_START} (crisis years, shaded): {fmt.format(crisis[col].mean())}.")
    if (lo, hi) != (max(lo, first), min(hi, last)):
        text += f" (This series covers {first} to {last} only.)"
    return text


def view(series: str, years=(FIRST_YEAR, LAST_YEAR), *, reuse=None):
    """What the widget shows: the summary, the chart and the selected rows."""
    fig = figure(series, years, reuse=reuse)
    text = summary(series, years)
    if fig is None:
        return [f"**{text}**"]
    return [f"**{text}**", fig, select(series, years)]


def build():
    """The explorer: a menu of series and two year menus over the chart, summary and rows."""
    import ipywidgets as w

    from nexus.widgets import label_style, panel, year_menus

    slots = charts.FigureSlots()  # one figure per chart kind, updated for each new setting

    series = w.Dropdown(options=series_names(), value=series_names()[0],
                        description="Series:", style=label_style, layout=w.Layout(width="auto"))
    start, end = year_menus(FIRST_YEAR, LAST_YEAR, FIRST_YEAR, LAST_YEAR)
    return panel(lambda series, start, end: view(series, (start, end), reuse=slots),
                 {"series": series, "start": start, "end": end},
                 title="Indicator explorer: Mali, China and Chinese finance",
                 help_text="Choose a series and a range of years. "
                           "Grey shading marks Mali's crisis years, 2012 onward.")
