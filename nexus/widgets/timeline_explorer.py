"""Lesson 03: the timeline explorer - events of Mali's crisis beside the deaths per year.

Logic:

* :func:`events_in_range` - the ``brief_timeline`` events from ``start`` to ``end`` (years,
  inclusive) of one category (or ``"all"``), numbered, with where each date comes from;
* :func:`summary` - one sentence on the selection;
* :func:`chart` - deaths per year (UCDP v23.1, Mali-only rows) with the events marked;
* :func:`view` - what the widget shows: summary, chart, table.

Shell: :func:`build` (two year menus, from and to, then category buttons).
"""

from __future__ import annotations

import re

import pandas as pd

from nexus import data
from nexus.charts import computed_once
from nexus.charts.crisis import crisis_deaths_with_events, mali_only_totals

ALL = "all"
CATEGORIES = [ALL, "crisis", "international response", "china", "diplomacy"]
COLUMNS = ["#", "date", "event", "category", "from", "source"]
FIRST_YEAR, LAST_YEAR = 2008, 2022  # the years of the deaths series
START, END = 2012, 2020  # what the widget shows first


def _date_label(date: pd.Timestamp, precision: str) -> str:
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return f"{date:%b %Y}"
    return f"{date.day} {date:%b %Y}"


def _short_source(source: str) -> str:
    """The citation without its web address(es): 'brief' becomes 'Benabdallah and Large (2020)'."""
    if source == "brief":
        return "Benabdallah and Large (2020)"
    return re.sub(r",?\s*https?://\S+", "", source).strip()


@computed_once
def events_in_range(timeline: pd.DataFrame, start: int, end: int, category: str = ALL) -> pd.DataFrame:
    """Timeline events dated from ``start`` to ``end`` (inclusive), in date order.

    ``#`` is the event's number in the whole timeline (T07 -> 7), the label used on the chart;
    ``from`` says whether the date comes from the brief or an outside source.
    """
    if category not in CATEGORIES:
        raise ValueError(f"category must be one of {CATEGORIES}")
    start, end = sorted((int(start), int(end)))
    years = timeline["date"].dt.year
    rows = timeline[(years >= start) & (years <= end)]
    if category != ALL:
        rows = rows[rows["category"].astype(str) == category]
    rows = rows.sort_values(["date", "id"], kind="mergesort")
    out = pd.DataFrame({
        "#": [int(i[1:]) for i in rows["id"]],
        "date": [_date_label(d, p) for d, p in zip(rows["date"], rows["date_precision"].astype(str), strict=True)],
        "event": rows["event"].astype(str).to_numpy(),
        "category": rows["category"].astype(str).to_numpy(),
        "from": ["the brief" if s == "brief" else "outside source" for s in rows["source"]],
        "source": [_short_source(str(s)) for s in rows["source"]],
    }, columns=COLUMNS)
    out["date_value"] = rows["date"].to_numpy()
    out["date_precision"] = rows["date_precision"].astype(str).to_numpy()
    return out.reset_index(drop=True)


def table(timeline: pd.DataFrame, start: int, end: int, category: str = ALL) -> pd.DataFrame:
    """The events as shown to the learner (without the helper columns), indexed by ``#``."""
    return events_in_range(timeline, start, end, category)[COLUMNS].set_index("#")


def summary(timeline: pd.DataFrame, deaths_by_type: pd.DataFrame, start: int, end: int,
            category: str = ALL) -> str:
    """One paragraph on the selection: how many events (and who dates them) and the deaths."""
    start, end = sorted((int(start), int(end)))
    ev = events_in_range(timeline, start, end, category)
    what = "events" if category == ALL else f"'{category}' events"
    span = f"{start}" if start == end else f"{start}-{end}"
    if ev.empty:
        text = f"{span}: no {what} in the timeline."
    else:
        n_brief = int((ev["from"] == "the brief").sum())
        noun = what if len(ev) != 1 else what[:-1]
        text = (f"{span}: {len(ev)} {noun}, {n_brief} dated by the brief and "
                f"{len(ev) - n_brief} by outside sources.")
    totals = mali_only_totals(deaths_by_type)
    totals = totals[(totals["year"] >= start) & (totals["year"] <= end)]
    if not totals.empty:
        peak = totals.loc[totals["deaths"].idxmax()]
        text += (f" Deaths in organised violence (UCDP v23.1, Mali only): {int(totals['deaths'].sum()):,} "
                 f"over these years; the deadliest year is {int(peak['year'])} with {int(peak['deaths']):,}.")
    return text


def chart(timeline: pd.DataFrame, deaths_by_type: pd.DataFrame, start: int, end: int, category: str = ALL,
          *, reuse=None):
    """The chart; ``reuse``: a widget's :class:`nexus.charts.FigureSlots`, whose figure is updated."""
    start, end = sorted((int(start), int(end)))
    ev = events_in_range(timeline, start, end, category).rename(columns={"date": "date_label"})
    ev = ev.rename(columns={"date_value": "date"})
    return crisis_deaths_with_events(deaths_by_type, ev, start, end, reuse=reuse)


def view(timeline: pd.DataFrame, deaths_by_type: pd.DataFrame, years=(START, END), category: str = ALL,
         *, reuse=None):
    """What the widget shows for a (start, end) year range and a category."""
    start, end = years
    return [f"**{summary(timeline, deaths_by_type, start, end, category)}**",
            chart(timeline, deaths_by_type, start, end, category, reuse=reuse),
            table(timeline, start, end, category)]


def build(timeline: pd.DataFrame | None = None, deaths_by_type: pd.DataFrame | None = None):
    """The explorer: two year menus and a kind of event over the chart, sentence and table."""
    import ipywidgets as w

    from nexus.widgets import label_style, panel, year_menus

    timeline = data.load("brief_timeline") if timeline is None else timeline
    from nexus.charts import FigureSlots

    deaths_by_type = data.load("conflict_deaths_by_type") if deaths_by_type is None else deaths_by_type
    slots = FigureSlots()  # the chart is updated for each new setting, not built again
    start, end = year_menus(FIRST_YEAR, LAST_YEAR, START, END)
    category = w.ToggleButtons(options=CATEGORIES, value=ALL, description="Kind of event:",
                               style={**label_style, "button_width": "auto"})
    return panel(lambda start, end, category: view(timeline, deaths_by_type, (start, end), category,
                                                   reuse=slots),
                 {"start": start, "end": end, "category": category},
                 title="Timeline explorer: events and deaths per year",
                 help_text="Choose the first and the last year; "
                           "pick a kind of event. The chart, the sentence and the table follow.")
