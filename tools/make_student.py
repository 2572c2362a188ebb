"""Write the student version of every exercise notebook from its solution.

    python tools/make_student.py           # exercises/solutions/NN_x.ipynb -> exercises/NN_x.ipynb
    python tools/make_student.py --check   # exit 1 if a committed student version is stale

In a solution notebook, the solution code of a cell sits between the lines
``# BEGIN SOLUTION`` and ``# END SOLUTION``. In the student version that block
becomes ``# YOUR CODE HERE`` followed by ``name = ...`` for the name the block's
last statement assigns (or a bare ``...``). A block that only writes down an answer
(a letter, a number or a text: the tasks a learner without code can do) says what to
write instead: ``# YOUR ANSWER HERE: a letter in quotes`` (or a number, or a text between
triple quotes). Everything else stays identical; outputs are cleared (tools/refresh.py
stores the "not attempted yet" outputs).
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
_BLOCK = re.compile(r"^([ \t]*)# BEGIN SOLUTION[^\n]*\n(.*?)^[ \t]*# END SOLUTION[^\n]*(\n|$)", re.M | re.S)


def answer_kind(block: str) -> str | None:
    """What a solution block writes down when it is only an answer: "letter", "number" or
    "text" (one assignment of a literal); None for code."""
    import textwrap

    try:
        body = ast.parse(textwrap.dedent(block)).body
    except SyntaxError:
        return None
    if len(body) != 1 or not isinstance(body[0], ast.Assign) or not isinstance(body[0].value, ast.Constant):
        return None
    value = body[0].value.value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "letter" if len(value.strip()) == 1 else "text"
    return None


#: what the placeholder's comment asks for, by the kind of answer
ASK = {None: "# YOUR CODE HERE",
       "letter": "# YOUR ANSWER HERE: replace ... with a letter in quotes",
       "number": "# YOUR ANSWER HERE: replace ... with a number",
       "text": '# YOUR ANSWER HERE: replace ... with your text between triple quotes, """like this"""'}


def _placeholder(block: str, indent: str) -> str:
    import textwrap

    target = None
    try:
        body = ast.parse(textwrap.dedent(block)).body
    except SyntaxError:
        body = []
    if body and isinstance(body[-1], (ast.Assign, ast.AnnAssign)):
        node = body[-1]
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if all(isinstance(t, ast.Name) for t in targets):
            target = " = ".join(t.id for t in targets)
    line = f"{target} = ..." if target else "..."
    return f"{indent}{ASK[answer_kind(block)]}\n{indent}{line}\n"


def strip_solutions(source: str) -> str:
    out = _BLOCK.sub(lambda m: _placeholder(m.group(2), m.group(1)), source)
    return out.rstrip("\n") if not source.endswith("\n") else out


def student_version(solution: Path):
    import navigation

    nb = nbformat.read(solution, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = strip_solutions(cell.source)
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    target = ROOT / "exercises" / solution.name
    navigation.apply(nb, target)
    return nb, target


def write_student(solution: Path) -> Path:
    nb, target = student_version(solution)
    nbformat.write(nb, target)
    return target


def sources(nb) -> list[tuple]:
    return [(c.cell_type, c.source, tuple(c.get("metadata", {}).get("tags", []))) for c in nb.cells]


def stale() -> list[Path]:
    bad = []
    for solution in sorted((ROOT / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb")):
        nb, target = student_version(solution)
        if not target.exists() or sources(nbformat.read(target, as_version=4)) != sources(nb):
            bad.append(target)
    return bad


def main(argv: list[str]) -> int:
    if "--check" in argv:
        bad = stale()
        for p in bad:
            print(f"stale student version: {p.relative_to(ROOT)} (run: python tools/make_student.py)")
        return 1 if bad else 0
    for solution in sorted((ROOT / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb")):
        print(f"wrote {write_student(solution).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
