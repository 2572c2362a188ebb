"""Lesson 05: the region table, the two charts and the argument map (logic without a kernel)."""

from itertools import product

import pandas as pd
import pytest
from matplotlib.colors import to_hex

from nexus import charts, data
from nexus.charts import challenges as ch
from nexus.widgets import argument_map as am


@pytest.fixture(scope="module")
def tables():
    return data.load("chinese_projects"), data.load("violence_by_region")


# --------------------------------------------------------------------------- region table


def test_region_table_exact_rows(tables):
    projects, violence = tables
    t = charts.challenges_region_table(projects, violence)
    assert list(t.columns) == ["region", "named_projects", "fatalities_2017_2020",
                               "share_of_fatalities_pct"]
    assert t["region"].tolist() == ["Mopti", "Gao", "Menaka", "Segou", "Tombouctou", "Kidal",
                                    "Koulikoro", "Sikasso", "Kayes", "Bamako", ch.NOT_LOCATED]
    assert t["named_projects"].tolist() == [0, 0, 0, 2, 0, 0, 0, 0, 0, 4, 4]
    assert t["fatalities_2017_2020"].iloc[:10].tolist() == [3969, 1093, 798, 580, 541, 250, 77,
                                                            25, 15, 12]
    assert pd.isna(t["fatalities_2017_2020"].iloc[-1])
    assert t["share_of_fatalities_pct"].iloc[0] == 53.9
    assert t["share_of_fatalities_pct"].iloc[9] == 0.2
    assert t["named_projects"].sum() == len(projects)


def test_region_table_does_not_mutate(tables):
    projects, violence = tables
    before_p, before_v = projects.copy(), violence.copy()
    charts.challenges_region_table(projects, violence)
    pd.testing.assert_frame_equal(projects, before_p)
    pd.testing.assert_frame_equal(violence, before_v)


def test_summary_states_the_numbers(tables):
    text = charts.challenges_summary(*tables)
    assert text.startswith("Of the 10 named projects, 4 have no place")
    assert "4 in Bamako, 2 in Segou (Bamako: 67%)" in text
    assert "7,360 fatalities: 592 (8.0%)" in text and "6,768 (92.0%) in the 8 regions" in text


# --------------------------------------------------------------------------- charts


def _texts(fig):
    return [t.get_text() for t in fig.texts]


def test_projects_vs_fatalities_draws_the_table(tables):
    projects, violence = tables
    fig = charts.challenges_projects_vs_fatalities(projects, violence)
    left, right = fig.axes[:2]
    t = charts.challenges_region_table(projects, violence)
    # left panel: one bar per row (located bars first, then the not-located bar)
    widths = sorted(int(p.get_width()) for p in left.patches)
    assert widths == sorted(t["named_projects"].tolist())
    assert [lab.get_text() for lab in left.get_yticklabels()] == t["region"].tolist()
    hatched = [p for p in left.patches if p.get_hatch()]
    assert len(hatched) == 1 and int(hatched[0].get_width()) == 4
    # right panel: the ten regions' fatalities, Mopti on top
    rw = sorted(int(p.get_width()) for p in right.patches)
    assert rw == sorted(t["fatalities_2017_2020"].iloc[:10].tolist())
    top = max(right.patches, key=lambda p: p.get_y())
    assert int(top.get_width()) == 3969
    assert to_hex(right.patches[0].get_facecolor()) == charts.OKABE_ITO["vermillion"].lower()
    assert right.get_xlabel() == "Fatalities (reported deaths)"
    assert "count" in left.get_xlabel()
    assert fig._suptitle.get_text().startswith("Where the named Chinese projects are")
    assert any(s.startswith("Source: " + data.source("chinese_projects")) for s in _texts(fig))
    assert any(data.source("violence_by_region") in s for s in _texts(fig))
    assert "Bamako 4, Segou 2" in fig.alt_text and "7,360" in fig.alt_text
    assert "3,969" in fig.alt_text and "Bamako has 12" in fig.alt_text


