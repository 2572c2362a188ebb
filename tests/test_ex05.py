"""Exercise 05 checks: the solution is correct, '...' is not attempted, each recognised
mistake gets its own hint, and no input makes a check raise, pass, reveal or mutate."""

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
from nexus.feedback import ex05  # noqa: E402

NL = "national / not located"
projects = data.load("chinese_projects")
violence = data.load("violence_by_region")


@pytest.fixture(autouse=True)
def _answers_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))


def _status(fb):
    return fb.status


# --------------------------------------------------------------------------- solutions


def sol_counts():
    return projects["region"].value_counts()


def sol_share():
    located = projects[projects["region"] != NL]
    return (located["region"] == "Bamako").sum() / len(located)


def _fat(col="pv_fatalities", years=(2017, 2018, 2019, 2020)):
    v = violence[violence["year"].isin(years)]
    return v.groupby("region", as_index=False)[col].sum().rename(columns={col: "fatalities"})


def _counts_frame():
    return projects["region"].astype(str).value_counts().rename("projects").reset_index()


def sol_merged():
    return _fat().merge(_counts_frame(), on="region", how="left").fillna({"projects": 0})


def sol_no_project():
    named = set(projects["region"].astype(str))
    totals = violence.groupby("region")["pv_fatalities"].sum()
    return [r for r, d in totals.items() if d > 0 and r not in named]


def sol_mopti():
    by = violence.groupby("region")["pv_fatalities"].sum()
    return by["Mopti"] / by.sum()


def _bar_fig(values, labels=True, title=True, horizontal=False):
    fig, ax = plt.subplots()
    names = [f"r{i}" for i in range(len(values))]
    (ax.barh if horizontal else ax.bar)(names, list(values))
    if labels:
        ax.set_xlabel("Region")
        ax.set_ylabel("Fatalities (deaths)")
    if title:
        ax.set_title("Fatalities by region 2017-2020")
    return fig


def sol_fig():
    totals = violence.groupby("region")["pv_fatalities"].sum().sort_values()
    return _bar_fig(totals.values, horizontal=True)


SOLUTIONS = {
    ex05.projects_by_region: sol_counts,
    ex05.bamako_share: sol_share,
    ex05.merged_regions: sol_merged,
    ex05.regions_without_projects: sol_no_project,
    ex05.mopti_share: sol_mopti,
    ex05.fatalities_chart: sol_fig,
    ex05.senou_challenge: lambda: "B",
    ex05.bamako_argument: lambda: " ".join(["Bamako governance actors data"] * 12),
}


@pytest.mark.parametrize("check", list(SOLUTIONS), ids=lambda c: c.__name__)
def test_solution_is_correct_and_placeholder_not_attempted(check):
    assert check(SOLUTIONS[check]()).status == "correct"
    assert check(...).status == "not attempted"
    plt.close("all")


def test_equivalent_forms_are_accepted():
    c = sol_counts()
    assert ex05.projects_by_region(c.to_frame()).is_correct
    assert ex05.projects_by_region(projects.groupby("region", observed=True).size()).is_correct
    assert ex05.projects_by_region(c.rename_axis("region").reset_index()).is_correct
    assert ex05.projects_by_region({k: int(v) for k, v in c.items() if v}).is_correct
    assert ex05.bamako_share(2 / 3).is_correct and ex05.bamako_share(np.float64(0.667)).is_correct
    m = sol_merged()
    assert ex05.merged_regions(m.iloc[::-1]).is_correct
    assert ex05.merged_regions(m.set_index("region")).is_correct
    assert ex05.merged_regions(m.astype({"projects": "int64"})).is_correct
    assert ex05.regions_without_projects(tuple(reversed(sol_no_project()))).is_correct
    assert ex05.regions_without_projects(pd.Series(sol_no_project())).is_correct
    assert ex05.mopti_share(pd.Series([sol_mopti()])).is_correct
    assert ex05.fatalities_chart(sol_fig().axes[0]).is_correct
    vals = violence.groupby("region")["pv_fatalities"].sum()
    assert ex05.fatalities_chart(_bar_fig(vals.values)).is_correct
    assert ex05.senou_challenge(" b ").is_correct and ex05.senou_challenge("B.").is_correct
    plt.close("all")


