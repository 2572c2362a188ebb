"""The no-code track: a seminar with no programmers can do every exercise notebook end to end.

Every task of every exercise notebook either needs no code (marked "(no code)": its answer is a
letter, a number or a text) or is followed by a "### Task N without code" version that runs a
prepared table or chart from ``nexus.prepared`` and asks for a letter or a number read off it.
Those versions are routes to the same task: their checks are registered as alternatives, the
timing tool counts each task once, and progress counts a task once whichever route was taken.
The prepared tables hold the data their questions are about (tested here against the tables)."""

import json
import re
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import nbformat
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import make_student  # noqa: E402
import timings  # noqa: E402

from nexus import answers, feedback, memo, prepared  # noqa: E402

SOLUTIONS = sorted((ROOT / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb"))
TASK = re.compile(r"^## Task (\d+)\b")
ALTERNATIVE = re.compile(r"^### Task (\d+) without code\b")
SHOWN = re.compile(r"^(?:prepared\.(\w+)\([^()]*\)|charts\.show\(prepared\.(\w+)\(\)\)|"
                   r"print\(ex\d\d\.(QUIZ_\w+)\.static\(\)\))$")


def _tasks(path):
    """{task number: {"heading", "routes": [(heading cell, [code cells])]}} in notebook order."""
    tasks, current = {}, None
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            main, alt = TASK.match(cell.source), ALTERNATIVE.match(cell.source)
            if main:
                current = tasks.setdefault(int(main.group(1)), {"heading": cell, "routes": []})
                current["routes"].append((cell, []))
            elif alt:
                assert current is not None and int(alt.group(1)) == max(tasks), cell.source[:60]
                current["routes"].append((cell, []))
            elif cell.source.startswith("#"):
                current = None
        elif current is not None:
            current["routes"][-1][1].append(cell)
    return tasks


def _answer_kinds(code_cells):
    return [make_student.answer_kind(b.group(2)) for c in code_cells for b in make_student._BLOCK.finditer(c.source)]


def _checks(code_cells, module):
    return [m.group(1) for c in code_cells for m in re.finditer(rf"\b{module}\.(\w+)\(", c.source)
            if not m.group(1).startswith("QUIZ")]


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_every_task_can_be_done_without_code(path):
    tasks = _tasks(path)
    assert len(tasks) >= 6
    for n, task in tasks.items():
        routes = task["routes"]
        heading, code = routes[0]
        marked = "(no code)" in heading.source.splitlines()[0]
        if marked:
            assert len(routes) == 1, f"task {n} needs no code but has an alternative"
            assert _answer_kinds(code) and None not in _answer_kinds(code), (
                f"task {n} is marked no-code but asks for code")
        else:
            assert None in _answer_kinds(code), f"task {n} asks for no code: mark its heading '(no code)'"
            assert len(routes) == 2, f"task {n} needs code and has no 'Task {n} without code'"
            alt_heading, alt_code = routes[1]
            assert timings.ALTERNATIVE in alt_heading.metadata.get("tags", []), f"task {n} without code: tag it"
            kinds = _answer_kinds(alt_code)
            assert kinds and None not in kinds, f"task {n} without code asks for code"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_a_no_code_version_only_runs_what_is_prepared(path):
    """Besides its answer and its check, a no-code version only runs one-line cells that show a
    prepared table, a prepared chart or a printed question."""
    module = f"ex{path.name[:2]}"
    for n, task in _tasks(path).items():
        for _heading, code in task["routes"][1:]:
            for cell in code:
                src = cell.source.strip()
                if "BEGIN SOLUTION" in src or re.fullmatch(rf"{module}\.\w+\(nocode_{n}\)", src):
                    continue
                m = SHOWN.match(src)
                assert m, f"task {n} without code runs code a learner would have to understand: {src!r}"
                name = m.group(1) or m.group(2)
                assert name is None or name in prepared.__all__, name


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_a_no_code_check_is_registered_as_a_route_to_its_task(path):
    module = f"ex{path.name[:2]}"
    registry = feedback.registry()
    alternatives = 0
    for n, task in _tasks(path).items():
        (_, main_code), *others = task["routes"]
        main = _checks(main_code, module)
        for _, code in others:
            alternatives += 1
            (alt,) = set(_checks(code, module))
            fn = registry[f"{module}.{alt}"]
            assert fn.alternative_to == f"{module}.{main[-1]}", (n, alt)
            assert fn.kind in ("letter", "number", "writing")
    assert timings.count_exercise(path).alternatives == alternatives


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_the_notebook_says_how_to_work_without_code(path):
    nb = nbformat.read(path, as_version=4)
    intro = next(c for c in nb.cells if c.get("id") == "no-code")
    assert "(no code)" in intro.source and "without code" in intro.source and "YOUR ANSWER HERE" in intro.source
    student = nbformat.read(ROOT / "exercises" / path.name, as_version=4)
    placeholders = "\n".join(c.source for c in student.cells if c.cell_type == "code")
    assert "# YOUR ANSWER HERE: replace ... with a letter in quotes" in placeholders
    assert "# YOUR ANSWER HERE: replace ... with a number" in placeholders or path.name.startswith("00")
    assert not re.search(r"about \d+ minutes", "\n".join(c.source for c in nb.cells if c.cell_type == "markdown"),
                         re.I), "times come from lessons.toml (the lesson's box), not from the notebook"


def test_progress_counts_a_task_once_whichever_route(tmp_path, monkeypatch):
    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))
    from nexus.feedback import ex01

    registry = feedback.registry()
    graded = [t for t, fn in registry.items() if t.startswith("ex01.") and fn.kind != "writing"
              and not fn.alternative_to]
    assert ex01.nocode_governance(2).is_correct
    assert answers.check_results() == {"ex01.lens_counts": {"status": "correct", "correct": True}}
    ex01.lens_counts({"military": 1})                     # the coding route, wrong afterwards
    row = feedback.progress(["01"]).set_index("lesson").loc["01"]
    assert row["exercise tasks correct"] == 1 and row["exercise tasks"] == len(graded)


