"""Exercise 06 checks: the solution is correct, each recognised mistake gets its own hint,
and no input makes a check raise, pass wrongly, reveal the answer or change the input."""

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from strategies import FLOATS, INTS, TEXT, frames, series  # noqa: E402,F401
from hypothesis import assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from nexus import data  # noqa: E402
from nexus.feedback import ex06  # noqa: E402


@pytest.fixture(autouse=True)
def _answers_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))


RECS = data.load("brief_recommendations")
ONLY = RECS[RECS["kind"] == "recommendation"]
LINKS = ONLY.assign(challenge=ONLY["challenges"].str.split(";")).explode("challenge")
ALL_LINKS = RECS.assign(challenge=RECS["challenges"].str.split(";")).explode("challenge")
COUNTS = ONLY["challenges"].str.split(";").explode().value_counts()


def solution_matrix():
    return pd.crosstab(LINKS["id"], LINKS["challenge"])


def bar_figure(labels, heights, title="t", ylabel="Recommendations (count)", horizontal=False):
    fig = Figure()  # like plt.subplots(), without pyplot's figure registry (faster in property tests)
    ax = fig.subplots()
    (ax.barh if horizontal else ax.bar)(list(labels), list(heights))
    ax.set_title(title)
    (ax.set_xlabel if horizontal else ax.set_ylabel)(ylabel)
    return fig


def solution_figure():
    counts = COUNTS.sort_index()
    return bar_figure(counts.index, counts.values)


def _status(fb):
    return fb.status


# --------------------------------------------------------------------------- task 1: matrix


def test_matrix_solution_and_equivalents():
    m = solution_matrix()
    assert ex06.matrix(m).status == "correct"
    assert ex06.matrix(m.T).status == "correct"                       # transposed
    assert ex06.matrix(m.astype(bool)).status == "correct"            # True/False
    assert ex06.matrix(m.sample(frac=1, random_state=1)).status == "correct"  # any row order
    by_name = pd.crosstab(LINKS["short_name"], LINKS["challenge"])
    assert ex06.matrix(by_name).status == "correct"                   # short names as rows
    with_empty_points = pd.crosstab(LINKS["id"].astype(RECS["id"].dtype), LINKS["challenge"],
                                    dropna=False)
    assert ex06.matrix(with_empty_points).status == "correct"
    assert ex06.matrix(...).status == "not attempted"


def test_matrix_mistakes():
    unsplit = pd.crosstab(ONLY["id"], ONLY["challenges"])
    fb = ex06.matrix(unsplit)
    assert fb.status == "not yet" and "split" in fb.message and "';'" in fb.message
    with_points = pd.crosstab(ALL_LINKS["id"], ALL_LINKS["challenge"])
    fb = ex06.matrix(with_points)
    assert fb.status == "not yet" and "policy points" in fb.message
    margins = pd.crosstab(LINKS["id"], LINKS["challenge"], margins=True)
    fb = ex06.matrix(margins)
    assert fb.status == "not yet" and "totals" in fb.message
    fb = ex06.matrix(COUNTS)
    assert fb.status == "not yet" and "Series" in fb.message
    doubled = solution_matrix() * 2
    fb = ex06.matrix(doubled)
    assert fb.status == "not yet" and "more than once" in fb.message
    fb = ex06.matrix(RECS)
    assert fb.status == "not yet" and "original table" in fb.message
    wrong = solution_matrix().copy()
    wrong.iloc[0, 0] = 1
    fb = ex06.matrix(wrong)
    assert fb.status == "not yet" and "some cells differ" in fb.message
    fb = ex06.matrix(solution_matrix().reset_index(drop=True))
    assert fb.status == "not yet" and "six recommendations" in fb.message


# --------------------------------------------------------------------------- task 2: least answered


def test_least_answered_solution_and_forms():
    assert ex06.least_answered(COUNTS.drop("CH0").idxmin()).status == "correct"
    for ok in ("CH1", " ch1 ", "No focus on governance"):
        assert ex06.least_answered(ok).status == "correct"
    assert ex06.least_answered(...).status == "not attempted"


def test_least_answered_mistakes():
    fb = ex06.least_answered("CH0")
    assert fb.status == "not yet" and "numbered" in fb.message
    fb = ex06.least_answered(1)
    assert fb.status == "not yet" and "count" in fb.message
    fb = ex06.least_answered(np.int64(1))
    assert fb.status == "not yet" and "count" in fb.message
    fb = ex06.least_answered("CH3")
    assert fb.status == "not yet" and "MOST" in fb.message
    fb = ex06.least_answered(COUNTS)
    assert fb.status == "not yet" and "idxmin" in fb.message
    fb = ex06.least_answered("R5")
    assert fb.status == "not yet" and "recommendation's id" in fb.message
    assert "more than one" in ex06.least_answered("CH2").message


