"""Exercise 03 checks: right answers pass, each recognised mistake gets its own hint,
and nothing a learner can type makes a check raise, pass wrongly, leak the answer or
change the learner's object."""

import copy
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from strategies import FLOATS, INTS, TEXT, frames, series  # noqa: E402,F401
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra import pandas as hpd  # noqa: E402

from nexus import data  # noqa: E402
from nexus.feedback import ex03  # noqa: E402

D = data.load("conflict_deaths_by_type")
V = data.load("violence_by_region")
S = data.load("minusma_strength")
GED = data.load("conflict_deaths")
MALI = D[D["scope"] == "Mali only"].groupby("year")["deaths_best"].sum()
EVERY = D.groupby("year")["deaths_best"].sum()


def status(fb):
    return fb.status


def hint(fb):
    assert fb.status == "not yet", fb
    return fb.message


# --------------------------------------------------------------------------- expected values (from the data)

MEANS = (MALI.loc[2015:2017].mean(), MALI.loc[2018:2020].mean())
TOP3 = V[V["year"] == 2019].set_index("region")["pv_fatalities"].nlargest(3)
R20 = V[V["year"] == 2020]
SHARE = R20[R20["region"].isin(["Mopti", "Segou"])]["pv_fatalities"].sum() / R20["pv_fatalities"].sum()
PEAK = S["total"].max()


def test_expected_values_are_what_the_lesson_says():
    assert MEANS[0] == pytest.approx(296.67, abs=0.01) and MEANS[1] == pytest.approx(1011.67, abs=0.01)
    assert TOP3.index.astype(str).tolist() == ["Mopti", "Menaka", "Gao"]
    assert SHARE == pytest.approx(0.649, abs=0.001)
    assert PEAK == 12338


SECRETS = {
    "escalation_means": ["296", "297", "1011", "1012", "1,011", "1,012"],
    "top_regions_2019": ["Mopti", "Menaka", "Gao", "1265", "1,265"],
    "centre_share_2020": ["0.649", "0.65", "64.9", "65%", "1835", "1,835"],
    "minusma_peak": ["12338", "12,338"],
    "strength_claim": ["answer is B", "option B"],
    "coup_year": ["answer is B", "option B", "22 March"],
}


# --------------------------------------------------------------------------- task 1


def test_escalation_correct_forms():
    for good in (MEANS, list(MEANS), np.array(MEANS), pd.Series(MEANS),
                 {"2015-2017": MEANS[0], "2018-2020": MEANS[1]}, (round(MEANS[0]), round(MEANS[1])),
                 (round(MEANS[0], 1), round(MEANS[1], 1))):
        assert ex03.escalation_means(good).status == "correct", good
    assert ex03.escalation_means(...).status == "not attempted"


def test_escalation_mistakes():
    assert "wrong order" in hint(ex03.escalation_means((MEANS[1], MEANS[0])))
    multi = (EVERY.loc[2015:2017].mean(), EVERY.loc[2018:2020].mean())
    assert "multi-country" in hint(ex03.escalation_means(multi))
    ged = (GED.set_index("year").loc[2015:2017, "deaths"].mean(), GED.set_index("year").loc[2018:2020, "deaths"].mean())
    assert "conflict_deaths (UCDP GED 19.1)" in hint(ex03.escalation_means(ged))
    assert "totals over three years" in hint(ex03.escalation_means((MALI.loc[2015:2017].sum(), MALI.loc[2018:2020].sum())))
    state = D[(D["scope"] == "Mali only") & (D["violence_type"] == "state-based")].groupby("year")["deaths_best"].sum()
    assert "state-based" in hint(ex03.escalation_means((state.loc[2015:2017].mean(), state.loc[2018:2020].mean())))
    exclusive = (MALI.loc[2015:2016].mean(), MALI.loc[2018:2019].mean())
    assert "year ranges" in hint(ex03.escalation_means(exclusive))
    shifted = (MALI.loc[2016:2018].mean(), MALI.loc[2019:2021].mean())
    assert "year ranges" in hint(ex03.escalation_means(shifted))
    assert "ratio" in hint(ex03.escalation_means(MEANS[1] / MEANS[0]))
    assert "pair" in hint(ex03.escalation_means(500))
    assert "text" in hint(ex03.escalation_means("296, 1011"))


