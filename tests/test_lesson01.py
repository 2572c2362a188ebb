"""Lesson 01: the nexus charts draw the right numbers, and the lens sorter grades fairly."""

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from nexus import charts, data
from nexus.charts import nexus_lens
from nexus.widgets import lens_sorter, sorter


@pytest.fixture(scope="module")
def instruments():
    return data.load("brief_instruments")


@pytest.fixture(scope="module")
def p5():
    return data.load("peacekeepers_p5")


def _texts(fig):
    return [t.get_text() for t in fig.texts]


# --------------------------------------------------------------------------- instruments by lens

def test_lens_counts_exact(instruments):
    counts = nexus_lens.lens_counts(instruments)
    assert counts.index.tolist() == ["military", "development", "governance"]
    assert counts["observed"].tolist() == [7, 10, 1]
    assert counts["recommended"].tolist() == [1, 0, 2]
    assert counts["total"].tolist() == [8, 10, 3]
    assert counts["total"].sum() == len(instruments)


def test_instruments_chart_bars_and_labels(instruments):
    fig = charts.nexus_instruments_by_lens(instruments)
    ax = fig.axes[0]
    widths = [int(p.get_width()) for p in ax.patches[:6]]
    assert widths == [7, 10, 1, 1, 0, 2]  # observed bars, then recommended bars (military on top)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Military", "Development", "Governance"]
    assert ax.get_title(loc="left") == "Instruments named in the brief, by lens"
    assert "Number of instruments" in ax.get_xlabel()
    assert any(t.startswith("Source: " + data.source("brief_instruments")) for t in _texts(fig))
    assert ax.patches[3].get_hatch() == "///"  # recommended: a pattern, not colour alone
    assert fig.source_tables == ["brief_instruments"]


def test_instruments_alt_text(instruments):
    alt = charts.nexus_instruments_by_lens(instruments).alt_text
    assert "21 engagement instruments" in alt
    assert "military: 8 instruments (7 observed, 1 recommended)" in alt
    assert "governance: 3 instruments (1 observed, 2 recommended)" in alt
    assert "Development has the most" in alt


# --------------------------------------------------------------------------- China's peacekeepers

def test_china_chart_keeps_measures_apart(p5):
    fig = charts.nexus_china_peacekeepers(p5)
    ax = fig.axes[0]
    dec, march, annual, partial = ax.lines[:4]
    assert dec.get_xdata().tolist() == list(range(1990, 2014))
    assert dec.get_ydata().tolist()[:3] == [5, 44, 488] and dec.get_ydata().tolist()[-1] == 2078
    assert march.get_xdata().tolist() == [2014] and march.get_ydata().tolist() == [2177]
    assert annual.get_xdata().tolist() == list(range(2011, 2022))
    y = np.asarray(annual.get_ydata(), dtype=float)
    assert np.isnan(y[2017 - 2011]) and np.isnan(y[2021 - 2011])  # the line breaks at partial years
    assert np.isnan(y[:3]).all()  # ... and at the suspect means of 2011-2013
    assert y[2015 - 2011] == 2603 and y[2014 - 2011] == 2005
    assert partial.get_xdata().tolist() == [2017, 2021] and partial.get_ydata().tolist() == [1069, 204]
    suspect = ax.lines[4]
    assert suspect.get_xdata().tolist() == [2011, 2012, 2013]
    assert suspect.get_ydata().tolist() == [1998, 1437, 1692]
    assert suspect.get_markerfacecolor() == "white" and suspect.get_marker() != partial.get_marker()
    assert dec.get_linestyle() == "-" and annual.get_linestyle() == "--"
    assert dec.get_marker() != annual.get_marker()
    assert partial.get_markerfacecolor() == "white"
    assert to_hex(dec.get_color()) == charts.OKABE_ITO["blue"].lower()
    assert to_hex(annual.get_color()) == charts.OKABE_ITO["orange"].lower()
    assert ax.get_title(loc="left") == "China's UN peacekeepers, 1990-2021: two measures"
    assert ax.get_xlabel() == "Year" and "personnel" in ax.get_ylabel()
    notes = [t.get_text() for t in ax.texts]
    assert "2017: partial year" in notes and "2021: partial year" in notes


def test_china_chart_alt_and_milestones(p5):
    fig = charts.nexus_china_peacekeepers(p5, {2013: "China joins MINUSMA"})
    alt = fig.alt_text
    assert "1990 (5) to 2013 (2,078)" in alt
    assert "2,146, in 2008" in alt
    assert "March 2014 snapshot shows 2,177" in alt
    assert "2,603 in 2015" in alt
    assert "2017 (1,069, months missing); 2021 (204, months missing)" in alt
    # the measures are compared only where both are complete, never with a suspect mean
    assert "Where both measures are complete, in 2014, the March snapshot shows 2,177 against an " \
           "annual mean of 2,005" in alt
    assert "1,692" not in alt and "1,437" not in alt
    assert "The means of 2011-2013 are suspect" in alt
    assert "2013: China joins MINUSMA" in alt
    ax = fig.axes[0]
    assert any(line.get_xdata()[0] == 2013 and line.get_linestyle() == ":" for line in ax.lines)


