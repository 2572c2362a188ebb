"""The checks of exercise 05: appraising security through development.

Tasks use ``chinese_projects`` (a partial list of named Chinese projects, with
their ACLED region) and ``violence_by_region`` (ACLED, 2017-2020). Each check
recognises the likely mistakes and never reveals the expected answer.
"""

from __future__ import annotations


from nexus.feedback import as_number, Quiz, check, correct, describe_type, not_yet, written

NOT_LOCATED = "national / not located"
_YEARS = range(2017, 2021)


# --------------------------------------------------------------------------- the data, recomputed


def _tables():
    from nexus import data

    return data.load("chinese_projects"), data.load("violence_by_region")


def _expected_counts() -> dict[str, int]:
    projects, _ = _tables()
    counts = projects["region"].astype(str).value_counts()
    return {str(k): int(v) for k, v in counts.items() if v}


def _fatalities(column="pv_fatalities", years=_YEARS) -> dict[str, int]:
    _, violence = _tables()
    v = violence[violence["year"].isin(list(years))]
    return {str(k): int(x) for k, x in v.groupby("region")[column].sum().items()}


# --------------------------------------------------------------------------- helpers


def _number(value):
    """The answer as a plain finite number, or None (see nexus.feedback.as_number)."""
    return as_number(value)


def _mapping(value) -> dict | None:
    """label -> number from a Series, a one-column DataFrame, a (label, number) DataFrame or a dict."""
    import pandas as pd

    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, pd.Series):
        items = list(value.items())
    elif isinstance(value, pd.DataFrame):
        if value.shape[1] == 1:
            items = list(value.iloc[:, 0].items())
        elif value.shape[1] == 2:
            first, second = value.columns
            if pd.api.types.is_numeric_dtype(value[second]) and not pd.api.types.is_numeric_dtype(value[first]):
                items = list(zip(value[first], value[second]))
            else:
                return None
        else:
            return None
    else:
        return None
    out = {}
    for k, v in items:
        x = _number(v)
        if x is None:
            return None
        out[str(k)] = out.get(str(k), 0.0) + x
    return out


def _close(a, b, tol=1e-6) -> bool:
    return a is not None and b is not None and abs(a - b) <= tol


def _accented(keys) -> bool:
    return any(any(c in str(k) for c in "éèêÉ") for k in keys)


# --------------------------------------------------------------------------- task 1


@check
def projects_by_region(answer):
    """Task 1: named projects counted per region, 'national / not located' kept apart."""
    got = _mapping(answer)
    if got is None:
        if type(answer).__name__ == "DataFrame":
            return not_yet("that DataFrame has a count for every column. You want ONE number per "
                           "region: try projects['region'].value_counts() or .groupby('region').size().")
        return not_yet(f"the answer should be a Series of counts, one per region; it is "
                       f"{describe_type(answer)}.")
    got = {k: v for k, v in got.items() if v}
    expected = _expected_counts()
    if len(got) > len(expected) + 2:
        return not_yet("there are many more entries than regions - did you count the 'place' column? "
                       "Places are written in many ways; count the 'region' column instead.")
    if _accented(got):
        return not_yet("some region names carry accents. Use the table's own spelling (as in ACLED, "
                       "without accents) so that the regions match violence_by_region.")
    total = sum(got.values())
    if got and (_close(total, 1.0, 1e-3) or _close(total, 100.0, 1e-1)):
        return not_yet("these look like shares (they add up to 1 or 100). The task asks for counts: "
                       "how many projects in each region. Leave out normalize=True.")
    if NOT_LOCATED not in got and set(got) <= set(expected) and len(got) < len(expected):
        if got.get("Bamako", 0) > expected.get("Bamako", 0):
            return not_yet("it looks as if the projects with no place were counted as Bamako. "
                           "'national / not located' is not a place: keep it as its own entry.")
        return not_yet("the projects with no place ('national / not located') are missing. Keep them as "
                       "their own entry: leaving them out hides how much of the list cannot be located.")
    if got == {k: float(v) for k, v in expected.items()}:
        return correct("the list has a region for every project, and a good share of it has none. "
                       "Keeping 'national / not located' apart stops you from reading umbrella pledges "
                       "and national donations as if they were built in the capital.")
    return not_yet("some counts are off. Count the rows of the projects table by its 'region' column, "
                   "without filtering anything out first.")


