"""Lesson 04: the motivation charts and the two widgets (evidence sorter, P5 explorer)."""

import numpy as np
import pytest
from matplotlib.colors import to_hex

from nexus import charts, data
from nexus.charts import motivations as mc
from nexus.widgets import evidence_sorter as es
from nexus.widgets import p5_explorer as pe
from nexus.widgets import sorter


@pytest.fixture(scope="module")
def p5():
    return data.load("peacekeepers_p5")


def _texts(fig):
    return [t.get_text() for t in fig.texts]


# ----------------------------------------------------------------------------- data helpers


def test_p5_wide_keeps_one_measure(p5):
    wide = mc.p5_wide(p5, mc.SNAPSHOT, ["France", "China"], (2010, 2013))
    assert list(wide.columns) == ["China", "France", "partial_year", "suspect_year"]
    assert wide.index.tolist() == [2010, 2011, 2012, 2013]
    assert wide["China"].tolist() == [2039, 1924, 1869, 2078]
    assert wide["France"].tolist() == [1540, 1391, 968, 952]
    assert not wide["partial_year"].any() and not wide["suspect_year"].any()
    means = mc.p5_wide(p5, mc.MEAN)
    assert means.index.tolist() == list(range(2011, 2022))
    assert means.loc[means["partial_year"]].index.tolist() == [2017, 2021]
    assert means.loc[means["suspect_year"]].index.tolist() == [2011, 2012, 2013]
    assert means.index[mc.full_years(means)].tolist() == [2014, 2015, 2016, 2018, 2019, 2020]
    assert 2014 not in mc.p5_wide(p5, mc.SNAPSHOT).index  # the March 2014 snapshot stays apart


def test_years_text():
    assert mc.years_text([2009, 2004, 2005, 2010, 2011, 2012, 2013]) == "2004-2005 and 2009-2013"
    assert mc.years_text([2017, 2021]) == "2017 and 2021"
    assert mc.years_text([2011, 2012, 2013, 2017, 2021]) == "2011-2013, 2017 and 2021"
    assert mc.years_text([2015]) == "2015" and mc.years_text([]) == ""


def test_china_share(p5):
    share = mc.china_share(p5, mc.SNAPSHOT)
    row = share[share["year"] == 2013].iloc[0]
    assert (row["china"], row["p5_total"]) == (2078, 3540)
    assert row["share"] == pytest.approx(2078 / 3540)
    assert share["year"].tolist() == list(range(1990, 2014))


# ----------------------------------------------------------------------------- charts


def test_p5_personnel_draws_the_snapshots(p5):
    fig = charts.p5_personnel(p5)
    ax = fig.axes[0]
    china = ax.lines[0]
    assert china.get_label() == "China"
    assert list(china.get_xdata()) == list(range(1990, 2014))
    assert list(china.get_ydata())[-1] == 2078
    assert to_hex(china.get_color()) == charts.OKABE_ITO["vermillion"].lower()
    styles = {str(line._unscaled_dash_pattern) for line in ax.lines}
    markers = {line.get_marker() for line in ax.lines}
    assert len(styles) == 5 and len(markers) == 5  # no meaning rests on colour alone
    assert "December snapshots" in ax.get_title(loc="left")
    assert ax.get_xlabel() == "Year" and "people" in ax.get_ylabel()
    assert any(t.startswith("Source: " + data.source("peacekeepers_p5")) for t in _texts(fig))
    # China led in December 2004-2005 and 2009-2013, not from 2004 on: France led in 2006-2008
    assert "7 of 24 full years (2004-2005 and 2009-2013)" in fig.alt_text
    assert "France had more in 2006-2008" in fig.alt_text and "2,078 in 2013" in fig.alt_text


