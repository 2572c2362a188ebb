"""``Lab``: one worker's JupyterLab page with every helper the browser tests use."""

from __future__ import annotations

from .page import LabPage
from .widgets import WidgetOps


class Lab(WidgetOps, LabPage):
    """Open, run, inspect, audit and close notebooks; operate their widgets."""
