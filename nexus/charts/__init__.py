"""The suite's charts: one style, one function per figure kind.

Every chart function returns a :class:`matplotlib.figure.Figure` that carries

* a title, axis labels with units and a source line taken from the data package;
* a text alternative (``fig.alt_text``) that says what the chart shows in words.

Show a chart in a notebook with :func:`show`, which displays the picture, named
by its text alternative for screen readers (an HTML ``<img alt=...>``; see
:mod:`nexus.display`), and prints the text alternative underneath for everyone.
Library code never calls ``plt.show()``.

The palette is Okabe and Ito's, which stays distinguishable for the common
forms of colour blindness; lines also differ by marker so that no meaning
rests on colour alone.
"""

from __future__ import annotations

import functools
import io
from collections import OrderedDict
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg", force=False)  # library code draws off-screen; notebooks display PNGs
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from nexus import data as _data

__all__ = ["OKABE_ITO", "PALETTE", "MARKERS", "new_figure", "clear_marks", "FigureSlots", "remembered", "computed_once",
           "finish", "show", "shown", "png_bytes", "contrast", "darker", "ensure_contrast", "deaths_per_year"]

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


def new_figure(width: float = WIDTH, height: float = HEIGHT, ncols: int = 1, *, reuse: Figure | None = None,
               **kwargs):
    """A new figure in the suite's style and its axes (``ncols`` > 1 gives a list).

    ``reuse``: a figure the same chart function made before (a widget's). It is updated
    instead of replaced: its axes, ticks, title and labels stay and are set again by the chart,
    its marks, texts and legends are taken off (:func:`clear_marks`), and the limits follow the
    new data again. Building a new figure costs more than the update (axes, ticks, layout).
    """
    if reuse is not None:
        axes = clear_marks(reuse)
        return reuse, (axes[0] if ncols == 1 and len(axes) == 1 else axes)
    with _style():
        fig = Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(1, ncols, **kwargs)
    return fig, axes


def clear_marks(fig: Figure) -> list:
    """Take every mark, text and legend off ``fig`` and let its limits follow new data;
    the figure keeps its axes (with their ticks, title, labels and scales). Returns the axes."""
    with _style():
        for ax in fig.axes:
            for container in list(ax.containers):  # bars (a legend finds them there)
                container.remove()
            for artist in [*ax.lines, *ax.patches, *ax.texts, *ax.collections, *ax.images,
                           *ax.artists, *ax.tables]:
                artist.remove()
            if ax.get_legend() is not None:
                ax.get_legend().remove()
            ax.relim()
            ax.set_autoscale_on(True)
            ax.set_prop_cycle(None)  # colours start again from the palette's first
            spec = ax.get_subplotspec()
            if spec is not None:  # the layout starts from where a new figure's would
                ax._set_position(spec.get_position(fig))
        for text in list(fig.texts):
            text.remove()
        for legend in list(fig.legends):
            legend.remove()
    return list(fig.axes)


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
    fig.chart_title = title
    fig.source_tables = list(tables)
    ensure_contrast(fig)
    return fig


# --------------------------------------------------------------------------- contrast

MARK_CONTRAST = 3.0  # WCAG 1.4.11: graphical objects against what is next to them
TEXT_CONTRAST = 4.5  # WCAG 1.4.3: text


def contrast(colour, background="#ffffff") -> float:
    """WCAG contrast ratio of two colours (alpha is blended onto the background first)."""
    from matplotlib.colors import to_rgba

    def luminance(rgb):
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    bg = to_rgba(background)[:3]
    r, g, b, a = to_rgba(colour)
    fg = [a * c + (1 - a) * k for c, k in zip((r, g, b), bg, strict=True)]
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def darker(colour, target: float = MARK_CONTRAST, background="#ffffff") -> str:
    """The same hue, darkened just enough to reach `target` contrast on `background`."""
    import colorsys

    from matplotlib.colors import to_hex, to_rgb

    h, lightness, sat = colorsys.rgb_to_hls(*to_rgb(colour))
    while lightness > 0 and contrast(colorsys.hls_to_rgb(h, lightness, sat), background) < target + 0.05:
        lightness = max(lightness - 0.01, 0.0)
    return to_hex(colorsys.hls_to_rgb(h, lightness, sat))


