"""What Binder (repo2docker) builds from this repository, checked without building an image.

The build plan is repo2docker's own: ``repo2docker --no-build --no-run --debug <repo>``
prints the Dockerfile it would build (no container runtime needed). The tests read that
plan and check what the suite relies on: the Python version comes from ``runtime.txt``;
``requirements.txt`` is copied alone and installed in its own layer before the rest of
the repository (so a change to a lesson reuses the cached install); ``postBuild`` runs
after the repository is copied, with the notebook environment's ``python`` first on PATH.
A control repository (no runtime.txt, a ``[build-system]`` table) shows the same checks
failing. The README's badge and each lesson's "Open this lesson in Binder" link must point
at this repository (pyproject.toml, [project.urls] Repository).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("navigation_tool", ROOT / "tools" / "navigation.py")
navigation = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(navigation)

START = "notebooks/00_start_here.ipynb"
BINDER_URL = re.compile(r"https://mybinder\.org/v2/gh/[^\s)\"'<>]+")
PIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9._,-]+\])?==[0-9][A-Za-z0-9.+!-]*$")
WIDGET_PLUGIN = "@jupyter-widgets/jupyterlab-manager:plugin"
NOTIFICATION_PLUGIN = "@jupyterlab/apputils-extension:notification"
OVERRIDES = ROOT / "deploy" / "jupyterlab-overrides.json"
NEWS_PROMPT = "Would you like to get notified about official Jupyter news?"


def need(name: str) -> Path:
    path = ROOT / name
    assert path.exists(), f"{name} is missing at the top of the repository (Binder reads it there)"
    return path


def repository() -> str:
    with open(need("pyproject.toml"), "rb") as f:
        url = tomllib.load(f)["project"]["urls"]["Repository"]
    m = re.fullmatch(r"https://github\.com/([^/\s]+/[^/\s]+?)/?", url)
    assert m, f"[project.urls] Repository must be a GitHub repository URL, not {url!r}"
    return m.group(1)


# ---------------------------------------------------------------- repo2docker's plan


class Plan:
    """The Dockerfile repo2docker prints for a repository, as a list of instructions."""

    def __init__(self, log: str):
        self.log = log
        start = log.index("\nFROM ")
        lines, current = [], ""
        for raw in log[start:].splitlines():
            if not raw.strip() or (raw.lstrip().startswith("#") and not current):
                continue
            current += raw.rstrip("\\").rstrip() + " " if raw.rstrip().endswith("\\") else raw
            if not raw.rstrip().endswith("\\"):
                lines.append(current.strip())
                current = ""
        self.instructions: list[tuple[str, str]] = []
        for line in lines:
            m = re.match(r"^([A-Z]+)\s+(.*)$", line)
            if m:
                self.instructions.append((m.group(1), m.group(2).strip()))

    def index(self, keyword: str, pattern: str) -> int:
        """Position of the first instruction `keyword` whose arguments match `pattern`."""
        for i, (kw, rest) in enumerate(self.instructions):
            if kw == keyword and re.search(pattern, rest):
                return i
        raise AssertionError(f"repo2docker's plan has no {keyword} matching {pattern!r}:\n"
                             + "\n".join(f"{kw} {rest}" for kw, rest in self.instructions))

    def user_at(self, position: int) -> str:
        users = [rest for kw, rest in self.instructions[:position] if kw == "USER"]
        return users[-1] if users else "root"

    def env(self) -> dict[str, str]:
        """ENV values in order, with ${VAR} references expanded (PATH keeps its tail)."""
        values: dict[str, str] = {}
        for kw, rest in self.instructions:
            if kw != "ENV":
                continue
            for key, value in re.findall(r"(\w+)=(\S+)", rest):
                values[key] = re.sub(r"\$\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), value)
        return values

    def copied_build_file(self, suffix: str) -> str | None:
        """The original path of a repo2docker build file copied into the image (e.g. its lock file)."""
        import escapism

        for kw, rest in self.instructions:
            if kw == "COPY" and "build_script_files/" in rest:
                name = rest.split("build_script_files/", 1)[1].split()[0]
                path = escapism.unescape(name.rsplit("-", 1)[0], escape_char="-")
                if path.endswith(suffix):
                    return path
        return None


def build_plan(repo: Path) -> Plan:
    result = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--no-run", "--debug", str(repo)],
        capture_output=True, text=True, timeout=120, cwd=repo)
    assert result.returncode == 0, f"repo2docker failed:\n{result.stdout}\n{result.stderr}"
    return Plan(result.stdout + result.stderr)


@pytest.fixture(scope="module")
def plan() -> Plan:
    """repo2docker's plan for this repository (jupyter-repo2docker is in requirements-dev.txt)."""
    return build_plan(ROOT)


