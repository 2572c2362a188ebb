"""Checks of exercise 03: Mali's crisis and the international response.

One check per task. Every check answers "not attempted yet", "not yet" with a hint
aimed at the likely mistake, or "correct" with why it matters; it never raises, never
changes the learner's object and never prints the expected number or name.
The expected values are computed from the suite's tables, not typed in.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

from nexus import data
from nexus.feedback import as_number, Quiz, check, correct, describe_type, not_yet

__all__ = ["escalation_means", "top_regions_2019", "centre_share_2020", "minusma_peak",
           "strength_claim", "deaths_chart", "coup_year", "STRENGTH_QUIZ", "COUP_QUIZ",
           "MODEL_ARGUMENT", "LOOK_FOR"]

BEFORE, AFTER = (2015, 2017), (2018, 2020)
LETTERS = "ABCD"


# --------------------------------------------------------------------------- helpers


def _number(value):
    """The answer as a plain finite number, or None (see nexus.feedback.as_number)."""
    return as_number(value, containers=False)


def _close(a, b, tol=0.51) -> bool:
    return a is not None and b is not None and abs(a - b) <= tol


@lru_cache(maxsize=None)
def _deaths_by_type() -> pd.DataFrame:
    return data.load("conflict_deaths_by_type")


def _yearly(scope="Mali only", kind=None) -> pd.Series:
    d = _deaths_by_type()
    if scope is not None:
        d = d[d["scope"].astype(str) == scope]
    if kind is not None:
        d = d[d["violence_type"].astype(str) == kind]
    return d.groupby("year")["deaths_best"].sum().astype(float)


def _mean(series: pd.Series, lo: int, hi: int) -> float:
    part = series[(series.index >= lo) & (series.index <= hi)]
    return float(part.mean()) if len(part) else float("nan")


def _sum(series: pd.Series, lo: int, hi: int) -> float:
    return float(series[(series.index >= lo) & (series.index <= hi)].sum())


def _pair(answer):
    """Two numbers from a tuple/list/array/Series/dict/one-row frame, else None."""
    if isinstance(answer, dict):
        values = list(answer.values())
    elif isinstance(answer, pd.DataFrame):
        if answer.shape == (1, 2) or answer.shape == (2, 1):
            values = answer.to_numpy().ravel().tolist()
        else:
            return None
    elif isinstance(answer, pd.Series):
        values = answer.tolist()
    elif isinstance(answer, (tuple, list, np.ndarray)):
        values = list(np.asarray(answer, dtype=object).ravel()) if isinstance(answer, np.ndarray) else list(answer)
    else:
        return None
    if len(values) != 2:
        return None
    nums = [_number(v) for v in values]
    return None if any(n is None for n in nums) else tuple(nums)


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", str(text)) if not unicodedata.combining(c))


# --------------------------------------------------------------------------- task 1


@lru_cache(maxsize=None)
def _escalation_targets():
    mali = _yearly()
    right = (_mean(mali, *BEFORE), _mean(mali, *AFTER))
    every = _yearly(scope=None)
    ged = data.load("conflict_deaths").set_index("year")["deaths"].astype(float)
    state = _yearly(kind="state-based")
    windows = {}
    years = sorted(int(y) for y in mali.index)
    for lo in years:
        for hi in years:
            if lo <= hi and (lo, hi) not in (BEFORE, AFTER):
                windows[(lo, hi)] = _mean(mali, lo, hi)
    return {
        "right": right,
        "multi": (_mean(every, *BEFORE), _mean(every, *AFTER)),
        "ged": (_mean(ged, *BEFORE), _mean(ged, *AFTER)),
        "sums": (_sum(mali, *BEFORE), _sum(mali, *AFTER)),
        "state": (_mean(state, *BEFORE), _mean(state, *AFTER)),
        "windows": windows,
        "ratio": right[1] / right[0],
    }


@check
def escalation_means(answer):
    """Task 1: (mean deaths per year 2015-2017, mean deaths per year 2018-2020), Mali-only rows."""
    t = _escalation_targets()
    single = _number(answer)
    if single is not None:
        if _close(single, t["ratio"], 0.02):
            return not_yet("that is one number (it looks like a ratio). The task asks for the two means "
                           "as a pair: (mean for 2015-2017, mean for 2018-2020).")
        return not_yet("give two numbers as a pair in round brackets: (mean for 2015-2017, mean for 2018-2020).")
    if isinstance(answer, str):
        return not_yet("you gave text. Give the two means as numbers, in a pair: (before, after).")
    pair = _pair(answer)
    if pair is None:
        return not_yet(f"I expected a pair of two numbers, (before, after), but got {describe_type(answer)}.")
    before, after = pair
    right_b, right_a = t["right"]
    if _close(before, right_b) and _close(after, right_a):
        return correct("the yearly average more than triples between 2015-2017 and 2018-2020 in the "
                       "Mali-only rows. The brief's 'especially since 2018' holds in this series - and "
                       "2017 already rose sharply, so the turn begins a year earlier than the brief says.")
    if _close(before, right_a) and _close(after, right_b):
        return not_yet("your two numbers are the right size but in the wrong order: put 2015-2017 first, "
                       "then 2018-2020.")
    if _close(before, t["multi"][0]) or _close(after, t["multi"][1]):
        return not_yet("you seem to have included the 'multi-country rows including Mali'. Those deaths "
                       "cannot be attributed to Mali alone: keep only the rows whose scope is 'Mali only'.")
    if _close(before, t["ged"][0]) or _close(after, t["ged"][1]):
        return not_yet("these look like numbers from conflict_deaths (UCDP GED 19.1). That series ends in "
                       "2018, so it cannot cover 2019-2020, and it is a different UCDP version. Use "
                       "conflict_deaths_by_type.")
    if _close(before, t["sums"][0]) or _close(after, t["sums"][1]):
        return not_yet("those look like totals over three years. Divide by the number of years (or use "
                       ".mean() on the yearly totals) to get deaths per year.")
    if _close(before, t["state"][0]) or _close(after, t["state"][1]):
        return not_yet("it looks as if you kept only state-based violence. Add up all three types of "
                       "violence (state-based, non-state, one-sided) for each year first.")
    if any(_close(before, v) for v in t["windows"].values()) or any(_close(after, v) for v in t["windows"].values()):
        return not_yet("check the year ranges: both ends are included (2015, 2016 and 2017; 2018, 2019 and "
                       "2020). Remember that Python's range(2015, 2017) stops before 2017; "
                       "df.year.between(2015, 2017) includes both ends.")
    return not_yet("not the expected means. Steps: keep the 'Mali only' rows; add up deaths_best per year "
                   "(groupby); take the mean of 2015-2017 and of 2018-2020.")


# --------------------------------------------------------------------------- task 2


@lru_cache(maxsize=None)
def _violence() -> pd.DataFrame:
    v = data.load("violence_by_region")
    v["region"] = v["region"].astype(str)
    return v


def _ranked(year, column, n=3):
    v = _violence()
    rows = v[v["year"] == year].sort_values(column, ascending=False, kind="mergesort")
    return list(zip(rows["region"], rows[column].astype(float)))[:n] if n else list(
        zip(rows["region"], rows[column].astype(float)))


def _as_mapping(answer):
    """(labels, values) from a Series or a DataFrame (region column or index, one value column)."""
    if isinstance(answer, pd.Series):
        return [str(i) for i in answer.index], answer.tolist()
    if isinstance(answer, pd.DataFrame):
        frame = answer
        if "region" in frame.columns:
            frame = frame.set_index("region")
        if "pv_fatalities" in frame.columns:
            col = frame["pv_fatalities"]
        else:
            numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])
                       and str(c) not in ("year", "rank")]
            if len(numeric) != 1:
                return None
            col = frame[numeric[0]]
        return [str(i) for i in col.index], col.tolist()
    return None


@check
def top_regions_2019(answer):
    """Task 2: the three regions with the most fatalities in 2019 (Series region -> fatalities, largest first)."""
    if isinstance(answer, str):
        return not_yet("you gave one name as text. The task asks for the top three regions with their "
                       "fatalities, as a Series (region -> fatalities), largest first.")
    got = _as_mapping(answer)
    if got is None:
        return not_yet(f"I expected a Series of regions and fatalities (or a table with a region column "
                       f"and one column of numbers), but got {describe_type(answer)}.")
    labels, raw = got
    if any(isinstance(x, str) for x in raw):
        return not_yet("your values are text. Keep the fatalities as numbers (do not put them in quotes).")
    values = [_number(x) for x in raw]
    if any(x is None for x in values):
        return not_yet("some values are not numbers (or are missing). Keep the fatalities column as numbers.")
    if not labels:
        return not_yet("your answer is empty. Did your filter on the year match any rows? Year is a number "
                       "in this table, so compare with 2019 without quotes.")
    regions = set(_violence()["region"])
    plain = [_plain(x) for x in labels]
    if any(lab not in regions and p in regions for lab, p in zip(labels, plain)):
        return not_yet("a region name carries an accent. The ACLED table spells regions without accents "
                       "(for example Segou): use the names exactly as in the table.")
    if any(lab not in regions for lab in labels):
        return not_yet("your answer contains a row that is not a region of the table - perhaps a total "
                       "row. Rank the regions only.")
    year_total = float(_violence().loc[_violence()["year"] == 2019, "pv_fatalities"].sum())
    if any(_close(x, year_total, 0.01) for x in values):
        return not_yet("one value equals the whole year's total: a total row slipped in. Rank the regions only.")
    pairs = list(zip(labels, values))
    right = _ranked(2019, "pv_fatalities")
    full = _ranked(2019, "pv_fatalities", n=None)

    def same(a, b):
        return len(a) == len(b) and all(x[0] == y[0] and _close(x[1], y[1], 0.01) for x, y in zip(a, b))

    if same(pairs, right):
        return correct("one region stands far above the rest in 2019 - several times the next one. The "
                       "violence had moved from the north to the centre of Mali, the shift the region "
                       "explorer shows.")
    if same(pairs[:3], right) and len(pairs) > 3:
        return not_yet("your ranking starts right, but the task asks for the top three only: "
                       "keep the first three rows (.head(3) or .nlargest(3)).")
    if sorted(pairs) == sorted(right) or (len(pairs) == len(full) and sorted(pairs) == sorted(full)):
        return not_yet("the right numbers, but not in order. Sort from largest to smallest "
                       "(sort_values(ascending=False)) so that the top region comes first.")
    for column, hint in (("pv_events", "these are counts of events, not fatalities. Use pv_fatalities."),
                         ("vac_fatalities", "these are fatalities in violence against civilians only, a "
                                            "subset. Use pv_fatalities, the fatalities in all political "
                                            "violence.")):
        if same(pairs, _ranked(2019, column)) or same(pairs, _ranked(2019, column, n=None)) or \
                sorted(pairs) == sorted(_ranked(2019, column, n=None)):
            return not_yet(hint)
    for year in (2017, 2018, 2020):
        cand = _ranked(year, "pv_fatalities", n=None)
        if same(pairs, cand[:len(pairs)]) or sorted(pairs) == sorted(cand):
            return not_yet("these are the numbers of another year. Filter the rows where year == 2019.")
    lookup = dict(full)
    if all(lab in lookup and _close(val, lookup[lab], 0.01) for lab, val in pairs):
        if len(pairs) < 3:
            return not_yet("the task asks for three regions; you have fewer.")
        return not_yet("these are real 2019 values, but not the three largest. Sort by pv_fatalities from "
                       "largest to smallest before taking the first three.")
    return not_yet("not the expected ranking. Steps: keep the rows of 2019; sort them by pv_fatalities, "
                   "largest first; keep three; make region the index.")


# --------------------------------------------------------------------------- task 3


@lru_cache(maxsize=None)
def _share_targets():
    v = _violence()

    def share(year, column, regions=("Mopti", "Segou")):
        rows = v[v["year"] == year]
        return float(rows.loc[rows["region"].isin(regions), column].sum() / rows[column].sum())

    four = v[v["region"].isin(["Mopti", "Segou"]) & (v["year"] == 2020)]["pv_fatalities"].sum()
    return {
        "right": share(2020, "pv_fatalities"),
        "count": float(four),
        "events": share(2020, "pv_events"),
        "vac": share(2020, "vac_fatalities"),
        "mopti": share(2020, "pv_fatalities", ("Mopti",)),
        "segou": share(2020, "pv_fatalities", ("Segou",)),
        "years": [share(y, "pv_fatalities") for y in (2017, 2018, 2019)],
        "all_years": float(four / v["pv_fatalities"].sum()),
    }


def _either_scale(x, target, tol=0.005):
    """True if x is target as a fraction or as a percent (with tolerance)."""
    return _close(x, target, tol) or _close(x, target * 100, tol * 100)


@check
def centre_share_2020(answer):
    """Task 3: Mopti and Segou's share of all 2020 fatalities (fraction or percent)."""
    if isinstance(answer, str):
        return not_yet("you gave text. Give the share as a number (for example 0.25 or 25), without quotes "
                       "or a % sign.")
    if isinstance(answer, (pd.Series, pd.DataFrame)):
        if isinstance(answer, pd.Series) and len(answer) == 1:
            answer = answer.iloc[0]
        else:
            return not_yet("you have several numbers (one per region?). Add up Mopti's and Segou's fatalities "
                           "and divide by the total of all regions in 2020, to get one number.")
    x = _number(answer)
    if x is None:
        return not_yet(f"I expected one number (a share), but got {describe_type(answer)}.")
    t = _share_targets()
    if _either_scale(x, t["right"]):
        return correct("about two in every three reported fatalities of 2020 were in the two central "
                       "regions. The centre, not the north where the 2012 rebellion began, had become "
                       "the heart of the violence." + (" (You gave it as a percent; a fraction works too.)"
                                                        if x > 1 else ""))
    if _close(x, t["count"], 0.5):
        return not_yet("that is a count of fatalities, not a share. Divide it by the total of all regions "
                       "in 2020.")
    if _either_scale(x, t["events"]):
        return not_yet("this is the share of events. The task asks for the share of fatalities "
                       "(pv_fatalities).")
    if _either_scale(x, t["vac"]):
        return not_yet("this is the share of fatalities in violence against civilians only. Use "
                       "pv_fatalities, all political violence.")
    if _either_scale(x, t["mopti"]) or _either_scale(x, t["segou"]):
        return not_yet("it looks as if only one of the two regions is counted. Did Segou's rows make it "
                       "into your sum? The table spells it 'Segou', without an accent.")
    if any(_either_scale(x, s) for s in t["years"]):
        return not_yet("this is the share for another year. Keep the rows where year == 2020.")
    if _either_scale(x, t["all_years"]):
        return not_yet("you divided by the total of all four years. Divide by the 2020 total only.")
    if x > 100 or x < 0:
        return not_yet("a share lies between 0 and 1 (or 0 and 100 as a percent). Divide the two regions' "
                       "fatalities by the total of all regions in 2020.")
    return not_yet("not the expected share. Steps: keep the 2020 rows; add up pv_fatalities for Mopti and "
                   "Segou; divide by the sum of pv_fatalities of all regions in 2020.")


