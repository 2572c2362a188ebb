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

__all__ = ["panel", "prepare", "render", "label_style", "ERROR_TEXT"]

ERROR_TEXT = "Something went wrong in this widget."
label_style = {"description_width": "initial"}


def prepare(result) -> list:
    """What a logic function returned, made ready to display: a Figure becomes its PNG and
    its text alternative, text becomes Markdown, a frame stays a frame."""
    from IPython.display import HTML, Image, Markdown

    if result is None:
        return []
    if isinstance(result, (list, tuple)):
        return [shown for item in result for shown in prepare(item)]
    if type(result).__name__ == "Figure":
        from nexus import charts

        return [Image(data=charts.png_bytes(result), format="png"),
                Markdown(f"**Text alternative.** {getattr(result, 'alt_text', 'No description given.')}")]
    if type(result).__name__ in ("DataFrame", "Styler"):
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
    import ipywidgets as w

    from collections import OrderedDict

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
    parts = []
    if title:
        parts.append(w.HTML(f"<strong>{html.escape(title)}</strong>"))
    if help_text:
        parts.append(w.HTML(f"<span>{html.escape(help_text)}</span>"))
    row = (w.HBox if layout == "horizontal" else w.VBox)(list(controls.values()))
    box = w.VBox(parts + [row, out])
    box.output, box.refresh, box.controls, box.logic = out, refresh, controls, logic
    refresh()
    return box
