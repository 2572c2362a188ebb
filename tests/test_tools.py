"""The build tools: navigation and student versions are never stale."""

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import make_student  # noqa: E402
import navigation  # noqa: E402


def test_navigation_is_current():
    stale = navigation.stale()
    assert not stale, f"run python tools/navigation.py: {[p.name for p in stale]}"


def test_lesson_navigation_links_neighbours():
    lessons = navigation.lessons()
    if len(lessons) > 1:
        text = navigation.lesson_nav(lessons[1])
        assert lessons[0].name in text and "README.md#lesson-map" in text
    assert "Previous" not in navigation.lesson_nav(lessons[0])


def test_readme_lesson_map_lists_exactly_the_lessons():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- lesson-map:start -->")[1].split("<!-- lesson-map:end -->")[0]
    rows = [line for line in block.splitlines() if line.startswith("| 0")]
    assert [r.split("|")[1].strip() for r in rows] == [p.name[:2] for p in navigation.lessons()]
    for row, lesson in zip(rows, navigation.lessons(), strict=True):
        assert f"(notebooks/{lesson.name})" in row and " min" in row


def test_strip_solutions():
    src = ("x = 1\n# BEGIN SOLUTION\nrecent = deaths[deaths.year >= 2018]\nanswer = recent.deaths.sum()\n"
           "# END SOLUTION\ncheck(answer)")
    out = make_student.strip_solutions(src)
    assert out == "x = 1\n# YOUR CODE HERE\nanswer = ...\ncheck(answer)"
    assert make_student.strip_solutions("# BEGIN SOLUTION\nfig = f()\nfig.show()\n# END SOLUTION\n") == \
        "# YOUR CODE HERE\n...\n"
    indented = "if True:\n    # BEGIN SOLUTION\n    a = 2 * b\n    # END SOLUTION\n"
    assert make_student.strip_solutions(indented) == "if True:\n    # YOUR CODE HERE\n    a = ...\n"


def test_an_answer_without_code_says_what_to_write():
    """The no-code tasks' answer cells ask for a letter, a number or a text, not for code."""
    strip = make_student.strip_solutions
    assert strip('# BEGIN SOLUTION\nanswer_q5 = "B"\n# END SOLUTION') == \
        "# YOUR ANSWER HERE: replace ... with a letter in quotes\nanswer_q5 = ..."
    assert strip("# BEGIN SOLUTION\nnocode_2 = 2004\n# END SOLUTION") == \
        "# YOUR ANSWER HERE: replace ... with a number\nnocode_2 = ..."
    assert strip('# BEGIN SOLUTION\nmy_argument = """Yes. Because. But."""\n# END SOLUTION').startswith(
        "# YOUR ANSWER HERE: replace ... with your text between triple quotes")
    assert strip("# BEGIN SOLUTION\nanswer = int(x)\n# END SOLUTION").startswith("# YOUR CODE HERE")
    assert strip("# BEGIN SOLUTION\nflag = True\n# END SOLUTION").startswith("# YOUR CODE HERE")


def test_student_versions_are_current():
    stale = make_student.stale()
    assert not stale, f"run python tools/make_student.py: {[p.name for p in stale]}"


def test_student_versions_hold_no_solution_code():
    for solution in sorted((ROOT / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb")):
        student = nbformat.read(ROOT / "exercises" / solution.name, as_version=4)
        text = "\n".join(c.source for c in student.cells if c.cell_type == "code")
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
        for cell in nbformat.read(solution, as_version=4).cells:
            for block in make_student._BLOCK.finditer(cell.source):
                for line in block.group(2).splitlines():
                    line = line.strip()
                    if len(line) > 12 and not line.startswith("#") and not line.endswith("= ..."):
                        assert line not in text, f"{solution.name}: solution line leaked: {line}"


def test_every_lesson_from_01_has_an_exercise_pair():
    for lesson in navigation.lessons()[1:]:
        assert (ROOT / "exercises" / "solutions" / lesson.name).exists(), f"no exercise for {lesson.name}"
        assert (ROOT / "exercises" / lesson.name).exists(), f"no student version for {lesson.name}"


def test_refresh_is_quiet(tmp_path, monkeypatch):
    """Refreshing an unchanged lesson rewrites it byte for byte: no widget state, no ids,
    no timings (a maintainer's diff shows only what changed)."""
    import shutil

    import refresh

    monkeypatch.setenv("NEXUS_ANSWERS_DIR", str(tmp_path / "my-answers"))  # a fresh learner
    lesson = ROOT / "notebooks" / "01_development_security_nexus.ipynb"
    copy = tmp_path / "notebooks" / lesson.name
    copy.parent.mkdir()
    shutil.copy(lesson, copy)
    refresh.execute(copy)
    # the committed file is itself a refresh's output: one more refresh is the second of two
    # (running a third would only cost test time)
    assert copy.read_bytes() == lesson.read_bytes(), "the committed lesson is not what refresh.py writes"
