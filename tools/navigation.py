"""Write the navigation line (previous | contents | exercises | next) into every notebook,
and the lesson map into README.md, from the lesson manifest (lessons.toml).

    python tools/navigation.py           # rewrite in place
    python tools/navigation.py --check   # exit 1 if any notebook's navigation is stale
    python tools/navigation.py notebooks/03_x.ipynb   # only the notebooks named

Lessons get a navigation cell right after the title cell and one at the end;
exercise notebooks get a line back to their lesson. The title cell's
"Open in Binder" line is refreshed too. Order comes from the file names (NN_...); titles,
times and what each lesson teaches come from lessons.toml (tools/manifest.py), so a lesson's
title is written in one place. Cells are recognised by the tag ``navigation``.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import manifest

ROOT = Path(__file__).resolve().parent.parent
TAG = "navigation"
BINDER_LINE = re.compile(r"^\[Open this (lesson|exercise) in Binder\]\(.*\)$", re.M)


def repository() -> str:
    """owner/name of the GitHub repository, from pyproject.toml's [project.urls]."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        url = tomllib.load(f)["project"]["urls"]["Repository"]
    return url.rstrip("/").split("github.com/")[1]


def binder_url(relpath: str) -> str:
    return f"https://mybinder.org/v2/gh/{repository()}/HEAD?urlpath=lab/tree/{relpath}"


def lessons() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def title(path: Path) -> str:
    """A lesson's "NN Title" from the manifest (the title cell of any other notebook)."""
    entry = manifest.by_path(path)
    if entry is not None and path.parent.name == "notebooks":
        return entry.full_title
    nb = nbformat.read(path, as_version=4)
    for line in nb.cells[0].source.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


def exercise_for(lesson: Path, solutions: bool = False) -> Path:
    base = ROOT / "exercises" / ("solutions" if solutions else "")
    return base / lesson.name


def rel(target: Path, start: Path) -> str:
    import os

    return Path(os.path.relpath(target, start.parent)).as_posix()


def lesson_nav(lesson: Path) -> str:
    items = lessons()
    i = items.index(lesson)
    parts = []
    if i > 0:
        parts.append(f"[⬅ Previous: {title(items[i - 1])}]({items[i - 1].name})")
    parts.append(f"[Contents]({rel(ROOT / 'README.md', lesson)}#lesson-map)")
    if exercise_for(lesson).exists():
        parts.append(f"[Exercises for this lesson]({rel(exercise_for(lesson), lesson)})")
    if i + 1 < len(items):
        parts.append(f"[Next: {title(items[i + 1])} ➡]({items[i + 1].name})")
    return " | ".join(parts)


def exercise_nav(exercise: Path) -> str:
    lesson = ROOT / "notebooks" / exercise.name
    parts = []
    if lesson.exists():
        parts.append(f"[⬅ Back to the lesson: {title(lesson)}]({rel(lesson, exercise)})")
    parts.append(f"[Contents]({rel(ROOT / 'README.md', exercise)}#lesson-map)")
    if exercise.parent.name == "solutions":
        parts.append(f"[Student version]({rel(ROOT / 'exercises' / exercise.name, exercise)})")
    return " | ".join(parts)


def _nav_cell(text: str):
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["tags"] = [TAG]
    cell.pop("id", None)
    return cell


def apply(nb, path: Path) -> None:
    """Put the navigation cells and the Binder line into ``nb`` (in memory)."""
    is_lesson = path.parent.name == "notebooks"
    text = lesson_nav(path) if is_lesson else exercise_nav(path)
    kind = "lesson" if is_lesson else "exercise"
    binder = f"[Open this {kind} in Binder]({binder_url(path.relative_to(ROOT).as_posix())})"
    first = nb.cells[0]
    if BINDER_LINE.search(first.source):
        first.source = BINDER_LINE.sub(binder, first.source)
    else:
        first.source = first.source.rstrip() + "\n\n" + binder
    positions = [0, -1] if is_lesson else [0]
    navs = [i for i, c in enumerate(nb.cells) if TAG in c.get("metadata", {}).get("tags", [])]
    for i in reversed(navs):
        del nb.cells[i]
    for pos in positions:
        cell = _nav_cell(text)
        if pos == 0:
            nb.cells.insert(1, cell)
        else:
            nb.cells.append(cell)
    for cell in nb.cells:  # stable ids, derived from position, so rewrites stay byte-identical
        if TAG in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "navigation-top" if cell is nb.cells[1] else "navigation-bottom"


def _box_row(nb, label: str) -> str:
    """One row of a notebook's "In this lesson" box, as written in the notebook (the box itself
    is written from lessons.toml by tools/course.py)."""
    for cell in nb.cells:
        m = re.search(rf"\*\*{label}\*\*\s*\|\s*(.+?)\s*\|\s*$", cell.source, re.M)
        if m:
            return m.group(1)
    return ""


def lesson_map() -> str:
    """The README's lesson map, from the manifest: one row per lesson (title, time, what you learn)."""
    rows = ["| # | lesson | time: lesson + exercises | what you will be able to do |", "|---|---|---|---|"]
    for x in manifest.lessons():
        time = f"{x.minutes_lesson} min" + (f" + {x.minutes_exercises} min" if x.minutes_exercises else "")
        rows.append(f"| {x.number} | [{x.full_title}]({x.file}) | {time} | {x.can_do[0].upper() + x.can_do[1:]}. |")
    total = sum(x.minutes_total for x in manifest.lessons())
    rows.append(f"| | all lessons | {total // 60} h {total % 60:02d} min | "
                "times are computed from each notebook's content (CONTRIBUTING.md, \"Timings\") |")
    return "\n".join(rows)


MAP = re.compile(r"(<!-- lesson-map:start -->\n).*?(<!-- lesson-map:end -->)", re.S)


def readme_text() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    if not MAP.search(text):
        raise ValueError("README.md lacks the <!-- lesson-map:start --> / <!-- lesson-map:end --> markers")
    return MAP.sub(lambda m: m.group(1) + lesson_map() + "\n" + m.group(2), text)


def targets() -> list[Path]:
    return (lessons() + sorted((ROOT / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb"))
            + sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb")))


def stale() -> list[Path]:
    out = []
    readme = ROOT / "README.md"
    if readme.exists() and readme_text() != readme.read_text(encoding="utf-8"):
        out.append(readme)
    for path in targets():
        nb = nbformat.read(path, as_version=4)
        before = nbformat.writes(nb)
        apply(nb, path)
        if nbformat.writes(nb) != before:
            out.append(path)
    return out


def main(argv: list[str]) -> int:
    if "--check" in argv:
        bad = stale()
        for p in bad:
            print(f"stale navigation: {p.relative_to(ROOT)} (run: python tools/navigation.py)")
        return 1 if bad else 0
    named = [Path(a).resolve() for a in argv if not a.startswith("-")]
    for path in named or targets():
        nb = nbformat.read(path, as_version=4)
        before = nbformat.writes(nb)
        apply(nb, path)
        if nbformat.writes(nb) != before:
            nbformat.write(nb, path)
            print(f"navigation updated: {path.relative_to(ROOT)}")
    readme = ROOT / "README.md"
    if not named and readme.exists() and readme_text() != readme.read_text(encoding="utf-8"):
        readme.write_text(readme_text(), encoding="utf-8")
        print("lesson map updated: README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