def test_p5_personnel_marks_partial_years(p5):
    fig = charts.p5_personnel(p5, mc.MEAN)
    ax = fig.axes[0]
    china_line = ax.lines[0]
    y = np.asarray(china_line.get_ydata(), dtype=float)
    years = list(china_line.get_xdata())
    assert np.isnan(y[years.index(2017)]) and np.isnan(y[years.index(2021)])  # not joined
    assert all(np.isnan(y[years.index(yr)]) for yr in (2011, 2012, 2013))  # suspect: not joined
    hollow = ax.lines[1]
    assert list(hollow.get_xdata()) == [2011, 2012, 2013, 2017, 2021]
    assert list(hollow.get_ydata()) == [1998, 1437, 1692, 1069, 204]
    assert hollow.get_markerfacecolor() in ("white", (1.0, 1.0, 1.0, 1.0))
    assert "partial years (2017, 2021)" in fig.alt_text
    assert "suspect years (2011-2013)" in fig.alt_text
    # the full years exclude both kinds; China led the other four members in all of them
    assert "China has 2,005 in 2014 and 2,540 in 2020" in fig.alt_text
    assert "all 6 full years (2014-2016 and 2018-2020)" in fig.alt_text
    assert "France: highest 862 in 2014" in fig.alt_text  # not the suspect 881 of 2012
    dotted = [p for p in ax.patches if p.get_hatch() == ".."]
    assert len(dotted) == 3  # one band per suspect year
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(lab.startswith("suspect year") for lab in labels)
    assert any(lab.startswith("partial year") for lab in labels)
    assert "annual means" in ax.get_title(loc="left")


def test_p5_personnel_subset_and_empty(p5):
    fig = charts.p5_personnel(p5, mc.SNAPSHOT, ["China", "France"], (2000, 2013))
    assert [line.get_label() for line in fig.axes[0].lines] == ["China", "France"]
    assert "(2003-2005 and 2009-2013)" in fig.alt_text and "France had more in 2006-2008" in fig.alt_text
    with pytest.raises(ValueError):
        charts.p5_personnel(p5, mc.MEAN, ["China"], (1990, 2000))


def test_p5_china_share_keeps_measures_apart(p5):
    fig = charts.p5_china_share(p5)
    ax = fig.axes[0]
    snap, mean = ax.lines[0], ax.lines[1]
    assert list(snap.get_xdata()) == list(range(1990, 2014))
    assert snap.get_ydata()[-1] == pytest.approx(2078 / 3540 * 100)
    assert snap.get_linestyle() != mean.get_linestyle() and snap.get_marker() != mean.get_marker()
    years = list(mean.get_xdata())
    assert years == list(range(2014, 2021))  # suspect 2011-2013 and partial 2021 left out
    assert np.isnan(mean.get_ydata()[years.index(2017)])
    assert "58.7% in 2013" in fig.alt_text and "above half from 2012" in fig.alt_text
    assert "from 60.0% (2014) to 67.4% (2020)" in fig.alt_text
    assert "73.1%" not in fig.alt_text  # the suspect 2011 share is not reported
    assert "the suspect years 2011-2013" in fig.alt_text
    assert ax.get_ylim() == (0, 100)


def test_china_in_minusma(p5):
    minusma = data.load("china_minusma")
    fat = data.load("china_peacekeeper_fatalities")
    fig = charts.china_in_minusma(minusma, fat)
    ax = fig.axes[0]
    heights = {round(p.get_x() + p.get_width() / 2): int(p.get_height()) for p in ax.patches}
    assert heights == {2013: 16, 2014: 368, 2015: 368, 2016: 367, 2017: 166, 2018: 403,
                       2019: 415, 2020: 426, 2021: 35}
    hatched = sorted(round(p.get_x() + p.get_width() / 2) for p in ax.patches if p.get_hatch())
    assert hatched == [2013, 2017, 2021]  # the suspect first year is marked like partial ones
    snapshot = [line for line in ax.lines if line.get_marker() == "D"]
    assert len(snapshot) == 1 and list(snapshot[0].get_ydata()) == [402]
    assert any("31 May 2016" in t.get_text() for t in ax.texts)
    assert "2.9% to 4.5%" in fig.alt_text and "31 May 2016" in fig.alt_text
    assert "402 Chinese personnel of 7,469, against an annual mean of 368 for 2014" in fig.alt_text
    assert "flagged suspect upstream" in fig.alt_text
    src = [t for t in _texts(fig) if t.startswith("Source: ")][0]
    assert data.source("china_peacekeeper_fatalities") in src


# ----------------------------------------------------------------------------- evidence sorter