def _visible(colour) -> bool:
    from matplotlib.colors import to_rgba

    return colour is not None and not (isinstance(colour, str) and colour == "none") and to_rgba(colour)[3] > 0


def _outline_patch(patch, bg) -> None:
    face = patch.get_facecolor()
    edge = patch.get_edgecolor() if patch.get_linewidth() > 0 else None
    if (_visible(face) and contrast(face, bg) >= MARK_CONTRAST) or \
            (edge is not None and _visible(edge) and contrast(edge, bg) >= MARK_CONTRAST):
        return
    near_white = not _visible(face) or contrast(face, bg) < 1.2
    base = edge if near_white and edge is not None and _visible(edge) else face
    if not _visible(base) or contrast(base, bg) < 1.05:
        base = "#777777"
    patch.set_edgecolor(darker(base[:3] if not isinstance(base, str) else base, MARK_CONTRAST, bg))
    patch.set_linewidth(max(patch.get_linewidth(), 1.0))


def _outline_line(line, bg) -> None:
    from matplotlib import patheffects

    colour = line.get_color()
    if line.get_alpha() is not None:
        from matplotlib.colors import to_rgba

        colour = to_rgba(colour, line.get_alpha())
    drawn = line.get_linestyle() not in ("None", "none", "", " ") and line.get_linewidth() > 0
    if drawn and contrast(colour, bg) < MARK_CONTRAST and not line.get_path_effects():
        line.set_path_effects([patheffects.Stroke(linewidth=line.get_linewidth() + 1.6,
                                                  foreground=darker(line.get_color(), MARK_CONTRAST, bg)),
                               patheffects.Normal()])
    if line.get_marker() in (None, "None", "none", "", " ") or line.get_markersize() <= 0:
        return
    face, edge = line.get_markerfacecolor(), line.get_markeredgecolor()
    if (_visible(face) and contrast(face, bg) >= MARK_CONTRAST) or \
            (_visible(edge) and contrast(edge, bg) >= MARK_CONTRAST and line.get_markeredgewidth() > 0):
        return
    base = face if _visible(face) and contrast(face, bg) >= 1.2 else edge
    line.set_markeredgecolor(darker(base if _visible(base) else "#777777", MARK_CONTRAST, bg))
    line.set_markeredgewidth(max(line.get_markeredgewidth(), 1.0))


