"""Checks of exercise 05: appraising security through development.

Tables: ``chinese_projects`` (a partial list of named Chinese projects, with their ACLED
region) and ``violence_by_region`` (ACLED, 2017-2020). Every expected value and every
recognised mistake is computed from them; answers are read and judged with the suite's
one reader, shapes and chart rubric.
"""

from __future__ import annotations

import math
from functools import cache

from nexus import data
from nexus.feedback import check, correct, describe_type, not_yet, quiz, rubric
from nexus.feedback.reader import label_key, number
from nexus.feedback.shapes import labelled_numbers, name_list, one_number, strip_accents
from nexus.feedback.writing import STANDARD, Item, written

__all__ = [
    "projects_by_region",
    "bamako_share",
    "merged_regions",
    "regions_without_projects",
    "mopti_share",
    "fatalities_chart",
    "senou_challenge",
    "bamako_argument",
    "nocode_located",
    "nocode_bamako",
    "nocode_with_projects",
    "nocode_without",
    "nocode_mopti",
    "nocode_chart",
    "QUIZ_SENOU",
    "QUIZ_BAMAKO_SHARE",
    "QUIZ_MOPTI",
    "QUIZ_PROJECTS_CHART",
    "MODEL_ANSWER",
    "CHECKLIST",
    "SHARE_DECIMALS",
]

NOT_LOCATED = "national / not located"
YEARS = (2017, 2018, 2019, 2020)
#: the precision the share tasks name
SHARE_DECIMALS = 2


# --------------------------------------------------------------------------- the data


@cache
def _projects():
    p = data.load("chinese_projects")
    p["region"] = p["region"].astype(str)
    return p


@cache
def _violence():
    v = data.load("violence_by_region")
    v["region"] = v["region"].astype(str)
    return v


def _counts() -> dict:
    return {k: int(v) for k, v in _projects()["region"].value_counts().items() if v}


def _fatalities(column="pv_fatalities", years=YEARS) -> dict:
    v = _violence()
    v = v[v["year"].isin(list(years))]
    return {str(k): float(x) for k, x in v.groupby("region")[column].sum().items()}


def _regions() -> list:
    return sorted(_fatalities())


# --------------------------------------------------------------------------- task 1


@cache
def _projects_by_region_spec() -> dict:
    """What the check of ``projects_by_region`` compares with, computed once from the tables."""
    counts = _counts()
    as_bamako = {k: v for k, v in counts.items() if k != NOT_LOCATED}
    as_bamako["Bamako"] = counts.get("Bamako", 0) + counts.get(NOT_LOCATED, 0)
    dropped = {k: v for k, v in counts.items() if k != NOT_LOCATED}
    places = {label_key(x) for x in _projects()["place"].astype(str)}
    return dict(
        expected=counts,
        what="a count of named projects per region",
        labels="region",
        exact=True,
        label_columns=("region",),
        value_columns=("count", "projects", "n", "size"),
        spellings=_regions() + [NOT_LOCATED],
        mistakes=[
            (
                as_bamako,
                "the projects with no place seem to be counted as Bamako. 'national / not "
                "located' is not a place: keep it as its own entry.",
            ),
            (
                dropped,
                "the projects with no place ('national / not located') are missing. Keep them as "
                "their own entry: leaving them out hides how much of the list cannot be located.",
            ),
            (
                lambda got: len(set(got) & places) > len(counts),
                "your labels are places, written in many ways: you counted the 'place' column. Count the "
                "'region' column instead.",
            ),
        ],
        hints={
            "wide": "your DataFrame has a count for every column. You want ONE number per region: "
            "try projects['region'].value_counts() or .groupby('region').size()."
        },
        right="the list has a region for every project, and a good share of it has none. Keeping "
        "'national / not located' apart stops you from reading umbrella pledges and national "
        "donations as if they were built in the capital.",
        compared="I compared your counts with the rows of chinese_projects per value of its region "
        "column, without filtering.",
    )


