"""Checks of exercise 07: Synthesis.

The tasks pull the suite together: the brief's evidence base (``brief_claims``), what China
does and what the brief advises (``brief_instruments``, ``brief_recommendations``), the
regional dimension of the violence (``conflict_deaths_by_type``: the Mali-only rows and the
multi-country rows are two scopes that are never added), two interpretation questions and a
capstone memo paragraph.

The expected values are computed from the data package when the module is imported, so the
checks follow the tables; no expected number appears in any message.
"""

from __future__ import annotations

import math
import numbers

import pandas as pd

from nexus import data
from nexus.feedback import Quiz, check, correct, describe_type, frame_like, not_yet, written

__all__ = ["statements", "tested_share", "practice", "regional_ratio", "chart", "q_sufficient",
           "q_legs", "memo_paragraph", "QUIZ_SUFFICIENT", "QUIZ_LEGS", "MODEL_PARAGRAPH", "LOOK_FOR"]

POLICY = "policy points"
LENSES = ["military", "development", "governance"]
MALI, MULTI = "Mali only", "multi-country rows including Mali"
YEARS = [2019, 2020, 2021, 2022]
CHART_YEARS = list(range(2012, 2023))
#: the defensible second lens of ambiguous instruments (lesson 01's sorter accepts both)
ALSO = {"I04": ["governance"], "I10": ["military", "governance"], "I14": ["military"],
        "I15": ["development"], "I18": ["development"]}


def _expected():
    claims = data.load("brief_claims")
    claims["section"] = claims["section"].astype(str)
    sections = [s for s in dict.fromkeys(claims["section"])]
    keep = claims[claims["section"] != POLICY]
    counts = keep.groupby("section", sort=False).size()
    counts_all = claims.groupby("section", sort=False).size()
    tested = keep.groupby("section", sort=False)["tested_with_data"].sum().astype(int)
    tested_all = claims.groupby("section", sort=False)["tested_with_data"].sum().astype(int)
    kinds = claims["kind"].astype(str).value_counts()

    inst = data.load("brief_instruments")
    inst["lens"] = inst["lens"].astype(str)
    rec = inst["instrument"].astype(str).str.contains("(recommendation)", regex=False)

    def lens_counts(rows, also=False):
        out = {k: int((rows["lens"] == k).sum()) for k in LENSES}
        if also:
            for i in rows["id"].astype(str):
                for k in ALSO.get(i, []):
                    out[k] += 1
        return out

    recs = data.load("brief_recommendations")
    only = recs[recs["kind"].astype(str) == "recommendation"]
    per_challenge = only["challenges"].astype(str).str.split(";").explode().value_counts()

    d = data.load("conflict_deaths_by_type")
    d["scope"] = d["scope"].astype(str)
    d["violence_type"] = d["violence_type"].astype(str)
    wide = d.pivot_table(index="year", columns="scope", values="deaths_best", aggfunc="sum")
    state = d[(d["violence_type"] == "state-based") & (d["scope"] == MALI)].set_index("year")["deaths_best"]
    return {
        "sections": [s for s in sections if s != POLICY], "all_sections": sections,
        "counts": {k: int(v) for k, v in counts.items()},
        "counts_all": {k: int(v) for k, v in counts_all.items()},
        "tested": {k: int(v) for k, v in tested.items()},
        "tested_all": {k: int(v) for k, v in tested_all.items()},
        "kinds": {k: int(v) for k, v in kinds.items()},
        "n_all": len(claims), "n_keep": len(keep),
        "practice": lens_counts(inst[~rec]), "all_lenses": lens_counts(inst),
        "practice_also": lens_counts(inst[~rec], also=True), "all_also": lens_counts(inst, also=True),
        "n_practice": int((~rec).sum()), "n_inst": len(inst),
        "per_challenge": {k: int(v) for k, v in per_challenge.items()},
        "mali": {int(y): int(v) for y, v in wide[MALI].items()},
        "multi": {int(y): int(v) for y, v in wide[MULTI].items()},
        "state": {int(y): int(v) for y, v in state.items()},
    }


E = _expected()


def _close(a, b, tol=1e-6) -> bool:
    try:
        return abs(float(a) - float(b)) <= tol
    except (TypeError, ValueError):
        return False