# --------------------------------------------------------------------------- task 3: shares


def test_shares_solution_and_forms():
    shares = COUNTS / len(ONLY)
    assert ex06.shares(shares).status == "correct"
    assert ex06.shares(shares.sort_index()).status == "correct"
    assert ex06.shares(shares.to_frame("share")).status == "correct"
    assert ex06.shares(shares.rename_axis("challenge").reset_index().set_index("challenge")).status == "correct"
    assert ex06.shares(...).status == "not attempted"


def test_shares_mistakes():
    fb = ex06.shares(COUNTS)
    assert fb.status == "not yet" and "counts, not shares" in fb.message
    fb = ex06.shares(COUNTS / len(ONLY) * 100)
    assert fb.status == "not yet" and "percentages" in fb.message
    fb = ex06.shares(ONLY["challenges"].str.split(";").explode().value_counts(normalize=True))
    assert fb.status == "not yet" and "number of links" in fb.message
    all_counts = RECS["challenges"].str.split(";").explode().value_counts()
    for wrong in (all_counts / len(RECS), all_counts / len(ONLY), all_counts / all_counts.sum()):
        fb = ex06.shares(wrong)
        assert fb.status == "not yet" and "policy points" in fb.message
    fb = ex06.shares(ONLY["challenges"].value_counts() / len(ONLY))
    assert fb.status == "not yet" and "';'" in fb.message
    fb = ex06.shares(pd.DataFrame({"a": [1.0], "b": [2.0]}))
    assert fb.status == "not yet" and "one column" in fb.message


# --------------------------------------------------------------------------- task 4: chart


def test_chart_solution_and_forms():
    assert ex06.chart(solution_figure()).status == "correct"
    assert ex06.chart(solution_figure().axes[0]).status == "correct"
    fig, ax = plt.subplots()
    COUNTS.plot.bar(ax=ax)  # pandas, unsorted order
    ax.set_title("t")
    ax.set_ylabel("Recommendations")
    assert ex06.chart(fig).status == "correct"
    counts = COUNTS.sort_index()
    assert ex06.chart(bar_figure(counts.index, counts.values, horizontal=True)).status == "correct"
    assert ex06.chart(...).status == "not attempted"
    plt.close("all")


def test_chart_mistakes():
    all_counts = RECS["challenges"].str.split(";").explode().value_counts().sort_index()
    fb = ex06.chart(bar_figure(all_counts.index, all_counts.values))
    assert fb.status == "not yet" and "policy points" in fb.message
    unsplit = ONLY["challenges"].value_counts().sort_index()
    fb = ex06.chart(bar_figure(unsplit.index, unsplit.values))
    assert fb.status == "not yet" and "';'" in fb.message
    counts = COUNTS.sort_index()
    fb = ex06.chart(bar_figure(counts.index, counts.values / 6))
    assert fb.status == "not yet" and "shares" in fb.message
    fb = ex06.chart(bar_figure(counts.index, counts.values, title=""))
    assert fb.status == "not yet" and "title" in fb.message
    fb = ex06.chart(bar_figure(counts.index, counts.values, ylabel=""))
    assert fb.status == "not yet" and "label the count axis" in fb.message
    fb = ex06.chart(bar_figure(range(4), counts.values))
    assert fb.status == "not yet" and "label each bar" in fb.message
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    assert "no bars" in ex06.chart(fig).message
    assert "empty" in ex06.chart(plt.figure()).message
    fb = ex06.chart(bar_figure(counts.index, [1, 2, 2, 3]))
    assert fb.status == "not yet" and "heights are off" in fb.message
    plt.close("all")


# --------------------------------------------------------------------------- tasks 5-7


def test_multiple_choice():
    assert ex06.q_bamako("B").status == "correct"
    assert ex06.q_bamako(" b ").status == "correct"
    assert ex06.q_coalition("C").status == "correct"
    for letter in "ACD":
        assert ex06.q_bamako(letter).status == "not yet"
    for letter in "ABD":
        assert ex06.q_coalition(letter).status == "not yet"
    assert "one of the letters" in ex06.q_bamako("E").message
    assert "letter in quotes" in ex06.q_coalition(2).message
    assert ex06.q_bamako(...).status == "not attempted"
    assert all(len(q.options) == 4 and sum(ok for _, ok, _ in q.options) == 1
               for q in (ex06.QUIZ_BAMAKO, ex06.QUIZ_COALITION))


