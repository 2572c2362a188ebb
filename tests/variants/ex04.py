"""Exercise 04: learner variants of every task."""

import numpy as np
import pandas as pd

from nexus import data
from nexus.feedback import ex04
from variants import GOOD_TEXTS, figure, letters, right, writing, wrong

MODULE = ex04
P5 = data.load("peacekeepers_p5")
M = data.load("china_minusma")
FAT = data.load("china_peacekeeper_fatalities")
SNAP, MEAN = "December snapshot", "annual mean of monthly reports"
DEC13 = P5[(P5["measure"] == SNAP) & (P5["year"] == 2013)]
MARCH = P5[P5["measure"] == "March snapshot"]
CHINA = P5[P5["country"] == "China"]
DEC = CHINA[CHINA["measure"] == SNAP].sort_values("year")
M1820 = M[(M["measure"] == MEAN) & M["year"].between(2018, 2020)]
MSHARE = (M1820["china_personnel"] / M1820["minusma_personnel"]).mean()
WIDE = P5[P5["measure"] == SNAP].pivot(index="year", columns="country", values="personnel")
COUNTS = FAT["mission"].value_counts()


def share(rows):
    return rows.loc[rows["country"] == "China", "personnel"].sum() / rows["personnel"].sum()


def minusma(years, pooled=False):
    rows = M[(M["measure"] == MEAN) & M["year"].isin(years)]
    if pooled:
        return rows["china_personnel"].sum() / rows["minusma_personnel"].sum()
    return (rows["china_personnel"] / rows["minusma_personnel"]).mean()


def line(x, y, kind="plot", **labels):
    labels.setdefault("ylabel", "Uniformed personnel (people)")
    return figure(lambda ax: getattr(ax, kind)(list(x), list(y)), **labels)


SHARE13 = share(DEC13)
LEADS = WIDE["China"] > WIDE.drop(columns="China").max(axis=1)

