"""Checks of exercise 01: the development-security nexus.

One check per task; each recognises the common mistakes of its task and says so
with a hint, never with the answer. Tables: ``brief_instruments`` and
``peacekeepers_p5``.
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from nexus.feedback import as_number, Quiz, check, correct, not_yet, written

__all__ = ["lens_counts", "first_year_over_1000", "change_2003_2013", "peacekeeper_chart",
           "Q5", "q5", "MODEL_ARGUMENT", "military_lens"]

_LENSES = {"military": 8, "development": 10, "governance": 3}
_LENSES_OBSERVED = {"military": 7, "development": 10, "governance": 1}
_CLAIM_WORDS = {"fact", "claim", "assessment", "recommendation", "policy point", "opening",
                "footprint", "crisis", "motivations", "challenges", "recommendations",
                "policy points", "conclusion"}
_FIRST_YEAR = 2004
_CHANGE = 1720  # 2013 December (2,078) minus 2003 December (358)

# China's December snapshots 1990-2013 (peacekeepers_p5), for the chart check
_DEC_YEARS = list(range(1990, 2014))
_DEC_VALUES = [5, 44, 488, 65, 60, 45, 38, 32, 35, 37, 98, 129, 123, 358, 1036, 1059, 1666, 1824,
               2146, 2136, 2039, 1924, 1869, 2078]


# --------------------------------------------------------------------------- helpers

def _number(value):
    """The answer as a plain finite number, or None (see nexus.feedback.as_number)."""
    return as_number(value)


def _as_mapping(value):
    """{label: number} from a Series, a one-column DataFrame or a dict; None otherwise."""
    if isinstance(value, pd.DataFrame):
        numeric = [c for c in value.columns if pd.api.types.is_numeric_dtype(value[c])]
        if len(numeric) != 1:
            return None
        labels = value.index
        if isinstance(labels, pd.RangeIndex) and value.shape[1] == 2:
            other = [c for c in value.columns if c not in numeric][0]
            labels = value[other]
        value = pd.Series(value[numeric[0]].to_numpy(), index=labels)
    if isinstance(value, pd.Series):
        value = dict(zip(value.index, value.to_numpy()))
    if not isinstance(value, dict):
        return None
    out = {}
    for k, v in value.items():
        n = _number(v)
        if n is None:
            return None
        out[str(k).strip().lower()] = n
    return out


def _close(a: dict, b: dict, tol=1e-9) -> bool:
    return set(a) == set(b) and all(abs(a[k] - b[k]) <= tol for k in b)


# --------------------------------------------------------------------------- task 1

@check
def lens_counts(counts):
    """How many instruments in brief_instruments fall under each lens? (a Series or dict)"""
    if isinstance(counts, (int, float)) and not isinstance(counts, bool):
        return not_yet("that is a single number; the task asks for one count per lens "
                       "(a Series with the lenses as labels, as value_counts() gives).")
    mapping = _as_mapping(counts)
    if mapping is None:
        return not_yet("expected a Series with one count per lens, e.g. from "
                       "instruments[\"lens\"].value_counts().")
    mapping = {k: v for k, v in mapping.items() if v != 0 or k in _LENSES}
    if set(mapping) & _CLAIM_WORDS and not set(mapping) & set(_LENSES):
        return not_yet("these labels are kinds or sections of statements: you counted the "
                       "brief_claims table. Count the lens column of brief_instruments.")
    if len(mapping) > 6 and all(v == 1 for v in mapping.values()):
        return not_yet("every count is one: you counted instrument names. Count the values of "
                       "the lens column instead.")
    if set(mapping) == set(_LENSES) and 0.99 <= sum(mapping.values()) <= 1.01:
        return not_yet("these are shares (they add up to one). The task asks for counts: "
                       "value_counts() without normalize=True.")
    if set(mapping) == set(_LENSES) and 99 <= sum(mapping.values()) <= 101:
        return not_yet("these are percentages. The task asks for counts: the number of rows per lens.")
    if not set(mapping) >= set(_LENSES):
        return not_yet("one lens or more is missing from your labels; there are three lenses: "
                       "military, development and governance. Count the lens column of "
                       "brief_instruments.")
    if set(mapping) != set(_LENSES):
        return not_yet("your labels include something other than the three lenses; count only "
                       "the lens column of brief_instruments.")
    if _close(mapping, _LENSES_OBSERVED):
        return not_yet("you left out the instruments the brief only recommends (their names end "
                       "with '(recommendation)'). The task asks for every row of the table.")
    if _close(mapping, _LENSES):
        return correct("development has the most instruments and governance the fewest, mostly "
                       "recommended rather than observed: the imbalance behind the brief's verdict "
                       "that China 'has not done nearly enough with governance'.")
    return not_yet("the lenses are right but the counts are not. Did you filter the table "
                   "first? Count every row of brief_instruments.")


# --------------------------------------------------------------------------- task 2

@check
def first_year_over_1000(year):
    """The first year in which China's December snapshot exceeds 1,000 personnel (an int)."""
    if isinstance(year, str):
        return not_yet("you gave the year as text (in quotes). Give it as a number, e.g. "
                       "int(...) of the year you found.")
    if isinstance(year, (pd.Series, pd.DataFrame, np.ndarray, list, tuple)) and \
            _number(year) is None:
        return not_yet("you gave several values. The task asks for one year: the first "
                       "(smallest) year of your filtered rows.")
    value = _number(year)
    if value is None or value != int(value):
        return not_yet("the answer should be a whole number: a year.")
    value = int(value)
    if value == _FIRST_YEAR:
        return correct("China's December count first passed a thousand in the year after it had "
                       "first deployed hundreds at a time: the steep rise of the mid-2000s, "
                       "years before Mali.")
    if value == 2011:
        return not_yet("that is the first year of the annual means, a different measure. "
                       "Keep only the rows whose measure is 'December snapshot'.")
    if value == 1992:
        return not_yet("in that year China had far fewer than a thousand: you did not keep only "
                       "China's rows. Filter country == 'China' as well.")
    if value in (1036, 1059):
        return not_yet("that is a number of personnel. The task asks for the year in which it happened.")
    if value in (2013, 2014, 2020, 2021):
        return not_yet("that is the last year above a thousand, not the first. Take the smallest "
                       "year of the filtered rows (min(), or sort by year and take the first).")
    if 1990 <= value <= 2021:
        return not_yet("not that year. Filter China's December snapshots with personnel > 1000 "
                       "and take the earliest year.")
    return not_yet("that is outside the years of the table (1990 to 2021).")


