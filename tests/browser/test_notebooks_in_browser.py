"""Every lesson and exercise notebook runs cleanly in a real JupyterLab.

For each notebook, after "Run All" in a fresh kernel (the ``notebook_run`` fixture): no
error outputs or tracebacks, no widget errors or widgets stuck "Loading", no widget shown
as its raw text repr; as many chart images shown as the committed notebook stores, each
named by its text alternative (the image's alt, the same as stored); and the page never
asked the server to write a file. A screenshot goes to tests/browser/screenshots/.
"""

import pytest
from labdriver import stored_charts

pytestmark = pytest.mark.browser


def test_notebook_runs_in_browser(notebook_run, request):
    run = notebook_run.require()
    lab, notebook = run.lab, run.notebook
    lab.set_theme("light")
    problems = lab.render_problems()

    stored = stored_charts(notebook)
    shown = lab.rendered_charts()
    if len(shown) != len(stored):
        problems.append(f"{len(shown)} chart image(s) shown, but the committed notebook stores {len(stored)}")
    unnamed = [i + 1 for i, c in enumerate(shown) if not (c["alt"] or "").strip()]
    if unnamed:
        problems.append(f"chart image(s) {unnamed} have no text alternative as their accessible name (alt)")
    # (strict=False: the counts are compared above)
    for i, (now, then) in enumerate(zip(shown, stored, strict=False), 1):
        if then is not None and now["alt"] != then:
            problems.append(f"chart {i}: its alt text differs from the committed one:\n    "
                            f"shown:  {now['alt']!r}\n    stored: {then!r}")

    with lab.whole_notebook_in_view():
        shot = lab.screenshot(notebook.removesuffix(".ipynb").replace("/", "__"))
    request.node.user_properties.append(("browser run", {"notebook": notebook, **run.seconds}))
    assert not run.writes(), f"the browser asked the server to write files: {run.writes()}"
    assert not problems, f"{notebook} (screenshot {shot.name}):\n  " + "\n  ".join(problems)
