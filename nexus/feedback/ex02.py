"""Checks of exercise 02: China's footprint in Mali.

Tables: ``brief_trade_partners``, ``trade_partner_shares``, ``chinese_finance`` and
``hdi``. Every expected value and every recognised mistake is computed from them;
answers are read and judged with the suite's one reader, shapes and chart rubric.
"""

from __future__ import annotations

from functools import cache

from nexus import data
from nexus.feedback import check, not_yet, quiz, rubric
from nexus.feedback.shapes import labelled_numbers, name_list, one_number
from nexus.feedback.writing import STANDARD, Item, written

__all__ = [
    "import_partners",
    "china_import_rank",
    "finance_totals",
    "peak_year",
    "hdi_gap",
    "mali_hdi_chart",
    "rank_change",
    "trade_argument",
    "nocode_partners",
    "nocode_rank_limits",
    "nocode_finance",
    "nocode_peak_year",
    "nocode_gap",
    "nocode_stall",
    "QUIZ_RANK",
    "QUIZ_RANK_LIMITS",
    "QUIZ_FINANCE",
    "QUIZ_STALL",
    "MODEL_ANSWER",
    "CHECKLIST",
    "HDI_DECIMALS",
    "FINANCE_DECIMALS",
]

#: the precision the tasks name: HDI gaps to two decimal places, US$ millions to one
HDI_DECIMALS = 2
FINANCE_DECIMALS = 1
#: the year whose values the brief's rank describes (HDR 2019 ranks countries on 2018 values)
BRIEF_RANK_REPORT = "HDR 2019"


@cache
def _trade():
    t = data.load("brief_trade_partners")
    t["flow"] = t["flow"].astype(str)
    return t


def _partners(flow):
    t = _trade()
    return t[t["flow"] == flow].sort_values("rank")["partner"].astype(str).tolist()


# --------------------------------------------------------------------------- task 1


@check(kind="names")
def import_partners(answer):
    """Task 1: Mali's import partners in the brief's ranking, largest first (names in order)."""
    if type(answer).__name__ == "DataFrame" and "partner" not in [str(c) for c in answer.columns]:
        return not_yet(
            "your table has no partner column: keep it, so the answer shows who the "
            "partners are (select rows, not columns)."
        )
    return name_list(answer, **_import_partners_spec())


@cache
def _import_partners_spec() -> dict:
    """What the check of ``import_partners`` compares with, computed once from the tables."""
    imports, exports = _partners("import"), _partners("export")
    export_only = {p.casefold() for p in exports} - {p.casefold() for p in imports}
    return dict(
        expected=imports,
        what="Mali's import partners in rank order",
        ordered=True,
        columns=("partner",),
        mistakes=[
            (
                lambda got: bool(set(got) & export_only) and bool(set(got) - export_only - {"china"}),
                "your answer mixes import partners and export destinations: keep only the rows whose "
                "flow is 'import'.",
            ),
            (
                exports,
                "these are the destinations of Mali's exports. The task asks where Mali's "
                "imports come from: keep the rows whose flow is 'import'.",
            ),
        ],
        right=(
            "these are the partners the brief ranks above China for Mali's imports, then China "
            "itself. Neighbours and the former colonial power come first: in the brief's "
            "ranking, trade alone does not make China Mali's main partner."
        ),
        compared="Keep the rows of brief_trade_partners whose flow is 'import', sorted by rank.",
    )


# --------------------------------------------------------------------------- task 2


