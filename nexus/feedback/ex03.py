"""Checks of exercise 03: Mali's crisis and the international response.

Tables: ``conflict_deaths_by_type`` (UCDP v23.1), ``conflict_deaths`` (UCDP GED 19.1),
``violence_by_region`` (ACLED), ``minusma_strength`` and ``china_minusma``. Every
expected value and every recognised mistake is computed from them; answers are read
and judged with the suite's one reader, shapes and chart rubric.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from nexus import data
from nexus.feedback import check, quiz, rubric
from nexus.feedback.reader import label_key
from nexus.feedback.shapes import fmt, labelled_numbers, numbers_in_order, one_number
from nexus.feedback.writing import STANDARD, Item, written

__all__ = [
    "escalation_means",
    "top_regions_2019",
    "centre_share_2020",
    "minusma_peak",
    "strength_claim",
    "deaths_chart",
    "coup_year",
    "escalation_argument",
    "nocode_escalation",
    "nocode_where",
    "nocode_centre",
    "nocode_peak",
    "nocode_shape",
    "QUIZ_STRENGTH",
    "QUIZ_ESCALATION",
    "QUIZ_WHERE",
    "QUIZ_SHAPE",
    "QUIZ_COUP",
    "MODEL_ANSWER",
    "CHECKLIST",
    "SHARE_DECIMALS",
]

BEFORE, AFTER = (2015, 2017), (2018, 2020)
MALI = "Mali only"
#: the precision task 3 names for the share
SHARE_DECIMALS = 2


# --------------------------------------------------------------------------- the data


@cache
def _deaths() -> pd.DataFrame:
    d = data.load("conflict_deaths_by_type")
    d["scope"] = d["scope"].astype(str)
    d["violence_type"] = d["violence_type"].astype(str)
    return d


def _yearly(scope=MALI, kind=None, column="deaths_best") -> pd.Series:
    d = _deaths()
    if scope is not None:
        d = d[d["scope"] == scope]
    if kind is not None:
        d = d[d["violence_type"] == kind]
    return d.groupby("year")[column].sum().astype(float)


def _window(series, lo, hi, how="mean"):
    part = series[(series.index >= lo) & (series.index <= hi)]
    return float(getattr(part, how)())


# --------------------------------------------------------------------------- task 1


@cache
def _escalation_means_spec() -> dict:
    """What the check of ``escalation_means`` compares with, computed once from the tables."""
    mali = _yearly()
    right = [_window(mali, *BEFORE), _window(mali, *AFTER)]
    ged = data.load("conflict_deaths").set_index("year")["deaths"].astype(float)

    def pair(series, how="mean"):
        return [_window(series, *BEFORE, how), _window(series, *AFTER, how)]

    mistakes = [
        (
            pair(_yearly(scope=None)),
            "your means include the 'multi-country rows including Mali'. "
            "Those deaths cannot be attributed to Mali alone: keep only the "
            "rows whose scope is 'Mali only'.",
        ),
        (
            pair(ged),
            "these are the means of conflict_deaths (UCDP GED 19.1), a different UCDP version "
            "that ends in 2018. Use conflict_deaths_by_type.",
        ),
        (
            pair(mali, "sum"),
            "these are totals over three years. Divide by the number of years (or use "
            ".mean() on the yearly totals) to get deaths per year.",
        ),
        (
            pair(mali, "median"),
            "these are medians. The task asks for the mean of the yearly totals (.mean()).",
        ),
        (
            pair(_yearly(column="deaths_high")),
            "these come from deaths_high, UCDP's high estimate. Use deaths_best.",
        ),
        (
            pair(_yearly(column="deaths_low")),
            "these come from deaths_low, UCDP's low estimate. Use deaths_best.",
        ),
        (
            pair(_yearly(kind="state-based")),
            "you kept only state-based violence. Add up all three types "
            "(state-based, non-state, one-sided) for each year first.",
        ),
    ]
    for (a, b), (c, e) in [
        ((2015, 2016), (2018, 2019)),
        ((2016, 2017), (2019, 2020)),
        ((2016, 2018), (2019, 2021)),
        ((2014, 2016), (2017, 2019)),
        ((2015, 2018), (2018, 2021)),
    ]:
        mistakes.append(
            (
                [_window(mali, a, b), _window(mali, c, e)],
                f"your means match the years {a}-{b} and {c}-{e}, not 2015-2017 and "
                "2018-2020. Both ends are included: Python's range(2015, 2017) stops before "
                "2017; .loc[2015:2017] and .between(2015, 2017) include it.",
            )
        )
    return dict(
        expected=right,
        what="the two means",
        parts=["the 2015-2017 mean", "the 2018-2020 mean"],
        mistakes=mistakes,
        right=f"the yearly average is {right[1] / right[0]:.1f} times higher in 2018-2020 than in "
        "2015-2017 in the Mali-only rows: the brief's 'escalation in violence especially "
        f"since 2018' holds in this series. (In the suite's reading of the same series, the "
        f"rise is already visible in 2017: {fmt(mali[2016])} deaths in 2016, {fmt(mali[2017])} "
        "in 2017.)",
        compared="I compared them with the mean of the yearly totals of deaths_best (all three types "
        "of violence, Mali-only rows) over 2015-2017 and over 2018-2020, both ends included.",
    )


@check(kind="number")
def escalation_means(answer):
    """Task 1: (mean deaths per year 2015-2017, mean deaths per year 2018-2020), Mali-only rows."""
    return numbers_in_order(answer, **_escalation_means_spec())


# --------------------------------------------------------------------------- task 2


@cache
def _violence() -> pd.DataFrame:
    v = data.load("violence_by_region")
    v["region"] = v["region"].astype(str)
    return v


def _year_values(year, column="pv_fatalities"):
    rows = _violence()[_violence()["year"] == year].sort_values(column, ascending=False, kind="mergesort")
    return {r: float(x) for r, x in zip(rows["region"], rows[column], strict=True)}


def _top(year, column="pv_fatalities", n=3):
    return dict(list(_year_values(year, column).items())[:n])


@cache
def _top_regions_2019_spec() -> dict:
    """What the check of ``top_regions_2019`` compares with, computed once from the tables."""
    full = _year_values(2019)
    total = sum(full.values())
    real = {label_key(k): v for k, v in full.items()}
    mistakes = [
        (
            lambda got: (
                any(k in ("total", "all", "mali", "all regions") for k in got)
                or any(abs(v - total) < 0.5 for v in got.values())
            ),
            "one of your rows is the whole year's total, not a region: rank the regions only.",
        ),
    ]
    for column, hint in (
        ("pv_events", "these are counts of events, not fatalities. Use pv_fatalities."),
        (
            "vac_fatalities",
            "these are fatalities in violence against civilians only, a "
            "subset. Use pv_fatalities, the fatalities in all political "
            "violence.",
        ),
    ):
        mistakes += [(_top(2019, column), hint), (_year_values(2019, column), hint)]
    for year in sorted(set(_violence()["year"]) - {2019}):
        hint = f"these are the numbers of {year}. Keep the rows where year == 2019."
        mistakes += [(_top(year), hint), (_year_values(year), hint)]
    top = _top(2019)
    top_keys = {label_key(k) for k in top}
    mistakes += [
        (
            lambda got: (
                len(got) == len(full)
                and all(k in real and abs(v - real[k]) < 0.5 for k, v in got.items())
                and list(got.values()) != sorted(got.values(), reverse=True)
            ),
            "these are the 2019 values of every region. Sort them, largest first, and keep three "
            "(.nlargest(3)).",
        ),
        (
            lambda got: (
                0 < len(got) <= 3
                and set(got) != top_keys
                and all(k in real and abs(v - real[k]) < 0.5 for k, v in got.items())
            ),
            "these are real 2019 values, but not the largest ones. Sort by pv_fatalities, largest first, "
            "before taking three.",
        ),
    ]
    first, second = list(top.values())[:2]
    return dict(
        expected=top,
        what="the top three regions with their fatalities",
        labels="region",
        exact=True,
        ordered=True,
        top=3,
        label_columns=("region",),
        value_columns=("pv_fatalities",),
        mistakes=mistakes,
        spellings=sorted(full),
        right=f"one region stands far above the rest in 2019 - {first / second:.0f} times the next "
        "one. The violence had moved from the north to the centre of Mali, the shift the "
        "region explorer shows.",
        compared="I compared your answer with the 2019 rows of violence_by_region, sorted by "
        "pv_fatalities, largest first.",
    )


@check(kind="labelled")
def top_regions_2019(answer):
    """Task 2: the three regions with the most fatalities in 2019, largest first (numbers by region)."""
    return labelled_numbers(answer, **_top_regions_2019_spec())


# --------------------------------------------------------------------------- task 3


def _share(year, column="pv_fatalities", regions=("Mopti", "Segou"), denominator_years=None):
    v = _violence()
    rows = v[v["year"] == year]
    base = v[v["year"].isin(denominator_years)] if denominator_years else rows
    return float(rows.loc[rows["region"].isin(regions), column].sum() / base[column].sum())


@cache
def _centre_share_2020_spec() -> dict:
    """What the check of ``centre_share_2020`` compares with, computed once from the tables."""
    v = _violence()
    count = float(v.loc[(v["year"] == 2020) & v["region"].isin(["Mopti", "Segou"]), "pv_fatalities"].sum())
    mistakes = [
        (count, "that is a count of fatalities, not a share. Divide it by the total of all regions in 2020."),
        (
            _share(2020, "pv_events"),
            "this is the share of events. The task asks for the share of fatalities (pv_fatalities).",
        ),
        (
            _share(2020, "vac_fatalities"),
            "this is the share of fatalities in violence against "
            "civilians only. Use pv_fatalities, all political violence.",
        ),
        (
            _share(2020, regions=("Mopti",)),
            "this is Mopti's share alone: Segou's rows are missing from "
            "your sum (the table spells it 'Segou', without an accent).",
        ),
        (_share(2020, regions=("Segou",)), "this is Segou's share alone: add Mopti's fatalities too."),
        (
            _share(2020, denominator_years=sorted(set(v["year"]))),
            "you divided by the total of all four years. Divide by the 2020 total only.",
        ),
    ]
    for year in sorted(set(v["year"]) - {2020}):
        mistakes.append((_share(year), f"this is the share for {year}. Keep the rows where year == 2020."))
    right = _share(2020)
    return dict(
        expected=right,
        what="share",
        fraction=True,
        decimals=SHARE_DECIMALS,
        mistakes=mistakes,
        several="you have several numbers (one per region?). Add up Mopti's and Segou's fatalities and "
        "divide by the total of all regions in 2020, to get one number.",
        right=f"about {round(right * 100)} in every hundred reported fatalities of 2020 were in the two "
        "central regions. The centre, not the north where the 2012 rebellion began, had "
        "become the heart of the violence.",
        compared="I compared it with the 2020 fatalities of Mopti and Segou divided by those of all "
        "regions in 2020.",
    )


@check(kind="number")
def centre_share_2020(answer):
    """Task 3: Mopti and Segou's share of all 2020 fatalities (a fraction)."""
    return one_number(answer, **_centre_share_2020_spec())


