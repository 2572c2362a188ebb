"""Exercise 03: learner variants of every task."""

import numpy as np
import pandas as pd

from nexus import data
from nexus.feedback import ex03
from variants import GOOD_TEXTS, figure, letters, right, writing, wrong

MODULE = ex03
D = data.load("conflict_deaths_by_type")
V = data.load("violence_by_region")
S = data.load("minusma_strength")
GED = data.load("conflict_deaths")
MALI = D[D["scope"] == "Mali only"].groupby("year")["deaths_best"].sum()
EVERY = D.groupby("year")["deaths_best"].sum()
MEANS = (MALI.loc[2015:2017].mean(), MALI.loc[2018:2020].mean())
R19 = V[V["year"] == 2019].set_index("region")["pv_fatalities"]
TOP3 = R19.nlargest(3)
R20 = V[V["year"] == 2020]
CENTRE = R20[R20["region"].isin(["Mopti", "Segou"])]
SHARE = CENTRE["pv_fatalities"].sum() / R20["pv_fatalities"].sum()
STATE = (
    D[(D["scope"] == "Mali only") & (D["violence_type"] == "state-based")]
    .groupby("year")["deaths_best"]
    .sum()
)


def bars(x, y, kind="bar", **labels):
    return figure(lambda ax: getattr(ax, kind)(list(x), list(y)), **labels)


def stacked():
    wide = D[D["scope"] == "Mali only"].pivot_table(
        index="year", columns="violence_type", values="deaths_best", aggfunc="sum", observed=True
    )
    return figure(lambda ax: wide.plot.bar(stacked=True, ax=ax))


