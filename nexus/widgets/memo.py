"""Lesson 07: the capstone policy-memo builder.

The memo follows the suite's one memo specification, :mod:`nexus.memo` (readers, length,
sections, rubric); this module builds it. The learner picks an **audience** (Beijing, Bamako,
MINUSMA, ECOWAS or Paris), up to three of
the brief's **recommendations** (R1-R6, or "my own"), **evidence** gathered in lessons 02-06
(each item computed from a suite table and cited with that table's source line), and writes
the argument. The builder assembles a memo in Markdown that opens with a line tailored to the
audience, lists the recommendations with the challenges each answers (the suite's reading),
cites every piece of evidence and says which challenges the memo leaves open.

Logic (tested without a kernel): :func:`evidence_items`, :func:`recommendation_options`,
:func:`memo_markdown`, :func:`word_count`, :func:`summary`, :func:`view`, :func:`save_memo`,
:func:`save_message`. Shell: :func:`build` - the audience menu first (changing it changes the
memo's opening), three recommendation menus, an evidence list, two text boxes and a
"Save memo" button that writes ``my-answers/07-memo.md``.
"""

from __future__ import annotations

import functools

import pandas as pd

from nexus import data
from nexus import memo as spec
from nexus.names import label as code_label
from nexus.names import labels as code_labels

__all__ = ["AUDIENCES", "EVIDENCE", "OWN", "NONE", "MEMO_FILE", "DEFAULT", "evidence_items",
           "recommendation_options", "memo_markdown", "word_count", "summary", "view",
           "save_memo", "save_message", "build"]

MEMO_FILE = "07-memo.md"
OWN = "own"
NONE = "none"
AIM = spec.OWN_WORDS   # the learner's own words (the memo specification)

#: audience -> (addressee, opening line), for the readers of the memo specification (same keys, same
#: order). The opening is the suite's wording, not the brief's.
AUDIENCES = {
    "Beijing": (
        "Ministry of Foreign Affairs of the People's Republic of China, Beijing",
        "China's development work in Mali is a real asset, but the evidence suggests it cannot "
        "deliver security on its own: without more attention to governance, projects are exposed "
        "to the conflict they are meant to calm. This memo sets out what Beijing could do next."),
    "Bamako": (
        "The Malian authorities, Bamako",
        "China is one of Mali's many partners, and Chinese firms work on several vital "
        "infrastructure projects in the country. "
        "This memo sets out how Bamako could steer Chinese development work towards the regions "
        "and people the conflict affects most, and away from a capital-only partnership."),
    "MINUSMA": (
        "Leadership of MINUSMA, the UN Multidimensional Integrated Stabilization Mission in Mali",
        "China's contingent is an efficient part of the mission, especially its engineers and its "
        "hospital in Gao. This memo sets out how its role could grow where the mission needs it most."),
    "ECOWAS": (
        "ECOWAS Commission (Economic Community of West African States)",
        "Mali's conflict does not stop at its borders, and China's role there is watched across the "
        "Sahel. This memo sets out why that role matters for the whole region and how a regional "
        "approach could use it."),
    "Paris": (
        "Ministry for Europe and Foreign Affairs, Paris",
        "The brief describes China's move from condemning Operation Serval to taking part in "
        "MINUSMA, and says its presence in Mali is watched across the Sahel. This memo sets out "
        "where French and Chinese efforts could be made coherent rather than parallel."),
}

