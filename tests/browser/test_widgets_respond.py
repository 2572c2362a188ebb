"""Every widget of every lesson responds when a learner operates it.

Generic rule (new lessons are covered automatically): after Run All (the
``notebook_run`` fixture), find each widget view root in the outputs.  For each root, operate ONE
control: the first drop-down/list `select` (choose another option), else the
first slider (focus its handle, ArrowRight twice, or ArrowLeft at the maximum),
else the first radio buttons / toggle buttons (pick the second option, or the
first when the second is already chosen) and then the first "Check…" button,
else the first checkbox, else the first button.  Within ~5 s, what the widgets
show (text and image sources of every widget output, minus the operated
control itself) must change, and no traceback, "Something went wrong", widget
error or new log-console message may appear.

A second test does the same on lesson 00 with the keyboard only, and checks that
the focused control shows a visible focus ring.
"""

import pytest
from labdriver import stored_widgets

pytestmark = pytest.mark.browser


def keys_for(ctl):
    """The keys a keyboard user presses to change a focused control of this kind.

    JupyterLab's notebook command-mode shortcuts take ArrowUp/ArrowDown and Enter
    before a focused drop-down, radio button or button sees them (ipywidgets issue
    #3912), so a keyboard user opens a drop-down with Space, moves between radio
    buttons with Tab and presses buttons with Space; sliders keep their arrows.
    """
    kind = ctl["kind"]
    if kind == "select":
        last = ctl["value"] == ctl["options"][-1]
        return ["Space", "ArrowUp" if last else "ArrowDown", "Enter"]
    if kind == "slider":
        return ["ArrowLeft" if ctl["now"] == ctl["max"] else "ArrowRight"] * 2
    if kind in ("radio", "toggle"):
        # focus is on the first option; the second is the one to pick unless chosen
        return ["Space"] if ctl["checked"] == 1 else ["Tab", "Space"]
    return ["Space"]  # checkbox, button


def _new_problems(before, after):
    return [f"{after[k] - before[k]} new {k!r}" for k in before if after[k] > before[k]]


@pytest.mark.lessons
def test_every_widget_responds(notebook_run):
    run = notebook_run.require()
    lab, lesson = run.lab, run.notebook
    problems = list(lab.widget_errors())
    roots = lab.widget_roots()
    if len(roots) != stored_widgets(lesson):
        problems.append(f"{len(roots)} widget(s) shown, but the committed lesson shows {stored_widgets(lesson)}")
    operated = 0
    for i, info in enumerate(roots):
        again = lab.widget_roots()  # re-mark: callbacks may have re-rendered outputs
        if len(again) != len(roots):
            problems.append(f"the number of widgets changed from {len(roots)} to {len(again)} "
                            f"after operating widget #{i - 1}")
            break
        where = f"cell {info['cell']}, widget #{i} ({info['kind']})"
        ctl = lab.pick_control(i)
        if not ctl["kind"]:
            continue  # display-only widget (HTML, Output, Label...)
        counts = lab.page_counts()
        before = lab.snapshot()
        try:
            action = lab.operate(i, ctl)
        except Exception as exc:  # a control that cannot be operated is a failure too
            problems.append(f"{where}: could not operate its {ctl['kind']}: {str(exc).splitlines()[0]}")
            continue
        operated += 1
        problems.extend(f"{where}: {issue}" for issue in lab.issues)
        lab.issues.clear()
        after = lab.wait_for_change(before)
        if after == before:
            problems.append(f"{where}: {action}, but nothing the widgets show changed within 5 s")
        now = lab.page_counts()
        new = _new_problems(counts, now)
        if new:
            log = lab.read_log_console() if now["log messages"] > counts["log messages"] else ""
            problems.append(f"{where}: {action}, then the page showed {', '.join(new)}"
                            + lab.describe_errors() + (f"\n    log console: {log}" if log else ""))
    problems.extend(p for p in lab.widget_errors() if p not in problems)
    assert not problems, f"{lesson}: {operated} widget(s) operated:\n  " + "\n  ".join(problems)


@pytest.mark.keyboard
def test_lesson_00_widget_by_keyboard(notebook_run):
    """Keyboard only: Tab into the first operable widget, change it, see the output change."""
    run = notebook_run.require()
    lab, keyboard_lesson = run.lab, run.notebook
    roots = lab.widget_roots()
    target = None
    for i, _info in enumerate(roots):
        ctl = lab.pick_control(i)
        if ctl["kind"]:
            target, kind, keys = i, ctl["kind"], keys_for(ctl)
            break
    if target is None:
        pytest.skip(f"{keyboard_lesson} has no operable widget")

    where = f"{keyboard_lesson}, cell {roots[target]['cell']}, widget #{target} ({kind})"
    lab.focus_before_widget(target)
    focused = lab.tab_to_control(target)
    assert focused, f"{where}: Tab never reached the widget's {kind} (focus stayed outside it)"
    ring = lab.focus_ring()
    assert ring and ring["style"] not in ("none", "hidden") and ring["width"] >= 2, \
        f"{where}: the focused {focused} shows no visible focus ring (outline {ring})"

    before = lab.snapshot()
    counts = lab.page_counts()
    for key in keys:
        lab.page.keyboard.press(key)
    if kind in ("radio", "toggle") and lab.js("() => !!document.querySelector('[data-bt-check]')"):
        assert lab.tab_to("[data-bt-check]"), f"{where}: Tab never reached the Check button"
        lab.page.keyboard.press("Space")
        keys = keys + ["Tab…", "Space"]
    after = lab.wait_for_change(before)
    now = lab.page_counts()
    new = _new_problems(counts, now)
    log = lab.read_log_console() if now["log messages"] > counts["log messages"] else ""
    details = (f"; the page showed {', '.join(new)}" if new else "") + lab.describe_errors() \
        + (f"\n    log console: {log}" if log else "")
    assert after != before, f"{where}: keys {keys} on the focused {focused} changed nothing{details}"
    assert not new, f"{where}: keys {keys} on the focused {focused}{details}"