def _as_series(answer):
    """A Series from a Series or a one-column (or one-numeric-column) DataFrame; else None."""
    if type(answer).__name__ == "Series":
        return answer
    if frame_like(answer):
        if len(answer.columns) == 1:
            return answer.iloc[:, 0]
        numeric = [c for c in answer.columns if pd.api.types.is_numeric_dtype(answer[c])]
        if len(numeric) == 1:
            return answer[numeric[0]]
    return None


def _values(series) -> dict | None:
    """{label (str): float} or None when a value is not a number."""
    out = {}
    for k, v in series.items():
        if isinstance(v, bool) or not isinstance(v, numbers.Number):
            try:
                v = float(v)
            except (TypeError, ValueError):
                return None
        out[str(k).strip()] = float(v)
    return out


def _same(values: dict, target: dict) -> bool:
    return set(values) == set(target) and all(_close(values[k], target[k]) for k in target)


def _need_series(answer, what: str):
    series = _as_series(answer)
    if series is None:
        if frame_like(answer):
            return None, not_yet(f"give one column of {what} (a Series), not a table with several columns.")
        return None, not_yet(f"the answer should be a pandas Series of {what}; this is {describe_type(answer)}.")
    values = _values(series)
    if values is None:
        return None, not_yet(f"the values should be numbers ({what}).")
    return values, None


# --------------------------------------------------------------------------- task 1


@check
def statements(answer):
    """Task 1: statements per section of the brief, policy points left out (a Series of counts)."""
    values, problem = _need_series(answer, "counts per section")
    if problem:
        return problem
    values = {k: v for k, v in values.items() if not (k == POLICY and v == 0)}  # empty category: fine
    if any(math.isnan(v) for v in values.values()):
        return not_yet("some values are missing (NaN): count rows with .value_counts() or .size().")
    target = {k: float(v) for k, v in E["counts"].items()}
    if _same(values, target):
        return correct("the brief's weight lies in its opening, its challenges and its recommendations; "
                       "leaving the box out means no recommendation is counted twice.")
    if POLICY in values and _same(values, {k: float(v) for k, v in E["counts_all"].items()}):
        return not_yet("the policy points box is included. Its three points repeat recommendations 1, 3 "
                       "and 4, so they would count that advice twice: drop the rows whose section is "
                       "'policy points' before counting.")
    if set(values) <= set(E["kinds"]) and values:
        return not_yet("these are counts per KIND of statement (fact, claim ...). The task asks for counts "
                       "per SECTION of the brief: count the 'section' column.")
    totals = (E["n_keep"], E["n_all"])
    if any(_same(values, {k: v / n for k, v in E["counts"].items()}) for n in totals) or \
            any(_same(values, {k: v / n for k, v in E["counts_all"].items()}) for n in totals):
        return not_yet("these are shares; the task asks for counts (how many statements in each section).")
    if _same(values, {k: float(v) for k, v in E["tested"].items()}) or \
            _same(values, {k: float(v) for k, v in E["tested_all"].items()}):
        return not_yet("you counted only the statements tested with data. Count every statement of each "
                       "section here; task 2 deals with the tested ones.")
    if set(values) != set(E["sections"]):
        return not_yet("the index should be the brief's sections (opening, footprint, ...), without the "
                       "policy points: use the 'section' column.")
    return not_yet("the sections are right but some counts differ. Count the rows of each section with "
                   ".value_counts() on the 'section' column of the filtered table.")


# --------------------------------------------------------------------------- task 2


