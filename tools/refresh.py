"""Re-execute notebooks top to bottom in a fresh kernel and store their outputs.

    python tools/refresh.py                 # every lesson and exercise notebook
    python tools/refresh.py notebooks/03_mali_crisis_and_response.ipynb

Outputs are stored deterministically: a fixed hash seed, no timing metadata,
the python3 kernelspec, and a fixed language_info, so that nbval can compare
them and git diffs show only real changes. Widget state is not stored: a live
widget needs a running kernel anyway, and its state (random model ids, layout
boilerplate) made every refresh rewrite thousands of lines. A stored widget
output keeps only a plain-text note saying to run the cell (a quiz keeps its
question and options), which JupyterLab and code hosts' notebook viewers show
as it is; the static copy of the widget's first state follows in the next cell. Student exercise notebooks are
regenerated from their solutions first (tools/make_student.py).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python", "pygments_lexer": "ipython3", "file_extension": ".py",
                 "mimetype": "text/x-python", "nbconvert_exporter": "python",
                 "codemirror_mode": {"name": "ipython", "version": 3}}


def all_notebooks() -> list[Path]:
    return (sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
            + sorted((ROOT / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb"))
            + sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb")))


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = ("[Interactive widget: run this cell (or Run All) to use it. "
               "Until then, the cell after it shows its first state.]")


def _widget_note(text: str) -> str:
    """What a stored widget output says when no kernel runs: a quiz keeps its printed form."""
    return text if text.startswith("Check your understanding") else WIDGET_NOTE


def normalise(nb) -> None:
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        if cell.cell_type == "code":
            for out in cell.outputs:
                out.get("metadata", {}).pop("execution", None)
                data = out.get("data", {})
                if WIDGET_VIEW in data:
                    out["data"] = {"text/plain": _widget_note("".join(data.get("text/plain", "")))}


def execute(path: Path, timeout: int = 60, retries: int = 1) -> None:
    """Run one notebook in a fresh kernel and write it back with its outputs.

    nbclient occasionally misses a cell's reply after a widget cell and waits until the
    cell timeout (jupyter/nbclient#312); a timed-out run is therefore tried again once.
    """
    from nbclient.exceptions import CellTimeoutError

    for attempt in range(retries + 1):
        try:
            return _execute(path, timeout)
        except CellTimeoutError:
            if attempt == retries:
                raise
            print(f"  {path.name}: a cell timed out; running the notebook again", flush=True)


def _execute(path: Path, timeout: int) -> None:
    nb = nbformat.read(path, as_version=4)
    os.environ["PYTHONHASHSEED"] = "0"
    # answers saved while the notebooks run go to a scratch folder, not to my-answers/
    os.environ.setdefault("NEXUS_ANSWERS_DIR", tempfile.mkdtemp(prefix="nexus-refresh-"))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            # nbclient needs the state while it runs (Output widgets);
                            # normalise() drops it before writing
                            store_widget_state=True, record_timing=False)
    client.execute()
    normalise(nb)
    nbformat.validate(nb)
    nbformat.write(nb, path)


def main(argv: list[str]) -> int:
    import argparse

    import make_student
    import navigation

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebooks to refresh (default: every lesson and exercise)")
    args = parser.parse_args(argv)
    missing = [a for a in args.notebooks if not Path(a).is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    argv = args.notebooks
    paths = [Path(a).resolve() for a in argv] if argv else all_notebooks()
    # Navigation only for the notebooks being refreshed (all of them, and the README's
    # lesson map, when none is named), so refreshing one lesson touches no other file.
    navigation.main([str(p) for p in paths] if argv else [])
    solutions = [p for p in paths if p.parent.name == "solutions"]
    for sol in solutions:  # the student versions follow their solutions
        student = make_student.write_student(sol)
        if student.resolve() not in paths:
            paths.append(student.resolve())
    failed = 0
    for path in paths:
        print(f"executing {path.relative_to(ROOT)}", flush=True)
        try:
            execute(path)
        except Exception as exc:  # report every failing notebook, not just the first
            failed += 1
            print(f"  FAILED: {type(exc).__name__}: {str(exc)[-2000:]}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
