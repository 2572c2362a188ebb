"""Write the nbgitpuller link that opens a lesson of the suite on a JupyterHub.

    python tools/hub_link.py --hub https://hub.example.edu --lesson 03
    python tools/hub_link.py --hub https://hub.example.edu --lesson 03 --exercise

The first time a learner opens the link, the hub starts their JupyterLab and nbgitpuller
copies the suite into the folder ``china-mali-nexus`` of their home; every later click
brings in the teacher's updates without overwriting what the learner changed, and opens
the lesson. ``--repo`` (default: the repository in pyproject.toml) and ``--branch``
(default ``main``; a tag freezes the version a class uses) choose what is pulled.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = "china-mali-nexus"  # the folder the suite is cloned into (the hub's PYTHONPATH names it)


def repository() -> str:
    """The suite's public repository URL, from pyproject.toml ([project.urls] Repository)."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["urls"]["Repository"]


def lesson_path(lesson: str, exercise: bool = False) -> str:
    """The notebook of lesson `lesson` ("03" or "3"), relative to the suite's folder."""
    number = f"{int(lesson):02d}" if str(lesson).isdigit() else None
    if number is None:
        raise SystemExit(f"--lesson takes a lesson number such as 03, not {lesson!r}")
    folder = ROOT / ("exercises" if exercise else "notebooks")
    found = sorted(folder.glob(f"{number}_*.ipynb"))
    if not found:
        kind = "an exercise notebook" if exercise else "a lesson"
        known = sorted(p.name[:2] for p in folder.glob("[0-9][0-9]_*.ipynb"))
        raise SystemExit(f"there is no {kind} {number}; the suite has {', '.join(known)}")
    return found[0].relative_to(ROOT).as_posix()


def link(hub: str, path: str, repo: str | None = None, branch: str = "main") -> str:
    """The nbgitpuller link that pulls `repo` at `branch` into FOLDER and opens `path` in JupyterLab."""
    hub = hub.rstrip("/")
    if not hub.startswith(("http://", "https://")):
        raise SystemExit(f"--hub must start with https:// (or http://), not {hub!r}")
    query = urllib.parse.urlencode({
        "repo": repo or repository(),
        "branch": branch,
        "targetpath": FOLDER,
        "urlpath": f"lab/tree/{FOLDER}/{path}",
    }, quote_via=urllib.parse.quote)
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
    parser.add_argument("--lesson", required=True, help="lesson number, e.g. 03")
    parser.add_argument("--exercise", action="store_true", help="open the lesson's exercise notebook")
    parser.add_argument("--repo", help="repository to pull (default: pyproject.toml's)")
    parser.add_argument("--branch", default="main", help="branch or tag to pull (default: main)")
    args = parser.parse_args(argv)
    print(link(args.hub, lesson_path(args.lesson, args.exercise), args.repo, args.branch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
