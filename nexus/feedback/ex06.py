"""Checks of exercise 06: Recommendations.

Tables: ``brief_recommendations`` (R1-R6 and the policy points P1-P3) and
``brief_challenges`` (CH0-CH3). The link from a recommendation to the challenges it
answers (column ``challenges``, ids separated by ';') is the suite's reading of the
brief; every expected value here is computed from that column, never typed in.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from nexus import data
from nexus.feedback import check, correct, describe_type, frame_like, not_yet, quiz, rubric
from nexus.feedback.reader import label_key, number
from nexus.feedback.shapes import labelled_numbers, one_number
from nexus.feedback.writing import STANDARD, Item, written
from nexus.names import label, with_names

__all__ = [
    "matrix",
    "least_answered",
    "shares",
    "chart",
    "q_bamako",
    "q_coalition",
    "priority_argument",
    "nocode_two",
    "nocode_least",
    "nocode_share",
    "nocode_bars",
    "QUIZ_TWO",
    "QUIZ_LEAST",
    "QUIZ_SEVEN",
    "QUIZ_BAMAKO",
    "QUIZ_COALITION",
    "MODEL_ANSWER",
    "CHECKLIST",
    "SHARE_DECIMALS",
]

#: the precision task 3 names for the shares
SHARE_DECIMALS = 2


# --------------------------------------------------------------------------- the data (from the tables)


@cache
def _table():
    t = data.load("brief_recommendations")
    for col in ("id", "kind", "short_name", "challenges"):
        t[col] = t[col].astype(str)
    return t


def _recs() -> list:
    t = _table()
    return t.loc[t["kind"] == "recommendation", "id"].tolist()


def _points() -> list:
    t = _table()
    return t.loc[t["kind"] != "recommendation", "id"].tolist()


@cache
def _challenge_names() -> dict:
    table = data.load("brief_challenges")
    return dict(zip(table["name"].astype(str), table["id"].astype(str), strict=True))


@cache
def _challenges() -> list:
    return data.load("brief_challenges")["id"].astype(str).tolist()


def _short_names() -> dict:
    t = _table()
    return dict(zip(t["short_name"], t["id"], strict=True))


def _links() -> dict:
    t = _table()
    return {i: [c.strip() for c in s.split(";") if c.strip()] for i, s in zip(t["id"], t["challenges"], strict=True)}


def _counts(ids) -> dict:
    links = _links()
    out = {c: 0 for c in _challenges()}
    for rec in ids:
        for ch in links[rec]:
            out[ch] += 1
    return out


def _labels(values) -> list[str]:
    return [str(v).strip() for v in values]


# --------------------------------------------------------------------------- task 1


@check(kind="table")
def matrix(answer):
    """Task 1: a recommendation x challenge table of 0/1 (or True/False), R1-R6 by CH0-CH3."""
    recs, points, challenges, short_names, links = (
        _recs(),
        _points(),
        _challenges(),
        _short_names(),
        _links(),
    )
    if type(answer).__name__ == "Series":
        return not_yet(
            "this is a Series (one column of counts). The task asks for a table with one "
            "row per recommendation and one column per challenge: pd.crosstab(rows, columns)."
        )
    if not frame_like(answer):
        return not_yet(f"the answer should be a DataFrame (a table); your answer is {describe_type(answer)}.")
    frame = answer.copy()
    frame.index = _labels(frame.index)
    frame.columns = _labels(frame.columns)
    if "All" in frame.index or "All" in frame.columns:
        return not_yet(
            "the table has an 'All' row or column: that is a totals line (margins=True). "
            "Leave the totals out; the matrix should hold only recommendations and challenges."
        )
    rows, cols = set(frame.index), set(frame.columns)
    if rows & set(challenges) and cols & (set(recs) | set(points)):  # transposed: fine
        frame = frame.T
        rows, cols = cols, rows
    if rows <= set(short_names) and rows:  # short names instead of ids: equivalent
        frame.index = [short_names[r] for r in frame.index]
        rows = set(frame.index)
    zero_points = [
        r
        for r in frame.index
        if r in points and (pd.to_numeric(frame.loc[r], errors="coerce").fillna(0) == 0).all()
    ]
    if zero_points:  # empty rows left by a categorical id: harmless
        frame = frame.drop(index=zero_points)
        rows = set(frame.index)
    if any(";" in c for c in cols) or any(";" in r for r in rows):
        return not_yet(
            "a column label still contains ';' (such as two challenge ids together): split the "
            "'challenges' strings with .str.split(';') and .explode() before the crosstab."
        )
    if rows & set(points):
        return not_yet(
            "the table includes the policy points P1-P3. They repeat three of the recommendations, "
            "so they would count those links twice: keep only the rows whose kind is 'recommendation'."
        )
    if "challenges" in cols or "kind" in cols or "paraphrase" in cols:
        return not_yet(
            "this looks like the original table, not a matrix. Explode the challenge ids into "
            "one row per link, then use pd.crosstab(recommendation id, challenge id)."
        )
    if rows != set(recs):
        return not_yet(
            "the rows should be the six recommendations, one per id (the 'id' column, R1-R6). "
            "Use the id column as the crosstab's rows, keeping only recommendations."
        )
    if cols != set(challenges):
        return not_yet(
            "the columns should be the challenge ids, one per challenge (CH0-CH3), found by "
            "splitting and exploding the 'challenges' column."
        )
    try:
        values = frame.loc[recs, challenges].astype(float)
    except (TypeError, ValueError):
        return not_yet(
            "the cells should be numbers (1 where a recommendation answers a challenge, 0 "
            "elsewhere) or True/False."
        )
    expected = pd.DataFrame(0.0, index=recs, columns=challenges)
    for rec in recs:
        for ch in links[rec]:
            expected.loc[rec, ch] = 1.0
    if values.isna().any().any():
        return not_yet(
            "some cells are empty (NaN): fill them with 0, for example with .fillna(0), or "
            "let pd.crosstab count for you."
        )
    if (values > 1).any().any():
        return not_yet(
            "some cells are above 1: a link was counted more than once. Check that every "
            "recommendation appears once per challenge after exploding."
        )
    if (values.values == expected.values).all():
        return correct(
            "each row shows which challenges a recommendation answers, in the suite's reading. "
            "Reading down a column shows how well each challenge is covered - the start of "
            "asking which problem the brief leaves least answered."
        )
    wrong = [(r, c) for r in recs for c in challenges if values.loc[r, c] != expected.loc[r, c]]
    return not_yet(
        f"the rows and columns are right but {len(wrong)} cell(s) differ from the links in the "
        f"'challenges' column (the first: row {label(wrong[0][0])}, column {label(wrong[0][1])}, where you "
        f"have {values.loc[wrong[0]]:g}). Recount the links from that column, after splitting, "
        "rather than typing the table by hand."
    )


# --------------------------------------------------------------------------- task 2


@check(kind="label")
def least_answered(answer):
    """Task 2: the id of the numbered challenge (CH1-CH3) answered by the fewest recommendations."""
    counts = _counts(_recs())
    numbered = {c: n for c, n in counts.items() if c != "CH0"}
    right = min(numbered, key=numbered.get)
    most = max(numbered, key=numbered.get)
    names = _challenge_names()
    if type(answer).__name__ in ("Series", "DataFrame"):
        return not_yet(
            "this is a whole table of counts. Pick out the id with the smallest count, for "
            "example with .idxmin() on the counts of the numbered challenges."
        )
    if number(answer, containers=False) is not None:
        return not_yet(
            "this is a number - a count, not the challenge. The task asks for the challenge's "
            "id (text such as 'CH2'): .idxmin() gives the label, .min() gives the count."
        )
    if not isinstance(answer, str):
        return not_yet(f"give the challenge's id as text in quotes; your answer is {describe_type(answer)}.")
    key = answer.strip().upper().replace(" ", "")
    key = next((i for n, i in names.items() if label_key(n) == label_key(answer)), key)
    if key == right:
        which = [r for r in _recs() if right in _links()[r]]
        named = "; ".join(label(r) for r in which)
        return correct(
            f"in the suite's reading only {numbered[right]} of the six recommendations "
            f"answers this challenge ({named}). It is the lack of governance, which the brief "
            "calls fundamental, concluding that China 'has not done nearly enough with "
            "governance'."
        )
    if key == "CH0":
        return not_yet(
            f"{label('CH0')} gathers the limits stated before the brief's three numbered "
            "challenges; the task asks only about the numbered ones. Drop CH0 before looking "
            "for the minimum."
        )
    if key == most:
        return not_yet(
            f"{label(key)} is the MOST answered challenge. Look for the smallest count (.idxmin(), "
            "or sort in ascending order)."
        )
    if key in numbered:
        return not_yet(
            f"{label(key)} is answered by {numbered[key]} recommendations, not the fewest. Count "
            "again after splitting the 'challenges' strings, keeping only R1-R6."
        )
    if key.startswith(("R", "P")) and key[1:].isdigit():
        return not_yet("that is a recommendation's id; the task asks for a challenge's id (CH...).")
    return not_yet(
        f"{answer.strip()[:20]!r} is not a challenge id of brief_challenges; write one such as 'CH2'."
    )


# --------------------------------------------------------------------------- task 3


@cache
def _shares_spec() -> dict:
    """What the check of ``shares`` compares with, computed once from the tables."""
    recs, points = _recs(), _points()
    counts, with_points = _counts(recs), _counts(recs + points)
    links, links_all = sum(counts.values()), sum(with_points.values())
    n = len(recs)
    return dict(
        expected={c: v / n for c, v in counts.items()},
        what="a share per challenge",
        labels="challenge",
        fraction=True,
        decimals=SHARE_DECIMALS,
        label_columns=("challenge", "challenges", "id"),
        value_columns=("share", "count", "proportion"),
        mistakes=[
            (
                lambda got: any(";" in k for k in got),
                "a label still contains ';': split the 'challenges' strings and explode them before "
                "counting.",
            ),
            (
                {c: float(v) for c, v in counts.items()},
                "these are counts, not shares. Divide each count by the number of recommendations.",
            ),
            (
                {c: v / links for c, v in counts.items()},
                "you divided by the number of links, so the shares add up to 1 - that is what "
                "value_counts(normalize=True) does after exploding. One recommendation answers two "
                "challenges; divide by the number of recommendations instead.",
            ),
            (
                {c: v / (n + len(points)) for c, v in with_points.items()},
                "the policy points P1-P3 are included: they repeat three of the recommendations, so their links "
                "are counted twice. Keep only the rows whose kind is 'recommendation'.",
            ),
            (
                {c: v / n for c, v in with_points.items()},
                "the policy points P1-P3 are included: they repeat three of the recommendations, so their links "
                "are counted twice. Keep only the rows whose kind is 'recommendation'.",
            ),
            (
                {c: v / links_all for c, v in with_points.items()},
                "the policy points P1-P3 are included: they repeat three of the recommendations, so their links "
                "are counted twice. Keep only the rows whose kind is 'recommendation'.",
            ),
        ],
        hints={
            "wide": "give one column of shares (a Series indexed by challenge id), not a table with "
            "several columns."
        },
        right="a share tells you at a glance how much of the brief's advice goes to each problem. The "
        f"shares add up to more than 1 because a recommendation ({label('R1')}) can answer two "
        "challenges.",
        compared="I compared them with the number of recommendations answering each challenge (the "
        "exploded 'challenges' column of the six recommendations) divided by six.",
    )


@check(kind="labelled")
def shares(answer):
    """Task 3: for each challenge, the share (0-1) of the six recommendations that answer it."""
    return labelled_numbers(answer, **_shares_spec())


# --------------------------------------------------------------------------- task 4


@cache
def _chart_spec() -> dict:
    """What the check of ``chart`` compares with, computed once from the tables."""
    recs, points = _recs(), _points()
    counts = _counts(recs)
    links = sum(counts.values())
    return dict(
        want=counts,
        kind="bar",
        units=("recommendation", "count", "number"),
        unit_example="Recommendations (count)",
        x="challenge",
        how="ax.bar(challenge_ids, counts)",
        what="the number of recommendations answering each challenge",
        mistakes=[
            (
                lambda d: any(";" in k for k in d.keys),
                "a bar is labelled with several challenge ids joined by ';': split the 'challenges' strings "
                "and explode them before counting.",
            ),
            (
                _counts(recs + points),
                "the bars include the policy points P1-P3, which repeat three of the "
                "recommendations: keep only the recommendations so that no link is counted twice.",
            ),
            (
                {c: v / len(recs) for c, v in counts.items()},
                "these bars are shares; the task asks for counts (how many recommendations), so that the "
                "value axis reads in whole recommendations.",
            ),
            (
                {c: v / links for c, v in counts.items()},
                "these bars are shares; the task asks for counts (how many recommendations), so that the "
                "value axis reads in whole recommendations.",
            ),
        ],
        right="the chart makes the imbalance visible at once: in the suite's reading, the brief's "
        "advice clusters on peacekeeping and local engagement, while one numbered challenge gets "
        "a single bar of height one.",
        compared="Count the exploded challenge ids of the six recommendations and draw one bar per "
        "challenge, labelled with its id.",
    )


@check(kind="chart")
def chart(answer):
    """Task 4: a bar chart of how many recommendations answer each challenge, titled and labelled.
    A hint that names the learner's bars names each challenge with its code (nexus.names)."""
    fb = rubric.judge(answer, **_chart_spec())
    return fb if fb.is_correct else not_yet(with_names(fb.message))


