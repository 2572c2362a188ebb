"""Expectations and checks shared by several exercises, computed from the tables.

When two exercises ask for the same thing (China's December snapshots in exercises
01 and 04), they use the same expectation and the same hints from here, so the
same mistake gets the same reply in both.
"""

from __future__ import annotations

from functools import cache

from nexus import data
from nexus.feedback import rubric

__all__ = ["SNAPSHOT", "MARCH", "MEAN", "p5", "china_december", "china_december_chart", "PEOPLE_UNITS"]

SNAPSHOT = "December snapshot"
MARCH = "March snapshot"
MEAN = "annual mean of monthly reports"
PEOPLE_UNITS = ("people", "persons", "number of", "count", "headcount")


@cache
def p5():
    """The peacekeepers_p5 table (loaded once)."""
    return data.load("peacekeepers_p5")


def _rows(country=None, measure=None):
    t = p5()
    if country is not None:
        t = t[t["country"].astype(str) == country]
    if measure is not None:
        t = t[t["measure"].astype(str) == measure]
    return t


@cache
def china_december() -> dict:
    """{year: personnel} of China's December snapshots (1990-2013)."""
    rows = _rows("China", SNAPSHOT).sort_values("year")
    return {int(y): float(v) for y, v in zip(rows["year"], rows["personnel"], strict=True)}


def _pairs(rows):
    return sorted((str(int(y)), float(v)) for y, v in zip(rows["year"], rows["personnel"], strict=True))


@cache
def _chart_mistakes():
    china_all = _pairs(_rows("China"))
    dec_all = _pairs(_rows(measure=SNAPSHOT))
    with_march = dict(china_december())
    march = _rows("China", MARCH)
    for y, v in zip(march["year"], march["personnel"], strict=True):
        with_march[int(y)] = float(v)
    out = [
        (
            lambda d: sorted(zip(d.keys, d.values, strict=True)) == china_all,
            "your line has two or three points for some years: it runs through all of China's rows, "
            "mixing the December snapshots, the March 2014 snapshot and the annual means. Keep only the "
            "rows whose measure is 'December snapshot'.",
        ),
        (
            lambda d: sorted(zip(d.keys, d.values, strict=True)) == dec_all,
            "your line has five points for each year: it runs through the December snapshots of all "
            "five countries. Keep only the rows where country is 'China'.",
        ),
        (
            with_march,
            "your line includes the March 2014 snapshot, a different month (and a partial "
            "year). Keep only the rows whose measure is 'December snapshot'.",
        ),
    ]
    for country in sorted(set(p5()["country"].astype(str)) - {"China"}):
        rows = _rows(country, SNAPSHOT)
        out.append(
            (
                {int(y): float(v) for y, v in zip(rows["year"], rows["personnel"], strict=True)},
                f"this line shows {country}'s December snapshots, not China's. Keep only the rows "
                "where country is 'China'.",
            )
        )
    return out


def china_december_chart(answer, right: str):
    """The line chart of China's December snapshots, 1990-2013 (exercises 01 and 04)."""
    return rubric.judge(
        answer,
        china_december(),
        kind="line",
        units=PEOPLE_UNITS,
        unit_example="Uniformed personnel (people)",
        what="China's December snapshots, 1990-2013",
        right=right,
        mistakes=_chart_mistakes(),
        compared="Keep China's rows whose measure is 'December snapshot', then plot year against personnel.",
    )
