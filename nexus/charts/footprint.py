"""Lesson 02 charts: China's footprint in Mali.

* :func:`footprint_hdi` - the Human Development Index of Mali and China per year;
* :func:`footprint_finance` - Chinese official finance committed to Mali per year,
  stacked by AidData flow class;
* :func:`footprint_series` - one yearly series as a line (used by the indicator explorer).

All three shade the years of Mali's crisis (from 2012, as the brief dates it).
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MultipleLocator

from nexus.charts import MARKERS, OKABE_ITO, _style, finish, new_figure, remembered

__all__ = ["footprint_hdi", "footprint_finance", "footprint_series"]

#: The brief: "Since 2012, Mali-China relations have been deeply impacted by Mali's
#: multifaceted political crisis".
CRISIS_START = 2012

COUNTRY_STYLE = {"Mali": (OKABE_ITO["vermillion"], "o", "-"),
                 "China": (OKABE_ITO["blue"], "s", "--")}
FLOW_STYLE = {"ODA-like": (OKABE_ITO["bluish_green"], ""),
              "OOF-like": (OKABE_ITO["orange"], "///"),
              "vague official finance": (OKABE_ITO["grey"], "...")}
SHADE = "#eeeeee"


def _shade_crisis(ax, first_year: int, last_year: int, crisis_start: int | None, label: bool = True):
    """Grey band from the crisis start to the end of the plotted years (if it is in range)."""
    if crisis_start is None or crisis_start > last_year:
        return None
    left = max(crisis_start, first_year) - 0.5
    band = ax.axvspan(left, last_year + 0.5, color=SHADE, zorder=0, linewidth=0,
                      label=f"Crisis years ({crisis_start} onward)" if label else None)
    return band


def _years_axis(ax, first: int, last: int):
    ax.set_xlim(first - 0.7, last + 0.7)
    span = last - first
    step = 1 if span <= 10 else 2 if span <= 24 else 5
    ax.xaxis.set_major_locator(MultipleLocator(step))


def _f3(x) -> str:
    return f"{x:.3f}"


def footprint_hdi(hdi, crisis_start: int | None = CRISIS_START) -> Figure:
    """Lines of the HDI of each country in ``hdi`` (columns year, country, hdi)."""
    countries = [c for c in dict.fromkeys(hdi["country"].astype(str)) if (hdi["country"] == c).any()]
    years = hdi["year"].astype(int)
    first, last = int(years.min()), int(years.max())
    fig, ax = new_figure()
    parts = []
    with _style():
        _shade_crisis(ax, first, last, crisis_start)
        for i, country in enumerate(countries):
            rows = hdi[hdi["country"] == country].sort_values("year")
            colour, marker, ls = COUNTRY_STYLE.get(country, (None, MARKERS[i % len(MARKERS)], "-"))
            ax.plot(rows["year"].to_numpy(), rows["hdi"].to_numpy(), marker=marker, markersize=4,
                    linestyle=ls, color=colour, label=country, zorder=3)
            end = rows.iloc[-1]
            ax.annotate(f"{country} {_f3(end['hdi'])}", (end["year"], end["hdi"]), xytext=(4, 6),
                        textcoords="offset points", fontsize=8, ha="right", va="bottom")
            start, peak = rows.iloc[0], rows.loc[rows["hdi"].idxmax()]
            text = (f"{country} rises from {_f3(start['hdi'])} in {int(start['year'])} to "
                    f"{_f3(end['hdi'])} in {int(end['year'])}")
            if int(peak["year"]) != int(end["year"]):
                text += f", with its highest value, {_f3(peak['hdi'])}, in {int(peak['year'])}"
            parts.append(text)
        ax.set_ylim(0, 1)
        _years_axis(ax, first, last)
        ax.legend(loc="upper left", ncols=3)
    alt = (f"Line chart of the Human Development Index (0 to 1) from {first} to {last}. "
           + "; ".join(parts) + ".")
    if set(countries) >= {"Mali", "China"}:
        wide = hdi.pivot_table(index="year", columns="country", values="hdi", observed=True)
        gap_first = wide.loc[first, "China"] - wide.loc[first, "Mali"]
        gap_last = wide.loc[last, "China"] - wide.loc[last, "Mali"]
        alt += (f" The gap between China and Mali is {_f3(gap_first)} in {first} and "
                f"{_f3(gap_last)} in {last}.")
    if crisis_start is not None and crisis_start <= last:
        alt += f" The grey band marks the crisis years, {crisis_start} onward."
    return finish(fig, ax, title="Human Development Index of Mali and China",
                  xlabel="Year", ylabel="HDI (index, 0 to 1)", tables="hdi", alt=alt)


def _totals(finance):
    return finance.groupby("year", observed=True)["amount_musd"].sum()


@remembered
def footprint_finance(finance, crisis_start: int | None = CRISIS_START, *, reuse: Figure | None = None) -> Figure:
    """Stacked bars of Chinese official finance commitments per year by flow class.

    ``finance`` is the ``chinese_finance`` table (long: year, flow_class, amount_musd,
    year_absent_from_source) or any subset of its rows.
    """
    wide = finance.pivot_table(index="year", columns="flow_class", values="amount_musd",
                               aggfunc="sum", observed=True).fillna(0.0)
    classes = [c for c in FLOW_STYLE if c in wide.columns]
    years = wide.index.to_numpy().astype(int)
    first, last = int(years.min()), int(years.max())
    fig, ax = new_figure(reuse=reuse)
    with _style():
        _shade_crisis(ax, first, last, crisis_start)
        bottom = [0.0] * len(years)
        for cls in classes:
            colour, hatch = FLOW_STYLE[cls]
            values = wide[cls].to_numpy()
            ax.bar(years, values, bottom=bottom, width=0.75, color=colour, hatch=hatch,
                   edgecolor="#333333", linewidth=0.4, label=cls, zorder=3)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        absent = sorted(int(y) for y in finance.loc[finance["year_absent_from_source"], "year"].unique())
        top = max(bottom) if bottom else 1.0
        top = top if top > 0 else 1.0
        for y in absent:
            ax.text(y, top * 0.03, "no data row", rotation=90, ha="center", va="bottom", fontsize=7,
                    color="#444444", zorder=4)
        ax.set_ylim(0, top * 1.3)  # room for the legend above the tallest bar
        _years_axis(ax, first, last)
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(handles, labels, loc="upper left", ncols=2, fontsize=8)
    totals = _totals(finance)
    peak_year = int(totals.idxmax())
    alt = (f"Stacked bar chart of Chinese official finance committed to Mali per year, {first} to "
           f"{last}, in constant 2021 US$ millions, split into {', '.join(classes)}. ")
    if totals.max() > 0:
        peak = wide.loc[peak_year]
        alt += f"The largest year is {peak_year}, with {totals.max():,.1f} million"
        if len(classes) > 1:
            alt += " (" + ", ".join(f"{c} {peak[c]:,.1f}" for c in classes if peak[c] > 0) + ")"
        alt += ". "
        nonzero = int((totals > 0).sum())
        alt += (f"All {nonzero} years have commitments above zero. " if nonzero == len(totals) else
                f"{nonzero} of the {len(totals)} years have commitments above zero. ")
    else:
        alt += "Every year shown is zero. "
    if absent:
        alt += (f"{', '.join(map(str, absent))} has no row in the source file and is drawn as zero "
                "(labelled 'no data row'). ")
    if crisis_start is not None and crisis_start <= last:
        alt += f"The grey band marks the crisis years, {crisis_start} onward."
    return finish(fig, ax, title="Chinese official finance committed to Mali, by flow class",
                  xlabel="Year of commitment", ylabel="Constant 2021 US$ millions",
                  tables="chinese_finance", alt=alt.strip())


@remembered
def footprint_series(rows, value: str, *, title: str, ylabel: str, table: str, what: str,
                     fmt: str = "{:,.3f}", crisis_start: int | None = CRISIS_START,
                     reuse: Figure | None = None) -> Figure:
    """One yearly series as a line with markers (``rows`` has ``year`` and ``value`` columns).

    ``what`` names the series in the text alternative (e.g. "Mali's HDI").
    """
    rows = rows.sort_values("year")
    years, values = rows["year"].to_numpy().astype(int), rows[value].to_numpy()
    first, last = int(years.min()), int(years.max())
    fig, ax = new_figure(reuse=reuse)
    with _style():
        _shade_crisis(ax, first, last, crisis_start)
        ax.plot(years, values, marker="o", markersize=4, color=OKABE_ITO["vermillion"], label=what,
                zorder=3)
        _years_axis(ax, first, last)
        ax.set_ylim(0, max(values.max() * 1.1, 1e-9))
        handles = [ax.lines[0]] + ([Patch(color=SHADE, label=f"Crisis years ({crisis_start} onward)")]
                                   if crisis_start is not None and crisis_start <= last else [])
        ax.legend(handles=handles, loc="upper left", fontsize=8)
    hi, lo = int(values.argmax()), int(values.argmin())
    alt = (f"Line chart of {what} from {first} to {last}: {fmt.format(values[0])} in {first} and "
           f"{fmt.format(values[-1])} in {last}; highest {fmt.format(values[hi])} in {years[hi]}, "
           f"lowest {fmt.format(values[lo])} in {years[lo]}.")
    if crisis_start is not None and crisis_start <= last:
        alt += f" The grey band marks the crisis years, {crisis_start} onward."
    return finish(fig, ax, title=title, xlabel="Year", ylabel=ylabel, tables=table, alt=alt)