def ensure_contrast(fig: Figure) -> Figure:
    """Make every faint mark and text of a chart readable on its white background.

    A mark keeps its colour (the palette and the legend stay as they are) but, where it is
    fainter than 3:1 against the background, gets an outline of a darker shade of its own
    hue: bars and areas an edge, lines a darker casing, markers a darker rim. Text fainter
    than 4.5:1 is darkened. Background bands (``zorder`` 0 or below) and white text (set on
    dark fills on purpose) are left alone.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    for ax in fig.get_axes():
        bg = ax.get_facecolor()
        legend = ax.get_legend()
        handles = list(getattr(legend, "legend_handles", []) or []) if legend else []
        for artist in list(ax.patches) + [h for h in handles if isinstance(h, Patch)]:
            if artist.get_visible() and artist.get_zorder() > 0:
                _outline_patch(artist, bg)
        for artist in list(ax.lines) + [h for h in handles if isinstance(h, Line2D)]:
            if artist.get_visible():
                _outline_line(artist, bg)
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        box = text.get_bbox_patch()
        bg = box.get_facecolor() if box is not None and _visible(box.get_facecolor()) else fig.get_facecolor()
        colour = text.get_color()
        if 1.3 < contrast(colour, bg) < TEXT_CONTRAST:
            text.set_color(darker(colour, TEXT_CONTRAST, bg))
    return fig


#: PNG compression: level 3 gives these charts smaller files than the default (6), faster.
PNG_OPTIONS = {"format": "png", "metadata": {"Software": None}, "pil_kwargs": {"compress_level": 3}}


_RENDERERS: OrderedDict = OrderedDict()  # (width, height, dpi) -> the Agg renderer charts of that size share


def _canvas(fig: Figure):
    """An Agg canvas for ``fig`` whose renderer is shared by every chart of the same size:
    matplotlib remembers the size of each text it measured per renderer, so tick labels,
    titles and source lines seen in an earlier chart (or an earlier state of a widget's
    chart) are not measured again. Charts are drawn one at a time and the renderer is
    cleared before each drawing, so the picture is the same."""
    canvas_class = _shared_renderer_canvas()
    if not isinstance(fig.canvas, canvas_class):
        canvas_class(fig)
    return fig.canvas


@functools.cache
def _shared_renderer_canvas():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer_class = _remembering_renderer()

    class SharedRendererCanvas(FigureCanvasAgg):
        def get_renderer(self):
            w, h = self.get_width_height(physical=True)
            key = (w, h, self.figure.dpi)
            renderer = _RENDERERS.get(key)
            if renderer is None:
                renderer = _RENDERERS[key] = renderer_class(w, h, self.figure.dpi)
                if len(_RENDERERS) > 8:
                    _RENDERERS.popitem(last=False)
            self.renderer, self._lastKey = renderer, key
            return renderer

    return SharedRendererCanvas


@functools.cache
def _remembering_renderer():
    """matplotlib's Agg renderer, remembering what it worked out for text: a font's line
    metrics, how a string is laid out in a font, and each glyph's pixels at each 1/64 of a
    pixel offset. A chart draws the same tick labels, titles and source lines each time it
    is drawn (a widget's every state); drawing them again costs most of a chart's drawing.
    The pixels are the ones matplotlib draws: FreeType places a glyph moved by whole pixels
    the same way, moved (tested: every chart of the suite gives the same bytes)."""
    import math

    import numpy as np
    from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag
    from matplotlib.font_manager import fontManager, get_font
    from matplotlib.ft2font import RenderMode

    limit = 50_000

    class RememberingRendererAgg(RendererAgg):
        _heights: dict = {}
        _layouts: dict = {}
        _glyphs: dict = {}

        def _get_font_height_metrics(self, prop):
            # as matplotlib.text.Text._get_layout computes them from the font's tables
            key = (prop, self.dpi)
            found = self._heights.get(key)
            if found is None:
                found = (None, None, None)
                font = get_font(fontManager._find_fonts_by_props(prop))
                for table_name, gap, ascent, descent in (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                                         ("hhea", "lineGap", "ascent", "descent")):
                    table = font.get_sfnt_table(table_name)
                    if table is None:
                        continue
                    scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * self.dpi / 72
                    found = (table[ascent] * scale, -table[descent] * scale, table[gap] * scale)
                    break
                self._heights[prop.copy(), self.dpi] = found
            return found

        def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
            if ismath or not gc.get_antialiased():
                return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            font = self._prepare_font(prop)
            flags = get_hinting_flag()
            features = mtext.get_fontfeatures() if mtext is not None else None
            language = mtext.get_language() if mtext is not None else None
            size = prop.get_size_in_points()
            key = (font.fname, size, self.dpi, s, flags, _hashable(features), _hashable(language))
            items = self._layouts.get(key)
            if items is None:
                items = font._layout(s, flags=flags, features=features, language=language)
                items = self._layouts[key] = [(item.ft_object, item.glyph_index, item.x, item.y)
                                              for item in items]
            cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
            matrix_key = tuple(matrix.ravel().tolist())
            height = self.height
            for ft_object, glyph_index, dx, dy in items:
                tx = round(0x40 * (x + dx * cos - dy * sin))
                ty = round(0x40 * (height - y + dx * sin + dy * cos))
                gkey = (ft_object.fname, size, self.dpi, glyph_index, matrix_key, tx & 63, ty & 63, flags)
                glyph = self._glyphs.get(gkey)
                if glyph is None:
                    ft_object.set_size(size, self.dpi)
                    ft_object._set_transform(matrix, [tx, ty])
                    bitmap = ft_object._render_glyph(glyph_index, flags, RenderMode.NORMAL)
                    glyph = (np.array(bitmap.buffer), bitmap.left - (tx >> 6), bitmap.top - (ty >> 6))
                    if len(self._glyphs) > limit:
                        self._glyphs.clear()
                    self._glyphs[gkey] = glyph
                buffer, left, top = glyph
                left, top = left + (tx >> 6), top + (ty >> 6)
                self._renderer.draw_text_image(buffer, left, int(height) - top + buffer.shape[0], 0, gc)
            if len(self._layouts) > limit:
                self._layouts.clear()

    return RememberingRendererAgg


def _hashable(value):
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value


def _render(fig: Figure) -> bytes:
    buf = io.BytesIO()
    with _style():
        engine = fig.get_layout_engine()
        canvas = _canvas(fig)
        if engine is None:
            fig.savefig(buf, **PNG_OPTIONS)
            return buf.getvalue()
        # Lay the figure out once, then draw it once. (``savefig`` would draw it twice: a
        # first, invisible pass to lay it out, then the picture; the bytes are the same.)
        # The engine is taken off the figure while it is drawn: with any engine set, even
        # the "none" placeholder, ``savefig`` makes that invisible pass all the same.
        wrapped = _unwrap_texts(fig, canvas.get_renderer())
        try:
            engine.execute(fig)
            fig._layout_engine = None
            fig.savefig(buf, **PNG_OPTIONS)
        finally:
            fig._layout_engine = engine
            for text, (original, wrap) in wrapped.items():
                text.set_text(original)
                text.set_wrap(wrap)
    return buf.getvalue()


_WRAPPED: dict = {}  # (text, font, figure box, dpi, place) -> the text broken into lines


def _unwrap_texts(fig: Figure, renderer) -> dict:
    """Break every wrapping text of ``fig`` (the source line) into its lines once, before the
    figure is laid out and drawn: matplotlib would find the breaks again each time it measures
    the text (several times per picture). Returns what to restore: text -> (text, wrap)."""
    changed = {}
    for text in fig.texts:
        if text.get_wrap() and text.get_text():
            key = (text.get_text(), hash(text.get_fontproperties()), tuple(fig.bbox.bounds), fig.dpi,
                   tuple(text.get_position()), text.get_horizontalalignment(), text.get_rotation())
            lines = _WRAPPED.get(key)
            if lines is None:
                text._renderer = renderer
                lines = _WRAPPED[key] = text._get_wrapped_text()
                if len(_WRAPPED) > 256:
                    _WRAPPED.pop(next(iter(_WRAPPED)))
            changed[text] = (text.get_text(), True)
            text.set_wrap(False)
            text.set_text(lines)
    return changed


#: PNGs of figures made by a remembered chart call (see :func:`remembered`), by call.
_PNGS: OrderedDict = OrderedDict()
PNG_CACHE_SIZE = 32


def png_bytes(fig: Figure) -> bytes:
    """The figure as PNG bytes (no time stamp or version inside, so files stay stable).

    A figure that a chart function returned and that nobody has changed since is drawn
    only once per call: the same call (same chart, same data, same settings) again - a
    widget's first state and its static copy in a lesson - gets the PNG already drawn.
    """
    key = getattr(fig, "_nexus_call", None)
    if key is not None and not fig.stale:
        key = (key, _style_key())
        if key in _PNGS:
            _PNGS.move_to_end(key)
            return _PNGS[key]
        png = _render(fig)
        _PNGS[key] = png
        if len(_PNGS) > PNG_CACHE_SIZE:
            _PNGS.popitem(last=False)
        return png
    return _render(fig)


def _style_key():
    """What, besides the call, decides the picture: the settings matplotlib draws with."""
    return hash(repr(sorted((k, v) for k, v in matplotlib.rcParams.items() if k.startswith(
        ("font", "text", "axes", "xtick", "ytick", "grid", "lines", "patch", "hatch", "legend",
         "figure", "savefig", "path", "agg", "image")))))


def _fingerprint(value):
    """A hashable stand-in for a chart function's argument (None: cannot tell, do not remember)."""
    import pandas as pd

    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (pd.DataFrame, pd.Series)):
        frame = value.to_frame() if isinstance(value, pd.Series) else value
        try:
            content = int(pd.util.hash_pandas_object(frame, index=True).sum())
        except TypeError:
            return None
        return (type(value).__name__, tuple(map(str, frame.columns)), tuple(map(str, frame.dtypes)),
                str(frame.index.dtype), frame.shape, content)
    if isinstance(value, (list, tuple)):
        parts = tuple(_fingerprint(v) for v in value)
        unknown = any(p is None and v is not None for p, v in zip(parts, value, strict=True))
        return None if unknown else (type(value).__name__, parts)
    if isinstance(value, dict):
        items = tuple((_fingerprint(k), _fingerprint(v)) for k, v in value.items())
        unknown = any(p is None and v is not None for (_, p), v in zip(items, value.values(), strict=True))
        return None if unknown else ("dict", items)
    try:
        import numpy as np

        if isinstance(value, np.generic):
            return value.item()
        if isinstance(value, np.ndarray):
            return ("ndarray", str(value.dtype), value.shape, value.tobytes())
    except ImportError:
        pass
    return None


