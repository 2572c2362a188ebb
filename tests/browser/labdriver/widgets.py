"""Operating widgets as a learner does: with the mouse, and with the keyboard only."""

from __future__ import annotations

import time

from .page import WIDGET_GRACE, short, summarize_traceback


class WidgetOps:
    """Widget operations of a :class:`~labdriver.page.LabPage` (mixed into ``Lab``)."""

    def widget_roots(self):
        """Mark every widget view root (data-bt-root=i); returns [{cell, kind}]."""
        return self.js("() => window.__bt.markRoots()")

    def snapshot(self):
        return self.js("() => window.__bt.snapshot()")

    def log_count(self):
        return self.js("() => window.__bt.logCount()")

    def wait_for_change(self, before, timeout=WIDGET_GRACE):
        """Wait until the widget snapshot differs from `before`, then until it is stable
        and the kernel is idle; returns the new snapshot (or `before` on timeout)."""
        deadline = time.monotonic() + timeout
        now = before
        while time.monotonic() < deadline:
            now = self.snapshot()
            if now != before:
                break
            time.sleep(0.1)
        if now == before:
            return before
        stable_since, last = time.monotonic(), now
        while time.monotonic() - stable_since < 0.5 and time.monotonic() < deadline + 5:
            time.sleep(0.1)
            cur = self.snapshot()
            st = self.state()
            if cur != last or (st and st["status"] != "idle"):
                stable_since, last = time.monotonic(), cur
        return last

    def page_counts(self):
        """How often error markers occur on the page, and the log console's count."""
        text = self.js("() => window.__bt.text()")
        return {"Traceback": text.count("Traceback"),
                "Something went wrong": text.count("Something went wrong"),
                "Error displaying widget": text.count("Error displaying widget"),
                "log messages": self.log_count()}

    def read_log_console(self, last=1500):
        """Open JupyterLab's log console (where errors raised in widget callbacks go),
        return the end of its text, close it again."""
        item = self.page.locator(".jp-LogConsoleStatusItem:not(.lm-mod-hidden)")
        if not item.count():
            return ""
        try:
            item.first.click()
            panel = self.page.locator(".jp-LogConsolePanel").first
            panel.wait_for(timeout=5000)
            self.page.wait_for_timeout(300)
            text = panel.inner_text()
            tab = self.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="Log Console")
            if tab.count():
                tab.first.locator(".lm-TabBar-tabCloseIcon").click()
            return summarize_traceback(text) or short(text[-last:], 400)
        except Exception as exc:  # reading the log is a courtesy for the report
            return f"(could not read the log console: {str(exc).splitlines()[0]})"

    def pick_control(self, i):
        """Choose (and mark) the control of widget root `i` to operate; see
        test_widgets_respond.py for the rule.  Returns {kind: None} when there is none."""
        self.page.locator(f'[data-bt-root="{i}"]').scroll_into_view_if_needed()
        return self.js("(i) => window.__bt.pickControl(i)", i) or {"kind": None}

    # -- keyboard ---------------------------------------------------------------
    def active_element(self):
        return self.page.evaluate("""() => { const e = document.activeElement;
            return e ? e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
                ? '.' + e.className.trim().split(/\\s+/).join('.') : '') : null; }""")

    def focus_before_widget(self, i):
        """Click into the notebook just above widget root `i` (on its cell's output
        area, left of the widget), so that the next Tab enters the widget."""
        root = self.page.locator(f'[data-bt-root="{i}"]')
        root.scroll_into_view_if_needed()
        box = root.bounding_box()
        # the blank space at the very top-right of the output, beside the widget
        self.page.mouse.click(box["x"] + box["width"] - 3, box["y"] + 1)

    def tab_to(self, selector, max_presses=30):
        """Press Tab until document.activeElement matches `selector`."""
        for _ in range(max_presses):
            if self.page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
                return self.active_element()
            self.page.keyboard.press("Tab")
        return None

    def tab_to_control(self, i):
        """Tab until the control picked for root `i` has the focus; returns its description."""
        r = f'[data-bt-root="{i}"]'
        ctl_selectors = [f"{r}[data-bt-operated] {c}, {r} [data-bt-operated] {c}"
                         for c in ("select", ".noUi-handle", "input", "button")]
        selector = ", ".join(ctl_selectors + [f"{r} button:not(.widget-toggle-button)"]) \
            if not self.page.locator(f"{r}[data-bt-operated], {r} [data-bt-operated]").count() \
            else ", ".join(ctl_selectors)
        return self.tab_to(selector)

    def focus_ring(self):
        """The focused element's outline (style, width in px, colour): what shows the focus."""
        return self.page.evaluate("""() => { const e = document.activeElement; if (!e) return null;
            const s = getComputedStyle(e);
            return {style: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0, color: s.outlineColor,
                    offset: parseFloat(s.outlineOffset) || 0}; }""")

    def _in_operated(self, i, sub):
        r = f'[data-bt-root="{i}"]'
        return self.page.locator(f"{r}[data-bt-operated] {sub}, {r} [data-bt-operated] {sub}")

    def operate(self, i, ctl):
        """Operate control `ctl` (from pick_control) of widget root `i` with the mouse;
        returns a description of what was done."""
        root = self.page.locator(f'[data-bt-root="{i}"]')
        kind = ctl["kind"]
        if kind == "select":
            others = [v for v in ctl["options"] if v != ctl["value"]]
            self._in_operated(i, "select").first.select_option(others[0])
            return f"chose {others[0]!r} in the drop-down (was {ctl['value']!r})"
        if kind == "slider":
            key = "ArrowLeft" if ctl["now"] == ctl["max"] else "ArrowRight"
            handle = self._in_operated(i, ".noUi-handle").first
            handle.focus()
            handle.press(key)
            handle.press(key)
            return f"pressed {key} twice on the slider (was {ctl['now']})"
        if kind in ("radio", "toggle"):
            pick = 1 if ctl["checked"] != 1 else 0
            if kind == "radio":
                radio = self._in_operated(i, "input[type=radio]").nth(pick)
                try:
                    radio.check(timeout=3000)
                except Exception as exc:
                    if "intercepts pointer events" not in str(exc):
                        raise
                    self.issues.append(
                        f"option {pick + 1} of the radio buttons cannot be clicked: another element "
                        "covers its button (option labels overlap; long option texts need a layout fix)")
                    radio.dispatch_event("click")  # select it anyway to test the wiring
            else:
                self._in_operated(i, "button").nth(pick).click()
            desc = f"picked option {pick + 1} of the {kind} buttons"
            if ctl["check"]:
                root.locator("[data-bt-check]").first.click()
                desc += " and clicked the Check button"
            return desc
        if kind == "checkbox":
            self._in_operated(i, "input[type=checkbox]").first.click()
            return "clicked the checkbox"
        if kind == "button":
            root.locator("button:not([disabled])").first.click()
            return f"clicked the button {ctl['text']!r}"
        raise ValueError(kind)
