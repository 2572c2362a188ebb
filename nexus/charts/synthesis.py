"""Lesson 07 charts: the synthesis.

* :func:`synthesis_evidence_base` - the brief's statements per section, by kind, with how
  many of them the suite's data can test (the brief's evidence base at a glance).
* :func:`synthesis_practice_vs_advice` - two panels: the instruments China already uses, by
  lens (development-heavy practice), and the brief's six recommendations, by the challenge
  they answer (governance-light advice).
* :func:`synthesis_regional_rows` - UCDP deaths recorded for Mali alone and deaths in rows
  that span Mali and neighbouring countries, drawn side by side and never added together.

Helpers (tables, not charts, so not in ``__all__``): :func:`statements_by_section`,
:func:`observed_by_lens`, :func:`advice_by_challenge`, :func:`scope_totals`.
Each chart takes tables as loaded by ``nexus.data.load`` and returns a Figure with a text
alternative computed from the data.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from nexus.charts import MARKERS, OKABE_ITO, _style, finish, new_figure

__all__ = ["synthesis_evidence_base", "synthesis_practice_vs_advice", "synthesis_regional_rows"]

SECTIONS = ["opening", "footprint", "crisis", "motivations", "challenges", "recommendations",
            "policy points", "conclusion"]
KINDS = ["fact", "claim", "assessment", "recommendation", "policy point"]
KIND_STYLE = {  # colour, hatch: no meaning rests on colour alone
    "fact": (OKABE_ITO["blue"], ""),
    "claim": (OKABE_ITO["orange"], "//"),
    "assessment": (OKABE_ITO["bluish_green"], ".."),
    "recommendation": (OKABE_ITO["reddish_purple"], "xx"),
    "policy point": (OKABE_ITO["grey"], "--"),
}
LENSES = ["military", "development", "governance"]
REC = "(recommendation)"
CHALLENGES = ["CH0", "CH1", "CH2", "CH3"]
MALI = "Mali only"
MULTI = "multi-country rows including Mali"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def _fmt(n) -> str:
    return f"{int(round(n)):,}"


# --------------------------------------------------------------------------- evidence base


def statements_by_section(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per section of the brief (in the brief's order): statements per kind, total, tested.

    >>> from nexus import data
    >>> statements_by_section(data.load("brief_claims")).loc["footprint", ["total", "tested"]].tolist()
    [10, 5]
    """
    section = claims["section"].astype(str)
    kind = claims["kind"].astype(str)
    tested = claims["tested_with_data"].astype(bool)
    present = [s for s in SECTIONS if (section == s).any()]
    out = pd.DataFrame({k: [int(((section == s) & (kind == k)).sum()) for s in present] for k in KINDS},
                       index=pd.Index(present, name="section"))
    out["total"] = out[KINDS].sum(axis=1)
    out["tested"] = [int(((section == s) & tested).sum()) for s in present]
    return out


def synthesis_evidence_base(claims: pd.DataFrame) -> Figure:
    """Horizontal stacked bars: the brief's statements per section, by kind; tested ones counted.

    ``claims`` is the ``brief_claims`` table. Each bar is one section of the brief (top = first);
    its segments are the kinds of statement; the label at the end says how many statements
    the suite's data can test.
    """
    table = statements_by_section(claims)
    fig, ax = new_figure(height=4.8)
    y = list(range(len(table)))[::-1]
    with _style():
        left = pd.Series(0, index=table.index)
        for kind in KINDS:
            if table[kind].sum() == 0:
                continue
            colour, hatch = KIND_STYLE[kind]
            ax.barh(y, table[kind], left=left, color=colour, hatch=hatch, edgecolor="white",
                    height=0.65, label=kind)
            left = left + table[kind]
        for yy, (name, row) in zip(y, table.iterrows(), strict=True):
            note = "repeats of three recommendations; " if name == "policy points" else ""
            ax.text(row["total"] + 0.2, yy, f"{row['total']} ({note}{row['tested']} tested with data)",
                    va="center", fontsize=9)
        ax.set_yticks(y, list(table.index))
        ax.set_xlim(0, table["total"].max() * 1.7)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right", title="Kind of statement", fontsize=8, title_fontsize=8)
    total, tested = int(table["total"].sum()), int(table["tested"].sum())
    parts = [f"{s} {r['total']} ({r['tested']} tested)" for s, r in table.iterrows()]
    most = table["total"].idxmax()
    best = (table["tested"] / table["total"]).idxmax()
    untested = [s for s, r in table.iterrows() if r["tested"] == 0]
    alt = (f"Horizontal stacked bar chart of the brief's {total} statements, one bar per section in "
           f"the brief's order, split by kind (fact, claim, assessment, recommendation, policy point). "
           f"Statements per section, with how many the suite's data can test: " + "; ".join(parts) + ". "
           f"In all, {tested} of {total} statements can be tested with data. The {most} section has "
           f"the most statements; the {best} section has the largest share tested")
    alt += (f"; none can be tested in: {', '.join(untested)}." if untested else ".")
    return finish(fig, ax, title="The brief's evidence base: statements per section",
                  xlabel="Number of statements (rows of brief_claims)", ylabel="Section of the brief",
                  tables="brief_claims", alt=alt)