# --------------------------------------------------------------------------- task 2


@check
def bamako_share(answer):
    """Task 2: Bamako's share of the named projects that have a place (fraction 0-1)."""
    x = _number(answer)
    if x is None:
        return not_yet(f"the answer should be one number between 0 and 1; it is {describe_type(answer)}.")
    counts = _expected_counts()
    located = sum(v for k, v in counts.items() if k != NOT_LOCATED)
    bamako = counts.get("Bamako", 0)
    alln = sum(counts.values())
    share = bamako / located
    if _close(x, share, 5e-3):
        return correct("most of the located projects in the list are in the capital, which fits the brief's "
                       "'Bamako-centered' (Benabdallah and Large 2020) - but with so few records, one "
                       "project more or less moves the share a lot.")
    if _close(x, 100 * share, 0.5):
        return not_yet("that is a percentage. Give the share as a fraction between 0 and 1.")
    if _close(x, bamako / alln, 5e-3):
        return not_yet("you divided by all projects, including those with no place. The task asks "
                       "about the projects that HAVE a place: leave 'national / not located' out of "
                       "the denominator.")
    if _close(x, (bamako + counts.get(NOT_LOCATED, 0)) / alln, 5e-3):
        return not_yet("it looks as if 'national / not located' was counted as Bamako. Projects with no "
                       "place are not in the capital: leave them out of both numbers.")
    if x >= 1 and float(x).is_integer():
        return not_yet("that looks like a count. Divide the Bamako count by the number of located projects.")
    if not 0 <= x <= 1:
        return not_yet("a share must lie between 0 and 1.")
    return not_yet("not quite. Count the projects in Bamako and the projects whose region is not "
                   "'national / not located', then divide the first by the second.")


# --------------------------------------------------------------------------- task 3


@check
def merged_regions(answer):
    """Task 3: one row per ACLED region, fatalities 2017-2020 and named projects (0 if none)."""
    import pandas as pd

    if not isinstance(answer, pd.DataFrame):
        return not_yet(f"the answer should be a DataFrame; it is {describe_type(answer)}.")
    frame = answer.reset_index() if "region" not in answer.columns else answer
    missing = [c for c in ("region", "fatalities", "projects") if c not in frame.columns]
    if missing:
        return not_yet(f"the table needs the columns region, fatalities and projects; missing: "
                       f"{', '.join(missing)}. Rename with .rename(columns={{...}}).")
    regions = [str(r) for r in frame["region"]]
    fat = _fatalities()
    counts = _expected_counts()
    if any(r.lower() in ("total", "all", "mali", "all regions") for r in regions):
        return not_yet("there is a totals row. Keep one row per region only: a total would count "
                       "every death twice if you summed the column.")
    if NOT_LOCATED in regions:
        return not_yet("'national / not located' is in the table. It is not a region and has no "
                       "fatalities: merge onto the regions of violence_by_region (a left join from the "
                       "fatalities side), not an outer join.")
    if len(regions) < len(fat) and set(regions) <= set(fat):
        if set(regions) <= {k for k in counts if k != NOT_LOCATED}:
            return not_yet("only the regions with a named project are left: an inner join drops every "
                           "region without one. Use how='left' starting from the fatalities table.")
        return not_yet("some regions are missing. Start from all regions in violence_by_region and "
                       "use a left join.")
    if sorted(regions) != sorted(fat):
        if _accented(regions):
            return not_yet("some region names carry accents; use the unaccented ACLED spelling.")
        return not_yet("the regions should be exactly those of violence_by_region, one row each.")
    proj = pd.to_numeric(frame["projects"], errors="coerce")
    if proj.isna().any():
        return not_yet("some regions have an empty (NaN) project count. A region with no named project "
                       "has 0: fill the gaps with .fillna(0).")
    got_fat = dict(zip(regions, pd.to_numeric(frame["fatalities"], errors="coerce")))
    for column in ("pv_events", "vac_fatalities"):
        if all(_close(got_fat[r], v, 0.5) for r, v in _fatalities(column).items()):
            what = "events" if column == "pv_events" else "violence-against-civilians fatalities only"
            return not_yet(f"the fatalities column holds {what}. Sum pv_fatalities, all political-"
                           "violence fatalities.")
    for year in _YEARS:
        one = _fatalities(years=[year])
        if all(_close(got_fat.get(r), one.get(r, 0), 0.5) for r in fat):
            return not_yet("those are the fatalities of one year only. Sum over 2017-2020.")
    if not all(_close(got_fat[r], v, 0.5) for r, v in fat.items()):
        return not_yet("some fatality totals are off. Group violence_by_region by region and sum "
                       "pv_fatalities over all four years.")
    got_proj = dict(zip(regions, proj))
    if not all(_close(got_proj[r], counts.get(r, 0), 1e-9) for r in fat):
        return not_yet("some project counts are off. Count chinese_projects by region, then merge on "
                       "the region name.")
    return correct("every region is there, including the many with fatalities and no named project. "
                   "A left join keeps them; an inner join would have silently hidden exactly the regions "
                   "the brief's first recommendation is about.")


