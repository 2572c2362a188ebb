"""The timing formula: what it counts, what it adds up, that CONTRIBUTING.md states the same
numbers as the tool, and that the times stated today are read correctly."""

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import timings  # noqa: E402


def _md(text, tags=None):
    return {"cell_type": "markdown", "metadata": {"tags": tags or []}, "source": text}


def _code(text, outputs=None, tags=None):
    return {"cell_type": "code", "metadata": {"tags": tags or []}, "source": text,
            "outputs": outputs or [], "execution_count": 1}


def _png():
    return {"output_type": "display_data", "data": {"image/png": "iVBOR", "text/plain": "<Figure>"}}


def _html():
    return {"output_type": "execute_result", "data": {"text/html": "<table></table>", "text/plain": "t"}}


def _write(tmp_path, name, cells):
    path = tmp_path / name
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
                    encoding="utf-8")
    return path


# --------------------------------------------------------------------------- counting words


def test_words_skip_code_links_urls_and_tags():
    assert timings.words("Read the brief first.") == 4
    assert timings.words("See [the UN page](https://un.org/a/b/c) and `charts.show(fig)`.") == 5
    assert timings.words("<!-- hidden note --> <span class='x'>Two words</span> https://x.org") == 2
    assert timings.words("```python\nx = 1\n```\nOne — two - three 2018") == 4
    assert timings.words("| | |\n|---|---|\n| **Time** | about 20 minutes |") == 4


# --------------------------------------------------------------------------- lesson elements


def test_lesson_elements_by_content_and_by_tag():
    assert timings.lesson_element(_code('feedback.quiz("03", "coup_date")')) == ["quiz"]
    assert timings.lesson_element(_code("region_explorer.build(violence)")) == ["widget"]
    assert timings.lesson_element(_code("memo.build()")) == ["writing"]
    assert timings.lesson_element(_code("charts.show(f())", [_png(), _png()])) == ["chart", "chart"]
    assert timings.lesson_element(_code("table", [_html()])) == ["table"]
    assert timings.lesson_element(_code("x = 1")) == ["code"]
    assert timings.lesson_element(_code("x = 1", tags=["timing:widget"])) == ["widget"]
    assert timings.lesson_element(_code("x = 1", tags=["timing:nonsense"])) == ["code"]


def test_lesson_minutes_follow_the_formula(tmp_path):
    prose = " ".join(["word"] * 300)                      # 2 minutes at 150 wpm
    cells = [_md("[nav](x.ipynb) | contents", ["navigation"]),
             _md(prose),
             _code("charts.show(a)", [_png()]),              # 1.5
             _code("explorer.build(t)"),                     # 3
             _md("If the widget does not appear, here is its first state:"),
             _code("charts.show(b)", [_png()]),              # fallback: not counted
             _code("t", [_html()], tags=["widget-fallback"]),  # fallback by tag: not counted
             _code('feedback.quiz("03", "x")'),              # 1.5
             _code('feedback.quiz("03", "y")'),              # 1.5
             _code("data.load('x')")]                        # 0.25
    count = timings.count_lesson(_write(tmp_path, "03_x.ipynb", cells))
    fallback_words = timings.words("If the widget does not appear, here is its first state:")
    assert count.words == 300 + fallback_words
    assert count.elements == {"chart": 1, "widget": 1, "quiz": 2, "code": 1}
    expected = (300 + fallback_words) / 150 + 1.5 + 3 + 1.5 + 1.5 + 0.25
    assert count.exact_minutes == pytest.approx(expected)
    assert count.minutes == 10 and count.minutes % timings.ROUND_TO == 0


def test_rounding_is_up_to_five_minutes():
    assert [timings.rounded(m) for m in (0, 0.1, 5, 5.01, 29.6, 30)] == [0, 5, 5, 10, 30, 30]


# --------------------------------------------------------------------------- exercise tasks


def test_exercise_tasks_by_kind(tmp_path):
    cells = [_md("# Exercises 03\n\nIntro words here."),
             _md("## Set-up"), _code("import pandas as pd"),
             _md("## Task 1: a number"), _code("# BEGIN SOLUTION\nanswer = df.x.sum()\n# END SOLUTION"),
             _code("ex03.check(answer)"),
             _md("## Task 2: a chart"),
             _code("# BEGIN SOLUTION\nfig, ax = plt.subplots()\nax.bar(x, y)\n# END SOLUTION"),
             _md("## Task 3: a letter"), _code('# BEGIN SOLUTION\nanswer_q3 = "B"\n# END SOLUTION'),
             _md("## Task 4: argue"), _code('# BEGIN SOLUTION\nmy_argument = """Because ..."""\n# END SOLUTION'),
             _code("ex03.argument(my_argument)"),
             _md("## Task 5: written check"), _code("text = ..."), _code('feedback.written("k", text, MODEL)'),
             _md("## Task 6: tagged", ["timing:chart"]), _code("answer = 1"),
             _md("## What next\n\nGo on.")]
    count = timings.count_exercise(_write(tmp_path, "03_x.ipynb", cells))
    assert count.tasks == {"code": 1, "chart": 2, "choice": 1, "writing": 2}
    assert count.exact_minutes == pytest.approx(count.words / 150 + 4 + 2 * 8 + 1.5 + 2 * 6)