# --------------------------------------------------------------------------- practice vs advice


def observed_by_lens(instruments: pd.DataFrame) -> pd.Series:
    """Instruments China already uses (not the brief's recommended tools), per lens.

    >>> from nexus import data
    >>> observed_by_lens(data.load("brief_instruments")).tolist()
    [7, 10, 1]
    """
    observed = ~instruments["instrument"].astype(str).str.contains(REC, regex=False)
    lens = instruments["lens"].astype(str)
    return pd.Series([int(((lens == k) & observed).sum()) for k in LENSES],
                     index=pd.Index(LENSES, name="lens"), name="instruments")


def advice_by_challenge(recommendations: pd.DataFrame) -> pd.Series:
    """How many of the six recommendations (policy points left out) answer each challenge."""
    recs = recommendations[recommendations["kind"].astype(str) == "recommendation"]
    ids = recs["challenges"].astype(str).str.split(";").explode().str.strip()
    return pd.Series([int((ids == c).sum()) for c in CHALLENGES],
                     index=pd.Index(CHALLENGES, name="challenge"), name="recommendations")


def synthesis_practice_vs_advice(instruments: pd.DataFrame, recommendations: pd.DataFrame,
                                 challenges: pd.DataFrame) -> Figure:
    """Two panels: instruments China uses, by lens; recommendations, by challenge answered.

    The governance bar (left) and the governance challenge CH1 (right) are hatched.
    """
    practice = observed_by_lens(instruments)
    advice = advice_by_challenge(recommendations)
    fig, (left, right) = new_figure(height=4.2, ncols=2)
    with _style():
        colours = [OKABE_ITO["vermillion"], OKABE_ITO["blue"], OKABE_ITO["bluish_green"]]
        for i, lens in enumerate(LENSES):
            gov = lens == "governance"
            left.bar(i, practice[lens], color="white" if gov else colours[i],
                     edgecolor="black", hatch="///" if gov else None, linewidth=0.8, width=0.6)
            left.text(i, practice[lens] + 0.2, str(practice[lens]), ha="center", va="bottom", fontsize=9)
        left.set_xticks(range(len(LENSES)), [k.capitalize() for k in LENSES])
        left.set_ylim(0, max(practice.max(), advice.max()) * 1.25 + 0.5)
        left.yaxis.set_major_locator(MaxNLocator(integer=True))
        left.grid(axis="x", visible=False)
        for i, ch in enumerate(CHALLENGES):
            gov = ch == "CH1"
            right.bar(i, advice[ch], color="white" if gov else OKABE_ITO["sky_blue"] if ch != "CH0"
                      else OKABE_ITO["grey"], edgecolor="black", hatch="///" if gov else None,
                      linewidth=0.8, width=0.6)
            right.text(i, advice[ch] + 0.05, str(advice[ch]), ha="center", va="bottom", fontsize=9)
        right.set_xticks(range(len(CHALLENGES)),
                         ["CH0\ngeneral\nlimits", "CH1\ngovern-\nance", "CH2\nBamako-\ncentred",
                          "CH3\npeace-\nkeeping"])
        right.set_ylim(0, advice.max() * 1.35 + 0.2)
        right.yaxis.set_major_locator(MaxNLocator(integer=True))
        right.grid(axis="x", visible=False)
        right.set_ylabel("Recommendations (count)")
        right.set_title("What the brief advises: R1-R6 by challenge answered", loc="left",
                        fontsize=9, fontweight="normal")
        right.legend(handles=[Patch(facecolor="white", edgecolor="black", hatch="///",
                                    label="governance")], loc="upper left", fontsize=8)
    from nexus.names import label

    top_lens = practice.idxmax()
    numbered = advice.drop("CH0")
    alt = (f"Two bar charts side by side. Left, what China does: of the {int(practice.sum())} instruments "
           f"the brief names China as already using, {practice['military']} are military, "
           f"{practice['development']} development and {practice['governance']} governance "
           f"(hatched); {top_lens} has the most. Right, what the brief advises: of its six "
           f"recommendations, " + ", ".join(f"{advice[c]} {'answers' if advice[c] == 1 else 'answer'} "
                                             f"{label(c)}" for c in CHALLENGES)
           + f". Among the numbered challenges the least answered is "
           f"{label(numbered.idxmin())}, hatched. Both panels show "
           f"governance as the thinnest leg, in practice and in the advice.")
    fig = finish(fig, left, title="What China does: instruments in use, by lens",
                 xlabel="Lens", ylabel="Instruments observed (count)",
                 tables=["brief_instruments", "brief_recommendations"], alt=alt)
    with _style():
        left.set_title("What China does: instruments in use, by lens", loc="left", fontsize=9,
                       fontweight="normal")
        right.set_xlabel("Challenge (suite's reading of the brief)")
        fig.suptitle("Development-heavy practice, governance-light advice", x=0.01, ha="left",
                     fontsize=12, fontweight="bold")
    return fig


