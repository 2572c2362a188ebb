"""Checks of exercise 06: Recommendations.

The tasks work on ``brief_recommendations`` (R1-R6 and the policy points P1-P3) and
``brief_challenges`` (CH0-CH3). The link from a recommendation to the challenges it
answers (column ``challenges``, ids separated by ';') is the suite's reading of the brief.
"""

from __future__ import annotations

import math
import numbers

import pandas as pd

from nexus.feedback import Quiz, check, correct, describe_type, frame_like, not_yet, written

RECS = ["R1", "R2", "R3", "R4", "R5", "R6"]
POINTS = ["P1", "P2", "P3"]
CHALLENGES = ["CH0", "CH1", "CH2", "CH3"]
SHORT_NAMES = {
    "Know Mali's context; go beyond Bamako": "R1", "Widen diplomatic channels": "R2",
    "Faster Gao hospital, smoother collaboration": "R3", "Lead in MINUSMA civilian protection": "R4",
    "Assess conflict impact of infrastructure": "R5", "Coordinate beyond MINUSMA": "R6"}
# The suite's reading: which challenges each recommendation (and policy point) answers.
LINKS = {"R1": ["CH2", "CH3"], "R2": ["CH2"], "R3": ["CH3"], "R4": ["CH3"], "R5": ["CH1"],
         "R6": ["CH0"], "P1": ["CH2", "CH3"], "P2": ["CH3"], "P3": ["CH3"]}


def _counts(ids) -> dict:
    out = {c: 0 for c in CHALLENGES}
    for rec in ids:
        for ch in LINKS[rec]:
            out[ch] += 1
    return out


COUNTS = _counts(RECS)                      # CH0..CH3 -> recommendations answering it
COUNTS_WITH_POINTS = _counts(RECS + POINTS)
N_LINKS = sum(COUNTS.values())
N_LINKS_WITH_POINTS = sum(COUNTS_WITH_POINTS.values())

__all__ = ["matrix", "least_answered", "shares", "chart", "q_bamako", "q_coalition",
           "priority_argument", "QUIZ_BAMAKO", "QUIZ_COALITION", "MODEL_ARGUMENT", "LOOK_FOR"]


def _labels(values) -> list[str]:
    return [str(v).strip() for v in values]


def _close(a: float, b: float, tol: float = 1e-6) -> bool:
    return abs(float(a) - float(b)) <= tol


# --------------------------------------------------------------------------- task 1


@check
def matrix(answer):
    """Task 1: a recommendation x challenge table of 0/1 (or True/False), R1-R6 by CH0-CH3."""
    if type(answer).__name__ == "Series":
        return not_yet("this is a Series (one column of counts). The task asks for a table with one "
                       "row per recommendation and one column per challenge: pd.crosstab(rows, columns).")
    if not frame_like(answer):
        return not_yet(f"the answer should be a DataFrame (a table); this is {describe_type(answer)}.")
    frame = answer.copy()
    frame.index = _labels(frame.index)
    frame.columns = _labels(frame.columns)
    if "All" in frame.index or "All" in frame.columns:
        return not_yet("the table has an 'All' row or column: that is a totals line (margins=True). "
                       "Leave the totals out; the matrix should hold only recommendations and challenges.")
    rows, cols = set(frame.index), set(frame.columns)
    if rows & set(CHALLENGES) and cols & (set(RECS) | set(POINTS)):  # transposed: fine
        frame = frame.T
        rows, cols = cols, rows
    if rows <= set(SHORT_NAMES) and rows:  # short names instead of ids: equivalent
        frame.index = [SHORT_NAMES[r] for r in frame.index]
        rows = set(frame.index)
    zero_points = [r for r in frame.index if r in POINTS
                   and (pd.to_numeric(frame.loc[r], errors="coerce").fillna(0) == 0).all()]
    if zero_points:  # empty rows left by a categorical id: harmless
        frame = frame.drop(index=zero_points)
        rows = set(frame.index)
    if any(";" in c for c in cols) or any(";" in r for r in rows):
        return not_yet("a column label still contains ';' (such as two challenge ids together): split the "
                       "'challenges' strings with .str.split(';') and .explode() before the crosstab.")
    if rows & set(POINTS):
        return not_yet("the table includes the policy points P1-P3. They repeat R1, R3 and R4, so they "
                       "would count those links twice: keep only the rows whose kind is 'recommendation'.")
    if "challenges" in cols or "kind" in cols or "paraphrase" in cols:
        return not_yet("this looks like the original table, not a matrix. Explode the challenge ids into "
                       "one row per link, then use pd.crosstab(recommendation id, challenge id).")
    if rows != set(RECS):
        return not_yet("the rows should be the six recommendations, one per id (the 'id' column, R1 ...). "
                       "Use the id column as the crosstab's rows, keeping only recommendations.")
    if cols != set(CHALLENGES):
        return not_yet("the columns should be the challenge ids, one per challenge (CH0 ...), found by "
                       "splitting and exploding the 'challenges' column.")
    try:
        values = frame.loc[RECS, CHALLENGES].astype(float)
    except (TypeError, ValueError):
        return not_yet("the cells should be numbers (1 where a recommendation answers a challenge, 0 "
                       "elsewhere) or True/False.")
    expected = pd.DataFrame(0.0, index=RECS, columns=CHALLENGES)
    for rec in RECS:
        for ch in LINKS[rec]:
            expected.loc[rec, ch] = 1.0
    if values.isna().any().any():
        return not_yet("some cells are empty (NaN): fill them with 0, for example with .fillna(0), or "
                       "let pd.crosstab count for you.")
    if (values > 1).any().any():
        return not_yet("some cells are above 1: a link was counted more than once. Check that every "
                       "recommendation appears once per challenge after exploding.")
    if (values.values == expected.values).all():
        return correct("each row shows which challenges a recommendation answers, in the suite's reading. "
                       "Reading down a column shows how well each challenge is covered - the start of "
                       "asking which problem the brief leaves least answered.")
    return not_yet("the rows and columns are right but some cells differ. Recount the links from the "
                   "'challenges' column (after splitting) rather than typing the table by hand.")


