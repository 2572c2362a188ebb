"""The browser-test framework: JupyterLab on localhost, driven by Playwright in headless Chromium.

* :mod:`.notebooks` - which notebooks to open and what their committed files store;
* :mod:`.stack` - the JupyterLab server shared by every test of a run, Chromium per worker;
* :mod:`.page` - a JupyterLab page: open, Run All, inspect, screenshot, switch theme, close;
* :mod:`.widgets` - operating widgets with the mouse and the keyboard;
* :mod:`.axe` - accessibility audits of a notebook's outputs with axe-core;
* ``helpers.js`` - the JavaScript the page runs for the tests (``window.__bt``).

``tests/browser/conftest.py`` turns these into pytest fixtures.
"""

from .lab import Lab
from .notebooks import all_notebooks, keyboard_notebooks, lesson_notebooks, stored_charts, stored_widgets

__all__ = ["Lab", "all_notebooks", "lesson_notebooks", "keyboard_notebooks", "stored_charts", "stored_widgets"]