VARIANTS = [
    # task 1: the two means
    right("escalation_means", "a tuple", lambda: MEANS),
    right("escalation_means", "a list", lambda: list(MEANS)),
    right("escalation_means", "a NumPy array", lambda: np.array(MEANS)),
    right("escalation_means", "a Series", lambda: pd.Series(MEANS)),
    right("escalation_means", "a dictionary", lambda: {"2015-2017": MEANS[0], "2018-2020": MEANS[1]}),
    right("escalation_means", "int() of each (cut off)", lambda: (int(MEANS[0]), int(MEANS[1]))),
    right("escalation_means", "round() of each", lambda: (round(MEANS[0]), round(MEANS[1]))),
    right(
        "escalation_means",
        "between() filter",
        lambda: (
            MALI[MALI.index.to_series().between(2015, 2017)].mean(),
            MALI[MALI.index.to_series().between(2018, 2020)].mean(),
        ),
    ),
    wrong("escalation_means", "the wrong order", lambda: (MEANS[1], MEANS[0]), "wrong order"),
    wrong(
        "escalation_means",
        "multi-country rows included",
        lambda: (EVERY.loc[2015:2017].mean(), EVERY.loc[2018:2020].mean()),
        "multi-country",
    ),
    wrong(
        "escalation_means",
        "the GED series",
        lambda: (
            GED.set_index("year").loc[2015:2017, "deaths"].mean(),
            GED.set_index("year").loc[2018:2020, "deaths"].mean(),
        ),
        "GED 19.1",
    ),
    wrong(
        "escalation_means",
        "sums, not means",
        lambda: (MALI.loc[2015:2017].sum(), MALI.loc[2018:2020].sum()),
        "totals over three years",
    ),
    wrong(
        "escalation_means",
        "medians",
        lambda: (MALI.loc[2015:2017].median(), MALI.loc[2018:2020].median()),
        "medians",
    ),
    wrong(
        "escalation_means",
        "the high estimate",
        lambda: tuple(
            D[D["scope"] == "Mali only"].groupby("year")["deaths_high"].sum().loc[a:b].mean()
            for a, b in ((2015, 2017), (2018, 2020))
        ),
        "deaths_high",
    ),
    wrong(
        "escalation_means",
        "state-based only",
        lambda: (STATE.loc[2015:2017].mean(), STATE.loc[2018:2020].mean()),
        "state-based",
    ),
    wrong(
        "escalation_means",
        "range() stops early",
        lambda: (MALI.loc[2015:2016].mean(), MALI.loc[2018:2019].mean()),
        "2015-2016 and 2018-2019",
    ),
    wrong("escalation_means", "too rounded", lambda: (300, 1000), "too rounded"),
    wrong("escalation_means", "a ratio", lambda: MEANS[1] / MEANS[0], "one number"),
    wrong("escalation_means", "text", lambda: "296, 1011", "text"),
    wrong("escalation_means", "one right, one wrong", lambda: (MEANS[0], 700), "does not agree"),
    # task 2: the top three regions
    right("top_regions_2019", "nlargest(3)", lambda: TOP3),
    right("top_regions_2019", "a one-column frame", lambda: TOP3.to_frame()),
    right(
        "top_regions_2019",
        "a two-column table",
        lambda: V[V["year"] == 2019].nlargest(3, "pv_fatalities")[["region", "pv_fatalities"]],
    ),
    right(
        "top_regions_2019",
        "the full rows, region as index",
        lambda: (
            V[V["year"] == 2019]
            .sort_values("pv_fatalities", ascending=False)
            .head(3)
            .set_index("region")[["pv_fatalities"]]
        ),
    ),
    right("top_regions_2019", "a dictionary", lambda: {str(k): int(v) for k, v in TOP3.items()}),
    right("top_regions_2019", "floats", lambda: TOP3.astype(float)),
    wrong(
        "top_regions_2019",
        "events",
        lambda: V[V["year"] == 2019].set_index("region")["pv_events"].nlargest(3),
        "events",
    ),
    wrong(
        "top_regions_2019",
        "violence against civilians",
        lambda: V[V["year"] == 2019].set_index("region")["vac_fatalities"].nlargest(3),
        "violence against civilians",
    ),
    wrong(
        "top_regions_2019",
        "another year",
        lambda: R20.set_index("region")["pv_fatalities"].nlargest(3),
        "of 2020",
    ),
    wrong("top_regions_2019", "ascending order", lambda: TOP3.sort_values(), "not in the order"),
    wrong("top_regions_2019", "every region, unsorted", lambda: R19, "every region"),
    wrong("top_regions_2019", "every region, sorted", lambda: R19.sort_values(ascending=False), "top 3 only"),
    wrong("top_regions_2019", "head(3) without sorting", lambda: R19.head(3), "not the largest"),
    wrong(
        "top_regions_2019",
        "a total row",
        lambda: pd.concat([pd.Series({"Total": R19.sum()}), TOP3.rename(index=str)]).head(3),
        "total",
    ),
    wrong(
        "top_regions_2019",
        "an accent",
        lambda: pd.Series([1265, 219, 88], index=["Mopti", "Menaka", "Ségou"]),
        "accent",
    ),
    wrong("top_regions_2019", "text values", lambda: TOP3.astype(str), "not numbers"),
    wrong(
        "top_regions_2019",
        "the year as text in the filter",
        lambda: V[V["year"] == "2019"].set_index("region")["pv_fatalities"],
        "empty",
    ),
    # task 3: the centre's share
    right("centre_share_2020", "the fraction", lambda: SHARE),
    right("centre_share_2020", "round(, 2)", lambda: round(SHARE, 2)),
    right("centre_share_2020", "round(, 3)", lambda: round(SHARE, 3)),
    right("centre_share_2020", "a one-value Series", lambda: pd.Series([SHARE])),
    right("centre_share_2020", "float32", lambda: np.float32(SHARE)),
    wrong("centre_share_2020", "a percentage", lambda: SHARE * 100, "percentage"),
    wrong("centre_share_2020", "the count", lambda: CENTRE["pv_fatalities"].sum(), "count of fatalities"),
    wrong(
        "centre_share_2020",
        "events",
        lambda: CENTRE["pv_events"].sum() / R20["pv_events"].sum(),
        "share of events",
    ),
    wrong(
        "centre_share_2020",
        "violence against civilians",
        lambda: CENTRE["vac_fatalities"].sum() / R20["vac_fatalities"].sum(),
        "violence against civilians",
    ),
    wrong(
        "centre_share_2020",
        "Mopti only (accent on Ségou)",
        lambda: R20[R20["region"] == "Mopti"]["pv_fatalities"].sum() / R20["pv_fatalities"].sum(),
        "Segou",
    ),
    wrong(
        "centre_share_2020",
        "another year",
        lambda: (
            lambda r: (
                r[r["region"].isin(["Mopti", "Segou"])]["pv_fatalities"].sum() / r["pv_fatalities"].sum()
            )
        )(V[V["year"] == 2019]),
        "2019",
    ),
    wrong(
        "centre_share_2020",
        "all four years underneath",
        lambda: CENTRE["pv_fatalities"].sum() / V["pv_fatalities"].sum(),
        "all four years",
    ),
    wrong(
        "centre_share_2020",
        "one share per region",
        lambda: R20.set_index("region")["pv_fatalities"] / R20["pv_fatalities"].sum(),
        "several numbers",
    ),
    wrong("centre_share_2020", "too rounded", lambda: 0.6, "too rounded"),
    # task 4: the peak
    right("minusma_peak", ".max()", lambda: S["total"].max()),
    right("minusma_peak", "int()", lambda: int(S["total"].max())),
    right("minusma_peak", "a float", lambda: float(S["total"].max())),
    right(
        "minusma_peak",
        "sort and take the first",
        lambda: S.sort_values("total", ascending=False)["total"].head(1),
    ),
    wrong("minusma_peak", "troops only", lambda: S["troops"].max(), "troops only"),
    wrong(
        "minusma_peak", "troops plus police", lambda: (S["troops"] + S["police"]).max(), "military experts"
    ),
    wrong("minusma_peak", "the mean", lambda: S["total"].mean(), "average"),
    wrong("minusma_peak", "the contributors", lambda: S["contributors"].max(), "contributing countries"),
    wrong(
        "minusma_peak",
        "the annual means",
        lambda: data.load("china_minusma")["minusma_personnel"].max(),
        "china_minusma",
    ),
    wrong("minusma_peak", "the brief's figure", lambda: 13000, "claim to test"),
    wrong("minusma_peak", "the date (idxmax)", lambda: S.loc[S["total"].idxmax(), "date"], "date"),
    wrong("minusma_peak", "a whole row", lambda: S.loc[S["total"].idxmax()], "whole row"),
    # tasks 5 and 7: multiple choice
    *letters("strength_claim", "B", ex03.QUIZ_STRENGTH),
    *letters("coup_year", "B", ex03.QUIZ_COUP),
    # task 6: the chart
    right("deaths_chart", "ax.bar", lambda: bars(MALI.index, MALI.values)),
    right("deaths_chart", "years as text", lambda: bars(MALI.index.astype(str), MALI.values)),
    right("deaths_chart", "pandas .plot.bar", lambda: figure(lambda ax: MALI.plot.bar(ax=ax))),
    right("deaths_chart", "stacked by type", stacked),
    right(
        "deaths_chart",
        "horizontal bars",
        lambda: bars(
            MALI.index, MALI.values, kind="barh", xlabel="Deaths (UCDP best estimate)", ylabel="Year"
        ),
    ),
    right(
        "deaths_chart",
        "an extra zero line",
        lambda: figure(lambda ax: (ax.bar(MALI.index, MALI.values), ax.axhline(0, color="black"))),
    ),
    wrong("deaths_chart", "multi-country rows", lambda: bars(EVERY.index, EVERY.values), "multi-country"),
    wrong("deaths_chart", "the GED series", lambda: bars(GED["year"], GED["deaths"]), "GED 19.1"),
    wrong("deaths_chart", "state-based only", lambda: bars(STATE.index, STATE.values), "state-based"),
    wrong("deaths_chart", "every row as a bar", lambda: bars(D["year"], D["deaths_best"]), "one bar per row"),
    wrong(
        "deaths_chart",
        "years missing",
        lambda: bars(MALI.loc[2015:].index, MALI.loc[2015:].values),
        "only for 8 of the 15",
    ),
    wrong("deaths_chart", "a line", lambda: figure(lambda ax: ax.plot(MALI.index, MALI.values)), "bar chart"),
    wrong("deaths_chart", "wrong heights", lambda: bars(MALI.index, MALI.values * 2), "values differ"),
    wrong(
        "deaths_chart",
        "no unit",
        lambda: bars(MALI.index, MALI.values, ylabel="UCDP best estimate"),
        "names no unit",
    ),
    wrong("deaths_chart", "no title", lambda: bars(MALI.index, MALI.values, title=""), "title"),
    wrong("deaths_chart", "the Series, not the figure", lambda: MALI, "give the Figure"),
    # task 8: writing
    *writing(
        "escalation_argument",
        [
            ex03.MODEL_ANSWER,
            GOOD_TEXTS[0],
            "Yes, mostly. In the Mali-only UCDP rows, deaths per year more than "
            "triple from 2015-2017 to 2018-2020. But the rise starts in 2017, and "
            "by 2020 most fatalities were in Mopti and Segou. UCDP and ACLED count "
            "differently, so the trend matters more than any single number.",
        ],
    ),
    # the no-code track: tasks 1, 2 and 6, letters
    *letters("nocode_escalation", "B", ex03.QUIZ_ESCALATION),
    *letters("nocode_where", "B", ex03.QUIZ_WHERE),
    *letters("nocode_shape", "B", ex03.QUIZ_SHAPE),
    # task 3: a share read off the prepared ranking (per cent in the table, a fraction asked)
    right("nocode_centre", "the two shares added, as a fraction", lambda: 0.649),
    right("nocode_centre", "two decimals", lambda: 0.65),
    right("nocode_centre", "computed from the counts", lambda: float(SHARE)),
    wrong("nocode_centre", "the percentage", lambda: 64.9, "percentage"),
    wrong("nocode_centre", "Mopti alone", lambda: 0.56, "Mopti's share alone"),
    wrong("nocode_centre", "the north", lambda: 0.33, "northern regions"),
    wrong("nocode_centre", "a count", lambda: int(CENTRE["pv_fatalities"].sum()), "not a share"),
    # task 4: a count read off the prepared table of peak months
    right("nocode_peak", "the total", lambda: 12338),
    right("nocode_peak", "a float", lambda: 12338.0),
    right("nocode_peak", "a numpy integer", lambda: np.int64(S["total"].max())),
    wrong("nocode_peak", "troops only", lambda: int(S["troops"].max()), "troops only"),
    wrong("nocode_peak", "the brief's figure", lambda: 13000, "brief's figure"),
    wrong("nocode_peak", "an earlier year's highest month", lambda: 12057, "another year"),
    wrong("nocode_peak", "troops and police", lambda: 12302, "military experts"),
]

SECRETS = {
    "escalation_means": ["296.6", "1011.6", "1,011"],
    "top_regions_2019": ["Mopti", "Menaka", "Gao"],
    "centre_share_2020": ["0.649", "64.9"],
    "minusma_peak": ["12338", "12,338"],
    "strength_claim": ["answer is B"],
    "deaths_chart": [],
    "coup_year": ["answer is B"],
    "escalation_argument": [],
    "nocode_escalation": ["answer is B"],
    "nocode_where": ["answer is B"],
    "nocode_centre": ["0.649", "64.9"],
    "nocode_peak": ["12338", "12,338"],
    "nocode_shape": ["answer is B"],
}