# --------------------------------------------------------------------------- task 4


@check
def regions_without_projects(answer):
    """Task 4: the regions with fatalities in 2017-2020 but no named project (any order)."""
    import pandas as pd

    if isinstance(answer, pd.DataFrame):
        if "region" in answer.columns:
            answer = answer["region"]
        elif answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        else:
            return not_yet("give the region names only: a list, or the 'region' column.")
    if isinstance(answer, pd.Index):
        answer = list(answer)
    if isinstance(answer, pd.Series):
        answer = answer.tolist()
    if isinstance(answer, (set, tuple)):
        answer = list(answer)
    if not isinstance(answer, list) or not all(isinstance(r, str) for r in answer):
        return not_yet(f"the answer should be a list of region names; it is {describe_type(answer)}.")
    got = set(answer)
    fat = _fatalities()
    counts = _expected_counts()
    expected = {r for r, v in fat.items() if v > 0 and counts.get(r, 0) == 0}
    if not got:
        return not_yet("the list is empty. An inner join keeps only regions that appear in BOTH tables, "
                       "so it can never show a region without a project: use how='left' (or a test "
                       "with .isin()).")
    if NOT_LOCATED in got:
        return not_yet("'national / not located' is not a region with fatalities; it comes from the "
                       "projects table. Start from the regions of violence_by_region.")
    if _accented(got):
        return not_yet("some names carry accents; use the unaccented ACLED spelling.")
    if got & {k for k in counts if k != NOT_LOCATED}:
        return not_yet("the list includes a region that does have a named project. Keep only the rows "
                       "whose project count is 0.")
    if got < expected:
        return not_yet("some regions are missing. Check every region of violence_by_region.")
    if got == expected:
        return correct("most of Mali's regions, and nearly all of its recorded deaths, have no named "
                       "project in this list. That matches the brief's call to branch out of Bamako - "
                       "with the caution that the list is partial.")
    return not_yet("the list has a name that is not an ACLED region of violence_by_region.")


# --------------------------------------------------------------------------- task 5