@check(kind="labelled")
def projects_by_region(answer):
    """Task 1: named projects counted per region, 'national / not located' kept apart."""
    return labelled_numbers(answer, **_projects_by_region_spec())


# --------------------------------------------------------------------------- task 2


@cache
def _bamako_share_spec() -> dict:
    """What the check of ``bamako_share`` compares with, computed once from the tables."""
    counts = _counts()
    located = sum(v for k, v in counts.items() if k != NOT_LOCATED)
    everything = sum(counts.values())
    bamako = counts.get("Bamako", 0)
    return dict(
        expected=bamako / located,
        what="share",
        fraction=True,
        decimals=SHARE_DECIMALS,
        mistakes=[
            (
                bamako / everything,
                "you divided by all projects, including those with no place. The "
                "task asks about the projects that HAVE a place: leave 'national / "
                "not located' out of the denominator.",
            ),
            (
                (bamako + counts.get(NOT_LOCATED, 0)) / everything,
                "it looks as if 'national / not located' was counted as Bamako. Projects with no place "
                "are not in the capital: leave them out of both numbers.",
            ),
            (
                lambda x: x >= 1 and float(x).is_integer(),
                "that looks like a count. Divide the Bamako count by the number of located projects.",
            ),
        ],
        right="most of the located projects in the list are in the capital, which fits the brief's "
        "'Bamako-centered' (Benabdallah and Large 2020) - but with so few records, one project "
        "more or less moves the share a lot.",
        compared="I compared it with the number of projects in Bamako divided by the number of "
        "projects whose region is not 'national / not located'.",
    )


@check(kind="number")
def bamako_share(answer):
    """Task 2: Bamako's share of the named projects that have a place (a fraction)."""
    return one_number(answer, **_bamako_share_spec())


# --------------------------------------------------------------------------- task 3