@cache
def _china_import_rank_spec() -> dict:
    """What the check of ``china_import_rank`` compares with, computed once from the tables."""
    t = _trade()
    china = t[t["partner"].astype(str) == "China"].set_index("flow")["rank"]
    shares = data.load("trade_partner_shares")
    snap = shares[(shares["flow"].astype(str) == "import") & (shares["ref_year"].astype(str) == "unstated")]
    snap_rank = (
        int(snap.sort_values("share_pct", ascending=False)["partner"].astype(str).tolist().index("China")) + 1
    )
    mistakes = [
        (
            int(china["export"]),
            "that is China's rank as a destination of Mali's exports. The "
            "task asks about imports: filter on flow == 'import' first.",
        )
    ]
    if snap_rank != int(china["import"]):
        mistakes.append(
            (
                snap_rank,
                "that is China's place in the undated trade snapshot "
                "(trade_partner_shares), not in the brief's ranking. Use "
                "brief_trade_partners.",
            )
        )
    mistakes.append(
        (
            1,
            "the brief says the opposite: China is not Mali's top trade partner. Read the "
            "rank column of China's import row.",
        )
    )
    return dict(
        expected=int(china["import"]),
        what="rank",
        exact=True,
        mistakes=mistakes,
        several="you gave a whole column or table. Pick out the single number, for example with "
        ".iloc[0], and wrap it in int(...).",
        right="the brief puts China behind three other partners as a source of Mali's imports. "
        "Keep in mind that it gives no year or source for this ranking.",
        compared="I compared it with the rank column of China's import row in brief_trade_partners.",
    )


@check(kind="number")
def china_import_rank(answer):
    """Task 2: China's rank among Mali's import partners in the brief (a whole number)."""
    return one_number(answer, **_china_import_rank_spec())


# --------------------------------------------------------------------------- task 3


@cache
def _finance():
    fin = data.load("chinese_finance")
    fin["flow_class"] = fin["flow_class"].astype(str)
    total = fin.groupby("year")["amount_musd"].sum()
    by_class = {
        c: fin[fin["flow_class"] == c].groupby("year")["amount_musd"].sum()
        for c in fin["flow_class"].unique()
    }
    return fin, total, by_class


def _as_dict(series):
    return {int(k): float(v) for k, v in series.items()}


@cache
def _finance_totals_spec() -> dict:
    """What the check of ``finance_totals`` compares with, computed once from the tables."""
    fin, total, by_class = _finance()
    counts = fin.groupby("year")["amount_musd"].count()
    mistakes = [
        (
            _as_dict(s),
            f"these are the {c} amounts only. The total counts every flow class: "
            "do not filter on flow_class before summing.",
        )
        for c, s in sorted(by_class.items())
    ]
    mistakes += [
        (
            _as_dict(counts),
            "these are counts of rows, not amounts. Use .sum() instead of .count() or .size().",
        ),
        (
            _as_dict(fin.groupby("year")["amount_musd"].mean()),
            "these are averages of the flow classes. Use .sum(), not .mean().",
        ),
    ]
    return dict(
        expected=_as_dict(total),
        what="the total commitment per year",
        labels="year",
        decimals=FINANCE_DECIMALS,
        label_columns=("year",),
        value_columns=("amount_musd", "total", "amount"),
        mistakes=mistakes,
        hints={
            "wide": "your table has one column per flow class. Add the classes up, so that each "
            "year has a single total (or group the long table by year)."
        },
        right="every flow class counts: in some years large OOF-like commitments outweigh all the "
        "ODA-like ones, so the yearly totals are lumpy - and commitments are not money spent.",
        compared="I compared your numbers with chinese_finance grouped by year, amount_musd summed "
        "over all flow classes.",
    )


@check(kind="labelled")
def finance_totals(answer):
    """Task 3: total Chinese official finance per year, all flow classes (numbers by year)."""
    return labelled_numbers(answer, **_finance_totals_spec())


# --------------------------------------------------------------------------- task 4