# --------------------------------------------------------------------------- task 4


@cache
def _minusma_peak_spec() -> dict:
    """What the check of ``minusma_peak`` compares with, computed once from the tables."""
    s = data.load("minusma_strength")
    cm = data.load("china_minusma")
    right = float(s["total"].max())
    last = float(s.sort_values("date")["total"].iloc[-1])
    mistakes = [
        (
            float(s["troops"].max()),
            "that is the largest number of troops only. Uniformed strength also "
            "counts police and military experts: use the total column.",
        ),
        (
            float((s["troops"] + s["police"]).max()),
            "that is troops plus police; it leaves out the "
            "military experts. The total column adds all three.",
        ),
        (float(s["police"].max()), "that is police only. Use the total column."),
        (float(s["contributors"].max()), "that is the number of contributing countries, not personnel."),
        (
            lambda x: any(abs(x - float(a)) < 0.5 for a in cm["minusma_personnel"]),
            "that number comes from china_minusma (annual means, a different measure). The task asks "
            "about the monthly series in minusma_strength.",
        ),
        (13000, "13,000 is the brief's figure, the claim to test. Compute the peak from the data."),
        (
            float(s["total"].mean()),
            "that is the average over all months. The task asks for the peak: the "
            "largest monthly value (.max()).",
        ),
        (
            float(s["troops"].mean()),
            "that is the average number of troops. The task asks for the peak of the total column (.max()).",
        ),
    ]
    if last != right:
        mistakes.append(
            (last, "that is the last month's value. The task asks for the largest one: use .max().")
        )
    end = pd.Timestamp(s["date"].max())
    return dict(
        expected=right,
        what="number of personnel",
        exact=True,
        mistakes=mistakes,
        several="you have a whole row or column. The task asks for one number, the largest monthly "
        "total: use .max() on the right column.",
        right=f"MINUSMA's uniformed strength peaks at {fmt(right)} in this series, below the brief's "
        f"'well over 13,000'. But the series stops in {end:%B %Y}: it cannot test a 2020 "
        "statement on its own.",
        compared="I compared it with the largest value of the total column of minusma_strength.",
    )