@check(kind="table")
def merged_regions(answer):
    """Task 3: one row per ACLED region: fatalities 2017-2020 and named projects (0 if none)."""
    import pandas as pd

    if not isinstance(answer, pd.DataFrame):
        return not_yet(f"the answer should be a DataFrame (a table); your answer is {describe_type(answer)}.")
    frame = answer.reset_index() if "region" not in [str(c) for c in answer.columns] else answer
    frame = frame.rename(columns=str)
    missing = [c for c in ("region", "fatalities", "projects") if c not in frame.columns]
    if missing:
        return not_yet(
            f"the table needs the columns region, fatalities and projects; missing: "
            f"{', '.join(missing)}. Rename with .rename(columns={{...}})."
        )
    regions = [str(r) for r in frame["region"]]
    keys = [label_key(r) for r in regions]
    fat = {label_key(k): v for k, v in _fatalities().items()}
    counts = {label_key(k): v for k, v in _counts().items()}
    if any(k in ("total", "all", "mali", "all regions") for k in keys):
        return not_yet(
            "there is a totals row. Keep one row per region only: a total would count every "
            "death twice if you summed the column."
        )
    if label_key(NOT_LOCATED) in keys:
        return not_yet(
            "'national / not located' is in the table. It is not a region and has no "
            "fatalities: merge onto the regions of violence_by_region (a left join from the "
            "fatalities side), not an outer join."
        )
    if len(set(keys)) < len(keys):
        return not_yet(
            "some regions appear more than once: group violence_by_region by region before "
            "merging, so each region has one row."
        )
    if set(keys) < set(fat):
        if set(keys) <= {k for k in counts if k != label_key(NOT_LOCATED)}:
            return not_yet(
                "only the regions with a named project are left: an inner join drops every "
                "region without one. Use how='left' starting from the fatalities table."
            )
        return not_yet(
            f"{len(set(fat) - set(keys))} of the regions of violence_by_region are missing. "
            "Start from all its regions and use a left join."
        )
    if set(keys) != set(fat):
        odd = [r for r, k in zip(regions, keys, strict=True) if k not in fat]
        if any(strip_accents(k) in fat for k in keys if k not in fat):
            return not_yet(
                f"{odd[0]!r} carries an accent the table does not use; use the ACLED "
                "spelling (as in violence_by_region)."
            )
        return not_yet(
            f"the table has rows that are not regions of violence_by_region ({odd[0]!r}). "
            "Keep exactly its regions, one row each."
        )
    proj = [number(v, containers=False) for v in frame["projects"]]
    raw_proj = list(frame["projects"])
    if any(
        p is None and (v is None or (isinstance(v, float) and math.isnan(v)) or pd.isna(v))
        for p, v in zip(proj, raw_proj, strict=True)
    ):
        return not_yet(
            "some regions have an empty (NaN) project count. A region with no named project "
            "has 0: fill the gaps with .fillna(0)."
        )
    got_fat = dict(zip(keys, [number(v, containers=False) for v in frame["fatalities"]], strict=True))
    if any(v is None for v in got_fat.values()) or any(p is None for p in proj):
        return not_yet(
            "some values of the fatalities or projects column are not numbers. Keep both columns as numbers."
        )
    for column, what in (
        ("pv_events", "events"),
        ("vac_fatalities", "violence-against-civilians fatalities only"),
    ):
        other = {label_key(k): v for k, v in _fatalities(column).items()}
        if all(abs(got_fat[k] - v) < 0.5 for k, v in other.items()):
            return not_yet(
                f"the fatalities column holds {what}. Sum pv_fatalities, all political-violence fatalities."
            )
    for year in YEARS:
        one = {label_key(k): v for k, v in _fatalities(years=[year]).items()}
        if all(abs(got_fat[k] - one.get(k, 0)) < 0.5 for k in fat):
            return not_yet(f"those are the fatalities of {year} only. Sum over 2017-2020.")
    off = [r for r, k in zip(regions, keys, strict=True) if abs(got_fat[k] - fat[k]) >= 0.5]
    if off:
        return not_yet(
            f"the fatality totals of {len(off)} region(s) differ from what I expect (the "
            f"first: {off[0]!r}, where you have {got_fat[label_key(off[0])]:g}). Group "
            "violence_by_region by region and sum pv_fatalities over all four years."
        )
    got_proj = dict(zip(keys, proj, strict=True))
    off = [r for r, k in zip(regions, keys, strict=True) if abs(got_proj[k] - counts.get(k, 0)) > 1e-9]
    if off:
        return not_yet(
            f"the project counts of {len(off)} region(s) differ from what I expect (the "
            f"first: {off[0]!r}, where you have {got_proj[label_key(off[0])]:g}). Count "
            "chinese_projects by region, then merge on the region name."
        )
    return correct(
        "every region is there, including the many with fatalities and no named project. A "
        "left join keeps them; an inner join would have silently hidden exactly the regions "
        "the brief's first recommendation is about."
    )


# --------------------------------------------------------------------------- task 4


@check(kind="names")
def regions_without_projects(answer):
    """Task 4: the regions with fatalities in 2017-2020 but no named project (names, any order)."""
    if _empty(answer):
        return not_yet(
            "the list is empty. An inner join keeps only regions that appear in BOTH tables, "
            "so it can never show a region without a project: use how='left' (or a test "
            "with .isin())."
        )
    return name_list(answer, **_regions_without_projects_spec())


