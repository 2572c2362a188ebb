"""Browser tests: pytest fixtures over the framework in ``labdriver/`` (read its docstrings).

* Every test in this folder is marked ``browser``.
* ``lab``: this worker's JupyterLab page, in the worker's Chromium, on the JupyterLab
  server shared by the whole run (``labdriver.stack``).
* ``notebook_run``: one notebook opened and run ("Run All" in a fresh kernel) ONCE; every
  test of that notebook, in every module here, inspects the same run. It is parametrized
  with every lesson and exercise notebook, with the lessons only (``@pytest.mark.lessons``)
  or with lesson 00 only (``@pytest.mark.keyboard``). pytest orders the tests notebook by
  notebook, and under pytest-xdist (``--dist loadgroup``) all tests of a notebook go to one
  worker (an ``xdist_group`` per notebook).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from labdriver import Lab, all_notebooks, keyboard_notebooks, lesson_notebooks, stack

BROWSER_DIR = Path(__file__).resolve().parent
# tests of one notebook run in this order (a learner's order: run, look, then touch)
MODULE_ORDER = ("test_notebooks_in_browser.py", "test_accessibility.py", "test_widgets_respond.py")


def pytest_configure(config):
    config.addinivalue_line("markers", "lessons: a browser test of every lesson (not the exercises)")
    config.addinivalue_line("markers", "keyboard: a browser test of lesson 00 only")


def _notebook(item):
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("notebook_run") if callspec else None


@pytest.hookimpl(trylast=True)  # after pytest has grouped the items by notebook
def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(BROWSER_DIR):
            item.add_marker(pytest.mark.browser)
    # within each run of one notebook's tests: run, audit, then operate the widgets
    rank = {name: i for i, name in enumerate(MODULE_ORDER)}
    start = 0
    while start < len(items):
        end = start + 1
        key = _notebook(items[start])
        while key and end < len(items) and _notebook(items[end]) == key:
            end += 1
        items[start:end] = sorted(items[start:end], key=lambda it: rank.get(it.path.name, len(rank)))
        start = end


def pytest_generate_tests(metafunc):
    if "notebook_run" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("keyboard"):
        paths = keyboard_notebooks()
    elif metafunc.definition.get_closest_marker("lessons"):
        paths = lesson_notebooks()
    else:
        paths = all_notebooks()
    # one xdist group per notebook: all its tests run on one worker, after one run
    params = [pytest.param(p, id=p, marks=pytest.mark.xdist_group(name=p)) for p in paths]
    metafunc.parametrize("notebook_run", params, indirect=True, scope="session")


def require_browser():
    """Skip (locally) or fail (CI=true) when the browser stack is missing."""
    problem = stack.missing_requirement()
    if problem is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(problem, pytrace=False)
    pytest.skip(problem)


@pytest.fixture(scope="session")
def lab():
    """This worker's JupyterLab page (its own workspace) on the shared server."""
    require_browser()
    from playwright.sync_api import sync_playwright

    folder, owned = stack.shared_folder()
    server = stack.acquire()
    try:
        with sync_playwright() as pw:
            browser = stack.launch_chromium(pw)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.set_default_timeout(30_000)
            yield Lab(page, server, workspace=None)  # the default workspace of its own server
            context.close()
            browser.close()
    finally:
        if owned:
            stack.release_all(folder)


class NotebookRun:
    """A notebook opened and run once in `lab`; `error` says why the run failed."""

    def __init__(self, notebook, lab):
        self.notebook, self.lab = notebook, lab
        self.error, self.seconds, self.rerun = None, {}, False
        self.writes_before = len(lab.writes)

    def start(self):
        """Open the notebook and Run All; the page is marked with the run."""
        t0 = time.monotonic()
        self.lab.open_notebook(self.notebook)
        t1 = time.monotonic()
        self.lab.run_all(self.notebook)
        self.lab.settle_widgets()
        self.seconds = {"open": round(t1 - t0, 1), "run": round(time.monotonic() - t1, 1),
                        "kernel restarted (stalled run)": self.lab.restarted, "run again (page reloaded)": self.rerun}
        self.lab.page.evaluate("(p) => { window.__btRun = p; }", self.notebook)

    def require(self):
        """The run, its notebook in front; fails the test when the run failed or its tab is gone.

        Now and then JupyterLab reloads its page after the first notebook of a worker has run
        (the notebook then comes back from disk, with its committed outputs and no kernel); the
        page's mark of the run is then gone, and the notebook is run again, once."""
        if not self.error and self.lab.page.evaluate("() => window.__btRun || null") != self.notebook \
                and not self.rerun:
            self.rerun = True
            try:
                self.start()
            except Exception as exc:
                self.error = f"{type(exc).__name__}: {exc}"
        if self.error:
            pytest.fail(f"{self.notebook}: {self.error}", pytrace=False)
        where = self.lab.show(self.notebook)
        if not where["shown"]:
            pytest.fail(f"{self.notebook}: its tab is no longer open in JupyterLab "
                        f"(open tabs: {where['tabs']}; page {self.lab.page.url})", pytrace=False)
        return self

    def writes(self):
        """Requests by which the page asked the server to write a file since the run began."""
        return self.lab.writes[self.writes_before:]


@pytest.fixture(scope="session")
def notebook_run(request, lab):
    run = NotebookRun(request.param, lab)
    try:
        run.start()
    except Exception as exc:  # every test of this notebook reports it
        run.error = f"{type(exc).__name__}: {exc}"
    yield run
    try:
        lab.close_all()
    except Exception:
        lab.page.goto("about:blank")  # JupyterLab is loaded again by the next notebook