# --------------------------------------------------------------------------- task 4


@lru_cache(maxsize=None)
def _strength_targets():
    s = data.load("minusma_strength")
    cm = data.load("china_minusma")
    return {
        "right": float(s["total"].max()),
        "troops": float(s["troops"].max()),
        "troops_police": float((s["troops"] + s["police"]).max()),
        "police": float(s["police"].max()),
        "mean": float(s["total"].mean()),
        "troops_mean": float(s["troops"].mean()),
        "last": float(s.sort_values("date")["total"].iloc[-1]),
        "contributors": float(s["contributors"].max()),
        "annual": [float(x) for x in cm["minusma_personnel"]],
    }


@check
def minusma_peak(answer):
    """Task 4: the highest monthly total of uniformed personnel in minusma_strength (a number)."""
    if isinstance(answer, pd.Timestamp) or type(answer).__name__ in ("datetime", "date", "datetime64"):
        return not_yet("that is a date (perhaps from idxmax). The task asks for the number of personnel: "
                       "use .max() on the right column.")
    if isinstance(answer, pd.Series) and len(answer) == 1:
        answer = answer.iloc[0]
    elif isinstance(answer, (pd.Series, pd.DataFrame)):
        return not_yet("you have a whole row or column. The task asks for one number, the largest monthly "
                       "total: use .max() on the right column.")
    if isinstance(answer, str):
        return not_yet("you gave text. Give the number without quotes.")
    x = _number(answer)
    if x is None:
        return not_yet(f"I expected one number, but got {describe_type(answer)}.")
    t = _strength_targets()
    if _close(x, t["right"]):
        return correct("MINUSMA's uniformed strength peaks just above 12,000 in this series, below the "
                       "brief's 'well over 13,000'. But the series stops in March 2017: it cannot test a "
                       "2020 statement on its own.")
    if _close(x, t["troops"]):
        return not_yet("that is the largest number of troops only. Uniformed strength also counts police "
                       "and military experts: use the total column.")
    if _close(x, t["troops_police"]):
        return not_yet("close: troops plus police leaves out the military experts. The total column already "
                       "adds all three.")
    if _close(x, t["police"]):
        return not_yet("that is police only. Use the total column.")
    if _close(x, t["mean"]) or _close(x, t["troops_mean"]):
        return not_yet("that is an average over all months. The task asks for the peak: the largest monthly "
                       "value (.max()).")
    if _close(x, t["contributors"]):
        return not_yet("that is the number of contributing countries, not personnel.")
    if any(_close(x, a) for a in t["annual"]):
        return not_yet("that number comes from china_minusma (annual means, a different measure). The task "
                       "asks about the monthly series in minusma_strength.")
    if _close(x, 13000):
        return not_yet("13,000 is the brief's figure, the claim to test. Compute the peak from the data.")
    if _close(x, t["last"]):
        return not_yet("that is the last month's value. Is it also the largest? Use .max() to be sure.")
    return not_yet("not the expected value. Use minusma_strength and take the largest value of the total "
                   "column.")