# --------------------------------------------------------------------------- the prepared tables


def test_every_prepared_function_gives_a_table_or_a_finished_chart():
    for name in prepared.__all__:
        out = getattr(prepared, name)(2019) if name == "regions_ranked" else getattr(prepared, name)()
        if isinstance(out, pd.DataFrame):
            assert len(out) and len(out.columns), name
        else:
            assert type(out).__name__ == "Figure", name
            ax = out.axes[0]
            assert (ax.get_title() or ax.get_title(loc="left") or out.texts) and out.alt_text, name


def test_prepared_tables_hold_the_answers_their_questions_ask_for():
    from nexus.feedback import ex01, ex02, ex03, ex04, ex05, ex06, ex07

    inst = prepared.instruments_by_lens()
    gov = inst[inst["lens"] == "governance"]
    assert (gov["only recommended by the brief"] == "yes").sum() == ex01._nocode_governance_spec()["expected"]
    dec = prepared.china_december().set_index("year").iloc[:, 0]
    assert int(dec[dec > 1000].index.min()) == 2004 and round(dec[2013] / dec[2003]) == 6
    trade = prepared.trade_ranking()
    imports = trade[trade["flow"] == "import"].sort_values("rank")["partner"].tolist()
    assert imports.index("China") == ex02._nocode_partners_spec()["expected"]
    fin = prepared.finance_by_year()
    assert int(fin["total"].idxmax()) == 2013 and (fin["total"] == 0).sum() == 4
    assert fin.loc[2002, "note"] and not fin.loc[2003, "note"]
    gap = prepared.hdi_gap()["gap (China minus Mali)"]
    assert gap[2018] == pytest.approx(ex02._nocode_gap_spec()["expected"])
    ranked = prepared.regions_ranked(2020).set_index("region")["share of year (%)"]
    assert (ranked["Mopti"] + ranked["Segou"]) / 100 == pytest.approx(ex03._nocode_centre_spec()["expected"], abs=0.001)
    assert prepared.minusma_peak_months()["total uniformed"].max() == ex03._nocode_peak_spec()["expected"]
    snaps = prepared.p5_snapshots()
    assert snaps.loc["China", "December 2013 share"] == pytest.approx(ex04._nocode_share_spec()["expected"], abs=5e-4)
    wide = prepared.p5_december()
    leads = wide["China"] > wide.drop(columns="China").max(axis=1)
    assert int(wide.index[leads].min()) == 2004
    missions = prepared.deaths_by_mission().set_index("mission")["deaths"]
    assert int((missions > missions["MINUSMA"]).sum()) == ex04._nocode_missions_spec()["expected"]
    share = prepared.china_in_minusma().set_index("year")["China's share"]
    assert all(0.02 < share[y] < 0.04 for y in (2018, 2019, 2020))           # "about 3 in every 100"
    projects = prepared.project_list()
    assert (projects["region"] != "national / not located").sum() == ex05._nocode_located_spec()["expected"]
    table = prepared.projects_and_fatalities()
    regions = table[table["region"] != "national / not located"]
    assert regions.loc[regions["named_projects"] > 0, "fatalities_2017_2020"].sum() == \
        ex05._nocode_with_projects_spec()["expected"]
    assert ((regions["named_projects"] == 0) & (regions["fatalities_2017_2020"] > 0)).sum() == \
        ex05._nocode_without_spec()["expected"]
    matrix = prepared.recommendation_matrix()
    assert matrix.sum(axis=1).idxmax().startswith("R1 ") and matrix.to_numpy().sum() == 7
    assert matrix["CH3 Peacekeeping and local ties"].sum() / len(matrix) == ex06._nocode_share_spec()["expected"]
    sections = prepared.statements_by_section()
    assert sections.drop(index="policy points")["total"].sum() == ex07._nocode_total_spec()["expected"]
    in_use = prepared.instruments_in_use()
    assert (in_use["lens"] == "governance").sum() == ex07._nocode_governance_spec()["expected"]
    scopes = prepared.deaths_by_scope()
    assert scopes.iloc[:, 1][2020] / scopes.iloc[:, 0][2020] == pytest.approx(ex07._nocode_ratio_spec()["expected"])


