"""Real-browser tests: JupyterLab on localhost, driven by Playwright + Debian's chromium.

One JupyterLab server and one browser page serve the whole session.  The
server always serves the real repository root (so ``nexus`` finds ``data/``),
but runs with its own temporary Jupyter config/data/runtime/settings folders
and with autosave switched off; the tests never save, and close every notebook
with "Discard", so executed outputs never reach the committed notebooks.

Paths are computed relative to this file; nothing machine-specific is stored.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BROWSER_DIR = Path(__file__).resolve().parent
REPO_ROOT = BROWSER_DIR.parents[1]
SCREENSHOT_DIR = BROWSER_DIR / "screenshots"

MISSING_CHROMIUM = "browser tests need Debian's chromium: sudo apt-get install chromium"
MISSING_PLAYWRIGHT = (
    MISSING_CHROMIUM + " (and the Python package playwright: pip install playwright==1.65.2)"
)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Settings forced on JupyterLab for the test session (an app-level overrides.json
# in a temporary folder; the user's own settings are never read or written).
LAB_OVERRIDES = {
    # never write the executed notebook back into the repository
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    # no news/update pop-ups, no "would you like to receive news?" question
    "@jupyterlab/apputils-extension:notification": {
        "checkForUpdates": False,
        "fetchNews": "false",
    },
    # render every cell (no virtual scrolling) so all outputs are in the DOM;
    # shut the kernel down when a notebook tab closes
    "@jupyterlab/notebook-extension:tracker": {
        "windowingMode": "none",
        "kernelShutdown": True,
    },
    # no calls to PyPI from the extension manager
    "@jupyterlab/extensionmanager-extension:plugin": {"enabled": False},
}

SERVER_START_TIMEOUT = 60  # seconds


# --------------------------------------------------------------------------- #
# collection: marker, notebook discovery
# --------------------------------------------------------------------------- #


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: real-browser test (JupyterLab + headless chromium via Playwright)"
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        try:
            in_here = Path(str(item.fspath)).resolve().is_relative_to(BROWSER_DIR)
        except (OSError, ValueError):
            in_here = False
        if in_here:
            item.add_marker(pytest.mark.browser)


def _override_notebooks():
    """NEXUS_BROWSER_NOTEBOOKS: glob patterns (relative to the repo root, separated
    by whitespace) that replace the discovered notebooks, e.g. to try one file."""
    patterns = os.environ.get("NEXUS_BROWSER_NOTEBOOKS", "").split()
    if not patterns:
        return None
    found = []
    for pattern in patterns:
        found.extend(sorted(REPO_ROOT.glob(pattern)))
    return [p.relative_to(REPO_ROOT).as_posix() for p in found if p.suffix == ".ipynb"]


def lesson_notebooks():
    override = _override_notebooks()
    if override is not None:
        return override
    return [p.relative_to(REPO_ROOT).as_posix() for p in sorted(REPO_ROOT.glob("notebooks/[0-9]*.ipynb"))]


def all_notebooks():
    override = _override_notebooks()
    if override is not None:
        return override
    found = []
    for pattern in ("notebooks/[0-9]*.ipynb", "exercises/[0-9]*.ipynb", "exercises/solutions/[0-9]*.ipynb"):
        found.extend(sorted(REPO_ROOT.glob(pattern)))
    return [p.relative_to(REPO_ROOT).as_posix() for p in found]


def stored_png_count(relpath: str) -> int:
    """Number of image/png outputs committed in the notebook file."""
    nb = json.loads((REPO_ROOT / relpath).read_text(encoding="utf-8"))
    count = 0
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        for out in cell.get("outputs", []):
            if "image/png" in out.get("data", {}):
                count += 1
    return count


# --------------------------------------------------------------------------- #
# requirements: playwright + chromium
# --------------------------------------------------------------------------- #


def find_chromium():
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def _missing_requirement():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return MISSING_PLAYWRIGHT
    if not find_chromium():
        return MISSING_CHROMIUM
    return None


def require_browser():
    """Skip (locally) or fail (CI=true) when the browser stack is missing."""
    problem = _missing_requirement()
    if problem is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(problem, pytrace=False)
    pytest.skip(problem)


# --------------------------------------------------------------------------- #
# the JupyterLab server
# --------------------------------------------------------------------------- #


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_app_settings(settings_dir: Path):
    """Temporary app settings dir: keep any installed overrides/page config, add ours."""
    settings_dir.mkdir(parents=True, exist_ok=True)
    overrides = {}
    default_dir = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings"
    if default_dir.is_dir():
        for name in ("page_config.json", "build_config.json"):
            if (default_dir / name).is_file():
                shutil.copy(default_dir / name, settings_dir / name)
        if (default_dir / "overrides.d").is_dir():
            shutil.copytree(default_dir / "overrides.d", settings_dir / "overrides.d")
        if (default_dir / "overrides.json").is_file():
            try:
                overrides = json.loads((default_dir / "overrides.json").read_text(encoding="utf-8"))
            except ValueError:
                overrides = {}
    for plugin, values in LAB_OVERRIDES.items():
        overrides.setdefault(plugin, {}).update(values)
    (settings_dir / "overrides.json").write_text(json.dumps(overrides, indent=2), encoding="utf-8")


class LabServer:
    def __init__(self, base: Path):
        self.base = base
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = base / "jupyterlab.log"
        self.proc = None

    def env(self):
        env = os.environ.copy()
        for key, sub in (
            ("JUPYTER_CONFIG_DIR", "config"),
            ("JUPYTER_DATA_DIR", "data"),
            ("JUPYTER_RUNTIME_DIR", "runtime"),
            ("JUPYTERLAB_SETTINGS_DIR", "user-settings"),
            ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
            ("IPYTHONDIR", "ipython"),
        ):
            path = self.base / sub
            path.mkdir(parents=True, exist_ok=True)
            env[key] = str(path)
        env.pop("JUPYTER_PREFER_ENV_PATH", None)
        return env

    def command(self):
        settings_dir = self.base / "app-settings"
        _write_app_settings(settings_dir)
        # JupyterLab makes a checkpoint of every notebook it opens: keep them out of
        # the repository (FileCheckpoints needs the mirrored parent folders to exist)
        checkpoints = self.base / "checkpoints"
        for relpath in set(all_notebooks()) | set(lesson_notebooks()):
            (checkpoints / relpath).parent.mkdir(parents=True, exist_ok=True)
        return [
            sys.executable, "-m", "jupyter", "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={REPO_ROOT}",
            "--ServerApp.open_browser=False",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
            f"--LabApp.app_settings_dir={settings_dir}",
            f"--FileCheckpoints.root_dir={checkpoints}",
        ] + (["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])

    def start(self):
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            self.command(),
            cwd=REPO_ROOT,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # own process group: kernels die with it
        )
        log.close()
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        status = f"{self.url}/api/status?token={self.token}"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early (code {self.proc.returncode}):\n{self.log()}")
            try:
                with urllib.request.urlopen(status, timeout=2) as resp:
                    if resp.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer /api/status within {SERVER_START_TIMEOUT} s:\n{self.log()}")

    def log(self, tail=4000):
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-tail:]
        except OSError:
            return ""

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        pgid = self.proc.pid
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(pgid, sig)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        try:  # stragglers (kernels) in the group
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="session")
def jupyter_server(tmp_path_factory):
    require_browser()
    server = LabServer(tmp_path_factory.mktemp("jupyterlab")).start()
    try:
        yield server
    finally:
        server.stop()


# --------------------------------------------------------------------------- #
# driving JupyterLab
# --------------------------------------------------------------------------- #

RUN_ALL_TIMEOUT = 240  # seconds, per notebook (an upper bound: the wait ends when the kernel is idle)
WIDGET_GRACE = 15  # seconds widgets get to render / respond (upper bound, under CI load)
OPEN_TIMEOUT = 60  # seconds to open a notebook and start its kernel

# the notebook panel currently shown (all queries are scoped to it)
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

WIDGET_ERROR_TEXTS = ("Error displaying widget", "Something went wrong", "Error rendering output")
WIDGET_NAMES = (
    "VBox HBox Box GridBox Tab Accordion Stack AppLayout TwoByTwoLayout GridspecLayout interactive "
    "Dropdown Select SelectMultiple RadioButtons ToggleButtons ToggleButton Checkbox Button "
    "IntSlider FloatSlider FloatLogSlider IntRangeSlider FloatRangeSlider SelectionSlider "
    "SelectionRangeSlider IntProgress FloatProgress Play Output HTML HTMLMath Label Text Textarea "
    "Password Combobox IntText FloatText BoundedIntText BoundedFloatText DatePicker ColorPicker "
    "TagsInput Valid Image Video Audio FileUpload"
).split()
RAW_WIDGET_REPR = re.compile(r"^\s*(%s)\(" % "|".join(WIDGET_NAMES))
ERROR_LINE = re.compile(r"Traceback|^\s*[A-Za-z_.]*(Error|Exception)\b", re.M)

# JavaScript helpers installed into the page as window.__bt
_JS_HELPERS = r"""
() => {
  if (window.__bt) return;
  const panel = () => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const cells = () => { const p = panel(); return p ? [...p.querySelectorAll('.jp-Notebook .jp-Cell')] : []; };
  // top-level outputs of a cell (not those nested inside Output widgets)
  const topOutputs = (cell) => {
    const area = cell.querySelector('.jp-OutputArea');
    return area ? [...area.querySelectorAll(':scope > .jp-OutputArea-child > .jp-OutputArea-output')] : [];
  };
  const isWidgetEl = (e) => e.classList.contains('jupyter-widgets')
      || [...e.classList].some(c => c.startsWith('widget-'));
  // a widget view's root: the outermost widget element of a top-level output
  const roots = () => cells().flatMap(c => topOutputs(c).flatMap(o => [...o.children].filter(isWidgetEl)));
  window.__bt = {
    panel, roots,
    state() {
      const p = panel();
      if (!p) return null;
      const ind = p.querySelector('.jp-Notebook-ExecutionIndicator');
      return {
        status: ind ? ind.getAttribute('data-status') : null,
        cells: cells().map(c => {
          const prompt = c.querySelector('.jp-InputArea .jp-InputPrompt');
          return {code: c.classList.contains('jp-CodeCell'), prompt: prompt ? prompt.innerText.trim() : ''};
        }),
      };
    },
    outputs() {
      return cells().flatMap((c, i) => topOutputs(c).map(o => ({
        cell: i + 1, mime: o.getAttribute('data-mime-type'), text: o.innerText,
        widget: [...o.children].some(isWidgetEl)})));
    },
    allOutputs() {
      return cells().flatMap((c, i) => [...c.querySelectorAll('.jp-OutputArea-output')].map(o => ({
        cell: i + 1, mime: o.getAttribute('data-mime-type'), text: o.innerText,
        inWidget: !!o.parentElement.closest('.jupyter-widgets')})));
    },
    text() { const p = panel(); return p ? p.querySelector('.jp-Notebook').innerText : ''; },
    // PNG images rendered as notebook outputs (not those drawn inside widgets)
    pngCount() {
      return cells().flatMap(c => topOutputs(c))
        .filter(o => o.getAttribute('data-mime-type') === 'image/png')
        .filter(o => o.querySelector('img')).length;
    },
    markRoots() {
      document.querySelectorAll('[data-bt-root]').forEach(e => e.removeAttribute('data-bt-root'));
      document.querySelectorAll('[data-bt-operated]').forEach(e => e.removeAttribute('data-bt-operated'));
      const rs = roots();
      rs.forEach((r, i) => r.setAttribute('data-bt-root', String(i)));
      return rs.map(r => {
        const cell = r.closest('.jp-Cell');
        return {cell: cells().indexOf(cell) + 1, kind: [...r.classList].filter(c => c.startsWith('widget-')).join(' ')};
      });
    },
    // which control of root i to operate (see test_widgets_respond.py)
    pickControl(i) {
      const root = document.querySelector(`[data-bt-root="${i}"]`);
      if (!root) return null;
      const ok = (e) => e && !e.disabled && !e.closest('[disabled]');
      const mark = (e) => { (e.closest('.lm-Widget') || e).setAttribute('data-bt-operated', '1'); };
      const sel = [...root.querySelectorAll('select')].find(s => ok(s) && s.options.length > 1);
      if (sel) { mark(sel); return {kind: 'select', value: sel.value,
                 options: [...sel.options].map(o => o.value)}; }
      const handle = [...root.querySelectorAll('.noUi-handle')].find(h => !h.closest('[disabled]'));
      if (handle) { mark(handle); return {kind: 'slider',
                    now: handle.getAttribute('aria-valuenow'), max: handle.getAttribute('aria-valuemax')}; }
      const radio = [...root.querySelectorAll('input[type=radio]')].find(ok);
      const toggles = root.querySelector('.widget-toggle-buttons');
      if (radio || toggles) {
        const group = radio ? radio.closest('.lm-Widget') : toggles;
        group.setAttribute('data-bt-operated', '1');
        const check = [...root.querySelectorAll('button')].find(
            b => ok(b) && !b.closest('.widget-toggle-buttons') && /check/i.test(b.innerText));
        if (check) check.setAttribute('data-bt-check', '1');
        return {kind: radio ? 'radio' : 'toggle', check: !!check,
                checked: radio ? [...group.querySelectorAll('input[type=radio]')].findIndex(r => r.checked)
                               : [...group.querySelectorAll('button')].findIndex(b => b.classList.contains('mod-active'))};
      }
      const box = [...root.querySelectorAll('input[type=checkbox]')].find(ok);
      if (box) { mark(box); return {kind: 'checkbox'}; }
      const button = [...root.querySelectorAll('button')].find(ok);
      if (button) { return {kind: 'button', text: button.innerText}; }
      return {kind: null};
    },
    // everything the widgets show, except the operated control itself
    snapshot() {
      const parts = [];
      roots().forEach((root, i) => {
        if (root.hasAttribute('data-bt-operated')) { parts.push('#' + i + ':(operated)'); return; }
        const clone = root.cloneNode(true);
        clone.querySelectorAll('[data-bt-operated]').forEach(e => e.remove());
        parts.push('#' + i + ':' + clone.textContent);
        clone.querySelectorAll('img').forEach(img => parts.push('img:' + img.getAttribute('src')));
        clone.querySelectorAll('input:not([type=radio]):not([type=checkbox]), textarea')
             .forEach(e => parts.push('input:' + e.value));
      });
      // outputs added to widget cells outside the widget (e.g. display() from a callback)
      cells().forEach((c, ci) => {
        const outs = topOutputs(c);
        if (!outs.some(o => [...o.children].some(isWidgetEl))) return;
        outs.filter(o => ![...o.children].some(isWidgetEl))
            .forEach(o => parts.push('cell' + ci + ':' + o.innerText));
      });
      return parts.join('\n');
    },
    logCount() {
      // JupyterLab's status bar shows how many messages the log console holds
      const item = document.querySelector('.jp-LogConsoleStatusItem');
      if (!item || item.classList.contains('lm-mod-hidden')) return 0;
      const n = parseInt(item.innerText, 10);
      return isNaN(n) ? 0 : n;
    },
  };
}
"""


def code_cells_with_source(relpath):
    """For each code cell of the committed notebook: does it hold code (empty cells never run)?"""
    nb = json.loads((REPO_ROOT / relpath).read_text(encoding="utf-8"))
    flags = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else src
            flags.append(bool(src.strip()))
    return flags


def find_error_outputs(outputs):
    """Error outputs (JupyterLab renders them as application/vnd.jupyter.stderr) and
    stderr showing a traceback."""
    return [
        o for o in outputs
        if o["mime"] in ("application/vnd.jupyter.stderr", "application/vnd.jupyter.error")
        and ERROR_LINE.search(o["text"] or "")
    ]


def summarize_traceback(text):
    """'Cell In[3], line 7 ... | RuntimeError: message' from an IPython traceback text."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    frames = [line for line in lines if line.startswith("Cell In[")]
    errors = [line for line in lines if re.match(r"[A-Za-z_.]*(Error|Exception|Interrupt|Exit)\b", line)]
    return " | ".join(frames[-1:] + errors[-1:])


def _short(text, n=300):
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


class Lab:
    """A JupyterLab page with helpers to open, run, inspect and close notebooks."""

    def __init__(self, page, server: LabServer):
        self.page = page
        self.server = server
        self.issues = []  # problems noticed while operating widgets (e.g. covered controls)

    # -- page -----------------------------------------------------------------
    def url(self, path=""):
        return f"{self.server.url}/lab{path}?token={self.server.token}"

    @property
    def loaded(self):
        return self.page.url.startswith(self.server.url) and bool(
            self.page.locator(".lm-MenuBar-itemLabel").count())

    def load(self, path=""):
        self.page.goto(self.url(path), wait_until="domcontentloaded")
        self.page.wait_for_selector(".lm-MenuBar-itemLabel", timeout=OPEN_TIMEOUT * 1000)
        self.page.wait_for_selector("#jp-main-dock-panel", timeout=OPEN_TIMEOUT * 1000)

    def js(self, expression, arg=None):
        self.page.evaluate(_JS_HELPERS)
        return self.page.evaluate(expression, arg)

    def press_dialog_button(self, labels):
        """Click the first button of the open dialog whose label is in `labels`."""
        buttons = self.page.locator(".jp-Dialog .jp-Dialog-button")
        for i in range(buttons.count()):
            label = buttons.nth(i).inner_text().strip()
            if label in labels:
                buttons.nth(i).click()
                return label
        return None

    def menu(self, top, item, attempts=3):
        """Open the menu-bar menu `top` and click its enabled item labelled `item…`."""
        entry = self.page.locator(
            ".lm-Menu-content .lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel", has_text=item
        ).first
        seen = []
        for _ in range(attempts):
            self.page.keyboard.press("Escape")
            if self.page.locator(".lm-Menu").count():  # a menu is still open: close it
                self.page.mouse.click(5, 300)
            self.page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
            try:
                entry.click(timeout=3000)
                return
            except Exception:
                seen = self.page.locator(".lm-Menu-content .lm-Menu-item:not(.lm-mod-disabled)").all_inner_texts()
        self.page.keyboard.press("Escape")
        raise AssertionError(f"menu {top} > {item}: item not found; enabled items: "
                             + ", ".join(" ".join(t.split()) for t in seen if t.strip()))

    # -- notebooks ------------------------------------------------------------
    def open_notebook(self, relpath):
        """Open `relpath` (File > Open from Path… on the already loaded page) and wait
        until its kernel is idle."""
        if not self.loaded:
            self.load()
        self.close_all()
        try:
            self.menu("File", "Open from Path")
            box = self.page.locator(".jp-Dialog input")
            box.wait_for(timeout=10_000)
            box.fill(relpath)
            if self.press_dialog_button({"Open"}) is None:
                box.press("Enter")
        except Exception:
            self.page.keyboard.press("Escape")
            self.load(f"/tree/{relpath}")
        name = relpath.rsplit("/", 1)[-1]
        self.page.locator(
            ".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel", has_text=name
        ).first.wait_for(timeout=OPEN_TIMEOUT * 1000)
        self.page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell", timeout=OPEN_TIMEOUT * 1000)
        self._accept_kernel_dialog()
        self.wait_idle(OPEN_TIMEOUT)

    def _accept_kernel_dialog(self):
        """A 'Select Kernel' dialog (notebook without kernelspec) gets the default kernel."""
        try:
            self.page.locator(".jp-Dialog").first.wait_for(timeout=500)
        except Exception:
            return
        header = self.page.locator(".jp-Dialog-header").first.inner_text()
        if "Kernel" in header:
            self.page.locator(".jp-Dialog .jp-mod-accept").first.click()

    def wait_idle(self, timeout, settle=0.5):
        """Wait until the kernel indicator says idle and stays idle for `settle` s."""
        deadline = time.monotonic() + timeout
        idle_since = None
        st = None
        while time.monotonic() < deadline:
            st = self.js("() => window.__bt.state()")
            if st and st["status"] == "idle":
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since >= settle:
                    return
            else:
                idle_since = None
            time.sleep(0.1)
        raise AssertionError(f"kernel not idle after {timeout} s (status {st and st['status']})")

    def restart_and_run_all(self, relpath, timeout=RUN_ALL_TIMEOUT):
        """Run > Restart Kernel and Run All Cells…, confirm, wait until every non-empty
        code cell has an execution count and the kernel is idle.  Returns seconds taken."""
        nonempty = code_cells_with_source(relpath)
        # clear outputs first so stale (committed) execution counts cannot satisfy the wait
        self.menu("Edit", "Clear Outputs of All Cells")
        self.menu("Run", "Restart Kernel and Run All Cells")
        self.page.locator(".jp-Dialog .jp-mod-accept").click(timeout=10_000)
        start = time.monotonic()
        idle_since = None
        st = None
        while time.monotonic() - start < timeout:
            time.sleep(0.25)
            st = self.js("() => window.__bt.state()")
            if not st:
                continue
            code = [(n, c["prompt"]) for n, c in enumerate(st["cells"], 1) if c["code"]]
            prompts = [p for _, p in code]
            pending = [
                n for (n, p), has_code in zip(code, nonempty)
                if has_code and not re.fullmatch(r"\[\d+\]:", p)
            ]
            if st["status"] == "idle":
                idle_since = idle_since or time.monotonic()
            else:
                idle_since = None
            idle_for = time.monotonic() - idle_since if idle_since else 0
            if not pending and idle_for >= 0.5:
                return time.monotonic() - start
            # run-all stopped early (an error): idle for a while and nothing queued
            if idle_for > 3 and time.monotonic() - start > 5 and "[*]:" not in prompts:
                raise AssertionError(
                    f"{relpath}: run-all stopped; cells {pending} never ran{self.describe_errors()}")
        raise AssertionError(
            f"{relpath}: run-all did not finish within {timeout} s (kernel "
            f"{st and st['status']}){self.describe_errors()}")

    def describe_errors(self):
        errs = find_error_outputs(self.js("() => window.__bt.allOutputs()"))
        return "".join(f"\n  cell {e['cell']}: {_short(e['text'], 800)}" for e in errs)

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
            problems.append(f"cell {e['cell']}: error output: {_short(e['text'], 800)}")
        for o in self.js("() => window.__bt.outputs()"):
            if not o["widget"] and RAW_WIDGET_REPR.match(o["text"] or ""):
                problems.append(f"cell {o['cell']}: widget shown as raw text instead of a widget: "
                                f"{_short(o['text'], 120)}")
        problems.extend(self.widget_errors())
        return problems

    def widget_errors(self):
        text = self.js("() => window.__bt.text()")
        found = [t for t in WIDGET_ERROR_TEXTS if t in text]
        if "Loading widget" in text:
            found.append("Loading widget... (a widget never rendered)")
        return [f"page shows {t!r}" for t in found]

    def content_writes(self):
        """Requests so far by which the page asked the server to write a file."""
        return list(CONTENT_WRITES)

    def stored_png_count(self, relpath):
        return stored_png_count(relpath)

    def rendered_png_count(self):
        return self.js("() => window.__bt.pngCount()")

    def screenshot(self, name):
        """Full-page screenshot of the open notebook (viewport stretched to its height)."""
        SCREENSHOT_DIR.mkdir(exist_ok=True)
        size = self.page.viewport_size
        height = self.js("""() => { const p = window.__bt.panel();
            const n = p && (p.querySelector('.jp-WindowedPanel-outer') || p.querySelector('.jp-Notebook'));
            return n ? n.scrollHeight : 0; }""") or 0
        try:
            # very long notebooks are cut at 16000 px (show their beginning)
            self.page.set_viewport_size(
                {"width": size["width"], "height": max(size["height"], min(int(height) + 250, 16000))})
            self.page.wait_for_timeout(300)
            self.js("""() => { const p = window.__bt.panel();
                const n = p && p.querySelector('.jp-WindowedPanel-outer');
                if (n) n.scrollTop = 0; }""")
            self.page.wait_for_timeout(300)
            path = SCREENSHOT_DIR / f"{name}.png"
            self.page.screenshot(path=str(path), full_page=True)
            return path
        finally:
            self.page.set_viewport_size(size)
            self.page.wait_for_timeout(500)

    def close_all(self):
        """Close every open notebook: shut its kernel down, discard changes, never save."""
        for _ in range(20):
            if not self.page.locator(PANEL).count():
                break
            try:
                self.menu("File", "Close and Shut Down Notebook")
            except Exception:
                self.menu("File", "Close Tab")
            for _ in range(4):  # "Shut down the notebook?" then "Save your work"
                try:
                    self.page.locator(".jp-Dialog").first.wait_for(timeout=1500)
                except Exception:
                    break
                pressed = self.press_dialog_button(
                    {"Discard", "Don't Save", "Don\u2019t Save", "Discard changes", "Shut Down", "Ok", "OK"})
                if pressed is None:  # never press Save: cancel instead
                    self.page.keyboard.press("Escape")
                self.page.wait_for_timeout(200)
        for _ in range(5):
            if not self.page.locator(".jp-Dialog").count():
                break
            self.page.keyboard.press("Escape")
            self.page.wait_for_timeout(100)

    # -- widgets --------------------------------------------------------------
    def widget_roots(self):
        """Mark every widget view root (data-bt-root=i); returns [{cell, kind}]."""
        return self.js("() => window.__bt.markRoots()")

    def snapshot(self):
        return self.js("() => window.__bt.snapshot()")

    def log_count(self):
        return self.js("() => window.__bt.logCount()")

    def wait_for_change(self, before, timeout=WIDGET_GRACE):
        """Wait until the widget snapshot differs from `before`, then until it is stable
        and the kernel is idle; returns the new snapshot (or `before` on timeout)."""
        deadline = time.monotonic() + timeout
        now = before
        while time.monotonic() < deadline:
            now = self.snapshot()
            if now != before:
                break
            time.sleep(0.1)
        if now == before:
            return before
        stable_since, last = time.monotonic(), now
        while time.monotonic() - stable_since < 0.6 and time.monotonic() < deadline + 5:
            time.sleep(0.15)
            cur = self.snapshot()
            st = self.js("() => window.__bt.state()")
            if cur != last or (st and st["status"] != "idle"):
                stable_since, last = time.monotonic(), cur
        return last

    def page_counts(self):
        """How often error markers occur on the page, and the log console's count."""
        text = self.js("() => window.__bt.text()")
        return {"Traceback": text.count("Traceback"),
                "Something went wrong": text.count("Something went wrong"),
                "Error displaying widget": text.count("Error displaying widget"),
                "log messages": self.log_count()}

    def read_log_console(self, last=1500):
        """Open JupyterLab's log console (where errors raised in widget callbacks go),
        return the end of its text, close it again."""
        item = self.page.locator(".jp-LogConsoleStatusItem:not(.lm-mod-hidden)")
        if not item.count():
            return ""
        try:
            item.first.click()
            panel = self.page.locator(".jp-LogConsolePanel").first
            panel.wait_for(timeout=5000)
            self.page.wait_for_timeout(300)
            text = panel.inner_text()
            tab = self.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="Log Console")
            if tab.count():
                tab.first.locator(".lm-TabBar-tabCloseIcon").click()
            return summarize_traceback(text) or _short(text[-last:], 400)
        except Exception as exc:  # reading the log is a courtesy for the report
            return f"(could not read the log console: {str(exc).splitlines()[0]})"

    def pick_control(self, i):
        """Choose (and mark) the control of widget root `i` to operate; see
        test_widgets_respond.py for the rule.  Returns {kind: None} when there is none."""
        self.page.locator(f'[data-bt-root="{i}"]').scroll_into_view_if_needed()
        return self.js("(i) => window.__bt.pickControl(i)", i) or {"kind": None}

    # -- keyboard ---------------------------------------------------------------
    def active_element(self):
        return self.page.evaluate("""() => { const e = document.activeElement;
            return e ? e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
                ? '.' + e.className.trim().split(/\\s+/).join('.') : '') : null; }""")

    def focus_before_widget(self, i):
        """Click into the notebook just above widget root `i` (on its cell's output
        area, left of the widget), so that the next Tab enters the widget."""
        root = self.page.locator(f'[data-bt-root="{i}"]')
        root.scroll_into_view_if_needed()
        box = root.bounding_box()
        # the blank space at the very top-right of the output, beside the widget
        self.page.mouse.click(box["x"] + box["width"] - 3, box["y"] + 1)

    def tab_to(self, selector, max_presses=30):
        """Press Tab until document.activeElement matches `selector`."""
        for _ in range(max_presses):
            if self.page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
                return self.active_element()
            self.page.keyboard.press("Tab")
        return None

    def tab_to_control(self, i):
        """Tab until the control picked for root `i` has the focus; returns its description."""
        r = f'[data-bt-root="{i}"]'
        ctl_selectors = [f"{r}[data-bt-operated] {c}, {r} [data-bt-operated] {c}"
                         for c in ("select", ".noUi-handle", "input", "button")]
        selector = ", ".join(ctl_selectors + [f"{r} button:not(.widget-toggle-button)"]) \
            if not self.page.locator(f"{r}[data-bt-operated], {r} [data-bt-operated]").count() \
            else ", ".join(ctl_selectors)
        return self.tab_to(selector)

    def _in_operated(self, i, sub):
        r = f'[data-bt-root="{i}"]'
        return self.page.locator(f"{r}[data-bt-operated] {sub}, {r} [data-bt-operated] {sub}")

    def operate(self, i, ctl):
        """Operate control `ctl` (from pick_control) of widget root `i` with the mouse;
        returns a description of what was done."""
        root = self.page.locator(f'[data-bt-root="{i}"]')
        kind = ctl["kind"]
        if kind == "select":
            others = [v for v in ctl["options"] if v != ctl["value"]]
            self._in_operated(i, "select").first.select_option(others[0])
            return f"chose {others[0]!r} in the drop-down (was {ctl['value']!r})"
        if kind == "slider":
            key = "ArrowLeft" if ctl["now"] == ctl["max"] else "ArrowRight"
            handle = self._in_operated(i, ".noUi-handle").first
            handle.focus()
            handle.press(key)
            handle.press(key)
            return f"pressed {key} twice on the slider (was {ctl['now']})"
        if kind in ("radio", "toggle"):
            pick = 1 if ctl["checked"] != 1 else 0
            if kind == "radio":
                radio = self._in_operated(i, "input[type=radio]").nth(pick)
                try:
                    radio.check(timeout=3000)
                except Exception as exc:
                    if "intercepts pointer events" not in str(exc):
                        raise
                    self.issues.append(
                        f"option {pick + 1} of the radio buttons cannot be clicked: another element "
                        "covers its button (option labels overlap; long option texts need a layout fix)")
                    radio.dispatch_event("click")  # select it anyway to test the wiring
            else:
                self._in_operated(i, "button").nth(pick).click()
            desc = f"picked option {pick + 1} of the {kind} buttons"
            if ctl["check"]:
                root.locator("[data-bt-check]").first.click()
                desc += " and clicked the Check button"
            return desc
        if kind == "checkbox":
            self._in_operated(i, "input[type=checkbox]").first.click()
            return "clicked the checkbox"
        if kind == "button":
            root.locator("button:not([disabled])").first.click()
            return f"clicked the button {ctl['text']!r}"
        raise ValueError(kind)


