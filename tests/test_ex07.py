"""Exercise 07 checks: the solution is correct, each recognised mistake gets its own hint,
and no input makes a check raise, pass wrongly, reveal the answer or change the input."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from strategies import FLOATS, INTS, TEXT, frames, series  # noqa: E402,F401
from hypothesis import assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nexus import data  # noqa: E402
from nexus.feedback import ex07  # noqa: E402
from nexus.widgets import lens_sorter  # noqa: E402


@pytest.fixture(autouse=True)
def _answers_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))


CLAIMS = data.load("brief_claims")
KEPT = CLAIMS[CLAIMS["section"] != "policy points"]
INST = data.load("brief_instruments")
IN_USE = INST[~INST["instrument"].str.contains("(recommendation)", regex=False)]
DEATHS = data.load("conflict_deaths_by_type")
MALI, MULTI = "Mali only", "multi-country rows including Mali"


def wide(start, end, deaths=DEATHS):
    rows = deaths[deaths["year"].between(start, end)]
    return rows.pivot_table(index="year", columns="scope", values="deaths_best", aggfunc="sum", observed=True)


def statements_solution():
    return KEPT["section"].value_counts(sort=False)


def solution_tested():
    return KEPT.groupby("section", observed=True)["tested_with_data"].mean()


def practice_solution():
    return IN_USE["lens"].value_counts(sort=False)


def ratio_solution(start=2019, end=2022):
    w = wide(start, end)
    return w[MULTI] / w[MALI]


def line_figure(series, title="t", ylabel="Deaths", legend=True):
    fig = Figure()
    ax = fig.subplots()
    for name, s in series.items():
        ax.plot(list(s.index), list(s.values), label=name)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    if legend:
        ax.legend()
    return fig


def chart_solution():
    w = wide(2012, 2022)
    return line_figure({MALI: w[MALI], MULTI: w[MULTI]})


# --------------------------------------------------------------------------- task 1


def test_statements_solution_and_forms():
    assert ex07.statements(statements_solution()).status == "correct"
    assert ex07.statements(KEPT["section"].astype(str).value_counts()).status == "correct"
    assert ex07.statements(KEPT.groupby("section", observed=True).size()).status == "correct"
    assert ex07.statements(statements_solution().to_frame("n")).status == "correct"
    assert ex07.statements(...).status == "not attempted"


def test_statements_mistakes():
    fb = ex07.statements(CLAIMS["section"].value_counts())
    assert fb.status == "not yet" and "policy points box is included" in fb.message
    fb = ex07.statements(KEPT["kind"].value_counts())
    assert fb.status == "not yet" and "per KIND" in fb.message
    fb = ex07.statements(KEPT["section"].value_counts(normalize=True))
    assert fb.status == "not yet" and "shares" in fb.message
    fb = ex07.statements(KEPT.groupby("section", observed=True)["tested_with_data"].sum())
    assert fb.status == "not yet" and "only the statements tested" in fb.message
    wrong = statements_solution().copy()
    wrong.iloc[0] += 1
    fb = ex07.statements(wrong)
    assert fb.status == "not yet" and "some counts differ" in fb.message
    fb = ex07.statements(KEPT)
    assert fb.status == "not yet" and "one column" in fb.message


# --------------------------------------------------------------------------- task 2


def test_tested_share_solution_and_forms():
    assert ex07.tested_share(solution_tested()).status == "correct"
    with_nan = KEPT.groupby("section", observed=False)["tested_with_data"].mean()
    assert ex07.tested_share(with_nan).status == "correct"  # empty policy-points category -> NaN
    by_hand = KEPT.groupby("section", observed=True)["tested_with_data"].sum() / statements_solution()
    assert ex07.tested_share(by_hand.dropna()).status == "correct"
    assert ex07.tested_share(...).status == "not attempted"


def test_tested_share_mistakes():
    fb = ex07.tested_share(CLAIMS.groupby("section", observed=True)["tested_with_data"].mean())
    assert fb.status == "not yet" and "policy points box is included" in fb.message
    fb = ex07.tested_share(KEPT.groupby("section", observed=True)["tested_with_data"].sum())
    assert fb.status == "not yet" and "counts of tested statements" in fb.message
    fb = ex07.tested_share(solution_tested() * 100)
    assert fb.status == "not yet" and "percentages" in fb.message
    fb = ex07.tested_share(KEPT.groupby("section", observed=True)["tested_with_data"].sum() / len(KEPT))
    assert fb.status == "not yet" and "whole brief" in fb.message
    fb = ex07.tested_share(KEPT.groupby("section", observed=True)["tested_with_data"].sum() / len(CLAIMS))
    assert fb.status == "not yet" and "whole brief" in fb.message


# --------------------------------------------------------------------------- task 3


def test_practice_solution_and_forms():
    assert ex07.practice(practice_solution()).status == "correct"
    assert ex07.practice(practice_solution().rename(lambda s: s.capitalize())).status == "correct"
    assert ex07.practice(IN_USE.groupby("lens", observed=True).size().to_frame()).status == "correct"
    assert ex07.practice(...).status == "not attempted"


def test_practice_mistakes():
    fb = ex07.practice(INST["lens"].value_counts())
    assert fb.status == "not yet" and "only recommends" in fb.message
    also = pd.Series(lens_sorter.ALSO).str.split(";").explode()
    doubled = pd.concat([IN_USE["lens"].astype(str),
                         also[also.index.isin(IN_USE["id"].astype(str))]]).value_counts()
    fb = ex07.practice(doubled)
    assert fb.status == "not yet" and "counted twice" in fb.message
    doubled_all = pd.concat([INST["lens"].astype(str), also]).value_counts()
    fb = ex07.practice(doubled_all)
    assert fb.status == "not yet" and "counted twice" in fb.message
    recs = data.load("brief_recommendations")
    per_challenge = recs[recs["kind"] == "recommendation"]["challenges"].str.split(";").explode().value_counts()
    fb = ex07.practice(per_challenge)
    assert fb.status == "not yet" and "recommendations table" in fb.message
    fb = ex07.practice(IN_USE["lens"].value_counts(normalize=True))
    assert fb.status == "not yet" and "shares" in fb.message
    fb = ex07.practice(IN_USE["instrument"].value_counts())
    assert fb.status == "not yet" and "three lenses" in fb.message


# --------------------------------------------------------------------------- task 4


def test_regional_ratio_solution_and_forms():
    assert ex07.regional_ratio(ratio_solution()).status == "correct"
    assert ex07.regional_ratio(ratio_solution().sort_index(ascending=False)).status == "correct"
    assert ex07.regional_ratio(ratio_solution().to_frame("ratio")).status == "correct"
    as_text_years = ratio_solution().rename(index=str)
    assert ex07.regional_ratio(as_text_years).status == "correct"
    assert ex07.regional_ratio(...).status == "not attempted"


def test_regional_ratio_mistakes():
    w = wide(2019, 2022)
    fb = ex07.regional_ratio(w[MULTI] / (w[MALI] + w[MULTI]))
    assert fb.status == "not yet" and "sum of the two scopes" in fb.message
    fb = ex07.regional_ratio(w[MALI] / w[MULTI])
    assert fb.status == "not yet" and "upside down" in fb.message
    fb = ex07.regional_ratio(ratio_solution() * 100)
    assert fb.status == "not yet" and "percentages" in fb.message
    for start, end in ((2018, 2022), (2019, 2021), (2020, 2022)):
        fb = ex07.regional_ratio(ratio_solution(start, end))
        assert fb.status == "not yet" and "wrong years" in fb.message
    state = DEATHS[(DEATHS["violence_type"] == "state-based") & (DEATHS["scope"] == MALI)]
    state = state[state["year"].between(2019, 2022)].set_index("year")["deaths_best"]
    fb = ex07.regional_ratio(w[MULTI] / state)
    assert fb.status == "not yet" and "all three types" in fb.message
    fb = ex07.regional_ratio(w)
    assert fb.status == "not yet" and "one column" in fb.message


# --------------------------------------------------------------------------- task 5


def test_chart_solution_and_forms():
    assert ex07.chart(chart_solution()).status == "correct"
    assert ex07.chart(chart_solution().axes[0]).status == "correct"
    fig, ax = plt.subplots()
    wide(2012, 2022).plot(ax=ax)  # pandas plot: one line per column, legend included
    ax.set_title("t")
    ax.set_ylabel("Deaths")
    assert ex07.chart(fig).status == "correct"
    plt.close("all")
    assert ex07.chart(...).status == "not attempted"


def test_chart_mistakes():
    w = wide(2012, 2022)
    fb = ex07.chart(line_figure({"all": w[MALI] + w[MULTI], MULTI: w[MULTI]}))
    assert fb.status == "not yet" and "adds the two scopes" in fb.message
    full = wide(2008, 2022)
    fb = ex07.chart(line_figure({MALI: full[MALI], MULTI: full[MULTI]}))
    assert fb.status == "not yet" and "more years" in fb.message
    short = wide(2015, 2022)
    fb = ex07.chart(line_figure({MALI: short[MALI], MULTI: short[MULTI]}))
    assert fb.status == "not yet" and "check the years" in fb.message
    fb = ex07.chart(line_figure({MALI: w[MALI]}))
    assert fb.status == "not yet" and "second line" in fb.message
    fb = ex07.chart(line_figure({MALI: w[MALI], MULTI: w[MULTI]}, title=""))
    assert fb.status == "not yet" and "title" in fb.message
    fb = ex07.chart(line_figure({MALI: w[MALI], MULTI: w[MULTI]}, ylabel=""))
    assert fb.status == "not yet" and "y-axis" in fb.message
    fb = ex07.chart(line_figure({MALI: w[MALI], MULTI: w[MULTI]}, legend=False))
    assert fb.status == "not yet" and "legend" in fb.message
    fb = ex07.chart(line_figure({MALI: w[MALI] * 2, MULTI: w[MULTI] * 2}))
    assert fb.status == "not yet" and "values are off" in fb.message
    fig = Figure()
    ax = fig.subplots()
    ax.bar(list(w.index), list(w[MALI]))
    assert "bars" in ex07.chart(fig).message
    assert "empty" in ex07.chart(Figure()).message
    fig = Figure()
    fig.subplots()
    assert "no lines" in ex07.chart(fig).message


# --------------------------------------------------------------------------- tasks 6-8


def test_multiple_choice():
    assert ex07.q_sufficient("B").status == "correct"
    assert ex07.q_sufficient(" b. ").status == "correct"
    assert ex07.q_legs("A").status == "correct"
    for letter in "ACD":
        assert ex07.q_sufficient(letter).status == "not yet"
    for letter in "BCD":
        assert ex07.q_legs(letter).status == "not yet"
    assert "one of the letters" in ex07.q_legs("E").message
    assert "letter in quotes" in ex07.q_sufficient(2).message
    assert ex07.q_legs(...).status == "not attempted"
    assert all(len(q.options) == 4 and sum(ok for _, ok, _ in q.options) == 1
               for q in (ex07.QUIZ_SUFFICIENT, ex07.QUIZ_LEGS))


def test_memo_paragraph(tmp_path):
    assert ex07.memo_paragraph(...).status == "not attempted"
    short = ex07.memo_paragraph("To Beijing: do R5.")
    assert short.status == "not yet" and "60" in short.message
    text = ("To MINUSMA: China's contingent, about 400 of some 14,000 personnel (UN data, lesson 04), is "
            "efficient but seen as risk-averse. I recommend R4, a larger Chinese role in civilian "
            "protection, and R3, a faster Gao hospital. Governance is not the mission's to fix, but "
            "protecting civilians supports the state's return. The conflict crosses borders into the "
            "Sahel, so the mission should coordinate regionally. Risk: Beijing may refuse combat roles.")
    fb = ex07.memo_paragraph(text)
    assert fb.status == "correct" and ex07.MODEL_PARAGRAPH in fb.message and "Also consider" not in fb.message
    assert (tmp_path / "07.memo.md").read_text(encoding="utf-8").strip() == text.strip()
    vague = " ".join(["words"] * 70)
    message = ex07.memo_paragraph(vague).message
    assert "named audience" in message and "region" in message and "governance" in message
    assert ex07.memo_paragraph(42).status == "not yet"


# --------------------------------------------------------------------------- never raise, never reveal

SECTIONS = ["opening", "footprint", "crisis", "motivations", "challenges", "recommendations", "conclusion"]

WRONG = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.lists(st.integers(), max_size=8),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=5),
    frames(section=TEXT, n=INTS),
    frames(a=FLOATS, b=INTS),
    frames(x=st.floats(allow_nan=True)),
    st.builds(lambda vals: pd.Series(vals, index=SECTIONS[:len(vals)]),
              st.lists(st.floats(allow_nan=True), max_size=7)),
    st.builds(lambda vals: pd.Series(vals, index=["military", "development", "governance"][:len(vals)]),
              st.lists(st.integers(-5, 30), max_size=3)),
    st.builds(lambda vals: pd.Series(vals, index=[2019, 2020, 2021, 2022][:len(vals)]),
              st.lists(st.floats(allow_nan=True), max_size=4)),
    st.just(pd.DataFrame(np.ones((2000, 5)))),
    st.just(Figure()),
)


def _snapshot(value):
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy(deep=True)
    return repr(value)


def _unchanged(before, value):
    if isinstance(value, pd.DataFrame):
        pd.testing.assert_frame_equal(before, value)
    elif isinstance(value, pd.Series):
        pd.testing.assert_series_equal(before, value)
    elif not isinstance(value, Figure):
        assert before == repr(value)


SECRETS = ["0.4288", "0.6012", "0.3901", "0.4328", "0.0909", "0.444", "0.333", "0.083", "0.166"]


@settings(max_examples=200, deadline=None)
@given(WRONG)
def test_checks_never_raise_never_pass_never_reveal(value):
    if isinstance(value, str):
        assume(value.strip().strip(".").upper() not in ("A", "B"))
    before = _snapshot(value)
    for check in (ex07.statements, ex07.tested_share, ex07.practice, ex07.regional_ratio, ex07.chart,
                  ex07.q_sufficient, ex07.q_legs):
        fb = check(value)
        assert fb.status in ("not yet", "not attempted"), (check.__name__, value)
        _unchanged(before, value)
        if check not in (ex07.q_sufficient, ex07.q_legs):
            assert not any(s in fb.message for s in SECRETS), (check.__name__, fb.message)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=3, allow_nan=False), min_size=4, max_size=4))
def test_random_ratios_are_not_correct(values):
    expected = ratio_solution().tolist()
    assume(any(abs(v - e) > 1e-6 for v, e in zip(values, expected)))
    fb = ex07.regional_ratio(pd.Series(values, index=[2019, 2020, 2021, 2022]))
    assert fb.status == "not yet"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 20), min_size=3, max_size=3))
def test_random_lens_counts_are_not_correct(values):
    assume(values != [7, 10, 1])
    fb = ex07.practice(pd.Series(values, index=["military", "development", "governance"]))
    assert fb.status == "not yet"


@settings(max_examples=60, deadline=None)  # each example draws a figure: fewer, still varied
@given(st.lists(st.floats(min_value=0, max_value=3000, allow_nan=False), min_size=11, max_size=11))
def test_random_line_charts_are_not_correct(values):
    w = wide(2012, 2022)
    assume(any(abs(v - e) > 1e-6 for v, e in zip(values, w[MULTI].tolist())))
    fig = line_figure({MALI: w[MALI], "other": pd.Series(values, index=w.index)})
    assert ex07.chart(fig).status == "not yet"