# --------------------------------------------------------------------------- task 2


@check
def least_answered(answer):
    """Task 2: the id of the numbered challenge (CH1-CH3) answered by the fewest recommendations."""
    if type(answer).__name__ in ("Series", "DataFrame"):
        return not_yet("this is a whole table of counts. Pick out the id with the smallest count, for "
                       "example with .idxmin() on the counts of the numbered challenges.")
    if isinstance(answer, numbers.Number) and not isinstance(answer, bool):
        return not_yet("this is a number - the count, not the challenge. The task asks for the challenge's "
                       "id (text such as 'CH2'): .idxmin() gives the label, .min() gives the count.")
    if not isinstance(answer, str):
        return not_yet(f"give the challenge's id as text in quotes; this is {describe_type(answer)}.")
    text = answer.strip()
    key = text.upper().replace(" ", "")
    if key == "CH1" or text.lower() == "no focus on governance":
        return correct("only one of the six recommendations (R5, evaluating infrastructure for its conflict "
                       "impact) answers the lack of governance - the challenge the brief itself calls "
                       "fundamental, concluding that China has not done nearly enough on governance.")
    if key == "CH0":
        return not_yet("CH0 gathers the general limits stated before the brief's three numbered challenges; "
                       "the task asks only about the numbered ones. Drop CH0 before looking for the minimum.")
    if key == "CH3":
        return not_yet("that is the MOST answered challenge. Look for the smallest count (.idxmin(), or sort "
                       "in ascending order).")
    if key == "CH2":
        return not_yet("CH2 is answered by more than one recommendation. Count again after splitting "
                       "the 'challenges' strings, keeping only R1-R6.")
    if key.startswith("R") or key.startswith("P"):
        return not_yet("that is a recommendation's id; the task asks for a challenge's id (CH...).")
    return not_yet("give one challenge id from the brief_challenges table, written like 'CH2'.")


# --------------------------------------------------------------------------- task 3


def _as_series(answer):
    if type(answer).__name__ == "Series":
        return answer
    if frame_like(answer):
        numeric = [c for c in answer.columns if pd.api.types.is_numeric_dtype(answer[c])]
        if len(answer.columns) == 1:
            return answer.iloc[:, 0]
        if len(numeric) == 1:
            return answer[numeric[0]]
    return None


