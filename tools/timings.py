"""How long each lesson and exercise notebook takes, computed from its content.

    python tools/timings.py            # table: computed minutes vs the times stated today
    python tools/timings.py --detail   # also what was counted in each notebook

The formula is stated in CONTRIBUTING.md ("Timings: one formula"); the constants below are
the same numbers (a test keeps the two in step). In short:

    minutes = prose words / READING_WPM
            + the minutes of each element a learner meets (chart, table, widget, quiz, ...)
            + for exercise notebooks, the minutes of each task by kind (code, chart, choice, writing)

and each notebook's total is rounded up to the next 5 minutes.

What is counted, from a notebook's cells:

* **prose**: the words of every Markdown cell except the navigation lines (cells tagged
  ``navigation``), after removing code, HTML tags and comments, link targets and URLs;
* **lesson elements**, from code cells (a cell may carry a ``timing:<kind>`` tag to say what
  it is; without one, its content decides): ``quiz`` (``feedback.quiz(``), ``writing``
  (``feedback.written(`` or a memo builder), ``widget`` (``.build(``), ``chart`` (each PNG
  output), ``table`` (an HTML table output), else ``code``. A cell that shows a widget's first
  state for readers without widgets (tag ``widget-fallback``, or the Markdown cell before it
  says "If the widget does not appear") is not counted again: its time is in the widget's;
* **exercise tasks**: each Markdown heading "## Task N" starts a task; its kind is ``writing``
  (its check is ``feedback.written``), ``chart`` (the solution draws: ``plt.``, ``.plot(``,
  ``subplots``), ``choice`` (the solution sets a single letter) or else ``code``. A
  ``timing:<kind>`` tag on the task's heading cell overrides this. (``writing`` is also a task
  whose solution is a triple-quoted text.)
* **alternatives**: a task heading tagged ``timing:alternative`` (the no-code track's "### Task N
  without code") is another route to the task before it, not a task of its own. A learner does
  one route or the other, so the task counts once, at the minutes of its longer route; the words
  of both routes count as prose (a learner reads both before choosing).

Nothing here is measured on learners: the reading rate is sourced (CONTRIBUTING.md), the
minutes per element are the suite's stated assumptions, to be checked in class.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Words per minute for study reading by second-language readers (CONTRIBUTING.md).
READING_WPM = 150
#: Minutes per element a learner meets in a lesson.
LESSON_MINUTES = {"chart": 1.5, "table": 1.0, "widget": 3.0, "quiz": 1.5, "writing": 10.0, "code": 0.25}
#: Minutes per exercise task, by kind (reading the task's prose is counted apart).
TASK_MINUTES = {"code": 4.0, "chart": 8.0, "choice": 1.5, "writing": 6.0}
#: Every notebook's total is rounded up to a multiple of this.
ROUND_TO = 5

_STRIP = [
    re.compile(r"```.*?```", re.S),            # fenced code
    re.compile(r"`[^`\n]*`"),                  # inline code
    re.compile(r"<!--.*?-->", re.S),           # HTML comments
    re.compile(r"\]\([^)]*\)"),                # link targets (the link text stays)
    re.compile(r"https?://\S+"),               # bare URLs
    re.compile(r"<[^>\n]+>"),                  # HTML tags
    re.compile(r"&[A-Za-z]+;|&#\d+;"),         # HTML entities
]
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9]")


def words(markdown: str) -> int:
    """Words a reader reads in a Markdown cell (code, tags, link targets and URLs removed)."""
    for pattern in _STRIP:
        markdown = pattern.sub(" ", markdown)
    return sum(1 for token in markdown.split() if _WORD.search(token))


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _tagged_kind(cell, kinds) -> str | None:
    for tag in _tags(cell):
        if tag.startswith("timing:") and tag.split(":", 1)[1] in kinds:
            return tag.split(":", 1)[1]
    return None


@dataclass
class Count:
    """What a notebook holds, and the minutes the formula gives it."""

    path: str
    words: int = 0
    elements: dict = field(default_factory=dict)   # lesson elements: kind -> count
    tasks: dict = field(default_factory=dict)      # exercise tasks: kind -> count
    alternatives: int = 0                          # exercise routes counted with their task

    @property
    def reading_minutes(self) -> float:
        return self.words / READING_WPM

    @property
    def exact_minutes(self) -> float:
        return (self.reading_minutes
                + sum(LESSON_MINUTES[k] * n for k, n in self.elements.items())
                + sum(TASK_MINUTES[k] * n for k, n in self.tasks.items()))

    @property
    def minutes(self) -> int:
        return rounded(self.exact_minutes)


def rounded(minutes: float) -> int:
    """Round up to the next multiple of ROUND_TO (0 stays 0)."""
    return int(math.ceil(minutes / ROUND_TO - 1e-9) * ROUND_TO)


def _is_fallback(cells, i) -> bool:
    if "widget-fallback" in _tags(cells[i]):
        return True
    prev = cells[i - 1] if i else None
    return bool(prev and prev["cell_type"] == "markdown"
                and re.search(r"widget does not appear", _source(prev), re.I))


def lesson_element(cell) -> list[str]:
    """The kinds of element a lesson's code cell shows (a cell with two charts gives two)."""
    tagged = _tagged_kind(cell, LESSON_MINUTES)
    if tagged:
        return [tagged]
    src = _source(cell)
    if "feedback.quiz(" in src:
        return ["quiz"]
    if "feedback.written(" in src or re.search(r"\bmemo\.build\(", src):
        return ["writing"]
    if ".build(" in src:
        return ["widget"]
    data = [key for out in cell.get("outputs", []) for key in out.get("data", {})]
    charts = data.count("image/png")
    if charts:
        return ["chart"] * charts
    if any(key == "text/html" for key in data):
        return ["table"]
    return ["code"]