@check
def mopti_share(answer):
    """Task 5: Mopti's share of all political-violence fatalities 2017-2020 (fraction 0-1)."""
    x = _number(answer)
    if x is None:
        return not_yet(f"the answer should be one number between 0 and 1; it is {describe_type(answer)}.")
    fat = _fatalities()
    share = fat["Mopti"] / sum(fat.values())
    if _close(x, share, 1e-3):
        return correct("over half of the deaths in four years were in one central region, far from the "
                       "capital. Where violence is and where development is placed are different "
                       "maps - the core of Challenges 1 and 2.")
    if _close(x, 100 * share, 0.1):
        return not_yet("that is a percentage. Give the share as a fraction between 0 and 1.")
    if x >= 1 and float(x).is_integer():
        return not_yet("that looks like a count of deaths. Divide Mopti's total by the total of all regions.")
    events = _fatalities("pv_events")
    if _close(x, events["Mopti"] / sum(events.values()), 1e-3):
        return not_yet("that is Mopti's share of events. The task asks about fatalities: use pv_fatalities.")
    vac = _fatalities("vac_fatalities")
    if _close(x, vac["Mopti"] / sum(vac.values()), 1e-3):
        return not_yet("that uses vac_fatalities, which counts only violence against civilians. Use "
                       "pv_fatalities, all political-violence fatalities.")
    for year in _YEARS:
        one = _fatalities(years=[year])
        if _close(x, one.get("Mopti", 0) / sum(one.values()), 1e-3):
            return not_yet("that is the share in a single year. Sum both numbers over 2017-2020 first.")
    if not 0 <= x <= 1:
        return not_yet("a share must lie between 0 and 1.")
    return not_yet("not quite. Sum pv_fatalities for Mopti over 2017-2020, and for all regions, then divide.")


# --------------------------------------------------------------------------- task 6


def _bars(fig):
    """(values, axes) of the bars in the first axes that has any: heights, or widths for barh."""
    from matplotlib.patches import Rectangle

    axes = fig.axes if hasattr(fig, "axes") and isinstance(fig.axes, list) else [fig]
    for ax in axes:
        rects = [p for p in getattr(ax, "patches", []) if isinstance(p, Rectangle)]
        if rects:
            heights = [float(r.get_height()) for r in rects]
            widths = [float(r.get_width()) for r in rects]
            return heights, widths, ax
    return None, None, (axes[0] if axes else None)


@check
def fatalities_chart(answer):
    """Task 6: a bar chart of fatalities 2017-2020 per region (checks the bar values, then labels)."""
    name = type(answer).__name__
    if name not in ("Figure", "Axes") and not name.endswith("Axes"):
        return not_yet(f"hand in the figure (fig from fig, ax = plt.subplots()); this is {describe_type(answer)}.")
    heights, widths, ax = _bars(answer)
    if heights is None:
        if ax is not None and getattr(ax, "lines", []):
            return not_yet("this is a line chart. The task asks for bars: ax.bar(regions, fatalities).")
        return not_yet("the figure has no bars yet. Draw them with ax.bar(...) (or ax.barh(...)).")
    fat = _fatalities()

    def same(values, target):
        return len(values) == len(target) and all(
            abs(a - b) < 0.5 for a, b in zip(sorted(values), sorted(target)))

    drawn = next((v for v in (heights, widths) if same(v, fat.values())), None)
    if drawn is None:
        for values in (heights, widths):
            if same(values, _fatalities("pv_events").values()):
                return not_yet("the bars show events. The task asks for fatalities (pv_fatalities).")
            if same(values, _fatalities("vac_fatalities").values()):
                return not_yet("the bars show violence-against-civilians fatalities only; use pv_fatalities.")
            for year in _YEARS:
                if same(values, _fatalities(years=[year]).values()):
                    return not_yet("the bars show one year only. Sum 2017-2020 per region first.")
            if len(values) == len(_YEARS):
                return not_yet("there are four bars: one per year? The task asks for one bar per REGION, "
                               "summed over 2017-2020.")
        return not_yet("the bar heights do not match the fatalities per region for 2017-2020. Group "
                       "violence by region, sum pv_fatalities, and draw one bar per region.")
    xlabel, ylabel = ax.get_xlabel().strip(), ax.get_ylabel().strip()
    if not xlabel or not ylabel:
        return not_yet("the bars are right. Now label both axes (ax.set_xlabel / ax.set_ylabel), with "
                       "the unit for the fatalities - a reader cannot guess what the numbers count.")
    if not ax.get_title().strip() and not getattr(getattr(answer, "_suptitle", None), "get_text", lambda: "")():
        return not_yet("the bars and labels are right. Give the chart a title that says what and when "
                       "(ax.set_title(...)).")
    return correct("one bar towers over the rest, and the capital's bar is barely visible. A chart like "
                   "this is the quickest way to show why 'Bamako-centred' matters in a war fought elsewhere.")


