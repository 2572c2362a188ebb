"""Lesson 00's claims explorer: logic tested without a kernel."""

from nexus import data
from nexus.widgets import claims_explorer as ce


def test_sections_follow_the_brief():
    claims = data.load("brief_claims")
    secs = ce.sections(claims)
    assert secs[0] == "opening" and "recommendations" in secs


def test_table_and_summary_for_recommendations():
    claims = data.load("brief_claims")
    table = ce.claims_table(claims, "recommendations", "recommendation")
    assert len(table) == 6
    assert list(table.columns) == ce.COLUMNS
    assert set(table["kind"]) == {"recommendation"}
    assert ce.summary(claims, "recommendations", "recommendation").startswith("'recommendations': 6 items")


def test_all_kinds_and_empty_selection():
    claims = data.load("brief_claims")
    every = ce.claims_table(claims, "opening")
    assert len(every) == (claims["section"] == "opening").sum()
    assert "has no" in ce.summary(claims, "opening", "recommendation")
    assert ce.claims_table(claims, "opening", "recommendation").empty


def test_widget_redraws_on_change():
    box = ce.build()
    section = box.controls["section"]
    section.value = "recommendations"
    assert box.controls["kind"].value == ce.ALL