@check(kind="number")
def minusma_peak(answer):
    """Task 4: the highest monthly total of uniformed personnel in minusma_strength (a count)."""
    return one_number(answer, **_minusma_peak_spec())


# --------------------------------------------------------------------------- tasks 5 and 7

QUIZ_STRENGTH = quiz("ex03", "strength_claim")
QUIZ_COUP = quiz("ex03", "coup_year")


@check(kind="letter")
def strength_claim(answer):
    """Task 5: multiple choice on the 'well over 13,000' claim (a letter)."""
    return QUIZ_STRENGTH.grade_letter(answer)


@check(kind="letter")
def coup_year(answer):
    """Task 7: multiple choice on the year of the coup the brief dates to 2013 (a letter)."""
    return QUIZ_COUP.grade_letter(answer)


# --------------------------------------------------------------------------- task 6


def _as_years(series):
    return {int(k): float(v) for k, v in series.items()}


@cache
def _deaths_chart_spec() -> dict:
    """What the check of ``deaths_chart`` compares with, computed once from the tables."""
    ged = data.load("conflict_deaths").set_index("year")["deaths"]
    mali = _yearly()
    mistakes = [
        (
            _as_years(_yearly(scope=None)),
            "your totals include the 'multi-country rows including Mali'. Keep only the rows "
            "whose scope is 'Mali only' before adding up.",
        )
    ]
    for kind in ("state-based", "non-state", "one-sided"):
        mistakes.append(
            (
                _as_years(_yearly(kind=kind)),
                f"your chart shows only {kind} violence. Add up all three types for each year.",
            )
        )
    mistakes.append(
        (
            lambda d: all(k in {str(y) for y in ged.index} for k in d.keys) and _agree_part(d, ged),
            "this looks like conflict_deaths (UCDP GED 19.1, 2000-2018). The task asks for "
            "conflict_deaths_by_type (UCDP v23.1), which runs to 2022.",
        )
    )
    peak = int(mali.loc[:2014].idxmax())
    return dict(
        want=_as_years(mali),
        kind="bar",
        units=("deaths", "fatalities", "killed", "number", "count", "people"),
        unit_example="Deaths (UCDP best estimate)",
        what="the Mali-only deaths per year, 2008-2022",
        mistakes=mistakes,
        how="ax.bar(years, deaths)",
        right=f"your chart shows the picture of the lesson: a peak in {peak}, a lull after it, then a "
        "climb from 2017 that goes on after 2018 - drawn from Mali-only rows, so every death in "
        "it is placed in Mali.",
        compared="Plot one bar per year: the year's total of deaths_best over the 'Mali only' rows.",
    )


