"""Exercise 07: learner variants of every task."""

import pandas as pd

from nexus import data
from nexus.feedback import ex07
from nexus.widgets import lens_sorter
from variants import GOOD_TEXTS, figure, letters, right, wrong, writing

MODULE = ex07
CLAIMS = data.load("brief_claims")
KEPT = CLAIMS[CLAIMS["section"] != "policy points"]
INST = data.load("brief_instruments")
IN_USE = INST[~INST["instrument"].str.contains("(recommendation)", regex=False)]
D = data.load("conflict_deaths_by_type")
MALI, MULTI = "Mali only", "multi-country rows including Mali"
TESTED = KEPT.groupby("section", observed=True)["tested_with_data"].mean()


def wide(start, end, rows=D):
    r = rows[rows["year"].between(start, end)]
    return r.pivot_table(index="year", columns="scope", values="deaths_best", aggfunc="sum", observed=True)


W = wide(2019, 2022)
RATIO = W[MULTI] / W[MALI]
CHART = wide(2012, 2022)


def with_second_lens(rows):
    out = rows["lens"].astype(str).value_counts()
    for i in rows["id"].astype(str):
        for lens in [x for x in lens_sorter.ALSO.get(i, "").split(";") if x]:
            out[lens] += 1
    return out


def lines(series, legend=True, **kw):
    def draw(ax):
        for name, s in series.items():
            ax.plot(list(s.index), list(s.values), label=name)

    return figure(draw, legend=legend, **kw)