def test_written_argument(tmp_path):
    assert ex06.priority_argument(...).status == "not attempted"
    short = ex06.priority_argument("R5 because governance.")
    assert short.status == "not yet" and "40" in short.message
    text = ("I would prioritise R3, the Gao hospital, because faster response times save lives and "
            "China already runs the hospital, so it is feasible; lesson 05 showed the hospital is "
            "efficient but peacekeepers are seen as risk-averse. It does little for governance, "
            "but it builds trust with the mission and with local people in Gao.")
    fb = ex06.priority_argument(text)
    assert fb.status == "correct" and ex06.MODEL_ARGUMENT in fb.message
    assert (tmp_path / "06.priority.md").read_text(encoding="utf-8").strip() == text.strip()
    vague = " ".join(["words"] * 45)
    assert "Name the recommendation" in ex06.priority_argument(vague).message
    assert ex06.priority_argument(42).status == "not yet"


# --------------------------------------------------------------------------- never raise, never reveal

WRONG = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.lists(st.integers(), max_size=8),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=5),
    frames(id=TEXT, challenge=TEXT),
    frames(a=FLOATS, b=INTS),
    frames(x=st.floats(allow_nan=True)),
    st.builds(lambda n: pd.DataFrame(np.arange(n * 4).reshape(n, 4), columns=["CH0", "CH1", "CH2", "CH3"],
                                     index=[f"R{i}" for i in range(n)]), st.integers(0, 50)),
    st.builds(lambda vals: pd.Series(vals, index=["CH0", "CH1", "CH2", "CH3"][:len(vals)]),
              st.lists(st.floats(allow_nan=True), max_size=4)),
    st.just(pd.DataFrame(np.ones((2000, 5)))),
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
    else:
        assert before == repr(value)


def _is_right_matrix(value):
    return ex06.matrix(value).status == "correct"


@settings(max_examples=200, deadline=None)
@given(WRONG)
def test_checks_never_raise_never_pass_never_reveal(value):
    if isinstance(value, str):
        key = value.strip().upper().replace(" ", "")
        assume(key != "CH1" and value.strip().lower() != "no focus on governance")
        assume(value.strip().strip(".").upper() not in ("B", "C"))
    before = _snapshot(value)
    for check in (ex06.matrix, ex06.least_answered, ex06.shares, ex06.chart, ex06.q_bamako,
                  ex06.q_coalition):
        fb = check(value)
        assert fb.status in ("not yet", "not attempted"), (check.__name__, value)
        _unchanged(before, value)
    fb = ex06.least_answered(value)
    assert "CH1" not in fb.message and "governance" not in fb.message.lower()  # never names the answer
    fb = ex06.matrix(value)
    assert "answers" not in fb.message  # never lists the links
    fb = ex06.shares(value)
    assert "0.166" not in fb.message and "0.5" not in fb.message and "1/6" not in fb.message


@settings(max_examples=60, deadline=None)  # each example draws a figure: fewer, still varied
@given(st.lists(st.floats(min_value=-10, max_value=10, allow_nan=False), min_size=4, max_size=4))
def test_random_bar_charts_and_shares_are_not_correct(heights):
    plt.close("all")
    expected = [COUNTS[c] for c in ["CH0", "CH1", "CH2", "CH3"]]
    assume(any(abs(h - e) > 1e-6 for h, e in zip(heights, expected)))
    fig = bar_figure(["CH0", "CH1", "CH2", "CH3"], heights)
    fb = ex06.chart(fig)
    plt.close(fig)
    assert fb.status == "not yet"
    series = pd.Series(heights, index=["CH0", "CH1", "CH2", "CH3"])
    assume(any(abs(h - e / 6) > 1e-6 for h, e in zip(heights, expected)))
    assert ex06.shares(series).status == "not yet"


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2), st.sampled_from(["R1", "R2", "R3", "R4", "R5", "R6"]),
       st.sampled_from(["CH0", "CH1", "CH2", "CH3"]))
def test_perturbed_matrices_are_not_correct(value, rec, ch):
    m = solution_matrix().copy()
    assume(m.loc[rec, ch] != value)
    m.loc[rec, ch] = value
    fb = ex06.matrix(m)
    assert fb.status == "not yet"
    assert not any(math.isnan(x) for x in m.values.ravel())
