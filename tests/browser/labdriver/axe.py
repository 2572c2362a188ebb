"""Accessibility audits with axe-core (vendored in tests/vendor/axe-core, so they run offline).

:func:`audit` checks the outputs of the open notebook, and only them (JupyterLab's own
interface is not the suite's to fix), with axe-core's default rule set (WCAG 2.0/2.1
A and AA rules plus best practices). Colour contrast is checked on screen only, so the
caller lays every cell out on screen first (``Lab.whole_notebook_in_view``) and
:func:`audit` visits each window of a notebook taller than the viewport.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .notebooks import REPO_ROOT

AXE_JS = REPO_ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
IMPACTS = ("critical", "serious", "moderate", "minor")
# the rendered outputs of the notebook shown (not the prompts beside them)
SCOPE = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"

_OUTERMOST = """(sel, onScreen) => [...document.querySelectorAll(sel)]
  .filter(n => !n.parentElement.closest(sel))
  .filter(n => { if (!onScreen) return true; const r = n.getBoundingClientRect();
                 return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight; })"""

_RUN = """async ([sel, onScreen, options]) => {
  const nodes = (OUTERMOST)(sel, onScreen);
  if (!nodes.length) return null;  // an empty context would audit the whole page
  const res = await axe.run(nodes, options);
  const pick = (rules) => rules.map(r => ({id: r.id, impact: r.impact, help: r.help,
      nodes: r.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 240),
                               summary: (n.failureSummary || (n.any[0] || {}).message || '').slice(0, 400)}))}));
  return {violations: pick(res.violations), passes: pick(res.passes), incomplete: pick(res.incomplete)};
}""".replace("OUTERMOST", _OUTERMOST)


@dataclass
class Audit:
    """What axe-core found in one notebook in one theme."""

    violations: dict = field(default_factory=dict)  # rule id -> {impact, help, nodes: {target: (html, summary)}}
    contrast_checked: set = field(default_factory=set)  # elements whose colour contrast was measured
    contrast_unsure: dict = field(default_factory=dict)  # target -> why axe could not measure it

    def add(self, rules):
        for rule in rules:
            entry = self.violations.setdefault(rule["id"], {"impact": rule["impact"], "help": rule["help"],
                                                            "nodes": {}})
            for node in rule["nodes"]:
                entry["nodes"][node["target"]] = (node["html"], node["summary"])

    def counts(self) -> dict:
        """Failing elements per impact."""
        out = dict.fromkeys(IMPACTS, 0)
        for rule in self.violations.values():
            out[rule["impact"]] += len(rule["nodes"])
        return out

    def rules(self, impacts=IMPACTS) -> list[str]:
        return sorted(r for r, v in self.violations.items() if v["impact"] in impacts)

    def blocking(self) -> list[str]:
        """One line per critical or serious failure: rule, element, what axe says."""
        lines = []
        for rule_id, rule in sorted(self.violations.items()):
            if rule["impact"] not in ("critical", "serious"):
                continue
            for html, summary in rule["nodes"].values():
                lines.append(f"{rule['impact']} {rule_id} ({rule['help']}): {html} -- "
                             + " ".join(summary.split()))
        return lines


def inject(page) -> None:
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))


def audit(lab, windows) -> Audit:
    """Audit the open notebook's outputs. `windows` is the function yielded by
    ``lab.whole_notebook_in_view()``: the scroll positions that bring every cell on screen."""
    page = lab.page
    inject(page)
    result = Audit()
    every_rule_but_contrast = {"rules": {"color-contrast": {"enabled": False}}, "resultTypes": ["violations"]}
    found = page.evaluate(_RUN, [SCOPE, False, every_rule_but_contrast])
    if found:
        result.add(found["violations"])
    contrast = {"runOnly": ["color-contrast"], "resultTypes": ["violations", "passes", "incomplete"]}
    for top in windows():
        lab.scroll_to(top)
        found = page.evaluate(_RUN, [SCOPE, True, contrast])
        if not found:
            continue
        result.add(found["violations"])
        for rule in found["violations"] + found["passes"]:
            result.contrast_checked.update(n["target"] for n in rule["nodes"])
        for rule in found["incomplete"]:
            for node in rule["nodes"]:
                result.contrast_unsure.setdefault(node["target"], node["summary"])
    for target in result.contrast_checked:
        result.contrast_unsure.pop(target, None)
    return result


def table(rows) -> str:
    """A Markdown table of audits: rows are (notebook, theme, Audit)."""
    lines = ["| notebook | theme | critical | serious | moderate | minor | contrast checked | rules |",
             "|---|---|---:|---:|---:|---:|---:|---|"]
    for notebook, theme, result in rows:
        c = result.counts()
        lines.append(f"| {notebook} | {theme} | {c['critical']} | {c['serious']} | {c['moderate']} | "
                     f"{c['minor']} | {len(result.contrast_checked)} | {', '.join(result.rules()) or '-'} |")
    return "\n".join(lines)