@check(kind="chart")
def deaths_chart(answer):
    """Task 6: a bar chart of Mali-only deaths per year, 2008-2022, titled and labelled."""
    return rubric.judge(answer, **_deaths_chart_spec())


def _agree_part(drawn, ged) -> bool:
    values = {str(int(k)): float(v) for k, v in ged.items()}
    pairs = list(zip(drawn.keys, drawn.values, strict=True))
    return bool(pairs) and all(abs(v - values[k]) < 0.5 for k, v in pairs)


# --------------------------------------------------------------------------- task 8

MODEL_ANSWER = (
    "Broadly yes, with two qualifications. In the Mali-only UCDP rows, deaths averaged about three "
    "hundred a year in 2015-2017 and about a thousand in 2018-2020 - more than three times as many - "
    "and ACLED counts nearly three times as many fatalities in 2020 as in 2017. But in these series "
    "the rise is already visible in 2017, and 2013 was already about as deadly as 2018. The "
    "escalation also moved: by 2019-2020 most fatalities were in the centre (Mopti and Segou), not in "
    "the north where the crisis began. The different sources (UCDP versions, ACLED) give different "
    "numbers, so the trend, not any single figure, is what supports the brief; and deaths alone "
    "cannot show the wider 'worsening security situation'."
)

CHECKLIST = STANDARD + [
    Item("when the rise began", ["2017", "2016"], "Say when the rise began - in 2018, or earlier?"),
    Item(
        "where the violence happened",
        ["mopti", "segou", "centre", "center", "central", "region*", "north"],
        "Say where the violence happened, not only how much.",
    ),
]


