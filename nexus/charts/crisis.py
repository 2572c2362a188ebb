"""Lesson 03 charts: Mali's crisis and the international response.

* :func:`crisis_deaths_by_type` - deaths per year by type of violence, Mali-only rows (UCDP v23.1);
* :func:`crisis_fatalities_by_region` - ACLED fatalities per year, by region (2017-2020);
* :func:`crisis_region_ranking` - regions ranked for one year and one measure (ACLED);
* :func:`crisis_minusma_strength` - MINUSMA uniformed strength per month (IPI/UN);
* :func:`crisis_minusma_fatalities` - MINUSMA fatalities per year by cause (UN);
* :func:`crisis_deaths_with_events` - deaths per year with the timeline's events marked.

Data helpers (not charts): :func:`mali_only_totals`, :data:`ZONES`, :data:`MEASURES`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from nexus.charts import OKABE_ITO, _style, computed_once, finish, new_figure, remembered

__all__ = ["crisis_deaths_by_type", "crisis_fatalities_by_region", "crisis_region_ranking",
           "crisis_minusma_strength", "crisis_minusma_fatalities", "crisis_deaths_with_events"]

TYPES = ["state-based", "non-state", "one-sided"]
TYPE_STYLE = {"state-based": (OKABE_ITO["blue"], ""),
              "non-state": (OKABE_ITO["orange"], "//"),
              "one-sided": (OKABE_ITO["bluish_green"], "..")}

#: The suite's grouping of ACLED regions (Mali's administrative regions) into three zones.
ZONES = {"Mopti": "centre", "Segou": "centre",
         "Gao": "north", "Kidal": "north", "Menaka": "north", "Tombouctou": "north",
         "Bamako": "south and Bamako", "Kayes": "south and Bamako",
         "Koulikoro": "south and Bamako", "Sikasso": "south and Bamako"}
ZONE_STYLE = {"centre": (OKABE_ITO["vermillion"], "//"),
              "north": (OKABE_ITO["blue"], ""),
              "south and Bamako": (OKABE_ITO["grey"], "..")}

#: Measures of the ACLED table: label -> column.
MEASURES = {"events": "pv_events",
            "fatalities": "pv_fatalities",
            "fatalities in violence against civilians": "vac_fatalities"}
MEASURE_UNITS = {"events": "political-violence events",
                 "fatalities": "reported fatalities",
                 "fatalities in violence against civilians": "reported fatalities"}

CAUSE_STYLE = {"Malicious Act": (OKABE_ITO["vermillion"], "xx"),
               "Illness": (OKABE_ITO["sky_blue"], ""),
               "Accident": (OKABE_ITO["orange"], "//"),
               "To Be Determined": (OKABE_ITO["grey"], ".."),
               "Unknown": (OKABE_ITO["black"], "")}

CATEGORY_STYLE = {"crisis": (OKABE_ITO["vermillion"], "o"),
                  "international response": (OKABE_ITO["blue"], "s"),
                  "china": (OKABE_ITO["bluish_green"], "^"),
                  "diplomacy": (OKABE_ITO["reddish_purple"], "D")}


def _fmt(n) -> str:
    return f"{int(round(n)):,}"


def _thousands(ax, axis="y"):
    fmt = FuncFormatter(lambda v, _pos: f"{int(v):,}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


@computed_once
def mali_only_totals(deaths_by_type: pd.DataFrame) -> pd.DataFrame:
    """Deaths per year from the Mali-only rows of ``conflict_deaths_by_type`` (all three types).

    Multi-country rows are left out: they cannot be attributed to Mali alone.
    Returns columns ``year`` and ``deaths``.
    """
    rows = deaths_by_type[deaths_by_type["scope"].astype(str) == "Mali only"]
    out = rows.groupby("year", as_index=False, observed=True)["deaths_best"].sum()
    out = out.rename(columns={"deaths_best": "deaths"}).sort_values("year").reset_index(drop=True)
    out["year"] = out["year"].astype("int64")
    out["deaths"] = out["deaths"].astype("int64")
    return out


def _by_type(deaths_by_type: pd.DataFrame) -> pd.DataFrame:
    rows = deaths_by_type[deaths_by_type["scope"].astype(str) == "Mali only"].copy()
    rows["violence_type"] = rows["violence_type"].astype(str)
    wide = rows.pivot_table(index="year", columns="violence_type", values="deaths_best",
                            aggfunc="sum", observed=True)
    return wide.reindex(columns=TYPES).fillna(0).astype("int64")


def crisis_deaths_by_type(deaths_by_type: pd.DataFrame, mark_year: int | None = 2018) -> Figure:
    """Stacked bars: deaths per year in Mali by type of organised violence (Mali-only rows).

    ``deaths_by_type`` is the ``conflict_deaths_by_type`` table. ``mark_year`` draws a
    dashed line at the start of that year (the brief's "especially since 2018").
    """
    wide = _by_type(deaths_by_type)
    years = wide.index.to_numpy()
    fig, ax = new_figure()
    with _style():
        bottom = np.zeros(len(years))
        for kind in TYPES:
            colour, hatch = TYPE_STYLE[kind]
            values = wide[kind].to_numpy()
            ax.bar(years, values, bottom=bottom, width=0.8, color=colour, hatch=hatch,
                   edgecolor="white", linewidth=0.5, label=kind)
            bottom = bottom + values
        top = bottom.max() if len(bottom) else 1
        if mark_year is not None and len(years) and years.min() <= mark_year <= years.max():
            ax.axvline(mark_year - 0.5, color=OKABE_ITO["black"], linestyle="--", linewidth=1.1)
            ax.text(mark_year - 0.4, top * 0.78, f"{mark_year}: 'especially since\n{mark_year}' (brief)",
                    ha="left", va="top", fontsize=8,
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1})
        ax.set_ylim(0, top * 1.08)
        ax.set_xlim(years.min() - 0.6, years.max() + 0.6)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        _thousands(ax)
        ax.legend(title="Type of violence", loc="upper left", fontsize=8, title_fontsize=8)
    totals = dict(zip(years.tolist(), bottom.astype(int).tolist(), strict=True))
    peak = max(totals, key=totals.get)
    with_deaths = wide[wide.sum(axis=1) > 0]
    if len(with_deaths) and (with_deaths.idxmax(axis=1) == "state-based").all():
        largest = "State-based violence is the largest type in every year with deaths. "
    else:
        largest = ""
    parts = [f"{y}: {_fmt(v)}" for y, v in totals.items()]
    multi = deaths_by_type[deaths_by_type["scope"].astype(str) != "Mali only"]["deaths_best"].sum()
    alt = (f"Stacked bar chart of deaths in organised violence in Mali per year, {years.min()} to "
           f"{years.max()}, by type (state-based, non-state, one-sided), Mali-only rows. "
           f"Totals per year: {'; '.join(parts)}. The highest total is {_fmt(totals[peak])}, in {peak}. "
           f"{largest}"
           f"Multi-country rows ({_fmt(multi)} deaths over all years) are left out because they "
           f"cannot be attributed to Mali alone.")
    if mark_year is not None:
        alt += f" A dashed line marks the start of {mark_year}."
    return finish(fig, ax, title="Deaths in organised violence in Mali by type, per year",
                  xlabel="Year", ylabel="Deaths (UCDP best estimate)",
                  tables="conflict_deaths_by_type", alt=alt)


def _region_order(table: pd.DataFrame) -> list[str]:
    totals = table.groupby(table["region"].astype(str))["pv_fatalities"].sum()
    return totals.sort_values(ascending=False, kind="mergesort").index.tolist()


def crisis_fatalities_by_region(violence: pd.DataFrame) -> Figure:
    """Stacked bars: ACLED reported fatalities per year, one segment per region.

    Regions of the centre (Mopti, Segou) are hatched and stacked at the bottom so the
    shift of violence from the north to the centre shows; the south is grouped.
    """
    v = violence.copy()
    v["region"] = v["region"].astype(str)
    years = sorted(v["year"].astype(int).unique())
    wide = v.pivot_table(index="year", columns="region", values="pv_fatalities", aggfunc="sum",
                         observed=True).reindex(years).fillna(0)
    order = _region_order(v)
    centre = [r for r in order if ZONES.get(r) == "centre"]
    north = [r for r in order if ZONES.get(r) == "north"]
    south = [r for r in order if ZONES.get(r) not in ("centre", "north")]
    series = [(r, wide[r]) for r in centre + north]
    if south:
        series.append((f"South and Bamako ({len(south)} regions)", wide[south].sum(axis=1)))
    styles = {"Mopti": (OKABE_ITO["vermillion"], "//"), "Segou": (OKABE_ITO["orange"], "\\\\"),
              "Gao": (OKABE_ITO["blue"], ""), "Menaka": (OKABE_ITO["sky_blue"], ""),
              "Tombouctou": (OKABE_ITO["bluish_green"], ""), "Kidal": (OKABE_ITO["reddish_purple"], "")}
    fig, ax = new_figure(height=5.0)
    with _style():
        bottom = np.zeros(len(years))
        for name, values in series:
            colour, hatch = styles.get(name, (OKABE_ITO["grey"], ".."))
            vals = values.to_numpy(dtype=float)
            ax.bar(years, vals, bottom=bottom, width=0.6, color=colour, hatch=hatch,
                   edgecolor="white", linewidth=0.6, label=name)
            bottom = bottom + vals
        for x, total in zip(years, bottom, strict=True):
            ax.text(x, total, f"{_fmt(total)}", ha="center", va="bottom", fontsize=8)
        ax.set_xticks(years)
        ax.set_xlim(min(years) - 0.6, max(years) + 0.6)
        ax.set_ylim(0, bottom.max() * 1.08)
        _thousands(ax)
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], labels[::-1], title="Region\n(top of stack first)", loc="upper left",
                  bbox_to_anchor=(1.01, 1.0), fontsize=8, title_fontsize=8, alignment="left")
    total = dict(zip(years, bottom, strict=True))
    share = {y: (wide.loc[y, centre].sum() / total[y] * 100 if total[y] else 0.0) for y in years}
    north_share = {y: (wide.loc[y, north].sum() / total[y] * 100 if total[y] else 0.0) for y in years}
    alt = (f"Stacked bar chart of reported fatalities in political violence in Mali per year, "
           f"{years[0]} to {years[-1]}, by region (ACLED). Totals: "
           + "; ".join(f"{y}: {_fmt(total[y])}" for y in years) + ". "
           "The centre (Mopti and Segou, hatched, at the bottom) accounts for "
           + ", ".join(f"{share[y]:.0f}% in {y}" for y in years)
           + "; the northern regions (Gao, Menaka, Tombouctou, Kidal) for "
           + ", ".join(f"{north_share[y]:.0f}% in {y}" for y in years) + ". "
           "Mopti has the most fatalities in every year.")
    return finish(fig, ax, title="Where the violence is: fatalities by region, per year",
                  xlabel="Year", ylabel="Reported fatalities (ACLED)",
                  tables="violence_by_region", alt=alt)


@computed_once
def region_ranking_table(violence: pd.DataFrame, year: int, measure: str = "fatalities") -> pd.DataFrame:
    """Regions ranked by ``measure`` in ``year``: rank, region, zone, value, share of the year (%)."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {list(MEASURES)}")
    col = MEASURES[measure]
    rows = violence[violence["year"].astype(int) == int(year)].copy()
    rows["region"] = rows["region"].astype(str)
    rows = rows.sort_values([col, "region"], ascending=[False, True], kind="mergesort")
    total = rows[col].sum()
    out = pd.DataFrame({
        "rank": np.arange(1, len(rows) + 1, dtype="int64"),
        "region": rows["region"].to_numpy(),
        "zone": [ZONES.get(r, "") for r in rows["region"]],
        measure: rows[col].astype("int64").to_numpy(),
        "share of year (%)": (rows[col].to_numpy() / total * 100).round(1) if total else 0.0,
    })
    return out


