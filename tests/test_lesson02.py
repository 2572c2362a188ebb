"""Lesson 02: the footprint charts and the indicator explorer, tested without a kernel."""

import pytest
from matplotlib.colors import to_hex

from nexus import charts, data
from nexus.widgets import indicator_explorer as ie

MALI_HDI = "Mali: Human Development Index"
CHINA_HDI = "China: Human Development Index"
GDP = "Mali: GDP per capita (current US$)"
FINANCE = "Chinese official finance to Mali (constant 2021 US$ millions)"


def _source_lines(fig):
    return [t.get_text() for t in fig.texts if t.get_text().startswith("Source: ")]


# ------------------------------------------------------------------ charts


def test_hdi_chart_draws_both_countries():
    hdi = data.load("hdi")
    fig = charts.footprint_hdi(hdi)
    ax = fig.axes[0]
    lines = {line.get_label(): line for line in ax.lines}
    assert set(lines) == {"Mali", "China"}
    mali = hdi[hdi["country"] == "Mali"]
    assert list(lines["Mali"].get_xdata()) == mali["year"].tolist()
    assert list(lines["Mali"].get_ydata()) == mali["hdi"].tolist()
    assert lines["Mali"].get_marker() != lines["China"].get_marker()  # not colour alone
    assert to_hex(lines["Mali"].get_color()) == charts.OKABE_ITO["vermillion"].lower()
    assert ax.get_title(loc="left") == "Human Development Index of Mali and China"
    assert ax.get_xlabel() == "Year" and "0 to 1" in ax.get_ylabel()
    assert _source_lines(fig) == ["Source: " + data.source("hdi")]
    assert all(float(t).is_integer() for t in ax.get_xticks())
    # the crisis band starts at 2012
    band = ax.patches[0]
    assert band.get_x() == pytest.approx(2011.5)


def test_hdi_alt_text_states_the_numbers():
    alt = charts.footprint_hdi(data.load("hdi")).alt_text
    for piece in ("0.236 in 1990", "0.410 in 2022", "0.421, in 2019", "0.788 in 2022",
                  "0.246 in 1990", "0.378 in 2022", "2012 onward"):
        assert piece in alt, piece


def test_hdi_chart_without_crisis_band():
    fig = charts.footprint_hdi(data.load("hdi"), crisis_start=None)
    assert not fig.axes[0].patches and "grey band" not in fig.alt_text


def test_finance_chart_stacks_the_three_classes():
    finance = data.load("chinese_finance")
    fig = charts.footprint_finance(finance)
    ax = fig.axes[0]
    bars = [p for p in ax.patches if p.get_width() == pytest.approx(0.75)]
    assert len(bars) == 3 * 22
    totals = finance.groupby("year", observed=True)["amount_musd"].sum()
    tops = {}
    for p in bars:
        year = round(p.get_x() + p.get_width() / 2)
        tops[year] = max(tops.get(year, 0), p.get_y() + p.get_height())
    assert tops == pytest.approx(totals.to_dict())
    oof = [p for p in bars if p.get_label() == "OOF-like"] or \
        [p for p in bars if p.get_hatch() == "///"]
    assert {p.get_hatch() for p in bars} == {"", "///", "..."}  # patterns, not colour alone
    assert max(p.get_height() for p in oof) == pytest.approx(390.1)
    assert "Constant 2021 US$ millions" == ax.get_ylabel()
    assert _source_lines(fig) == ["Source: " + data.source("chinese_finance")]
    assert any(t.get_text() == "no data row" for t in ax.texts)  # 2002 marked


def test_finance_alt_text():
    alt = charts.footprint_finance(data.load("chinese_finance")).alt_text
    assert "largest year is 2013, with 408.0 million" in alt
    assert "OOF-like 390.1" in alt and "2002 has no row" in alt
    assert "18 of the 22 years" in alt


def test_series_chart():
    gdp = data.load("gdp_per_capita")
    fig = charts.footprint_series(gdp, "gdp_per_capita_usd", title="GDP", ylabel="US$",
                                  table="gdp_per_capita", what="GDP per capita", fmt="{:,.1f}")
    line = fig.axes[0].lines[0]
    assert list(line.get_ydata()) == gdp["gdp_per_capita_usd"].tolist()
    assert "lowest 208.9 in 1994" in fig.alt_text and "869.3 in 2023" in fig.alt_text


