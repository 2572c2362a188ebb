"""Lesson 07: the synthesis charts, the memo builder's logic and the final self-assessment."""

import json
from pathlib import Path

import pytest

from nexus import charts, data
from nexus.charts import synthesis
from nexus.widgets import memo

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _answers_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))


def _texts(fig):
    return [t.get_text() for t in fig.texts]


# --------------------------------------------------------------------------- evidence base


def test_statements_by_section_counts_every_statement():
    table = synthesis.statements_by_section(data.load("brief_claims"))
    assert list(table.index) == synthesis.SECTIONS
    assert table["total"].tolist() == [11, 10, 9, 9, 12, 9, 3, 6]
    assert table["tested"].tolist() == [1, 5, 4, 3, 1, 0, 0, 1]
    assert int(table["total"].sum()) == 69 and int(table["tested"].sum()) == 15
    assert table.loc["recommendations", "recommendation"] == 6
    assert table.loc["policy points", "policy point"] == 3


def test_evidence_base_chart_draws_the_counts():
    claims = data.load("brief_claims")
    fig = charts.synthesis_evidence_base(claims)
    ax = fig.axes[0]
    widths = {}
    for patch in ax.patches:
        y = round(patch.get_y() + patch.get_height() / 2)
        widths[y] = widths.get(y, 0) + patch.get_width()
    # bars run top (first section) to bottom
    assert [int(widths[y]) for y in sorted(widths, reverse=True)] == [11, 10, 9, 9, 12, 9, 3, 6]
    assert ax.get_title(loc="left") == "The brief's evidence base: statements per section"
    assert "statements" in ax.get_xlabel()
    assert any(t.startswith("Source: " + data.source("brief_claims")) for t in _texts(fig))
    assert "15 of 69" in fig.alt_text and "footprint 10 (5 tested)" in fig.alt_text
    assert "none can be tested in: recommendations, policy points" in fig.alt_text
    labels = [t.get_text() for t in ax.texts]
    assert "11 (1 tested with data)" in labels
    assert "3 (repeats of three recommendations; 0 tested with data)" in labels


# --------------------------------------------------------------------------- practice vs advice


def test_practice_and_advice_counts():
    assert synthesis.observed_by_lens(data.load("brief_instruments")).tolist() == [7, 10, 1]
    advice = synthesis.advice_by_challenge(data.load("brief_recommendations"))
    assert advice.to_dict() == {"CH0": 1, "CH1": 1, "CH2": 2, "CH3": 3}


def test_practice_vs_advice_chart():
    fig = charts.synthesis_practice_vs_advice(data.load("brief_instruments"),
                                              data.load("brief_recommendations"),
                                              data.load("brief_challenges"))
    left, right = fig.axes[:2]
    assert [int(p.get_height()) for p in left.patches] == [7, 10, 1]
    assert [int(p.get_height()) for p in right.patches] == [1, 1, 2, 3]
    assert left.patches[2].get_hatch() == "///" and right.patches[1].get_hatch() == "///"
    assert left.patches[1].get_hatch() is None
    assert "Instruments" in left.get_ylabel() and "Recommendations" in right.get_ylabel()
    assert fig._suptitle.get_text() == "Development-heavy practice, governance-light advice"
    assert "7 are military, 10 development and 1 governance" in fig.alt_text
    assert "1 answers CH1 Governance" in fig.alt_text
    assert "3 answer CH3 Peacekeeping and local ties" in fig.alt_text
    assert "least answered is CH1 Governance" in fig.alt_text
    assert set(fig.source_tables) == {"brief_instruments", "brief_recommendations"}


# --------------------------------------------------------------------------- regional rows


def test_scope_totals_never_add_the_scopes():
    wide = synthesis.scope_totals(data.load("conflict_deaths_by_type"), 2019, 2022)
    assert list(wide.columns) == [synthesis.MALI, synthesis.MULTI]
    assert wide.index.tolist() == [2019, 2020, 2021, 2022]
    assert wide[synthesis.MALI].tolist() == [998, 1101, 1079, 2086]
    assert wide[synthesis.MULTI].tolist() == [428, 662, 421, 903]
    full = synthesis.scope_totals(data.load("conflict_deaths_by_type"))
    assert full.index.min() == 2008 and full.index.max() == 2022


