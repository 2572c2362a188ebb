"""Lesson 03: the crisis charts and the two explorers, tested without a kernel."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from nexus import charts, data
from nexus.charts import crisis
from nexus.widgets import region_explorer as rx
from nexus.widgets import timeline_explorer as tx


@pytest.fixture(scope="module")
def tables():
    return {name: data.load(name) for name in ("brief_timeline", "conflict_deaths_by_type",
                                                "violence_by_region", "minusma_strength",
                                                "china_minusma", "minusma_fatalities")}


def _texts(fig):
    return [t.get_text() for t in fig.texts]


def _stack_totals(ax):
    totals = {}
    for p in ax.patches:
        x = round(p.get_x() + p.get_width() / 2, 6)
        totals[x] = totals.get(x, 0) + p.get_height()
    return {round(k): int(round(v)) for k, v in totals.items()}


MALI_ONLY = {2008: 112, 2009: 126, 2010: 0, 2011: 0, 2012: 330, 2013: 890, 2014: 280, 2015: 214,
             2016: 147, 2017: 529, 2018: 936, 2019: 998, 2020: 1101, 2021: 1079, 2022: 2086}


# --------------------------------------------------------------------------- data helper


def test_mali_only_totals_leave_out_multi_country_rows(tables):
    totals = crisis.mali_only_totals(tables["conflict_deaths_by_type"])
    assert list(totals.columns) == ["year", "deaths"]
    assert dict(zip(totals["year"], totals["deaths"], strict=True)) == MALI_ONLY
    every = tables["conflict_deaths_by_type"].groupby("year")["deaths_best"].sum()
    assert int(every.loc[2019]) == 1426 and MALI_ONLY[2019] == 998


# --------------------------------------------------------------------------- charts


def test_chart_functions_are_found_by_name():
    for name in crisis.__all__:
        assert getattr(charts, name) is getattr(crisis, name)


def test_deaths_by_type_draws_mali_only_stacks(tables):
    fig = charts.crisis_deaths_by_type(tables["conflict_deaths_by_type"])
    ax = fig.axes[0]
    assert _stack_totals(ax) == MALI_ONLY
    assert len(ax.patches) == 3 * 15
    state = [int(p.get_height()) for p in ax.patches[:15]]
    assert state[10] == 521 and state[14] == 1436  # 2018 and 2022 state-based
    assert {p.get_hatch() for p in ax.patches[15:30]} == {"//"}  # non-state: hatched, not colour alone
    assert to_hex(ax.patches[0].get_facecolor()) == charts.OKABE_ITO["blue"].lower()
    assert ax.get_title(loc="left") == "Deaths in organised violence in Mali by type, per year"
    assert "Deaths" in ax.get_ylabel() and ax.get_xlabel() == "Year"
    assert [line.get_xdata()[0] for line in ax.lines] == [2017.5]
    assert any(t.startswith("Source: " + data.source("conflict_deaths_by_type")) for t in _texts(fig))
    assert "2018: 936" in fig.alt_text and "2,086, in 2022" in fig.alt_text
    assert "Multi-country rows (2,742 deaths" in fig.alt_text
    assert fig.source_tables == ["conflict_deaths_by_type"]


def test_fatalities_by_region_stacks_every_year(tables):
    fig = charts.crisis_fatalities_by_region(tables["violence_by_region"])
    ax = fig.axes[0]
    assert _stack_totals(ax) == {2017: 943, 2018: 1719, 2019: 1871, 2020: 2827}
    labels = ax.get_legend_handles_labels()[1]
    assert labels[:2] == ["Mopti", "Segou"] and labels[-1] == "South and Bamako (4 regions)"
    assert [int(p.get_height()) for p in ax.patches[:4]] == [292, 830, 1265, 1582]  # Mopti at the bottom
    assert "45% in 2017" in fig.alt_text and "72% in 2019" in fig.alt_text and "65% in 2020" in fig.alt_text
    assert [int(t) for t in ax.get_xticks()] == [2017, 2018, 2019, 2020]


def test_region_ranking_table_and_chart(tables):
    v = tables["violence_by_region"]
    table = crisis.region_ranking_table(v, 2019, "fatalities")
    assert table["region"].tolist()[:3] == ["Mopti", "Menaka", "Gao"]
    assert table["fatalities"].tolist()[:3] == [1265, 219, 162]
    assert table["rank"].tolist() == list(range(1, 11))
    assert table["share of year (%)"].iloc[0] == pytest.approx(67.6)
    events = crisis.region_ranking_table(v, 2019, "events")
    assert events["region"].tolist()[:3] == ["Mopti", "Gao", "Tombouctou"]
    vac = crisis.region_ranking_table(v, 2019, "fatalities in violence against civilians")
    assert vac["fatalities in violence against civilians"].iloc[0] == 692
    fig = charts.crisis_region_ranking(v, 2017, "fatalities")
    ax = fig.axes[0]
    widths = sorted((int(p.get_width()) for p in ax.patches), reverse=True)
    assert widths == [292, 150, 133, 130, 128, 93, 16, 1, 0]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Mopti"  # top of the chart = rank 1
    assert "No row for Kayes in 2017" in fig.alt_text
    assert ax.get_title(loc="left") == "Regions of Mali ranked by fatalities, 2017"
    with pytest.raises(ValueError):
        crisis.region_ranking_table(v, 2019, "deaths")


def test_minusma_strength_marks_the_gap_and_the_claim(tables):
    fig = charts.crisis_minusma_strength(tables["minusma_strength"], tables["china_minusma"])
    ax = fig.axes[0]
    total, troops, means = ax.lines[0], ax.lines[1], ax.lines[3]
    y = np.asarray(total.get_ydata(), dtype=float)
    assert len(y) == 45 and np.isnan(y).sum() == 1  # 45 months, November 2016 missing (not interpolated)
    assert np.nanmax(y) == 12338 and np.nanmax(np.asarray(troops.get_ydata(), dtype=float)) == 11024
    assert ax.lines[2].get_ydata()[0] == 13000
    assert list(means.get_ydata()) == [8120, 9997, 10914, 13885, 14390, 14070]  # partial years left out
    assert "November 2016" in fig.alt_text and "12,338 in March 2017" in fig.alt_text
    assert "2019: 14,390" in fig.alt_text
    assert fig.source_tables == ["minusma_strength", "china_minusma"]
    alone = charts.crisis_minusma_strength(tables["minusma_strength"])
    assert "Diamonds" not in alone.alt_text and alone.source_tables == ["minusma_strength"]


def test_minusma_fatalities_by_cause(tables):
    fig = charts.crisis_minusma_fatalities(tables["minusma_fatalities"])
    ax = fig.axes[0]
    totals = _stack_totals(ax)
    assert totals[2014] == 39 and totals[2017] == 42 and totals[2023] == 13 and len(totals) == 11
    assert "The most deaths were in 2017 (42)" in fig.alt_text and "peaking at 28 in 2014" in fig.alt_text
    assert any("partial" in t.get_text() for t in ax.texts)


def test_deaths_with_events_two_panels(tables):
    fig = tx.chart(tables["brief_timeline"], tables["conflict_deaths_by_type"], 2012, 2020)
    ax, lanes = fig.axes
    assert [int(p.get_height()) for p in ax.patches] == [MALI_ONLY[y] for y in range(2012, 2021)]
    labels = sorted(int(t.get_text()) for t in lanes.texts)
    assert labels == list(range(1, 24))
    assert "23 events" in fig.alt_text and "10 dated by the brief" in fig.alt_text
    assert [t.get_text() for t in lanes.get_yticklabels()] == list(crisis.CATEGORY_STYLE)


def test_pngs_are_stable(tables):
    a = charts.png_bytes(charts.crisis_deaths_by_type(tables["conflict_deaths_by_type"]))
    b = charts.png_bytes(charts.crisis_deaths_by_type(tables["conflict_deaths_by_type"]))
    assert a == b and a[:4] == b"\x89PNG"
    plt.close("all")


# --------------------------------------------------------------------------- timeline explorer


def test_events_in_range_rows_and_labels(tables):
    t = tables["brief_timeline"]
    crisis_rows = tx.events_in_range(t, 2012, 2021, "crisis")
    assert crisis_rows["#"].tolist() == [1, 2, 3, 4, 5, 6, 17, 19, 23]
    assert crisis_rows.loc[crisis_rows["#"] == 3, "date"].item() == "22 Mar 2012"
    assert crisis_rows.loc[crisis_rows["#"] == 2, "date"].item() == "Jan 2012"
    assert crisis_rows.loc[crisis_rows["#"] == 6, "date"].item() == "2013"
    assert crisis_rows.loc[crisis_rows["#"] == 6, "from"].item() == "the brief"
    assert crisis_rows.loc[crisis_rows["#"] == 3, "from"].item() == "outside source"
    src = crisis_rows.loc[crisis_rows["#"] == 3, "source"].item()
    assert src.startswith("ABC News") and "http" not in src
    assert crisis_rows.loc[crisis_rows["#"] == 1, "source"].item() == "Benabdallah and Large (2020)"
    assert len(tx.events_in_range(t, 2012, 2021)) == 24
    assert tx.events_in_range(t, 2020, 2012).equals(tx.events_in_range(t, 2012, 2020))  # handles in any order
    assert tx.events_in_range(t, 2008, 2011).empty
    table = tx.table(t, 2013, 2015, "international response")
    assert table.index.tolist() == [7, 8, 9, 11] and list(table.columns) == tx.COLUMNS[1:]
    with pytest.raises(ValueError):
        tx.events_in_range(t, 2012, 2020, "war")


def test_timeline_summary_texts(tables):
    t, d = tables["brief_timeline"], tables["conflict_deaths_by_type"]
    assert tx.summary(t, d, 2012, 2020) == (
        "2012-2020: 23 events, 10 dated by the brief and 13 by outside sources. Deaths in organised "
        "violence (UCDP v23.1, Mali only): 5,425 over these years; the deadliest year is 2020 with 1,101.")
    assert tx.summary(t, d, 2016, 2016, "china").startswith("2016: 1 'china' event, 0 dated by the brief")
    assert tx.summary(t, d, 2008, 2010).startswith("2008-2010: no events in the timeline.")
    assert "2,086" in tx.summary(t, d, 2022, 2022)


def test_timeline_first_control_changes_the_output(tables):
    t, d = tables["brief_timeline"], tables["conflict_deaths_by_type"]
    first = tx.view(t, d, (tx.START, tx.END))
    moved_low = tx.view(t, d, (tx.START + 2, tx.END))  # ArrowRight twice on the lower handle
    moved_high = tx.view(t, d, (tx.START, tx.END + 2))  # ... or on the upper handle
    assert first[0] != moved_low[0] and first[0] != moved_high[0]
    assert len(first[2]) != len(moved_low[2])


def test_timeline_widget_redraws(tables):
    box = tx.build(tables["brief_timeline"], tables["conflict_deaths_by_type"])
    start, end, category = box.controls["start"], box.controls["end"], box.controls["category"]
    assert type(start).__name__ == "Dropdown" and (start.value, end.value) == (2012, 2020)
    assert start.description and end.description
    assert category.options[0] == tx.ALL and category.description
    start.value = 2014
    category.value = "china"
    assert (box.controls["start"].value, box.controls["end"].value) == (2014, 2020)
    plt.close("all")


# --------------------------------------------------------------------------- region explorer


def test_region_ranking_and_summary(tables):
    v = tables["violence_by_region"]
    r = rx.ranking(v, 2020, "fatalities")
    assert r.index.tolist() == list(range(1, 11))
    assert r["region"].tolist()[:3] == ["Mopti", "Gao", "Segou"]
    assert r["fatalities"].sum() == 2827
    assert rx.summary(v, 2017, "fatalities") == (
        "2017, fatalities: 943 in all. Mopti ranks first with 292 (31%). The centre (Mopti and Segou) has "
        "45% and the north (Gao, Kidal, Menaka, Tombouctou) 53%. No row for Kayes (no events in the export, "
        "not a zero).")
    assert rx.summary(v, 2019, "events").startswith("2019, events: 588 in all. Mopti ranks first with 368")
    assert rx.summary(v, 2016) == "No ACLED rows for 2016."
    assert rx.measures() == ["events", "fatalities", "fatalities in violence against civilians"]


def test_region_first_control_changes_the_output(tables):
    v = tables["violence_by_region"]
    texts = {rx.view(v, year, "fatalities")[0] for year in rx.YEARS}
    assert len(texts) == 4


def test_region_widget_controls(tables):
    box = rx.build(tables["violence_by_region"])
    year, measure = box.controls["year"], box.controls["measure"]
    assert type(year).__name__ == "Dropdown" and list(year.options) == [2017, 2018, 2019, 2020]
    assert measure.value == "fatalities" and year.description and measure.description
    year.value = 2019
    measure.value = "events"
    plt.close("all")
