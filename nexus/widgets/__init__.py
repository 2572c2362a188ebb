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

__all__ = ["panel", "render", "label_style", "ERROR_TEXT"]

ERROR_TEXT = "Something went wrong in this widget."
label_style = {"description_width": "initial"}


def render(result) -> None:
    """Display what a logic function returned: Figure (+ text alternative), frame, text."""
    from IPython.display import HTML, Markdown, display

    if result is None:
        return
    if isinstance(result, (list, tuple)):
        for item in result:
            render(item)
        return
    if type(result).__name__ == "Figure":
        from nexus import charts

        charts.show(result)
    elif type(result).__name__ in ("DataFrame", "Styler"):
        display(result)
    elif isinstance(result, str):
        display(Markdown(result))
    elif hasattr(result, "_repr_html_"):
        display(HTML(result._repr_html_()))
    else:
        display(result)


def panel(logic, controls: dict, title: str = "", help_text: str = "", layout="vertical"):
    """Wire ``controls`` (name -> widget) to ``logic(**values)`` and return the whole panel.

    The output is redrawn when any control's value changes. The returned box has
    ``.output`` (the Output widget), ``.refresh()`` (redraw now), ``.controls`` and ``.logic``.
    """
    import ipywidgets as w

    out = w.Output(layout=w.Layout(min_height="2em"))

    def refresh(_change=None):
        values = {name: ctl.value for name, ctl in controls.items()}
        with out:
            out.clear_output(wait=True)
            try:
                render(logic(**values))
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
