"""Lesson 05: an argument map of the development-security-governance triad.

Pick which legs an engagement has (development, security, governance) and read
what the brief *argues* follows from that combination. The eight rules below
are the suite's summary of the brief's argument, each tied to the claim ids of
``brief_claims``. They are an argument laid out as a table, NOT a prediction
and not a model fitted to data.

Logic: :func:`combination`, :func:`rule`, :func:`reading`, :func:`rule_table`,
:func:`table_html`. Shell: :func:`build` (three Checkboxes).
"""

from __future__ import annotations

import html

import pandas as pd

LEGS = ("development", "security", "governance")

# (development, security, governance) -> (short name, what the brief argues, how directly, claim ids)
DIRECT = "stated in the brief"
INFERRED = "inferred by the suite"
RULES: dict[tuple[bool, bool, bool], tuple[str, str, str, str]] = {
    (False, False, False): (
        "No engagement",
        "Nothing to appraise: the brief's argument starts from an engagement that has at least one leg.",
        INFERRED, ""),
    (True, False, False): (
        "Development alone",
        "Growth and jobs are possible, but projects outside government control risk being destroyed "
        "or turned to their own ends by armed groups; in war development work is interrupted and "
        "targeted, so this is fragile.",
        DIRECT, "C40; C43; C44"),
    (False, True, False): (
        "Security alone",
        "The military-focused approach that, the brief says, has marked foreign intervention in Mali "
        "so far; a development approach could add value to it.",
        DIRECT, "C52"),
    (False, False, True): (
        "Governance alone",
        "Not discussed by the brief; its conclusion is that development, security and governance "
        "must be engaged together, so one leg is not enough.",
        INFERRED, "C64"),
    (True, True, False): (
        "Development + security (China in Mali, as the brief sees it)",
        "Efficient engineers and a Chinese-run hospital beside peacekeeping, but, so far, it "
        "appears, not nearly enough on governance: development-for-security stays fragile without "
        "the return of central-government control.",
        DIRECT, "C44; C49; C65; C66"),
    (True, False, True): (
        "Development + governance",
        "Not discussed directly; by the brief's argument, projects under government control are "
        "less exposed, but security is still a leg the brief says must be engaged.",
        INFERRED, "C44; C64"),
    (False, True, True): (
        "Security + governance",
        "Not discussed directly; by the brief's argument, this leaves out the development approach "
        "China could add to a mainly military intervention.",
        INFERRED, "C52; C64"),
    (True, True, True): (
        "All three legs (what the brief calls for)",
        "Holistic engagement with all three elements, which the brief says Mali's crisis requires; "
        "even then a focus on Mali alone is necessary but not sufficient, and China is one strand "
        "among many.",
        DIRECT, "C42; C64; C69"),
}
#: A short name for each claim the rows cite (the claim's paraphrase is in ``brief_claims``), so
#: that a learner reads "C44 projects fragile without state control", not a bare id.
CLAIM_NAMES = {
    "C40": "potential for growth and jobs",
    "C42": "one strand among many",
    "C43": "too little attention to governance",
    "C44": "projects fragile without state control",
    "C49": "efficient engineers and hospital",
    "C52": "development could add to a military intervention",
    "C64": "all three elements together",
    "C65": "much invested in development",
    "C66": "not nearly enough on governance",
    "C69": "necessary but not sufficient",
}


def claim_labels(ids: str) -> str:
    """``"C40; C43"`` -> ``"C40 potential for growth and jobs; C43 too little attention to governance"``."""
    return "; ".join(f"{c} {CLAIM_NAMES[c]}" if c in CLAIM_NAMES else c
                     for c in (x.strip() for x in ids.split(";")) if c)


COLUMNS = ["", "development", "security", "governance", "combination", "what the brief argues",
           "how directly", "claims"]
MARK = "\u25B6"  # the selected row's marker (not colour alone)


def combination(development: bool, security: bool, governance: bool) -> tuple[bool, bool, bool]:
    """The three ticks as a tuple of booleans, the key of :data:`RULES`."""
    return (bool(development), bool(security), bool(governance))


def rule(development: bool, security: bool, governance: bool) -> dict:
    """The rule for one combination: name, argument, how directly, claim ids."""
    name, argues, how, ids = RULES[combination(development, security, governance)]
    return {"combination": name, "what the brief argues": argues, "how directly": how,
            "claims": claim_labels(ids)}


def reading(development: bool, security: bool, governance: bool) -> str:
    """One paragraph: the chosen legs and what the brief argues follows (Markdown)."""
    legs = [leg for leg, on in zip(LEGS, combination(development, security, governance), strict=True) if on]
    r = rule(development, security, governance)
    chosen = ", ".join(legs) if legs else "no leg"
    cites = f" (claims {r['claims']})" if r["claims"] else ""
    argues = r["what the brief argues"].rstrip(".")
    return (f"**Your engagement: {chosen}.** {r['combination']}: {argues}"
            f"{cites}. *Source of this row: {r['how directly']}. This is the brief's argument, "
            "not a prediction.*")


def rule_table(development: bool = True, security: bool = True, governance: bool = False) -> pd.DataFrame:
    """All eight combinations, the chosen one marked with an arrow in the first column."""
    chosen = combination(development, security, governance)
    rows = []
    for key in sorted(RULES, key=lambda k: (sum(k), [not x for x in k])):
        name, argues, how, ids = RULES[key]
        rows.append({"": MARK if key == chosen else "",
                     "development": "yes" if key[0] else "no",
                     "security": "yes" if key[1] else "no",
                     "governance": "yes" if key[2] else "no",
                     "combination": name, "what the brief argues": argues,
                     "how directly": how, "claims": claim_labels(ids)})
    return pd.DataFrame(rows, columns=COLUMNS)


class HighlightedTable:
    """The rule table as HTML with the chosen row highlighted (marker + bold + background)."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def _repr_html_(self) -> str:
        head = "".join(f'<th scope="col" style="text-align:left">{html.escape(c) or "chosen"}</th>'
                       for c in self.frame.columns)
        body = []
        for _, row in self.frame.iterrows():
            chosen = row[""] == MARK
            style = (' style="background:#fbf6c4;color:#000000;font-weight:bold;outline:2px solid #000000"'
                     if chosen else "")
            cells = "".join(f'<td style="text-align:left;vertical-align:top">{html.escape(str(v))}</td>'
                            for v in row)
            body.append(f"<tr{style}>{cells}</tr>")
        return ('<table class="nexus-argument-map"><caption>The brief\'s argument for each '
                "combination of legs (a table of the argument, not a prediction)</caption>"
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


def view(development: bool, security: bool, governance: bool):
    """What the widget shows: the reading, then the full table with the chosen row highlighted."""
    return [reading(development, security, governance),
            HighlightedTable(rule_table(development, security, governance))]


def build(development: bool = True, security: bool = True, governance: bool = False):
    """Three checkboxes (development first) wired to :func:`view`."""
    import ipywidgets as w

    from nexus.widgets import label_style, panel

    boxes = {leg: w.Checkbox(value=bool(v), description=leg.capitalize(), indent=False,
                             style=label_style, layout=w.Layout(width="auto", margin="0 1.5em 0 0"))
             for leg, v in zip(LEGS, (development, security, governance), strict=True)}
    return panel(view, boxes, title="Argument map: development, security, governance",
                 help_text="Tick the legs an engagement has; read what the brief argues follows. "
                           "The table is the brief's argument, not a prediction.",
                 layout="horizontal")
