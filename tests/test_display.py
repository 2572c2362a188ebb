"""Accessible display: charts named by their text alternative, tables with a header on every
column, faint chart marks outlined, every widget control named for a screen reader."""

import base64
import html.parser
import importlib
import json
import pkgutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import pandas as pd
import pytest
from matplotlib.figure import Figure

from nexus import charts, data, display, widgets

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = (sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
             + sorted((ROOT / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb")))


class _Tags(html.parser.HTMLParser):
    def __init__(self, text):
        super().__init__()
        self.tags = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


# --------------------------------------------------------------------------- charts


def test_a_chart_is_an_img_named_by_its_text_alternative_with_a_png_copy():
    fig = charts.deaths_per_year(data.load("conflict_deaths"), {2012: "Crisis"})
    bundle = display.Chart.from_figure(fig)._repr_mimebundle_()
    (tag, attrs), = _Tags(bundle["text/html"]).tags
    assert tag == "img" and attrs["alt"] == fig.alt_text and "<" not in bundle["text/html"][4:]
    assert attrs["src"] == "data:image/png;base64," + bundle["image/png"]
    assert base64.b64decode(bundle["image/png"]) == charts.png_bytes(fig)
    assert bundle["text/plain"] == "[Chart: Deaths in organised violence in Mali per year]"
    live = display.Chart.from_figure(fig, png_fallback=False)._repr_mimebundle_()
    assert "image/png" not in live and live["text/html"] == bundle["text/html"]


def test_alt_text_is_escaped():
    out = display.Chart(b"png", 'Bars "A" & <B>')._repr_mimebundle_()["text/html"]
    (_, attrs), = _Tags(out).tags
    assert attrs["alt"] == 'Bars "A" & <B>' and "<B>" not in out


def test_a_hand_made_figure_is_described_by_its_title_and_labels():
    fig = Figure()
    ax = fig.subplots()
    ax.bar([2019, 2020], [3, 4])
    assert display.figure_alt(fig) == "A chart without a title or axis labels."
    ax.set_title("Deaths per year")
    ax.set_xlabel("Year")
    ax.set_ylabel("Deaths")
    assert display.figure_alt(fig) == "Chart: Deaths per year; horizontal axis: Year; vertical axis: Deaths."
    fig.alt_text = "Bars for 2019 and 2020."
    assert display.figure_alt(fig) == "Bars for 2019 and 2020."


def test_widgets_show_a_figure_as_a_named_image_and_its_text_alternative():
    fig = charts.deaths_per_year(data.load("conflict_deaths"))
    image, text = widgets.prepare(fig)
    assert "image/png" not in image._repr_mimebundle_()  # live only: no PNG copy
    assert text.data == f"**Text alternative.** {fig.alt_text}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.relative_to(ROOT).as_posix() for p in NOTEBOOKS])
def test_every_stored_chart_is_named_by_its_text_alternative(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        outputs = cell.get("outputs", [])
        for k, out in enumerate(outputs):
            data_ = out.get("data", {})
            if "image/png" not in data_:
                continue
            tags = _Tags("".join(data_.get("text/html", ""))).tags
            assert tags and tags[0][0] == "img", f"cell {i}: a chart without an <img> in its text/html"
            alt = tags[0][1].get("alt", "")
            assert alt.strip(), f"cell {i}: a chart image without alt text"
            assert base64.b64decode("".join(data_["image/png"]))[:4] == b"\x89PNG"
            if path.parent.name == "notebooks":  # lessons show charts with charts.show()
                after = "".join(outputs[k + 1]["data"].get("text/markdown", "")) if k + 1 < len(outputs) else ""
                assert after == f"**Text alternative.** {alt}", \
                    f"cell {i}: the visible text alternative differs from the image's alt text"


# --------------------------------------------------------------------------- contrast


def test_contrast_ratio_and_darker_shades():
    assert charts.contrast("#000000") == pytest.approx(21.0)
    assert charts.contrast("#ffffff") == pytest.approx(1.0)
    assert charts.contrast(charts.OKABE_ITO["orange"]) < 3
    shade = charts.darker(charts.OKABE_ITO["orange"])
    assert 3.0 <= charts.contrast(shade) < 3.6  # dark enough, and no darker than needed


def _mark_contrast(ax):
    """Every visible mark of the axes: the best contrast of its fill, edge or casing."""
    bg = ax.get_facecolor()
    found = []
    for p in ax.patches:
        if not p.get_visible() or p.get_zorder() <= 0:
            continue
        parts = [p.get_facecolor()] + ([p.get_edgecolor()] if p.get_linewidth() > 0 else [])
        found.append(("patch", max(charts.contrast(c, bg) for c in parts)))
    for line in ax.lines:
        if not line.get_visible() or line.get_linestyle() in ("None", "none", "") or line.get_linewidth() <= 0:
            continue
        parts = [line.get_color()] + [getattr(e, "_gc", {}).get("foreground") for e in line.get_path_effects()]
        found.append(("line", max(charts.contrast(c, bg) for c in parts if c is not None)))
    return found


def test_faint_marks_get_a_darker_outline_and_faint_text_is_darkened():
    fig, ax = charts.new_figure()
    ax.bar([1, 2], [3, 4], color=charts.OKABE_ITO["yellow"], edgecolor="white")
    ax.plot([1, 2], [1, 2], color=charts.OKABE_ITO["sky_blue"])
    grey = ax.text(1, 1, "note", color="#999999")
    white = ax.text(1, 2, "on a dark bar", color="white")
    charts.finish(fig, ax, title="T", xlabel="x", ylabel="y", tables="conflict_deaths", alt="A test.")
    assert min(c for _, c in _mark_contrast(ax)) >= 3.0
    assert matplotlib.colors.to_hex(ax.patches[0].get_facecolor()) == charts.OKABE_ITO["yellow"].lower()
    assert charts.contrast(grey.get_color()) >= 4.5 and white.get_color() == "white"


@pytest.mark.parametrize("make", [
    lambda: charts.crisis_minusma_fatalities(data.load("minusma_fatalities")),
    lambda: charts.nexus_china_peacekeepers(data.load("peacekeepers_p5")),
    lambda: charts.footprint_finance(data.load("chinese_finance")),
    lambda: charts.crisis_deaths_by_type(data.load("conflict_deaths_by_type")),
], ids=["minusma_fatalities", "china_peacekeepers", "finance", "deaths_by_type"])
def test_every_mark_of_the_suites_charts_stands_out_3_to_1(make):
    fig = make()
    for ax in fig.get_axes():
        faint = [(kind, round(c, 2)) for kind, c in _mark_contrast(ax) if c < 3.0]
        assert not faint, f"{ax.get_title(loc='left')!r}: marks fainter than 3:1: {faint}"


# --------------------------------------------------------------------------- tables


def _headers(html_text):
    return [a for a in _Tags(html_text).tags if a[0] == "th"]


def test_a_table_counting_rows_is_shown_without_its_index():
    frame = pd.DataFrame({"rank": [1, 2], "id": ["R5", "R1"]})
    out = display.table_html(frame)
    assert "<th>rank</th>" in out and "<th></th>" not in out and "<th>0</th>" not in out
    assert len(_headers(out)) == 2


def test_a_meaningful_index_becomes_a_named_column():
    wide = pd.DataFrame({"year": [2010, 2010, 2011], "country": ["Mali", "China", "Mali"],
                         "hdi": [0.4, 0.7, 0.41]}).pivot(index="year", columns="country", values="hdi")
    out = display.table_html(wide)
    assert "<th></th>" not in out and out.count("<tr") == 3  # one header row, two rows
    assert "<th>year</th>" in out and "<th>China</th>" in out
    labelled = pd.DataFrame({"a": [1, 2]}, index=["x", "y"])
    assert "<th>index</th>" in display.table_html(labelled)


def test_rows_picked_from_a_table_keep_no_row_numbers_and_wide_tables_scroll_by_keyboard():
    picked = pd.DataFrame({"a": [1, 2, 3], "b": [4, 5, 6]}).iloc[[0, 2]]
    out = display.table_html(picked)
    assert [t for t in _Tags(out).tags if t[0] == "th"] == [("th", {}), ("th", {})]
    (tag, attrs) = _Tags(out).tags[0]
    assert tag == "div" and attrs["tabindex"] == "0" and attrs["role"] == "group"
    assert attrs["aria-label"] == "Table of a, b"


# --------------------------------------------------------------------------- widgets


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


def _built_widgets():
    import nexus.widgets as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        module = importlib.import_module(f"nexus.widgets.{info.name}")
        if callable(getattr(module, "build", None)) and not getattr(module, "GENERIC", False):
            yield info.name, module.build()
    from nexus import feedback

    yield "quiz", feedback.quiz("00", next(iter(feedback._bank("00")))).widget()


@pytest.fixture(scope="module")
def built():
    return list(_built_widgets())


def test_every_widget_control_has_a_name_a_screen_reader_reads(built):
    import ipywidgets as w

    problems = []
    for name, box in built:
        for ctl in _walk(box):
            kind = type(ctl).__name__
            if isinstance(ctl, (w.IntSlider, w.FloatSlider, w.IntRangeSlider, w.FloatRangeSlider,
                                w.SelectionSlider, w.SelectionRangeSlider)):
                problems.append(f"{name}: a {kind} (ipywidgets gives its handle no accessible name)")
            if isinstance(ctl, w.Button) and (ctl.icon or not ctl.description):
                problems.append(f"{name}: button {ctl.description!r} has an icon (read out) or no text")
            if isinstance(ctl, (w.Dropdown, w.SelectMultiple, w.Textarea, w.Text, w.Checkbox)) \
                    and not ctl.description.strip():
                problems.append(f"{name}: a {kind} without a label")
            if isinstance(ctl, w.ToggleButtons) and ctl.style.button_width != "auto":
                problems.append(f"{name}: toggle buttons of fixed width cut long labels off")
    assert not problems, "\n".join(problems)


def test_every_panel_brings_a_visible_focus_ring(built):
    for name, box in built:
        if name == "quiz":
            from nexus.feedback import QUIZ_CSS

            assert ":focus-visible{outline:3px solid" in QUIZ_CSS
            continue
        assert "nexus-panel" in box._dom_classes, name
        assert any(widgets.PANEL_CSS in getattr(c, "value", "") for c in _walk(box)), name