@cache
def _regions_without_projects_spec() -> dict:
    """What the check of ``regions_without_projects`` compares with, computed once from the tables."""
    fat = _fatalities()
    counts = _counts()
    expected = sorted(r for r, v in fat.items() if v > 0 and counts.get(r, 0) == 0)
    with_project = {label_key(k) for k in counts if k != NOT_LOCATED}
    return dict(
        expected=expected,
        what="the regions without a named project",
        columns=("region",),
        mistakes=[
            (
                lambda got: label_key(NOT_LOCATED) in got,
                "'national / not located' is not a region with fatalities; it comes from the projects "
                "table. Start from the regions of violence_by_region.",
            ),
            (
                lambda got: bool(set(got) & with_project),
                "the list includes a region that does have a named project. Keep only the regions whose "
                "project count is 0.",
            ),
        ],
        right=(
            "most of Mali's regions, and nearly all of its recorded deaths, have no named project "
            "in this list. That matches the brief's call to branch out of Bamako - with the caution "
            "that the list is partial."
        ),
        compared="I compared your list with the regions of violence_by_region that have fatalities "
        "and no row in chinese_projects.",
    )


def _empty(answer) -> bool:
    """Whether a collection answer is empty (list, tuple, set, Series, Index, array)."""
    try:
        return (
            type(answer).__name__ not in ("str", "DataFrame")
            and hasattr(answer, "__len__")
            and len(answer) == 0
        )
    except Exception:
        return False


# --------------------------------------------------------------------------- task 5


@cache
def _mopti_share_spec() -> dict:
    """What the check of ``mopti_share`` compares with, computed once from the tables."""
    fat = _fatalities()

    def share(d):
        return d.get("Mopti", 0) / sum(d.values())

    mistakes = [
        (
            share(_fatalities("pv_events")),
            "that is Mopti's share of events. The task asks about fatalities: use pv_fatalities.",
        ),
        (
            share(_fatalities("vac_fatalities")),
            "that uses vac_fatalities, which counts only violence "
            "against civilians. Use pv_fatalities, all "
            "political-violence fatalities.",
        ),
    ]
    for year in YEARS:
        mistakes.append(
            (
                share(_fatalities(years=[year])),
                f"that is the share in {year} alone. Sum both numbers over 2017-2020 first.",
            )
        )
    mistakes.append(
        (
            lambda x: x >= 1 and float(x).is_integer(),
            "that looks like a count of deaths. Divide Mopti's total by the total of all regions.",
        )
    )
    return dict(
        expected=share(fat),
        what="share",
        fraction=True,
        decimals=SHARE_DECIMALS,
        mistakes=mistakes,
        right="over half of the deaths in four years were in one central region, far from the "
        "capital. Where violence is and where development is placed are different maps - in the "
        "suite's reading, the core of the brief's first two challenges.",
        compared="I compared it with Mopti's pv_fatalities summed over 2017-2020, divided by the sum "
        "over all regions.",
    )


@check(kind="number")
def mopti_share(answer):
    """Task 5: Mopti's share of all political-violence fatalities, 2017-2020 (a fraction)."""
    return one_number(answer, **_mopti_share_spec())


# --------------------------------------------------------------------------- task 6


@cache
def _fatalities_chart_spec() -> dict:
    """What the check of ``fatalities_chart`` compares with, computed once from the tables."""
    by_year = _violence().groupby("year")["pv_fatalities"].sum()
    mistakes = [
        (_fatalities("pv_events"), "the bars show events. The task asks for fatalities (pv_fatalities)."),
        (
            _fatalities("vac_fatalities"),
            "the bars show violence-against-civilians fatalities only; use pv_fatalities.",
        ),
        (
            {int(k): float(v) for k, v in by_year.items()},
            "there is one bar per year. The task asks for one bar per REGION, summed over 2017-2020.",
        ),
    ]
    for year in YEARS:
        mistakes.append(
            (_fatalities(years=[year]), f"the bars show {year} only. Sum 2017-2020 per region first.")
        )
    return dict(
        want=_fatalities(),
        kind="bar",
        units=("deaths", "fatalities", "killed", "number", "count", "people"),
        unit_example="Fatalities, 2017-2020 (reported deaths)",
        x="region",
        what="the fatalities per region, 2017-2020",
        mistakes=mistakes,
        how="ax.bar(regions, deaths)",
        right="one bar towers over the rest, and the capital's bar is barely visible. A chart like "
        "this is the quickest way to show why 'Bamako-centered' matters in a war fought "
        "elsewhere.",
        compared="Group violence_by_region by region, sum pv_fatalities, and draw one bar per region, "
        "labelled with its name.",
    )


