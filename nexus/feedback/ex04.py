"""Checks of exercise 04: Beijing's motivations.

Tables: ``peacekeepers_p5``, ``china_minusma`` and ``china_peacekeeper_fatalities``.
Every expected value and every recognised mistake is computed from them; answers are
read and judged with the suite's one reader, shapes and chart rubric. The 2011-2013
annual means are flagged as suspect in the data: no task compares measures with them.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from nexus import data
from nexus.feedback import check, quiz
from nexus.feedback.common import MARCH, MEAN, SNAPSHOT, china_december_chart, p5
from nexus.feedback.shapes import fmt, labelled_numbers, one_number
from nexus.feedback.writing import STANDARD, Item, written

__all__ = [
    "china_share_dec2013",
    "first_year_top",
    "minusma_mean_share",
    "fatalities_by_mission",
    "china_personnel_chart",
    "bri_motive",
    "motivation_argument",
    "nocode_share",
    "nocode_first_lead",
    "nocode_minusma_share",
    "nocode_missions",
    "nocode_share_chart",
    "QUIZ_BRI",
    "QUIZ_MINUSMA_SHARE",
    "QUIZ_SHARE_CHART",
    "MODEL_ANSWER",
    "CHECKLIST",
    "SHARE_DECIMALS",
]

#: the precision task 1 names: three decimal places (two would not tell December from March)
SHARE_DECIMALS = 3
YEARS = [2018, 2019, 2020]


def _share(rows):
    return float(
        rows.loc[rows["country"].astype(str) == "China", "personnel"].sum() / rows["personnel"].sum()
    )


def _measure(measure, year=None):
    t = p5()
    rows = t[t["measure"].astype(str) == measure]
    return rows if year is None else rows[rows["year"] == year]


# --------------------------------------------------------------------------- task 1


@cache
def _china_share_dec2013_spec() -> dict:
    """What the check of ``china_share_dec2013`` compares with, computed once from the tables."""
    dec = _measure(SNAPSHOT, 2013)
    march = _measure(MARCH)
    china = float(dec.loc[dec["country"].astype(str) == "China", "personnel"].sum())
    total = float(dec["personnel"].sum())
    right = _share(dec)
    t = p5()
    return dict(
        expected=right,
        what="share",
        fraction=True,
        decimals=SHARE_DECIMALS,
        mistakes=[
            (
                china,
                "that is China's number of personnel, a count. A share divides it by the total of "
                "all five members.",
            ),
            (
                total / china,
                "check what you divide by what: China's personnel go on top, the total of "
                "all five members (China included) underneath.",
            ),
            (
                china / (total - china),
                "you divided China by the other four members only. The share "
                "divides by the total of all five, China included.",
            ),
            (1 - right, "that is the share of the other four members. The task asks for China's share."),
            (
                _share(march),
                "you used the March 2014 snapshot. Keep the rows whose measure is "
                "'December snapshot' and whose year is 2013.",
            ),
            (
                _share(pd.concat([dec, march])),
                "your rows mix the December 2013 and the March 2014 "
                "snapshots. Keep only the December 2013 rows.",
            ),
            (
                _share(_measure(MEAN, 2013)),
                "you used the 2013 annual mean, a different measure (and one "
                "the table flags as suspect). Keep the December snapshot.",
            ),
            (
                _share(t[t["year"] == 2013]),
                "your 2013 rows mix two measures (the December snapshot and "
                "the annual mean). Filter the measure column as well as the "
                "year.",
            ),
        ],
        right=f"in December 2013 China supplied {round(right * 100)}% of the five permanent members' "
        "UN peacekeepers - more than France, Russia, the UK and the US together. That is the "
        "scale behind what the brief calls China's role as a 'responsible international "
        "stakeholder'.",
        compared="I compared it with China's personnel divided by the total of the five members, in "
        "the December 2013 snapshot.",
    )


@check(kind="number")
def china_share_dec2013(share):
    """Task 1: China's share of the five permanent members' personnel, December 2013 (a fraction)."""
    return one_number(share, **_china_share_dec2013_spec())


# --------------------------------------------------------------------------- task 2


def _wide(measure):
    return _measure(measure).pivot_table(index="year", columns="country", values="personnel", observed=True)


def _first_top(measure):
    wide = _wide(measure)
    leads = wide["China"] > wide.drop(columns="China").max(axis=1)
    return int(wide.index[leads.to_numpy()][0])


@check(kind="number")
def first_year_top(year):
    """Task 2: the first year in which China's December snapshot exceeds every other member's."""
    return one_number(year, **_first_year_top_spec())


@cache
def _first_year_top_spec() -> dict:
    """What the check of ``first_year_top`` compares with, computed once from the tables."""
    right = _first_top(SNAPSHOT)
    wide = _wide(SNAPSHOT)
    others = wide.drop(columns="China")

    def compared(x):
        x = int(x) if x == int(x) else x
        if x not in wide.index:
            return "The December snapshots run from 1990 to 2013."
        ahead = int((others.loc[x] < wide.loc[x, "China"]).sum())
        if ahead == len(others.columns):
            return (
                f"China leads every other member in {x}, but not for the first time: take the "
                "earliest such year."
            )
        return (
            f"In {x} China's December count is larger than that of {ahead} of the other "
            f"{len(others.columns)} members, not all of them. Compare China with the largest of "
            "the other four in each year."
        )

    return dict(
        expected=right,
        what="year",
        exact=True,
        mistakes=[
            (
                _first_top(MEAN),
                "that is the first year of the annual means, which start only in 2011 "
                "(and which the table flags as suspect for 2011-2013). Use the December "
                "snapshots, which go back to 1990.",
            ),
            (2014, "2014 has only a March snapshot. Use the December snapshots."),
        ],
        right=(
            f"China led every other permanent member from {right}, years before MINUSMA existed. "
            "In the suite's reading, Mali continued a trend rather than starting it - worth "
            "remembering when you weigh how much Mali itself drives Beijing's peacekeeping."
        ),
        compared=compared,
    )


# --------------------------------------------------------------------------- task 3


def _minusma_shares(years):
    m = data.load("china_minusma")
    m = m[(m["measure"].astype(str) == MEAN) & m["year"].isin(list(years))]
    return (
        (m["china_personnel"] / m["minusma_personnel"]).mean(),
        m["china_personnel"].sum() / m["minusma_personnel"].sum(),
        m,
    )


@cache
def _minusma_mean_share_spec() -> dict:
    """What the check of ``minusma_mean_share`` compares with, computed once from the tables."""
    mean, pooled, rows = _minusma_shares(YEARS)
    mistakes = []
    for years in ([2017] + YEARS, YEARS + [2021], [2017] + YEARS + [2021]):
        a, b, _ = _minusma_shares(years)
        for value in (a, b):
            mistakes.append(
                (
                    float(value),
                    "your years include a partial year (2017 or 2021: "
                    "partial_year is True), whose missing months pull the mean "
                    "about. Keep exactly 2018, 2019 and 2020.",
                )
            )
    mistakes += [
        (
            float(rows["china_personnel"].mean()),
            "that is a mean number of people, not a share. Divide "
            "China's personnel by MINUSMA's total for each year "
            "first.",
        ),
        (
            float((rows["minusma_personnel"] / rows["china_personnel"]).mean()),
            "you divided MINUSMA's total by China's personnel: the share is the other way round.",
        ),
    ]
    china, mission = float(rows["china_personnel"].mean()), float(rows["minusma_personnel"].mean())
    return dict(
        expected=[float(mean), float(pooled)],
        what="share",
        fraction=True,
        mistakes=mistakes,
        right=f"about {mean * 100:.0f} in every hundred MINUSMA personnel were Chinese: a contingent "
        f"of roughly {fmt(round(china, -2))} in a mission of about {fmt(round(mission, -3))}. "
        "Of this first contingent of 'combat troops' the brief writes 'however symbolic'; the "
        "share shows how small it was within the mission.",
        compared="I compared it with the mean of china_personnel / minusma_personnel over the "
        "annual-mean rows of 2018, 2019 and 2020.",
    )


@check(kind="number")
def minusma_mean_share(share):
    """Task 3: the mean of China's yearly share of MINUSMA's personnel, 2018-2020 (a fraction)."""
    return one_number(share, **_minusma_mean_share_spec())


# --------------------------------------------------------------------------- task 4


@cache
def _fatalities_by_mission_spec() -> dict:
    """What the check of ``fatalities_by_mission`` compares with, computed once from the tables."""
    table = data.load("china_peacekeeper_fatalities")
    for col in ("mission", "personnel_type", "incident_type"):
        table[col] = table[col].astype(str)
    right = table["mission"].value_counts().to_dict()
    mistakes = []
    for col in ("personnel_type", "incident_type"):
        labels = {v.casefold() for v in table[col]}
        mistakes.append(
            (
                lambda got, labels=labels: set(got) <= labels,
                f"you counted by {col.replace('_', ' ')}. Count by the mission column instead.",
            )
        )
    years = {str(y) for y in table["incident_date"].dt.year}
    mistakes += [
        (lambda got: set(got) <= years, "you counted by year. Count by the mission column instead."),
        (
            table.groupby("mission")["incident_date"].nunique().to_dict(),
            "you counted incident dates, but several people died on the same day. Count rows (one row "
            "is one person).",
        ),
    ]
    top = max(right, key=right.get)
    n = right.get("MINUSMA", 0)
    times = {0: "does not appear", 1: "appears once"}.get(n, f"appears {n} times")
    return dict(
        expected=right,
        what="the number of fatalities per mission",
        labels="mission",
        exact=True,
        label_columns=("mission",),
        value_columns=("count", "n", "fatalities", "size"),
        mistakes=mistakes,
        hints={
            "single": "you gave one number. The task asks for a count for every mission (a Series "
            "with one row per mission), so that MINUSMA can be compared with the others."
        },
        right=f"MINUSMA {times} in the table, while {top} counts {right[top]}: for China's "
        "peacekeepers, Mali has not been the deadliest mission. "
        "Keep that in mind when you weigh how dangerous Mali is for Chinese personnel.",
        compared="I compared your counts with the number of rows of china_peacekeeper_fatalities per "
        "mission (value_counts() on the mission column).",
    )


@check(kind="labelled")
def fatalities_by_mission(counts):
    """Task 4: Chinese peacekeeping fatalities counted per mission (numbers by mission)."""
    return labelled_numbers(counts, **_fatalities_by_mission_spec())


# --------------------------------------------------------------------------- task 5


@check(kind="chart")
def china_personnel_chart(fig):
    """Task 5: a line chart of China's December snapshots, 1990-2013, titled and labelled."""
    return china_december_chart(
        fig,
        right=(
            "the line shows China's contributions taking off in the 2000s and staying near "
            "2,000 - the backdrop to MINUSMA, where China's contingent was one part of a much "
            "larger UN presence."
        ),
    )


