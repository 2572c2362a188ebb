"""Exercise 01's checks: correct on the solution, a specific hint for each common mistake,
never an exception, never the answer, never a mutation."""

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

from nexus import data  # noqa: E402
from nexus.feedback import ex01  # noqa: E402

INSTRUMENTS = data.load("brief_instruments")
PK = data.load("peacekeepers_p5")
CHINA = PK[PK["country"] == "China"]
DEC = CHINA[CHINA["measure"] == "December snapshot"]


@pytest.fixture(autouse=True)
def _answers_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path / "my-answers"))


def _status(fb):
    return fb.status


# --------------------------------------------------------------------------- task 1

def test_lens_counts_correct_forms():
    solution = INSTRUMENTS["lens"].value_counts()
    assert ex01.lens_counts(solution).status == "correct"
    assert ex01.lens_counts(solution.sort_index()).status == "correct"
    assert ex01.lens_counts(solution.to_frame()).status == "correct"
    assert ex01.lens_counts(solution.reset_index()).status == "correct"
    assert ex01.lens_counts({"military": 8, "development": 10, "governance": 3}).status == "correct"
    assert ex01.lens_counts(INSTRUMENTS.groupby("lens").size()).status == "correct"
    assert ex01.lens_counts(...).status == "not attempted"


def test_lens_counts_mistakes():
    fb = ex01.lens_counts(INSTRUMENTS["lens"].value_counts(normalize=True))
    assert fb.status == "not yet" and "shares" in fb.message
    fb = ex01.lens_counts(INSTRUMENTS["lens"].value_counts(normalize=True) * 100)
    assert fb.status == "not yet" and "percentages" in fb.message
    claims = data.load("brief_claims")
    fb = ex01.lens_counts(claims["kind"].value_counts())
    assert fb.status == "not yet" and "brief_claims" in fb.message
    fb = ex01.lens_counts(claims["section"].value_counts())
    assert fb.status == "not yet" and "brief_claims" in fb.message
    observed = INSTRUMENTS[~INSTRUMENTS["instrument"].str.contains("(recommendation)", regex=False)]
    fb = ex01.lens_counts(observed["lens"].value_counts())
    assert fb.status == "not yet" and "recommends" in fb.message
    fb = ex01.lens_counts(INSTRUMENTS["instrument"].value_counts())
    assert fb.status == "not yet" and "instrument names" in fb.message
    fb = ex01.lens_counts(INSTRUMENTS["lens"].value_counts().drop("governance"))
    assert fb.status == "not yet" and "missing" in fb.message
    fb = ex01.lens_counts(21)
    assert fb.status == "not yet" and "single number" in fb.message
    fb = ex01.lens_counts(INSTRUMENTS.head(10)["lens"].value_counts())
    assert fb.status == "not yet" and "filter" in fb.message


# --------------------------------------------------------------------------- task 2

def test_first_year_correct_forms():
    assert ex01.first_year_over_1000(2004).status == "correct"
    assert ex01.first_year_over_1000(np.int64(2004)).status == "correct"
    assert ex01.first_year_over_1000(2004.0).status == "correct"
    assert ex01.first_year_over_1000(pd.Series([2004])).status == "correct"
    assert ex01.first_year_over_1000(...).status == "not attempted"


def test_first_year_mistakes():
    cases = {
        "2004": "text",
        2011: "annual means",
        1992: "China's rows",
        1036: "number of personnel",
        2013: "last year",
        2020: "last year",
        1999: "earliest year",
        3000: "outside",
        2004.5: "whole number",
    }
    for answer, words in cases.items():
        fb = ex01.first_year_over_1000(answer)
        assert fb.status == "not yet" and words in fb.message, (answer, fb)
    over = DEC[DEC["personnel"] > 1000]["year"]
    fb = ex01.first_year_over_1000(over)
    assert fb.status == "not yet" and "several values" in fb.message
    # mixing measures, unfiltered country: the wrong answers a learner really gets
    assert "annual means" in ex01.first_year_over_1000(
        int(CHINA[(CHINA["measure"] != "December snapshot") & (CHINA["personnel"] > 1000)]["year"].min())).message
    assert "China's rows" in ex01.first_year_over_1000(int(PK[PK["personnel"] > 1000]["year"].min())).message


# --------------------------------------------------------------------------- task 3

def test_change_correct_forms():
    by_year = DEC.set_index("year")["personnel"]
    assert ex01.change_2003_2013(int(by_year[2013] - by_year[2003])).status == "correct"
    assert ex01.change_2003_2013(by_year[2013] - by_year[2003]).status == "correct"
    assert ex01.change_2003_2013(1720.0).status == "correct"
    assert ex01.change_2003_2013(pd.Series([1720])).status == "correct"
    assert ex01.change_2003_2013(...).status == "not attempted"


def test_change_mistakes():
    cases = {
        -1720: "reversed",
        1692 - 358: "mixed measures",
        2177 - 358: "March 2014",
        2078 / 358: "ratio",
        (2078 / 358 - 1) * 100: "percentage",
        2078: "one year's value",
        "1720": "text",
        5: "not that number",
    }
    for answer, words in cases.items():
        fb = ex01.change_2003_2013(answer)
        assert fb.status == "not yet" and words in fb.message, (answer, fb)
    fb = ex01.change_2003_2013(DEC["personnel"])
    assert fb.status == "not yet" and "one number" in fb.message


# --------------------------------------------------------------------------- task 4

