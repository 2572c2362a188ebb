"""Checks of exercise notebook 04 (Beijing's motivations).

Each check recognises the likely mistakes of its task and answers with a hint
aimed at that mistake; none prints the expected value. The expected values are
computed from the data package, not typed in.
"""

from __future__ import annotations


import pandas as pd

from nexus import data
from nexus.feedback import as_number, Quiz, check, correct, not_yet, written

SNAPSHOT = "December snapshot"
MEAN = "annual mean of monthly reports"


# --------------------------------------------------------------------------- helpers


def _number(value):
    """The answer as a plain finite number, or None (see nexus.feedback.as_number)."""
    return as_number(value)


def _close(a, b, tol):
    return a is not None and b is not None and abs(a - b) <= tol


def _p5():
    return data.load("peacekeepers_p5")


def _share(rows):
    return rows.loc[rows["country"] == "China", "personnel"].sum() / rows["personnel"].sum()


def _minusma_shares(years):
    m = data.load("china_minusma")
    m = m[(m["measure"] == MEAN) & m["year"].isin(list(years))]
    return m["china_personnel"] / m["minusma_personnel"], m


# --------------------------------------------------------------------------- task 1


@check
def china_share_dec2013(share):
    """China's share of the five permanent members' personnel in the December 2013 snapshot (a fraction)."""
    if isinstance(share, str):
        return not_yet("you gave text. Compute the share as a number, without quotes.")
    value = _number(share)
    if value is None:
        return not_yet("the answer should be one number: China's personnel divided by the five "
                       "members' total, for the December 2013 snapshot.")
    p5 = _p5()
    dec = p5[(p5["measure"] == SNAPSHOT) & (p5["year"] == 2013)]
    mar = p5[p5["measure"] == "March snapshot"]
    right = _share(dec)
    china = dec.loc[dec["country"] == "China", "personnel"].sum()
    total = dec["personnel"].sum()
    if _close(value, right, 5e-4):
        return correct("in December 2013 China supplied well over half of all the permanent members' "
                       "UN peacekeepers - more than France, Russia, the UK and the US together. "
                       "That is the scale behind Beijing's claim to be a 'responsible stakeholder'.")
    if _close(value, right * 100, 0.05):
        return not_yet("that looks like a percentage. The task asks for a fraction between 0 and 1: "
                       "do not multiply by 100.")
    if _close(value, china, 0.5):
        return not_yet("that is China's number of personnel, a count. A share divides that count by "
                       "the total of all five members.")
    if _close(value, total / china, 5e-3) or _close(value, china / (total - china), 5e-3) \
            or _close(value, (total - china) / total, 5e-4):
        return not_yet("check what you divide by what: China's personnel go on top, and the total of "
                       "all five members (China included) goes underneath.")
    if _close(value, _share(mar), 5e-4) or _close(value, _share(pd.concat([dec, mar])), 5e-4):
        return not_yet("you used the March 2014 snapshot. Keep only the rows whose measure is "
                       "'December snapshot' and whose year is 2013.")
    if _close(value, _share(p5[(p5["measure"] == MEAN) & (p5["year"] == 2013)]), 5e-4):
        return not_yet("you used the 2013 annual mean. The task asks for the December snapshot: "
                       "filter the measure column.")
    if _close(value, _share(p5[p5["year"] == 2013]), 5e-4):
        return not_yet("your 2013 rows mix two measures (the December snapshot and the annual mean). "
                       "Filter the measure column as well as the year.")
    if value > 1:
        return not_yet("a share of a total cannot be larger than 1. Divide China's personnel by the "
                       "five members' total.")
    return not_yet("filter the table to measure 'December snapshot' and year 2013, then divide "
                   "China's personnel by the sum of all five rows.")


# --------------------------------------------------------------------------- task 2


def _first_top(measure):
    p5 = _p5()
    wide = p5[p5["measure"] == measure].pivot_table(index="year", columns="country",
                                                     values="personnel", observed=True)
    others = wide.drop(columns="China").max(axis=1)
    return int(wide.index[(wide["China"] > others).to_numpy()][0])