def computed_once(func=None, *, size: int = 16):
    """Remember what a pure table function returned for the last ``size`` calls (by the
    content of its arguments), so that a widget's summary, chart and table, which all start
    from the same selection, compute it once. Each caller gets its own copy of the frame."""
    import functools

    def decorate(func):
        results: OrderedDict = OrderedDict()

        @functools.wraps(func)
        def call(*args, **kwargs):
            key = (_fingerprint(args), _fingerprint(kwargs))
            if None in key:
                return func(*args, **kwargs)
            if key in results:
                results.move_to_end(key)
            else:
                results[key] = func(*args, **kwargs)
                if len(results) > size:
                    results.popitem(last=False)
            found = results[key]
            return found.copy() if hasattr(found, "copy") else found

        call.cache_clear = results.clear
        return call

    return decorate(func) if func is not None else decorate


class FigureSlots(dict):
    """The figures one widget shows, one per chart function. Given as ``reuse=`` to a chart
    function, it makes the chart update the figure it drew for the widget last time (see
    :func:`new_figure`) instead of building a new one, and keeps the result for next time."""


def remembered(chart):
    """Mark the figures a chart function returns with the call that made them, so that
    :func:`png_bytes` draws the same call's figure only once. The figure is marked as
    unchanged when returned; any change to it afterwards (a title set by hand, new data)
    makes matplotlib mark it stale, and it is drawn afresh."""
    import functools

    @functools.wraps(chart)
    def call(*args, **kwargs):
        slots = kwargs.get("reuse")
        if isinstance(slots, FigureSlots):
            kwargs["reuse"] = slots.get(chart.__qualname__)
        fig = chart(*args, **kwargs)
        if isinstance(slots, FigureSlots) and isinstance(fig, Figure):
            slots[chart.__qualname__] = fig
        given = {k: v for k, v in kwargs.items() if k != "reuse"}
        key = (chart.__module__, chart.__qualname__, _fingerprint(args), _fingerprint(given))
        if isinstance(fig, Figure):
            fig._nexus_call = None if None in key[2:] else key
            if fig._nexus_call is not None:
                fig.stale = False
        return fig

    return call


def shown(fig: Figure, png_fallback: bool = True) -> list:
    """What :func:`show` displays: the chart (its image named by the text alternative)
    and the text alternative as a visible paragraph."""
    from IPython.display import Markdown

    from nexus.display import Chart, figure_alt

    return [Chart.from_figure(fig, png_fallback=png_fallback),
            Markdown(f"**Text alternative.** {figure_alt(fig)}")]


def show(fig: Figure) -> None:
    """Display a chart and, under it, its text alternative."""
    from IPython.display import display

    for item in shown(fig):
        display(item)


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
