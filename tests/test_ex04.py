"""Exercise 04 checks: the solution is correct, each recognised mistake gets its own hint,
and hundreds of wrong inputs never raise, never pass, never reveal, never mutate."""

import copy

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from strategies import FLOATS, INTS, TEXT, frames, series  # noqa: E402,F401
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from nexus import data  # noqa: E402
from nexus.feedback import ex04  # noqa: E402

P5 = data.load("peacekeepers_p5")
MINUSMA = data.load("china_minusma")
FAT = data.load("china_peacekeeper_fatalities")
SNAP = "December snapshot"
MEAN = "annual mean of monthly reports"


def _share(rows):
    return rows.loc[rows["country"] == "China", "personnel"].sum() / rows["personnel"].sum()


DEC13 = P5[(P5["measure"] == SNAP) & (P5["year"] == 2013)]
SHARE13 = _share(DEC13)
M1820 = MINUSMA[(MINUSMA["measure"] == MEAN) & MINUSMA["year"].between(2018, 2020)]
MSHARE = (M1820["china_personnel"] / M1820["minusma_personnel"]).mean()


def _status(fb, status, *words):
    assert fb.status == status, fb.message
    for w in words:
        assert w in fb.message, (w, fb.message)


# ----------------------------------------------------------------------------- task 1


def test_share_dec2013():
    _status(ex04.china_share_dec2013(...), "not attempted")
    _status(ex04.china_share_dec2013(SHARE13), "correct")
    _status(ex04.china_share_dec2013(np.float64(SHARE13)), "correct")
    _status(ex04.china_share_dec2013(pd.Series([SHARE13])), "correct")
    _status(ex04.china_share_dec2013(SHARE13 * 100), "not yet", "percentage")
    _status(ex04.china_share_dec2013(2078), "not yet", "a count")
    _status(ex04.china_share_dec2013(3540 / 2078), "not yet", "what you divide by what")
    _status(ex04.china_share_dec2013(2078 / (3540 - 2078)), "not yet", "what you divide by what")
    mar = P5[P5["measure"] == "March snapshot"]
    _status(ex04.china_share_dec2013(_share(mar)), "not yet", "March 2014")
    _status(ex04.china_share_dec2013(_share(pd.concat([DEC13, mar]))), "not yet", "March 2014")
    _status(ex04.china_share_dec2013(_share(P5[(P5["measure"] == MEAN) & (P5["year"] == 2013)])),
            "not yet", "annual mean")
    _status(ex04.china_share_dec2013(_share(P5[P5["year"] == 2013])), "not yet", "mix two measures")
    _status(ex04.china_share_dec2013("0.587"), "not yet", "text")
    _status(ex04.china_share_dec2013(0.3), "not yet", "December snapshot")


# ----------------------------------------------------------------------------- task 2


def test_first_year_top():
    _status(ex04.first_year_top(...), "not attempted")
    _status(ex04.first_year_top(2004), "correct")
    _status(ex04.first_year_top(np.int64(2004)), "correct")
    _status(ex04.first_year_top(2004.0), "correct")
    _status(ex04.first_year_top("2004"), "not yet", "text")
    _status(ex04.first_year_top(2011), "not yet", "annual means")
    _status(ex04.first_year_top(2003), "not yet", "not all four")
    _status(ex04.first_year_top(2009), "not yet", "not for the first time")
    _status(ex04.first_year_top(2014), "not yet", "March snapshot")
    _status(ex04.first_year_top(2004.5), "not yet", "whole number")


# ----------------------------------------------------------------------------- task 3


def test_minusma_mean_share():
    _status(ex04.minusma_mean_share(...), "not attempted")
    _status(ex04.minusma_mean_share(MSHARE), "correct")
    pooled = M1820["china_personnel"].sum() / M1820["minusma_personnel"].sum()
    _status(ex04.minusma_mean_share(pooled), "correct")
    _status(ex04.minusma_mean_share(MSHARE * 100), "not yet", "percentage")
    for years in ((2017, 2020), (2018, 2021), (2017, 2021)):
        rows = MINUSMA[(MINUSMA["measure"] == MEAN) & MINUSMA["year"].between(*years)]
        value = (rows["china_personnel"] / rows["minusma_personnel"]).mean()
        _status(ex04.minusma_mean_share(value), "not yet", "partial year")
    _status(ex04.minusma_mean_share(M1820["china_personnel"].mean()), "not yet", "not a share")
    _status(ex04.minusma_mean_share((M1820["minusma_personnel"] / M1820["china_personnel"]).mean()),
            "not yet", "other way round")
    _status(ex04.minusma_mean_share("0.03"), "not yet", "text")
    _status(ex04.minusma_mean_share(0.5), "not yet", "2018, 2019 and 2020")


# ----------------------------------------------------------------------------- task 4


def test_fatalities_by_mission():
    _status(ex04.fatalities_by_mission(...), "not attempted")
    right = FAT["mission"].value_counts()
    _status(ex04.fatalities_by_mission(right), "correct", "MINUSMA")
    _status(ex04.fatalities_by_mission(FAT.groupby("mission").size()), "correct")
    _status(ex04.fatalities_by_mission(right.rename("n").to_frame()), "correct")
    _status(ex04.fatalities_by_mission(right.rename_axis("mission").reset_index()), "correct")
    _status(ex04.fatalities_by_mission(right.to_dict()), "correct")
    _status(ex04.fatalities_by_mission(FAT["personnel_type"].value_counts()), "not yet", "personnel type")
    _status(ex04.fatalities_by_mission(FAT["incident_type"].value_counts()), "not yet", "incident type")
    _status(ex04.fatalities_by_mission(FAT["incident_date"].dt.year.value_counts()), "not yet", "by year")
    _status(ex04.fatalities_by_mission(1), "not yet", "one number")
    _status(ex04.fatalities_by_mission(right[right.index == "MINUSMA"]), "not yet", "one number")
    _status(ex04.fatalities_by_mission(FAT.groupby("mission")["incident_date"].nunique()),
            "not yet", "incident dates")
    _status(ex04.fatalities_by_mission(right.iloc[:3]), "not yet", "missing")
    _status(ex04.fatalities_by_mission("MINUSMA"), "not yet", "Series of counts")


