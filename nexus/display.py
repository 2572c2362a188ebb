"""How the suite's outputs appear in a notebook, for every reader.

* :class:`Chart` - a chart as an HTML ``<img>`` whose ``alt`` is the chart's text
  alternative, so a screen reader announces what the chart shows (JupyterLab ignores an
  ``alt`` given in image metadata). The same output also carries the plain PNG, for
  tools that do not show HTML (PDF export, some notebook viewers), and a one-line
  text form.
* :func:`table_html` - a table with a header on every column: a DataFrame whose index
  only numbers the rows (0, 1, 2 ..., or what is left of them after a selection) is shown
  without it; any other index becomes a named column. A table wider than the notebook
  scrolls in a box the keyboard can reach.
* :func:`register` - makes IPython show every matplotlib figure (a learner's own too)
  and every DataFrame that way. ``import nexus`` calls it inside a running kernel.

Only the standard library is imported here: pandas and matplotlib are used only
once the objects they make are shown.
"""

from __future__ import annotations

import base64
import html

__all__ = ["Chart", "figure_alt", "table_html", "register"]


def figure_alt(fig) -> str:
    """A figure's text alternative: the one a suite chart carries (``fig.alt_text``), or,
    for a figure made by hand, what its title and axis labels say."""
    alt = str(getattr(fig, "alt_text", "") or "").strip()
    if alt:
        return alt
    parts = []
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle.get_text().strip():
        parts.append(suptitle.get_text().strip())
    for ax in fig.get_axes():
        title = " ".join(t for t in (ax.get_title(loc) for loc in ("left", "center", "right")) if t.strip())
        labels = [f"{name} axis: {text}" for name, text in (("horizontal", ax.get_xlabel()),
                                                             ("vertical", ax.get_ylabel())) if text.strip()]
        if title or labels:
            parts.append("; ".join(([title] if title else []) + labels))
    if not parts:
        return "A chart without a title or axis labels."
    return "Chart: " + ". ".join(parts) + "."


def _chart_title(fig) -> str:
    suptitle = getattr(fig, "_suptitle", None)
    title = suptitle.get_text() if suptitle is not None else ""
    title = title or str(getattr(fig, "chart_title", "") or "")
    if not title:
        for ax in fig.get_axes():
            title = ax.get_title(loc="left") or ax.get_title()
            if title:
                break
    return " ".join(title.split())


class Chart:
    """A chart ready to show: PNG bytes named by their text alternative.

    ``png_fallback=False`` leaves the plain PNG out of the output (for widgets, whose
    outputs only a live JupyterLab shows).
    """

    def __init__(self, png: bytes, alt: str, title: str = "", png_fallback: bool = True):
        self.png, self.alt, self.title, self.png_fallback = png, alt, title, png_fallback

    @classmethod
    def from_figure(cls, fig, png_fallback: bool = True) -> Chart:
        """The chart of a matplotlib figure: its PNG, its text alternative and its title."""
        from nexus import charts

        return cls(charts.png_bytes(fig), figure_alt(fig), _chart_title(fig), png_fallback)

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = base64.b64encode(self.png).decode("ascii")
        bundle = {
            "text/html": f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt, quote=True)}">',
            "text/plain": f"[Chart: {self.title}]" if self.title else "[Chart]",
        }
        if self.png_fallback:
            bundle["image/png"] = data
        return bundle

    def __repr__(self) -> str:
        return self._repr_mimebundle_()["text/plain"]


def _figure_html(fig):
    """IPython's HTML form of a figure displayed directly (e.g. by matplotlib's inline
    backend): the PNG IPython makes for it, in an <img> named by :func:`figure_alt`."""
    try:
        from IPython import get_ipython

        png = get_ipython().display_formatter.formatters["image/png"](fig)
        if not png:
            return None
        if isinstance(png, str):
            png = base64.b64decode(png)
        return Chart(png, figure_alt(fig))._repr_mimebundle_()["text/html"]
    except Exception:  # showing the plain PNG is still better than nothing
        return None


def _meaningless_index(index) -> bool:
    """An unnamed index of increasing row numbers: 0, 1, 2 ... or what is left of them
    after rows were picked (it says where a row was, not what it is)."""
    import pandas as pd

    if isinstance(index, pd.MultiIndex) or index.name is not None:
        return False
    if isinstance(index, pd.RangeIndex):
        return index.step > 0
    return index.dtype.kind in "iu" and index.is_unique and index.is_monotonic_increasing


def table_html(frame) -> str | None:
    """The DataFrame as pandas shows it in a notebook, but with a header on every column:
    no index when it only counts rows, otherwise the index as named column(s)."""
    import pandas as pd
    from pandas.io.formats import format as fmt

    if not isinstance(frame, pd.DataFrame) or isinstance(frame.columns, pd.MultiIndex):
        return frame._repr_html_()
    if not _meaningless_index(frame.index):
        names = [name if name is not None else ("index" if frame.index.nlevels == 1 else f"level_{i}")
                 for i, name in enumerate(frame.index.names)]
        if any(str(n) in map(str, frame.columns) for n in names):
            return frame._repr_html_()  # would clash with a column of the same name
        frame = frame.rename_axis(names).reset_index()
    frame = frame.rename_axis(columns=None)  # a columns name would need a second header row
    if frame._info_repr() or not pd.get_option("display.notebook_repr_html"):
        return frame._repr_html_()
    formatter = fmt.DataFrameFormatter(
        frame, na_rep="NaN", float_format=pd.get_option("display.float_format"), index=False,
        header=True, index_names=True, bold_rows=True, escape=True, decimal=".",
        max_rows=pd.get_option("display.max_rows"), min_rows=pd.get_option("display.min_rows"),
        max_cols=pd.get_option("display.max_columns"),
        show_dimensions=pd.get_option("display.show_dimensions"))
    # A table wider than the notebook scrolls sideways inside its own box, which the keyboard
    # can reach (Tab, then the arrow keys) and a screen reader names by the table's columns.
    shown = [str(c) for c in frame.columns[:4]]
    label = "Table of " + ", ".join(shown) + (" and more columns" if len(frame.columns) > 4 else "")
    return (f'<div class="nexus-table" role="group" tabindex="0" aria-label="{html.escape(label)}" '
            f'style="overflow-x:auto">' + fmt.DataFrameRenderer(formatter).to_html(notebook=True) + "</div>")


def _safe_table_html(frame):
    try:
        return table_html(frame)
    except Exception:  # pandas' own form, if anything above does not fit this frame
        return frame._repr_html_()


def register(shell=None) -> bool:
    """Show figures and DataFrames the suite's way in this IPython session (idempotent)."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    formatter = shell.display_formatter.formatters["text/html"]
    for module in ("pandas", "pandas.core.frame"):  # pandas 3 names its classes' module "pandas"
        formatter.for_type_by_name(module, "DataFrame", _safe_table_html)

    def figures_too():
        # matplotlib's inline backend drops every figure formatter when it starts (at a
        # cell's first figure) and shows the figures after the cell: put ours back first
        if not any(getattr(t, "__name__", "") == "Figure" and formatter.type_printers[t] is _figure_html
                   for t in formatter.type_printers):
            formatter.for_type_by_name("matplotlib.figure", "Figure", _figure_html)

    figures_too()
    if not getattr(shell, "_nexus_display", False):
        shell.events.register("post_execute", figures_too)
        shell._nexus_display = True
    return True
