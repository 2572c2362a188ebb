"""Exercise 02: learner variants of every task."""

import numpy as np
import pandas as pd

from nexus import data
from nexus.feedback import ex02
from variants import GOOD_TEXTS, figure, letters, right, writing, wrong

MODULE = ex02
TRADE = data.load("brief_trade_partners")
FIN = data.load("chinese_finance")
HDI = data.load("hdi")
IMPORTS = TRADE[TRADE["flow"] == "import"].sort_values("rank")
EXPORTS = TRADE[TRADE["flow"] == "export"].sort_values("rank")
TOTALS = FIN.groupby("year")["amount_musd"].sum()
WIDE = HDI.pivot(index="year", columns="country", values="hdi")
GAP = WIDE["China"] - WIDE["Mali"]
MALI = HDI[HDI["country"] == "Mali"]
CHINA = HDI[HDI["country"] == "China"]


def hdi_line(x, y, kind="plot", **labels):
    labels.setdefault("ylabel", "HDI (index, 0 to 1)")
    return figure(lambda ax: getattr(ax, kind)(list(x), list(y)), **labels)


VARIANTS = [
    # task 1: import partners in order
    right("import_partners", "the filtered, sorted rows", lambda: IMPORTS),
    right("import_partners", "only the partner column", lambda: IMPORTS[["partner"]]),
    right("import_partners", "a Series of names", lambda: IMPORTS["partner"]),
    right("import_partners", "a list of names", lambda: list(IMPORTS["partner"])),
    right("import_partners", "a tuple", lambda: tuple(IMPORTS["partner"])),
    right("import_partners", "a NumPy array", lambda: IMPORTS["partner"].to_numpy()),
    right("import_partners", "an Index", lambda: pd.Index(IMPORTS["partner"])),
    wrong("import_partners", "both flows", lambda: TRADE, "mixes import partners and export"),
    wrong("import_partners", "export destinations", lambda: EXPORTS, "destinations of Mali's exports"),
    wrong(
        "import_partners",
        "sorted descending",
        lambda: IMPORTS.sort_values("rank", ascending=False),
        "reverse order",
    ),
    wrong("import_partners", "sorted by name", lambda: IMPORTS.sort_values("partner"), "not in the order"),
    wrong(
        "import_partners",
        "typed without accents",
        lambda: ["Senegal", "Cote d'Ivoire", "France", "China"],
        "accents",
    ),
    wrong("import_partners", "kept the rank column only", lambda: IMPORTS[["rank"]], "partner column"),
    wrong("import_partners", "a partner missing", lambda: IMPORTS.head(3), "missing"),
    wrong("import_partners", "one name as text", lambda: "Senegal", "one piece of text"),
    # task 2: China's import rank
    right(
        "china_import_rank", "int()", lambda: int(IMPORTS.loc[IMPORTS["partner"] == "China", "rank"].iloc[0])
    ),
    right(
        "china_import_rank",
        "a numpy integer",
        lambda: IMPORTS.loc[IMPORTS["partner"] == "China", "rank"].iloc[0],
    ),
    right(
        "china_import_rank",
        "a float",
        lambda: float(IMPORTS.loc[IMPORTS["partner"] == "China", "rank"].iloc[0]),
    ),
    right(
        "china_import_rank", "a one-value Series", lambda: IMPORTS.loc[IMPORTS["partner"] == "China", "rank"]
    ),
    wrong(
        "china_import_rank",
        "the export rank",
        lambda: int(EXPORTS.loc[EXPORTS["partner"] == "China", "rank"].iloc[0]),
        "destination of Mali's exports",
    ),
    wrong("china_import_rank", "the snapshot's rank", lambda: 2, "undated trade snapshot"),
    wrong("china_import_rank", "first", lambda: 1, "not Mali's top trade partner"),
    wrong("china_import_rank", "text", lambda: "4", "text"),
    wrong("china_import_rank", "the whole table", lambda: IMPORTS, "whole column or table"),
    # task 3: totals per year
    right("finance_totals", "groupby().sum()", lambda: TOTALS),
    right("finance_totals", "a two-column table", lambda: TOTALS.reset_index()),
    right("finance_totals", "a renamed one-column frame", lambda: TOTALS.to_frame("total")),
    right("finance_totals", "any order", lambda: TOTALS.sample(frac=1, random_state=1)),
    right("finance_totals", ".round(1)", lambda: TOTALS.round(1)),
    right("finance_totals", "years as text", lambda: TOTALS.rename(index=str)),
    right("finance_totals", "zero years left out", lambda: TOTALS[TOTALS > 0]),
    right(
        "finance_totals",
        "pivot then sum across",
        lambda: FIN.pivot_table(
            index="year", columns="flow_class", values="amount_musd", aggfunc="sum", observed=True
        ).sum(axis=1),
    ),
    wrong(
        "finance_totals",
        "ODA-like only",
        lambda: FIN[FIN["flow_class"] == "ODA-like"].groupby("year")["amount_musd"].sum(),
        "ODA-like amounts only",
    ),
    wrong(
        "finance_totals",
        "OOF-like only",
        lambda: FIN[FIN["flow_class"] == "OOF-like"].groupby("year")["amount_musd"].sum(),
        "OOF-like amounts only",
    ),
    wrong("finance_totals", "counts", lambda: FIN.groupby("year")["amount_musd"].count(), "counts of rows"),
    wrong("finance_totals", "means", lambda: FIN.groupby("year")["amount_musd"].mean(), "averages"),
    wrong("finance_totals", "the long table", lambda: FIN, "more than once"),
    wrong(
        "finance_totals",
        "a wide table",
        lambda: FIN.pivot_table(index="year", columns="flow_class", values="amount_musd", observed=True),
        "one column per flow class",
    ),
    wrong("finance_totals", ".round(0) is too coarse", lambda: TOTALS.round(0), "one decimal place"),
    # task 4: the peak year
    right("peak_year", "int(idxmax())", lambda: int(TOTALS.idxmax())),
    right("peak_year", "idxmax()", lambda: TOTALS.idxmax()),
    right("peak_year", "a float", lambda: float(TOTALS.idxmax())),
    right(
        "peak_year", "sort and take the first index", lambda: TOTALS.sort_values(ascending=False).index[:1]
    ),
    wrong(
        "peak_year",
        "the largest ODA-like year",
        lambda: int(FIN[FIN["flow_class"] == "ODA-like"].set_index("year")["amount_musd"].idxmax()),
        "largest ODA-like year",
    ),
    wrong("peak_year", "the amount (max)", lambda: TOTALS.max(), "amount, not a year"),
    wrong("peak_year", "the crisis year", lambda: 2012, "crisis began"),
    wrong("peak_year", "text", lambda: "2013", "text"),
    wrong("peak_year", "the whole Series", lambda: TOTALS, "table or column"),
    # task 5: the HDI gap
    right("hdi_gap", "a Series from .loc", lambda: GAP.loc[[1990, 2018]]),
    right("hdi_gap", "a dictionary to three decimals", lambda: {1990: 0.246, 2018: 0.349}),
    right("hdi_gap", "a dictionary to two decimals", lambda: {1990: 0.25, 2018: 0.35}),
    right("hdi_gap", "the other year order", lambda: GAP.loc[[2018, 1990]]),
    right("hdi_gap", "a two-column table", lambda: GAP.loc[[1990, 2018]].rename("gap").reset_index()),
    right("hdi_gap", "years as text", lambda: {"1990": float(GAP[1990]), "2018": float(GAP[2018])}),
    wrong("hdi_gap", "Mali minus China", lambda: -GAP.loc[[1990, 2018]], "negative"),
    wrong("hdi_gap", "a ratio", lambda: (WIDE["China"] / WIDE["Mali"]).loc[[1990, 2018]], "divided"),
    wrong("hdi_gap", "the report year", lambda: GAP.loc[[1990, 2019]], "report year"),
    wrong("hdi_gap", "the latest year", lambda: GAP.loc[[1990, 2022]], "latest year"),
    wrong("hdi_gap", "one year only", lambda: GAP.loc[[2018]], "one gap"),
    wrong("hdi_gap", "rounded to one decimal", lambda: GAP.loc[[1990, 2018]].round(1), "too rounded"),
    # task 6: the chart of Mali's HDI
    right("mali_hdi_chart", "ax.plot", lambda: hdi_line(MALI["year"], MALI["hdi"])),
    right(
        "mali_hdi_chart",
        "with markers",
        lambda: figure(lambda ax: ax.plot(MALI["year"], MALI["hdi"], marker="o"), ylabel="HDI"),
    ),
    right(
        "mali_hdi_chart",
        "pandas plot of the wide table's column",
        lambda: figure(lambda ax: WIDE["Mali"].plot(ax=ax), ylabel="Human Development Index (0-1)"),
    ),
    right(
        "mali_hdi_chart",
        "the Axes",
        lambda: hdi_line(MALI["year"].to_numpy(), MALI["hdi"].to_numpy()).axes[0],
    ),
    wrong("mali_hdi_chart", "China's line", lambda: hdi_line(CHINA["year"], CHINA["hdi"]), "China's HDI"),
    wrong(
        "mali_hdi_chart",
        "both countries in one line",
        lambda: hdi_line(HDI["year"], HDI["hdi"]),
        "both countries",
    ),
    wrong(
        "mali_hdi_chart",
        "both countries as two lines",
        lambda: figure(lambda ax: WIDE.plot(ax=ax), ylabel="HDI"),
        "other series",
    ),
    wrong("mali_hdi_chart", "axes swapped", lambda: hdi_line(MALI["hdi"], MALI["year"]), "swapped"),
    wrong("mali_hdi_chart", "bars", lambda: hdi_line(MALI["year"], MALI["hdi"], kind="bar"), "line chart"),
    wrong("mali_hdi_chart", "no title", lambda: hdi_line(MALI["year"], MALI["hdi"], title=""), "title"),
    wrong(
        "mali_hdi_chart",
        "no axis labels",
        lambda: hdi_line(MALI["year"], MALI["hdi"], xlabel="", ylabel=""),
        "both are missing",
    ),
    wrong("mali_hdi_chart", "a list", lambda: [1, 2], "give the Figure"),
    # task 7: multiple choice
    *letters("rank_change", "B", ex02.QUIZ_RANK),
    # task 8: writing
    *writing(
        "trade_argument",
        [
            ex02.MODEL_ANSWER,
            GOOD_TEXTS[0],
            "Only loosely. The brief ranks China fourth for imports and third for "
            "exports, but it names no year or source. The undated Comtrade snapshot "
            "puts China second for imports, so rankings move. Trade is also only one "
            "part of the footprint: finance and infrastructure matter too.",
        ],
    ),
    # the no-code track: task 1, a count read off the prepared table
    right("nocode_partners", "the count", lambda: 3),
    right("nocode_partners", "a float", lambda: 3.0),
    right("nocode_partners", "a numpy integer", lambda: np.int64(3)),
    wrong("nocode_partners", "China's own rank", lambda: 4, "own rank"),
    wrong("nocode_partners", "the export rows", lambda: 2, "exports"),
    wrong("nocode_partners", "every row", lambda: len(TRADE), "every row"),
    # tasks 2, 3 and 6: letters
    *letters("nocode_rank_limits", "C", ex02.QUIZ_RANK_LIMITS),
    *letters("nocode_finance", "B", ex02.QUIZ_FINANCE),
    *letters("nocode_stall", "B", ex02.QUIZ_STALL),
    # task 4: a year read off the prepared table
    right("nocode_peak_year", "the year", lambda: 2013),
    right("nocode_peak_year", "a float", lambda: 2013.0),
    right("nocode_peak_year", "a numpy integer", lambda: np.int64(2013)),
    wrong("nocode_peak_year", "the largest ODA-like year", lambda: 2014, "ODA-like"),
    wrong("nocode_peak_year", "another year", lambda: 2010, "another year's total is larger"),
    wrong("nocode_peak_year", "the amount instead of the year", lambda: 408.0, "not a year"),
    wrong("nocode_peak_year", "a year outside the table", lambda: 1999, "runs from 2000 to 2021"),
    # task 5: a number read off the prepared table
    right("nocode_gap", "as the table shows it", lambda: 0.349),
    right("nocode_gap", "more decimals", lambda: float(GAP[2018])),
    right("nocode_gap", "cut off", lambda: 0.3491),
    wrong("nocode_gap", "the report's year", lambda: round(float(GAP[2019]), 3), "year of the report"),
    wrong("nocode_gap", "the latest year", lambda: round(float(GAP[2022]), 3), "latest year"),
    wrong("nocode_gap", "Mali's HDI", lambda: float(WIDE.loc[2018, "Mali"]), "not the gap"),
    wrong("nocode_gap", "too rounded", lambda: 0.35, "too rounded"),
]

SECRETS = {
    "import_partners": ["Senegal, Côte d'Ivoire, France, China"],
    "china_import_rank": ["fourth", "4th", "rank 4", "is 4"],
    "finance_totals": ["408.02", "224.11"],
    "peak_year": ["2013"],
    "hdi_gap": ["0.349", "0.246"],
    "mali_hdi_chart": [],
    "rank_change": ["answer is B"],
    "trade_argument": [],
    "nocode_partners": ["is 3", "three partners"],
    "nocode_rank_limits": ["answer is C"],
    "nocode_finance": ["answer is B"],
    "nocode_peak_year": ["2013"],
    "nocode_gap": ["0.349"],
    "nocode_stall": ["answer is B"],
}