# --------------------------------------------------------------------------- mistakes


def _hint(check, value, words):
    fb = check(value)
    assert fb.status == "not yet", fb
    assert words in fb.message, fb.message
    return fb


def test_counts_mistakes():
    c = {k: int(v) for k, v in sol_counts().items() if v}
    as_bamako = {"Bamako": c["Bamako"] + c[NL], "Segou": c["Segou"]}
    _hint(ex05.projects_by_region, pd.Series(as_bamako), "counted as Bamako")
    dropped = {"Bamako": c["Bamako"], "Segou": c["Segou"]}
    _hint(ex05.projects_by_region, pd.Series(dropped), "no place ('national / not located') are missing")
    _hint(ex05.projects_by_region, projects["region"].value_counts(normalize=True), "shares")
    _hint(ex05.projects_by_region, projects["place"].value_counts(), "'place' column")
    accented = {("Ségou" if k == "Segou" else k): v for k, v in c.items()}
    _hint(ex05.projects_by_region, pd.Series(accented), "accents")
    _hint(ex05.projects_by_region, projects.groupby("region", observed=True).count(), "ONE number per region")


def test_share_mistakes():
    _hint(ex05.bamako_share, 4 / 10, "denominator")
    _hint(ex05.bamako_share, 8 / 10, "counted as Bamako")
    _hint(ex05.bamako_share, 100 * sol_share(), "percentage")
    _hint(ex05.bamako_share, 4, "count")
    _hint(ex05.bamako_share, "0.67", "one number")


def test_merge_mistakes():
    inner = _fat().merge(_counts_frame(), on="region", how="inner")
    _hint(ex05.merged_regions, inner, "inner join")
    outer = _fat().merge(_counts_frame(), on="region", how="outer").fillna({"projects": 0})
    _hint(ex05.merged_regions, outer, "outer join")
    m = sol_merged()
    total = pd.concat([m, pd.DataFrame([{"region": "Total", "fatalities": m["fatalities"].sum(),
                                         "projects": m["projects"].sum()}])], ignore_index=True)
    _hint(ex05.merged_regions, total, "totals row")
    nan = _fat().merge(_counts_frame(), on="region", how="left")
    _hint(ex05.merged_regions, nan, "fillna(0)")
    events = _fat("pv_events").merge(_counts_frame(), on="region", how="left").fillna({"projects": 0})
    _hint(ex05.merged_regions, events, "events")
    one = _fat(years=(2020,)).merge(_counts_frame(), on="region", how="left").fillna({"projects": 0})
    _hint(ex05.merged_regions, one, "one year only")
    _hint(ex05.merged_regions, m.rename(columns={"projects": "n"}), "missing: projects")


def test_no_project_mistakes():
    _hint(ex05.regions_without_projects, [], "inner join")
    _hint(ex05.regions_without_projects, sol_no_project() + [NL], "not a region")
    _hint(ex05.regions_without_projects, sol_no_project() + ["Segou"], "does have a named project")
    _hint(ex05.regions_without_projects, sol_no_project()[:-2], "missing")
    _hint(ex05.regions_without_projects, ["Ménaka" if r == "Menaka" else r for r in sol_no_project()],
          "accents")


def test_mopti_mistakes():
    v = violence
    one = v[v.year == 2020]
    _hint(ex05.mopti_share, one.loc[one.region == "Mopti", "pv_fatalities"].sum() / one.pv_fatalities.sum(),
          "single year")
    _hint(ex05.mopti_share, v.loc[v.region == "Mopti", "pv_events"].sum() / v.pv_events.sum(), "events")
    _hint(ex05.mopti_share, v.loc[v.region == "Mopti", "vac_fatalities"].sum() / v.vac_fatalities.sum(),
          "vac_fatalities")
    _hint(ex05.mopti_share, 100 * sol_mopti(), "percentage")
    _hint(ex05.mopti_share, int(v.loc[v.region == "Mopti", "pv_fatalities"].sum()), "count of deaths")


