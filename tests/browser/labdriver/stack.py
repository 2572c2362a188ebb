"""The JupyterLab server and the Chromium that a worker's browser tests share.

Each pytest worker (or the single pytest process) starts one JupyterLab server, the first
time a test needs it, and one headless Chromium (:func:`launch_chromium`); all its browser
tests use both. The server is recorded in the run's shared folder, named by the environment
variable ``NEXUS_BROWSER_SHARED``, which the repository's root ``conftest.py`` creates once
per run (workers inherit it); at the end of the run that conftest stops every process group
recorded there as ``*.pgid`` and removes the folder. (One server for two workers was tried:
JupyterLab pages of two workers on one server disturbed each other's first notebook - its
widgets vanished and Run All stopped - so each worker keeps its own server and settings.)

The server always serves the real repository root (so ``nexus`` finds ``data/``), but
with its own Jupyter config/data/runtime/settings folders inside the shared folder and
with autosave off; the tests never save, so executed outputs never reach the committed
notebooks. Paths are computed at run time; nothing machine-specific is stored.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from .notebooks import REPO_ROOT, all_notebooks

SHARED_ENV = "NEXUS_BROWSER_SHARED"
MISSING_CHROMIUM = "browser tests need Debian's chromium: sudo apt-get install chromium"
MISSING_PLAYWRIGHT = (
    MISSING_CHROMIUM + " (and the Python package playwright: pip install playwright==1.65.2)"
)
START_TIMEOUT = 60  # seconds for the server, or the browser, to answer

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Settings forced on JupyterLab for the test run (an app-level overrides.json in the
# shared folder; the user's own settings are never read or written).
LAB_OVERRIDES = {
    # never write the executed notebook back into the repository
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    # no news/update pop-ups, no "would you like to receive news?" question
    "@jupyterlab/apputils-extension:notification": {"checkForUpdates": False, "fetchNews": "false"},
    # render every cell (no virtual scrolling) so all outputs are in the DOM;
    # shut the kernel down when a notebook tab closes
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none", "kernelShutdown": True},
    # no calls to PyPI from the extension manager
    "@jupyterlab/extensionmanager-extension:plugin": {"enabled": False},
}


# --------------------------------------------------------------------------- requirements


def find_chromium():
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def missing_requirement():
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return MISSING_PLAYWRIGHT
    if not find_chromium():
        return MISSING_CHROMIUM
    return None


# --------------------------------------------------------------------------- processes


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_group(pgid: int, grace: float = 10) -> None:
    """SIGTERM a process group, then SIGKILL whatever is left after `grace` seconds."""
    try:
        os.killpg(pgid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def _start(command, *, cwd, env, log: Path) -> subprocess.Popen:
    with open(log, "wb") as out:
        return subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)


def _tail(path: Path, n: int = 4000) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[-n:]
    except OSError:
        return ""


# --------------------------------------------------------------------------- JupyterLab


def _write_app_settings(settings_dir: Path):
    """App settings folder: keep any installed overrides/page config, add ours."""
    settings_dir.mkdir(parents=True, exist_ok=True)
    overrides = {}
    default_dir = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings"
    if default_dir.is_dir():
        for name in ("page_config.json", "build_config.json"):
            if (default_dir / name).is_file():
                shutil.copy(default_dir / name, settings_dir / name)
        if (default_dir / "overrides.d").is_dir():
            shutil.copytree(default_dir / "overrides.d", settings_dir / "overrides.d", dirs_exist_ok=True)
        if (default_dir / "overrides.json").is_file():
            try:
                overrides = json.loads((default_dir / "overrides.json").read_text(encoding="utf-8"))
            except ValueError:
                overrides = {}
    for plugin, values in LAB_OVERRIDES.items():
        overrides.setdefault(plugin, {}).update(values)
    (settings_dir / "overrides.json").write_text(json.dumps(overrides, indent=2), encoding="utf-8")


def start_server(base: Path) -> dict:
    """Start JupyterLab on 127.0.0.1 with private folders under `base`; wait until it answers."""
    port, token = _free_port(), secrets.token_hex(16)
    env = os.environ.copy()
    for key, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTERLAB_SETTINGS_DIR", "user-settings"),
                     ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"), ("IPYTHONDIR", "ipython")):
        (base / sub).mkdir(parents=True, exist_ok=True)
        env[key] = str(base / sub)
    env.pop("JUPYTER_PREFER_ENV_PATH", None)
    settings_dir = base / "app-settings"
    _write_app_settings(settings_dir)
    # JupyterLab makes a checkpoint of every notebook it opens: keep them out of the
    # repository (FileCheckpoints needs the mirrored parent folders to exist)
    checkpoints = base / "checkpoints"
    for relpath in all_notebooks():
        (checkpoints / relpath).parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "jupyter", "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={REPO_ROOT}",
        "--ServerApp.open_browser=False",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
        # window.jupyterapp: the tests switch themes and close tabs through JupyterLab's commands
        "--LabApp.expose_app_in_browser=True",
        f"--LabApp.app_settings_dir={settings_dir}",
        f"--FileCheckpoints.root_dir={checkpoints}",
    ] + (["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])
    log = base / "jupyterlab.log"
    proc = _start(command, cwd=REPO_ROOT, env=env, log=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited early (code {proc.returncode}):\n{_tail(log)}")
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as resp:
                if resp.status == 200:
                    return {"url": url, "token": token, "pgid": proc.pid, "log": str(log)}
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    stop_group(proc.pid)
    raise RuntimeError(f"JupyterLab did not answer /api/status within {START_TIMEOUT} s:\n{_tail(log)}")


# --------------------------------------------------------------------------- Chromium


def launch_chromium(playwright):
    """This worker's headless Chromium (Debian's), driven by Playwright."""
    return playwright.chromium.launch(executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS)


# --------------------------------------------------------------------------- the shared stack


def _alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except (ProcessLookupError, PermissionError):
        return False


@contextlib.contextmanager
def _locked(path: Path):
    try:
        import fcntl
    except ImportError:  # no file locks (Windows): each process starts its own stack
        yield
        return
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared_folder() -> tuple[Path, bool]:
    """The run's shared folder, and whether this process must clean it up itself
    (True only when no root conftest created one, e.g. when the package is used alone)."""
    value = os.environ.get(SHARED_ENV)
    if value and Path(value).is_dir():
        return Path(value), False
    path = Path(tempfile.mkdtemp(prefix="nexus-browser-"))
    os.environ[SHARED_ENV] = str(path)
    return path, True


def acquire() -> dict:
    """This worker's JupyterLab server ({url, token, pgid, log}), started if not yet running."""
    folder, _ = shared_folder()
    name = "jupyterlab-" + os.environ.get("PYTEST_XDIST_WORKER", "main")
    with _locked(folder / f"{name}.lock"):
        record = folder / f"{name}.json"
        if record.exists():
            server = json.loads(record.read_text())
            if _alive(server["pgid"]):
                return server
        server = start_server(folder / name)
        (folder / f"{name}.pgid").write_text(str(server["pgid"]))
        record.write_text(json.dumps(server))
        return server


def release_all(folder: Path) -> None:
    """Stop every process group recorded in `folder` and remove it (end of the run)."""
    for pid_file in folder.glob("*.pgid"):
        with contextlib.suppress(ValueError, OSError):
            stop_group(int(pid_file.read_text().strip()))
    shutil.rmtree(folder, ignore_errors=True)