@check
def shares(answer):
    """Task 3: for each challenge, the share (0-1) of the six recommendations that answer it."""
    series = _as_series(answer)
    if series is None:
        if frame_like(answer):
            return not_yet("give one column of shares (a Series indexed by challenge id), not a table with "
                           "several columns.")
        return not_yet(f"the answer should be a pandas Series indexed by challenge id; this is "
                       f"{describe_type(answer)}.")
    series = series.copy()
    series.index = _labels(series.index)
    if any(";" in i for i in series.index):
        return not_yet("an index label still contains ';': split the 'challenges' strings and explode "
                       "them before counting.")
    if set(series.index) != set(CHALLENGES):
        return not_yet("the index should be the challenge ids (CH0 ...), one value each. Count the "
                       "exploded challenge ids with .value_counts().")
    try:
        values = {k: float(v) for k, v in series.items()}
    except (TypeError, ValueError):
        return not_yet("the values should be numbers between 0 and 1.")
    if any(math.isnan(v) for v in values.values()):
        return not_yet("some values are missing (NaN); every challenge needs a share.")

    def same(target):
        return all(_close(values[c], target[c]) for c in CHALLENGES)

    n_recs = len(RECS)
    if same({c: COUNTS[c] / n_recs for c in CHALLENGES}):
        return correct("a share tells you at a glance how much of the brief's advice goes to each problem. "
                       "The shares add up to more than 1 because a recommendation (R1) can answer two "
                       "challenges.")
    if same({c: float(COUNTS[c]) for c in CHALLENGES}):
        return not_yet("these are counts, not shares. Divide each count by the number of recommendations.")
    if same({c: 100 * COUNTS[c] / n_recs for c in CHALLENGES}):
        return not_yet("these look like percentages. Give shares between 0 and 1 (do not multiply by 100).")
    if same({c: COUNTS[c] / N_LINKS for c in CHALLENGES}):
        return not_yet("you divided by the number of links, so the shares add up to 1 - that is what "
                       "value_counts(normalize=True) does after exploding. One recommendation answers two "
                       "challenges; divide by the number of recommendations instead.")
    with_points = [{c: COUNTS_WITH_POINTS[c] / d for c in CHALLENGES}
                   for d in (len(RECS) + len(POINTS), n_recs, N_LINKS_WITH_POINTS)]
    if any(same(t) for t in with_points) or same({c: float(COUNTS_WITH_POINTS[c]) for c in CHALLENGES}):
        return not_yet("the policy points P1-P3 are included: they repeat R1, R3 and R4, so their links are "
                       "counted twice. Keep only the rows whose kind is 'recommendation'.")
    return not_yet("not the shares expected. Keep the recommendations, split and explode the challenge ids, "
                   "count them, then divide by the number of recommendations.")


# --------------------------------------------------------------------------- task 4


def _bars(ax):
    """(labels, values) of the bars of an Axes, whatever their orientation."""
    from matplotlib.container import BarContainer

    containers = [c for c in ax.containers if isinstance(c, BarContainer)]
    if not containers:
        return None, None
    horizontal = getattr(containers[0], "orientation", "vertical") == "horizontal"
    rects = [r for c in containers for r in c.patches]
    if horizontal:
        pos = [r.get_y() + r.get_height() / 2 for r in rects]
        vals = [r.get_width() for r in rects]
        ticks, labels = ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()]
    else:
        pos = [r.get_x() + r.get_width() / 2 for r in rects]
        vals = [r.get_height() for r in rects]
        ticks, labels = ax.get_xticks(), [t.get_text() for t in ax.get_xticklabels()]
    names = []
    for p in pos:
        hits = [lab for t, lab in zip(ticks, labels) if abs(t - p) < 0.25]
        names.append(hits[0].strip() if hits else "")
    return names, [float(v) for v in vals]


@check
def chart(answer):
    """Task 4: a bar chart of how many recommendations answer each challenge (a Figure or Axes)."""
    name = type(answer).__name__
    if name == "Figure":
        axes = answer.axes
        if not axes:
            return not_yet("the figure is empty: draw the bars on ax (ax.bar(...)) and give fig.")
        ax = axes[0]
    elif hasattr(answer, "containers") and hasattr(answer, "get_xticklabels"):
        ax = answer
    else:
        return not_yet(f"give the figure you drew (fig from fig, ax = plt.subplots()); this is "
                       f"{describe_type(answer)}.")
    labels, values = _bars(ax)
    if not values:
        return not_yet("no bars found on the chart: draw them with ax.bar(labels, counts) or "
                       "counts.plot.bar(ax=ax).")
    if any(";" in lab for lab in labels):
        return not_yet("a bar is labelled with several challenge ids joined by ';': split the 'challenges' "
                       "strings and explode them before counting.")
    heights = dict(zip(labels, values))
    if set(labels) != set(CHALLENGES) or len(labels) != len(CHALLENGES):
        if sorted(values) == sorted(float(v) for v in COUNTS.values()):
            return not_yet("the bar heights look right, but label each bar with its challenge id "
                           "(CH0 ...): pass the ids as the bars' x values.")
        return not_yet("draw one bar per challenge (CH0 ...), labelled with the challenge id.")
    if all(_close(heights[c], COUNTS_WITH_POINTS[c]) for c in CHALLENGES):
        return not_yet("the bars include the policy points P1-P3, which repeat R1, R3 and R4: keep only "
                       "the recommendations so that no link is counted twice.")
    if all(_close(heights[c], COUNTS[c] / len(RECS)) for c in CHALLENGES) or \
            all(_close(heights[c], COUNTS[c] / N_LINKS) for c in CHALLENGES):
        return not_yet("these bars are shares; the task asks for counts (how many recommendations), "
                       "so that the y-axis reads in whole recommendations.")
    if not all(_close(heights[c], COUNTS[c]) for c in CHALLENGES):
        return not_yet("some bar heights are off. Count the exploded challenge ids of the six "
                       "recommendations and plot those counts.")
    if not ax.get_title().strip() and not ax.get_title(loc="left").strip():
        return not_yet("the bars are right; now give the chart a title (ax.set_title(...)).")
    ylabel = (ax.get_xlabel() if getattr(ax.containers[0], "orientation", "") == "horizontal"
              else ax.get_ylabel())
    if not ylabel.strip():
        return not_yet("the bars are right; now label the count axis with what it counts and its unit "
                       "(for example 'Recommendations (count)').")
    return correct("the chart makes the imbalance visible at once: the brief's advice clusters on "
                   "peacekeeping and local engagement, while one challenge gets a single bar of height one.")