@cache
def _peak_year_spec() -> dict:
    """What the check of ``peak_year`` compares with, computed once from the tables."""
    fin, total, by_class = _finance()
    right = int(total.idxmax())
    oda = by_class.get("ODA-like")
    mistakes = []
    if oda is not None and int(oda.idxmax()) != right:
        mistakes.append(
            (
                int(oda.idxmax()),
                "that is the largest ODA-like year. Total the flow classes "
                "first: another year has a larger OOF-like commitment.",
            )
        )
    mistakes += [
        (
            lambda x: not 1990 <= x <= 2030 and any(abs(x - v) < 0.5 for v in total),
            "that is an amount, not a year. .max() gives the largest amount; .idxmax() gives the year "
            "it belongs to.",
        ),
        (
            2012,
            "2012 is when Mali's crisis began, not the year of the largest commitment. Look at the "
            "yearly totals.",
        ),
    ]
    share = float(
        fin[(fin["year"] == right) & (fin["flow_class"] == "OOF-like")]["amount_musd"].sum() / total[right]
    )
    years = f"{int(total.index.min())} to {int(total.index.max())}"
    return dict(
        expected=right,
        what="year",
        exact=True,
        mistakes=mistakes,
        several="you gave a table or column. .idxmax() on the yearly totals gives the year itself.",
        right=f"{round(share * 100)}% of that year's total is OOF-like (official finance on less "
        "generous terms than aid): one large commitment can make a year stand out, and a "
        "commitment is not money spent.",
        compared=f"The data cover {years}; I compared your year with the year of the largest yearly "
        "total (all flow classes).",
    )


@check(kind="number")
def peak_year(answer):
    """Task 4: the year with the largest total commitment, all flow classes (a year)."""
    return one_number(answer, **_peak_year_spec())


# --------------------------------------------------------------------------- task 5


@cache
def _hdi_wide():
    hdi = data.load("hdi")
    return hdi.pivot_table(index="year", columns="country", values="hdi", observed=True)


def _rank_data_year():
    ranks = data.load("hdi_rank")
    row = ranks[ranks["report"].astype(str) == BRIEF_RANK_REPORT]
    return int(row["reference_year"].iloc[0])


def _crisis_year():
    """The year Mali's crisis began (brief_timeline, row T01)."""
    t = data.load("brief_timeline")
    return int(t.loc[t["id"].astype(str) == "T01", "date"].dt.year.iloc[0])


@cache
def _hdi_gap_spec() -> dict:
    """What the check of ``hdi_gap`` compares with, computed once from the tables."""
    wide = _hdi_wide()
    year = _rank_data_year()
    gap = wide["China"] - wide["Mali"]
    ratio = wide["China"] / wide["Mali"]
    latest = int(wide.index.max())

    def pick(series, years):
        return {y: float(series[y]) for y in years}

    before, mali = _crisis_year() - 1, wide["Mali"]

    return dict(
        expected=pick(gap, (1990, year)),
        what="the HDI gap for two years",
        labels="year",
        decimals=HDI_DECIMALS,
        label_columns=("year",),
        value_columns=("gap", "hdi"),
        mistakes=[
            (
                pick(-gap, (1990, year)),
                "your gaps are negative: you subtracted China from Mali. The task asks for China minus Mali.",
            ),
            (
                pick(ratio, (1990, year)),
                "you divided instead of subtracting. The gap is a difference "
                "of HDI values: China's minus Mali's.",
            ),
            (
                pick(gap, (1990, year + 1)),
                f"your second year is {year + 1}, the year of the report "
                f"({BRIEF_RANK_REPORT}). A report ranks countries on the "
                "values of an earlier year: use the data year, not the "
                "report year.",
            ),
            (
                pick(gap, (1990, latest)),
                f"{latest} is the latest year of the series. The task asks for "
                "the year the brief's rank (from the 2019 report) describes.",
            ),
            (
                pick(gap, (year,)),
                "you gave one gap; the task asks for two: 1990 and the year the brief's rank describes.",
            ),
            (
                pick(gap, (1990,)),
                "you gave one gap; the task asks for two: 1990 and the year the brief's rank describes.",
            ),
        ],
        right=f"the gap widened: both countries progressed, but China's HDI rose much faster. "
        f"Mali's was {mali[before]:.3f} in {before}, the year before the crisis began, and "
        f"{mali[latest]:.3f} in {latest}.",
        compared="I compared them with China's hdi minus Mali's, for 1990 and for the data year of "
        "the brief's rank.",
    )


@check(kind="labelled")
def hdi_gap(answer):
    """Task 5: China's HDI minus Mali's, for 1990 and for the year the brief's rank describes."""
    return labelled_numbers(answer, **_hdi_gap_spec())


# --------------------------------------------------------------------------- task 6


