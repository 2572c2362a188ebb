"""One loader for every table of the suite.

The tables live in ``data/`` beside this package and are described in
``data/datapackage.json`` (a Frictionless Data Package). Each table's schema
says which type every column has; :func:`load` returns a pandas DataFrame typed
from that schema and refuses a malformed file with one clear error that names
the file, the row and the column.

Examples
--------
>>> from nexus import data
>>> "conflict_deaths" in data.list_tables()
True
>>> deaths = data.load("conflict_deaths")
>>> int(deaths.loc[deaths.year == 2018, "deaths"].iloc[0])
1237
>>> data.source("conflict_deaths").startswith("UCDP")
True
"""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

import pandas as pd

# Tables of the suite hold sentences (the brief's claims in our words): show them whole
# rather than cut at pandas' default 50 characters.
pd.set_option("display.max_colwidth", None)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PACKAGE_FILE = DATA_DIR / "datapackage.json"

__all__ = ["DataError", "load", "load_geojson", "list_tables", "info", "source", "licence", "describe"]

_TRUE = {"true", "True", "TRUE", "1", "yes"}
_FALSE = {"false", "False", "FALSE", "0", "no"}


class DataError(ValueError):
    """A table could not be read. The message names file, row and column.

    ``row`` counts data rows from 1 (the header is row 0), so row 5 is the
    6th line of the file; ``column`` is the column's name.
    """

    def __init__(self, file, row, column, problem):
        self.file, self.row, self.column, self.problem = str(file), row, column, problem
        where = f"{self.file}, row {row}" if row is not None else self.file
        if row:
            where += f" (line {row + 1})"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {problem}")


@cache
def _package(path: str = str(PACKAGE_FILE)) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def list_tables() -> list[str]:
    """Names of every table in the data package, in alphabetical order.

    Only tables (CSV files with a schema) are listed; the package's one map,
    ``mali_regions`` (GeoJSON), is read with :func:`load_geojson`.
    """
    return sorted(r["name"] for r in _package()["resources"] if _is_table(r))


def _is_table(resource: dict) -> bool:
    return resource.get("profile") == "tabular-data-resource"


def info(name: str) -> dict:
    """The data-package entry of a table: title, description, schema, sources, licences, caveats."""
    for resource in _package()["resources"]:
        if resource["name"] == name:
            return resource
    close = [t for t in list_tables() if name.split("_")[0] in t]
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise KeyError(f"There is no table called '{name}'.{hint} Tables: {', '.join(list_tables())}")


def source(name: str) -> str:
    """The one-line citation of a table, as printed under every chart."""
    return info(name)["citation"]


def licence(name: str) -> str:
    """The licence(s) of a table, e.g. 'CC-BY-4.0'."""
    return ", ".join(lic.get("name", lic.get("title", "")) for lic in info(name).get("licenses", []))


def describe(name: str) -> str:
    """A short plain-text description of a table: title, source, licence, caveats, columns."""
    r = info(name)
    lines = [r.get("title", name), f"Source: {source(name)}", f"Licence: {licence(name)}"]
    if r.get("caveats"):
        lines.append(f"Caveats: {r['caveats']}")
    if "schema" not in r:
        return "\n".join(lines + [f"Format: {r.get('format', '')} (read with data.load_geojson)"])
    lines.append("Columns:")
    for f in r["schema"]["fields"]:
        unit = f" [{f['unit']}]" if f.get("unit") else ""
        lines.append(f"  {f['name']} ({f['type']}){unit}: {f.get('description', '')}")
    return "\n".join(lines)


def load(name: str) -> pd.DataFrame:
    """Load a table as a DataFrame typed from its schema.

    Dates become ``datetime64``, integers ``int64`` (``Int64`` when a value may be
    missing), numbers ``float64``, booleans ``bool``, and text columns whose schema
    lists the allowed values (``constraints.enum``) an ordered categorical.
    You get a fresh copy each time: change it freely.
    """
    return _load_cached(name).copy()


@cache
def _load_cached(name: str) -> pd.DataFrame:
    resource = info(name)
    if not _is_table(resource):
        raise KeyError(f"'{name}' is a {resource.get('format', 'non-table')} file, not a table: "
                       f"read it with data.load_geojson('{name}')")
    return read_table(DATA_DIR / resource["path"], resource["schema"])


def load_geojson(name: str) -> dict:
    """A GeoJSON resource of the data package (e.g. ``"mali_regions"``) as a dict.

    >>> regions = load_geojson("mali_regions")
    >>> len(regions["features"])
    9

    You get a fresh copy each time: change it freely.
    """
    import copy

    return copy.deepcopy(_geojson_cached(name))