# --------------------------------------------------------------------------- task 6

QUIZ_BRI = quiz("ex04", "bri_motive")


@check(kind="letter")
def bri_motive(answer):
    """Task 6: multiple choice on which motivation the Belt and Road remark supports (a letter)."""
    return QUIZ_BRI.grade_letter(answer)


# --------------------------------------------------------------------------- task 7

MODEL_ANSWER = (
    "The peacekeeping motive explains China's presence best. The brief puts MINUSMA at the forefront "
    "of China's evolving role in UN peacekeeping, which China cites as evidence of being a "
    "responsible international stakeholder; in the brief's account, Mali is where China turned from "
    "condemning France's Operation Serval to joining a UN mission, and sent its first, 'however "
    "symbolic', contingent of 'combat troops'. The data agree on scale: in December 2013 China "
    "supplied more than half of the five permanent members' peacekeepers, and about 400 Chinese "
    "personnel - some 3% of MINUSMA - served in Mali, one of whom was killed at Gao in 2016. But the "
    "data cannot show motives, and China led the permanent members before MINUSMA existed. The "
    "regional motive (a deteriorating Sahel, Belt and Road geography) and market access "
    "(reconstruction for SOEs present for decades, costly while fighting lasts) are plausible too; "
    "the three may reinforce each other, and the brief gives no data to rank them."
)