# --------------------------------------------------------------------------- tasks 5 and 6

QUIZ_BAMAKO = Quiz(
    "06.ex.bamako",
    "Which recommendation speaks most directly to the challenge that China's approach is "
    "Bamako-centred?",
    [("A. R3: faster response times at the Chinese-run UN hospital in Gao", False,
      "R3 is about MINUSMA's camp in Gao and China's peacekeeping (challenge CH3), not about where "
      "China's development projects and contacts are concentrated."),
     ("B. R1: understand Mali's languages, cultures and histories, and branch out of Bamako", True,
      "R1 says in so many words that Chinese-sponsored projects should branch out of Bamako as "
      "their centre. In the suite's reading R2 (wider diplomatic channels) answers the same "
      "challenge, from the side of whom China talks to."),
     ("C. R5: evaluate infrastructure projects for their conflict impact", False,
      "R5 is about whether a project can feed or suffer from the conflict (the suite links it to "
      "governance, CH1); it says nothing about moving beyond the capital."),
     ("D. R6: coordinate with initiatives beyond MINUSMA", False,
      "R6 is about coherence among international actors such as the Coalition for the Sahel "
      "(the general limits, CH0), not about Bamako.")],
    topic="Matching recommendations to challenges")

QUIZ_COALITION = Quiz(
    "06.ex.coalition",
    "The brief dates the Coalition for the Sahel to June 2020, while the suite's timeline has it "
    "announced at the Pau summit in January 2020. What is the best way to handle this?",
    [("A. Reject recommendation 6, since the brief got a date wrong", False,
      "A loose date does not make the argument for coordination wrong: R6's point (a coherent "
      "international approach) does not depend on the month."),
     ("B. Ignore it: dates do not matter in a policy brief", False,
      "Dates matter when you build a timeline or judge what the authors could know; a careful reader "
      "notes the discrepancy rather than ignoring it."),
     ("C. Note it: June 2020 was the coalition's first ministerial meeting and Nouakchott summit; "
      "it was announced in January", True,
      "Record the correct date with its source, explain the brief's likely reason, and keep "
      "judging the recommendation on its merits."),
     ("D. Assume the timeline is wrong, since the brief is the case study", False,
      "The timeline cites the coalition's own secretariat; the case study is what we test, not an "
      "authority that overrides public records.")],
    topic="Source criticism")


@check
def q_bamako(answer):
    """Task 5: multiple choice (a letter)."""
    return QUIZ_BAMAKO.grade_letter(answer)


@check
def q_coalition(answer):
    """Task 6: multiple choice (a letter)."""
    return QUIZ_COALITION.grade_letter(answer)


# --------------------------------------------------------------------------- task 7

MODEL_ARGUMENT = (
    "I would put R5 first for Beijing: evaluate every infrastructure project for its conflict impact "
    "before building it. It is the only recommendation that touches governance, which the brief calls "
    "fundamental and where it says China has done least; projects outside state control can be "
    "destroyed or captured by armed groups, and violence has spread since 2018 (lesson 03). It is also "
    "feasible: China controls its own project pipeline, and the unused Senou training centre shows "
    "the cost of building without asking whether a project can work. Its limit is that it avoids harm "
    "rather than restoring state control.")

LOOK_FOR = [
    (["R1", "R2", "R3", "R4", "R5", "R6", "recommendation"],
     "Name the recommendation you would prioritise (R1 ... R6)."),
    (["lesson", "data", "deaths", "acled", "ucdp", "hospital", "gao", "bamako", "senou", "2018",
      "project", "minusma", "challenge"],
     "Support your choice with evidence from earlier lessons (a figure, a project, an event)."),
    (["feasib", "cost", "risk", "control", "afford", "capacity", "can do"],
     "Say how feasible it is for Beijing, not only how much it would matter."),
    (["governance", "state", "government"],
     "Say whether your choice helps with governance, the challenge the brief calls fundamental."),
]


def priority_argument(text):
    """Task 7: a short written argument, saved to my-answers/06.priority.md."""
    return written("06.priority", text, MODEL_ARGUMENT, min_words=40, look_for=LOOK_FOR)
