"""Checks of exercise 07: Synthesis.

The tasks pull the suite together: the brief's evidence base (``brief_claims``), what China
does and what the brief advises (``brief_instruments``, ``brief_recommendations``), the
regional dimension of the violence (``conflict_deaths_by_type``: the Mali-only rows and the
multi-country rows are two scopes that are never added), two interpretation questions and a
capstone memo paragraph. Every expected value is computed from the tables; answers are read
and judged with the suite's one reader, shapes and chart rubric.
"""

from __future__ import annotations

from functools import lru_cache

from nexus import data
from nexus.feedback import check, quiz
from nexus.feedback import rubric
from nexus.feedback.shapes import labelled_numbers
from nexus.feedback.writing import STANDARD, Item, written

__all__ = [
    "statements",
    "tested_share",
    "practice",
    "regional_ratio",
    "chart",
    "q_sufficient",
    "q_legs",
    "memo_paragraph",
    "QUIZ_SUFFICIENT",
    "QUIZ_LEGS",
    "MODEL_ANSWER",
    "CHECKLIST",
    "SHARE_DECIMALS",
]

POLICY = "policy points"
LENSES = ["military", "development", "governance"]
MALI, MULTI = "Mali only", "multi-country rows including Mali"
YEARS = [2019, 2020, 2021, 2022]
CHART_YEARS = list(range(2012, 2023))
#: the precision tasks 2 and 4 name
SHARE_DECIMALS = 2
RECOMMENDED = "(recommendation)"


@lru_cache(maxsize=None)
def _expected() -> dict:
    from nexus.widgets.lens_sorter import ALSO

    claims = data.load("brief_claims")
    claims["section"] = claims["section"].astype(str)
    keep = claims[claims["section"] != POLICY]

    def per_section(rows, column=None):
        g = rows.groupby("section", sort=False)
        s = g.size() if column is None else g[column].sum()
        return {k: float(v) for k, v in s.items()}

    inst = data.load("brief_instruments")
    inst["lens"] = inst["lens"].astype(str)
    rec = inst["instrument"].astype(str).str.contains(RECOMMENDED, regex=False)

    def lens_counts(rows, also=False):
        out = {k: float((rows["lens"] == k).sum()) for k in LENSES}
        if also:
            for i in rows["id"].astype(str):
                for k in [x for x in ALSO.get(i, "").split(";") if x]:
                    out[k] += 1
        return out

    recs = data.load("brief_recommendations")
    only = recs[recs["kind"].astype(str) == "recommendation"]
    d = data.load("conflict_deaths_by_type")
    d["scope"] = d["scope"].astype(str)
    d["violence_type"] = d["violence_type"].astype(str)
    wide = d.pivot_table(index="year", columns="scope", values="deaths_best", aggfunc="sum")
    state = d[(d["violence_type"] == "state-based") & (d["scope"] == MALI)].set_index("year")["deaths_best"]
    return {
        "counts": per_section(keep),
        "counts_all": per_section(claims),
        "tested": per_section(keep, "tested_with_data"),
        "tested_all": per_section(claims, "tested_with_data"),
        "kinds": {str(k).casefold() for k in claims["kind"].astype(str)},
        "n_all": len(claims),
        "n_keep": len(keep),
        "practice": lens_counts(inst[~rec]),
        "all_lenses": lens_counts(inst),
        "practice_also": lens_counts(inst[~rec], also=True),
        "all_also": lens_counts(inst, also=True),
        "n_practice": int((~rec).sum()),
        "n_inst": len(inst),
        "challenges": {str(c).casefold() for c in only["challenges"].astype(str).str.split(";").explode()},
        "mali": {int(y): float(v) for y, v in wide[MALI].items()},
        "multi": {int(y): float(v) for y, v in wide[MULTI].items()},
        "state": {int(y): float(v) for y, v in state.items()},
    }


# --------------------------------------------------------------------------- task 1