CHECKLIST = STANDARD + [
    Item(
        "the peacekeeping motive and MINUSMA",
        ["peacekeep*", "minusma", "stakeholder"],
        "Weigh the peacekeeping motive.",
    ),
    Item(
        "the regional Sahel motive", ["sahel", "region*", "belt and road"], "Weigh the regional Sahel motive."
    ),
    Item(
        "market access for state-owned enterprises",
        ["market", "soe*", "state-owned", "reconstruction"],
        "Weigh market access for state-owned enterprises.",
    ),
]


@check(kind="writing")
def motivation_argument(text):
    """Task 7: a written argument (saved): which motive best explains China's presence in Mali?"""
    return written("04.motivation_argument", text, MODEL_ANSWER, min_words=40, items=CHECKLIST)



# --------------------------------------------------------------------------- the no-code track
# Each coding task (1-5) has a version without code: the learner reads a table or chart from
# nexus.prepared and answers with a number or a letter (registered as an alternative route).


@cache
def _nocode_share_spec() -> dict:
    """What the check of ``nocode_share`` compares with, computed once from the tables."""
    dec = _measure(SNAPSHOT, 2013)
    march = _measure(MARCH)
    right = _share(dec)
    china = float(dec.loc[dec["country"].astype(str) == "China", "personnel"].sum())
    mistakes = [
        (_share(march), "that is China's share in the March 2014 snapshot. The question asks for "
         "December 2013."),
        (1 - right, "that is the share of the other four members together. The question asks for "
         "China's share."),
        (china, "that is China's number of personnel, a count. The question asks for its share."),
    ]
    people = dec.set_index(dec["country"].astype(str))["personnel"]
    for country, n in people.items():
        if country != "China":
            mistakes.append((float(n / people.sum()), f"that is the share of {country}. The question "
                             "asks for China's share."))
    spec = _china_share_dec2013_spec()
    return dict(
        expected=right,
        what="share",
        fraction=True,
        decimals=SHARE_DECIMALS,
        mistakes=mistakes,
        right=spec["right"],
        compared="I compared it with China's share in the December 2013 snapshot.",
    )