@remembered
def crisis_region_ranking(violence: pd.DataFrame, year: int, measure: str = "fatalities", *,
                          reuse: Figure | None = None) -> Figure:
    """Horizontal bars: the regions of Mali ranked by ``measure`` in ``year`` (ACLED)."""
    ranked = region_ranking_table(violence, year, measure)
    fig, ax = new_figure(height=4.6, reuse=reuse)
    with _style():
        ys = np.arange(len(ranked))[::-1]
        for y, (_, row) in zip(ys, ranked.iterrows(), strict=True):
            colour, hatch = ZONE_STYLE.get(row["zone"], (OKABE_ITO["grey"], ""))
            ax.barh(y, row[measure], color=colour, hatch=hatch, edgecolor="white", height=0.7)
            ax.text(row[measure], y, f" {_fmt(row[measure])} ({row['share of year (%)']:.0f}%)",
                    va="center", ha="left", fontsize=8)
        ax.set_yticks(ys, ranked["region"].tolist())
        top = ranked[measure].max() if len(ranked) else 1
        ax.set_xlim(0, max(top, 1) * 1.22)
        ax.grid(axis="y", visible=False)
        _thousands(ax, "x")
        present = list(dict.fromkeys(ranked["zone"]))
        ax.legend(handles=[Patch(facecolor=ZONE_STYLE[z][0], hatch=ZONE_STYLE[z][1], edgecolor="white",
                                 label=z) for z in ZONE_STYLE if z in present],
                  title="Zone", loc="lower right", fontsize=8, title_fontsize=8)
    missing = sorted(set(ZONES) - set(ranked["region"]))
    if len(ranked):
        first = ranked.iloc[0]
        centre = ranked.loc[ranked["zone"] == "centre", "share of year (%)"].sum()
        alt = (f"Horizontal bar chart of {measure} in {year} by region of Mali, largest first (ACLED). "
               f"{first['region']} ranks first with {_fmt(first[measure])} "
               f"({first['share of year (%)']:.0f}% of the year's total of {_fmt(ranked[measure].sum())}). "
               "Order: " + ", ".join(f"{r} {_fmt(v)}" for r, v in zip(ranked["region"], ranked[measure], strict=True))
               + f". Mopti and Segou together: {centre:.0f}%.")
    else:
        alt = f"No ACLED rows for {year}."
    if missing:
        alt += f" No row for {', '.join(missing)} in {year} (no events in the export)."
    return finish(fig, ax, title=f"Regions of Mali ranked by {measure}, {year}",
                  xlabel=f"{measure.capitalize()} ({MEASURE_UNITS[measure]}, ACLED)", ylabel="Region",
                  tables="violence_by_region", alt=alt)