@check
def first_year_top(year):
    """The first year in which China's December snapshot exceeds every other permanent member's."""
    if isinstance(year, str):
        return not_yet("you gave the year as text (in quotes). Give it as a number - and if it came "
                       "from the table, convert it with int(...).")
    value = _number(year)
    if value is None or value != int(value):
        return not_yet("the answer should be one whole number, a year.")
    value = int(value)
    right = _first_top(SNAPSHOT)
    if value == right:
        return correct("China overtook every other permanent member in the mid-2000s, years before "
                       "MINUSMA existed; Mali continued a trend rather than starting it - worth "
                       "remembering when you weigh how much Mali itself drives Beijing's peacekeeping.")
    if value == _first_top(MEAN):
        return not_yet("that is the first year of the annual means, which start only in 2011. Use "
                       "the December snapshots, which go back to 1990.")
    p5 = _p5()
    wide = p5[p5["measure"] == SNAPSHOT].pivot_table(index="year", columns="country",
                                                      values="personnel", observed=True)
    if value in wide.index:
        row = wide.loc[value]
        beaten = (row.drop("China") < row["China"]).sum()
        if 0 < beaten < 4:
            return not_yet("in that year China has more personnel than some members but not all four "
                           "others. Compare China with the largest of the other four in each year.")
        if value > right:
            return not_yet("China is ahead in that year, but not for the first time. Sort by year "
                           "and take the earliest year where China leads.")
    if value == 2014:
        return not_yet("2014 only has a March snapshot. Use the December snapshots.")
    return not_yet("make a table with one row per year and one column per country (December "
                   "snapshots only), then find the earliest year where China's value is larger "
                   "than each of the other four.")


# --------------------------------------------------------------------------- task 3


@check
def minusma_mean_share(share):
    """China's mean share of MINUSMA's uniformed personnel, annual means 2018-2020 (a fraction)."""
    if isinstance(share, str):
        return not_yet("you gave text. Compute the share as a number, without quotes.")
    value = _number(share)
    if value is None:
        return not_yet("the answer should be one number: the mean of China's yearly share of MINUSMA.")
    shares, rows = _minusma_shares([2018, 2019, 2020])
    right = shares.mean()
    pooled = rows["china_personnel"].sum() / rows["minusma_personnel"].sum()
    if _close(value, right, 1e-4) or _close(value, pooled, 1e-4):
        return correct("about three in every hundred MINUSMA personnel were Chinese: a contingent of "
                       "roughly 400 in a mission of 13,000-14,000. Symbolic in size, as the brief says "
                       "of its 'combat troops', yet China's first.")
    if _close(value, right * 100, 0.01) or _close(value, pooled * 100, 0.01):
        return not_yet("that looks like a percentage. Give the share as a fraction between 0 and 1.")
    for years in ([2017, 2018, 2019, 2020], [2018, 2019, 2020, 2021], [2017, 2018, 2019, 2020, 2021]):
        s, r = _minusma_shares(years)
        if _close(value, s.mean(), 1e-4) or \
                _close(value, r["china_personnel"].sum() / r["minusma_personnel"].sum(), 1e-4):
            return not_yet("your years include a partial year (2017 or 2021), whose months are "
                           "missing in the source. Keep exactly 2018, 2019 and 2020.")
    if _close(value, rows["china_personnel"].mean(), 0.5):
        return not_yet("that is a mean number of people, not a share. Divide China's personnel by "
                       "MINUSMA's total for each year first.")
    if value > 1:
        return not_yet("a share cannot be larger than 1: check that China's personnel is divided by "
                       "MINUSMA's total, not the other way round.")
    return not_yet("keep the annual-mean rows of 2018, 2019 and 2020, divide china_personnel by "
                   "minusma_personnel in each row, then take the mean.")


# --------------------------------------------------------------------------- task 4


def _as_counts(value):
    """A dict label -> count from a Series, a one-column DataFrame or a two-column table."""
    if isinstance(value, pd.DataFrame):
        if "mission" in value.columns and value.shape[1] == 2:
            other = [c for c in value.columns if c != "mission"][0]
            value = value.set_index("mission")[other]
        elif value.shape[1] == 1:
            value = value.iloc[:, 0]
        else:
            return None
    if isinstance(value, dict):
        value = pd.Series(value, dtype="object")
    if not isinstance(value, pd.Series):
        return None
    out = {}
    for key, n in value.items():
        number = _number(n)
        if number is None or number != int(number):
            return None
        out[str(key)] = int(number)
    return out