# --------------------------------------------------------------------------- tasks 5 and 6

QUIZ_BAMAKO = quiz("ex06", "bamako")
QUIZ_COALITION = quiz("ex06", "coalition")


@check(kind="letter")
def q_bamako(answer):
    """Task 5: multiple choice on the recommendation for the Bamako-centred challenge (a letter)."""
    return QUIZ_BAMAKO.grade_letter(answer)


@check(kind="letter")
def q_coalition(answer):
    """Task 6: multiple choice on the Coalition for the Sahel's date (a letter)."""
    return QUIZ_COALITION.grade_letter(answer)


# --------------------------------------------------------------------------- task 7

MODEL_ANSWER = (
    f"I would put {label('R5')} first for Beijing: evaluate every infrastructure project for its conflict impact "
    "before building it. In the suite's reading it is the only recommendation that touches "
    "governance, which the brief calls fundamental and where it says China 'has not done nearly "
    "enough'; the brief warns that projects without government control 'risk being destroyed or "
    "getting subversively used' by armed groups, and lesson 03 showed violence rising from 2017 "
    "on. It is also feasible: China decides its own project pipeline, and the Senou training "
    "centre, inaugurated in 2018 and still unused when the brief was written, shows the cost of "
    "building without asking whether a project can work. Its limit is that it avoids harm rather "
    "than restoring state control, and no data here can show whether it would."
)

