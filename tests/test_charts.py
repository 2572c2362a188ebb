"""The chart style and the deaths-per-year chart: titled, labelled, sourced,
described in words, drawn from the right numbers."""

from matplotlib.colors import to_hex

from nexus import charts, data


def _texts(fig):
    return [t.get_text() for t in fig.texts]


def test_palette_is_okabe_ito():
    assert charts.PALETTE[0] == "#0072B2" and "#E69F00" in charts.PALETTE
    assert set(charts.PALETTE) <= set(charts.OKABE_ITO.values())


def test_deaths_per_year_draws_the_table():
    deaths = data.load("conflict_deaths")
    fig = charts.deaths_per_year(deaths, {2012: "Crisis begins", 2018: "Escalation"})
    ax = fig.axes[0]
    heights = [int(p.get_height()) for p in ax.patches]
    assert heights == deaths["deaths"].tolist()
    assert [round(p.get_x() + p.get_width() / 2) for p in ax.patches] == deaths["year"].tolist()
    assert ax.get_title(loc="left") == "Deaths in organised violence in Mali per year"
    assert ax.get_xlabel() == "Year" and "Deaths" in ax.get_ylabel()
    assert to_hex(ax.patches[0].get_facecolor()) == charts.OKABE_ITO["blue"].lower()
    milestone_x = sorted(line.get_xdata()[0] for line in ax.lines)
    assert milestone_x == [2012, 2018]
    assert any(t.startswith("Source: " + data.source("conflict_deaths")) for t in _texts(fig))


def test_text_alternative_states_the_numbers():
    deaths = data.load("conflict_deaths")
    fig = charts.deaths_per_year(deaths, {2018: "Escalation"})
    assert "1,237" in fig.alt_text and "2018" in fig.alt_text and "2000" in fig.alt_text
    assert "2018: Escalation" in fig.alt_text


def test_png_is_stable_and_show_prints_the_alternative(capsys):
    deaths = data.load("conflict_deaths")
    a = charts.png_bytes(charts.deaths_per_year(deaths))
    b = charts.png_bytes(charts.deaths_per_year(deaths))
    assert a[:8] == b"\x89PNG\r\n\x1a\n" and a == b


def test_chart_names_are_unique_across_topics():
    import importlib
    import pkgutil

    seen = {name: "__init__" for name in charts.__all__}
    for module in pkgutil.iter_modules(charts.__path__):
        topic = importlib.import_module(f"nexus.charts.{module.name}")
        for name in getattr(topic, "__all__", ()):
            assert name not in seen, f"{name} is defined in both {seen[name]} and {module.name}"
            seen[name] = module.name
            assert getattr(charts, name) is getattr(topic, name)