@check
def fatalities_by_mission(counts):
    """Chinese peacekeeping fatalities counted per mission (a Series: mission -> count)."""
    if _number(counts) is not None:
        return not_yet("you gave one number. The task asks for a count for every mission (a Series "
                       "with one row per mission), so that MINUSMA can be compared with the others.")
    got = _as_counts(counts)
    if got is None:
        return not_yet("the answer should be a Series of counts with the mission names as the index, "
                       "for example from value_counts() or groupby(...).size().")
    table = data.load("china_peacekeeper_fatalities")
    right = {str(k): int(v) for k, v in table["mission"].value_counts().items()}
    got = {k: v for k, v in got.items() if v != 0}  # empty categories do not matter
    if got == right:
        return correct("MINUSMA appears once: the peacekeeper killed on 31 May 2016 in the attack on "
                       "the UN camp in Gao. Other missions cost China more lives, which matters when "
                       "you weigh how dangerous Mali is for Chinese personnel.")
    for col in ("personnel_type", "incident_type"):
        if set(got) and set(got) <= set(table[col].astype(str)):
            return not_yet(f"you counted by {col.replace('_', ' ')}. Group or count by the mission "
                           "column instead.")
    years = set(table["incident_date"].dt.year.astype(str))
    if set(got) and set(got) <= years:
        return not_yet("you counted by year. Group or count by the mission column instead.")
    if set(got) == set(right):
        dates = table.groupby("mission")["incident_date"].nunique()
        if got == {str(k): int(v) for k, v in dates.items()}:
            return not_yet("you counted incident dates, but several people died on the same day. "
                           "Count rows (one row is one person).")
        return not_yet("the missions are right but some counts are not. Count every row of the table "
                       "once, without filtering.")
    if set(got) < set(right):
        return not_yet("some missions are missing. Count over the whole table, not a filtered part of it.")
    return not_yet("count the rows of china_peacekeeper_fatalities per value of the mission column, "
                   "e.g. with value_counts().")


# --------------------------------------------------------------------------- task 5


def _axes_of(fig):
    if type(fig).__name__ in ("Axes", "AxesSubplot"):
        return fig
    axes = getattr(fig, "axes", None)
    if type(fig).__name__ != "Figure" or not axes:
        return None
    return axes[0]


@check
def china_personnel_chart(fig):
    """A line chart of China's December-snapshot personnel, 1990-2013, with title and axis labels."""
    if type(fig).__name__ not in ("Figure", "Axes", "AxesSubplot"):
        return not_yet("the answer should be the matplotlib Figure: make it with "
                       "fig, ax = plt.subplots() and assign fig.")
    ax = _axes_of(fig)
    if ax is None:
        return not_yet("the figure has no axes yet. Draw on it with ax.plot(...).")
    if not ax.lines:
        return not_yet("the chart has no line. Use ax.plot(years, personnel) for a time series.")
    line = ax.lines[0]
    x, y = list(line.get_xdata()), list(line.get_ydata())
    if any(isinstance(v, str) for v in x):
        return not_yet("the years on the x axis are text, so matplotlib spaces them as labels. "
                       "Use the numeric year column.")
    p5 = _p5()
    china = p5[p5["country"] == "China"]
    snap = china[china["measure"] == SNAPSHOT].sort_values("year")
    try:
        xs = [float(v) for v in x]
        ys = [float(v) for v in y]
    except (TypeError, ValueError):
        return not_yet("the line's data are not numbers. Plot the year column against the personnel column.")
    want_x = [float(v) for v in snap["year"]]
    want_y = [float(v) for v in snap["personnel"]]
    if len(ys) == len(china):
        return not_yet("your line mixes the measures (December snapshots, the March 2014 snapshot and "
                       "annual means). Keep only measure == 'December snapshot'.")
    if len(ys) == len(want_y) + 1:
        return not_yet("your line includes the March 2014 snapshot. Keep only measure == 'December snapshot'.")
    if xs == want_x and ys != want_y:
        for country in p5["country"].unique():
            other = p5[(p5["country"] == country) & (p5["measure"] == SNAPSHOT)].sort_values("year")
            if ys == [float(v) for v in other["personnel"]]:
                return not_yet("the first line shows another country. Filter the rows to China "
                               "(or plot China first).")
        return not_yet("the years are right but the values are not China's December snapshots.")
    if sorted(zip(xs, ys)) == sorted(zip(want_x, want_y)) and xs != want_x:
        return not_yet("the points are right but not in year order, so the line zigzags. Sort by year.")
    if xs != want_x or ys != want_y:
        return not_yet("the line should hold China's December snapshots, 1990 to 2013: filter the "
                       "country and the measure, and plot year against personnel.")
    if not ax.get_title(loc="center") and not ax.get_title(loc="left") and not fig_title(fig):
        return not_yet("the data are right; now give the chart a title with ax.set_title(...).")
    if not ax.get_xlabel() or not ax.get_ylabel():
        return not_yet("the data are right; label both axes (ax.set_xlabel, ax.set_ylabel), with "
                       "the unit on the y axis.")
    return correct("the line shows China's contributions taking off in the 2000s and staying near "
                   "2,000 - the backdrop to MINUSMA, where China's contingent was one part of a "
                   "much larger UN presence.")