def test_regional_rows_chart_draws_two_separate_lines():
    deaths = data.load("conflict_deaths_by_type")
    fig = charts.synthesis_regional_rows(deaths)
    ax = fig.axes[0]
    wide = synthesis.scope_totals(deaths, 2012)
    data_lines = [line for line in ax.lines if len(line.get_xdata()) > 2]
    assert len(data_lines) == 2
    assert list(data_lines[0].get_xdata()) == list(range(2012, 2023))
    assert list(data_lines[0].get_ydata()) == wide[synthesis.MALI].tolist()
    assert list(data_lines[1].get_ydata()) == wide[synthesis.MULTI].tolist()
    added = (wide[synthesis.MALI] + wide[synthesis.MULTI]).tolist()
    assert all(list(line.get_ydata()) != added for line in ax.lines)
    assert data_lines[1].get_linestyle() == "--"
    assert ax.get_ylabel() == "Deaths (UCDP best estimate)" and ax.get_xlabel() == "Year"
    assert "never added together" in fig.alt_text
    assert "2022: 2,086 Mali only, 903 multi-country" in fig.alt_text
    assert "first pass 100 deaths in 2018" in fig.alt_text
    assert all(float(t).is_integer() for t in ax.get_xticks())


# --------------------------------------------------------------------------- memo builder


def test_evidence_items_are_computed_and_cited():
    items = memo.evidence_items().set_index("label")
    assert list(items.index) == list(memo.EVIDENCE)
    assert items.loc["deaths 2018-2020 (UCDP)", "statement"] == (
        "UCDP records 936, 998 and 1,101 deaths in organised violence located in Mali alone in 2018, "
        "2019 and 2020, against 529 in 2017 (all three types of violence).")
    assert items.loc["regional rows 2019-2022 (UCDP)", "statement"].startswith(
        "UCDP rows that span Mali and neighbouring countries record a further 428, 662, 421 and 903 deaths")
    assert items.loc["China 4th import partner (brief)", "statement"].startswith(
        "China is Mali's import partner number 4 (after Senegal, Côte d'Ivoire and France)")
    assert "184 of 189" in items.loc["Mali 184th of 189 in the 2019 HDI (UNDP, via the brief)", "statement"]
    assert "45%" in items.loc["violence moves to the centre (ACLED)", "statement"]
    assert "65% in 2020" in items.loc["violence moves to the centre (ACLED)", "statement"]
    assert "403, 415 and 426" in items.loc["China in MINUSMA, about 400 (UN)", "statement"]
    assert "4 are in Bamako, 2 in Segou, and 4 have no place; none is in Mopti" in \
        items.loc["projects by region (AidData, partial)", "statement"]
    assert "1 of the six recommendations (R5 Assess conflict impact of infrastructure) answers CH1 Governance" in \
        items.loc["CH1 Governance answered by R5 alone (suite's reading)", "statement"]
    senou = items.loc["Senou centre still unused in 2020 (brief)", "statement"]
    assert "July 2018" in senou and "the brief does not say why" in senou
    assert "without the conditions" not in senou  # the suite's reading is not put in the brief's mouth
    for _, row in items.iterrows():
        assert row["source"] == data.source(row["table"])


def test_recommendation_options():
    options = memo.recommendation_options()
    assert [v for _, v in options] == ["R1", "R2", "R3", "R4", "R5", "R6", memo.OWN, memo.NONE]
    assert options[4][0] == "R5 Assess conflict impact of infrastructure"


