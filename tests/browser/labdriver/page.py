"""A JupyterLab page, driven by Playwright: open, run, inspect and close notebooks."""

from __future__ import annotations

import contextlib
import json
import re
import time
import urllib.request
from pathlib import Path

from .notebooks import code_cells_with_source

RUN_ALL_TIMEOUT = 240  # seconds, per notebook (an upper bound: the wait ends when the kernel is idle)
WIDGET_GRACE = 15  # seconds widgets get to render / respond (upper bound, under CI load)
OPEN_TIMEOUT = 60  # seconds to open a notebook and start its kernel
TALL_MAX = 16000  # px: the tallest viewport used for screenshots and audits

# the notebook panel currently shown (all queries are scoped to it)
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
SCREENSHOT_DIR = Path(__file__).resolve().parents[1] / "screenshots"
HELPERS_JS = (Path(__file__).with_name("helpers.js")).read_text(encoding="utf-8")

WIDGET_ERROR_TEXTS = ("Error displaying widget", "Something went wrong", "Error rendering output")
WIDGET_NAMES = (
    "VBox HBox Box GridBox Tab Accordion Stack AppLayout TwoByTwoLayout GridspecLayout interactive "
    "Dropdown Select SelectMultiple RadioButtons ToggleButtons ToggleButton Checkbox Button "
    "IntSlider FloatSlider FloatLogSlider IntRangeSlider FloatRangeSlider SelectionSlider "
    "SelectionRangeSlider IntProgress FloatProgress Play Output HTML HTMLMath Label Text Textarea "
    "Password Combobox IntText FloatText BoundedIntText BoundedFloatText DatePicker ColorPicker "
    "TagsInput Valid Image Video Audio FileUpload"
).split()
RAW_WIDGET_REPR = re.compile(r"^\s*(" + "|".join(WIDGET_NAMES) + r")\(")
ERROR_LINE = re.compile(r"Traceback|^\s*[A-Za-z_.]*(Error|Exception)\b", re.M)

THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}


class RunStalled(Exception):
    """Run All stopped without an error: some cells were never queued."""


def find_error_outputs(outputs):
    """Error outputs (JupyterLab renders them as application/vnd.jupyter.stderr) and
    stderr showing a traceback."""
    return [o for o in outputs
            if o["mime"] in ("application/vnd.jupyter.stderr", "application/vnd.jupyter.error")
            and ERROR_LINE.search(o["text"] or "")]


