"""Exercise 06: learner variants of every task."""

import pandas as pd

from nexus import data
from nexus.feedback import ex06
from variants import GOOD_TEXTS, figure, letters, right, writing, wrong

MODULE = ex06
R = data.load("brief_recommendations")
ONLY = R[R["kind"] == "recommendation"]
LINKS = ONLY.assign(challenge=ONLY["challenges"].str.split(";")).explode("challenge")
ALL_LINKS = R.assign(challenge=R["challenges"].str.split(";")).explode("challenge")
COUNTS = ONLY["challenges"].str.split(";").explode().value_counts()
SHARES = COUNTS / len(ONLY)
MATRIX = pd.crosstab(LINKS["id"], LINKS["challenge"])


def changed(frame):
    out = frame.copy()
    out.iloc[0, 0] = 1 - out.iloc[0, 0]
    return out


def bars(labels, heights, kind="bar", ylabel="Recommendations (count)", **kw):
    if kind == "barh":
        kw.setdefault("xlabel", ylabel)
        kw.setdefault("ylabel", "Challenge")
        return figure(lambda ax: ax.barh(list(labels), list(heights)), **kw)
    return figure(
        lambda ax: ax.bar(list(labels), list(heights)),
        xlabel=kw.pop("xlabel", "Challenge"),
        ylabel=ylabel,
        **kw,
    )


SORTED = COUNTS.sort_index()

