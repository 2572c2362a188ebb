"""Maps of Mali by region (lessons 03 and 05), drawn with matplotlib alone.

* :func:`mali_map_values` - one row per region on the map: the ACLED figure of a year (or of
  2017-2020), its share, its colour class and the named Chinese projects placed in it;
* :func:`mali_violence_map` - "where the crisis is": Mali's regions shaded by an ACLED measure
  for one year (or 2017-2020), each region labelled with its number, the named Chinese
  projects (``chinese_projects``) marked where they are placed;
* :func:`mali_violence_map_pair` - two years side by side on one colour scale (e.g. 2017 and
  2020: the violence moves from the north to the centre).

Data helpers (not charts): :func:`map_regions` (the polygons and their ACLED names) and
:func:`acled_region_to_map` (which polygon draws each ACLED region).

The polygons are Natural Earth's nine regions from before Menaka and Taoudenit were set up
(``data/mali_regions.README.md``): ACLED's Menaka is drawn within Gao, Taoudenit within
Timbuktu, and every map says so. Colour classes are light-to-dark shades of one Okabe-Ito
colour, so they stay in order for colour-blind readers and in greyscale; every region also
carries its number in words, so no meaning rests on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path

from nexus import data
from nexus.charts import OKABE_ITO, _style, computed_once, finish, new_figure, remembered
from nexus.charts.crisis import MEASURE_UNITS, MEASURES

__all__ = ["mali_map_values", "mali_violence_map", "mali_violence_map_pair"]

NOT_LOCATED = "national / not located"
ALL_YEARS = None  # ``year=None`` means every year of the table summed (2017-2020)

#: Where each region's label goes: a point well inside the polygon (the point farthest from
#: its edges, found once on an 80 x 80 grid, moved apart for Koulikoro and Segou so their
#: labels do not touch; tests check that each lies inside its region). Bamako is too small
#: to label inside, so its label sits outside Mali with a leader line to this point.
LABEL_AT = {"Timbuktu": (-3.84, 21.47), "Kidal": (1.37, 19.07), "Gao": (0.62, 16.45),
            "Bamako": (-8.0, 12.63), "Kayes": (-10.28, 13.87), "Sikasso": (-7.39, 11.22),
            "Mopti": (-3.5, 14.62), "Segou": (-5.6, 13.9), "Koulikoro": (-7.9, 14.3)}
BAMAKO_CALLOUT = (-11.0, 11.1)

#: Lower bounds of the colour classes above zero, per measure (the same in every year, so
#: two maps can be compared by colour).
BREAKS = {"events": (1, 25, 100, 250, 500),
          "fatalities": (1, 50, 200, 500, 1000),
          "fatalities in violence against civilians": (1, 50, 200, 500, 1000)}
NO_ROW = "no events recorded"


def _shade(fraction: float) -> str:
    """White blended towards Okabe-Ito vermillion (fraction <= 1), then darkened (> 1)."""
    base = np.array(to_rgb(OKABE_ITO["vermillion"]))
    if fraction <= 1:
        rgb = 1 - fraction * (1 - base)
    else:
        rgb = base * (1 - 0.55 * (fraction - 1))
    return to_hex(rgb)


#: Fill of each class: "none" (value 0), then the five classes of BREAKS, lightest first.
CLASS_COLOURS = ["#f2f2f2"] + [_shade(f) for f in (0.18, 0.4, 0.65, 1.0, 1.8)]
PROJECT_STYLE = {"marker": "^", "color": OKABE_ITO["bluish_green"], "edgecolor": "black"}
ASPECT = 1 / np.cos(np.radians(17.5))  # degrees of longitude are shorter at Mali's latitude


@dataclass(frozen=True)
class Region:
    """One polygon of the map: its names, the ACLED names drawn in it, its outline."""

    region: str
    region_fr: str
    iso_3166_2: str
    acled: tuple[str, ...]
    rings: tuple[np.ndarray, ...]

    @property
    def name(self) -> str:
        """The name learners see in the ACLED table (Tombouctou, not Timbuktu)."""
        return self.acled[0] if self.acled else self.region

    @cached_property
    def path(self) -> Path:
        """The outline (built once: every map and every state of the map widget draws it)."""
        verts, codes = [], []
        for ring in self.rings:
            verts.extend(ring.tolist())
            codes.extend([Path.MOVETO] + [Path.LINETO] * (len(ring) - 2) + [Path.CLOSEPOLY])
        return Path(np.array(verts), codes)


@cache
def map_regions() -> tuple[Region, ...]:
    """The nine polygons of ``mali_regions``, with the ACLED names of the suite's table each draws.

    Only names that ``violence_by_region`` can hold (its schema's enum) are kept in
    ``acled``; the geojson's other spellings (Ségou, Taoudenit, ...) serve other extracts.
    """
    known = _acled_names()
    out = []
    for feature in data.load_geojson("mali_regions")["features"]:
        p, geom = feature["properties"], feature["geometry"]
        polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        rings = tuple(np.asarray(ring, dtype=float) for polygon in polygons for ring in polygon)
        acled = tuple(name for name in p["match_admin1"] if name in known)
        out.append(Region(p["region"], p["region_fr"], p["iso_3166_2"], acled, rings))
    return tuple(out)


def _acled_names() -> list[str]:
    field = next(f for f in data.info("violence_by_region")["schema"]["fields"] if f["name"] == "region")
    return list(field["constraints"]["enum"])


def acled_region_to_map() -> dict[str, str]:
    """ACLED region name -> the name of the map polygon that draws it (``"Menaka" -> "Gao"``).

    Polygons are named as in the ACLED table (:attr:`Region.name`: Tombouctou, not Timbuktu).
    """
    return {name: r.name for r in map_regions() for name in r.acled}


def _class_index(value, measure: str) -> int | None:
    """None for no ACLED row; 0 for zero; 1-5 for the classes of BREAKS."""
    if value is None or pd.isna(value):
        return None
    return int(np.searchsorted(BREAKS[measure], value, side="right"))


def class_labels(measure: str) -> list[str]:
    """The legend's words for each class, in CLASS_COLOURS order."""
    b = BREAKS[measure]
    labels = ["0"]
    labels += [f"{b[i]:,}-{b[i + 1] - 1:,}" for i in range(len(b) - 1)]
    labels.append(f"{b[-1]:,} or more")
    return labels


def _period(year) -> str:
    return "2017-2020" if year is ALL_YEARS else str(year)


@computed_once
def mali_map_values(violence: pd.DataFrame, year: int | None = 2019, measure: str = "fatalities",
                    projects: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per map region, largest value first (regions with no ACLED row last).

    Columns: ``region`` (the polygon, named as in the ACLED table), ``region_fr``,
    ``acled_regions`` (the ACLED names summed into it, e.g. "Gao + Menaka"), ``value`` (the
    measure in ``year``, or summed over every year of the table when ``year`` is None; <NA>
    where ACLED has no row, which means no events in the export, not zero), ``share_pct`` (of
    the country's total, one decimal), ``colour_class`` (0 for zero, 1-5 for the classes, <NA> for no row) and
    ``named_projects`` (rows of ``projects`` placed in the region; 0 without ``projects``).

    A region name in ``violence`` that no polygon draws raises ``ValueError``: the map never
    drops figures silently.
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {list(MEASURES)}")
    col = MEASURES[measure]
    to_map = acled_region_to_map()
    names = violence["region"].astype(str)
    unknown = sorted(set(names) - set(to_map))
    if unknown:
        raise ValueError(f"no region of the map draws ACLED region(s) {unknown}")
    rows = violence if year is ALL_YEARS else violence[violence["year"] == year]
    if year is not ALL_YEARS and rows.empty:
        raise ValueError(f"the table has no rows for {year} (years: "
                         f"{sorted(violence['year'].unique().tolist())})")
    summed = rows.groupby(rows["region"].astype(str).map(to_map))[col].sum()
    total = int(summed.sum())
    counts = pd.Series(dtype="int64")
    if projects is not None:
        placed = projects["region"].astype(str)
        counts = placed[placed != NOT_LOCATED].map(lambda r: to_map.get(r, r)).value_counts()
    table = []
    for r in map_regions():
        value = int(summed[r.name]) if r.name in summed.index else None
        table.append({"region": r.name, "region_fr": r.region_fr,
                      "acled_regions": " + ".join(r.acled),
                      "value": value,
                      "share_pct": round(100 * value / total, 1) if value is not None and total else np.nan,
                      "colour_class": _class_index(value, measure),
                      "named_projects": int(counts.get(r.name, 0))})
    out = pd.DataFrame(table)
    out["value"] = out["value"].astype("Int64")
    out["colour_class"] = out["colour_class"].astype("Int64")
    out["share_pct"] = out["share_pct"].astype("float64")
    order = out["value"].fillna(-1).astype("int64")
    return (out.assign(_o=-order).sort_values(["_o", "region"], kind="mergesort")
            .drop(columns="_o").reset_index(drop=True))


def _fill(colour_class) -> tuple[str, str]:
    if colour_class is None or pd.isna(colour_class):
        return "white", "///"
    return CLASS_COLOURS[int(colour_class)], ""


def _text_colour(colour: str) -> str:
    r, g, b = to_rgb(colour)
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45 else "black"


def _draw(ax, values: pd.DataFrame, projects_shown: bool, fontsize: float = 8) -> None:
    by_region = values.set_index("region")
    for r in map_regions():
        row = by_region.loc[r.name]
        colour, hatch = _fill(row["colour_class"])
        # add_artist, not add_patch: the limits are set below, and add_patch's autoscaling
        # walks every vertex (half the time of drawing the map)
        ax.add_artist(PathPatch(r.path, facecolor=colour, hatch=hatch, edgecolor="#333333",
                                linewidth=0.7, zorder=1))
        value = row["value"]
        number = "no events" if pd.isna(value) else f"{int(value):,}"
        name = "Gao (+Menaka)" if "Menaka" in r.acled else r.name
        text = f"{name}\n{number}"
        x, y = LABEL_AT[r.region]
        halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
        if r.region == "Bamako":
            ax.annotate(text, xy=(x, y), xytext=BAMAKO_CALLOUT, fontsize=fontsize, ha="center", va="center",
                        zorder=5, arrowprops={"arrowstyle": "-", "color": "#333333", "linewidth": 0.8},
                        bbox={"boxstyle": "round,pad=0.3", "facecolor": colour, "edgecolor": "#333333",
                              "hatch": hatch},
                        color=_text_colour(colour))
        else:
            ax.text(x, y, text, fontsize=fontsize, ha="center", va="center", zorder=5,
                    color="black", path_effects=halo)
        if projects_shown and row["named_projects"]:
            if r.region == "Bamako":  # beside the callout: the district is too small to hold it
                px, py = BAMAKO_CALLOUT[0] + 1.1, BAMAKO_CALLOUT[1]
            else:
                px, py = x - 0.15, y - 0.85
            ax.scatter([px], [py], s=70, marker=PROJECT_STYLE["marker"], color=PROJECT_STYLE["color"],
                       edgecolors=PROJECT_STYLE["edgecolor"], linewidths=0.8, zorder=6)
            ax.text(px + 0.3, py, str(int(row["named_projects"])), fontsize=8, va="center",
                    ha="left", zorder=6, path_effects=halo)
    ax.set_xlim(-12.8, 4.8)
    ax.set_ylim(9.9, 25.3)
    ax.set_aspect(ASPECT)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for side in ax.spines.values():
        side.set_visible(False)


def _legend(ax, measure: str, values_list, projects_shown: bool, n_not_located: int, **kwargs):
    handles = [Patch(facecolor="white", edgecolor="#333333", hatch="///", label=NO_ROW)]
    handles += [Patch(facecolor=c, edgecolor="#333333", label=lab)
                for c, lab in zip(CLASS_COLOURS, class_labels(measure), strict=True)]
    if projects_shown:
        label = "named Chinese projects, all years\n(count; placed in their region,\nnot at their site)"
        handles.append(Line2D([], [], linestyle="", marker=PROJECT_STYLE["marker"], markersize=9,
                              markerfacecolor=PROJECT_STYLE["color"],
                              markeredgecolor=PROJECT_STYLE["edgecolor"], label=label))
    return ax.legend(handles=handles, title=MEASURE_UNITS[measure].capitalize(), fontsize=8,
                     title_fontsize=8, **kwargs)


def _note(projects_shown: bool, n_not_located: int) -> str:
    note = ("Menaka's figures are drawn within Gao: the map\nhas the nine regions from before "
            "Menaka and\nTaoudenit were set up (Natural Earth).")
    if projects_shown:
        note += (f"\n{n_not_located} named projects have no place\n(national / not located) "
                 "and are not drawn.")
    return note


def _pct(share: float) -> str:
    return "under 1%" if 0 < share < 1 else f"{share:.0f}%"


def _describe(values: pd.DataFrame, measure: str, year) -> str:
    with_row = values[values["value"].notna()]
    parts = []
    for _, row in with_row.iterrows():
        name = "Gao with Menaka" if "Menaka" in row["acled_regions"] else row["region"]
        parts.append(f"{name} {int(row['value']):,} ({_pct(row['share_pct'])})")
    text = (f"Map of Mali's nine regions shaded by ACLED {MEASURE_UNITS[measure]}"
            f"{' in violence against civilians' if 'civilians' in measure else ''} in "
            f"{'the four years 2017-2020 together' if year is ALL_YEARS else year}, darker for more. "
            f"Total {int(with_row['value'].sum()):,}. By region, largest first: {'; '.join(parts)}.")
    no_row = values[values["value"].isna()]["region"].tolist()
    if no_row:
        text += f" No events recorded in the export for {', '.join(no_row)}."
    return text


def _describe_projects(values: pd.DataFrame, n_not_located: int) -> str:
    placed = values[values["named_projects"] > 0].sort_values("named_projects", ascending=False,
                                                              kind="mergesort")
    if placed.empty:
        return " No named Chinese project is placed in a region."
    where = ", ".join(f"{int(n)} in {r}" for r, n in zip(placed["region"], placed["named_projects"], strict=True))
    value = placed["value"].fillna(0).sum()
    total = values["value"].fillna(0).sum()
    share = f"{100 * value / total:.0f}%" if total else "none"
    return (f" Triangles mark the named Chinese projects of the suite's partial list (all years) placed "
            f"in their region: {where}; {n_not_located} have no place. The regions with a named project "
            f"account for {int(value):,} of the {int(total):,} ({share}).")


def _not_located(projects) -> int:
    if projects is None:
        return 0
    return int((projects["region"].astype(str) == NOT_LOCATED).sum())


@remembered
def mali_violence_map(violence: pd.DataFrame, year: int | None = 2019, measure: str = "fatalities",
                      projects: pd.DataFrame | None = None, *, reuse: Figure | None = None) -> Figure:
    """Where the crisis is: Mali's regions shaded by an ACLED measure in ``year``.

    ``violence`` is the ``violence_by_region`` table; ``year`` one of its years, or None for
    2017-2020 together; ``measure`` one of "events", "fatalities", "fatalities in violence
    against civilians". With ``projects`` (the ``chinese_projects`` table) the named Chinese
    projects are marked in their region (lesson 05's question: does "Bamako-centred" show?).
    """
    values = mali_map_values(violence, year, measure, projects)
    shown = projects is not None
    n_none = _not_located(projects)
    fig, ax = new_figure(8.0, 6.2, reuse=reuse)
    with _style():
        _draw(ax, values, shown)
        _legend(ax, measure, [values], shown, n_none, loc="upper left", bbox_to_anchor=(0.86, 1.0))
        ax.text(0.99, 0.02, _note(shown, n_none), transform=ax.transAxes, fontsize=7.5,
                ha="right", va="bottom", color="#333333")
    alt = _describe(values, measure, year) + (_describe_projects(values, n_none) if shown else "")
    alt += (" Menaka's figures are drawn within Gao (the map has the nine regions from before "
            "Menaka and Taoudenit were set up).")
    what = {"events": "Political-violence events", "fatalities": "Reported fatalities",
            "fatalities in violence against civilians": "Fatalities in violence against civilians"}[measure]
    title = f"{what} by region, {_period(year)}"
    if shown:
        title += ", and named Chinese projects"
    else:
        title = f"Where the crisis is: {what[0].lower()}{what[1:]} in Mali by region, {_period(year)}"
    tables = ["violence_by_region", "mali_regions"] + (["chinese_projects"] if shown else [])
    return finish(fig, ax, title=title, xlabel="", ylabel="", tables=tables, alt=alt)


def mali_violence_map_pair(violence: pd.DataFrame, years=(2017, 2020), measure: str = "fatalities") -> Figure:
    """Two maps side by side on one colour scale: where the violence was in two years."""
    first, second = years
    v1 = mali_map_values(violence, first, measure)
    v2 = mali_map_values(violence, second, measure)
    fig, (a1, a2) = new_figure(8.0, 5.6, ncols=2)
    with _style():
        _draw(a1, v1, False, fontsize=7)
        _draw(a2, v2, False, fontsize=7)
        a1.set_title(str(first), loc="center", fontsize=11)
        a2.set_title(str(second), loc="center", fontsize=11)
        handles = _legend(a2, measure, [v1, v2], False, 0).legend_handles
        labels = [t.get_text() for t in a2.get_legend().get_texts()]
        a2.get_legend().remove()
        fig.legend(handles=handles, labels=labels, loc="lower center", bbox_to_anchor=(0.5, 0.055),
                   ncols=4, fontsize=8,
                   title=f"{MEASURE_UNITS[measure].capitalize()} (Menaka's are drawn within Gao)",
                   title_fontsize=8, frameon=False)
    centre = {}
    for y, v in ((first, v1), (second, v2)):
        total = v["value"].fillna(0).sum()
        mid = v[v["region"].isin(["Mopti", "Segou"])]["value"].fillna(0).sum()
        centre[y] = (int(total), int(mid), 100 * mid / total if total else 0)
    alt = (f"Two maps of Mali's nine regions, {first} (left) and {second} (right), shaded by ACLED "
           f"{MEASURE_UNITS[measure]} on the same scale, darker for more. "
           + " ".join(f"{y}: {t:,} in all, {m:,} ({s:.0f}%) in the centre (Mopti and Segou)."
                      for y, (t, m, s) in centre.items())
           + f" Left map by region: {_describe(v1, measure, first).split('largest first: ')[1]}"
           + f" Right map by region: {_describe(v2, measure, second).split('largest first: ')[1]}"
           + " Menaka's figures are drawn within Gao.")
    fig.suptitle(f"Where the violence was: {MEASURE_UNITS[measure]} by region, {first} and {second}",
                 x=0.01, ha="left", fontsize=12, fontweight="bold")
    finish(fig, a1, title="", xlabel="", ylabel="", tables=["violence_by_region", "mali_regions"], alt=alt)
    fig.get_layout_engine().set(rect=(0, 0.17, 1, 0.9))  # room for the legend above the source line
    return fig
