"""Checks of exercise 02: China's footprint in Mali.

One check per task; each recognises the common mistakes listed in its docstring
and never prints the expected answer.
"""

from __future__ import annotations


from nexus import data
from nexus.feedback import as_number, Quiz, check, correct, describe_type, not_yet, written

__all__ = ["import_partners", "china_import_rank", "finance_totals", "peak_year", "hdi_gap",
           "mali_hdi_chart", "rank_change", "trade_argument", "RANK_QUIZ"]

TOL_MUSD = 0.011
TOL_HDI = 0.0015


# --------------------------------------------------------------------------- helpers


def _number(value):
    """The answer as a plain finite number, or None (see nexus.feedback.as_number)."""
    return as_number(value, containers=False)


def _whole(value):
    """A whole number from an int/float/numpy number (4.0 -> 4), else None."""
    x = _number(value)
    if x is None or x != int(x):
        return None
    return int(x)


def _norm(name) -> str:
    return " ".join(str(name).split()).casefold()


def _strip_accents(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _brief_trade():
    return data.load("brief_trade_partners")


def _year_value_pairs(answer):
    """Turn a Series (year index), a dict, or a DataFrame (year column or index + one numeric
    column) into a list of (year, value) pairs. Returns (pairs, problem) where problem is a
    hint when the shape itself is wrong."""
    kind = type(answer).__name__
    if kind == "Series":
        return list(zip(answer.index.tolist(), answer.tolist())), None
    if isinstance(answer, dict):
        return list(answer.items()), None
    if kind == "DataFrame":
        frame = answer
        if "year" in frame.columns:
            frame = frame.set_index("year")
        numeric = [c for c in frame.columns if str(frame[c].dtype) not in ("object", "str", "string")
                   and frame[c].dtype.kind in "ifu"]
        if len(numeric) == 1:
            col = numeric[0]
            return list(zip(frame.index.tolist(), frame[col].tolist())), None
        if len(numeric) > 1:
            return None, "wide"
        return None, "no numbers"
    return None, "type"


def _year_key(key):
    """(year as int, was_text) for an int-like or text key, else (None, False)."""
    if isinstance(key, str):
        return (int(key.strip()), True) if key.strip().isdigit() else (None, True)
    return _whole(key), False


# --------------------------------------------------------------------------- task 1


@check
def import_partners(answer):
    """Task 1: Mali's import partners from brief_trade_partners, in the brief's rank order.

    Accepts a DataFrame with a ``partner`` column, a Series of names or a list of names.
    Mistakes recognised: export rows kept, export destinations instead of imports,
    sorted descending, other order, a missing partner column, names without accents.
    """
    kind = type(answer).__name__
    if kind == "DataFrame":
        if "partner" not in answer.columns:
            return not_yet("keep the partner column: the answer should show who the partners are, "
                           "not only their ranks (select rows, not columns).")
        names = answer["partner"].tolist()
    elif kind == "Series":
        names = answer.tolist()
    elif isinstance(answer, (list, tuple)):
        names = list(answer)
    else:
        return not_yet(f"give a DataFrame (the filtered rows of the table); this is {describe_type(answer)}.")
    if not names or not all(isinstance(n, str) for n in names):
        return not_yet("the answer should list partner countries by name, as in the table's "
                       "partner column.")
    trade = _brief_trade()
    imports = trade[trade["flow"] == "import"].sort_values("rank")["partner"].tolist()
    exports = trade[trade["flow"] == "export"].sort_values("rank")["partner"].tolist()
    got = [_norm(n) for n in names]
    want = [_norm(n) for n in imports]
    export_only = {_norm(n) for n in exports} - set(want)
    if got == want:
        return correct("these are the partners the brief ranks above China for Mali's imports, "
                       "then China itself. Neighbours and the former colonial power come first: "
                       "trade alone does not make China Mali's main partner.")
    if [_strip_accents(g) for g in got] == [_strip_accents(w) for w in want]:
        return not_yet("right partners and order, but spell the names exactly as in the table "
                       "(Côte d'Ivoire has accents). Take the names from the table rather than typing them.")
    if set(got) & export_only and set(got) & (set(want) - {_norm("China")}):
        return not_yet("your answer mixes import partners and export destinations: keep only the "
                       "rows whose flow is 'import'.")
    if set(got) == {_norm(n) for n in exports}:
        return not_yet("these are the destinations of Mali's exports. The task asks where Mali's "
                       "imports come from: filter on flow == 'import'.")
    if got == list(reversed(want)):
        return not_yet("the order is upside down: rank 1 is the largest partner, so sort by rank "
                       "in ascending order (the default of sort_values).")
    if sorted(got) == sorted(want):
        return not_yet("right partners, wrong order: sort the rows by the rank column.")
    if set(got) < set(want):
        return not_yet("a partner is missing: keep every import row of the table.")
    return not_yet("filter the table on flow == 'import', then sort by rank.")


# --------------------------------------------------------------------------- task 2


@check
def china_import_rank(answer):
    """Task 2: China's rank among Mali's import partners in the brief (an integer).

    Mistakes recognised: the export rank, the rank in the weak Comtrade snapshot,
    'first', text instead of a number.
    """
    if isinstance(answer, str):
        return not_yet("you gave text. Give the rank as a whole number, without quotes "
                       "(int(...) turns a table cell into one).")
    if type(answer).__name__ in ("Series", "DataFrame"):
        return not_yet("you gave a whole table or column. Pick out the single number, for example "
                       "with .iloc[0], and wrap it in int(...).")
    rank = _whole(answer)
    if rank is None:
        return not_yet(f"the rank is a whole number (1 = largest partner); this is {describe_type(answer)}.")
    trade = _brief_trade()
    china = trade[trade["partner"] == "China"].set_index("flow")["rank"]
    if rank == int(china["import"]):
        return correct("the brief puts China behind Senegal, Côte d'Ivoire and France as a source "
                       "of Mali's imports. Keep in mind that the brief gives no year or source for "
                       "this ranking.")
    if rank == int(china["export"]):
        return not_yet("that is China's rank as a destination of Mali's exports. The task asks "
                       "about imports: filter on flow == 'import' first.")
    if rank == 2:
        return not_yet("that is China's place in the undated trade snapshot (trade_partner_shares), "
                       "not in the brief's ranking. Use brief_trade_partners.")
    if rank == 1:
        return not_yet("the brief says the opposite: China is not Mali's top trade partner. "
                       "Read the rank column of China's import row.")
    return not_yet("look up China's import row in brief_trade_partners and read its rank column.")


# --------------------------------------------------------------------------- task 3


def _finance_expected():
    fin = data.load("chinese_finance")
    total = fin.groupby("year", observed=True)["amount_musd"].sum()
    by_class = {c: fin[fin["flow_class"] == c].set_index("year")["amount_musd"]
                for c in ("ODA-like", "OOF-like")}
    return fin, total, by_class


def _matches(pairs, series, tol):
    if len(pairs) != len(series):
        return False
    lookup = {int(k): float(v) for k, v in series.items()}
    for year, value in pairs:
        y, _ = _year_key(year)
        v = _number(value)
        if y is None or v is None or y not in lookup or abs(v - lookup[y]) > tol:
            return False
    return True


@check
def finance_totals(answer):
    """Task 3: total Chinese official finance per year (all three flow classes), 2000-2021.

    Accepts a Series indexed by year, or a DataFrame with a year column/index and one
    numeric column. Mistakes recognised: only ODA-like, only OOF-like, not grouped,
    counts or means instead of sums, a wide table without a total, years as text.
    """
    fin, total, by_class = _finance_expected()
    if type(answer).__name__ == "DataFrame" and len(answer) == len(fin):
        return not_yet("your table still has one row per year and flow class. Group by year and "
                       "add up the amounts: .groupby('year')['amount_musd'].sum().")
    pairs, problem = _year_value_pairs(answer)
    if problem == "wide":
        return not_yet("your table has one column per flow class. Add the classes up, so that "
                       "each year has a single total (or group the long table by year).")
    if problem == "no numbers":
        return not_yet("the table has no numeric column with the yearly totals.")
    if problem == "type":
        return not_yet(f"give a Series with one total per year; this is {describe_type(answer)}.")
    if len(pairs) == len(fin):
        return not_yet("there is one value per year and flow class. Group by year and sum.")
    if any(_year_key(k)[1] for k, _ in pairs):
        return not_yet("your years are text (strings). Keep the year column as numbers.")
    if _matches(pairs, total, TOL_MUSD):
        return correct("every flow class counts: in some years large loans outweigh all the "
                       "grants, so the yearly totals are lumpy and commitments are not money spent.")
    if _matches(pairs, by_class["ODA-like"], TOL_MUSD):
        return not_yet("these are the ODA-like amounts only. The total includes every flow class, "
                       "OOF-like loans too: do not filter on flow_class before summing.")
    if _matches(pairs, by_class["OOF-like"], TOL_MUSD):
        return not_yet("these are the OOF-like amounts only. Sum all the flow classes per year.")
    counts = fin.groupby("year", observed=True)["amount_musd"].count()
    if _matches(pairs, counts, 0):
        return not_yet("these are counts of rows, not amounts. Use .sum() instead of .count() or .size().")
    if _matches(pairs, total / 3, TOL_MUSD):
        return not_yet("these look like averages of the three classes. Use .sum(), not .mean().")
    years = {y for y, _ in (_year_key(k) for k, _ in pairs)}
    if len(pairs) < len(total) and years < set(total.index):
        return not_yet("some years are missing. Keep every year from 2000 to 2021, zero years included.")
    return not_yet("group the chinese_finance table by year and sum amount_musd.")


# --------------------------------------------------------------------------- task 4


@check
def peak_year(answer):
    """Task 4: the year with the largest total commitment (an integer year).

    Mistakes recognised: the largest ODA-like year (OOF-like forgotten), the amount
    instead of the year, the crisis start year, text instead of a number.
    """
    if isinstance(answer, str):
        return not_yet("you gave text. Give the year as a whole number, without quotes.")
    if type(answer).__name__ in ("Series", "DataFrame"):
        return not_yet("you gave a table or column. .idxmax() on the yearly totals gives the "
                       "year itself.")
    year = _whole(answer)
    if year is None:
        x = _number(answer)
        if x is not None and not 1990 <= x <= 2030:
            return not_yet("that looks like an amount, not a year. .max() gives the largest amount; "
                           ".idxmax() gives the year it belongs to.")
        return not_yet(f"give a year as a whole number; this is {describe_type(answer)}.")
    fin, total, by_class = _finance_expected()
    if year == int(total.idxmax()):
        return correct("that year's total is almost all OOF-like lending, on less generous terms "
                       "than aid - and it falls in the crisis years.")
    if year == int(by_class["ODA-like"].idxmax()):
        return not_yet("that is the largest ODA-like year. Total the three flow classes first: "
                       "another year has a huge OOF-like commitment.")
    if year == 2012:
        return not_yet("2012 is when Mali's crisis began, not the year of the largest commitment. "
                       "Look at the yearly totals.")
    if not 2000 <= year <= 2021:
        if year > 2030 or year < 1900:
            return not_yet("that looks like an amount, not a year. .idxmax() gives the year of "
                           "the largest total.")
        return not_yet("the data cover 2000 to 2021; pick a year in that range.")
    return not_yet("compute the total per year (all flow classes), then take .idxmax().")


# --------------------------------------------------------------------------- task 5


def _hdi_wide():
    hdi = data.load("hdi")
    return hdi.pivot_table(index="year", columns="country", values="hdi", observed=True)


@check
def hdi_gap(answer):
    """Task 5: China's HDI minus Mali's, for 1990 and for the year the brief's rank describes.

    Accepts a dict {year: gap} or a Series indexed by year (a DataFrame with a year
    column also works). Mistakes recognised: wrong sign, a ratio, the report year
    instead of the data year, the latest year, one year only.
    """
    wide = _hdi_wide()
    gap = (wide["China"] - wide["Mali"]).round(3)
    ratio = (wide["China"] / wide["Mali"])
    pairs, problem = _year_value_pairs(answer)
    if problem is not None:
        return not_yet("give a dictionary {year: gap} or a Series indexed by year with the two gaps; "
                       f"this is {describe_type(answer)}.")
    got = {}
    for key, value in pairs:
        year, _ = _year_key(key)
        v = _number(value)
        if year is None or v is None:
            return not_yet("each entry should be a year (a number) and a gap (a number).")
        got[year] = v
    if len(got) < 2:
        return not_yet("give two gaps: one for 1990 and one for the year the brief's rank describes.")
    if 2019 in got and 2018 not in got:
        return not_yet("the brief's rank comes from the 2019 report, but that report ranks countries "
                       "on their HDI values of the year before. Use the data year, not the report year.")
    if 1990 not in got:
        return not_yet("one of the two years should be 1990, the first year of the series.")
    others = [y for y in got if y != 1990]
    if len(others) != 1:
        return not_yet("give exactly two years: 1990 and the data year of the brief's rank.")
    other = others[0]
    if other == 2022:
        return not_yet("that is the latest year of the series. The task asks for the year the brief's "
                       "rank (from the 2019 report) describes.")
    if other not in gap.index:
        return not_yet("the HDI series covers 1990 to 2022; the second year should be the data year "
                       "of the brief's rank.")
    values = [got[1990], got[other]]
    if all(v < 0 for v in values):
        return not_yet("your gaps are negative: you subtracted China from Mali. The task asks for "
                       "China minus Mali.")
    if all(abs(got[y] - ratio[y]) <= 0.01 for y in (1990, other)):
        return not_yet("you divided instead of subtracting. The gap is a difference of HDI values.")
    if all(abs(got[y] - gap[y]) <= TOL_HDI for y in (1990, other)):
        if other == 2018:
            return correct("the gap widened: both countries progressed, but China's HDI rose much "
                           "faster, and Mali's stalled after 2011 as the crisis set in.")
        return not_yet("right method, but check the year: the 2019 report ranks countries on values "
                       "of the year before its publication.")
    if abs(got[1990] - gap[1990]) <= TOL_HDI:
        return not_yet("your 1990 gap is right; check the other year (the brief's rank is from the "
                       "2019 report, based on the previous year's values).")
    return not_yet("filter the hdi table to the two years, then take China's value minus Mali's "
                   "for each year.")


# --------------------------------------------------------------------------- task 6


def _axes_of(answer):
    kind = type(answer).__name__
    if kind == "Figure":
        return list(answer.axes)
    if hasattr(answer, "lines") and hasattr(answer, "get_ylabel"):
        return [answer]
    return None


@check
def mali_hdi_chart(answer):
    """Task 6: a line chart of Mali's HDI, 1990-2022 (a matplotlib Figure or Axes).

    The check reads the data of the lines. Mistakes recognised: no line (bars or
    scatter), China's series, both countries in one line, axes swapped,
    a missing axis label or title.
    """
    axes = _axes_of(answer)
    if axes is None:
        return not_yet(f"give the Figure (fig from fig, ax = plt.subplots()); this is {describe_type(answer)}.")
    lines = [line for ax in axes for line in ax.lines]
    if not lines:
        return not_yet("your chart has no line. A series over time is drawn with ax.plot(x, y).")
    wide = _hdi_wide()
    mali, china = wide["Mali"], wide["China"]
    hdi_long = data.load("hdi")["hdi"].to_numpy()

    def same(a, b, tol=1e-9):
        try:
            a = [float(v) for v in a]
        except (TypeError, ValueError):
            return False
        b = [float(v) for v in b]
        return len(a) == len(b) and all(abs(x - y) <= tol for x, y in zip(a, b))

    hint = None
    for ax in axes:
        for line in ax.lines:
            x, y = line.get_xdata(), line.get_ydata()
            if same(y, mali.to_numpy()):
                if not same(x, mali.index.to_numpy()):
                    hint = hint or ("the heights are Mali's HDI but the x values are not the years: "
                                    "plot ax.plot(years, values).")
                    continue
                if not ax.get_ylabel().strip() or not ax.get_xlabel().strip():
                    return not_yet("the data are right. Now label both axes (ax.set_xlabel, "
                                   "ax.set_ylabel), with the unit: a chart must explain itself.")
                if not ax.get_title().strip() and not (hasattr(answer, "_suptitle") and answer._suptitle):
                    return not_yet("the data and labels are right. Add a title (ax.set_title).")
                return correct("Mali's HDI climbs steadily until 2011, then flattens during the "
                               "crisis years - the stall is visible only once the line is drawn.")
            if same(x, mali.to_numpy()) and same(y, mali.index.to_numpy()):
                hint = hint or "the axes are swapped: years go on the x axis, HDI on the y axis."
            elif same(y, china.to_numpy()):
                hint = hint or "this line shows China's HDI. Filter the hdi table on country == 'Mali'."
            elif len(y) == len(hdi_long) and same(y, hdi_long):
                hint = hint or ("this line runs through both countries' values, zig-zagging. "
                                "Keep only Mali's rows before plotting.")
    return not_yet(hint or "plot the year column of Mali's rows on x and its hdi column on y.")


# --------------------------------------------------------------------------- task 7 (multiple choice)

RANK_QUIZ = Quiz(
    "02.ex.rank_change",
    "The brief says Mali was 184th of 189 in the 2019 Human Development Index; the 2023/24 report "
    "ranks Mali 188th (for 2022). Which reading is best supported by the suite's data?",
    [("A. Mali's human development collapsed between 2018 and 2022, so it fell four places.", False,
      "Not supported: in one consistent series (HDR 2023/24) Mali's HDI is 0.417 in 2018 and 0.410 "
      "in 2022 - a small dip, not a collapse. Part of the change comes from comparing two reports."),
     ("B. The ranks come from different reports: each recalculates the whole series and ranks a "
      "different number of countries, so the two ranks are not a time series.", True,
      "Yes: HDR 2019 ranked 189 countries, HDR 2023/24 ranks 193, and revised data move every "
      "country. Ranked within the 2023/24 series alone, Mali is 188th in 2018 and 188th in 2022."),
     ("C. The brief got the rank wrong: it should have said 188.", False,
      "No: 184 of 189 is what the 2019 report published. The brief reported the figure correctly "
      "for its time; later reports recalculated the series."),
     ("D. The 2019 rank refers to 2019 and the 2023/24 rank to 2023, so four years passed.", False,
      "No: each report uses values from an earlier year - HDR 2019 ranks countries on 2018 values, "
      "HDR 2023/24 on 2022 values.")])


@check
def rank_change(answer):
    """Task 7: multiple choice, a letter A-D."""
    if not isinstance(answer, str) or answer.strip().upper() not in ("A", "B", "C", "D"):
        return not_yet('answer with one letter in quotes, for example answer_q7 = "A".')
    return RANK_QUIZ.grade("ABCD".index(answer.strip().upper()))


# --------------------------------------------------------------------------- task 8 (written)

MODEL_ARGUMENT = (
    "Partly. The brief's ranks (China 4th for imports, 3rd for exports) support the claim that "
    "China is not Mali's top trade partner, but the brief gives no year or source, and rankings "
    "move: an undated Comtrade snapshot puts China 2nd for imports, and in 1997 it was not among "
    "the top import partners at all. A careful claim names the year and source. Trade is also only "
    "one measure of footprint: Chinese firms build vital infrastructure, Chinese official finance "
    "reached hundreds of millions of dollars in some years, and Chinese motorbikes and phones are "
    "everywhere - so 'not the top trade partner' does not mean 'a minor partner'.")


@check
def trade_argument(text):
    """Task 8: a short written argument (saved to my-answers/02.trade_argument.md)."""
    return written("02.trade_argument", text, MODEL_ARGUMENT, min_words=40,
                   look_for=[(["year", "source", "snapshot", "comtrade", "date"],
                              "which year and which source a ranking comes from."),
                             (["import", "export"],
                              "whether imports and exports tell the same story."),
                             (["infrastructure", "finance", "loan", "motorbike", "phone", "project"],
                              "that trade rank is only one measure of China's footprint.")])