#: The evidence items, in the order of the lessons that teach them:
#: label -> (lesson, table). The statement of each is computed from the table by
#: :func:`evidence_items`.
EVIDENCE = {
    "China 4th import partner (brief)": ("02", "brief_trade_partners"),
    "Mali 184th of 189 in the 2019 HDI (UNDP, via the brief)": ("02", "hdi_rank"),
    "Chinese official finance 2000-2021 (AidData)": ("02", "chinese_finance"),
    "deaths 2018-2020 (UCDP)": ("03", "conflict_deaths_by_type"),
    "violence moves to the centre (ACLED)": ("03", "violence_by_region"),
    "China in MINUSMA, about 400 (UN)": ("04", "china_minusma"),
    "projects by region (AidData, partial)": ("05", "chinese_projects"),
    "Senou centre still unused in 2020 (brief)": ("05", "brief_timeline"),
    "CH1 Governance answered by R5 alone (suite's reading)": ("06", "brief_recommendations"),
    "regional rows 2019-2022 (UCDP)": ("07", "conflict_deaths_by_type"),
}

DEFAULT = {"audience": "Beijing", "rec1": "R5", "rec2": "R2", "rec3": "R6",
           "evidence": ("deaths 2018-2020 (UCDP)", "CH1 Governance answered by R5 alone (suite's reading)"),
           "own_rec": "", "argument": ""}


def _fmt(n) -> str:
    return f"{int(round(float(n))):,}"