CHECKLIST = STANDARD + [
    Item(
        "the recommendation you would prioritise",
        ["R1", "R2", "R3", "R4", "R5", "R6", "recommendation*"],
        "Name the recommendation you would prioritise (R1–R6).",
    ),
    Item(
        "how feasible it is for Beijing",
        ["feasib*", "cost*", "risk*", "control*", "afford*", "capacity", "can do"],
        "Say how feasible it is for Beijing, not only how much it would matter.",
    ),
    Item(
        "whether it helps with governance",
        ["govern*", "state", "government"],
        "Say whether your choice helps with governance, the challenge the brief calls fundamental.",
    ),
]


@check(kind="writing")
def priority_argument(text):
    """Task 7: a written argument (saved): which recommendation should Beijing act on first?"""
    return written("06.priority", text, MODEL_ANSWER, min_words=40, items=CHECKLIST)



# --------------------------------------------------------------------------- the no-code track
# Each coding task (1-4) has a version without code: the learner reads the matrix or the chart
# from nexus.prepared and answers with a letter or a number (registered as an alternative route).

QUIZ_TWO = quiz("ex06", "two_challenges")
QUIZ_LEAST = quiz("ex06", "least_answered")
QUIZ_SEVEN = quiz("ex06", "bars_add_up")
#: the challenge whose share task 3 without code asks for
SHARE_OF = "CH3"