@check(kind="writing")
def escalation_argument(text):
    """Task 8: a written argument (saved): do the data support 'especially since 2018'?"""
    return written("03.escalation", text, MODEL_ANSWER, min_words=40, items=CHECKLIST)



# --------------------------------------------------------------------------- the no-code track
# Each coding task (1-4 and 6) has a version without code: the learner reads a table or chart
# from nexus.prepared and answers with a number or a letter (registered as an alternative route).

QUIZ_ESCALATION = quiz("ex03", "escalation_table")
QUIZ_WHERE = quiz("ex03", "where_2019")
QUIZ_SHAPE = quiz("ex03", "deaths_shape")


@check(kind="letter", alternative_to="escalation_means")
def nocode_escalation(answer):
    """Task 1 without code: what the yearly deaths show about 2015-2017 and 2018-2020 (a letter)."""
    return QUIZ_ESCALATION.grade_letter(answer)


@check(kind="letter", alternative_to="top_regions_2019")
def nocode_where(answer):
    """Task 2 without code: where the violence was in 2019 (a letter)."""
    return QUIZ_WHERE.grade_letter(answer)


@cache
def _nocode_centre_spec() -> dict:
    """What the check of ``nocode_centre`` compares with, computed once from the tables."""
    from nexus.charts.crisis import ZONES

    v = _violence()
    rows = v[v["year"] == 2020]
    total = float(rows["pv_fatalities"].sum())
    north = [r for r, z in ZONES.items() if z == "north"]
    count = float(rows.loc[rows["region"].isin(["Mopti", "Segou"]), "pv_fatalities"].sum())
    spec = _centre_share_2020_spec()
    mistakes = [
        (_share(2020, regions=("Mopti",)), "that is Mopti's share alone: add Segou's, the other region "
         "of the centre."),
        (_share(2020, regions=("Segou",)), "that is Segou's share alone: add Mopti's, the other region "
         "of the centre."),
        (_share(2020, regions=tuple(north)), "that is the share of the northern regions. The question "
         "asks about the centre: Mopti and Segou."),
        (count, "that is a number of fatalities, not a share. Add the two regions' shares instead."),
        (total, "that is the total of the year, not a share."),
    ]
    return dict(
        expected=spec["expected"],
        what="share",
        fraction=True,
        decimals=SHARE_DECIMALS,
        mistakes=mistakes,
        right=spec["right"],
        compared="I compared it with Mopti's and Segou's shares of the 2020 fatalities, added, as a "
        "fraction between 0 and 1.",
    )


@check(kind="number", alternative_to="centre_share_2020")
def nocode_centre(answer):
    """Task 3 without code: Mopti and Segou's share of the 2020 fatalities (a fraction read off
    prepared.regions_ranked(2020))."""
    return one_number(answer, **_nocode_centre_spec())


@cache
def _nocode_peak_spec() -> dict:
    """What the check of ``nocode_peak`` compares with, computed once from the tables."""
    s = data.load("minusma_strength").copy()
    s["year"] = s["date"].dt.year
    top = s.loc[s.groupby("year")["total"].idxmax()]
    peak = top.loc[top["total"].idxmax()]
    mistakes = [
        (float(peak["troops"]), "that is troops only. The question asks for all uniformed personnel: "
         "troops, police and military experts together (the total column)."),
        (float(peak["troops"] + peak["police"]), "that is troops and police; the total also counts the "
         "military experts."),
        (13000, "13,000 is the brief's figure, the claim to test. Read the table's highest total."),
    ]
    mistakes += [(float(r["total"]), f"that is the highest month of {int(r['year'])}; another year's "
                  "highest month is higher.") for _, r in top.iterrows() if r["total"] != peak["total"]]
    spec = _minusma_peak_spec()
    return dict(
        expected=spec["expected"],
        what="number of personnel",
        exact=True,
        mistakes=mistakes,
        right=spec["right"],
        compared="I compared it with the largest value of the table's total column.",
    )


@check(kind="number", alternative_to="minusma_peak")
def nocode_peak(answer):
    """Task 4 without code: MINUSMA's peak monthly strength, all uniformed personnel (a count read
    off prepared.minusma_peak_months())."""
    return one_number(answer, **_nocode_peak_spec())


@check(kind="letter", alternative_to="deaths_chart")
def nocode_shape(answer):
    """Task 6 without code: which description fits the chart of deaths per year (a letter)."""
    return QUIZ_SHAPE.grade_letter(answer)
