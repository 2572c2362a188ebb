"""Exercise 05: learner variants of every task."""

import numpy as np
import pandas as pd

from nexus import data
from nexus.feedback import ex05
from variants import GOOD_TEXTS, figure, letters, right, writing, wrong

MODULE = ex05
NL = "national / not located"
P = data.load("chinese_projects")
V = data.load("violence_by_region")
COUNTS = P["region"].value_counts()
C = {k: int(v) for k, v in COUNTS.items() if v}
LOCATED = P[P["region"] != NL]
BSHARE = (LOCATED["region"] == "Bamako").sum() / len(LOCATED)
TOTALS = V.groupby("region", observed=True)["pv_fatalities"].sum()
MOPTI = TOTALS["Mopti"] / TOTALS.sum()


def fat(col="pv_fatalities", years=(2017, 2018, 2019, 2020)):
    v = V[V["year"].isin(years)]
    return v.groupby("region", as_index=False, observed=True)[col].sum().rename(columns={col: "fatalities"})


def counts_frame():
    return P["region"].astype(str).value_counts().rename("projects").reset_index()


def merged(how="left", fill=True, col="pv_fatalities", years=(2017, 2018, 2019, 2020)):
    m = fat(col, years).merge(counts_frame(), on="region", how=how)
    return m.fillna({"projects": 0}) if fill else m


NO_PROJECT = [r for r, d in TOTALS.items() if d > 0 and r not in set(P["region"].astype(str))]


def bars(labels, values, kind="barh", **kw):
    kw.setdefault("ylabel" if kind == "bar" else "xlabel", "Fatalities, 2017-2020 (reported deaths)")
    kw.setdefault("xlabel" if kind == "bar" else "ylabel", "Region")
    return figure(lambda ax: getattr(ax, kind)(list(labels), list(values)), **kw)