def _fig(x, y, labels=True, bar=False):
    fig, ax = plt.subplots()
    (ax.bar if bar else ax.plot)(x, y)
    if labels:
        ax.set_xlabel("Year")
        ax.set_ylabel("Personnel")
    plt.close(fig)
    return fig


def test_chart_correct_forms():
    assert ex01.peacekeeper_chart(_fig(DEC["year"], DEC["personnel"])).status == "correct"
    fig = _fig(DEC["year"], DEC["personnel"])
    assert ex01.peacekeeper_chart(fig.axes[0]).status == "correct"
    assert ex01.peacekeeper_chart(_fig(DEC["year"], DEC["personnel"], bar=True)).status == "correct"
    assert ex01.peacekeeper_chart(...).status == "not attempted"


def test_chart_mistakes():
    snap = CHINA[CHINA["measure"] != "annual mean of monthly reports"]
    cases = [
        (_fig(CHINA["year"], CHINA["personnel"]), "mixes measures"),
        (_fig(snap["year"], snap["personnel"]), "March 2014"),
        (_fig(DEC["year"].astype(str), DEC["personnel"]), "text"),
        (_fig(PK["year"][PK["measure"] == "December snapshot"],
              PK["personnel"][PK["measure"] == "December snapshot"]), "other countries"),
        (_fig(DEC["year"], DEC["personnel"], labels=False), "label both axes"),
        (_fig(DEC["year"].iloc[::-1].sample(frac=1, random_state=1),
              DEC.set_index("year")["personnel"].loc[
                  DEC["year"].iloc[::-1].sample(frac=1, random_state=1)]), "year order"),
        (_fig(DEC["year"], DEC["personnel"] * 2), "values are not"),
        (_fig(DEC["date"], DEC["personnel"]), "date column"),
    ]
    for fig, words in cases:
        fb = ex01.peacekeeper_chart(fig)
        assert fb.status == "not yet" and words in fb.message, (words, fb)
    empty, _ = plt.subplots()
    plt.close(empty)
    assert "empty" in ex01.peacekeeper_chart(empty).message
    assert "Figure" in ex01.peacekeeper_chart(DEC).message


# --------------------------------------------------------------------------- task 5 and 6

def test_q5():
    assert ex01.q5("B").status == "correct"
    assert ex01.q5(" b ").status == "correct"
    assert ex01.q5(...).status == "not attempted"
    for wrong in ("A", "C", "D"):
        fb = ex01.q5(wrong)
        assert fb.status == "not yet" and "B" not in fb.message.replace("Beijing", "")
    assert "one letter" in ex01.q5("E").message
    assert "letter in quotes" in ex01.q5(2).message


def test_military_lens_written(tmp_path):
    assert ex01.military_lens(...).status == "not attempted"
    short = ex01.military_lens("Too short to count.")
    assert short.status == "not yet" and "40" in short.message
    long_text = " ".join(["China builds roads and trains people in Mali, and this development work matters."] * 5)
    fb = ex01.military_lens(long_text)
    assert fb.status == "correct" and ex01.MODEL_ARGUMENT in fb.message
    assert "nexus" in fb.message  # reminder about the nexus: the text never names it
    assert (tmp_path / "my-answers" / "01.military_lens.md").exists()


# --------------------------------------------------------------------------- never raises, never reveals

def _figures():
    out = []
    for x, y in [([1, 2, 3], [3, 2, 1]), ([], []), (["a", "b"], [1, 2])]:
        fig, ax = plt.subplots()
        ax.plot(x, y)
        plt.close(fig)
        out.append(fig)
    return out


WRONG = st.one_of(
    st.none(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(), st.booleans(),
    st.lists(st.integers(), max_size=30), st.dictionaries(st.text(max_size=12), st.integers()),
    st.dictionaries(st.sampled_from(["military", "development", "governance", "fact"]),
                    st.floats(allow_nan=True)),
    frames(lens=TEXT, count=FLOATS),
    frames(year=INTS, personnel=INTS, country=st.sampled_from(["China", "France"])),
    st.builds(lambda n: pd.Series(np.arange(n), index=[f"k{i}" for i in range(n)]),
              st.integers(0, 2000)),
    st.sampled_from(_figures()),
    st.sampled_from([pd.DataFrame(), pd.Series(dtype=float), DEC, PK, INSTRUMENTS,
                     pd.DataFrame(np.random.default_rng(0).normal(size=(500, 4)))]),
)

SECRETS = {
    "lens_counts": ["8", "10", "3"],
    "first_year_over_1000": ["2004"],
    "change_2003_2013": ["1720", "1,720"],
    "peacekeeper_chart": [],
    "q5": ["B."],
}


def _snapshot(value):
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy(deep=True)
    try:
        return copy.deepcopy(value)
    except Exception:
        return value


def _same(a, b):
    if isinstance(a, (pd.DataFrame, pd.Series)):
        return a.equals(b)
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    if type(a).__name__ == "Figure":
        return True
    try:
        return bool(a == b)
    except Exception:
        return True


@pytest.mark.parametrize("name", list(SECRETS))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(value=WRONG)
def test_checks_never_raise_never_reveal_never_mutate(name, value):
    check = getattr(ex01, name)
    before = _snapshot(value)
    fb = check(value)
    assert fb.status in ("not yet", "correct", "not attempted")
    assert fb.status != "correct" or name == "q5"
    if fb.status != "correct":
        if name == "lens_counts":
            assert not any(ch.isdigit() for ch in fb.message), fb.message
        else:
            for secret in SECRETS[name]:
                assert secret not in fb.message, (secret, fb.message)
    assert _same(value, before)
