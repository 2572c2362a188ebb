"""Exercise 02 checks: solution -> correct, ... -> not attempted, each recognised mistake ->
its own hint, and hundreds of wrong inputs -> no exception, never correct, no answer revealed,
no mutation."""

import copy

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import assume, HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from nexus import data  # noqa: E402
from nexus.feedback import ex02  # noqa: E402

TRADE = data.load("brief_trade_partners")
FINANCE = data.load("chinese_finance")
HDI = data.load("hdi")
WIDE = HDI.pivot(index="year", columns="country", values="hdi")
GAP = WIDE["China"] - WIDE["Mali"]
TOTALS = FINANCE.groupby("year")["amount_musd"].sum()
IMPORTS = TRADE[TRADE["flow"] == "import"].sort_values("rank")


@pytest.fixture(autouse=True)
def _answers_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))


def _fig(x, y, labels=True):
    fig, ax = plt.subplots()
    ax.plot(x, y)
    if labels:
        ax.set_xlabel("Year")
        ax.set_ylabel("HDI (0 to 1)")
        ax.set_title("Mali's HDI")
    return fig


def _mali():
    return HDI[HDI["country"] == "Mali"]


# ------------------------------------------------------------------ solutions and placeholders

SOLUTIONS = {
    "import_partners": IMPORTS,
    "china_import_rank": 4,
    "finance_totals": TOTALS,
    "peak_year": int(TOTALS.idxmax()),
    "hdi_gap": GAP.loc[[1990, 2018]],
    "mali_hdi_chart": None,  # built in the test (a figure)
    "rank_change": "B",
}


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_solution_is_correct_and_placeholder_not_attempted(name):
    check = getattr(ex02, name)
    value = SOLUTIONS[name] if name != "mali_hdi_chart" else _fig(_mali()["year"], _mali()["hdi"])
    assert check(value).status == "correct", check(value)
    assert check(...).status == "not attempted"


def test_equivalent_correct_forms():
    assert ex02.import_partners(IMPORTS[["partner"]]).is_correct
    assert ex02.import_partners(IMPORTS["partner"]).is_correct
    assert ex02.import_partners(list(IMPORTS["partner"])).is_correct
    assert ex02.china_import_rank(np.int64(4)).is_correct and ex02.china_import_rank(4.0).is_correct
    assert ex02.finance_totals(TOTALS.reset_index()).is_correct
    assert ex02.finance_totals(TOTALS.to_frame("total")).is_correct
    assert ex02.finance_totals(TOTALS.sample(frac=1, random_state=1)).is_correct  # any order
    assert ex02.peak_year(np.int64(2013)).is_correct and ex02.peak_year(2013.0).is_correct
    assert ex02.hdi_gap({1990: 0.246, 2018: 0.349}).is_correct
    assert ex02.hdi_gap(GAP.loc[[2018, 1990]]).is_correct
    assert ex02.hdi_gap(GAP.loc[[1990, 2018]].rename("gap").reset_index()).is_correct
    fig = _fig(_mali()["year"].to_numpy(), _mali()["hdi"].to_numpy())
    assert ex02.mali_hdi_chart(fig.axes[0]).is_correct  # the Axes also works
    assert ex02.rank_change(" b ").is_correct


# ------------------------------------------------------------------ recognised mistakes

def test_import_partners_mistakes():
    assert "mixes import partners and export" in ex02.import_partners(TRADE).message
    assert "destinations of Mali's exports" in ex02.import_partners(
        TRADE[TRADE["flow"] == "export"].sort_values("rank")).message
    assert "upside down" in ex02.import_partners(IMPORTS.sort_values("rank", ascending=False)).message
    assert "wrong order" in ex02.import_partners(IMPORTS.sort_values("partner")).message
    assert "accents" in ex02.import_partners(["Senegal", "Cote d'Ivoire", "France", "China"]).message
    assert "keep the partner column" in ex02.import_partners(IMPORTS[["rank"]]).message
    assert "missing" in ex02.import_partners(IMPORTS.head(3)).message


def test_china_rank_mistakes():
    assert "destination of Mali's exports" in ex02.china_import_rank(3).message
    assert "undated trade snapshot" in ex02.china_import_rank(2).message
    assert "not Mali's top trade partner" in ex02.china_import_rank(1).message
    assert "text" in ex02.china_import_rank("4").message
    assert ".iloc[0]" in ex02.china_import_rank(IMPORTS[IMPORTS["partner"] == "China"]["rank"]).message


def test_finance_totals_mistakes():
    oda = FINANCE[FINANCE["flow_class"] == "ODA-like"].groupby("year")["amount_musd"].sum()
    oof = FINANCE[FINANCE["flow_class"] == "OOF-like"].groupby("year")["amount_musd"].sum()
    assert "ODA-like amounts only" in ex02.finance_totals(oda).message
    assert "OOF-like amounts only" in ex02.finance_totals(oof).message
    assert "one row per year and flow class" in ex02.finance_totals(FINANCE).message
    assert "counts of rows" in ex02.finance_totals(FINANCE.groupby("year")["amount_musd"].count()).message
    assert "averages" in ex02.finance_totals(FINANCE.groupby("year")["amount_musd"].mean()).message
    wide = FINANCE.pivot_table(index="year", columns="flow_class", values="amount_musd", observed=True)
    assert "one column per flow class" in ex02.finance_totals(wide).message
    text_years = TOTALS.copy()
    text_years.index = text_years.index.astype(str)
    assert "text" in ex02.finance_totals(text_years).message
    assert "years are missing" in ex02.finance_totals(TOTALS[TOTALS > 0]).message