# --------------------------------------------------------------------------- #
# fixtures
# --------------------------------------------------------------------------- #


def pytest_generate_tests(metafunc):
    """`notebook` = every lesson and exercise notebook, `lesson` = every lesson
    (found when the tests are collected; ids are paths relative to the repo root)."""
    if "notebook" in metafunc.fixturenames:
        paths = all_notebooks()
        metafunc.parametrize("notebook", paths, ids=paths)
    if "lesson" in metafunc.fixturenames:
        paths = lesson_notebooks()
        metafunc.parametrize("lesson", paths, ids=paths)


@pytest.fixture()
def keyboard_lesson():
    """Lesson 00 (or the first notebook named in NEXUS_BROWSER_NOTEBOOKS)."""
    override = _override_notebooks()
    if override:
        return override[0]
    for path in lesson_notebooks():
        if Path(path).name.startswith("00_"):
            return path
    pytest.skip("no notebooks/00_*.ipynb yet")


@pytest.fixture(scope="session")
def browser(jupyter_server):
    """Headless chromium (Debian's), driven by Playwright, for the whole session."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


# every request by which the browser asked the server to write a file (save, rename,
# delete...); checkpoints (kept in a temporary folder) are not counted
CONTENT_WRITES = []


def _record_write(request):
    url = request.url.split("?", 1)[0]
    if "/api/contents/" not in url or request.method not in ("PUT", "PATCH", "POST", "DELETE"):
        return
    if request.method == "POST" and url.rstrip("/").endswith("/checkpoints"):
        return
    CONTENT_WRITES.append(f"{request.method} {url.split('/api/contents/', 1)[1]}")


@pytest.fixture(scope="session")
def _session_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.on("request", _record_write)
    yield page
    context.close()


@pytest.fixture()
def page(_session_page):
    """The session's Playwright page; JupyterLab is loaded once and reused."""
    return _session_page


@pytest.fixture()
def lab(page, jupyter_server):
    """A `Lab` helper on the shared page; closes notebooks afterwards without saving."""
    helper = Lab(page, jupyter_server)
    yield helper
    try:
        helper.close_all()
    except Exception:
        page.goto("about:blank")  # JupyterLab is reloaded by the next test
