"""What Binder (repo2docker) needs, checked without building an image.

Binder reads three files at the top of the repository: ``runtime.txt`` (the
Python version), ``requirements.txt`` (installed in a cached layer, so it must
not point at local paths) and ``postBuild`` (run after the repository is copied:
installs the ``nexus`` package and turns on widget-state saving). The README's
badge and each lesson's "Open this lesson in Binder" link must point at this
repository (pyproject.toml, [project.urls] Repository).
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


# ---------------------------------------------------------------- runtime.txt


def test_runtime_names_python_3_11():
    text = need("runtime.txt").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"python-3\.11(\.\d+)?", text), (
        f"runtime.txt must name python-3.11 (pandas 3 needs >= 3.11; Binder's default is older), "
        f"found {text!r}")


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


def test_postbuild_is_an_executable_bash_script():
    path = need("postBuild")
    assert os.access(path, os.X_OK), "postBuild must be executable (git update-index --chmod=+x postBuild)"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#!") and "bash" in first, f"postBuild needs a bash shebang, not {first!r}"


def test_postbuild_installs_the_package_without_dependencies():
    text = need("postBuild").read_text(encoding="utf-8")
    assert re.search(r"^\s*(python3? -m )?pip install --no-deps -e \.\s*$", text, re.M), (
        "postBuild must install the local package with 'pip install --no-deps -e .' "
        "(its dependencies come from requirements.txt)")


def test_postbuild_turns_on_widget_state_saving():
    text = need("postBuild").read_text(encoding="utf-8")
    assert "overrides.json" in text and WIDGET_PLUGIN in text and '"saveState": true' in text


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
def test_postbuild_writes_the_override_where_jupyterlab_reads_it(tmp_path):
    """Run postBuild as on Binder: JupyterLab lives in NB_PYTHON_PREFIX, not in CONDA_DIR.

    pip is stubbed (nothing is installed); python reports the simulated notebook
    env as its prefix, so the override must land in that env's JupyterLab app dir.
    """
    pytest.importorskip("jupyterlab")
    conda_dir = tmp_path / "srv" / "conda"
    notebook_env = conda_dir / "envs" / "notebook"
    bin_dir = tmp_path / "bin"
    # As on Binder: JupyterLab is installed in the notebook env, so its app dir exists there
    # (and the base env has none of its own).
    for d in (notebook_env / "share" / "jupyter" / "lab" / "static", bin_dir, tmp_path / "home"):
        d.mkdir(parents=True)
    for name in ("python", "python3"):
        stub = bin_dir / name
        stub.write_text(STUB, encoding="utf-8")
        stub.chmod(0o755)
    pip_stub = bin_dir / "pip"
    pip_stub.write_text('#!/usr/bin/env bash\necho "pip $*" >> "$PIP_LOG"\n', encoding="utf-8")
    pip_stub.chmod(0o755)
    log = tmp_path / "pip.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "CONDA", "NB_"))}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", HOME=str(tmp_path / "home"),
               CONDA_DIR=str(conda_dir), NB_PYTHON_PREFIX=str(notebook_env),
               KERNEL_PYTHON_PREFIX=str(notebook_env), REAL_PYTHON=sys.executable,
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
    settings = json.loads(expected.read_text(encoding="utf-8"))
    assert settings[WIDGET_PLUGIN]["saveState"] is True


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


def test_pyproject_does_not_turn_binder_into_a_package_build():
    """repo2docker treats a repository whose pyproject.toml has [build-system] as a package:
    it then installs requirements.txt only after copying the whole repo (no cached layer)
    and runs an extra `pip install .`. postBuild's editable install is all Binder needs."""
    import tomllib

    with open(ROOT / "pyproject.toml", "rb") as f:
        assert "build-system" not in tomllib.load(f)