def crisis_minusma_strength(strength: pd.DataFrame, annual: pd.DataFrame | None = None,
                            claim: int = 13000) -> Figure:
    """MINUSMA uniformed personnel per month (total and troops), with the brief's 13,000 marked.

    ``strength`` is ``minusma_strength``; the missing November 2016 report leaves a gap
    (never interpolated). ``annual`` (optional) is ``china_minusma``: its full-year annual
    means of MINUSMA's total are added as separate markers.
    """
    s = strength.sort_values("date").set_index("date")
    months = pd.date_range(s.index.min(), s.index.max(), freq="ME")
    full = s.reindex(months)
    gaps = [d for d in months if d not in s.index]
    fig, ax = new_figure()
    with _style():
        ax.plot(full.index, full["total"].astype(float), marker="o", markersize=3,
                color=OKABE_ITO["blue"], label="Total uniformed (troops + police + experts), monthly")
        ax.plot(full.index, full["troops"].astype(float), marker="s", markersize=3, linestyle="-",
                color=OKABE_ITO["orange"], label="Troops only, monthly")
        for d in gaps:
            ax.axvspan(d - pd.Timedelta(days=30), d, color=OKABE_ITO["grey"], alpha=0.3, linewidth=0)
            ax.annotate(f"{d:%b %Y}: no report\nin the source", xy=(d - pd.Timedelta(days=15), 10000),
                        xytext=(d - pd.Timedelta(days=400), 7600), fontsize=8, ha="center",
                        arrowprops={"arrowstyle": "->", "color": "#444444"})
        ax.axhline(claim, color=OKABE_ITO["black"], linestyle=":", linewidth=1.2)
        ax.text(s.index.min(), claim + 150, f"{_fmt(claim)}: the brief's 'well over 13,000' (2020)",
                fontsize=8, va="bottom")
        means = None
        if annual is not None:
            a = annual[(annual["measure"].astype(str) == "annual mean of monthly reports")
                       & (~annual["partial_year"].astype(bool)) & (annual["year"].astype(int) >= 2014)]
            if "suspect_year" in a.columns:
                a = a[~a["suspect_year"].astype(bool)]
            means = a[["year", "minusma_personnel"]].astype("int64")
            xs = pd.to_datetime([f"{y}-07-01" for y in means["year"]])
            ax.plot(xs, means["minusma_personnel"], linestyle="none", marker="D", markersize=6,
                    color=OKABE_ITO["bluish_green"], label="Total uniformed, annual mean (UN open data)")
        ax.set_ylim(0, 16000)
        _thousands(ax)
        ax.legend(loc="lower right", fontsize=8)
    peak = s["total"].idxmax()
    peak_troops = s["troops"].idxmax()
    alt = (f"Line chart of MINUSMA's uniformed personnel per month from {s.index.min():%B %Y} to "
           f"{s.index.max():%B %Y}. The total rises from {_fmt(s['total'].iloc[0])} to a peak of "
           f"{_fmt(s.loc[peak, 'total'])} in {peak:%B %Y}; troops alone peak at "
           f"{_fmt(s.loc[peak_troops, 'troops'])} in {peak_troops:%B %Y}. No month in this series "
           f"reaches {_fmt(claim)} (dotted line). ")
    if gaps:
        alt += "The source has no report for " + ", ".join(f"{d:%B %Y}" for d in gaps) + " (a gap, shaded). "
    if means is not None and len(means):
        alt += ("Diamonds: annual means of the total from UN open data, "
                + "; ".join(f"{y}: {_fmt(v)}" for y, v in zip(means["year"], means["minusma_personnel"], strict=True))
                + ".")
    tables = ["minusma_strength"] + (["china_minusma"] if annual is not None else [])
    return finish(fig, ax, title="MINUSMA's uniformed strength", xlabel="Month (end of month report)",
                  ylabel="Personnel", tables=tables, alt=alt)