@lru_cache(maxsize=None)
def _statements_spec() -> dict:
    """What the check of ``statements`` compares with, computed once from the tables."""
    e = _expected()
    return dict(
        expected=e["counts"],
        what="a count of statements per section",
        labels="section",
        exact=True,
        label_columns=("section",),
        value_columns=("count", "n", "size", "statements"),
        mistakes=[
            (
                e["counts_all"],
                "the policy points box is included. Its three points repeat "
                "recommendations 1, 3 and 4, so they would count that advice twice: drop "
                "the rows whose section is 'policy points' before counting.",
            ),
            (
                lambda got: set(got) <= e["kinds"],
                "these are counts per KIND of statement (fact, claim ...). The task asks for counts per "
                "SECTION of the brief: count the 'section' column.",
            ),
            (
                e["tested"],
                "you counted only the statements tested with data. Count every statement of "
                "each section here; task 2 deals with the tested ones.",
            ),
            (
                e["tested_all"],
                "you counted only the statements tested with data. Count every statement "
                "of each section here; task 2 deals with the tested ones.",
            ),
        ],
        right="the brief's weight lies in its opening, its challenges and its recommendations; leaving "
        "the box out means no recommendation is counted twice.",
        compared="I compared your counts with the rows of brief_claims per section, the 'policy points' "
        "rows left out.",
    )


@check(kind="labelled")
def statements(answer):
    """Task 1: statements per section of the brief, policy points left out (counts by section)."""
    return labelled_numbers(answer, **_statements_spec())


# --------------------------------------------------------------------------- task 2


@lru_cache(maxsize=None)
def _tested_share_spec() -> dict:
    """What the check of ``tested_share`` compares with, computed once from the tables."""
    e = _expected()
    sections = list(e["counts"])
    shares = {k: e["tested"][k] / e["counts"][k] for k in sections}
    return dict(
        expected=shares,
        what="a share of tested statements per section",
        labels="section",
        fraction=True,
        decimals=SHARE_DECIMALS,
        label_columns=("section",),
        value_columns=("tested_with_data", "share"),
        mistakes=[
            (
                lambda got: "policy points" in got,
                "the policy points box is included: its points repeat three recommendations. Drop the "
                "'policy points' section, as in task 1.",
            ),
            (
                {k: e["tested"][k] for k in sections},
                "these are counts of tested statements, not shares. Take the mean of the True/False "
                "column per section (True counts as 1), or divide by each section's size.",
            ),
            (
                {k: e["tested"][k] / e["n_keep"] for k in sections},
                "you divided by the number of statements in the whole brief. The share asked for is "
                "within each section: divide by that section's own number of statements.",
            ),
            (
                {k: e["tested"][k] / e["n_all"] for k in sections},
                "you divided by the number of statements in the whole brief. The share asked for is "
                "within each section: divide by that section's own number of statements.",
            ),
        ],
        right="the footprint and crisis sections - the facts - are the most testable; the challenges, "
        "recommendations and conclusion rest on judgement. Data can check the diagnosis; the "
        "advice must be argued.",
        compared="I compared them with the mean of tested_with_data per section, the 'policy points' "
        "rows left out.",
    )


@check(kind="labelled")
def tested_share(answer):
    """Task 2: per section (policy points left out), the share (0-1) of statements tested with data."""
    return labelled_numbers(answer, **_tested_share_spec())


# --------------------------------------------------------------------------- task 3


