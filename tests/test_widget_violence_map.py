"""The violence map widget: its logic gives the right figures, map and words for every setting,
the text alternative changes with the setting, and the controls are keyboard widgets."""

import matplotlib.pyplot as plt
import pytest

from nexus import data
from nexus.widgets import violence_map as vm


@pytest.fixture(scope="module")
def tables():
    return data.load("violence_by_region"), data.load("chinese_projects")


def test_summary_states_the_acled_numbers(tables):
    v, p = tables
    assert vm.summary(v, p, 2019, "fatalities", True) == (
        "2019, reported fatalities: 1,871 in all. Mopti has the most, 1,265 (68%). Gao's figure "
        "includes Menaka. The named Chinese projects of the suite's partial list (all years) are placed "
        "in Bamako (4) and Segou (2), and 4 have no place; those regions have 91 of the 1,871 (5%).")
    assert vm.summary(v, p, 2017, "fatalities", False) == (
        "2017, reported fatalities: 943 in all. Mopti has the most, 292 (31%). Gao's figure includes "
        "Menaka. No events recorded in the export for Kayes (not a zero).")
    assert vm.summary(v, p, None, "events", False).startswith(
        f"2017-2020, political-violence events: {int(v['pv_events'].sum()):,} in all. Mopti has the most")


def test_table_matches_the_map(tables):
    v, p = tables
    t = vm.table(v, p, 2020, "fatalities", True)
    assert t.index.tolist() == list(range(1, 10))
    assert t["fatalities"].sum() == v[v["year"] == 2020]["pv_fatalities"].sum()
    assert t.loc[1, "region"] == "Mopti" and t.loc[2, "ACLED regions summed"] == "Gao + Menaka"
    assert t["named Chinese projects"].sum() == 6
    assert "named Chinese projects" not in vm.table(v, p, 2020, "fatalities", False).columns


def test_every_control_changes_what_is_shown_and_said(tables):
    v, p = tables
    first = vm.view(v, p, **vm.DEFAULT)
    summary, fig, frame = first
    assert summary.startswith("**2019") and fig.alt_text and len(frame) == 9
    for change in ({"year": 2017}, {"year": None}, {"measure": "events"}, {"show_projects": False}):
        other = vm.view(v, p, **{**vm.DEFAULT, **change})
        assert other[0] != summary, change                       # the words change
        assert other[1].alt_text != fig.alt_text, change         # so does the text alternative
    plt.close("all")


def test_every_setting_draws_without_error(tables):
    v, p = tables
    for _, year in vm.YEARS:
        for measure in vm.measures():
            for show in (True, False):
                out = vm.view(v, p, year, measure, show)
                assert out[1].axes and out[1].alt_text
    plt.close("all")


def test_build_gives_keyboard_controls_and_redraws(tables):
    v, p = tables
    box = vm.build(v, p)
    year, measure, show = box.controls["year"], box.controls["measure"], box.controls["show_projects"]
    assert [type(c).__name__ for c in (year, measure, show)] == ["Dropdown", "Dropdown", "Checkbox"]
    assert dict(year.options)["2017-2020 together"] is None and year.value == 2019
    assert year.description and measure.description and show.description
    year.value = None
    measure.value = "events"
    show.value = False
    assert box.logic(year.value, measure.value, show.value)[0].startswith("**2017-2020, political-violence")
    plt.close("all")
