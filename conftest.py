"""Shared test set-up.

* A fixed hash seed for every kernel nbval starts (outputs must not depend on it).
* Learners' answers written while the notebooks run go to a temporary folder,
  never into the repository's my-answers/; it is removed when the run ends.
* The browser tests share one JupyterLab server across the whole run,
  pytest-xdist workers included (tests/browser/labdriver/stack.py): it is recorded
  in a temporary folder made here once per run, and stopped when the run ends.
* pytest-xdist (``--dist loadfile``) keeps each file on one worker, so that nbval runs a
  notebook's cells in order in one kernel; browser tests are grouped by the notebook they
  open instead, so that one "Run All" of a notebook serves all its browser tests and
  different notebooks run on different workers.
* At the end of a run with browser tests, the accessibility audit's failing elements per
  notebook and theme are printed.
"""

import atexit
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

import pytest

os.environ["PYTHONHASHSEED"] = "0"
if "NEXUS_ANSWERS_DIR" not in os.environ:
    _answers = tempfile.mkdtemp(prefix="nexus-answers-")
    os.environ["NEXUS_ANSWERS_DIR"] = _answers
    atexit.register(shutil.rmtree, _answers, ignore_errors=True)


def _stop_recorded(folder: str) -> None:
    """Stop the process groups recorded as NAME.pgid in `folder` (SIGTERM, then SIGKILL)."""
    groups = []
    for record in Path(folder).glob("*.pgid"):
        try:
            groups.append(int(record.read_text().strip()))
        except (OSError, ValueError):
            pass
    for pgid in groups:
        try:
            os.killpg(pgid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            pass
    deadline = time.monotonic() + 10
    for pgid in groups:
        while time.monotonic() < deadline:
            try:
                os.killpg(pgid, 0)
            except (ProcessLookupError, PermissionError):
                break
            time.sleep(0.1)
        else:
            try:
                os.killpg(pgid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    shutil.rmtree(folder, ignore_errors=True)


if "NEXUS_BROWSER_SHARED" not in os.environ and hasattr(os, "killpg"):
    _shared = tempfile.mkdtemp(prefix="nexus-browser-")
    os.environ["NEXUS_BROWSER_SHARED"] = _shared
    atexit.register(_stop_recorded, _shared)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """loadfile, except that a browser test's unit of work is the notebook it opens."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class NotebookScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid):
            path, _, name = nodeid.partition("::")
            if path.startswith("tests/browser/") and name.endswith("]") and "[" in name:
                return "browser:" + name[name.index("[") + 1:-1]
            return path

    return NotebookScheduling(config, log)


def _recorded(terminalreporter, key):
    """The values tests recorded under `key` (request.node.user_properties), from every worker."""
    rows = []
    for reports in terminalreporter.stats.values():
        for report in reports:
            for name, value in getattr(report, "user_properties", ()):
                if name == key and getattr(report, "when", "call") == "call":
                    rows.append(value)
    return rows


def pytest_terminal_summary(terminalreporter):
    """How each notebook's browser run went, and the accessibility audit's counts (failing
    elements per impact), one row per notebook."""
    write = terminalreporter.write_line
    runs = _recorded(terminalreporter, "browser run")
    if runs:
        terminalreporter.write_sep("-", "browser runs: seconds to open and to run all cells; runs made twice")
        write("| notebook | open (s) | run all (s) | kernel restarted (stalled run) | run again (page reloaded) |")
        write("|---|---|---|---|---|")
        for row in sorted(runs, key=lambda r: r["notebook"]):
            write(f"| {row['notebook']} | {row['open']} | {row['run']} | "
                  f"{'yes' if row['kernel restarted (stalled run)'] else 'no'} | "
                  f"{'yes' if row['run again (page reloaded)'] else 'no'} |")
    rows = _recorded(terminalreporter, "axe")
    if not rows:
        return
    terminalreporter.write_sep("-", "accessibility: failing elements per notebook (axe-core, outputs only)")
    write("| notebook | light: critical/serious/moderate/minor | dark: critical/serious/moderate/minor "
          "| contrast checked (light/dark) | rules |")
    write("|---|---|---|---|---|")
    for row in sorted(rows, key=lambda r: r["notebook"]):
        cells = ["/".join(str(row[t]["counts"][k]) for k in ("critical", "serious", "moderate", "minor"))
                 for t in ("light", "dark")]
        rules = sorted(set(row["light"]["rules"]) | set(row["dark"]["rules"]))
        write(f"| {row['notebook']} | {cells[0]} | {cells[1]} | {row['light']['contrast checked']}/"
              f"{row['dark']['contrast checked']} | {', '.join(rules) or '-'} |")