def test_an_alternative_route_counts_once_at_the_longer_routes_minutes(tmp_path):
    """A task and its no-code alternative (heading tagged timing:alternative) are one task: a learner
    does one route or the other. The words of both routes are read, so both count as prose."""
    alt = ["timing:alternative"]
    cells = [_md("# Exercises 04"),
             _md("## Task 1: a chart"), _code("# BEGIN SOLUTION\nfig, ax = plt.subplots()\n# END SOLUTION"),
             _md("### Task 1 without code", alt), _code("charts.show(prepared.x())"),
             _code('# BEGIN SOLUTION\nnocode_1 = "B"\n# END SOLUTION'),
             _md("## Task 2: a number"), _code("# BEGIN SOLUTION\nanswer = df.x.sum()\n# END SOLUTION"),
             _md("### Task 2 without code", alt), _code("# BEGIN SOLUTION\nnocode_2 = 12\n# END SOLUTION"),
             _md("## Task 3: a letter (no code)"), _code('# BEGIN SOLUTION\nanswer_q3 = "C"\n# END SOLUTION'),
             _md("### Task 3 without code, but untagged"), _code('# BEGIN SOLUTION\nx = "A"\n# END SOLUTION'),
             _md("## What next")]
    count = timings.count_exercise(_write(tmp_path, "04_x.ipynb", cells))
    assert count.tasks == {"chart": 1, "code": 1, "choice": 2}   # the untagged heading is a task of its own
    assert count.alternatives == 2
    words = sum(timings.words(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert count.words == words
    assert count.exact_minutes == pytest.approx(words / 150 + 8 + 4 + 2 * 1.5)
    lone = timings.count_exercise(_write(tmp_path, "04_y.ipynb", [_md("### Task 1 without code", alt),
                                                                   _code("# BEGIN SOLUTION\nn = 3\n# END SOLUTION")]))
    assert lone.tasks == {"code": 1} and lone.alternatives == 0      # an alternative to nothing is a task


# --------------------------------------------------------------------------- the real suite


def test_every_lesson_and_exercise_gets_a_time():
    rows = timings.rows()
    assert [r["lesson"] for r in rows] == [p.name[:2] for p in timings.lessons()]
    for r in rows:
        assert r["computed_lesson"] >= 5 and r["computed_lesson"] % 5 == 0
        if r["exercise_count"] is not None:
            assert sum(r["exercise_count"].tasks.values()) >= 1
    table = timings.markdown_table(rows)
    assert table.count("\n") == len(rows) + 2


def test_stated_times_are_parsed():
    assert timings.parse_stated("about 30 minutes (plus about 20 minutes for the exercises)") == (30, 20)
    assert timings.parse_stated("about 35 minutes (the exercises take about 30 more)") == (35, 30)
    assert timings.parse_stated("about 40 minutes (25 for the lesson, 15 for the exercises)") == (25, 15)
    assert timings.parse_stated("about 25 minutes, plus about 15 for the exercises") == (25, 15)
    assert timings.parse_stated("about 45 minutes (30 for the lesson and memo, 15 for the exercises)") == (30, 15)
    assert timings.parse_stated("about 15 minutes") == (15, None)
    assert timings.parse_stated("") == (None, None)
    rows = {r["lesson"]: r for r in timings.rows()}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for r in rows.values():
        if r["readme"]:
            assert r["readme"] in readme
        if r["notebook"]:
            assert r["notebook_lesson"] is not None


def test_contributing_states_the_tools_numbers():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = text.split("<!-- timings-formula:start -->")[1].split("<!-- timings-formula:end -->")[0]
    stated = {}
    for line in block.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 3 and re.match(r"^[\d.]+$|^1 per \d+ words$", cells[1]):
            stated[cells[0]] = cells[1]
    assert stated.pop("prose") == f"1 per {timings.READING_WPM} words"
    lesson = {k: float(v) for k, v in stated.items() if not k.startswith("exercise task")}
    tasks = {k.split(": ")[1]: float(v) for k, v in stated.items() if k.startswith("exercise task")}
    assert lesson == timings.LESSON_MINUTES
    assert tasks == timings.TASK_MINUTES
    assert f"rounded up to the next {timings.ROUND_TO} minutes" in text
    assert f"÷ {timings.READING_WPM}" in text
