"""Lesson 01 charts: the development-security nexus.

* :func:`nexus_instruments_by_lens` - how many of the instruments named in the brief fall
  under each lens (military, development, governance), observed vs recommended.
* :func:`nexus_china_peacekeepers` - China's UN peacekeeping personnel 1990-2021, with the
  two measures of the ``peacekeepers_p5`` table kept apart and partial and suspect years marked.
* :func:`nexus_p5_glance` - the five permanent members in one year and one measure (a
  glance; lesson 04 goes deeper).

Each function takes the table as loaded by ``nexus.data.load`` and returns a Figure with a
text alternative computed from the data.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from nexus.charts import MARKERS, OKABE_ITO, _style, finish, new_figure
from nexus.charts.motivations import years_text

__all__ = ["nexus_instruments_by_lens", "nexus_china_peacekeepers", "nexus_p5_glance"]

#: The three lenses of the triad, in the order the suite uses.
LENSES = ["military", "development", "governance"]
SNAPSHOT = "December snapshot"
MARCH = "March snapshot"
ANNUAL = "annual mean of monthly reports"
REC = "(recommendation)"


def _fmt(n) -> str:
    return f"{int(round(n)):,}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def lens_counts(instruments: pd.DataFrame) -> pd.DataFrame:
    """Instruments per lens, split into observed and recommended (rows in LENSES order).

    >>> from nexus import data
    >>> lens_counts(data.load("brief_instruments")).loc["governance"].tolist()
    [1, 2, 3]
    """
    recommended = instruments["instrument"].astype(str).str.contains(REC, regex=False)
    lens = instruments["lens"].astype(str)
    out = pd.DataFrame({
        "observed": [int(((lens == k) & ~recommended).sum()) for k in LENSES],
        "recommended": [int(((lens == k) & recommended).sum()) for k in LENSES],
    }, index=pd.Index(LENSES, name="lens"))
    out["total"] = out["observed"] + out["recommended"]
    return out


def nexus_instruments_by_lens(instruments: pd.DataFrame) -> Figure:
    """Horizontal stacked bars: instruments named in the brief per lens.

    ``instruments`` is the ``brief_instruments`` table. Solid bars are instruments the brief
    observes; hatched bars are tools it recommends (names ending '(recommendation)').
    """
    counts = lens_counts(instruments)
    fig, ax = new_figure(height=3.6)
    y = list(range(len(LENSES)))[::-1]  # military on top
    with _style():
        ax.barh(y, counts["observed"], color=OKABE_ITO["blue"], edgecolor="black", height=0.6,
                label="observed in the brief")
        ax.barh(y, counts["recommended"], left=counts["observed"], color="white",
                edgecolor=OKABE_ITO["vermillion"], hatch="///", height=0.6, linewidth=1.2,
                label="recommended by the brief")
        for yy, (_lens, row) in zip(y, counts.iterrows(), strict=True):
            ax.text(row["total"] + 0.15, yy, f"{row['total']}  ({row['observed']} observed, "
                    f"{row['recommended']} recommended)", va="center", fontsize=9)
        ax.set_yticks(y, [k.capitalize() for k in LENSES])
        ax.set_xlim(0, max(counts["total"].max(), 1) * 1.6)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right")
    parts = [f"{k}: {_plural(int(r['total']), 'instrument')} ({r['observed']} observed, "
             f"{r['recommended']} recommended)" for k, r in counts.iterrows()]
    top = counts["total"].idxmax()
    alt = (f"Horizontal bar chart of the {len(instruments)} engagement instruments named in the brief, "
           f"by the lens the suite assigns. " + "; ".join(parts) + ". "
           f"{top.capitalize()} has the most instruments; "
           f"governance has {_plural(int(counts.loc['governance', 'total']), 'instrument')}, "
           f"{counts.loc['governance', 'recommended']} of them only recommended.")
    return finish(fig, ax, title="Instruments named in the brief, by lens",
                  xlabel="Number of instruments (rows of brief_instruments)", ylabel="Lens",
                  tables="brief_instruments", alt=alt)


def _china(p5: pd.DataFrame, measure: str) -> pd.DataFrame:
    rows = p5[(p5["country"].astype(str) == "China") & (p5["measure"].astype(str) == measure)]
    cols = ["year", "personnel", "partial_year"] + (["suspect_year"] if "suspect_year" in rows else [])
    out = rows.sort_values("year")[cols].reset_index(drop=True)
    if "suspect_year" not in out:
        out["suspect_year"] = False
    return out


def nexus_china_peacekeepers(p5: pd.DataFrame, milestones: dict | None = None) -> Figure:
    """China's uniformed UN peacekeepers, 1990-2021: two measures, partial and suspect years marked.

    ``p5`` is the ``peacekeepers_p5`` table. December snapshots (IPI, 1990-2013) are a solid
    blue line with circles; the March 2014 snapshot is a hollow circle; annual means of the
    monthly reports (UN, 2011-2021) are a dashed orange line with squares, broken at partial
    years (2017, 2021) and at suspect years (2011-2013, months missing for some countries),
    which are drawn as hollow squares. ``milestones`` maps a year to a short label.
    """
    dec, mar, ann = _china(p5, SNAPSHOT), _china(p5, MARCH), _china(p5, ANNUAL)
    ann["suspect_year"] = ann["suspect_year"].astype(bool) & ~ann["partial_year"].astype(bool)
    unreliable = ann["partial_year"].astype(bool) | ann["suspect_year"]
    full = ann[~unreliable]
    partial = ann[ann["partial_year"]]
    suspect = ann[ann["suspect_year"]]
    # the annual-mean line breaks at partial and suspect years instead of diving to them
    ann_line = ann["personnel"].astype(float).where(~unreliable)
    fig, ax = new_figure(height=4.8)
    blue, orange = OKABE_ITO["blue"], OKABE_ITO["orange"]
    with _style():
        ax.plot(dec["year"], dec["personnel"], color=blue, marker=MARKERS[0], markersize=4,
                linewidth=1.8, label="December snapshot (IPI), 1990-2013")
        if len(mar):
            ax.plot(mar["year"], mar["personnel"], linestyle="none", marker=MARKERS[0], markersize=8,
                    markerfacecolor="white", markeredgecolor=blue, markeredgewidth=1.6,
                    label="March 2014 snapshot (not December)")
        ax.plot(ann["year"], ann_line, color=orange, marker=MARKERS[1], markersize=5,
                linewidth=1.8, linestyle="--", label="Annual mean of monthly reports (UN), 2011-2021")
        if len(partial):
            ax.plot(partial["year"], partial["personnel"], linestyle="none", marker=MARKERS[1],
                    markersize=8, markerfacecolor="white", markeredgecolor=orange,
                    markeredgewidth=1.6, label="Partial year: months missing, understated")
        if len(suspect):
            ax.plot(suspect["year"], suspect["personnel"], linestyle="none", marker=MARKERS[3],
                    markersize=7, markerfacecolor="white", markeredgecolor=orange,
                    markeredgewidth=1.6, label="Suspect year: some countries' months missing, understated")
            low = suspect.loc[suspect["personnel"].idxmin()]
            ax.annotate(f"{years_text(suspect['year'])}:\nsuspect means", (low["year"], low["personnel"]),
                        xytext=(-9, 0), textcoords="offset points", ha="right", va="center", fontsize=8,
                        color="#333333", bbox={"facecolor": "white", "edgecolor": "none",
                                               "alpha": 0.9, "pad": 1})
            last = ann["year"].max()
            for _, r in partial.iterrows():
                right = r["year"] == last  # keep the last label inside the axes
                ax.annotate(f"{int(r['year'])}: partial year", (r["year"], r["personnel"]),
                            xytext=(-8 if right else 8, 6), textcoords="offset points",
                            ha="right" if right else "left", va="bottom", fontsize=8,
                            color="#333333", bbox={"facecolor": "white", "edgecolor": "none",
                                                   "alpha": 0.9, "pad": 1})
        top = max(dec["personnel"].max(), ann["personnel"].max(), 1)
        for year, label in sorted((milestones or {}).items()):
            ax.axvline(year, color=OKABE_ITO["grey"], linestyle=":", linewidth=1.2, zorder=1)
            ax.text(year - 0.25, top * 0.03, label, rotation=90, ha="right", va="bottom", fontsize=8,
                    color="#222222", bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1})
        ax.set_ylim(0, top * 1.15)
        ax.set_xlim(1989, 2022)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(loc="upper left", fontsize=8)
    first = dec.iloc[0]
    dec_peak = dec.loc[dec["personnel"].idxmax()]
    peak = full.loc[full["personnel"].idxmax()] if len(full) else None
    alt = (f"Line chart of China's uniformed personnel in UN peacekeeping. December snapshots run from "
           f"{int(first['year'])} ({_fmt(first['personnel'])}) to {int(dec.iloc[-1]['year'])} "
           f"({_fmt(dec.iloc[-1]['personnel'])})")
    alt += f"; the highest December value is {_fmt(dec_peak['personnel'])}, in {int(dec_peak['year'])}"
    alt += ". "
    if len(mar):
        alt += f"A March {int(mar.iloc[0]['year'])} snapshot shows {_fmt(mar.iloc[0]['personnel'])}. "
    if peak is not None:
        alt += (f"Annual means of the monthly reports run from {int(ann.iloc[0]['year'])} to "
                f"{int(ann.iloc[-1]['year'])}; among full years the highest is "
                f"{_fmt(peak['personnel'])} in {int(peak['year'])}. ")
    if len(partial):
        alt += ("Partial years are hollow markers and not joined to the line: "
                + "; ".join(f"{int(r['year'])} ({_fmt(r['personnel'])}, months missing)"
                            for _, r in partial.iterrows()) + ". ")
    if len(suspect):
        alt += (f"The means of {years_text(suspect['year'])} are suspect (months missing for some "
                f"countries, so understated): hollow markers, not joined to the line. ")
    # compare the measures only where both are complete: a snapshot against a full-year mean
    snaps = pd.concat([dec, mar])
    both = sorted(set(snaps["year"]) & set(full["year"]))
    if both:
        y = both[-1]
        which = "December" if y in set(dec["year"]) else "March"
        alt += (f"Where both measures are complete, in {y}, the {which} snapshot shows "
                f"{_fmt(snaps.loc[snaps.year == y, 'personnel'].iloc[0])} against an annual mean of "
                f"{_fmt(full.loc[full.year == y, 'personnel'].iloc[0])}.")
    if milestones:
        alt += " Dotted lines mark: " + "; ".join(f"{y}: {lab}" for y, lab in sorted(milestones.items())) + "."
    return finish(fig, ax, title="China's UN peacekeepers, 1990-2021: two measures",
                  xlabel="Year", ylabel="Uniformed personnel (troops, police, experts)",
                  tables="peacekeepers_p5", alt=alt)


def nexus_p5_glance(p5: pd.DataFrame, year: int = 2013, measure: str = SNAPSHOT) -> Figure:
    """Horizontal bars: the five permanent members' UN personnel in one year and one measure.

    China's bar is hatched so that it stands out without colour. Raises ``ValueError`` when the
    table has no rows for that year and measure.
    """
    rows = p5[(p5["year"] == year) & (p5["measure"].astype(str) == measure)].copy()
    if rows.empty:
        raise ValueError(f"no {measure} rows for {year}")
    rows["country"] = rows["country"].astype(str)
    rows = rows.sort_values("personnel", ascending=True).reset_index(drop=True)
    fig, ax = new_figure(height=3.4)
    with _style():
        for i, r in rows.iterrows():
            china = r["country"] == "China"
            ax.barh(i, r["personnel"], height=0.6, edgecolor="black",
                    color=OKABE_ITO["vermillion"] if china else OKABE_ITO["sky_blue"],
                    hatch="xx" if china else None)
            ax.text(r["personnel"] + rows["personnel"].max() * 0.01, i, _fmt(r["personnel"]),
                    va="center", fontsize=9)
        ax.set_yticks(range(len(rows)), rows["country"].tolist())
        ax.set_xlim(0, rows["personnel"].max() * 1.15)
        ax.grid(axis="y", visible=False)
        ax.legend(handles=[Patch(facecolor=OKABE_ITO["vermillion"], hatch="xx", edgecolor="black",
                                 label="China"),
                           Patch(facecolor=OKABE_ITO["sky_blue"], edgecolor="black",
                                 label="other permanent members")], loc="lower right")
    ranked = rows.iloc[::-1]
    rank = int(ranked["country"].tolist().index("China")) + 1 if "China" in set(rows["country"]) else None
    partial = " (a partial year: understated)" if bool(rows["partial_year"].any()) else ""
    if not partial and "suspect_year" in rows and bool(rows["suspect_year"].any()):
        partial = " (a suspect year: months missing for some countries, understated)"
    alt = (f"Horizontal bar chart of UN uniformed personnel of the five permanent members, {measure}, "
           f"{year}{partial}: " + "; ".join(f"{r['country']} {_fmt(r['personnel'])}"
                                            for _, r in ranked.iterrows()) + ".")
    if rank:
        alt += f" China ranks {rank} of {len(rows)}."
    what = "December" if measure == SNAPSHOT else ("March" if measure == MARCH else "annual mean,")
    return finish(fig, ax, title=f"Permanent members' UN peacekeepers, {what} {year}",
                  xlabel="Uniformed personnel (troops, police, experts)", ylabel="",
                  tables="peacekeepers_p5", alt=alt)