def test_charts_are_found_by_name():
    from nexus.charts import footprint

    for name in footprint.__all__:
        assert getattr(charts, name) is getattr(footprint, name)


# ------------------------------------------------------------------ widget logic


def test_series_menu():
    assert ie.series_names() == [MALI_HDI, CHINA_HDI, GDP, FINANCE]
    assert ie.available_years(MALI_HDI) == (1990, 2022)
    assert ie.available_years(GDP) == (1990, 2023)
    assert ie.available_years(FINANCE) == (2000, 2021)


def test_select_rows_exactly():
    rows = ie.select(MALI_HDI, (2010, 2013))
    assert list(rows.columns) == ["year", "hdi"]
    assert rows["year"].tolist() == [2010, 2011, 2012, 2013]
    assert rows["hdi"].tolist() == [0.406, 0.411, 0.407, 0.404]
    china = ie.select(CHINA_HDI, (2022, 2018))  # ends in any order
    assert china["hdi"].tolist() == [0.766, 0.775, 0.781, 0.785, 0.788]
    fin = ie.select(FINANCE, (2012, 2014))
    assert list(fin.columns) == ["year", "ODA-like", "OOF-like", "vague official finance", "total_musd"]
    assert fin["total_musd"].tolist() == [16.64, 408.02, 224.11]
    assert ie.select(GDP, (1994, 1994))["gdp_per_capita_usd"].tolist() == [208.9]


def test_empty_selection_explains_itself():
    assert ie.select(FINANCE, (1990, 1995)).empty
    assert ie.figure(FINANCE, (1990, 1995)) is None
    text = ie.summary(FINANCE, (1990, 1995))
    assert text.startswith("No data") and "2000 to 2021" in text
    assert ie.view(FINANCE, (1990, 1995)) == [f"**{text}**"]


def test_summary_texts():
    assert ie.summary(MALI_HDI) == (
        "Mali's HDI, 1990-2022: 0.236 in 1990, 0.410 in 2022; highest 0.421 in 2019. "
        "Mean before 2012: 0.322; mean from 2012 (crisis years, shaded): 0.410. "
        "(This series covers 1990 to 2022 only.)")
    fin = ie.summary(FINANCE, (2010, 2015))
    assert "largest year 2013 (408.0 million)" in fin
    assert "only" not in ie.summary(GDP, (2000, 2010)) and "Mean before" not in ie.summary(GDP, (2000, 2010))


def test_figure_follows_the_selection():
    fig = ie.figure(MALI_HDI, (2000, 2010))
    assert list(fig.axes[0].lines[0].get_xdata()) == list(range(2000, 2011))
    assert "grey band" not in fig.alt_text  # no crisis year in range
    fig = ie.figure(FINANCE, (2011, 2014))
    assert "largest year is 2013" in fig.alt_text and fig.source_tables == ["chinese_finance"]
    fig = ie.figure(GDP)
    assert fig.source_tables == ["gdp_per_capita"] and "2012 onward" in fig.alt_text


def test_every_series_changes_the_view():
    views = [ie.summary(s) for s in ie.series_names()]
    assert len(set(views)) == len(views)
    for s in ie.series_names():
        parts = ie.view(s)
        assert len(parts) == 3 and type(parts[1]).__name__ == "Figure"


def test_unknown_series_raises_a_clear_error():
    with pytest.raises(KeyError, match="unknown series"):
        ie.select("GDP of Atlantis")


def test_widget_first_control_is_the_series_dropdown_and_redraws():
    import ipywidgets as w

    box = ie.build()
    controls = list(box.controls.values())
    assert isinstance(controls[0], w.Dropdown) and controls[0].description
    # the years are two labelled menus (a screen reader names them; a slider handle has no name)
    assert all(isinstance(c, w.Dropdown) and c.description for c in controls[1:3])
    box.controls["series"].value = FINANCE
    box.controls["start"].value, box.controls["end"].value = 2010, 2015
    assert box.controls["series"].value == FINANCE