def count_lesson(path: Path) -> Count:
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = nb["cells"]
    count = Count(str(path))
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "markdown":
            if "navigation" not in _tags(cell):
                count.words += words(_source(cell))
        elif cell["cell_type"] == "code" and not _is_fallback(cells, i):
            for kind in lesson_element(cell):
                count.elements[kind] = count.elements.get(kind, 0) + 1
    return count


@dataclass
class Part:
    """One part of a lesson: ``start`` (title, box, set-up), a numbered section ``"1"``, ``"2"``,
    ... (a level-2 heading "## 1. ..."), or ``end`` (discussion questions, summary, sources)."""

    key: str
    heading: str
    count: Count


_H2 = re.compile(r"^## +(.*)$", re.M)


def lesson_parts(path: Path) -> list[Part]:
    """The lesson cut at its level-2 headings (also inside a cell), each part counted like a
    lesson: so that a plan can give, for example, sections 1-2 before class and 3-4 in class."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = nb["cells"]
    parts = [Part("start", "", Count(f"{path}#start"))]

    def open_part(heading: str):
        m = re.match(r"(\d+)\.", heading)
        key = m.group(1) if m else "end"
        if key == "end" and parts[-1].key == "end":
            return
        parts.append(Part(key, heading.strip(), Count(f"{path}#{key}")))

    for i, cell in enumerate(cells):
        if cell["cell_type"] == "markdown":
            if "navigation" in _tags(cell):
                continue
            text = _source(cell)
            pieces = _H2.split(text)   # [before, heading1, body1, heading2, body2, ...]
            parts[-1].count.words += words(pieces[0])
            for heading, body in zip(pieces[1::2], pieces[2::2], strict=True):
                open_part(heading)
                parts[-1].count.words += words("## " + heading + "\n" + body)
        elif cell["cell_type"] == "code" and not _is_fallback(cells, i):
            for kind in lesson_element(cell):
                parts[-1].count.elements[kind] = parts[-1].count.elements.get(kind, 0) + 1
    return parts


def part_minutes(path: Path, spec: str) -> int:
    """Minutes of some parts of a lesson, rounded up like a notebook: ``spec`` is ``"1-2"``,
    ``"3-end"``, ``"2"`` or ``"all"``. The ``start`` part goes with section 1, the ``end`` part
    with ``end``. A spec that names a section the lesson lacks raises ``ValueError``."""
    parts = lesson_parts(path)
    numbered = [p.key for p in parts if p.key.isdigit()]
    if spec == "all":
        wanted = {p.key for p in parts}
    else:
        m = re.fullmatch(r"(\d+)(?:-(\d+|end))?", spec)
        if not m:
            raise ValueError(f"{spec!r}: give sections as '2', '1-3' or '3-end'")
        first, last = int(m.group(1)), m.group(2) or m.group(1)
        top = int(numbered[-1]) + 1 if last == "end" else int(last)
        wanted = {str(n) for n in range(first, top + 1)}
        missing = [n for n in wanted if n not in numbered] if last != "end" else \
            [n for n in wanted if n not in numbered and int(n) <= int(numbered[-1])]
        if missing or str(first) not in numbered:
            raise ValueError(f"{Path(path).name} has no section {', '.join(sorted(missing)) or first}")
        if first == 1:
            wanted.add("start")
        if last == "end":
            wanted.add("end")
    return rounded(sum(p.count.exact_minutes for p in parts if p.key in wanted))


def task_kind(heading, code_cells) -> str:
    tagged = _tagged_kind(heading, TASK_MINUTES)
    if tagged:
        return tagged
    text = "\n".join(_source(c) for c in code_cells)
    solution = "\n".join(re.findall(r"# BEGIN SOLUTION\n(.*?)# END SOLUTION", text, re.S)) or text
    if "feedback.written(" in text or re.search(r'=\s*(?:"""|\'\'\')', solution):
        return "writing"
    if re.search(r"\bplt\.|\.plot\(|subplots\(", solution):
        return "chart"
    if re.fullmatch(r"\s*\w+\s*=\s*[\"'][A-Ha-h][\"']\s*", solution):
        return "choice"
    return "code"