def test_evidence_items_follow_the_brief():
    items = es.items()
    assert list(items.columns) == ["item", "category", "also", "explanation"]
    assert len(items) == 10
    assert es.motivations() == ["peacekeeping and stakeholder status", "regional Sahel strategy",
                                "market access"]
    assert items["category"].value_counts().to_dict() == {
        "peacekeeping and stakeholder status": 4, "regional Sahel strategy": 3, "market access": 3}
    assert items.loc[items["item"].str.contains("Operation Serval"), "category"].item() == \
        "peacekeeping and stakeholder status"
    assert items.loc[items["item"].str.contains("Belt and Road"), "category"].item() == \
        "regional Sahel strategy"


def test_evidence_sorter_grades():
    items = es.items()
    serval = items.loc[items["item"].str.contains("Serval"), "item"].item()
    bri = items.loc[items["item"].str.contains("Belt and Road"), "item"].item()
    soe = items.loc[items["item"].str.contains("for decades"), "item"].item()
    score, graded = es.view(choices={serval: "peacekeeping and stakeholder status",
                                     bri: "market access", soe: "regional Sahel strategy"})
    assert score == "**3 of 10 sorted: 1 right, 1 also defensible, 1 not yet.**"
    row = graded.set_index("item").loc[soe]
    assert row["result"] == "not yet" and "market access" not in row.tolist()[:2]
    first_score, first = es.view()
    assert first_score == "**0 of 10 sorted: 0 right, 0 also defensible, 0 not yet.**"
    assert set(first["result"]) == {"not sorted"}


def test_evidence_sorter_first_control_is_first_statement():
    box = es.build()
    first = box.controls["item_0"]
    assert first.description == es.items()["item"].iloc[0]
    assert list(first.options) == [sorter.UNSORTED] + es.motivations()
    first.value = "market access"  # observers run without a kernel; logic must not raise
    assert first.value == "market access"


# ----------------------------------------------------------------------------- P5 explorer


def test_explorer_table_and_summary(p5):
    t = pe.table(p5, mc.SNAPSHOT, ["United Kingdom", "China"], (2012, 2013))
    assert list(t.columns) == ["China", "United Kingdom", "partial_year", "suspect_year"]
    assert t["United Kingdom"].tolist() == [283, 289]
    s = pe.summary(p5, mc.SNAPSHOT, mc.COUNTRIES, (1990, 2021))
    assert s.startswith("December snapshots, 1990-2013: China 5 -> 2,078; France 525 -> 952")
    assert "China has the most personnel of those shown in 7 of 24 full years (2004-2005 and 2009-2013)." in s
    m = pe.summary(p5, mc.MEAN, mc.COUNTRIES, (1990, 2021))
    assert m.startswith("Annual means, 2011-2021: China 2,005 -> 2,540") and "Partial years (2017, 2021)" in m
    assert "(first and last full year, 2014 and 2020)" in m and "6 of 6 full years." in m
    assert "Suspect years (2011-2013: months missing for some countries)" in m
    assert pe.summary(p5, mc.MEAN, ["China"], (1990, 2005)) == \
        "The annual means cover 2011-2021 only; move the year range to overlap those years."
    assert pe.summary(p5, mc.MEAN, [], (1990, 2021)).startswith("Tick at least one country")
    assert pe.summary(p5, mc.MEAN, ["China"], (2017, 2017)).startswith(
        "Annual means, 2017: only partial years")


def test_explorer_view_changes_with_the_first_control(p5):
    a = pe.view(p5, mc.SNAPSHOT, mc.COUNTRIES, (1990, 2021))
    b = pe.view(p5, mc.MEAN, mc.COUNTRIES, (1990, 2021))
    assert a[0] != b[0] and a[1].alt_text != b[1].alt_text
    assert len(pe.view(p5, mc.MEAN, [], (1990, 2021))) == 1


def test_explorer_shell(p5):
    box = pe.build(p5)
    names = list(box.controls)
    assert names[0] == "measure" and names[-2:] == ["start", "end"]
    assert type(box.controls["measure"]).__name__ == "Dropdown"
    assert all(ctl.description for ctl in box.controls.values())
    box.controls["measure"].value = mc.MEAN
    box.controls["c0"].value = False
    box.controls["start"].value, box.controls["end"].value = 2015, 2021