def crisis_minusma_fatalities(fatalities: pd.DataFrame, partial=(2013, 2023)) -> Figure:
    """Stacked bars: MINUSMA fatalities per year by cause; partial mission years labelled."""
    f = fatalities.copy()
    f["cause"] = f["cause"].astype(str)
    wide = f.pivot_table(index="year", columns="cause", values="fatalities", aggfunc="sum",
                         observed=True).fillna(0)
    causes = [c for c in CAUSE_STYLE if c in wide.columns and wide[c].sum() > 0]
    years = wide.index.to_numpy().astype(int)
    fig, ax = new_figure()
    with _style():
        bottom = np.zeros(len(years))
        for c in causes:
            colour, hatch = CAUSE_STYLE[c]
            vals = wide[c].to_numpy(dtype=float)
            ax.bar(years, vals, bottom=bottom, width=0.75, color=colour, hatch=hatch,
                   edgecolor="white", linewidth=0.5, label=c)
            bottom = bottom + vals
        for x, t in zip(years, bottom, strict=True):
            label = f"{int(t)}" + ("\npartial\nyear" if x in partial else "")
            ax.text(x, t + 0.5, label, ha="center", va="bottom", fontsize=8)
        ax.set_xticks(years)
        ax.set_ylim(0, bottom.max() * 1.3)
        ax.legend(title="Cause (UN coding)", loc="upper right", fontsize=8, title_fontsize=8, ncols=2)
    totals = dict(zip(years.tolist(), bottom.astype(int).tolist(), strict=True))
    mal = (dict(zip(years.tolist(), wide["Malicious Act"].astype(int).tolist(), strict=True))
           if "Malicious Act" in wide else {})
    peak = max(totals, key=totals.get)
    alt = (f"Stacked bar chart of MINUSMA fatalities per year, {years.min()} to {years.max()}, by cause. "
           "Totals: " + "; ".join(f"{y}: {v}" for y, v in totals.items()) + ". "
           f"The most deaths were in {peak} ({totals[peak]}). ")
    if mal:
        mpeak = max(mal, key=mal.get)
        alt += (f"Malicious acts (hostile attacks) cause the most deaths in most years, "
                f"peaking at {mal[mpeak]} in {mpeak}. ")
    alt += ("The years " + " and ".join(str(p) for p in partial)
            + " are partial mission years (MINUSMA deployed in July 2013; its mandate ended in 2023).")
    return finish(fig, ax, title="MINUSMA fatalities per year, by cause", xlabel="Year (of incident)",
                  ylabel="Fatalities (people)", tables="minusma_fatalities", alt=alt)


