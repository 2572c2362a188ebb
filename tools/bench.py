"""Benchmark the suite's speed and memory, and compare with the budget.

    python tools/bench.py                  # notebooks, import time, widget latency (3 runs each)
    python tools/bench.py --runs 5         # more runs (medians are reported)
    python tools/bench.py --tests          # also time the whole test command (without browser tests)
    python tools/bench.py --footprint      # also build a fresh venv from requirements.txt and size it
    python tools/bench.py --only notebooks/03_mali_crisis_and_response.ipynb

What is measured
* every lesson and exercise notebook, executed top to bottom in a fresh kernel: wall time,
  and its **overhead** over an empty notebook run the same way (kernel start), and the
  kernel's **peak memory** (RSS, sampled every 20 ms);
* ``import`` of the nexus rooms a lesson uses in a fresh interpreter, next to importing
  pandas + matplotlib alone;
* the latency of every widget's logic function (the first control moved through its
  values 100 times; median and 95th percentile), and of the full update a learner
  waits for (logic + drawing the chart), for a new setting and for one seen before
  (served from the widget's cache);
* optionally the wall time of the test command and the size of a fresh install.

The Markdown report is printed and written to ``bench-results/bench.md``. No test asserts
on timings: this tool is where speed is measured.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import pkgutil
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

# nbclient sometimes misses a cell's reply after a widget cell and waits until the cell
# timeout (jupyter/nbclient#312); such a run is not a measurement: it is retried.
CELL_TIMEOUT = 60
RETRIES = 2

BUDGET = {"overhead_s": 3.0, "rss_mb": 250.0, "import_extra_s": 0.2,
          "widget_median_ms": 30.0, "widget_p95_ms": 100.0, "tests_s": 90.0}


# ------------------------------------------------------------------ notebooks


def _peak_rss(pid: int, stop: threading.Event, out: list) -> None:
    peak = 0
    try:
        proc = psutil.Process(pid)
        while not stop.is_set():
            peak = max(peak, proc.memory_info().rss)
            stop.wait(0.02)
    except psutil.Error:
        pass
    out.append(peak)


def run_notebook(nb, cwd: Path = ROOT / "notebooks") -> tuple[float, float]:
    """Execute ``nb`` in a fresh kernel; return (wall seconds, kernel peak RSS in MB)."""
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    start = time.perf_counter()
    with client.setup_kernel():
        pid = client.km.provisioner.process.pid
        stop, peaks = threading.Event(), []
        sampler = threading.Thread(target=_peak_rss, args=(pid, stop, peaks), daemon=True)
        sampler.start()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        stop.set()
        sampler.join()
    return time.perf_counter() - start, (peaks[0] if peaks else 0) / 2**20


def _measured(nb, cwd: Path) -> tuple[float, float]:
    """run_notebook, retried when nbclient stalls (see CELL_TIMEOUT)."""
    from nbclient.exceptions import CellTimeoutError

    for attempt in range(RETRIES + 1):
        try:
            return run_notebook(nb, cwd)
        except CellTimeoutError:
            STALLS.append(cwd)
            if attempt == RETRIES:
                raise
    raise AssertionError("unreachable")


STALLS: list = []


def notebooks(only: list[str]) -> list[Path]:
    from refresh import all_notebooks

    paths = all_notebooks()
    if only:
        wanted = {Path(p).resolve() for p in only}
        paths = [p for p in paths if p.resolve() in wanted]
    return paths


def bench_notebooks(paths: list[Path], runs: int) -> tuple[float, list[dict]]:
    empty = nbformat.v4.new_notebook()
    empty.cells = [nbformat.v4.new_code_cell("pass")]
    baseline = statistics.median(_measured(empty, ROOT / "notebooks")[0] for _ in range(runs))
    rows = []
    for path in paths:
        walls, rss = [], []
        for _ in range(runs):
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs = []
            wall, peak = _measured(nb, path.parent)
            walls.append(wall)
            rss.append(peak)
        wall = statistics.median(walls)
        rows.append({"notebook": path.relative_to(ROOT).as_posix(), "wall_s": wall,
                     "overhead_s": wall - baseline, "rss_mb": max(rss)})
        print(f"  {rows[-1]['notebook']}: {wall:.2f} s, +{wall - baseline:.2f} s, {max(rss):.0f} MB",
              flush=True)
    return baseline, rows


# ------------------------------------------------------------------ imports


def _time_import(statement: str, runs: int) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    values = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, cwd=tempfile.gettempdir())
        values.append(float(out.stdout.strip()))
    return statistics.median(values)


def bench_imports(runs: int) -> dict:
    base = "import pandas, matplotlib, matplotlib.figure"
    rooms = "import nexus.data, nexus.charts, nexus.feedback, nexus.widgets, nexus.answers"
    return {"pandas_matplotlib_s": _time_import(base, runs),
            "nexus_s": _time_import(f"{base}; {rooms}", runs),
            "nexus_alone_s": _time_import("import nexus", runs)}


# ------------------------------------------------------------------ widgets


def _widget_modules():
    import nexus.widgets

    for module in pkgutil.iter_modules(nexus.widgets.__path__):
        mod = importlib.import_module(f"nexus.widgets.{module.name}")
        if callable(getattr(mod, "build", None)) and not getattr(mod, "GENERIC", False):
            yield module.name, mod


def _build(mod):
    """Build a widget with its default data (``build()``, else ``bench_build()``)."""
    if callable(getattr(mod, "bench_build", None)):
        return mod.bench_build()
    return mod.build()


def _values(control) -> list:
    """Values to cycle the control through."""
    options = getattr(control, "options", None)
    if options:
        values = [o[1] if isinstance(o, tuple) else o for o in options]
        if type(control).__name__.startswith("SelectionRange"):
            n = len(values)
            return [(values[i], values[-1]) for i in range(n - 1)] or [control.value]
        return values
    if type(control).__name__ in ("IntSlider", "FloatSlider", "BoundedIntText"):
        return [v for v in range(int(control.min), int(control.max) + 1)]
    if type(control).__name__ == "IntRangeSlider":
        lo, hi = int(control.min), int(control.max)
        return [(v, hi) for v in range(lo, hi)] or [control.value]
    if type(control).__name__ in ("Checkbox", "ToggleButton"):
        return [True, False]
    return [control.value]


def bench_widgets(updates: int = 100) -> list[dict]:
    import matplotlib

    matplotlib.use("Agg")
    rows = []
    for name, mod in _widget_modules():
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                box = _build(mod)
        except TypeError as exc:
            rows.append({"widget": name, "error": f"build() needs arguments ({exc}); add bench_build()"})
            continue
        controls = getattr(box, "controls", None)
        if not controls:
            rows.append({"widget": name, "error": "not built with nexus.widgets.panel"})
            continue
        first_name, first = next(iter(controls.items()))
        values = [v for v in _values(first) if v != first.value] + [first.value]
        state = {n: c.value for n, c in controls.items()}
        logic_ms, update_ms = [], []
        for k in range(updates):  # the logic function alone: what the budget is about
            state[first_name] = values[k % len(values)]
            t = time.perf_counter()
            box.logic(**state)
            logic_ms.append((time.perf_counter() - t) * 1000)
        first_ms, again_ms = [], []
        distinct = values[:20]
        with contextlib.redirect_stdout(io.StringIO()):
            for sweep in (first_ms, again_ms):  # first visits, then the same settings again
                for value in distinct:
                    t = time.perf_counter()
                    first.value = value
                    sweep.append((time.perf_counter() - t) * 1000)
        logic_ms.sort()
        rows.append({"widget": name, "median_ms": statistics.median(logic_ms),
                     "p95_ms": logic_ms[int(0.95 * (len(logic_ms) - 1))],
                     "first_ms": statistics.median(first_ms), "again_ms": statistics.median(again_ms)})
    return rows


# ------------------------------------------------------------------ whole runs


def bench_tests() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-m", "not browser", "-p", "no:cacheprovider"],
                   cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def footprint() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "venv", tmp], check=True)
        subprocess.run([f"{tmp}/bin/python", "-m", "pip", "install", "-q", "-r",
                        str(ROOT / "requirements.txt")], check=True)
        size = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file() and not f.is_symlink())
    return size / 2**20


# ------------------------------------------------------------------ report


def mark(ok: bool) -> str:
    return "ok" if ok else "**over budget**"


def report(args, baseline, nb_rows, imports, widget_rows, tests_s, venv_mb) -> str:
    cpu = platform.processor() or platform.machine()
    lines = [f"Measured on {platform.system()} {platform.machine()} ({cpu}), "
             f"{psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
             f"Python {platform.python_version()}; median of {args.runs} runs.", ""]
    if nb_rows:
        lines += [f"Empty-notebook baseline (kernel start): {baseline:.2f} s.", "",
                  "| notebook | wall (s) | overhead over baseline (s) | kernel peak RSS (MB) | budget |",
                  "|---|---:|---:|---:|---|"]
        for r in nb_rows:
            ok = r["overhead_s"] <= BUDGET["overhead_s"] and r["rss_mb"] <= BUDGET["rss_mb"]
            lines.append(f"| {r['notebook']} | {r['wall_s']:.2f} | {r['overhead_s']:.2f} | "
                         f"{r['rss_mb']:.0f} | {mark(ok)} |")
        lines.append("")
    if imports:
        extra = imports["nexus_s"] - imports["pandas_matplotlib_s"]
        lines += ["| import | time (s) |", "|---|---:|",
                  f"| pandas + matplotlib | {imports['pandas_matplotlib_s']:.3f} |",
                  f"| pandas + matplotlib + every nexus room | {imports['nexus_s']:.3f} |",
                  f"| `import nexus` alone | {imports['nexus_alone_s']:.3f} |",
                  f"| nexus over pandas + matplotlib | {extra:.3f} ({mark(extra <= BUDGET['import_extra_s'])}) |",
                  ""]
    if widget_rows:
        lines += ["| widget (first control moved 100 times) | logic median (ms) | logic p95 (ms) "
                  "| update a learner waits for: new setting (ms) | setting seen before (ms) | budget (logic) |",
                  "|---|---:|---:|---:|---:|---|"]
        for r in widget_rows:
            if "error" in r:
                lines.append(f"| {r['widget']} | - | - | - | - | {r['error']} |")
                continue
            ok = r["median_ms"] <= BUDGET["widget_median_ms"] and r["p95_ms"] <= BUDGET["widget_p95_ms"]
            lines.append(f"| {r['widget']} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | "
                         f"{r['first_ms']:.0f} | {r['again_ms']:.0f} | {mark(ok)} |")
        lines.append("")
    if STALLS:
        lines += [f"{len(STALLS)} notebook run(s) stalled in nbclient (jupyter/nbclient#312) and were "
                  "retried; stalled runs are not in the figures.", ""]
    if tests_s is not None:
        lines += [f"Whole test command without browser tests (`python -m pytest -m \"not browser\"`): "
                  f"{tests_s:.0f} s ({mark(tests_s <= BUDGET['tests_s'])}).", ""]
    if venv_mb is not None:
        lines += [f"Fresh virtual environment from requirements.txt: {venv_mb:.0f} MB on disk.", ""]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--tests", action="store_true")
    parser.add_argument("--footprint", action="store_true")
    parser.add_argument("--skip-notebooks", action="store_true")
    args = parser.parse_args(argv)
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.setdefault("NEXUS_ANSWERS_DIR", tempfile.mkdtemp(prefix="nexus-bench-"))
    print("notebooks ...", flush=True)
    baseline, nb_rows = (0.0, []) if args.skip_notebooks else bench_notebooks(notebooks(args.only), args.runs)
    print("imports ...", flush=True)
    imports = bench_imports(max(args.runs, 5))
    print("widgets ...", flush=True)
    widget_rows = bench_widgets()
    tests_s = bench_tests() if args.tests else None
    venv_mb = footprint() if args.footprint else None
    text = report(args, baseline, nb_rows, imports, widget_rows, tests_s, venv_mb)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "bench.md").write_text(text + "\n", encoding="utf-8")
    print()
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