# --------------------------------------------------------------------------- regional rows


def scope_totals(deaths_by_type: pd.DataFrame, start: int | None = None,
                 end: int | None = None) -> pd.DataFrame:
    """Deaths per year (best estimate, all types of violence) for each scope, side by side.

    Columns ``Mali only`` and ``multi-country rows including Mali``; the two are never added
    (the multi-country rows cannot be attributed to Mali alone).

    >>> from nexus import data
    >>> scope_totals(data.load("conflict_deaths_by_type"), 2019, 2019).iloc[0].tolist()
    [998, 428]
    """
    table = deaths_by_type.copy()
    table["scope"] = table["scope"].astype(str)
    if start is not None:
        table = table[table["year"] >= start]
    if end is not None:
        table = table[table["year"] <= end]
    wide = table.pivot_table(index="year", columns="scope", values="deaths_best", aggfunc="sum",
                             observed=True).reindex(columns=[MALI, MULTI]).fillna(0).astype("int64")
    wide.columns.name = None
    return wide


def synthesis_regional_rows(deaths_by_type: pd.DataFrame, start: int = 2012,
                            brief_year: int | None = 2020) -> Figure:
    """Two lines: deaths in Mali-only rows and in multi-country rows including Mali, per year.

    ``deaths_by_type`` is the ``conflict_deaths_by_type`` table (UCDP v23.1). The multi-country
    rows are a separate dashed line, never stacked on or added to the Mali-only line.
    """
    wide = scope_totals(deaths_by_type, start)
    years = wide.index.to_numpy()
    fig, ax = new_figure(height=4.6)
    with _style():
        ax.plot(years, wide[MALI], color=OKABE_ITO["blue"], marker=MARKERS[0], linewidth=2,
                label="Mali only (all three types of violence)")
        ax.plot(years, wide[MULTI], color=OKABE_ITO["vermillion"], marker=MARKERS[1], linewidth=2,
                linestyle="--", label="Rows spanning Mali and neighbouring countries (separate; never added)")
        top = max(int(wide.to_numpy().max()), 1)
        if brief_year is not None and years.min() <= brief_year <= years.max():
            ax.axvline(brief_year + 0.63, color=OKABE_ITO["grey"], linestyle=":", linewidth=1.3)
            ax.text(brief_year + 0.55, top * 1.08, "Brief written\n(Aug 2020)", ha="right", va="top",
                    fontsize=8, color="#222222",
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1})
        ax.set_ylim(0, top * 1.12)
        ax.set_xlim(years.min() - 0.4, years.max() + 0.4)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(loc="upper left", fontsize=8)
    first_multi = next((int(y) for y, v in wide[MULTI].items() if v >= 100), None)
    recent = [y for y in (2018, 2019, 2020, 2021, 2022) if y in wide.index]
    parts = [f"{y}: {_fmt(wide.loc[y, MALI])} Mali only, {_fmt(wide.loc[y, MULTI])} multi-country" for y in recent]
    alt = (f"Line chart of deaths in organised violence recorded by UCDP, {years.min()} to {years.max()}, "
           f"in two separate series that are never added together: rows located in Mali alone (solid "
           f"line, circles) and rows located in Mali plus neighbouring countries (dashed line, squares). ")
    if first_multi is not None:
        alt += f"The multi-country rows first pass 100 deaths in {first_multi}. "
    alt += "; ".join(parts) + "."
    if brief_year is not None:
        alt += f" A dotted line marks {brief_year}, when the brief was written."
    return finish(fig, ax, title="Not confined within Mali's borders: deaths in two kinds of UCDP rows",
                  xlabel="Year", ylabel="Deaths (UCDP best estimate)",
                  tables="conflict_deaths_by_type", alt=alt)
