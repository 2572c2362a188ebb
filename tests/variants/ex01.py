"""Exercise 01: learner variants of every task."""

import numpy as np
import pandas as pd

from nexus import data
from nexus.feedback import ex01
from variants import GOOD_TEXTS, figure, letters, right, writing, wrong

MODULE = ex01
INST = data.load("brief_instruments")
P5 = data.load("peacekeepers_p5")
CHINA = P5[P5["country"] == "China"]
DEC = CHINA[CHINA["measure"] == "December snapshot"].sort_values("year")
MEANS = CHINA[CHINA["measure"] == "annual mean of monthly reports"]
COUNTS = INST["lens"].value_counts()
OBSERVED = INST[~INST["instrument"].str.contains("(recommendation)", regex=False)]
BY_YEAR = DEC.set_index("year")["personnel"]
CHANGE = BY_YEAR[2013] - BY_YEAR[2003]


def line(x, y, kind="plot", **labels):
    labels.setdefault("ylabel", "Uniformed personnel (people)")
    return figure(lambda ax: getattr(ax, kind)(list(x), list(y)), **labels)


VARIANTS = [
    # task 1: counts per lens
    right("lens_counts", "value_counts()", lambda: COUNTS),
    right("lens_counts", "groupby().size()", lambda: INST.groupby("lens", observed=True).size()),
    right("lens_counts", "a dictionary", lambda: COUNTS.to_dict()),
    right("lens_counts", "a two-column table", lambda: COUNTS.reset_index()),
    right("lens_counts", "a one-column DataFrame", lambda: COUNTS.to_frame()),
    right("lens_counts", "capitalised labels", lambda: COUNTS.rename(lambda s: s.capitalize())),
    wrong(
        "lens_counts", "shares (normalize=True)", lambda: INST["lens"].value_counts(normalize=True), "shares"
    ),
    wrong(
        "lens_counts", "percentages", lambda: INST["lens"].value_counts(normalize=True) * 100, "percentages"
    ),
    wrong(
        "lens_counts",
        "counted brief_claims",
        lambda: data.load("brief_claims")["kind"].value_counts(),
        "brief_claims",
    ),
    wrong(
        "lens_counts",
        "counted instrument names",
        lambda: INST["instrument"].value_counts(),
        "instrument names",
    ),
    wrong(
        "lens_counts",
        "left out the recommended tools",
        lambda: OBSERVED["lens"].value_counts(),
        "only recommends",
    ),
    wrong(
        "lens_counts",
        "filtered the table first",
        lambda: INST.head(10)["lens"].value_counts(),
        "without filtering",
    ),
    wrong("lens_counts", "one number", lambda: 21, "single number"),
    # task 2: first year over 1,000
    right("first_year_over_1000", "int()", lambda: int(DEC.loc[DEC["personnel"] > 1000, "year"].min())),
    right("first_year_over_1000", "a numpy integer", lambda: DEC.loc[DEC["personnel"] > 1000, "year"].min()),
    right("first_year_over_1000", "a float", lambda: float(DEC.loc[DEC["personnel"] > 1000, "year"].min())),
    right(
        "first_year_over_1000", "a one-value Series", lambda: DEC.loc[DEC["personnel"] > 1000, "year"].head(1)
    ),
    wrong("first_year_over_1000", "the year as text", lambda: "2004", "text"),
    wrong(
        "first_year_over_1000",
        "the annual means",
        lambda: int(MEANS.loc[MEANS["personnel"] > 1000, "year"].min()),
        "annual means",
    ),
    wrong(
        "first_year_over_1000",
        "all countries",
        lambda: int(P5.loc[P5["personnel"] > 1000, "year"].min()),
        "another permanent member",
    ),
    wrong(
        "first_year_over_1000",
        "the personnel instead of the year",
        lambda: int(DEC.loc[DEC["personnel"] > 1000, "personnel"].iloc[0]),
        "number of personnel",
    ),
    wrong(
        "first_year_over_1000",
        "the last year (max)",
        lambda: int(DEC.loc[DEC["personnel"] > 1000, "year"].max()),
        "last December snapshot",
    ),
    wrong("first_year_over_1000", "a year below 1,000", lambda: 1999, "below 1,000"),
    wrong(
        "first_year_over_1000", "several years", lambda: DEC.loc[DEC["personnel"] > 1000, "year"], "values"
    ),
    # task 3: change 2003-2013
    right("change_2003_2013", "int() of the difference", lambda: int(CHANGE)),
    right("change_2003_2013", "a numpy integer", lambda: CHANGE),
    right("change_2003_2013", "a float", lambda: float(CHANGE)),
    right("change_2003_2013", "a one-value Series", lambda: pd.Series([CHANGE])),
    wrong("change_2003_2013", "reversed subtraction", lambda: -CHANGE, "reversed"),
    wrong(
        "change_2003_2013",
        "the 2013 annual mean",
        lambda: int(MEANS.set_index("year").loc[2013, "personnel"] - BY_YEAR[2003]),
        "annual mean",
    ),
    wrong(
        "change_2003_2013",
        "the March 2014 snapshot",
        lambda: int(CHINA[CHINA["measure"] == "March snapshot"]["personnel"].iloc[0] - BY_YEAR[2003]),
        "March 2014",
    ),
    wrong("change_2003_2013", "a ratio", lambda: BY_YEAR[2013] / BY_YEAR[2003], "ratio"),
    wrong(
        "change_2003_2013",
        "a percentage change",
        lambda: (BY_YEAR[2013] / BY_YEAR[2003] - 1) * 100,
        "percentage change",
    ),
    wrong("change_2003_2013", "one year's value", lambda: BY_YEAR[2013], "one year's value"),
    wrong("change_2003_2013", "a whole column", lambda: DEC["personnel"], "several values"),
    # task 4: the chart
    right("peacekeeper_chart", "ax.plot", lambda: line(DEC["year"], DEC["personnel"])),
    right("peacekeeper_chart", "reverse year order", lambda: line(DEC["year"][::-1], DEC["personnel"][::-1])),
    right("peacekeeper_chart", "years as text", lambda: line(DEC["year"].astype(str), DEC["personnel"])),
    right("peacekeeper_chart", "the date column", lambda: line(DEC["date"], DEC["personnel"])),
    right(
        "peacekeeper_chart",
        "pandas .plot on ax",
        lambda: figure(
            lambda ax: DEC.set_index("year")["personnel"].plot(ax=ax), ylabel="Personnel (people)"
        ),
    ),
    right(
        "peacekeeper_chart",
        "an extra zero line",
        lambda: figure(lambda ax: (ax.plot(DEC["year"], DEC["personnel"]), ax.axhline(0)), ylabel="People"),
    ),
    right(
        "peacekeeper_chart",
        "thousands, said so",
        lambda: line(DEC["year"], DEC["personnel"] / 1000, ylabel="Personnel (thousands of people)"),
    ),
    right("peacekeeper_chart", "the Axes", lambda: line(DEC["year"], DEC["personnel"]).axes[0]),
    wrong("peacekeeper_chart", "all China's rows", lambda: line(CHINA["year"], CHINA["personnel"]), "mixing"),
    wrong(
        "peacekeeper_chart",
        "the March 2014 snapshot",
        lambda: line(
            CHINA[CHINA["measure"] != "annual mean of monthly reports"]["year"],
            CHINA[CHINA["measure"] != "annual mean of monthly reports"]["personnel"],
        ),
        "March 2014",
    ),
    wrong(
        "peacekeeper_chart",
        "all five countries",
        lambda: line(
            P5[P5["measure"] == "December snapshot"]["year"],
            P5[P5["measure"] == "December snapshot"]["personnel"],
        ),
        "five countries",
    ),
    wrong("peacekeeper_chart", "bars", lambda: line(DEC["year"], DEC["personnel"], kind="bar"), "line chart"),
    wrong(
        "peacekeeper_chart",
        "a scatter",
        lambda: line(DEC["year"], DEC["personnel"], kind="scatter"),
        "line chart",
    ),
    wrong("peacekeeper_chart", "axes swapped", lambda: line(DEC["personnel"], DEC["year"]), "swapped"),
    wrong(
        "peacekeeper_chart",
        "shuffled rows",
        lambda: line(
            DEC.sample(frac=1, random_state=1)["year"], DEC.sample(frac=1, random_state=1)["personnel"]
        ),
        "zigzag",
    ),
    wrong("peacekeeper_chart", "no title", lambda: line(DEC["year"], DEC["personnel"], title=""), "title"),
    wrong(
        "peacekeeper_chart",
        "no x label",
        lambda: line(DEC["year"], DEC["personnel"], xlabel=""),
        "x-axis label",
    ),
    wrong(
        "peacekeeper_chart",
        "no unit",
        lambda: line(DEC["year"], DEC["personnel"], ylabel="Personnel"),
        "names no unit",
    ),
    wrong(
        "peacekeeper_chart",
        "thousands, unsaid",
        lambda: line(DEC["year"], DEC["personnel"] / 1000),
        "divided by 1,000",
    ),
    wrong("peacekeeper_chart", "not a figure", lambda: DEC, "give the Figure"),
    wrong("peacekeeper_chart", "an empty figure", lambda: figure(lambda ax: None), "empty"),
    # task 5: multiple choice
    *letters("nexus_claim", "B", ex01.QUIZ_NEXUS),
    # task 6: writing
    *writing(
        "military_lens",
        [
            ex01.MODEL_ANSWER,
            GOOD_TEXTS[0],
            "A military lens misses most of it. The brief argues that China expects "
            "development, jobs and poverty alleviation to bring stability. In Mali, "
            "China builds infrastructure, gives scholarships and runs a hospital in "
            "MINUSMA's Gao camp. But counting these instruments cannot show whether "
            "they bring security.",
        ],
    ),
    # the no-code track: task 1, a count read off the prepared table
    right("nocode_governance", "the count", lambda: 2),
    right("nocode_governance", "a float", lambda: 2.0),
    right("nocode_governance", "a numpy integer", lambda: np.int64(2)),
    wrong("nocode_governance", "every governance instrument", lambda: 3, "both"),
    wrong("nocode_governance", "the ones China already uses", lambda: 1, "already uses"),
    wrong("nocode_governance", "the military row count", lambda: 8, "military"),
    wrong("nocode_governance", "the number in quotes", lambda: "2", "without quotes"),
    # task 2, a year read off the prepared table
    right("nocode_first_year", "the year", lambda: 2004),
    right("nocode_first_year", "a float", lambda: 2004.0),
    right("nocode_first_year", "a one-value Series", lambda: pd.Series([2004])),
    wrong("nocode_first_year", "the year before", lambda: 2003, "not more than 1,000"),
    wrong("nocode_first_year", "a later year above 1,000", lambda: 2008, "not for the first time"),
    wrong("nocode_first_year", "the count instead of the year", lambda: int(BY_YEAR[2004]), "not a year"),
    wrong("nocode_first_year", "a year outside the table", lambda: 1985, "runs from 1990 to 2013"),
    # tasks 3 and 4, letters
    *letters("nocode_growth", "C", ex01.QUIZ_GROWTH),
    *letters("nocode_chart", "B", ex01.QUIZ_WHEN),
]

SECRETS = {
    "lens_counts": [],
    "first_year_over_1000": ["2004"],
    "change_2003_2013": ["1720", "1,720"],
    "peacekeeper_chart": [],
    "nexus_claim": ["answer is B"],
    "military_lens": [],
    "nocode_governance": ["2 of the"],
    "nocode_first_year": ["2004"],
    "nocode_growth": ["answer is C"],
    "nocode_chart": ["answer is B"],
}
