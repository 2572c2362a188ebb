"""Prepared tables and charts for the exercises' no-code track.

Every coding task of an exercise notebook has a version without code ("### Task N without
code"): the learner runs one line that calls a function of this module, reads the table or
chart it returns, and answers with a letter, a number read off it, or a few sentences. The
functions are grouped by exercise; each returns a fresh :class:`pandas.DataFrame` (shown as a
table) or a :class:`matplotlib.figure.Figure` from the suite's chart modules (show it with
``charts.show``, which prints its text alternative too). Nothing here is an answer: the
tables are the data a coder would compute, and the checks (``nexus.feedback.exNN``) compare
what a learner reads with values computed from the same tables.

>>> from nexus import prepared
>>> prepared.china_december().iloc[0].tolist()
[1990, 5]
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from nexus import data

__all__ = [
    # exercise 01
    "instruments_by_lens", "china_december", "china_peacekeepers_chart",
    # exercise 02
    "trade_ranking", "finance_by_year", "hdi_gap", "hdi_chart",
    # exercise 03
    "mali_deaths_per_year", "regions_ranked", "minusma_peak_months", "deaths_chart",
    # exercise 04
    "p5_snapshots", "p5_december", "china_in_minusma", "deaths_by_mission", "china_share_chart",
    # exercise 05
    "project_list", "projects_and_fatalities", "projects_and_fatalities_chart",
    # exercise 06
    "recommendation_matrix", "recommendations_chart",
    # exercise 07
    "statements_by_section", "evidence_base_chart", "instruments_in_use", "deaths_by_scope",
    "regional_rows_chart",
]

SNAPSHOT, MARCH, ANNUAL = "December snapshot", "March snapshot", "annual mean of monthly reports"
RECOMMENDED = "(recommendation)"
LENSES = ["military", "development", "governance"]
NOT_LOCATED = "national / not located"


# --------------------------------------------------------------------------- exercise 01


def instruments_by_lens() -> pd.DataFrame:
    """Every instrument the brief names, sorted by the lens the suite assigns (military,
    development, governance), with whether the brief only recommends it."""
    inst = data.load("brief_instruments")
    out = pd.DataFrame({
        "id": inst["id"].astype(str),
        "instrument": inst["instrument"].astype(str),
        "lens": inst["lens"].astype(str),
        "only recommended by the brief": inst["instrument"].astype(str)
        .str.contains(RECOMMENDED, regex=False).map({True: "yes", False: "no"}),
    })
    out["_order"] = out["lens"].map({k: i for i, k in enumerate(LENSES)})
    return out.sort_values(["_order", "id"], kind="mergesort").drop(columns="_order").reset_index(drop=True)


def china_december() -> pd.DataFrame:
    """China's uniformed personnel in UN peacekeeping, December snapshots 1990-2013 (IPI)."""
    p5 = data.load("peacekeepers_p5")
    rows = p5[(p5["country"].astype(str) == "China") & (p5["measure"].astype(str) == SNAPSHOT)]
    return pd.DataFrame({"year": rows["year"].astype(int).to_numpy(),
                         "China, December (people)": rows["personnel"].astype(int).to_numpy()})


def china_peacekeepers_chart() -> Figure:
    """China's UN peacekeepers, 1990-2021, both measures (lesson 01's chart)."""
    from nexus.charts.nexus_lens import nexus_china_peacekeepers

    return nexus_china_peacekeepers(data.load("peacekeepers_p5"))


# --------------------------------------------------------------------------- exercise 02