def _decimal_year(date: pd.Timestamp) -> float:
    start = pd.Timestamp(year=date.year, month=1, day=1)
    days = 366 if date.is_leap_year else 365
    return date.year + (date - start).days / days


def _span(date: pd.Timestamp, precision: str) -> tuple[float, float]:
    """Start and end of an event as decimal years (a period for month/year precision)."""
    x0 = _decimal_year(date)
    if precision == "year":
        return x0, x0 + 1
    if precision == "month":
        return x0, _decimal_year(date + pd.offsets.MonthBegin(1))
    return x0, x0


@remembered
def crisis_deaths_with_events(deaths_by_type: pd.DataFrame, events: pd.DataFrame,
                              start: int, end: int, *, reuse: Figure | None = None) -> Figure:
    """Deaths per year (Mali-only rows, UCDP v23.1) from ``start`` to ``end``, with events marked.

    ``events`` is a selection of ``brief_timeline`` with a ``#`` column (the label drawn on
    the chart) - as made by ``nexus.widgets.timeline_explorer.events_in_range``. Each event
    sits in the lane of its category, at its date; events dated only by month or year are
    drawn as periods (a bar across the month or year). Hollow markers: dated by the brief.
    """
    totals = mali_only_totals(deaths_by_type)
    totals = totals[(totals["year"] >= start) & (totals["year"] <= end)]
    fig, (ax, lanes) = _two_panels(reuse)
    years = totals["year"].to_numpy()
    values = totals["deaths"].to_numpy()
    with _style():
        ax.bar(years + 0.5, values, width=0.85, color=OKABE_ITO["sky_blue"], edgecolor=OKABE_ITO["blue"],
               linewidth=0.8)
        for x, v in zip(years, values, strict=True):
            ax.text(x + 0.5, v, _fmt(v), ha="center", va="bottom", fontsize=8)
        top = values.max() if len(values) else 1
        ax.set_ylim(0, max(top, 1) * 1.18)
        _thousands(ax)
        ax.set_ylabel("Deaths (Mali only,\nUCDP v23.1)")
        cats = list(CATEGORY_STYLE)
        lane_of = {c: len(cats) - 1 - i for i, c in enumerate(cats)}
        last_x = {}
        periods, points = {}, {}  # one artist per category (periods) and per marker style
        for cat, date, precision, source, label in zip(events["category"].astype(str), events["date"],
                                                       events["date_precision"].astype(str),
                                                       events["from"].astype(str), events["#"], strict=True):
            y = lane_of.get(cat, 0)
            x0, x1 = _span(date, precision)
            x0, x1 = max(x0, start), min(x1, end + 1)
            if x1 > x0:
                periods.setdefault(cat, []).append([(x0, y), (x1, y)])
            points.setdefault((cat, source == "the brief"), []).append((x0, y))
            # alternate labels above and below when events crowd together in a lane
            prev = last_x.get(cat)
            above = not (prev is not None and x0 - prev[0] < 0.45 and prev[1])
            last_x[cat] = (x0, above)
            lanes.text(x0, y + (0.28 if above else -0.28), str(label), ha="center",
                       va="bottom" if above else "top", fontsize=7.5, color="#222222")
        for cat, segments in periods.items():
            colour = CATEGORY_STYLE.get(cat, (OKABE_ITO["black"], "o"))[0]
            lanes.add_collection(LineCollection(segments, colors=colour, linewidths=5, alpha=0.45,
                                                capstyle="butt"), autolim=False)
        for (cat, brief), xy in points.items():
            colour, marker = CATEGORY_STYLE.get(cat, (OKABE_ITO["black"], "o"))
            lanes.plot([x for x, _ in xy], [y for _, y in xy], marker=marker, markersize=7, color=colour,
                       linestyle="none", markerfacecolor="white" if brief else colour, markeredgewidth=1.5)
        lanes.set_yticks([lane_of[c] for c in cats], cats)
        lanes.set_ylim(-0.7, len(cats) - 0.3)
        lanes.set_xlim(start - 0.08, end + 1.08)
        ticks = list(range(start, end + 1))
        step = 1 if len(ticks) <= 12 else 2
        lanes.set_xticks([t + 0.5 for t in ticks[::step]], [str(t) for t in ticks[::step]])
        lanes.set_xticks(range(start, end + 2), minor=True)
        lanes.grid(axis="x", which="minor", color="#dddddd")
        lanes.grid(axis="x", which="major", visible=False)
        lanes.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=False)
        ax.tick_params(axis="x", labelbottom=False)
        handles = [Patch(facecolor="white", edgecolor="#444444", label="hollow marker: dated by the brief"),
                   Patch(facecolor="#444444", edgecolor="#444444", label="filled: outside source")]
        lanes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.32), ncols=2, fontsize=8)
    n = len(events)
    n_brief = int((events["from"].astype(str) == "the brief").sum()) if n else 0
    if len(values):
        peak = int(values.argmax())
        alt = (f"Two panels sharing a time axis from {start} to {end}. Top: bar chart of deaths in organised "
               f"violence in Mali per year (Mali-only rows, UCDP v23.1): "
               + "; ".join(f"{y}: {_fmt(v)}" for y, v in zip(years, values, strict=True))
               + f". The highest is {_fmt(values[peak])} in {years[peak]}. ")
    else:
        alt = f"Two panels from {start} to {end}; the deaths series has no years in this range. "
    alt += (f"Bottom: {n} event{'s' if n != 1 else ''} of the timeline in lanes by category, numbered as in "
            f"the table ({n_brief} dated by the brief, {n - n_brief} by outside sources).")
    fig = finish(fig, ax, title=f"Deaths per year and events, {start}-{end}", xlabel="",
                 ylabel="Deaths (Mali only,\nUCDP v23.1)",
                 tables=["conflict_deaths_by_type", "brief_timeline"], alt=alt)
    lanes.set_xlabel("Year (events at their date; bars across a month or year = dated only that precisely)")
    return fig


def _two_panels(reuse: Figure | None = None):
    if reuse is not None:
        from nexus.charts import clear_marks

        ax, lanes = clear_marks(reuse)
        return reuse, (ax, lanes)
    with _style():
        fig = Figure(figsize=(8.0, 5.8), layout="constrained")
        ax, lanes = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    return fig, (ax, lanes)
