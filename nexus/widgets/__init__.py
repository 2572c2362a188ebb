"""Interactive pieces of the lessons.

Each interactive lives in its own module with two layers:

* **pure logic** - plain functions from the controls' values to what is shown
  (a DataFrame, a Figure, a piece of text). These are unit-tested without a kernel.
* **a thin shell** - ``build()`` makes the ipywidgets controls and wires them to
  the logic with :func:`panel`. Nothing else happens in the shell.

:func:`panel` redraws the output whenever a control changes, shows charts with
their text alternative, and turns an unexpected error into a short, friendly
message (class ``nexus-error``) instead of a traceback.
"""

from __future__ import annotations

import html

__all__ = ["panel", "prepare", "render", "label_style", "year_menus", "ERROR_TEXT", "PANEL_CSS"]

ERROR_TEXT = "Something went wrong in this widget."
label_style = {"description_width": "initial"}

#: Styles every panel brings along: a focus ring that shows in JupyterLab's light and dark
#: themes (3 px, brand blue: 4.6:1 on white, 6:1 on the dark theme's background) on every
#: control, and labels that wrap instead of being cut off.
PANEL_CSS = (
    "<style>"
    ".nexus-panel :is(button, select, input, textarea, [tabindex]):focus-visible,"
    ".nexus-panel .widget-dropdown select:focus, .nexus-panel .widget-select select:focus,"
    ".nexus-panel textarea:focus{outline:3px solid var(--jp-brand-color1,#1976d2) !important;"
    "outline-offset:2px !important}"
    ".nexus-panel .widget-label, .nexus-panel .widget-label-basic{overflow:visible;white-space:normal;"
    "text-overflow:clip}"
    ".nexus-panel .widget-toggle-button{overflow:visible;text-overflow:clip}"
    "</style>"
)


def year_menus(first: int, last: int, start: int, end: int, width: str = "auto"):
    """Two labelled menus, "From year" and "To year", for a range of years. (A screen reader
    names a menu by its label; ipywidgets' range slider gives its handles no name.)"""
    import ipywidgets as w

    years = list(range(int(first), int(last) + 1))
    return (w.Dropdown(options=years, value=int(start), description="From year:", style=label_style,
                       layout=w.Layout(width=width)),
            w.Dropdown(options=years, value=int(end), description="To year:", style=label_style,
                       layout=w.Layout(width=width)))


def prepare(result) -> list:
    """What a logic function returned, made ready to display: a Figure becomes its image,
    named by its text alternative, and the text alternative; text becomes Markdown; a frame
    becomes a table with a header on every column (no meaningless index)."""
    from IPython.display import HTML, Markdown

    if result is None:
        return []
    if isinstance(result, (list, tuple)):
        return [shown for item in result for shown in prepare(item)]
    if type(result).__name__ == "Figure":
        from nexus import charts

        # widget outputs are only ever shown live, by JupyterLab: no PNG copy needed
        return charts.shown(result, png_fallback=False)
    if type(result).__name__ == "DataFrame":
        from nexus.display import table_html

        return [HTML(table_html(result))]
    if type(result).__name__ == "Styler":
        return [result]
    if isinstance(result, str):
        return [Markdown(result)]
    if hasattr(result, "_repr_html_"):
        return [HTML(result._repr_html_())]
    return [result]


def render(result) -> None:
    """Display what a logic function returned: Figure (+ text alternative), frame, text."""
    from IPython.display import display

    for shown in prepare(result):
        display(shown)


CACHE_SIZE = 64


def panel(logic, controls: dict, title: str = "", help_text: str = "", layout="vertical"):
    """Wire ``controls`` (name -> widget) to ``logic(**values)`` and return the whole panel.

    The output is redrawn when any control's value changes. The returned box has
    ``.output`` (the Output widget), ``.refresh()`` (redraw now), ``.controls`` and ``.logic``.
    """
    from collections import OrderedDict

    import ipywidgets as w

    out = w.Output(layout=w.Layout(min_height="2em"))
    # The logic is pure, so what a state shows is kept: moving a control back to a
    # setting already seen redraws at once instead of rebuilding and re-rendering the chart.
    shown_for: OrderedDict = OrderedDict()

    def refresh(_change=None):
        from IPython.display import display

        values = {name: ctl.value for name, ctl in controls.items()}
        with out:
            out.clear_output(wait=True)
            try:
                try:
                    key = tuple(values.items())
                    hash(key)
                except TypeError:
                    key = None
                if key is not None and key in shown_for:
                    shown_for.move_to_end(key)
                    outputs = shown_for[key]
                else:
                    outputs = prepare(logic(**values))
                    if key is not None:
                        shown_for[key] = outputs
                        if len(shown_for) > CACHE_SIZE:
                            shown_for.popitem(last=False)
                for item in outputs:
                    display(item)
            except Exception as exc:  # shown to the learner without a traceback
                from IPython.display import HTML, display

                display(HTML(f'<div class="nexus-error" role="alert">{ERROR_TEXT} '
                             f"({html.escape(type(exc).__name__)}: {html.escape(str(exc))[:200]}). "
                             "Try another setting, or restart the kernel and run the lesson again."
                             "</div>"))

    for ctl in controls.values():
        ctl.observe(refresh, names="value")
    # the styles travel with the title (or alone), so the panel keeps its children's order
    parts = [w.HTML(PANEL_CSS + (f"<strong>{html.escape(title)}</strong>" if title else ""))]
    if help_text:
        parts.append(w.HTML(f"<span>{html.escape(help_text)}</span>"))
    row = (w.HBox if layout == "horizontal" else w.VBox)(list(controls.values()))
    box = w.VBox(parts + [row, out])
    box.add_class("nexus-panel")
    box.output, box.refresh, box.controls, box.logic = out, refresh, controls, logic
    refresh()
    return box