@pytest.fixture(scope="module")
def control_plan(tmp_path_factory) -> Plan:
    """The plan for a copy of the Binder files without runtime.txt and with a [build-system]
    table: the checks below must see the difference (so they can fail)."""
    repo = tmp_path_factory.mktemp("control-repo")
    for name in ("requirements.txt", "postBuild"):
        shutil.copy2(ROOT / name, repo / name)
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (repo / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n' + text,
        encoding="utf-8")
    return build_plan(repo)


def runtime_version() -> str:
    text = need("runtime.txt").read_text(encoding="utf-8").strip()
    m = re.fullmatch(r"python-(3\.\d+)(\.\d+)?", text)
    assert m, f"runtime.txt must read like 'python-3.11', found {text!r}"
    return m.group(1)


def plan_python(plan: Plan) -> str | None:
    m = re.search(r"Building conda environment for python=(3\.\d+)", plan.log)
    return m.group(1) if m else None


def test_python_version_comes_from_runtime_txt(plan, control_plan):
    version = runtime_version()
    assert version == "3.11", f"runtime.txt must name python-3.11 (pandas 3 needs >= 3.11), not {version}"
    assert plan_python(plan) == version, f"repo2docker builds python {plan_python(plan)}, runtime.txt says {version}"
    lock = plan.copied_build_file(f"environment.py-{version}-linux-64.lock")
    assert lock, f"the image's base environment is not repo2docker's python {version} lock file"
    # Without runtime.txt repo2docker picks its own default, which pandas 3 cannot use.
    assert plan_python(control_plan) != version


def requirements_layer(plan: Plan) -> tuple[int, int, int]:
    """Positions of: copy requirements.txt alone, install it, copy the whole repository."""
    return (plan.index("COPY", r"src/requirements\.txt \$\{REPO_DIR\}/requirements\.txt$"),
            plan.index("RUN", r'^\$\{KERNEL_PYTHON_PREFIX\}/bin/pip install --no-cache-dir -r "requirements\.txt"$'),
            plan.index("COPY", r"src/ \$\{REPO_DIR\}/$"))


def test_requirements_are_installed_in_their_own_layer_before_the_repository(plan, control_plan):
    copy_req, install, copy_all = requirements_layer(plan)
    assert copy_req < install < copy_all, (
        "requirements.txt must be copied alone and installed before the repository is copied "
        f"(positions {copy_req}, {install}, {copy_all})")
    between = [f"{kw} {rest}" for kw, rest in plan.instructions[copy_req + 1:install] if kw in ("COPY", "RUN")]
    assert not between, f"the requirements layer must hold the install alone, found also: {between}"
    assert plan.user_at(install) == "${NB_USER}", "requirements must be installed as the notebook user"
    assert plan.env()["KERNEL_PYTHON_PREFIX"] == plan.env()["NB_PYTHON_PREFIX"], (
        "the kernel and JupyterLab must share one environment (requirements.txt pins both)")
    assert not any(kw == "RUN" and re.search(r"pip install[^|&;]* \.$", rest)
                   for kw, rest in plan.instructions), "repo2docker must not `pip install .` the repository"
    # A [build-system] table turns the repository into a package: requirements.txt is then
    # installed only after the whole repository is copied (no cached layer), then `pip install .`.
    copy_req, install, copy_all = requirements_layer(control_plan)
    assert copy_all < install
    control_plan.index("RUN", r"pip install --no-cache-dir \.$")