@lru_cache(maxsize=None)
def _practice_spec() -> dict:
    """What the check of ``practice`` compares with, computed once from the tables."""
    e = _expected()
    return dict(
        expected=e["practice"],
        what="a count of instruments per lens",
        labels="lens",
        exact=True,
        label_columns=("lens",),
        value_columns=("count", "n", "size"),
        mistakes=[
            (
                lambda got: bool(set(got) & e["challenges"]),
                "these are counts per challenge (CH0 ...) from the recommendations table. This task is "
                "about what China does: count the rows of brief_instruments per lens.",
            ),
            (
                e["all_lenses"],
                "this includes the tools the brief only recommends (their names end with "
                "'(recommendation)'). Keep the instruments China already uses: filter "
                "them out with .str.contains('(recommendation)', regex=False).",
            ),
            (
                e["practice_also"],
                "some instruments are counted twice: the alternative lens named for an "
                "ambiguous instrument is a defensible reading, not a second lens. "
                "Count each instrument once, under its 'lens'.",
            ),
            (
                e["all_also"],
                "some instruments are counted twice: the alternative lens named for an "
                "ambiguous instrument is a defensible reading, not a second lens. Count "
                "each instrument once, under its 'lens'.",
            ),
        ],
        right="in the suite's sorting, China's practice as the brief describes it is development-heavy "
        f"and governance-light: only {_count_words(e['practice']['governance'])} China already "
        "uses concerns governance - the same gap the recommendations leave (lesson 06).",
        compared="I compared your counts with the rows of brief_instruments per lens, the "
        "'(recommendation)' rows left out.",
    )


@check(kind="labelled")
def practice(answer):
    """Task 3: instruments China already uses (no '(recommendation)' rows), counted per lens."""
    return labelled_numbers(answer, **_practice_spec())


def _count_words(n) -> str:
    n = int(n)
    return "one instrument" if n == 1 else f"{n} instruments"


# --------------------------------------------------------------------------- task 4


@lru_cache(maxsize=None)
def _regional_ratio_spec() -> dict:
    """What the check of ``regional_ratio`` compares with, computed once from the tables."""
    e = _expected()
    mali, multi = e["mali"], e["multi"]
    ratio = {y: multi[y] / mali[y] for y in YEARS}
    low, high = min(ratio.values()), max(ratio.values())
    return dict(
        expected=ratio,
        what="a ratio per year",
        labels="year",
        decimals=SHARE_DECIMALS,
        zero_is_empty=False,
        label_columns=("year",),
        value_columns=("ratio",),
        mistakes=[
            (
                {y: multi[y] / (mali[y] + multi[y]) for y in YEARS},
                "you divided by the sum of the two scopes, which adds the multi-country rows to Mali's "
                "deaths - the one thing the table's caveat forbids. Divide the multi-country total by the "
                "Mali-only total instead.",
            ),
            (
                {y: mali[y] / multi[y] for y in YEARS},
                "the ratio is upside down: put the multi-country rows on top and the Mali-only rows "
                "underneath.",
            ),
            (
                {y: 100 * r for y, r in ratio.items()},
                "these look like percentages; give the plain ratio (multi-country / Mali only).",
            ),
            (
                {y: multi[y] / e["state"][y] for y in YEARS},
                "the Mali-only total should add all three types of violence (state-based, non-state and "
                "one-sided), not only the state-based rows.",
            ),
        ],
        right=f"for every 100 deaths UCDP can place in Mali alone, it records roughly "
        f"{round(low * 100, -1):.0f} to {round(high * 100, -1):.0f} more in rows it can only "
        "place in Mali and its neighbours together - a measure of a conflict 'not confined "
        "within Mali's borders', computed without adding the scopes.",
        compared="I compared them with the multi-country total divided by the Mali-only total, "
        "deaths_best summed over the three types of violence, for each year 2019-2022.",
    )


@check(kind="labelled")
def regional_ratio(answer):
    """Task 4: for 2019-2022, deaths in multi-country rows per death in Mali-only rows (by year)."""
    return labelled_numbers(answer, **_regional_ratio_spec())


# --------------------------------------------------------------------------- task 5