def trade_ranking() -> pd.DataFrame:
    """The brief's ranking of Mali's trade partners, for imports and for exports (rank 1 = largest)."""
    t = data.load("brief_trade_partners")
    return pd.DataFrame({"flow": t["flow"].astype(str), "rank": t["rank"].astype(int),
                         "partner": t["partner"].astype(str)}).sort_values(
        ["flow", "rank"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def finance_by_year() -> pd.DataFrame:
    """Chinese official finance committed to Mali per year and flow class, with the year's total
    (AidData; constant 2021 US$ millions, one decimal) and a note on the year the source file
    has no row for (counted as zero, by the file's own rule)."""
    f = data.load("chinese_finance")
    wide = f.pivot_table(index="year", columns="flow_class", values="amount_musd", aggfunc="sum",
                         observed=True)
    wide.columns = [str(c) for c in wide.columns]
    wide["total"] = wide.sum(axis=1)
    wide = wide.round(1)
    absent = set(f.loc[f["year_absent_from_source"].astype(bool), "year"].astype(int))
    wide.index = wide.index.astype(int)
    wide["note"] = ["no row in the source file: zero" if y in absent else "" for y in wide.index]
    wide.index.name = "year"
    wide.columns.name = "US$ millions"
    return wide


def hdi_gap() -> pd.DataFrame:
    """Mali's and China's Human Development Index per year (UNDP, 2023/24 series) and the gap,
    China minus Mali."""
    h = data.load("hdi")
    wide = h.pivot(index="year", columns="country", values="hdi")
    out = pd.DataFrame({"Mali": wide["Mali"], "China": wide["China"],
                        "gap (China minus Mali)": (wide["China"] - wide["Mali"]).round(3)})
    out.index = out.index.astype(int)
    out.index.name = "year"
    return out


def hdi_chart() -> Figure:
    """Mali's and China's HDI, 1990-2022 (lesson 02's chart)."""
    from nexus.charts.footprint import footprint_hdi

    return footprint_hdi(data.load("hdi"))


# --------------------------------------------------------------------------- exercise 03


def mali_deaths_per_year() -> pd.DataFrame:
    """Deaths in organised violence located in Mali alone, per year 2008-2022 (UCDP; the three
    types of violence added, the multi-country rows left out)."""
    from nexus.charts.crisis import mali_only_totals

    return mali_only_totals(data.load("conflict_deaths_by_type"))


def regions_ranked(year: int) -> pd.DataFrame:
    """Mali's regions ranked by reported fatalities of political violence in ``year`` (ACLED),
    with each region's zone and its share of the year's fatalities, in per cent."""
    from nexus.charts.crisis import region_ranking_table

    return region_ranking_table(data.load("violence_by_region"), int(year))


def minusma_peak_months() -> pd.DataFrame:
    """For each year of the monthly series (July 2013 - March 2017), the month in which MINUSMA's
    uniformed personnel (troops, police and military experts together) was highest."""
    s = data.load("minusma_strength").copy()
    s["year"] = s["date"].dt.year
    top = s.loc[s.groupby("year")["total"].idxmax()].sort_values("year")
    top = top.reset_index(drop=True)
    return pd.DataFrame({
        "year": top["year"].astype(int),
        "month": top["date"].dt.strftime("%B"),
        "troops": top["troops"].astype("Int64"),
        "police": top["police"].astype("Int64"),
        "military experts": top["military_experts"].astype("Int64"),
        "total uniformed": top["total"].astype(int),
    })


def deaths_chart() -> Figure:
    """Deaths in organised violence in Mali per year by type, Mali-only rows (lesson 03's chart)."""
    from nexus.charts.crisis import crisis_deaths_by_type

    return crisis_deaths_by_type(data.load("conflict_deaths_by_type"))


# --------------------------------------------------------------------------- exercise 04


def p5_snapshots() -> pd.DataFrame:
    """The five permanent members' UN peacekeepers in the December 2013 and the March 2014
    snapshots, with each country's share of the five (a fraction, three decimals)."""
    p5 = data.load("peacekeepers_p5")
    out = pd.DataFrame(index=pd.Index(sorted(p5["country"].astype(str).unique()), name="country"))
    for label, measure, year in (("December 2013", SNAPSHOT, 2013), ("March 2014", MARCH, 2014)):
        rows = p5[(p5["measure"].astype(str) == measure) & (p5["year"] == year)]
        people = rows.set_index(rows["country"].astype(str))["personnel"].astype(int)
        out[f"{label} (people)"] = people
        out[f"{label} share"] = (people / people.sum()).round(3)
    return out


def p5_december() -> pd.DataFrame:
    """The five permanent members' UN peacekeepers, December snapshots 1990-2013: one row per
    year, one column per country (people)."""
    p5 = data.load("peacekeepers_p5")
    dec = p5[p5["measure"].astype(str) == SNAPSHOT]
    wide = dec.pivot(index="year", columns="country", values="personnel")
    wide.columns = [str(c) for c in wide.columns]
    wide.index = wide.index.astype(int)
    wide.index.name = "year"
    return wide.astype(int)


def china_in_minusma() -> pd.DataFrame:
    """China's contingent and MINUSMA's uniformed personnel, annual means of the monthly reports
    (UN), with China's share of the mission (a fraction, three decimals) and the years the table
    flags as partial or suspect."""
    m = data.load("china_minusma")
    m = m[m["measure"].astype(str) == ANNUAL].sort_values("year")
    return pd.DataFrame({
        "year": m["year"].astype(int).to_numpy(),
        "China (people)": m["china_personnel"].astype(int).to_numpy(),
        "MINUSMA (people)": m["minusma_personnel"].astype(int).to_numpy(),
        "China's share": (m["china_personnel"] / m["minusma_personnel"]).round(3).to_numpy(),
        "partial year": m["partial_year"].map({True: "yes", False: "no"}).to_numpy(),
        "suspect year": m["suspect_year"].map({True: "yes", False: "no"}).to_numpy(),
    })


def deaths_by_mission() -> pd.DataFrame:
    """Chinese UN peacekeepers who died on duty, counted per mission, most first (UN data)."""
    f = data.load("china_peacekeeper_fatalities")
    counts = f["mission"].astype(str).value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="mergesort")
    return pd.DataFrame({"mission": counts.index, "deaths": counts.to_numpy().astype(int)})


def china_share_chart() -> Figure:
    """China's share of the five permanent members' UN peacekeepers (lesson 04's chart)."""
    from nexus.charts.motivations import p5_china_share

    return p5_china_share(data.load("peacekeepers_p5"))


# --------------------------------------------------------------------------- exercise 05


def project_list() -> pd.DataFrame:
    """The suite's partial list of named Chinese projects, with the place and the region of each."""
    p = data.load("chinese_projects")
    return pd.DataFrame({"title": p["title"].astype(str), "place": p["place"].astype(str),
                         "region": p["region"].astype(str)})


def projects_and_fatalities() -> pd.DataFrame:
    """Named projects and reported fatalities 2017-2020 per region, most fatalities first
    (lesson 05's table); the last row holds the projects that have no place."""
    from nexus.charts.challenges import challenges_region_table

    return challenges_region_table(data.load("chinese_projects"), data.load("violence_by_region"))


def projects_and_fatalities_chart() -> Figure:
    """Named projects and fatalities per region, side by side (lesson 05's chart)."""
    from nexus.charts.challenges import challenges_projects_vs_fatalities

    return challenges_projects_vs_fatalities(data.load("chinese_projects"), data.load("violence_by_region"))


# --------------------------------------------------------------------------- exercise 06


def recommendation_matrix() -> pd.DataFrame:
    """The brief's six recommendations (rows) against the four challenges (columns): 1 where a
    recommendation answers a challenge in the suite's reading, 0 elsewhere; names beside codes."""
    from nexus.names import label

    recs = data.load("brief_recommendations")
    only = recs[recs["kind"].astype(str) == "recommendation"]
    challenges = data.load("brief_challenges")["id"].astype(str).tolist()
    rows = {}
    for r in only.itertuples():
        answered = {c.strip() for c in str(r.challenges).split(";")}
        rows[label(str(r.id))] = [int(c in answered) for c in challenges]
    out = pd.DataFrame.from_dict(rows, orient="index", columns=[label(c) for c in challenges])
    out.index.name = "recommendation"
    return out


def recommendations_chart() -> Figure:
    """How many recommendations answer each challenge (lesson 06's chart)."""
    from nexus.charts.recommendations import recommendations_per_challenge

    return recommendations_per_challenge(data.load("brief_recommendations"), data.load("brief_challenges"))


# --------------------------------------------------------------------------- exercise 07


def statements_by_section() -> pd.DataFrame:
    """The brief's statements per section and kind, with each section's total and how many the
    suite's data can test (lesson 07's table)."""
    from nexus.charts.synthesis import statements_by_section as by_section

    return by_section(data.load("brief_claims"))


def evidence_base_chart() -> Figure:
    """The brief's statements per section, split by kind, with how many data can test (lesson 07)."""
    from nexus.charts.synthesis import synthesis_evidence_base

    return synthesis_evidence_base(data.load("brief_claims"))


def instruments_in_use() -> pd.DataFrame:
    """The instruments the brief names China as already using (the ones it only recommends left
    out), each under the one lens the suite assigns."""
    out = instruments_by_lens()
    out = out[out["only recommended by the brief"] == "no"]
    return out.drop(columns="only recommended by the brief").reset_index(drop=True)


def deaths_by_scope() -> pd.DataFrame:
    """Deaths per year 2019-2022 in UCDP's two scopes, never added: rows located in Mali alone and
    rows spanning Mali and neighbouring countries (each scope's three types of violence summed)."""
    from nexus.charts.synthesis import scope_totals

    out = scope_totals(data.load("conflict_deaths_by_type"), 2019, 2022)
    out.columns = [str(c) for c in out.columns]
    return out


def regional_rows_chart() -> Figure:
    """The two scopes of UCDP's deaths, 2012-2022, as two lines (lesson 07's chart)."""
    from nexus.charts.synthesis import synthesis_regional_rows

    return synthesis_regional_rows(data.load("conflict_deaths_by_type"))