def summarize_traceback(text):
    """'Cell In[3], line 7 ... | RuntimeError: message' from an IPython traceback text."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    frames = [line for line in lines if line.startswith("Cell In[")]
    errors = [line for line in lines if re.match(r"[A-Za-z_.]*(Error|Exception|Interrupt|Exit)\b", line)]
    return " | ".join(frames[-1:] + errors[-1:])


def short(text, n=300):
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


class LabPage:
    """One worker's JupyterLab page (its own workspace) on the shared server."""

    def __init__(self, page, server: dict, workspace: str):
        self.page = page
        self.server = server
        self.workspace = workspace
        self.issues = []  # problems noticed while operating widgets (e.g. covered controls)
        self.writes = []  # requests by which the page asked the server to write a file
        self.opened = set()  # notebooks this page opened (other workers' kernels are not ours)
        self.restarted = False  # the last run_all stalled and was made again after a kernel restart
        page.on("request", self._record_write)

    # -- page -----------------------------------------------------------------
    def _record_write(self, request):
        """Saves, renames, deletes...; checkpoints (kept outside the repository) do not count."""
        url = request.url.split("?", 1)[0]
        if "/api/contents/" not in url or request.method not in ("PUT", "PATCH", "POST", "DELETE"):
            return
        if request.method == "POST" and url.rstrip("/").endswith("/checkpoints"):
            return
        self.writes.append(f"{request.method} {url.split('/api/contents/', 1)[1]}")

    def url(self, path=""):
        space = f"/workspaces/{self.workspace}" if self.workspace else ""
        return f"{self.server['url']}/lab{space}{path}?token={self.server['token']}"

    @property
    def loaded(self):
        return self.page.url.startswith(self.server["url"]) and self.page.evaluate(
            "() => !!(window.jupyterapp && document.querySelector('.lm-MenuBar-itemLabel'))")

    def load(self):
        """Load JupyterLab with an empty workspace and wait until the app has started."""
        self.page.goto(self.url(), wait_until="domcontentloaded")
        self.page.wait_for_selector(".lm-MenuBar-itemLabel", timeout=OPEN_TIMEOUT * 1000)
        self.page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started !== undefined",
                                    timeout=OPEN_TIMEOUT * 1000)
        self.page.evaluate("() => window.jupyterapp.restored")

    def js(self, expression, arg=None):
        """Evaluate `expression` (a function of one argument) with the helpers installed as
        window.__bt (installed once per page load), in one round trip to the page."""
        return self.page.evaluate(f"(arg) => {{ ({HELPERS_JS})(); return ({expression})(arg); }}", arg)

    def command(self, name, args=None):
        """Run a JupyterLab command (what a menu item or shortcut does) and wait until it is
        done. (Its result, often a widget, stays in the page: copying such an object graph
        out of the page would take seconds.)"""
        self.page.evaluate("async ([n, a]) => { await window.jupyterapp.commands.execute(n, a); }",
                           [name, args or {}])

    def api(self, path, method="GET"):
        """Call the server's REST API (token auth); returns the decoded JSON or None."""
        req = urllib.request.Request(f"{self.server['url']}{path}", method=method,
                                     headers={"Authorization": f"token {self.server['token']}"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    # -- notebooks ------------------------------------------------------------
    def _shut_down_sessions(self, paths):
        """Shut down the kernels of the notebooks `paths` (the server is shared: only these)."""
        for session in self.api("/api/sessions") or []:
            if session.get("path") in paths:
                with contextlib.suppress(Exception):
                    self.api(f"/api/sessions/{session['id']}", method="DELETE")

    def open_notebook(self, relpath):
        """Open `relpath` in a fresh kernel and wait until the kernel is idle."""
        if not self.loaded:
            self.load()
        self.close_all()
        self._shut_down_sessions({relpath})  # never reuse a kernel that already ran code
        self.opened.add(relpath)
        self.command("docmanager:open", {"path": relpath, "factory": "Notebook"})
        name = relpath.rsplit("/", 1)[-1]
        self.page.locator(
            ".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel", has_text=name
        ).first.wait_for(timeout=OPEN_TIMEOUT * 1000)
        self.page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell", timeout=OPEN_TIMEOUT * 1000)
        self._accept_kernel_dialog()
        dialogs = self.open_dialogs()
        if dialogs:
            raise AssertionError(f"{relpath}: a dialog opened with the notebook: {dialogs}")
        self.wait_idle(OPEN_TIMEOUT)

    def show(self, relpath):
        """Bring the tab of `relpath` to the front; returns what the main area holds
        ({shown: bool, tabs: [paths or titles]})."""
        return self.page.evaluate("""(path) => {
            const app = window.jupyterapp;
            if (!app) return {shown: false, tabs: ['(JupyterLab is not loaded)']};
            const widgets = [...app.shell.widgets('main')];
            const mine = widgets.find(w => w.context && w.context.path === path);
            if (mine) { app.shell.activateById(mine.id); }
            return {shown: !!mine, tabs: widgets.map(w => (w.context && w.context.path) || w.title.label)};
        }""", relpath)

    def _accept_kernel_dialog(self):
        """A 'Select Kernel' dialog (notebook without kernelspec) gets the default kernel."""
        if not self.page.locator(".jp-Dialog").count():
            return
        header = self.page.locator(".jp-Dialog-header").first.inner_text()
        if "Kernel" in header:
            self.page.locator(".jp-Dialog .jp-mod-accept").first.click()

    def state(self):
        return self.js("() => window.__bt.state()")

    def wait_idle(self, timeout, settle=0.5):
        """Wait until the kernel indicator says idle and stays idle for `settle` s."""
        deadline = time.monotonic() + timeout
        idle_since = None
        st = None
        while time.monotonic() < deadline:
            st = self.state()
            if st and st["status"] == "idle":
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since >= settle:
                    return
            else:
                idle_since = None
            time.sleep(0.1)
        raise AssertionError(f"kernel not idle after {timeout} s (status {st and st['status']})")

    def run_all(self, relpath, timeout=RUN_ALL_TIMEOUT):
        """Clear the committed outputs, then run every cell of `relpath` in its fresh kernel
        (JupyterLab's own "Run All Cells" command, aimed at that notebook's panel: no menu,
        no reliance on which tab has the keyboard focus); wait until every non-empty code
        cell has an execution count and the kernel is idle. Returns the seconds taken.

        If the run stops with cells never queued and no error shown, the kernel is restarted
        through its API (no dialog) and the notebook run once more, so every cell still runs
        once, in order, in a fresh kernel."""
        self.restarted = False
        try:
            return self._run_all(relpath, timeout, restart=False)
        except RunStalled:
            self.restarted = True
            return self._run_all(relpath, timeout, restart=True)

    def _notebook_command(self, relpath, command, restart=False):
        """Run a notebook command on the panel of `relpath` (restarting its kernel first if
        asked); does not wait for the command's cells to finish."""
        problem = self.page.evaluate("""async ([path, command, restart]) => {
            const app = window.jupyterapp;
            const panel = [...app.shell.widgets('main')].find(w => w.context && w.context.path === path);
            if (!panel) return 'its tab is not open';
            app.shell.activateById(panel.id);
            await panel.sessionContext.ready;
            if (restart) {
                const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
                if (!kernel) return 'it has no kernel to restart';
                await kernel.restart();
            }
            // not awaited: the caller watches the cells (a long run would block the page call)
            app.commands.execute(command, {semanticWidget: panel.id, activate: false});
            return null;
        }""", [relpath, command, restart])
        if problem:
            raise AssertionError(f"{relpath}: cannot run {command}: {problem}")

    def open_dialogs(self):
        """The text of every dialog open on the page (JupyterLab's modal dialogs)."""
        return self.page.evaluate(
            "() => [...document.querySelectorAll('.jp-Dialog')].map(d => d.innerText.replace(/\\s+/g, ' ').trim())")

    def _run_all(self, relpath, timeout, restart):
        nonempty = code_cells_with_source(relpath)
        # clear outputs first so stale (committed) execution counts cannot satisfy the wait
        self._notebook_command(relpath, "notebook:clear-all-cell-outputs")
        self.wait_idle(OPEN_TIMEOUT, settle=0.2)
        self._notebook_command(relpath, "notebook:run-all-cells", restart=restart)
        start = time.monotonic()
        idle_since = None
        st = None
        while time.monotonic() - start < timeout:
            time.sleep(0.2)
            dialogs = self.open_dialogs()
            if dialogs:  # nothing a learner's Run All should raise (kernel died, errors...)
                raise AssertionError(f"{relpath}: a dialog opened during the run: {dialogs}"
                                     f"{self.describe_errors()}")
            st = self.state()
            if not st:
                continue
            code = [(n, c["prompt"]) for n, c in enumerate(st["cells"], 1) if c["code"]]
            prompts = [p for _, p in code]
            # (strict=False: while the page is still laying the notebook out it may list fewer cells)
            pending = [n for (n, p), has_code in zip(code, nonempty, strict=False)
                       if has_code and not re.fullmatch(r"\[\d+\]:", p)]
            if st["status"] == "idle":
                idle_since = idle_since or time.monotonic()
            else:
                idle_since = None
            idle_for = time.monotonic() - idle_since if idle_since else 0
            if not pending and idle_for >= 0.4:
                return time.monotonic() - start
            # run-all stopped early (an error): idle for a while and nothing queued
            if idle_for > 3 and time.monotonic() - start > 5 and "[*]:" not in prompts:
                errors = self.describe_errors()
                if errors or restart:
                    raise AssertionError(f"{relpath}: run-all stopped; cells {pending} never ran{errors}")
                raise RunStalled(pending)
        raise AssertionError(f"{relpath}: run-all did not finish within {timeout} s (kernel "
                             f"{st and st['status']}){self.describe_errors()}")

    def describe_errors(self):
        errs = find_error_outputs(self.js("() => window.__bt.allOutputs()"))
        return "".join(f"\n  cell {e['cell']}: {short(e['text'], 800)}" for e in errs)

    def settle_widgets(self, grace=WIDGET_GRACE):
        """Give widget views up to `grace` s to replace their 'Loading widget...' placeholders."""
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and "Loading widget" in self.js("() => window.__bt.text()"):
            time.sleep(0.2)

    def render_problems(self):
        """Everything that looks broken in the executed notebook, one string per problem
        (cells are numbered from 1, counting markdown cells, as JupyterLab's status bar does)."""
        problems = []
        for e in find_error_outputs(self.js("() => window.__bt.allOutputs()")):
            problems.append(f"cell {e['cell']}: error output: {short(e['text'], 800)}")
        for o in self.js("() => window.__bt.outputs()"):
            if not o["widget"] and RAW_WIDGET_REPR.match(o["text"] or ""):
                problems.append(f"cell {o['cell']}: widget shown as raw text instead of a widget: "
                                f"{short(o['text'], 120)}")
        problems.extend(self.widget_errors())
        return problems

    def widget_errors(self):
        text = self.js("() => window.__bt.text()")
        found = [t for t in WIDGET_ERROR_TEXTS if t in text]
        if "Loading widget" in text:
            found.append("Loading widget... (a widget never rendered)")
        return [f"page shows {t!r}" for t in found]

    def rendered_charts(self):
        """[{alt, mime}] for every chart image shown as a notebook output (not in a widget)."""
        return self.js("() => window.__bt.charts()")

    def close_all(self):
        """Close every open notebook without saving and shut its kernel down."""
        if not self.loaded:
            return
        for _ in range(5):
            if not self.page.locator(".jp-Dialog").count():
                break
            self.page.keyboard.press("Escape")
            self.page.wait_for_timeout(100)
        self.page.evaluate("""() => {
            const app = window.jupyterapp;
            for (const w of [...app.shell.widgets('main')]) {
                if (w.context && w.context.model) { w.context.model.dirty = false; }
                w.close();
            }
        }""")
        self.page.wait_for_function(f"() => !document.querySelector('{PANEL}')", timeout=10_000)
        self._shut_down_sessions(self.opened)
        self.opened.clear()

    # -- theme and layout ------------------------------------------------------
    def theme(self):
        return self.page.evaluate("() => document.body.dataset.jpThemeName")

    def set_theme(self, which):
        """Switch JupyterLab to its light or dark theme and wait until it is applied."""
        name = THEMES[which]
        if self.theme() == name:
            return
        for attempt in range(3):  # (a settings write can be lost when the machine is very busy)
            self.command("apputils:change-theme", {"theme": name})
            try:
                self.page.wait_for_function(
                    "(n) => document.body.dataset.jpThemeName === n"
                    " && getComputedStyle(document.body).getPropertyValue('--jp-layout-color0').trim() !== ''",
                    arg=name, timeout=20_000)
                break
            except Exception:
                if attempt == 2:
                    raise
        self.page.wait_for_timeout(200)  # let the new theme's styles reach every element

    @contextlib.contextmanager
    def whole_notebook_in_view(self):
        """Stretch the viewport over the notebook (up to TALL_MAX px) so that every cell is
        laid out on screen, and give the page body the viewport's height (JupyterLab's body
        has zero height and hidden overflow, which hides everything from hit testing).
        Yields a function that scrolls the notebook to a window and returns the list of
        window tops to visit (one for notebooks shorter than TALL_MAX)."""
        size = self.page.viewport_size
        height = self.js("() => { const n = window.__bt.scroller(); return n ? n.scrollHeight : 0; }") or 0
        # the notebook's scroll height includes a bottom margin about one viewport high
        tall = max(size["height"], min(int(height) + 250, TALL_MAX))
        try:
            self.page.set_viewport_size({"width": size["width"], "height": tall})
            # the resize reaches the page asynchronously (slowly on a busy machine)
            self.page.wait_for_function("(h) => window.innerHeight === h", arg=tall, timeout=30_000)
            self.page.evaluate("""() => {
                document.body.style.setProperty('height', window.innerHeight + 'px', 'important');
                const n = window.__bt.scroller(); if (n) n.scrollTop = 0; }""")
            self.page.wait_for_timeout(250)

            def windows():
                full = self.js("() => { const n = window.__bt.scroller();"
                               " return n ? [n.scrollHeight, n.clientHeight] : [0, 0]; }")
                step = max(full[1] - 100, 100)
                return list(range(0, max(full[0] - full[1], 0) + 1, step)) or [0]

            yield windows
        finally:
            self.page.evaluate("""() => { document.body.style.removeProperty('height');
                const n = window.__bt.scroller(); if (n) n.scrollTop = 0; }""")
            self.page.set_viewport_size(size)
            self.page.wait_for_function("(h) => window.innerHeight === h", arg=size["height"], timeout=30_000)

    def scroll_to(self, top):
        self.js("(t) => { const n = window.__bt.scroller(); if (n) n.scrollTop = t; }", top)
        self.page.wait_for_timeout(150)

    def screenshot(self, name):
        """Screenshot of the open notebook (call inside whole_notebook_in_view: up to TALL_MAX px)."""
        SCREENSHOT_DIR.mkdir(exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.jpg"  # JPEG: a notebook-tall PNG took seconds to encode
        self.page.screenshot(path=str(path), type="jpeg", quality=80)
        return path
