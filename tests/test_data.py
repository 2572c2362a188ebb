"""The data package: valid by a maintained validator, loaded with the right types,
and a malformed file refused with an error naming file, row and column."""

import re

import frictionless
import pandas as pd
import pytest

from nexus import data


def test_package_is_valid_by_frictionless():
    report = frictionless.validate(str(data.PACKAGE_FILE))
    problems = report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    assert report.valid, problems[:20]


def test_every_csv_in_data_is_described():
    described = {r["path"] for r in data._package()["resources"]}
    on_disk = {p.name for pattern in ("*.csv", "*.geojson") for p in data.DATA_DIR.glob(pattern)}
    assert on_disk == described


@pytest.mark.parametrize("name", data.list_tables())
def test_every_table_loads_with_citation_licence_and_caveats(name):
    frame = data.load(name)
    assert len(frame) > 0
    r = data.info(name)
    assert data.source(name).strip()
    assert data.licence(name).strip()
    assert r.get("sources"), f"{name}: no upstream source"
    assert r.get("caveats", "").strip(), f"{name}: no caveats"
    for field in r["schema"]["fields"]:
        assert field.get("description"), f"{name}.{field['name']} has no description"
        if field["type"] == "number":
            assert field.get("unit"), f"{name}.{field['name']} is a number without a unit"


def test_types_follow_the_schema():
    deaths = data.load("conflict_deaths")
    assert deaths["year"].dtype == "int64"
    assert deaths["deaths"].dtype == "int64"
    assert deaths["deaths_per_100k"].dtype == "float64"
    assert deaths.loc[deaths.year == 2018, "deaths"].item() == 1237
    strength = data.load("minusma_strength")
    assert pd.api.types.is_datetime64_any_dtype(strength["date"])


def test_enum_columns_are_ordered_categoricals():
    r = next(r for r in data._package()["resources"]
             if any("enum" in f.get("constraints", {}) for f in r["schema"]["fields"]))
    field = next(f for f in r["schema"]["fields"] if "enum" in f.get("constraints", {}))
    col = data.load(r["name"])[field["name"]]
    assert isinstance(col.dtype, pd.CategoricalDtype) and col.cat.ordered
    assert list(col.cat.categories) == field["constraints"]["enum"]


def test_load_returns_a_fresh_copy():
    a = data.load("conflict_deaths")
    a.loc[0, "deaths"] = -1
    assert data.load("conflict_deaths").loc[0, "deaths"] == 0


def test_unknown_table_names_the_tables():
    with pytest.raises(KeyError, match="conflict_deaths"):
        data.load("conflict_death")


# --------------------------------------------------------------- malformed files


def _broken(tmp_path, name, edit):
    r = data.info(name)
    text = (data.DATA_DIR / r["path"]).read_text(encoding="utf-8")
    path = tmp_path / r["path"]
    path.write_text(edit(text), encoding="utf-8")
    return path, r["schema"]


def _error(path, schema):
    with pytest.raises(data.DataError) as info:
        data.read_table(path, schema)
    return info.value


def test_missing_column(tmp_path):
    path, schema = _broken(tmp_path, "conflict_deaths",
                           lambda t: "\n".join(",".join(line.split(",")[:2]) for line in t.splitlines()))
    err = _error(path, schema)
    assert (err.row, err.column) == (0, "deaths_per_100k")
    assert "conflict_deaths.csv" in str(err) and "deaths_per_100k" in str(err)


def test_bad_number(tmp_path):
    path, schema = _broken(tmp_path, "conflict_deaths", lambda t: t.replace("2018,1237,", "2018,1.2k,"))
    err = _error(path, schema)
    assert (err.row, err.column) == (19, "deaths")
    assert re.search(r"conflict_deaths\.csv, row 19 \(line 20\), column 'deaths': '1.2k' is not a whole number",
                     str(err))


def test_bad_date(tmp_path):
    path, schema = _broken(tmp_path, "minusma_strength", lambda t: t.replace("2014-02-28", "2014-02-30"))
    err = _error(path, schema)
    assert err.column == "date" and err.row == 8
    assert "minusma_strength.csv" in str(err) and "2014-02-30" in str(err)


def test_empty_file(tmp_path):
    path, schema = _broken(tmp_path, "conflict_deaths", lambda t: "")
    err = _error(path, schema)
    assert err.row == 0 and err.column == "year" and "empty" in str(err)


def test_missing_required_value_and_ragged_row(tmp_path):
    path, schema = _broken(tmp_path, "conflict_deaths", lambda t: t.replace("2005,12,0.09", ",12,0.09"))
    err = _error(path, schema)
    assert (err.row, err.column) == (6, "year")
    path, schema = _broken(tmp_path, "conflict_deaths", lambda t: t.replace("2005,12,0.09", "2005,12"))
    err = _error(path, schema)
    assert err.row == 6 and "2 values" in str(err)


def test_duplicate_key(tmp_path):
    path, schema = _broken(tmp_path, "conflict_deaths", lambda t: t.replace("2005,12,", "2004,12,"))
    err = _error(path, schema)
    assert err.column == "year" and err.row == 6 and "duplicate" in str(err)