def test_the_no_code_questions_right_options_agree_with_the_data():
    """The explanations of the no-code multiple-choice questions quote figures: they are the data's."""
    deaths = prepared.mali_deaths_per_year().set_index("year")["deaths"]
    assert deaths.loc[2018:2020].mean() / deaths.loc[2015:2017].mean() > 3
    assert [int(deaths[y]) for y in (2015, 2016, 2017, 2018, 2019, 2020)] == [214, 147, 529, 936, 998, 1101]
    assert deaths.idxmax() == 2022 and deaths.loc[2012:2016].idxmax() == 2013
    r2019 = prepared.regions_ranked(2019).set_index("region")
    assert r2019["fatalities"].idxmax() == "Mopti" and 60 < r2019.loc["Mopti", "share of year (%)"] < 70
    hdi = prepared.hdi_gap()
    assert abs(hdi.loc[2022, "Mali"] - hdi.loc[2011, "Mali"]) < 0.005 < hdi.loc[2011, "Mali"] - hdi.loc[1990, "Mali"]
    located = prepared.project_list().query("region != 'national / not located'")
    assert (located["region"] == "Bamako").mean() == pytest.approx(2 / 3)
    bank = json.loads((ROOT / "nexus" / "quizzes" / "ex07.json").read_text(encoding="utf-8"))
    testable = next(q for q in bank["questions"] if q["id"] == "testable")
    sections = prepared.statements_by_section()
    share = (sections["tested"] / sections["total"]).drop(index="policy points")
    assert set(share.nlargest(2).index) == {"footprint", "crisis"}
    assert "footprint and crisis" in next(o["text"] for o in testable["options"] if o["correct"])


# --------------------------------------------------------------------------- exercise 07, task 8: the memo


def test_the_memo_task_follows_the_one_memo_specification():
    from nexus.feedback import ex07

    nb = nbformat.read(ROOT / "exercises" / "solutions" / "07_synthesis.ipynb", as_version=4)
    task = next(c.source for c in nb.cells if c.source.startswith("## Task 8."))
    assert memo.own_words_text() in task and "07-memo.md" in task and "(no code)" in task
    assert [item.name for item in ex07.CHECKLIST] == [c.name for c in memo.RUBRIC]
    assert memo.within_length(len(ex07.MODEL_ANSWER.split()))
    solution = next(c.source for c in nb.cells if "my_argument = " in c.source and "BEGIN SOLUTION" in c.source)
    text = re.search(r'"""(.*)"""', solution, re.S).group(1)
    assert memo.within_length(len(text.split()))