# --------------------------------------------------------------------------- task 5 and 7: multiple choice

STRENGTH_QUIZ = Quiz("ex03.strength_claim",
                     "Does minusma_strength support the brief's 'well over 13,000 military personnel'?", [
    ("Yes: MINUSMA's monthly total is above 13,000 for most of the series.", False,
     "Look again at the peak you computed: the monthly total never reaches 13,000 between July 2013 and "
     "March 2017."),
    ("No, but it cannot refute it either: the monthly series never reaches 13,000, yet it ends in March "
     "2017, three years before the brief; later UN annual means (about 14,000 uniformed personnel, police "
     "included) come close to the claim.", True,
     "Right: a series that stops in 2017 cannot test a 2020 statement on its own. The UN annual means for "
     "2018-2020 (china_minusma) are around 14,000 - but they count all uniformed personnel, police "
     "included, so 'military personnel' is loose wording."),
    ("No: MINUSMA never had more than 13,000 personnel of any kind.", False,
     "Too strong: the series ends in March 2017. The UN's annual means for 2018-2020 (china_minusma) are "
     "above 13,000."),
    ("Yes: adding the Chinese contingent takes the total above 13,000.", False,
     "The Chinese contingent (about 400) is already inside MINUSMA's total; adding it again counts it "
     "twice."),
])