def fig_title(fig) -> str:
    sup = getattr(fig, "_suptitle", None)
    return sup.get_text() if sup is not None else ""


# --------------------------------------------------------------------------- task 6

QUIZ_Q6 = Quiz(
    "04.ex_bri",
    "The brief says the Sahel matters to Beijing 'including as it affects the geography of Belt and "
    "Road Initiative related expansion' (Benabdallah and Large 2020). Which motivation does the brief "
    "use this as evidence for?",
    [
        ("Peacekeeping: showing China is a responsible international stakeholder", False,
         "Not this one: the peacekeeping motive rests on MINUSMA, the turnaround from condemning Serval "
         "and the first 'combat troops'. Re-read which sentence of the section the Belt and Road remark "
         "belongs to."),
        ("The regional Sahel strategy", True,
         "Yes: the brief makes it part of the second motive - Mali as one piece of a deteriorating "
         "Sahel conflict that is increasingly strategic for Beijing, including for where the Belt "
         "and Road can expand. You could argue it also touches market access, but the brief places "
         "it in the regional motive."),
        ("Market access for state-owned enterprises", False,
         "A tempting reading, since the Belt and Road involves contracts; but the brief raises market "
         "access separately, as the third motive, about post-conflict reconstruction. Re-read which "
         "sentence the Belt and Road remark belongs to."),
        ("None: the brief mentions the Belt and Road only in its recommendations", False,
         "The recommendations do not mention the Belt and Road; the brief raises it in the section on "
         "Beijing's motivations: which of the three does its sentence belong to?"),
    ],
)


@check
def q6(answer):
    """Multiple choice: the letter of the motivation (A-D)."""
    if not isinstance(answer, str):
        return not_yet('give the letter of your choice as text in quotes, for example "A".')
    letter = answer.strip().upper().rstrip(".")
    if letter not in ("A", "B", "C", "D"):
        return not_yet("answer with one letter, A, B, C or D.")
    return QUIZ_Q6.grade("ABCD".index(letter))


# --------------------------------------------------------------------------- task 7

MODEL_ANSWER = (
    "The peacekeeping motive explains China's presence best. The brief puts MINUSMA at the forefront "
    "of China's evolving UN peacekeeping, which Beijing cites as proof of being a responsible "
    "stakeholder; Mali is where China turned from condemning Operation Serval to joining a UN "
    "mission and sent its first, if symbolic, 'combat troops'. The data agree on scale: China "
    "supplied most of the permanent members' peacekeepers, and about 400 people - some 3% of "
    "MINUSMA - served in Mali, one of whom was killed at Gao in 2016. But the data cannot show "
    "motives, and China led the permanent members before MINUSMA existed. The regional motive "
    "(a deteriorating Sahel, Belt and Road geography) and market access (reconstruction for SOEs "
    "present for decades, costly while fighting lasts) are plausible too; the three reinforce "
    "each other, and the brief gives no data to rank them."
)
LOOK_FOR = [
    (["peacekeep", "minusma", "stakeholder"], "the peacekeeping motive and MINUSMA."),
    (["sahel", "region", "belt and road"], "the regional Sahel motive."),
    (["market", "soe", "state-owned", "reconstruction"], "market access for state-owned enterprises."),
    (["data", "personnel", "%", "400", "share"], "what the UN data show - and cannot show."),
]


def argument(text):
    """The written argument: saved, and compared with a model answer once long enough."""
    return written("04.motivation_argument", text, MODEL_ANSWER, min_words=40, look_for=LOOK_FOR)