def test_the_memo_task_writes_into_the_builders_file(tmp_path, monkeypatch):
    from nexus.feedback import ex07
    from nexus.widgets import memo as builder

    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))
    fb = ex07.memo_argument(ex07.MODEL_ANSWER)
    assert fb.is_saved and "07-memo.md" in fb.message
    assert sorted(p.name for p in tmp_path.glob("*.md")) == ["07-memo.md"]          # one file, not two
    assert memo.argument_of((tmp_path / "07-memo.md").read_text(encoding="utf-8")) == ex07.MODEL_ANSWER
    # the builder, saved afterwards with an empty argument box, keeps the argument ...
    message = builder.save_message("ECOWAS", ["R5", "R6"], ["deaths 2018-2020 (UCDP)"], "")
    saved = (tmp_path / "07-memo.md").read_text(encoding="utf-8")
    assert "keeps the argument" in message and memo.argument_of(saved) == ex07.MODEL_ANSWER
    assert "ECOWAS Commission" in saved and "R6 Coordinate beyond MINUSMA" in saved
    # ... and a new argument from the exercise replaces only that section
    ex07.memo_argument(ex07.MODEL_ANSWER.replace("ECOWAS should", "The Commission should"))
    again = (tmp_path / "07-memo.md").read_text(encoding="utf-8")
    assert "The Commission should" in memo.argument_of(again) and "R6 Coordinate beyond MINUSMA" in again
    row = answers.progress(["07"]).set_index("lesson").loc["07"]
    assert row["written answers saved"] == 1


def test_a_memo_argument_outside_the_length_is_saved_and_the_checklist_says_so(tmp_path, monkeypatch):
    from nexus.feedback import ex07

    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path))
    long = ex07.MODEL_ANSWER + " " + ex07.MODEL_ANSWER
    fb = ex07.memo_argument(long)
    assert fb.is_saved
    line = next(d for d in fb.details if "Clarity and length" in d)
    assert line.startswith("☐") and f"{len(long.split())} words" in line and "150-250" in line
    short = ex07.memo_argument(" ".join(ex07.MODEL_ANSWER.split()[:100]))
    assert short.status == "not yet" and "at least 150" in short.message


def test_argument_sections_are_read_and_replaced():
    assert memo.argument_of(None) is None and memo.argument_of("# Memo\n\nNo sections.") is None
    assert memo.argument_of("## Argument\n\n(Write your argument in the box.)\n") is None
    md = "# M\n\n## Summary\n\nS.\n\n## Argument\n\nOld text.\n\n## What this memo leaves open\n\n- x\n"
    new = memo.with_argument(md, "New text.")
    assert memo.argument_of(new) == "New text." and "## Summary\n\nS." in new and new.endswith("- x\n")
    assert memo.with_argument(new, "New text.") == new
    fresh = memo.with_argument(None, "Only this.")
    assert fresh.startswith(f"# {memo.TITLE}") and memo.argument_of(fresh) == "Only this."
    added = memo.with_argument("# M\n\nA memo without the section.\n", "Added.")
    assert memo.argument_of(added) == "Added." and added.startswith("# M\n\nA memo without the section.")


def test_the_readme_and_the_guide_say_no_code_is_needed_and_how_to_run_a_mixed_class():
    """The README's claim is the one the tests above hold; the guide's section is hand-written,
    outside the blocks tools/course.py generates."""
    import course

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "No programming is needed" in readme and "every exercise task can be done without code" in readme
    assert "a little pandas and say what to type" not in readme
    guide = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    hand_written = course.BLOCK.sub("", guide)
    section = hand_written.split("## Running a mixed class (coders and non-coders)")[1].split("\n## ")[0]
    for part in ("(no code)", "without code", "nexus/prepared.py", "once", "07-memo.md"):
        assert part in section, part
    assert "#running-a-mixed-class-coders-and-non-coders" in readme