# --------------------------------------------------------------------------- task 3

@check
def change_2003_2013(change):
    """China's December personnel in 2013 minus 2003 (a number of people)."""
    if isinstance(change, str):
        return not_yet("you gave the answer as text. Give it as a number.")
    value = _number(change)
    if value is None:
        return not_yet("expected one number: the 2013 value minus the 2003 value. If you have a "
                       "one-row selection, take its value with .iloc[0].")
    if abs(value - _CHANGE) < 0.5:
        return correct("China's December deployment grew almost sixfold in ten years, the period "
                       "the brief calls its increasing strategic engagement in African security.")
    if abs(value + _CHANGE) < 0.5:
        return not_yet("the sign is reversed: subtract the earlier year from the later one "
                       "(2013 minus 2003).")
    if abs(value - (1692 - 358)) < 0.5:
        return not_yet("you mixed measures: one of your values is an annual mean. Use the "
                       "'December snapshot' rows for both years.")
    if abs(value - (2177 - 358)) < 0.5:
        return not_yet("you used the March 2014 snapshot. The task asks for December 2013.")
    if abs(value - 2078 / 358) < 0.01 or abs(value - (2078 / 358 - 1) * 100) < 0.5 \
            or abs(value - 2078 / 358 * 100) < 0.5:
        return not_yet("that is a ratio or a percentage change. The task asks for the difference "
                       "in people: 2013 minus 2003.")
    if value in (2078, 358):
        return not_yet("that is one year's value. The task asks for the change: subtract one year from the other.")
    return not_yet("not that number. Select China's December snapshots for 2003 and 2013 and "
                   "subtract the 2003 value from the 2013 value.")


# --------------------------------------------------------------------------- task 4

def _series(xs, ys):
    try:
        x = [float(v) for v in np.asarray(xs, dtype=object)]
        y = [float(v) for v in np.asarray(ys, dtype=object)]
    except (TypeError, ValueError):
        return None
    return x, y


def _diagnose(x, y):
    """None if (x, y) is China's December line, else a hint."""
    if len(x) == len(_DEC_YEARS) and x == [float(v) for v in _DEC_YEARS] \
            and np.allclose(y, _DEC_VALUES):
        return None
    if sorted(zip(x, y)) == sorted(zip(map(float, _DEC_YEARS), map(float, _DEC_VALUES))):
        return "the right points but not in year order: sort the rows by year before plotting."
    if 2014.0 in x and max(x) == 2014.0:
        return ("your line includes the March 2014 snapshot, a partial year and a different "
                "month. Keep only the 'December snapshot' rows.")
    if max(x, default=0) > 2014 or len(set(x)) < len(x):
        if len(x) > 40:
            return ("your line has rows of other countries: keep only country == 'China'.")
        return ("your line mixes measures (the annual means run to 2021). Keep only the "
                "'December snapshot' rows.")
    if len(x) > 30:
        return "your line has rows of other countries: keep only country == 'China'."
    if len(x) == len(_DEC_YEARS) and x == [float(v) for v in _DEC_YEARS]:
        return "the years are right but the values are not: plot China's personnel column."
    return ("the line's data are not China's December snapshots, 1990 to 2013. Filter country "
            "and measure, then plot year against personnel.")