COUP_QUIZ = Quiz("ex03.coup_year",
                 "The brief lists 'a military coup in 2013'. When did that coup take place?", [
    ("In 2013, as the brief says.", False,
     "Public sources (news reports of the day, and the brief_timeline table) date the coup to 22 March "
     "2012; they report no coup in Mali in 2013."),
    ("On 22 March 2012, when mutinying soldiers announced they had overthrown President Amadou Toumani "
     "Touré.", True,
     "Right. The mutiny began on 21 March 2012 and the soldiers announced the coup on 22 March; within "
     "weeks the rebels had driven the army out of the north. The brief's '2013' is a slip worth catching: "
     "check dates against a record of the day."),
    ("On 18 August 2020.", False,
     "That is the second coup the brief mentions, when a mutiny turned into a coup against President "
     "Keïta. The question is about the earlier one."),
    ("In 2015, at the time of the peace accord.", False,
     "2015 is the year of the Algiers peace agreement, not of a coup."),
])


def _letter(answer, quiz: Quiz):
    if not isinstance(answer, str):
        return not_yet(f"write one letter in quotes, for example \"A\"; you gave {describe_type(answer)}.")
    letter = answer.strip().upper().rstrip(".)")
    if len(letter) != 1 or letter not in LETTERS[:len(quiz.options)]:
        return not_yet(f"write one of the letters {', '.join(LETTERS[:len(quiz.options)])}, in quotes.")
    return quiz.grade(LETTERS.index(letter))


