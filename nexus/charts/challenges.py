"""Lesson 05: does "Bamako-centred" show in the data?

The brief says China's approach in Mali is "Bamako-centered" (Benabdallah and
Large 2020). These functions set the suite's partial list of named Chinese
projects (``chinese_projects``) beside the places where political violence
killed people in 2017-2020 (``violence_by_region``, ACLED).

* :func:`challenges_region_table` - one row per ACLED region (named projects,
  fatalities 2017-2020, share of fatalities) and a last row for the projects
  that have no place ('national / not located');
* :func:`challenges_summary` - the same comparison in two sentences;
* :func:`challenges_projects_vs_fatalities` - two panels side by side;
* :func:`challenges_fatalities_heatmap` - fatalities by region and year, regions
  with named projects marked.

The project list is partial: none of these can settle whether China's engagement
as a whole is Bamako-centred.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap, PowerNorm
from matplotlib.figure import Figure

from nexus.charts import OKABE_ITO, _style, finish, new_figure

__all__ = ["challenges_region_table", "challenges_summary", "challenges_projects_vs_fatalities",
           "challenges_fatalities_heatmap"]

NOT_LOCATED = "national / not located"
_YEARS = (2017, 2020)


def _fmt(n) -> str:
    return f"{int(n):,}"


def challenges_region_table(projects: pd.DataFrame, violence: pd.DataFrame) -> pd.DataFrame:
    """Named projects and fatalities per region, most fatalities first.

    Columns: ``region``, ``named_projects`` (count of rows of ``chinese_projects``),
    ``fatalities_2017_2020`` (sum of ``pv_fatalities``), ``share_of_fatalities_pct``
    (per cent of all fatalities, one decimal). The last row is
    'national / not located': projects without a place, which have no fatalities.
    """
    v = violence[(violence["year"] >= _YEARS[0]) & (violence["year"] <= _YEARS[1])]
    fat = v.groupby("region", observed=True)["pv_fatalities"].sum()
    regions = sorted(fat.index, key=lambda r: (-int(fat[r]), r))
    counts = projects["region"].astype(str).value_counts()
    total = int(fat.sum())
    rows = [{"region": r,
             "named_projects": int(counts.get(r, 0)),
             "fatalities_2017_2020": int(fat[r]),
             "share_of_fatalities_pct": round(100 * int(fat[r]) / total, 1) if total else np.nan}
            for r in regions]
    extra = sorted(set(counts.index) - set(regions) - {NOT_LOCATED})  # located outside ACLED names
    rows += [{"region": r, "named_projects": int(counts[r]), "fatalities_2017_2020": None,
              "share_of_fatalities_pct": np.nan} for r in extra]
    rows.append({"region": NOT_LOCATED, "named_projects": int(counts.get(NOT_LOCATED, 0)),
                 "fatalities_2017_2020": None, "share_of_fatalities_pct": np.nan})
    table = pd.DataFrame(rows)
    table["named_projects"] = table["named_projects"].astype("int64")
    table["fatalities_2017_2020"] = table["fatalities_2017_2020"].astype("Int64")
    table["share_of_fatalities_pct"] = table["share_of_fatalities_pct"].astype("float64")
    return table


def challenges_summary(projects: pd.DataFrame, violence: pd.DataFrame) -> str:
    """Two sentences: where the named projects are, and where the fatalities are."""
    t = challenges_region_table(projects, violence)
    located = t[t["region"] != NOT_LOCATED]
    n_all = int(t["named_projects"].sum())
    n_loc = int(located["named_projects"].sum())
    n_none = n_all - n_loc
    with_p = located[located["named_projects"] > 0]
    without = located[(located["named_projects"] == 0) & located["fatalities_2017_2020"].notna()]
    fat_total = int(located["fatalities_2017_2020"].sum())
    where = ", ".join(f"{int(n)} in {r}" for r, n in
                      sorted(zip(with_p["region"], with_p["named_projects"], strict=True), key=lambda x: -x[1]))
    bam = located[located["region"] == "Bamako"]
    bam_n = int(bam["named_projects"].iloc[0]) if len(bam) else 0
    share = f"{round(100 * bam_n / n_loc)}%" if n_loc else "none"
    fat_without = int(without["fatalities_2017_2020"].sum())
    fat_with = int(with_p["fatalities_2017_2020"].fillna(0).sum())
    return (f"Of the {n_all} named projects, {n_none} have no place ({NOT_LOCATED}); of the "
            f"{n_loc} with a place, {where} (Bamako: {share}). "
            f"In {_YEARS[0]}-{_YEARS[1]} ACLED recorded {_fmt(fat_total)} fatalities: "
            f"{_fmt(fat_with)} ({100 * fat_with / fat_total:.1f}%) in the regions with a named "
            f"project and {_fmt(fat_without)} ({100 * fat_without / fat_total:.1f}%) in the "
            f"{len(without)} regions without one.")


def challenges_projects_vs_fatalities(projects: pd.DataFrame, violence: pd.DataFrame) -> Figure:
    """Two panels, one row per region: named Chinese projects (left), fatalities 2017-2020 (right)."""
    t = challenges_region_table(projects, violence)
    labels = t["region"].tolist()
    y = np.arange(len(t))[::-1]  # first row on top
    fig, (left, right) = new_figure(8.0, 5.2, ncols=2, sharey=True,
                                    gridspec_kw={"width_ratios": [1, 1.6]})
    with _style():
        located = (t["region"] != NOT_LOCATED).to_numpy()
        n = t["named_projects"].to_numpy()
        left.barh(y[located], n[located], color=OKABE_ITO["blue"], height=0.65,
                  label="Located in the region")
        left.barh(y[~located], n[~located], color="white", edgecolor=OKABE_ITO["grey"], hatch="///",
                  height=0.65, label="No place (national / not located)")
        for yi, ni in zip(y, n, strict=True):
            left.text(ni + 0.1, yi, str(int(ni)), va="center", fontsize=9)
        left.set_yticks(y, labels)
        left.set_xlim(0, max(n.max(), 1) * 1.35)
        left.xaxis.get_major_locator().set_params(integer=True)
        left.set_title("Named Chinese projects", loc="left")
        left.set_xlabel("Projects (count; partial list)")
        left.legend(loc="upper right", fontsize=8)
        f = t["fatalities_2017_2020"]
        has = f.notna().to_numpy()
        fv = f.fillna(0).to_numpy(dtype=float)
        right.barh(y[has], fv[has], color=OKABE_ITO["vermillion"], height=0.65)
        top = fv.max() if len(fv) else 1
        for yi, val, ok in zip(y, fv, has, strict=True):
            right.text(val + top * 0.01, yi, _fmt(val) if ok else "not a place", va="center",
                       fontsize=9, color="#222222" if ok else "#555555")
        right.set_xlim(0, top * 1.18)
        right.tick_params(axis="y", left=False)
        for ax in (left, right):
            ax.grid(axis="y", visible=False)
    bam = t[t["region"] == "Bamako"]
    with_p = t[(t["named_projects"] > 0) & (t["region"] != NOT_LOCATED)]
    with_p = with_p.sort_values("named_projects", ascending=False, kind="stable")
    without = t[(t["named_projects"] == 0) & t["fatalities_2017_2020"].notna()]
    total = int(t["fatalities_2017_2020"].sum())
    top_row = t.iloc[0]
    alt = ("Two bar charts side by side, one row per Malian region, ordered by fatalities. Left: "
           "named Chinese projects in the suite's partial list - "
           + ", ".join(f"{r} {int(k)}" for r, k in zip(with_p["region"], with_p["named_projects"], strict=True))
           + f", no other region has one, and {int(t['named_projects'].iloc[-1])} projects have no "
           f"place (national / not located). Right: ACLED fatalities in political violence "
           f"{_YEARS[0]}-{_YEARS[1]}, {_fmt(total)} in all; {top_row['region']} has the most, "
           f"{_fmt(top_row['fatalities_2017_2020'])}")
    if len(bam):
        alt += f"; Bamako has {_fmt(bam['fatalities_2017_2020'].iloc[0])}"
    alt += (f". The {len(without)} regions without a named project account for "
            f"{_fmt(without['fatalities_2017_2020'].sum())} fatalities.")
    ax = right
    finish(fig, ax, title="Fatalities, 2017-2020", xlabel="Fatalities (reported deaths)", ylabel="",
           tables=["chinese_projects", "violence_by_region"], alt=alt)
    with _style():
        fig.suptitle("Where the named Chinese projects are, and where people were killed",
                     x=0.01, ha="left", fontsize=12, fontweight="bold")
    return fig


def challenges_fatalities_heatmap(violence: pd.DataFrame, projects: pd.DataFrame) -> Figure:
    """Fatalities by region (rows) and year (columns), each cell labelled with its number.

    Regions with at least one named Chinese project are marked in their label.
    A region-year with no ACLED row (no events recorded) is shown as a dash, not as 0.
    """
    v = violence[(violence["year"] >= _YEARS[0]) & (violence["year"] <= _YEARS[1])]
    grid = v.pivot_table(index="region", columns="year", values="pv_fatalities", aggfunc="sum",
                         observed=True)
    grid = grid.reindex(columns=range(_YEARS[0], _YEARS[1] + 1))
    order = grid.sum(axis=1).sort_values(ascending=False, kind="stable").index
    grid = grid.loc[order]
    counts = projects["region"].astype(str).value_counts()
    marks = [int(counts.get(r, 0)) for r in grid.index]
    labels = [f"{r}  \u25C6 {k} named project{'s' if k != 1 else ''}" if k else f"{r}  (none named)"
              for r, k in zip(grid.index, marks, strict=True)]
    values = grid.to_numpy(dtype=float)
    fig, ax = new_figure(8.0, 5.4)
    cmap = LinearSegmentedColormap.from_list("nexus_blue", ["#ffffff", OKABE_ITO["blue"]])
    vmax = np.nanmax(values) if np.isfinite(values).any() else 1.0
    with _style():
        img = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, aspect="auto",
                        norm=PowerNorm(gamma=0.5, vmin=0, vmax=vmax))
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                val = values[i, j]
                if np.isnan(val):
                    ax.text(j, i, "\u2013 (no events)", ha="center", va="center", fontsize=8,
                            color="#444444")
                else:
                    dark = (val / vmax) ** 0.5 > 0.55
                    ax.text(j, i, _fmt(val), ha="center", va="center", fontsize=9,
                            color="white" if dark else "black",
                            fontweight="bold" if marks[i] else "normal")
        ax.set_xticks(range(values.shape[1]), [str(c) for c in grid.columns])
        ax.set_yticks(range(values.shape[0]), labels)
        for tick, k in zip(ax.get_yticklabels(), marks, strict=True):
            if k:
                tick.set_fontweight("bold")
        ax.grid(False)
        ax.tick_params(length=0)
        bar = fig.colorbar(img, ax=ax, shrink=0.8, pad=0.02)
        bar.set_label("Fatalities (reported deaths)")
    by_year = grid.sum(axis=1, min_count=1)
    named = [r for r, k in zip(grid.index, marks, strict=True) if k]
    first, last = _YEARS
    mopti = grid.loc[order[0]]
    alt = (f"Table-like heat map of ACLED fatalities in political violence for each Malian region "
           f"(rows, most fatalities first) and each year {first}-{last} (columns); every cell shows "
           f"its number. {order[0]} has the most in every year"
           if all(grid[c].idxmax() == order[0] for c in grid.columns) else
           f"Table-like heat map of ACLED fatalities for each region and year {first}-{last}. "
           f"{order[0]} has the most in all")
    alt += (f", rising from {_fmt(mopti[first])} in {first} to {_fmt(mopti[last])} in {last}. "
            f"Regions marked as having named Chinese projects: "
            + "; ".join(f"{r} ({_fmt(by_year[r])} fatalities over the four years)" for r in named)
            + ". ")
    missing = [(r, c) for r in grid.index for c in grid.columns if pd.isna(grid.loc[r, c])]
    if missing:
        alt += ("No events were recorded for " + ", ".join(f"{r} in {c}" for r, c in missing)
                + " (shown as a dash).")
    return finish(fig, ax, title="Fatalities by region and year, 2017-2020",
                  xlabel="Year", ylabel="Region (\u25C6 = named Chinese projects there)",
                  tables=["violence_by_region", "chinese_projects"], alt=alt)