def _list(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# --------------------------------------------------------------------------- evidence


def _trade() -> str:
    t = data.load("brief_trade_partners")
    t["partner"] = t["partner"].astype(str).replace({"United Arab Emirates": "the United Arab Emirates"})
    imp = t[t["flow"].astype(str) == "import"].sort_values("rank")
    exp = t[t["flow"].astype(str) == "export"].sort_values("rank")
    ci, ce = imp[imp["is_china"]].iloc[0], exp[exp["is_china"]].iloc[0]
    before_i = imp[imp["rank"] < ci["rank"]]["partner"].tolist()
    before_e = exp[exp["rank"] < ce["rank"]]["partner"].tolist()
    return (f"China is Mali's import partner number {int(ci['rank'])} (after {_list(before_i)}) and "
            f"export destination number {int(ce['rank'])} (after {_list(before_e)}); the brief gives "
            f"no year or shares.")


def _hdi() -> str:
    r = data.load("hdi_rank")
    pub = r[r["rank_type"].astype(str) == "published"].sort_values("reference_year")
    first, last = pub.iloc[0], pub.iloc[-1]
    return (f"Mali ranked {int(first['mali_rank'])} of {int(first['countries_ranked'])} in the "
            f"{first['report']} (values for {int(first['reference_year'])}) and "
            f"{int(last['mali_rank'])} of {int(last['countries_ranked'])} in the {last['report']} "
            f"(values for {int(last['reference_year'])}): near the bottom in each report.")


def _finance() -> str:
    f = data.load("chinese_finance")
    per_year = f.groupby("year")["amount_musd"].sum()
    peak = int(per_year.idxmax())
    return (f"AidData records US$ {_fmt(per_year.sum())} million (constant 2021 US$) of Chinese official "
            f"finance commitments to Mali in {int(per_year.index.min())}-{int(per_year.index.max())}; "
            f"the largest year is {peak}, with US$ {_fmt(per_year.loc[peak])} million.")


def _mali_only(start: int, end: int) -> pd.Series:
    from nexus.charts.synthesis import MALI, scope_totals

    return scope_totals(data.load("conflict_deaths_by_type"), start, end)[MALI]


def _deaths() -> str:
    s = _mali_only(2017, 2020)
    return (f"UCDP records {_fmt(s.loc[2018])}, {_fmt(s.loc[2019])} and {_fmt(s.loc[2020])} deaths in "
            f"organised violence located in Mali alone in 2018, 2019 and 2020, against "
            f"{_fmt(s.loc[2017])} in 2017 (all three types of violence).")


def _regional() -> str:
    from nexus.charts.synthesis import MULTI, scope_totals

    s = scope_totals(data.load("conflict_deaths_by_type"), 2019, 2022)[MULTI]
    return (f"UCDP rows that span Mali and neighbouring countries record a further "
            f"{_list([_fmt(v) for v in s])} deaths in {_list([str(y) for y in s.index])}, kept apart "
            f"because they cannot be attributed to Mali alone: the conflict crosses borders.")


def _centre() -> str:
    v = data.load("violence_by_region")
    v["region"] = v["region"].astype(str)
    total = v.groupby("year")["pv_fatalities"].sum()
    centre = v[v["region"].isin(["Mopti", "Segou"])].groupby("year")["pv_fatalities"].sum()
    first, last = int(total.index.min()), int(total.index.max())
    share = (centre / total * 100).round()
    return (f"Mopti and Segou, in the centre, account for {int(share.loc[first])}% of reported "
            f"fatalities from political violence in {first} and {int(share.loc[last])}% in {last}.")


def _minusma() -> str:
    m = data.load("china_minusma")
    m = m[(m["measure"].astype(str) == "annual mean of monthly reports") & ~m["partial_year"]]
    m = m[m["year"].between(2018, 2020)].sort_values("year")
    china = _list([_fmt(v) for v in m["china_personnel"]])
    return (f"China's contingent in MINUSMA averaged {china} personnel in "
            f"{_list([str(y) for y in m['year']])}, out of {_fmt(m['minusma_personnel'].min())} to "
            f"{_fmt(m['minusma_personnel'].max())} uniformed personnel in the mission (annual means).")


def _projects() -> str:
    p = data.load("chinese_projects")
    region = p["region"].astype(str)
    located = region[region != "national / not located"]
    counts = located.value_counts()
    parts = [f"{n} in {r}" for r, n in counts.items() if n > 0]
    v = data.load("violence_by_region")
    v["region"] = v["region"].astype(str)
    years = [y for y in (2019, 2020) if (v["year"] == y).any()]
    tops = {v[v["year"] == y].sort_values("pv_fatalities").iloc[-1]["region"] for y in years}
    top = " and ".join(sorted(tops))
    parts[0] = parts[0].replace(" in ", " are in ", 1)
    return (f"Of the {len(p)} Chinese-financed projects in the suite's partial list, "
            f"{', '.join(parts)}, and {int((region == 'national / not located').sum())} have no place; "
            f"none is in {top}, the region with the most reported fatalities from political violence "
            f"in {_list([str(y) for y in years])}.")


def _senou() -> str:
    t = data.load("brief_timeline")
    row = t[t["id"].astype(str) == "T18"].iloc[0]
    return (f"The Chinese-sponsored Vocational Training Center in Senou was inaugurated in "
            f"{row['date'].strftime('%B %Y')} and, according to the brief, was still unused in 2020; "
            f"the brief does not say why (Malian press reported it operational in January 2021).")


def _governance() -> str:
    from nexus.charts.synthesis import advice_by_challenge

    recs = data.load("brief_recommendations")
    counts = advice_by_challenge(recs)
    answered = recs[(recs["kind"].astype(str) == "recommendation")
                    & recs["challenges"].astype(str).str.contains("CH1")]["id"].astype(str).tolist()
    return (f"In the suite's reading, {counts['CH1']} of the six recommendations "
            f"({_list([code_label(a) for a in answered])}) answers {code_label('CH1')}, against {counts['CH3']} "
            f"for {code_label('CH3')}, although the brief calls governance fundamental.")


_BUILDERS = {
    "China 4th import partner (brief)": _trade,
    "Mali 184th of 189 in the 2019 HDI (UNDP, via the brief)": _hdi,
    "Chinese official finance 2000-2021 (AidData)": _finance,
    "deaths 2018-2020 (UCDP)": _deaths,
    "violence moves to the centre (ACLED)": _centre,
    "China in MINUSMA, about 400 (UN)": _minusma,
    "projects by region (AidData, partial)": _projects,
    "Senou centre still unused in 2020 (brief)": _senou,
    "CH1 Governance answered by R5 alone (suite's reading)": _governance,
    "regional rows 2019-2022 (UCDP)": _regional,
}


def evidence_items() -> pd.DataFrame:
    """One row per evidence item: label, lesson, statement (computed from data), table, source."""
    return _evidence_items().copy()


@functools.lru_cache(maxsize=1)
def _evidence_items() -> pd.DataFrame:
    """The evidence table, computed once (the data do not change while a lesson runs)."""
    rows = []
    for label, (lesson, table) in EVIDENCE.items():
        rows.append({"label": label, "lesson": lesson, "statement": _BUILDERS[label](),
                     "table": table, "source": data.source(table)})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- recommendations


def _recommendations() -> pd.DataFrame:
    recs = data.load("brief_recommendations")
    return recs[recs["kind"].astype(str) == "recommendation"].reset_index(drop=True)


def recommendation_options() -> list[tuple[str, str]]:
    """(label, value) pairs for the recommendation menus: R1-R6, my own, none."""
    recs = _recommendations()
    options = [(f"{r.id} {r.short_name}", str(r.id)) for r in recs.itertuples()]
    return options + [("My own recommendation (write it below)", OWN), ("(none)", NONE)]


def _challenge_names() -> dict:
    ch = data.load("brief_challenges")
    return dict(zip(ch["id"].astype(str), ch["name"].astype(str), strict=True))


# --------------------------------------------------------------------------- the memo


def word_count(text) -> int:
    """Words in a text (or in all the texts of a dict or list); anything else counts 0."""
    if isinstance(text, str):
        return len(text.split())
    if isinstance(text, dict):
        return sum(word_count(v) for v in text.values())
    if isinstance(text, (list, tuple)):
        return sum(word_count(v) for v in text)
    return 0


def _texts(text) -> dict:
    if text is None:
        return {"argument": "", "own_rec": ""}
    if isinstance(text, str):
        return {"argument": text, "own_rec": ""}
    if isinstance(text, dict):
        return {"argument": str(text.get("argument", "") or ""), "own_rec": str(text.get("own_rec", "") or "")}
    raise ValueError("the memo's text should be a string (your argument) or a dict with 'argument' "
                     "and 'own_rec'.")


def _chosen(recs) -> list[str]:
    if isinstance(recs, str):
        recs = [recs]
    valid = {v for _, v in recommendation_options()}
    out = []
    for r in recs or []:
        r = str(r).strip()
        if r not in valid:
            raise ValueError(f"'{r}' is not one of the recommendations; use R1 ... R6, '{OWN}' or '{NONE}'.")
        if r != NONE and r not in out:
            out.append(r)
    return out


def memo_markdown(audience: str, recs, evidence, text="", level: int = 1) -> str:
    """The memo as Markdown.

    ``audience`` is a key of :data:`AUDIENCES`; ``recs`` a list of recommendation ids (R1-R6,
    ``"own"``; ``"none"`` and repeats are skipped); ``evidence`` a list of labels of
    :data:`EVIDENCE`; ``text`` the learner's argument (a string) or a dict with ``argument``
    and ``own_rec`` (the learner's own recommendation). ``level`` is the heading level of the
    title (sections are one level below).
    """
    if audience not in AUDIENCES:
        raise ValueError(f"'{audience}' is not an audience; choose one of {', '.join(AUDIENCES)}.")
    if isinstance(evidence, str):
        evidence = [evidence]
    evidence = list(dict.fromkeys(evidence or []))
    unknown = [e for e in evidence if e not in EVIDENCE]
    if unknown:
        raise ValueError(f"unknown evidence item(s): {', '.join(map(str, unknown))}.")
    texts = _texts(text)
    chosen = _chosen(recs)
    h1, h2 = "#" * max(1, min(level, 5)), "#" * max(2, min(level + 1, 6))
    addressee, opening = AUDIENCES[audience]
    recs_table = _recommendations().set_index("id")
    names = _challenge_names()

    lines = [f"{h1} {spec.TITLE}", "",
             f"**To:** {addressee}  ",
             "**Subject:** Development, security and governance in Mali  ",
             "**Based on:** Benabdallah and Large (2020), *Development, Security, and China's Evolving "
             "Role in Mali* (SAIS-CARI), and the suite's data", "",
             f"{h2} Summary", "", opening, "",
             f"{h2} Recommendations", ""]
    answered: list[str] = []
    if not chosen:
        lines.append("(No recommendation chosen yet: pick up to three.)")
    for i, rec in enumerate(chosen, start=1):
        if rec == OWN:
            own = texts["own_rec"].strip() or "(Write your own recommendation in the box 'My own recommendation'.)"
            lines.append(f"{i}. **My own recommendation.** {own} *Answers:* say which challenge it "
                         "answers in your argument.")
            continue
        row = recs_table.loc[rec]
        ids = [c.strip() for c in str(row["challenges"]).split(";") if c.strip()]
        answered += [c for c in ids if c not in answered]
        links = code_labels(ids)
        lines.append(f"{i}. **{rec} {row['short_name']}.** {row['paraphrase']} *Answers:* {links}.")
    lines += ["", f"{h2} Evidence", ""]
    if not evidence:
        lines.append("(No evidence chosen yet: pick at least two items from the list.)")
    else:
        items = evidence_items().set_index("label")
        for label in evidence:
            item = items.loc[label]
            lines.append(f"- **{label}** (lesson {item['lesson']}): {item['statement']} "
                         f"*Source:* {item['source']} (table `{item['table']}`).")
    argument = texts["argument"].strip()
    lines += ["", f"{h2} Argument", "",
              argument or "(Write your argument in the box 'Your argument': what should be done, "
                          "why now, and what could go wrong.)", "",
              f"{h2} What this memo leaves open", ""]
    order = list(names)
    open_ = [c for c in order if c not in answered]
    if answered:
        lines.append("- Challenges your chosen recommendations answer (suite's reading): "
                     + code_labels(sorted(answered, key=order.index), sep=", ") + ".")
    if open_:
        lines.append("- Not answered: " + code_labels(open_) + ".")
    if "CH1" not in answered:
        lines.append(f"- {code_label('CH1')}, which the brief calls fundamental, is not answered by any of "
                     "the brief's recommendations you chose: say how your memo deals with it.")
    lines.append("- The brief ends by calling a focus on Mali \"necessary but not sufficient\" "
                 "(Benabdallah and Large 2020): say how your advice fits a regional approach.")
    return "\n".join(lines) + "\n"


def summary(audience: str, recs, evidence, text="") -> str:
    """One line: audience, counts, words of the learner's own text (the specification's aim)."""
    chosen = _chosen(recs)
    n_ev = len(dict.fromkeys([evidence] if isinstance(evidence, str) else list(evidence or [])))
    words = word_count(_texts(text))
    aim = f"aim for {AIM[0]}-{AIM[1]}"
    return (f"Memo to {audience}: {len(chosen)} recommendation{'s' if len(chosen) != 1 else ''}, "
            f"{n_ev} evidence item{'s' if n_ev != 1 else ''}, {words} word{'s' if words != 1 else ''} "
            f"of your own ({aim}).")


#: The memo's title level in the lesson: its section is a level-2 heading, and headings go
#: down one level at a time (the saved file starts at level 1).
MEMO_LEVEL = 3


def view(audience: str = DEFAULT["audience"], rec1: str = DEFAULT["rec1"], rec2: str = DEFAULT["rec2"],
         rec3: str = DEFAULT["rec3"], evidence=DEFAULT["evidence"], own_rec: str = "", argument: str = ""):
    """What the widget shows: a summary line and the memo (title at level 3, sections at 4)."""
    recs = [rec1, rec2, rec3]
    text = {"argument": argument, "own_rec": own_rec}
    return [f"**{summary(audience, recs, evidence, text)}**",
            memo_markdown(audience, recs, evidence, text, level=MEMO_LEVEL)]


def save_memo(markdown: str):
    """Save the memo as ``my-answers/07-memo.md``; returns the saved file's path."""
    from nexus import answers

    return answers.save_file(MEMO_FILE, markdown)


def _saved_argument() -> str | None:
    """The Argument already in my-answers/07-memo.md (written by exercise 07, task 8), if any."""
    from nexus import answers

    try:
        return spec.argument_of(answers.load_text(MEMO_FILE.rsplit(".", 1)[0]))
    except Exception:
        return None


def save_message(audience: str, recs, evidence, text="") -> str:
    """Build the memo (headings from level 1), save it and say what happened (never raises).

    The memo is one file: when the argument box is empty, the Argument already saved in it (by
    exercise 07's memo task) is kept."""
    try:
        texts = _texts(text)
        kept = None if texts["argument"].strip() else _saved_argument()
        if kept:
            texts["argument"] = kept
        path = save_memo(memo_markdown(audience, recs, evidence, texts, level=1))
    except Exception as exc:  # a read-only copy, a bad choice...: tell the learner, no traceback
        return f"Not saved: {exc}"
    kept_note = " It keeps the argument you saved in exercise 07." if kept else ""
    return f"Saved as my-answers/{path.name}.{kept_note}"


# --------------------------------------------------------------------------- shell


def build():
    """The memo builder: audience, three recommendations, evidence, text boxes, Save memo."""
    import html

    import ipywidgets as w

    from nexus.widgets import label_style, panel

    options = recommendation_options()
    audience = w.Dropdown(options=list(AUDIENCES), value=DEFAULT["audience"],
                          description="Audience:", style=label_style)
    recs = [w.Dropdown(options=options, value=DEFAULT[f"rec{i}"], description=f"Recommendation {i}:",
                       style=label_style, layout=w.Layout(width="480px")) for i in (1, 2, 3)]
    evidence = w.SelectMultiple(options=list(EVIDENCE), value=DEFAULT["evidence"], rows=len(EVIDENCE),
                                description="Evidence (Ctrl/Shift + click or arrow keys to choose several):",
                                style=label_style, layout=w.Layout(width="720px"))
    own = w.Textarea(value="", placeholder="Only used if you choose 'My own recommendation'.",
                     description="My own recommendation:", style=label_style, continuous_update=False,
                     layout=w.Layout(width="720px", height="60px"))
    argument = w.Textarea(value="", placeholder="What should be done, why now, what could go wrong, "
                                                f"governance and the region ({AIM[0]}-{AIM[1]} words).",
                          description="Your argument:", style=label_style, continuous_update=False,
                          layout=w.Layout(width="720px", height="140px"))
    controls = {"audience": audience, "rec1": recs[0], "rec2": recs[1], "rec3": recs[2],
                "evidence": evidence, "own_rec": own, "argument": argument}
    box = panel(view, controls, title="Build your policy memo",
                help_text="Choose an audience, up to three recommendations and your evidence, then write "
                          "your argument; the memo below follows (text boxes update when you leave them).")
    button = w.Button(description="Save memo", button_style="primary",
                      tooltip="Save the memo as my-answers/07-memo.md")
    status = w.HTML(value="", layout=w.Layout(min_height="1.5em"))

    def on_save(_=None):
        values = {name: ctl.value for name, ctl in controls.items()}
        message = save_message(values["audience"], [values["rec1"], values["rec2"], values["rec3"]],
                               values["evidence"], {"argument": values["argument"],
                                                    "own_rec": values["own_rec"]})
        status.value = f'<span role="status">{html.escape(message)}</span>'

    button.on_click(on_save)
    children = list(box.children)
    children.insert(-1, w.HBox([button, status]))
    box.children = children
    box.save, box.status = on_save, status
    return box