@check
def strength_claim(answer):
    """Task 5: multiple choice on the 'well over 13,000' claim (a letter)."""
    return _letter(answer, STRENGTH_QUIZ)


@check
def coup_year(answer):
    """Task 7: multiple choice on the coup year (a letter)."""
    return _letter(answer, COUP_QUIZ)


# --------------------------------------------------------------------------- task 6: the chart


def _axes_of(answer):
    if type(answer).__name__ == "Figure":
        return list(answer.axes)
    if hasattr(answer, "patches") and hasattr(answer, "lines") and hasattr(answer, "figure"):
        return [answer]
    return None


def _category_years(ax, positions):
    """Map bar positions 0..n-1 to years when the x-axis is categorical (pandas .plot.bar, string years)."""
    labels = None
    units = ax.xaxis.get_units()
    mapping = getattr(units, "_mapping", None)
    if mapping:
        inverse = {float(v): k for k, v in mapping.items()}
        labels = [inverse.get(float(p)) for p in positions]
    else:
        ticks = {float(t): lab.get_text() for t, lab in zip(ax.get_xticks(), ax.get_xticklabels())}
        labels = [ticks.get(float(p)) for p in positions]
    years = []
    for lab in labels:
        try:
            years.append(int(float(str(lab).strip())))
        except (TypeError, ValueError):
            return None
    return years