@lru_cache(maxsize=None)
def _chart_spec() -> dict:
    """What the check of ``chart`` compares with, computed once from the tables."""
    e = _expected()
    mali = {y: e["mali"][y] for y in CHART_YEARS}
    multi = {y: e["multi"][y] for y in CHART_YEARS}
    added = {y: mali[y] + multi[y] for y in CHART_YEARS}
    return dict(
        want={MALI: mali, MULTI: multi},
        kind="line",
        units=("deaths", "fatalities", "killed", "number", "count", "people"),
        unit_example="Deaths (UCDP best estimate)",
        what="the two scopes' deaths per year, 2012-2022",
        mistakes=[
            (
                added,
                "one line adds the two scopes together. The multi-country rows cannot be "
                "attributed to Mali alone: draw them as a separate line, never on top of "
                "Mali's.",
            )
        ],
        right="side by side, the two scopes show violence rising in Mali and, from 2018, hundreds "
        "more deaths each year recorded across borders - the picture behind the brief's call "
        "for a regional approach.",
        compared="Sum deaths_best per year for each scope (all types of violence) and plot each "
        "scope's totals as its own line.",
    )


@check(kind="chart")
def chart(answer):
    """Task 5: two lines, 2012-2022: Mali-only deaths and multi-country deaths per year."""
    return rubric.judge(answer, **_chart_spec())


# --------------------------------------------------------------------------- tasks 6 and 7

QUIZ_SUFFICIENT = quiz("ex07", "sufficient")
QUIZ_LEGS = quiz("ex07", "legs")


@check(kind="letter")
def q_sufficient(answer):
    """Task 6: multiple choice on 'necessary but not sufficient' (a letter)."""
    return QUIZ_SUFFICIENT.grade_letter(answer)


@check(kind="letter")
def q_legs(answer):
    """Task 7: multiple choice on which leg is thinnest (a letter)."""
    return QUIZ_LEGS.grade_letter(answer)


# --------------------------------------------------------------------------- task 8


def _model_answer() -> str:
    e = _expected()
    mali = e["mali"]
    return (
        "To the ECOWAS Commission: the brief judges that, so far, China appears to have invested "
        "greatly in Mali's development but 'has not done nearly enough with governance', and the "
        f"data show why that matters - UCDP's Mali-only deaths rose from {mali[2017]:,.0f} in 2017 "
        f"to {mali[2019]:,.0f} in 2019 and {mali[2020]:,.0f} in 2020, while it records hundreds more "
        "each year in rows spanning Mali and its neighbours. ECOWAS should press Beijing to evaluate "
        "every infrastructure project for its conflict impact (R5, in the suite's reading the one "
        "recommendation that answers governance) and to coordinate with regional initiatives beyond "
        "MINUSMA (R6). A focus on Mali is 'necessary but not sufficient' (Benabdallah and Large "
        "2020): the memo's ask is regional. Risk: Beijing's government-to-government habits and a "
        "military transition in Bamako may limit what it will do, and the death counts cannot show "
        "what any project would change."
    )


MODEL_ANSWER = _model_answer()

CHECKLIST = STANDARD + [
    Item(
        "a named audience",
        ["beijing", "bamako", "minusma", "ecowas", "paris", "to the", "ministry", "commission"],
        "Address a named audience (Beijing, Bamako, MINUSMA, ECOWAS or Paris).",
    ),
    Item(
        "the recommendation(s) you back",
        ["R1", "R2", "R3", "R4", "R5", "R6", "recommend*"],
        "Name the recommendation(s) you back (R1 ... R6, or your own).",
    ),
    Item(
        "what your memo does about governance",
        ["govern*", "state", "government"],
        "Say what your memo does about governance, the leg the brief finds China neglects.",
    ),
    Item(
        "the region",
        ["region*", "sahel", "border*", "neighbour*", "neighbor*", "sufficient"],
        "Connect your advice to the region: the brief calls a Mali-only focus 'necessary but not "
        "sufficient'.",
    ),
]


@check(kind="writing")
def memo_paragraph(text):
    """Task 8: the capstone memo paragraph (saved), at least 60 words."""
    return written("07.memo", text, MODEL_ANSWER, min_words=60, items=CHECKLIST)

