"""Benchmark the suite's speed and memory, and compare with the budget.

    python tools/bench.py                  # notebooks, import time, widget latency (3 runs each)
    python tools/bench.py --runs 5         # more runs (medians are reported)
    python tools/bench.py --tests          # also time the whole test command (without browser tests)
    python tools/bench.py --footprint      # also build a fresh venv from requirements.txt and size it
    python tools/bench.py --only notebooks/03_mali_crisis_and_response.ipynb
    python tools/bench.py --cores 1        # everything pinned to one CPU core, as on Binder

What is measured
* every lesson and exercise notebook, executed top to bottom in a fresh kernel: wall time,
  and its **overhead** over an empty notebook run the same way (kernel start), and the
  kernel's **peak memory** (RSS, sampled every 20 ms);
* ``import`` of the nexus rooms a lesson uses in a fresh interpreter, next to importing
  pandas + matplotlib alone;
* the latency of every widget's logic function (the first control moved through its
  values 100 times; median and 95th percentile), and of the full update a learner
  waits for (logic + drawing the chart): each control moved to each of its other values and
  back, up to 40 changes, each a setting not seen before (median and 95th percentile), then
  the same changes again (settings seen before, served from the widget's cache);
* optionally the wall time of the test command and the size of a fresh install.

Times are wall-clock times; the CPU time of the kernel (notebooks) and of the update
(widgets) is reported beside them, since it barely changes when other programs share the
machine. ``--cores 1`` pins this process, and so every kernel it starts, to one core (what
a Binder session gets).

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
          "widget_median_ms": 30.0, "widget_p95_ms": 100.0, "tests_s": 90.0,
          # what a learner waits for after choosing a setting (logic + drawing)
          "update_new_median_ms": 150.0, "update_new_p95_ms": 300.0, "update_seen_ms": 5.0}
#: on one core (--cores 1) the new-setting median may take twice as long
ONE_CORE_UPDATE_MEDIAN_MS = 300.0


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


def run_notebook(nb, cwd: Path = ROOT / "notebooks") -> tuple[float, float, float]:
    """Execute ``nb`` in a fresh kernel; return (wall seconds, kernel peak RSS in MB,
    kernel CPU seconds)."""
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
        try:
            times = psutil.Process(pid).cpu_times()
            cpu = times.user + times.system
        except psutil.Error:
            cpu = float("nan")
        stop.set()
        sampler.join()
    return time.perf_counter() - start, (peaks[0] if peaks else 0) / 2**20, cpu


def _measured(nb, cwd: Path) -> tuple[float, float, float]:
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
LOAD: list = []  # the load average when the run started and ended


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
    empties = [_measured(empty, ROOT / "notebooks") for _ in range(runs)]
    baseline = statistics.median(e[0] for e in empties)
    BASELINE_CPU.append(statistics.median(e[2] for e in empties))
    rows = []
    for path in paths:
        walls, rss, cpus = [], [], []
        for _ in range(runs):
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs = []
            wall, peak, cpu = _measured(nb, path.parent)
            walls.append(wall)
            rss.append(peak)
            cpus.append(cpu)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        rows.append({"notebook": path.relative_to(ROOT).as_posix(), "wall_s": wall,
                     "overhead_s": wall - baseline, "rss_mb": max(rss),
                     "cpu_s": cpu, "overhead_cpu_s": cpu - BASELINE_CPU[0]})
        print(f"  {rows[-1]['notebook']}: {wall:.2f} s, +{wall - baseline:.2f} s, {max(rss):.0f} MB, "
              f"kernel CPU {cpu:.2f} s", flush=True)
    return baseline, rows


BASELINE_CPU: list = []


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
        if type(control).__name__ == "SelectMultiple":
            return [(v,) for v in values]
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


def _settings(controls: dict, limit: int = 40) -> list[tuple]:
    """Changes to make, in order: each control moved to each of its other values (and back to
    its first value after each, untimed), as (control name, value) pairs, at most ``limit``."""
    changes = []
    for name, control in controls.items():
        for value in [v for v in _values(control) if v != control.value]:
            changes.append((name, value))
    return changes[:limit]


def _median(values: list) -> float:
    return statistics.median(values) if values else float("nan")


def _percentile(values: list, q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))] if ordered else float("nan")


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
        logic_ms = []
        for k in range(updates):  # the logic function alone
            state[first_name] = values[k % len(values)]
            t = time.perf_counter()
            box.logic(**state)
            logic_ms.append((time.perf_counter() - t) * 1000)
        # the update a learner waits for: new settings first, then the same ones again
        start = {n: c.value for n, c in controls.items()}
        changes = _settings(controls)
        seen = {tuple(start.items())}
        new_ms, new_cpu, again_ms = [], [], []
        with contextlib.redirect_stdout(io.StringIO()):
            for sweep in ("new", "again"):
                for n, c in controls.items():  # back to the first state (not timed)
                    c.value = start[n]
                for control_name, value in changes:
                    t, c0 = time.perf_counter(), time.process_time()
                    controls[control_name].value = value
                    wall, cpu = (time.perf_counter() - t) * 1000, (time.process_time() - c0) * 1000
                    now = tuple((n, c.value) for n, c in controls.items())
                    if sweep == "again":
                        again_ms.append(wall)
                    elif now not in seen:
                        new_ms.append(wall)
                        new_cpu.append(cpu)
                    seen.add(now)
                    controls[control_name].value = start[control_name]  # back (a setting seen before)
        rows.append({"widget": name, "median_ms": statistics.median(logic_ms),
                     "p95_ms": _percentile(logic_ms, 0.95),
                     "chart": any(type(o).__name__ == "Chart" for o in _shown_outputs(box)),
                     "new_n": len(new_ms), "new_median_ms": _median(new_ms),
                     "new_p95_ms": _percentile(new_ms, 0.95), "new_cpu_median_ms": _median(new_cpu),
                     "again_ms": _median(again_ms)})
        print(f"  {name}: new setting {rows[-1]['new_median_ms']:.0f} ms (p95 {rows[-1]['new_p95_ms']:.0f}), "
              f"seen {rows[-1]['again_ms']:.1f} ms", flush=True)
    return rows


def _shown_outputs(box) -> list:
    """What the panel shows for its current setting (the prepared outputs, not displayed)."""
    from nexus.widgets import prepare

    values = {n: c.value for n, c in box.controls.items()}
    with contextlib.redirect_stdout(io.StringIO()):
        return prepare(box.logic(**values))


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
    cores = f"pinned to 1 of {psutil.cpu_count()} cores" if args.cores == 1 else f"{psutil.cpu_count()} cores"
    load = ", ".join(f"{x:.1f}" for x in LOAD) if LOAD else "unknown"
    lines = [f"Measured on {platform.system()} {platform.machine()} ({cpu}), "
             f"{cores}, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
             f"Python {platform.python_version()}; median of {args.runs} runs; "
             f"load average (1 min) at start and end: {load}.", ""]
    if nb_rows:
        lines += [f"Empty-notebook baseline (kernel start): {baseline:.2f} s wall, "
                  f"{BASELINE_CPU[0] if BASELINE_CPU else float('nan'):.2f} s kernel CPU.", "",
                  "| notebook | wall (s) | overhead over baseline (s) | kernel CPU over baseline (s) "
                  "| kernel peak RSS (MB) | budget |",
                  "|---|---:|---:|---:|---:|---|"]
        for r in nb_rows:
            ok = r["overhead_s"] <= BUDGET["overhead_s"] and r["rss_mb"] <= BUDGET["rss_mb"]
            lines.append(f"| {r['notebook']} | {r['wall_s']:.2f} | {r['overhead_s']:.2f} | "
                         f"{r['overhead_cpu_s']:.2f} | {r['rss_mb']:.0f} | {mark(ok)} |")
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
        median_budget = ONE_CORE_UPDATE_MEDIAN_MS if args.cores == 1 else BUDGET["update_new_median_ms"]
        lines += ["| widget | logic median (ms) | logic p95 (ms) | new setting: update median (ms) "
                  "| new setting: p95 (ms) | new setting: CPU median (ms) | setting seen before (ms) | budget |",
                  "|---|---:|---:|---:|---:|---:|---:|---|"]
        for r in widget_rows:
            if "error" in r:
                lines.append(f"| {r['widget']} | - | - | - | - | - | - | {r['error']} |")
                continue
            if r["chart"]:  # what a learner waits for: the whole update
                ok = (r["new_median_ms"] <= median_budget and r["new_p95_ms"] <= BUDGET["update_new_p95_ms"]
                      and r["again_ms"] <= BUDGET["update_seen_ms"])
            else:  # no chart: the logic budget
                ok = r["median_ms"] <= BUDGET["widget_median_ms"] and r["p95_ms"] <= BUDGET["widget_p95_ms"]
            lines.append(f"| {r['widget']} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | "
                         f"{r['new_median_ms']:.0f} | {r['new_p95_ms']:.0f} | {r['new_cpu_median_ms']:.0f} | "
                         f"{r['again_ms']:.1f} | {mark(ok)} |")
        counts = ", ".join(sorted({str(r["new_n"]) for r in widget_rows if "new_n" in r}, key=int))
        lines += ["", f"Widgets: the first control moved 100 times (logic alone); then each control moved "
                  f"to each of its other values and back ({counts} "
                  f"new settings per widget), then the same changes again. Budget for a chart widget: "
                  f"new setting median <= {median_budget:.0f} ms, p95 <= {BUDGET['update_new_p95_ms']:.0f} ms, "
                  f"seen before <= {BUDGET['update_seen_ms']:.0f} ms; for the others, logic median <= "
                  f"{BUDGET['widget_median_ms']:.0f} ms and p95 <= {BUDGET['widget_p95_ms']:.0f} ms.", ""]
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
    parser.add_argument("--cores", type=int, default=0,
                        help="pin this process and every kernel it starts to this many cores (1 = Binder)")
    parser.add_argument("--out", default="bench.md", help="report file name in bench-results/")
    args = parser.parse_args(argv)
    if args.cores:
        os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[:args.cores]))
    LOAD.append(os.getloadavg()[0])
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
    LOAD.append(os.getloadavg()[0])
    text = report(args, baseline, nb_rows, imports, widget_rows, tests_s, venv_mb)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / args.out).write_text(text + "\n", encoding="utf-8")
    print()
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