@cache
def _mali_hdi_chart_spec() -> dict:
    """What the check of ``mali_hdi_chart`` compares with, computed once from the tables."""
    wide = _hdi_wide()
    hdi = data.load("hdi")
    pairs = sorted((str(int(y)), float(v)) for y, v in zip(hdi["year"], hdi["hdi"], strict=True))
    mali = {int(y): float(v) for y, v in wide["Mali"].items()}
    before = _crisis_year() - 1
    return dict(
        want=mali,
        kind="line",
        units=("index", "hdi", "0 to 1", "0-1", "0–1", "score"),
        unit_example="HDI (index, 0 to 1)",
        what="Mali's HDI, 1990-2022",
        mistakes=[
            (
                {int(y): float(v) for y, v in wide["China"].items()},
                "this line shows China's HDI. Keep the rows where country is 'Mali'.",
            ),
            (
                lambda d: sorted(zip(d.keys, d.values, strict=True)) == pairs,
                "your line runs through both countries' values, zig-zagging between them. Keep only "
                "Mali's rows before plotting.",
            ),
        ],
        right=f"Mali's HDI climbs steadily until {before}, the year before the crisis began, then "
        "hardly moves - the stall is visible only once the line is drawn.",
        compared="Plot the year column of Mali's rows on x and their hdi column on y.",
    )


@check(kind="chart")
def mali_hdi_chart(answer):
    """Task 6: a line chart of Mali's HDI, 1990-2022, titled and labelled."""
    return rubric.judge(answer, **_mali_hdi_chart_spec())


# --------------------------------------------------------------------------- task 7

QUIZ_RANK = quiz("ex02", "rank_change")


@check(kind="letter")
def rank_change(answer):
    """Task 7: multiple choice on why the HDI rank changed (a letter)."""
    return QUIZ_RANK.grade_letter(answer)


# --------------------------------------------------------------------------- task 8

MODEL_ANSWER = (
    "Partly. The brief's ranks (China 4th for imports, 3rd for exports) support the claim that "
    "China is not Mali's top trade partner, but the brief gives no year or source, and rankings "
    "move: an undated Comtrade snapshot (trade_partner_shares) puts China 2nd for imports, and the "
    "1997 source lists only Côte d'Ivoire and France as import partners. A careful claim names the "
    "year and source. Trade is also only one measure of footprint: the brief says Chinese "
    "enterprises are involved in several vital infrastructure projects and that Chinese motorbikes "
    "and phones are very popular, and AidData records Chinese official finance of hundreds of "
    "millions of US dollars in some years - so not being the top trade partner does not make China "
    "a minor partner."
)

CHECKLIST = STANDARD + [
    Item(
        "which year and which source a ranking comes from",
        ["year", "source", "snapshot", "comtrade", "date*", "undated"],
        "Say which year and which source each ranking comes from.",
    ),
    Item(
        "whether imports and exports tell the same story",
        ["import*", "export*"],
        "Compare the import and the export rankings.",
    ),
    Item(
        "that trade is only one measure of China's footprint",
        ["infrastructure", "finance", "loan*", "motorbike*", "phone*", "project*", "aiddata"],
        "Say what else, besides trade, shows China's footprint.",
    ),
]


@check(kind="writing")
def trade_argument(text):
    """Task 8: a written argument (saved): do the trade rankings support the brief's claim?"""
    return written("02.trade_argument", text, MODEL_ANSWER, min_words=40, items=CHECKLIST)



# --------------------------------------------------------------------------- the no-code track
# Each coding task (1-6) has a version without code: the learner reads a table or chart from
# nexus.prepared and answers with a number or a letter (registered as an alternative route).


@cache
def _nocode_partners_spec() -> dict:
    """What the check of ``nocode_partners`` compares with, computed once from the tables."""
    imports, exports = _partners("import"), _partners("export")
    before_import = imports.index("China")
    before_export = exports.index("China")
    mistakes = []
    if before_export != before_import:
        mistakes.append((before_export, "that is how many destinations rank above China for Mali's "
                         "exports. The question is about imports: read the rows whose flow is 'import'."))
    mistakes += [
        (before_import + 1, "that is China's own rank. The question asks how many partners come "
         "before it."),
        (len(_trade()), "that is every row of the table, imports and exports together."),
    ]
    return dict(
        expected=before_import,
        what="number of partners",
        exact=True,
        mistakes=mistakes,
        right=f"the brief ranks {', '.join(imports[:before_import - 1])} and {imports[before_import - 1]} "
        "above China for Mali's imports: neighbours and the former colonial power come first. In the "
        "brief's ranking, trade alone does not make China Mali's main partner.",
        compared="I compared it with the import rows of the table ranked above China.",
    )