@check(kind="chart")
def fatalities_chart(answer):
    """Task 6: a bar chart of fatalities 2017-2020 per region, titled and labelled."""
    return rubric.judge(answer, **_fatalities_chart_spec())


# --------------------------------------------------------------------------- task 7

QUIZ_SENOU = quiz("ex05", "senou")


@check(kind="letter")
def senou_challenge(answer):
    """Task 7: multiple choice on what the Senou centre illustrates (a letter)."""
    return QUIZ_SENOU.grade_letter(answer)


# --------------------------------------------------------------------------- task 8

MODEL_ANSWER = (
    "In my reading it is both, and the knowledge problem comes first. The brief says the approach "
    "is 'government-focused and Bamako-centered', which limits Beijing's grasp of the many political "
    "actors in the crisis - a knowledge problem, despite the ambassador's outreach to religious "
    "leaders. It also ties China to one government: given the protests against President Keïta, "
    "the brief warns, this 'renders China vulnerable to political transition' - a governance risk. "
    "The data add a third angle: almost all recorded deaths in 2017-2020 were far from the capital, "
    "in regions with no named project, so projects placed where the state is present are safer but "
    "reach the conflict least. The project list is partial, so this cannot show where all of China's "
    "projects are. The remedy the brief proposes - languages, cultures, wider diplomatic channels, "
    "projects beyond Bamako - addresses knowledge; only the return of central control addresses "
    "governance."
)

CHECKLIST = STANDARD + [
    Item(
        "what the central government's control has to do with it",
        ["govern*", "state", "control", "transition"],
        "Say what the central government's control (or its absence) has to do with it.",
    ),
    Item(
        "which actors, languages or cultures a Bamako-centred approach misses",
        ["actor*", "religious", "dialogue", "language*", "cultur*", "knowledge", "understand*"],
        "Name the actors, languages or cultures a Bamako-centred approach fails to reach.",
    ),
]


@check(kind="writing")
def bamako_argument(text):
    """Task 8: a written argument (saved): a governance problem or a knowledge problem?"""
    return written("05.bamako_centred", text, MODEL_ANSWER, min_words=40, items=CHECKLIST)



# --------------------------------------------------------------------------- the no-code track
# Each coding task (1-6) has a version without code: the learner reads a table or chart from
# nexus.prepared and answers with a number or a letter (registered as an alternative route).


@cache
def _nocode_located_spec() -> dict:
    """What the check of ``nocode_located`` compares with, computed once from the tables."""
    counts = _counts()
    total = sum(counts.values())
    nowhere = counts.get(NOT_LOCATED, 0)
    located = total - nowhere
    bamako = counts.get("Bamako", 0)
    mistakes = [(total, f"that is every project, including the {nowhere} that have no place.")]
    if bamako == nowhere:
        mistakes.append((nowhere, "that is the number of projects with no place ('national / not located'), "
                         "and also of those in Bamako. The question asks how many have a place, in any region."))
    else:
        mistakes += [(nowhere, "that is the number of projects with no place ('national / not located'). The "
                      "question asks how many have one."),
                     (bamako, "that is the projects in Bamako only. Count those of every region.")]
    mistakes += [(v, f"that is the projects in {k} only. Count those of every region.")
                 for k, v in counts.items() if k not in (NOT_LOCATED, "Bamako") and v not in (located, bamako)]
    return dict(
        expected=located,
        what="number of projects",
        exact=True,
        mistakes=mistakes,
        right=f"{located} of the {total} named projects have a place; {nowhere} have none (umbrella pledges "
        "and national donations). Keeping 'national / not located' apart stops you from reading those as "
        "if they were built in the capital.",
        compared="I compared it with the projects whose region is a place (not 'national / not located').",
    )


