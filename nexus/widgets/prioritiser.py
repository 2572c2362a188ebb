"""Lesson 06: prioritise the brief's six recommendations.

For each recommendation the learner scores **impact** (how much it would change
things in Mali if done) and **feasibility** (how easily Beijing could do it), each
from 1 to 5. The priority score is ``impact × feasibility`` (1 to 25); the ranking
puts the highest score first and breaks ties by recommendation number (R1 before
R2 ...), so the ranking is always complete and the same scores always give the
same order.

Logic (tested without a kernel): :func:`ranking`, :func:`summary`, :func:`to_csv`,
:func:`to_markdown`, :func:`figure`, :func:`export`. Shell: :func:`build` - one
impact and one feasibility menu (1-5) per recommendation (the first control is R1's
impact), a format choice (csv / md) and an Export button that saves the ranking to
``my-answers/06-priorities.csv`` or ``.md``. The scores are menus, not sliders, because a
screen reader names a menu by its label but ipywidgets gives a slider's handle no name.
"""

from __future__ import annotations

import pandas as pd

from nexus import data

DEFAULT = 3
LOW, HIGH = 1, 5
COLUMNS = ["rank", "id", "recommendation", "impact", "feasibility", "score"]
EXPORT_STEM = "06-priorities"
FORMATS = ("csv", "md")


