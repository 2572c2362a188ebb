"""Lesson 06 charts: the brief's recommendations and the challenges they answer.

* :func:`recommendation_challenge_matrix` - which recommendation answers which
  challenge (a grid with a marker and a word in every linked cell);
* :func:`recommendations_per_challenge` - how many recommendations answer each
  challenge, the least answered one hatched and labelled;
* :func:`recommendation_priorities` - a learner's ranking from the prioritiser
  widget, as ranked bars with the score written on each bar.

The link between a recommendation and a challenge is the suite's reading of the
brief (column ``challenges`` of ``brief_recommendations``); the brief itself does
not say which challenge each recommendation answers.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from nexus.charts import OKABE_ITO, _style, finish, new_figure, remembered

__all__ = ["recommendation_challenge_matrix", "recommendations_per_challenge",
           "recommendation_priorities", "recommendation_links"]


def recommendation_links(recommendations: pd.DataFrame, policy_points: bool = False) -> pd.DataFrame:
    """One row per (recommendation, challenge) link, in the order of the brief, with the
    challenge's short name beside its id (``challenge_name``).

    The ``challenges`` column holds ids separated by ';' (e.g. ``"CH2;CH3"``): it is
    split and exploded. Policy points (P1-P3) repeat R1, R3 and R4, so they are left
    out unless ``policy_points`` is True - counting them would count those links twice.
    """
    rows = recommendations
    if not policy_points:
        rows = rows[rows["kind"].astype(str) == "recommendation"]
    links = rows[["id", "short_name", "challenges"]].copy()
    links["id"] = links["id"].astype(str)
    links["challenge"] = links["challenges"].astype(str).str.split(";")
    links = links.explode("challenge")
    links["challenge"] = links["challenge"].str.strip()
    from nexus.names import names

    links["challenge_name"] = links["challenge"].map(names())
    return links[["id", "short_name", "challenge", "challenge_name"]].reset_index(drop=True)


def _counts(recommendations, challenges) -> pd.Series:
    links = recommendation_links(recommendations)
    ids = challenges["id"].astype(str).tolist()
    return links["challenge"].value_counts().reindex(ids, fill_value=0).astype(int)


def _wrap(text: str, width: int = 22) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def recommendation_challenge_matrix(recommendations: pd.DataFrame, challenges: pd.DataFrame) -> Figure:
    """A grid: one row per recommendation (R1-R6), one column per challenge (CH0-CH3).

    A linked cell is shaded and carries a filled marker and the word "answers", so the
    grid reads without colour. Column labels give how many recommendations answer each
    challenge.
    """
    links = recommendation_links(recommendations)
    recs = (recommendations[recommendations["kind"].astype(str) == "recommendation"]
            [["id", "short_name"]].astype(str).reset_index(drop=True))
    chal = challenges[["id", "name"]].astype(str).reset_index(drop=True)
    linked = set(zip(links["id"], links["challenge"], strict=True))
    counts = _counts(recommendations, challenges)
    fig, ax = new_figure(8.0, 5.2)
    with _style():
        ax.grid(False)
        for i, rec in enumerate(recs["id"]):
            for j, ch in enumerate(chal["id"]):
                hit = (rec, ch) in linked
                ax.add_patch(_cell(j, i, hit))
                if hit:
                    ax.plot(j, i - 0.1, marker="o", markersize=11, color=OKABE_ITO["blue"],
                            markeredgecolor="black", linestyle="none", zorder=3)
                    ax.text(j, i + 0.25, "answers", ha="center", va="center", fontsize=8,
                            color="black", zorder=3)
                else:
                    ax.text(j, i, "–", ha="center", va="center", fontsize=10, color="#888888")
        ax.set_xlim(-0.5, len(chal) - 0.5)
        ax.set_ylim(len(recs) - 0.5, -0.5)
        ax.set_xticks(range(len(chal)))
        ax.set_xticklabels([f"{c}\n{_wrap(n, 18)}\n({counts[c]} answer{'s' if counts[c] != 1 else ''})"
                            for c, n in zip(chal["id"], chal["name"], strict=True)], fontsize=8)
        ax.xaxis.tick_top()
        ax.xaxis.set_label_position("top")
        ax.set_yticks(range(len(recs)))
        ax.set_yticklabels([f"{r}  {_wrap(n, 26)}" for r, n in zip(recs["id"], recs["short_name"], strict=True)],
                           fontsize=8)
        ax.tick_params(length=0)
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
    from nexus.names import label

    per_rec = links.groupby("id", sort=False)["challenge"].agg(lambda s: " and ".join(label(c) for c in s))
    alt = ("Grid of the brief's six recommendations (rows) against the four challenges (columns); "
           "a marked cell means the recommendation answers that challenge in the suite's reading. "
           + "; ".join(f"{label(r)} answers {per_rec.get(r, 'none')}" for r in recs["id"]) + ". "
           + "Recommendations per challenge: "
           + ", ".join(f"{label(c)} {counts[c]}" for c in chal["id"]) + ".")
    return finish(fig, ax, title="Which challenge does each recommendation answer?",
                  xlabel="Challenge (brief_challenges)", ylabel="Recommendation (brief order)",
                  tables=["brief_recommendations", "brief_challenges"], alt=alt)


def _cell(x, y, hit):
    from matplotlib.patches import Rectangle

    return Rectangle((x - 0.47, y - 0.45), 0.94, 0.9, facecolor="#cfe3f2" if hit else "#f4f4f4",
                     edgecolor="#bbbbbb", linewidth=0.8, zorder=1)


def recommendations_per_challenge(recommendations: pd.DataFrame, challenges: pd.DataFrame) -> Figure:
    """Bars: how many of the six recommendations answer each challenge (CH0-CH3).

    The least answered of the brief's three numbered challenges (CH1-CH3) is hatched and
    labelled; CH0 (general limits) is drawn in grey because the brief does not number it.
    """
    counts = _counts(recommendations, challenges)
    names = dict(zip(challenges["id"].astype(str), challenges["name"].astype(str), strict=True))
    numbered = counts.drop("CH0", errors="ignore")
    least = numbered.idxmin() if len(numbered) else None
    fig, ax = new_figure(8.0, 4.5)
    with _style():
        ax.set_axisbelow(True)
        x = list(range(len(counts)))
        for i, (ch, n) in enumerate(counts.items()):
            colour = OKABE_ITO["grey"] if ch == "CH0" else OKABE_ITO["blue"]
            hatch = "///" if ch == least else None
            ax.bar(i, n, color=colour if ch != least else OKABE_ITO["orange"], width=0.6,
                   hatch=hatch, edgecolor="black", linewidth=0.8)
            ax.text(i, n + 0.06, str(int(n)), ha="center", va="bottom", fontsize=10,
                    fontweight="bold")
        if least is not None:
            i = list(counts.index).index(least)
            ax.text(i, counts[least] + 0.4, "least answered\nnumbered challenge", ha="center",
                    va="bottom", fontsize=8)
        ax.set_xticks(x)
        ax.set_xticklabels([f"{c}\n{_wrap(names.get(c, ''), 20)}" for c in counts.index], fontsize=8)
        ax.set_ylim(0, max(int(counts.max()), 1) + 1.2)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    from nexus.names import label

    parts = ", ".join(f"{label(c)} {int(n)}" for c, n in counts.items())
    alt = (f"Bar chart of how many of the brief's six recommendations answer each challenge, in the "
           f"suite's reading: {parts}. ")
    if least is not None:
        alt += (f"Among the brief's three numbered challenges the least answered is {label(least)}, "
                f"with {int(counts[least])}; it is hatched. ")
    alt += f"{label('CH0')} gathers the limits the brief states before its numbered challenges (grey)."
    return finish(fig, ax, title="How many recommendations answer each challenge?",
                  xlabel="Challenge", ylabel="Recommendations (count, of 6)",
                  tables=["brief_recommendations", "brief_challenges"], alt=alt)


@remembered
def recommendation_priorities(ranking: pd.DataFrame, *, reuse: Figure | None = None) -> Figure:
    """Ranked horizontal bars of a learner's priority scores (impact x feasibility).

    ``ranking`` is what :func:`nexus.widgets.prioritiser.ranking` returns (columns
    ``rank``, ``id``, ``recommendation``, ``impact``, ``feasibility``, ``score``),
    already in rank order; the top priority is drawn at the top.
    """
    fig, ax = new_figure(8.0, 4.2, reuse=reuse)
    n = len(ranking)
    with _style():
        ax.set_axisbelow(True)
        for pos, row in enumerate(ranking.itertuples(index=False)):
            ax.barh(pos, row.score, color=OKABE_ITO["blue"] if pos else OKABE_ITO["orange"],
                    hatch=None if pos else "///", edgecolor="black", linewidth=0.8, height=0.6)
            ax.text(row.score + 0.3, pos, f"{row.score} = impact {row.impact} × feasibility "
                    f"{row.feasibility}", va="center", fontsize=8)
        ax.set_yticks(range(n))
        ax.set_yticklabels([f"{r.rank}. {r.id} {_wrap(r.recommendation, 30)}"
                            for r in ranking.itertuples(index=False)], fontsize=8)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, 36)
        ax.set_xticks([0, 5, 10, 15, 20, 25])
        ax.grid(axis="y", visible=False)
    if n:
        top = ranking.iloc[0]
        tied = int((ranking["score"] == top["score"]).sum())
        alt = (f"Ranked bars of your priority scores (impact × feasibility, each scored 1 to 5) for "
               f"{n} recommendations. Top: {top['id']} {top['recommendation']} with {int(top['score'])}"
               + (f", tied with {tied - 1} other{'s' if tied > 2 else ''} and placed first by recommendation "
                  "number" if tied > 1 else "") + ". Order: "
               + ", ".join(f"{r.id} {int(r.score)}" for r in ranking.itertuples(index=False)) + ".")
    else:
        alt = "No recommendation is scored."
    return finish(fig, ax, title="Your priorities among the brief's recommendations",
                  xlabel="Priority score (impact × feasibility, 1 to 25)", ylabel="",
                  tables="brief_recommendations", alt=alt)