def test_postbuild_runs_after_the_repository_is_copied(plan):
    copy_all = plan.index("COPY", r"src/ \$\{REPO_DIR\}/$")
    run = plan.index("RUN", r"^\./postBuild$")
    assert copy_all < run, "postBuild must run after the repository is copied"
    assert plan.user_at(run) == "${NB_USER}", "postBuild runs as the notebook user"
    # `python` in postBuild is the first one on PATH: the notebook environment's, unless a
    # user-local bin folder before it holds one (the repository must not ship .local/bin).
    env = plan.env()
    path = env["PATH"].split(":")
    first_env = next(i for i, entry in enumerate(path) if entry.startswith(env["APP_BASE"]))
    assert path[first_env] == env["NB_PYTHON_PREFIX"] + "/bin", f"PATH: {path}"
    assert all(entry.endswith("/.local/bin") for entry in path[:first_env]), f"PATH: {path}"
    assert not (ROOT / ".local" / "bin").exists(), ".local/bin in the repository would shadow the env's python"


def test_the_image_has_jupyterhub_singleuser_for_a_hub(plan):
    """A hub (Zero to JupyterHub) starts `jupyterhub-singleuser` in the image repo2docker builds."""
    lock = Path(plan.copied_build_file(f"environment.py-{runtime_version()}-linux-64.lock"))
    packages = lock.read_text(encoding="utf-8")
    assert re.search(r"/jupyterhub-singleuser-5\.\d+\.\d+-", packages), (
        "repo2docker's base environment no longer ships jupyterhub-singleuser 5.x: "
        "check deploy/z2jh/config.yaml's chart version")


# ---------------------------------------------------------------- requirements.txt