VARIANTS = [
    # task 1: China's share, December 2013
    right("china_share_dec2013", "the fraction", lambda: SHARE13),
    right("china_share_dec2013", "round(, 3)", lambda: round(SHARE13, 3)),
    right("china_share_dec2013", "a one-value Series", lambda: pd.Series([SHARE13])),
    right(
        "china_share_dec2013",
        "via a pivot",
        lambda: (lambda w: w["China"] / w.sum(axis=1))(
            P5[P5["measure"] == SNAP].pivot(index="year", columns="country", values="personnel")
        ).loc[2013],
    ),
    wrong("china_share_dec2013", "a percentage", lambda: SHARE13 * 100, "percentage"),
    wrong("china_share_dec2013", "rounded to two decimals", lambda: round(SHARE13, 2), "too rounded"),
    wrong(
        "china_share_dec2013",
        "the count",
        lambda: DEC13.loc[DEC13["country"] == "China", "personnel"].sum(),
        "a count",
    ),
    wrong("china_share_dec2013", "upside down", lambda: 1 / SHARE13, "what you divide by what"),
    wrong("china_share_dec2013", "divided by the other four", lambda: SHARE13 / (1 - SHARE13), "other four"),
    wrong("china_share_dec2013", "the March 2014 snapshot", lambda: share(MARCH), "March 2014"),
    wrong("china_share_dec2013", "December and March mixed", lambda: share(pd.concat([DEC13, MARCH])), "mix"),
    wrong(
        "china_share_dec2013",
        "the 2013 annual mean",
        lambda: share(P5[(P5["measure"] == MEAN) & (P5["year"] == 2013)]),
        "annual mean",
    ),
    wrong("china_share_dec2013", "all 2013 rows", lambda: share(P5[P5["year"] == 2013]), "two measures"),
    wrong("china_share_dec2013", "text", lambda: "0.587", "text"),
    # task 2: first year China leads
    right("first_year_top", "int(min())", lambda: int(WIDE.index[LEADS].min())),
    right("first_year_top", "a numpy integer", lambda: WIDE.index[LEADS].min()),
    right("first_year_top", "a float", lambda: float(WIDE.index[LEADS].min())),
    right("first_year_top", "idxmax of the True/False column", lambda: LEADS.idxmax()),
    wrong("first_year_top", "text", lambda: "2004", "text"),
    wrong("first_year_top", "the annual means", lambda: 2011, "annual means"),
    wrong("first_year_top", "ahead of some members only", lambda: 2003, "not all of them"),
    wrong("first_year_top", "a later year", lambda: 2009, "not for the first time"),
    wrong("first_year_top", "the March snapshot's year", lambda: 2014, "March snapshot"),
    wrong("first_year_top", "not a whole number", lambda: 2004.5, "whole number"),
    # task 3: China's share of MINUSMA
    right("minusma_mean_share", "mean of the yearly shares", lambda: MSHARE),
    right("minusma_mean_share", "pooled share", lambda: minusma([2018, 2019, 2020], pooled=True)),
    right("minusma_mean_share", "3 significant figures", lambda: round(MSHARE, 4)),
    right("minusma_mean_share", "a one-value Series", lambda: pd.Series([MSHARE])),
    wrong("minusma_mean_share", "a percentage", lambda: MSHARE * 100, "percentage"),
    wrong("minusma_mean_share", "0.03: a rounded right share", lambda: 0.03, "too rounded"),
    wrong("minusma_mean_share", "0.029: two significant figures", lambda: 0.029, "too rounded"),
    wrong("minusma_mean_share", "2017 included", lambda: minusma([2017, 2018, 2019, 2020]), "partial year"),
    wrong("minusma_mean_share", "2021 included", lambda: minusma([2018, 2019, 2020, 2021]), "partial year"),
    wrong(
        "minusma_mean_share", "mean number of people", lambda: M1820["china_personnel"].mean(), "not a share"
    ),
    wrong(
        "minusma_mean_share",
        "upside down",
        lambda: (M1820["minusma_personnel"] / M1820["china_personnel"]).mean(),
        "other way round",
    ),
    wrong(
        "minusma_mean_share",
        "three shares, not their mean",
        lambda: M1820["china_personnel"] / M1820["minusma_personnel"],
        "values",
    ),
    # task 4: fatalities per mission
    right("fatalities_by_mission", "value_counts()", lambda: COUNTS),
    right("fatalities_by_mission", "groupby().size()", lambda: FAT.groupby("mission").size()),
    right("fatalities_by_mission", "a one-column frame", lambda: COUNTS.rename("n").to_frame()),
    right("fatalities_by_mission", "a two-column table", lambda: COUNTS.rename_axis("mission").reset_index()),
    right("fatalities_by_mission", "a dictionary", lambda: COUNTS.to_dict()),
    right("fatalities_by_mission", "lower-case names", lambda: COUNTS.rename(lambda s: s.lower())),
    wrong(
        "fatalities_by_mission",
        "by personnel type",
        lambda: FAT["personnel_type"].value_counts(),
        "personnel type",
    ),
    wrong(
        "fatalities_by_mission",
        "by incident type",
        lambda: FAT["incident_type"].value_counts(),
        "incident type",
    ),
    wrong("fatalities_by_mission", "by year", lambda: FAT["incident_date"].dt.year.value_counts(), "by year"),
    wrong(
        "fatalities_by_mission",
        "incident dates",
        lambda: FAT.groupby("mission")["incident_date"].nunique(),
        "incident dates",
    ),
    wrong("fatalities_by_mission", "MINUSMA's count only", lambda: int(COUNTS["MINUSMA"]), "one number"),
    wrong("fatalities_by_mission", "a filtered table", lambda: COUNTS.iloc[:3], "missing"),
    # task 5: the chart (the same expectation and hints as exercise 01, task 4)
    right("china_personnel_chart", "ax.plot", lambda: line(DEC["year"], DEC["personnel"])),
    right(
        "china_personnel_chart",
        "a step line",
        lambda: figure(
            lambda ax: ax.step(DEC["year"], DEC["personnel"]), ylabel="Personnel (number of people)"
        ),
    ),
    right(
        "china_personnel_chart",
        "pandas plot",
        lambda: figure(lambda ax: DEC.plot(x="year", y="personnel", ax=ax), ylabel="People"),
    ),
    wrong(
        "china_personnel_chart", "all China's rows", lambda: line(CHINA["year"], CHINA["personnel"]), "mixing"
    ),
    wrong(
        "china_personnel_chart",
        "France's line",
        lambda: line(
            *(lambda r: (r["year"], r["personnel"]))(
                P5[(P5["country"] == "France") & (P5["measure"] == SNAP)]
            )
        ),
        "France",
    ),
    wrong(
        "china_personnel_chart", "no title", lambda: line(DEC["year"], DEC["personnel"], title=""), "title"
    ),
    wrong(
        "china_personnel_chart", "bars", lambda: line(DEC["year"], DEC["personnel"], kind="bar"), "line chart"
    ),
    wrong("china_personnel_chart", "the table", lambda: DEC, "give the Figure"),
    # task 6: multiple choice
    *letters("bri_motive", "B", ex04.QUIZ_BRI),
    # task 7: writing
    *writing(
        "motivation_argument",
        [
            ex04.MODEL_ANSWER,
            GOOD_TEXTS[0],
            "The peacekeeping motive explains it best. The brief puts MINUSMA at "
            "the forefront of China's UN peacekeeping, and in December 2013 China "
            "supplied more than half of the permanent members' peacekeepers. But "
            "head counts cannot show motives, and the Sahel and market access "
            "matter too.",
        ],
    ),
    # the no-code track: task 1, a share read off the prepared table
    right("nocode_share", "as the table shows it", lambda: 0.587),
    right("nocode_share", "all decimals", lambda: float(share(DEC13))),
    right("nocode_share", "a one-value Series", lambda: pd.Series([0.587])),
    wrong("nocode_share", "the March 2014 snapshot", lambda: round(float(share(MARCH)), 3), "March 2014"),
    wrong("nocode_share", "a percentage", lambda: 58.7, "percentage"),
    wrong("nocode_share", "France's share", lambda: 0.269, "share of France"),
    wrong("nocode_share", "the other four", lambda: 0.413, "other four"),
    wrong("nocode_share", "too rounded", lambda: 0.59, "too rounded"),
    # task 2, a year read off the prepared table
    right("nocode_first_lead", "the year", lambda: 2004),
    right("nocode_first_lead", "a float", lambda: 2004.0),
    right("nocode_first_lead", "a numpy integer", lambda: np.int64(2004)),
    wrong("nocode_first_lead", "a year the UK led", lambda: 2003, "the United Kingdom had more"),
    wrong("nocode_first_lead", "a year France led", lambda: 2008, "France had more"),
    wrong("nocode_first_lead", "a later year China led", lambda: 2010, "not for the first time"),
    wrong("nocode_first_lead", "a count", lambda: int(WIDE.loc[2004, "China"]), "not a year"),
    # tasks 3 and 5, letters
    *letters("nocode_minusma_share", "A", ex04.QUIZ_MINUSMA_SHARE),
    *letters("nocode_share_chart", "B", ex04.QUIZ_SHARE_CHART),
    # task 4, a count read off the prepared table
    right("nocode_missions", "the count", lambda: 4),
    right("nocode_missions", "a float", lambda: 4.0),
    right("nocode_missions", "counted from the table", lambda: int((COUNTS > COUNTS["MINUSMA"]).sum())),
    wrong("nocode_missions", "every other mission", lambda: len(COUNTS) - 1, "every mission but MINUSMA"),
    wrong("nocode_missions", "MINUSMA's own count", lambda: 1, "own count"),
    wrong("nocode_missions", "all the deaths", lambda: len(FAT), "number of deaths"),
]

SECRETS = {
    "china_share_dec2013": ["0.587", "58.7"],
    "first_year_top": ["2004"],
    "minusma_mean_share": ["0.0294", "2.94"],
    "fatalities_by_mission": [],
    "china_personnel_chart": [],
    "bri_motive": ["answer is B"],
    "motivation_argument": [],
    "nocode_share": ["0.587", "58.7"],
    "nocode_first_lead": ["2004"],
    "nocode_minusma_share": ["answer is A"],
    "nocode_missions": [],
    "nocode_share_chart": ["answer is B"],
}
