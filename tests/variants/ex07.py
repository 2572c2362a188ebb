"""Exercise 07: learner variants of every task."""

import pandas as pd

from nexus import data
from nexus.feedback import ex07
from nexus.widgets import lens_sorter
from variants import GOOD_TEXTS, figure, letters, right, writing, wrong

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
C = CLAIMS
ARGUMENT_TAIL = (
    "To ECOWAS, then: press Beijing to act on R6 Coordinate beyond MINUSMA, because the conflict "
    "crosses borders and UCDP records hundreds of deaths each year in rows spanning Mali and its "
    "neighbours. The brief says China has not done nearly enough with governance, so the memo also "
    "backs R5 Assess conflict impact of infrastructure. What could go wrong is that Beijing keeps "
    "working only with the government in Bamako, and a change of government there leaves its "
    "projects exposed. The data cannot show whether any project would bring security, nor what the "
    "region's other partners would do in its place."
)


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
    # task 8: the memo's Argument section (150-250 words, saved into the memo builder's file)
    *writing(
        "memo_argument",
        [
            ex07.MODEL_ANSWER,
            GOOD_TEXTS[0] + " " + ARGUMENT_TAIL,
            "To Bamako: steer the partnership with China towards the regions where people die. UCDP "
            "records about 1,000 deaths a year located in Mali alone in 2019-2020, and ACLED places over "
            "half of the fatalities of 2017-2020 in Mopti, where the suite's partial list names no Chinese "
            "project. I recommend R1 Know Mali's context; go beyond Bamako, and my own recommendation: "
            "ask Chinese firms to hire and train in the centre. The brief warns that projects without "
            "government control risk being destroyed, so the state must return first, and the brief "
            "calls any focus on Mali necessary but not sufficient: the Sahel's borders matter. What could "
            "go wrong: projects in the centre may be attacked, and Beijing may prefer the capital. These "
            "figures show where violence is, not what a project would change. Bamako should also ask "
            "for the evaluations that R5 Assess conflict impact of infrastructure calls for, and share "
            "them with its neighbours.",
        ],
        min_words=150,
    ),
    # the no-code track: task 1, a sum read off the prepared table
    right("nocode_total", "the sum", lambda: 66),
    right("nocode_total", "a float", lambda: 66.0),
    right("nocode_total", "counted from the table", lambda: int((C["section"] != "policy points").sum())),
    wrong("nocode_total", "the policy points kept", lambda: len(C), "policy points"),
    wrong("nocode_total", "the policy points alone", lambda: 3, "alone"),
    wrong("nocode_total", "the tested column", lambda: int(C["tested_with_data"].sum()), "tested column"),
    # tasks 2 and 5, letters
    *letters("nocode_testable", "A", ex07.QUIZ_TESTABLE),
    *letters("nocode_two_lines", "A", ex07.QUIZ_TWO_LINES),
    # task 3, a count read off the prepared table
    right("nocode_governance", "the count", lambda: 1),
    right("nocode_governance", "a float", lambda: 1.0),
    right("nocode_governance", "a one-value Series", lambda: pd.Series([1])),
    wrong("nocode_governance", "with the recommended tools", lambda: 3, "only recommends"),
    wrong("nocode_governance", "the development rows", lambda: 10, "development instruments"),
    wrong("nocode_governance", "every instrument in use", lambda: 18, "every instrument"),
    # task 4, a ratio read off the prepared table
    right("nocode_ratio", "three decimals", lambda: 0.601),
    right("nocode_ratio", "two decimals", lambda: 0.6),
    right("nocode_ratio", "computed", lambda: float(RATIO[2020])),
    wrong("nocode_ratio", "upside down", lambda: float(1 / RATIO[2020]), "upside down"),
    wrong("nocode_ratio", "the scopes added", lambda: float(W.loc[2020, MULTI] / W.loc[2020].sum()),
          "sum of the two scopes"),
    wrong("nocode_ratio", "a percentage", lambda: 60.1, "percentage"),
    wrong("nocode_ratio", "another year", lambda: float(RATIO[2019]), "ratio for 2019"),
]

SECRETS = {
    "statements": [],
    "tested_share": [],
    "practice": [],
    "regional_ratio": ["0.43", "0.60", "0.39"],
    "chart": [],
    "q_sufficient": ["answer is B"],
    "q_legs": ["answer is A"],
    "memo_argument": [],
    "nocode_total": ["66"],
    "nocode_testable": ["answer is A"],
    "nocode_governance": [],
    "nocode_ratio": ["0.601", "0.60"],
    "nocode_two_lines": ["answer is A"],
}
