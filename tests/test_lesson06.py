"""Lesson 06: the recommendation charts and the prioritiser's logic, without a kernel."""

import pandas as pd
import pytest
from matplotlib.colors import to_hex

from nexus import charts, data
from nexus.widgets import prioritiser as pr

IDS = ["R1", "R2", "R3", "R4", "R5", "R6"]


@pytest.fixture(scope="module")
def recs():
    return data.load("brief_recommendations")


@pytest.fixture(scope="module")
def challenges():
    return data.load("brief_challenges")


def _texts(fig):
    return [t.get_text() for t in fig.texts]


# --------------------------------------------------------------------------- links and charts


def test_links_split_the_strings_and_leave_out_policy_points(recs):
    links = charts.recommendation_links(recs)
    assert list(links.columns) == ["id", "short_name", "challenge", "challenge_name"]
    assert links.loc[links["challenge"] == "CH1", "challenge_name"].tolist() == ["Governance"]
    assert list(zip(links["id"], links["challenge"], strict=True)) == [
        ("R1", "CH2"), ("R1", "CH3"), ("R2", "CH2"), ("R3", "CH3"), ("R4", "CH3"), ("R5", "CH1"),
        ("R6", "CH0")]
    with_points = charts.recommendation_links(recs, policy_points=True)
    assert len(with_points) == 11 and {"P1", "P2", "P3"} <= set(with_points["id"])


def test_matrix_marks_exactly_the_links(recs, challenges):
    fig = charts.recommendation_challenge_matrix(recs, challenges)
    ax = fig.axes[0]
    marked = sorted((round(line.get_xdata()[0]), round(line.get_ydata()[0] + 0.1)) for line in ax.lines)
    # (challenge column, recommendation row)
    assert marked == sorted([(2, 0), (3, 0), (2, 1), (3, 2), (3, 3), (1, 4), (0, 5)])
    assert sum(t.get_text() == "answers" for t in ax.texts) == 7
    assert [t.get_text().split()[0] for t in ax.get_yticklabels()] == IDS
    xlabels = [t.get_text() for t in ax.get_xticklabels()]
    assert [x.splitlines()[0] for x in xlabels] == ["CH0", "CH1", "CH2", "CH3"]
    assert xlabels[3].endswith("(3 answers)") and xlabels[1].endswith("(1 answer)")
    assert ax.get_title(loc="left") == "Which challenge does each recommendation answer?"
    assert any(t.startswith("Source: " + data.source("brief_recommendations")) for t in _texts(fig))
    assert ("R1 Know Mali's context; go beyond Bamako answers CH2 Bamako-centred and CH3 Peacekeeping and "
            "local ties") in fig.alt_text
    assert "R5 Assess conflict impact of infrastructure answers CH1 Governance" in fig.alt_text
    assert ("CH0 General limits 1, CH1 Governance 1, CH2 Bamako-centred 2, CH3 Peacekeeping and local ties 3"
            in fig.alt_text)


def test_counts_chart_heights_and_least_answered(recs, challenges):
    fig = charts.recommendations_per_challenge(recs, challenges)
    ax = fig.axes[0]
    assert [int(p.get_height()) for p in ax.patches] == [1, 1, 2, 3]
    hatched = [i for i, p in enumerate(ax.patches) if p.get_hatch()]
    assert hatched == [1]  # CH1
    assert to_hex(ax.patches[0].get_facecolor()) == charts.OKABE_ITO["grey"].lower()
    assert ax.get_ylabel() == "Recommendations (count, of 6)" and ax.get_xlabel() == "Challenge"
    assert "least answered is CH1 Governance, with 1" in fig.alt_text
    assert "CH3 Peacekeeping and local ties 3" in fig.alt_text


def test_charts_do_not_mutate_their_input(recs, challenges):
    before = recs.copy()
    charts.recommendation_challenge_matrix(recs, challenges)
    charts.recommendations_per_challenge(recs, challenges)
    pd.testing.assert_frame_equal(recs, before)


# --------------------------------------------------------------------------- prioritiser logic


def test_default_ranking_is_brief_order_all_nine():
    rank = pr.ranking()
    assert list(rank.columns) == pr.COLUMNS
    assert rank["id"].tolist() == IDS and rank["rank"].tolist() == [1, 2, 3, 4, 5, 6]
    assert rank["score"].tolist() == [9] * 6
    assert rank.loc[0, "recommendation"] == "Know Mali's context; go beyond Bamako"
    assert pr.summary(rank) == (
        "Your top priority: R1 Know Mali's context; go beyond Bamako (impact 3 × feasibility 3 = 9). "
        "6 recommendations share this score (R1 Know Mali's context; go beyond Bamako · R2 Widen diplomatic "
        "channels · R3 Faster Gao hospital, smoother collaboration · R4 Lead in MINUSMA civilian protection · "
        "R5 Assess conflict impact of infrastructure · R6 Coordinate beyond MINUSMA); ties are broken by "
        "recommendation number.")