def test_chart_mistakes():
    g = violence.groupby("region")
    _hint(ex05.fatalities_chart, _bar_fig(g["pv_events"].sum().values), "events")
    one = violence[violence.year == 2019].groupby("region")["pv_fatalities"].sum()
    _hint(ex05.fatalities_chart, _bar_fig(one.values), "one year only")
    _hint(ex05.fatalities_chart, _bar_fig(violence.groupby("year")["pv_fatalities"].sum().values),
          "one bar per REGION")
    _hint(ex05.fatalities_chart, _bar_fig(g["pv_fatalities"].sum().values, labels=False), "label both axes")
    _hint(ex05.fatalities_chart, _bar_fig(g["pv_fatalities"].sum().values, title=False), "title")
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3])
    _hint(ex05.fatalities_chart, fig, "line chart")
    _hint(ex05.fatalities_chart, plt.subplots()[0], "no bars")
    _hint(ex05.fatalities_chart, sol_merged(), "hand in the figure")
    plt.close("all")


def test_quiz_and_written():
    for wrong in ("A", "C", "D"):
        fb = ex05.senou_challenge(wrong)
        assert fb.status == "not yet" and fb.message == ex05.SENOU_QUIZ.options["ABCD".index(wrong)][2]
    _hint(ex05.senou_challenge, "E", "one letter")
    _hint(ex05.senou_challenge, 2, "one letter")
    short = ex05.bamako_argument("Too short to count.")
    assert short.status == "not yet" and ex05.MODEL_ANSWER not in short.message
    fb = ex05.bamako_argument(" ".join(["word"] * 45))
    assert fb.is_correct and ex05.MODEL_ANSWER in fb.message and "Also consider" in fb.message


# --------------------------------------------------------------------------- property tests

REVEAL = ["0.667", "66.7", "0.539", "53.9", "3969", "3,969", "7360", "7,360", "Kidal", "Sikasso",
          "Koulikoro", "Kayes", "Tombouctou"]

junk = st.one_of(
    st.none(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.booleans(), st.lists(st.integers(), max_size=20), st.lists(st.text(max_size=10), max_size=12),
    st.dictionaries(st.text(max_size=10), st.integers(), max_size=12),
    st.dictionaries(st.text(max_size=10), st.floats(allow_nan=True), max_size=12),
    frames(region=TEXT, fatalities=FLOATS, projects=FLOATS),
    frames(a=INTS, b=FLOATS),
    st.builds(lambda n: pd.DataFrame(np.arange(n * 3).reshape(n, 3), columns=["region", "x", "y"]),
              st.integers(0, 2000)),
    st.builds(lambda xs: pd.Series(xs, dtype="float64"), st.lists(st.floats(allow_nan=True), max_size=20)),
    st.sampled_from([ex05.MODEL_ANSWER[:10], "ABC", "", " ", "b b"]),
)

CHECKS = [ex05.projects_by_region, ex05.bamako_share, ex05.merged_regions, ex05.regions_without_projects,
          ex05.mopti_share, ex05.fatalities_chart, ex05.senou_challenge]


def _snapshot(value):
    try:
        return copy.deepcopy(value)
    except Exception:
        return value


def _same(a, b):
    if isinstance(a, (pd.DataFrame, pd.Series)):
        return a.equals(b)
    try:
        return bool(a == b) or (a != a and b != b)
    except Exception:
        return True


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(junk)
def test_checks_never_raise_pass_reveal_or_mutate(value):
    for check in CHECKS:
        before = _snapshot(value)
        fb = check(value)
        assert fb.status in ("not yet", "not attempted")
        if check is not ex05.senou_challenge:
            assert fb.status == "not yet"
        for secret in REVEAL:
            assert secret not in fb.message
        assert _same(value, before)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.lists(st.text()),
                 st.text(max_size=60)))
def test_written_never_raises(value):
    fb = ex05.bamako_argument(value)
    assert fb.status in ("not yet", "not attempted", "correct")
    if fb.status != "correct":
        assert ex05.MODEL_ANSWER not in fb.message


def test_a_figure_goes_to_every_check():
    fig = sol_fig()
    for check in CHECKS:
        if check is not ex05.fatalities_chart:
            assert check(fig).status == "not yet"
    plt.close("all")
