"""ruff over the whole project: zero findings (the rules and why: CONTRIBUTING.md, "Lint")."""

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the folders the lint must cover, with the code cells of every notebook in them
COVERED = ["nexus", "tools", "tests", "notebooks", "exercises"]


def ruff(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the installed ruff (python -m ruff) from the repository's root."""
    try:
        importlib.metadata.version("ruff")
    except importlib.metadata.PackageNotFoundError:
        raise AssertionError("ruff is not installed: pip install -r requirements-dev.txt") from None
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_ruff_is_the_pinned_version():
    pin = re.search(r"^ruff==(\S+)", (ROOT / "requirements-dev.txt").read_text(encoding="utf-8"), re.M)
    assert pin, "requirements-dev.txt does not pin ruff"
    assert importlib.metadata.version("ruff") == pin.group(1), (
        "another ruff version finds other things: pip install -r requirements-dev.txt")


def test_ruff_finds_nothing():
    result = ruff("check", "--output-format=concise", ".")
    assert result.returncode == 0, (
        f"ruff found something (fix it; the rules are explained in CONTRIBUTING.md):\n"
        f"{result.stdout}{result.stderr}")


def test_ruff_covers_every_module_and_notebook():
    result = ruff("check", "--show-files", ".")
    assert result.returncode == 0, result.stderr
    linted = {Path(line.strip()).resolve() for line in result.stdout.splitlines() if line.strip()}
    wanted = {path.resolve() for folder in COVERED for pattern in ("*.py", "*.ipynb")
              for path in (ROOT / folder).rglob(pattern)
              if ".ipynb_checkpoints" not in path.parts}
    wanted.add((ROOT / "conftest.py").resolve())
    assert any(p.suffix == ".ipynb" for p in linted), "ruff skips the notebooks"
    missed = sorted(str(p.relative_to(ROOT)) for p in wanted - linted)
    assert not missed, f"ruff does not lint: {missed}"


def test_docstrings_are_required_in_nexus_only():
    undocumented = "def shown_to_learners(x):\n    return x\n"
    in_nexus = ruff("check", "--output-format=concise", "--stdin-filename", "nexus/example.py", "-",
                    stdin='"""A module."""\n\n\n' + undocumented)
    assert "D103" in in_nexus.stdout, in_nexus.stdout + in_nexus.stderr
    in_tests = ruff("check", "--output-format=concise", "--stdin-filename", "tests/test_example.py", "-",
                    stdin=undocumented)
    assert in_tests.returncode == 0, in_tests.stdout + in_tests.stderr