@check(kind="number", alternative_to="projects_by_region")
def nocode_located(answer):
    """Task 1 without code: how many named projects have a place in a region (a count read off
    prepared.project_list())."""
    return one_number(answer, **_nocode_located_spec())


QUIZ_BAMAKO_SHARE = quiz("ex05", "bamako_share")
QUIZ_MOPTI = quiz("ex05", "mopti")
QUIZ_PROJECTS_CHART = quiz("ex05", "projects_chart")


@check(kind="letter", alternative_to="bamako_share")
def nocode_bamako(answer):
    """Task 2 without code: Bamako's share of the located projects (a letter)."""
    return QUIZ_BAMAKO_SHARE.grade_letter(answer)


@cache
def _nocode_with_projects_spec() -> dict:
    """What the check of ``nocode_with_projects`` compares with, computed once from the tables."""
    fat, counts = _fatalities(), _counts()
    with_project = [r for r in fat if counts.get(r, 0) > 0]
    right = sum(fat[r] for r in with_project)
    mistakes = [(fat[r], f"that is {r} alone. Add the fatalities of every region that has a named project.")
                for r in with_project]
    mistakes += [
        (sum(fat.values()), "that is every region's fatalities. Add only the regions with a named project."),
        (sum(fat.values()) - right, "that is the regions without a named project. The question asks about "
         "the regions that have one."),
    ]
    share = right / sum(fat.values())
    return dict(
        expected=right,
        what="number of fatalities",
        exact=True,
        mistakes=mistakes,
        right=f"about {round(share * 100)} in every hundred fatalities of 2017-2020 were recorded in the regions "
        "that have a named project; the rest, in regions that have none. Keeping the regions without a "
        "project in the table is what shows it: leaving them out would hide exactly the regions the "
        "brief's first recommendation is about.",
        compared="I compared it with the fatalities 2017-2020 of the regions whose named_projects is "
        "above 0, added.",
    )


@check(kind="number", alternative_to="merged_regions")
def nocode_with_projects(answer):
    """Task 3 without code: the fatalities 2017-2020 of the regions that have a named project (a
    number read off prepared.projects_and_fatalities())."""
    return one_number(answer, **_nocode_with_projects_spec())


@cache
def _nocode_without_spec() -> dict:
    """What the check of ``nocode_without`` compares with, computed once from the tables."""
    fat, counts = _fatalities(), _counts()
    without = [r for r, v in fat.items() if v > 0 and counts.get(r, 0) == 0]
    with_project = [r for r in fat if counts.get(r, 0) > 0]
    return dict(
        expected=len(without),
        what="number of regions",
        exact=True,
        mistakes=[
            (len(fat), "that is every region of the table. Count only those whose named_projects is 0."),
            (len(fat) + 1, "that counts the last row too: 'national / not located' is not a region, and it "
             "has no fatalities."),
            (len(without) + 1, "that counts the 'national / not located' row too; it is not a region, and it "
             "has no fatalities."),
            (len(with_project), "that is the regions that have a named project. The question asks about "
             "those that have none."),
        ],
        right=_regions_without_projects_spec()["right"],
        compared="I compared it with the regions that have fatalities and a named_projects of 0.",
    )


@check(kind="number", alternative_to="regions_without_projects")
def nocode_without(answer):
    """Task 4 without code: how many regions had fatalities but no named project (a count read off
    prepared.projects_and_fatalities())."""
    return one_number(answer, **_nocode_without_spec())


@check(kind="letter", alternative_to="mopti_share")
def nocode_mopti(answer):
    """Task 5 without code: what the table shows about Mopti (a letter)."""
    return QUIZ_MOPTI.grade_letter(answer)


@check(kind="letter", alternative_to="fatalities_chart")
def nocode_chart(answer):
    """Task 6 without code: which reading the chart of projects and fatalities supports (a letter)."""
    return QUIZ_PROJECTS_CHART.grade_letter(answer)