@check
def tested_share(answer):
    """Task 2: per section (policy points left out), the share (0-1) of statements tested with data."""
    values, problem = _need_series(answer, "shares per section")
    if problem:
        return problem
    if POLICY in values and (math.isnan(values[POLICY])):
        values = {k: v for k, v in values.items() if k != POLICY}  # empty category gives NaN: fine
    if any(math.isnan(v) for v in values.values()):
        return not_yet("some values are missing (NaN); every section needs a share.")
    shares = {k: E["tested"][k] / E["counts"][k] for k in E["sections"]}
    if _same(values, shares):
        return correct("the footprint and crisis sections - the facts - are the most testable; the "
                       "challenges, recommendations and conclusion rest on judgement. Data can check the "
                       "diagnosis; the advice must be argued.")
    if POLICY in values:
        return not_yet("the policy points box is included: its points repeat three recommendations. Drop "
                       "the 'policy points' section, as in task 1.")
    if _same(values, {k: float(E["tested"][k]) for k in E["sections"]}):
        return not_yet("these are counts of tested statements, not shares. Take the mean of the True/False "
                       "column per section (True counts as 1), or divide by each section's size.")
    if _same(values, {k: 100 * v for k, v in shares.items()}):
        return not_yet("these look like percentages. Give shares between 0 and 1.")
    if any(_same(values, {k: E["tested"][k] / n for k in E["sections"]}) for n in (E["n_keep"], E["n_all"])):
        return not_yet("you divided by the number of statements in the whole brief. The share asked for is "
                       "within each section: divide by that section's own number of statements.")
    if set(values) != set(E["sections"]):
        return not_yet("the index should be the brief's sections without the policy points.")
    return not_yet("not the shares expected. Group by 'section' and take the mean of 'tested_with_data'.")


# --------------------------------------------------------------------------- task 3


@check
def practice(answer):
    """Task 3: instruments China already uses (no '(recommendation)' rows), per lens (a Series)."""
    values, problem = _need_series(answer, "counts per lens")
    if problem:
        return problem
    if {k.upper() for k in values} & set(E["per_challenge"]):
        return not_yet("these are counts per challenge (CH0 ...) from the recommendations table. This task "
                       "is about what China does: count the rows of brief_instruments per lens.")
    values = {k.lower(): v for k, v in values.items()}
    if set(values) != set(LENSES):
        return not_yet("the index should be the three lenses (military, development, governance): count "
                       "the 'lens' column of brief_instruments.")
    if any(math.isnan(v) for v in values.values()):
        return not_yet("some values are missing (NaN); every lens needs a count.")
    target = {k: float(v) for k, v in E["practice"].items()}
    if _same(values, target):
        return correct("China's practice in the brief is development-heavy and governance-light: "
                       "only one instrument China already uses is about governance - the same gap the "
                       "recommendations leave (lesson 06).")
    if _same(values, {k: float(v) for k, v in E["all_lenses"].items()}):
        return not_yet("this includes the tools the brief only recommends (their names end with "
                       "'(recommendation)'). Keep the instruments China already uses: filter them out with "
                       ".str.contains('(recommendation)', regex=False).")
    if _same(values, {k: float(v) for k, v in E["practice_also"].items()}) or \
            _same(values, {k: float(v) for k, v in E["all_also"].items()}):
        return not_yet("some instruments are counted twice: the alternative lens named for an ambiguous "
                       "instrument is a defensible reading, not a second lens. Count each instrument once, "
                       "under its 'lens'.")
    if any(_same(values, {k: v / n for k, v in E[key].items()})
           for key, n in (("practice", E["n_practice"]), ("all_lenses", E["n_inst"]))):
        return not_yet("these are shares; the task asks for counts of instruments.")
    return not_yet("the lenses are right but some counts differ. Filter out the recommended tools, then "
                   "count the 'lens' column with .value_counts().")


# --------------------------------------------------------------------------- task 4


@check
def regional_ratio(answer):
    """Task 4: for 2019-2022, deaths in multi-country rows per death in Mali-only rows (a Series by year)."""
    values, problem = _need_series(answer, "ratios by year")
    if problem:
        return problem
    try:
        values = {int(float(k)): v for k, v in values.items()}
    except (TypeError, ValueError):
        return not_yet("the index should be the years (2019 ...), one ratio each.")
    if any(math.isnan(v) for v in values.values()):
        return not_yet("some values are missing (NaN): both scopes need a value for every year.")
    years = sorted(values)
    mali, multi = E["mali"], E["multi"]
    if years != YEARS:
        if set(years) <= set(mali) and years:
            return not_yet("wrong years: the task asks for the four years 2019 to 2022 (both ends included). "
                           "Filter with .between(2019, 2022).")
        return not_yet("the index should be the years 2019 to 2022, one value each.")
    ratio = {y: multi[y] / mali[y] for y in YEARS}
    if _same(values, ratio):
        return correct("for every 100 deaths UCDP can place in Mali alone, it records roughly 40 to 60 more "
                       "in rows it can only place in Mali and its neighbours together - a measure of a "
                       "conflict 'not confined within Mali's borders', computed without adding the scopes.")
    if _same(values, {y: multi[y] / (mali[y] + multi[y]) for y in YEARS}):
        return not_yet("you divided by the sum of the two scopes, which adds the multi-country rows to "
                       "Mali's deaths - the one thing the table's caveat forbids. Divide the multi-country "
                       "total by the Mali-only total instead.")
    if _same(values, {y: mali[y] / multi[y] for y in YEARS}):
        return not_yet("the ratio is upside down: put the multi-country rows on top and the Mali-only rows "
                       "underneath.")
    if _same(values, {y: 100 * r for y, r in ratio.items()}):
        return not_yet("these look like percentages; give the plain ratio (multi-country / Mali only).")
    if _same(values, {y: multi[y] / E["state"][y] for y in YEARS}):
        return not_yet("the Mali-only total should add all three types of violence (state-based, non-state "
                       "and one-sided), not only the state-based rows.")
    return not_yet("not the ratios expected. Sum deaths_best per year and scope (a pivot table helps), then "
                   "divide the multi-country column by the Mali-only column.")