@check(kind="letter", alternative_to="matrix")
def nocode_two(answer):
    """Task 1 without code: which recommendation answers two challenges (a letter)."""
    return QUIZ_TWO.grade_letter(answer)


@check(kind="letter", alternative_to="least_answered")
def nocode_least(answer):
    """Task 2 without code: which numbered challenge the fewest recommendations answer (a letter)."""
    return QUIZ_LEAST.grade_letter(answer)


@cache
def _nocode_share_spec() -> dict:
    """What the check of ``nocode_share`` compares with, computed once from the tables."""
    recs = _recs()
    counts = _counts(recs)
    n, links = len(recs), sum(counts.values())
    right = counts[SHARE_OF] / n
    mistakes = [
        (float(counts[SHARE_OF]), "that is a count of recommendations. A share divides it by the six "
         "recommendations."),
        (counts[SHARE_OF] / links, f"you divided by {links}, the number of 1s in the whole matrix. The "
         "question asks for a share of the six recommendations."),
    ]
    others: dict = {}
    for c, v in sorted(counts.items()):
        if c != SHARE_OF and v != counts[SHARE_OF]:
            others.setdefault(v, []).append(label(c))
    mistakes += [(v / n, f"that is the share for {' and for '.join(names)}. The question asks about "
                  f"{label(SHARE_OF)}.") for v, names in others.items()]
    return dict(
        expected=right,
        what="share",
        fraction=True,
        decimals=SHARE_DECIMALS,
        mistakes=mistakes,
        right=f"{counts[SHARE_OF]} of the six recommendations answer {label(SHARE_OF)}, the most of any "
        "challenge: in the suite's reading, the brief's advice clusters on peacekeeping and local "
        "engagement. A share tells you at a glance how much of the advice goes to each problem.",
        compared=f"I compared it with the number of recommendations answering {label(SHARE_OF)}, divided "
        "by six.",
    )


@check(kind="number", alternative_to="shares")
def nocode_share(answer):
    """Task 3 without code: the share of the six recommendations that answer CH3 Peacekeeping and
    local ties (a fraction read off prepared.recommendation_matrix())."""
    return one_number(answer, **_nocode_share_spec())


@check(kind="letter", alternative_to="chart")
def nocode_bars(answer):
    """Task 4 without code: why the chart's bars add up to more than six (a letter)."""
    return QUIZ_SEVEN.grade_letter(answer)
