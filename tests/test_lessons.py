"""Lesson lint: every lesson has the template's parts, a text alternative for
every figure, working relative links, no absolute paths, and clean stored outputs."""

import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import refresh  # noqa: E402

LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXERCISES = (sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))
             + sorted((ROOT / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb")))
ALL = LESSONS + EXERCISES
ABSOLUTE = re.compile(r"(/work/|/home/\w|/root/|/tmp/|/Users/\w|[A-Z]:\\\\)")
LINK = re.compile(r"\]\(([^)\s]+)\)")
WIDGET = "application/vnd.jupyter.widget-view+json"


def _nb(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _src(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _markdown(nb):
    return "\n".join(_src(c) for c in nb["cells"] if c["cell_type"] == "markdown")


def _ids(paths):
    return [p.relative_to(ROOT).as_posix() for p in paths]


def test_lessons_exist_in_sequence():
    numbers = [int(p.name[:2]) for p in LESSONS]
    assert numbers and numbers == list(range(len(numbers))), numbers


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_lesson_has_template_parts(path):
    nb = _nb(path)
    cells = nb["cells"]
    first = _src(cells[0])
    assert first.startswith("# "), "the first cell is the title (# ...)"
    assert "Open this lesson in Binder" in first
    tags = lambda c: c.get("metadata", {}).get("tags", [])  # noqa: E731
    assert "navigation" in tags(cells[1]) and "navigation" in tags(cells[-1]), "navigation top and bottom"
    text = _markdown(nb)
    box = text[text.find("In this lesson"):][:2500]
    assert "In this lesson" in text, "an 'In this lesson' box"
    for part in ("Objectives", "Time", "Prerequisites"):
        assert part in box, f"the 'In this lesson' box lacks {part}"
    for heading in ("Check your understanding", "Discussion", "Summary", "Sources"):
        assert re.search(rf"^#+ .*{heading}", text, re.M | re.I), f"no '{heading}' heading"
    code = "\n".join(_src(c) for c in cells if c["cell_type"] == "code")
    assert "feedback.quiz(" in code or int(path.name[:2]) == 99, "at least one quiz"


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_every_figure_has_a_text_alternative(path):
    for i, cell in enumerate(_nb(path)["cells"]):
        if cell["cell_type"] != "code":
            continue
        outputs = cell.get("outputs", [])
        pngs = sum("image/png" in o.get("data", {}) for o in outputs)
        alts = sum("".join(o.get("data", {}).get("text/markdown", "")).startswith("**Text alternative.**")
                   for o in outputs)
        assert alts >= pngs, f"cell {i}: {pngs} figure(s) but {alts} text alternative(s)"


@pytest.mark.parametrize("path", ALL, ids=_ids(ALL))
def test_relative_links_work(path):
    for target in LINK.findall(_markdown(_nb(path))):
        if re.match(r"^(https?:|mailto:|#)", target):
            continue
        file = unquote(target.split("#")[0])
        assert (path.parent / file).exists(), f"broken link: {target}"


@pytest.mark.parametrize("path", ALL, ids=_ids(ALL))
def test_no_absolute_paths(path):
    hit = ABSOLUTE.search(path.read_text(encoding="utf-8"))
    assert not hit, f"absolute path {hit.group(0)!r} in {path.name}"


@pytest.mark.parametrize("path", ALL, ids=_ids(ALL))
def test_stored_outputs_are_clean(path):
    nb = _nb(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    counts = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        counts.append(cell["execution_count"])
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"cell {i} stores an error"
            assert out.get("name") != "stderr", f"cell {i} shows a warning: {''.join(out.get('text', ''))[:200]}"
            assert WIDGET not in out.get("data", {}), \
                f"cell {i} stores a widget view; run tools/refresh.py (it stores a note instead)"
            text = "".join(out.get("data", {}).get("text/plain", ""))
            if text == refresh.WIDGET_NOTE or text.startswith("Check your understanding"):
                assert "nbval-ignore-output" in cell.get("metadata", {}).get("tags", []), \
                    f"cell {i} shows a widget but lacks the nbval-ignore-output tag"
    assert "widgets" not in nb["metadata"], "widget state is stored; run tools/refresh.py"
    assert counts == list(range(1, len(counts) + 1)), "run top to bottom in a fresh kernel (tools/refresh.py)"