def requirement_lines() -> list[tuple[int, str]]:
    lines = []
    for i, raw in enumerate(need("requirements.txt").read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split(" #")[0].strip()
        if line and not line.startswith("#"):
            lines.append((i, line))
    return lines


def test_requirements_are_exact_pins_without_local_paths():
    lines = requirement_lines()
    assert lines, "requirements.txt lists no packages"
    bad = [f"line {i}: {line}" for i, line in lines if not PIN.fullmatch(line)]
    assert not bad, ("requirements.txt must hold only exact pins like 'pandas==3.1.1' "
                     "(no ranges, options, -e/-r, URLs or local paths): " + "; ".join(bad))
    local = [line for _, line in lines
             if line.startswith((".", "/", "-e", "-r", "file:")) or "://" in line or "@" in line]
    assert not local, f"requirements.txt must not point at local paths or URLs: {local}"


def test_requirements_name_each_package_once():
    names = [re.split(r"[\[=]", line)[0].lower().replace("_", "-").replace(".", "-")
             for _, line in requirement_lines()]
    assert len(names) == len(set(names)), f"a package is pinned twice: {sorted(names)}"


def test_pin_pattern_examples():
    assert PIN.fullmatch("pandas==3.1.1") and PIN.fullmatch("jupyterlab-widgets==3.0.17")
    for line in ("pandas>=3", "pandas", "-e .", "./nexus", "nexus @ file:///x",
                 "git+https://github.com/x/y", "pandas==3.*", "pandas ==3.1"):
        assert not PIN.fullmatch(line), line


# ---------------------------------------------------------------- postBuild


def test_postbuild_is_a_bash_script():
    first = need("postBuild").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#!") and "bash" in first, f"postBuild needs a bash shebang, not {first!r}"


def test_postbuild_installs_the_package_without_dependencies():
    text = need("postBuild").read_text(encoding="utf-8")
    assert re.search(r"^\s*(python3? -m )?pip install --no-deps -e \.\s*$", text, re.M), (
        "postBuild must install the local package with 'pip install --no-deps -e .' "
        "(its dependencies come from requirements.txt)")


def test_shipped_jupyterlab_settings():
    """Widget state is saved with the notebook; the first-launch news question never shows
    (it covers the notebook) and JupyterLab never asks the web for news or updates."""
    settings = json.loads(OVERRIDES.read_text(encoding="utf-8"))
    assert settings[WIDGET_PLUGIN] == {"saveState": True}
    assert settings[NOTIFICATION_PLUGIN] == {"fetchNews": "false", "checkForUpdates": False}
    # The values must be ones JupyterLab's own schema accepts (the prompt shows for "none").
    import jupyterlab

    schema_dir = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    schema = json.loads((schema_dir / "@jupyterlab" / "apputils-extension" / "notification.json")
                        .read_text(encoding="utf-8"))
    assert {"const": "false", "title": "Never"} in schema["properties"]["fetchNews"]["oneOf"], jupyterlab.__version__
    assert schema["properties"]["checkForUpdates"]["type"] == "boolean"


STUB = """#!/usr/bin/env bash
# Stand-in for the notebook env's python: logs pip calls, runs everything else with the
# real interpreter but with sys.prefix set to the simulated notebook env.
if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then shift 2; echo "pip $*" >> "$PIP_LOG"; exit 0; fi
if [ "$1" = "-c" ]; then
  exec "$REAL_PYTHON" -c "import sys; sys.prefix = sys.exec_prefix = sys.base_prefix = '$FAKE_PREFIX'
$2"
fi
exec "$REAL_PYTHON" "$@"
"""


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_postbuild_writes_the_settings_where_jupyterlab_reads_them(plan, tmp_path):
    """Run postBuild with the environment of repo2docker's plan (its ENV lines, re-rooted in a
    temporary folder): the `python` first on PATH is the notebook env's, so the settings must
    land in that env's JupyterLab app dir. pip is stubbed (nothing is installed)."""
    env_plan = plan.env()
    fake = {key: str(tmp_path / env_plan[key].lstrip("/"))
            for key in ("CONDA_DIR", "NB_PYTHON_PREFIX", "KERNEL_PYTHON_PREFIX")}
    notebook_env = Path(fake["NB_PYTHON_PREFIX"])
    (notebook_env / "share" / "jupyter" / "lab" / "static").mkdir(parents=True)
    (tmp_path / "home").mkdir()
    path_dirs = []
    for entry in env_plan["PATH"].split(":"):
        if entry.startswith(env_plan["APP_BASE"]):
            path_dirs.append(tmp_path / entry.lstrip("/"))
    for d in path_dirs:
        d.mkdir(parents=True, exist_ok=True)
    python_dir = path_dirs[0]  # the first directory on the plan's PATH provides `python`
    for name in ("python", "python3"):
        stub = python_dir / name
        stub.write_text(STUB, encoding="utf-8")
        stub.chmod(0o755)
    log = tmp_path / "pip.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "CONDA", "NB_"))}
    env.update(fake, PATH=os.pathsep.join([*map(str, path_dirs), env.get("PATH", "")]),
               HOME=str(tmp_path / "home"), REAL_PYTHON=sys.executable,
               FAKE_PREFIX=str(notebook_env), PIP_LOG=str(log), PYTHONNOUSERSITE="1")
    result = subprocess.run(["bash", str(need("postBuild"))], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"postBuild failed:\n{result.stdout}\n{result.stderr}"
    assert "install --no-deps -e ." in log.read_text(encoding="utf-8")

    # Where JupyterLab, running in the notebook env, looks for overrides.json:
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; sys.prefix = sys.argv[1]; "
         "from jupyterlab.commands import get_app_dir; print(get_app_dir())", str(notebook_env)],
        env=env, capture_output=True, text=True, timeout=60, check=True)
    expected = Path(probe.stdout.strip()) / "settings" / "overrides.json"
    assert expected.is_relative_to(notebook_env), f"the simulation leaked out of its folder: {expected}"
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("overrides.json"))
    assert expected.exists(), (f"postBuild wrote {written or 'no overrides.json'}, but JupyterLab in "
                               f"the notebook env reads {expected.relative_to(tmp_path)}")
    assert json.loads(expected.read_text(encoding="utf-8")) == json.loads(OVERRIDES.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- README badge


def test_readme_binder_badge_opens_lesson_00_of_this_repository():
    text = need("README.md").read_text(encoding="utf-8")
    badges = re.findall(r"\[!\[[^\]]*\]\(https://mybinder\.org/badge[^)]*\)\]\((https://mybinder\.org/v2/gh/[^)\s]+)\)",
                        text)
    assert badges, "README.md has no Binder badge [![...](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/...)"
    url = badges[0]
    assert f"urlpath=lab/tree/{START}" in url, f"the Binder badge should open {START}: {url}"
    assert url.startswith(f"https://mybinder.org/v2/gh/{repository()}/"), (
        f"the Binder badge must use the repository in pyproject.toml ({repository()}): {url}")
    for other in BINDER_URL.findall(text):
        assert other.startswith(f"https://mybinder.org/v2/gh/{repository()}/"), other


# ---------------------------------------------------------------- lessons' Binder links


def lessons() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("lesson", lessons() or [None], ids=lambda p: p.stem if p else "no-lessons")
def test_each_lesson_opens_itself_in_binder(lesson):
    if lesson is None:
        pytest.skip("no lessons in notebooks/ yet")
    first = nbformat.read(lesson, as_version=4).cells[0]
    rel = lesson.relative_to(ROOT).as_posix()
    expected = f"[Open this lesson in Binder]({navigation.binder_url(rel)})"
    assert expected in first.source, (
        f"{rel}: the first cell needs the line {expected} (run: python tools/navigation.py)")
    assert f"/v2/gh/{repository()}/" in expected and f"urlpath=lab/tree/{rel}" in expected


# ---------------------------------------------------------------- what a learner sees first


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.browser
def test_first_launch_shows_no_news_question(tmp_path):
    """Open JupyterLab in headless Chromium twice: with JupyterLab's defaults the news
    question covers the corner of the notebook; with the settings postBuild installs it
    never appears (and the notification bell counts nothing)."""
    import secrets
    import signal
    import time
    import urllib.request

    chromium = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if not chromium:
        problem = "needs Playwright and Debian's chromium (sudo apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(problem, pytrace=False)
        pytest.skip(problem)

    settings = tmp_path / "app-settings"
    settings.mkdir()
    env = dict(os.environ)
    for key in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR", "IPYTHONDIR"):
        (tmp_path / key).mkdir()
        env[key] = str(tmp_path / key)
    port, token = _free_port(), secrets.token_hex(16)
    root = tmp_path / "files"
    root.mkdir()
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               f"--LabApp.app_settings_dir={settings}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    with open(tmp_path / "jupyterlab.log", "wb") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5)
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, (
                    (tmp_path / "jupyterlab.log").read_text(errors="replace"))
                time.sleep(0.3)

        def first_launch(page) -> tuple[list[str], str]:
            page.goto(f"{url}/lab?token={token}")
            page.wait_for_selector("#jp-main-dock-panel", timeout=60_000)
            page.wait_for_selector(".jp-Notification-Status", timeout=60_000)
            try:  # the question appears within a second or two of the page settling
                page.wait_for_selector(f"text={NEWS_PROMPT}", timeout=6_000)
            except Exception:
                pass
            toasts = page.locator(".Toastify").all_inner_texts()
            bell = page.locator(".jp-Notification-Status").inner_text()
            return toasts, bell.strip()

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            try:
                # JupyterLab's defaults: the question is there (the check below can fail).
                toasts, bell = first_launch(browser.new_page())
                assert any(NEWS_PROMPT in t for t in toasts), toasts
                assert bell == "1", bell
                # The suite's settings, as postBuild installs them.
                shutil.copy(OVERRIDES, settings / "overrides.json")
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                toasts, bell = first_launch(page)
                assert not any(NEWS_PROMPT in t for t in toasts), toasts
                assert bell == "0", f"the notification bell counts {bell}"
            finally:
                browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
