"""What the notebooks show passes an accessibility audit (axe-core), in both themes.

For each lesson and exercise notebook, after "Run All": axe-core 4.14 (vendored, offline)
audits the notebook's outputs - JupyterLab's own interface is not counted - with every
cell laid out on screen, in JupyterLab's light and dark themes. The test fails on any
critical or serious violation, and when colour contrast could not be measured at all;
the failing elements per impact and theme are printed at the end of the run
("accessibility" summary).
"""

import pytest
from labdriver import axe

pytestmark = pytest.mark.browser


def test_outputs_pass_axe_in_light_and_dark_theme(notebook_run, request):
    run = notebook_run.require()
    lab, notebook = run.lab, run.notebook
    audits = {}
    with lab.whole_notebook_in_view() as windows:
        for theme in ("light", "dark"):
            lab.set_theme(theme)
            audits[theme] = axe.audit(lab, windows)
        lab.set_theme("light")
    request.node.user_properties.append(("axe", {
        "notebook": notebook,
        **{theme: {"counts": a.counts(), "rules": a.rules(), "contrast checked": len(a.contrast_checked),
                   "contrast unsure": len(a.contrast_unsure)} for theme, a in audits.items()}}))
    print("\n" + axe.table([(notebook, theme, a) for theme, a in audits.items()]))

    problems = []
    for theme, result in audits.items():
        problems += [f"{theme} theme: {line}" for line in result.blocking()]
        if not result.contrast_checked:
            panels = lab.page.evaluate("""() => [...document.querySelectorAll('.jp-NotebookPanel')].map(p =>
                [p.querySelector('.jp-Notebook') ? p.querySelectorAll('.jp-OutputArea-output').length : -1,
                 p.classList.contains('lm-mod-hidden'), p.id])""")
            problems.append(f"{theme} theme: axe measured no colour contrast at all "
                            f"(were the outputs laid out on screen? notebook panels [outputs, hidden, id]: {panels})")
    assert not problems, f"{notebook}:\n  " + "\n  ".join(problems)
