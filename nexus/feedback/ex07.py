"""Checks of exercise 07: Synthesis.

The tasks pull the suite together: the brief's evidence base (``brief_claims``), what China
does and what the brief advises (``brief_instruments``, ``brief_recommendations``), the
regional dimension of the violence (``conflict_deaths_by_type``: the Mali-only rows and the
multi-country rows are two scopes that are never added), two interpretation questions and a
capstone memo paragraph. Every expected value is computed from the tables; answers are read
and judged with the suite's one reader, shapes and chart rubric.
"""

from __future__ import annotations

from functools import cache

from nexus import data
from nexus.feedback import check, quiz, rubric
from nexus.feedback.shapes import labelled_numbers, one_number
from nexus.feedback.writing import Item, Length, written
from nexus.memo import ARGUMENT, AUDIENCES, OWN_WORDS, RUBRIC, with_argument
from nexus.names import label

__all__ = [
    "statements",
    "tested_share",
    "practice",
    "regional_ratio",
    "chart",
    "q_sufficient",
    "q_legs",
    "memo_argument",
    "nocode_total",
    "nocode_testable",
    "nocode_governance",
    "nocode_ratio",
    "nocode_two_lines",
    "QUIZ_SUFFICIENT",
    "QUIZ_TESTABLE",
    "QUIZ_TWO_LINES",
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


@cache
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


@cache
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


@cache
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


@cache
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
                "these are counts per challenge (CH0-CH3) from the recommendations table. This task is "
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


@cache
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


@cache
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
# The memo's Argument section, as the one memo specification (nexus.memo) describes it: its
# length, its checklist (the rubric's criteria) and its file, the one the memo builder writes.


def _model_answer() -> str:
    e = _expected()
    mali, multi = e["mali"], e["multi"]
    ratios = [multi[y] / mali[y] for y in YEARS]
    low, high = round(min(ratios) * 100, -1), round(max(ratios) * 100, -1)
    return (
        "To the ECOWAS Commission. The brief judges that, so far, China appears to have invested greatly "
        "in Mali's development but 'has not done nearly enough with governance' (Benabdallah and Large "
        "2020), and the data show why that matters now: UCDP records "
        f"{mali[2017]:,.0f} deaths located in Mali alone in 2017, {mali[2019]:,.0f} in 2019 and "
        f"{mali[2020]:,.0f} in 2020, and in {YEARS[0]}-{YEARS[-1]} roughly {low:.0f} to {high:.0f} more, "
        "for every 100 of those, in rows that span Mali and its neighbours. ECOWAS should press Beijing "
        f"on two recommendations. First, {label('R5')}: in the suite's reading it is the one "
        f"recommendation that answers {label('CH1')}, and the brief warns that projects without "
        "government control risk being destroyed or used by armed groups. Second, "
        f"{label('R6')}, so that Chinese projects and peacekeepers serve a regional plan: the brief "
        "calls any focus on Mali 'necessary but not sufficient'. What could go wrong: Beijing's habit "
        "of working government to government may make it slow to judge projects by their conflict "
        "impact, and a political transition in Bamako may change whom it works with. The evidence has "
        "limits too: death counts show where violence rose, not what any project would change."
    )


MODEL_ANSWER = _model_answer()

#: What the checklist looks for under each criterion of the memo's rubric (nexus.memo.RUBRIC).
_SIGNALS = {
    "Audience and purpose": (
        [a.key.lower() for a in AUDIENCES] + ["to the", "ministry", "commission", "authorities",
                                               "leadership", "should", "i recommend", "we recommend"],
        None),
    "Recommendations": (["R1", "R2", "R3", "R4", "R5", "R6", "recommend*", "my own"], None),
    "Evidence": (["ucdp", "acled", "aiddata", "undp", "hdi", "un data", "table", "data"], r"\b\d[\d,.]*%?"),
    "Engagement with the brief": (["the brief", "brief", "benabdallah", "authors"],
                                  r"(?<![\w'’])['‘\"“][^'’\"”\n]{3,}['’\"”](?![\w'’])"),
    "Risks and counter-arguments": (["risk*", "could go wrong", "objection*", "however", "but",
                                     "although", "may", "might", "cannot", "limit*"], None),
    "Governance and the region": (["govern*", "state", "region*", "sahel", "border*", "neighbour*",
                                   "neighbor*", "sufficient"], None),
}


def _checklist() -> list:
    """One line per criterion of the memo's rubric, in its order; its prompt is the rubric's
    description of an excellent memo, and 'Clarity and length' counts the words."""
    items = []
    for c in RUBRIC:
        if c.name == "Clarity and length":
            items.append(Length(c.name, *OWN_WORDS))
        else:
            signals, pattern = _SIGNALS[c.name]
            items.append(Item(c.name, signals, c.levels[0], pattern=pattern))
    return items


CHECKLIST = _checklist()


def _save_in_memo(text: str) -> str:
    """Save ``text`` as the Argument section of my-answers/07-memo.md, the memo builder's file
    (anything the builder saved there is kept); returns where it went."""
    from nexus import answers
    from nexus.widgets.memo import MEMO_FILE

    existing = answers.load_text(MEMO_FILE.rsplit(".", 1)[0])
    answers.save_file(MEMO_FILE, with_argument(existing, text))
    return (f"Saved as the {ARGUMENT} section of my-answers/{MEMO_FILE}, the file the memo builder of "
            "lesson 07 writes (it keeps this text).")


@check(kind="writing")
def memo_argument(text):
    """Task 8: the memo's Argument section (saved into my-answers/07-memo.md), 150-250 words."""
    return written("07.memo", text, MODEL_ANSWER, min_words=OWN_WORDS[0], items=CHECKLIST, save=_save_in_memo)


# --------------------------------------------------------------------------- the no-code track
# Each coding task (1-5) has a version without code: the learner reads a table or chart from
# nexus.prepared and answers with a number or a letter (registered as an alternative route).


@cache
def _nocode_total_spec() -> dict:
    """What the check of ``nocode_total`` compares with, computed once from the tables."""
    e = _expected()
    policy = e["n_all"] - e["n_keep"]
    return dict(
        expected=e["n_keep"],
        what="number of statements",
        exact=True,
        mistakes=[
            (e["n_all"], f"that includes the {policy} policy points, which repeat three recommendations. "
             "Leave the 'policy points' row out."),
            (policy, "that is the policy points alone. The question asks for every other statement."),
            (sum(e["tested"].values()), "that is the statements data can test (the tested column). Add the "
             "total column."),
            (sum(e["tested_all"].values()), "that is the statements data can test (the tested column). Add "
             "the total column."),
        ],
        right=_statements_spec()["right"],
        compared="I compared it with the total column added over every section but 'policy points'.",
    )


@check(kind="number", alternative_to="statements")
def nocode_total(answer):
    """Task 1 without code: how many statements the brief makes, the policy points left out (a sum
    read off prepared.statements_by_section())."""
    return one_number(answer, **_nocode_total_spec())


QUIZ_TESTABLE = quiz("ex07", "testable")
QUIZ_TWO_LINES = quiz("ex07", "two_lines")


@check(kind="letter", alternative_to="tested_share")
def nocode_testable(answer):
    """Task 2 without code: which sections data can test best (a letter)."""
    return QUIZ_TESTABLE.grade_letter(answer)


@cache
def _nocode_governance_spec() -> dict:
    """What the check of ``nocode_governance`` compares with, computed once from the tables."""
    e = _expected()
    practice, every = e["practice"], e["all_lenses"]
    mistakes = [(every["governance"], "that counts the governance tools the brief only recommends too. The "
                 "question asks about the instruments China already uses.")]
    mistakes += [(practice[k], f"that is the number of {k} instruments China uses; the question is about "
                  "governance.") for k in LENSES if k != "governance" and practice[k] != practice["governance"]]
    mistakes.append((e["n_practice"], "that is every instrument China already uses. Count only the "
                     "governance rows."))
    return dict(
        expected=practice["governance"],
        what="number of instruments",
        exact=True,
        mistakes=mistakes,
        right=_practice_spec()["right"],
        compared="I compared it with the rows of the table whose lens is governance.",
    )


@check(kind="number", alternative_to="practice")
def nocode_governance(answer):
    """Task 3 without code: how many instruments China already uses concern governance (a count
    read off prepared.instruments_in_use())."""
    return one_number(answer, **_nocode_governance_spec())


#: the year task 4 without code asks about
RATIO_YEAR = 2020


@cache
def _nocode_ratio_spec() -> dict:
    """What the check of ``nocode_ratio`` compares with, computed once from the tables."""
    e = _expected()
    mali, multi = e["mali"], e["multi"]
    y = RATIO_YEAR
    ratio = multi[y] / mali[y]
    mistakes = [
        (mali[y] / multi[y], "the ratio is upside down: put the multi-country deaths on top and the Mali-only "
         "deaths underneath."),
        (multi[y] / (mali[y] + multi[y]), "you divided by the sum of the two scopes, which adds the multi-country "
         "rows to Mali's deaths - the one thing the table's caveat forbids. Divide by the Mali-only deaths."),
        (100 * ratio, "that looks like a percentage; give the plain ratio (multi-country / Mali only)."),
        (multi[y], "that is the multi-country deaths alone. Divide them by the Mali-only deaths."),
    ]
    mistakes += [(multi[o] / mali[o], f"that is the ratio for {o}. The question asks about {y}.")
                 for o in YEARS if o != y]
    return dict(
        expected=ratio,
        what="ratio",
        decimals=SHARE_DECIMALS,
        mistakes=mistakes,
        right=f"in {y}, for every 100 deaths UCDP could place in Mali alone it recorded about "
        f"{round(ratio * 100)} more in rows it can only place in Mali and its neighbours together - a "
        "measure of a conflict 'not confined within Mali's borders', computed without adding the scopes.",
        compared=f"I compared it with the multi-country deaths of {y} divided by the Mali-only deaths of {y}.",
    )


@check(kind="number", alternative_to="regional_ratio")
def nocode_ratio(answer):
    """Task 4 without code: multi-country deaths per Mali-only death in 2020 (a ratio read off
    prepared.deaths_by_scope())."""
    return one_number(answer, **_nocode_ratio_spec())


@check(kind="letter", alternative_to="chart")
def nocode_two_lines(answer):
    """Task 5 without code: why the chart draws the two scopes as two lines (a letter)."""
    return QUIZ_TWO_LINES.grade_letter(answer)