@check
def peacekeeper_chart(fig):
    """A line chart of China's December snapshots: year on x, personnel on y, labelled axes."""
    if type(fig).__name__ in ("Axes", "AxesSubplot"):
        fig = fig.figure
    if type(fig).__name__ != "Figure":
        return not_yet("expected the Figure from fig, ax = plt.subplots(); set answer_fig = fig.")
    if not fig.axes:
        return not_yet("the figure has no axes: draw on ax from fig, ax = plt.subplots().")
    ax = fig.axes[0]
    candidates = [(line.get_xdata(), line.get_ydata()) for line in ax.lines]
    bars = [p for p in ax.patches if type(p).__name__ == "Rectangle"]
    if bars:
        candidates.append(([p.get_x() + p.get_width() / 2 for p in bars], [p.get_height() for p in bars]))
    if not candidates:
        return not_yet("the axes are empty: draw the line with ax.plot(years, personnel).")
    hint = None
    for xs, ys in candidates:
        raw = np.asarray(xs, dtype=object)
        if len(raw) and all(isinstance(v, str) for v in raw):
            hint = hint or ("the years on your x axis are text, so matplotlib spaces them as "
                            "categories. Plot the year column as numbers.")
            continue
        if len(raw) and np.issubdtype(np.asarray(xs).dtype, np.datetime64):
            hint = hint or ("you plotted the date column; the annual means have no date. Plot "
                            "the year column against personnel.")
            continue
        pair = _series(xs, ys)
        if pair is None:
            continue
        problem = _diagnose(*pair)
        if problem is None:
            if not ax.get_xlabel().strip() or not ax.get_ylabel().strip():
                return not_yet("the line is right; now label both axes (ax.set_xlabel, "
                               "ax.set_ylabel), with the unit on the y axis.")
            return correct("one measure, one line: China's December count rises from a few "
                           "dozen in the 1990s to about two thousand by 2008. Keeping the "
                           "annual means off this line is what makes it honest.")
        hint = hint or problem
    return not_yet(hint or "the chart's data are not China's December snapshots.")


# --------------------------------------------------------------------------- task 5

Q5 = Quiz("ex01.q5",
          "Which statement best captures what the development-security nexus claims, as the brief "
          "presents it?",
          [("Security is a precondition for development: the army must restore order before any "
            "development project can start.", False,
            "That puts security strictly first. The nexus sees the two as reinforcing each other, "
            "and treats development as a route to security - which is why the brief asks whether "
            "it works in the middle of a war."),
           ("Economic development and security reinforce each other, so growth, poverty alleviation "
            "and jobs are part of how China pursues peace and security.", True,
            "Yes: the brief calls the nexus a framework for the synergies between development and "
            "security, rooted in China's own experience, and says China's security role should be "
            "read through development as well as military power."),
           ("China's peacekeepers in Mali are development workers, not soldiers.", False,
            "No: they are uniformed personnel in a UN mission. Some do development-like work "
            "(engineers, a hospital), which is why lenses overlap, but the nexus is a claim about "
            "how development and security relate, not a relabelling of soldiers."),
           ("Development aid is a reward China gives to governments that buy its arms.", False,
            "No: nothing in the brief links aid to arms purchases; arms sales are just one of the "
            "military channels it lists.")])


@check
def q5(answer):
    """Multiple choice: the learner sets answer_q5 to a letter A-D."""
    if not isinstance(answer, str):
        return not_yet("give your answer as a letter in quotes, for example \"A\".")
    letter = answer.strip().upper().rstrip(".)")
    letters = "ABCD"[:len(Q5.options)]
    if len(letter) != 1 or letter not in letters:
        return not_yet(f"give one letter from {', '.join(letters)}, in quotes.")
    return Q5.grade(letters.index(letter))


# --------------------------------------------------------------------------- task 6

MODEL_ARGUMENT = (
    "A purely military lens counts China's peacekeepers, arms sales and exercises, and in Mali it "
    "would see the MINUSMA contingent. But the brief argues that China's approach rests on a "
    "development-security nexus: Beijing expects economic development, poverty alleviation and "
    "job creation to bring stability, as in its own one-party state's experience and as Xi "
    "Jinping put it at FOCAC 2015. So much of China's engagement in Mali is developmental - "
    "infrastructure by Chinese firms, scholarships and training, the Confucius Institute, medical "
    "aid, even the engineers and hospital inside MINUSMA. Ignoring these misses both what China "
    "is doing and the test the brief sets: whether development can deliver security in a "
    "protracted armed conflict.")


@check
def military_lens(text):
    """Written argument: why a purely military lens misses part of China's engagement in Mali."""
    return written("01.military_lens", text, MODEL_ARGUMENT, min_words=40, look_for=[
        (["develop", "infrastructure", "poverty", "job", "scholarship", "training"],
         "name at least one development instrument China uses in Mali."),
        (["nexus", "synerg", "reinforce", "connect", "link"],
         "say how development and security are supposed to be connected (the nexus)."),
        (["evidence", "data", "test", "conflict", "war", "work"],
         "ask whether the approach works in a country at war - the brief's question."),
    ])
