"""The suite's charts: one style, one function per figure kind.

Every chart function returns a :class:`matplotlib.figure.Figure` that carries

* a title, axis labels with units and a source line taken from the data package;
* a text alternative (``fig.alt_text``) that says what the chart shows in words.

Show a chart in a notebook with :func:`show`, which displays the picture and
prints its text alternative underneath. Library code never calls ``plt.show()``.

The palette is Okabe and Ito's, which stays distinguishable for the common
forms of colour blindness; lines also differ by marker so that no meaning
rests on colour alone.
"""

from __future__ import annotations

import io
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg", force=False)  # library code draws off-screen; notebooks display PNGs
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from nexus import data as _data  # noqa: E402

__all__ = ["OKABE_ITO", "PALETTE", "MARKERS", "new_figure", "finish", "show", "png_bytes",
           "deaths_per_year"]

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
#: Order in which series take colours (yellow last: weak contrast on white).
PALETTE = [OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "vermillion",
                                  "reddish_purple", "sky_blue", "black", "yellow")]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]

STYLE = {
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "svg.hashsalt": "nexus",
}

WIDTH, HEIGHT = 8.0, 4.5  # inches: fits the default notebook width at 100 dpi


@contextmanager
def _style():
    with matplotlib.rc_context(STYLE):
        yield


def new_figure(width: float = WIDTH, height: float = HEIGHT, ncols: int = 1, **kwargs):
    """A new figure in the suite's style and its axes (``ncols`` > 1 gives a list)."""
    with _style():
        fig = Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(1, ncols, **kwargs)
    return fig, axes


def finish(fig: Figure, ax, *, title: str, xlabel: str, ylabel: str, tables, alt: str,
           legend: bool = False) -> Figure:
    """Title, labels, source line and text alternative: the parts every chart has.

    ``tables`` names the data-package tables the chart draws on; their citations
    become the source line under the chart.
    """
    if isinstance(tables, str):
        tables = [tables]
    with _style():
        ax.set_title(title, loc="left")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if legend:
            ax.legend(loc="best")
        cites = "; ".join(dict.fromkeys(_data.source(t) for t in tables))
        fig.text(0.01, 0.0, f"Source: {cites}", ha="left", va="bottom", fontsize=8,
                 color="#444444", wrap=True)
        fig.get_layout_engine().set(rect=(0, 0.05, 1, 0.95))
    fig.alt_text = alt.strip()
    fig.source_tables = list(tables)
    return fig


def png_bytes(fig: Figure) -> bytes:
    """The figure as PNG bytes (no time stamp or version inside, so files stay stable)."""
    buf = io.BytesIO()
    with _style():
        fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def show(fig: Figure) -> None:
    """Display a chart and, under it, its text alternative."""
    from IPython.display import Image, Markdown, display

    display(Image(data=png_bytes(fig), format="png"))
    display(Markdown(f"**Text alternative.** {getattr(fig, 'alt_text', 'No description given.')}"))


def __getattr__(name: str):
    """Chart functions live in topic modules (``nexus/charts/<topic>.py``);
    ``charts.<function>`` finds them there, importing a topic only when needed."""
    import importlib
    import pkgutil

    if name.startswith("_"):
        raise AttributeError(name)
    for module in pkgutil.iter_modules(__path__):
        topic = importlib.import_module(f"{__name__}.{module.name}")
        if name in getattr(topic, "__all__", ()):
            return getattr(topic, name)
    raise AttributeError(f"nexus.charts has no chart called {name!r}")


def _fmt(n) -> str:
    return f"{int(n):,}"


def deaths_per_year(deaths, milestones=None) -> Figure:
    """Deaths in organised violence in Mali per year, with crisis milestones marked.

    ``deaths`` is the ``conflict_deaths`` table (columns ``year`` and ``deaths``);
    ``milestones`` maps a year to a short label (e.g. ``{2012: "Rebellion and coup"}``).
    """
    milestones = dict(milestones or {})
    years, values = deaths["year"].to_numpy(), deaths["deaths"].to_numpy()
    fig, ax = new_figure()
    with _style():
        ax.bar(years, values, color=OKABE_ITO["blue"], width=0.8, label="Deaths")
        top = max(values) if len(values) else 1
        for year, label in sorted(milestones.items()):
            ax.axvline(year, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1.2, zorder=3)
            ax.text(year + 0.5, top * 1.02, label, rotation=90, ha="center", va="top", fontsize=8,
                    color="#222222", zorder=4,
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1})
        ax.set_xlim(years.min() - 0.6, years.max() + 0.9)
        ax.set_ylim(0, top * 1.05)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    peak = int(values.argmax())
    marked = "; ".join(f"{y}: {lab}" for y, lab in sorted(milestones.items()))
    first_jump = next((i for i in range(1, len(values)) if values[i] > 2 * max(values[:i].max(), 1)
                       and values[i] >= 100), None)
    alt = (f"Bar chart of deaths in organised violence in Mali for each year from {years.min()} to "
           f"{years.max()}. ")
    if first_jump is not None:
        alt += (f"Until {years[first_jump - 1]} no year has more than {_fmt(values[:first_jump].max())} "
                f"deaths; in {years[first_jump]} there are {_fmt(values[first_jump])}. ")
    alt += f"The highest value is {_fmt(values[peak])}, in {years[peak]}."
    if marked:
        alt += f" Dashed lines mark: {marked}."
    return finish(fig, ax, title="Deaths in organised violence in Mali per year",
                  xlabel="Year", ylabel="Deaths (best estimate)", tables="conflict_deaths", alt=alt)