ALTERNATIVE = "timing:alternative"


def is_alternative(cell) -> bool:
    """Whether a task heading opens another route to the task before it (tag ``timing:alternative``)."""
    return ALTERNATIVE in _tags(cell)


def count_exercise(path: Path) -> Count:
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    count = Count(str(path))
    routes: list[tuple] = []     # the open task: (heading, code cells) of each of its routes

    def close():
        if routes:
            kinds = [task_kind(h, c) for h, c in routes]
            kind = max(kinds, key=lambda k: TASK_MINUTES[k])   # the longer route
            count.tasks[kind] = count.tasks.get(kind, 0) + 1
            count.alternatives += len(routes) - 1
        routes.clear()

    for cell in nb["cells"]:
        src = _source(cell)
        if cell["cell_type"] == "markdown":
            if "navigation" not in _tags(cell):
                count.words += words(src)
            if re.match(r"#{2,3}\s*Task\b", src):
                if not (is_alternative(cell) and routes):
                    close()
                routes.append((cell, []))
            elif re.match(r"#{1,3}\s", src):
                close()
        elif routes:
            routes[-1][1].append(cell)
    close()
    return count


# ------------------------------------------------------------------------ times stated today

_NUM = r"(\d+)"


def parse_stated(text: str) -> tuple[int | None, int | None]:
    """(lesson, exercises) minutes from a lesson's "Time" line, e.g.
    "about 40 minutes (25 for the lesson, 15 for the exercises)" -> (25, 15)."""
    text = " ".join(text.split())
    lesson = re.search(_NUM + r"\s+for the lesson", text)
    ex = (re.search(_NUM + r"(?:\s+minutes)?\s+for the exercises", text)
          or re.search(r"exercises take about\s+" + _NUM, text))
    first = re.search(_NUM + r"\s*min", text) or re.search(_NUM, text)
    lesson_min = int(lesson.group(1)) if lesson else (int(first.group(1)) if first else None)
    return lesson_min, (int(ex.group(1)) if ex else None)


def stated_in_notebook(path: Path) -> str:
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        m = re.search(r"\*\*Time\*\*\s*\|\s*([^|\n]+)\|", _source(cell))
        if m:
            return m.group(1).strip()
    return ""


def stated_in_readme(root: Path = ROOT) -> dict[str, str]:
    text = (root / "README.md").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        m = re.match(r"\|\s*(\d\d)\s*\|[^|]*\|\s*([^|]*\bmin(?:utes)?\b[^|]*)\|", line)
        if m:
            out[m.group(1)] = m.group(2).strip()
    return out