# --------------------------------------------------------------------------- task 5


def _axes(answer):
    name = type(answer).__name__
    if name == "Figure":
        return answer.axes[0] if answer.axes else None
    if hasattr(answer, "lines") and hasattr(answer, "get_title"):
        return answer
    return None


@check
def chart(answer):
    """Task 5: two lines, 2012-2022: Mali-only deaths and multi-country deaths per year (Figure or Axes)."""
    ax = _axes(answer)
    if ax is None:
        if type(answer).__name__ == "Figure":
            return not_yet("the figure is empty: draw on ax (ax.plot(...)) and give fig.")
        return not_yet(f"give the figure you drew (fig from fig, ax = plt.subplots()); this is "
                       f"{describe_type(answer)}.")
    lines = []
    for line in ax.lines:
        try:
            x = [float(v) for v in line.get_xdata()]
            y = [float(v) for v in line.get_ydata()]
        except (TypeError, ValueError):
            continue
        if len(x) == len(y) and len(x) > 1:
            lines.append((x, y))
    if not lines:
        if ax.patches:
            return not_yet("this chart has bars; the task asks for two lines (ax.plot), one per scope.")
        return not_yet("no lines found on the chart: draw each scope with ax.plot(years, deaths).")
    mali = [float(E["mali"][y]) for y in CHART_YEARS]
    multi = [float(E["multi"][y]) for y in CHART_YEARS]
    added = [a + b for a, b in zip(mali, multi)]
    xs = [float(y) for y in CHART_YEARS]

    def match(line, target):
        return line[0] == xs and all(_close(a, b) for a, b in zip(line[1], target))

    if any(match(line, added) for line in lines):
        return not_yet("one line adds the two scopes together. The multi-country rows cannot be attributed "
                       "to Mali alone: draw them as a separate line, never on top of Mali's.")
    if any(line[0] != xs for line in lines):
        if all(set(line[0]) >= set(xs) for line in lines):
            return not_yet("the lines cover more years than asked: keep 2012 to 2022.")
        return not_yet("check the years on the x-axis: the task asks for every year from 2012 to 2022.")
    has_mali = any(match(line, mali) for line in lines)
    has_multi = any(match(line, multi) for line in lines)
    if len(lines) < 2 or not (has_mali and has_multi):
        if has_mali or has_multi:
            return not_yet("one scope is right; draw the other one as a second line.")
        return not_yet("the line values are off. Sum deaths_best per year for each scope (all types of "
                       "violence) and plot each scope's totals.")
    title = ax.get_title().strip() or ax.get_title(loc="left").strip()
    if not title:
        return not_yet("the lines are right; now give the chart a title (ax.set_title(...)).")
    if not ax.get_ylabel().strip():
        return not_yet("the lines are right; now label the y-axis with what it counts and its unit "
                       "(for example 'Deaths (UCDP best estimate)').")
    if ax.get_legend() is None:
        return not_yet("the lines are right; add a legend (label= in ax.plot, then ax.legend()) so a reader "
                       "knows which line is which scope.")
    return correct("side by side, the two scopes show violence rising in Mali and, from 2018, hundreds more "
                   "deaths each year recorded across borders - the picture behind the brief's call for a regional "
                   "approach.")


