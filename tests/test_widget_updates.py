"""Chart widgets update the figure they drew last instead of building a new one. What a learner
sees after a change must be what a freshly built chart of that setting shows: the same picture
(byte for byte), the same title and the same text alternative, shown beside the image and
under it. And the PNG drawn by the suite's own renderer (shared, remembering text it drew
before) is the PNG matplotlib's own Agg canvas draws."""

import io

import IPython.display
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nexus import charts, data
from nexus.display import Chart, figure_alt
from nexus.widgets import indicator_explorer, p5_explorer, prioritiser, region_explorer, timeline_explorer, violence_map

#: widget -> a change a learner makes (control, new value)
CHANGES = {
    indicator_explorer: ("series", None),
    p5_explorer: ("measure", None),
    prioritiser: ("R1_impact", 5),
    region_explorer: ("year", None),
    timeline_explorer: ("start", 2015),
    violence_map: ("measure", None),
}


def _other_value(control):
    options = [o[1] if isinstance(o, tuple) else o for o in control.options]
    return next(v for v in options if v != control.value)


def _figure(result) -> Figure:
    return next(item for item in result if isinstance(item, Figure))


def _slots(box) -> charts.FigureSlots:
    """The figures the panel's logic updates (held by its closure)."""
    cells = box.logic.__closure__ or ()
    return next(c.cell_contents for c in cells if isinstance(c.cell_contents, charts.FigureSlots))


@pytest.fixture
def displayed(monkeypatch):
    """What the panels display, in order."""
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *items, **_: shown.extend(items))
    return shown


def _chart_and_caption(shown):
    chart = next(item for item in shown if isinstance(item, Chart))
    caption = next(item for item in shown if isinstance(item, IPython.display.Markdown)
                   and item.data.startswith("**Text alternative.**"))
    return chart, caption.data


@pytest.mark.parametrize("module", list(CHANGES), ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_a_new_setting_shows_what_a_new_chart_would(module, displayed):
    box = module.build()
    first_chart, first_caption = _chart_and_caption(displayed)
    first_values = {n: c.value for n, c in box.controls.items()}
    figure_before = _figure(box.logic(**first_values))

    name, value = CHANGES[module]
    control = box.controls[name]
    displayed.clear()
    control.value = _other_value(control) if value is None else value
    chart, caption = _chart_and_caption(displayed)

    values = {n: c.value for n, c in box.controls.items()}
    updated = _figure(box.logic(**values))
    assert updated is figure_before  # the same figure, updated
    _slots(box).clear()
    fresh = _figure(box.logic(**values))  # built from nothing for this setting
    assert fresh is not updated

    assert chart.alt == figure_alt(fresh) != first_chart.alt
    assert caption == f"**Text alternative.** {chart.alt}" != first_caption
    assert chart.png == charts.png_bytes(fresh) != first_chart.png
    html = chart._repr_mimebundle_()["text/html"]
    assert html.startswith("<img ") and "alt=" in html

    # back to the first setting: what it showed before, at once
    displayed.clear()
    control.value = first_values[name]
    again, again_caption = _chart_and_caption(displayed)
    assert (again.alt, again.png, again_caption) == (first_chart.alt, first_chart.png, first_caption)


def _plain_png(fig: Figure) -> bytes:
    """The PNG matplotlib draws with its own Agg canvas (a new renderer, no remembered text)."""
    buf = io.BytesIO()
    with charts._style():
        FigureCanvasAgg(fig)
        fig.savefig(buf, **charts.PNG_OPTIONS)
    return buf.getvalue()


def _figures():
    v = data.load("violence_by_region")
    return [
        lambda: charts.deaths_per_year(data.load("conflict_deaths"), {2012: "Crisis begins"}),
        lambda: timeline_explorer.chart(data.load("brief_timeline"), data.load("conflict_deaths_by_type"),
                                        2012, 2020),
        lambda: violence_map.view(v, data.load("chinese_projects"), 2019)[1],
        lambda: region_explorer.view(v, 2018, "events")[1],
        lambda: indicator_explorer.figure(next(iter(indicator_explorer.SERIES))),
    ]


def test_the_suites_renderer_draws_what_matplotlib_draws():
    for make in _figures():
        first = charts._render(make())   # a renderer meeting these texts for the first time...
        again = charts._render(make())   # ...and one that has drawn them before
        assert first == again == _plain_png(make())