@check(kind="number", alternative_to="china_share_dec2013")
def nocode_share(answer):
    """Task 1 without code: China's share of the five permanent members' personnel, December 2013
    (a fraction read off prepared.p5_snapshots())."""
    return one_number(answer, **_nocode_share_spec())


@check(kind="number", alternative_to="first_year_top")
def nocode_first_lead(answer):
    """Task 2 without code: the first year China's December count exceeds every other permanent
    member's (a year read off prepared.p5_december())."""
    from nexus.feedback.shapes import year_read

    wide = _wide(SNAPSHOT)
    china = {int(y): float(v) for y, v in wide["China"].items()}
    others = wide.drop(columns="China")

    def why_not(year, value):
        row = others.loc[year]
        if (row < value).all():
            return f"China leads every other member in {year}, but not for the first time: look at the rows before it."
        leader = row.idxmax()
        leader = ("the " if leader.startswith(("United", "Russian")) else "") + leader
        return (f"in {year} {leader} had more people than China ({fmt(row.max())} against {fmt(value)}): "
                "China does not lead every other member yet.")

    spec = _first_year_top_spec()
    return year_read(answer, spec["expected"], china, why_not=why_not, right=spec["right"])


QUIZ_MINUSMA_SHARE = quiz("ex04", "minusma_share")
QUIZ_SHARE_CHART = quiz("ex04", "share_chart")


@check(kind="letter", alternative_to="minusma_mean_share")
def nocode_minusma_share(answer):
    """Task 3 without code: how large China's share of MINUSMA was in 2018-2020 (a letter)."""
    return QUIZ_MINUSMA_SHARE.grade_letter(answer)


@cache
def _nocode_missions_spec() -> dict:
    """What the check of ``nocode_missions`` compares with, computed once from the tables."""
    counts = data.load("china_peacekeeper_fatalities")["mission"].astype(str).value_counts()
    mali = int(counts.get("MINUSMA", 0))
    more = int((counts > mali).sum())
    return dict(
        expected=more,
        what="number of missions",
        exact=True,
        mistakes=[(value, hint) for value, hint in [
            (len(counts) - 1, "that is every mission but MINUSMA. Count only the missions with more deaths "
             "than MINUSMA."),
            (len(counts), "that is every mission in the table. Count only the missions with more deaths "
             "than MINUSMA."),
            (int(counts.sum()), "that is the number of deaths in all missions together, not a number of "
             "missions."),
            (mali, "that is MINUSMA's own count of deaths. The question asks how many missions have more."),
            (int((counts >= mali).sum()) - 1,
             "that counts the missions with as many deaths as MINUSMA too. Count only those with more."),
        ] if value != more],
        right=_fatalities_by_mission_spec()["right"],
        compared="I compared it with the number of missions whose count of deaths is larger than "
        "MINUSMA's.",
    )


@check(kind="number", alternative_to="fatalities_by_mission")
def nocode_missions(answer):
    """Task 4 without code: how many missions lost more Chinese peacekeepers than MINUSMA (a count
    read off prepared.deaths_by_mission())."""
    return one_number(answer, **_nocode_missions_spec())


@check(kind="letter", alternative_to="china_personnel_chart")
def nocode_share_chart(answer):
    """Task 5 without code: what the chart of China's share of the five members' peacekeepers
    shows (a letter)."""
    return QUIZ_SHARE_CHART.grade_letter(answer)