def stated_in_guide(root: Path = ROOT) -> dict[str, int]:
    path = root / "docs" / "instructor-guide.md"
    out = {}
    for m in re.finditer(r"^###\s+(\d\d)\b.*\((\d+)\s+minutes[:)]", path.read_text(encoding="utf-8"), re.M):
        out[m.group(1)] = int(m.group(2))
    return out


def stated_in_self_study(root: Path = ROOT) -> dict[str, int]:
    path = root / "docs" / "self-study.md"
    out = {}
    for m in re.finditer(r"^\|\s*(\d\d)\s*\|.*\|\s*(\d+)\s*min\s*\|\s*(?:(\d+)\s*min|-)?\s*\|\s*$",
                         path.read_text(encoding="utf-8"), re.M):
        out[m.group(1)] = int(m.group(2)) + int(m.group(3) or 0)   # lesson + exercises
    return out


# ------------------------------------------------------------------------ the table


def lessons(root: Path = ROOT) -> list[Path]:
    return sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def exercise_for(lesson: Path, root: Path = ROOT) -> Path | None:
    path = root / "exercises" / "solutions" / lesson.name
    return path if path.exists() else None


def rows(root: Path = ROOT) -> list[dict]:
    readme, guide, study = stated_in_readme(root), stated_in_guide(root), stated_in_self_study(root)
    out = []
    for lesson in lessons(root):
        nn = lesson.name[:2]
        lc = count_lesson(lesson)
        ex = exercise_for(lesson, root)
        ec = count_exercise(ex) if ex else None
        nb_text = stated_in_notebook(lesson)
        nb_lesson, nb_ex = parse_stated(nb_text)
        out.append({"lesson": nn, "lesson_count": lc, "exercise_count": ec,
                    "computed_lesson": lc.minutes, "computed_exercise": ec.minutes if ec else 0,
                    "computed_total": lc.minutes + (ec.minutes if ec else 0),
                    "notebook": nb_text, "notebook_lesson": nb_lesson, "notebook_exercise": nb_ex,
                    "readme": readme.get(nn, ""), "guide": guide.get(nn), "self_study": study.get(nn)})
    return out


def _dash(value) -> str:
    return "-" if value in (None, "") else str(value)


def markdown_table(table: list[dict]) -> str:
    lines = ["| lesson | computed: lesson | computed: exercises | computed: total | notebook states "
             "(lesson / exercises) | README states | guide states (total) | self-study states (total) |",
             "|---|---:|---:|---:|---|---|---:|---:|"]
    for r in table:
        lines.append(f"| {r['lesson']} | {r['computed_lesson']} | {r['computed_exercise'] or '-'} | "
                     f"{r['computed_total']} | {_dash(r['notebook_lesson'])} / {_dash(r['notebook_exercise'])} | "
                     f"{_dash(r['readme'])} | {_dash(r['guide'])} | {_dash(r['self_study'])} |")
    total = sum(r["computed_total"] for r in table)
    guide = sum(r["guide"] or 0 for r in table)
    study = sum(r["self_study"] or 0 for r in table)
    lines.append(f"| all | {sum(r['computed_lesson'] for r in table)} | "
                 f"{sum(r['computed_exercise'] for r in table)} | {total} | | | {guide} | {study} |")
    return "\n".join(lines)


def detail(table: list[dict]) -> str:
    lines = []
    for r in table:
        for label, c in (("lesson", r["lesson_count"]), ("exercises", r["exercise_count"])):
            if c is None:
                continue
            parts = ", ".join(f"{n} {k}" for k, n in sorted((c.elements or c.tasks).items()))
            if c.alternatives:
                parts += f" ({c.alternatives} of them with a no-code alternative)"
            lines.append(f"{r['lesson']} {label}: {c.words} words ({c.reading_minutes:.1f} min reading); "
                         f"{parts}; {c.exact_minutes:.1f} min -> {c.minutes}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detail", action="store_true", help="show what was counted")
    args = parser.parse_args(argv)
    table = rows()
    print(f"Formula: words / {READING_WPM} wpm + lesson elements {LESSON_MINUTES} + exercise tasks "
          f"{TASK_MINUTES}, each notebook rounded up to {ROUND_TO} minutes.\n")
    print(markdown_table(table))
    if args.detail:
        print()
        print(detail(table))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