VARIANTS = [
    # task 1: the matrix
    right("matrix", "crosstab", lambda: MATRIX),
    right("matrix", "transposed", lambda: MATRIX.T),
    right("matrix", "True/False", lambda: MATRIX.astype(bool)),
    right("matrix", "rows in another order", lambda: MATRIX.sample(frac=1, random_state=1)),
    right("matrix", "short names as rows", lambda: pd.crosstab(LINKS["short_name"], LINKS["challenge"])),
    right(
        "matrix",
        "empty policy-point rows of a categorical id",
        lambda: pd.crosstab(LINKS["id"].astype(R["id"].dtype), LINKS["challenge"], dropna=False),
    ),
    right(
        "matrix",
        "pivot_table with fill_value",
        lambda: LINKS.assign(one=1).pivot_table(
            index="id", columns="challenge", values="one", aggfunc="sum", fill_value=0, observed=True
        ),
    ),
    wrong("matrix", "not split", lambda: pd.crosstab(ONLY["id"], ONLY["challenges"]), "';'"),
    wrong(
        "matrix",
        "policy points kept",
        lambda: pd.crosstab(ALL_LINKS["id"], ALL_LINKS["challenge"]),
        "policy points",
    ),
    wrong(
        "matrix", "margins=True", lambda: pd.crosstab(LINKS["id"], LINKS["challenge"], margins=True), "totals"
    ),
    wrong("matrix", "a Series", lambda: COUNTS, "Series"),
    wrong("matrix", "counted twice", lambda: MATRIX * 2, "more than once"),
    wrong("matrix", "the original table", lambda: R, "original table"),
    wrong("matrix", "one cell typed wrong", lambda: changed(MATRIX),
          "row R1 Know Mali's context; go beyond Bamako, column CH0 General limits"),
    wrong(
        "matrix",
        "NaN left by pivot_table",
        lambda: LINKS.assign(one=1).pivot_table(
            index="id", columns="challenge", values="one", aggfunc="sum", observed=True
        ),
        "empty (NaN)",
    ),
    # task 2: least answered
    right("least_answered", "idxmin()", lambda: COUNTS.drop("CH0").idxmin()),
    right("least_answered", "lower case with spaces", lambda: " ch1 "),
    right("least_answered", "the challenge's name", lambda: "No focus on governance"),
    right("least_answered", "sort_values().index[0]", lambda: COUNTS.drop("CH0").sort_values().index[0]),
    wrong("least_answered", "CH0 kept", lambda: "CH0", "numbered"),
    wrong("least_answered", "the most answered", lambda: "CH3", "MOST"),
    wrong("least_answered", "another challenge", lambda: "CH2", "not the fewest"),
    wrong("least_answered", "the count (min)", lambda: COUNTS.drop("CH0").min(), "count"),
    wrong("least_answered", "the whole Series", lambda: COUNTS, "idxmin"),
    wrong("least_answered", "a recommendation id", lambda: "R5", "recommendation's id"),
    # task 3: shares
    right("shares", "counts / 6", lambda: SHARES),
    right("shares", "sorted", lambda: SHARES.sort_index()),
    right("shares", "a one-column frame", lambda: SHARES.to_frame("share")),
    right("shares", "rounded to two decimals", lambda: SHARES.round(2)),
    right("shares", "a dictionary", lambda: SHARES.to_dict()),
    wrong("shares", "counts", lambda: COUNTS, "counts, not shares"),
    wrong("shares", "percentages", lambda: SHARES * 100, "percentages"),
    wrong(
        "shares",
        "normalize=True after exploding",
        lambda: ONLY["challenges"].str.split(";").explode().value_counts(normalize=True),
        "number of links",
    ),
    wrong(
        "shares",
        "policy points kept",
        lambda: R["challenges"].str.split(";").explode().value_counts() / len(R),
        "policy points",
    ),
    wrong("shares", "not split", lambda: ONLY["challenges"].value_counts() / len(ONLY), "';'"),
    wrong("shares", "two columns of numbers", lambda: pd.DataFrame({"a": [1.0], "b": [2.0]}), "one column"),
    # task 4: the chart
    right("chart", "ax.bar", lambda: bars(SORTED.index, SORTED.values)),
    right("chart", "horizontal bars", lambda: bars(SORTED.index, SORTED.values, kind="barh")),
    right(
        "chart",
        "pandas .plot.bar, unsorted",
        lambda: figure(lambda ax: COUNTS.plot.bar(ax=ax), ylabel="Number of recommendations"),
    ),
    wrong(
        "chart",
        "policy points kept",
        lambda: bars(
            *(lambda s: (s.index, s.values))(
                R["challenges"].str.split(";").explode().value_counts().sort_index()
            )
        ),
        "policy points",
    ),
    wrong(
        "chart",
        "not split",
        lambda: bars(*(lambda s: (s.index, s.values))(ONLY["challenges"].value_counts())),
        "';'",
    ),
    wrong("chart", "shares", lambda: bars(SORTED.index, SORTED.values / 6), "shares"),
    wrong("chart", "no title", lambda: bars(SORTED.index, SORTED.values, title=""), "title"),
    wrong("chart", "no unit", lambda: bars(SORTED.index, SORTED.values, ylabel="Challenge"), "names no unit"),
    wrong("chart", "unlabelled bars", lambda: bars(range(4), SORTED.values), "not labelled"),
    wrong(
        "chart",
        "a line",
        lambda: figure(lambda ax: ax.plot(list(SORTED.index), list(SORTED.values)), ylabel="Count"),
        "bar chart",
    ),
    wrong("chart", "wrong heights", lambda: bars(SORTED.index, [1, 2, 2, 3]), "differ"),
    # tasks 5 and 6: multiple choice
    *letters("q_bamako", "B", ex06.QUIZ_BAMAKO),
    *letters("q_coalition", "C", ex06.QUIZ_COALITION),
    # task 7: writing
    *writing(
        "priority_argument",
        [
            ex06.MODEL_ANSWER,
            GOOD_TEXTS[0],
            "I would prioritise R3, the Gao hospital. Faster response times save "
            "lives, and China already runs the hospital, so it is feasible. It does "
            "little for governance, though, and no data here can show how much "
            "trust it would build.",
        ],
    ),
    # the no-code track: tasks 1, 2 and 4, letters
    *letters("nocode_two", "A", ex06.QUIZ_TWO),
    *letters("nocode_least", "A", ex06.QUIZ_LEAST),
    *letters("nocode_bars", "A", ex06.QUIZ_SEVEN),
    # task 3, a share read off the prepared matrix
    right("nocode_share", "a half", lambda: 0.5),
    right("nocode_share", "three sixths, computed", lambda: 3 / 6),
    right("nocode_share", "from the counts", lambda: float(SHARES["CH3"])),
    wrong("nocode_share", "the count", lambda: 3, "count of recommendations"),
    wrong("nocode_share", "a percentage", lambda: 50, "percentage"),
    wrong("nocode_share", "divided by the links", lambda: 3 / 7, "number of 1s"),
    wrong("nocode_share", "another challenge's share", lambda: 1 / 3, "CH2 Bamako-centred"),
]

SECRETS = {
    "matrix": [],
    "least_answered": ["CH1 is", "answer is CH1"],
    "shares": [],
    "chart": [],
    "q_bamako": ["answer is B"],
    "q_coalition": ["answer is C"],
    "priority_argument": [],
    "nocode_two": ["answer is A"],
    "nocode_least": ["answer is A", "CH1 is"],
    "nocode_share": ["is 0.5"],
    "nocode_bars": ["answer is A"],
}