def test_peak_year_mistakes():
    assert "largest ODA-like year" in ex02.peak_year(2014).message
    assert "amount, not a year" in ex02.peak_year(float(TOTALS.max())).message
    assert "amount, not a year" in ex02.peak_year(408).message
    assert "crisis began" in ex02.peak_year(2012).message
    assert "text" in ex02.peak_year("2013").message
    assert "2000 to 2021" in ex02.peak_year(1995).message


def test_hdi_gap_mistakes():
    assert "negative" in ex02.hdi_gap(-GAP.loc[[1990, 2018]]).message
    ratio = (WIDE["China"] / WIDE["Mali"]).loc[[1990, 2018]]
    assert "divided" in ex02.hdi_gap(ratio).message
    assert "report year" in ex02.hdi_gap(GAP.loc[[1990, 2019]]).message
    assert "latest year" in ex02.hdi_gap(GAP.loc[[1990, 2022]]).message
    assert "two gaps" in ex02.hdi_gap(GAP.loc[[2018]]).message
    assert "1990" in ex02.hdi_gap(GAP.loc[[2000, 2018]]).message
    assert "check the other year" in ex02.hdi_gap({1990: 0.246, 2018: 0.5}).message


def test_chart_mistakes():
    mali, china = _mali(), HDI[HDI["country"] == "China"]
    assert "China's HDI" in ex02.mali_hdi_chart(_fig(china["year"], china["hdi"])).message
    assert "both countries" in ex02.mali_hdi_chart(_fig(HDI["year"], HDI["hdi"])).message
    assert "swapped" in ex02.mali_hdi_chart(_fig(mali["hdi"], mali["year"])).message
    assert "label both axes" in ex02.mali_hdi_chart(_fig(mali["year"], mali["hdi"], labels=False)).message
    fig, ax = plt.subplots()
    ax.bar(mali["year"], mali["hdi"])
    assert "no line" in ex02.mali_hdi_chart(fig).message
    fig = _fig(mali["year"], mali["hdi"], labels=False)
    fig.axes[0].set_xlabel("Year")
    fig.axes[0].set_ylabel("HDI")
    assert "Add a title" in ex02.mali_hdi_chart(fig).message
    assert "Figure" in ex02.mali_hdi_chart([1, 2]).message
    plt.close("all")


def test_rank_change_and_written():
    for letter in "ACD":
        fb = ex02.rank_change(letter)
        assert fb.status == "not yet" and fb.message == ex02.RANK_QUIZ.options["ABCD".index(letter)][2]
    assert "one letter" in ex02.rank_change("E").message
    assert ex02.trade_argument(...).status == "not attempted"
    short = ex02.trade_argument("China is not the top partner.")
    assert short.status == "not yet" and ex02.MODEL_ARGUMENT not in short.message
    long = ex02.trade_argument(" ".join(["The brief ranks imports by year and source."] * 6))
    assert long.is_correct and ex02.MODEL_ARGUMENT in long.message


# ------------------------------------------------------------------ property tests

_frames = st.builds(
    lambda n, cols, seed: pd.DataFrame(np.random.default_rng(seed).normal(size=(n, len(cols))), columns=cols),
    st.integers(0, 60), st.lists(st.sampled_from(["year", "partner", "rank", "amount_musd", "hdi", "x"]),
                                 min_size=1, max_size=4, unique=True), st.integers(0, 10_000))
WRONG = st.one_of(
    st.none(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.booleans(), st.lists(st.one_of(st.integers(), st.text(max_size=10)), max_size=8),
    st.dictionaries(st.one_of(st.integers(1980, 2030), st.text(max_size=5)), st.floats(allow_nan=True),
                    max_size=5),
    _frames, st.just(pd.DataFrame()), st.just(FINANCE), st.just(TRADE), st.just(HDI),
    st.builds(lambda seed: pd.Series(np.random.default_rng(seed).random(22), index=range(2000, 2022)),
              st.integers(0, 1000)),
    st.just("figure"),
)
SECRETS = {
    "import_partners": ["Senegal, Côte d'Ivoire, France, China"],
    "china_import_rank": ["fourth", "4th", "rank 4", "is 4"],
    "finance_totals": ["408.02", "224.11"],
    "peak_year": ["2013"],
    "hdi_gap": ["0.349", "0.246", ".349"],
    "mali_hdi_chart": ["0.236", "0.410"],
    "rank_change": ['"B"', "answer is B"],
}


def _materialise(value):
    if isinstance(value, str) and value == "figure":
        fig, ax = plt.subplots()
        ax.plot([1, 2, 3], [3, 1, 2])
        return fig
    return value


def _same(a, b):
    if isinstance(a, (pd.DataFrame, pd.Series)):
        return a.equals(b)
    if isinstance(a, float) and a != a:
        return b != b
    try:
        return bool(a == b)
    except Exception:
        return True


@pytest.mark.parametrize("name", list(SECRETS))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=WRONG)
def test_wrong_inputs_never_raise_never_pass_never_reveal(name, value):
    if name == "rank_change":  # a multiple choice: the right letter, any case or spacing, is right
        assume(not (isinstance(value, str) and value.strip().upper() == "B"))
    value = _materialise(value)
    before = copy.deepcopy(value) if not hasattr(value, "axes") else None
    fb = getattr(ex02, name)(value)
    assert fb.status in ("not yet", "not attempted")
    for secret in SECRETS[name]:
        assert secret not in fb.message
    if before is not None:
        assert _same(value, before)
    plt.close("all")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(st.none(), st.integers(), st.floats(), st.lists(st.text()), st.text(max_size=60)))
def test_written_argument_never_raises_and_short_never_passes(value):
    fb = ex02.trade_argument(value)
    assert fb.status in ("not yet", "not attempted")
    assert ex02.MODEL_ARGUMENT not in fb.message