# ----------------------------------------------------------------------------- task 5


def _china_fig(rows, title="China", xlabel="Year", ylabel="Personnel (people)", order=None):
    fig, ax = plt.subplots()
    rows = rows if order is None else rows.iloc[order]
    ax.plot(rows["year"], rows["personnel"])
    if title:
        ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig


def test_china_personnel_chart():
    china = P5[P5["country"] == "China"]
    snap = china[china["measure"] == SNAP]
    _status(ex04.china_personnel_chart(...), "not attempted")
    _status(ex04.china_personnel_chart(_china_fig(snap)), "correct")
    _status(ex04.china_personnel_chart(_china_fig(china)), "not yet", "mixes the measures")
    _status(ex04.china_personnel_chart(_china_fig(china[china["measure"] != MEAN])),
            "not yet", "March 2014")
    france = P5[(P5["country"] == "France") & (P5["measure"] == SNAP)]
    _status(ex04.china_personnel_chart(_china_fig(france)), "not yet", "another country")
    _status(ex04.china_personnel_chart(_china_fig(snap, title="")), "not yet", "title")
    _status(ex04.china_personnel_chart(_china_fig(snap, xlabel="")), "not yet", "label both axes")
    rev = list(range(len(snap)))[::-1]
    rev[0], rev[1] = rev[1], rev[0]
    _status(ex04.china_personnel_chart(_china_fig(snap, order=rev)), "not yet", "year order")
    fig, ax = plt.subplots()
    ax.plot(snap["year"].astype(str), snap["personnel"])
    _status(ex04.china_personnel_chart(fig), "not yet", "text")
    fig, ax = plt.subplots()
    ax.bar(snap["year"], snap["personnel"])
    _status(ex04.china_personnel_chart(fig), "not yet", "no line")
    _status(ex04.china_personnel_chart(snap), "not yet", "Figure")
    plt.close("all")


# ----------------------------------------------------------------------------- task 6 and 7


def test_q6_and_argument(tmp_path, monkeypatch):
    _status(ex04.q6(...), "not attempted")
    _status(ex04.q6("B"), "correct")
    _status(ex04.q6(" b. "), "correct")
    for wrong in ("A", "C", "D"):
        fb = ex04.q6(wrong)
        assert fb.status == "not yet" and "regional" not in fb.message
    _status(ex04.q6("E"), "not yet", "one letter")
    _status(ex04.q6(2), "not yet", "letter")
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))
    _status(ex04.argument(...), "not attempted")
    short = ex04.argument("Peacekeeping, clearly.")
    assert short.status == "not yet" and ex04.MODEL_ANSWER not in short.message
    text = " ".join(["MINUSMA peacekeeping shows a responsible stakeholder; the Sahel region and"
                     " market access for SOEs matter too, and the data show 400 personnel."] * 3)
    fb = ex04.argument(text)
    assert fb.is_correct and ex04.MODEL_ANSWER in fb.message and "Also consider" not in fb.message


# ----------------------------------------------------------------------------- properties

CHECKS = [ex04.china_share_dec2013, ex04.first_year_top, ex04.minusma_mean_share,
          ex04.fatalities_by_mission, ex04.china_personnel_chart, ex04.q6]
REVEAL = [f"{SHARE13:.3f}", f"{SHARE13 * 100:.1f}", "2004", f"{MSHARE:.4f}", f"{MSHARE * 100:.2f}",
          "'B'", "B.", "regional Sahel"]

wrong_frames = st.one_of(
    frames(mission=TEXT, n=INTS),
    frames(year=INTS, country=TEXT, personnel=FLOATS),
    frames(a=FLOATS),
    st.just(pd.DataFrame(np.arange(20000).reshape(10000, 2), columns=["mission", "count"])),
    st.just(pd.DataFrame()),
)
wrong_values = st.one_of(
    st.none(), st.integers().filter(lambda v: v != 2004),
    st.floats(allow_nan=True, allow_infinity=True).filter(lambda v: v != 2004),
    st.text(max_size=30).filter(lambda t: t.strip().upper().rstrip(".") != "B"),
    st.booleans(), st.lists(st.integers(), max_size=30), st.dictionaries(st.text(max_size=5), st.integers()),
    st.sampled_from(["A", "C", "D", "a", "", "Z", "B B"]),
    wrong_frames, wrong_frames.map(lambda f: f.iloc[:, 0] if f.shape[1] else pd.Series(dtype=float)),
    st.builds(lambda: plt.figure()),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=wrong_values, index=st.integers(min_value=0, max_value=len(CHECKS) - 1))
def test_checks_never_raise_pass_reveal_or_mutate(value, index):
    check = CHECKS[index]
    before = copy.deepcopy(value) if not hasattr(value, "savefig") else None
    fb = check(value)
    assert fb.status in ("not yet", "not attempted")
    assert fb.status != "correct"
    if fb.status == "not yet":
        for secret in REVEAL:
            assert secret not in fb.message, (secret, fb.message)
    if isinstance(value, (pd.DataFrame, pd.Series)):
        assert value.equals(before)
    elif before is not None and not (isinstance(value, float) and value != value):
        assert value == before
    plt.close("all")


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_solution_inputs_are_not_mutated(check):
    frame = FAT.copy()
    check(frame)
    assert frame.equals(FAT)
