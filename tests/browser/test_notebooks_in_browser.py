"""Every lesson and exercise notebook runs cleanly in a real JupyterLab.

For each notebook: open it, Run > Restart Kernel and Run All Cells…, wait for
every code cell, then check that nothing is broken on the page: no error
outputs or tracebacks, no widget errors or widgets stuck "Loading", no widget
shown as its raw text repr, and as many PNG charts rendered as the committed
notebook stores.  A screenshot goes to tests/browser/screenshots/.
"""

import time

import pytest

pytestmark = pytest.mark.browser


def test_notebook_runs_in_browser(lab, notebook, request):
    writes_before = len(lab.content_writes())
    t0 = time.monotonic()
    lab.open_notebook(notebook)
    lab.restart_and_run_all(notebook)
    lab.settle_widgets()

    problems = lab.render_problems()
    expected_png = lab.stored_png_count(notebook)
    rendered_png = lab.rendered_png_count()
    if rendered_png != expected_png:
        problems.append(
            f"{rendered_png} PNG image(s) rendered, but the committed notebook stores {expected_png}")
    shot = lab.screenshot(notebook.removesuffix(".ipynb").replace("/", "__"))
    lab.close_all()
    request.node.user_properties.append(("seconds", round(time.monotonic() - t0, 1)))

    writes = lab.content_writes()[writes_before:]
    assert not writes, f"the browser asked the server to write files: {writes}"
    assert not problems, f"{notebook} (screenshot {shot.name}):\n  " + "\n  ".join(problems)