@cache
def _geojson_cached(name: str) -> dict:
    resource = info(name)
    if resource.get("format") != "geojson":
        raise KeyError(f"'{name}' is not a GeoJSON file: load it with data.load('{name}')")
    path = DATA_DIR / resource["path"]
    try:
        with open(path, encoding="utf-8") as f:
            collection = json.load(f)
    except FileNotFoundError:
        raise DataError(f"data/{path.name}", None, None, "the file is missing") from None
    except json.JSONDecodeError as e:
        raise DataError(f"data/{path.name}", None, None, f"not valid JSON ({e.msg}, line {e.lineno})") from None
    if collection.get("type") != "FeatureCollection" or not collection.get("features"):
        raise DataError(f"data/{path.name}", None, None, "expected a GeoJSON FeatureCollection with features")
    return collection


def read_table(path: Path, schema: dict) -> pd.DataFrame:
    """Read one CSV file against a Table Schema (the work behind :func:`load`)."""
    path = Path(path)
    shown = f"data/{path.name}" if path.parent == DATA_DIR else str(path)
    fields = schema["fields"]
    missing_values = set(schema.get("missingValues", [""]))
    try:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
    except FileNotFoundError:
        raise DataError(shown, None, None, "the file is missing") from None
    except UnicodeDecodeError as e:
        raise DataError(shown, None, None, f"the file is not UTF-8 text ({e.reason})") from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise DataError(shown, 0, fields[0]["name"],
                        "the file is empty; expected a header row with the columns "
                        + ", ".join(f["name"] for f in fields))
    header = rows[0]
    for f in fields:
        if f["name"] not in header:
            raise DataError(shown, 0, f["name"], "this column is missing from the header row")
    for col in header:
        if col not in {f["name"] for f in fields}:
            raise DataError(shown, 0, col, "this column is not described in data/datapackage.json")
    for i, row in enumerate(rows[1:], start=1):
        if len(row) != len(header):
            raise DataError(shown, i, header[min(len(row), len(header) - 1)],
                            f"the row has {len(row)} values but the header has {len(header)} columns")
    index = {col: k for k, col in enumerate(header)}
    columns = {}
    for f in fields:
        raw = [row[index[f["name"]]] for row in rows[1:]]
        columns[f["name"]] = _convert(raw, f, shown, missing_values)
    frame = pd.DataFrame(columns, columns=[f["name"] for f in fields])
    key = schema.get("primaryKey")
    if key:
        key = [key] if isinstance(key, str) else list(key)
        dup = frame.duplicated(subset=key, keep="first")
        if dup.any():
            i = int(dup.to_numpy().nonzero()[0][0]) + 1
            raise DataError(shown, i, key[0], f"duplicate key {frame.loc[i - 1, key].tolist()}")
    return frame


def _convert(raw: list[str], field: dict, file: str, missing_values: set[str]):
    name, kind = field["name"], field.get("type", "string")
    constraints = field.get("constraints", {})
    values = []
    for i, text in enumerate(raw, start=1):
        if text in missing_values:
            if constraints.get("required"):
                raise DataError(file, i, name, "a value is required here but the cell is empty")
            values.append(None)
            continue
        try:
            value = _parse(text, kind)
        except ValueError:
            expected = {"integer": "a whole number", "year": "a year like 2018",
                        "number": "a number", "date": "a date like 2018-07-31",
                        "boolean": "true or false"}.get(kind, kind)
            raise DataError(file, i, name, f"'{text}' is not {expected}") from None
        enum = constraints.get("enum")
        if enum is not None and value not in enum:
            raise DataError(file, i, name, f"'{text}' is not one of the allowed values {enum}")
        minimum = constraints.get("minimum")
        if minimum is not None and kind in ("integer", "number", "year") and value < minimum:
            raise DataError(file, i, name, f"{text} is below the minimum {minimum}")
        values.append(value)
    has_missing = any(v is None for v in values)
    if kind in ("integer", "year"):
        return pd.array(values, dtype="Int64" if has_missing else "int64")
    if kind == "number":
        return pd.array([float("nan") if v is None else v for v in values], dtype="float64")
    if kind == "date":
        return pd.to_datetime(pd.Series(values, dtype="object"), format="%Y-%m-%d").array
    if kind == "boolean":
        return pd.array(values, dtype="boolean" if has_missing else "bool")
    if constraints.get("enum") is not None:
        return pd.Categorical(values, categories=constraints["enum"], ordered=True)
    return pd.array(values, dtype="str")


def _parse(text: str, kind: str):
    if kind in ("integer", "year"):
        if not text.lstrip("-").isdigit():
            raise ValueError(text)
        return int(text)
    if kind == "number":
        value = float(text)
        if value != value:  # NaN spelled out in a file is not a number we accept
            raise ValueError(text)
        return value
    if kind == "date":
        return pd.Timestamp.fromisoformat(text) if len(text) == 10 else _bad(text)
    if kind == "boolean":
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(text)
    return text


def _bad(text):
    raise ValueError(text)