def test_ranking_scores_and_tie_break():
    rank = pr.ranking({"R5": (5, 4), "R2": (1, 2), "R6": (2, 2), "R4": (4, 1)})
    assert rank[["id", "score"]].values.tolist() == [
        ["R5", 20], ["R1", 9], ["R3", 9], ["R4", 4], ["R6", 4], ["R2", 2]]
    assert rank.loc[0, ["impact", "feasibility"]].tolist() == [5, 4]
    assert pr.summary(rank) == ("Your top priority: R5 Assess conflict impact of infrastructure "
                                "(impact 5 × feasibility 4 = 20).")
    same = pr.ranking({"R5": {"impact": 5, "feasibility": 4}, "R2": (1, 2), "R6": (2, 2), "R4": (4, 1)})
    pd.testing.assert_frame_equal(rank, same)


def test_first_slider_changes_the_output():
    base = pr.view(None, **{f"{r}_{p}": 3 for r in IDS for p in ("impact", "feasibility")})
    moved = pr.view(None, **{**{f"{r}_{p}": 3 for r in IDS for p in ("impact", "feasibility")},
                             "R1_impact": 5})
    assert base[0] != moved[0]
    assert moved[1].loc[0, "score"] == 15 and moved[2].alt_text != base[2].alt_text
    lowered = pr.view(None, R1_impact=2)
    assert lowered[1]["id"].tolist() == ["R2", "R3", "R4", "R5", "R6", "R1"]


@pytest.mark.parametrize("bad", [{"R1": (0, 3)}, {"R1": (3, 6)}, {"R1": (2.5, 3)}, {"R9": (3, 3)},
                                 {"R1": (True, 3)}])
def test_ranking_refuses_bad_scores(bad):
    with pytest.raises(ValueError):
        pr.ranking(bad)


def test_scores_from_values():
    assert pr.scores_from_values({"R1_impact": 5, "R1_feasibility": 2, "R2_impact": 1}) == {
        "R1": (5, 2), "R2": (1, 3)}


def test_csv_and_markdown_exports():
    rank = pr.ranking({"R3": (5, 5)})
    csv = pr.to_csv(rank)
    lines = csv.splitlines()
    assert lines[0] == "rank,id,recommendation,impact,feasibility,score"
    assert lines[1] == '1,R3,"Faster Gao hospital, smoother collaboration",5,5,25'
    assert len(lines) == 7 and csv.endswith("\n")
    assert pd.read_csv(__import__("io").StringIO(csv))["id"].tolist() == ["R3", "R1", "R2", "R4", "R5", "R6"]
    md = pr.to_markdown(rank).splitlines()
    assert md[0] == "| rank | id | recommendation | impact | feasibility | score |"
    assert md[1] == "|---:|---|---|---:|---:|---:|"
    assert md[2] == "| 1 | R3 | Faster Gao hospital, smoother collaboration | 5 | 5 | 25 |"
    assert len(md) == 8


def test_markdown_escapes_pipes():
    rank = pr.ranking().assign(recommendation=["a|b"] * 6)
    assert "| a\\|b |" in pr.to_markdown(rank)


def test_priorities_chart():
    rank = pr.ranking({"R5": (5, 5), "R1": (1, 1)})
    fig = pr.figure(rank)
    ax = fig.axes[0]
    assert [int(p.get_width()) for p in ax.patches] == [25, 9, 9, 9, 9, 1]
    assert [t.get_text().split()[1] for t in ax.get_yticklabels()] == ["R5", "R2", "R3", "R4", "R6", "R1"]
    assert "Top: R5 Assess conflict impact of infrastructure with 25." in fig.alt_text
    assert "Order: R5 25, R2 9, R3 9, R4 9, R6 9, R1 1." in fig.alt_text
    assert "impact × feasibility" in ax.get_xlabel()
    default = pr.figure(pr.ranking())
    assert "tied with 5 others and placed first by recommendation number" in default.alt_text


def test_export_writes_only_into_my_answers(tmp_path, monkeypatch):
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))
    rank = pr.ranking({"R2": (4, 4)})
    path = pr.export(rank, "csv")
    assert path == (tmp_path / "06-priorities.csv").resolve()
    assert path.read_text(encoding="utf-8") == pr.to_csv(rank)
    assert pr.export_message(rank, "md") == "Saved as my-answers/06-priorities.md."
    assert (tmp_path / "06-priorities.md").read_text(encoding="utf-8") == pr.to_markdown(rank)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["06-priorities.csv", "06-priorities.md"]
    assert pr.export_message(rank, "xlsx").startswith("Not saved:")


def test_export_to_a_read_only_place_gives_a_message(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(blocked / "sub"))
    assert pr.export_message(pr.ranking(), "csv").startswith("Not saved:")


def test_widget_shell(tmp_path, monkeypatch):
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))
    import ipywidgets as w

    box = pr.build()
    names = list(box.controls)
    assert names[0] == "R1_impact" and len(names) == 12
    assert all(isinstance(c, w.Dropdown) and c.description and c.value == 3 and list(c.options) == [1, 2, 3, 4, 5]
               for c in box.controls.values())
    first_row = box.children[2].children[0]
    assert first_row.children[1] is box.controls["R1_impact"]
    box.controls["R1_impact"].value = 5
    box.format.value = "md"
    box.export()
    assert "06-priorities.md" in box.status.value
    saved = (tmp_path / "06-priorities.md").read_text(encoding="utf-8")
    assert "| 1 | R1 | Know Mali's context; go beyond Bamako | 5 | 3 | 15 |" in saved