# --------------------------------------------------------------------------- task 7


SENOU_QUIZ = Quiz(
    "05.ex_senou",
    "The brief mentions the Senou Vocational Training Center just after saying that development "
    "infrastructure has potential, and just before saying that governance and the role of the central "
    "state are fundamental to any development strategy. Which reading fits the brief best?",
    [("It shows that armed groups destroy Chinese projects (Challenge 1).", False,
      "No: the brief says the centre was inaugurated but unused, not destroyed - and it stands near "
      "Bamako, where ACLED recorded very little violence."),
     ("It shows that building something is not the same as putting it to work: without the state "
      "running it, a project's potential stays unrealised - the governance point of Challenge 1.", True,
      "Yes: the brief uses the centre as an example of potential not yet realised, then names governance "
      "and the central state as fundamental. The brief does not say why the centre was unused; the link "
      "is the suite's reading of where the example sits. (Outside the brief: Malian press reported that "
      "it opened to trainees in January 2021.)"),
     ("It proves on its own that China's whole portfolio is Bamako-centred (Challenge 2).", False,
      "One project near Bamako cannot prove a pattern; that needs the whole portfolio, which no table "
      "here has. The brief does not use the centre to make that point."),
     ("It shows that Chinese peacekeepers are risk-averse (Challenge 3).", False,
      "No: the centre is a development project financed by China, not part of the peacekeeping contingent; "
      "risk aversion is about how the peacekeepers are perceived.")],
    topic="Senou centre")


@check
def senou_challenge(answer):
    """Task 7: a letter A-D for the Senou question."""
    letter = answer.strip().upper().rstrip(".)") if isinstance(answer, str) else None
    if letter is None or len(letter) != 1 or letter not in "ABCD":
        return not_yet("answer with one letter in quotes: \"A\", \"B\", \"C\" or \"D\".")
    return SENOU_QUIZ.grade("ABCD".index(letter))


# --------------------------------------------------------------------------- task 8


MODEL_ANSWER = (
    "It is both, but the brief treats it first as a knowledge problem with governance consequences. "
    "Working through the government in Bamako limits Beijing's grasp of the many political actors in "
    "the crisis (a knowledge problem: the ambassador's outreach to religious leaders is the exception), "
    "and ties China to one government that protests against President Keïta showed could fall (a "
    "governance problem). The data add a third angle: almost all recorded deaths in 2017-2020 were far "
    "from the capital, in regions with no named project, so projects placed where the state is present are "
    "safer but reach the conflict least. The remedy the brief proposes - languages, cultures, wider "
    "diplomatic channels, projects beyond Bamako - addresses knowledge; only the return of central "
    "control addresses governance.")

LOOK_FOR = [
    (["govern", "state", "control"], "What does the central government's control (or its absence) "
                                     "have to do with it?"),
    (["actor", "religious", "dialogue", "language", "cultur", "knowledge", "understand"],
     "Which actors, languages or cultures does a Bamako-centred approach fail to reach?"),
    (["data", "fatalit", "mopti", "project", "acled", "region"],
     "What did the data of this exercise show about where violence and projects are?"),
]


def bamako_argument(text):
    """Task 8: a written argument (at least 40 words); saved, then compared with a model answer."""
    return written("05.bamako_centred", text, MODEL_ANSWER, min_words=40, look_for=LOOK_FOR)
