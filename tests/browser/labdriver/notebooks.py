"""Which notebooks the browser tests open, and what their committed files store."""

from __future__ import annotations

import html.parser
import json
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
PATTERNS = ("notebooks/[0-9]*.ipynb", "exercises/[0-9]*.ipynb", "exercises/solutions/[0-9]*.ipynb")


def _override():
    """NEXUS_BROWSER_NOTEBOOKS: glob patterns (relative to the repo root, separated
    by whitespace) that replace the discovered notebooks, e.g. to try one file."""
    patterns = os.environ.get("NEXUS_BROWSER_NOTEBOOKS", "").split()
    if not patterns:
        return None
    found = []
    for pattern in patterns:
        found.extend(sorted(REPO_ROOT.glob(pattern)))
    return [p.relative_to(REPO_ROOT).as_posix() for p in found if p.suffix == ".ipynb"]


def all_notebooks() -> list[str]:
    """Every lesson, student exercise and solution notebook (repo-relative paths)."""
    override = _override()
    if override is not None:
        return override
    found = []
    for pattern in PATTERNS:
        found.extend(sorted(REPO_ROOT.glob(pattern)))
    return [p.relative_to(REPO_ROOT).as_posix() for p in found]


def lesson_notebooks() -> list[str]:
    """The lessons (notebooks/NN_*.ipynb), or the notebooks named in NEXUS_BROWSER_NOTEBOOKS."""
    override = _override()
    if override is not None:
        return override
    return [p.relative_to(REPO_ROOT).as_posix() for p in sorted(REPO_ROOT.glob(PATTERNS[0]))]


def keyboard_notebooks() -> list[str]:
    """Lesson 00 (or the first notebook named in NEXUS_BROWSER_NOTEBOOKS)."""
    override = _override()
    if override:
        return override[:1]
    return [p for p in lesson_notebooks() if Path(p).name.startswith("00_")][:1]


def _load(relpath: str) -> dict:
    return json.loads((REPO_ROOT / relpath).read_text(encoding="utf-8"))


def _code_cells(relpath: str):
    return [c for c in _load(relpath).get("cells", []) if c.get("cell_type") == "code"]


def code_cells_with_source(relpath: str) -> list[bool]:
    """For each code cell of the committed notebook: does it hold code (empty cells never run)?"""
    flags = []
    for cell in _code_cells(relpath):
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        flags.append(bool(src.strip()))
    return flags


class _ImgAlts(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.alts = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.alts.append(dict(attrs).get("alt"))


def stored_charts(relpath: str) -> list[str | None]:
    """One entry per chart image the committed notebook stores (an output carrying
    image/png): the alt text of the <img> in its text/html, or None when it has none."""
    charts = []
    for cell in _code_cells(relpath):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" not in data:
                continue
            parser = _ImgAlts()
            parser.feed("".join(data.get("text/html", "")))
            charts.append(parser.alts[0] if parser.alts else None)
    return charts


def stored_widgets(relpath: str) -> int:
    """How many live widgets the committed notebook shows: tools/refresh.py stores each as a
    note to run the cell (a quiz as its printed question), in a cell tagged nbval-ignore-output."""
    count = 0
    for cell in _code_cells(relpath):
        if "nbval-ignore-output" not in cell.get("metadata", {}).get("tags", []):
            continue
        for out in cell.get("outputs", []):
            text = "".join(out.get("data", {}).get("text/plain", ""))
            if text.startswith("[Interactive widget:") or text.startswith("Check your understanding"):
                count += 1
    return count