def _chart_data(ax):
    """{year: height} from the bars (stacked segments summed) or else from the first line; plus flags."""
    from matplotlib.patches import Rectangle

    bars = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_width() > 0]
    overlap = False
    if bars:
        horizontal = len({round(p.get_x(), 6) for p in bars}) == 1 and len(bars) > 1 and \
            len({round(p.get_y(), 6) for p in bars}) == len(bars) and all(p.get_height() < 1 for p in bars)
        if horizontal:
            return None, "horizontal"
        by_x, bottoms = {}, {}
        for p in bars:
            x = round(p.get_x() + p.get_width() / 2, 6)
            by_x[x] = by_x.get(x, 0.0) + p.get_height()
            if p.get_height() > 0:
                bottoms.setdefault(x, []).append(round(p.get_y(), 6))
        overlap = any(len(b) > 1 and len(set(b)) == 1 for b in bottoms.values())
        xs = sorted(by_x)
        heights = [by_x[x] for x in xs]
    elif ax.lines:
        line = ax.lines[0]
        xs = [float(x) if _number(x) is not None else x for x in line.get_xdata()]
        heights = [float(y) for y in line.get_ydata()]
    else:
        return None, "empty"
    if all(_number(x) is not None for x in xs) and xs and all(float(x) == int(x) for x in xs) \
            and min(xs) >= 1900:
        years = [int(x) for x in xs]
    else:
        years = _category_years(ax, xs)
        if years is None:
            return None, "axis"
    return dict(zip(years, heights)), ("overlap" if overlap else "")