VARIANTS = [
    # task 1: statements per section
    right("statements", "value_counts(sort=False)", lambda: KEPT["section"].value_counts(sort=False)),
    right("statements", "text labels", lambda: KEPT["section"].astype(str).value_counts()),
    right("statements", "groupby().size()", lambda: KEPT.groupby("section", observed=True).size()),
    right("statements", "a one-column frame", lambda: KEPT["section"].value_counts().to_frame("n")),
    right("statements", "a dictionary", lambda: KEPT["section"].astype(str).value_counts().to_dict()),
    wrong("statements", "policy points kept", lambda: CLAIMS["section"].value_counts(), "policy points box"),
    wrong("statements", "per kind", lambda: KEPT["kind"].value_counts(), "per KIND"),
    wrong("statements", "shares", lambda: KEPT["section"].value_counts(normalize=True), "shares"),
    wrong(
        "statements",
        "tested only",
        lambda: KEPT.groupby("section", observed=True)["tested_with_data"].sum(),
        "tested with data",
    ),
    wrong(
        "statements", "a wide table", lambda: pd.crosstab(KEPT["section"], KEPT["kind"]), "several columns"
    ),
    # task 2: tested share
    right("tested_share", "groupby().mean()", lambda: TESTED),
    right(
        "tested_share", "an empty category's NaN", lambda: KEPT.groupby("section")["tested_with_data"].mean()
    ),
    right("tested_share", "two decimals", lambda: TESTED.round(2)),
    right(
        "tested_share",
        "sum / size",
        lambda: (
            KEPT.groupby("section", observed=True)["tested_with_data"].sum()
            / KEPT.groupby("section", observed=True).size()
        ),
    ),
    wrong(
        "tested_share",
        "policy points kept",
        lambda: CLAIMS.groupby("section", observed=True)["tested_with_data"].mean(),
        "policy points box",
    ),
    wrong(
        "tested_share",
        "counts",
        lambda: KEPT.groupby("section", observed=True)["tested_with_data"].sum(),
        "counts of tested statements",
    ),
    wrong("tested_share", "percentages", lambda: TESTED * 100, "percentages"),
    wrong(
        "tested_share",
        "divided by the whole brief",
        lambda: KEPT.groupby("section", observed=True)["tested_with_data"].sum() / len(KEPT),
        "whole brief",
    ),
    wrong("tested_share", "too rounded", lambda: TESTED.round(1), "too rounded"),
    # task 3: practice by lens
    right("practice", "value_counts()", lambda: IN_USE["lens"].value_counts(sort=False)),
    right("practice", "capitalised", lambda: IN_USE["lens"].value_counts().rename(lambda s: s.capitalize())),
    right("practice", "a one-column frame", lambda: IN_USE.groupby("lens", observed=True).size().to_frame()),
    right("practice", "a dictionary", lambda: IN_USE["lens"].astype(str).value_counts().to_dict()),
    wrong("practice", "recommended tools kept", lambda: INST["lens"].value_counts(), "only recommends"),
    wrong("practice", "second lens counted", lambda: with_second_lens(IN_USE), "counted twice"),
    wrong(
        "practice",
        "counted the challenges",
        lambda: data.load("brief_recommendations")["challenges"].str.split(";").explode().value_counts(),
        "per challenge",
    ),
    wrong("practice", "shares", lambda: IN_USE["lens"].value_counts(normalize=True), "shares"),
    wrong("practice", "instrument names", lambda: IN_USE["instrument"].value_counts(), "does not ask for"),
    # task 4: the regional ratio
    right("regional_ratio", "pivot and divide", lambda: RATIO),
    right("regional_ratio", "descending years", lambda: RATIO.sort_index(ascending=False)),
    right("regional_ratio", "a one-column frame", lambda: RATIO.to_frame("ratio")),
    right("regional_ratio", "years as text", lambda: RATIO.rename(index=str)),
    right("regional_ratio", "two decimals", lambda: RATIO.round(2)),
    wrong(
        "regional_ratio",
        "divided by the sum",
        lambda: W[MULTI] / (W[MALI] + W[MULTI]),
        "sum of the two scopes",
    ),
    wrong("regional_ratio", "upside down", lambda: W[MALI] / W[MULTI], "upside down"),
    wrong("regional_ratio", "percentages", lambda: RATIO * 100, "percentages"),
    wrong(
        "regional_ratio",
        "state-based only underneath",
        lambda: (
            W[MULTI]
            / D[(D["violence_type"] == "state-based") & (D["scope"] == MALI)]
            .set_index("year")["deaths_best"]
            .loc[2019:2022]
        ),
        "all three types",
    ),
    wrong(
        "regional_ratio",
        "2018 included",
        lambda: (lambda w: w[MULTI] / w[MALI])(wide(2018, 2022)),
        "does not ask for",
    ),
    wrong("regional_ratio", "a whole table", lambda: W, "several columns"),
    # task 5: the chart
    right("chart", "two lines", lambda: lines({MALI: CHART[MALI], MULTI: CHART[MULTI]})),
    right("chart", "pandas plot of the pivot", lambda: figure(lambda ax: CHART.plot(ax=ax), legend=False)),
    right(
        "chart",
        "a figure legend",
        lambda: (lambda f: (f.legend(), f)[1])(lines({MALI: CHART[MALI], MULTI: CHART[MULTI]}, legend=False)),
    ),
    right(
        "chart",
        "with a zero line",
        lambda: (lambda f: (f.axes[0].axhline(0), f)[1])(lines({MALI: CHART[MALI], MULTI: CHART[MULTI]})),
    ),
    wrong(
        "chart",
        "the scopes added",
        lambda: lines({MALI: CHART[MALI], "sum": CHART[MALI] + CHART[MULTI]}),
        "adds the two scopes",
    ),
    wrong("chart", "one scope only", lambda: lines({MALI: CHART[MALI]}), "could not find"),
    wrong(
        "chart", "no legend", lambda: lines({MALI: CHART[MALI], MULTI: CHART[MULTI]}, legend=False), "legend"
    ),
    wrong(
        "chart",
        "more years",
        lambda: lines({MALI: wide(2008, 2022)[MALI], MULTI: wide(2008, 2022)[MULTI]}),
        "plus 4 more",
    ),
    wrong("chart", "bars", lambda: figure(lambda ax: CHART.plot.bar(ax=ax), legend=True), "line chart"),
    wrong(
        "chart",
        "no unit",
        lambda: lines({MALI: CHART[MALI], MULTI: CHART[MULTI]}, ylabel="Scope"),
        "names no unit",
    ),
    wrong("chart", "the table", lambda: CHART, "give the Figure"),
    # tasks 6 and 7: multiple choice
    *letters("q_sufficient", "B", ex07.QUIZ_SUFFICIENT),
    *letters("q_legs", "A", ex07.QUIZ_LEGS),
    # task 8: the memo paragraph
    *writing(
        "memo_paragraph",
        [
            ex07.MODEL_ANSWER,
            GOOD_TEXTS[0] + " The regional angle matters as well.",
            "To Beijing: the brief finds that China has not done nearly enough with "
            "governance. UCDP records about 1,000 deaths a year in Mali alone in "
            "2019-2020, and roughly half as many again in rows spanning Mali and its "
            "neighbours. I recommend R5 and R6, because a Mali-only focus is necessary "
            "but not sufficient. The risk is that a government-focused approach is "
            "exposed when Bamako's rulers change.",
        ],
        min_words=60,
    ),
]

SECRETS = {
    "statements": [],
    "tested_share": [],
    "practice": [],
    "regional_ratio": ["0.43", "0.60", "0.39"],
    "chart": [],
    "q_sufficient": ["answer is B"],
    "q_legs": ["answer is A"],
    "memo_paragraph": [],
}