def recommendations(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The six recommendations (R1-R6) of ``brief_recommendations``, in the brief's order."""
    table = data.load("brief_recommendations") if table is None else table
    rows = table[table["kind"].astype(str) == "recommendation"]
    return pd.DataFrame({"id": rows["id"].astype(str).tolist(),
                         "recommendation": rows["short_name"].astype(str).tolist()})


def _number(rec_id: str) -> int:
    digits = "".join(ch for ch in str(rec_id) if ch.isdigit())
    return int(digits) if digits else 0


def _score(value, what: str) -> int:
    if isinstance(value, bool) or not float(value).is_integer():
        raise ValueError(f"{what} must be a whole number from {LOW} to {HIGH}, not {value!r}.")
    value = int(value)
    if not LOW <= value <= HIGH:
        raise ValueError(f"{what} must be from {LOW} to {HIGH}, not {value}.")
    return value


def ranking(scores: dict | None = None, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The recommendations ranked by priority score.

    ``scores`` maps a recommendation id to ``(impact, feasibility)`` (or to a dict with
    those keys); a recommendation left out keeps the default score of 3 for both.
    Returns one row per recommendation with the columns ``rank, id, recommendation,
    impact, feasibility, score`` where ``score = impact × feasibility``; sorted by score
    (highest first), ties broken by recommendation number (lowest first).

    >>> ranking({"R5": (5, 4)}).iloc[0][["id", "score"]].tolist()
    ['R5', 20]
    """
    scores = dict(scores or {})
    recs = recommendations(table)
    unknown = sorted(set(scores) - set(recs["id"]))
    if unknown:
        raise ValueError(f"no recommendation called {', '.join(map(str, unknown))}; "
                         f"use {', '.join(recs['id'])}.")
    impact, feasibility = [], []
    for rec_id in recs["id"]:
        given = scores.get(rec_id, (DEFAULT, DEFAULT))
        if isinstance(given, dict):
            given = (given.get("impact", DEFAULT), given.get("feasibility", DEFAULT))
        imp, fea = given
        impact.append(_score(imp, f"The impact of {rec_id}"))
        feasibility.append(_score(fea, f"The feasibility of {rec_id}"))
    out = recs.assign(impact=impact, feasibility=feasibility)
    out["score"] = out["impact"] * out["feasibility"]
    out["_n"] = [_number(i) for i in out["id"]]
    out = out.sort_values(["score", "_n"], ascending=[False, True], kind="stable")
    out["rank"] = range(1, len(out) + 1)
    return out[COLUMNS].reset_index(drop=True).astype(
        {"rank": "int64", "impact": "int64", "feasibility": "int64", "score": "int64"})


def scores_from_values(values: dict) -> dict:
    """Turn control values named ``R1_impact``, ``R1_feasibility``... into ``{id: (impact, feasibility)}``."""
    scores: dict = {}
    for name, value in values.items():
        rec_id, _, part = name.partition("_")
        if part in ("impact", "feasibility"):
            scores.setdefault(rec_id, {})[part] = value
    return {k: (v.get("impact", DEFAULT), v.get("feasibility", DEFAULT)) for k, v in scores.items()}


def summary(rank: pd.DataFrame) -> str:
    """One sentence: the top priority and, if the top score is shared, how the tie was broken."""
    if rank.empty:
        return "No recommendation is scored yet."
    top = rank.iloc[0]
    tied = rank[rank["score"] == top["score"]]["id"].tolist()
    text = (f"Your top priority: {top['id']} {top['recommendation']} "
            f"(impact {top['impact']} × feasibility {top['feasibility']} = {top['score']}).")
    if len(tied) > 1:
        from nexus.names import label

        text += (f" {len(tied)} recommendations share this score ({' · '.join(label(r) for r in tied)}); "
                 "ties are broken by recommendation number.")
    return text


def to_csv(rank: pd.DataFrame) -> str:
    """The ranking as CSV text (header row, one line per recommendation)."""
    return rank[COLUMNS].to_csv(index=False, lineterminator="\n")


def _cell(value) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(rank: pd.DataFrame) -> str:
    """The ranking as a Markdown table (written by hand: no extra package needed)."""
    lines = ["| " + " | ".join(COLUMNS) + " |",
             "|" + "|".join("---:" if c in ("rank", "impact", "feasibility", "score") else "---"
                            for c in COLUMNS) + "|"]
    for row in rank[COLUMNS].itertuples(index=False):
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def figure(rank: pd.DataFrame, *, reuse=None):
    """Ranked bars of the scores (the chart the widget shows); ``reuse``: a widget's
    :class:`nexus.charts.FigureSlots`, whose figure is updated."""
    from nexus import charts

    return charts.recommendation_priorities(rank, reuse=reuse)


def export(rank: pd.DataFrame, fmt: str = "csv"):
    """Save the ranking as ``my-answers/06-priorities.<fmt>``; returns the saved file's path."""
    from nexus import answers

    if fmt not in FORMATS:
        raise ValueError(f"the format must be one of {', '.join(FORMATS)}, not {fmt!r}.")
    text = to_csv(rank) if fmt == "csv" else to_markdown(rank)
    return answers.save_file(f"{EXPORT_STEM}.{fmt}", text)


def export_message(rank: pd.DataFrame, fmt: str = "csv") -> str:
    """Export and say what happened, in words (never raises)."""
    try:
        path = export(rank, fmt)
    except Exception as exc:  # a read-only copy, a bad format...: tell the learner, no traceback
        return f"Not saved: {exc}"
    return f"Saved as my-answers/{path.name}."


def view(table: pd.DataFrame | None = None, *, reuse=None, **values):
    """What the widget shows: a sentence, the ranking table and the ranked bars."""
    rank = ranking(scores_from_values(values), table)
    return [f"**{summary(rank)}**", rank, figure(rank, reuse=reuse)]


def build(table: pd.DataFrame | None = None):
    """The prioritiser: menus for impact and feasibility, the ranking, an Export button."""
    import html

    import ipywidgets as w

    from nexus.charts import FigureSlots
    from nexus.widgets import label_style, panel

    table = data.load("brief_recommendations") if table is None else table
    recs = recommendations(table)
    slots = FigureSlots()  # the chart is updated for each new setting, not built again
    controls = {}
    rows = []
    for rec_id, name in zip(recs["id"], recs["recommendation"], strict=True):
        menus = []
        for part in ("impact", "feasibility"):
            ctl = w.Dropdown(options=list(range(LOW, HIGH + 1)), value=DEFAULT,
                             description=f"{rec_id} {part}:", style=label_style,
                             layout=w.Layout(width="190px"))
            controls[f"{rec_id}_{part}"] = ctl
            menus.append(ctl)
        rows.append(w.HBox([w.HTML(f"<strong>{html.escape(rec_id)}</strong> {html.escape(name)}",
                                   layout=w.Layout(width="260px")), *menus]))
    box = panel(lambda **values: view(table, reuse=slots, **values), controls,
                title="Prioritise the brief's recommendations",
                help_text=("Score each recommendation from 1 (low) to 5 (high) for impact and for "
                           "feasibility (Tab to a menu, Space opens it, arrow keys choose). Score = impact × "
                           "feasibility; ties go to the lower recommendation number."))
    fmt = w.ToggleButtons(options=list(FORMATS), value="csv", description="Export format:",
                          style={**label_style, "button_width": "auto"},
                          tooltips=["Comma-separated values", "Markdown table"])
    button = w.Button(description="Export", button_style="primary",
                      tooltip="Save the ranking to the my-answers folder")
    status = w.HTML(value="", layout=w.Layout(min_height="1.5em"))

    def on_export(_=None):
        values = {name: ctl.value for name, ctl in controls.items()}
        try:
            rank = ranking(scores_from_values(values), table)
            message = export_message(rank, fmt.value)
        except Exception as exc:
            message = f"Not saved: {exc}"
        status.value = f'<span role="status">{html.escape(message)}</span>'

    button.on_click(on_export)
    # panel() put the menus in one column; lay them out one recommendation per row instead.
    children = list(box.children)
    children[-2] = w.VBox(rows)
    children.insert(-1, w.HBox([fmt, button, status]))
    box.children = children
    box.export, box.format, box.status = on_export, fmt, status
    return box
