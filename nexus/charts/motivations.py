"""Lesson 04 charts: China's UN peacekeeping against the other permanent members, and in MINUSMA.

The ``peacekeepers_p5`` table holds two measures that must never be joined into one
line: December snapshots (1990-2013, plus one March 2014 snapshot) and annual means
of the monthly reports (2011-2021; 2017 and 2021 are partial years, and 2011-2013 are
suspect years: months are missing for some countries). Every chart here shows one
measure per line, keeps the March 2014 snapshot apart and marks partial and suspect
years alike (hollow markers, a grey band - dotted for suspect years - and no connecting
line); neither kind counts as a full year in the text alternatives.

Helpers (not charts, so not in ``__all__``): :func:`p5_wide`, :func:`china_share`,
:func:`short_name`, :func:`years_text`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from nexus.charts import OKABE_ITO, _style, computed_once, finish, new_figure, remembered

__all__ = ["p5_personnel", "p5_china_share", "china_in_minusma"]

SNAPSHOT = "December snapshot"
MEAN = "annual mean of monthly reports"
MEASURE_LABEL = {SNAPSHOT: "December snapshots", MEAN: "annual means",
                 "March snapshot": "March snapshot"}
COUNTRIES = ["China", "France", "Russian Federation", "United Kingdom", "United States of America"]
SHORT = {"Russian Federation": "Russia", "United States of America": "United States"}
STYLE = {  # colour, marker, line style: no meaning rests on colour alone
    "China": (OKABE_ITO["vermillion"], "o", "-"),
    "France": (OKABE_ITO["blue"], "s", "--"),
    "Russian Federation": (OKABE_ITO["bluish_green"], "^", ":"),
    "United Kingdom": (OKABE_ITO["orange"], "D", "-."),
    "United States of America": (OKABE_ITO["reddish_purple"], "v", (0, (6, 2, 1, 2, 1, 2))),
}
PARTIAL_NOTE = "partial year (months missing, understated)"
SUSPECT_NOTE = "suspect year (some countries' months missing, understated)"
BAND = "#e6e6e6"


def short_name(country: str) -> str:
    return SHORT.get(country, country)


def _fmt(n) -> str:
    return f"{int(round(n)):,}"


def years_text(years) -> str:
    """Years as short runs: [2004, 2005, 2009, 2010, 2011] -> '2004-2005 and 2009-2011'."""
    years = sorted(int(y) for y in years)
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


@computed_once
def p5_wide(p5: pd.DataFrame, measure: str = SNAPSHOT, countries=None, years=None) -> pd.DataFrame:
    """One row per year, one column per country (personnel), plus ``partial_year`` and
    ``suspect_year`` (the annual means of 2011-2013, understated because months are missing
    for some countries; charts mark them like partial years).

    ``measure`` picks one measure (never mixed); ``countries`` a subset (default all
    five; China first, then alphabetical); ``years`` an inclusive (first, last) range.
    """
    chosen = list(COUNTRIES if countries is None else countries)
    countries = [c for c in COUNTRIES if c in chosen] + [c for c in chosen if c not in COUNTRIES]
    rows = p5[(p5["measure"] == measure) & p5["country"].isin(countries)]
    if years is not None:
        rows = rows[rows["year"].between(int(years[0]), int(years[1]))]
    wide = rows.pivot_table(index="year", columns="country", values="personnel",
                            aggfunc="sum", observed=True)
    wide = wide.reindex(columns=[c for c in countries if c in wide.columns])
    for flag in ("partial_year", "suspect_year"):
        if flag in rows.columns:
            marked = rows.groupby("year")[flag].any()
            wide[flag] = marked.reindex(wide.index).fillna(False).astype(bool)
        else:
            wide[flag] = False
    wide.columns.name = None
    flags = ("partial_year", "suspect_year")
    return wide.astype({c: "int64" for c in wide.columns if c not in flags})


def full_years(wide: pd.DataFrame) -> pd.Series:
    """True for the rows of a :func:`p5_wide` frame that are neither partial nor suspect."""
    return ~(wide["partial_year"] | wide["suspect_year"])


def china_share(p5: pd.DataFrame, measure: str = SNAPSHOT) -> pd.DataFrame:
    """China's share of the five permanent members' personnel per year, for one measure.

    Columns: ``year``, ``china``, ``p5_total``, ``share`` (a fraction), ``partial_year``,
    ``suspect_year``.
    """
    wide = p5_wide(p5, measure)
    people = wide[[c for c in COUNTRIES if c in wide.columns]]
    out = pd.DataFrame({"year": wide.index.to_numpy(), "china": wide["China"].to_numpy(),
                        "p5_total": people.sum(axis=1).to_numpy(),
                        "partial_year": wide["partial_year"].to_numpy(),
                        "suspect_year": wide["suspect_year"].to_numpy()})
    out["share"] = out["china"] / out["p5_total"]
    return out[["year", "china", "p5_total", "share", "partial_year", "suspect_year"]]


def _year_axis(ax, years):
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if len(years):
        ax.set_xlim(min(years) - 0.7, max(years) + 0.7)


@remembered
def p5_personnel(p5: pd.DataFrame, measure: str = SNAPSHOT, countries=None, years=None, *,
                 reuse: Figure | None = None) -> Figure:
    """UN peacekeeping personnel of the permanent members, one line per country, one measure.

    Partial years (annual means of 2017 and 2021) and suspect years (annual means of
    2011-2013) are drawn as hollow markers inside a grey band (dotted for suspect years),
    are not joined to the line and do not count as full years in the text alternative.
    """
    wide = p5_wide(p5, measure, countries, years)
    if wide.empty:
        raise ValueError("no data for this measure, these countries and these years")
    label = MEASURE_LABEL.get(measure, measure)
    shown = [c for c in wide.columns if c not in ("partial_year", "suspect_year")]
    yrs = wide.index.to_numpy()
    partial = wide["partial_year"].to_numpy()
    suspect = wide["suspect_year"].to_numpy() & ~partial
    marked = partial | suspect
    fig, ax = new_figure(reuse=reuse)
    with _style():
        for year in yrs[partial]:
            ax.axvspan(year - 0.45, year + 0.45, color=BAND, zorder=0)
        for year in yrs[suspect]:
            ax.axvspan(year - 0.45, year + 0.45, facecolor=BAND, edgecolor="#999999", hatch="..",
                       linewidth=0, zorder=0)
        for country in shown:
            colour, marker, ls = STYLE.get(country, ("#000000", "o", "-"))
            full = wide[country].where(~marked).to_numpy(dtype=float)
            ax.plot(yrs, full, color=colour, marker=marker, linestyle=ls, linewidth=1.8,
                    markersize=5, label=short_name(country))
            if marked.any():
                ax.plot(yrs[marked], wide[country].to_numpy()[marked], linestyle="none",
                        marker=marker, markersize=6, markerfacecolor="white", markeredgecolor=colour,
                        markeredgewidth=1.5)
        _year_axis(ax, yrs)
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(lambda v, _pos: f"{int(v):,}")
        handles, labels = ax.get_legend_handles_labels()
        if suspect.any():
            handles.append(Patch(facecolor=BAND, edgecolor="#999999", hatch=".."))
            labels.append(SUSPECT_NOTE.replace(" (", "\n("))
        if partial.any():
            handles.append(Patch(facecolor=BAND, edgecolor="#999999"))
            labels.append(PARTIAL_NOTE.replace(" (", "\n("))
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    first, last = int(yrs.min()), int(yrs.max())
    full_rows = wide[~marked]
    sentences = [f"Line chart of UN peacekeeping personnel (all missions) of "
                 f"{', '.join(short_name(c) for c in shown)}, {label}, {first} to {last}."]
    if "China" in shown and len(full_rows):
        ch = full_rows["China"]
        sentences.append(f"China has {_fmt(ch.iloc[0])} in {int(full_rows.index[0])} and "
                         f"{_fmt(ch.iloc[-1])} in {int(full_rows.index[-1])}; its highest value "
                         f"is {_fmt(ch.max())}, in {int(ch.idxmax())}.")
        if len(shown) > 1:
            others = full_rows[[c for c in shown if c != "China"]]
            top = full_rows.index[(full_rows["China"] > others.max(axis=1)).to_numpy()]
            if len(top) == len(full_rows):
                sentences.append(f"China has more personnel than every other member shown in all "
                                 f"{len(full_rows)} full years ({years_text(top)}).")
            elif len(top):
                sentence = (f"China has more personnel than every other member shown in "
                            f"{len(top)} of {len(full_rows)} full years ({years_text(top)})")
                behind = [y for y in full_rows.index if y > top[0] and y not in set(top)]
                if behind:
                    leaders = others.loc[behind].idxmax(axis=1)
                    by = {}
                    for y, c in leaders.items():
                        by.setdefault(short_name(c), []).append(y)
                    sentence += "; after it first led, " + "; ".join(
                        f"{c} had more in {years_text(ys)}" for c, ys in by.items())
                sentences.append(sentence + ".")
            else:
                sentences.append("China never has more personnel than every other member shown.")
    for country in shown:
        if country == "China" or not len(full_rows):
            continue
        s = full_rows[country]
        sentences.append(f"{short_name(country)}: highest {_fmt(s.max())} in {int(s.idxmax())}, "
                         f"{_fmt(s.iloc[-1])} in {int(full_rows.index[-1])}.")
    if suspect.any():
        sentences.append("Hollow markers in dotted grey bands mark suspect years ("
                         + years_text(yrs[suspect]) + "): months are missing for some countries, "
                         "so the values are understated and are not compared with anything.")
    if partial.any():
        sentences.append("Hollow markers in grey bands mark partial years ("
                         + ", ".join(str(int(y)) for y in yrs[partial])
                         + "), understated because months are missing: not real drops.")
    return finish(fig, ax, title=f"Permanent members' UN peacekeepers: {label}",
                  xlabel="Year", ylabel="Uniformed personnel (people)", tables="peacekeepers_p5",
                  alt=" ".join(sentences))


def p5_china_share(p5: pd.DataFrame) -> Figure:
    """China's share of the permanent members' UN peacekeeping personnel, both measures kept apart.

    December snapshots (1990-2013) and annual means (full years only; the partial years
    2017 and 2021 and the suspect years 2011-2013 are left out) are two separately marked
    lines; the March 2014 snapshot is left out.
    """
    snap = china_share(p5, SNAPSHOT)
    mean = china_share(p5, MEAN)
    unreliable = mean["partial_year"] | mean["suspect_year"]
    mean_full = mean[~unreliable]
    left_out = [int(y) for y in mean.loc[unreliable, "year"]]
    partial_out = [int(y) for y in mean.loc[mean["partial_year"], "year"]]
    suspect_out = [int(y) for y in mean.loc[mean["suspect_year"] & ~mean["partial_year"], "year"]]
    fig, ax = new_figure()
    with _style():
        ax.plot(snap["year"], snap["share"] * 100, color=OKABE_ITO["vermillion"], marker="o",
                linestyle="-", linewidth=1.8, markersize=5, label="December snapshots")
        # a gap where a partial year was left out, so no line bridges it
        years = np.arange(mean_full["year"].min(), mean_full["year"].max() + 1)
        gapped = mean_full.set_index("year")["share"].reindex(years) * 100
        ax.plot(years, gapped.to_numpy(), color=OKABE_ITO["blue"], marker="s", linestyle="--",
                linewidth=1.8, markersize=5,
                label="annual means (full years; " + years_text(left_out) + " left out)")
        ax.axhline(50, color="#666666", linewidth=0.8, linestyle=":")
        ax.text(1990.2, 51.5, "half of the five members' personnel", fontsize=8, color="#444444")
        _year_axis(ax, list(snap["year"]) + list(mean_full["year"]))
        ax.set_ylim(0, 100)
        ax.legend(loc="upper left", fontsize=8)
    s13 = snap[snap["year"] == snap["year"].max()].iloc[0]
    over_half = snap.loc[snap["share"] > 0.5, "year"]
    alt = (f"Line chart of China's share of the UN peacekeeping personnel of the five permanent "
           f"members. In December snapshots it is {snap['share'].iloc[0] * 100:.1f}% in "
           f"{int(snap['year'].iloc[0])}, {snap.loc[snap['year'] == 2000, 'share'].iloc[0] * 100:.1f}% "
           f"in 2000 and {s13['share'] * 100:.1f}% in {int(s13['year'])}")
    alt += (f"; it is above half from {int(over_half.iloc[0])}." if len(over_half) else ".")
    alt += (f" In annual means of full years it ranges from {mean_full['share'].min() * 100:.1f}% "
            f"({int(mean_full.loc[mean_full['share'].idxmin(), 'year'])}) to "
            f"{mean_full['share'].max() * 100:.1f}% "
            f"({int(mean_full.loc[mean_full['share'].idxmax(), 'year'])}), and is "
            f"{mean_full['share'].iloc[-1] * 100:.1f}% in {int(mean_full['year'].iloc[-1])}. "
            f"The two measures are separate lines; the partial years {years_text(partial_out)}"
            + (f", the suspect years {years_text(suspect_out)}" if suspect_out else "")
            + " and the March 2014 snapshot are left out.")
    return finish(fig, ax, title="China's share of the permanent members' UN peacekeepers",
                  xlabel="Year", ylabel="China's share (% of the five members' personnel)",
                  tables="peacekeepers_p5", alt=alt)


def china_in_minusma(minusma: pd.DataFrame, fatalities: pd.DataFrame | None = None) -> Figure:
    """China's personnel in MINUSMA per year (annual means) with its share of the mission.

    Partial and suspect years (2013: months missing upstream, and the mission deployed only
    from July) are hatched and labelled; the March 2014 snapshot is a separate marker;
    if ``fatalities`` (``china_peacekeeper_fatalities``) is given, Chinese MINUSMA
    fatalities are marked on the time axis.
    """
    means = minusma[minusma["measure"] == MEAN].sort_values("year")
    snaps = minusma[minusma["measure"] != MEAN]
    yrs = means["year"].to_numpy()
    china = means["china_personnel"].to_numpy()
    total = means["minusma_personnel"].to_numpy()
    partial = means["partial_year"].to_numpy(dtype=bool)
    suspect = (means["suspect_year"].to_numpy(dtype=bool) if "suspect_year" in means.columns
               else np.zeros(len(means), dtype=bool)) & ~partial
    fig, ax = new_figure()
    tables = ["china_minusma"]
    with _style():
        colour = OKABE_ITO["blue"]
        solid = ~(partial | suspect)
        ax.bar(yrs[solid], china[solid], width=0.7, color=colour, label="annual mean")
        if suspect.any():
            ax.bar(yrs[suspect], china[suspect], width=0.7, facecolor="white", edgecolor=colour,
                   hatch="...", label=SUSPECT_NOTE)
        ax.bar(yrs[partial], china[partial], width=0.7, facecolor="white", edgecolor=colour,
               hatch="///", label=PARTIAL_NOTE)
        snap_at = dict(zip(snaps["year"], snaps["china_personnel"], strict=True))
        for y, c, t in zip(yrs, china, total, strict=True):
            ax.text(y, max(c, snap_at.get(y, 0)) + 10, f"{c}\n{c / t * 100:.1f}%", ha="center", va="bottom", fontsize=8,
                    color="#222222")
        for _, row in snaps.iterrows():
            ax.plot([row["year"] - 0.5 + row["date"].day_of_year / 365.0], [row["china_personnel"]],
                    marker="D", linestyle="none",
                    color=OKABE_ITO["orange"], markeredgecolor="#000000", markersize=7,
                    label=f"snapshot, {row['date']:%B %Y}")
        top = max(china.max(), snaps["china_personnel"].max() if len(snaps) else 0)
        ax.set_ylim(0, top * 1.3)
        lost = []
        if fatalities is not None:
            tables.append("china_peacekeeper_fatalities")
            lost = fatalities[fatalities["mission"] == "MINUSMA"].sort_values("incident_date")
            for _, row in lost.iterrows():
                when = row["incident_date"]
                x = when.year + (when.day_of_year - 1) / 365.0 - 0.5
                bar = china[yrs == when.year]
                tip = (bar[0] if len(bar) else 0) + top * 0.16  # just above the bar's label
                ax.annotate(f"{when.day} {when:%B %Y}: Chinese\npeacekeeper killed in Gao",
                            xy=(x, tip), xytext=(x - 0.3, top * 1.28), fontsize=8, va="top",
                            ha="left", color="#222222",
                            arrowprops={"arrowstyle": "->", "color": OKABE_ITO["vermillion"],
                                        "linestyle": "--", "linewidth": 1.2})
        _year_axis(ax, yrs)
        handles, labels = ax.get_legend_handles_labels()
        if len(lost):
            handles.append(Line2D([], [], color=OKABE_ITO["vermillion"], linestyle="--"))
            labels.append("Chinese fatality in MINUSMA (arrow)")
        ax.legend(handles, [lab.replace(" (", "\n(") for lab in labels], loc="upper left",
                  bbox_to_anchor=(1.01, 1.0), fontsize=8)
    full = ~(partial | suspect)
    full[0] = False  # the deployment year is averaged over 12 months: not a full year of the mission
    share = china[full] / total[full] * 100
    alt = (f"Bar chart of Chinese uniformed personnel in MINUSMA, annual means {int(yrs.min())} to "
           f"{int(yrs.max())}; each bar is labelled with the number and China's share of the "
           f"mission. In the full years after {int(yrs[0])} China has between {china[full].min()} and "
           f"{china[full].max()} "
           f"people, {share.min():.1f}% to {share.max():.1f}% of MINUSMA's uniformed personnel "
           f"(which grows from {_fmt(total[full].min())} to {_fmt(total[full].max())}). "
           f"The first year ({int(yrs[0])}, {china[0]}) averages 12 months although the mission "
           f"deployed from July")
    alt += (", and is flagged suspect upstream (months missing); it is dotted, not a real level. "
            if suspect[0] else ". ")
    if partial.any():
        alt += ("Hatched bars are partial years ("
                + ", ".join(str(int(y)) for y in yrs[partial]) + "), understated, not real drops. ")
    for _, row in snaps.iterrows():
        alt += (f"A diamond marks the {row['date']:%B %Y} snapshot: {row['china_personnel']} Chinese "
                f"personnel of {_fmt(row['minusma_personnel'])}")
        same = means[means["year"] == row["year"]]
        if len(same) and not bool(same["partial_year"].iloc[0]) and not (
                "suspect_year" in same.columns and bool(same["suspect_year"].iloc[0])):
            alt += (f", against an annual mean of {int(same['china_personnel'].iloc[0])} for "
                    f"{int(row['year'])}: one month and a twelve-month average of the same contingent")
        alt += ". "
    if len(lost):
        alt += ("An arrow marks " + "; ".join(f"{r['incident_date'].day} {r['incident_date']:%B %Y}"
                                                  for _, r in lost.iterrows())
                + f": {len(lost)} Chinese peacekeeper{'s' if len(lost) > 1 else ''} killed in MINUSMA"
                + (", in the attack on the UN camp in Gao." if len(lost) == 1 else "."))
    return finish(fig, ax, title="China in MINUSMA: personnel and share of the mission",
                  xlabel="Year", ylabel="Chinese uniformed personnel (people)", tables=tables,
                  alt=alt.strip())