@lru_cache(maxsize=None)
def _chart_targets():
    ged = data.load("conflict_deaths").set_index("year")["deaths"].astype(float)
    return {"right": _yearly().to_dict(), "multi": _yearly(scope=None).to_dict(),
            "ged": ged.to_dict(),
            **{kind: _yearly(kind=kind).to_dict() for kind in ("state-based", "non-state", "one-sided")}}


@check
def deaths_chart(answer):
    """Task 6: a bar (or line) chart of Mali-only deaths per year, 2008-2022, from conflict_deaths_by_type."""
    axes = _axes_of(answer)
    if axes is None:
        return not_yet(f"I expected the figure (answer_fig = fig after fig, ax = plt.subplots()), but got "
                       f"{describe_type(answer)}.")
    if not axes:
        return not_yet("the figure has no axes. Make it with fig, ax = plt.subplots() and draw on ax.")
    ax = axes[0]
    got, flag = _chart_data(ax)
    if flag == "empty":
        return not_yet("the figure is empty: draw bars with ax.bar(years, deaths) (or a line with ax.plot).")
    if flag == "horizontal":
        return not_yet("the bars are horizontal. Put the years on the x-axis: ax.bar(years, deaths).")
    if got is None:
        return not_yet("I could not read years on the x-axis. Use the year column (numbers) for x.")
    t = _chart_targets()

    def same(a, b):
        return set(a) == set(b) and all(_close(a[k], b[k], 0.5) for k in a)

    if flag == "overlap":
        return not_yet("several bars sit on top of each other at the same year, each starting from zero: "
                       "you plotted every row. Add up the rows of each year first (groupby('year') and sum).")
    if same(got, t["right"]):
        return correct("your chart shows the same picture as the lesson's: a peak in 2013, a lull in "
                       "2015-2016, then a climb from 2017 that goes on after 2018 - drawn from Mali-only "
                       "rows, so every death in it happened in Mali.")
    if same(got, t["multi"]):
        return not_yet("your totals include the 'multi-country rows including Mali'. Keep only the rows "
                       "whose scope is 'Mali only' before adding up.")
    if same(got, t["ged"]) or (set(got) and max(got) <= 2018 and min(got) <= 2007):
        return not_yet("this looks like conflict_deaths (UCDP GED 19.1, 2000-2018). The task asks for "
                       "conflict_deaths_by_type (UCDP v23.1), which runs to 2022.")
    for kind in ("state-based", "non-state", "one-sided"):
        if same(got, t[kind]):
            return not_yet(f"your bars show only {kind} violence. Add up all three types for each year.")
    right = t["right"]
    if set(got) < set(right) and all(_close(got[k], right[k], 0.5) for k in got):
        return not_yet("the values are right but some years are missing: plot every year from the first to "
                       "the last in the table.")
    if set(got) == set(right):
        return not_yet("the years are right but the heights are not. Keep the 'Mali only' rows, then add up "
                       "deaths_best per year.")
    return not_yet("not the expected chart. Plot one bar per year (x = year, height = the year's total of "
                   "deaths_best over the 'Mali only' rows).")


# --------------------------------------------------------------------------- task 8: written argument

MODEL_ARGUMENT = (
    "Broadly yes, with two qualifications. In the Mali-only UCDP rows, deaths averaged about three "
    "hundred a year in 2015-2017 and about a thousand in 2018-2020 - more than three times as many - "
    "and ACLED counts nearly three times as many fatalities in 2020 as in 2017. But the rise began in "
    "2017, not 2018, and 2013 was already as deadly as 2018. The escalation also moved: by 2019-2020 "
    "most fatalities were in the centre (Mopti and Segou), not in the north where the crisis began. "
    "The different sources (UCDP versions, ACLED) give different numbers, so the trend, not any single "
    "figure, is what supports the brief.")

LOOK_FOR = [
    (["2017"], "when did the rise begin - in 2018, or earlier?"),
    (["mopti", "segou", "centre", "center", "central", "region"], "where the violence happened, not only "
                                                                   "how much."),
    (["ucdp", "acled", "source", "data"], "which data you rely on and what they cannot show."),
]