@check(kind="number", alternative_to="import_partners")
def nocode_partners(answer):
    """Task 1 without code: how many partners the brief ranks above China for Mali's imports
    (a count read off prepared.trade_ranking())."""
    return one_number(answer, **_nocode_partners_spec())


QUIZ_RANK_LIMITS = quiz("ex02", "rank_limits")
QUIZ_FINANCE = quiz("ex02", "finance_pattern")
QUIZ_STALL = quiz("ex02", "hdi_stall")


@check(kind="letter", alternative_to="china_import_rank")
def nocode_rank_limits(answer):
    """Task 2 without code: what the brief's ranking cannot tell (a letter)."""
    return QUIZ_RANK_LIMITS.grade_letter(answer)


@check(kind="letter", alternative_to="finance_totals")
def nocode_finance(answer):
    """Task 3 without code: what the yearly totals show about Chinese finance (a letter)."""
    return QUIZ_FINANCE.grade_letter(answer)


@check(kind="number", alternative_to="peak_year")
def nocode_peak_year(answer):
    """Task 4 without code: the year with the largest total commitment (a year read off
    prepared.finance_by_year())."""
    from nexus.feedback.shapes import year_read

    fin, total, by_class = _finance()
    totals = _as_dict(total)
    oda = by_class.get("ODA-like")
    oda_top = int(oda.idxmax()) if oda is not None else None

    def why_not(year, value):
        if year == oda_top:
            return (f"{year} has the largest ODA-like amount, but the question asks for the total of "
                    f"all flow classes: US$ {value:,.1f} million in {year}, and another year's total is "
                    "larger.")
        return f"the total in {year} is US$ {value:,.1f} million; another year's total is larger."

    spec = _peak_year_spec()
    return year_read(answer, spec["expected"], totals, why_not=why_not, right=spec["right"])


@cache
def _nocode_gap_spec() -> dict:
    """What the check of ``nocode_gap`` compares with, computed once from the tables."""
    wide = _hdi_wide()
    year = _rank_data_year()
    gap = (wide["China"] - wide["Mali"]).round(3)
    latest = int(wide.index.max())
    mistakes = [
        (float(gap[year + 1]), f"that is the gap in {year + 1}, the year of the report "
         f"({BRIEF_RANK_REPORT}). A report ranks countries on the values of an earlier year: read the "
         "row of the data year."),
        (float(gap[latest]), f"that is the gap in {latest}, the latest year of the table. The question "
         "asks for the year the brief's rank describes."),
        (float(gap[1990]), "that is the gap in 1990. The question asks for the year the brief's rank "
         "describes."),
        (float(wide.loc[year, "Mali"]), "that is Mali's HDI, not the gap: read the gap column."),
        (float(wide.loc[year, "China"]), "that is China's HDI, not the gap: read the gap column."),
    ]
    return dict(
        expected=float(gap[year]),
        what="HDI gap",
        mistakes=mistakes,
        right=_hdi_gap_spec()["right"],
        compared="I compared it with the gap column of the table, in the data year of the brief's rank.",
    )


@check(kind="number", alternative_to="hdi_gap")
def nocode_gap(answer):
    """Task 5 without code: the HDI gap (China minus Mali) in the year the brief's rank describes
    (a number read off prepared.hdi_gap())."""
    return one_number(answer, **_nocode_gap_spec())


@check(kind="letter", alternative_to="mali_hdi_chart")
def nocode_stall(answer):
    """Task 6 without code: what Mali's HDI line shows after 2011 (a letter)."""
    return QUIZ_STALL.grade_letter(answer)