VARIANTS = [
    # task 1: projects per region
    right("projects_by_region", "value_counts()", lambda: COUNTS),
    right("projects_by_region", "a one-column frame", lambda: COUNTS.to_frame()),
    right("projects_by_region", "groupby().size()", lambda: P.groupby("region", observed=True).size()),
    right("projects_by_region", "a two-column table", lambda: COUNTS.rename_axis("region").reset_index()),
    right("projects_by_region", "a dictionary without the zeros", lambda: C),
    right("projects_by_region", "text labels", lambda: P["region"].astype(str).value_counts()),
    wrong(
        "projects_by_region",
        "not-located counted as Bamako",
        lambda: pd.Series({"Bamako": C["Bamako"] + C[NL], "Segou": C["Segou"]}),
        "counted as Bamako",
    ),
    wrong(
        "projects_by_region",
        "not-located left out",
        lambda: pd.Series({"Bamako": C["Bamako"], "Segou": C["Segou"]}),
        "are missing",
    ),
    wrong("projects_by_region", "shares", lambda: P["region"].value_counts(normalize=True), "shares"),
    wrong("projects_by_region", "the place column", lambda: P["place"].value_counts(), "'place' column"),
    wrong(
        "projects_by_region",
        "an accent",
        lambda: pd.Series({("Ségou" if k == "Segou" else k): v for k, v in C.items()}),
        "accent",
    ),
    wrong(
        "projects_by_region",
        "count() of every column",
        lambda: P.groupby("region", observed=True).count(),
        "ONE number per region",
    ),
    # task 2: Bamako's share
    right("bamako_share", "the fraction", lambda: BSHARE),
    right("bamako_share", "two decimals", lambda: 0.67),
    right("bamako_share", "a fraction of counts", lambda: 2 / 3),
    right(
        "bamako_share",
        "value_counts(normalize=True)",
        lambda: LOCATED["region"].astype(str).value_counts(normalize=True)["Bamako"],
    ),
    wrong("bamako_share", "all projects underneath", lambda: C["Bamako"] / sum(C.values()), "denominator"),
    wrong(
        "bamako_share",
        "not-located as Bamako",
        lambda: (C["Bamako"] + C[NL]) / sum(C.values()),
        "counted as Bamako",
    ),
    wrong("bamako_share", "a percentage", lambda: BSHARE * 100, "percentage"),
    wrong("bamako_share", "a count", lambda: C["Bamako"], "count"),
    wrong("bamako_share", "too rounded", lambda: 0.7, "too rounded"),
    wrong("bamako_share", "text", lambda: "0.67", "text"),
    # task 3: the merged table
    right("merged_regions", "a left join", merged),
    right("merged_regions", "rows reversed", lambda: merged().iloc[::-1]),
    right("merged_regions", "region as the index", lambda: merged().set_index("region")),
    right("merged_regions", "whole-number projects", lambda: merged().astype({"projects": "int64"})),
    wrong("merged_regions", "an inner join", lambda: merged("inner"), "inner join"),
    wrong("merged_regions", "an outer join", lambda: merged("outer"), "outer join"),
    wrong("merged_regions", "NaN not filled", lambda: merged(fill=False), "fillna(0)"),
    wrong("merged_regions", "events", lambda: merged(col="pv_events"), "events"),
    wrong("merged_regions", "one year only", lambda: merged(years=(2020,)), "2020 only"),
    wrong(
        "merged_regions",
        "a total row",
        lambda: pd.concat(
            [
                merged(),
                pd.DataFrame(
                    [
                        {
                            "region": "Total",
                            "fatalities": merged()["fatalities"].sum(),
                            "projects": merged()["projects"].sum(),
                        }
                    ]
                ),
            ],
            ignore_index=True,
        ),
        "totals row",
    ),
    wrong(
        "merged_regions",
        "a column not renamed",
        lambda: merged().rename(columns={"projects": "n"}),
        "missing: projects",
    ),
    # task 4: regions without a project
    right("regions_without_projects", "a list", lambda: NO_PROJECT),
    right("regions_without_projects", "a reversed tuple", lambda: tuple(reversed(NO_PROJECT))),
    right("regions_without_projects", "a set", lambda: set(NO_PROJECT)),
    right("regions_without_projects", "a Series", lambda: pd.Series(NO_PROJECT)),
    right(
        "regions_without_projects",
        "an Index",
        lambda: TOTALS[~TOTALS.index.isin(P["region"].astype(str))].index,
    ),
    right("regions_without_projects", "a NumPy array", lambda: np.array(NO_PROJECT)),
    right(
        "regions_without_projects",
        "the merged table's region column",
        lambda: merged().loc[merged()["projects"] == 0, "region"],
    ),
    wrong("regions_without_projects", "empty (inner join)", lambda: [], "inner join"),
    wrong("regions_without_projects", "not-located included", lambda: NO_PROJECT + [NL], "not a region"),
    wrong(
        "regions_without_projects",
        "a region with a project",
        lambda: NO_PROJECT + ["Segou"],
        "does have a named project",
    ),
    wrong("regions_without_projects", "some missing", lambda: NO_PROJECT[:-2], "missing"),
    wrong(
        "regions_without_projects",
        "an accent",
        lambda: ["Ménaka" if r == "Menaka" else r for r in NO_PROJECT],
        "accents",
    ),
    wrong("regions_without_projects", "one string", lambda: ", ".join(NO_PROJECT), "one piece of text"),
    # task 5: Mopti's share
    right("mopti_share", "the fraction", lambda: MOPTI),
    right("mopti_share", "two decimals", lambda: round(MOPTI, 2)),
    right("mopti_share", "a one-value Series", lambda: pd.Series([MOPTI])),
    right("mopti_share", "normalize=True", lambda: (TOTALS / TOTALS.sum())["Mopti"]),
    wrong(
        "mopti_share",
        "one year",
        lambda: (lambda r: r.loc[r["region"] == "Mopti", "pv_fatalities"].sum() / r["pv_fatalities"].sum())(
            V[V["year"] == 2020]
        ),
        "2020 alone",
    ),
    wrong(
        "mopti_share",
        "events",
        lambda: V.loc[V["region"] == "Mopti", "pv_events"].sum() / V["pv_events"].sum(),
        "events",
    ),
    wrong(
        "mopti_share",
        "violence against civilians",
        lambda: V.loc[V["region"] == "Mopti", "vac_fatalities"].sum() / V["vac_fatalities"].sum(),
        "vac_fatalities",
    ),
    wrong("mopti_share", "a percentage", lambda: MOPTI * 100, "percentage"),
    wrong("mopti_share", "a count", lambda: int(TOTALS["Mopti"]), "count of deaths"),
    # task 6: the chart
    right(
        "fatalities_chart",
        "horizontal bars",
        lambda: bars(TOTALS.sort_values().index, TOTALS.sort_values().values),
    ),
    right(
        "fatalities_chart", "vertical bars", lambda: bars(TOTALS.index.astype(str), TOTALS.values, kind="bar")
    ),
    right(
        "fatalities_chart",
        "pandas .plot.barh",
        lambda: figure(lambda ax: TOTALS.plot.barh(ax=ax), xlabel="Deaths", ylabel="Region"),
    ),
    wrong(
        "fatalities_chart",
        "events",
        lambda: bars(TOTALS.index, V.groupby("region", observed=True)["pv_events"].sum()),
        "events",
    ),
    wrong(
        "fatalities_chart",
        "one year",
        lambda: bars(
            *(lambda s: (s.index, s.values))(
                V[V["year"] == 2019].groupby("region", observed=True)["pv_fatalities"].sum()
            )
        ),
        "2019 only",
    ),
    wrong(
        "fatalities_chart",
        "one bar per year",
        lambda: bars(*(lambda s: (s.index, s.values))(V.groupby("year")["pv_fatalities"].sum()), kind="bar"),
        "one bar per year",
    ),
    wrong(
        "fatalities_chart",
        "bars not labelled",
        lambda: bars([f"r{i}" for i in range(len(TOTALS))], TOTALS.values),
        "not labelled",
    ),
    wrong(
        "fatalities_chart",
        "a line",
        lambda: figure(lambda ax: ax.plot(TOTALS.index.astype(str), TOTALS.values)),
        "bar chart",
    ),
    wrong(
        "fatalities_chart",
        "labels on the wrong axes (barh)",
        lambda: bars(TOTALS.index, TOTALS.values, xlabel="Region", ylabel="Deaths"),
        "names no unit",
    ),
    wrong("fatalities_chart", "no title", lambda: bars(TOTALS.index, TOTALS.values, title=""), "title"),
    wrong("fatalities_chart", "the merged table", lambda: merged(), "give the Figure"),
    # task 7: multiple choice
    *letters("senou_challenge", "B", ex05.QUIZ_SENOU),
    # task 8: writing
    *writing(
        "bamako_argument",
        [
            ex05.MODEL_ANSWER,
            GOOD_TEXTS[0],
            "Mainly a knowledge problem. Working through the government in Bamako "
            "narrows what China knows of the armed groups and religious leaders. The "
            "data show most deaths in 2017-2020 were in Mopti, where no named project "
            "is listed. But the project list is partial, so this is only a sign.",
        ],
    ),
    # the no-code track: task 1, a count read off the prepared list
    right("nocode_located", "the count", lambda: 6),
    right("nocode_located", "a float", lambda: 6.0),
    right("nocode_located", "counted from the table", lambda: len(LOCATED)),
    wrong("nocode_located", "every project", lambda: len(P), "every project"),
    wrong("nocode_located", "the projects with no place", lambda: 4, "no place"),
    wrong("nocode_located", "Segou only", lambda: 2, "Segou only"),
    # tasks 2, 5 and 6, letters
    *letters("nocode_bamako", "A", ex05.QUIZ_BAMAKO_SHARE),
    *letters("nocode_mopti", "A", ex05.QUIZ_MOPTI),
    *letters("nocode_chart", "A", ex05.QUIZ_PROJECTS_CHART),
    # task 3, a sum read off the prepared table
    right("nocode_with_projects", "the sum", lambda: 592),
    right("nocode_with_projects", "a float", lambda: 592.0),
    right("nocode_with_projects", "computed", lambda: int(TOTALS["Bamako"] + TOTALS["Segou"])),
    wrong("nocode_with_projects", "Bamako alone", lambda: int(TOTALS["Bamako"]), "Bamako alone"),
    wrong("nocode_with_projects", "Segou alone", lambda: int(TOTALS["Segou"]), "Segou alone"),
    wrong("nocode_with_projects", "every region", lambda: int(TOTALS.sum()), "every region"),
    wrong("nocode_with_projects", "the regions without", lambda: int(TOTALS.sum()) - 592, "without"),
    # task 4, a count read off the prepared table
    right("nocode_without", "the count", lambda: 8),
    right("nocode_without", "a float", lambda: 8.0),
    right("nocode_without", "a numpy integer", lambda: np.int64(8)),
    wrong("nocode_without", "every region", lambda: 10, "every region"),
    wrong("nocode_without", "the last row counted", lambda: 9, "'national / not located' row"),
    wrong("nocode_without", "the regions with a project", lambda: 2, "that have a named project"),
]

SECRETS = {
    "projects_by_region": [],
    "bamako_share": ["0.667", "66.7"],
    "merged_regions": [],
    "regions_without_projects": ["Kidal", "Sikasso", "Koulikoro", "Kayes", "Tombouctou"],
    "mopti_share": ["0.539", "53.9"],
    "fatalities_chart": [],
    "senou_challenge": ["answer is B"],
    "bamako_argument": [],
    "nocode_located": [],
    "nocode_bamako": ["answer is A"],
    "nocode_with_projects": ["592"],
    "nocode_without": [],
    "nocode_mopti": ["answer is A"],
    "nocode_chart": ["answer is A"],
}