# --------------------------------------------------------------------------- P5 glance

def test_p5_glance(p5):
    fig = charts.nexus_p5_glance(p5, 2013)
    ax = fig.axes[0]
    assert [int(p.get_width()) for p in ax.patches] == [103, 118, 289, 952, 2078]
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "China"
    assert ax.patches[-1].get_hatch() == "xx"
    assert fig.alt_text.startswith("Horizontal bar chart of UN uniformed personnel of the five "
                                   "permanent members, December snapshot, 2013: China 2,078; France 952")
    assert "China ranks 1 of 5" in fig.alt_text
    assert ax.get_title(loc="left") == "Permanent members' UN peacekeepers, December 2013"


def test_p5_glance_partial_year_and_missing(p5):
    fig = charts.nexus_p5_glance(p5, 2021, nexus_lens.ANNUAL)
    assert "(a partial year: understated)" in fig.alt_text
    with pytest.raises(ValueError):
        charts.nexus_p5_glance(p5, 1980)


# --------------------------------------------------------------------------- the lens sorter

def test_items_follow_the_table(instruments):
    its = lens_sorter.items(instruments)
    assert its["id"].tolist() == lens_sorter.SELECTION
    assert len(its) == 10
    assert its["category"].value_counts().to_dict() == {"development": 4, "military": 3, "governance": 3}
    row = its.set_index("id").loc["I15"]
    assert row["item"] == "Chinese-run hospital in MINUSMA's Gao camp"
    assert row["category"] == "military" and row["also"] == "development"
    table = instruments.set_index("id")
    for _, r in its.iterrows():
        assert r["explanation"] == table.loc[r["id"], "lens_note"]


def test_alternatives_come_from_the_lens_notes(instruments):
    notes = instruments.set_index("id")["lens_note"]
    lenses = instruments.set_index("id")["lens"]
    for key, also in lens_sorter.ALSO.items():
        assert key in lens_sorter.SELECTION
        for lens in also.split(";"):
            assert lens in lens_sorter.CATEGORIES and lens != lenses[key]
        assert "ambiguous" in notes[key].lower() or "may argue" in notes[key]


def test_view_grades_each_result(instruments):
    choices = {"Arms sales": "military",                                  # right
               "Chinese-run hospital in MINUSMA's Gao camp": "development",  # also defensible
               "Poverty alleviation": "governance",                       # not yet
               "Engineers in MINUSMA": "military"}                        # also defensible
    score, graded = lens_sorter.view(instruments, choices)
    assert score == "**4 of 10 sorted: 1 right, 2 also defensible, 1 not yet.**"
    by_item = graded.set_index("item")
    assert by_item.loc["Arms sales", "result"] == "right"
    assert by_item.loc["Chinese-run hospital in MINUSMA's Gao camp", "result"] == "also defensible"
    assert by_item.loc["Poverty alleviation", "result"] == "not yet"
    assert by_item.loc["Poverty alleviation", "why"] == "The development leg of the nexus."
    assert by_item.loc["Ambassador's outreach to religious leaders and national-dialogue parties",
                       "result"] == "not sorted"


def test_initial_view_reveals_nothing(instruments):
    score, graded = lens_sorter.view(instruments, {})
    assert score == "**0 of 10 sorted: 0 right, 0 also defensible, 0 not yet.**"
    assert set(graded["result"]) == {"not sorted"}
    assert set(graded["why"]) == {""}
    assert list(graded.columns) == ["item", "your choice", "result", "why"]


def test_confucius_institute_has_no_alternative(instruments):
    its = lens_sorter.items(instruments).set_index("id")
    assert its.loc["I12", "also"] == ""
    graded = sorter.grade(its.reset_index(), {its.loc["I12", "item"]: "governance"})
    assert graded.loc[graded["item"] == its.loc["I12", "item"], "result"].item() == "not yet"


def test_unknown_selection_is_refused(instruments):
    with pytest.raises(KeyError):
        lens_sorter.items(instruments, ["I99"])


def test_widget_responds_to_the_first_menu(instruments):
    box = lens_sorter.build(instruments)
    first = box.controls["item_0"]
    assert first.description == "Arms sales" and first.options[0] == sorter.UNSORTED
    assert list(first.options[1:]) == lens_sorter.CATEGORIES
    first.value = "development"  # observers run without a kernel; the logic must not raise
    assert first.value == "development"


def test_chart_functions_are_reachable_from_charts():
    for name in nexus_lens.__all__:
        assert getattr(charts, name) is getattr(nexus_lens, name)
    assert isinstance(nexus_lens.lens_counts(pd.DataFrame({"instrument": [], "lens": []})), pd.DataFrame)