# --------------------------------------------------------------------------- task 2


def test_top_regions_correct_forms():
    frame = V[V["year"] == 2019].nlargest(3, "pv_fatalities")[["region", "pv_fatalities"]]
    for good in (TOP3, TOP3.to_frame(), frame, frame.reset_index(drop=True),
                 pd.Series(TOP3.to_numpy(), index=TOP3.index.astype(str).tolist()),
                 TOP3.astype(float), V[V["year"] == 2019].sort_values("pv_fatalities", ascending=False)
                 .head(3).set_index("region")[["pv_fatalities"]]):
        assert ex03.top_regions_2019(good).status == "correct", good
    assert ex03.top_regions_2019(...).status == "not attempted"


def test_top_regions_mistakes():
    rows = V[V["year"] == 2019].set_index("region")
    assert "events" in hint(ex03.top_regions_2019(rows["pv_events"].nlargest(3)))
    assert "violence against civilians" in hint(ex03.top_regions_2019(rows["vac_fatalities"].nlargest(3)))
    total = pd.concat([pd.Series({"Total": rows["pv_fatalities"].sum()}), TOP3.rename(index=str)]).head(3)
    assert "total row" in hint(ex03.top_regions_2019(total))
    assert "not in order" in hint(ex03.top_regions_2019(TOP3.sort_values()))
    assert "not in order" in hint(ex03.top_regions_2019(rows["pv_fatalities"]))  # all, unsorted
    assert "top three only" in hint(ex03.top_regions_2019(rows["pv_fatalities"].sort_values(ascending=False)))
    other = V[V["year"] == 2020].set_index("region")["pv_fatalities"].nlargest(3)
    assert "another year" in hint(ex03.top_regions_2019(other))
    accents = pd.Series([1265, 219, 88], index=["Mopti", "Menaka", "Ségou"])
    assert "accent" in hint(ex03.top_regions_2019(accents))
    assert "one name as text" in hint(ex03.top_regions_2019("Mopti"))
    assert "text" in hint(ex03.top_regions_2019(TOP3.astype(str)))
    assert "empty" in hint(ex03.top_regions_2019(V[V["year"] == "2019"].set_index("region")["pv_fatalities"]))
    assert "not the three largest" in hint(ex03.top_regions_2019(rows["pv_fatalities"].head(3)))


# --------------------------------------------------------------------------- task 3


def test_centre_share_correct_forms():
    for good in (SHARE, SHARE * 100, round(SHARE, 3), round(SHARE * 100, 1), float(SHARE),
                 pd.Series([SHARE]), np.float32(SHARE)):
        assert ex03.centre_share_2020(good).status == "correct", good
    assert "percent" in ex03.centre_share_2020(SHARE * 100).message
    assert ex03.centre_share_2020(...).status == "not attempted"


def test_centre_share_mistakes():
    count = R20[R20["region"].isin(["Mopti", "Segou"])]["pv_fatalities"].sum()
    assert "count of fatalities" in hint(ex03.centre_share_2020(count))
    ev = R20[R20["region"].isin(["Mopti", "Segou"])]["pv_events"].sum() / R20["pv_events"].sum()
    assert "share of events" in hint(ex03.centre_share_2020(ev))
    assert "share of events" in hint(ex03.centre_share_2020(ev * 100))
    vac = R20[R20["region"].isin(["Mopti", "Segou"])]["vac_fatalities"].sum() / R20["vac_fatalities"].sum()
    assert "violence against civilians" in hint(ex03.centre_share_2020(vac))
    mopti = R20[R20["region"] == "Mopti"]["pv_fatalities"].sum() / R20["pv_fatalities"].sum()
    assert "accent" in hint(ex03.centre_share_2020(mopti))
    r19 = V[V["year"] == 2019]
    s19 = r19[r19["region"].isin(["Mopti", "Segou"])]["pv_fatalities"].sum() / r19["pv_fatalities"].sum()
    assert "another year" in hint(ex03.centre_share_2020(s19))
    assert "four years" in hint(ex03.centre_share_2020(count / V["pv_fatalities"].sum()))
    per_region = R20.set_index("region")["pv_fatalities"] / R20["pv_fatalities"].sum()
    assert "several numbers" in hint(ex03.centre_share_2020(per_region))
    assert "text" in hint(ex03.centre_share_2020("65%"))
    assert "between 0 and 1" in hint(ex03.centre_share_2020(-3))