# --------------------------------------------------------------------------- tasks 6 and 7

QUIZ_SUFFICIENT = Quiz(
    "07.ex.sufficient",
    "The brief ends: any focus on Mali, however challenging, is \"necessary but not sufficient\". "
    "What does it mean?",
    [("A. China should leave Mali and work only at the regional level.", False,
      "No: 'necessary' means the focus on Mali must stay; the brief adds the region, it does not "
      "swap Mali for it."),
     ("B. Engagement in Mali is indispensable, but success also needs a regional approach that reflects "
      "the wider Sahel conflict.", True,
      "Yes: the conflict is not confined within Mali's borders, China's role is watched across the "
      "Sahel, and so Mali-only policy cannot be enough."),
     ("C. Mali is sufficient for China's interests, but other countries need it too.", False,
      "This inverts the phrase: the brief says a Mali focus is NOT sufficient."),
     ("D. Development is necessary, and security is not needed.", False,
      "The sentence is about geography (Mali vs the region), and the brief asks for development, "
      "security and governance together.")],
    topic="The brief's closing argument")

QUIZ_LEGS = Quiz(
    "07.ex.legs",
    "Put task 3 together with lesson 06's matrix. Which statement is best supported?",
    [("A. Governance is the thinnest leg both in what China does and in what the brief recommends.", True,
      "Yes: one instrument China already uses is about governance, and only R5 answers the governance "
      "challenge - although the brief calls governance fundamental."),
     ("B. Security is the thinnest leg: China has almost no military instruments.", False,
      "The brief names several military instruments, from arms sales to combat troops in MINUSMA."),
     ("C. Development is neglected in practice but dominates the advice.", False,
      "The reverse: development dominates China's practice; the advice clusters on peacekeeping and "
      "local engagement (CH3)."),
     ("D. The three legs are balanced in both practice and advice.", False,
      "The counts are far from balanced: development leads in practice, and governance trails in both.")],
    topic="Development, security, governance")


@check
def q_sufficient(answer):
    """Task 6: multiple choice (a letter)."""
    return QUIZ_SUFFICIENT.grade_letter(answer)


@check
def q_legs(answer):
    """Task 7: multiple choice (a letter)."""
    return QUIZ_LEGS.grade_letter(answer)


# --------------------------------------------------------------------------- task 8

MODEL_PARAGRAPH = (
    "To the ECOWAS Commission: China has invested heavily in Mali's development, but the brief finds it "
    "has done far too little on governance, and the data show why that matters - deaths located in Mali "
    "rose from 529 in 2017 to over 1,000 a year in 2019-2020, while UCDP records hundreds more each year "
    "in rows spanning Mali and its neighbours. ECOWAS should press Beijing to evaluate every "
    "infrastructure project for its conflict impact (R5, the one recommendation that answers governance) "
    "and to coordinate with regional initiatives beyond MINUSMA (R6). A focus on Mali is 'necessary but "
    "not sufficient' (Benabdallah and Large 2020): the memo's ask is regional. Risk: Beijing's "
    "government-to-government habits and a military transition in Bamako limit what it will do. "
    "A good paragraph names an audience, one or two recommendations, cited evidence, the governance gap "
    "and the regional dimension.")

LOOK_FOR = [
    (["beijing", "bamako", "minusma", "ecowas", "paris", "to the", "ministry", "commission"],
     "Address a named audience (Beijing, Bamako, MINUSMA, ECOWAS or Paris)."),
    (["R1", "R2", "R3", "R4", "R5", "R6", "recommend"],
     "Name the recommendation(s) you back (R1 ... R6, or your own)."),
    (["ucdp", "acled", "aiddata", "deaths", "data", "lesson", "20", "%", "project", "hdi"],
     "Cite at least one piece of evidence with its source (a figure, a year, a table)."),
    (["governance", "state", "government"],
     "Say what your memo does about governance, the leg the brief finds China neglects."),
    (["region", "sahel", "border", "neighbour", "neighbor", "sufficient"],
     "Connect your advice to the region: the brief calls a Mali-only focus 'necessary but not sufficient'."),
]


def memo_paragraph(text):
    """Task 8: the capstone memo paragraph, saved to my-answers/07.memo.md."""
    return written("07.memo", text, MODEL_PARAGRAPH, min_words=60, look_for=LOOK_FOR)