def test_heatmap_cells_and_labels(tables):
    projects, violence = tables
    fig = charts.challenges_fatalities_heatmap(violence, projects)
    ax = fig.axes[0]
    grid = ax.images[0].get_array()
    assert grid.shape == (10, 4)
    assert grid[0].tolist() == [292, 830, 1265, 1582]  # Mopti first
    assert bool(grid.mask[8, 0])  # Kayes 2017: no row, shown as missing, not 0
    labels = [lab.get_text() for lab in ax.get_yticklabels()]
    assert labels[0] == "Mopti  (none named)"
    assert labels[3] == "Segou  \u25C6 2 named projects" and labels[-1] == "Bamako  \u25C6 4 named projects"
    assert [lab.get_text() for lab in ax.get_xticklabels()] == ["2017", "2018", "2019", "2020"]
    cell_text = [t.get_text() for t in ax.texts]
    assert "1,582" in cell_text and "\u2013 (no events)" in cell_text
    assert ax.get_title(loc="left") == "Fatalities by region and year, 2017-2020"
    assert "292 in 2017 to 1,582 in 2020" in fig.alt_text
    assert "Kayes in 2017" in fig.alt_text and "Bamako (12 fatalities" in fig.alt_text


def test_charts_are_stable_pngs(tables):
    projects, violence = tables
    a = charts.png_bytes(charts.challenges_fatalities_heatmap(violence, projects))
    b = charts.png_bytes(charts.challenges_fatalities_heatmap(violence, projects))
    assert a == b and a[:4] == b"\x89PNG"


# --------------------------------------------------------------------------- argument map


def test_rule_table_has_all_eight_combinations():
    t = am.rule_table(True, True, False)
    assert len(t) == 8 and list(t.columns) == am.COLUMNS
    combos = set(zip(t["development"], t["security"], t["governance"], strict=True))
    assert combos == set(product(["yes", "no"], repeat=3))
    assert t[""].tolist().count(am.MARK) == 1
    marked = t[t[""] == am.MARK].iloc[0]
    assert (marked["development"], marked["security"], marked["governance"]) == ("yes", "yes", "no")
    assert marked["claims"] == ("C44 projects fragile without state control; C49 efficient engineers and "
                                "hospital; C65 much invested in development; C66 not nearly enough on governance")
    assert t["combination"].iloc[0] == "No engagement"
    assert t["combination"].iloc[-1] == "All three legs (what the brief calls for)"


def test_every_rule_cites_existing_claims():
    ids = set(data.load("brief_claims")["id"])
    for key, (_name, _argues, how, cites) in am.RULES.items():
        assert how in (am.DIRECT, am.INFERRED)
        for cid in filter(None, (c.strip() for c in cites.split(";"))):
            assert cid in ids, (key, cid)
            assert cid in am.CLAIM_NAMES, f"{cid} is cited without a name"
        if how == am.DIRECT:
            assert cites, key


def test_reading_for_development_alone_and_all_three():
    text = am.reading(True, False, False)
    assert text.startswith("**Your engagement: development.** Development alone:")
    assert "destroyed" in text and "not a prediction" in text
    assert "(claims C40 potential for growth and jobs; C43 too little attention to governance; C44 " in text
    full = am.reading(True, True, True)
    assert "what the brief calls for" in full and "C64" in full
    none = am.reading(False, False, False)
    assert none.startswith("**Your engagement: no leg.**") and "claims" not in none.split("*Source")[0]


def test_every_combination_reads_differently():
    texts = {am.reading(*c) for c in product([False, True], repeat=3)}
    assert len(texts) == 8


def test_highlighted_html_marks_one_row():
    html = am.HighlightedTable(am.rule_table(False, True, True))._repr_html_()
    assert html.count("<tr") == 9 and html.count("font-weight:bold") == 1
    assert "not a prediction" in html
    assert "Security + governance" in html


def test_widget_first_control_changes_output():
    box = am.build()
    first = list(box.controls)[0]
    assert first == "development"
    assert box.controls["development"].description == "Development"
    before = am.reading(**{k: c.value for k, c in box.controls.items()})
    box.controls["development"].value = not box.controls["development"].value
    after = am.reading(**{k: c.value for k, c in box.controls.items()})
    assert before != after