def test_memo_markdown_structure_and_audience():
    text = memo.memo_markdown("Beijing", ["R5"], ["deaths 2018-2020 (UCDP)"], "My argument.")
    lines = text.splitlines()
    assert lines[0] == "# Policy memo: China's role in Mali"
    for heading in ("## Summary", "## Recommendations", "## Evidence", "## Argument",
                    "## What this memo leaves open"):
        assert heading in lines
    assert "**To:** Ministry of Foreign Affairs of the People's Republic of China, Beijing  " in lines
    assert memo.AUDIENCES["Beijing"][1] in lines
    assert ("1. **R5 Assess conflict impact of infrastructure.** Undertake any infrastructure project only "
            "after a proper evaluation of its impact on the conflict. *Answers:* CH1 Governance.") in lines
    assert any(line.startswith("- **deaths 2018-2020 (UCDP)** (lesson 03): UCDP records 936") and
               line.endswith(f"*Source:* {data.source('conflict_deaths_by_type')} (table `conflict_deaths_by_type`).")
               for line in lines)
    assert "My argument." in lines
    assert "- Not answered: CH0 General limits; CH2 Bamako-centred; CH3 Peacekeeping and local ties." in lines
    assert not any("is not answered by any" in line for line in lines)  # R5 answers governance
    openings = {a: memo.memo_markdown(a, ["R5"], [], "") for a in memo.AUDIENCES}
    assert len(set(openings.values())) == 5
    # the Paris opening attributes the Serval turnaround to the brief, in the past tense
    assert memo.AUDIENCES["Paris"][1].startswith("The brief describes China's move from condemning "
                                                  "Operation Serval to taking part in MINUSMA")
    assert "serving in MINUSMA" not in openings["Paris"]
    assert memo.AUDIENCES["ECOWAS"][1] in openings["ECOWAS"]


def test_memo_markdown_choices_own_none_and_repeats():
    text = memo.memo_markdown("Paris", ["R2", "own", "R2", "none"], [],
                              {"argument": "", "own_rec": "Fund a regional dialogue."})
    lines = text.splitlines()
    assert sum(line.startswith(("1. ", "2. ", "3. ")) for line in lines) == 2
    assert "2. **My own recommendation.** Fund a regional dialogue. *Answers:* say which challenge it " \
           "answers in your argument." in lines
    assert "(No evidence chosen yet: pick at least two items from the list.)" in lines
    assert any(line.startswith("- CH1 Governance, which the brief calls fundamental, is not answered")
               for line in lines)
    assert any("(Write your argument" in line for line in lines)
    empty = memo.memo_markdown("MINUSMA", ["none", "none", "none"], [], "")
    assert "(No recommendation chosen yet: pick up to three.)" in empty
    level4 = memo.memo_markdown("Bamako", ["R1"], [], "", level=4)
    assert level4.startswith("#### Policy memo") and "\n##### Summary\n" in level4


def test_memo_markdown_rejects_bad_choices():
    with pytest.raises(ValueError, match="not an audience"):
        memo.memo_markdown("Washington", ["R1"], [], "")
    with pytest.raises(ValueError, match="not one of the recommendations"):
        memo.memo_markdown("Beijing", ["R9"], [], "")
    with pytest.raises(ValueError, match="unknown evidence"):
        memo.memo_markdown("Beijing", ["R1"], ["made-up fact"], "")
    with pytest.raises(ValueError):
        memo.memo_markdown("Beijing", ["R1"], [], 42)


def test_builder_follows_the_memo_specification():
    from nexus import memo as spec

    assert list(memo.AUDIENCES) == [a.key for a in spec.AUDIENCES]      # same readers, same order
    assert memo.AIM == spec.OWN_WORDS
    text = memo.memo_markdown("Beijing", ["R5"], ["deaths 2018-2020 (UCDP)"], "x", level=1)
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == [s.heading for s in spec.STRUCTURE[1:]]          # the heading block has no title
    assert f"aim for {spec.OWN_WORDS[0]}-{spec.OWN_WORDS[1]}" in memo.summary("Beijing", [], [], "")
    assert spec.within_length(spec.OWN_WORDS[0]) and not spec.within_length(spec.OWN_WORDS[1] + 1)
    md = spec.specification_markdown()
    assert spec.own_words_text() in md and all(a.key in md for a in spec.AUDIENCES)
    assert all(s.heading in md for s in spec.STRUCTURE) and all(c.name.lower() in md for c in spec.RUBRIC)
    rubric = spec.rubric_markdown()
    assert rubric.count("\n| **") == len(spec.RUBRIC) and "25-28 excellent" in rubric