# --------------------------------------------------------------------------- task 4


def test_minusma_peak_correct_forms():
    for good in (PEAK, int(PEAK), float(PEAK), np.int64(PEAK), pd.Series([PEAK])):
        assert ex03.minusma_peak(good).status == "correct"
    assert ex03.minusma_peak(...).status == "not attempted"


def test_minusma_peak_mistakes():
    assert "troops only" in hint(ex03.minusma_peak(S["troops"].max()))
    assert "military experts" in hint(ex03.minusma_peak((S["troops"] + S["police"]).max()))
    assert "police only" in hint(ex03.minusma_peak(S["police"].max()))
    assert "average" in hint(ex03.minusma_peak(S["total"].mean()))
    assert "contributing countries" in hint(ex03.minusma_peak(S["contributors"].max()))
    cm = data.load("china_minusma")
    assert "china_minusma" in hint(ex03.minusma_peak(cm["minusma_personnel"].max()))
    assert "claim to test" in hint(ex03.minusma_peak(13000))
    assert "date" in hint(ex03.minusma_peak(S.loc[S["total"].idxmax(), "date"]))
    assert "whole row" in hint(ex03.minusma_peak(S.loc[S["total"].idxmax()]))
    assert "text" in hint(ex03.minusma_peak("12000"))


# --------------------------------------------------------------------------- tasks 5 and 7


@pytest.mark.parametrize("check,quiz", [(ex03.strength_claim, ex03.STRENGTH_QUIZ),
                                        (ex03.coup_year, ex03.COUP_QUIZ)])
def test_multiple_choice(check, quiz):
    right = "ABCD"[next(i for i, (_, ok, _) in enumerate(quiz.options) if ok)]
    for form in (right, right.lower(), f" {right} ", f"{right}."):
        assert check(form).status == "correct"
    for i, (_, ok, why) in enumerate(quiz.options):
        if not ok:
            assert check("ABCD"[i]).message == why  # the explanation of the chosen option
    assert check(...).status == "not attempted"
    assert "letters" in hint(check("E"))
    assert "one letter in quotes" in hint(check(2))
    assert sum(ok for _, ok, _ in quiz.options) == 1 and len(quiz.options) == 4


# --------------------------------------------------------------------------- task 6


def _bar(x, y, **kw):
    fig, ax = plt.subplots()
    ax.bar(x, y, **kw)
    return fig


def test_deaths_chart_correct_forms():
    figs = [_bar(MALI.index, MALI.values), _bar(MALI.index.astype(str), MALI.values)]
    fig, ax = plt.subplots()
    MALI.plot.bar(ax=ax)
    figs.append(fig)
    fig, ax = plt.subplots()
    ax.plot(MALI.index, MALI.values, marker="o")
    figs.append(fig)
    wide = D[D["scope"] == "Mali only"].pivot_table(index="year", columns="violence_type", values="deaths_best",
                                                    aggfunc="sum", observed=True)
    fig, ax = plt.subplots()
    wide.plot.bar(stacked=True, ax=ax)
    figs.append(fig)
    for fig in figs:
        assert ex03.deaths_chart(fig).status == "correct"
    assert ex03.deaths_chart(figs[0].axes[0]).status == "correct"  # the Axes is accepted too
    assert ex03.deaths_chart(...).status == "not attempted"
    plt.close("all")


