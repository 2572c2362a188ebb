"""The generic sorter: right, also defensible, not yet, not sorted - and no answer given away."""

import pandas as pd

from nexus.widgets import sorter

ITEMS = pd.DataFrame({
    "item": ["Arms sales", "Scholarships", "Hospital in Gao"],
    "category": ["military", "development", "military"],
    "also": ["", "", "development"],
    "explanation": ["Weapons are a military instrument.", "Human capital.", "A field hospital of the mission."],
})


def test_grade_each_result():
    graded = sorter.grade(ITEMS, {"Arms sales": "military", "Scholarships": "governance",
                                  "Hospital in Gao": "development"})
    assert graded["result"].tolist() == ["right", "not yet", "also defensible"]
    assert graded.loc[1, "why"] == "Human capital."
    assert "development" not in graded.loc[1].tolist()[:3]  # the right category is not revealed


def test_unsorted_and_score():
    graded = sorter.grade(ITEMS, {"Arms sales": "military"})
    assert graded["result"].tolist() == ["right", "not sorted", "not sorted"]
    assert graded.loc[1, "why"] == ""
    assert sorter.score(graded) == "1 of 3 sorted: 1 right, 0 also defensible, 0 not yet."


def test_widget_updates_when_first_menu_changes():
    box = sorter.build(ITEMS, ["military", "development", "governance"], title="Sort")
    first = box.controls["item_0"]
    assert first.options[0] == sorter.UNSORTED
    first.value = "military"  # observers run without a kernel; the logic must not raise
    assert first.value == "military"