def test_word_count_and_summary():
    assert memo.word_count("one two  three\nfour") == 4
    assert memo.word_count({"argument": "a b", "own_rec": "c"}) == 3
    assert memo.word_count(None) == 0 and memo.word_count(["a b", "c"]) == 3
    assert memo.summary("ECOWAS", ["R1", "R1", "none"], ["deaths 2018-2020 (UCDP)"], "a b c") == (
        "Memo to ECOWAS: 1 recommendation, 1 evidence item, 3 words of your own (aim for 150-250).")


def test_view_changes_when_the_first_control_changes():
    first = memo.view()
    assert first[0] == ("**Memo to Beijing: 3 recommendations, 2 evidence items, 0 words of your own "
                        "(aim for 150-250).**")
    assert first[1].startswith("### Policy memo")  # under the lesson's level-2 section heading
    for audience in memo.AUDIENCES:
        if audience != memo.DEFAULT["audience"]:
            other = memo.view(audience=audience)
            assert other != first and memo.AUDIENCES[audience][1] in other[1]


def test_save_memo_writes_the_file(tmp_path):
    message = memo.save_message("MINUSMA", ["R3", "R4"], ["China in MINUSMA, about 400 (UN)"], "Go.")
    assert message == "Saved as my-answers/07-memo.md."
    saved = (tmp_path / "07-memo.md").read_text(encoding="utf-8")
    assert saved.startswith("# Policy memo: China's role in Mali")
    assert "R3 Faster Gao hospital, smoother collaboration" in saved


def test_save_message_never_raises(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(blocker / "sub"))
    assert memo.save_message("Beijing", ["R1"], [], "").startswith("Not saved:")
    assert memo.save_message("Nowhere", ["R1"], [], "").startswith("Not saved:")


def test_build_wires_the_controls(tmp_path):
    box = memo.build()
    names = list(box.controls)
    assert names[0] == "audience"
    audience = box.controls["audience"]
    assert type(audience).__name__ == "Dropdown" and list(audience.options) == list(memo.AUDIENCES)
    assert all(ctl.description for ctl in box.controls.values())
    assert type(box.controls["evidence"]).__name__ == "SelectMultiple"
    assert type(box.controls["argument"]).__name__ == "Textarea"
    box.save()
    assert "07-memo.md" in box.status.value and (tmp_path / "07-memo.md").exists()


# --------------------------------------------------------------------------- quizzes


def test_final_self_assessment_spans_every_lesson():
    bank = json.loads((ROOT / "nexus" / "quizzes" / "07.json").read_text(encoding="utf-8"))
    ids = [q["id"] for q in bank["questions"]]
    finals = [q for q in bank["questions"] if q["id"].startswith("final_")]
    assert [q["id"] for q in finals] == [f"final_{i:02d}" for i in range(1, 9)]
    assert [q["topic"][:9] for q in finals] == [f"Lesson 0{i}" for i in range(8)]
    assert len(set(ids)) == len(ids)
    for q in bank["questions"]:
        assert 3 <= len(q["options"]) <= 4
        assert sum(o["correct"] for o in q["options"]) == 1
        assert all(len(o["explanation"].split()) >= 5 for o in q["options"])


def test_lesson_uses_each_quiz_once():
    nb = json.loads((ROOT / "notebooks" / "07_synthesis.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    bank = json.loads((ROOT / "nexus" / "quizzes" / "07.json").read_text(encoding="utf-8"))
    for q in bank["questions"]:
        assert code.count(f'feedback.quiz("07", "{q["id"]}")') == 1
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "code" and ("feedback.quiz(" in src or "progress()" in src or ".build(" in src):
            assert "nbval-ignore-output" in cell["metadata"].get("tags", [])