def test_deaths_chart_mistakes():
    assert "multi-country" in hint(ex03.deaths_chart(_bar(EVERY.index, EVERY.values)))
    assert "GED 19.1" in hint(ex03.deaths_chart(_bar(GED["year"], GED["deaths"])))
    state = D[(D["scope"] == "Mali only") & (D["violence_type"] == "state-based")]
    assert "only state-based" in hint(ex03.deaths_chart(_bar(state["year"], state["deaths_best"])))
    assert "every row" in hint(ex03.deaths_chart(_bar(D["year"], D["deaths_best"])))
    assert "years are missing" in hint(ex03.deaths_chart(_bar(MALI.loc[2015:].index, MALI.loc[2015:].values)))
    fig, ax = plt.subplots()
    ax.barh(MALI.index, MALI.values)
    assert "horizontal" in hint(ex03.deaths_chart(fig))
    assert "empty" in hint(ex03.deaths_chart(plt.subplots()[0]))
    assert "no axes" in hint(ex03.deaths_chart(plt.figure()))
    assert "heights are not" in hint(ex03.deaths_chart(_bar(MALI.index, MALI.values * 2)))
    assert "figure" in hint(ex03.deaths_chart(MALI))
    plt.close("all")


# --------------------------------------------------------------------------- never raise, never pass wrongly, never leak, never mutate

CHECKS = [ex03.escalation_means, ex03.top_regions_2019, ex03.centre_share_2020, ex03.minusma_peak,
          ex03.strength_claim, ex03.coup_year, ex03.deaths_chart]

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(max_size=30), st.sampled_from(["B ", "b", "Mopti", "Ségou", "Total", "2012"]))
containers = st.one_of(st.lists(scalars, max_size=6), st.tuples(scalars, scalars),
                       st.dictionaries(st.text(max_size=8), scalars, max_size=5))
wrong_frames = frames(region=TEXT, pv_fatalities=FLOATS, year=INTS)
wrong_series = series()


@st.composite
def figures(draw):
    fig = matplotlib.figure.Figure()
    ax = fig.subplots()
    n = draw(st.integers(0, 20))
    xs = draw(st.lists(st.integers(1990, 2030), min_size=n, max_size=n))
    ys = draw(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=n, max_size=n))
    if draw(st.booleans()):
        ax.bar(xs, ys)
    else:
        ax.plot(xs, ys)
    return fig


wrong = st.one_of(scalars, containers, wrong_frames, wrong_series, figures())


def _is_right(check, value):
    """The few random values that happen to be a correct answer: letters for the quizzes,
    and a single number (alone or in a one-value Series) within the share check's tolerance."""
    if check in (ex03.strength_claim, ex03.coup_year):
        return isinstance(value, str) and value.strip().upper().rstrip(".)") == "B"
    if check is ex03.centre_share_2020:
        single = value.iloc[0] if isinstance(value, pd.Series) and len(value) == 1 else value
        if isinstance(single, (int, float)) and not isinstance(single, bool) and single == single:
            return ex03._either_scale(float(single), SHARE)
    return False


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=wrong, index=st.integers(0, len(CHECKS) - 1))
def test_checks_never_raise_never_pass_wrongly_never_leak(value, index):
    check = CHECKS[index]
    before = copy.deepcopy(value) if not isinstance(value, matplotlib.figure.Figure) else None
    fb = check(value)
    assert fb.status in ("not yet", "correct", "not attempted")
    if not _is_right(check, value):
        assert fb.status == "not yet", (check.__name__, value, fb)
        for secret in SECRETS.get(check.__name__, []):
            assert secret not in fb.message
    if before is not None:
        if isinstance(value, (pd.DataFrame, pd.Series)):
            assert value.equals(before)
        elif isinstance(value, float) and math.isnan(value):
            assert math.isnan(before)
        else:
            assert value == before or (value != value)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_huge_and_odd_inputs(check):
    huge = pd.DataFrame(np.random.default_rng(0).integers(0, 10_000, size=(50_000, 3)),
                        columns=["year", "region", "pv_fatalities"])
    for value in (huge, pd.DataFrame(), pd.Series(dtype=float), float("nan"), float("inf"), [], {}, object(),
                  np.array([[1, 2], [3, 4]]), pd.Series([math.nan, math.nan])):
        fb = check(value)
        assert fb.status == "not yet"


def test_checks_do_not_mutate_frames_or_figures():
    top = TOP3.copy()
    ex03.top_regions_2019(top)
    assert top.equals(TOP3)
    fig = _bar(MALI.index, MALI.values)
    heights = [p.get_height() for p in fig.axes[0].patches]
    ex03.deaths_chart(fig)
    assert [p.get_height() for p in fig.axes[0].patches] == heights and len(fig.axes) == 1
    plt.close("all")
